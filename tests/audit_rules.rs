//! The pathway audit, rule by rule: episodes at exactly the standard and a minute past it (24 h,
//! 7 days), across months and the window's edges, closed, open, archived, an MRI with no
//! treatment, treatment before the MRI, walking kept or lost, and the summary's figures; a patient
//! in two files counted once, and files with problems listed.

mod common;

use common::*;
use cordwatch::engine::Treatment;
use cordwatch::engine::audit::{self, Audit, AuditCase, Episode, Measure, Outcome, WalkingOutcome, Window};
use cordwatch::model::{Case, Problem, ProblemKind};

fn window(from: &str, to: &str) -> Window {
    Window { from: date(from), to: date(to) }
}

/// The file a case would be read from: `cases/ID.yaml`, or `archive/ID.yaml`.
fn file_of(case: &Case, archived: bool) -> String {
    format!("{}/{}.yaml", if archived { "archive" } else { "cases" }, case.id)
}

fn run(cases: &[(&Case, bool)], now: &str) -> Audit {
    let files: Vec<String> = cases.iter().map(|(case, archived)| file_of(case, *archived)).collect();
    let cases = cases.iter().zip(&files).map(|((case, archived), file)| AuditCase {
        case,
        archived: *archived,
        file,
        problems: &[],
    });
    audit::audit(cases, guidelines(), window("2025-12-01", "2026-11-30"), at(now))
}

/// A case with its own id, for audits of several patients.
fn patient(id: &str, body: &str) -> Case {
    let text = format!("id: \"{id}\"\nname: Test Patient\n{body}");
    cordwatch::yaml::from_str(&text).unwrap_or_else(|e| panic!("test case does not parse: {e}\n{text}"))
}

fn one(body: &str, now: &str) -> Vec<Episode> {
    run(&[(&case(body), false)], now).episodes
}

fn of(episodes: &[Episode], rule: &str) -> Episode {
    episodes.iter().find(|e| e.rule == rule).cloned().unwrap_or_else(|| panic!("no {rule} episode in {episodes:#?}"))
}

fn weak_then_mri(done: &str) -> String {
    format!(
        "status: inpatient\nexams:\n  - {{ at: 2026-11-10 08:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, requested: 2026-11-10 08:30, done: {done}, result: no_mscc }}\n"
    )
}

fn pain_then_mri(done: &str) -> String {
    format!(
        "status: inpatient\nexams:\n  - {{ at: 2026-11-02 08:00, motor: normal, pain: [thoracic] }}\nimaging:\n  - {{ kind: mri_whole_spine, done: {done}, result: no_mscc }}\n"
    )
}

#[test]
fn an_mri_at_exactly_24_hours_meets_the_neurological_standard_and_a_minute_later_misses_it() {
    let e = of(&one(&weak_then_mri("2026-11-11 08:00"), NOW), "mscc-neuro");
    assert_eq!(e.measure, Measure::MriNeurological);
    assert_eq!(e.minutes_to_mri, Some(24 * 60));
    assert_eq!(e.outcome, Outcome::Met);
    assert_eq!(e.mri_requested, Some(at("2026-11-10 08:30")));
    assert_eq!(e.mri_done, Some(at("2026-11-11 08:00")));

    let late = of(&one(&weak_then_mri("2026-11-11 08:01"), NOW), "mscc-neuro");
    assert_eq!(late.outcome, Outcome::Missed { by_minutes: 1 });
    assert_eq!(late.outcome.within_standard(), Some(false));
}

#[test]
fn an_mri_at_exactly_7_days_meets_the_pain_standard_and_a_minute_later_misses_it() {
    let e = of(&one(&pain_then_mri("2026-11-09 08:00"), NOW), "mscc-pain");
    assert_eq!(e.measure, Measure::MriPain);
    assert_eq!(e.minutes_to_mri, Some(7 * 24 * 60));
    assert_eq!(e.outcome, Outcome::Met);

    let late = of(&one(&pain_then_mri("2026-11-09 08:01"), NOW), "mscc-pain");
    assert_eq!(late.outcome, Outcome::Missed { by_minutes: 1 });
}

#[test]
fn the_standards_are_the_guidelines_deadlines() {
    let g = guidelines();
    assert_eq!(Measure::MriNeurological.standard_hours(g), 24);
    assert_eq!(Measure::MriPain.standard_hours(g), 168);
    assert_eq!(Measure::Treatment.standard_hours(g), g.pathway.treatment.within_hours);
}

