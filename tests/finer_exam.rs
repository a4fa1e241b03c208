//! The finer exam: MRC power by limb, saddle anaesthesia, and the bowel findings beside
//! incontinence. All optional: a file with none of them reads and is judged as before.

mod common;

use common::*;
use cordwatch::guidelines::Level;

/// Two exams two days apart, the first imaged (MSCC excluded), so only a worsening can raise a
/// new flag.
fn two_exams(before: &str, after: &str) -> cordwatch::model::Case {
    case(&format!(
        "exams:\n  - {{ at: 2026-11-19 08:00, {before} }}\n  - {{ at: 2026-11-21 08:00, {after} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }}\n"
    ))
}

const NOW: &str = "2026-11-21 10:00";

#[test]
fn a_fall_of_a_grade_or_more_in_any_limb_is_deterioration() {
    for (before, after, limb) in [
        ("power_left_leg: 4", "power_left_leg: 2", "left leg power 2/5"),
        // Within an episode that goes on (a weak arm), 5 -> 4 in a leg is a worsening.
        ("power_left_arm: 4, power_right_leg: 5", "power_left_arm: 4, power_right_leg: 4", "right leg power 4/5"),
        ("power_left_leg: 3, power_right_arm: 5", "power_left_leg: 3, power_right_arm: 3", "right arm power 3/5"),
        ("power_left_arm: 1", "power_left_arm: 0", "left arm power 0/5"),
    ] {
        let a = assess_at(&two_exams(before, after), NOW);
        assert_eq!(open_rules(&a), vec!["deterioration"], "{before} -> {after}: {:?}", flags(&a));
        assert_eq!(a.level, Level::Emergency, "{before} -> {after}");
        let d = a.open_flags().next().expect("deterioration");
        assert!(d.findings.iter().any(|f| f.to_string() == limb), "{before} -> {after}: {:?}", d.findings);
    }
}

#[test]
fn five_to_four_with_no_deficit_before_is_a_new_emergency_naming_the_limb() {
    // Nothing was wrong before: a first grade below 5 is a new episode of suspected MSCC, the
    // same 24-hour emergency, not a second flag for the same change.
    let a = assess_at(&two_exams("power_right_leg: 5", "power_right_leg: 4"), NOW);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"], "{:?}", flags(&a));
    let f = a.open_flags().next().expect("open");
    assert_eq!((f.level, f.raised_at), (Level::Emergency, at("2026-11-21 08:00")));
    assert_eq!(f.findings[0].to_string(), "right leg power 4/5");
}

#[test]
fn the_same_grade_or_better_or_another_limb_graded_is_not_deterioration() {
    for (before, after) in [
        ("power_left_leg: 4", "power_left_leg: 4"),
        ("power_left_leg: 3", "power_left_leg: 4"),
        ("power_left_leg: 5", "power_left_leg: 5"),
        ("power_left_leg: 4", "power_left_leg: 4, power_right_leg: 5"),
    ] {
        let a = assess_at(&two_exams(before, after), NOW);
        assert!(!open_rules(&a).contains(&"deterioration".to_string()), "{before} -> {after}: {:?}", flags(&a));
    }
}

#[test]
fn a_grade_below_five_is_limb_weakness_and_five_is_not() {
    let weak = case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, power_left_leg: 4 }\n");
    let a = assess_at(&weak, NOW);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"]);
    assert_eq!(a.flags[0].findings[0].to_string(), "left leg power 4/5");
    let normal =
        case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, power_left_leg: 5, power_right_leg: 5 }\n");
    let a = assess_at(&normal, NOW);
    assert!(a.flags.is_empty(), "{:?}", flags(&a));
    assert_eq!(a.not_examined, None, "graded power is an examination");
    let err = cordwatch::yaml::from_str::<cordwatch::model::Case>(
        "id: T1\nname: A\nexams:\n  - { at: 2026-11-21 08:30, power_left_leg: 6 }\n",
    )
    .expect_err("6 is not an MRC grade");
    assert!(err.to_string().contains("MRC power grade from 0"), "{err}");
}

