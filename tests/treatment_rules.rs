//! Treatment as it really happened: booked or given, which level, which minute, who decided and
//! in what role, and what a discharge keeps. Each rule at its boundaries, both ways.

mod common;

use common::*;
use cordwatch::engine::checklist::checklist;
use cordwatch::engine::{
    Assessment, ClosingLack, DecisionLack, Flag, FlagNote, FlagStatus, PathwayItem, closing_refusal, decision_counts,
};
use cordwatch::guidelines::Level;
use cordwatch::model::Role;

fn treatment_flag(a: &Assessment) -> &Flag {
    a.flags.iter().find(|f| f.rule_id() == "mscc-treatment").expect("an mscc-treatment flag")
}

fn item<'a>(a: &'a Assessment, rule: &str) -> Option<&'a PathwayItem> {
    a.pathway.iter().find(|i| i.rule == rule && i.is_open())
}

fn notes(f: &Flag) -> String {
    f.notes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" | ")
}

/// A compression confirmed on 3 Dec at 13:00 at `levels`, with `rest` after it.
fn compression(levels: &str, rest: &str) -> cordwatch::model::Case {
    case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-12-03 09:00, motor: weakness }",
        "imaging:",
        &format!("  - {{ kind: mri_whole_spine, done: 2026-12-03 13:00, result: mscc, escc: 2{levels} }}"),
        rest,
    ]))
}

// --- Booked is not given -------------------------------------------------------------------------

#[test]
fn a_course_booked_today_by_its_date_alone_is_not_given_until_it_has_a_time_or_the_day_has_passed() {
    let c = compression("", "radiotherapy:\n  - { start: 2026-12-04, site: T11 }");
    let morning = assess_at(&c, "2026-12-04 08:00");
    let f = treatment_flag(&morning);
    assert!(f.is_open(), "booked for today's list: the deadline is still running");
    assert_eq!(morning.level, Level::Emergency);
    assert!(notes(f).contains("radiotherapy booked today, no start time: record when it starts"), "{}", notes(f));
    // Its time recorded, and come: given.
    let timed = compression("", "radiotherapy:\n  - { start: 2026-12-04, start_time: \"07:59\", site: T11 }");
    assert!(treatment_flag(&assess_at(&timed, "2026-12-04 08:00")).is_actioned());
    // Once that day has passed, a date alone is taken as given on it.
    assert!(treatment_flag(&assess_at(&c, "2026-12-05 00:00")).is_actioned());
    assert!(treatment_flag(&assess_at(&c, "2026-12-04 23:59")).is_open());
}

#[test]
fn a_booking_after_the_deadline_says_so() {
    // The MRI at 13:00 on 3 Dec: treatment by 13:00 on 4 Dec.
    let c = compression("", "radiotherapy:\n  - { start: 2026-12-04, start_time: \"14:00\" }");
    let judged = assess_at(&c, "2026-12-04 08:00");
    let f = treatment_flag(&judged);
    assert!(f.is_open());
    assert_eq!(notes(f), "radiotherapy booked 14:00, after the deadline 4 Dec 13:00");
    let in_time = compression("", "radiotherapy:\n  - { start: 2026-12-04, start_time: \"12:59\" }");
    assert_eq!(notes(treatment_flag(&assess_at(&in_time, "2026-12-04 08:00"))), "radiotherapy booked 12:59");
    let surgery = compression("", "surgery:\n  - { date: 2026-12-04 }");
    let judged = assess_at(&surgery, "2026-12-04 08:00");
    let f = treatment_flag(&judged);
    assert!(f.is_open(), "surgery booked for today behaves the same");
    assert!(notes(f).contains("surgery booked today, no start time"), "{}", notes(f));
}

// --- A course's span ---------------------------------------------------------------------------

