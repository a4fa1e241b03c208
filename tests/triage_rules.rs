//! Red-flag triage against the guideline rules: every finding fires or does not, every boundary.

mod common;

use common::*;
use cordwatch::engine::{FlagStatus, NotExamined};
use cordwatch::guidelines::Level;

fn one_exam(fields: &str) -> String {
    format!("status: inpatient\nexams:\n  - at: 2026-11-21 08:30\n{}", indent(fields))
}

fn indent(fields: &str) -> String {
    fields.lines().map(|l| format!("    {l}\n")).collect()
}

const NOW: &str = "2026-11-21 10:00";

#[test]
fn every_neurological_finding_is_an_emergency() {
    for finding in [
        "motor: weakness",
        "motor: paralysis",
        "sensory: altered",
        "sensory: level\nsensory_level: T10",
        "sensory: level",
        "bladder: retention",
        "bladder: incontinence",
        "bowel: incontinence",
        "gait: unsteady",
        "gait: unable",
        "pain: [radicular]",
    ] {
        let a = assess_at(&case(&one_exam(finding)), NOW);
        assert_eq!(a.level, Level::Emergency, "{finding}");
        assert_eq!(open_rules(&a), vec!["mscc-neuro"], "{finding}");
        let flag = &a.flags[0];
        assert_eq!(flag.raised_at, at("2026-11-21 08:30"));
        assert_eq!(flag.deadline, at("2026-11-22 08:30"), "{finding}: 24 hours");
        assert!(!flag.findings.is_empty());
    }
}

#[test]
fn normal_findings_raise_nothing() {
    let a = assess_at(
        &case(&one_exam(
            "motor: normal\nsensory: normal\nbladder: normal\nbowel: normal\ngait: normal\npain_score: 3\nfrankel: E",
        )),
        NOW,
    );
    assert_eq!(a.level, Level::None);
    assert!(a.flags.is_empty());
    assert_eq!(a.not_examined, None, "examined 90 minutes ago");
}

#[test]
fn every_pain_feature_without_neurology_is_urgent_with_a_week_to_mri() {
    for feature in [
        "thoracic",
        "cervical",
        "progressive_lumbar",
        "severe_unremitting",
        "mechanical",
        "straining",
        "nocturnal",
        "tenderness",
        "claudication",
    ] {
        let a = assess_at(&case(&one_exam(&format!("motor: normal\npain: [{feature}]"))), NOW);
        assert_eq!(a.level, Level::Urgent, "{feature}");
        assert_eq!(open_rules(&a), vec!["mscc-pain"], "{feature}");
        assert_eq!(a.flags[0].deadline, at("2026-11-28 08:30"), "{feature}: 7 days");
    }
}

#[test]
fn neurology_with_pain_features_is_an_emergency() {
    let a = assess_at(&case(&one_exam("motor: weakness\npain: [thoracic, nocturnal]")), NOW);
    assert_eq!(a.level, Level::Emergency);
    let findings: Vec<String> = a.flags.iter().flat_map(|f| f.findings.iter().map(|x| x.to_string())).collect();
    assert!(findings.contains(&"motor weakness".to_string()), "{findings:?}");
}

#[test]
fn the_findings_that_raised_a_flag_are_named() {
    let a = assess_at(&case(&one_exam("motor: weakness\nsensory: level\nsensory_level: T10\nbladder: retention")), NOW);
    let text: Vec<String> = a.flags[0].findings.iter().map(|f| f.to_string()).collect();
    assert_eq!(text, vec!["motor weakness", "sensory level T10", "bladder retention"]);
}

#[test]
fn the_deadline_is_exact_to_the_minute() {
    let c = case(&one_exam("bladder: retention"));
    let on_time = assess_at(&c, "2026-11-22 08:30");
    assert_eq!(on_time.flags[0].minutes_left(on_time.now), 0);
    assert!(on_time.flags[0].is_open());
    let late = assess_at(&c, "2026-11-22 08:31");
    assert_eq!(late.flags[0].minutes_left(late.now), -1);
    let urgent = case(&one_exam("pain: [nocturnal]"));
    let a = assess_at(&urgent, "2026-11-28 08:30");
    assert_eq!(a.flags[0].minutes_left(a.now), 0, "exactly 7 days");
}

