//! The MSCC pathway after the MRI, rule by rule: what raises each step, what answers it, and the
//! boundaries (23 h 59 / 24 h 01, SINS 6/7/12/13, the steroid day count).

mod common;

use common::*;
use cordwatch::engine::checklist::checklist;
use cordwatch::engine::{
    Assessment, Category, Completion, FlagNote, FlagStatus, ItemLevel, PathwayItem, check_acknowledgement,
    discharge_blockers,
};
use cordwatch::guidelines::Level;

fn item<'a>(a: &'a Assessment, rule: &str) -> Option<&'a PathwayItem> {
    a.pathway.iter().find(|i| i.rule == rule)
}

fn open_items(a: &Assessment) -> Vec<String> {
    a.open_pathway().map(|i| i.rule.clone()).collect()
}

fn treatment_flag(a: &Assessment) -> Option<&cordwatch::engine::Flag> {
    a.flags.iter().find(|f| f.rule_id() == "mscc-treatment")
}

const WEAK: &str = "status: inpatient\nexams:\n  - { at: 2026-11-21 08:30, motor: weakness }\n";

// --- What answers a suspected-MSCC flag --------------------------------------------------------

#[test]
fn only_a_reported_whole_spine_mri_after_the_flag_answers_it() {
    let with = |imaging: &str| case(&format!("{WEAK}imaging:\n  - {imaging}\n"));
    let answered =
        assess_at(&with("{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: no_mscc }"), "2026-11-21 20:00");
    assert!(answered.flags[0].is_actioned());

    let awaited = assess_at(&with("{ kind: mri_whole_spine, done: 2026-11-21 14:10 }"), "2026-11-21 20:00");
    let f = &awaited.flags[0];
    assert!(f.is_open(), "no report yet");
    assert_eq!(f.deadline, at("2026-11-22 08:30"), "the same deadline");
    assert_eq!(f.notes, vec![FlagNote::ReportAwaited { done: at("2026-11-21 14:10") }]);
    assert_eq!(f.notes[0].to_string(), "MRI done 21 Nov 14:10, report awaited");

    let graded = assess_at(&with("{ kind: mri_whole_spine, done: 2026-11-21 14:10, escc: 1a }"), "2026-11-21 20:00");
    assert!(
        graded.flags.iter().find(|f| f.rule_id() == "mscc-neuro").is_some_and(|f| f.is_actioned()),
        "a grade is a report"
    );

    let partial = assess_at(&with("{ kind: mri_spine, done: 2026-11-21 14:10, result: no_mscc }"), "2026-11-21 20:00");
    assert!(partial.flags[0].is_open());
    assert!(partial.flags[0].notes[0].to_string().contains("partial spine MRI does not answer this"));

    let requested = assess_at(&with("{ kind: mri_whole_spine, requested: 2026-11-21 09:00 }"), "2026-11-21 10:00");
    assert_eq!(requested.flags[0].notes, vec![FlagNote::MriRequested { at: at("2026-11-21 09:00") }]);

    let before =
        assess_at(&with("{ kind: mri_whole_spine, done: 2026-11-21 08:29, result: no_mscc }"), "2026-11-21 20:00");
    assert!(before.flags[0].is_open(), "an MRI before the flag does not answer it");
}

#[test]
fn a_date_only_mri_on_the_flag_day_does_not_answer_it_but_the_next_day_does() {
    let same_day =
        case(&format!("{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21, result: no_mscc }}\n"));
    let a = assess_at(&same_day, "2026-11-21 20:00");
    assert!(a.flags[0].is_open());
    assert_eq!(a.flags[0].notes, vec![FlagNote::DateOnlySameDay { date: date("2026-11-21") }]);
    assert!(a.flags[0].notes[0].to_string().contains("has no time"));
    assert_eq!(same_day.imaging[0].done.map(|d| d.to_string()), Some("2026-11-21".into()), "shown as a date");

    let next_day =
        case(&format!("{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-22, result: no_mscc }}\n"));
    assert!(assess_at(&next_day, "2026-11-22 20:00").flags[0].is_actioned());
}

#[test]
fn a_frankel_grade_below_e_is_a_neurological_emergency_on_its_own() {
    for grade in ["A", "B", "C", "D"] {
        let a = assess_at(
            &case(&format!("exams:\n  - {{ at: 2026-11-21 08:30, frankel: {grade} }}\n")),
            "2026-11-21 10:00",
        );
        assert_eq!(a.level, Level::Emergency, "Frankel {grade}");
        assert_eq!(open_rules(&a), vec!["mscc-neuro"], "Frankel {grade}");
    }
    let e = assess_at(&case("exams:\n  - { at: 2026-11-21 08:30, frankel: E }\n"), "2026-11-21 10:00");
    assert_eq!(e.level, Level::None);
}

#[test]
fn a_sensory_level_moving_up_the_cord_is_deterioration() {
    let body = |first: &str, second: &str| {
        case(&format!(
            "exams:\n  - {{ at: 2026-11-19 08:00, sensory: level, sensory_level: {first} }}\n  - {{ at: 2026-11-21 08:00, sensory: level, sensory_level: {second} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-19 12:00, result: mscc, escc: 2 }}\nradiotherapy:\n  - {{ start: 2026-11-19 }}\n"
        ))
    };
    let up = assess_at(&body("T10", "T4"), "2026-11-21 10:00");
    assert_eq!(open_rules(&up), vec!["deterioration"]);
    assert!(up.open_flags().next().is_some_and(|f| f.what().contains("T4 (up from T10)")), "{:?}", up.flags);
    let down = assess_at(&body("T4", "T10"), "2026-11-21 10:00");
    assert!(open_rules(&down).is_empty(), "a level moving down is not worse");
    let same = assess_at(&body("T10", "T10"), "2026-11-21 10:00");
    assert!(open_rules(&same).is_empty());
}