#[test]
fn a_course_without_an_end_lasts_its_fractions_and_never_runs_on() {
    // A single 8 Gy fraction to T9 on 20 Oct: over that day, so it is not under way in December.
    let single = compression("", "radiotherapy:\n  - { start: 2026-10-20, dose_gy: 8, fractions: 1, site: T9 }");
    let judged = assess_at(&single, "2026-12-05 02:00");
    let f = treatment_flag(&judged);
    assert!(f.is_open(), "not under way six weeks later");
    assert_eq!(f.minutes_left(judged.now), -13 * 60, "13 hours past its deadline, and said so");
    // Five fractions from Monday 30 Nov run to Friday 4 Dec: under way over the MRI's day.
    let running = compression(
        ", levels: [T9]",
        "radiotherapy:\n  - { start: 2026-11-30, dose_gy: 20, fractions: 5, site: T8-T10 }",
    );
    assert!(treatment_flag(&assess_at(&running, "2026-12-03 20:00")).is_actioned());
    // Three fractions from Monday end on Wednesday 2 Dec, the day before the MRI.
    let over = compression(", levels: [T9]", "radiotherapy:\n  - { start: 2026-11-30, fractions: 3, site: T8-T10 }");
    assert!(treatment_flag(&assess_at(&over, "2026-12-03 20:00")).is_open());
}

// --- Which compression a treatment answers ------------------------------------------------------

#[test]
fn a_course_to_another_level_does_not_treat_a_new_compression() {
    // A course to T4-T6 begun on 25 Nov with no end, and a new compression at T11 on 3 Dec.
    let c = compression(", levels: [T11]", "radiotherapy:\n  - { start: 2026-11-25, site: T4-T6 }");
    let a = assess_at(&c, "2026-12-03 14:00");
    assert!(treatment_flag(&a).is_open(), "{:?}", treatment_flag(&a).status);
    // Under way over the MRI's day, but at another level: open, saying why.
    let long = compression(", levels: [T11]", "radiotherapy:\n  - { start: 2026-11-25, end: 2026-12-05, site: T4-T6 }");
    let f = treatment_flag(&assess_at(&long, "2026-12-03 14:00")).clone();
    assert!(f.is_open());
    assert!(notes(&f).contains("it treats T4-T6, the compression is at T11"), "{}", notes(&f));
    // The same course covering T11 answers it.
    let covering =
        compression(", levels: [T11]", "radiotherapy:\n  - { start: 2026-11-25, end: 2026-12-05, site: T10-T12 }");
    assert!(treatment_flag(&assess_at(&covering, "2026-12-03 14:00")).is_actioned());
    // A level not recorded covers nothing: no levels on the report, or a site in words.
    let unknown = compression("", "radiotherapy:\n  - { start: 2026-11-25, end: 2026-12-05, site: T10-T12 }");
    assert!(treatment_flag(&assess_at(&unknown, "2026-12-03 14:00")).is_open());
    let words = compression(
        ", levels: [T11]",
        "radiotherapy:\n  - { start: 2026-11-25, end: 2026-12-05, site: thoracic spine }",
    );
    assert!(treatment_flag(&assess_at(&words, "2026-12-03 14:00")).is_open());
    // Begun after the MRI, it answers only at a level it is known to cover: with no site (it may
    // be a hip), or a site in words, it covers nothing and the flag says what is missing.
    let after = compression(", levels: [T11]", "radiotherapy:\n  - { start: 2026-12-03, start_time: \"15:00\" }");
    let f = treatment_flag(&assess_at(&after, "2026-12-03 16:00")).clone();
    assert!(f.is_open(), "{:?}", f.status);
    assert!(notes(&f).contains("a level not recorded covers nothing"), "{}", notes(&f));
    let after_words = compression(
        ", levels: [T11]",
        "radiotherapy:\n  - { start: 2026-12-03, start_time: \"15:00\", site: thoracic spine }",
    );
    assert!(treatment_flag(&assess_at(&after_words, "2026-12-03 16:00")).is_open());
    let after_covering = compression(
        ", levels: [T11]",
        "radiotherapy:\n  - { start: 2026-12-03, start_time: \"15:00\", site: T10-T12 }",
    );
    assert!(treatment_flag(&assess_at(&after_covering, "2026-12-03 16:00")).is_actioned());
    // A report that gave no level: a course after it is all the record can tell, and it answers.
    let no_level = compression("", "radiotherapy:\n  - { start: 2026-12-03, start_time: \"15:00\" }");
    assert!(treatment_flag(&assess_at(&no_level, "2026-12-03 16:00")).is_actioned());
    let unlevelled_operation = compression(", levels: [T11]", "surgery:\n  - { date: 2026-12-03, time: \"15:00\" }");
    assert!(treatment_flag(&assess_at(&unlevelled_operation, "2026-12-03 16:00")).is_open());
    let elsewhere =
        compression(", levels: [T11]", "radiotherapy:\n  - { start: 2026-12-03, start_time: \"15:00\", site: L3 }");
    assert!(treatment_flag(&assess_at(&elsewhere, "2026-12-03 16:00")).is_open());
    let operated =
        compression(", levels: [T11]", "surgery:\n  - { date: 2026-12-03, time: \"15:00\", levels: [T10-T12] }");
    assert!(treatment_flag(&assess_at(&operated, "2026-12-03 16:00")).is_actioned());
    let operated_elsewhere =
        compression(", levels: [T11]", "surgery:\n  - { date: 2026-12-03, time: \"15:00\", levels: [L4] }");
    assert!(treatment_flag(&assess_at(&operated_elsewhere, "2026-12-03 16:00")).is_open());
}