#[test]
fn episodes_count_in_the_month_they_were_raised_and_only_inside_the_window() {
    let october = case(&weak_then_mri("2026-11-11 08:00").replace("2026-11-10", "2026-10-31"));
    let november = case(&weak_then_mri("2026-11-11 08:00"));
    let before = case(&weak_then_mri("2025-11-30 20:00").replace("2026-11-10", "2025-11-30"));
    let a = run(&[(&october, false), (&november, false), (&before, false)], NOW);
    let neuro = &a.summary.measures[0];
    assert_eq!(neuro.measure, Measure::MriNeurological);
    assert_eq!(neuro.months.len(), 12, "every month of the window, empty ones too");
    let month = |m: &str| neuro.months.iter().find(|x| x.month == m).map(|x| x.stats.clone()).expect("month");
    assert_eq!(month("2026-10").episodes, 1);
    assert_eq!(month("2026-10").within, 0, "31 Oct 08:00 to 11 Nov is late");
    assert_eq!(month("2026-11").episodes, 1);
    assert_eq!(month("2026-11").within, 1);
    assert_eq!(neuro.total.episodes, 2, "the episode raised the day before the window is not counted");
    assert_eq!(neuro.total.missed.len(), 1);
    assert_eq!(neuro.total.missed[0].by_minutes, at("2026-11-11 08:00").minutes_since(at("2026-11-01 08:00")));
}

#[test]
fn a_closed_episode_is_counted_apart_with_its_reason() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, bladder: retention }\nacknowledged:\n  - { flag: mscc-neuro, at: 2026-11-10 09:00, by: Dr Ferreira, role: registrar, reason: not_suspected_on_senior_review, closed: \"retention from opioids\" }\n";
    let a = run(&[(&case(body), false)], NOW);
    let e = of(&a.episodes, "mscc-neuro");
    assert_eq!(
        e.outcome,
        Outcome::Closed {
            at: at("2026-11-10 09:00"),
            by: Some("Dr Ferreira".into()),
            reason: "retention from opioids".into(),
            late_minutes: None,
        }
    );
    let total = &a.summary.measures[0].total;
    assert_eq!((total.episodes, total.closed, total.judged, total.within), (1, 1, 0, 0));
    assert_eq!(total.percent_within(), None, "nothing judged: no percentage, not 0% or 100%");
}

#[test]
fn an_episode_closed_after_its_deadline_had_already_missed_it() {
    let closed_at = |when: &str| {
        format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-11-10 08:00, bladder: retention }}\nacknowledged:\n  - {{ flag: mscc-neuro, at: {when}, by: Dr Ferreira, role: registrar, reason: not_suspected_on_senior_review, closed: \"not for MRI\" }}\n"
        )
    };
    // At the deadline itself: closed in time, counted apart.
    let on_time = of(&one(&closed_at("2026-11-11 08:00"), NOW), "mscc-neuro");
    assert!(matches!(on_time.outcome, Outcome::Closed { late_minutes: None, .. }), "{:?}", on_time.outcome);
    assert_eq!(on_time.outcome.within_standard(), None);
    // A minute after: the standard was missed before anyone closed it.
    let a = run(&[(&case(&closed_at("2026-11-11 08:01")), false)], NOW);
    let late = of(&a.episodes, "mscc-neuro");
    assert!(matches!(late.outcome, Outcome::Closed { late_minutes: Some(1), .. }), "{:?}", late.outcome);
    assert_eq!((late.outcome.within_standard(), late.outcome.word()), (Some(false), "closed"));
    let total = &a.summary.measures[0].total;
    assert_eq!((total.closed, total.closed_late, total.judged, total.within), (1, 1, 1, 0));
    assert!(total.missed[0].closed && !total.missed[0].open);
}

#[test]
fn open_episodes_are_listed_with_their_age_and_missed_once_past_the_deadline() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-23 04:00, motor: weakness }\nimaging:\n  - { kind: mri_whole_spine, requested: 2026-11-23 04:30 }\n";
    let e = of(&one(body, NOW), "mscc-neuro");
    assert_eq!(e.outcome, Outcome::Open { age_minutes: 5 * 60, overdue_minutes: None });
    assert_eq!(e.outcome.within_standard(), None);
    assert_eq!(e.mri_requested, Some(at("2026-11-23 04:30")), "the request still waiting");

    let a = run(&[(&case(body), false)], "2026-11-25 04:00");
    let e = of(&a.episodes, "mscc-neuro");
    assert_eq!(e.outcome, Outcome::Open { age_minutes: 48 * 60, overdue_minutes: Some(24 * 60) });
    let total = &a.summary.measures[0].total;
    assert_eq!((total.open_overdue, total.open_in_time, total.judged, total.within), (1, 0, 1, 0));
    assert!(total.missed[0].open);
}

