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

#[test]
fn record_move_refuses_a_ward_or_bed_over_32_characters_naming_the_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = cw(dir.path(), &["new", "--id", "MV2", "--name", "Long Names", "--ward", "7B", "--bed", "12"]);
    assert_eq!(code, 0, "{err}");
    let before = case_text(dir.path(), "MV2");
    let pasted = "Ward 7B (Oncology) bed 12 near the window";
    for flag in ["--ward", "--bed"] {
        let (code, _, err) = cw(dir.path(), &["record", "move", "MV2", flag, pasted]);
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(err.contains(flag) && err.contains("41 characters long") && err.contains("at most 32"), "{err}");
    }
    assert_eq!(case_text(dir.path(), "MV2"), before, "nothing written");
    let (code, _, err) =
        cw(dir.path(), &["record", "move", "MV2", "--ward", &"W".repeat(32), "--bed", &"B".repeat(32)]);
    assert_eq!(code, 0, "32 characters is a name: {err}");
    assert!(case_text(dir.path(), "MV2").contains(&"W".repeat(32)));
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

/// An ADT message from its segments, CR-terminated as HL7 sends them.
fn hl7(segments: &[&str]) -> String {
    segments.iter().map(|s| format!("{s}\r")).collect()
}

fn msh(event: &str, id: &str) -> String {
    format!("MSH|^~\\&|PAS|RXH|CORDWATCH|ONC|202611230830||ADT^{event}^ADT_{event}|{id}|P|2.4")
}

/// The ACKs of a run: (MSA-1, MSA-2, MSA-3) of each.
fn acks(out: &str) -> Vec<(String, String, String)> {
    out.split(['\r', '\n', '\u{b}', '\u{1c}'])
        .filter(|s| s.starts_with("MSA|"))
        .map(|s| {
            let f: Vec<&str> = s.split('|').collect();
            (f[1].to_string(), f[2].to_string(), f.get(3).copied().unwrap_or_default().to_string())
        })
        .collect()
}

#[test]
fn import_hl7_admits_transfers_updates_registers_and_discharges_each_answered_with_an_ack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a01 = hl7(&[
        &msh("A01", "M1"),
        "EVN|A01|202611230830",
        "PID|1||9434765919^^^NHS^NH~RXA1^^^RXH^MR||ELLIS^MARGARET||19560314|F",
        "PV1|1|I|7B^^12||||||||||||||||||||||||||||||||||||||||202611230800",
    ]);
    let a04 = hl7(&[&msh("A04", "M2"), "PID|1||RXA2^^^RXH^MR||OSEI^PATRICIA||19610704|F", "PV1|1|O|CLINIC"]);
    let (code, out, err) = cw_in(dir.path(), &["import", "hl7", "-"], format!("{a01}\n{a04}").as_bytes());
    assert_eq!(code, 0, "{out}{err}");
    let answers = acks(&out);
    assert_eq!(answers.len(), 2, "{out:?}");
    assert_eq!((answers[0].0.as_str(), answers[0].1.as_str()), ("AA", "M1"));
    assert!(answers[0].2.contains("RXA1 new case: name: Margaret Ellis"), "{answers:?}");
    assert!(out.starts_with("MSH|^~\\&|CORDWATCH|ONC|PAS|RXH|"), "sender and receiver swapped: {out:?}");
    assert!(out.lines().next().is_some_and(|l| l.contains("|ACK^A01^ACK|")), "{out:?}");
    let text = case_text(dir.path(), "RXA1");
    assert!(
        text.contains("ward: \"7B\"") && text.contains("bed: \"12\"") && text.contains("status: inpatient"),
        "{text}"
    );
    assert!(text.contains("nhs_number: \"9434765919\"") && text.contains("admitted: 2026-11-23"), "{text}");
    assert!(case_text(dir.path(), "RXA2").contains("status: outpatient"));

    // A02 moves the bed; A08 updates the name; both again change nothing; a patient not
    // followed here is acknowledged and left alone.
    let a02 = hl7(&[&msh("A02", "M3"), "PID|1||RXA1^^^RXH^MR", "PV1|1|I|8A^^3|||7B^^12"]);
    let a08 = hl7(&[&msh("A08", "M4"), "PID|1||RXA1^^^RXH^MR||ELLIS^MARGARET^ANN"]);
    let stranger = hl7(&[&msh("A08", "M5"), "PID|1||RXZ9^^^RXH^MR||NOBODY^ANY", "PV1|1|I|3C"]);
    let framed = |m: &str| format!("\u{b}{m}\u{1c}\r");
    let stream = format!("{}{}{}", framed(&a02), framed(&a08), framed(&stranger));
    let (code, out, err) = cw_in(dir.path(), &["import", "hl7", "-"], stream.as_bytes());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with('\u{b}') && out.ends_with("\u{1c}\r"), "framed answers to framed messages: {out:?}");
    let answers = acks(&out);
    assert!(answers[0].2.contains("ward: 7B -> 8A; bed: 12 -> 3"), "{answers:?}");
    assert!(answers[1].2.contains("name: Margaret Ellis -> Margaret Ann Ellis"), "{answers:?}");
    assert_eq!(answers[2].0, "AA");
    assert!(answers[2].2.contains("RXZ9 is not followed here"), "{answers:?}");
    assert!(!case_path(dir.path(), "RXZ9").exists());
    let (code, out, _) = cw_in(dir.path(), &["import", "hl7", "-"], stream.as_bytes());
    assert_eq!(code, 0);
    assert!(acks(&out).iter().take(2).all(|a| a.2.contains("unchanged")), "a repeat is idempotent: {out:?}");
    let log = audit(dir.path());
    let update = log.lines().find(|l| l.contains("\timport-update\t") && l.contains("8A")).expect("audited");
    assert!(update.contains("(from HL7 A02 M3)"), "{update}");

    // A03 discharges RXA2, whose ward has nothing open.
    let a03 = hl7(&[
        &msh("A03", "M6"),
        "PID|1||RXA2^^^RXH^MR",
        "PV1|1|O|CLINIC||||||||||||||||||||||||||||||||||||||||202611230845",
    ]);
    let (code, out, err) = cw_in(dir.path(), &["import", "hl7", "-"], a03.as_bytes());
    assert_eq!(code, 0, "{out}{err}");
    assert!(acks(&out)[0].2.contains("discharged 2026-11-23"), "{out:?}");
    assert!(!case_path(dir.path(), "RXA2").exists() && dir.path().join("data/archive/RXA2.yaml").exists());
    assert!(audit(dir.path()).lines().any(|l| l.contains("\tdischarge\t") && l.contains("RXA2")));
}