#[test]
fn a_pain_only_entry_is_not_an_examination() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-19 08:00, motor: normal, sensory: normal }",
        "  - { at: 2026-11-21 08:00, pain_score: 3 }",
    ]));
    let a = assess_at(&c, "2026-11-21 10:00");
    assert!(
        matches!(a.not_examined, Some(cordwatch::engine::NotExamined::Stale { last, .. }) if last == at("2026-11-19 08:00")),
        "{:?}",
        a.not_examined
    );
    let only_pain = case("status: inpatient\nexams:\n  - { at: 2026-11-21 08:00, pain: [thoracic] }\n");
    assert_eq!(assess_at(&only_pain, "2026-11-21 10:00").not_examined, Some(cordwatch::engine::NotExamined::Never));
}

// --- mscc-treatment ------------------------------------------------------------------------------

fn mscc_mri(extra: &str) -> cordwatch::model::Case {
    case(&format!(
        "status: inpatient\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: mscc, escc: 3 }}\n{extra}"
    ))
}

#[test]
fn confirmed_mscc_without_treatment_is_an_emergency_with_24_hours() {
    let c = mscc_mri("");
    let before = assess_at(&c, "2026-11-22 14:09");
    let f = treatment_flag(&before).expect("flag");
    assert!(f.is_open());
    assert_eq!(f.level, Level::Emergency);
    assert_eq!(before.level, Level::Emergency);
    assert_eq!((f.raised_at, f.deadline), (at("2026-11-21 14:10"), at("2026-11-22 14:10")));
    assert_eq!(f.minutes_left(before.now), 1, "23 h 59 m after the MRI");
    assert!(f.what().contains("mscc, ESCC 3"), "{}", f.what());
    let after = assess_at(&c, "2026-11-22 14:11");
    assert_eq!(treatment_flag(&after).map(|f| f.minutes_left(after.now)), Some(-1), "24 h 01 m: late, still open");
    let two_days = assess_at(&c, "2026-11-23 14:10");
    assert!(treatment_flag(&two_days).is_some_and(|f| f.is_open()), "never goes quiet");
    let items = checklist(&c, &two_days);
    assert_eq!(items[0].rule, "mscc-treatment");
    assert_eq!(items[0].category, Category::Emergency);
    assert_eq!(items[0].completion, Completion::Treatment { flag: "mscc-treatment".into() });
    assert!(items[0].text.contains("treatment by 22 Nov 14:10"), "{}", items[0].text);
}

#[test]
fn what_confirms_mscc() {
    for (imaging, raised) in [
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: mscc }", true),
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, escc: 2 }", true),
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, escc: 3 }", true),
        ("{ kind: mri_spine, done: 2026-11-21 14:10, escc: 2 }", true),
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, escc: 1c }", false),
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: no_mscc, escc: 1b }", false),
        ("{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: progression }", false),
        ("{ kind: ct, done: 2026-11-21 14:10, result: mscc }", true), // MRI contraindicated: CT counts
        ("{ kind: bone_scan, done: 2026-11-21 14:10, result: mscc }", false),
        ("{ kind: mri_whole_spine, requested: 2026-11-21 09:00 }", false),
    ] {
        let a = assess_at(&case(&format!("imaging:\n  - {imaging}\n")), "2026-11-21 20:00");
        assert_eq!(treatment_flag(&a).is_some(), raised, "{imaging}");
    }
}

#[test]
fn definitive_treatment_answers_mscc_treatment() {
    // The MRI of 21 Nov 14:10 shows compression; judged on 22 Nov at 18:00.
    for (treatment, answered) in [
        ("radiotherapy:\n  - { start: 2026-11-21 }\n", true),
        // Booked today by its date alone: not known to be given until it has a time or the day
        // has passed.
        ("radiotherapy:\n  - { start: 2026-11-22, end: 2026-11-26 }\n", false),
        ("radiotherapy:\n  - { start: 2026-11-22, start_time: \"09:00\", end: 2026-11-26 }\n", true),
        // Begun before the MRI with no end or fractions: its first day only, over before the MRI.
        ("radiotherapy:\n  - { start: 2026-11-18 }\n", false),
        // Under way over the MRI's day, but no level recorded: a level not recorded covers nothing.
        ("radiotherapy:\n  - { start: 2026-11-18, end: 2026-11-21 }\n", false),
        ("radiotherapy:\n  - { start: 2026-11-10, end: 2026-11-14 }\n", false),
        ("radiotherapy:\n  - { start: 2026-11-24 }\n", false),
        ("surgery:\n  - { date: 2026-11-21, procedure: decompression }\n", true),
        ("surgery:\n  - { date: 2026-11-20 }\n", false),
    ] {
        let a = assess_at(&mscc_mri(treatment), "2026-11-22 18:00");
        let f = treatment_flag(&a).expect("flag");
        assert_eq!(f.is_actioned(), answered, "{treatment}");
        assert_eq!(f.is_open(), !answered, "{treatment}");
    }
    let planned = assess_at(&mscc_mri("radiotherapy:\n  - { start: 2026-11-24 }\n"), "2026-11-22 18:00");
    let f = treatment_flag(&planned).expect("flag");
    assert!(
        f.notes.iter().any(|n| n.to_string() == "radiotherapy planned 2026-11-24, after the deadline 22 Nov 14:10"),
        "{:?}",
        f.notes
    );
    let treated = assess_at(&mscc_mri("radiotherapy:\n  - { start: 2026-11-22 }\n"), "2026-11-23 09:00");
    let f = treatment_flag(&treated).expect("flag");
    assert!(matches!(f.status, FlagStatus::Treated { .. }));
    assert_eq!(f.met_deadline(), Some(true));
    assert!(
        !checklist(&mscc_mri("radiotherapy:\n  - { start: 2026-11-22 }\n"), &treated)
            .iter()
            .any(|i| i.rule == "mscc-treatment")
    );
}

