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
    assert_eq!(app.selected_row().and_then(|r| r.case()).map(|c| c.name.raw().to_string()).as_deref(), Some(name));
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
