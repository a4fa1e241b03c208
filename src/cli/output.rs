//! Text output for the terminal or a pipe: 80 columns (`triage` fits the terminal's own width,
//! see [`terminal_width`]), colour as `--color` and the environment say (see [`color_wanted`]), and
//! never colour alone (every state also has its words and `!!`/`!` markers).
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
    /// The columns this report's lines fit in (see [`fit_terminal`]).
    static REPORT_WIDTH: std::cell::Cell<usize> = const { std::cell::Cell::new(WIDTH) };
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
    push("[");
    for (i, item) in items.into_iter().enumerate() {
        push(if i == 0 { "\n" } else { ",\n" });
        let text = super::json::to_text(&shape(item));
        for line in text.lines() {
            push("  ");
            push(line);
            push("\n");
        }
        OUT.with(|o| {
            let mut o = o.borrow_mut();
            if o.ends_with('\n') {
                o.pop();
            }
        });
    }
    push("\n]\n");
}

/// Width every text report fits in, unless it fits the terminal (`triage`).
pub const WIDTH: usize = 80;

/// The narrowest width a report is laid out for: a flag's fixed columns (level, deadline, bed,
/// name, rule) take about forty, and a narrower count is more likely a mistyped `COLUMNS`.
pub const MIN_WIDTH: usize = 40;

/// The width of the terminal the report is read on: `COLUMNS` when it is set to a number (as the
/// help text and most command-line tools read it), else the width of standard output when that
/// is a terminal, else [`WIDTH`] (a pipe or a file is read at 80). Never below [`MIN_WIDTH`].
pub fn width_from(columns: Option<&str>, terminal: Option<usize>) -> usize {
    let columns = columns.and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
    columns.or(terminal.filter(|&t| t > 0)).unwrap_or(WIDTH).max(MIN_WIDTH)
}

/// [`width_from`] this process's `COLUMNS` and standard output.
pub fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0));
    width_from(columns.as_deref(), terminal)
}

/// From here on the report's lines fit the terminal's width rather than 80 columns.
pub fn fit_terminal() {
    REPORT_WIDTH.with(|w| w.set(terminal_width()));
}

/// The columns the report's lines fit in: [`WIDTH`], or the terminal's after [`fit_terminal`].
pub fn width() -> usize {
    REPORT_WIDTH.with(std::cell::Cell::get)
}

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

/// Lines of at most [`width`] columns, broken between words: the first starts with `first`, the
/// rest with `rest` (a hanging indent).
pub fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    crate::present::wrap(text, width(), first, rest)
}

/// One line of at most [`width`] columns, cut with `…` if longer, without trailing spaces: for a
/// list that keeps one line per entry (the brief triage) and says where the whole text is.
pub fn one_line(text: &str) -> String {
    fit(text, width()).trim_end().to_string()
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
    fn the_width_is_columns_then_the_terminal_then_80() {
        assert_eq!(width_from(None, None), 80, "a pipe or a file");
        assert_eq!(width_from(None, Some(200)), 200);
        assert_eq!(width_from(None, Some(60)), 60);
        assert_eq!(width_from(Some("120"), Some(60)), 120, "COLUMNS is the user's word");
        assert_eq!(width_from(Some("100"), None), 100, "also into a pipe");
        assert_eq!(width_from(Some("wide"), Some(60)), 60, "not a number: the terminal");
        assert_eq!(width_from(Some("0"), None), 80);
        assert_eq!(width_from(Some("12"), None), MIN_WIDTH);
        assert_eq!(width_from(None, Some(0)), 80, "a terminal that reports no size");
    }

    #[test]
    fn wrapped_lines_fit_80_columns() {
        let long = "word ".repeat(60);
        for line in wrap(&long, "   ", "   ") {
            assert!(line.width() <= WIDTH, "{line}");
        }
    }
}
