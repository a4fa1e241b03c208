//! Examinations: one Observation per finding of each exam (each pain feature on its own, as the
//! triage rules read them), and one for the pain score.

use super::super::codes;
use super::super::datatypes::CodeableConcept;
use super::super::resources::{Observation, Resource, Value};
use super::super::value_sets::ObservationStatus;
use super::{Builder, note, words};
use crate::engine::finding::{Finding, exam_findings};
use crate::model::{Exam, ExamField};

pub(super) fn add(b: &mut Builder<'_>) {
    for (n, exam) in b.case.exams.iter().enumerate() {
        for (k, finding) in exam_findings(exam).iter().enumerate() {
            add_finding(b, exam, &format!("exam/{n}/{}/{k}", finding.field), finding);
        }
        if let Some(score) = exam.pain_score {
            let code = codes::PAIN_SCORE.concept(words("Pain score (0-10)"));
            let value = Value::Integer(i32::try_from(score.get()).unwrap_or(i32::MAX));
            observation(b, exam, &format!("exam/{n}/pain_score"), code, value);
        }
    }
}

/// What the finding is about, as a clinician would head it.
fn heading(field: ExamField) -> &'static str {
    match field {
        ExamField::Motor => "Motor examination",
        ExamField::Sensory => "Sensory examination",
        ExamField::Bladder => "Bladder function",
        ExamField::Bowel => "Bowel function",
        ExamField::Gait => "Gait",
        ExamField::Pain => "Spinal pain feature",
        ExamField::Frankel => "Frankel grade",
        ExamField::Saddle => "Saddle sensation",
        ExamField::PowerLeftArm => "MRC power grade, left arm",
        ExamField::PowerRightArm => "MRC power grade, right arm",
        ExamField::PowerLeftLeg => "MRC power grade, left leg",
        ExamField::PowerRightLeg => "MRC power grade, right leg",
    }
}

fn add_finding(b: &mut Builder<'_>, exam: &Exam, key: &str, finding: &Finding) {
    let value = match &finding.detail {
        Some(detail) => format!("{} {detail}", finding.value.replace('_', " ")),
        None => finding.value.replace('_', " "),
    };
    let code = CodeableConcept::text(words(heading(finding.field)));
    observation(b, exam, key, code, Value::String(words(value)));
}

fn observation(b: &mut Builder<'_>, exam: &Exam, key: &str, code: CodeableConcept, value: Value) {
    let subject = b.subject();
    let effective = b.at(exam.at);
    let note = note(exam.note.as_ref());
    b.add(key, |id| {
        Resource::Observation(Observation {
            id,
            status: ObservationStatus::Final,
            category: vec![codes::CATEGORY_EXAM.concept(words("Exam"))],
            code,
            subject,
            effective_date_time: Some(effective),
            value: Some(value),
            derived_from: Vec::new(),
            component: Vec::new(),
            note,
        })
    });
}
