//! Text output for the terminal or a pipe: 80 columns, colour as `--color` and the environment
//! say (see [`color_wanted`]), and never colour alone (every state also has its words and `!!`/`!` markers).
//!
//! Output is gathered and written in 64 KiB pieces: Rust's stdout flushes at every newline, and a
//! report on ten thousand patients is a hundred thousand lines.

use std::cell::RefCell;
use std::io::Write as _;

use std::io::IsTerminal;

use ratatui::crossterm::style::Stylize;

use crate::guidelines::Level;
pub use crate::present::fit;

thread_local! {
    static OUT: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether any free text was cut short (see [`short`]).
    static CUT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Free text is printed whole (`show --long`).
    static WHOLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The most characters of one free-text field (a name, a bed, a ward, a note) a text report
/// prints: a name a megabyte long must not make triage a megabyte. JSON is never cut.
pub const FIELD_CHARS: usize = 200;

/// `text` (already sanitised) cut to `chars` characters with `…`, unless reports print whole.
fn cut_to(text: &str, chars: usize) -> String {
    if WHOLE.with(std::cell::Cell::get) {
        return text.to_string();
    }
    match text.char_indices().nth(chars) {
        Some((at, _)) => {
            CUT.with(|c| c.set(true));
            format!("{}…", &text[..at])
        }
        None => text.to_string(),
    }
}

/// One free-text field, cut to [`FIELD_CHARS`] characters with `…`.
pub fn short(text: &str) -> String {
    cut_to(text, FIELD_CHARS)
}

/// A line made of free text and the words around it (an acknowledgement, a timeline entry),
/// cut to twice [`FIELD_CHARS`].
pub fn short_line(text: &str) -> String {
    cut_to(text, 2 * FIELD_CHARS)
}

/// Whether free text was cut on this thread since the last call; cleared. A report made on
/// several threads gathers what each cut with [`note_cut`].
pub fn take_cut() -> bool {
    CUT.with(|c| c.replace(false))
}

/// Notes that free text was cut (on another thread), for [`cut_hint`].
pub fn note_cut() {
    CUT.with(|c| c.set(true));
}

/// From here on free text is printed whole (`show --long`).
pub fn print_whole() {
    WHOLE.with(|w| w.set(true));
}

/// The line that ends a report in which free text was cut, saying how to read it whole.
pub fn cut_hint() -> Option<String> {
    CUT.with(std::cell::Cell::get).then(|| {
        format!(
            "Text longer than {FIELD_CHARS} characters was cut, marked …; `cordwatch show ID --long` prints a patient's record whole"
        )
    })
}

/// Adds `text` to the output, writing it out once enough has gathered.
pub fn push(text: &str) {
    let full = OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.push_str(text);
        o.len() > 64 * 1024
    });
    if full {
        flush();
    }
}

/// Whether the terminal's locale is UTF-8; otherwise output is spelt in ASCII.
pub fn utf8() -> bool {
    static UTF8: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *UTF8.get_or_init(|| {
        let var = |name| std::env::var(name).ok();
        crate::present::locale_is_utf8(var("LC_ALL").as_deref(), var("LC_CTYPE").as_deref(), var("LANG").as_deref())
    })
}

/// Writes out whatever has gathered.
pub fn flush() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        if !o.is_empty() {
            let mut stdout = std::io::stdout().lock();
            let text = if utf8() { std::borrow::Cow::Borrowed(o.as_str()) } else { crate::present::to_ascii(&o) };
            let written = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
            o.clear();
            match written {
                Ok(()) => {}
                // The reader went away (`| head`): end quietly, as every filter does.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
                // A full disk or a closed terminal: the report is incomplete, so say so and fail
                // rather than leave a truncated report with status 0.
                Err(e) => {
                    eprintln!("cordwatch: could not write the output ({e}); the report is incomplete");
                    std::process::exit(2);
                }
            }
        }
    });
}

/// `println!` for command output: gathered, then written in large pieces.
macro_rules! outln {
    () => {
        $crate::cli::output::push("\n")
    };
    ($($arg:tt)*) => {{
        $crate::cli::output::push(&format!($($arg)*));
        $crate::cli::output::push("\n");
    }};
}
pub(crate) use outln;

/// Writes a JSON array one element at a time, so ten thousand cases are never all in memory as
/// JSON at once.
pub fn json_array<T, S: serde::Serialize>(items: impl IntoIterator<Item = T>, shape: impl Fn(T) -> S) {
    json_array_of(items.into_iter().map(|item| json_element(&shape(item))));
}

/// One element of a JSON array as [`json_array_of`] writes it: indented as inside the array.
pub fn json_element(value: &impl serde::Serialize) -> String {
    // Written as the one element of an array, the element comes out indented as it is inside the
    // whole array: `[\n` and `\n]` are all there is to cut, not every line to re-indent.
    let text = super::json::to_text(&[value]);
    match text.strip_prefix("[\n").and_then(|t| t.strip_suffix("\n]")) {
        Some(element) => element.to_string(),
        None => format!("  {text}"),
    }
}

/// Writes a JSON array of elements made by [`json_element`].
pub fn json_array_of(elements: impl IntoIterator<Item = impl AsRef<str>>) {
    push("[");
    for (i, element) in elements.into_iter().enumerate() {
        push(if i == 0 { "\n" } else { ",\n" });
        push(element.as_ref());
    }
    push("\n]\n");
}

/// What a command built, left for the end of the process to free: the report is written, and
/// freeing ten thousand cases one allocation at a time costs a tenth of the run. Only plain data
/// is handed here (nothing holding a lock, a file or a temporary file).
pub fn leave<T>(built: T) {
    std::mem::forget(built);
}

