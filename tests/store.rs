//! The store: appends under lock to the freshest copy, conflict detection on whole-file
//! replacement, the archive, the audit log, permissions, read-only directories, and that no write
//! is ever lost or torn — with other processes writing at once, or killed in the middle.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

mod common;

use common::writer::{self, Moments};
use cordwatch::model::event::Event;
use cordwatch::model::*;
use cordwatch::store::{Store, StoreError, StoreOptions};

fn store(dir: &Path) -> Store {
    Store::init(dir, StoreOptions::default(), None).expect("open store")
}

fn id(s: &str) -> CaseId {
    s.parse().expect("id")
}

fn new_case(store: &Store, case_id: &str) {
    store.create(&Case::new(id(case_id), Text::from("Test Patient"))).expect("create");
}

fn exam_event(minute: i64, note: &str) -> Event {
    writer::exam(minute, note)
}

fn notes(store: &Store, case_id: &str) -> Vec<String> {
    writer::notes(store, &id(case_id))
}

#[test]
fn creating_recording_and_reading_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    assert!(matches!(s.create(&Case::new(id("RX1"), Text::from("Again"))), Err(StoreError::Exists { .. })));
    let written = s.record(&id("RX1"), &exam_event(0, "first")).expect("record");
    assert!(written.summary.contains("motor normal"));
    assert_eq!(notes(&s, "RX1"), vec!["first"]);
    let mode = std::fs::metadata(s.case_path(&id("RX1"))).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "patient data is private by default");
    let dmode = std::fs::metadata(dir.path().join("cases")).expect("meta").permissions().mode() & 0o777;
    assert_eq!(dmode, 0o700);
}

#[test]
fn recording_on_a_missing_or_unreadable_case_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    assert!(matches!(s.record(&id("NOPE"), &exam_event(0, "x")), Err(StoreError::NoSuchCase { .. })));
    let path = dir.path().join("cases/BAD1.yaml");
    std::fs::write(&path, "id: BAD1\nname: x\nexams:\n  - at: 2026-01-01 00:00\n    bladdr: retention\n")
        .expect("write");
    let err = s.record(&id("BAD1"), &exam_event(0, "x")).expect_err("unreadable");
    assert!(err.to_string().contains("cases/BAD1.yaml:5:5"), "{err}");
    assert!(std::fs::read_to_string(&path).expect("read").contains("bladdr"), "the file is untouched");
}

#[test]
fn replacing_a_file_changed_since_it_was_read_is_a_conflict_and_keeps_the_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    let before = s.load(&id("RX1")).expect("load");
    s.record(&id("RX1"), &exam_event(0, "someone else's exam")).expect("another clinician records");
    let mine = "id: \"RX1\"\nname: Edited Name # my comment\n";
    let err = s.replace(&id("RX1"), mine, before.hash).expect_err("conflict");
    let StoreError::Conflict { kept, .. } = &err else { panic!("expected a conflict, got {err}") };
    assert_eq!(std::fs::read_to_string(dir.path().join(kept)).expect("kept"), mine, "the edit is not lost");
    assert_eq!(notes(&s, "RX1"), vec!["someone else's exam"], "nothing was overwritten");

    let fresh = s.load(&id("RX1")).expect("load");
    s.replace(&id("RX1"), mine, fresh.hash).expect("replace when unchanged");
    assert_eq!(std::fs::read_to_string(s.case_path(&id("RX1"))).expect("read"), mine, "written exactly, comment kept");
    let bad = s.replace(&id("RX1"), "id: \"RX1\"\nname: x\nsex: femail\n", s.load(&id("RX1")).expect("l").hash);
    assert!(bad.expect_err("invalid").to_string().contains("cases/RX1.yaml:3:"));
    let renamed = s.replace(&id("RX1"), "id: \"RX2\"\nname: x\n", s.load(&id("RX1")).expect("l").hash);
    assert!(renamed.expect_err("id change").to_string().contains("keeps its id"));
}

#[test]
fn replacing_a_case_discharged_or_removed_since_it_was_read_keeps_the_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    for (case_id, gone) in [("RX1", "discharged"), ("RX2", "removed")] {
        new_case(&s, case_id);
        let before = s.load(&id(case_id)).expect("load");
        if gone == "discharged" {
            s.discharge(&id(case_id), Date::parse("2026-11-23").expect("date")).expect("discharge");
        } else {
            std::fs::remove_file(s.case_path(&id(case_id))).expect("remove");
        }
        let mine = format!("id: \"{case_id}\"\nname: Edited While {gone}\n");
        let err = s.replace(&id(case_id), &mine, before.hash).expect_err(gone);
        let StoreError::Gone { kept, .. } = &err else { panic!("expected the case gone, got {err}") };
        assert!(err.to_string().contains("discharged or removed") && err.to_string().contains(kept.as_str()), "{err}");
        assert_eq!(std::fs::read_to_string(dir.path().join(kept)).expect("kept"), mine, "the edit is not lost");
        assert!(!s.case_path(&id(case_id)).exists(), "nothing was brought back without asking");
    }
}