#[test]
fn an_adt_discharge_with_an_open_emergency_and_bad_messages_are_answered_ae_or_ar_with_nothing_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a01 = hl7(&[&msh("A01", "M1"), "PID|1||RXE1^^^RXH^MR||PRICE^OWEN", "PV1|1|I|7B^^4"]);
    assert_eq!(cw_in(dir.path(), &["import", "hl7", "-"], a01.as_bytes()).0, 0);
    let (code, _, err) = cw(dir.path(), &["record", "exam", "RXE1", "--motor", "weakness", "--at", "2026-11-23 08:40"]);
    assert_eq!(code, 0, "{err}");
    let before = case_text(dir.path(), "RXE1");
    let log_before = audit(dir.path());

    let a03 = hl7(&[&msh("A03", "D1"), "PID|1||RXE1^^^RXH^MR", "PV1|1|I|7B^^4"]);
    let no_mr = hl7(&[&msh("A08", "B1"), "PID|1||RXE1^^^RXH^PI||PRICE^OWEN"]);
    let bad_date = hl7(&[&msh("A08", "B2"), "PID|1||RXE1^^^RXH^MR||PRICE^OWEN||19561340"]);
    let other_nhs = hl7(&[&msh("A08", "B3"), "PID|1||RXE1^^^RXH^MR~9434765919^^^NHS^NH"]);
    let then = hl7(&[&msh("A08", "B4"), "PID|1||RXE1^^^RXH^MR~9434765870^^^NHS^NH"]);
    let oru = hl7(&["MSH|^~\\&|LAB|RXH|CW|ONC|202611230830||ORU^R01|B5|P|2.4", "PID|1||RXE1^^^RXH^MR"]);
    let a05 = hl7(&[&msh("A05", "B6"), "PID|1||RXE1^^^RXH^MR"]);
    let garbage = "PID|1||RXE1^^^RXH^MR||HACKED\r";
    // Segments before any MSH are a message of their own, refused; after one they would be its.
    let stream = [garbage, &a03, &no_mr, &bad_date, &other_nhs, &then, &oru, &a05].join("\n");
    let (code, out, err) = cw_in(dir.path(), &["import", "hl7", "-"], stream.as_bytes());
    assert_eq!(code, 1, "{out}{err}");
    let answers = acks(&out);
    let codes: Vec<&str> = answers.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(codes, ["AR", "AE", "AE", "AE", "AA", "AE", "AR", "AR"], "{answers:?}");
    assert!(answers[0].2.contains("does not start with an MSH"), "{answers:?}");
    let answers = &answers[1..];
    assert!(
        answers[0].2.contains("RXE1 is not discharged here: still open") && answers[0].2.contains("mscc-neuro"),
        "{answers:?}"
    );
    assert!(answers[1].2.contains("no identifier of type MR"), "{answers:?}");
    assert!(answers[2].2.contains("PID-7 `19561340`"), "{answers:?}");
    assert!(answers[3].2.contains("nhs_number: 9434765919"), "{answers:?}");
    assert!(answers[4].2.contains("differs from the case's 9434765919"), "{answers:?}");
    assert!(answers[6].2.contains("ADT event `A05` is not read"), "{answers:?}");
    assert!(out.contains("ERR|||207^"), "the AE names its error: {out:?}");
    let after = case_text(dir.path(), "RXE1");
    assert!(case_path(dir.path(), "RXE1").exists(), "still on the ward");
    let without_nhs =
        |t: &str| t.lines().filter(|l| !l.starts_with("nhs_number")).map(String::from).collect::<Vec<_>>();
    assert_eq!(without_nhs(&before), without_nhs(&after), "only the one good message changed anything");
    let new_lines: Vec<String> = audit(dir.path()).lines().skip(log_before.lines().count()).map(String::from).collect();
    assert_eq!(new_lines.len(), 1, "{new_lines:?}");
    assert!(err.contains("AE") && err.contains("message D1"), "{err}");
}

