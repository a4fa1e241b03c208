//! The round checklist: derived from the facts, in clinical priority order, each item naming the
//! record that completes it — and gone once that record exists.

mod common;

use common::*;
use cordwatch::engine::checklist::checklist;
use cordwatch::engine::{Category, Completion};
use cordwatch::model::event::Event;
use cordwatch::model::*;

const NOW: &str = "2026-11-23 08:00";

fn categories(c: &Case) -> Vec<Category> {
    checklist(c, &assess_at(c, NOW)).iter().map(|i| i.category).collect()
}

#[test]
fn sections_come_in_clinical_priority_order() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-15 08:00, pain: [thoracic] }",
        "  - { at: 2026-11-21 07:00, bladder: retention, pain: [thoracic] }",
        "imaging:",
        "  - { kind: mri_spine, done: 2026-06-01 10:00 }",
        "  - { kind: xray, requested: 2026-11-20 10:00 }",
        "bone_agent: { drug: denosumab, dental_review: 2026-01-01, doses: [2026-10-26] }",
        "systemic:",
        "  - { regimen: x, start: 2026-11-02, cycle_weeks: 4 }",
    ]));
    let items = checklist(&c, &assess_at(&c, NOW));
    let rules: Vec<&str> = items.iter().map(|i| i.rule.as_str()).collect();
    assert_eq!(
        &rules[..3],
        ["mscc-neuro", "mscc-pain", "steroids-start"],
        "the urgent pathway step joins the urgent flags"
    );
    assert!(!rules.contains(&"rehabilitation"), "suspicion alone asks for the MRI, not rehabilitation: {rules:?}");
    assert_eq!(
        categories(&c),
        vec![
            Category::Emergency,
            Category::Urgent,
            Category::Urgent,
            Category::NotExamined,
            Category::Overdue,
            Category::Overdue,
            Category::DueToday,
            Category::DueToday,
            Category::Pending,
            Category::DueSoon,
            Category::NotReviewed,
        ]
    );
}

#[test]
fn each_item_names_the_record_that_completes_it() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-23 07:00, motor: weakness }",
        "imaging:",
        "  - { kind: mri_spine, done: 2026-06-01 10:00 }",
        "  - { kind: pet_ct, requested: 2026-11-20 10:00 }",
        "bone_agent: { drug: zoledronic_acid, doses: [2026-10-26] }",
    ]));
    let items = checklist(&c, &assess_at(&c, NOW));
    let completion =
        |cat: Category| items.iter().filter(|i| i.category == cat).map(|i| i.completion.clone()).collect::<Vec<_>>();
    assert_eq!(completion(Category::Emergency), vec![Completion::MriResult { flag: "mscc-neuro".into() }]);
    assert!(completion(Category::Pending).contains(&Completion::ImagingResult { kind: ImagingKind::PetCt }));
    assert!(completion(Category::DueToday).contains(&Completion::Dose));
    assert_eq!(completion(Category::NotReviewed), vec![Completion::Review]);
    for i in &items {
        assert!(!i.rule.is_empty() && !i.source.is_empty(), "{i:?}");
    }
    let starting = case(&lines(&[
        "status: outpatient",
        "exams:",
        "  - { at: 2026-11-23 07:00, motor: normal }",
        "bone_agent: { drug: denosumab }",
    ]));
    let items = checklist(&starting, &assess_at(&starting, NOW));
    assert_eq!(
        items.iter().map(|i| (i.category, i.completion.clone())).collect::<Vec<_>>(),
        vec![(Category::DueToday, Completion::DentalReview)]
    );
}

#[test]
fn recording_the_event_makes_the_item_disappear() {
    let mut c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-23 07:00, motor: normal }",
        "bone_agent: { drug: denosumab, dental_review: 2026-01-01, doses: [2026-10-26] }",
    ]));
    assert!(categories(&c).contains(&Category::DueToday), "dose due today");
    assert!(categories(&c).contains(&Category::NotReviewed));
    Event::Dose { date: date("2026-11-23"), drug: None, every_weeks: None }.apply(&mut c).expect("dose");
    Event::Review(Review { at: at("2026-11-23 07:45"), by: None, role: None, note: None, struck: None })
        .apply(&mut c)
        .expect("review");
    assert!(categories(&c).is_empty(), "{:?}", categories(&c));
}

#[test]
fn a_review_yesterday_does_not_count_for_today_and_outpatients_are_not_on_the_round() {
    let c = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-23 07:00, motor: normal }",
        "reviews:",
        "  - { at: 2026-11-22 18:00 }",
    ]));
    assert_eq!(categories(&c), vec![Category::NotReviewed]);
    let outpatient = case("status: outpatient\nexams:\n  - { at: 2026-11-20 07:00, motor: normal }\n");
    assert!(categories(&outpatient).is_empty());
    let discharged = case("status: discharged\nexams:\n  - { at: 2026-11-20 07:00, motor: weakness }\n");
    assert!(categories(&discharged).is_empty());
}

