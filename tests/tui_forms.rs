//! Forms that cannot record the wrong thing: a choice takes only its own keys and says which they
//! are, free text goes only into text fields, Tab stops at the last field, and the form says in
//! one line what Enter would save before anything is saved.

use cordwatch::tui::app::{App, Modal};
use cordwatch::tui::forms::{Form, Input};
use ratatui::crossterm::event::KeyCode;

mod common;

use common::{keys, press, screen};

fn app() -> App {
    common::app(common::context(None), false)
}

fn select_patient(app: &mut App, name: &str) {
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('/'));
    keys(app, name);
    press(app, KeyCode::Enter);
    assert_eq!(app.selected_row().and_then(|r| r.name.as_ref()).map(|n| n.raw().to_string()).as_deref(), Some(name));
}

fn form(app: &App) -> &Form {
    match &app.modal {
        Some(Modal::Form(form)) => form,
        other => panic!("no form open: {other:?}"),
    }
}

fn chosen(app: &App, name: &str) -> Option<String> {
    let field = form(app).fields.iter().find(|f| f.name == name).expect("field");
    match &field.input {
        Input::Choice { options, selected } => selected.map(|i| options[i].1.clone()),
        other => panic!("{name} is not a choice: {other:?}"),
    }
}

fn text(app: &App, name: &str) -> String {
    let field = form(app).fields.iter().find(|f| f.name == name).expect("field");
    match &field.input {
        Input::Text { value, .. } => value.clone(),
        other => panic!("{name} is not text: {other:?}"),
    }
}

fn focused(app: &App) -> &'static str {
    let form = form(app);
    form.fields[form.focus].name
}

#[test]
fn a_key_a_choice_does_not_take_changes_nothing_and_the_field_says_its_keys() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(focused(&app), "motor");
    keys(&mut app, "e");
    assert_eq!(chosen(&app, "motor"), None, "'e' is not a Motor key");
    assert!(!form(&app).is_dirty(), "nothing changed");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Motor takes n normal, w weakness, p paralysis"), "{text}");
    assert!(text.contains("'e' is not one of them (text goes in Note)"), "{text}");
    // A key the field does take clears the notice.
    keys(&mut app, "w");
    assert_eq!(chosen(&app, "motor").as_deref(), Some("weakness"));
    assert!(form(&app).notice.is_none());
    // Ctrl with a choice's letter is not the letter.
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('p'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    assert_eq!(chosen(&app, "motor").as_deref(), Some("weakness"));
}

#[test]
fn a_score_takes_digits_only_and_says_so() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    while focused(&app) != "pain_score" {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "a");
    assert!(form(&app).notice.as_deref().is_some_and(|n| n.contains("digits 0-10")), "{:?}", form(&app).notice);
    keys(&mut app, "7");
    assert!(form(&app).notice.is_none());
}

#[test]
fn tab_stops_at_the_last_field_so_a_note_typed_on_never_reaches_motor() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    for _ in 0..40 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(focused(&app), "by", "Tab stops at the last field");
    assert!(screen(&app, 80, 24).contains("last field: Enter saves, Shift-Tab goes back"));
    let by = text(&app, "by");
    keys(&mut app, " new weakness");
    assert_eq!(text(&app, "by"), format!("{by} new weakness"), "the letters go into the text field");
    for name in ["motor", "sensory", "bladder", "bowel", "gait", "frankel"] {
        assert_eq!(chosen(&app, name), None, "{name} is unchanged");
    }
    for _ in 0..40 {
        press(&mut app, KeyCode::BackTab);
    }
    assert_eq!(focused(&app), "motor", "Shift-Tab stops at the first");
    assert!(form(&app).notice.as_deref().is_some_and(|n| n.contains("first field")));
}

#[test]
fn the_form_says_in_one_line_what_enter_would_save() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    keys(&mut app, "w");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "r");
    for (w, h) in [(80, 24), (60, 20)] {
        let text = screen(&app, w, h);
        let joined: Vec<&str> = text.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect();
        let joined = joined.join(" ");
        assert!(joined.contains("Enter saves: exam at 2026-11-23 09:00: motor weakness, bladder retention"), "{text}");
    }
    // Before anything is chosen, it says why there is nothing to save yet.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('x'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Not ready:"), "{text}");
}