#[test]
fn a_routine_scan_showing_mscc_raises_it_and_re_imaging_does_not_restart_the_clock() {
    let c = case(&lines(&[
        "status: outpatient",
        "imaging:",
        "  - { kind: mri_spine, done: 2026-11-20 10:00, escc: 2 }",
        "  - { kind: mri_whole_spine, done: 2026-11-21 10:00, result: mscc, escc: 2 }",
    ]));
    let a = assess_at(&c, "2026-11-21 12:00");
    let flags: Vec<_> = a.flags.iter().filter(|f| f.rule_id() == "mscc-treatment").collect();
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].raised_at, at("2026-11-20 10:00"), "the first MRI that showed it starts the clock");
}

#[test]
fn a_clinician_can_close_mscc_treatment_with_a_reason() {
    let c = mscc_mri(
        "decisions:\n  - { at: 2026-11-21 15:30, by: Dr Okafor, role: consultant_clinical_oncologist, what: best_supportive_care, why: weeks to live }\nacknowledged:\n  - { flag: mscc-treatment, at: 2026-11-21 16:00, by: Dr Okafor, role: consultant_clinical_oncologist, reason: treatment_decision, closed: \"not appropriate: best supportive care\" }\n",
    );
    let a = assess_at(&c, "2026-11-22 18:00");
    let f = treatment_flag(&a).expect("flag");
    assert!(matches!(&f.status, FlagStatus::Closed { reason, .. } if reason.raw().contains("best supportive care")));
    assert_eq!(a.level, Level::None);
    assert!(!checklist(&c, &a).iter().any(|i| i.rule == "mscc-treatment"));
}

// --- Steroids ------------------------------------------------------------------------------------

#[test]
fn steroids_start_for_an_open_emergency_with_none_running() {
    let a = assess_at(&case(WEAK), "2026-11-21 10:00");
    let i = item(&a, "steroids-start").expect("item");
    assert_eq!((i.level, i.raised_at), (ItemLevel::Urgent, at("2026-11-21 08:30")));
    assert_eq!(
        checklist(&case(WEAK), &a).iter().find(|i| i.rule == "steroids-start").map(|i| i.category),
        Some(Category::Urgent)
    );

    let running =
        case(&format!("{WEAK}steroids:\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }}\n"));
    assert!(item(&assess_at(&running, "2026-11-21 10:00"), "steroids-start").is_none());
    assert!(item(&assess_at(&running, "2026-11-21 08:59"), "steroids-start").is_some(), "not started yet at 08:59");

    let stopped = case(&format!(
        "{WEAK}steroids:\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-10 09:00, stopped: 2026-11-15 09:00 }}\n"
    ));
    assert!(item(&assess_at(&stopped, "2026-11-21 10:00"), "steroids-start").is_some(), "an old course does not count");

    let pain_only = case("exams:\n  - { at: 2026-11-21 08:30, pain: [thoracic] }\n");
    assert!(item(&assess_at(&pain_only, "2026-11-21 10:00"), "steroids-start").is_none(), "no neurology, no steroids");

    assert!(item(&assess_at(&mscc_mri(""), "2026-11-21 15:00"), "steroids-start").is_some(), "confirmed MSCC too");

    let closed = case(&format!(
        "{WEAK}acknowledged:\n  - {{ flag: steroids-start, at: 2026-11-21 09:00, by: Dr A, closed: \"poorly controlled diabetes; discussed with oncologist\" }}\n"
    ));
    let a = assess_at(&closed, "2026-11-21 10:00");
    let i = item(&a, "steroids-start").expect("kept, closed");
    assert!(i.closed.as_ref().is_some_and(|c| c.reason.contains("diabetes") && c.by.as_deref() == Some("Dr A")));
    assert!(!open_items(&a).contains(&"steroids-start".to_string()));
    assert!(!checklist(&closed, &a).iter().any(|i| i.rule == "steroids-start"));
}

#[test]
fn steroids_stop_when_the_mri_excludes_mscc() {
    let body = |result: &str, stopped: &str| {
        case(&format!(
            "{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:00, {result} }}\nsteroids:\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00{stopped} }}\n"
        ))
    };
    let a = assess_at(&body("result: no_mscc", ""), "2026-11-22 09:00");
    let i = item(&a, "steroids-stop").expect("stop");
    assert_eq!((i.level, i.due), (ItemLevel::Due, date("2026-11-21")));
    assert!(
        item(&assess_at(&body("escc: 1b", ""), "2026-11-22 09:00"), "steroids-stop").is_some(),
        "ESCC 1b is not compression"
    );
    assert!(
        item(&assess_at(&body("result: no_mscc", ", stopped: 2026-11-21 18:00"), "2026-11-22 09:00"), "steroids-stop")
            .is_none()
    );
    let confirmed = assess_at(&body("result: mscc", ""), "2026-11-22 09:00");
    assert!(item(&confirmed, "steroids-stop").is_none(), "MSCC confirmed: keep them");
}

