//! Striking a wrong entry: it stays in the file and on the timeline, struck with who, when and
//! why; the rules ignore it (a struck MRI closes no flag, a struck exam raises none); nothing is
//! deleted; the strike is audited like any write. Engine, command line and dashboard.

mod common;

use common::command::{isolated, outcome};
use common::*;
use cordwatch::model::event::Event;
use cordwatch::model::{EntryRef, Strike, Text};
use ratatui::crossterm::event::KeyCode;

const NOW: &str = "2026-11-21 18:00";

fn strike(text: &str, at_: &str, why: &str) -> Event {
    let strike = Strike { at: at(at_), by: Some(Text::from("Dr A Shah")), role: None, why: Text::from(why) };
    Event::Strike { entry: EntryRef::parse(text).expect("reference"), strike }
}

/// Weakness at 08:30 (an emergency), then a whole-spine MRI with no compression at 14:00.
fn weakness_then_mri() -> cordwatch::model::Case {
    case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-21 08:30, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, requested: 2026-11-21 09:00, done: 2026-11-21 14:00, result: no_mscc, escc: 0 }",
    ]))
}

#[test]
fn a_struck_exam_raises_nothing_and_a_struck_mri_closes_nothing() {
    let c = weakness_then_mri();
    let a = assess_at(&c, NOW);
    assert!(open_rules(&a).is_empty(), "the MRI answered the flag: {:?}", flags(&a));

    let mut no_mri = c.clone();
    strike("imaging 2026-11-21 09:00", "2026-11-21 17:00", "MRI of another patient")
        .apply(&mut no_mri)
        .expect("strike");
    assert_eq!(open_rules(&assess_at(&no_mri, NOW)), vec!["mscc-neuro"], "a struck MRI closes nothing");
    assert_eq!(no_mri.imaging.len(), 1, "nothing deleted");

    let mut no_exam = c.clone();
    strike("exams 2026-11-21 08:30", "2026-11-21 17:00", "exam of another patient")
        .apply(&mut no_exam)
        .expect("strike");
    let a = assess_at(&no_exam, NOW);
    assert!(a.flags.is_empty(), "a struck exam raises nothing: {:?}", flags(&a));
    assert_eq!(no_exam.exams.len(), 1, "nothing deleted");
}

#[test]
fn a_strike_names_one_entry_or_refuses() {
    let mut c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-21 08:30, motor: weakness }",
        "  - { at: 2026-11-21 08:30, bladder: retention }",
        "radiotherapy:",
        "  - { site: T6-T8, start: 2026-11-20 }",
    ]));
    let err = strike("exams 2026-11-21 09:00", "2026-11-21 17:00", "x").apply(&mut c).expect_err("none there");
    assert!(err.to_string().contains("2026-11-21 08:30"), "lists what is there: {err}");
    let err = strike("exams 2026-11-21 08:30", "2026-11-21 17:00", "x").apply(&mut c).expect_err("two there");
    assert!(err.to_string().contains("#1") && err.to_string().contains("#2"), "{err}");
    strike("exams 2026-11-21 08:30 #2", "2026-11-21 17:00", "wrong patient").apply(&mut c).expect("the second");
    assert!(c.exams[0].struck.is_none() && c.exams[1].struck.is_some());
    let err = strike("exams 2026-11-21 08:30 #2", "2026-11-21 17:05", "again").apply(&mut c).expect_err("twice");
    assert!(err.to_string().contains("already struck"), "{err}");
    strike("radiotherapy 2026-11-20", "2026-11-21 17:00", "booked in error").apply(&mut c).expect("by its date");
    let blank = strike("exams 2026-11-21 08:30 #1", "2026-11-21 17:00", "  ").apply(&mut c);
    assert!(blank.is_err(), "a strike needs a reason");
    assert_eq!(open_rules(&assess_at(&c, NOW)), vec!["mscc-neuro"], "the weakness still counts");
}

#[test]
fn a_struck_entry_is_written_and_read_back_and_a_reasonless_strike_is_refused() {
    let mut c = weakness_then_mri();
    strike("exams 2026-11-21 08:30", "2026-11-21 17:00", "wrong patient: see bed 4").apply(&mut c).expect("strike");
    let text = cordwatch::yaml::write_case(&c);
    assert!(
        text.contains("struck: { at: 2026-11-21 17:00, by: Dr A Shah, why: \"wrong patient: see bed 4\" }"),
        "{text}"
    );
    let back: cordwatch::model::Case = cordwatch::yaml::from_str(&text).expect("reads back");
    assert_eq!(back, c);
    let bad = text.replace("why: \"wrong patient: see bed 4\"", "why: \" \"");
    let err = cordwatch::yaml::from_str::<cordwatch::model::Case>(&bad).expect_err("blank reason");
    assert!(err.to_string().contains("why"), "{err}");
}

fn ward(dir: &std::path::Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::write(
        data.join("cases/RX1.yaml"),
        lines(&[
            "id: \"RX1\"",
            "name: Test Patient",
            "ward: \"A\"",
            "bed: \"1\"",
            "status: inpatient",
            "exams:",
            "  - { at: 2026-11-21 08:30, motor: weakness }",
        ]),
    )
    .expect("case");
    data
}

