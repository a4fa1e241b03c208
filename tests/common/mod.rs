//! Helpers shared by the integration tests: cases from YAML text, the engine at a moment, and a
//! context and dashboard opened at a fixed moment.
#![allow(dead_code)]

pub mod bad_inputs;
pub mod command;
pub mod writer;

use std::path::{Path, PathBuf};

use cordwatch::context::{Context, Launch};
use cordwatch::settings::keymap::Keymap;
use cordwatch::settings::theme::Theme;
use cordwatch::tui::app::App;

use cordwatch::engine::{Assessment, EngineSettings, assess};
use cordwatch::guidelines::Guidelines;
use cordwatch::model::{Case, Date, Stamp};

/// The built-in rules, parsed once per test binary.
pub fn guidelines() -> &'static Guidelines {
    static RULES: std::sync::OnceLock<Guidelines> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Guidelines::built_in().expect("built-in guidelines load"))
}

pub const SETTINGS: EngineSettings = EngineSettings { not_examined_hours: 24, due_soon_days: 7 };

/// A case from the body of a case file (id and name are added).
pub fn case(body: &str) -> Case {
    let text = format!("id: \"T1\"\nname: Test Patient\n{body}");
    cordwatch::yaml::from_str(&text).unwrap_or_else(|e| panic!("test case does not parse: {e}\n{text}"))
}

pub fn at(s: &str) -> Stamp {
    Stamp::parse(s).expect("valid stamp")
}

pub fn date(s: &str) -> Date {
    Date::parse(s).expect("valid date")
}

pub fn assess_at(case: &Case, now: &str) -> Assessment {
    assess(case, guidelines(), &SETTINGS, at(now))
}

/// (rule, level, raised_at, open) of every flag, for compact assertions.
pub fn flags(a: &Assessment) -> Vec<(String, String, String, bool)> {
    a.flags
        .iter()
        .map(|f| (f.rule_id().to_string(), f.level.to_string(), f.raised_at.to_string(), f.is_open()))
        .collect()
}

pub fn open_rules(a: &Assessment) -> Vec<String> {
    a.open_flags().map(|f| f.rule_id().to_string()).collect()
}

/// The moment the dashboard tests are judged at.
pub const NOW: &str = "2026-11-23 09:00";

/// A settings file that overrides nothing, so the tester's own settings never leak in.
pub fn empty_config() -> PathBuf {
    static CONFIG: std::sync::OnceLock<tempfile::NamedTempFile> = std::sync::OnceLock::new();
    let file = CONFIG.get_or_init(|| {
        let f = tempfile::NamedTempFile::new().expect("config");
        std::fs::write(f.path(), "# defaults\n").expect("write config");
        f
    });
    file.path().to_path_buf()
}

/// The context at [`NOW`] on the data directory `data`, or on the demo ward when it is `None`.
/// The context on a data directory (made here if it is not there yet: only `cordwatch init`
/// creates one in real use), or on the demo ward when `data` is None.
pub fn context(data: Option<&Path>) -> Context {
    if let Some(dir) = data {
        std::fs::create_dir_all(dir.join("cases")).expect("data directory");
    }
    let launch = Launch {
        data: data.map(Path::to_path_buf),
        demo: data.is_none(),
        config: Some(empty_config()),
        now: Some(NOW.into()),
        today: None,
        no_cache: false,
    };
    Context::open(&launch).unwrap_or_else(|e| panic!("{e}"))
}

/// The dashboard on a context with the default keys, every case read before it returns.
pub fn app(ctx: Context, no_color: bool) -> App {
    App::new(ctx, Keymap::defaults(), theme(no_color)).expect("app")
}

pub fn theme(no_color: bool) -> Theme {
    Theme::new(&Default::default(), no_color).expect("theme")
}

/// A case-file body from its lines, so a fixture reads as the file would (each line ends with a
/// newline).
pub fn lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// One key press as a terminal sends it (capitals with Shift).
pub fn press(app: &mut App, code: ratatui::crossterm::event::KeyCode) -> cordwatch::tui::app::Effect {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let modifiers = if matches!(code, KeyCode::Char(c) if c.is_ascii_uppercase()) {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    app.handle_key(KeyEvent::new(code, modifiers))
}

/// Typed text, one key per character.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

/// A filter typed, an order and a ward chosen, as a person does: `s` `sorts` times, `w` `wards`
/// times, then `/`, the letters and Enter.
pub fn set_list(app: &mut App, filter: &str, sorts: usize, wards: usize) {
    use ratatui::crossterm::event::KeyCode;
    for _ in 0..sorts {
        press(app, KeyCode::Char('s'));
    }
    for _ in 0..wards {
        press(app, KeyCode::Char('w'));
    }
    if !filter.is_empty() {
        press(app, KeyCode::Char('/'));
        keys(app, filter);
        press(app, KeyCode::Enter);
    }
}

/// The dashboard drawn at `width`×`height`, as text one line per row, with the machine's user
/// name masked as `UUUUU` (keeping the line's width), so snapshots are the same for any account.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
    t.draw(|f| cordwatch::tui::views::draw(f, app)).expect("draw");
    let buf = t.backend().buffer();
    let user = app.ctx.store.user().to_string();
    let len = user.chars().count();
    let (from, to) = (
        format!("{user}{}", " ".repeat(5usize.saturating_sub(len))),
        format!("UUUUU{}", " ".repeat(len.saturating_sub(5))),
    );
    (0..height)
        .map(|y| {
            let line: String = (0..width).map(|x| buf[(x, y)].symbol()).collect();
            line.replace(&from, &to).trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dashboard row as the lists and views read it, less what only finding and timing it needs
/// (the filter's text, the next change, the hashes), which a report's row leaves empty.
pub fn as_shown(row: &cordwatch::tui::brief::Brief) -> String {
    let mut row = row.clone();
    row.search.clear();
    row.next_change = None;
    row.next_wait = None;
    row.hashes = (0, 0);
    format!("{row:?}")
}

/// Report rows (read and assessed afresh) as [`as_shown`] shows a dashboard's.
pub fn as_shown_all(rows: &[cordwatch::ward::WardRow]) -> Vec<String> {
    rows.iter().map(|r| as_shown(&cordwatch::tui::brief::Brief::of(r))).collect()
}

/// A case whose exam has worsened once: its deterioration flag is open.
pub const WORSENED_ONCE: &str = r#"id: "RXH0000001"
name: Ann Twice
born: 1950-01-01
sex: female
ward: "7A"
bed: "3"
status: inpatient
admitted: 2026-11-10
cancer: { primary: breast, diagnosed: 2020-01-01 }
exams:
  - { at: 2026-11-19 08:00, by: Dr Moore, power_left_leg: 4 }
  - { at: 2026-11-21 08:00, by: Dr Moore, power_left_leg: 2 }
imaging:
  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }
"#;

/// [`WORSENED_ONCE`] with an exam at `at` that finds it worse again: a second flag of the same
/// rule, with its own findings and deadline.
pub fn worsened_twice(at: &str) -> String {
    WORSENED_ONCE.replace(
        "power_left_leg: 2 }",
        &format!("power_left_leg: 2 }}\n  - {{ at: {at}, by: Dr Moore, power_left_leg: 0 }}"),
    )
}

/// A data directory holding the one case `text` (as `cases/RXH0000001.yaml`), and the dashboard
/// on it.
pub fn one_case_ward(text: &str) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ctx = context(Some(&data));
    std::fs::write(data.join("cases/RXH0000001.yaml"), text).expect("write");
    (dir, data, app(ctx, false))
}
