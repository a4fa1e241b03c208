//! The JSON shapes of the command line's output, declared as types. The schema, with examples,
//! is in `docs/json.md`: field names and meanings are a contract for scripts, so a field is never
//! renamed or dropped. Every text value in them is display-safe.
//!
//! Times are "YYYY-MM-DD HH:MM" local ward time and dates "YYYY-MM-DD", as in the case files.
//! Keys are printed in alphabetical order (see [`to_text`]).

use serde::Serialize;

use crate::engine::audit;
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
    /// `open`, `actioned`, `treated`, `closed` or `within_ceiling` (raised under a standing
    /// decision of best supportive care or the patient's refusal: no MRI is demanded).
    pub status: &'static str,
    /// For confirmed MSCC: the compressed levels the MRI recorded (empty when it did not say).
    pub levels: Vec<String>,
    /// For confirmed MSCC: the decision to treat recorded for the episode (QS56 statement 6, 2023,
    /// counts radiotherapy from it; the flag's deadline counts from the MRI, the earlier clock).
    pub decided_at: Option<String>,
    pub decided: Option<&'static str>,
    pub decided_by: Option<String>,
    /// Minutes from the decision to treat to the start of treatment.
    pub minutes_decision_to_treatment: Option<i64>,
    /// For a flag shown as part of another (the pain flag raised from the same exam as the
    /// neurology flag): that flag's rule id; null otherwise.
    pub part_of: Option<String>,
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
    /// The listed closing reason of an emergency, and the role of who acknowledged.
    pub reason: Option<String>,
    pub role: Option<&'static str>,
}

impl<'a> FlagJson<'a> {
    pub fn new(f: &'a Flag, now: Stamp) -> FlagJson<'a> {
        let (closed, actioned_at, actioned_by) = match &f.status {
            FlagStatus::Closed { at, by, reason, .. } => (
                Some(ClosedJson { at: at.to_string(), by: by.as_ref().map(|b| b.safe()), reason: reason.safe() }),
                None,
                None,
            ),
            FlagStatus::Actioned { at, kind } => (None, Some(at.to_string()), Some(kind.as_str())),
            FlagStatus::Treated { at, treatment } => (None, Some(at.to_string()), Some(treatment.as_str())),
            FlagStatus::WithinCeiling { decided, what } => (
                Some(ClosedJson {
                    at: decided.to_string(),
                    by: None,
                    reason: format!("within the ceiling of care decided {decided}: {}", what.label()),
                }),
                None,
                None,
            ),
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
                    reason: a.reason.as_ref().map(|r| r.to_string()),
                    role: a.role.map(|r| r.as_str()),
                })
                .collect(),
            actions: f.actions(),
            source: f.source().one_line(),
            status: f.status_word(),
            levels: f.levels.iter().map(|l| l.to_string()).collect(),
            decided_at: f.decided.as_ref().map(|d| d.at.to_string()),
            decided: f.decided.as_ref().map(|d| d.what.as_str()),
            decided_by: f.decided.as_ref().map(|d| sanitize(&d.by)),
            minutes_decision_to_treatment: f.minutes_decision_to_treatment(),
            part_of: f.part_of.clone(),
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
    /// The kind of each problem, in the same order (`cannot_read`, `invalid`, `dated_ahead`...).
    pub problem_kinds: Vec<&'static str>,
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
            problem_kinds: row.entry.problems.iter().map(|p| p.kind.as_str()).collect(),
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
    /// Every job of the case, open ones first (overdue first, then by due time), then the done
    /// and cancelled ones by number.
    pub jobs: Vec<JobJson>,
    /// The handover note in force, or null.
    pub handover: Option<HandoverJson>,
    /// Every handover note, oldest first (a note with `note` null cleared the one before).
    pub handovers: Vec<HandoverJson>,
    pub case: &'a Case,
    /// With `--history`: who did what to the case, from the audit log, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryJson>>,
}

/// A handover note for the on-call team.
#[derive(Debug, Serialize)]
pub struct HandoverJson {
    pub at: String,
    pub by: Option<String>,
    pub note: Option<String>,
}

impl HandoverJson {
    fn new(h: &crate::model::jobs::Handover) -> HandoverJson {
        HandoverJson {
            at: h.at.to_string(),
            by: h.by.as_ref().map(|b| b.safe()),
            note: h.note.as_ref().map(|n| n.safe_multiline()),
        }
    }
}

/// One line of the audit log about a case.
#[derive(Debug, Serialize)]
pub struct HistoryJson {
    /// Local time of the write, with its UTC offset when the line has one.
    pub time: String,
    /// The OS account.
    pub user: String,
    /// The clinician, when the line names one.
    pub clinician: Option<String>,
    pub operation: String,
    pub summary: String,
}

impl HistoryJson {
    pub fn new(h: crate::store::History) -> HistoryJson {
        let safe = |s: &str| crate::model::text::sanitize(s);
        HistoryJson {
            time: safe(&h.time),
            user: safe(&h.user),
            clinician: h.clinician.as_deref().map(safe),
            operation: safe(&h.operation),
            summary: safe(&h.summary),
        }
    }
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
            jobs: {
                let mut closed: Vec<_> = case.jobs.iter().filter(|j| !j.is_open()).collect();
                closed.sort_by_key(|j| j.number);
                let open = crate::model::jobs::open_jobs(&case.jobs, a.now);
                open.into_iter().chain(closed).map(|j| JobJson::new(j, a.now)).collect()
            },
            handover: crate::model::jobs::current_handover(&case.handover).map(HandoverJson::new),
            handovers: case.handover.iter().map(HandoverJson::new).collect(),
            case,
            history: None,
        }
    }
}