/// How many items the Round view offers.
fn round_items(app: &App) -> usize {
    app.round().iter().filter(|l| l.selectable()).count()
}

fn round_item_of(app: &mut App, name: &str, completion: fn(&Completion) -> bool) {
    press(app, KeyCode::Char('3'));
    press(app, KeyCode::Char('g'));
    for _ in 0..round_items(app) {
        let lines = app.round();
        let item = lines.iter().filter(|l| l.selectable()).nth(app.round.selected).expect("item");
        let patient = app.current_patient().and_then(|r| r.case().map(|c| c.name.raw().to_string()));
        if patient.as_deref() == Some(name) && item.completion.as_ref().is_some_and(completion) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no such round item for {name}");
}

use cordwatch::engine::Completion;

#[test]
fn enter_twice_on_an_emergency_awaiting_its_mri_records_nothing_and_the_result_is_required() {
    let mut app = app();
    round_item_of(&mut app, "Margaret Ellis", |c| matches!(c, Completion::MriResult { .. }));
    let before = app.current_patient().and_then(|r| r.case().map(|c| c.imaging.clone()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app).kind,
        cordwatch::tui::forms::FormKind::Imaging(Some(cordwatch::model::ImagingKind::MriWholeSpine))
    );
    press(&mut app, KeyCode::Enter);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("choose the result"), "not saved without a result: {error}");
    let after = app.current_patient().and_then(|r| r.case().map(|c| c.imaging.clone()));
    assert_eq!(before, after, "the pending request is still pending");
    // With the result chosen it saves.
    keys(&mut app, "o");
    assert_eq!(chosen(&app, "result").as_deref(), Some("no_mscc"), "focus on the result: {:?}", form(&app).focus);
}

#[test]
fn enter_on_an_emergency_with_no_mri_requested_opens_the_request_not_a_result() {
    let mut app = app();
    round_item_of(&mut app, "Nora Jensen", |c| matches!(c, Completion::MriResult { .. }));
    let pending = app.current_patient().is_some_and(|r| {
        r.case().is_some_and(|c| c.imaging.iter().any(|i| i.kind.is_mri() && i.requested.is_some() && i.done.is_none()))
    });
    assert!(!pending, "the fixture: no MRI requested for her");
    press(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).kind, cordwatch::tui::forms::FormKind::Request);
    press(&mut app, KeyCode::Enter);
    assert!(form(&app).error.is_some(), "a request the clinician did not date is not recorded");
}

#[test]
fn no_round_item_is_recorded_by_enter_enter() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    let n = round_items(&app);
    assert!(n > 10, "the demo round has items: {n}");
    for i in 0..n {
        press(&mut app, KeyCode::Char('g'));
        for _ in 0..i {
            press(&mut app, KeyCode::Char('j'));
        }
        let before = app.current_patient().and_then(|r| r.case().cloned());
        press(&mut app, KeyCode::Enter);
        if !matches!(app.modal, Some(Modal::Form(_))) {
            press(&mut app, KeyCode::Esc);
            continue;
        }
        let kind = form(&app).kind;
        press(&mut app, KeyCode::Enter);
        assert!(
            matches!(app.modal, Some(Modal::Form(_))),
            "item {i} ({kind:?}) was saved by Enter Enter: {:?}",
            app.status
        );
        let after = app.current_patient().and_then(|r| r.case().cloned());
        assert_eq!(before, after, "item {i} ({kind:?}) changed the case");
        press(&mut app, KeyCode::Esc);
        if matches!(app.modal, Some(Modal::ConfirmDiscard(_))) {
            press(&mut app, KeyCode::Char('y'));
        }
        assert!(app.modal.is_none() || matches!(app.modal, Some(Modal::Message(_))), "{:?}", app.modal);
        app.modal = None;
    }
}

