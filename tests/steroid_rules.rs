//! Corticosteroids by drug and dose: what counts as MSCC cover (dexamethasone 16 mg a day or its
//! equivalent, or a lower dose with a reason), what a replacement dose is not, and the boundaries
//! of the equivalence.

mod common;

use common::*;
use cordwatch::engine::{Assessment, ItemLevel, PathwayItem};

fn item<'a>(a: &'a Assessment, rule: &str) -> Option<&'a PathwayItem> {
    a.pathway.iter().find(|i| i.rule == rule && i.is_open())
}

/// A man on abiraterone with prednisolone of replacement since October; weakness on 21 Nov.
const ABIRATERONE: &str = "status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, motor: weakness }\n";

fn with_course(course: &str) -> String {
    format!("{ABIRATERONE}steroids:\n  - {course}\n")
}

#[test]
fn prednisolone_10_mg_with_new_weakness_leaves_steroids_start_open() {
    let c = case(&with_course("{ drug: prednisolone, mg_per_day: 10, start: 2026-10-01 08:00 }"));
    let a = assess_at(&c, "2026-11-21 10:00");
    let i = item(&a, "steroids-start").expect("replacement is not MSCC treatment");
    assert_eq!((i.level, i.raised_at), (ItemLevel::Urgent, at("2026-11-21 08:30")));
    assert!(i.detail.contains("prednisolone 10 mg/day (about dexamethasone 1.5 mg)"), "{}", i.detail);
    assert!(i.detail.contains("not MSCC treatment"), "{}", i.detail);
    assert!(i.detail.contains("give dexamethasone 16 mg a day"), "{}", i.detail);

    // Dexamethasone 16 mg started beside it answers the step; the prednisolone goes on.
    let both = case(&format!(
        "{ABIRATERONE}steroids:\n  - {{ drug: prednisolone, mg_per_day: 10, start: 2026-10-01 08:00 }}\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }}\n"
    ));
    assert!(item(&assess_at(&both, "2026-11-21 10:00"), "steroids-start").is_none());
}

#[test]
fn the_cover_dose_holds_at_exactly_the_threshold_on_both_sides() {
    let open =
        |course: &str| item(&assess_at(&case(&with_course(course)), "2026-11-21 10:00"), "steroids-start").is_some();
    assert!(!open("{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }"), "16 mg is cover");
    assert!(open("{ drug: dexamethasone, mg_per_day: 15.99, start: 2026-11-21 09:00 }"), "15.99 mg is not");
    assert!(!open("{ drug: Dexamethasone, mg_per_day: 24, start: 2026-11-21 09:00 }"), "more is cover");
    // Methylprednisolone 4 mg is dexamethasone 0.75 mg: 16 mg is 85.33 mg.
    assert!(!open("{ drug: methylprednisolone, mg_per_day: 85.34, start: 2026-11-21 09:00 }"));
    assert!(open("{ drug: methylprednisolone, mg_per_day: 85.33, start: 2026-11-21 09:00 }"));
    // The largest hydrocortisone and prednisolone doses allowed are dexamethasone 15 mg.
    assert!(open("{ drug: hydrocortisone, mg_per_day: 400, start: 2026-11-21 09:00 }"));
    assert!(open("{ drug: prednisolone, mg_per_day: 100, start: 2026-11-21 09:00 }"));
}

#[test]
fn the_equivalence_table_converts_doses_in_the_guidelines_ratio() {
    let s = &guidelines().pathway.steroids;
    let eq = |drug: &str, mg: f64| s.cover_equivalent(drug, mg).map(|v| (v * 1000.0).round() / 1000.0);
    assert_eq!(eq("prednisolone", 10.0), Some(1.5));
    assert_eq!(eq("methylprednisolone", 4.0), Some(0.75));
    assert_eq!(eq("hydrocortisone", 20.0), Some(0.75));
    assert_eq!(eq("dexamethasone", 16.0), Some(16.0));
    assert_eq!(eq("ondansetron", 8.0), None);
    // A dose that matches the cover exactly through the ratio is not a rounding error short.
    assert!(s.is_cover_dose("methylprednisolone", 16.0 * 4.0 / 0.75));
    assert!(!s.is_cover_dose("methylprednisolone", 16.0 * 4.0 / 0.75 - 0.001));
}