#[test]
fn levels_are_read_from_a_site_only_when_the_whole_site_is_levels() {
    use cordwatch::model::LevelSpan;
    let read = |s: &str| LevelSpan::parse_site(s).map(|l| l.iter().map(|x| x.to_string()).collect::<Vec<_>>());
    assert_eq!(read("T4-T6"), Some(vec!["T4-T6".to_string()]));
    assert_eq!(read("t11"), Some(vec!["T11".to_string()]));
    assert_eq!(read("L1–L2, T11"), Some(vec!["L1-L2".to_string(), "T11".to_string()]));
    assert_eq!(read("T6 - T4"), Some(vec!["T4-T6".to_string()]), "either order");
    assert_eq!(read("T12-L1"), Some(vec!["T12-L1".to_string()]));
    assert_eq!(read("thoracic spine"), None);
    assert_eq!(read("T4-T6 and pelvis"), None);
    assert_eq!(read("T13"), None);
    assert_eq!(read(""), None);
}

// --- The same minute ---------------------------------------------------------------------------

#[test]
fn a_finding_recorded_in_the_minute_of_the_mri_is_not_answered_by_it() {
    let with = |exam: &str| {
        case(&lines(&[
            "status: inpatient",
            "exams:",
            "  - { at: 2026-12-04 08:00, motor: normal, sensory: normal, bladder: normal, gait: normal }",
            exam,
            "imaging:",
            "  - { kind: mri_whole_spine, done: 2026-12-04 09:00, result: no_mscc }",
        ]))
    };
    // The MRI result and then, in the same minute, new paralysis: the emergency is open.
    let same = assess_at(&with("  - { at: 2026-12-04 09:00, motor: paralysis }"), "2026-12-04 09:00");
    assert_eq!(same.level, Level::Emergency);
    let f = same.open_flags().next().expect("open");
    assert!(notes(f).contains("in the minute the finding was recorded"), "{}", notes(f));
    // A minute earlier, the MRI answers it.
    let before = assess_at(&with("  - { at: 2026-12-04 08:59, motor: paralysis }"), "2026-12-04 09:01");
    assert_eq!(before.level, Level::None);
}

// --- Closing an emergency is a decision --------------------------------------------------------

