//! The round's jobs on the command line: added, listed across the ward overdue first, ticked off
//! or cancelled once only, on the checklist and on triage's overdue line; the handover list.

mod common;

use std::path::Path;

use serde_json::Value;

fn cw(dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").arg("--data").arg(dir.join("data")).args(["--now", now]).args(args);
    common::command::outcome(&mut cmd)
}

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (code, out, err) = cw(dir, now, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn two_patients(d: &Path) {
    ok(d, "2026-11-21 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--ward", "7B", "--bed", "3"]);
    ok(d, "2026-11-21 09:00", &["new", "--id", "P2", "--name", "Bob Patient", "--ward", "7A", "--bed", "4"]);
}

#[test]
fn jobs_are_added_listed_overdue_first_and_finished_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_patients(d);
    let out = ok(
        d,
        "2026-11-21 09:00",
        &["job", "add", "P1", "--text", "chase the MRI report", "--owner", "Dr Okafor", "--due", "2026-11-21 14:00"],
    );
    assert!(out.contains("job 1 added: chase the MRI report (Dr Okafor,"), "{out}");
    ok(d, "2026-11-21 09:00", &["job", "add", "P1", "--text", "calcium", "--due", "2026-11-21"]);
    ok(d, "2026-11-21 09:00", &["job", "add", "P2", "--text", "family meeting", "--owner", "dr okafor"]);

    // At 14:00 nothing is overdue: the due minute itself has not passed, and a date is due all day.
    let list = ok(d, "2026-11-21 14:00", &["job", "list"]);
    assert!(list.contains("3 open, 0 overdue"), "{list}");
    // At 14:01 the timed job is overdue and comes first; the date-only one is still not.
    let list = ok(d, "2026-11-21 14:01", &["job", "list"]);
    assert!(list.contains("3 open, 1 overdue"), "{list}");
    let lines: Vec<&str> = list.lines().filter(|l| l.contains("Patient (P")).collect();
    assert!(lines[0].starts_with("!!") && lines[0].contains("#1 chase the MRI"), "{list}");
    // The next day both P1 jobs are overdue.
    let json: Value =
        serde_json::from_str(&ok(d, "2026-11-22 00:00", &["job", "list", "--format", "json"])).expect("json");
    let overdue: Vec<(String, u64)> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|j| j["overdue"] == Value::Bool(true))
        .map(|j| (j["id"].as_str().unwrap_or_default().to_string(), j["number"].as_u64().unwrap_or_default()))
        .collect();
    // A date alone sorts at the start of its day: the earlier, safer place.
    assert_eq!(overdue, vec![("P1".to_string(), 2), ("P1".to_string(), 1)]);
    // By owner, whatever the capitals.
    let mine: Value =
        serde_json::from_str(&ok(d, "2026-11-22 00:00", &["job", "list", "--owner", "DR OKAFOR", "--format", "json"]))
            .expect("json");
    assert_eq!(mine.as_array().map(Vec::len), Some(2));
    // One ward.
    let ward = ok(d, "2026-11-22 00:00", &["job", "list", "--ward", "7a"]);
    assert!(ward.contains("family meeting") && !ward.contains("calcium"), "{ward}");

    // Done once; a second tick says who did it first and writes nothing.
    let out = ok(d, "2026-11-22 09:00", &["job", "done", "P1", "1", "--by", "Dr Okafor"]);
    assert!(out.contains("job 1 done at 2026-11-22 09:00"), "{out}");
    let (code, _, err) = cw(d, "2026-11-22 09:05", &["job", "done", "P1", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("job 1 was already done at 2026-11-22 09:00 by Dr Okafor"), "{err}");
    let (code, _, err) = cw(d, "2026-11-22 09:05", &["job", "cancel", "P1", "1", "--reason", "x"]);
    assert_eq!(code, 2, "a done job cannot be cancelled: {err}");
    let (code, _, err) = cw(d, "2026-11-22 09:05", &["job", "done", "P1", "9"]);
    assert_eq!(code, 2);
    assert!(err.contains("no job 9") && err.contains("open jobs are: 2"), "{err}");
    // Cancelling needs a reason; with one, the job stays in the file as cancelled.
    let (code, _, _) = cw(d, "2026-11-22 09:10", &["job", "cancel", "P1", "2"]);
    assert_eq!(code, 2);
    ok(d, "2026-11-22 09:10", &["job", "cancel", "P1", "2", "--reason", "taken with the morning bloods"]);
    let file = std::fs::read_to_string(d.join("data/cases/P1.yaml")).expect("file");
    assert!(file.contains("done_by: Dr Okafor") && file.contains("reason: taken with the morning bloods"), "{file}");
    assert_eq!(file.matches("number:").count(), 2, "nothing removed: {file}");
    let list = ok(d, "2026-11-22 09:10", &["job", "list"]);
    assert!(list.contains("1 open, 0 overdue") && list.contains("family meeting"), "{list}");
    // Numbers are never reused.
    let out = ok(d, "2026-11-22 09:20", &["job", "add", "P1", "--text", "repeat calcium"]);
    assert!(out.contains("job 3 added"), "{out}");
}