/// `checklist --format json`.
#[derive(Debug, Serialize)]
pub struct Checklist<'a> {
    pub date: String,
    pub patients: Vec<ChecklistPatient<'a>>,
    /// Discharged patients (from the archive) and outpatients with pathway steps still open, each
    /// a [`FollowUpPatient`] written as it was read (the case is not kept).
    pub follow_up: Vec<&'a serde_json::Value>,
    /// Archived files that could not be read or have a problem (they may hide an open step), and
    /// an archive that could not be read at all.
    pub follow_up_problems: Vec<String>,
}

/// A patient on the follow-up list: the case head, when discharged, and the steps still open.
#[derive(Debug, Serialize)]
pub struct FollowUpPatient<'a> {
    #[serde(flatten)]
    pub head: CaseHead<'a>,
    pub discharged: Option<String>,
    pub steps: Vec<PathwayJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ChecklistPatient<'a> {
    #[serde(flatten)]
    pub head: CaseHead<'a>,
    pub items: &'a [ChecklistItem],
    /// The patient's open jobs, overdue first.
    pub jobs: Vec<JobJson>,
}

/// Hours from minutes, to a tenth of an hour: the audit's delays.
fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

/// How late, in hours to 0.1 h, rounded up: a standard missed by a minute is never "0.0" late.
fn hours_late(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).ceil() / 10.0
}

fn hours_f(minutes: f64) -> f64 {
    (minutes / 6.0).round() / 10.0
}

/// `audit --format json`: the window, the figures per measure, and every episode.
#[derive(Debug, Serialize)]
pub struct AuditJson {
    pub from: String,
    pub to: String,
    pub now: String,
    /// The ward asked for, or null for every ward.
    pub ward: Option<String>,
    pub cases: usize,
    pub archived_cases: usize,
    /// Files that could not be read: their episodes are not counted.
    pub unreadable: Vec<String>,
    /// The data directory has no archive folder: no discharged patient is counted.
    pub archive_missing: bool,
    /// Readable files with a problem: their episodes may be missing or wrong.
    pub problems: Vec<crate::engine::audit::FileProblem>,
    /// Case ids read from more than one file: each episode is counted once.
    pub repeated: Vec<crate::engine::audit::Repeated>,
    pub outcome_days: u32,
    pub measures: Vec<MeasureJson>,
    pub episodes: Vec<EpisodeJson>,
}

#[derive(Debug, Serialize)]
pub struct MeasureJson {
    pub measure: &'static str,
    pub title: &'static str,
    pub awaits: &'static str,
    pub standard_hours: u32,
    pub total: StatsJson,
    pub months: Vec<MonthJson>,
}

#[derive(Debug, Serialize)]
pub struct MonthJson {
    pub month: String,
    #[serde(flatten)]
    pub stats: StatsJson,
}

#[derive(Debug, Serialize)]
pub struct StatsJson {
    pub episodes: usize,
    pub judged: usize,
    pub within: usize,
    pub percent_within: Option<f64>,
    pub median_hours: Option<f64>,
    pub q1_hours: Option<f64>,
    pub q3_hours: Option<f64>,
    pub open_in_time: usize,
    pub open_overdue: usize,
    pub closed: usize,
    /// Closed after the deadline (also in `closed`, `judged` and `missed`).
    pub closed_late: usize,
    /// Answered on the deadline's day, known by date only: counted apart.
    pub date_only: usize,
    pub missed: Vec<MissedJson>,
    pub walking: WalkingJson,
}