#[test]
fn an_emergency_closes_only_with_a_listed_reason_a_name_and_a_role_that_reason_allows() {
    let with = |ack: &str| {
        case(&lines(&[
            "status: inpatient",
            "exams:",
            "  - { at: 2026-12-04 08:00, motor: weakness }",
            "acknowledged:",
            ack,
        ]))
    };
    let open = |c: &cordwatch::model::Case| assess_at(c, "2026-12-04 10:00").level == Level::Emergency;
    // Any text by anyone closes nothing, and the flag says what is missing.
    let note_only = with("  - { flag: mscc-neuro, at: 2026-12-04 09:00, by: HCA night, closed: \"MRI Monday\" }");
    let a = assess_at(&note_only, "2026-12-04 10:00");
    assert_eq!(a.level, Level::Emergency);
    assert!(notes(a.open_flags().next().expect("open")).contains("give a closing reason"));
    use ClosingLack as L;
    for (ack, lack) in [
        ("reason: not_suspected_on_senior_review, role: consultant, by: Dr A", None),
        ("reason: not_suspected_on_senior_review, role: registrar, by: Dr A", None),
        ("reason: not_suspected_on_senior_review, by: Dr A", Some(L::NoRole)),
        ("reason: not_suspected_on_senior_review, role: consultant", Some(L::NoName)),
        (
            "reason: not_suspected_on_senior_review, role: nurse, by: Nurse B",
            Some(L::RoleMayNotClose { role: Role::Nurse, reason: String::new(), may: vec![] }),
        ),
        ("reason: entered_in_error, role: nurse, by: Nurse B", None),
        (
            "reason: patient_declined, role: other, by: HCA night",
            Some(L::RoleMayNotClose { role: Role::Other, reason: String::new(), may: vec![] }),
        ),
        (
            "reason: mri_monday, role: consultant, by: Dr A",
            Some(L::UnknownReason { id: String::new(), reasons: vec![] }),
        ),
        ("reason: mri_elsewhere, role: registrar, by: Dr A", Some(L::NoMriTime)),
        ("reason: mri_elsewhere, role: registrar, by: Dr A, mri_at: 2026-12-04 08:30", None),
        ("reason: treatment_decision, role: consultant, by: Dr A", Some(L::NoDecision)),
        ("by: Dr A, role: consultant", Some(L::NoReason { reasons: vec![] })),
    ] {
        let c = with(&format!("  - {{ flag: mscc-neuro, at: 2026-12-04 09:00, {ack}, closed: \"words\" }}"));
        assert_eq!(!open(&c), lack.is_none(), "{ack}");
        let refusal = closing_refusal(&c, guidelines(), &SETTINGS, &c.acknowledged[0]);
        let same = |a: &ClosingLack, b: &ClosingLack| match (a, b) {
            (L::RoleMayNotClose { role: x, .. }, L::RoleMayNotClose { role: y, .. }) => x == y,
            _ => std::mem::discriminant(a) == std::mem::discriminant(b),
        };
        match (&refusal, &lack) {
            (None, None) => {}
            (Some(r), Some(l)) => assert!(same(&r.lack, l), "{ack}: {r}"),
            _ => panic!("{ack}: refused {refusal:?}, expected {lack:?}"),
        }
    }
    // A pathway step and an urgent flag still close with words alone.
    let pain = case(&lines(&[
        "exams:",
        "  - { at: 2026-12-04 08:00, pain: [thoracic] }",
        "acknowledged:",
        "  - { flag: mscc-pain, at: 2026-12-04 09:00, by: Dr A, closed: \"rib fracture on X-ray\" }",
    ]));
    assert_eq!(assess_at(&pain, "2026-12-04 10:00").level, Level::None);
}

#[test]
fn closing_an_emergency_keeps_the_steroid_step_unless_it_says_there_was_no_compression() {
    let closed_by = |reason: &str| {
        case(&lines(&[
            "status: inpatient",
            "exams:",
            "  - { at: 2026-12-04 08:00, motor: weakness }",
            "acknowledged:",
            &format!(
                "  - {{ flag: mscc-neuro, at: 2026-12-04 09:00, by: Dr A, role: consultant, reason: {reason}, closed: \"seen\" }}"
            ),
        ]))
    };
    let declined = assess_at(&closed_by("patient_declined"), "2026-12-04 10:00");
    assert_eq!(declined.level, Level::None, "the flag is closed");
    assert!(item(&declined, "steroids-start").is_some(), "the steroid step follows its own rules");
    // A consultant who finds no cord compression to treat asks for no dexamethasone.
    let not_mscc = assess_at(&closed_by("not_suspected_on_senior_review"), "2026-12-04 10:00");
    assert_eq!(not_mscc.level, Level::None);
    assert!(item(&not_mscc, "steroids-start").is_none(), "no compression, no 16 mg");
}

// --- Decisions -------------------------------------------------------------------------------------

