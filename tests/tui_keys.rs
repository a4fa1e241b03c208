//! The dashboard driven by keys as a clinician moves through it: the cursor on a patient just
//! added, Esc stepping back through the views, long messages shown whole and kept in a log, a
//! closed flag saying why, and the Patient view scrolling to its end and no further.

use cordwatch::model::event::Event;
use cordwatch::model::{Acknowledgement, CaseId, Stamp, Text};
use cordwatch::tui::app::{App, Modal, View};
use ratatui::crossterm::event::KeyCode;

mod common;

use common::{keys, press};

fn app() -> App {
    common::app(common::context(None), false)
}

use common::screen;

fn selected_name(app: &App) -> String {
    app.selected_row().and_then(|r| r.name.as_ref()).map(|n| n.raw().to_string()).unwrap_or_default()
}

fn cursor_to(app: &mut App, name: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.patients.visible.len() {
        if selected_name(app) == name {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("{name} is not listed");
}

#[test]
fn the_cursor_moves_to_a_new_patient_even_one_the_filter_would_hide() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Ellis");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    keys(&mut app, "NEW0001");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Zoe Zebedee");
    press(&mut app, KeyCode::Enter);
    assert!(!matches!(app.modal, Some(Modal::Form(_))), "saved: {:?}", app.status);
    assert_eq!(selected_name(&app), "Zoe Zebedee", "{:?}", app.status);
    assert!(app.patients.filter.is_empty(), "the filter that would hide her is cleared");
}

#[test]
fn esc_goes_back_to_the_view_you_came_from_and_the_list_follows_the_patient() {
    let mut app = app();
    cursor_to(&mut app, "Walter Hughes");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.view, selected_name(&app).as_str()), (View::Patients, "Walter Hughes"));

    // Urgent → Enter → Patient → Esc → Urgent → Esc → Patients, on the patient of that flag.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    let flagged = app.current_patient().and_then(|r| r.case().map(|c| c.name.raw().to_string()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Urgent);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.view, View::Patients);
    assert_eq!(Some(selected_name(&app)), flagged);

    // Round → 2 → Patient → Esc → Round.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view, View::Patient);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Round);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Patients, "the first view is where Esc stops");
}

#[test]
fn a_message_too_long_for_the_status_line_waits_for_a_key_and_the_log_shows_it_again() {
    let mut app = app();
    screen(&app, 80, 24);
    cursor_to(&mut app, "Walter Hughes");
    press(&mut app, KeyCode::Char('D'));
    let Some(Modal::Message(status)) = &app.modal else { panic!("no window: {:?}", app.modal) };
    assert!(status.error && status.text.contains("cannot be discharged"));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Not done") && text.contains("mscc-treatment") && text.contains("any key closes"), "{text}");
    let before = app.patients.selected;
    press(&mut app, KeyCode::Char('j'));
    assert!(app.modal.is_none());
    assert_eq!(app.patients.selected, before, "the key that closes the window does nothing else");

    press(&mut app, KeyCode::Char('s')); // a short message: the status line is enough
    assert!(app.modal.is_none());
    press(&mut app, KeyCode::Char('L'));
    assert!(matches!(app.modal, Some(Modal::Messages { .. })));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Last messages") && text.contains("cannot be discharged") && text.contains("sorted by bed"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
}

#[test]
fn a_flag_closed_by_an_acknowledgement_says_who_closed_it_and_why() {
    let mut app = app();
    let id: CaseId = "RXH1042331".parse().expect("id");
    let ack = Acknowledgement {
        flag: "mscc-pain".parse().expect("rule"),
        at: Stamp::parse("2026-11-23 08:30").expect("stamp"),
        by: Some(Text::new("Dr Rao")),
        plan: None,
        closed: Some(Text::new("pain explained by a rib fracture")),
        reason: None,
        role: None,
        mri_at: None,
        struck: None,
    };
    app.ctx.store.record(&id, &Event::Acknowledge(ack)).expect("record");
    app.reload_all().expect("reload");
    cursor_to(&mut app, "Margaret Ellis");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 120, 60);
    assert!(text.contains("closed 2026-11-23 08:30 by Dr Rao: pain explained by a rib fracture"), "{text}");
    assert!(!text.contains("by Dr Rao:\n") && !text.contains("acknowledged 2026-11-23 08:30"), "{text}");
}