#[test]
fn overdue_jobs_are_on_the_checklist_and_the_triage_line_but_never_change_its_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_patients(d);
    ok(d, "2026-11-21 09:00", &["job", "add", "P2", "--text", "chase the bloods", "--due", "2026-11-21 10:00"]);
    ok(d, "2026-11-21 09:00", &["job", "add", "P1", "--text", "family meeting", "--due", "2026-11-25"]);
    let before = cw(d, "2026-11-21 09:30", &["triage"]);
    let after = cw(d, "2026-11-21 10:30", &["triage"]);
    assert_eq!(before.0, after.0, "a job is never a red flag");
    assert!(!before.1.contains("Overdue jobs"), "{}", before.1);
    assert!(after.1.contains("! Overdue jobs: Bob Patient #1 (cordwatch job list)"), "{}", after.1);
    assert!(!after.1.contains("Ann Patient #1"), "not overdue: {}", after.1);
    let long = cw(d, "2026-11-21 10:30", &["triage", "--long"]).1;
    assert!(long.contains("Overdue jobs") && long.contains("#1 chase the bloods (due 2026-11-21 10:00) — OVERDUE"));

    let text = ok(d, "2026-11-21 10:30", &["checklist"]);
    assert!(text.contains("[ ] Job #1 chase the bloods (due 2026-11-21 10:00) — OVERDUE"), "{text}");
    assert!(text.contains("[ ] Job #1 family meeting (due 2026-11-25)"), "{text}");
    let md = ok(d, "2026-11-21 10:30", &["checklist", "--format", "markdown"]);
    assert!(md.contains("- [ ] **Job, overdue** #1 chase the bloods"), "{md}");
    assert!(md.contains("- [ ] Job #1 family meeting"), "{md}");
    let json: Value =
        serde_json::from_str(&ok(d, "2026-11-21 10:30", &["checklist", "--format", "json"])).expect("json");
    let jobs: Vec<bool> = json["patients"]
        .as_array()
        .expect("patients")
        .iter()
        .flat_map(|p| p["jobs"].as_array().cloned().unwrap_or_default())
        .map(|j| j["overdue"] == Value::Bool(true))
        .collect();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs.iter().filter(|o| **o).count(), 1);
    // Done, it leaves the checklist.
    ok(d, "2026-11-21 10:40", &["job", "done", "P2", "1"]);
    let text = ok(d, "2026-11-21 10:45", &["checklist"]);
    assert!(!text.contains("chase the bloods"), "{text}");
}

