//! The pathway after the MRI on the command line: recording treatment, steroids and referrals,
//! and what is refused (a record dated ahead, an acknowledgement of nothing open, a discharge with
//! an emergency open).

mod common;

use std::path::Path;

use serde_json::Value;

/// Runs cordwatch on the data directory in `dir` at `now`; (exit code, stdout, stderr).
fn cw(dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").arg("--data").arg(dir.join("data")).args(["--now", now]).args(args);
    common::command::outcome(&mut cmd)
}

fn triage_json(dir: &Path, now: &str) -> Value {
    let (_, out, err) = cw(dir, now, &["triage", "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"))
}

fn open_flag_rules(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["flags"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["open"] == Value::Bool(true))
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn checklist_rules(dir: &Path, now: &str) -> Vec<String> {
    let (_, out, _) = cw(dir, now, &["checklist", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("json");
    v["patients"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["items"].as_array().cloned().unwrap_or_default())
        .map(|i| i["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn confirmed_mscc_is_an_emergency_until_radiotherapy_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(cw(d, "2026-11-21 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let (code, out, err) = cw(
        d,
        "2026-11-21 15:00",
        &["record", "imaging", "P1", "--result", "mscc", "--escc", "3", "--at", "2026-11-21 14:10"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("mscc-treatment"), "the record command says what is now open: {out}");
    // Two days later, nothing has happened: never "No open emergency".
    let (code, out, _) = cw(d, "2026-11-23 14:10", &["triage"]);
    assert_eq!(code, 3, "{out}");
    assert!(!out.contains("No open emergency"), "{out}");
    assert!(
        out.lines().any(|l| l.contains("TREAT") && l.contains("none booked") && l.contains("Ann Patient")),
        "{out}"
    );
    let (_, long, _) = cw(d, "2026-11-23 14:10", &["triage", "--long"]);
    assert!(long.contains("treatment by 2026-11-22 14:10"), "{long}");
    assert_eq!(open_flag_rules(&triage_json(d, "2026-11-23 14:10")), vec!["mscc-treatment"]);
    assert!(checklist_rules(d, "2026-11-23 14:10").contains(&"mscc-treatment".to_string()));

    let (code, out, err) = cw(
        d,
        "2026-11-23 15:00",
        &[
            "record",
            "radiotherapy",
            "P1",
            "--start",
            "2026-11-23",
            "--site",
            "T6-T8",
            "--dose-gy",
            "20",
            "--fractions",
            "5",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    // Booked today by its date alone: not known to be given, so the emergency stays and says why.
    let v = triage_json(d, "2026-11-23 15:00");
    assert_eq!(open_flag_rules(&v), vec!["mscc-treatment"], "{v}");
    let notes = v[0]["flags"][0]["notes"].to_string();
    assert!(notes.contains("radiotherapy booked today, no start time: record when it starts"), "{notes}");
    // Once that day has passed, the course is taken as given on it.
    let v = triage_json(d, "2026-11-24 08:00");
    assert!(open_flag_rules(&v).is_empty(), "{v}");
    let flag = &v[0]["flags"][0];
    assert_eq!(flag["rule"], "mscc-treatment");
    assert_eq!(flag["actioned_by"], "radiotherapy");
    assert_eq!(flag["deadline_met"], false, "treated two days after the MRI");
    assert_eq!(flag["awaits"], "treatment");
}

#[test]
fn steroids_start_change_and_stop_in_one_write_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cw(d, "2026-11-21 09:00", &["new", "--id", "P2", "--name", "Bob Patient"]);
    cw(d, "2026-11-21 09:00", &["record", "exam", "P2", "--motor", "weakness", "--at", "2026-11-21 08:30"]);
    assert!(checklist_rules(d, "2026-11-21 09:00").contains(&"steroids-start".to_string()));
    let (code, out, err) =
        cw(d, "2026-11-21 09:10", &["record", "steroids", "P2", "--drug", "dexamethasone", "--mg-per-day", "16"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!checklist_rules(d, "2026-11-21 09:10").contains(&"steroids-start".to_string()));
    let (code, out, _) =
        cw(d, "2026-11-24 09:00", &["record", "steroids", "P2", "--drug", "dexamethasone", "--mg-per-day", "8"]);
    assert_eq!(code, 0);
    assert!(out.contains("16 -> 8 mg/day"), "{out}");
    let (code, out, _) = cw(d, "2026-11-26 09:00", &["record", "steroids", "P2", "--stop"]);
    assert_eq!(code, 0, "{out}");
    let (_, show, _) = cw(d, "2026-11-26 09:00", &["show", "P2", "--format", "json"]);
    let v: Value = serde_json::from_str(&show).expect("json");
    let courses = v["case"]["steroids"].as_array().cloned().unwrap_or_default();
    assert_eq!(courses.len(), 2);
    assert!(courses.iter().all(|c| c["stopped"].is_string()), "{courses:?}");
    let (code, _, err) =
        cw(d, "2026-11-27 09:10", &["record", "steroids", "P2", "--drug", "dexamethasone", "--mg-per-day", "160"]);
    assert_eq!(code, 2, "a slip of the keyboard is refused: {err}");
    assert!(err.contains("outside 0.5 to 24"), "{err}");
    let (code, _, err) =
        cw(d, "2026-11-27 09:10", &["record", "steroids", "P2", "--drug", "ondansetron", "--mg-per-day", "8"]);
    assert_eq!(code, 2, "not a corticosteroid: {err}");
    assert!(err.contains("dexamethasone, prednisolone"), "{err}");
    // A file written by hand is read, and the dose is a problem at its line.
    let path = d.join("data/cases/P2.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("mg_per_day: 8", "mg_per_day: 160", 1)).expect("write");
    let (code, out, _) = cw(d, "2026-11-27 09:00", &["validate"]);
    assert_eq!(code, 1, "160 mg a day is outside the range: {out}");
    assert!(out.contains("mg_per_day 160") && out.contains("cases/P2.yaml:"), "{out}");
}

#[test]
fn a_referral_answers_its_step_and_a_date_alone_is_kept_as_a_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cw(d, "2026-11-21 09:00", &["new", "--id", "P3", "--name", "Cy Patient", "--primary", "lung"]);
    cw(
        d,
        "2026-11-21 09:00",
        &["record", "imaging", "P3", "--kind", "ct", "--result", "progression", "--at", "2026-11-20"],
    );
    assert!(checklist_rules(d, "2026-11-21 09:00").contains(&"progression-review".to_string()));
    let (code, out, err) =
        cw(d, "2026-11-21 10:00", &["record", "referral", "P3", "--to", "oncology_mdt", "--outcome", "listed Friday"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!checklist_rules(d, "2026-11-21 10:00").contains(&"progression-review".to_string()));
    let text = std::fs::read_to_string(d.join("data/cases/P3.yaml")).expect("file");
    assert!(
        text.contains("done: 2026-11-20\n")
            || text.contains("done: 2026-11-20 }")
            || text.contains("done: 2026-11-20,"),
        "{text}"
    );
    assert!(text.contains("to: oncology_mdt"), "{text}");
}

#[test]
fn records_dated_ahead_acknowledgements_of_nothing_and_discharges_with_an_emergency_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cw(d, "2026-11-21 09:00", &["new", "--id", "P4", "--name", "Di Patient"]);
    let (code, _, err) =
        cw(d, "2026-11-21 09:00", &["record", "exam", "P4", "--motor", "weakness", "--at", "2027-11-21 08:30"]);
    assert_eq!(code, 2);
    assert!(err.contains("later than now"), "{err}");
    let (code, _, _) =
        cw(d, "2026-11-21 09:00", &["record", "exam", "P4", "--motor", "weakness", "--at", "2026-11-21 09:05"]);
    assert_eq!(code, 0, "5 minutes ahead is a clock difference");
    let (code, _, err) = cw(d, "2026-11-21 09:10", &["record", "ack", "P4", "--flag", "mscc-treatment", "--plan", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("not open") && err.contains("mscc-neuro"), "{err}");
    let (code, _, err) = cw(d, "2026-11-21 09:10", &["discharge", "P4"]);
    assert_eq!(code, 2);
    assert!(err.contains("mscc-neuro") && err.contains("steroids-start"), "{err}");
    assert!(d.join("data/cases/P4.yaml").exists(), "not moved to the archive");
    // An emergency is closed by a decision, not a note: a listed reason, a name and a role.
    let (code, _, err) = cw(
        d,
        "2026-11-21 09:20",
        &["record", "ack", "P4", "--flag", "mscc-neuro", "--closed", "end of life care; patient's wish"],
    );
    assert_eq!(code, 2, "a note alone closes no emergency");
    assert!(err.contains("closing reason") && err.contains("patient_declined"), "{err}");
    let close = [
        "record",
        "ack",
        "P4",
        "--flag",
        "mscc-neuro",
        "--closed",
        "end of life care; patient's wish",
        "--reason",
        "patient_declined",
        "--by",
        "Dr Q",
        "--role",
        "consultant_clinical_oncologist",
    ];
    let (code, _, err) = cw(d, "2026-11-21 09:20", &close);
    assert_eq!(code, 0, "{err}");
    // Closing a flag never closes the steroid step: it is answered or closed on its own.
    let (code, _, err) = cw(d, "2026-11-21 09:25", &["record", "ack", "P4", "--flag", "steroids-start", "--plan", "x"]);
    assert_eq!(code, 0, "steroids are still asked for: {err}");
    let (code, _, err) = cw(d, "2026-11-21 09:30", &["discharge", "P4"]);
    assert_eq!(code, 2, "the urgent steroid step blocks discharge");
    assert!(err.contains("steroids-start"), "{err}");
    let decline = ["record", "ack", "P4", "--flag", "steroids-start", "--closed", "declines steroids"];
    assert_eq!(cw(d, "2026-11-21 09:31", &decline).0, 0);
    // An operation last month: rehabilitation falls due from it.
    assert_eq!(cw(d, "2026-11-21 09:31", &["record", "surgery", "P4", "--date", "2026-10-01"]).0, 0);
    let (code, _, err) = cw(d, "2026-11-21 09:32", &["discharge", "P4"]);
    assert_eq!(code, 2, "a due step (rehabilitation) is listed and asks for --with-open-steps");
    assert!(err.contains("rehabilitation") && err.contains("--with-open-steps"), "{err}");
    let (code, out, err) = cw(d, "2026-11-21 09:33", &["discharge", "P4", "--with-open-steps"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("follow-up") && out.contains("rehabilitation"), "{out}");
    // Discharged, the step is still where the MSCC coordinator looks.
    let (code, out, _) = cw(d, "2026-11-22 09:00", &["checklist"]);
    assert_eq!(code, 0);
    let follow = out.split("Follow-up:").nth(1).unwrap_or_default();
    assert!(follow.contains("Di Patient") && follow.contains("Rehabilitation referral"), "{out}");
    let (_, json, _) = cw(d, "2026-11-22 09:00", &["checklist", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["follow_up"][0]["id"], "P4", "{v}");
    let steps = v["follow_up"][0]["steps"].as_array().expect("steps");
    assert!(steps.iter().any(|s| s["rule"] == "rehabilitation"), "{v}");
}

#[test]
fn a_future_dated_record_in_a_file_is_a_problem_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("data/cases")).expect("dir");
    std::fs::write(
        d.join("data/cases/P5.yaml"),
        "id: \"P5\"\nname: Ed Patient\nstatus: inpatient\nexams:\n  - at: 2026-11-21 08:00\n    motor: normal\n  - at: 2027-11-21 08:00\n    motor: weakness\n",
    )
    .expect("file");
    let (code, out, _) = cw(d, "2026-11-21 09:00", &["validate"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cases/P5.yaml:7:"), "the line of the future exam: {out}");
    let v = triage_json(d, "2026-11-21 09:00");
    let problems = v[0]["problems"].as_array().cloned().unwrap_or_default();
    assert!(problems.iter().any(|p| p.as_str().is_some_and(|p| p.contains("2027-11-21 08:00"))), "{v}");
    let kinds = v[0]["problem_kinds"].as_array().cloned().unwrap_or_default();
    assert_eq!(kinds.len(), problems.len(), "one kind per problem: {v}");
    assert!(kinds.iter().any(|k| k == "dated_ahead"), "{v}");
    let (code, out, _) = cw(d, "2026-11-21 09:00", &["triage"]);
    assert_eq!(code, 2, "a problem file may hide a flag: {out}");
    assert!(out.contains("2027-11-21 08:00"), "the problem is in the ten-second check: {out}");
    let (_, out, _) = cw(d, "2026-11-21 09:00", &["checklist"]);
    assert!(out.contains("2027-11-21 08:00"), "{out}");
}

#[test]
fn the_time_treatment_started_is_recorded_and_judges_it_to_the_minute() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(cw(d, "2026-11-21 09:00", &["new", "--id", "P1", "--name", "Ann Patient", "--primary", "breast"]).0, 0);
    let imaging = ["record", "imaging", "P1", "--result", "mscc", "--escc", "3", "--at", "2026-11-21 14:10"];
    assert_eq!(cw(d, "2026-11-21 15:00", &imaging).0, 0);
    // Not a time of day: refused, nothing written.
    let (code, _, err) =
        cw(d, "2026-11-22 15:00", &["record", "radiotherapy", "P1", "--start", "2026-11-22", "--start-time", "25:00"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--start-time") && err.contains("HH:MM"), "{err}");
    let file = std::fs::read_to_string(d.join("data/cases/P1.yaml")).expect("case file");
    assert!(!file.contains("radiotherapy"), "{file}");
    // The first fraction a minute after the deadline: late, where the day alone could not say.
    let args = ["record", "radiotherapy", "P1", "--start", "2026-11-22", "--start-time", "14:11"];
    let (code, out, err) = cw(d, "2026-11-22 15:00", &args);
    assert_eq!(code, 0, "{out}{err}");
    let file = std::fs::read_to_string(d.join("data/cases/P1.yaml")).expect("case file");
    assert!(file.contains("start_time: \"14:11\""), "quoted, so no YAML reader takes it for a number: {file}");
    let flag = &triage_json(d, "2026-11-22 15:00")[0]["flags"][0];
    assert_eq!((flag["rule"].as_str(), flag["deadline_met"].as_bool()), (Some("mscc-treatment"), Some(false)));
    let (_, out, _) = cw(d, "2026-11-22 15:00", &["audit", "--format", "json"]);
    let audit: Value = serde_json::from_str(&out).expect("json");
    let episode = audit["episodes"].as_array().and_then(|e| e.iter().find(|e| e["measure"] == "qs56-6")).expect("ep");
    assert_eq!(episode["status"], "missed");
    assert_eq!(episode["treatment_at"], "2026-11-22 14:11");
    assert_eq!(episode["missed_by_hours"], 0.1, "a minute late is never 0.0 late");
}

#[test]
fn a_decision_is_recorded_with_who_and_role_and_closes_the_treatment_demand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cw(d, "2026-12-03 09:00", &["new", "--id", "P7", "--name", "Bo Patient", "--primary", "lung"]);
    let mri =
        ["record", "imaging", "P7", "--result", "mscc", "--escc", "3", "--levels", "T7", "--at", "2026-12-03 13:00"];
    assert_eq!(cw(d, "2026-12-03 13:05", &mri).0, 0);
    // A name without a role decides nothing: refused, saying so.
    let bare = ["record", "decision", "P7", "--what", "best_supportive_care", "--by", "Dr O"];
    let (code, _, err) = cw(d, "2026-12-03 15:00", &bare);
    assert_eq!(code, 2);
    assert!(err.contains("role"), "{err}");
    let nurse = ["record", "decision", "P7", "--what", "best_supportive_care", "--by", "Nurse B", "--role", "nurse"];
    let (code, _, err) = cw(d, "2026-12-03 15:00", &nurse);
    assert_eq!(code, 2, "a nurse does not decide about definitive treatment");
    assert!(err.contains("decides nothing"), "{err}");
    let decide = [
        "record",
        "decision",
        "P7",
        "--what",
        "best_supportive_care",
        "--why",
        "weeks to live",
        "--by",
        "Dr O",
        "--role",
        "consultant_clinical_oncologist",
    ];
    let (code, out, err) = cw(d, "2026-12-03 15:00", &decide);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("best supportive care"), "{out}");
    let v = triage_json(d, "2026-12-04 09:00");
    assert!(open_flag_rules(&v).is_empty(), "no treatment demand: {v}");
    let flag = &v[0]["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .find(|f| f["rule"] == "mscc-treatment")
        .cloned()
        .expect("flag");
    assert_eq!(flag["status"], "closed");
    assert_eq!(flag["levels"][0], "T7");
    let text = std::fs::read_to_string(d.join("data/cases/P7.yaml")).expect("case file");
    assert!(text.contains("decisions:") && text.contains("role: consultant_clinical_oncologist"), "{text}");
}

#[test]
fn steroid_safety_is_recorded_from_the_command_line_and_closes_the_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(cw(d, "2026-11-21 09:00", &["new", "--id", "P1", "--name", "Ann Patient"]).0, 0);
    let (code, out, err) = cw(
        d,
        "2026-11-21 09:10",
        &["record", "steroids", "P1", "--drug", "dexamethasone", "--mg-per-day", "16", "--at", "2026-11-21 09:00"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(checklist_rules(d, "2026-11-21 10:00").contains(&"steroids-safety".to_string()));

    let (code, out, err) = cw(d, "2026-11-21 10:00", &["record", "steroid-safety", "P1", "--at", "2026-11-21 09:55"]);
    assert_ne!(code, 0, "nothing given: {out}");
    assert!(err.contains("--gastric") && err.contains("--glucose"), "{err}");

    let (code, out, err) =
        cw(d, "2026-11-21 10:00", &["record", "steroid-safety", "P1", "--gastric", "--at", "2026-11-21 09:55"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(checklist_rules(d, "2026-11-21 10:00").contains(&"steroids-safety".to_string()), "glucose still missing");
    let (code, out, err) = cw(
        d,
        "2026-11-21 10:05",
        &["record", "steroid-safety", "P1", "--glucose", "--by", "Nurse B", "--at", "2026-11-21 10:00"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(!checklist_rules(d, "2026-11-21 10:10").contains(&"steroids-safety".to_string()));
    let file = std::fs::read_to_string(d.join("data/cases/P1.yaml")).expect("case file");
    assert!(file.contains("steroid_safety:") && file.contains("gastric_protection: true"), "{file}");
}

#[test]
fn a_pain_flag_from_the_neurology_exam_is_one_line_in_triage_and_listed_under_it_in_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    cw(d, "2026-11-21 09:00", &["new", "--id", "P9", "--name", "Ann Example"]);
    let exam = ["record", "exam", "P9", "--motor", "weakness", "--pain", "thoracic", "--at", "2026-11-21 08:30"];
    assert_eq!(cw(d, "2026-11-21 09:00", &exam).0, 0);
    let (_, compact, _) = cw(d, "2026-11-21 09:10", &["triage"]);
    let flag_lines =
        compact.lines().filter(|l| l.starts_with('!') && !l.contains("steps") && l.contains("Ann Example"));
    assert_eq!(flag_lines.count(), 1, "one line, not two: {compact}");
    let (_, triage, _) = cw(d, "2026-11-21 09:10", &["triage", "--long"]);
    assert_eq!(triage.matches("EMERGENCY").count(), 1, "one entry, not two: {triage}");
    assert!(!triage.contains("URGENT"), "{triage}");
    assert!(triage.contains("with, from the same exam") && triage.contains("mscc-pain"), "{triage}");
    let (_, json, _) = cw(d, "2026-11-21 09:10", &["triage", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let flags = v[0]["flags"].as_array().expect("flags");
    assert_eq!(flags.len(), 2, "JSON keeps both flags: {v}");
    let pain = flags.iter().find(|f| f["rule"] == "mscc-pain").expect("pain flag");
    assert_eq!(pain["part_of"], "mscc-neuro", "{v}");
    assert_eq!(pain["open"], true);
    let neuro = flags.iter().find(|f| f["rule"] == "mscc-neuro").expect("neuro flag");
    assert!(neuro["part_of"].is_null(), "{v}");
    let (_, show, _) = cw(d, "2026-11-21 09:10", &["show", "P9"]);
    let neuro_at = show.find("mscc-neuro").expect("neuro in show");
    let part_at = show.find("part of it, from the same exam").expect("pain listed under it");
    assert!(part_at > neuro_at && show[part_at..].contains("mscc-pain"), "{show}");
}