#[test]
fn import_fhir_reads_patients_by_the_configured_system_and_updates_the_same_case_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("config.yaml"), "fhir_identifier_system: \"https://hospital.example/Id/mrn\"\n")
        .expect("config");
    let bundle = |born: &str| {
        serde_json::json!({"resourceType": "Bundle", "type": "searchset", "entry": [
            {"resource": {"resourceType": "Patient",
                "identifier": [{"system": "https://hospital.example/Id/mrn", "value": "RXF1"},
                               {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}],
                "name": [{"use": "official", "family": "Hughes", "given": ["Walter"]}],
                "gender": "male", "birthDate": born}},
            {"resource": {"resourceType": "Encounter", "status": "in-progress"}}
        ]})
        .to_string()
    };
    let file = dir.path().join("patients.json");
    std::fs::write(&file, bundle("1944-05-17")).expect("bundle");
    let f = file.to_str().expect("path");
    let (code, out, err) = cw(dir.path(), &["import", "fhir", f, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("RXF1 (") && out.contains("entry[0].resource): new case: name: Walter Hughes"), "{out}");
    assert!(err.contains("1 resources that are not Patients passed over"), "{err}");
    assert!(!err.contains("default system"), "a configured system is not warned about: {err}");
    assert!(!case_path(dir.path(), "RXF1").exists());
    let (code, _, err) = cw(dir.path(), &["import", "fhir", f]);
    assert_eq!(code, 0, "{err}");
    let text = case_text(dir.path(), "RXF1");
    assert!(
        text.contains("family_name: Hughes") && text.contains("born: 1944-05-17") && text.contains("sex: male"),
        "{text}"
    );
    assert!(!text.contains("status:"), "a Patient says nothing of where the patient is: {text}");

    std::fs::write(&file, bundle("1944-05-18")).expect("bundle");
    let (code, out, err) = cw(dir.path(), &["import", "fhir", f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("update: born: 1944-05-17 -> 1944-05-18") && out.contains("0 new, 1 updated"), "{out}");

    // The ward's own export reads back as the same patients, unchanged.
    let (code, export, err) = cw(dir.path(), &["export", "fhir", "RXF1"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(&file, export).expect("export");
    let (code, out, err) = cw(dir.path(), &["import", "fhir", f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("RXF1") && out.contains("0 new, 0 updated, 1 unchanged"), "{out}");

    std::fs::write(&file, r#"{"resourceType": "Patient", "identifier": [{"system": "urn:x", "value": "A"}]}"#)
        .expect("bad");
    let (code, _, err) = cw(dir.path(), &["import", "fhir", f]);
    assert_eq!(code, 2);
    assert!(err.contains("Patient.identifier: no identifier in the system https://hospital.example/Id/mrn"), "{err}");
}

#[test]
fn new_and_import_refuse_a_ward_or_bed_over_32_characters_as_record_move_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pasted = "Ward 7B (Oncology) bed 12 near the window";
    for flag in ["--ward", "--bed"] {
        let (code, _, err) = cw(dir.path(), &["new", "--id", "PL1", "--name", "Long Place", flag, pasted]);
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(err.contains(flag) && err.contains("41 characters long") && err.contains("at most 32"), "{err}");
        assert!(!case_path(dir.path(), "PL1").exists(), "nothing written");
    }
    let (code, _, err) =
        cw(dir.path(), &["new", "--id", "PL1", "--name", "Long Place", "--ward", &"W".repeat(32), "--bed", "3"]);
    assert_eq!(code, 0, "32 characters is a name: {err}");

    let list = dir.path().join("places.csv");
    let long_bed = "B".repeat(33);
    std::fs::write(
        &list,
        format!("id,name,ward,bed\nPL1,,8A,{long_bed}\nPL2,New Person,{pasted},1\nPL3,Third Person,9C,2\n"),
    )
    .expect("list");
    let before = case_text(dir.path(), "PL1");
    let (code, out, err) = cw(dir.path(), &["import", "csv", list.to_str().expect("path")]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("PL1 (") && err.contains("bed is 33 characters long"), "{err}");
    assert!(err.contains("PL2 (") && err.contains("ward is 41 characters long"), "{err}");
    assert_eq!(case_text(dir.path(), "PL1"), before, "the refused update changed nothing");
    assert!(!case_path(dir.path(), "PL2").exists(), "the refused new case was not made");
    assert!(case_path(dir.path(), "PL3").exists(), "the good row was imported: {out}");
}