#[test]
fn steroids_reduce_after_definitive_treatment_counts_the_days() {
    // The step is open from the first day of treatment until the course stops; it falls due by
    // the guideline's days.
    let due_now =
        |a: &Assessment| item(a, "steroids-reduce").filter(|i| i.is_open() && i.due <= a.now.date()).is_some();
    let body = |extra: &str| {
        case(&format!(
            "status: inpatient\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-09 14:00, result: mscc, escc: 2 }}\nradiotherapy:\n  - {{ start: 2026-11-10, end: 2026-11-14 }}\nsteroids:\n  - {{ drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 15:00 }}\n{extra}"
        ))
    };
    let c = body("");
    let early = assess_at(&c, "2026-11-15 20:00");
    assert!(!due_now(&early), "5 days after: not yet due");
    assert_eq!(item(&early, "steroids-reduce").map(|i| i.due), Some(date("2026-11-16")), "open, due on day 6");
    assert!(item(&assess_at(&c, "2026-11-09 20:00"), "steroids-reduce").is_none(), "before treatment began");
    let i = assess_at(&c, "2026-11-16 08:00");
    assert!(due_now(&i));
    let i = item(&i, "steroids-reduce").expect("6 days after the first fraction");
    assert_eq!((i.due, i.level), (date("2026-11-16"), ItemLevel::Due));
    assert!(i.detail.contains("radiotherapy began 2026-11-10 (6 days ago)"), "{}", i.detail);

    let reduced = case(&lines(&[
        "status: inpatient",
        "radiotherapy:",
        "  - { start: 2026-11-10, end: 2026-11-14 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 15:00, stopped: 2026-11-12 09:00 }",
        "  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-12 09:00 }",
    ]));
    assert!(!due_now(&assess_at(&reduced, "2026-11-19 08:00")), "a step down answers it for 7 days");
    assert!(due_now(&assess_at(&reduced, "2026-11-20 08:00")), "and falls due again after them");
    let same_again = case(&lines(&[
        "status: inpatient",
        "radiotherapy:",
        "  - { start: 2026-11-10, end: 2026-11-14 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 15:00, stopped: 2026-11-12 09:00 }",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-12 09:00 }",
    ]));
    let a = assess_at(&same_again, "2026-11-16 08:00");
    assert!(due_now(&a), "the same dose re-entered is not a reduction");
    let stopped = case(&lines(&[
        "status: inpatient",
        "radiotherapy:",
        "  - { start: 2026-11-10 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 15:00, stopped: 2026-11-15 09:00 }",
    ]));
    assert!(item(&assess_at(&stopped, "2026-11-20 08:00"), "steroids-reduce").is_none(), "stopped: the step ends");
    let surgery = case(&lines(&[
        "status: inpatient",
        "surgery:",
        "  - { date: 2026-11-10 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 15:00 }",
    ]));
    assert!(due_now(&assess_at(&surgery, "2026-11-16 08:00")), "surgery starts the count too");
}

// --- Surgical opinion ------------------------------------------------------------------------------

fn sins(location: &str, pain: &str, lesion: &str, alignment: &str, collapse: &str, posterolateral: &str) -> String {
    format!(
        "spine:\n  levels: [T7]\n  sins: {{ location: {location}, pain: {pain}, bone_lesion: {lesion}, alignment: {alignment}, collapse: {collapse}, posterolateral: {posterolateral} }}\n"
    )
}

#[test]
fn surgical_opinion_at_the_sins_boundaries() {
    for (body, expected) in [
        (sins("semi_rigid", "occasional", "lytic", "normal", "under_50", "none"), None), // 1+1+2+0+2+0 = 6
        (sins("semi_rigid", "occasional", "lytic", "normal", "under_50", "unilateral"), Some(ItemLevel::Due)), // 7
        (sins("junctional", "mechanical", "lytic", "normal", "under_50", "none"), Some(ItemLevel::Due)), // 3+3+2+0+2+0 = 10
        (sins("junctional", "mechanical", "lytic", "normal", "over_50", "unilateral"), Some(ItemLevel::Due)), // 12
        (sins("junctional", "mechanical", "lytic", "deformity", "over_50", "none"), Some(ItemLevel::Urgent)), // 13
    ] {
        let a = assess_at(&case(&body), "2026-11-23 08:00");
        assert_eq!(item(&a, "surgical-opinion").map(|i| i.level), expected, "{body}");
    }
    let partial = case("spine:\n  sins: { location: junctional, pain: mechanical, bone_lesion: lytic }\n");
    assert_eq!(
        item(&assess_at(&partial, "2026-11-23 08:00"), "surgical-opinion").map(|i| i.level),
        Some(ItemLevel::Due),
        "8 points counted with three components missing can only go up"
    );
}