#[test]
fn a_spine_mri_after_the_flag_actions_it() {
    for (kind, done, actioned) in [
        ("mri_whole_spine", "2026-11-21 14:10", true),
        // Part of the spine does not answer a suspected MSCC: NICE asks for the whole spine.
        ("mri_spine", "2026-11-21 14:10", false),
        // A finding recorded in the MRI's own minute counts as after it: the MRI cannot answer it.
        ("mri_whole_spine", "2026-11-21 08:31", true),
        ("mri_whole_spine", "2026-11-21 08:30", false),
        ("mri_whole_spine", "2026-11-21 08:29", false),
        ("ct", "2026-11-21 14:10", false),
        ("xray", "2026-11-21 14:10", false),
        ("bone_scan", "2026-11-21 14:10", false),
    ] {
        let c = case(&format!(
            "{}imaging:\n  - {{ kind: {kind}, done: {done}, result: no_mscc }}\n",
            one_exam("motor: weakness")
        ));
        let a = assess_at(&c, "2026-11-21 20:00");
        assert_eq!(a.flags[0].is_actioned(), actioned, "{kind} done {done}");
        assert_eq!(a.level == Level::None, actioned, "{kind} done {done}");
    }
}

#[test]
fn time_to_mri_is_reported_and_judged_against_the_deadline() {
    let c = case(&format!(
        "{}imaging:\n  - {{ kind: mri_whole_spine, requested: 2026-11-21 09:00, done: 2026-11-22 10:30, result: no_mscc }}\n",
        one_exam("gait: unable")
    ));
    let a = assess_at(&c, "2026-11-23 08:00");
    let f = &a.flags[0];
    assert_eq!(f.minutes_to_mri(), Some(26 * 60));
    assert_eq!(f.met_deadline(), Some(false));
    assert!(!f.is_open(), "a late MRI still actions the flag");
    let exact = case(&format!(
        "{}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-22 08:30, result: mscc }}\n",
        one_exam("gait: unable")
    ));
    assert_eq!(assess_at(&exact, "2026-11-23 08:00").flags[0].met_deadline(), Some(true), "at exactly 24 h");
}

#[test]
fn a_pending_request_does_not_action_a_flag() {
    let c = case(&format!(
        "{}imaging:\n  - {{ kind: mri_whole_spine, requested: 2026-11-21 09:00 }}\n",
        one_exam("bowel: incontinence")
    ));
    assert_eq!(open_rules(&assess_at(&c, NOW)), vec!["mscc-neuro"]);
}

#[test]
fn exams_are_taken_in_time_order_whatever_the_file_order() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-21 08:30, motor: weakness }",
        "  - { at: 2026-11-20 08:30, motor: weakness }",
        "  - { at: 2026-11-19 08:30, motor: normal }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(flags(&a), vec![("mscc-neuro".into(), "emergency".into(), "2026-11-20 08:30".into(), true)]);
    assert_eq!(a.flags[0].deadline, at("2026-11-21 08:30"));
}

#[test]
fn the_clock_starts_at_the_first_exam_of_an_unbroken_run() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, bladder: retention }",
        "  - { at: 2026-11-20 08:00, bladder: retention }",
        "  - { at: 2026-11-21 08:00, bladder: retention }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(a.flags.len(), 1);
    assert_eq!(a.flags[0].raised_at, at("2026-11-19 08:00"));
    assert!(a.flags[0].minutes_left(a.now) < 0, "the deadline passed two days ago");
}

#[test]
fn symptoms_that_come_and_go_keep_the_flag_open() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-20 08:00, motor: normal }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"], "never dropped silently");
    assert!(!a.flags[0].present_at_last_exam);
    let back = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-20 08:00, motor: normal }",
        "  - { at: 2026-11-21 08:00, motor: weakness }",
    ]));
    let a = assess_at(&back, NOW);
    let raised: Vec<String> = a.flags.iter().map(|f| f.raised_at.to_string()).collect();
    assert_eq!(raised, vec!["2026-11-19 08:00", "2026-11-21 08:00"], "a second episode is a second flag");
    assert!(a.flags.iter().all(|f| f.is_open()));
    assert!(a.flags[1].present_at_last_exam);
}

#[test]
fn an_mri_between_episodes_actions_only_the_first() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-20 08:00, motor: normal }",
        "  - { at: 2026-11-21 08:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 15:00, result: no_mscc }",
    ]));
    let a = assess_at(&c, NOW);
    assert!(a.flags[0].is_actioned());
    assert!(a.flags[1].is_open());
    assert_eq!(a.level, Level::Emergency);
}