#[test]
fn archived_cases_count() {
    let body =
        format!("{}discharged: 2026-11-20\n", weak_then_mri("2026-11-11 09:00").replace("inpatient", "discharged"));
    let archived = case(&body);
    let a = run(&[(&archived, true)], NOW);
    let e = of(&a.episodes, "mscc-neuro");
    assert!(e.archived);
    assert_eq!(e.outcome, Outcome::Missed { by_minutes: 60 });
    assert_eq!(a.summary.measures[0].total.episodes, 1);
}

#[test]
fn an_mri_showing_mscc_with_no_treatment_leaves_the_treatment_episode_open() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness }\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: mscc, escc: 2 }\n";
    let episodes = one(body, NOW);
    let neuro = of(&episodes, "mscc-neuro");
    assert_eq!(neuro.outcome, Outcome::Met);
    assert_eq!((neuro.treatment, neuro.minutes_mri_to_treatment), (None, None));
    assert_eq!(neuro.result.map(|r| r.as_str()), Some("mscc"));

    let treat = of(&episodes, "mscc-treatment");
    assert_eq!(treat.measure, Measure::Treatment);
    assert_eq!(treat.mri_done, Some(at("2026-11-10 14:00")));
    assert_eq!(treat.escc.map(|g| g.to_string()), Some("2".into()));
    assert!(matches!(treat.outcome, Outcome::Open { overdue_minutes: Some(_), .. }));
}

#[test]
fn treatment_known_by_its_date_is_met_only_when_its_whole_day_is_in_time() {
    let with = |mri: &str, start: &str| {
        format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-11-10 00:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, done: {mri}, result: mscc }}\nradiotherapy:\n  - {{ start: {start} }}\n"
        )
    };
    // MRI at 14:00: treatment the same day ends by the deadline (met); the next day, the
    // deadline's own day, cannot be told (counted apart); the day after is late by at least
    // the time from the deadline to that day's start.
    let same_day = of(&one(&with("2026-11-10 14:00", "2026-11-10"), NOW), "mscc-treatment");
    assert_eq!(same_day.outcome, Outcome::Met);
    let episodes = one(&with("2026-11-10 14:00", "2026-11-11"), NOW);
    let treat = of(&episodes, "mscc-treatment");
    assert_eq!((treat.outcome.clone(), treat.outcome.word()), (Outcome::DateOnly, "date_only"));
    assert_eq!(treat.outcome.within_standard(), None);
    assert_eq!(treat.treatment, Some(Treatment::Radiotherapy));
    assert_eq!(treat.treatment_date, Some(date("2026-11-11")));
    assert_eq!(treat.minutes_mri_to_treatment, Some(10 * 60), "to the start of the day it began");
    assert_eq!(treat.delay_minutes(), None, "a delay to the start of its day is no delay to count");
    assert_eq!(treat.treatment_at, None, "no time is made up");
    let neuro = of(&episodes, "mscc-neuro");
    assert_eq!(neuro.treatment, Some(Treatment::Radiotherapy), "the MRI's row carries its treatment");
    assert_eq!(neuro.minutes_mri_to_treatment, Some(10 * 60));
    let late = of(&one(&with("2026-11-10 14:00", "2026-11-12"), NOW), "mscc-treatment");
    assert_eq!(
        late.outcome,
        Outcome::Missed { by_minutes: at("2026-11-12 00:00").minutes_since(at("2026-11-11 14:00")) }
    );
    // MRI at midnight: the deadline is the next midnight, so the MRI's own day just fits.
    let midnight = of(&one(&with("2026-11-10 00:00", "2026-11-10"), NOW), "mscc-treatment");
    assert_eq!(midnight.outcome, Outcome::Met);
    let next = of(&one(&with("2026-11-10 00:00", "2026-11-11"), NOW), "mscc-treatment");
    assert_eq!(next.outcome, Outcome::DateOnly);
    // Counted apart: in no denominator, in its own count.
    let a = run(&[(&case(&with("2026-11-10 14:00", "2026-11-11")), false)], NOW);
    let total = &a.summary.measures[2].total;
    assert_eq!((total.episodes, total.judged, total.date_only), (1, 0, 1));
}