/// Width every text report fits in.
pub const WIDTH: usize = 80;

/// `--color`: whether the reports are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    /// Even when the output is not a terminal (a pager such as `less -R`).
    Always,
    Never,
}

static COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

/// The `--color` given on the command line; set once, before anything is printed.
pub fn set_color(choice: ColorChoice) {
    let _ = COLOR.set(choice);
}

/// What the environment says about colour, read once per report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColorEnv {
    /// `NO_COLOR` set to anything but the empty string.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set to anything but `0` (or empty).
    pub force: bool,
    /// `CLICOLOR=0`.
    pub clicolor_off: bool,
    /// `TERM=dumb`.
    pub dumb: bool,
}

impl ColorEnv {
    pub fn read() -> ColorEnv {
        ColorEnv {
            no_color: anstyle_query::no_color(),
            // Read here: the crate counts `CLICOLOR_FORCE=0` as forcing, where the convention
            // (bixense.com/clicolors) forces only on a value other than 0.
            force: std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0"),
            clicolor_off: anstyle_query::clicolor() == Some(false),
            dumb: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        }
    }
}

/// Whether to colour: `always` and `never` decide alone; in `auto`, `NO_COLOR` turns it off
/// first, then `CLICOLOR_FORCE` on, then `CLICOLOR=0` or `TERM=dumb` off, and otherwise colour
/// is on a terminal only.
pub fn color_wanted(choice: ColorChoice, env: ColorEnv, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.force => true,
        ColorChoice::Auto => !env.clicolor_off && !env.dumb && terminal,
    }
}

/// Decides once whether to colour, and paints accordingly.
pub struct Paint {
    color: bool,
}

impl Paint {
    pub fn detect() -> Paint {
        let choice = COLOR.get().copied().unwrap_or_default();
        Paint { color: color_wanted(choice, ColorEnv::read(), std::io::stdout().is_terminal()) }
    }

    pub fn level(&self, level: Level, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        match level {
            Level::Emergency => text.red().bold().to_string(),
            Level::Urgent => text.yellow().bold().to_string(),
            Level::None => text.to_string(),
        }
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color { text.bold().to_string() } else { text.to_string() }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.color { text.dim().to_string() } else { text.to_string() }
    }

    pub fn warn(&self, text: &str) -> String {
        if self.color { text.magenta().bold().to_string() } else { text.to_string() }
    }
}

/// Lines of at most [`WIDTH`] columns: the first starts with `first`, the rest with `rest`.
pub fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    crate::present::wrap(text, WIDTH, first, rest)
}

/// Prints wrapped lines.
pub fn print_wrapped(text: &str, first: &str, rest: &str) {
    for line in wrap(text, first, rest) {
        push(&line);
        push("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(no_color: bool, force: bool, clicolor_off: bool, dumb: bool) -> ColorEnv {
        ColorEnv { no_color, force, clicolor_off, dumb }
    }

    #[test]
    fn auto_colours_a_terminal_and_nothing_else() {
        assert!(color_wanted(ColorChoice::Auto, ColorEnv::default(), true));
        assert!(!color_wanted(ColorChoice::Auto, ColorEnv::default(), false));
    }

    #[test]
    fn no_color_clicolor_0_and_a_dumb_terminal_turn_auto_off() {
        assert!(!color_wanted(ColorChoice::Auto, env(true, false, false, false), true));
        assert!(!color_wanted(ColorChoice::Auto, env(false, false, true, false), true));
        assert!(!color_wanted(ColorChoice::Auto, env(false, false, false, true), true));
    }

    #[test]
    fn clicolor_force_turns_auto_on_off_a_terminal_but_not_past_no_color() {
        assert!(color_wanted(ColorChoice::Auto, env(false, true, false, false), false));
        assert!(
            color_wanted(ColorChoice::Auto, env(false, true, true, true), false),
            "forced beats CLICOLOR=0 and dumb"
        );
        assert!(!color_wanted(ColorChoice::Auto, env(true, true, false, false), true), "NO_COLOR beats the force");
    }

    #[test]
    fn always_and_never_decide_whatever_the_environment() {
        for e in [ColorEnv::default(), env(true, false, true, true), env(false, true, false, false)] {
            for terminal in [false, true] {
                assert!(color_wanted(ColorChoice::Always, e, terminal), "{e:?} {terminal}");
                assert!(!color_wanted(ColorChoice::Never, e, terminal), "{e:?} {terminal}");
            }
        }
    }
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn dates_and_rule_ids_are_never_broken_across_lines() {
        let text = format!("{} due Tue 2026-11-24 for mscc-neuro and steroids-reduce", "x".repeat(60));
        for line in wrap(&text, "", "") {
            assert!(!line.ends_with('-'), "{line}");
        }
        assert!(wrap(&text, "", "").iter().any(|l| l.contains("2026-11-24")));
    }

    #[test]
    fn long_free_text_is_cut_with_an_ellipsis_and_a_hint() {
        assert_eq!(short("Ann Example"), "Ann Example");
        assert!(cut_hint().is_none());
        let name = "N".repeat(1_000_000);
        let cut = short(&name);
        assert_eq!(cut.chars().count(), FIELD_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert!(cut_hint().is_some_and(|h| h.contains("show ID --long")));
        print_whole();
        assert_eq!(short(&name).len(), name.len());
    }

    #[test]
    fn wrapped_lines_fit_80_columns() {
        let long = "word ".repeat(60);
        for line in wrap(&long, "   ", "   ") {
            assert!(line.width() <= WIDTH, "{line}");
        }
    }
}