#[test]
fn an_acknowledgement_records_the_plan_but_does_not_stop_the_clock() {
    let c = case(&format!(
        "{}acknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-21 09:05, by: Dr Patel, plan: \"MRI 14:00\" }}\n",
        one_exam("motor: weakness")
    ));
    let a = assess_at(&c, NOW);
    assert!(a.flags[0].is_open());
    assert_eq!(a.flags[0].acknowledgements.len(), 1);
    assert_eq!(a.level, Level::Emergency);
}

#[test]
fn a_clinician_can_close_a_flag_with_a_reason() {
    let c = case(&format!(
        "{}acknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-21 09:30, by: Dr Okafor, role: consultant_clinical_oncologist, reason: not_suspected_on_senior_review, plan: stop opioid, closed: \"retention from opioids, resolved with catheter\" }}\n",
        one_exam("bladder: retention")
    ));
    let a = assess_at(&c, NOW);
    match &a.flags[0].status {
        FlagStatus::Closed { reason, by, at: when, .. } => {
            assert!(reason.raw().contains("opioids"));
            assert_eq!(by.as_ref().map(|b| b.raw()), Some("Dr Okafor"));
            assert_eq!(*when, at("2026-11-21 09:30"));
        }
        other => panic!("expected closed, got {other:?}"),
    }
    assert_eq!(a.level, Level::None);
}

#[test]
fn a_closure_applies_only_to_its_own_rule_and_earlier_flags() {
    let other_rule = case(&format!(
        "{}acknowledged:\n  - {{ flag: mscc-pain, at: 2026-11-21 09:30, closed: wrong rule }}\n",
        one_exam("motor: weakness")
    ));
    assert_eq!(open_rules(&assess_at(&other_rule, NOW)), vec!["mscc-neuro"]);
    let before = case(&format!(
        "{}acknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-21 08:00, closed: an older episode }}\n",
        one_exam("motor: weakness")
    ));
    assert_eq!(open_rules(&assess_at(&before, NOW)), vec!["mscc-neuro"], "closed before it was raised");
}

#[test]
fn deterioration_after_an_mri_raises_a_new_open_flag() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-21 08:00, motor: paralysis }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 14:00, result: mscc, escc: 2 }",
        "radiotherapy:",
        "  - { site: T6-T8, dose_gy: 20, fractions: 5, start: 2026-11-19, end: 2026-11-20 }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    let d = a.open_flags().next().expect("deterioration");
    assert_eq!(d.level, Level::Emergency);
    assert_eq!(d.raised_at, at("2026-11-21 08:00"));
    assert_eq!(d.deadline, at("2026-11-22 08:00"));
    assert_eq!(d.findings[0].to_string(), "motor paralysis");
    assert!(a.flags.iter().any(|f| f.rule_id() == "mscc-neuro" && f.is_actioned()), "the first flag stays visible");
}

#[test]
fn every_scaled_field_can_deteriorate() {
    // Each pair keeps a neurological finding in both exams, so the red-flag episode continues
    // (and was imaged): only the worsening itself can raise a new flag.
    for (before, after) in [
        ("gait: unsteady, motor: normal", "gait: unsteady, motor: weakness"),
        ("motor: weakness, sensory: altered", "motor: weakness, sensory: level"),
        ("motor: weakness, bladder: normal", "motor: weakness, bladder: incontinence"),
        ("motor: weakness, bowel: normal", "motor: weakness, bowel: incontinence"),
        ("gait: unsteady", "gait: unable"),
        ("motor: weakness, frankel: D", "motor: weakness, frankel: C"),
        ("motor: weakness, frankel: E", "motor: weakness, frankel: A"),
    ] {
        let c = case(&format!(
            "exams:\n  - {{ at: 2026-11-19 08:00, {before} }}\n  - {{ at: 2026-11-21 08:00, {after} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }}\n"
        ));
        let a = assess_at(&c, NOW);
        assert_eq!(open_rules(&a), vec!["deterioration"], "{before} -> {after}");
        assert_eq!(a.level, Level::Emergency, "{before} -> {after}");
    }
}

#[test]
fn the_same_or_better_is_not_deterioration() {
    for (before, after) in [
        ("motor: paralysis", "motor: weakness"),
        ("bladder: retention", "bladder: incontinence"),
        ("frankel: C", "frankel: D"),
        ("gait: unable", "gait: unable"),
        ("sensory: level", "sensory: altered"),
    ] {
        let c = case(&format!(
            "exams:\n  - {{ at: 2026-11-19 08:00, {before} }}\n  - {{ at: 2026-11-21 08:00, {after} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }}\n"
        ));
        let a = assess_at(&c, NOW);
        assert!(open_rules(&a).is_empty(), "{before} -> {after}: {:?}", flags(&a));
    }
}