fn cw(dir: &std::path::Path, data: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = isolated(dir);
    cmd.env("CORDWATCH_CLINICIAN", "Dr A Shah (registrar)").arg("--data").arg(data).arg("--now").arg(NOW).args(args);
    outcome(&mut cmd)
}

#[test]
fn record_strike_keeps_the_entry_shows_it_struck_and_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let (_, out, _) = cw(dir.path(), &data, &["triage"]);
    assert!(out.contains("1 emergency") && out.contains("Test Patient"), "{out}");
    let (code, out, err) = cw(
        dir.path(),
        &data,
        &["record", "strike", "RX1", "--entry", "exams 2026-11-21 08:30", "--why", "wrong patient"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("struck exams 2026-11-21 08:30"), "{out}");
    let text = std::fs::read_to_string(data.join("cases/RX1.yaml")).expect("file");
    assert!(text.contains("motor: weakness") && text.contains("why: wrong patient"), "kept, with the strike: {text}");
    let (_, out, _) = cw(dir.path(), &data, &["show", "RX1"]);
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("2026-11-21 08:30 [STRUCK] exam: motor weakness"), "{out}");
    assert!(
        words.contains(
            "2026-11-21 18:00 [STRUCK] exams 2026-11-21 08:30 struck by Dr A Shah (registrar): wrong patient"
        ),
        "who, when and why: {out}"
    );
    let (_, out, _) = cw(dir.path(), &data, &["triage"]);
    assert!(out.contains("0 emergency") && !out.contains("MSCC"), "the struck exam raises nothing: {out}");
    let log = std::fs::read_to_string(data.join("audit.log")).expect("audit");
    let line = log.lines().last().expect("a line");
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!((cols[2], cols[3], cols[7]), ("RX1", "strike", "Dr A Shah (registrar)"), "{line}");
    let (code, _, err) =
        cw(dir.path(), &data, &["record", "strike", "RX1", "--entry", "exams 2026-11-21 08:30", "--why", "again"]);
    assert_ne!(code, 0);
    assert!(err.contains("already struck"), "{err}");
    let (code, _, err) = cw(dir.path(), &data, &["record", "strike", "RX1", "--entry", "exams 2026-11-21 08:30"]);
    assert_ne!(code, 0, "a strike needs --why: {err}");
}

#[test]
fn the_dashboard_strikes_the_chosen_entry_from_the_patient_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let ctx = context(Some(&data));
    let mut app = app(ctx, true);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('X'));
    let form = screen(&app, 80, 24);
    assert!(form.contains("Strike a wrong entry"), "{form}");
    assert!(form.contains("exams 2026-11-21 08:30"), "the entry is offered: {form}");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "exam of another patient");
    press(&mut app, KeyCode::Enter);
    finish_saving(&mut app);
    let text = std::fs::read_to_string(data.join("cases/RX1.yaml")).expect("file");
    assert!(text.contains("why: exam of another patient"), "{text}\n{}", screen(&app, 80, 24));
    assert!(text.contains("motor: weakness"), "kept: {text}");
    let after = screen(&app, 100, 40);
    assert!(after.contains("[STRUCK] exam"), "{after}");
}

#[test]
fn the_dashboard_strike_form_reaches_entries_older_than_the_newest_nine_by_letter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    // Twelve exams, one an hour from 06:00: the oldest (06:00) is the twelfth entry, key 'c'.
    let mut text = vec![
        "id: \"RX1\"".to_string(),
        "name: Test Patient".into(),
        "ward: \"A\"".into(),
        "bed: \"1\"".into(),
        "status: inpatient".into(),
        "exams:".into(),
    ];
    for h in 6..18 {
        text.push(format!("  - {{ at: 2026-11-21 {h:02}:00, motor: normal }}"));
    }
    std::fs::write(data.join("cases/RX1.yaml"), text.join("\n") + "\n").expect("case");
    let mut app = app(context(Some(&data)), true);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('X'));
    let form = screen(&app, 100, 40);
    assert!(form.contains("1:exams 2026-11-21 17:00"), "the newest is 1: {form}");
    assert!(form.contains("9:exams 2026-11-21 09:00"), "{form}");
    assert!(form.contains("a:exams 2026-11-21 08:00"), "the tenth is a: {form}");
    assert!(form.contains("c:exams 2026-11-21 06:00"), "the oldest is c: {form}");
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "exam of another patient");
    press(&mut app, KeyCode::Enter);
    finish_saving(&mut app);
    let written = std::fs::read_to_string(data.join("cases/RX1.yaml")).expect("file");
    let struck: Vec<&str> = written.lines().filter(|l| l.contains("why: exam of another patient")).collect();
    assert_eq!(struck.len(), 1, "{written}");
    let oldest = written.find("2026-11-21 06:00").expect("the oldest exam");
    let next = written.find("2026-11-21 07:00").expect("the next exam");
    let why = written.find("why: exam of another patient").expect("why");
    assert!(oldest < why && why < next, "the 06:00 exam, and only it, is struck:\n{written}");
}

/// Waits (up to four seconds) for the dashboard's save to be written, retrying as its event loop
/// would while another writer holds the case's lock.
fn finish_saving(app: &mut cordwatch::tui::app::App) {
    for _ in 0..200 {
        if !app.is_saving() {
            break;
        }
        app.retry_save();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