#[test]
fn surgical_opinion_for_high_grade_escc_with_a_radioresistant_tumour_or_a_deficit() {
    let body = |primary: &str, exam: &str, escc: &str| {
        case(&format!(
            "cancer: {{ primary: {primary} }}\nexams:\n  - {{ at: 2026-11-21 08:00, {exam} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:00, escc: {escc} }}\n"
        ))
    };
    let renal = assess_at(&body("renal", "motor: normal", "2"), "2026-11-22 08:00");
    assert_eq!(item(&renal, "surgical-opinion").map(|i| i.level), Some(ItemLevel::Urgent), "confirmed MSCC: urgent");
    let breast_weak = assess_at(&body("breast", "motor: weakness", "3"), "2026-11-22 08:00");
    assert!(item(&breast_weak, "surgical-opinion").is_some(), "a deficit");
    let breast_well = assess_at(&body("breast", "motor: normal", "2"), "2026-11-22 08:00");
    assert!(item(&breast_well, "surgical-opinion").is_none(), "radiosensitive, no deficit: radiotherapy");
    let low = assess_at(&body("renal", "motor: weakness", "1c"), "2026-11-22 08:00");
    assert!(item(&low, "surgical-opinion").is_none(), "1c is not high grade");
    let mut treated = body("renal", "motor: normal", "2");
    treated.radiotherapy.push(cordwatch::model::Radiotherapy {
        site: None,
        dose_gy: None,
        fractions: None,
        start: date("2026-11-21"),
        start_time: None,
        end: None,
        by: None,
        role: None,
        struck: None,
    });
    assert!(
        item(&assess_at(&treated, "2026-11-22 08:00"), "surgical-opinion").is_none(),
        "decided: radiotherapy started"
    );
    let supportive = case(&lines(&[
        "cancer: { primary: renal }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-21 14:00, escc: 2 }",
        "decisions:",
        "  - { at: 2026-11-21 16:00, by: Dr A, role: consultant_clinical_oncologist, what: best_supportive_care, why: weeks to live }",
    ]));
    assert!(item(&assess_at(&supportive, "2026-11-22 08:00"), "surgical-opinion").is_none(), "decided: closed");

    let referred = case(&lines(&[
        "cancer: { primary: renal }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-21 14:00, escc: 2 }",
        "referrals:",
        "  - { to: spinal_surgery, at: 2026-11-21 15:00, by: Dr A, outcome: accepted }",
    ]));
    assert!(item(&assess_at(&referred, "2026-11-22 08:00"), "surgical-opinion").is_none());
    let referred_before = case(&lines(&[
        "cancer: { primary: renal }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-21 14:00, escc: 2 }",
        "referrals:",
        "  - { to: spinal_surgery, at: 2026-10-01 }",
    ]));
    assert!(
        item(&assess_at(&referred_before, "2026-11-22 08:00"), "surgical-opinion").is_some(),
        "a referral before the MRI does not count"
    );
}

// --- After surgery, deficits, progression, bone agent ----------------------------------------------

#[test]
fn postoperative_radiotherapy_is_due_four_weeks_after_surgery() {
    let op = case(&lines(&[
        "status: inpatient",
        "surgery:",
        "  - { date: 2026-11-01, procedure: decompression and fixation }",
    ]));
    let a = assess_at(&op, "2026-11-23 08:00");
    let i = item(&a, "postop-radiotherapy").expect("item");
    assert_eq!(i.due, date("2026-11-29"));
    let category = |now: &str| {
        let a = assess_at(&op, now);
        checklist(&op, &a).iter().find(|i| i.rule == "postop-radiotherapy").map(|i| i.category)
    };
    assert_eq!(category("2026-11-21 08:00"), None, "8 days before it is due");
    assert_eq!(category("2026-11-23 08:00"), Some(Category::DueSoon));
    assert_eq!(category("2026-11-29 08:00"), Some(Category::DueToday));
    assert_eq!(category("2026-11-30 08:00"), Some(Category::Overdue));
    let booked = case("surgery:\n  - { date: 2026-11-01 }\nradiotherapy:\n  - { start: 2026-11-29 }\n");
    assert!(item(&assess_at(&booked, "2026-11-23 08:00"), "postop-radiotherapy").is_none(), "booked by the standard");
    // Booked after the standard: the step stays, and says by how much.
    let late = case("surgery:\n  - { date: 2026-11-01 }\nradiotherapy:\n  - { start: 2026-11-30 }\n");
    let judged = assess_at(&late, "2026-11-23 08:00");
    let i = item(&judged, "postop-radiotherapy").expect("late booking");
    assert!(i.detail.contains("booked from 2026-11-30, 1 days after the 4-week standard"), "{}", i.detail);
    assert!(item(&assess_at(&late, "2026-12-01 08:00"), "postop-radiotherapy").is_none(), "given: answered");
    let before = case(&lines(&[
        "surgery:",
        "  - { date: 2026-11-01 }",
        "radiotherapy:",
        "  - { start: 2026-10-01, end: 2026-10-05 }",
    ]));
    assert!(
        item(&assess_at(&before, "2026-11-23 08:00"), "postop-radiotherapy").is_some(),
        "radiotherapy before it does not count"
    );
}