#[test]
fn discharge_moves_the_file_to_the_archive_and_deletes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    s.record(&id("RX1"), &exam_event(0, "kept")).expect("record");
    s.discharge(&id("RX1"), Date::parse("2026-11-23").expect("date")).expect("discharge");
    assert!(!s.case_path(&id("RX1")).exists());
    let archived = s.load_archive().expect("archive");
    assert_eq!(archived.len(), 1);
    let case = archived[0].case.as_ref().expect("readable");
    assert_eq!(case.status, Some(Status::Discharged));
    assert_eq!(case.exams.len(), 1);
    assert!(matches!(s.create(&Case::new(id("RX1"), Text::from("x"))), Err(StoreError::Exists { .. })));
    new_case(&s, "RX2");
    std::fs::rename(dir.path().join("archive/RX1.yaml"), dir.path().join("cases/RX1.yaml")).expect("readmit by hand");
    s.discharge(&id("RX1"), Date::parse("2026-11-30").expect("date")).expect("second discharge");
    assert_eq!(s.load_archive().expect("archive").len(), 1);
    assert!(dir.path().join("archive/RX1.yaml").exists());
    s.discharge(&id("RX2"), Date::parse("2026-11-30").expect("date")).expect("discharge RX2");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("archive"))
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["RX1.yaml", "RX2.yaml"]);
}

#[test]
fn every_write_leaves_one_audit_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    s.record(&id("RX1"), &exam_event(0, "a\tb\nc")).expect("record");
    let log = std::fs::read_to_string(dir.path().join("audit.log")).expect("audit log");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2);
    // Time, user, case, operation, summary, then the UTC offset, the line's own id and the
    // clinician (none here: the exam names no one and no clinician is set).
    let fields: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(fields.len(), 8, "{:?}", lines[1]);
    assert_eq!(fields[7], "", "no clinician known");
    assert_eq!((fields[1], fields[2], fields[3]), (s.user(), "RX1", "exam"));
    assert!(fields[5].len() == 6 && fields[5].as_bytes()[3] == b':', "offset {:?}", fields[5]);
    let ids: Vec<&str> = lines.iter().filter_map(|l| l.split('\t').nth(6)).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids[0] != ids[1] && ids.iter().all(|i| i.len() == 32), "{ids:?}");
}

#[test]
fn unreadable_mismatched_duplicate_and_stray_files_are_all_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let cases = dir.path().join("cases");
    std::fs::write(cases.join("A1.yaml"), "id: A1\nname: Alpha\n").expect("w");
    std::fs::write(cases.join("B1.yaml"), "id: A1\nname: Copy of Alpha\n").expect("w");
    std::fs::write(cases.join("C1.yaml"), "").expect("w");
    std::fs::write(cases.join("D1.yaml"), [0xffu8, 0xfe, 0x00, 0x12]).expect("w");
    std::fs::write(cases.join("notes.txt"), "stray").expect("w");
    std::fs::write(cases.join(".A1.yaml.swp"), "vim swap").expect("w");
    std::fs::write(cases.join("A1.yaml~"), "backup").expect("w");
    let entries = s.load_all().expect("list");
    let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, vec!["cases/A1.yaml", "cases/B1.yaml", "cases/C1.yaml", "cases/D1.yaml", "cases/notes.txt"]);
    let of = |f: &str| entries.iter().find(|e| e.file == f).map(|e| e.problems.clone()).unwrap_or_default();
    let problems = |f: &str| cordwatch::model::problem::join(&of(f), " | ");
    let kinds = |f: &str| of(f).iter().map(|p| p.kind).collect::<Vec<_>>();
    assert!(problems("cases/A1.yaml").contains("also used by cases/B1.yaml"));
    assert!(problems("cases/B1.yaml").contains("does not match the file name"));
    assert!(problems("cases/B1.yaml").contains("also used by cases/A1.yaml"));
    assert!(problems("cases/C1.yaml").contains("empty"));
    assert!(problems("cases/D1.yaml").contains("not UTF-8"));
    assert!(problems("cases/notes.txt").contains("not a case file"));
    use cordwatch::model::ProblemKind::*;
    assert_eq!(kinds("cases/A1.yaml"), [DuplicateId]);
    assert_eq!(kinds("cases/B1.yaml"), [IdMismatch, DuplicateId]);
    assert_eq!(kinds("cases/C1.yaml"), [Invalid]);
    assert_eq!(kinds("cases/D1.yaml"), [Invalid]);
    assert_eq!(kinds("cases/notes.txt"), [NotACaseFile]);
}

#[test]
fn a_read_only_data_directory_opens_read_only_and_refuses_writes() {
    if std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m)).unwrap_or(0) == 0 {
        // root ignores directory permissions, so there is nothing to test as root
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(!store(dir.path()).is_read_only());
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let s = store(dir.path());
        new_case(&s, "RX1");
    }
    for sub in ["cases", "locks", ""] {
        let p = dir.path().join(sub);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o500)).expect("chmod");
    }
    let s = store(dir.path());
    assert!(s.is_read_only());
    assert_eq!(s.load_all().expect("reading still works").len(), 1);
    let err = s.record(&id("RX1"), &exam_event(0, "x")).expect_err("read-only");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    for sub in ["cases", "locks", ""] {
        let _ = std::fs::set_permissions(dir.path().join(sub), std::fs::Permissions::from_mode(0o700));
    }
}