#[test]
fn a_lower_dose_counts_only_with_a_reason_and_only_for_what_was_known_then() {
    let eight = "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-21 09:00 }";
    let a = assess_at(&case(&with_course(eight)), "2026-11-21 10:00");
    let i = item(&a, "steroids-start").expect("8 mg without a reason is not cover");
    assert!(
        i.detail.contains("dexamethasone 8 mg/day running since 21 Nov 09:00 is below the MSCC dose: dexamethasone 16 mg a day, or record why a lower dose"),
        "{}",
        i.detail
    );
    assert!(!i.detail.contains("replacement"), "started for the emergency: not replacement: {}", i.detail);

    let why =
        "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-21 09:00, reason: \"diabetes: agreed with oncologist\" }";
    assert!(item(&assess_at(&case(&with_course(why)), "2026-11-21 10:00"), "steroids-start").is_none());
    let blank = "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-21 09:00, reason: \" \" }";
    assert!(item(&assess_at(&case(&with_course(blank)), "2026-11-21 10:00"), "steroids-start").is_some());

    // Paralysis two days later, on the same 8 mg: the reason was given before it.
    let worse = case(&format!(
        "status: inpatient\nexams:\n  - {{ at: 2026-11-21 08:30, motor: weakness }}\n  - {{ at: 2026-11-23 08:00, motor: paralysis }}\nsteroids:\n  - {why}\n"
    ));
    let a = assess_at(&worse, "2026-11-23 09:00");
    let i = item(&a, "steroids-start").expect("worse since the reason was given");
    assert_eq!(i.raised_at, at("2026-11-23 08:00"), "raised by the deterioration, not the first flag");
    assert!(i.detail.contains("back to dexamethasone 16 mg a day, or record why not"), "{}", i.detail);
    // Before the paralysis: more than the clocks' margin before it (an exam a few minutes ahead
    // of the clock is another computer's minute, counted at once: tests/ward_clock.rs).
    assert!(item(&assess_at(&worse, "2026-11-23 07:54"), "steroids-start").is_none(), "before the paralysis");
    assert!(item(&assess_at(&worse, "2026-11-23 07:56"), "steroids-start").is_some(), "within the clocks' margin");
}

/// Weakness, MSCC on the MRI, radiotherapy from 10 Nov; dexamethasone 16 mg then a taper.
fn treated(steroids: &[&str], later_exam: &str) -> String {
    let mut s = String::from("status: inpatient\nexams:\n  - { at: 2026-11-09 08:00, motor: weakness }\n");
    s.push_str(later_exam);
    s.push_str("imaging:\n  - { kind: mri_whole_spine, done: 2026-11-09 14:00, result: mscc, escc: 2 }\nradiotherapy:\n  - { start: 2026-11-10, end: 2026-11-14 }\nsteroids:\n");
    for c in steroids {
        s.push_str(&format!("  - {c}\n"));
    }
    s
}

#[test]
fn deterioration_on_2_mg_of_dexamethasone_asks_for_16_mg_again() {
    let taper = [
        "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00, stopped: 2026-11-13 09:00 }",
        "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-13 09:00, stopped: 2026-11-16 09:00 }",
        "{ drug: dexamethasone, mg_per_day: 2, start: 2026-11-16 09:00 }",
    ];
    let quiet = case(&treated(&taper, ""));
    assert!(item(&assess_at(&quiet, "2026-11-17 09:00"), "steroids-start").is_none(), "a taper with nothing new");

    let worse = case(&treated(&taper, "  - { at: 2026-11-17 08:00, motor: paralysis }\n"));
    let a = assess_at(&worse, "2026-11-17 09:00");
    let i = item(&a, "steroids-start").expect("new paralysis on 2 mg");
    assert_eq!((i.level, i.raised_at), (ItemLevel::Urgent, at("2026-11-17 08:00")));
    assert!(
        i.detail.contains("dexamethasone 2 mg/day running, reduced from dexamethasone 16 mg/day since 9 Nov 09:00: back to dexamethasone 16 mg a day"),
        "{}",
        i.detail
    );
    assert!(item(&a, "steroids-reduce").is_none(), "no taper while the emergency is open");

    // Back to 16 mg answers it.
    let mut back = taper.to_vec();
    back[2] = "{ drug: dexamethasone, mg_per_day: 2, start: 2026-11-16 09:00, stopped: 2026-11-17 08:30 }";
    back.push("{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-17 08:30 }");
    let back = case(&treated(&back, "  - { at: 2026-11-17 08:00, motor: paralysis }\n"));
    assert!(item(&assess_at(&back, "2026-11-17 09:00"), "steroids-start").is_none());
}

