//! Text output for the terminal or a pipe: 80 columns (`triage` fits the terminal's own width,
//! see [`terminal_width`]), colour as `--color` and the environment say (see
//! [`crate::settings::color`]), and never colour alone (every state also has its words and
//! `!!`/`!` markers).
//!
//! Output is gathered and written in 64 KiB pieces: Rust's stdout flushes at every newline, and a
//! report on ten thousand patients is a hundred thousand lines.

use std::cell::RefCell;
use std::io::Write as _;

use std::io::IsTerminal;

use anstyle::Style;

use crate::settings::color::{self, Background, ColorEnv, color_wanted};

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

pub use crate::settings::color::ColorChoice;

/// Decides once whether to colour, and paints accordingly: in the classic codes of the 16 named
/// colours (`ESC[31m`), which every colour terminal reads, never the 256-colour form; in the
/// dashboard's 16-colour roles for the terminal's background (`COLORFGBG`), so urgent is never
/// yellow on white.
pub struct Paint {
    color: bool,
    background: Option<Background>,
}

impl Paint {
    pub fn detect() -> Paint {
        let env = ColorEnv::read();
        Paint {
            color: color_wanted(color::choice(), &env, std::io::stdout().is_terminal()),
            background: env.background(),
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_string() }
    }

    /// A role's colour (`theme::ROLES`), bold.
    fn role(&self, role: &str) -> Style {
        let color = crate::settings::xterm::index(crate::settings::theme::named(role, self.background))
            .and_then(|i| anstyle::Ansi256Color(i).into_ansi());
        Style::new().fg_color(color.map(anstyle::Color::Ansi)).bold()
    }

    pub fn level(&self, level: Level, text: &str) -> String {
        match level {
            Level::Emergency => self.paint(self.role("emergency"), text),
            Level::Urgent => self.paint(self.role("urgent"), text),
            Level::None => text.to_string(),
        }
    }

    /// A checklist section's colour, as the dashboard gives it (src/tui/views/tone.rs): emergency
    /// and deterioration in the emergency colour, urgent, not examined and due today in the
    /// urgent colour, overdue in the overdue colour; the rest plain.
    pub fn category(&self, category: crate::engine::Category, text: &str) -> String {
        use crate::engine::Category;
        match category {
            Category::Emergency | Category::Deterioration => self.paint(self.role("emergency"), text),
            Category::Urgent | Category::NotExamined | Category::DueToday => self.paint(self.role("urgent"), text),
            Category::Overdue => self.paint(self.role("overdue"), text),
            Category::Pending | Category::DueSoon | Category::NotReviewed => text.to_string(),
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }

    /// A warning, in the overdue colour.
    pub fn warn(&self, text: &str) -> String {
        self.paint(self.role("overdue"), text)
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
