//! Follow-up schedules against the guideline intervals: every choice of interval, every boundary.

mod common;

use common::*;
use cordwatch::engine::{Assessment, DueStatus, ItemKind, ScheduleItem};

fn item(a: &Assessment, kind: ItemKind) -> Option<&ScheduleItem> {
    a.schedule.iter().find(|i| i.kind == kind)
}

fn imaging_due(body: &str, now: &str) -> Option<String> {
    let a = assess_at(&case(body), now);
    item(&a, ItemKind::SpineImaging).map(|i| i.due.to_string())
}

#[test]
fn the_interval_follows_disease_activity() {
    let base = "imaging:\n  - { kind: mri_whole_spine, done: 2026-09-01 10:00, result: stable }\n";
    for (activity, due) in [
        ("follow_up: { disease_activity: progressing }\n", "2026-10-13"),
        ("follow_up: { disease_activity: active }\n", "2026-10-27"),
        ("follow_up: { disease_activity: stable }\n", "2026-12-22"),
        ("", "2026-11-24"),
    ] {
        assert_eq!(imaging_due(&format!("{base}{activity}"), "2026-09-02 08:00").as_deref(), Some(due), "{activity}");
    }
}

#[test]
fn the_patients_own_interval_overrides_the_guideline() {
    let body = "imaging:\n  - { kind: ct, done: 2026-09-01 10:00 }\nradiotherapy:\n  - { start: 2026-08-01, end: 2026-09-10 }\nfollow_up: { disease_activity: stable, imaging_every_weeks: 10 }\n";
    assert_eq!(imaging_due(body, "2026-09-11 08:00").as_deref(), Some("2026-11-19"), "RT end + 10 weeks");
}

#[test]
fn after_radiotherapy_or_surgery_the_post_treatment_interval_applies() {
    let rt = "imaging:\n  - { kind: mri_spine, done: 2026-08-01 10:00 }\nradiotherapy:\n  - { site: T6-T8, start: 2026-08-20, end: 2026-08-26 }\nfollow_up: { disease_activity: stable }\n";
    assert_eq!(imaging_due(rt, "2026-09-01 08:00").as_deref(), Some("2026-11-18"), "RT end + 12 weeks, not 16");
    let surgery = "imaging:\n  - { kind: mri_spine, done: 2026-08-01 10:00 }\nsurgery:\n  - { date: 2026-08-05, procedure: decompression }\nfollow_up: { disease_activity: progressing }\n";
    assert_eq!(imaging_due(surgery, "2026-09-01 08:00").as_deref(), Some("2026-10-28"), "surgery + 12 weeks, not 6");
    let later_scan = "imaging:\n  - { kind: mri_spine, done: 2026-09-01 10:00 }\nsurgery:\n  - { date: 2026-08-05 }\nfollow_up: { disease_activity: progressing }\n";
    assert_eq!(
        imaging_due(later_scan, "2026-09-02 08:00").as_deref(),
        Some("2026-10-13"),
        "imaging after surgery + 6 weeks"
    );
    let same_day = "imaging:\n  - { kind: mri_spine, done: 2026-08-26 09:00 }\nradiotherapy:\n  - { start: 2026-08-20, end: 2026-08-26 }\nfollow_up: { disease_activity: stable }\n";
    assert_eq!(
        imaging_due(same_day, "2026-09-02 08:00").as_deref(),
        Some("2026-11-18"),
        "a treatment on the same day wins"
    );
}

#[test]
fn plain_xray_and_results_not_yet_in_do_not_count() {
    let xray = "imaging:\n  - { kind: bone_scan, done: 2026-06-01 10:00 }\n  - { kind: xray, done: 2026-09-01 10:00 }\nfollow_up: { disease_activity: active }\n";
    assert_eq!(imaging_due(xray, "2026-09-02 08:00").as_deref(), Some("2026-07-27"));
    let future = "imaging:\n  - { kind: pet_ct, done: 2026-06-01 10:00 }\n  - { kind: mri_spine, done: 2026-12-01 10:00 }\nfollow_up: { disease_activity: active }\n";
    assert_eq!(imaging_due(future, "2026-09-02 08:00").as_deref(), Some("2026-07-27"));
}

#[test]
fn due_dates_cross_month_ends_and_leap_days() {
    let leap = "imaging:\n  - { kind: mri_spine, done: 2028-01-04 10:00 }\nfollow_up: { disease_activity: active }\n";
    assert_eq!(imaging_due(leap, "2028-01-05 08:00").as_deref(), Some("2028-02-29"));
    let year_end =
        "imaging:\n  - { kind: mri_spine, done: 2026-12-02 10:00 }\nfollow_up: { disease_activity: progressing }\n";
    assert_eq!(imaging_due(year_end, "2026-12-03 08:00").as_deref(), Some("2027-01-13"));
}