#[test]
fn replacement_prednisolone_is_never_tapered_stopped_or_reviewed_as_mscc_treatment() {
    let replacement = "{ drug: prednisolone, mg_per_day: 10, start: 2026-10-01 08:00 }";
    let dex = "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00 }";
    let only = case(&treated(&[replacement], ""));
    let a = assess_at(&only, "2026-11-20 09:00");
    assert!(item(&a, "steroids-reduce").is_none(), "reducing replacement would harm him");

    let both = case(&treated(&[replacement, dex], ""));
    let a = assess_at(&both, "2026-11-20 09:00");
    let i = item(&a, "steroids-reduce").expect("the dexamethasone is tapered");
    assert!(i.detail.contains("dexamethasone 16 mg/day"), "{}", i.detail);
    assert!(!i.detail.contains("prednisolone"), "{}", i.detail);

    let excluded = |steroids: &str| {
        case(&format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-11-21 08:30, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:00, result: no_mscc }}\nsteroids:\n{steroids}"
        ))
    };
    let replacement_only = excluded(&format!("  - {replacement}\n"));
    assert!(item(&assess_at(&replacement_only, "2026-11-22 09:00"), "steroids-stop").is_none());
    let with_dex = excluded(&format!(
        "  - {replacement}\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }}\n"
    ));
    let a = assess_at(&with_dex, "2026-11-22 09:00");
    let i = item(&a, "steroids-stop").expect("the dexamethasone stops");
    assert!(i.detail.contains("dexamethasone 16 mg/day still running"), "{}", i.detail);
}

#[test]
fn a_low_dose_started_for_the_emergency_is_still_mscc_treatment() {
    // Dexamethasone 8 mg started for the weakness, without a reason: start stays open while the
    // flag asks, and after radiotherapy the 8 mg is tapered like any MSCC course.
    let c = case(&treated(&["{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-09 09:00 }"], ""));
    assert!(item(&assess_at(&c, "2026-11-09 10:00"), "steroids-start").is_some());
    assert!(item(&assess_at(&c, "2026-11-20 09:00"), "steroids-reduce").is_some());
}

// --- A taper is a series of steps to stop -------------------------------------------------------

/// The open `steroids-reduce` when it is due on the day judged.
fn reduce_due(a: &Assessment) -> Option<&PathwayItem> {
    item(a, "steroids-reduce").filter(|i| i.due <= a.now.date())
}

/// 16 mg from the day of the MRI, 8 mg from 12 Nov (radiotherapy from 10 Nov).
fn one_step(extra: &str) -> cordwatch::model::Case {
    case(&treated(
        &[
            "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00, stopped: 2026-11-12 09:00 }",
            &format!("{{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-12 09:00{extra} }}"),
        ],
        "",
    ))
}

#[test]
fn one_step_down_is_not_a_taper_and_the_next_step_falls_due() {
    let c = one_step("");
    // The guideline keeps 7 days for a step: 7 days unchanged is not yet due, 8 are.
    let a = assess_at(&c, "2026-11-19 20:00");
    let i = item(&a, "steroids-reduce").expect("open until the course stops");
    assert_eq!(i.due, date("2026-11-20"));
    assert!(reduce_due(&a).is_none(), "7 days at 8 mg: not yet");
    let a = assess_at(&c, "2026-11-20 08:00");
    let i = reduce_due(&a).expect("8 days at 8 mg: due");
    assert_eq!((i.level, i.raised_at), (ItemLevel::Due, at("2026-11-12 09:00")));
    assert!(
        i.detail.contains("last step down 2026-11-12 09:00 (8 days ago), dexamethasone 8 mg/day now"),
        "{}",
        i.detail
    );
    assert!(
        i.detail.contains("taper since radiotherapy began 2026-11-10: dexamethasone 16 mg (2026-11-09 09:00) -> 8 mg (2026-11-12 09:00)"),
        "{}",
        i.detail
    );
    // The case: 8 mg unchanged for 14 days; one day less is due too (past the 7 days).
    assert!(reduce_due(&assess_at(&c, "2026-11-26 08:00")).is_some(), "14 days unchanged");
    assert!(reduce_due(&assess_at(&c, "2026-11-25 08:00")).is_some(), "13 days unchanged");
    // The course stopped: nothing left to reduce.
    let stopped = one_step(", stopped: 2026-11-18 09:00");
    assert!(item(&assess_at(&stopped, "2026-11-26 08:00"), "steroids-reduce").is_none());
}

