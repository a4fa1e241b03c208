//! A `triage` flag line says which patient it is: at a wide terminal the whole name with the
//! ward and the id; at 80 columns the name cut as before, but two patients whose cut names read
//! the same are told apart by their ids.

mod common;

use std::path::Path;

fn cw(dir: &Path, columns: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .arg("--data")
        .arg(dir.join("data"))
        .args(["--now", "2026-11-23 09:00"])
        .args(args);
    common::command::outcome(&mut cmd)
}

/// Two patients whose names differ only after the 16th character, both with new weakness.
fn two_margarets(dir: &Path) {
    for (id, name, ward) in
        [("RXH1000001", "Margaret Ellison-Smith", "7A"), ("RXH1000002", "Margaret Ellison-Jones", "7B")]
    {
        let (code, out, err) = cw(dir, "80", &["new", "--id", id, "--name", name, "--ward", ward, "--bed", "4"]);
        assert_eq!(code, 0, "{out}{err}");
        let (code, out, err) =
            cw(dir, "80", &["record", "exam", id, "--motor", "weakness", "--at", "2026-11-23 08:00"]);
        assert_eq!(code, 0, "{out}{err}");
    }
}

fn flag_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("!! ") && l.contains("Marg")).collect()
}

#[test]
fn a_wide_terminal_shows_the_whole_name_ward_and_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    two_margarets(dir.path());
    let (code, text, err) = cw(dir.path(), "200", &["triage"]);
    assert_eq!(code, 3, "{err}");
    let lines = flag_lines(&text);
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().any(|l| l.contains("Margaret Ellison-Smith (ward 7A, RXH1000001)")), "{text}");
    assert!(lines.iter().any(|l| l.contains("Margaret Ellison-Jones (ward 7B, RXH1000002)")), "{text}");
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn at_80_columns_names_that_read_the_same_get_their_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    two_margarets(dir.path());
    let (code, text, err) = cw(dir.path(), "80", &["triage"]);
    assert_eq!(code, 3, "{err}");
    let lines = flag_lines(&text);
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().any(|l| l.contains("Margaret Elliso… RXH1000001")), "{text}");
    assert!(lines.iter().any(|l| l.contains("Margaret Elliso… RXH1000002")), "{text}");
    for l in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*l) <= 80, "{l}");
    }
    // The long form still names each patient in full.
    let (code, long, err) = cw(dir.path(), "80", &["triage", "--long"]);
    assert_eq!(code, 3, "{err}");
    assert!(long.contains("Margaret Ellison-Smith") && long.contains("Margaret Ellison-Jones"), "{long}");
}

#[test]
fn at_80_columns_different_short_names_are_not_given_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (id, name) in [("RXH2000001", "Ann Lee"), ("RXH2000002", "Bob Day")] {
        let (code, out, err) = cw(dir.path(), "80", &["new", "--id", id, "--name", name, "--ward", "7A"]);
        assert_eq!(code, 0, "{out}{err}");
        let (code, out, err) =
            cw(dir.path(), "80", &["record", "exam", id, "--motor", "weakness", "--at", "2026-11-23 08:00"]);
        assert_eq!(code, 0, "{out}{err}");
    }
    let (_, text, _) = cw(dir.path(), "80", &["triage"]);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("!! ")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| !l.contains("RXH")), "{text}");
}
