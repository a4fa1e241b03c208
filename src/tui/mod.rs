//! The ward-round dashboard: a keyboard-driven terminal view of the whole ward.
//!
//! Built for SSH: no mouse capture, no keyboard-protocol queries, redraws only when something
//! changed (a key, a change on disk, the minute ticking), every frame wrapped in a synchronized
//! update, and the terminal restored on quit, on a panic, on SIGTERM and on SIGHUP. A form left
//! half-filled when the program is stopped is discarded: nothing partial is ever written; a form
//! already submitted and waiting for its case is kept in `conflicts/`.

pub mod app;
pub mod audit;
pub mod brief;
mod editor;
mod form_field;
pub mod forms;
pub mod print;
pub mod round;
pub mod screen;
pub mod views;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};

use crate::context::{self, Context};
use crate::settings::color::{ColorEnv, Depth};
use crate::store::StoreError;
use app::{App, Effect};

/// Why the dashboard could not start, or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// A key binding or colour in the settings is wrong.
    #[error("config: {0}")]
    Config(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot watch for signals: {0}")]
    Signals(io::Error),
    #[error("cannot open the terminal: {0}")]
    Terminal(io::Error),
    #[error("terminal error: {0}")]
    Io(io::Error),
}

/// Builds the app for a context with the keymap and theme from the settings; the case files are
/// read in the background.
pub fn app(ctx: Context) -> Result<App, TuiError> {
    let keymap = ctx.settings.keymap().map_err(TuiError::Config)?;
    let env = ColorEnv::read();
    let depth = Depth::decide(crate::settings::color::choice(), &env, true);
    let theme = ctx.settings.theme(depth, env.background()).map_err(TuiError::Config)?;
    // Writes others left interrupted are settled before anything is shown.
    let settled = ctx.store.settle_journal();
    let mut app = App::start(ctx, keymap, theme)?;
    for said in settled {
        app.say(said, true);
    }
    let var = |name: &str| std::env::var(name).ok();
    app.ascii =
        !crate::present::locale_is_utf8(var("LC_ALL").as_deref(), var("LC_CTYPE").as_deref(), var("LANG").as_deref());
    Ok(app)
}

/// Opens the dashboard and runs it until the user quits or the session ends.
pub fn run(ctx: Context) -> Result<(), TuiError> {
    let mut app = app(ctx)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(TuiError::Signals)?;
    }
    let mut terminal = screen::open().map_err(TuiError::Terminal)?;
    watchdog(Arc::clone(&stop), app.ctx.demo_dir().map(std::path::Path::to_path_buf));
    let result = event_loop(&mut terminal, &mut app, &stop);
    // A save still waiting for its case when the dashboard stops is kept, never dropped.
    let kept = app.keep_unsaved();
    // After SIGHUP the terminal may be gone; restoring can fail and that is fine.
    let _ = ratatui::try_restore();
    if let Some(kept) = kept {
        eprintln!("cordwatch: {}", crate::model::text::sanitize(&kept));
    }
    // From here the ordinary way out removes the demo ward (when the context is dropped); the
    // watchdog must not exit the process half-way through that, nor race it in removing it.
    std::mem::forget(LEAVING.lock());
    result.map_err(TuiError::Io)
}

/// Held by whichever way out goes first: the ordinary return from [`run`] or the watchdog.
static LEAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether the terminal on stdin has hung up (the SSH connection or the terminal window is gone).
fn terminal_hung_up() -> bool {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() {
        return false;
    }
    let mut fd = libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 };
    // SAFETY: `fd` is one valid pollfd for the duration of the call; the timeout is zero.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Makes sure the program ends when it is told to or when its terminal is gone. The event loop
/// notices on its own within a quarter of a second, except in one case: when the terminal hangs
/// up, crossterm's reader can spin on end-of-file and never return. Then this thread restores
/// what it can and exits. Nothing half-typed is lost that was not already unsaved: every write
/// is atomic and happens only when a form is saved. `std::process::exit` runs no destructor, so
/// the demo ward's temporary directory (`demo`) is removed here first; it is never left behind.
fn watchdog(stop: Arc<AtomicBool>, demo: Option<std::path::PathBuf>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let hung_up = terminal_hung_up();
            if hung_up || stop.load(Ordering::Relaxed) {
                stop.store(true, Ordering::Relaxed);
                // Give the event loop a moment to leave the ordinary way; once it has begun to,
                // this waits here for ever and the process ends that way.
                std::thread::sleep(Duration::from_millis(1000));
                let _leaving = LEAVING.lock();
                let _ = ratatui::try_restore();
                if let Some(dir) = &demo {
                    let _ = std::fs::remove_dir_all(dir);
                }
                std::process::exit(if hung_up { 129 } else { 143 });
            }
        }
    });
}

fn draw(terminal: &mut screen::Screen, app: &App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| views::draw(frame, app))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}

fn event_loop(terminal: &mut screen::Screen, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    let refresh = Duration::from_secs(u64::from(app.ctx.settings.refresh_seconds));
    let mut last_check = Instant::now();
    let mut dirty = true;
    loop {
        if stop.load(Ordering::Relaxed) || terminal_hung_up() {
            return Ok(());
        }
        if dirty {
            draw(terminal, app)?;
            dirty = false;
        }
        // Wake for input, for the next look at the disk, and often enough to notice a signal;
        // while case files are still loading, often enough to show them as they come.
        let limit = if app.loading().is_some() {
            Duration::from_millis(15)
        } else if app.is_saving() {
            // A save waiting for its case is tried again, and its spinner turned, this often.
            Duration::from_millis(100)
        } else {
            Duration::from_millis(250)
        };
        let timeout = refresh.saturating_sub(last_check.elapsed()).min(limit);
        if event::poll(timeout)? {
            // Drain everything already typed before drawing once.
            loop {
                match event::read()? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => {
                        dirty = true;
                        match app.handle_key(key) {
                            Effect::None => {}
                            Effect::Quit => return Ok(()),
                            Effect::Edit { id } => editor::edit(terminal, app, &id)?,
                        }
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        dirty |= app.receive_loaded();
        dirty |= app.retry_save();
        dirty |= app.take_notices();
        if last_check.elapsed() >= refresh {
            last_check = Instant::now();
            dirty |= app.poll_changes();
            dirty |= app.tick(context::wall_clock());
        }
        if app.take_bell() {
            // BEL: the terminal's own bell (or its visual bell), once per arrival.
            use std::io::Write as _;
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
    }
}
