//! Checks of a case against the guidelines that parsing alone cannot make, and what the engine
//! refuses: a record dated in the future, a dose outside the drug's range, an acknowledgement of a
//! rule that is not open, a discharge with an emergency still open.

use crate::guidelines::{Guidelines, Level};
use crate::model::event::running_at;
use crate::model::*;

use super::Assessment;
use super::timeline::Timeline;

/// A problem with the record, with a piece of its text to find the line by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    pub kind: ProblemKind,
    pub message: String,
    /// Text on the offending line, for pointing at it (`every_weeks: 20`).
    pub needle: Option<String>,
}

/// (problems, warnings) of a case at the timeline's moment.
pub(crate) fn record_checks(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> (Vec<RecordProblem>, Vec<String>) {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for f in &timeline.future {
        if f.within_skew {
            warnings.push(f.message.clone());
        } else {
            problems.push(RecordProblem {
                kind: ProblemKind::DatedAhead,
                message: f.message.clone(),
                needle: Some(f.written.clone()),
            });
        }
    }
    if let Some(agent) = &case.bone_agent
        && let Some(weeks) = agent.every_weeks
        && let Some(rule) = g.bone_agents.drug(agent.drug)
        && !(rule.min_weeks..=rule.max_weeks).contains(&weeks.get())
    {
        problems.push(RecordProblem {
            kind: ProblemKind::OutOfRange,
            message: format!(
                "bone_agent.every_weeks {weeks} is outside the range for {} ({} to {} weeks); correct the interval",
                agent.drug, rule.min_weeks, rule.max_weeks
            ),
            needle: Some(format!("every_weeks: {weeks}")),
        });
    }
    let rules = &g.pathway.steroids;
    for s in &case.steroids {
        if let (Some(mg), Some(range)) = (s.mg_per_day, rules.drug(s.drug.raw()))
            && !(range.min_mg_per_day..=range.max_mg_per_day).contains(&mg.get())
        {
            problems.push(RecordProblem {
                kind: ProblemKind::OutOfRange,
                message: format!(
                    "steroid `{}` from {}: mg_per_day {mg} is outside {} to {} mg a day; check the dose",
                    s.drug.safe(),
                    s.start,
                    range.min_mg_per_day,
                    range.max_mg_per_day
                ),
                needle: Some(format!("mg_per_day: {mg}")),
            });
        }
    }
    for s in &case.steroids {
        if rules.drug(s.drug.raw()).is_none() {
            let names: Vec<&str> = rules.drugs.iter().map(|d| d.drug.as_str()).collect();
            warnings.push(format!(
                "steroid `{}` from {} is not a corticosteroid the guidelines list ({}); it is not counted as one and its dose is not checked",
                s.drug.safe(),
                s.start,
                names.join(", ")
            ));
        }
    }
    let now = timeline.now;
    let running: Vec<&Steroid> = case.steroids.iter().filter(|s| running_at(s, now)).collect();
    for (i, a) in running.iter().enumerate() {
        if running[..i].iter().any(|b| b.drug.raw().eq_ignore_ascii_case(a.drug.raw())) {
            warnings.push(format!(
                "two {} courses are running at once (one from {}); stop the old course when the dose changes",
                a.drug.safe(),
                a.start
            ));
        }
    }
    warnings.extend(super::schedule::old_baseline_note(case, g, timeline));
    (problems, warnings)
}

/// An acknowledgement of a rule that is not open for this patient, and the rules that are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOpen {
    pub rule: String,
    pub open: Vec<String>,
}

impl std::fmt::Display for NotOpen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.open.as_slice() {
            [] => write!(f, "`{}` is not open for this patient, and nothing is open to acknowledge", self.rule),
            open => write!(f, "`{}` is not open for this patient; open now: {}", self.rule, open.join(", ")),
        }
    }
}

impl std::error::Error for NotOpen {}

/// Refuses an acknowledgement of a rule that is not open for this patient, naming the open ones.
pub fn check_acknowledgement(a: &Assessment, rule: &str) -> Result<(), NotOpen> {
    let open = a.open_rule_ids();
    if open.contains(&rule) {
        return Ok(());
    }
    Err(NotOpen { rule: rule.to_string(), open: open.into_iter().map(String::from).collect() })
}

/// Why a patient must not be discharged now: every open emergency or urgent flag (confirmed MSCC
/// awaiting treatment among them) and every open urgent pathway step. Each must be answered or
/// closed with a reason first; and every record dated later than now, which is not judged yet.
pub fn discharge_blockers(a: &Assessment) -> Vec<String> {
    let mut out: Vec<String> = a
        .open_flags()
        .filter(|f| f.level >= Level::Urgent)
        .map(|f| format!("{} ({}, raised {})", f.rule_id(), f.level, f.raised_at))
        .collect();
    out.extend(
        a.open_pathway()
            .filter(|i| i.level == super::ItemLevel::Urgent)
            .map(|i| format!("{} (urgent, raised {})", i.rule, i.raised_at)),
    );
    // Not counted yet is not judged: a fresh exam a colleague's clock dates ahead may hold an
    // emergency, so the patient stays until it counts or its date is corrected.
    out.extend(a.dated_ahead.iter().cloned());
    out
}

/// Every pathway step still open (due or not yet): a discharge lists them and goes on only when
/// asked to, and they stay on the follow-up list afterwards.
pub fn open_steps(a: &Assessment) -> Vec<String> {
    a.open_pathway().chain(&a.follow_up).map(|i| format!("{} (due {}): {}", i.rule, i.due, i.title)).collect()
}

/// Why a closing acknowledgement would not close the emergency it names, judged by applying it
/// to the case as it stands: the same rule the flags are settled by, so the refusal at the desk
/// and the flag that stays open always agree. None when it closes it, or closes no emergency.
pub fn closing_refusal(
    case: &Case,
    g: &Guidelines,
    settings: &super::EngineSettings,
    ack: &Acknowledgement,
) -> Option<super::closing::UncountedClosing> {
    ack.closed.as_ref()?;
    let mut with = case.clone();
    with.acknowledged.push(ack.clone());
    let a = super::assess(&with, g, settings, ack.at);
    a.open_flags().filter(|f| f.rule_id() == ack.flag.as_str()).find_map(|f| {
        f.notes.iter().rev().find_map(|n| match n {
            super::flag::FlagNote::ClosureNotCounted { what } => Some(what.clone()),
            _ => None,
        })
    })
}
