//! The pathway audit at regional scale: 10,000 cases and 10,000 archived, over the default twelve
//! months. `read_and_audit` is what `cordwatch audit` does before printing (every file read,
//! every case judged); `audit_only` is the engine alone on cases already read.
//! Run with `cargo bench --bench audit`; figures and the machine are in docs/performance.md.

mod fixture;

use cordwatch::engine::audit::{self, AuditCase, Window};
use cordwatch::guidelines::Guidelines;
use cordwatch::model::Stamp;
use cordwatch::store::CaseEntry;
use divan::Bencher;

const N: usize = 10_000;

fn main() {
    divan::main();
}

/// A data directory with `n` cases and `n` archived ones (another seed), made once.
fn data_dir(n: usize) -> &'static tempfile::TempDir {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let now = Stamp::parse(fixture::NOW).expect("stamp");
        for (folder, seed) in [("cases", 1), ("archive", 2)] {
            let path = dir.path().join(folder);
            std::fs::create_dir_all(&path).expect("folder");
            // Written directly, without the store's fsyncs: these are throwaway benchmark files.
            for (name, text) in cordwatch::demo::population(n, seed, now) {
                std::fs::write(path.join(name), text).expect("write");
            }
        }
        dir
    })
}

fn context() -> cordwatch::context::Context {
    let launch = cordwatch::context::Launch {
        data: Some(data_dir(N).path().to_path_buf()),
        now: Some(fixture::NOW.into()),
        config: Some(fixture::config()),
        ..Default::default()
    };
    cordwatch::context::Context::open(&launch).unwrap_or_else(|e| panic!("{e}"))
}

fn run(active: &[CaseEntry], archive: &[CaseEntry], g: &Guidelines, now: Stamp) -> usize {
    let cases =
        active.iter().map(|e| (e, false)).chain(archive.iter().map(|e| (e, true))).filter_map(|(e, archived)| {
            e.case.as_ref().map(|case| AuditCase { case, archived, file: &e.file, problems: &e.problems })
        });
    let a = audit::audit(cases, g, Window::last_twelve_months(now.date()), now);
    a.episodes.len()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn read_and_audit_10000_plus_10000_archived(bencher: Bencher) {
    let ctx = context();
    bencher.bench_local(|| {
        let active = ctx.store.load_all().expect("load");
        let archive = ctx.store.load_archive().expect("archive");
        run(&active, &archive, &ctx.guidelines, ctx.now)
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn audit_only_10000_plus_10000_archived(bencher: Bencher) {
    let ctx = context();
    let active = ctx.store.load_all().expect("load");
    let archive = ctx.store.load_archive().expect("archive");
    bencher.bench_local(|| run(&active, &archive, &ctx.guidelines, ctx.now));
}

/// The dashboard on the same data directory, every case read.
fn app() -> cordwatch::tui::app::App {
    use cordwatch::settings::{keymap::Keymap, theme::Theme};
    let theme = Theme::new(&Default::default(), false).expect("theme");
    cordwatch::tui::app::App::new(context(), Keymap::defaults(), theme).expect("app")
}

fn press(app: &mut cordwatch::tui::app::App, c: char) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn draw(terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>, app: &cordwatch::tui::app::App) {
    terminal.draw(|f| cordwatch::tui::views::draw(f, app)).expect("draw");
}

/// Key `5` on a dashboard that has not read the archive yet, to the first frame of the Audit view:
/// the archive read, the audit over both, its lines built and drawn at 80×24.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn dashboard_audit_view_first_frame_10000_plus_10000_archived(bencher: Bencher) {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    bencher.with_inputs(app).bench_local_values(|mut app| {
        press(&mut app, '5');
        draw(&mut terminal, &app);
        app
    });
}

/// A key moving the cursor in the Audit view, to its frame: the lines are built once per change
/// of the data, so this is the cost of every keystroke there.
#[divan::bench(sample_count = 20, sample_size = 5)]
fn dashboard_audit_view_keystroke_10000_plus_10000_archived(bencher: Bencher) {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    let mut app = app();
    press(&mut app, '5');
    draw(&mut terminal, &app);
    let mut down = true;
    bencher.bench_local(|| {
        press(&mut app, if down { 'j' } else { 'k' });
        down = !down;
        draw(&mut terminal, &app);
    });
}
