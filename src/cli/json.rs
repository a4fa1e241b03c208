//! The JSON shapes of the command line's output, declared as types. The schema, with examples,
//! is in `docs/json.md`: field names and meanings are a contract for scripts, so a field is never
//! renamed or dropped. Every text value in them is display-safe.
//!
//! Times are "YYYY-MM-DD HH:MM" local ward time and dates "YYYY-MM-DD", as in the case files.
//! Keys are printed in alphabetical order (see [`to_text`]).

use serde::Serialize;

use crate::engine::checklist::ChecklistItem;
use crate::engine::scores::{EsccResult, NomsResult, SinsResult, TokuhashiResult};
use crate::engine::{Assessment, Flag, FlagStatus, NotExamined, PathwayItem, Priority, ScheduleItem};
use crate::model::text::sanitize;
use crate::model::{Case, Stamp};
use crate::ward::WardRow;

/// Pretty JSON with every object's keys in alphabetical order, as the output has always had them.
pub fn to_text(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|e| format!("\"cannot write JSON: {e}\""))
}

/// One red flag.
#[derive(Debug, Serialize)]
pub struct FlagJson<'a> {
    pub rule: &'a str,
    pub level: &'static str,
    pub title: &'a str,
    pub deterioration: bool,
    pub findings: Vec<String>,
    pub raised_at: String,
    pub deadline: String,
    pub open: bool,
    pub actioned: bool,
    pub actioned_at: Option<String>,
    /// The kind of study that actioned it (`mri_whole_spine`...).
    pub actioned_by: Option<&'static str>,
    pub minutes_to_mri: Option<i64>,
    /// What the deadline is for: `MRI`, or `treatment` for confirmed MSCC.
    pub awaits: &'static str,
    /// Minutes from raising to the day definitive treatment started (`mscc-treatment` only).
    pub minutes_to_treatment: Option<i64>,
    /// For an open flag: what has happened that does not answer it yet ("MRI requested ...",
    /// "MRI done ..., report awaited", "partial spine MRI does not answer this").
    pub notes: Vec<String>,
    /// What the flag rests on when it is not an exam: the MRI that confirmed MSCC.
    pub evidence: Option<String>,
    pub deadline_met: Option<bool>,
    pub closed: Option<ClosedJson>,
    /// Null unless open; negative when the deadline has passed.
    pub minutes_left: Option<i64>,
    pub present_at_last_exam: bool,
    pub acknowledgements: Vec<AcknowledgementJson>,
    pub actions: &'a [String],
    pub source: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ClosedJson {
    pub at: String,
    pub by: Option<String>,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct AcknowledgementJson {
    pub at: String,
    pub by: Option<String>,
    pub plan: Option<String>,
    pub closed: Option<String>,
}

impl<'a> FlagJson<'a> {
    pub fn new(f: &'a Flag, now: Stamp) -> FlagJson<'a> {
        let (closed, actioned_at, actioned_by) = match &f.status {
            FlagStatus::Closed { at, by, reason } => (
                Some(ClosedJson { at: at.to_string(), by: by.as_ref().map(|b| b.safe()), reason: reason.safe() }),
                None,
                None,
            ),
            FlagStatus::Actioned { at, kind } => (None, Some(at.to_string()), Some(kind.as_str())),
            FlagStatus::Treated { at, treatment } => (None, Some(at.to_string()), Some(treatment.as_str())),
            FlagStatus::Open => (None, None, None),
        };
        FlagJson {
            rule: f.rule_id(),
            level: f.level.as_str(),
            title: f.title(),
            deterioration: f.is_deterioration(),
            findings: f.findings.iter().map(|x| x.to_string()).collect(),
            raised_at: f.raised_at.to_string(),
            deadline: f.deadline.to_string(),
            open: f.is_open(),
            actioned: f.is_actioned(),
            actioned_at,
            actioned_by,
            minutes_to_mri: f.minutes_to_mri(),
            awaits: f.awaits().word(),
            minutes_to_treatment: f.minutes_to_treatment(),
            notes: f.notes.iter().map(|n| n.to_string()).collect(),
            evidence: f.evidence.clone(),
            deadline_met: f.met_deadline(),
            closed,
            minutes_left: f.is_open().then(|| f.minutes_left(now)),
            present_at_last_exam: f.present_at_last_exam,
            acknowledgements: f
                .acknowledgements
                .iter()
                .map(|a| AcknowledgementJson {
                    at: a.at.to_string(),
                    by: a.by.as_ref().map(|b| b.safe()),
                    plan: a.plan.as_ref().map(|p| p.safe()),
                    closed: a.closed.as_ref().map(|c| c.safe()),
                })
                .collect(),
            actions: f.actions(),
            source: f.source().one_line(),
        }
    }
}

/// The fields every per-case object starts with; unreadable files have them too.
#[derive(Debug, Serialize)]
pub struct CaseHead<'a> {
    pub id: String,
    pub name: Option<String>,
    pub file: &'a str,
    pub level: &'static str,
    pub priority: Priority,
    pub problems: Vec<String>,
    pub ward: Option<String>,
    pub bed: Option<String>,
    pub status: Option<&'static str>,
    pub not_examined: bool,
    pub not_examined_reason: Option<String>,
    pub last_exam: Option<String>,
}

impl<'a> CaseHead<'a> {
    pub fn new(row: &'a WardRow) -> CaseHead<'a> {
        let case = row.case();
        let a = row.assessment.as_ref();
        CaseHead {
            id: row.entry.display_id(),
            name: case.map(|c| c.name.safe()),
            file: &row.entry.file,
            level: row.level_word(),
            priority: row.priority,
            problems: row.entry.problems.iter().map(|p| sanitize(p)).collect(),
            ward: case.and_then(|c| c.ward.as_ref()).map(|w| w.safe()),
            bed: case.and_then(|c| c.bed.as_ref()).map(|b| b.safe()),
            status: case.and_then(|c| c.status).map(|s| s.as_str()),
            not_examined: a.is_some_and(|a| a.not_examined.is_some()),
            not_examined_reason: a.and_then(|a| a.not_examined.as_ref()).map(|n| match n {
                NotExamined::Never => "no neurological exam recorded".to_string(),
                NotExamined::Stale { hours_ago, .. } => format!("last exam {hours_ago} h ago"),
            }),
            last_exam: a.and_then(|a| a.last_exam).map(|s| s.to_string()),
        }
    }
}

/// `list --format json`: one per case.
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    #[serde(flatten)]
    pub head: CaseHead<'a>,
    pub primary: Option<String>,
    pub open_flags: usize,
    pub next_imaging_due: Option<String>,
    pub bone_agent_due: Option<String>,
}

/// One step of the MSCC pathway after the MRI, open or closed.
#[derive(Debug, Serialize)]
pub struct PathwayJson<'a> {
    #[serde(flatten)]
    pub item: &'a PathwayItem,
    pub open: bool,
}