#[test]
fn rehabilitation_falls_due_at_the_diagnosis_not_at_suspicion() {
    let suspected = assess_at(&case(WEAK), "2026-11-21 10:00");
    assert!(item(&suspected, "rehabilitation").is_none(), "a deficit alone is a suspicion: the MRI comes first");
    let mri = |result: &str| {
        case(&format!("{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: {result} }}\n"))
    };
    let confirmed = assess_at(&mri("mscc"), "2026-11-21 15:00");
    let i = item(&confirmed, "rehabilitation").expect("MRI confirms MSCC");
    assert_eq!((i.raised_at, i.due), (at("2026-11-21 14:10"), date("2026-11-21")));
    assert!(i.detail.contains("MSCC confirmed") && i.detail.contains("neurological deficit"), "{}", i.detail);
    assert!(item(&assess_at(&mri("no_mscc"), "2026-11-21 15:00"), "rehabilitation").is_none(), "MRI excludes it");
    assert!(item(&assess_at(&mri("mscc"), "2026-11-21 14:09"), "rehabilitation").is_none(), "not before the MRI");
    let graded = case(&format!("{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, escc: 3 }}\n"));
    assert!(item(&assess_at(&graded, "2026-11-21 15:00"), "rehabilitation").is_some(), "ESCC 3 confirms it");
    let referred = case(&format!(
        "{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: mscc }}\n\
         referrals:\n  - {{ to: rehabilitation, at: 2026-11-21 14:30 }}\n"
    ));
    assert!(item(&assess_at(&referred, "2026-11-21 15:00"), "rehabilitation").is_none());
    let early = case(&format!(
        "{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: mscc }}\n\
         referrals:\n  - {{ to: rehabilitation, at: 2026-11-21 09:00 }}\n"
    ));
    assert!(
        item(&assess_at(&early, "2026-11-21 15:00"), "rehabilitation").is_some(),
        "a referral before the diagnosis"
    );
    let wrong_team = case(&format!(
        "{WEAK}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 14:10, result: mscc }}\n\
         referrals:\n  - {{ to: physiotherapy, at: 2026-11-21 14:30 }}\n"
    ));
    assert!(item(&assess_at(&wrong_team, "2026-11-21 15:00"), "rehabilitation").is_some());
    let surgery_only = case("surgery:\n  - { date: 2026-11-10 }\n");
    let after_op = assess_at(&surgery_only, "2026-11-21 10:00");
    let i = item(&after_op, "rehabilitation").expect("after spinal surgery");
    assert_eq!(i.due, date("2026-11-10"));
    let op = case(&lines(&[
        "surgery:",
        "  - { date: 2026-11-10 }",
        "referrals:",
        "  - { to: rehabilitation, at: 2026-11-09 }",
    ]));
    assert!(item(&assess_at(&op, "2026-11-21 10:00"), "rehabilitation").is_some(), "a referral before the operation");
    let booked = case("surgery:\n  - { date: 2026-11-25 }\n");
    assert!(item(&assess_at(&booked, "2026-11-21 10:00"), "rehabilitation").is_none(), "an operation booked ahead");
}

#[test]
fn progression_goes_to_the_oncology_mdt() {
    let body = |extra: &str| {
        case(&format!("imaging:\n  - {{ kind: ct, done: 2026-11-20 10:00, result: progression }}\n{extra}"))
    };
    assert!(item(&assess_at(&body(""), "2026-11-21 10:00"), "progression-review").is_some());
    let mdt = body("referrals:\n  - { to: oncology_mdt, at: 2026-11-20 }\n");
    assert!(
        item(&assess_at(&mdt, "2026-11-21 10:00"), "progression-review").is_some(),
        "a date alone on the scan day is not after it"
    );
    let mdt = body("referrals:\n  - { to: oncology_mdt, at: 2026-11-20 16:00 }\n");
    assert!(item(&assess_at(&mdt, "2026-11-21 10:00"), "progression-review").is_none());
    let new_lesion = case("imaging:\n  - { kind: bone_scan, done: 2026-11-20 10:00, result: new_lesion }\n");
    assert!(item(&assess_at(&new_lesion, "2026-11-21 10:00"), "progression-review").is_some());
    let since_stable = case(&lines(&[
        "imaging:",
        "  - { kind: ct, done: 2026-10-20 10:00, result: progression }",
        "  - { kind: ct, done: 2026-11-20 10:00, result: stable }",
    ]));
    assert!(
        item(&assess_at(&since_stable, "2026-11-21 10:00"), "progression-review").is_none(),
        "only the latest imaging"
    );
}

#[test]
fn a_deficit_the_mri_does_not_explain_needs_a_decision() {
    let body = |later: &str| {
        case(&format!(
            "exams:\n  - {{ at: 2026-11-20 08:00, motor: weakness }}\n  - {{ at: 2026-11-21 08:00, {later} }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-20 14:00, result: no_mscc }}\n"
        ))
    };
    let a = assess_at(&body("motor: weakness"), "2026-11-21 10:00");
    let i = item(&a, "deficit-unexplained").expect("item");
    assert_eq!((i.level, i.raised_at), (ItemLevel::Urgent, at("2026-11-21 08:00")));
    assert!(item(&assess_at(&body("motor: normal"), "2026-11-21 10:00"), "deficit-unexplained").is_none());
    assert!(item(&assess_at(&body("pain_score: 4"), "2026-11-21 10:00"), "deficit-unexplained").is_none());

    let routine = case(&lines(&[
        "exams:",
        "  - { at: 2026-11-21 08:00, bladder: retention }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-09-20 14:00, result: stable, escc: 1a }",
    ]));
    let a = assess_at(&routine, "2026-11-21 10:00");
    assert!(item(&a, "deficit-unexplained").is_none(), "a new episode waits for its own MRI: {:?}", open_items(&a));
    assert_eq!(open_rules(&a), vec!["mscc-neuro"]);
}

#[test]
fn spinal_metastases_without_a_bone_agent() {
    let levels = case("admitted: 2026-11-18\nspine:\n  levels: [T6, L2]\n");
    let i = assess_at(&levels, "2026-11-21 10:00");
    let i = item(&i, "bone-agent-start").expect("item");
    assert_eq!(i.due, date("2026-11-18"));
    let graded = case("imaging:\n  - { kind: mri_whole_spine, done: 2026-11-20 10:00, escc: 0 }\n");
    assert!(item(&assess_at(&graded, "2026-11-21 10:00"), "bone-agent-start").is_some());
    let on_agent = case("spine:\n  levels: [T6]\nbone_agent: { drug: denosumab }\n");
    assert!(item(&assess_at(&on_agent, "2026-11-21 10:00"), "bone-agent-start").is_none());
    assert!(item(&assess_at(&case("status: inpatient\n"), "2026-11-21 10:00"), "bone-agent-start").is_none());
}