#[test]
fn an_mri_known_only_by_its_date_is_judged_the_same_way() {
    let with = |done: &str| {
        format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-11-10 14:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, done: {done}, result: no_mscc }}\n"
        )
    };
    assert_eq!(of(&one(&with("2026-11-11"), NOW), "mscc-neuro").outcome, Outcome::DateOnly);
    assert_eq!(of(&one(&with("2026-11-11 13:59"), NOW), "mscc-neuro").outcome, Outcome::Met);
    assert!(matches!(of(&one(&with("2026-11-12"), NOW), "mscc-neuro").outcome, Outcome::Missed { .. }));
}

#[test]
fn treatment_before_the_mri_does_not_answer_it() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness }\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: mscc }\nsurgery:\n  - { date: 2026-11-05, procedure: decompression }\n";
    let treat = of(&one(body, NOW), "mscc-treatment");
    assert_eq!(treat.treatment, None);
    assert!(matches!(treat.outcome, Outcome::Open { .. }));
}

#[test]
fn walking_is_compared_with_the_last_exam_up_to_30_days_later() {
    let exams = |later: &str| {
        format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-10-01 08:00, motor: weakness, gait: unsteady, frankel: D }}\n{later}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-10-01 12:00, result: no_mscc }}\n"
        )
    };
    let kept = of(&one(&exams("  - { at: 2026-10-20 08:00, gait: normal, frankel: E }\n"), NOW), "mscc-neuro");
    assert_eq!(kept.walking, WalkingOutcome::Kept);
    assert_eq!(kept.walk_in.and_then(|w| w.frankel).map(|f| f.as_str()), Some("D"));
    assert_eq!(kept.walk_out.map(|w| w.at), Some(at("2026-10-20 08:00")));

    let lost = of(&one(&exams("  - { at: 2026-10-25 08:00, frankel: C }\n"), NOW), "mscc-neuro");
    assert_eq!(lost.walking, WalkingOutcome::Lost, "Frankel C does not walk");

    let too_late = of(&one(&exams("  - { at: 2026-11-05 08:00, gait: unable }\n"), NOW), "mscc-neuro");
    assert_eq!(too_late.walking, WalkingOutcome::Unknown, "an exam after 30 days is not the outcome");

    let pending = of(&one(&exams("  - { at: 2026-10-20 08:00, gait: normal }\n"), "2026-10-21 08:00"), "mscc-neuro");
    assert_eq!(pending.walking, WalkingOutcome::Pending, "the 30 days have not passed");
}

#[test]
fn the_median_and_interquartile_range_are_of_the_answered_delays() {
    let hours = ["2026-11-10 10:00", "2026-11-10 12:00", "2026-11-10 14:00", "2026-11-10 16:00", "2026-11-11 10:00"];
    let cases: Vec<Case> =
        hours.iter().enumerate().map(|(i, h)| patient(&format!("T{i}"), &weak_then_mri(h))).collect();
    let refs: Vec<(&Case, bool)> = cases.iter().map(|c| (c, false)).collect();
    let a = run(&refs, NOW);
    let total = &a.summary.measures[0].total;
    assert_eq!(total.episodes, 5);
    assert_eq!(total.median_minutes, Some(6.0 * 60.0));
    assert_eq!(total.q1_minutes, Some(4.0 * 60.0));
    assert_eq!(total.q3_minutes, Some(8.0 * 60.0));
    assert_eq!((total.within, total.judged), (4, 5));
    assert_eq!(total.percent_within(), Some(80.0));
}

#[test]
fn the_default_window_is_twelve_whole_months() {
    let w = Window::last_twelve_months(date("2026-11-23"));
    assert_eq!(w, window("2025-12-01", "2026-11-23"));
    assert_eq!(w.months().first().map(String::as_str), Some("2025-12"));
    assert_eq!(w.months().len(), 12);
    let january = Window::last_twelve_months(date("2026-01-05"));
    assert_eq!(january.from, date("2025-02-01"));
}