#[test]
fn the_patient_view_shows_where_it_is_and_stops_at_the_end() {
    let mut app = app();
    cursor_to(&mut app, "Margaret Ellis");
    press(&mut app, KeyCode::Enter);
    let top = screen(&app, 80, 24);
    assert!(top.contains("lines 1-20 of") && top.contains("j more"), "{top}");
    assert!(top.contains("actions folded (acknowledged)"), "an acknowledged flag folds its actions:\n{top}");
    for _ in 0..300 {
        press(&mut app, KeyCode::Char('j'));
        screen(&app, 80, 24);
    }
    let end = screen(&app, 80, 24);
    assert!(end.contains("· end"), "{end}");
    let at_end = app.patient.scroll;
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.patient.scroll, at_end - 1, "one key up moves up at once from the end");
}

#[test]
fn the_header_says_what_each_view_shows_and_fits_80_columns() {
    let mut app = app();
    let header = |app: &App, width: u16| screen(app, width, 24).lines().nth(1).unwrap_or_default().to_string();
    assert!(header(&app, 80).ends_with("wards 7B, Clinic"), "{}", header(&app, 80));
    let top = screen(&app, 60, 24).lines().next().unwrap_or_default().to_string();
    assert!(top.ends_with("Mon 23 Nov 09:00") && top.contains("1 Patients 2 3 4"), "the clock is never cut: {top}");
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Ellis");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    for width in [60, 80, 120] {
        let line = header(&app, width);
        assert!(!line.contains('…') && unicode_width::UnicodeWidthStr::width(line.as_str()) <= usize::from(width));
        assert!(line.contains("ward 7B"), "{width}: {line}");
    }
    assert!(header(&app, 120).contains("(ward 7B, filter \"Ellis\") · 2 of 24 shown"), "{}", header(&app, 120));
    press(&mut app, KeyCode::Char('4'));
    assert!(header(&app, 80).contains("all wards, no filter"), "{}", header(&app, 80));
    press(&mut app, KeyCode::Char('3'));
    assert!(header(&app, 80).contains("(ward 7B) · no filter"), "{}", header(&app, 80));
}

/// (emergency, urgent, overdue) as the header's second line says them.
fn header_counts(line: &str) -> (usize, usize, usize) {
    let before = |marker: &str| -> usize {
        let at = line.find(marker).unwrap_or_else(|| panic!("no `{marker}` in {line}"));
        line[..at].split_whitespace().last().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{line}"))
    };
    (before(" !! emergency"), before(" ! urgent"), before(" overdue"))
}

