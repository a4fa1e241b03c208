//! Who recorded it: the clinician set once (the environment, the config file, the dashboard's
//! first-run question on a shared ward) is every record's default "by" and role, and the audit
//! log's clinician column beside the OS account.

use std::path::Path;

mod common;

use common::command::{isolated, outcome};
use cordwatch::model::Role;
use ratatui::crossterm::event::KeyCode;

const NOW: &str = "2026-11-23 09:00";

/// A data directory with one inpatient, RX1.
fn ward(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::write(
        data.join("cases/RX1.yaml"),
        "id: \"RX1\"\nname: Test Patient\nward: \"A\"\nbed: \"1\"\nstatus: inpatient\n",
    )
    .expect("case");
    data
}

fn cw(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = isolated(dir);
    cmd.env_remove("CORDWATCH_CLINICIAN").arg("--data").arg(data).arg("--now").arg(NOW).args(args);
    outcome(&mut cmd)
}

fn cw_as(dir: &Path, data: &Path, clinician: &str, args: &[&str]) -> (i32, String, String) {
    let mut cmd = isolated(dir);
    cmd.env("CORDWATCH_CLINICIAN", clinician).arg("--data").arg(data).arg("--now").arg(NOW).args(args);
    outcome(&mut cmd)
}

/// The audit log's lines, split into columns.
fn audit(data: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(data.join("audit.log")).expect("audit.log");
    text.lines().map(|l| l.split('\t').map(String::from).collect()).collect()
}

fn case_text(data: &Path) -> String {
    std::fs::read_to_string(data.join("cases/RX1.yaml")).expect("case file")
}