#[test]
fn each_step_down_restarts_the_count_and_a_closing_reason_lasts_until_the_next_step() {
    let steps = [
        "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00, stopped: 2026-11-12 09:00 }",
        "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-12 09:00, stopped: 2026-11-18 09:00 }",
        "{ drug: dexamethasone, mg_per_day: 4, start: 2026-11-18 09:00 }",
    ];
    let c = case(&treated(&steps, ""));
    assert!(reduce_due(&assess_at(&c, "2026-11-25 20:00")).is_none(), "4 mg for 7 days");
    assert!(reduce_due(&assess_at(&c, "2026-11-26 08:00")).is_some(), "4 mg for 8 days");

    // "Continue 8 mg for pain" closes the step at 8 mg; the later step down opens it again.
    let closed_at_8 = |when: &str| {
        let mut text = treated(&steps, "");
        text.push_str(&format!(
            "acknowledged:\n  - {{ flag: steroids-reduce, at: {when}, by: Dr A, closed: \"continue for pain\" }}\n"
        ));
        case(&text)
    };
    let a = assess_at(&closed_at_8("2026-11-17 10:00"), "2026-11-26 08:00");
    assert!(reduce_due(&a).is_some(), "closed before the step to 4 mg: open again after it");
    let a = assess_at(&closed_at_8("2026-11-18 10:00"), "2026-11-26 08:00");
    assert!(reduce_due(&a).is_none(), "closed after the last step: it stays closed");
    assert!(a.pathway.iter().any(|i| i.rule == "steroids-reduce" && i.closed.is_some()), "kept, closed");
}

#[test]
fn a_dose_raised_again_is_no_step_down() {
    let c = case(&treated(
        &[
            "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00, stopped: 2026-11-12 09:00 }",
            "{ drug: dexamethasone, mg_per_day: 8, start: 2026-11-12 09:00, stopped: 2026-11-14 09:00 }",
            "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-14 09:00 }",
        ],
        "",
    ));
    let a = assess_at(&c, "2026-11-20 08:00");
    let i = reduce_due(&a).expect("the last step down was 12 Nov");
    assert_eq!(i.raised_at, at("2026-11-12 09:00"));
    assert!(i.detail.contains("-> 16 mg (2026-11-14 09:00)"), "{}", i.detail);
}

// --- Stop after exclusion is tied to the MRI that excluded MSCC -------------------------------

fn excluded_then(later: &str) -> cordwatch::model::Case {
    case(&format!(
        "status: inpatient\nexams:\n  - {{ at: 2026-11-24 08:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-24 14:00, result: no_mscc }}\n{later}steroids:\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-24 09:00 }}\n"
    ))
}

#[test]
fn a_later_stable_ct_does_not_clear_the_stop_after_the_mri_excluded_mscc() {
    let a = assess_at(&excluded_then(""), "2026-11-25 09:00");
    let i = item(&a, "steroids-stop").expect("MSCC excluded, 16 mg still running");
    assert_eq!(i.raised_at, at("2026-11-24 14:00"));

    let ct = excluded_then("  - { kind: ct, done: 2026-12-01 10:00, result: stable }\n");
    let a = assess_at(&ct, "2026-12-01 12:00");
    let i = item(&a, "steroids-stop").expect("the staging CT says nothing about the cord");
    assert_eq!(i.raised_at, at("2026-11-24 14:00"), "tied to the excluding MRI");
    assert!(i.detail.contains("whole-spine MRI 24 Nov 14:00: no mscc excluded MSCC"), "{}", i.detail);
    let partial = excluded_then("  - { kind: mri_spine, done: 2026-12-01 10:00, result: progression }\n");
    assert!(item(&assess_at(&partial, "2026-12-01 12:00"), "steroids-stop").is_some(), "a partial MRI neither");

    // A later study that confirms compression, or grades the contested 1c, ends the stop.
    let confirmed = excluded_then("  - { kind: ct, done: 2026-12-01 10:00, result: mscc }\n");
    assert!(item(&assess_at(&confirmed, "2026-12-01 12:00"), "steroids-stop").is_none());
    let contested = excluded_then("  - { kind: mri_spine, done: 2026-12-01 10:00, escc: 1c }\n");
    assert!(item(&assess_at(&contested, "2026-12-01 12:00"), "steroids-stop").is_none());
}

// --- Steroid safety ------------------------------------------------------------------------------

fn on_steroid(course: &str, safety: &str) -> cordwatch::model::Case {
    case(&format!("status: inpatient\nsteroids:\n  - {course}\n{safety}"))
}

