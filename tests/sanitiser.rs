//! Text from a case file can never reach the terminal as a control, bidi or zero-width
//! character: not through the sanitiser, not through any view of the dashboard.

use std::collections::BTreeMap;

use clap::Parser;
use cordwatch::cli::{Cli, Context};
use cordwatch::model::text::{is_unsafe_char, sanitize, sanitize_multiline};
use cordwatch::model::*;
use cordwatch::tui::app::App;
use cordwatch::tui::keymap::Keymap;
use cordwatch::tui::theme::Theme;
use cordwatch::tui::views;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Strings rich in what must never be shown raw.
fn hostile() -> impl Strategy<Value = String> {
    let nasty = prop_oneof![
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\u{0}'),
        Just('\u{7f}'),
        Just('\u{9b}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
        Just('\u{200b}'),
        Just('\u{feff}'),
        Just('\r'),
        Just('\n'),
        Just('\t'),
        any::<char>(),
        proptest::char::range('a', 'z'),
    ];
    proptest::collection::vec(nasty, 1..24).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_sanitiser_leaves_nothing_unsafe(s in hostile()) {
        prop_assert!(!sanitize(&s).chars().any(is_unsafe_char));
        prop_assert!(!sanitize_multiline(&s).chars().any(|c| c != '\n' && is_unsafe_char(c)));
        prop_assert!(!Text::new(s.clone()).to_string().chars().any(is_unsafe_char));
    }
}

fn screens(app: &mut App) -> Vec<String> {
    let mut out = Vec::new();
    for keys in [vec![KeyCode::Char('1')], vec![KeyCode::Enter], vec![KeyCode::Char('3')], vec![KeyCode::Char('4')]] {
        for k in keys {
            app.handle_key(KeyEvent::new(k, KeyModifiers::NONE));
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            t.draw(|f| views::draw(f, app)).expect("draw");
            let buf = t.backend().buffer();
            out.push(
                (0..h)
                    .flat_map(|y| (0..w).map(move |x| (x, y)))
                    .map(|(x, y)| buf[(x, y)].symbol().to_string())
                    .collect(),
            );
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn no_rendered_cell_holds_an_unsafe_character(name in hostile(), note in hostile(), ward in hostile()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("config.yaml");
        std::fs::write(&config, "# defaults\n").expect("config");
        std::fs::create_dir_all(dir.path().join("d/cases")).expect("data directory");
        let cli = Cli::try_parse_from(["cordwatch", "--data", dir.path().join("d").to_str().expect("p"), "--now", "2026-11-23 09:00", "--config", config.to_str().expect("p")]).expect("args");
        let ctx = Context::open(&cli).unwrap_or_else(|e| panic!("{}", e.0));
        let mut case = Case::new("S1".parse().expect("id"), Text::new(name));
        case.ward = Some(Text::new(ward));
        case.status = Some(Status::Inpatient);
        let mut exam = Exam::blank(Stamp::parse("2026-11-23 08:00").expect("stamp"));
        exam.motor = Some(Motor::Weakness);
        exam.by = Some(Text::new(note.clone()));
        exam.note = Some(Text::new(note.clone()));
        case.exams.push(exam);
        case.plan = Some(Text::new(note));
        ctx.store.create(&case).expect("create");
        // A stray file whose name is itself hostile-looking.
        std::fs::write(dir.path().join("d/cases/bad\u{202e}lmy.yaml"), "id: x\n").expect("stray");
        let mut app = App::new(ctx, Keymap::defaults(), Theme::new(&BTreeMap::new(), false).expect("theme")).expect("app");
        for screen in screens(&mut app) {
            let bad: Vec<char> = screen.chars().filter(|c| is_unsafe_char(*c)).collect();
            prop_assert!(bad.is_empty(), "unsafe characters on screen: {:?}", bad);
        }
    }
}
