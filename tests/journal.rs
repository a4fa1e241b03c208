//! The journal of interrupted writes under attack and under failure: a planted entry deletes
//! nothing and forges no audit line; a line is matched by its id, never by its text; an
//! interrupted discharge is finished only when the case file is unchanged; every pending entry
//! is settled by a write to any case, by `validate` and when the dashboard starts.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

use common::command::{isolated, outcome};
use cordwatch::model::event::Event;
use cordwatch::model::*;
use cordwatch::store::{Store, StoreOptions};

fn id(s: &str) -> CaseId {
    s.parse().expect("id")
}

/// A store that waits at most a second for a lock, so a held audit lock makes the append fail.
fn store(dir: &Path) -> Store {
    let options = StoreOptions { lock_timeout: Duration::from_secs(1), ..Default::default() };
    Store::init(dir, options, None).expect("store")
}

fn review(note: &str) -> Event {
    let at = Stamp::parse("2026-11-23 08:00").expect("stamp");
    Event::Review(Review { at, by: None, role: None, note: Some(Text::new(note)), struck: None })
}

fn audit_lines(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("audit.log")).unwrap_or_default().lines().map(String::from).collect()
}

fn with_operation(dir: &Path, case: &str, operation: &str) -> Vec<String> {
    audit_lines(dir)
        .into_iter()
        .filter(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            f.get(2) == Some(&case) && f.get(3) == Some(&operation)
        })
        .collect()
}

/// Holds the audit log's lock, as a writer stuck appending would: every append meanwhile fails
/// after the store's one-second wait, and the write's line stays in the journal.
fn hold_audit_lock(dir: &Path) -> File {
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join("locks/_audit.lock"))
        .expect("lock file");
    lock.try_lock().expect("the audit lock is free");
    lock
}

fn journal_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("journal")).expect("journal").map(|e| e.expect("entry").path()).collect()
}