#[derive(Debug, Serialize)]
pub struct MissedJson {
    pub case_id: String,
    pub rule: String,
    pub raised_at: String,
    pub missed_by_hours: f64,
    pub open: bool,
    /// Closed by a clinician after the deadline had passed.
    pub closed: bool,
}

#[derive(Debug, Serialize)]
pub struct WalkingJson {
    pub kept: usize,
    pub lost: usize,
    pub regained: usize,
    pub not_walking: usize,
    pub pending: usize,
    pub unknown: usize,
}

impl StatsJson {
    pub fn new(s: &audit::Stats) -> StatsJson {
        let w = &s.walking;
        StatsJson {
            episodes: s.episodes,
            judged: s.judged,
            within: s.within,
            percent_within: s.percent_within().map(|p| (p * 10.0).round() / 10.0),
            median_hours: s.median_minutes.map(hours_f),
            q1_hours: s.q1_minutes.map(hours_f),
            q3_hours: s.q3_minutes.map(hours_f),
            open_in_time: s.open_in_time,
            open_overdue: s.open_overdue,
            closed: s.closed,
            closed_late: s.closed_late,
            date_only: s.date_only,
            missed: s
                .missed
                .iter()
                .map(|m| MissedJson {
                    case_id: m.case_id.clone(),
                    rule: m.rule.clone(),
                    raised_at: m.raised_at.to_string(),
                    missed_by_hours: hours_late(m.by_minutes),
                    open: m.open,
                    closed: m.closed,
                })
                .collect(),
            walking: WalkingJson {
                kept: w.kept,
                lost: w.lost,
                regained: w.regained,
                not_walking: w.not_walking,
                pending: w.pending,
                unknown: w.unknown,
            },
        }
    }
}

impl MeasureJson {
    pub fn new(m: &audit::MeasureSummary) -> MeasureJson {
        MeasureJson {
            measure: m.measure.id(),
            title: m.measure.title(),
            awaits: m.measure.awaits().word(),
            standard_hours: m.standard_hours,
            total: StatsJson::new(&m.total),
            months: m
                .months
                .iter()
                .map(|mo| MonthJson { month: mo.month.clone(), stats: StatsJson::new(&mo.stats) })
                .collect(),
        }
    }
}

/// One episode: one JSON object, and one CSV row with the same columns ([`EPISODE_COLUMNS`]).
#[derive(Debug, Serialize)]
pub struct EpisodeJson {
    pub case_id: String,
    pub ward: Option<String>,
    pub archived: bool,
    pub rule: String,
    pub measure: &'static str,
    pub raised_at: String,
    pub deadline: String,
    pub mri_requested: Option<String>,
    pub mri_done: Option<String>,
    pub hours_to_mri: Option<f64>,
    pub result: Option<&'static str>,
    pub escc: Option<String>,
    pub treatment: Option<&'static str>,
    pub treatment_date: Option<String>,
    pub hours_mri_to_treatment: Option<f64>,
    pub status: &'static str,
    pub within_standard: Option<bool>,
    pub missed_by_hours: Option<f64>,
    pub open_hours: Option<f64>,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub closed_reason: Option<String>,
    pub exam_in: Option<String>,
    pub gait_in: Option<&'static str>,
    pub frankel_in: Option<&'static str>,
    pub walking_in: Option<bool>,
    pub exam_out: Option<String>,
    pub gait_out: Option<&'static str>,
    pub frankel_out: Option<&'static str>,
    pub walking_out: Option<bool>,
    pub walking: &'static str,
    /// When treatment started, when the case file gives its time (a later column: the earlier
    /// ones keep their places).
    pub treatment_at: Option<String>,
    /// The decision to treat recorded for the episode, and the hours from it to treatment: the
    /// clock of QS56 statement 6 (2023), beside the MRI's (later columns).
    pub decided_at: Option<String>,
    pub hours_decision_to_treatment: Option<f64>,
}

/// The CSV columns, in order: the fields of [`EpisodeJson`] (a test keeps them in step).
pub const EPISODE_COLUMNS: [&str; 34] = [
    "case_id",
    "ward",
    "archived",
    "rule",
    "measure",
    "raised_at",
    "deadline",
    "mri_requested",
    "mri_done",
    "hours_to_mri",
    "result",
    "escc",
    "treatment",
    "treatment_date",
    "hours_mri_to_treatment",
    "status",
    "within_standard",
    "missed_by_hours",
    "open_hours",
    "closed_at",
    "closed_by",
    "closed_reason",
    "exam_in",
    "gait_in",
    "frankel_in",
    "walking_in",
    "exam_out",
    "gait_out",
    "frankel_out",
    "walking_out",
    "walking",
    "treatment_at",
    "decided_at",
    "hours_decision_to_treatment",
];