#[test]
fn the_handover_lists_notes_emergencies_and_open_jobs_and_a_cleared_note_leaves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_patients(d);
    ok(d, "2026-11-21 09:00", &["new", "--id", "P3", "--name", "Cat Quiet", "--ward", "7B", "--bed", "5"]);
    let (code, _, err) = cw(d, "2026-11-21 17:00", &["record", "handover", "P1"]);
    assert_eq!(code, 2, "a note or --clear: {err}");
    assert!(err.contains("--note") && err.contains("--clear"), "{err}");
    ok(
        d,
        "2026-11-21 17:00",
        &[
            "record",
            "handover",
            "P1",
            "--note",
            "if new weakness: whole-spine MRI\\nDNACPR in place",
            "--by",
            "Dr Patel",
        ],
    );
    ok(d, "2026-11-21 17:05", &["job", "add", "P2", "--text", "chase the bloods", "--due", "2026-11-21 18:00"]);
    let text = ok(d, "2026-11-21 19:00", &["handover"]);
    assert!(text.contains("Handover (Dr Patel, 2026-11-21 17:00):"), "{text}");
    assert!(
        text.contains("     if new weakness: whole-spine MRI\n     DNACPR in place"),
        "the note's own lines: {text}"
    );
    assert!(text.contains("Bob Patient") && text.contains("! Job #1 chase the bloods"), "{text}");
    assert!(!text.contains("Cat Quiet"), "nothing to hand over: {text}");
    let md = ok(d, "2026-11-21 19:00", &["handover", "--ward", "7b", "--format", "markdown"]);
    assert!(md.contains("## Bed 3 — Ann Patient (P1, ward 7B)") && md.contains("  > DNACPR in place"), "{md}");
    assert!(!md.contains("Bob Patient"), "ward 7A is not on 7B's handover: {md}");
    // An emergency puts a patient on the handover without a note.
    ok(d, "2026-11-21 19:10", &["record", "exam", "P3", "--motor", "weakness"]);
    let text = ok(d, "2026-11-21 19:15", &["handover"]);
    assert!(text.contains("Cat Quiet") && text.contains("!! EMERGENCY mscc-neuro"), "{text}");
    // Cleared, the note leaves the handover and stays in the file.
    ok(d, "2026-11-22 08:00", &["record", "handover", "P1", "--clear"]);
    let text = ok(d, "2026-11-22 08:05", &["handover"]);
    assert!(!text.contains("Ann Patient"), "{text}");
    let file = std::fs::read_to_string(d.join("data/cases/P1.yaml")).expect("file");
    assert!(file.contains("DNACPR in place"), "nothing removed: {file}");
}

#[test]
fn show_json_has_every_job_open_first_the_handover_in_force_and_with_history_who_did_what() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_patients(d);
    ok(d, "2026-11-21 09:00", &["job", "add", "P1", "--text", "chase the MRI report", "--due", "2026-11-22"]);
    ok(d, "2026-11-21 09:01", &["job", "add", "P1", "--text", "calcium", "--due", "2026-11-21"]);
    ok(d, "2026-11-21 09:02", &["job", "add", "P1", "--text", "family meeting", "--due", "2026-11-25"]);
    ok(d, "2026-11-21 10:00", &["job", "done", "P1", "1"]);
    ok(d, "2026-11-21 11:00", &["record", "handover", "P1", "--note", "call the coordinator if weaker"]);
    let show = |args: &[&str]| -> Value {
        let mut all = vec!["show", "P1", "--format", "json"];
        all.extend(args);
        serde_json::from_str(&ok(d, "2026-11-22 09:00", &all)).expect("json")
    };
    let v = show(&[]);
    let jobs: Vec<(u64, &str, bool)> = v["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .map(|j| (j["number"].as_u64().expect("n"), j["status"].as_str().expect("status"), j["overdue"] == true))
        .collect();
    // The overdue calcium first, then the open meeting, then the done MRI report.
    assert_eq!(jobs, vec![(2, "open", true), (3, "open", false), (1, "done", false)]);
    assert_eq!(v["handover"]["note"], "call the coordinator if weaker");
    assert_eq!(v["handovers"].as_array().map(Vec::len), Some(1));
    assert!(v.get("history").is_none(), "history only when asked: {v}");

    let v = show(&["--history"]);
    let ops: Vec<&str> =
        v["history"].as_array().expect("history").iter().filter_map(|h| h["operation"].as_str()).collect();
    assert_eq!(ops.first(), Some(&"new"), "{ops:?}");
    assert_eq!(ops.iter().filter(|o| o.starts_with("job")).count(), 4, "three added, one done: {ops:?}");
    assert!(ops.contains(&"handover"), "{ops:?}");

    // A cleared note leaves no note in force, and both notes are listed.
    ok(d, "2026-11-21 12:00", &["record", "handover", "P1", "--clear"]);
    let v = show(&[]);
    assert!(v["handover"].is_null(), "{}", v["handover"]);
    assert_eq!(v["handovers"].as_array().map(Vec::len), Some(2));
    assert!(v["handovers"][1]["note"].is_null());
}
