//! The JSON shapes of the command line's output. Every text value in them is display-safe.
//!
//! Times are "YYYY-MM-DD HH:MM" local ward time and dates "YYYY-MM-DD", as in the case files.

use serde_json::{Value, json};

use crate::engine::{Flag, FlagStatus, NotExamined};
use crate::model::text::sanitize;
use crate::ward::WardRow;

pub fn flag(f: &Flag, now: crate::model::Stamp) -> Value {
    let (closed, actioned_at, actioned_by) = match &f.status {
        FlagStatus::Closed { at, by, reason } => (
            json!({ "at": at.to_string(), "by": by.as_ref().map(|b| b.safe()), "reason": reason.safe() }),
            Value::Null,
            Value::Null,
        ),
        FlagStatus::Actioned { at, kind } => (Value::Null, json!(at.to_string()), json!(kind.as_str())),
        FlagStatus::Treated { at, treatment } => (Value::Null, json!(at.to_string()), json!(treatment.as_str())),
        FlagStatus::Open => (Value::Null, Value::Null, Value::Null),
    };
    json!({
        "rule": f.rule_id(),
        "level": f.level.as_str(),
        "title": f.title(),
        "deterioration": f.is_deterioration(),
        "findings": f.findings.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        "raised_at": f.raised_at.to_string(),
        "deadline": f.deadline.to_string(),
        "open": f.is_open(),
        "actioned": f.is_actioned(),
        "actioned_at": actioned_at,
        "actioned_by": actioned_by,
        "minutes_to_mri": f.minutes_to_mri(),
        "awaits": f.awaits().word(),
        "minutes_to_treatment": f.minutes_to_treatment(),
        "notes": f.notes.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
        "evidence": f.evidence,
        "deadline_met": f.met_deadline(),
        "closed": closed,
        "minutes_left": if f.is_open() { json!(f.minutes_left(now)) } else { Value::Null },
        "present_at_last_exam": f.present_at_last_exam,
        "acknowledgements": f.acknowledgements.iter().map(|a| json!({
            "at": a.at.to_string(),
            "by": a.by.as_ref().map(|b| b.safe()),
            "plan": a.plan.as_ref().map(|p| p.safe()),
            "closed": a.closed.as_ref().map(|c| c.safe()),
        })).collect::<Vec<_>>(),
        "actions": f.actions(),
        "source": f.source().one_line(),
    })
}

/// The fields every per-case JSON object starts with.
pub fn case_head(row: &WardRow) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    let case = row.case();
    m.insert("id".into(), json!(row.entry.display_id()));
    m.insert("name".into(), case.map(|c| json!(c.name.safe())).unwrap_or(Value::Null));
    m.insert("file".into(), json!(row.entry.file));
    m.insert("level".into(), json!(row.level_word()));
    m.insert("priority".into(), serde_json::to_value(row.priority).unwrap_or(Value::Null));
    m.insert("problems".into(), json!(row.entry.problems.iter().map(|p| sanitize(p)).collect::<Vec<_>>()));
    m.insert("ward".into(), json!(case.and_then(|c| c.ward.as_ref()).map(|w| w.safe())));
    m.insert("bed".into(), json!(case.and_then(|c| c.bed.as_ref()).map(|b| b.safe())));
    m.insert("status".into(), json!(case.and_then(|c| c.status).map(|s| s.as_str())));
    let a = row.assessment.as_ref();
    m.insert("not_examined".into(), json!(a.is_some_and(|a| a.not_examined.is_some())));
    m.insert(
        "not_examined_reason".into(),
        match a.and_then(|a| a.not_examined.as_ref()) {
            Some(NotExamined::Never) => json!("no exam recorded"),
            Some(NotExamined::Stale { hours_ago, .. }) => json!(format!("last exam {hours_ago} h ago")),
            None => Value::Null,
        },
    );
    m.insert("last_exam".into(), json!(a.and_then(|a| a.last_exam).map(|s| s.to_string())));
    m
}

/// The case head plus its flags: the shape `triage --format json` lists.
pub fn triage_case(row: &WardRow) -> Value {
    let mut m = case_head(row);
    let flags: Vec<Value> =
        row.assessment.as_ref().map(|a| a.flags.iter().map(|f| flag(f, a.now)).collect()).unwrap_or_default();
    m.insert("flags".into(), Value::Array(flags));
    m.insert("warnings".into(), json!(row.assessment.as_ref().map(|a| a.warnings.clone()).unwrap_or_default()));
    Value::Object(m)
}
