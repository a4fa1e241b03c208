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
    assert_eq!(dental.status, DueStatus::DueToday);
    assert_eq!(item(&a, ItemKind::BoneAgentDose).map(|i| i.due), Some(date("2026-11-23")), "first dose");
    let given = assess_at(&case("bone_agent: { drug: denosumab, doses: [2026-11-01] }\n"), "2026-11-23 08:00");
    assert_eq!(item(&given, ItemKind::DentalReview).map(|i| i.status), Some(DueStatus::Overdue), "started without one");
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
    assert!(a.schedule.len() >= 5);
    for i in &a.schedule {
        assert!(!i.rule.is_empty() && !i.source.is_empty() && !i.statement.is_empty(), "{i:?}");
    }
}

#[test]
fn discharged_cases_have_no_schedule() {
    let body = "status: discharged\nbone_agent: { drug: denosumab }\n";
    assert!(assess_at(&case(body), "2026-11-23 08:00").schedule.is_empty());
}