#[test]
fn the_acknowledge_form_preselects_the_most_serious_open_flag_and_its_key_never_unselects() {
    use cordwatch::guidelines::Level;
    let mut app = app();
    let mut first_offered_was_not_the_emergency = false;
    for name in ["Margaret Ellis", "Kenneth Adeyemi", "David Okonkwo"] {
        select_patient(&mut app, name);
        press(&mut app, KeyCode::Enter); // the Patient view
        let a = app.current_patient().and_then(|r| r.assessment.clone()).expect("assessed");
        let emergency: Vec<String> =
            a.open_flags().filter(|f| f.level == Level::Emergency).map(|f| f.rule_id().to_string()).collect();
        assert_eq!(emergency.len(), 1, "{name}: the fixture has one emergency among other flags");
        assert!(a.open_flags().count() > 1, "{name}: and another flag open");
        first_offered_was_not_the_emergency |= a.open_rule_ids()[0] != emergency[0];
        press(&mut app, KeyCode::Char('a'));
        assert_eq!(chosen(&app, "flag"), Some(emergency[0].clone()), "{name}");
        // The flag's own key pressed (again) keeps it selected.
        let key = match &form(&app).fields.iter().find(|f| f.name == "flag").expect("flag").input {
            Input::Choice { options, selected: Some(i) } => options[*i].0,
            other => panic!("{other:?}"),
        };
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Char(key));
        assert_eq!(chosen(&app, "flag"), Some(emergency[0].clone()), "{name}: pressing its key keeps it");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(chosen(&app, "flag"), None, "Backspace clears");
        press(&mut app, KeyCode::Esc);
        if matches!(app.modal, Some(Modal::ConfirmDiscard(_))) {
            press(&mut app, KeyCode::Char('y'));
        }
        press(&mut app, KeyCode::Esc); // back to the list
    }
    assert!(first_offered_was_not_the_emergency, "the fixture: for one of them the first offered was another flag");
}

fn ctrl_c(app: &mut App) -> cordwatch::tui::app::Effect {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

#[test]
fn q_closes_help_and_windows_and_never_quits_from_them() {
    use cordwatch::tui::app::Effect;
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.modal, Some(Modal::Help { .. })));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None, "q closes help");
    assert!(app.modal.is_none());
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert!(app.modal.is_none(), "Esc closes help");
    press(&mut app, KeyCode::Char('L'));
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None, "q closes the message log");
    // A long message in its window.
    screen(&app, 80, 24);
    select_patient(&mut app, "Walter Hughes");
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.modal, Some(Modal::Message(_))), "{:?}", app.modal);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None, "q closes the message");
    assert!(app.modal.is_none());
    // Outside any window q quits, nothing typed or recorded being lost.
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
}

#[test]
fn ctrl_c_in_a_form_with_typed_input_asks_like_q_and_a_second_one_quits() {
    use cordwatch::tui::app::Effect;
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(ctrl_c(&mut app), Effect::Quit, "nothing typed: Ctrl-C leaves at once");
    press(&mut app, KeyCode::Char('x'));
    keys(&mut app, "w");
    assert_eq!(ctrl_c(&mut app), Effect::None, "typed input: it asks");
    assert!(matches!(app.modal, Some(Modal::ConfirmQuit(Some(_)))), "{:?}", app.modal);
    assert!(screen(&app, 80, 24).contains("Quit and lose what you typed"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(chosen(&app, "motor").as_deref(), Some("weakness"), "back to the form, input kept");
    ctrl_c(&mut app);
    assert_eq!(ctrl_c(&mut app), Effect::Quit, "Ctrl-C twice leaves");
}

#[test]
fn quitting_the_demo_after_recording_says_its_changes_are_thrown_away() {
    use cordwatch::tui::app::Effect;
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    keys(&mut app, "w");
    press(&mut app, KeyCode::Enter);
    assert!(!matches!(app.modal, Some(Modal::Form(_))), "saved: {:?}", app.status);
    app.modal = None;
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None, "the demo has changes: it asks");
    let text = screen(&app, 80, 24);
    assert!(text.contains("demo ward") && text.contains("thrown"), "{text}");
    press(&mut app, KeyCode::Char('n'));
    assert!(app.modal.is_none(), "any other key stays");
    assert_eq!(ctrl_c(&mut app), Effect::None, "Ctrl-C asks too");
    assert_eq!(press(&mut app, KeyCode::Char('y')), Effect::Quit);
}

fn selected_name(app: &App) -> Option<String> {
    app.selected_row().and_then(|r| r.name.as_ref()).map(|n| n.raw().to_string())
}

#[test]
fn slash_starts_a_new_search_with_the_old_one_offered() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "sus");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_name(&app).as_deref(), Some("Susan Hartley"));
    press(&mut app, KeyCode::Char('/'));
    assert!(screen(&app, 80, 24).contains("type a new search; Backspace edits this one"));
    keys(&mut app, "nora");
    assert_eq!(app.patients.filter, "nora", "a new search, not \"susnora\"");
    assert_eq!(selected_name(&app).as_deref(), Some("Nora Jensen"));
    press(&mut app, KeyCode::Enter);
    // Backspace takes the old one for editing.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "a");
    assert_eq!(app.patients.filter, "nora");
    // Enter keeps it as it was.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.patients.filter, "nora");
}