#[test]
fn a_high_dose_asks_for_gastric_protection_and_glucose_monitoring_until_both_are_recorded() {
    let dex = "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }";
    let a = assess_at(&on_steroid(dex, ""), "2026-11-21 10:00");
    let i = item(&a, "steroids-safety").expect("16 mg with nothing recorded");
    assert_eq!((i.level, i.raised_at, i.due), (ItemLevel::Due, at("2026-11-21 09:00"), date("2026-11-21")));
    assert!(i.detail.contains("record gastric protection and blood-glucose monitoring"), "{}", i.detail);

    let gastric = "steroid_safety:\n  - { at: 2026-11-21 09:30, gastric_protection: true }\n";
    let a = assess_at(&on_steroid(dex, gastric), "2026-11-21 10:00");
    let i = item(&a, "steroids-safety").expect("glucose still to record");
    assert!(i.detail.contains("record blood-glucose monitoring") && !i.detail.contains("gastric"), "{}", i.detail);

    let both = "steroid_safety:\n  - { at: 2026-11-21 09:30, gastric_protection: true }\n  - { at: 2026-11-21 09:40, glucose_monitoring: true, by: Nurse B }\n";
    assert!(item(&assess_at(&on_steroid(dex, both), "2026-11-21 10:00"), "steroids-safety").is_none());
    let together =
        "steroid_safety:\n  - { at: 2026-11-21 09:30, gastric_protection: true, glucose_monitoring: true }\n";
    assert!(item(&assess_at(&on_steroid(dex, together), "2026-11-21 10:00"), "steroids-safety").is_none());

    // Measures recorded for an earlier course do not count for this one.
    let old = "steroid_safety:\n  - { at: 2026-10-01 09:30, gastric_protection: true, glucose_monitoring: true }\n";
    assert!(item(&assess_at(&on_steroid(dex, old), "2026-11-21 10:00"), "steroids-safety").is_some());
    // The course stopped: nothing to ask.
    let stopped = "{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00, stopped: 2026-11-22 09:00 }";
    assert!(item(&assess_at(&on_steroid(stopped, ""), "2026-11-22 10:00"), "steroids-safety").is_none());
}

#[test]
fn the_safety_threshold_holds_at_exactly_its_dose_by_equivalence() {
    let asks =
        |course: &str| item(&assess_at(&on_steroid(course, ""), "2026-11-21 10:00"), "steroids-safety").is_some();
    assert!(asks("{ drug: dexamethasone, mg_per_day: 4, start: 2026-11-21 09:00 }"), "4 mg: at the threshold");
    assert!(!asks("{ drug: dexamethasone, mg_per_day: 3.99, start: 2026-11-21 09:00 }"), "just below");
    // Prednisolone 5 mg = dexamethasone 0.75 mg, so 4 mg is prednisolone 26.67 mg.
    assert!(asks("{ drug: prednisolone, mg_per_day: 26.67, start: 2026-11-21 09:00 }"));
    assert!(!asks("{ drug: prednisolone, mg_per_day: 26.66, start: 2026-11-21 09:00 }"));
    assert!(!asks("{ drug: prednisolone, mg_per_day: 10, start: 2026-11-21 09:00 }"), "replacement");
    assert!(asks("{ drug: hydrocortisone, mg_per_day: 200, start: 2026-11-21 09:00 }"), "hydrocortisone 200 = dex 7.5");
    assert!(!asks("{ drug: ondansetron, mg_per_day: 16, start: 2026-11-21 09:00 }"), "not a corticosteroid");
}

#[test]
fn an_emergency_closed_as_no_compression_to_treat_asks_for_no_steroids_and_any_other_close_does() {
    let closed = |reason: &str, role: &str| {
        let c = case(&format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-12-04 08:00, motor: weakness }}\nacknowledged:\n  - {{ flag: mscc-neuro, at: 2026-12-04 09:00, by: Dr X, role: {role}, closed: seen, reason: {reason} }}\n"
        ));
        item(&assess_at(&c, "2026-12-04 10:00"), "steroids-start").is_some()
    };
    assert!(!closed("not_suspected_on_senior_review", "consultant"), "no compression suspected: no dexamethasone");
    assert!(!closed("entered_in_error", "registrar"), "the finding was never there");
    assert!(closed("patient_declined", "consultant"), "declining MRI does not make the compression go away");
    // A reason given by a role it does not list closes nothing, and the step stays.
    assert!(closed("not_suspected_on_senior_review", "nurse"));
    // An open emergency asks for them.
    let open = case("status: inpatient\nexams:\n  - { at: 2026-12-04 08:00, motor: weakness }\n");
    assert!(item(&assess_at(&open, "2026-12-04 10:00"), "steroids-start").is_some());
}