#[test]
fn the_environment_names_the_clinician_of_every_record_and_audit_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let me = "Dr A Shah (registrar)";
    let (code, out, err) = cw_as(dir.path(), &data, me, &["record", "review", "RX1", "--note", "seen"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw_as(dir.path(), &data, me, &["record", "radiotherapy", "RX1", "--start", "2026-11-23"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) =
        cw_as(dir.path(), &data, me, &["record", "steroids", "RX1", "--drug", "dexamethasone", "--mg-per-day", "16"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = case_text(&data);
    let case: cordwatch::model::Case = cordwatch::yaml::from_str(&text).expect("reads back");
    assert_eq!(case.reviews[0].by.as_ref().map(|b| b.raw()), Some("Dr A Shah"), "{text}");
    assert_eq!(case.reviews[0].role, Some(Role::Registrar), "{text}");
    assert_eq!(case.radiotherapy[0].by.as_ref().map(|b| b.raw()), Some("Dr A Shah"), "{text}");
    assert_eq!(case.radiotherapy[0].role, Some(Role::Registrar), "{text}");
    assert_eq!(case.steroids[0].by.as_ref().map(|b| b.raw()), Some("Dr A Shah"), "{text}");
    let lines = audit(&data);
    assert_eq!(lines.len(), 3);
    let account = cordwatch::store::os_user();
    for line in &lines {
        assert_eq!(line.len(), 8, "{line:?}");
        assert_eq!(line[1], account, "the OS account stays in column 2");
        assert_eq!(line[7], me, "the clinician beside it");
    }
}

#[test]
fn a_record_by_someone_else_names_them_and_no_guessed_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let me = "Dr A Shah (registrar)";
    let (code, out, err) =
        cw_as(dir.path(), &data, me, &["record", "review", "RX1", "--by", "Dr Reviewer", "--note", "seen"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw_as(
        dir.path(),
        &data,
        me,
        &["record", "exam", "RX1", "--motor", "normal", "--by", "Sister Jones", "--role", "nurse"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let case: cordwatch::model::Case = cordwatch::yaml::from_str(&case_text(&data)).expect("reads back");
    assert_eq!(case.reviews[0].by.as_ref().map(|b| b.raw()), Some("Dr Reviewer"));
    assert_eq!(case.reviews[0].role, None, "another's role is never taken from the login's clinician");
    assert_eq!(case.exams[0].role, Some(Role::Nurse));
    let lines = audit(&data);
    assert_eq!(lines[0][7], "Dr Reviewer", "the audit names who the record names, not the login");
    assert_eq!(lines[1][7], "Sister Jones (nurse)");
}

#[test]
fn the_config_file_names_the_clinician_and_the_environment_wins_over_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    std::fs::write(dir.path().join("config.yaml"), "clinician: { name: Dr B Okafor, role: consultant }\n")
        .expect("config");
    let (code, out, err) = cw(dir.path(), &data, &["record", "request", "RX1"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw_as(dir.path(), &data, "Dr A Shah", &["record", "review", "RX1"]);
    assert_eq!(code, 0, "{out}{err}");
    let case: cordwatch::model::Case = cordwatch::yaml::from_str(&case_text(&data)).expect("reads back");
    assert_eq!(case.imaging[0].requested_by.as_ref().map(|b| b.raw()), Some("Dr B Okafor"));
    assert_eq!((case.reviews[0].by.as_ref().map(|b| b.raw()), case.reviews[0].role), (Some("Dr A Shah"), None));
    let lines = audit(&data);
    assert_eq!(lines[0][7], "Dr B Okafor", "a request names who requested; the role is not on imaging");
    assert_eq!(lines[1][7], "Dr A Shah");
}

#[test]
fn with_no_clinician_set_the_account_is_the_default_and_the_column_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let (code, out, err) = cw(dir.path(), &data, &["record", "review", "RX1"]);
    assert_eq!(code, 0, "{out}{err}");
    let account = cordwatch::store::os_user();
    let case: cordwatch::model::Case = cordwatch::yaml::from_str(&case_text(&data)).expect("reads back");
    assert_eq!(case.reviews[0].by.as_ref().map(|b| b.raw().to_string()), Some(account.clone()));
    let lines = audit(&data);
    assert_eq!(lines[0][7], account, "the record's by is the account, and the column says so");
    let (code, out, err) = cw(dir.path(), &data, &["discharge", "RX1"]);
    assert_eq!(code, 0, "{out}{err}");
    let lines = audit(&data);
    assert_eq!(lines[1].len(), 8);
    assert_eq!(lines[1][7], "", "a discharge with no clinician set names none");
}

#[test]
fn a_misspelt_role_in_the_environment_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let (code, _, err) = cw_as(dir.path(), &data, "Dr A Shah (registar)", &["record", "review", "RX1"]);
    assert_ne!(code, 0);
    assert!(err.contains("CORDWATCH_CLINICIAN") && err.contains("registar"), "{err}");
    assert!(!data.join("audit.log").exists(), "nothing written");
}

#[test]
fn the_dashboard_asks_who_is_recording_on_a_shared_ward_with_no_clinician() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let mut ctx = common::context(Some(&data));
    if ctx.clinician.is_some() {
        return; // CORDWATCH_CLINICIAN set where the tests run: there is nothing to ask.
    }
    assert!(!ctx.should_ask_clinician(), "a private ward: the account is one person");
    ctx.settings.shared_group = Some("ward".into());
    let mut app = common::app(ctx, true);
    let screen = common::screen(&app, 80, 24);
    assert!(screen.contains("Who is recording?"), "{screen}");
    common::keys(&mut app, "Dr A Shah (registar)");
    common::press(&mut app, KeyCode::Enter);
    let screen = common::screen(&app, 80, 24);
    assert!(screen.contains("registar"), "a misspelt role is refused and said: {screen}");
    for _ in 0..")".len() + "registar (".len() {
        common::press(&mut app, KeyCode::Backspace);
    }
    common::keys(&mut app, "(registrar)");
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(app.ctx.clinician.as_ref().map(|c| c.line()), Some("Dr A Shah (registrar)".to_string()));
    assert_eq!(app.ctx.by_default(), "Dr A Shah");
    assert_eq!(app.ctx.store.clinician(), "Dr A Shah (registrar)");
    let screen = common::screen(&app, 60, 20);
    assert!(!screen.contains("Who is recording?"), "{screen}");
}

#[test]
fn esc_goes_on_as_the_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let mut ctx = common::context(Some(&data));
    if ctx.clinician.is_some() {
        return;
    }
    ctx.settings.shared_group = Some("ward".into());
    let mut app = common::app(ctx, true);
    common::press(&mut app, KeyCode::Esc);
    assert!(app.ctx.clinician.is_none());
    let screen = common::screen(&app, 80, 24);
    assert!(screen.contains("no clinician set"), "{screen}");
}

#[test]
fn show_history_says_who_did_what_to_the_patient() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let me = "Dr A Shah (registrar)";
    let (code, out, err) = cw_as(dir.path(), &data, me, &["record", "review", "RX1", "--note", "seen on the round"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw(dir.path(), &data, &["record", "request", "RX1", "--by", "Sister Jones"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw(dir.path(), &data, &["show", "RX1", "--history"]);
    assert_eq!(code, 0, "{out}{err}");
    let account = cordwatch::store::os_user();
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("HISTORY"), "{out}");
    assert!(words.contains(&format!("Dr A Shah (registrar) as {account}: review")), "{out}");
    assert!(words.contains(&format!("Sister Jones as {account}: request")), "{out}");
    let (_, plain, _) = cw(dir.path(), &data, &["show", "RX1"]);
    assert!(!plain.contains("HISTORY"), "only when asked: {plain}");
}

#[test]
fn the_patient_view_shows_who_did_what_with_a_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let me = "Dr A Shah (registrar)";
    let (code, out, err) = cw_as(dir.path(), &data, me, &["record", "review", "RX1", "--note", "seen"]);
    assert_eq!(code, 0, "{out}{err}");
    let mut app = common::app(common::context(Some(&data)), true);
    if app.modal.is_some() {
        common::press(&mut app, KeyCode::Esc);
    }
    common::press(&mut app, KeyCode::Char('W'));
    let screen = common::screen(&app, 100, 30);
    assert!(screen.contains("WHO DID WHAT"), "{screen}");
    assert!(screen.contains("Dr A Shah (registrar) as"), "{screen}");
    common::press(&mut app, KeyCode::Char('W'));
    let screen = common::screen(&app, 100, 30);
    assert!(!screen.contains("WHO DID WHAT"), "the key hides it again: {screen}");
}