#[test]
fn killing_a_writer_at_random_moments_never_tears_a_file_or_loses_an_acknowledged_write() {
    writer::child_mode();
    let dir = tempfile::tempdir().expect("tempdir");
    new_case(&store(dir.path()), "RX1");
    let mut acknowledged: Vec<String> = Vec::new();
    let mut moments = Moments(0x2545_f491_4f6c_dd1d);
    // At least 40 kills, and on until the writers have made real progress: on a loaded machine a
    // writer may be killed before its first write lands, which proves nothing either way.
    for cycle in 0..400 {
        if cycle >= 40 && acknowledged.len() > 40 {
            break;
        }
        let test = "killing_a_writer_at_random_moments_never_tears_a_file_or_loses_an_acknowledged_write";
        let mut child = writer::spawn(test, dir.path(), &format!("c{cycle}"), &[id("RX1")], None);
        let reader = writer::acknowledged(&mut child);
        std::thread::sleep(Duration::from_millis(30 + moments.next() % 120));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        acknowledged.extend(reader.join().expect("reader").into_iter().map(|(_, note)| note));
        let on_disk = notes(&store(dir.path()), "RX1");
        for note in &acknowledged {
            assert!(on_disk.contains(note), "cycle {cycle}: acknowledged write {note} is missing");
        }
    }
    assert!(acknowledged.len() > 40, "the writers made progress: {}", acknowledged.len());
    // Every landed write has exactly one audit line, once the next writer has settled the journal.
    let s = store(dir.path());
    s.record(&id("RX1"), &exam_event(-1, "settle")).expect("one more write");
    let exams = notes(&s, "RX1").len();
    let audit = std::fs::read_to_string(dir.path().join("audit.log")).expect("audit");
    let audited = audit.lines().filter(|l| l.split('\t').nth(3) == Some("exam")).count();
    assert_eq!(audited, exams, "one audit line per landed exam");
    assert!(s.pending_audit().is_empty());
}

#[test]
fn eight_processes_appending_to_one_case_lose_nothing() {
    writer::child_mode();
    let dir = tempfile::tempdir().expect("tempdir");
    new_case(&store(dir.path()), "RX1");
    let test = "eight_processes_appending_to_one_case_lose_nothing";
    let children: Vec<_> =
        (0..8).map(|p| writer::spawn(test, dir.path(), &format!("p{p}"), &[id("RX1")], Some(50))).collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "a writer failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut all = notes(&store(dir.path()), "RX1");
    assert_eq!(all.len(), 400);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 400, "every write is there exactly once");
    let audit = std::fs::read_to_string(dir.path().join("audit.log")).expect("audit");
    assert_eq!(audit.lines().count(), 401, "one audit line per write plus the creation");
}

#[test]
fn a_folder_inside_the_cases_folder_is_listed_not_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    std::fs::create_dir_all(dir.path().join("cases/old")).expect("folder");
    std::fs::write(dir.path().join("cases/old/RX2.yaml"), "id: RX2\nname: Moved Out Of Sight\n").expect("w");
    let entries = s.load_all().expect("list");
    let folder = entries.iter().find(|e| e.file == "cases/old/").expect("the folder is a row");
    assert!(folder.problems[0].contains("case files in it are not read"), "{:?}", folder.problems);
}

#[test]
fn opening_never_makes_a_missing_archive_and_the_first_discharge_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    new_case(&s, "RX1");
    std::fs::remove_dir(dir.path().join("archive")).expect("an empty archive, removed");
    // A folder not mounted must not be taken for one that is empty: it stays missing.
    let s = Store::open(dir.path(), StoreOptions::default()).expect("open");
    assert!(!s.has_archive() && !dir.path().join("archive").exists());
    assert!(s.load_archive().expect("no archive is no discharged case").is_empty());
    s.discharge(&id("RX1"), Date::parse("2026-11-23").expect("date")).expect("discharge");
    assert!(s.has_archive());
    let mode = std::fs::metadata(dir.path().join("archive")).expect("archive").permissions().mode() & 0o7777;
    assert_eq!(mode, 0o700, "private, as every folder of a data directory without a shared group");
    assert_eq!(s.load_archive().expect("archive").len(), 1);
}

#[test]
fn a_problem_with_the_whole_file_reads_file_colon_space_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    std::fs::write(dir.path().join("cases/EMPTY.yaml"), "").expect("empty file");
    let entries = s.load_all().expect("load");
    let empty = entries.iter().find(|e| e.file == "cases/EMPTY.yaml").expect("listed, never skipped");
    assert!(empty.is_unreadable());
    assert!(empty.problems[0].starts_with("cases/EMPTY.yaml: the file is empty"), "{:?}", empty.problems);
}