#[test]
fn an_open_flag_stays_on_the_round_until_imaged_or_closed() {
    let mut c = case("status: inpatient\nexams:\n  - { at: 2026-11-22 20:00, gait: unable }\n");
    assert_eq!(categories(&c)[0], Category::Emergency);
    Event::Acknowledge(Acknowledgement {
        flag: "mscc-neuro".parse().expect("rule"),
        at: at("2026-11-22 20:30"),
        by: Some(Text::from("Dr A")),
        plan: Some(Text::from("MRI booked")),
        closed: None,
        reason: None,
        role: None,
        mri_at: None,
        struck: None,
    })
    .apply(&mut c)
    .expect("ack");
    let items = checklist(&c, &assess_at(&c, NOW));
    assert_eq!(items[0].category, Category::Emergency, "acknowledged is not actioned");
    assert!(items[0].detail.contains("MRI booked"), "{}", items[0].detail);
    Event::Imaging {
        kind: ImagingKind::MriWholeSpine,
        done: at("2026-11-23 07:30"),
        result: None,
        escc: None,
        levels: Vec::new(),
        note: None,
        by: None,
    }
    .apply(&mut c)
    .expect("mri");
    let items = checklist(&c, &assess_at(&c, NOW));
    assert_eq!(items[0].category, Category::Emergency, "an MRI with no report does not answer the flag");
    assert!(items[0].text.contains("report awaited"), "{}", items[0].text);
    c.imaging.last_mut().expect("the MRI").result = Some(ImagingResult::NoMscc);
    assert!(!categories(&c).contains(&Category::Emergency));
}

#[test]
fn a_pain_flag_from_the_same_exam_as_the_neurology_flag_is_shown_as_part_of_it() {
    let same = case("status: inpatient\nexams:\n  - { at: 2026-11-23 07:00, motor: weakness, pain: [thoracic] }\n");
    let a = assess_at(&same, NOW);
    let pain = a.flags.iter().find(|f| f.rule_id() == "mscc-pain").expect("the pain flag is still raised");
    assert!(pain.is_open());
    assert_eq!(pain.part_of.as_deref(), Some("mscc-neuro"));
    let neuro = a.flags.iter().find(|f| f.rule_id() == "mscc-neuro").expect("neuro");
    assert_eq!(neuro.part_of, None);
    assert_eq!(a.open_flags().count(), 2, "both flags stay open");
    assert_eq!(a.open_flags_listed().count(), 1, "one line on the round");
    let items = checklist(&same, &a);
    let rules: Vec<&str> = items.iter().map(|i| i.rule.as_str()).collect();
    assert!(!rules.contains(&"mscc-pain"), "{rules:?}");
    let line = &items.iter().find(|i| i.rule == "mscc-neuro").expect("neuro item").text;
    assert!(line.contains("with") && line.contains("mscc-pain") && line.contains("thoracic"), "{line}");

    // Pain first, weakness at a later exam: two flags from two exams, two lines.
    let apart = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-22 20:00, motor: normal, pain: [thoracic] }",
        "  - { at: 2026-11-23 07:00, motor: weakness, pain: [thoracic] }",
    ]));
    let a = assess_at(&apart, NOW);
    assert!(a.flags.iter().all(|f| f.part_of.is_none()));
    let rules: Vec<String> = checklist(&apart, &a).iter().map(|i| i.rule.clone()).collect();
    assert!(rules.contains(&"mscc-neuro".to_string()) && rules.contains(&"mscc-pain".to_string()), "{rules:?}");

    // The neurology flag closed, the pain flag still open: never folded into a closed flag.
    let closed = case(&lines(&[
        "status: inpatient",
        "exams:",
        "  - { at: 2026-11-23 07:00, motor: weakness, pain: [thoracic] }",
        "acknowledged:",
        "  - { at: 2026-11-23 07:30, flag: mscc-neuro, closed: patient declines MRI, reason: patient_declined, by: Dr Q, role: consultant_clinical_oncologist }",
    ]));
    let a = assess_at(&closed, NOW);
    let neuro = a.flags.iter().find(|f| f.rule_id() == "mscc-neuro").expect("neuro");
    let pain = a.flags.iter().find(|f| f.rule_id() == "mscc-pain").expect("pain");
    assert!(!neuro.is_open() && pain.is_open(), "{:?} {:?}", neuro.status, pain.status);
    assert_eq!(pain.part_of, None, "an open flag is never folded into a closed one");
    assert!(checklist(&closed, &a).iter().any(|i| i.rule == "mscc-pain"));
}
