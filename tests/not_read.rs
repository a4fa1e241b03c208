//! Files in the cases folder that look like case files but are not read (hidden names, editors'
//! backups) are named by `validate` and counted on triage's second line, so a patient saved as
//! `.HID1.yaml` or `HID2.yaml~` never hides behind an all-clear.

use std::path::Path;

mod common;

use common::command::{isolated, outcome};

const PARALYSED: &str =
    "name: Hidden Patient\nstatus: inpatient\nexams:\n  - { at: 2026-11-23 07:00, motor: paralysis }\n";

fn cw(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(isolated(dir).args(["--now", common::NOW, "--data", data.to_str().expect("path")]).args(args))
}

#[test]
fn hidden_and_backup_files_are_named_and_counted_never_an_all_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (code, _, err) = outcome(isolated(dir.path()).args(["init", data.to_str().expect("path")]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cw(dir.path(), &data, &["new", "--id", "OK1", "--name", "Seen Patient"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cw(dir.path(), &data, &["record", "exam", "OK1", "--motor", "normal"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = cw(dir.path(), &data, &["triage"]);
    assert_eq!(code, 0, "the ward is clear before: {out}");

    let cases = data.join("cases");
    std::fs::write(cases.join(".HID1.yaml"), format!("id: HID1\n{PARALYSED}")).expect("hidden");
    std::fs::write(cases.join("HID2.yaml~"), format!("id: HID2\n{PARALYSED}")).expect("backup");
    std::fs::create_dir(cases.join(".old")).expect("hidden folder");
    std::fs::write(cases.join(".OK1.yaml.swp"), "vim swap").expect("swap");

    let (code, out, err) = cw(dir.path(), &data, &["triage"]);
    assert_eq!(code, 2, "{out}{err}");
    let second: String = out.lines().skip(1).take(3).collect::<Vec<_>>().join(" ");
    assert!(second.contains("3 files in cases/ NOT READ"), "counted on the second line:\n{out}");
    assert!(!out.contains("No open emergency or urgent flags."), "no plain all-clear:\n{out}");
    let (code, _, err) = cw(dir.path(), &data, &["triage", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(err.contains("NOT READ"), "{err}");

    let (code, out, _) = cw(dir.path(), &data, &["validate"]);
    assert_eq!(code, 1, "{out}");
    for file in ["cases/.HID1.yaml", "cases/HID2.yaml~", "cases/.old/"] {
        assert!(out.lines().any(|l| l.starts_with(file)), "validate names {file}:\n{out}");
    }
    assert!(out.contains("warning: cases/.OK1.yaml.swp: an editor's swap"), "a swap file is a warning:\n{out}");
    assert!(!out.contains("no problems found"), "{out}");
}