#[test]
fn best_supportive_care_ends_the_treatment_demand_and_asks_for_the_steroid_plan_and_palliative_care() {
    let c = compression(
        ", levels: [T9]",
        &lines(&[
            "steroids:",
            "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-12-03 09:30 }",
            "decisions:",
            "  - { at: 2026-12-03 15:00, by: Dr Okafor, role: consultant_clinical_oncologist, what: best_supportive_care, why: weeks to live }",
        ]),
    );
    let a = assess_at(&c, "2026-12-04 09:00");
    assert!(
        a.open_flags().next().is_none(),
        "no mscc-treatment or MRI demand: {:?}",
        a.open_flags().collect::<Vec<_>>()
    );
    assert!(
        matches!(&treatment_flag(&a).status, FlagStatus::Closed { reason, .. } if reason.raw().contains("best supportive care"))
    );
    assert!(item(&a, "steroids-review").is_some(), "high-dose dexamethasone does not run on unreviewed");
    assert!(item(&a, "palliative-care").is_some());
    // Later worsening is shown, never hidden: a prompt to review the ceiling of care, not an MRI.
    let worse = compression(
        ", levels: [T9]",
        &lines(&[
            "decisions:",
            "  - { at: 2026-12-03 15:00, by: Dr Okafor, role: consultant_clinical_oncologist, what: best_supportive_care }",
        ]),
    );
    let mut worse = worse;
    worse.exams.push(cordwatch::model::Exam {
        motor: Some(cordwatch::model::Motor::Paralysis),
        ..cordwatch::model::Exam::blank(at("2026-12-04 07:00"))
    });
    let a = assess_at(&worse, "2026-12-04 09:00");
    assert_eq!(a.level, Level::None, "not an emergency demanding an MRI");
    let under = a.flags.iter().find(|f| f.raised_at == at("2026-12-04 07:00")).expect("the worsening is listed");
    assert!(matches!(under.status, FlagStatus::WithinCeiling { .. }));
    let review = item(&a, "care-review").expect("the ceiling is reviewed");
    assert!(review.detail.contains("best supportive care"), "{}", review.detail);
    // A later decision replaces the ceiling: worsening after it is an emergency again.
    let mut replaced = worse.clone();
    replaced.decisions.push(cordwatch::model::Decision {
        at: at("2026-12-04 08:00"),
        by: Some("Dr Okafor".into()),
        role: Some(cordwatch::model::Role::ConsultantClinicalOncologist),
        what: cordwatch::model::DecisionKind::Radiotherapy,
        why: None,
        episode: None,
        struck: None,
    });
    replaced.exams.push(cordwatch::model::Exam {
        bladder: Some(cordwatch::model::Bladder::Retention),
        ..cordwatch::model::Exam::blank(at("2026-12-04 08:30"))
    });
    let a = assess_at(&replaced, "2026-12-04 09:00");
    assert_eq!(a.level, Level::Emergency);
    assert!(item(&a, "care-review").is_none(), "the decision after the worsening answered it");
}

#[test]
fn a_decision_without_a_role_that_may_decide_decides_nothing() {
    for (decider, counts) in [
        ("by: Dr Okafor, role: consultant_clinical_oncologist", true),
        ("by: Mr Shah, role: spinal_surgeon", true),
        ("by: Dr Okafor", false),
        ("role: consultant", false),
        ("by: Nurse B, role: nurse", false),
        ("by: Dr C, role: registrar", false),
    ] {
        let c = compression(
            "",
            &format!("decisions:\n  - {{ at: 2026-12-03 15:00, {decider}, what: best_supportive_care }}"),
        );
        let a = assess_at(&c, "2026-12-03 16:00");
        let f = treatment_flag(&a);
        assert_eq!(!f.is_open(), counts, "{decider}");
        if !counts {
            assert!(notes(f).contains("decides nothing"), "{decider}: {}", notes(f));
            let d = &c.decisions[0];
            let lack = decision_counts(guidelines(), d).expect_err("does not count").lack;
            let expected = match (d.by.is_some(), d.role) {
                (false, _) => matches!(lack, DecisionLack::Nobody),
                (true, None) => matches!(lack, DecisionLack::NoRole { .. }),
                (true, Some(r)) => matches!(lack, DecisionLack::RoleMayNotDecide { role, .. } if role == r),
            };
            assert!(expected, "{decider}: {lack:?}");
        } else {
            assert!(decision_counts(guidelines(), &c.decisions[0]).is_ok(), "{decider}");
        }
    }
}

