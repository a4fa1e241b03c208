//! A clinical finding as a flag reports it: which exam field, and what it showed.

use std::fmt;

use serde::Serialize;

use crate::guidelines::Findings;
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
            (field, Some(detail)) => write!(f, "{field} {value} {detail}"),
            (field, None) => write!(f, "{field} {value}"),
        }
    }
}

/// Every recorded value of an exam, as findings (pain features one each).
pub fn exam_findings(e: &Exam) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |field, value: &'static str, detail: Option<String>| out.push(Finding { field, value, detail });
    if let Some(v) = e.motor {
        push(ExamField::Motor, v.as_str(), None);
    }
    if let Some(v) = e.sensory {
        let detail = (v == Sensory::Level).then(|| e.sensory_level.map(|l| l.to_string())).flatten();
        push(ExamField::Sensory, v.as_str(), detail);
    }
    if let Some(v) = e.bladder {
        push(ExamField::Bladder, v.as_str(), None);
    }
    if let Some(v) = e.bowel {
        push(ExamField::Bowel, v.as_str(), None);
    }
    if let Some(v) = e.gait {
        push(ExamField::Gait, v.as_str(), None);
    }
    for p in &e.pain {
        push(ExamField::Pain, p.as_str(), None);
    }
    if let Some(v) = e.frankel {
        push(ExamField::Frankel, v.as_str(), None);
    }
    out
}

/// The findings of `exam` that a rule lists.
pub fn matching(rule: &Findings, exam: &Exam) -> Vec<Finding> {
    exam_findings(exam).into_iter().filter(|f| rule.lists(f.field, f.value)).collect()
}

/// "motor weakness, bladder retention".
pub fn join(findings: &[Finding]) -> String {
    findings.iter().map(|f| f.to_string()).collect::<Vec<_>>().join(", ")
}
