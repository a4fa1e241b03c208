//! Treatment: radiotherapy courses, spinal surgery and the dental review as Procedures;
//! corticosteroids, systemic regimens and the bone-modifying agent as MedicationStatements.
//!
//! A status says where the treatment stands at the export's moment: a course or operation dated
//! later is a plan (`preparation`), one under way is `in-progress`, a drug course not stopped is
//! `active`.

use super::super::codes;
use super::super::datatypes::{Annotation, CodeableConcept, DateTime, DoseAndRate, Period, Quantity};
use super::super::resources::{Dosage, MedicationStatement, Procedure, Resource};
use super::super::value_sets::{MedicationStatementStatus, ProcedureStatus};
use super::{Builder, note_words, words};
use crate::model::{Date, Stamp};

pub(super) fn add(b: &mut Builder<'_>) {
    add_radiotherapy(b);
    add_surgery(b);
    add_dental_review(b);
    add_steroids(b);
    add_systemic(b);
    add_bone_agent(b);
}

/// Where a course from `start` to `end` stands on `today`.
fn course_status(start: Stamp, end: Option<Date>, now: Stamp) -> ProcedureStatus {
    match end {
        _ if !start.has_come(now) => ProcedureStatus::Preparation,
        Some(end) if end <= now.date() => ProcedureStatus::Completed,
        _ => ProcedureStatus::InProgress,
    }
}

fn one_day(start: Stamp, now: Stamp) -> ProcedureStatus {
    if start.has_come(now) { ProcedureStatus::Completed } else { ProcedureStatus::Preparation }
}

fn procedure(
    b: &mut Builder<'_>,
    key: &str,
    status: ProcedureStatus,
    code: CodeableConcept,
    period: Period,
    site: Option<CodeableConcept>,
    mut note: Vec<Annotation>,
) {
    let subject = b.subject();
    // `performed` says what has happened: a procedure still to come gives its day as a plan.
    let performed = if status == ProcedureStatus::Preparation {
        if let Some(start) = period.start() {
            note.push(super::note_words(format!("planned from {}", start.as_str())));
        }
        None
    } else {
        Some(period)
    };
    b.add(key, |id| {
        Resource::Procedure(Procedure {
            id,
            status,
            code,
            subject,
            performed_period: performed,
            body_site: site.into_iter().collect(),
            note,
        })
    });
}

fn add_radiotherapy(b: &mut Builder<'_>) {
    let today = b.today();
    for (n, rt) in b.case.radiotherapy.iter().enumerate() {
        let dose = rt.dose_words();
        // The first fraction's time when known (a moment with the ward's offset), else the day.
        // `performed` is what has happened: a last day still to come is not given as one.
        let end = rt.end.filter(|e| *e <= today).map(DateTime::date);
        let period = Period::from(b.at(rt.started()), end);
        let site = rt.site.as_ref().and_then(super::text).map(CodeableConcept::text);
        let status = course_status(rt.started(), rt.end, b.assessment.now);
        procedure(
            b,
            &format!("radiotherapy/{n}"),
            status,
            codes::RADIOTHERAPY.concept(words("Radiotherapy")),
            period,
            site,
            dose.map(note_words).into_iter().collect(),
        );
    }
}

fn add_surgery(b: &mut Builder<'_>) {
    for (n, op) in b.case.surgery.iter().enumerate() {
        let what = op.procedure.as_ref().map(|p| p.safe()).filter(|p| !p.trim().is_empty());
        let code = what.map(|p| format!("Spinal surgery: {p}")).unwrap_or_else(|| "Spinal surgery".into());
        let period = Period::from(b.at(op.started()), Some(DateTime::date(op.date)));
        let code = CodeableConcept::text(words(code));
        procedure(b, &format!("surgery/{n}"), one_day(op.started(), b.assessment.now), code, period, None, Vec::new());
    }
}

fn add_dental_review(b: &mut Builder<'_>) {
    let Some(date) = b.case.bone_agent.as_ref().and_then(|a| a.dental_review) else { return };
    let period = Period::from(DateTime::date(date), Some(DateTime::date(date)));
    let code = CodeableConcept::text(words("Dental review before a bone-modifying agent"));
    procedure(
        b,
        "bone_agent/dental_review",
        one_day(Stamp::date_only(date), b.assessment.now),
        code,
        period,
        None,
        Vec::new(),
    );
}

/// A drug course from `start`, stopped at `stopped`, at `now`.
fn drug_status(start: Stamp, stopped: Option<Stamp>, now: Stamp) -> MedicationStatementStatus {
    match stopped {
        _ if start > now => MedicationStatementStatus::Intended,
        Some(stop) if stop <= now => MedicationStatementStatus::Completed,
        _ => MedicationStatementStatus::Active,
    }
}

fn statement(
    b: &mut Builder<'_>,
    key: &str,
    status: MedicationStatementStatus,
    medication: CodeableConcept,
    period: Option<Period>,
    dosage: Option<Dosage>,
    note: Vec<Annotation>,
) {
    let subject = b.subject();
    b.add(key, |id| {
        Resource::MedicationStatement(MedicationStatement {
            id,
            status,
            medication_codeable_concept: medication,
            subject,
            effective_period: period,
            dosage: dosage.into_iter().collect(),
            note,
        })
    });
}

/// A dosage said in words alone.
fn plain_dosage(text: String) -> Dosage {
    Dosage { text: words(text), dose_and_rate: Vec::new() }
}