#[test]
fn pain_raised_with_neurology_is_measured_once_under_the_neurological_standard() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness, pain: [thoracic] }\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: no_mscc }\n";
    let rules: Vec<String> = one(body, NOW).into_iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["mscc-neuro"]);

    let pain_first = "status: inpatient\nexams:\n  - { at: 2026-11-08 08:00, motor: normal, pain: [thoracic] }\n  - { at: 2026-11-10 08:00, motor: weakness, pain: [thoracic] }\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-10 14:00, result: no_mscc }\n";
    let rules: Vec<String> = one(pain_first, NOW).into_iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["mscc-pain", "mscc-neuro"], "pain alone first is its own episode");
}

#[test]
fn on_a_generated_population_every_episode_is_counted_once_and_the_months_add_up() {
    let now = at(NOW);
    let cases: Vec<Case> = cordwatch::demo::population(600, 7, now)
        .into_iter()
        .filter_map(|(_, text)| cordwatch::yaml::from_str::<Case>(&text).ok())
        .collect();
    let w = Window::last_twelve_months(now.date());
    let a = audit::audit(
        cases.iter().map(|case| AuditCase { case, archived: false, file: case.id.as_str(), problems: &[] }),
        guidelines(),
        w,
        now,
    );
    assert!(a.episodes.len() > 100, "the population raises many episodes: {}", a.episodes.len());
    for m in &a.summary.measures {
        let t = &m.total;
        let of_measure: Vec<&Episode> = a.episodes.iter().filter(|e| e.measure == m.measure).collect();
        assert_eq!(t.episodes, of_measure.len());
        let met = of_measure.iter().filter(|e| e.outcome == Outcome::Met).count();
        let missed = of_measure.iter().filter(|e| matches!(e.outcome, Outcome::Missed { .. })).count();
        assert_eq!(t.within, met);
        assert_eq!(t.judged, met + missed + t.open_overdue + t.closed_late);
        assert_eq!(
            t.episodes,
            t.judged + t.open_in_time + (t.closed - t.closed_late) + t.date_only,
            "{:?}: nothing dropped",
            m.measure
        );
        assert_eq!(t.missed.len(), missed + t.open_overdue + t.closed_late);
        assert!(t.missed.iter().all(|x| x.by_minutes > 0));
        let by_month: usize = m.months.iter().map(|mo| mo.stats.episodes).sum();
        assert_eq!(by_month, t.episodes, "{:?}: the months add up to the whole", m.measure);
        let w = &t.walking;
        assert_eq!(w.kept + w.lost + w.regained + w.not_walking + w.pending + w.unknown, t.episodes);
        if let (Some(q1), Some(med), Some(q3)) = (t.q1_minutes, t.median_minutes, t.q3_minutes) {
            assert!(q1 <= med && med <= q3);
        }
    }
    assert!(a.episodes.windows(2).all(|p| p[0].raised_at <= p[1].raised_at), "in the order raised");
}

#[test]
fn a_treatment_with_its_start_time_is_judged_to_the_minute() {
    let with = |treatment: &str| {
        format!(
            "status: inpatient\nexams:\n  - {{ at: 2026-11-10 00:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-10 14:00, result: mscc, levels: [T9] }}\n{treatment}"
        )
    };
    let rt = |start: &str, time: &str| {
        with(&format!("radiotherapy:\n  - {{ start: {start}, start_time: \"{time}\", site: T8-T10 }}\n"))
    };
    let exactly = of(&one(&rt("2026-11-11", "14:00"), NOW), "mscc-treatment");
    assert_eq!(exactly.outcome, Outcome::Met, "at 24 hours exactly");
    assert_eq!(exactly.treatment_at, Some(at("2026-11-11 14:00")));
    assert_eq!(exactly.minutes_mri_to_treatment, Some(24 * 60));
    let late = of(&one(&rt("2026-11-11", "14:01"), NOW), "mscc-treatment");
    assert_eq!(late.outcome, Outcome::Missed { by_minutes: 1 });
    let op = |time: &str| with(&format!("surgery:\n  - {{ date: 2026-11-11, time: \"{time}\", levels: [T9] }}\n"));
    assert_eq!(of(&one(&op("13:59"), NOW), "mscc-treatment").outcome, Outcome::Met);
    assert_eq!(of(&one(&op("14:01"), NOW), "mscc-treatment").outcome, Outcome::Missed { by_minutes: 1 });
    // A course begun that morning, before the MRI, at the compressed level, is under way from the
    // MRI itself.
    let earlier = of(&one(&rt("2026-11-10", "08:00"), NOW), "mscc-treatment");
    assert_eq!((earlier.outcome.clone(), earlier.minutes_mri_to_treatment), (Outcome::Met, Some(0)));
}