#[test]
fn the_decision_to_treat_is_its_own_clock_beside_the_mris() {
    let c = compression(
        "",
        &lines(&[
            "decisions:",
            "  - { at: 2026-12-04 10:00, by: Dr Okafor, role: consultant_clinical_oncologist, what: radiotherapy }",
            "radiotherapy:",
            "  - { start: 2026-12-04, start_time: \"16:00\", fractions: 1 }",
        ]),
    );
    let a = assess_at(&c, "2026-12-04 17:00");
    let f = treatment_flag(&a);
    assert!(f.is_actioned());
    assert_eq!(f.minutes_to_treatment(), Some(27 * 60), "from the MRI: the flag's own clock");
    assert_eq!(f.minutes_decision_to_treatment(), Some(6 * 60), "from the decision: QS56 statement 6 (2023)");
    assert_eq!(f.met_deadline(), Some(false), "the MRI's clock, the stricter one, is what the flag keeps");
    let open = assess_at(&c, "2026-12-04 12:00");
    let clock = cordwatch::present::flag_clock(treatment_flag(&open), open.now).plain();
    assert!(clock.contains("QS56 statement 6 counts radiotherapy from the decision, by 5 Dec 10:00"), "{clock}");
}

// --- ESCC 1c -------------------------------------------------------------------------------------

#[test]
fn escc_1c_with_a_deficit_asks_for_a_senior_decision_and_never_reads_as_excluded() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-12-03 09:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-12-03 13:00, escc: 1c }",
        "steroids:",
        "  - { drug: dexamethasone, mg_per_day: 16, start: 2026-12-03 09:30 }",
    ]));
    let a = assess_at(&c, "2026-12-03 18:00");
    assert!(item(&a, "steroids-stop").is_none(), "1c does not stop the steroids");
    let review = item(&a, "escc-1c-review").expect("a senior decision");
    assert!(!review.detail.contains("excluded"), "{}", review.detail);
    let text: String = checklist(&c, &a).iter().map(|i| format!("{} {}\n", i.text, i.detail)).collect();
    assert!(!text.contains("excluded MSCC"), "{text}");
    // Answered by a counted decision after the MRI.
    let mut decided = c.clone();
    decided.decisions.push(cordwatch::model::Decision {
        at: at("2026-12-03 17:00"),
        by: Some("Dr Okafor".into()),
        role: Some(cordwatch::model::Role::ConsultantClinicalOncologist),
        what: cordwatch::model::DecisionKind::Radiotherapy,
        why: None,
        episode: None,
        struck: None,
    });
    assert!(item(&assess_at(&decided, "2026-12-03 18:00"), "escc-1c-review").is_none());
    // Without a deficit there is nothing to decide; 1b is still "excluded".
    let calm = case(&lines(&[
        "exams:",
        "  - { at: 2026-12-03 09:00, motor: normal }",
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-12-03 13:00, escc: 1c }",
    ]));
    assert!(item(&assess_at(&calm, "2026-12-03 18:00"), "escc-1c-review").is_none());
}

// --- Discharge keeps the pathway ---------------------------------------------------------------

#[test]
fn a_discharged_patient_keeps_the_steps_still_open_for_follow_up() {
    let c = case(&lines(&[
        "status: discharged",
        "discharged: 2026-12-01",
        "surgery:",
        "  - { date: 2026-11-19, time: \"09:00\", procedure: decompression }",
    ]));
    let a = assess_at(&c, "2026-12-04 09:00");
    assert!(a.pathway.is_empty(), "not on the round");
    assert!(a.follow_up.iter().any(|i| i.rule == "postop-radiotherapy"), "{:?}", a.follow_up);
    assert!(cordwatch::engine::open_steps(&a).iter().any(|s| s.starts_with("postop-radiotherapy")));
    assert!(checklist(&c, &a).is_empty(), "a discharged patient is not on the round's checklist");
}

#[test]
fn it_is_nothing_less_than_an_open_flag_when_the_record_cannot_tell() {
    // No treatment, no decision, no booking: the flag says nothing is booked and stays open.
    let a = assess_at(&compression("", ""), "2026-12-04 14:00");
    let f = treatment_flag(&a);
    assert!(f.is_open() && f.minutes_left(a.now) < 0);
    assert!(f.notes.is_empty(), "{:?}", f.notes);
    assert!(!matches!(f.notes.first(), Some(FlagNote::TreatmentPlanned { .. })));
}