fn add_steroids(b: &mut Builder<'_>) {
    let now = b.assessment.now;
    for (n, course) in b.case.steroids.iter().enumerate() {
        let drug = super::text(&course.drug).unwrap_or_else(|| words("corticosteroid (drug not recorded)"));
        let period = Period::from(b.at(course.start), course.stopped.map(|s| b.at(s)));
        // The words, and the same amount in UCUM for a system that reads doses.
        let dosage = course.mg_per_day.map(|mg| Dosage {
            text: words(format!("{mg} mg a day")),
            dose_and_rate: vec![DoseAndRate {
                rate_quantity: Quantity {
                    value: mg.get(),
                    unit: words("mg/d"),
                    system: codes::UCUM.to_string(),
                    code: codes::UCUM_MG_PER_DAY.to_string(),
                },
            }],
        });
        let status = drug_status(course.start, course.stopped, now);
        statement(b, &format!("steroids/{n}"), status, CodeableConcept::text(drug), Some(period), dosage, Vec::new());
    }
}

fn add_systemic(b: &mut Builder<'_>) {
    let now = b.assessment.now;
    for (n, regimen) in b.case.systemic.iter().enumerate() {
        let name = super::text(&regimen.regimen).unwrap_or_else(|| words("systemic therapy (regimen not recorded)"));
        let period = Period::from(DateTime::date(regimen.start), regimen.stopped.map(DateTime::date));
        let dosage = regimen.cycle_weeks.map(|w| plain_dosage(format!("cycles every {w} weeks")));
        let notes = regimen.line.map(|l| note_words(format!("line {l}"))).into_iter().collect();
        let status = drug_status(Stamp::date_only(regimen.start), regimen.stopped.map(Stamp::date_only), now);
        statement(b, &format!("systemic/{n}"), status, CodeableConcept::text(name), Some(period), dosage, notes);
    }
}

/// The bone-modifying agent: one statement for the whole course, from the first dose; the doses
/// given are listed in its note.
fn add_bone_agent(b: &mut Builder<'_>) {
    let now = b.assessment.now;
    let Some(agent) = &b.case.bone_agent else { return };
    let first = agent.doses.first().copied();
    let status = match (first, agent.stopped) {
        (_, Some(stop)) if stop <= now.date() => MedicationStatementStatus::Completed,
        (None, _) => MedicationStatementStatus::Intended,
        (Some(first), _) => drug_status(Stamp::date_only(first), None, now),
    };
    let period = match (first, agent.stopped) {
        (Some(first), stopped) => Some(Period::from(DateTime::date(first), stopped.map(DateTime::date))),
        (None, Some(stopped)) => Some(Period::until(DateTime::date(stopped))),
        (None, None) => None,
    };
    let drug = agent.drug.as_str().replace('_', " ");
    let dosage = agent.every_weeks.map(|w| plain_dosage(format!("every {w} weeks")));
    let mut notes = Vec::new();
    if !agent.doses.is_empty() {
        let doses: Vec<String> = agent.doses.iter().map(|d| d.to_string()).collect();
        notes.push(note_words(format!("doses given: {}", doses.join(", "))));
    }
    statement(b, "bone_agent", status, CodeableConcept::text(words(drug)), period, dosage, notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn t(s: &str) -> Stamp {
        Stamp::parse(s).expect("stamp")
    }

    #[test]
    fn a_course_is_planned_under_way_or_done_by_its_dates_and_times() {
        let now = t("2026-11-23 09:00");
        let day = |s: &str| Stamp::date_only(d(s));
        assert_eq!(course_status(day("2026-11-24"), None, now), ProcedureStatus::Preparation);
        assert_eq!(course_status(day("2026-11-20"), None, now), ProcedureStatus::InProgress);
        assert_eq!(course_status(day("2026-11-20"), Some(d("2026-11-26")), now), ProcedureStatus::InProgress);
        assert_eq!(course_status(day("2026-11-16"), Some(d("2026-11-23")), now), ProcedureStatus::Completed);
        // Today by its date alone: booked, not known to be done until the day has passed.
        assert_eq!(one_day(day("2026-11-23"), now), ProcedureStatus::Preparation);
        assert_eq!(one_day(day("2026-11-22"), now), ProcedureStatus::Completed);
        assert_eq!(one_day(day("2026-11-24"), now), ProcedureStatus::Preparation);
        // Later today by its time: still a plan.
        assert_eq!(course_status(t("2026-11-23 14:00"), None, now), ProcedureStatus::Preparation);
        assert_eq!(one_day(t("2026-11-23 14:00"), now), ProcedureStatus::Preparation);
        assert_eq!(one_day(t("2026-11-23 08:59"), now), ProcedureStatus::Completed);
    }

    #[test]
    fn a_drug_course_is_intended_active_or_completed_at_the_moment() {
        let now = t("2026-11-23 09:00");
        assert_eq!(drug_status(t("2026-11-23 10:00"), None, now), MedicationStatementStatus::Intended);
        assert_eq!(drug_status(t("2026-11-21 09:00"), None, now), MedicationStatementStatus::Active);
        let stop = Some(t("2026-11-23 09:00"));
        assert_eq!(drug_status(t("2026-11-21 09:00"), stop, now), MedicationStatementStatus::Completed);
        let later = Some(t("2026-11-25 09:00"));
        assert_eq!(drug_status(t("2026-11-21 09:00"), later, now), MedicationStatementStatus::Active);
    }
}