#[test]
fn status_moves_from_soon_to_today_to_overdue() {
    let body = "imaging:\n  - { kind: mri_spine, done: 2026-09-01 10:00 }\nfollow_up: { disease_activity: active }\n";
    let c = case(body);
    let status = |now: &str| item(&assess_at(&c, now), ItemKind::SpineImaging).map(|i| i.status);
    assert_eq!(status("2026-10-19 08:00"), Some(DueStatus::Later));
    assert_eq!(status("2026-10-20 08:00"), Some(DueStatus::DueSoon), "7 days before");
    assert_eq!(status("2026-10-27 07:00"), Some(DueStatus::DueToday));
    assert_eq!(status("2026-10-27 23:59"), Some(DueStatus::DueToday));
    assert_eq!(status("2026-10-28 00:00"), Some(DueStatus::Overdue), "the day after");
}

#[test]
fn a_pending_request_replaces_the_due_item_with_a_pending_result() {
    let body = "imaging:\n  - { kind: mri_spine, done: 2026-06-01 10:00 }\n  - { kind: mri_whole_spine, requested: 2026-09-01 09:00 }\nfollow_up: { disease_activity: active }\n";
    let a = assess_at(&case(body), "2026-09-03 08:00");
    assert!(item(&a, ItemKind::SpineImaging).is_none(), "already requested");
    let pending = item(&a, ItemKind::PendingResult).expect("pending result");
    assert_eq!(pending.status, DueStatus::Pending);
    assert!(pending.detail.contains("requested 2026-09-01 09:00"), "{}", pending.detail);
    assert_eq!(a.next_imaging_due, Some(date("2026-07-27")), "the due date is still reported");
}

#[test]
fn treatment_needs_baseline_imaging_in_the_8_weeks_before_it() {
    let start = "systemic:\n  - { regimen: paclitaxel, line: 1, start: 2026-11-02, cycle_weeks: 3 }\n";
    for (done, needed) in [("2026-09-07", false), ("2026-09-06", true), ("2026-11-10", false)] {
        let body = format!("{start}imaging:\n  - {{ kind: mri_whole_spine, done: {done} 10:00 }}\n");
        let a = assess_at(&case(&body), "2026-11-23 08:00");
        assert_eq!(item(&a, ItemKind::BaselineImaging).is_some(), needed, "imaging {done}");
    }
    let none = assess_at(&case(start), "2026-11-01 08:00");
    let b = item(&none, ItemKind::BaselineImaging).expect("no imaging at all");
    assert_eq!((b.due, b.status), (date("2026-11-02"), DueStatus::DueSoon));
    assert_eq!(none.next_imaging_due, Some(date("2026-11-02")));
    let xray_only = format!("{start}imaging:\n  - {{ kind: xray, done: 2026-10-30 10:00 }}\n");
    assert!(item(&assess_at(&case(&xray_only), "2026-11-01 08:00"), ItemKind::BaselineImaging).is_some());
}

#[test]
fn bone_agent_dose_and_its_blood_test_fall_due_together() {
    let body = "bone_agent:\n  drug: denosumab\n  dental_review: 2026-05-20\n  doses: [2026-10-04, 2026-11-01]\n";
    let a = assess_at(&case(body), "2026-11-23 08:00");
    let dose = item(&a, ItemKind::BoneAgentDose).expect("dose");
    assert_eq!((dose.due, dose.status), (date("2026-11-29"), DueStatus::DueSoon));
    let bloods = item(&a, ItemKind::BloodTest).expect("bloods");
    assert_eq!(bloods.due, dose.due);
    assert!(bloods.title.contains("calcium"), "{}", bloods.title);
    assert!(item(&a, ItemKind::DentalReview).is_none());
    assert_eq!(a.bone_agent_due, Some(date("2026-11-29")));

    let zol =
        "bone_agent: { drug: zoledronic_acid, every_weeks: 12, dental_review: 2026-01-10, doses: [2026-09-01] }\n";
    let a = assess_at(&case(zol), "2026-11-23 08:00");
    let bloods = item(&a, ItemKind::BloodTest).expect("bloods");
    assert!(bloods.title.contains("creatinine"), "{}", bloods.title);
    assert_eq!(bloods.due, date("2026-11-24"), "patient's own 12-week interval");
}