#[test]
fn the_header_counts_the_rows_shown_and_says_which() {
    use cordwatch::guidelines::Level;
    let mut app = app();
    let header = |app: &App| screen(app, 160, 30).lines().nth(1).unwrap_or_default().to_string();
    // What the header should say: the levels of the rows `shown`, counted here by hand.
    let expected = |app: &App, shown: &[usize]| {
        let (e, u) = shown.iter().fold((0, 0), |(e, u), &i| match app.rows[i].level() {
            Level::Emergency => (e + 1, u),
            Level::Urgent => (e, u + 1),
            Level::None => (e, u),
        });
        (e, u)
    };
    let all: Vec<usize> = (0..app.rows.len()).collect();
    let whole = header_counts(&header(&app));
    assert_eq!((whole.0, whole.1), expected(&app, &all));
    assert!(whole.0 >= 2, "the demo ward has emergencies: {}", header(&app));
    assert!(!header(&app).contains('('), "the whole ward is not qualified: {}", header(&app));

    // A ward: the counts are that ward's, and say so.
    press(&mut app, KeyCode::Char('w'));
    let ward = app.ward.clone().expect("a ward chosen");
    let line = header(&app);
    let counted = header_counts(&line);
    assert_eq!((counted.0, counted.1), expected(&app, &app.patients.visible));
    // Emergencies on other wards are not counted here, but never out of sight.
    let alert = |shown: usize| match whole.0 - shown {
        0 => String::new(),
        hidden => format!("+{hidden} !! NOT SHOWN (4: all) "),
    };
    assert!(line.contains(&format!("overdue  {}(ward {ward})", alert(counted.0))), "{line}");

    // A search within it: fewer rows, fewer counts, both named.
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Ellis");
    press(&mut app, KeyCode::Enter);
    let line = header(&app);
    let counted = header_counts(&line);
    assert_eq!((counted.0, counted.1), expected(&app, &app.patients.visible));
    assert_eq!(counted.0, 1, "Margaret Ellis alone is an emergency: {line}");
    assert!(counted.2 <= whole.2 && counted.0 < whole.0, "{line}");
    assert!(line.contains(&format!("overdue  {}(ward {ward}, filter \"Ellis\")", alert(counted.0))), "{line}");
    assert!(counted.0 < whole.0 && line.contains("!! NOT SHOWN"), "the hidden emergencies are said: {line}");
    let narrow = screen(&app, 60, 20).lines().nth(1).unwrap_or_default().to_string();
    assert!(narrow.contains(&format!("(ward {ward}, \"Ellis\")")), "said briefly at 60 columns: {narrow}");

    // The Urgent view lists every ward whatever the filter: its counts are the whole ward's.
    press(&mut app, KeyCode::Char('4'));
    let line = header(&app);
    assert_eq!(header_counts(&line), whole, "{line}");
    assert!(line.contains("all wards, no filter here") && !line.contains("(ward"), "{line}");

    // The Round view takes the ward, not the filter.
    press(&mut app, KeyCode::Char('3'));
    let line = header(&app);
    let in_ward: Vec<usize> = (0..app.rows.len())
        .filter(|&i| {
            let r = &app.rows[i];
            r.has_problem() || r.ward_raw() == Some(ward.as_str())
        })
        .collect();
    let counted = header_counts(&line);
    assert_eq!((counted.0, counted.1), expected(&app, &in_ward), "{line}");
    assert!(line.contains(&format!("(ward {ward}) · filter not applied here")), "{line}");
}

#[test]
fn a_form_in_a_small_terminal_scrolls_to_the_field_being_filled_in() {
    let mut app = app();
    cursor_to(&mut app, "Susan Hartley");
    press(&mut app, KeyCode::Char('x'));
    let Some(Modal::Form(form)) = &app.modal else { panic!("exam form") };
    let fields = form.fields.iter().filter(|f| !f.hidden).count();
    for _ in 0..fields {
        let Some(Modal::Form(form)) = &app.modal else { panic!("exam form") };
        let label = form.fields[form.focus].label;
        let text = screen(&app, 60, 20);
        assert!(
            text.lines().any(|l| l.contains(&format!("> {label}"))),
            "the focused field `{label}` is on screen at 60x20:\n{text}"
        );
        press(&mut app, KeyCode::Tab);
    }
}

#[test]
fn help_wraps_scrolls_to_its_end_and_explains_every_marker_and_tag() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..400 {
        seen.push_str(&screen(&app, 60, 20));
        press(&mut app, KeyCode::Char('j'));
    }
    for marker in [
        "+1",
        "▲",
        "■",
        "*",
        "!!",
        "NO EXAM",
        "NOT EXAMINED",
        "actioned",
        "treated",
        "closed",
        "??",
        "SURG",
        "STER+",
        "MSCC",
        "WORSE",
    ] {
        assert!(seen.contains(marker), "help explains {marker}");
    }
    let end = screen(&app, 60, 20);
    assert!(end.contains("the clinician decides"), "j stops at the end:\n{end}");
    let Some(Modal::Help { scroll: at_end }) = app.modal else { panic!("help is open: {:?}", app.modal) };
    assert!(at_end > 0 && at_end < 400, "the end is where the last line is, not past it: {at_end}");
    press(&mut app, KeyCode::Char('k'));
    assert!(matches!(app.modal, Some(Modal::Help { scroll }) if scroll + 1 == at_end), "{:?}", app.modal);
    press(&mut app, KeyCode::Char('g'));
    assert!(screen(&app, 60, 20).contains("move up"), "g goes back to the top");
    press(&mut app, KeyCode::Char('G'));
    assert!(screen(&app, 60, 20).contains("the clinician decides"), "G goes to the end");
    let widest = end.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0);
    assert!(widest <= 60);
}