#[test]
fn an_mri_done_with_no_report_leaves_the_episode_open_and_says_the_scan_was_done() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-22 09:00, motor: weakness }\nimaging:\n  - { kind: mri_whole_spine, requested: 2026-11-22 09:30, done: 2026-11-22 15:00 }\n";
    let a = run(&[(&case(body), false)], NOW);
    let e = of(&a.episodes, "mscc-neuro");
    assert!(matches!(e.outcome, Outcome::Open { .. }), "no report: not answered ({:?})", e.outcome);
    assert_eq!((e.mri_requested, e.mri_done), (Some(at("2026-11-22 09:30")), Some(at("2026-11-22 15:00"))));
    assert_eq!(e.minutes_to_mri, None, "no delay until it is answered");
    let m = &a.summary.measures[0];
    let lines: Vec<String> = cordwatch::present::audit::details(&a, m, None).into_iter().map(|d| d.text).collect();
    assert!(lines.iter().any(|l| l.contains("MRI done 22 Nov 15:00, no report recorded")), "{lines:?}");
    // A partial-spine MRI is not the study the standard asks for: nothing is said of it.
    let partial = body.replace("mri_whole_spine", "mri_spine");
    let e = of(&one(&partial, NOW), "mscc-neuro");
    assert_eq!(e.mri_done, None);
}

#[test]
fn a_patient_in_the_cases_folder_and_the_archive_is_counted_once_from_the_cases_folder() {
    let live = case(&weak_then_mri("2026-11-11 09:00"));
    let copy = case(&weak_then_mri("2026-11-11 09:00"));
    // Handed in archive first: the live file still wins.
    let a = run(&[(&copy, true), (&live, false)], NOW);
    let neuro: Vec<&Episode> = a.episodes.iter().filter(|e| e.rule == "mscc-neuro").collect();
    assert_eq!(neuro.len(), 1, "one patient, one episode: {:#?}", a.episodes);
    assert!(!neuro[0].archived, "counted from the cases folder");
    assert_eq!(a.summary.measures[0].total.episodes, 1);
    assert_eq!((a.cases, a.archived_cases), (1, 0));
    assert_eq!(
        a.repeated,
        [audit::Repeated {
            case_id: "T1".into(),
            files: vec!["cases/T1.yaml".into(), "archive/T1.yaml".into()],
            in_cases: 1
        }]
    );
    assert_eq!(
        cordwatch::present::audit::repeated_line(&a.repeated[0]),
        "T1 is in cases/T1.yaml and archive/T1.yaml: counted once"
    );
}

#[test]
fn a_discharge_copy_in_the_archive_is_counted_once_and_an_episode_only_in_one_copy_is_kept() {
    let first = case(&weak_then_mri("2026-11-11 09:00"));
    // The copy also records a later presentation: that episode is the patient's too.
    let copy = case(&format!(
        "{}  - {{ kind: mri_whole_spine, requested: 2026-11-20 08:30, done: 2026-11-20 12:00, result: no_mscc }}\n",
        weak_then_mri("2026-11-11 09:00").replace(
            "exams:\n  - { at: 2026-11-10 08:00, motor: weakness }\n",
            "exams:\n  - { at: 2026-11-10 08:00, motor: weakness }\n  - { at: 2026-11-20 08:00, bladder: retention }\n"
        )
    ));
    let cases = [
        AuditCase { case: &first, archived: true, file: "archive/T1.yaml", problems: &[] },
        AuditCase { case: &copy, archived: true, file: "archive/T1.1.yaml", problems: &[] },
    ];
    let a = audit::audit(cases, guidelines(), window("2025-12-01", "2026-11-30"), at(NOW));
    let raised: Vec<String> = a.episodes.iter().map(|e| format!("{} {}", e.rule, e.raised_at)).collect();
    let twice = raised.iter().filter(|r| r.contains("2026-11-10 08:00")).count();
    assert_eq!(twice, 1, "the shared episode is counted once: {raised:?}");
    assert!(raised.iter().any(|r| r.contains("2026-11-20 08:00")), "the copy's own episode is kept: {raised:?}");
    assert_eq!((a.cases, a.archived_cases), (1, 1));
    assert_eq!(a.repeated.len(), 1);
    assert_eq!(a.repeated[0].files, ["archive/T1.yaml", "archive/T1.1.yaml"]);
}

