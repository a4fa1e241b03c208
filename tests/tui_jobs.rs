//! The dashboard's Jobs view and handover note, driven by keys: the ward's open jobs overdue
//! first, ticked off with one key (once only), cancelled with a reason, added with one key,
//! "mine", and a handover note of several lines written in the form.

use cordwatch::tui::app::{App, Modal, View};
use ratatui::crossterm::event::KeyCode;

mod common;

use common::{keys, press, screen};

fn app() -> App {
    common::app(common::context(None), false)
}

fn file(app: &App, id: &str) -> String {
    std::fs::read_to_string(app.ctx.store.case_path(&id.parse().expect("id"))).expect("case file")
}

#[test]
fn the_jobs_view_lists_overdue_first_and_one_key_ticks_off_the_selected_job_once() {
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.view, View::Jobs);
    let s = screen(&app, 80, 24);
    assert!(s.contains("4 open jobs of everyone, 2 overdue"), "{s}");
    let first = s.lines().position(|l| l.contains("bone profile and calcium")).expect("overdue job listed");
    let later = s.lines().position(|l| l.contains("family meeting")).expect("job listed");
    assert!(first < later, "overdue first: {s}");
    assert!(s.contains("cannot be read: their jobs are not listed"), "an unreadable file is said: {s}");
    // The first line is Margaret Ellis's overdue job 2: y ticks it off, by the user, now.
    press(&mut app, KeyCode::Char('y'));
    let status = app.status.clone().expect("said");
    assert!(
        !status.error && status.text.contains("Margaret Ellis: job 2, bone profile and calcium — done"),
        "{status:?}"
    );
    let yaml = file(&app, "RXH1042331");
    assert!(yaml.contains("done: 2026-11-23 09:00"), "{yaml}");
    let s = screen(&app, 80, 24);
    assert!(s.contains("3 open jobs of everyone, 1 overdue") && !s.contains("#2 bone profile"), "{s}");
    // Nothing else is done by the key: the next job is still open until its own key press.
    assert_eq!(yaml.matches("done_by:").count(), 2, "job 4 was done before; now job 2: {yaml}");
}

#[test]
fn a_job_is_added_with_one_key_cancelled_with_a_reason_and_mine_shows_only_the_users() {
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    // X on the first job (Margaret Ellis's job 2, overdue) asks the reason, the number filled in.
    press(&mut app, KeyCode::Char('C'));
    let Some(Modal::Form(_)) = &app.modal else { panic!("the cancel form opens") };
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.modal, Some(Modal::Form(_))), "no reason, not saved");
    keys(&mut app, "results back");
    press(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", app.modal);
    assert!(app.status.as_ref().is_some_and(|s| !s.error), "{:?}", app.status);
    let yaml = file(&app, "RXH1042331");
    let jobs = yaml.split("jobs:").nth(1).unwrap_or_default();
    let job2 = jobs.split("number: ").find(|j| j.starts_with('2')).unwrap_or_default();
    assert!(job2.contains("reason: results back") && job2.contains("cancelled: 2026-11-23 09:00"), "{jobs}");
    // M: only the user's jobs; none yet.
    press(&mut app, KeyCode::Char('M'));
    let user = app.ctx.store.user().to_string();
    assert!(screen(&app, 80, 24).contains("No open jobs."));
    // J on the selected patient adds one, owned by the user.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('J'));
    keys(&mut app, "ring the family");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, &user);
    press(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", app.status);
    press(&mut app, KeyCode::Char('6'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("1 open jobs of") && s.contains("ring the family"), "{s}");
    press(&mut app, KeyCode::Char('M'));
    assert!(screen(&app, 80, 24).contains("open jobs of everyone"));
}

#[test]
fn a_handover_note_of_several_lines_is_written_in_the_form_and_shown_on_the_patient() {
    let mut app = app();
    // The first line is the unreadable file, which cannot be written on.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('H'));
    assert!(matches!(app.modal, Some(Modal::Form(_))), "H opens the handover form: {:?} {:?}", app.status, app.modal);
    keys(&mut app, "if new weakness: whole-spine MRI");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "DNACPR in place");
    assert!(matches!(app.modal, Some(Modal::Form(_))), "Enter in the note starts a new line");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "saved: {:?}", app.modal);
    let id = app.selected_row().and_then(|r| r.id.as_ref()).map(|id| id.to_string()).expect("patient");
    let yaml = file(&app, &id);
    assert!(yaml.contains("if new weakness: whole-spine MRI\n") && yaml.contains("DNACPR in place"), "{yaml}");
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('G'));
    let s = screen(&app, 80, 40);
    assert!(s.contains("HANDOVER (") && s.contains("DNACPR in place"), "{s}");
}

/// Opens the print window and replaces the name it offers with `target`.
fn print_to(app: &mut App, target: &str) {
    press(app, KeyCode::Char('P'));
    assert!(matches!(app.modal, Some(Modal::Print { .. })), "P opens the print window: {:?}", app.status);
    for _ in 0..80 {
        press(app, KeyCode::Backspace);
    }
    keys(app, target);
    press(app, KeyCode::Enter);
}

#[test]
fn print_writes_the_list_on_screen_through_the_guarded_writer_or_pipes_it_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    let out = dir.path().join("jobs.md");
    print_to(&mut app, &out.display().to_string());
    assert!(app.modal.is_none(), "{:?}", app.modal);
    let said = app.status.clone().expect("said").text;
    assert!(said.contains("written as Markdown to") && said.contains("jobs.md"), "{said}");
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(md.starts_with("# Jobs — Mon 2026-11-23 09:00"), "{md}");
    assert!(md.contains("- [ ] Bed 12 Margaret Ellis (RXH1042331): #2 bone profile and calcium"), "{md}");
    assert!(md.contains("UNREADABLE cases/RXH9856339.yaml"), "an unreadable file is said: {md}");
    // The same name again: refused, the window stays open with the reason, the file is kept.
    print_to(&mut app, &out.display().to_string());
    let Some(Modal::Print { error: Some(error), .. }) = &app.modal else { panic!("refused: {:?}", app.modal) };
    assert!(error.contains("already exists"), "{error}");
    press(&mut app, KeyCode::Esc);
    // Never inside the data directory, where it could take the place of a record.
    let inside = app.ctx.store.root().join("cases").join("printed.txt");
    print_to(&mut app, &inside.display().to_string());
    assert!(matches!(&app.modal, Some(Modal::Print { error: Some(_), .. })), "{:?}", app.modal);
    assert!(!inside.exists());
    press(&mut app, KeyCode::Esc);
    // The Urgent view's list as text, through a command.
    press(&mut app, KeyCode::Char('4'));
    let piped = dir.path().join("piped.txt");
    print_to(&mut app, &format!("| cat > {}", piped.display()));
    let said = app.status.clone().expect("said").text;
    assert!(said.contains("lines sent to `cat >"), "{said}");
    let text = std::fs::read_to_string(&piped).expect("piped");
    assert!(text.starts_with("Urgent — ") && text.contains("Nora Jensen"), "{text}");
    // A view that is not a list says so.
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('P'));
    assert!(app.modal.is_none() && app.status.as_ref().is_some_and(|s| s.error));
}