#[test]
fn the_first_bone_agent_dose_falls_due_once_the_dental_review_is_done() {
    let c = case("bone_agent: { drug: denosumab, dental_review: 2026-11-20 }\n");
    let a = assess_at(&c, "2026-11-23 08:00");
    assert_eq!(a.bone_agent_due, Some(date("2026-11-20")));
    let items = checklist(&c, &a);
    assert!(items.iter().any(|i| i.rule == "bone-agent-dose" && i.category == Category::Overdue), "{items:?}");
}

// --- Refusals ----------------------------------------------------------------------------------

#[test]
fn acknowledging_a_rule_that_is_not_open_is_refused_naming_the_open_ones() {
    let a = assess_at(&case(WEAK), "2026-11-21 10:00");
    assert!(check_acknowledgement(&a, "mscc-neuro").is_ok());
    assert!(check_acknowledgement(&a, "steroids-start").is_ok());
    let err = check_acknowledgement(&a, "mscc-treatment").expect_err("not open");
    assert_eq!(err.rule, "mscc-treatment");
    assert!(err.open.iter().any(|r| r == "mscc-neuro") && err.open.iter().any(|r| r == "steroids-start"), "{err}");
    let said = err.to_string();
    assert!(said.contains("open now: mscc-neuro") && said.contains("steroids-start"), "{said}");
}

#[test]
fn discharge_is_blocked_by_open_emergencies_and_urgent_steps() {
    let blockers = discharge_blockers(&assess_at(&mscc_mri(""), "2026-11-22 08:00"));
    assert!(blockers.iter().any(|b| b.starts_with("mscc-treatment")), "{blockers:?}");
    assert!(blockers.iter().any(|b| b.starts_with("steroids-start")), "{blockers:?}");
    let treated = mscc_mri(
        "radiotherapy:\n  - { start: 2026-11-21 }\nsteroids:\n  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 15:00 }\nreferrals:\n  - { to: spinal_surgery, at: 2026-11-21 15:00 }\n",
    );
    assert_eq!(discharge_blockers(&assess_at(&treated, "2026-11-22 08:00")), Vec::<String>::new());
}

#[test]
fn dose_ranges_and_overlapping_courses_are_checked_against_the_guidelines() {
    let c = case(&lines(&[
        "bone_agent: { drug: zoledronic_acid, every_weeks: 2 }",
        "steroids:",
        "  - { drug: Dexamethasone, mg_per_day: 160, start: 2026-11-20 09:00 }",
        "  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-21 09:00 }",
    ]));
    let a = assess_at(&c, "2026-11-22 08:00");
    let messages: Vec<&str> = a.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("every_weeks 2") && m.contains("3 to 12")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("mg_per_day 160")), "{messages:?}");
    assert!(a.warnings.iter().any(|w| w.contains("two dexamethasone courses")), "{:?}", a.warnings);
    for (drug, weeks, ok) in [
        ("denosumab", 4, true),
        ("denosumab", 3, false),
        ("denosumab", 12, true),
        ("denosumab", 13, false),
        ("zoledronic_acid", 3, true),
    ] {
        let a =
            assess_at(&case(&format!("bone_agent: {{ drug: {drug}, every_weeks: {weeks} }}\n")), "2026-11-22 08:00");
        assert_eq!(a.problems.is_empty(), ok, "{drug} every {weeks} weeks");
    }
    let unknown = assess_at(
        &case("steroids:\n  - { drug: hydrocortisone, mg_per_day: 400, start: 2026-11-20 09:00 }\n"),
        "2026-11-22 08:00",
    );
    assert!(unknown.problems.is_empty(), "a drug the guidelines do not list is not range-checked");
}

#[test]
fn no_mscc_with_a_compressing_grade_is_refused_at_its_line() {
    let text = "id: \"T1\"\nname: Test Patient\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-21 10:00, result: no_mscc, escc: 2 }\n";
    let err = cordwatch::yaml::from_str::<cordwatch::model::Case>(text).expect_err("contradiction");
    assert_eq!(err.line, Some(4), "{err:?}");
    assert!(err.message.contains("no_mscc") && err.message.contains("ESCC 2"), "{}", err.message);
}

#[test]
fn progression_on_the_latest_imaging_shortens_the_follow_up_interval() {
    use cordwatch::engine::ItemKind;
    let due = |body: &str| {
        let a = assess_at(&case(body), "2026-11-23 08:00");
        a.schedule.iter().find(|i| i.kind == ItemKind::SpineImaging).map(|i| (i.due, i.detail.clone()))
    };
    let stable =
        "follow_up: { disease_activity: stable }\nimaging:\n  - { kind: ct, done: 2026-10-01 10:00, result: stable }\n";
    assert_eq!(due(stable).map(|d| d.0), Some(date("2027-01-21")), "16 weeks for stable disease");
    let progressing = "follow_up: { disease_activity: stable }\nimaging:\n  - { kind: ct, done: 2026-10-01 10:00, result: progression }\n";
    let (d, why) = due(progressing).expect("due");
    assert_eq!(d, date("2026-11-12"), "6 weeks: the progressing interval");
    assert!(why.contains("progression on the last CT"), "{why}");
    let new_lesion = "imaging:\n  - { kind: bone_scan, done: 2026-10-01 10:00, result: new_lesion }\n";
    assert_eq!(due(new_lesion).map(|d| d.0), Some(date("2026-11-12")));
    let own = "follow_up: { imaging_every_weeks: 10 }\nimaging:\n  - { kind: ct, done: 2026-10-01 10:00, result: progression }\n";
    assert_eq!(due(own).map(|d| d.0), Some(date("2026-12-10")), "the patient's own interval overrides");
}

