//! Data coming in from the hospital's systems, and the moves a ward makes: `record move`,
//! `import csv`, `import hl7` and `import fhir`, as a user and an integration engine meet them.

mod common;

use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-23 09:00";

/// `cordwatch --data DIR/data --now NOW ARGS` with `stdin` fed in: (exit code, stdout, stderr).
fn cw_in(dir: &Path, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.arg("--data").arg(dir.join("data")).arg("--now").arg(NOW).args(args).write_stdin(stdin.to_vec());
    common::command::outcome(&mut cmd)
}

fn cw(dir: &Path, args: &[&str]) -> (i32, String, String) {
    cw_in(dir, args, b"")
}

fn case_path(dir: &Path, id: &str) -> PathBuf {
    dir.join("data/cases").join(format!("{id}.yaml"))
}

fn case_text(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(case_path(dir, id)).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn audit(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("data/audit.log")).unwrap_or_default()
}

#[test]
fn record_move_changes_ward_and_bed_audited_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) =
        cw(dir.path(), &["new", "--id", "MV1", "--name", "Moving Patient", "--ward", "7B", "--bed", "12"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cw(dir.path(), &["record", "exam", "MV1", "--motor", "normal", "--at", "2026-11-23 08:00"]);
    assert_eq!(code, 0, "{err}");
    let before = case_text(dir.path(), "MV1");
    let (code, out, err) = cw(dir.path(), &["record", "move", "MV1", "--ward", "8A", "--bed", "3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("moved from ward 7B bed 12 to ward 8A bed 3"), "{out}");
    let after = case_text(dir.path(), "MV1");
    assert!(after.contains("ward: \"8A\"") && after.contains("bed: \"3\""), "{after}");
    let unchanged = |t: &str| {
        t.lines().filter(|l| !l.starts_with("ward:") && !l.starts_with("bed:")).map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(unchanged(&before), unchanged(&after), "only the ward and bed lines change");
    let log = audit(dir.path());
    let line = log.lines().find(|l| l.contains("\tmove\t")).unwrap_or_else(|| panic!("no move line:\n{log}"));
    assert!(line.contains("MV1") && line.contains("to ward 8A bed 3"), "{line}");

    let (code, _, err) = cw(dir.path(), &["record", "move", "MV1", "--ward", "8a", "--bed", "3"]);
    assert_eq!(code, 2, "already there");
    assert!(err.contains("already at ward 8A bed 3"), "{err}");
    let (code, _, err) = cw(dir.path(), &["record", "move", "MV1"]);
    assert_eq!(code, 2);
    assert!(err.contains("--ward") && err.contains("--bed"), "{err}");
    let (code, _, err) = cw(dir.path(), &["record", "move", "MV1", "--ward", " "]);
    assert_eq!(code, 2);
    assert!(err.contains("--ward") && err.contains("blank"), "{err}");
    let (code, _, err) = cw(dir.path(), &["record", "move", "NOBODY", "--ward", "8A"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(audit(dir.path()).lines().filter(|l| l.contains("\tmove\t")).count(), 1, "refusals write nothing");
}

const LIST: &str = "id,name,born,sex,ward,bed,nhs_number,primary\n\
RXC1,Ann Example,1950-02-01,female,7B,12,943 476 5919,breast\n\
RXC2,\"Smith, John\",1948-06-30,male,8A,3,,prostate\n";

#[test]
fn import_csv_creates_then_updates_the_same_cases_and_never_touches_clinical_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("ward.csv");
    std::fs::write(&list, LIST).expect("list");
    let l = list.to_str().expect("path");

    let (code, out, err) = cw(dir.path(), &["import", "csv", l, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("RXC1 (") && out.contains("line 2): new case: name: Ann Example; ward: 7B; bed: 12"), "{out}");
    assert!(out.contains("nhs_number: 9434765919") && out.contains("primary: breast"), "{out}");
    assert!(out.contains("dry run, nothing written: 2 new, 0 updated"), "{out}");
    assert!(!case_path(dir.path(), "RXC1").exists(), "a dry run writes nothing");
    assert_eq!(audit(dir.path()), "", "nor audits anything");

    let (code, out, err) = cw(dir.path(), &["import", "csv", l]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 new, 0 updated, 0 unchanged, 0 refused"), "{out}");
    let text = case_text(dir.path(), "RXC2");
    assert!(text.contains("name: Smith, John") || text.contains("name: \"Smith, John\""), "{text}");
    assert!(text.contains("status: inpatient") && text.contains("admitted: 2026-11-23"), "{text}");
    let (code, _, err) = cw(dir.path(), &["record", "exam", "RXC1", "--motor", "weakness", "--at", "2026-11-23 08:30"]);
    assert_eq!(code, 0, "{err}");
    let exam_lines =
        |t: &str| t.lines().skip_while(|l| !l.starts_with("exams:")).take(4).map(String::from).collect::<Vec<_>>();
    let before = case_text(dir.path(), "RXC1");

    // The same list again changes nothing; a moved bed and a new name update the same case.
    let (code, out, _) = cw(dir.path(), &["import", "csv", l]);
    assert_eq!(code, 0);
    assert!(out.contains("0 new, 0 updated, 2 unchanged"), "{out}");
    std::fs::write(&list, LIST.replace("7B,12,", "7B,14,").replace("\"Smith, John\"", "John Smith")).expect("list");
    let (code, out, err) = cw(dir.path(), &["import", "csv", l, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("RXC1") && out.contains("update: bed: 12 -> 14"), "{out}");
    assert!(out.contains("update: name: Smith, John -> John Smith"), "{out}");
    assert_eq!(case_text(dir.path(), "RXC1"), before, "dry run");
    let (code, out, err) = cw(dir.path(), &["import", "csv", l]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 new, 2 updated"), "{out}");
    let after = case_text(dir.path(), "RXC1");
    assert!(after.contains("bed: \"14\""), "{after}");
    assert_eq!(exam_lines(&before), exam_lines(&after), "the exam is as it was");
    assert!(!exam_lines(&after).is_empty());
    let log = audit(dir.path());
    assert_eq!(log.lines().filter(|l| l.contains("\timport-new\t")).count(), 2, "{log}");
    let update = log.lines().find(|l| l.contains("\timport-update\t") && l.contains("RXC1")).expect("update line");
    assert!(update.contains("bed: 12 -> 14 (from ") && update.contains("ward.csv line 2)"), "{update}");
    let files = std::fs::read_dir(dir.path().join("data/cases")).expect("cases").count();
    assert_eq!(files, 2, "repeated imports update the same cases");
}

#[test]
fn import_csv_with_an_error_imports_nothing_and_a_different_nhs_number_refuses_its_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("bad.csv");
    std::fs::write(&list, "id,name,born\nRXB1,Ann,1950-13-01\nRXB2,Bob,\n").expect("list");
    let (code, _, err) = cw(dir.path(), &["import", "csv", list.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.csv line 2, column born: `1950-13-01`: expected a date, YYYY-MM-DD"), "{err}");
    assert!(err.contains("1 error; nothing was imported"), "{err}");
    assert!(!case_path(dir.path(), "RXB2").exists(), "not even the good row");

    let (code, _, _) = cw(dir.path(), &["new", "--id", "RXB3", "--name", "Cara", "--ward", "7B"]);
    assert_eq!(code, 0);
    std::fs::write(&list, "id,nhs_number,ward,name\nRXB3,943 476 5919,,\nRXB4,,9C,Dan\n").expect("list");
    let (code, out, err) = cw(dir.path(), &["import", "csv", list.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}{err}");
    std::fs::write(&list, "id,nhs_number,ward\nRXB3,9434765870,8A\nRXB4,,9D\n").expect("list");
    let before = case_text(dir.path(), "RXB3");
    let (code, out, err) = cw(dir.path(), &["import", "csv", list.to_str().expect("path")]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("RXB3 (") && err.contains("differs from the case's 9434765919"), "{err}");
    assert!(out.contains("RXB4 (") && out.contains("ward: 9C -> 9D") && out.contains("1 refused"), "{out}");
    assert_eq!(case_text(dir.path(), "RXB3"), before, "the refused row changed nothing");
}
