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