#[test]
fn a_file_with_a_problem_is_listed_with_it_once_and_the_others_are_not() {
    let future = case("status: inpatient\nexams:\n  - { at: 2027-11-10 08:00, motor: weakness }\n");
    let fine = patient("T2", &weak_then_mri("2026-11-11 09:00"));
    let mismatch = patient("T3", &weak_then_mri("2026-11-11 09:00"));
    let read = [Problem::new(
        ProblemKind::IdMismatch,
        "cases/T3x.yaml: the id `T3` does not match the file name; rename the file",
    )];
    let cases = [
        AuditCase { case: &future, archived: false, file: "cases/T1.yaml", problems: &[] },
        AuditCase { case: &fine, archived: false, file: "cases/T2.yaml", problems: &[] },
        AuditCase { case: &mismatch, archived: true, file: "cases/T3x.yaml", problems: &read },
    ];
    let a = audit::audit(cases, guidelines(), window("2025-12-01", "2026-11-30"), at(NOW));
    let files: Vec<&str> = a.problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["cases/T1.yaml", "cases/T3x.yaml"], "{:#?}", a.problems);
    assert!(a.problems[0].problem.contains("2027-11-10 08:00 is later than now"), "{:#?}", a.problems);
    assert_eq!(a.problems[1].problem, "the id `T3` does not match the file name; rename the file");
    assert_eq!((a.problems[0].kind, a.problems[1].kind), (ProblemKind::DatedAhead, ProblemKind::IdMismatch));
    // The dashboard's rows already carry the record's own problems, with the file and line: the
    // same problem is said once, not twice.
    let said = Problem::new(ProblemKind::DatedAhead, format!("cases/T1.yaml:4: {}", a.problems[0].problem));
    let again = audit::audit(
        [AuditCase { case: &future, archived: false, file: "cases/T1.yaml", problems: std::slice::from_ref(&said) }],
        guidelines(),
        window("2025-12-01", "2026-11-30"),
        at(NOW),
    );
    assert_eq!(again.problems, a.problems[..1]);
    let line = cordwatch::present::audit::problems_line(&a.problems).expect("a line");
    assert!(line.starts_with("2 files have a problem, so their episodes may be missing or wrong"), "{line}");
    assert!(line.contains("run `cordwatch validate`") && line.contains("cases/T3x.yaml (the id"), "{line}");
    assert!(cordwatch::present::audit::problems_line(&[]).is_none());
}

#[test]
fn two_files_in_the_cases_folder_with_one_id_are_both_counted() {
    let one = case(&weak_then_mri("2026-11-11 09:00"));
    let other = case("status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness }\n");
    let cases = [
        AuditCase { case: &one, archived: false, file: "cases/T1.yaml", problems: &[] },
        AuditCase { case: &other, archived: false, file: "cases/T2.yaml", problems: &[] },
    ];
    let a = audit::audit(cases, guidelines(), window("2025-12-01", "2026-11-23"), at(NOW));
    let neuro: Vec<&Episode> = a.episodes.iter().filter(|e| e.rule == "mscc-neuro").collect();
    assert_eq!(neuro.len(), 2, "the second patient's missed MRI is not merged away: {:#?}", a.episodes);
    assert_eq!(a.cases, 2);
    assert_eq!(a.repeated[0].in_cases, 2);
    let line = cordwatch::present::audit::repeated_line(&a.repeated[0]);
    assert!(line.contains("each is counted") && !line.contains("counted once"), "{line}");
}

#[test]
fn an_mri_dated_by_the_flags_day_alone_is_said_and_does_not_answer_it() {
    let body = "status: inpatient\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness }\nimaging:\n  - { kind: mri_whole_spine, done: 2026-11-10, result: no_mscc }\n";
    let a = run(&[(&case(body), false)], NOW);
    let e = of(&a.episodes, "mscc-neuro");
    assert!(matches!(e.outcome, Outcome::Open { overdue_minutes: Some(_), .. }), "{:?}", e.outcome);
    assert_eq!(e.mri_done.map(|d| d.to_string()).as_deref(), Some("2026-11-10"));
    assert_eq!(e.delay_minutes(), None);
    let lines: Vec<String> =
        cordwatch::present::audit::details(&a, &a.summary.measures[0], None).into_iter().map(|d| d.text).collect();
    assert!(lines.iter().any(|l| l.contains("an MRI dated 2026-11-10 has no time")), "{lines:?}");
}
