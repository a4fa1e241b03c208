//! A clinical finding as a flag reports it: which exam field, and what it showed.

use std::fmt;

use serde::Serialize;

use crate::guidelines::Findings;
use crate::model::exam_fields::EXAM_FIELDS;
use crate::model::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub field: ExamField,
    pub value: &'static str,
    /// Extra detail, such as the dermatome of a sensory level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.value.replace('_', " ");
        match (self.field, &self.detail) {
            (ExamField::Pain, _) => write!(f, "{value} pain"),
            (ExamField::Frankel, _) => write!(f, "Frankel {value}"),
            (ExamField::Saddle, _) => write!(f, "saddle {value}"),
            (field, _) if let Some(limb) = field.limb() => write!(f, "{limb} power {value}/5"),
            (field, Some(detail)) => write!(f, "{field} {value} {detail}"),
            (field, None) => write!(f, "{field} {value}"),
        }
    }
}

/// Every recorded value of an exam, as findings (pain features one each), in the order of the
/// exam-field table.
pub fn exam_findings(e: &Exam) -> Vec<Finding> {
    EXAM_FIELDS
        .iter()
        .flat_map(|spec| {
            let detail = (spec.detail)(e);
            (spec.words)(e).into_iter().map(move |value| Finding { field: spec.field, value, detail: detail.clone() })
        })
        .collect()
}

/// The findings of `exam` that a rule lists.
pub fn matching(rule: &Findings, exam: &Exam) -> Vec<Finding> {
    exam_findings(exam).into_iter().filter(|f| rule.lists(f.field, f.value)).collect()
}

/// "motor weakness, bladder retention".
pub fn join(findings: &[Finding]) -> String {
    findings.iter().map(|f| f.to_string()).collect::<Vec<_>>().join(", ")
}