#[test]
fn a_search_that_matches_nobody_says_so_and_leaves_the_cursor_where_it_was() {
    use cordwatch::tui::app::Effect;
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "#nobody");
    assert_eq!(selected_name(&app).as_deref(), Some("Nora Jensen"), "the cursor stays on her");
    assert!(!app.selected_row().expect("row").has_problem(), "never on the unreadable file by surprise");
    let text = screen(&app, 80, 24);
    assert!(text.contains("no patient matches"), "{text}");
    press(&mut app, KeyCode::Enter);
    let status = app.status.clone().expect("said");
    assert!(status.error && status.text.contains("no patient matches \"#nobody\""), "{status:?}");
    assert_eq!(app.patients.filter, "Nora Jensen", "the filter that matched is kept");
    let Effect::Edit { id } = press(&mut app, KeyCode::Char('e')) else { panic!("e edits") };
    assert_eq!(id.to_string(), "RXH6523006", "e opens her file, not the unreadable one");
}

fn ctrl(app: &mut App, c: char) {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

#[test]
fn text_fields_edit_like_a_line_editor() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    while focused(&app) != "note" {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "weak lgs");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    keys(&mut app, "e");
    assert_eq!(text(&app, "note"), "weak legs", "Left moves back, letters go in at the cursor");
    press(&mut app, KeyCode::Home);
    keys(&mut app, "new ");
    assert_eq!(text(&app, "note"), "new weak legs", "Home");
    press(&mut app, KeyCode::End);
    ctrl(&mut app, 'w');
    assert_eq!(text(&app, "note"), "new weak ", "End then Ctrl-W deletes the word before");
    ctrl(&mut app, 'a');
    press(&mut app, KeyCode::Delete);
    assert_eq!(text(&app, "note"), "ew weak ", "Ctrl-A to the start, Delete under the cursor");
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 'u');
    assert_eq!(text(&app, "note"), "", "Ctrl-U clears to the start");
    assert!(form(&app).notice.is_none(), "every one of those keys did something");
}

#[test]
fn a_time_alone_is_today_and_a_refusal_speaks_the_dashboards_words_and_finds_its_field() {
    let mut app = app();
    select_patient(&mut app, "Nora Jensen");
    press(&mut app, KeyCode::Char('x'));
    keys(&mut app, "w");
    while focused(&app) != "at" {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    keys(&mut app, "08:40");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Enter saves: exam at 2026-11-23 08:40: motor weakness"), "{text}");
    // A time ahead of now is refused in the form's words, and the cursor goes to the time.
    ctrl(&mut app, 'u');
    keys(&mut app, "23:59");
    press(&mut app, KeyCode::Up); // away from the field in error
    press(&mut app, KeyCode::Enter);
    let error = form(&app).error.clone().expect("refused");
    assert!(error.starts_with("At: 2026-11-23 23:59 is later than now"), "{error}");
    assert!(!error.contains("--at"), "no command-line words: {error}");
    assert_eq!(focused(&app), "at", "the cursor is on the field in error");
    ctrl(&mut app, 'u');
    keys(&mut app, "08:40");
    press(&mut app, KeyCode::Enter);
    assert!(!matches!(app.modal, Some(Modal::Form(_))), "saved: {:?}", app.modal);
    let exam = app.current_patient().and_then(|r| r.case().and_then(|c| c.exams.last().cloned())).expect("exam");
    assert_eq!(exam.at.to_string(), "2026-11-23 08:40");
}