#[test]
fn dental_review_is_due_before_the_first_dose() {
    let a = assess_at(&case("bone_agent: { drug: zoledronic_acid }\n"), "2026-11-23 08:00");
    let dental = item(&a, ItemKind::DentalReview).expect("dental review");
    assert_eq!((dental.due, dental.status), (date("2026-11-23"), DueStatus::DueToday));
    assert!(item(&a, ItemKind::BoneAgentDose).is_none(), "no dose yet: nothing to count the interval from");
    assert_eq!(a.bone_agent_due, None);
    let reviewed =
        assess_at(&case("bone_agent: { drug: zoledronic_acid, dental_review: 2026-11-20 }\n"), "2026-11-23 08:00");
    assert!(item(&reviewed, ItemKind::DentalReview).is_none());
    let future =
        assess_at(&case("bone_agent: { drug: zoledronic_acid, dental_review: 2026-12-15 }\n"), "2026-11-23 08:00");
    assert!(item(&future, ItemKind::DentalReview).is_some(), "a review dated later has not happened yet");
    assert!(future.problems.iter().any(|p| p.message.contains("2026-12-15")), "{:?}", future.problems);
    let given = assess_at(&case("bone_agent: { drug: denosumab, doses: [2026-11-01] }\n"), "2026-11-23 08:00");
    assert!(item(&given, ItemKind::DentalReview).is_none(), "only before the first dose");
}

#[test]
fn a_stopped_bone_agent_or_regimen_has_no_items() {
    let stopped =
        "bone_agent: { drug: denosumab, dental_review: 2026-01-01, doses: [2026-10-01], stopped: 2026-11-01 }\n";
    let a = assess_at(&case(stopped), "2026-11-23 08:00");
    assert!(item(&a, ItemKind::BoneAgentDose).is_none());
    assert_eq!(a.bone_agent_due, None);
    let regimen = "systemic:\n  - { regimen: docetaxel, start: 2026-06-01, cycle_weeks: 3, stopped: 2026-10-01 }\n";
    assert!(item(&assess_at(&case(regimen), "2026-11-23 08:00"), ItemKind::TreatmentCycle).is_none());
    let stopping =
        "bone_agent: { drug: denosumab, dental_review: 2026-01-01, doses: [2026-11-10], stopped: 2026-11-30 }\n";
    let a = assess_at(&case(stopping), "2026-11-23 08:00");
    assert_eq!(a.bone_agent_due, None, "stops before the next dose would fall due");
    let later_stop =
        "bone_agent: { drug: denosumab, dental_review: 2026-01-01, doses: [2026-11-10], stopped: 2026-12-30 }\n";
    assert_eq!(assess_at(&case(later_stop), "2026-11-23 08:00").bone_agent_due, Some(date("2026-12-08")));
}

#[test]
fn the_next_cycle_is_on_or_after_today() {
    let body = "systemic:\n  - { regimen: trastuzumab + pertuzumab, line: 1, start: 2026-06-08, cycle_weeks: 3 }\n";
    let a = assess_at(&case(body), "2026-11-23 08:00");
    let cycle = item(&a, ItemKind::TreatmentCycle).expect("cycle");
    assert_eq!((cycle.due, cycle.status), (date("2026-11-23"), DueStatus::DueToday));
    assert!(cycle.title.starts_with("Cycle 9:"), "{}", cycle.title);
    let next_day = assess_at(&case(body), "2026-11-24 08:00");
    assert_eq!(item(&next_day, ItemKind::TreatmentCycle).map(|i| i.due), Some(date("2026-12-14")));
    let continuous = "systemic:\n  - { regimen: letrozole, start: 2026-06-01 }\n";
    assert!(item(&assess_at(&case(continuous), "2026-11-23 08:00"), ItemKind::TreatmentCycle).is_none());
}

#[test]
fn every_item_names_its_rule_and_source() {
    let body = "status: inpatient\nimaging:\n  - { kind: mri_spine, done: 2026-06-01 10:00 }\n  - { kind: ct, requested: 2026-11-20 10:00 }\nbone_agent: { drug: denosumab }\nsystemic:\n  - { regimen: x, start: 2026-11-01, cycle_weeks: 3 }\n";
    let a = assess_at(&case(body), "2026-11-23 08:00");
    assert!(a.schedule.len() >= 3, "{:?}", a.schedule);
    for i in &a.schedule {
        assert!(!i.rule.is_empty() && !i.source.is_empty() && !i.statement.is_empty(), "{i:?}");
    }
}

#[test]
fn discharged_cases_have_no_schedule() {
    let body = "status: discharged\nbone_agent: { drug: denosumab }\n";
    assert!(assess_at(&case(body), "2026-11-23 08:00").schedule.is_empty());
}