#[test]
fn with_a_locale_that_is_not_utf8_the_dashboard_draws_plain_ascii() {
    let mut app = app();
    app.ascii = true;
    let ours = ['—', '→', '·', '…', '▲', '■', '█', '░', '┌', '┐', '└', '┘', '─', '│', '↑', '↓'];
    let mut seen = String::new();
    for key in ['1', '2', '3', '4', '5', '?'] {
        press(&mut app, KeyCode::Char(key));
        seen.push_str(&screen(&app, 80, 24));
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    cursor_to(&mut app, "Nora Jensen"); // an open flag nobody has acknowledged: its actions show
    press(&mut app, KeyCode::Enter);
    let patient = screen(&app, 80, 24);
    seen.push_str(&patient);
    let left: Vec<char> = seen.chars().filter(|c| ours.contains(c)).collect();
    assert!(left.is_empty(), "{left:?} left in:\n{seen}");
    assert!(seen.contains(" -- "), "a dash in ASCII:\n{seen}");
    assert!(seen.contains("->"), "an arrow in ASCII:\n{seen}");
    assert!(seen.contains('+'), "a corner in ASCII:\n{seen}");
    insta::assert_snapshot!("patient_ascii_80x24", patient);
}

/// What the Patients list must show, worked out row by row: every unreadable or problem file,
/// and the readable rows on the ward shown whose name, id, bed or ward holds the filter; in the
/// list's order.
fn listed_row_by_row(app: &App) -> Vec<usize> {
    let needle = app.shown_filter().to_lowercase();
    let mut out: Vec<usize> = (0..app.rows.len())
        .filter(|&i| {
            let row = &app.rows[i];
            if !row.is_readable() {
                return true;
            }
            row.has_problem()
                || (app.ward.as_ref().is_none_or(|w| row.ward_raw() == Some(w.as_str()))
                    && row.search.contains(&needle))
        })
        .collect();
    match app.patients.sort {
        cordwatch::tui::app::SortMode::Priority => {}
        cordwatch::tui::app::SortMode::Bed => out.sort_by_key(|&i| {
            let r = &app.rows[i];
            (
                !r.has_problem(),
                r.ward_raw().map(str::to_string),
                r.bed.as_ref().map(|b| cordwatch::ward::bed_key(b.raw())),
            )
        }),
        cordwatch::tui::app::SortMode::Name => out
            .sort_by_key(|&i| (!app.rows[i].has_problem(), app.rows[i].name.as_ref().map(|n| n.raw().to_lowercase()))),
    }
    out
}

#[test]
fn the_filter_lists_what_a_search_of_every_row_lists_in_every_order_and_ward() {
    let mut app = app();
    let words = ["a", "ar", "ari", "aris", "ari", "e", "el", "ell", "ellis", "ell", "7", "7b", "", "h", "hu", "s"];
    for sort in 0..3 {
        for ward in 0..3 {
            press(&mut app, KeyCode::Char('/'));
            for word in words {
                // Typed over what is there: Backspace to the common start, then the rest.
                while !word.starts_with(app.patients.filter.as_str()) {
                    press(&mut app, KeyCode::Backspace);
                }
                let rest = word[app.patients.filter.len()..].to_string();
                keys(&mut app, &rest);
                assert_eq!(
                    app.patients.visible,
                    listed_row_by_row(&app),
                    "filter {:?} (shown {:?}), sort {sort}, ward {ward}",
                    app.patients.filter,
                    app.shown_filter()
                );
            }
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Char('w'));
        }
        press(&mut app, KeyCode::Char('s'));
    }
}