/// `triage --format json`: the case head plus its flags and pathway steps.
#[derive(Debug, Serialize)]
pub struct TriageCase<'a> {
    #[serde(flatten)]
    pub head: CaseHead<'a>,
    pub flags: Vec<FlagJson<'a>>,
    pub pathway: Vec<PathwayJson<'a>>,
    pub warnings: Vec<String>,
}

impl<'a> TriageCase<'a> {
    pub fn new(row: &'a WardRow) -> TriageCase<'a> {
        let a = row.assessment.as_ref();
        TriageCase {
            head: CaseHead::new(row),
            flags: a.map(|a| a.flags.iter().map(|f| FlagJson::new(f, a.now)).collect()).unwrap_or_default(),
            pathway: a
                .map(|a| a.pathway.iter().map(|item| PathwayJson { item, open: item.is_open() }).collect())
                .unwrap_or_default(),
            warnings: a.map(|a| a.warnings.clone()).unwrap_or_default(),
        }
    }
}

/// `show ID --format json`: the triage shape plus scores, schedule and the case itself.
#[derive(Debug, Serialize)]
pub struct ShowCase<'a> {
    #[serde(flatten)]
    pub triage: TriageCase<'a>,
    pub sins_total: Option<u32>,
    pub sins: Option<SinsResult>,
    pub escc: Option<EsccResult>,
    pub tokuhashi: TokuhashiResult,
    pub noms: NomsResult,
    pub next_imaging_due: Option<String>,
    pub bone_agent_due: Option<String>,
    pub schedule: &'a [ScheduleItem],
    pub case: &'a Case,
}

impl<'a> ShowCase<'a> {
    pub fn new(row: &'a WardRow, case: &'a Case, a: &'a Assessment, scores: crate::engine::Scores) -> ShowCase<'a> {
        ShowCase {
            triage: TriageCase::new(row),
            sins_total: scores.sins.as_ref().and_then(|s| s.total),
            sins: scores.sins,
            escc: scores.escc,
            tokuhashi: scores.tokuhashi,
            noms: scores.noms,
            next_imaging_due: a.next_imaging_due.map(|d| d.to_string()),
            bone_agent_due: a.bone_agent_due.map(|d| d.to_string()),
            schedule: &a.schedule,
            case,
        }
    }
}

/// `checklist --format json`.
#[derive(Debug, Serialize)]
pub struct Checklist<'a> {
    pub date: String,
    pub patients: Vec<ChecklistPatient<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ChecklistPatient<'a> {
    #[serde(flatten)]
    pub head: CaseHead<'a>,
    pub items: &'a [ChecklistItem],
}