impl EpisodeJson {
    pub fn new(e: &audit::Episode) -> EpisodeJson {
        let (closed_at, closed_by, closed_reason) = match &e.outcome {
            audit::Outcome::Closed { at, by, reason, .. } => (Some(at.to_string()), by.clone(), Some(reason.clone())),
            _ => (None, None, None),
        };
        let open_hours = match e.outcome {
            audit::Outcome::Open { age_minutes, .. } => Some(hours(age_minutes)),
            _ => None,
        };
        EpisodeJson {
            case_id: e.case_id.clone(),
            ward: e.ward.clone(),
            archived: e.archived,
            rule: e.rule.clone(),
            measure: e.measure.id(),
            raised_at: e.raised_at.to_string(),
            deadline: e.deadline.to_string(),
            mri_requested: e.mri_requested.map(|s| s.to_string()),
            mri_done: e.mri_done.map(|s| s.to_string()),
            hours_to_mri: e.minutes_to_mri.map(hours),
            result: e.result.map(|r| r.as_str()),
            escc: e.escc.map(|g| g.to_string()),
            treatment: e.treatment.map(|t| t.as_str()),
            treatment_date: e.treatment_date.map(|d| d.to_string()),
            hours_mri_to_treatment: e.minutes_mri_to_treatment.map(hours),
            status: e.outcome.word(),
            within_standard: e.outcome.within_standard(),
            missed_by_hours: e.outcome.missed_by_minutes().map(hours_late),
            open_hours,
            closed_at,
            closed_by,
            closed_reason,
            exam_in: e.walk_in.map(|w| w.at.to_string()),
            gait_in: e.walk_in.and_then(|w| w.gait).map(|g| g.as_str()),
            frankel_in: e.walk_in.and_then(|w| w.frankel).map(|f| f.as_str()),
            walking_in: e.walk_in.and_then(|w| w.walking),
            exam_out: e.walk_out.map(|w| w.at.to_string()),
            gait_out: e.walk_out.and_then(|w| w.gait).map(|g| g.as_str()),
            frankel_out: e.walk_out.and_then(|w| w.frankel).map(|f| f.as_str()),
            walking_out: e.walk_out.and_then(|w| w.walking),
            walking: e.walking.as_str(),
            treatment_at: e.treatment_at.map(|t| t.to_string()),
            decided_at: e.decided_at.map(|t| t.to_string()),
            hours_decision_to_treatment: e.minutes_decision_to_treatment.map(hours),
        }
    }
}

/// One job: on the ward list (`job list`, with its patient) or on one case.
#[derive(Debug, Serialize)]
pub struct JobJson {
    /// The patient's case id, name, bed and ward (on the ward list only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bed: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ward: Option<Option<String>>,
    pub number: u32,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
    /// `open`, `done` or `cancelled`.
    pub status: &'static str,
    pub at: String,
    pub by: Option<String>,
    pub done: Option<String>,
    pub done_by: Option<String>,
    pub cancelled: Option<String>,
    pub cancelled_by: Option<String>,
    pub reason: Option<String>,
}

impl JobJson {
    pub fn new(job: &crate::model::Job, now: Stamp) -> JobJson {
        let safe = |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.safe());
        JobJson {
            id: None,
            name: None,
            bed: None,
            ward: None,
            number: job.number,
            text: job.text.safe(),
            owner: safe(&job.owner),
            due: job.due.map(|d| d.to_string()),
            overdue: job.is_overdue(now),
            status: job.status().as_str(),
            at: job.at.to_string(),
            by: safe(&job.by),
            done: job.done.map(|d| d.to_string()),
            done_by: safe(&job.done_by),
            cancelled: job.cancelled.map(|d| d.to_string()),
            cancelled_by: safe(&job.cancelled_by),
            reason: safe(&job.reason),
        }
    }

    pub fn on_ward(w: &crate::ward::WardJob, now: Stamp) -> JobJson {
        let case = w.row.case();
        JobJson {
            id: case.map(|c| c.id.to_string()),
            name: case.map(|c| c.name.safe()),
            bed: Some(case.and_then(|c| c.bed.as_ref().map(|b| b.safe()))),
            ward: Some(case.and_then(|c| c.ward.as_ref().map(|b| b.safe()))),
            ..JobJson::new(w.job, now)
        }
    }
}
