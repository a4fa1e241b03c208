//! Text from a case file can never reach the terminal as a control, bidi or zero-width
//! character: not through the sanitiser, not through any view of the dashboard.

mod common;

use cordwatch::model::text::{is_unsafe_char, sanitize, sanitize_multiline};
use cordwatch::model::*;
use cordwatch::tui::app::App;
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
        Just('\u{ad}'),
        Just('\u{3164}'),
        Just('\u{e0041}'),
        Just('\u{2062}'),
        Just('\r'),
        Just('\n'),
        Just('\t'),
        any::<char>(),
        proptest::char::range('a', 'z'),
    ];
    proptest::collection::vec(nasty, 1..24).prop_map(|v| v.into_iter().collect())
}

/// Characters that show as nothing (or almost nothing) on a terminal and can make one name read as
/// another: every one is escaped.
#[test]
fn invisible_and_format_characters_are_escaped() {
    let invisible = [
        '\u{2061}',
        '\u{2062}',
        '\u{2063}',
        '\u{2064}', // invisible function application, times, separator, plus
        '\u{00AD}', // soft hyphen
        '\u{180E}', // Mongolian vowel separator
        '\u{3164}', // Hangul filler
        '\u{FFA0}', // halfwidth Hangul filler
        '\u{115F}', // Hangul choseong filler
        '\u{034F}', // combining grapheme joiner
        '\u{E0000}',
        '\u{E0001}',
        '\u{E0041}',
        '\u{E007F}', // tag characters
        '\u{FE0F}',  // variation selector
        '\u{200B}',
        '\u{200D}',
        '\u{202E}',
        '\u{2066}',
        '\u{FEFF}',
        '\u{061C}',  // as before
        '\u{110BD}', // Kaithi number sign (format)
    ];
    for c in invisible {
        assert!(is_unsafe_char(c), "U+{:04X} is not escaped", c as u32);
        let shown = sanitize(&format!("Ann{c}a"));
        assert_eq!(shown, format!("Ann\\u{{{:x}}}a", c as u32));
    }
    for c in ['A', 'é', 'ß', '—', '中', '\u{0301}', 'ا', ' '] {
        assert!(!is_unsafe_char(c), "U+{:04X} is ordinary text", c as u32);
    }
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
    for keys in [
        vec![KeyCode::Char('1')],
        vec![KeyCode::Enter],
        vec![KeyCode::Char('3')],
        vec![KeyCode::Char('4')],
        vec![KeyCode::Char('5')],
    ] {
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
        let ctx = common::context(Some(&dir.path().join("d")));
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
        let mut app = common::app(ctx, false);
        for screen in screens(&mut app) {
            let bad: Vec<char> = screen.chars().filter(|c| is_unsafe_char(*c)).collect();
            prop_assert!(bad.is_empty(), "unsafe characters on screen: {:?}", bad);
        }
    }
}
