//! A ward that vanishes is loud: the cases folder emptied or swapped for an empty one while the
//! audit log shows patients still on the ward must never read as an all-clear, in triage or in the
//! dashboard's header; and one case file deleted by hand is named too.

use std::path::{Path, PathBuf};

mod common;

use common::command::{isolated, outcome};

fn cw(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(isolated(dir).args(["--now", common::NOW, "--data", data.to_str().expect("path")]).args(args))
}

/// A ward of two patients, each with an open emergency.
fn ward(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let (code, _, err) = outcome(isolated(dir).args(["init", data.to_str().expect("path")]));
    assert_eq!(code, 0, "{err}");
    for (id, name) in [("V1", "Vera Vance"), ("V2", "Victor Vale")] {
        let (code, _, err) = cw(dir, &data, &["new", "--id", id, "--name", name, "--ward", "7B"]);
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = cw(dir, &data, &["record", "exam", id, "--motor", "weakness"]);
        assert_eq!(code, 0, "{err}");
    }
    data
}

/// A registrar closes the patient's suspected-MSCC flag: not suspected on senior review.
fn close_as_not_mscc(dir: &Path, data: &Path, id: &str) {
    let close = [
        "record",
        "ack",
        id,
        "--flag",
        "mscc-neuro",
        "--closed",
        "seen, no cord compression",
        "--reason",
        "not_suspected_on_senior_review",
        "--role",
        "registrar",
    ];
    let (code, _, err) = cw(dir, data, &close);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn triage_on_an_emptied_cases_folder_warns_and_exits_non_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let (code, out, _) = cw(dir.path(), &data, &["triage"]);
    assert_eq!(code, 3, "{out}");
    std::fs::rename(data.join("cases"), data.join("cases.old")).expect("mv");
    std::fs::create_dir(data.join("cases")).expect("mkdir");
    for args in [&["triage"][..], &["triage", "--long"]] {
        let (code, out, err) = cw(dir.path(), &data, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(out.contains("THE WARD MAY HAVE VANISHED") && out.contains("V1, V2"), "{args:?}: {out}");
        assert!(!out.contains("No open emergency or urgent flags."), "an all-clear: {out}");
    }
    let (code, out, err) = cw(dir.path(), &data, &["triage", "--format", "json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("THE WARD MAY HAVE VANISHED"), "{err}");
    // Most of the ward gone at once is loud too; one patient discharged is not.
    std::fs::copy(data.join("cases.old/V1.yaml"), data.join("cases/V1.yaml")).expect("one back");
    let (code, _, _) = cw(dir.path(), &data, &["triage"]);
    assert_eq!(code, 3, "one of two back, with its emergency");
    std::fs::copy(data.join("cases.old/V2.yaml"), data.join("cases/V2.yaml")).expect("both back");
    close_as_not_mscc(dir.path(), &data, "V2");
    // Closed as not suspected on senior review: no corticosteroid step is left to close.
    let (code, _, err) = cw(dir.path(), &data, &["discharge", "V2", "--with-open-steps"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = cw(dir.path(), &data, &["triage"]);
    assert!(!out.contains("VANISHED"), "a discharge is not a vanishing: {out}");
}

#[test]
fn one_case_file_deleted_by_hand_is_named_by_triage_and_validate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    assert_eq!(cw(dir.path(), &data, &["validate"]).0, 0);
    std::fs::remove_file(data.join("cases/V2.yaml")).expect("rm");
    let (code, out, err) = cw(dir.path(), &data, &["triage"]);
    assert_eq!(code, 3, "V1's emergency is still the answer: {out}{err}");
    assert!(out.contains("CASE FILES MISSING") && out.contains("(V2)"), "{out}");
    assert!(!out.contains("VANISHED"), "one file is not the ward: {out}");
    let (code, out, _) = cw(dir.path(), &data, &["validate"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CASE FILES MISSING") && out.contains("(V2)") && !out.contains("no problems found"), "{out}");
    // With V1's emergency closed, what is left is still in doubt: never the all-clear's exit code.
    close_as_not_mscc(dir.path(), &data, "V1");
    let (code, out, err) = cw(dir.path(), &data, &["triage"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(out.contains("(V2)"), "{out}");
}

#[test]
fn the_dashboard_says_so_in_its_header_when_the_ward_vanishes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let mut app = common::app(common::context(Some(&data)), true);
    assert_eq!(app.summary.emergency, 2);
    assert!(app.summary.vanished.is_none());
    std::fs::rename(data.join("cases"), data.join("cases.old")).expect("mv");
    std::fs::create_dir(data.join("cases")).expect("mkdir");
    assert!(app.poll_changes());
    assert!(app.rows.is_empty());
    assert!(app.summary.vanished.as_deref().is_some_and(|w| w.contains("V1, V2")), "{:?}", app.summary);
    let screen = common::screen(&app, 100, 30);
    let header: String = screen.lines().take(2).collect::<Vec<_>>().join("\n");
    assert!(header.contains("THE WARD MAY HAVE VANISHED"), "{screen}");
}