#[test]
fn planned_treatment_does_not_move_the_imaging_base_until_it_happens() {
    let body = "imaging:\n  - { kind: mri_spine, done: 2026-11-01 10:00 }\nfollow_up: { disease_activity: progressing }\nsurgery:\n  - { date: 2026-12-01, procedure: planned stabilisation }\nradiotherapy:\n  - { start: 2027-01-10, end: 2027-01-14 }\n";
    assert_eq!(imaging_due(body, "2026-11-23 08:00").as_deref(), Some("2026-12-13"), "last MRI + 6 weeks");
    assert_eq!(
        imaging_due(body, "2026-12-02 08:00").as_deref(),
        Some("2027-02-23"),
        "the day after surgery: + 12 weeks"
    );
}

#[test]
fn baseline_imaging_is_asked_only_while_the_treatment_is_recent_then_it_is_one_note() {
    // Started 2026-11-02 with no spine imaging; asked for until 4 weeks after (2026-11-30).
    let start = "systemic:\n  - { regimen: paclitaxel, line: 1, start: 2026-11-02, cycle_weeks: 3 }\n";
    let last_day = assess_at(&case(start), "2026-11-30 20:00");
    let b = item(&last_day, ItemKind::BaselineImaging).expect("4 weeks after the start: still asked");
    assert_eq!((b.due, b.status), (date("2026-11-02"), DueStatus::Overdue));
    assert!(!last_day.warnings.iter().any(|w| w.contains("baseline")), "an item, not a note: {:?}", last_day.warnings);
    let day_after = assess_at(&case(start), "2026-12-01 08:00");
    assert!(item(&day_after, ItemKind::BaselineImaging).is_none(), "no longer an item overdue for ever");
    assert_eq!(day_after.next_imaging_due, None, "no baseline date stands in for a follow-up date");
    let notes: Vec<&String> = day_after.warnings.iter().filter(|w| w.contains("baseline")).collect();
    assert_eq!(notes.len(), 1, "one note: {:?}", day_after.warnings);
    assert!(notes[0].contains("paclitaxel starts 2026-11-02") && notes[0].contains("too late"), "{}", notes[0]);
    let old = "systemic:\n  - { regimen: letrozole, start: 2024-01-10 }\n";
    let a = assess_at(&case(old), "2026-11-23 08:00");
    assert!(item(&a, ItemKind::BaselineImaging).is_none());
    assert_eq!(a.warnings.iter().filter(|w| w.contains("letrozole starts 2024-01-10")).count(), 1, "{:?}", a.warnings);
    let imaged = format!("{old}imaging:\n  - {{ kind: mri_whole_spine, done: 2025-06-01 10:00 }}\n");
    let a = assess_at(&case(&imaged), "2026-11-23 08:00");
    assert!(!a.warnings.iter().any(|w| w.contains("baseline")), "imaging since the start: nothing to say");
}

#[test]
fn baseline_imaging_is_for_systemic_and_radiotherapy_starts_and_the_follow_up_date_is_reported() {
    let surgery_only =
        "imaging:\n  - { kind: mri_spine, done: 2026-05-01 10:00 }\nsurgery:\n  - { date: 2026-08-05 }\n";
    let a = assess_at(&case(surgery_only), "2026-11-23 08:00");
    assert!(item(&a, ItemKind::BaselineImaging).is_none(), "surgery is not a treatment start for baseline imaging");
    assert_eq!(a.next_imaging_due, Some(date("2026-10-28")), "surgery + 12 weeks");
    let planned = "imaging:\n  - { kind: mri_spine, done: 2026-10-01 10:00 }\nfollow_up: { disease_activity: stable }\nsystemic:\n  - { regimen: letrozole, start: 2026-12-20 }\n";
    let a = assess_at(&case(planned), "2026-11-23 08:00");
    assert!(item(&a, ItemKind::BaselineImaging).is_some(), "the October MRI is more than 8 weeks before the start");
    assert_eq!(a.next_imaging_due, Some(date("2027-01-21")), "next_imaging_due is the follow-up date");
    let radiotherapy = "radiotherapy:\n  - { start: 2026-11-30, end: 2026-12-04 }\n";
    let a = assess_at(&case(radiotherapy), "2026-11-23 08:00");
    assert_eq!(a.next_imaging_due, Some(date("2026-11-30")), "nothing to count from: the baseline before radiotherapy");
}

#[test]
fn a_discharged_case_has_no_due_dates() {
    let body = "status: discharged\nimaging:\n  - { kind: mri_spine, done: 2026-11-01 10:00 }\nbone_agent: { drug: denosumab, doses: [2026-11-01] }\n";
    let a = assess_at(&case(body), "2026-11-23 08:00");
    assert_eq!((a.next_imaging_due, a.bone_agent_due), (None, None));
}