#[test]
fn a_new_pain_feature_after_imaging_is_urgent_deterioration() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-14 08:00, motor: normal, pain: [thoracic] }",
        "  - { at: 2026-11-21 08:00, motor: normal, pain: [thoracic, nocturnal] }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-15 12:00, result: stable }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    assert_eq!(a.level, Level::Urgent);
    assert_eq!(a.open_flags().next().map(|f| f.deadline), Some(at("2026-11-28 08:00")));
}

#[test]
fn a_new_episode_is_not_reported_twice_as_deterioration() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: normal }",
        "  - { at: 2026-11-21 08:00, motor: weakness }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["mscc-neuro"]);
}

#[test]
fn a_new_finding_after_imaging_in_a_continuing_episode_is_deterioration() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-21 08:00, motor: weakness, bladder: retention }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    assert_eq!(a.open_flags().next().map(|f| f.findings[0].to_string()), Some("bladder retention".into()));
}

#[test]
fn an_unimaged_deterioration_is_not_dropped_by_a_later_stable_exam() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-18 08:00, motor: weakness }",
        "  - { at: 2026-11-19 08:00, motor: paralysis }",
        "  - { at: 2026-11-20 08:00, motor: paralysis }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-18 12:00, result: no_mscc }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    assert_eq!(a.open_flags().next().map(|f| f.raised_at), Some(at("2026-11-19 08:00")));
}

#[test]
fn a_deterioration_can_be_closed_by_name() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-21 08:00, motor: paralysis }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
        "acknowledged:",
        "  - { flag: deterioration, at: 2026-11-21 09:00, by: Dr A, role: consultant, reason: patient_declined, closed: \"end of life care, no further imaging\" }",
    ]));
    assert!(open_rules(&assess_at(&c, NOW)).is_empty());
}

#[test]
fn not_examined_follows_the_24_hour_setting() {
    let c = case("status: inpatient\nexams:\n  - { at: 2026-11-20 08:00, motor: normal }\n");
    assert_eq!(assess_at(&c, "2026-11-21 08:00").not_examined, None, "exactly 24 h");
    assert_eq!(
        assess_at(&c, "2026-11-21 08:01").not_examined,
        Some(NotExamined::Stale { last: at("2026-11-20 08:00"), hours_ago: 24 })
    );
    let outpatient = case("status: outpatient\nexams:\n  - { at: 2026-10-01 08:00, motor: normal }\n");
    assert_eq!(assess_at(&outpatient, NOW).not_examined, None, "outpatients are not examined daily");
}

#[test]
fn a_case_with_no_exam_is_never_reported_as_clear() {
    for status in ["inpatient", "outpatient"] {
        let a = assess_at(&case(&format!("status: {status}\n")), NOW);
        assert_eq!(a.not_examined, Some(NotExamined::Never), "{status}");
    }
    let no_status = assess_at(&case(""), NOW);
    assert_eq!(no_status.not_examined, Some(NotExamined::Never));
    let discharged = assess_at(&case("status: discharged\n"), NOW);
    assert_eq!(discharged.not_examined, None);
}

#[test]
fn records_dated_after_now_are_not_counted_but_are_reported() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-21 08:30, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, requested: 2026-11-21 09:00, done: 2026-11-21 14:00, result: no_mscc }",
    ]));
    let before = assess_at(&c, "2026-11-21 12:00");
    assert_eq!(open_rules(&before), vec!["mscc-neuro"], "the MRI has not happened yet at noon");
    assert!(before.problems.iter().any(|p| p.message.contains("2026-11-21 14:00")), "{:?}", before.problems);
    let after = assess_at(&c, "2026-11-21 15:00");
    assert!(open_rules(&after).is_empty());
    assert!(after.problems.is_empty() && after.warnings.is_empty());
    let typo = case("exams:\n  - { at: 2027-11-21 08:30, motor: weakness }\n");
    let a = assess_at(&typo, NOW);
    let problem =
        a.problems.iter().find(|p| p.message.contains("2027-11-21 08:30")).expect("a future exam is a problem");
    assert_eq!(problem.needle.as_deref(), Some("2027-11-21 08:30"), "its line can be found");
}

