//! One ward clock: every deadline is counted in real elapsed time in the ward's zone, wall times
//! a clock change skips or repeats are refused unless they say which moment they are, and no
//! user's `TZ` changes what is judged.

mod common;

use common::command::{isolated, outcome};
use common::*;
use cordwatch::model::Stamp;
use cordwatch::model::time::{WardZone, set_ward_zone};

fn london() -> WardZone {
    WardZone::named("Europe/London").expect("the machine knows Europe/London")
}

/// Every test in this file reads case files in London time (a test binary is its own process,
/// and every test here sets the same zone).
fn in_london() {
    set_ward_zone(london());
}

fn at_london(s: &str) -> Stamp {
    Stamp::parse_in(s, london()).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn a_flag_across_the_autumn_change_is_late_by_real_time() {
    in_london();
    let case = case("status: inpatient\nexams:\n  - at: 2026-10-24 10:00\n    motor: weakness\n");
    let a = cordwatch::engine::assess(&case, guidelines(), &SETTINGS, at_london("2026-10-25 09:30"));
    let flag = a.open_flags().next().expect("an open emergency");
    assert_eq!(flag.rule_id(), "mscc-neuro");
    assert_eq!(flag.deadline.to_string(), "2026-10-25 09:00", "24 real hours end at 09:00 on the wall clock");
    assert_eq!(flag.minutes_left(a.now), -30, "late by 30 minutes, not 30 minutes left");
    // A minute before the real deadline it is still open with a minute left.
    let a = cordwatch::engine::assess(&case, guidelines(), &SETTINGS, at_london("2026-10-25 08:59"));
    assert_eq!(a.open_flags().next().expect("open").minutes_left(a.now), 1);
    // In spring the day is 23 hours of wall clock: the deadline falls at 11:00.
    let spring = case_in_spring();
    let a = cordwatch::engine::assess(&spring, guidelines(), &SETTINGS, at_london("2026-03-29 10:30"));
    let flag = a.open_flags().next().expect("open");
    assert_eq!(flag.deadline.to_string(), "2026-03-29 11:00");
    assert_eq!(flag.minutes_left(a.now), 30);
}

fn case_in_spring() -> cordwatch::model::Case {
    case("status: inpatient\nexams:\n  - at: 2026-03-28 10:00\n    motor: weakness\n")
}

#[test]
fn a_skipped_wall_time_is_refused_with_what_happened() {
    in_london();
    let err = Stamp::parse_in("2026-03-29 01:30", london()).expect_err("the clocks skip 01:00-02:00");
    let text = err.to_string();
    assert!(text.contains("does not exist in Europe/London") && text.contains("went forward"), "{text}");
    assert!(Stamp::parse_in("2026-03-29 00:59", london()).is_ok());
    assert!(Stamp::parse_in("2026-03-29 02:00", london()).is_ok());
    assert!(Stamp::parse_in("2026-03-29 01:30", WardZone::utc()).is_ok(), "UTC has no change");
    // A case file with such a time is refused at its line, not silently moved.
    let text = "id: T1\nname: Test Patient\nexams:\n  - at: 2026-03-29 01:30\n    motor: weakness\n";
    let err = cordwatch::yaml::from_str::<cordwatch::model::Case>(text).expect_err("a time that never was");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn a_repeated_wall_time_needs_its_offset_and_each_offset_is_its_own_moment() {
    in_london();
    let err = Stamp::parse_in("2026-10-25 01:30", london()).expect_err("01:30 happens twice");
    let text = err.to_string();
    assert!(text.contains("happened twice") && text.contains("+01:00") && text.contains("+00:00"), "{text}");
    let first = at_london("2026-10-25 01:30 +01:00");
    let second = at_london("2026-10-25 01:30 +00:00");
    assert_ne!(first, second);
    assert_eq!(second.minutes_since(first), 60, "an hour apart");
    assert!(first < second);
    // Written back with the offset, so the file reads the same moment again.
    assert_eq!(first.to_string(), "2026-10-25 01:30 +01:00");
    assert_eq!(at_london(&first.to_string()), first);
    assert_eq!(at_london(&second.to_string()), second);
    assert_eq!(at_london("2026-10-25T01:30+00:00"), second, "the T form too");
    // An offset the zone does not have at that time is refused.
    let err = Stamp::parse_in("2026-10-25 01:30 +02:00", london()).expect_err("not a London offset");
    assert!(err.to_string().contains("happened twice"), "{err}");
    let err = Stamp::parse_in("2026-11-21 08:30 +01:00", london()).expect_err("GMT in November");
    assert!(err.to_string().contains("whose offset then is +00:00"), "{err}");
    // A time that is not repeated is written as before, with no offset.
    assert_eq!(at_london("2026-11-21 08:30 +00:00").to_string(), "2026-11-21 08:30");
    assert_eq!(at_london("2026-10-25 00:59").to_string(), "2026-10-25 00:59");
    assert_eq!(at_london("2026-10-25 02:00").to_string(), "2026-10-25 02:00");
}

#[test]
fn a_case_file_keeps_a_repeated_time_with_its_offset() {
    in_london();
    let text =
        "id: T1\nname: Test Patient\nstatus: inpatient\nexams:\n  - at: 2026-10-25 01:30 +00:00\n    motor: weakness\n";
    let case: cordwatch::model::Case = cordwatch::yaml::from_str(text).expect("reads");
    assert_eq!(case.exams[0].at, at_london("2026-10-25 01:30 +00:00"));
    let written = cordwatch::yaml::write_case(&case);
    assert!(written.contains("2026-10-25 01:30 +00:00"), "{written}");
    let again: cordwatch::model::Case = cordwatch::yaml::from_str(&written).expect("reads back");
    assert_eq!(again.exams[0].at, case.exams[0].at);
}

#[test]
fn a_record_dated_ahead_keeps_blocking_discharge() {
    in_london();
    let case = case("status: inpatient\nexams:\n  - at: 2026-11-21 08:33\n    motor: weakness\n");
    let now = at_london("2026-11-21 08:30");
    let a = cordwatch::engine::assess(&case, guidelines(), &SETTINGS, now);
    // A finding three minutes ahead is another clock's minute, not a later event: it counts now.
    assert!(a.open_flags().any(|f| f.rule_id() == "mscc-neuro"), "three minutes ahead: the red flag is shown now");
    let warned = a.dated_ahead.iter().any(|d| d.contains("findings are counted now"));
    assert!(warned, "and the clock is questioned: {:?}", a.dated_ahead);
    let later = common::case("status: inpatient\nexams:\n  - at: 2026-11-21 08:36\n    motor: weakness\n");
    let a_later = cordwatch::engine::assess(&later, guidelines(), &SETTINGS, now);
    assert!(a_later.open_flags().next().is_none(), "six minutes ahead is past the clocks' margin: not counted yet");
    let blockers = cordwatch::engine::discharge_blockers(&a);
    assert!(blockers.iter().any(|b| b.contains("later than now")), "{blockers:?}");
    let a = cordwatch::engine::assess(&case, guidelines(), &SETTINGS, at_london("2026-11-21 08:33"));
    assert!(a.dated_ahead.is_empty(), "once it has come it counts");
    assert!(cordwatch::engine::discharge_blockers(&a).iter().any(|b| b.starts_with("mscc-neuro")));
}

fn ward(dir: &std::path::Path, tz: &str, args: &[&str]) -> (i32, String, String) {
    let config = dir.join("config.yaml");
    std::fs::write(&config, "time_zone: Europe/London\n").expect("config");
    std::fs::create_dir_all(dir.join("data/cases")).expect("data");
    let mut cmd = isolated(dir);
    cmd.env("TZ", tz).arg("--data").arg(dir.join("data")).args(args);
    outcome(&mut cmd)
}

#[test]
fn the_same_record_is_judged_the_same_under_any_users_tz() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = "id: Z1\nname: Zone Patient\nstatus: inpatient\nexams:\n  - at: 2026-10-24 10:00\n    motor: weakness\n";
    std::fs::create_dir_all(dir.path().join("data/cases")).expect("data");
    std::fs::write(dir.path().join("data/cases/Z1.yaml"), case).expect("case");
    let mut seen = Vec::new();
    for tz in ["Asia/Tokyo", "UTC", "America/New_York"] {
        let (code, out, err) = ward(dir.path(), tz, &["--now", "2026-10-25 09:30", "triage", "--format", "json"]);
        assert_eq!(code, 3, "{tz}: {out}{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let flag = &v[0]["flags"][0];
        assert_eq!(flag["deadline"], "2026-10-25 09:00", "{tz}");
        seen.push(out);
        let (_, text, _) = ward(dir.path(), tz, &["--now", "2026-10-25 09:30", "triage", "--long"]);
        assert!(text.contains("Europe/London (+00:00)"), "{tz}: triage names its zone: {text}");
        assert!(text.contains("MRI by 2026-10-25 09:00 — 30 MIN LATE"), "{tz}: late by 30 minutes: {text}");
        let (_, text, _) = ward(dir.path(), tz, &["--now", "2026-10-25 09:30", "triage"]);
        assert!(text.starts_with("triage 25 Oct 09:30 GMT"), "{tz}: the brief triage names its zone: {text}");
        let (_, text, _) = ward(dir.path(), tz, &["--now", "2026-10-25 09:30", "checklist"]);
        assert!(text.contains("Europe/London (+00:00)"), "{tz}: the checklist names its zone: {text}");
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "identical under every TZ: {seen:?}");
}

#[test]
fn the_command_line_refuses_a_skipped_time_and_takes_a_repeated_one_with_its_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| ward(dir.path(), "Asia/Tokyo", args);
    let (code, out, err) = run(&["--now", "2026-11-01 09:00", "new", "--id", "C1", "--name", "Clock Patient"]);
    assert_eq!(code, 0, "{out}{err}");
    let exam = |at: &str| run(&["--now", "2026-11-01 09:00", "record", "exam", "C1", "--motor", "normal", "--at", at]);
    let (code, _, err) = exam("2026-03-29 01:30");
    assert_ne!(code, 0);
    assert!(err.contains("does not exist in Europe/London"), "{err}");
    let (code, _, err) = exam("2026-10-25 01:30");
    assert_ne!(code, 0);
    assert!(err.contains("happened twice"), "{err}");
    for at in ["2026-10-25 01:30 +01:00", "2026-10-25 01:30 +00:00"] {
        let (code, out, err) = exam(at);
        assert_eq!(code, 0, "{at}: {out}{err}");
    }
    let file = std::fs::read_to_string(dir.path().join("data/cases/C1.yaml")).expect("case file");
    assert!(file.contains("2026-10-25 01:30 +01:00") && file.contains("2026-10-25 01:30 +00:00"), "{file}");
    let (code, out, err) = run(&["--now", "2026-10-25 01:30", "triage"]);
    assert_ne!(code, 0, "--now is refused the same way: {out}");
    assert!(err.contains("happened twice"), "{err}");
}

#[test]
fn time_zone_and_its_older_name_agree_or_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.yaml");
    std::fs::create_dir_all(dir.path().join("data/cases")).expect("data");
    let run = |text: &str| {
        std::fs::write(&config, text).expect("config");
        let mut cmd = isolated(dir.path());
        cmd.env("TZ", "Asia/Tokyo").arg("--data").arg(dir.path().join("data")).args([
            "--now",
            "2026-07-01 12:00",
            "checklist",
        ]);
        outcome(&mut cmd)
    };
    let (code, out, err) = run("fhir_time_zone: Europe/London\n");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Europe/London (+01:00)"), "the older name still sets the ward clock: {out}");
    let (code, _, err) = run("time_zone: Europe/London\nfhir_time_zone: Europe/Paris\n");
    assert_ne!(code, 0);
    assert!(err.contains("keep one of them"), "{err}");
    let (code, _, err) = run("time_zone: Mars/Olympus\n");
    assert_ne!(code, 0);
    assert!(err.contains("Mars/Olympus"), "{err}");
}
