//! Warnings, not refusals, when recording: the record is written (exit 0) and a warning line
//! follows on stderr. Radiotherapy dated before the MRI that confirmed the compression, an exam
//! that finds a sensory level without giving it, a discharge with follow-up imaging due or overdue.
//! Each both ways at its boundary.

mod common;

use std::path::Path;

fn cw(dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").arg("--data").arg(dir.join("data")).args(["--now", now]).args(args);
    common::command::outcome(&mut cmd)
}

fn case_file(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join("data/cases").join(format!("{id}.yaml"))).expect("case file")
}

/// A case with a compression confirmed on MRI at 13:00 on 3 Dec.
fn confirmed(d: &Path) {
    assert_eq!(cw(d, "2026-12-03 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let (code, out, err) = cw(
        d,
        "2026-12-03 14:00",
        &[
            "record",
            "imaging",
            "P1",
            "--kind",
            "mri_whole_spine",
            "--result",
            "mscc",
            "--escc",
            "2",
            "--at",
            "2026-12-03 13:00",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn radiotherapy_dated_before_the_confirming_mri_is_written_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    confirmed(d);
    let (code, out, err) = cw(d, "2026-12-03 15:00", &["record", "radiotherapy", "P1", "--start", "2026-12-02"]);
    assert_eq!(code, 0, "written all the same: {out}{err}");
    assert!(case_file(d, "P1").contains("start: 2026-12-02"), "{}", case_file(d, "P1"));
    assert!(
        err.contains("cordwatch: warning: radiotherapy from 2026-12-02 is dated before the MRI of 2026-12-03 13:00"),
        "{err}"
    );
}

#[test]
fn radiotherapy_on_the_day_of_the_mri_or_after_it_warns_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    confirmed(d);
    let (code, out, err) = cw(d, "2026-12-03 15:00", &["record", "radiotherapy", "P1", "--start", "2026-12-03"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn radiotherapy_with_no_compression_on_mri_warns_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(cw(d, "2026-12-03 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let (code, out, err) = cw(
        d,
        "2026-12-03 14:00",
        &["record", "imaging", "P1", "--kind", "mri_spine", "--result", "stable", "--at", "2026-12-03 13:00"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = cw(d, "2026-12-03 15:00", &["record", "radiotherapy", "P1", "--start", "2026-12-01"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "a course for something else (pain, a lesion): {err}");
}

#[test]
fn an_exam_finding_a_sensory_level_without_the_level_is_written_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(cw(d, "2026-12-03 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let (code, out, err) = cw(d, "2026-12-03 10:00", &["record", "exam", "P1", "--sensory", "level"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(case_file(d, "P1").contains("sensory: level"), "{}", case_file(d, "P1"));
    assert!(
        err.contains("cordwatch: warning: the exam at 2026-12-03 10:00 finds a sensory level but gives no level"),
        "{err}"
    );
    // With its level: nothing to warn about. Nor with another sensory finding.
    let (code, out, err) =
        cw(d, "2026-12-03 10:05", &["record", "exam", "P1", "--sensory", "level", "--sensory-level", "T10"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
    let (code, out, err) = cw(d, "2026-12-03 10:10", &["record", "exam", "P1", "--sensory", "altered"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
}

/// A patient with a stable spine MRI on 1 Jun, whose follow-up imaging falls due some weeks on.
fn followed(d: &Path) -> String {
    assert_eq!(cw(d, "2026-06-01 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let (code, out, err) = cw(
        d,
        "2026-06-01 14:00",
        &["record", "imaging", "P1", "--kind", "mri_spine", "--result", "stable", "--at", "2026-06-01 13:00"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, json, _) = cw(d, "2026-06-01 14:00", &["show", "P1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["next_imaging_due"].as_str().unwrap_or_else(|| panic!("a follow-up date: {v}")).to_string()
}

fn day_before(date: &str) -> String {
    let d: jiff::civil::Date = date.parse().expect("date");
    d.yesterday().expect("a day before").to_string()
}

#[test]
fn a_discharge_on_the_day_follow_up_imaging_is_due_is_written_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let due = followed(d);
    let (code, out, err) = cw(d, &format!("{due} 10:00"), &["discharge", "P1", "--with-open-steps"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(d.join("data/archive/P1.yaml").exists(), "discharged all the same");
    assert!(err.contains("cordwatch: warning: discharged on") && err.contains("due that day"), "{err}");
}

#[test]
fn a_discharge_with_follow_up_imaging_overdue_is_written_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let due = followed(d);
    let (code, out, err) = cw(d, "2027-12-01 10:00", &["discharge", "P1", "--with-open-steps"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains(&format!("overdue since {due}")), "{err}");
}

#[test]
fn a_discharge_the_day_before_follow_up_imaging_is_due_warns_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let due = followed(d);
    let (code, out, err) = cw(d, &format!("{} 10:00", day_before(&due)), &["discharge", "P1", "--with-open-steps"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
}

/// The dashboard says the same after a discharge it makes: the patient moves to the archive and
/// the message names the overdue imaging.
#[test]
fn the_dashboard_says_a_discharge_leaves_follow_up_imaging_overdue() {
    use cordwatch::model::event::Event;
    use cordwatch::model::{Case, ImagingKind, ImagingResult, Stamp, Text};
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ctx = common::context(Some(&data));
    let id: cordwatch::model::CaseId = "P1".parse().expect("id");
    ctx.store.create(&Case::new(id.clone(), Text::from("Ann Patient"))).expect("create");
    let done = Stamp::parse("2025-06-01 13:00").expect("stamp");
    let mri = Event::Imaging {
        kind: ImagingKind::MriSpine,
        done,
        result: Some(ImagingResult::Stable),
        escc: None,
        levels: Vec::new(),
        note: None,
        by: None,
    };
    ctx.store.record(&id, &mri).expect("record");
    let mut app = common::app(common::context(Some(&data)), true);
    common::press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.modal, Some(cordwatch::tui::app::Modal::ConfirmDischarge(..))), "{:?}", app.modal);
    common::press(&mut app, KeyCode::Char('y'));
    assert!(data.join("archive/P1.yaml").exists(), "discharged all the same");
    let status = app.status.as_ref().expect("a message after the save");
    assert!(
        status.text.contains("warning: discharged on 2026-11-23") && status.text.contains("overdue since"),
        "{}",
        status.text
    );
}

/// A case with an MRI at 13:00 on `day` showing a compression at `level`.
fn compressed_at(d: &Path, day: &str, level: &str) {
    if !d.join("data/cases/P1.yaml").exists() {
        assert_eq!(
            cw(d, "2026-12-01 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0,
            0
        );
    }
    let at = format!("{day} 13:00");
    let (code, out, err) = cw(
        d,
        &format!("{day} 14:00"),
        &["record", "imaging", "P1", "--kind", "mri_whole_spine", "--result", "mscc", "--levels", level, "--at", &at],
    );
    assert_eq!(code, 0, "{out}{err}");
}

/// What recording a course on `start` to `site` (none when None) warns, the course written.
fn course_warnings(d: &Path, start: &str, site: Option<&str>) -> String {
    let mut args = vec!["record", "radiotherapy", "P1", "--start", start];
    if let Some(site) = site {
        args.extend(["--site", site]);
    }
    let (code, out, err) = cw(d, "2026-12-05 09:00", &args);
    assert_eq!(code, 0, "written all the same: {out}{err}");
    err
}

#[test]
fn a_course_covering_the_compressed_level_warns_nothing_and_one_beside_it_warns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    compressed_at(d, "2026-12-03", "T10");
    for site in ["T9-T11", "T10", "T10-T12", "T8-T10", "T4, T10"] {
        let err = course_warnings(d, "2026-12-03", Some(site));
        assert!(!err.contains("warning"), "{site} covers T10: {err}");
    }
    for site in ["T11-T12", "T9", "T2-T4"] {
        let err = course_warnings(d, "2026-12-03", Some(site));
        assert!(
            err.contains(&format!(
                "warning: radiotherapy to {site} covers none of the levels the MRI found compressed (T10)"
            )),
            "{site}: {err}"
        );
        assert!(!err.contains("dated before"), "on the MRI's day: {err}");
    }
    assert!(case_file(d, "P1").contains("site: T2-T4"), "written: {}", case_file(d, "P1"));
}

#[test]
fn a_course_whose_site_is_not_levels_or_not_given_is_not_known_to_cover_the_compression() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    compressed_at(d, "2026-12-03", "T10");
    let err = course_warnings(d, "2026-12-04", Some("thoracic spine"));
    assert!(err.contains("radiotherapy to \"thoracic spine\" is not known to cover the compression at T10"), "{err}");
    let err = course_warnings(d, "2026-12-04", None);
    assert!(err.contains("radiotherapy with no site is not known to cover the compression at T10"), "{err}");
}

#[test]
fn an_mri_with_no_levels_recorded_gives_no_level_to_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    confirmed(d);
    let (code, out, err) =
        cw(d, "2026-12-03 15:00", &["record", "radiotherapy", "P1", "--start", "2026-12-03", "--site", "T2"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("warning"), "nothing to compare the site with: {err}");
}

#[test]
fn a_course_is_read_against_the_mri_that_found_the_level_it_treats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    compressed_at(d, "2026-12-01", "T4");
    compressed_at(d, "2026-12-03", "T10");
    // To T10 on 2 Dec: after the first MRI but before the one that found T10.
    let err = course_warnings(d, "2026-12-02", Some("T10"));
    assert!(err.contains("radiotherapy from 2026-12-02 is dated before the MRI of 2026-12-03 13:00"), "{err}");
    assert!(!err.contains("covers none"), "{err}");
    // To T4 on 2 Dec: after the MRI that found T4.
    let err = course_warnings(d, "2026-12-02", Some("T4"));
    assert!(!err.contains("warning"), "{err}");
    // To neither: both MRIs' levels named.
    let err = course_warnings(d, "2026-12-04", Some("L3"));
    assert!(err.contains("covers none of the levels the MRI found compressed (T4, T10)"), "{err}");
}