#[test]
fn a_record_a_few_minutes_ahead_of_the_clock_is_a_warning_not_a_problem() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-21 10:05, motor: weakness }",
        "  - { at: 2026-11-21 10:06, motor: weakness }",
    ]));
    let a = assess_at(&c, "2026-11-21 10:00");
    assert_eq!(a.problems.len(), 1, "6 minutes ahead is beyond the clock tolerance: {:?}", a.problems);
    assert!(a.problems[0].message.contains("10:06"));
    assert_eq!(a.warnings.len(), 1, "5 minutes ahead is clock difference: {:?}", a.warnings);
    assert!(a.warnings[0].contains("10:05"));
}

#[test]
fn the_case_level_is_the_highest_open_flag() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-14 08:00, pain: [thoracic] }",
        "  - { at: 2026-11-21 08:00, pain: [thoracic], gait: unsteady }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(a.level, Level::Emergency);
    assert_eq!(open_rules(&a), vec!["mscc-pain", "mscc-neuro"]);
}

#[test]
fn weakness_returning_after_imaging_is_a_new_flag_but_continuing_weakness_is_known() {
    // Why "adding a finding never lowers the level" only holds without intervening imaging (see
    // tests/engine_properties.rs): filling the gap turns a recurrence into one imaged episode.
    let mri = "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }\n";
    let recurrence = case(&format!(
        "exams:\n  - {{ at: 2026-11-19 08:00, motor: weakness }}\n  - {{ at: 2026-11-20 08:00, motor: normal }}\n  - {{ at: 2026-11-21 08:00, motor: weakness }}\n{mri}"
    ));
    assert_eq!(assess_at(&recurrence, NOW).level, Level::Emergency);
    let continuing = case(&format!(
        "exams:\n  - {{ at: 2026-11-19 08:00, motor: weakness }}\n  - {{ at: 2026-11-20 08:00, motor: weakness }}\n  - {{ at: 2026-11-21 08:00, motor: weakness }}\n{mri}"
    ));
    let a = assess_at(&continuing, NOW);
    assert_eq!(a.level, Level::None);
    assert!(a.flags[0].is_actioned() && a.flags[0].present_at_last_exam, "a known deficit, imaged, stays visible");
}

#[test]
fn radicular_pain_returning_after_a_pain_free_exam_is_deterioration() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness, pain: [radicular] }",
        "  - { at: 2026-11-20 08:00, motor: weakness }",
        "  - { at: 2026-11-21 08:00, motor: weakness, pain: [radicular] }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    let a = assess_at(&c, NOW);
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    assert_eq!(a.level, Level::Emergency, "radicular pain is a neurological finding");
}

#[test]
fn exams_at_the_same_minute_give_the_same_answer_in_any_file_order() {
    let head = "exams:\n  - { at: 2026-11-20 08:00, motor: weakness }\n";
    let tail = "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-20 12:00, result: no_mscc }\n";
    let a = "  - { at: 2026-11-21 08:00, motor: weakness }\n";
    let b = "  - { at: 2026-11-21 08:00, motor: normal, bladder: retention }\n";
    let one = assess_at(&case(&format!("{head}{a}{b}{tail}")), NOW);
    let other = assess_at(&case(&format!("{head}{b}{a}{tail}")), NOW);
    assert_eq!(flags(&one), flags(&other));
    assert_eq!(one.level, Level::Emergency, "the merged exam keeps the worst of both: new retention");
}

#[test]
fn an_exam_that_did_not_examine_neurology_does_not_break_a_neurological_episode() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness, pain: [thoracic] }",
        "  - { at: 2026-11-20 08:00, pain: [thoracic], pain_score: 5 }",
        "  - { at: 2026-11-21 08:00, motor: weakness, pain: [thoracic] }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    let a = assess_at(&c, NOW);
    assert!(open_rules(&a).is_empty(), "one continuing, imaged weakness: {:?}", flags(&a));
    let examined_normal = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-20 08:00, motor: normal, pain_score: 2 }",
        "  - { at: 2026-11-21 08:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    assert_eq!(open_rules(&assess_at(&examined_normal, NOW)), vec!["mscc-neuro"], "examined normal, then back");
}

#[test]
fn a_first_frankel_grade_is_a_baseline_not_a_deterioration() {
    let c = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: paralysis }",
        "  - { at: 2026-11-21 08:00, motor: paralysis, frankel: C }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    assert!(open_rules(&assess_at(&c, NOW)).is_empty());
    let first_bladder = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: weakness }",
        "  - { at: 2026-11-21 08:00, motor: weakness, bladder: retention }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
    ]));
    assert_eq!(
        open_rules(&assess_at(&first_bladder, NOW)),
        vec!["deterioration"],
        "a first red-flag finding still counts"
    );
}