#[test]
fn a_planted_journal_entry_deletes_nothing_and_forges_no_audit_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("W");
    let s = store(&data);
    s.create(&Case::new(id("RX1"), Text::from("Real Patient"))).expect("create");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "someone's file\n").expect("victim");
    // The bait's hash is right, so only the paths and the copied line give the entry away.
    std::fs::write(data.join("conflicts/bait"), "bait").expect("bait");
    let hash = cordwatch::store::content_hash(b"bait");
    let planted = format!("moved\t{hash:016x}\tconflicts/bait\t{}\nFAKE1\talice\tRX1\texam\tx\n", victim.display());
    std::fs::write(data.join("journal/RX1~x"), &planted).expect("plant");
    // The same, in the format this version writes, with an absolute source and a `..` target.
    let modern = format!(
        "cordwatch journal 2\ncase\tRX1\nkind\tmoved\ntarget\tarchive/../conflicts/bait\nhash\t{hash:016x}\n\
         source\t{}\nsource_hash\t{hash:016x}\naudit_from\t0\ntime\t2026-11-23 08:00:00\noffset\t+00:00\n\
         user\t{}\noperation\texam\nsummary\tFAKE2\nid\t0123456789abcdef0123456789abcdef\n",
        victim.display(),
        s.user()
    );
    std::fs::write(data.join("journal/RX1~y"), &modern).expect("plant");

    let (code, out, err) =
        outcome(isolated(dir.path()).args(["--data", data.to_str().expect("path")]).args(["record", "review", "RX1"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(victim.exists(), "the planted entry deleted a file outside the data directory");
    assert!(data.join("conflicts/bait").exists());
    let log = audit_lines(&data).join("\n");
    assert!(!log.contains("FAKE1") && !log.contains("FAKE2"), "a planted line reached the audit log:\n{log}");
    assert!(data.join("journal/RX1~x").exists(), "a planted entry is left for a person to look at");

    let (code, out, _) = outcome(isolated(dir.path()).args(["--data", data.to_str().expect("path"), "validate"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("journal/RX1~x") && out.contains("journal/RX1~y") && out.contains("never acted on"), "{out}");
}

#[test]
fn a_line_whose_text_repeats_an_earlier_one_is_still_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    s.create(&Case::new(id("RX1"), Text::from("Shared Login"))).expect("create");
    s.create(&Case::new(id("RX2"), Text::from("Someone Else"))).expect("create");
    // Both reviews in the same second, so their lines read the same but for their ids.
    while std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").subsec_millis() > 300 {
        std::thread::sleep(Duration::from_millis(20));
    }
    let first = s.record(&id("RX1"), &review("same words")).expect("first");
    assert!(first.warning.is_none(), "{:?}", first.warning);
    let lock = hold_audit_lock(dir.path());
    let second = s.record(&id("RX1"), &review("same words")).expect("the second lands");
    assert!(second.warning.is_some_and(|w| w.contains("journal")), "its line waits in the journal");
    drop(lock);
    s.record(&id("RX2"), &review("elsewhere")).expect("a write to another case");
    let reviews = with_operation(dir.path(), "RX1", "review");
    assert_eq!(reviews.len(), 2, "both identical reviews are audited:\n{}", reviews.join("\n"));
    assert!(s.pending_audit().is_empty());
}

#[test]
fn a_pending_line_is_settled_by_a_write_to_any_case_validate_or_the_dashboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    for case in ["DC1", "DC2", "DC3", "OTHER"] {
        s.create(&Case::new(id(case), Text::from("Going Home"))).expect("create");
    }
    let date = Date::parse("2026-11-23").expect("date");
    let lock = hold_audit_lock(dir.path());
    for case in ["DC1", "DC2", "DC3"] {
        let written = s.discharge(&id(case), date).expect("the discharge lands");
        assert!(written.warning.is_some(), "its line waits in the journal");
    }
    drop(lock);
    assert_eq!(s.pending_audit().len(), 3);
    // The discharged cases are never written again: a write to another case settles them.
    s.record(&id("OTHER"), &review("unrelated")).expect("write");
    assert_eq!(with_operation(dir.path(), "DC1", "discharge").len(), 1, "{:?}", audit_lines(dir.path()));
    assert!(s.pending_audit().is_empty(), "{:?}", s.pending_audit());

    // validate settles too, and says so.
    let lock = hold_audit_lock(dir.path());
    s.record(&id("OTHER"), &review("pending")).expect("lands");
    drop(lock);
    let (code, out, err) = outcome(isolated(dir.path()).args([
        "--data",
        dir.path().to_str().expect("path"),
        "--now",
        common::NOW,
        "validate",
    ]));
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(s.pending_audit().is_empty(), "validate settled it: {out}");
    assert_eq!(with_operation(dir.path(), "OTHER", "review").len(), 2);

    // And the dashboard as it starts.
    let lock = hold_audit_lock(dir.path());
    s.record(&id("OTHER"), &review("pending again")).expect("lands");
    drop(lock);
    let app = cordwatch::tui::app(common::context(Some(dir.path()))).expect("dashboard");
    assert!(s.pending_audit().is_empty(), "the dashboard settled it as it started");
    assert_eq!(with_operation(dir.path(), "OTHER", "review").len(), 3);
    drop(app);
}

#[test]
fn empty_and_stray_journal_files_are_named_by_validate_and_empty_ones_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    s.create(&Case::new(id("RX1"), Text::from("Patient"))).expect("create");
    std::fs::write(dir.path().join("journal/RX1~1234-1-0"), "").expect("empty");
    std::fs::write(dir.path().join("journal/notes.txt"), "what is this").expect("stray");
    let (problems, warnings) = s.journal_report();
    assert!(warnings.iter().any(|w| w.contains("RX1~1234-1-0") && w.contains("empty")), "{warnings:?}");
    assert!(problems.iter().any(|p| p.contains("notes.txt")), "{problems:?}");
    let (code, out, _) = outcome(isolated(dir.path()).args(["--data", dir.path().to_str().expect("path"), "validate"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("journal/notes.txt"), "{out}");
    assert!(!dir.path().join("journal/RX1~1234-1-0").exists(), "validate cleared the empty entry:\n{out}");
    assert_eq!(journal_files(dir.path()), vec![dir.path().join("journal/notes.txt")]);
}

/// A discharge whose writer was stopped after the archive copy was written and before the case
/// file was removed: the discharge ran with its audit line held back, and the case file is put
/// back as it was when the discharge began.
fn interrupted_discharge(dir: &Path, s: &Store, case: &str) -> String {
    let path = dir.join(format!("cases/{case}.yaml"));
    let before = std::fs::read_to_string(&path).expect("case");
    let lock = hold_audit_lock(dir);
    s.discharge(&id(case), Date::parse("2026-11-23").expect("date")).expect("discharge");
    drop(lock);
    std::fs::write(&path, &before).expect("the case file, not yet removed");
    before
}

#[test]
fn an_interrupted_discharge_is_finished_only_if_the_case_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    for case in ["ED1", "UN1", "OTHER"] {
        s.create(&Case::new(id(case), Text::from("Patient"))).expect("create");
    }
    // Edited by hand after the interruption: the edit must not be lost.
    let before = interrupted_discharge(dir.path(), &s, "ED1");
    let edited = format!("{before}# a note added in the editor\nbed: \"12\"\n");
    std::fs::write(dir.path().join("cases/ED1.yaml"), &edited).expect("hand edit");
    // Left as it was: the discharge is finished.
    interrupted_discharge(dir.path(), &s, "UN1");

    let written = s.record(&id("OTHER"), &review("any write")).expect("write");
    let said = written.warning.unwrap_or_default();
    assert_eq!(std::fs::read_to_string(dir.path().join("cases/ED1.yaml")).expect("kept on the ward"), edited);
    assert!(!dir.path().join("archive/ED1.yaml").exists(), "the stale discharged copy left the archive");
    let kept: Vec<String> = std::fs::read_dir(dir.path().join("conflicts"))
        .expect("conflicts")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ED1."))
        .collect();
    assert_eq!(kept.len(), 1, "the discharged copy is kept: {kept:?}");
    assert!(said.contains("ED1") && said.contains(&format!("conflicts/{}", kept[0])), "{said}");
    assert!(with_operation(dir.path(), "ED1", "discharge").is_empty(), "not said to be discharged");
    assert_eq!(with_operation(dir.path(), "ED1", "discharge-not-finished").len(), 1, "{:?}", audit_lines(dir.path()));

    assert!(!dir.path().join("cases/UN1.yaml").exists(), "the unchanged case was discharged");
    assert!(dir.path().join("archive/UN1.yaml").exists());
    assert_eq!(with_operation(dir.path(), "UN1", "discharge").len(), 1);
    assert!(said.contains("UN1") && said.contains("finished"), "{said}");
    assert!(s.pending_audit().is_empty());
}

#[test]
fn a_journal_that_cannot_be_written_is_named_in_the_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    s.create(&Case::new(id("S2"), Text::from("Patient"))).expect("create");
    std::fs::remove_dir(dir.path().join("journal")).expect("rm journal");
    std::fs::write(dir.path().join("journal"), "in the way").expect("not a folder");
    let err = s.record(&id("S2"), &review("x")).expect_err("nowhere to journal").to_string();
    let journal = dir.path().join("journal");
    assert!(err.contains(&format!("journal entry could not be saved first in {}", journal.display())), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
}

#[test]
fn temporary_copies_a_killed_discharge_left_in_the_archive_are_cleared_at_the_next_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    s.create(&Case::new(id("K1"), Text::from("Patient"))).expect("create");
    s.create(&Case::new(id("K2"), Text::from("Other"))).expect("create");
    let archive = dir.path().join("archive");
    for name in [".K1.yaml.abc123", ".K1.2.yaml.xyz789", ".K2.yaml.abcdef"] {
        std::fs::write(archive.join(name), "id: K1\nname: a copy\n").expect("stale");
    }
    assert_eq!(s.stale_temp_files().len(), 3, "validate names them: {:?}", s.stale_temp_files());
    s.record(&id("K1"), &review("next write")).expect("write");
    assert_eq!(s.stale_temp_files(), vec!["archive/.K2.yaml.abcdef"], "only this case's are cleared");
}

#[test]
fn a_write_whose_file_was_edited_by_hand_before_it_was_settled_keeps_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    for case in ["HE1", "OTHER"] {
        s.create(&Case::new(id(case), Text::from("Patient"))).expect("create");
    }
    let lock = hold_audit_lock(dir.path());
    s.record(&id("HE1"), &review("landed, line held back")).expect("lands");
    drop(lock);
    // Edited outside cordwatch before any write settled the journal.
    let path = dir.path().join("cases/HE1.yaml");
    let text = std::fs::read_to_string(&path).expect("case");
    std::fs::write(&path, format!("{text}plan: \"edited in vi\"\n")).expect("hand edit");
    s.record(&id("OTHER"), &review("any write")).expect("write");
    let reviews = with_operation(dir.path(), "HE1", "review");
    assert_eq!(reviews.len(), 1, "the landed write keeps its line: {:?}", audit_lines(dir.path()));
    assert!(reviews[0].contains("likely but not certain"), "{}", reviews[0]);
    assert!(s.pending_audit().is_empty());
}