#[test]
fn an_mri_that_says_nothing_about_the_cord_never_lets_a_persisting_deficit_go_quiet() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-20 08:00, motor: weakness, bladder: retention }",
        "  - { at: 2026-11-23 08:00, motor: weakness, bladder: retention }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-20 15:00, result: progression }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-20 09:00 }",
        "referrals:",
        "  - { to: rehabilitation, at: 2026-11-20 10:00 }",
        "  - { to: oncology_mdt, at: 2026-11-20 16:00 }",
    ]));
    let a = assess_at(&c, "2026-11-23 09:00");
    let open = open_items(&a);
    assert!(open.contains(&"deficit-unexplained".to_string()), "{open:?}");
    assert!(open.contains(&"steroids-stop".to_string()), "{open:?}");
    let detail = &item(&a, "deficit-unexplained").expect("item").detail;
    assert!(detail.contains("reported no cord compression"), "{detail}");
    assert!(!checklist(&c, &a).is_empty(), "the patient stays on the round");
}

#[test]
fn no_taper_while_an_emergency_is_open() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-10 08:00, motor: weakness }",
        "  - { at: 2026-11-23 07:00, motor: paralysis }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: mscc, escc: 2 }",
        "radiotherapy:",
        "  - { start: 2026-11-11, end: 2026-11-15 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-10 09:00 }",
    ]));
    let a = assess_at(&c, "2026-11-23 08:00");
    assert_eq!(open_rules(&a), vec!["deterioration"]);
    assert!(item(&a, "steroids-reduce").is_none(), "new paralysis needs the full dose, not a taper");
    let quiet = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-10 08:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: mscc, escc: 2 }",
        "radiotherapy:",
        "  - { start: 2026-11-11, end: 2026-11-15 }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-10 09:00 }",
    ]));
    assert!(item(&assess_at(&quiet, "2026-11-23 08:00"), "steroids-reduce").is_some());
}

#[test]
fn a_misnamed_course_does_not_count_as_a_corticosteroid() {
    let c = case(&format!("{WEAK}steroids:\n  - {{ drug: ondansetron, mg_per_day: 8, start: 2026-11-21 09:00 }}\n"));
    let a = assess_at(&c, "2026-11-21 10:00");
    assert!(item(&a, "steroids-start").is_some(), "ondansetron is not a steroid");
    assert!(
        a.warnings.iter().any(|w| w.contains("ondansetron") && w.contains("not a corticosteroid")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn an_interval_outside_the_drugs_range_never_brings_a_dose_forward() {
    let c = case(&lines(&[
        "bone_agent: { drug: zoledronic_acid, every_weeks: 2, dental_review: 2026-01-01, doses: [2026-11-01] }",
    ]));
    let a = assess_at(&c, "2026-11-23 08:00");
    assert_eq!(a.bone_agent_due, Some(date("2026-11-29")), "the guideline's 4 weeks, not 2");
    assert!(!a.problems.is_empty(), "and the file is a problem until it is fixed");
}

#[test]
fn a_treatment_later_today_by_its_time_is_a_plan_and_one_before_the_mri_is_not_for_it() {
    let with = |treatment: &str| {
        case(&lines(&[
            "status: inpatient",
            "exams:",
            "  - { at: 2026-11-20 00:00, motor: weakness }",
            "imaging:",
            "  - { kind: mri_whole_spine, done: 2026-11-20 10:15, result: mscc, escc: 3 }",
            treatment,
        ]))
    };
    let later = with("surgery:\n  - { date: 2026-11-20, time: \"23:59\", procedure: decompression }");
    let before = assess_at(&later, "2026-11-20 20:32");
    assert_eq!(open_rules(&before), ["mscc-treatment"], "not started yet: still open");
    let flag = before.open_flags().next().expect("open");
    assert!(flag.notes.iter().any(|n| n.to_string() == "surgery booked 23:59"), "{:?}", flag.notes);
    let after = assess_at(&later, "2026-11-21 00:05");
    assert!(open_rules(&after).is_empty(), "{:?}", open_rules(&after));
    let treated = after.flags.iter().find(|f| f.rule_id() == "mscc-treatment").expect("flag");
    assert_eq!(treated.met_deadline(), Some(true), "23:59, within 24 hours of 10:15");
    // An operation that morning, before the MRI, was not for what the MRI found.
    let earlier = with("surgery:\n  - { date: 2026-11-20, time: \"09:00\", procedure: biopsy }");
    assert_eq!(open_rules(&assess_at(&earlier, "2026-11-20 20:32")), ["mscc-treatment"]);
    // A radiotherapy course begun that morning, running on and known to cover the compressed
    // level, is under way; with no level recorded on either side it covers nothing.
    let running = with("radiotherapy:\n  - { start: 2026-11-20, start_time: \"09:00\", site: T9 }");
    assert_eq!(open_rules(&assess_at(&running, "2026-11-20 20:32")), ["mscc-treatment"], "no compressed level");
    let at_t9 = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-20 00:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-11-20 10:15, result: mscc, escc: 3, levels: [T9] }",
        "radiotherapy:",
        "  - { start: 2026-11-20, start_time: \"09:00\", site: T8-T10 }",
    ]));
    assert!(open_rules(&assess_at(&at_t9, "2026-11-20 20:32")).is_empty());
    // Later today by its time: a plan, not a course under way.
    let booked = with("radiotherapy:\n  - { start: 2026-11-20, start_time: \"21:00\" }");
    assert_eq!(open_rules(&assess_at(&booked, "2026-11-20 20:32")), ["mscc-treatment"]);
    assert!(open_rules(&assess_at(&booked, "2026-11-20 21:00")).is_empty(), "from its first fraction");
}