#[test]
fn saddle_anaesthesia_is_an_emergency_and_normal_saddle_sensation_is_not() {
    let a = assess_at(&case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, saddle: anaesthesia }\n"), NOW);
    assert_eq!(a.level, Level::Emergency);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"]);
    assert_eq!(a.flags[0].findings[0].to_string(), "saddle anaesthesia");
    let a = assess_at(&case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, saddle: normal }\n"), NOW);
    assert!(a.flags.is_empty());
    let a = assess_at(&two_exams("motor: weakness, saddle: normal", "motor: weakness, saddle: anaesthesia"), NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"], "{:?}", flags(&a));
}

#[test]
fn new_constipation_and_lost_anal_sensation_are_bowel_dysfunction() {
    for bowel in ["new_constipation", "lost_anal_sensation", "incontinence"] {
        let a = assess_at(
            &case(&format!("status: inpatient\nexams:\n  - {{ at: 2026-11-21 08:30, bowel: {bowel} }}\n")),
            NOW,
        );
        assert_eq!(open_rules(&a), vec!["mscc-neuro"], "{bowel}");
        let a =
            assess_at(&two_exams("motor: weakness, bowel: normal", &format!("motor: weakness, bowel: {bowel}")), NOW);
        assert_eq!(open_rules(&a), vec!["deterioration"], "normal -> {bowel}");
    }
    let a = assess_at(&case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, bowel: normal }\n"), NOW);
    assert!(a.flags.is_empty());
    // One band: constipation becoming incontinence is bowel dysfunction still, not a new grade.
    let a = assess_at(&two_exams("bowel: new_constipation", "bowel: incontinence"), NOW);
    assert!(!open_rules(&a).contains(&"deterioration".to_string()), "{:?}", flags(&a));
}

#[test]
fn a_file_with_none_of_the_new_fields_reads_and_writes_as_before() {
    let text = "id: T1\nname: Test Patient\nstatus: inpatient\nexams:\n  - at: 2026-11-21 08:30\n    motor: weakness\n    bowel: incontinence\n    frankel: D\n";
    let c: cordwatch::model::Case = cordwatch::yaml::from_str(text).expect("an old file");
    let e = &c.exams[0];
    assert!(e.saddle.is_none() && e.power_left_leg.is_none() && e.power_right_arm.is_none());
    let written = cordwatch::yaml::write_case(&c);
    for key in ["saddle", "power_"] {
        assert!(!written.contains(key), "nothing new written: {written}");
    }
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"]);
}

#[test]
fn the_new_fields_are_written_back_and_read_again() {
    let text = "id: T1\nname: Test Patient\nexams:\n  - { at: 2026-11-21 08:30, saddle: anaesthesia, power_left_arm: 5, power_right_arm: 5, power_left_leg: 2, power_right_leg: 0, bowel: lost_anal_sensation }\n";
    let c: cordwatch::model::Case = cordwatch::yaml::from_str(text).expect("reads");
    let written = cordwatch::yaml::write_case(&c);
    let again: cordwatch::model::Case = cordwatch::yaml::from_str(&written).expect("reads back");
    assert_eq!(again.exams, c.exams, "{written}");
    // The timeline and the audit log say what was recorded.
    let said = cordwatch::model::event::exam_summary(&c.exams[0]);
    assert_eq!(
        said,
        "bowel lost_anal_sensation, saddle anaesthesia, left arm power 5/5, right arm power 5/5, left leg power 2/5, right leg power 0/5"
    );
}

#[test]
fn record_exam_takes_the_new_flags() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("data/cases")).expect("data");
    let run = |args: &[&str]| {
        let mut cmd = common::command::isolated(dir.path());
        cmd.arg("--data").arg(dir.path().join("data")).args(["--now", "2026-11-23 09:00"]).args(args);
        common::command::outcome(&mut cmd)
    };
    assert_eq!(run(&["new", "--id", "P1", "--name", "Power Patient"]).0, 0);
    let (code, out, err) = run(&[
        "record",
        "exam",
        "P1",
        "--power-left-leg",
        "4",
        "--power-right-leg",
        "5",
        "--saddle",
        "normal",
        "--bowel",
        "new_constipation",
        "--at",
        "2026-11-23 08:00",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let file = std::fs::read_to_string(dir.path().join("data/cases/P1.yaml")).expect("file");
    assert!(file.contains("power_left_leg: 4") && file.contains("saddle: normal"), "{file}");
    let (code, _, err) = run(&["record", "exam", "P1", "--power-left-leg", "7", "--at", "2026-11-23 08:30"]);
    assert_ne!(code, 0);
    assert!(err.contains("MRC power grade"), "{err}");
}
