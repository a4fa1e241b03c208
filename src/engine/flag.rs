//! A raised red flag: what raised it, when, its MRI deadline, and where it stands now.

use std::sync::Arc;

use crate::guidelines::{DeteriorationRule, Level, Sources, TreatmentRule, TriageRule};
use crate::model::*;

use super::finding::Finding;

/// The rule behind a flag.
#[derive(Debug, Clone)]
pub enum FlagRule {
    RedFlag(Arc<TriageRule>),
    Deterioration(Arc<DeteriorationRule>),
    /// Confirmed MSCC on a spine MRI, awaiting definitive treatment.
    Treatment(Arc<TreatmentRule>),
}

/// What a flag is waiting for: the MRI that answers a suspected MSCC, or the definitive treatment
/// that answers a confirmed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaits {
    Mri,
    Treatment,
}

impl std::fmt::Display for Awaits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl Awaits {
    /// The word used before a deadline: "MRI by 22 Nov 08:30", "treatment by ...".
    pub fn word(self) -> &'static str {
        match self {
            Awaits::Mri => "MRI",
            Awaits::Treatment => "treatment",
        }
    }
}

/// Definitive treatment for MSCC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    Radiotherapy,
    Surgery,
}

impl Treatment {
    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Radiotherapy => "radiotherapy",
            Treatment::Surgery => "surgery",
        }
    }
}

/// Why an open flag is still open although something has happened: each is said next to the
/// deadline, so nobody reads a requested or reported-less MRI as an answered flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagNote {
    /// A whole-spine MRI was requested and is not done yet.
    MriRequested { at: Stamp },
    /// A whole-spine MRI was done but its result is not recorded.
    ReportAwaited { done: Stamp },
    /// Only part of the spine was imaged; the whole spine must be.
    PartialSpine { done: Stamp },
    /// A whole-spine MRI recorded with a date alone on the day the flag was raised: it cannot be
    /// shown to come after the flag.
    DateOnlySameDay { date: Date },
    /// A whole-spine MRI recorded in the very minute the finding was: the finding counts as after
    /// it, so it does not answer it.
    SameMinute { done: Stamp },
    /// Definitive treatment is booked and not given yet: today by its day alone (it counts once
    /// its start time is recorded, or the day has passed), later today by its time, or on a later
    /// day. `late` is the deadline when the booking falls after it.
    TreatmentPlanned { at: Stamp, treatment: Treatment, today: bool, late: Option<Stamp> },
    /// A course or an operation that does not answer this compression, and why (another level,
    /// over before the MRI, no level recorded while it was under way).
    NotThisCompression { course: String, why: String },
    /// A decision recorded that decides nothing, and what it lacks.
    DecisionNotCounted { what: super::closing::UncountedDecision },
    /// An acknowledgement that tried to close this emergency without what closing needs.
    ClosureNotCounted { what: super::closing::UncountedClosing },
}

impl std::fmt::Display for FlagNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagNote::MriRequested { at } => write!(f, "MRI requested {}", at.day_month_time()),
            FlagNote::ReportAwaited { done } => write!(f, "MRI done {}, report awaited", done.day_month_time()),
            FlagNote::PartialSpine { done } => {
                write!(
                    f,
                    "spine MRI of {} covers part of the spine: partial spine MRI does not answer this",
                    done.day_month_time()
                )
            }
            FlagNote::DateOnlySameDay { date } => write!(
                f,
                "whole-spine MRI dated {date} has no time, so it does not answer a flag raised that day: record the time"
            ),
            FlagNote::SameMinute { done } => write!(
                f,
                "whole-spine MRI of {} is in the minute the finding was recorded, which counts as after it: it does not answer it",
                done.day_month_time()
            ),
            FlagNote::TreatmentPlanned { at, treatment, today, late } => {
                let t = treatment.as_str();
                match (at.is_date_only(), today) {
                    (true, true) => write!(f, "{t} booked today, no start time: record when it starts")?,
                    (true, false) => write!(f, "{t} planned {}", at.date())?,
                    (false, true) => write!(f, "{t} booked {}", at.time_of_day())?,
                    (false, false) => write!(f, "{t} planned {}", at.day_month_time())?,
                }
                match late {
                    Some(deadline) => write!(f, ", after the deadline {}", deadline.day_month_time()),
                    None => Ok(()),
                }
            }
            FlagNote::NotThisCompression { course, why } => write!(f, "{course} does not answer it: {why}"),
            FlagNote::DecisionNotCounted { what } => write!(f, "{what}"),
            FlagNote::ClosureNotCounted { what } => write!(f, "{what}"),
        }
    }
}

/// A decision to give definitive treatment for an episode of confirmed MSCC: the moment QS56
/// statement 6 (2023) counts radiotherapy from.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionToTreat {
    pub at: Stamp,
    pub what: DecisionKind,
    /// "Dr Okafor (consultant clinical oncologist)".
    pub by: String,
}

/// Where a flag stands.
#[derive(Debug, Clone, PartialEq)]
pub enum FlagStatus {
    /// No spine MRI since it was raised, and not closed: the clock is running.
    Open,
    /// A whole-spine MRI with a result was done at or after the moment the flag was raised.
    Actioned { at: Stamp, kind: ImagingKind },
    /// Definitive treatment started (a confirmed-MSCC flag); `at` is its date, as a date alone.
    Treated { at: Stamp, treatment: Treatment },
    /// A clinician closed it without imaging, with a reason (or a decision of best supportive
    /// care, the patient's refusal, or "not MSCC" on senior review closed it).
    /// `no_mscc`: closed by a reason or decision that says there was no cord compression to
    /// treat (not suspected on senior review, entered in error): nothing of the MSCC pathway
    /// (corticosteroids) follows from it.
    Closed { at: Stamp, by: Option<Text>, reason: Text, no_mscc: bool },
    /// Raised after a decision of best supportive care or the patient's refusal, which still
    /// stands: no MRI is demanded, and the ceiling of care is reviewed instead (`care-review`).
    /// Never hidden: it is listed with the decision it falls under.
    WithinCeiling { decided: Stamp, what: DecisionKind },
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub rule: FlagRule,
    pub level: Level,
    /// The findings that raised the flag, at the exam that raised it.
    pub findings: Vec<Finding>,
    pub raised_at: Stamp,
    /// Raised time plus the rule's MRI deadline for this level.
    pub deadline: Stamp,
    pub status: FlagStatus,
    /// Whether the last exam still shows the findings. An open flag whose findings have gone is
    /// still open: symptoms that come and go are still red flags.
    pub present_at_last_exam: bool,
    /// Acknowledgements made while the flag was open (closing ones included).
    pub acknowledgements: Vec<Acknowledgement>,
    /// For an open flag: what has happened that does not answer it yet.
    pub notes: Vec<FlagNote>,
    /// What the flag rests on when it is not an exam (the MRI that confirmed MSCC).
    pub evidence: Option<String>,
    /// For confirmed MSCC: the compressed levels the MRI recorded (none when it did not say).
    pub levels: Vec<LevelSpan>,
    /// For confirmed MSCC: the decision to treat recorded for this episode, if any.
    pub decided: Option<DecisionToTreat>,
    /// For a lesser red flag raised from the same exam as an emergency red flag (the pain flag
    /// beside the neurology flag): the id of that flag. Lists show it as part of that flag, not
    /// as a line of its own; it is still a flag, counted, answered and shown under it.
    pub part_of: Option<String>,
}

impl Flag {
    pub fn rule_id(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.id,
            FlagRule::Deterioration(d) => &d.id,
            FlagRule::Treatment(t) => &t.id,
        }
    }

    /// The rule's short label for tables.
    pub fn tag(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.tag,
            FlagRule::Deterioration(d) => &d.tag,
            FlagRule::Treatment(t) => &t.tag,
        }
    }

    pub fn title(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.title,
            FlagRule::Deterioration(d) => &d.title,
            FlagRule::Treatment(t) => &t.title,
        }
    }

    pub fn statement(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.statement,
            FlagRule::Deterioration(d) => &d.statement,
            FlagRule::Treatment(t) => &t.statement,
        }
    }

    pub fn actions(&self) -> &[String] {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.actions,
            FlagRule::Deterioration(d) => &d.actions,
            FlagRule::Treatment(t) => &t.actions,
        }
    }

    pub fn source(&self) -> &Sources {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.source,
            FlagRule::Deterioration(d) => &d.source,
            FlagRule::Treatment(t) => &t.source,
        }
    }

    pub fn is_deterioration(&self) -> bool {
        matches!(self.rule, FlagRule::Deterioration(_))
    }

    /// Whether this flag waits for an MRI or for treatment.
    pub fn awaits(&self) -> Awaits {
        match self.rule {
            FlagRule::Treatment(_) => Awaits::Treatment,
            _ => Awaits::Mri,
        }
    }

    /// "motor weakness, bladder retention", or for a confirmed-MSCC flag the MRI that showed it.
    pub fn what(&self) -> String {
        match &self.evidence {
            Some(e) if self.findings.is_empty() => e.clone(),
            _ => super::finding::join(&self.findings),
        }
    }

    pub fn is_open(&self) -> bool {
        self.status == FlagStatus::Open
    }

    /// When it stopped being open: answered, treated, closed, or fallen under a ceiling of care
    /// (from the moment it was raised).
    pub fn settled_at(&self) -> Option<Stamp> {
        match &self.status {
            FlagStatus::Open => None,
            FlagStatus::Actioned { at, .. } | FlagStatus::Closed { at, .. } | FlagStatus::Treated { at, .. } => {
                Some(*at)
            }
            FlagStatus::WithinCeiling { .. } => Some(self.raised_at),
        }
    }

    /// Answered by what it waits for: the MRI, or the definitive treatment.
    pub fn is_actioned(&self) -> bool {
        matches!(self.status, FlagStatus::Actioned { .. } | FlagStatus::Treated { .. })
    }

    /// Minutes from raising to the MRI that actioned the flag.
    pub fn minutes_to_mri(&self) -> Option<i64> {
        match self.status {
            FlagStatus::Actioned { at, .. } => Some(at.minutes_since(self.raised_at)),
            _ => None,
        }
    }

    /// Minutes until the deadline (negative once it has passed).
    pub fn minutes_left(&self, now: Stamp) -> i64 {
        self.deadline.minutes_since(now)
    }

    /// Minutes from raising to the start of definitive treatment (treated flags only; for a
    /// treatment known only by its date, from the start of that day).
    pub fn minutes_to_treatment(&self) -> Option<i64> {
        match self.status {
            FlagStatus::Treated { at, .. } => Some(at.minutes_since(self.raised_at).max(0)),
            _ => None,
        }
    }

    /// Minutes from the decision to treat to the start of treatment (treated flags with a
    /// recorded decision only).
    pub fn minutes_decision_to_treatment(&self) -> Option<i64> {
        match (&self.status, &self.decided) {
            (FlagStatus::Treated { at, .. }, Some(d)) => Some(at.minutes_since(d.at).max(0)),
            _ => None,
        }
    }

    /// Where it stands, in the word the JSON output uses.
    pub fn status_word(&self) -> &'static str {
        match self.status {
            FlagStatus::Open => "open",
            FlagStatus::Actioned { .. } => "actioned",
            FlagStatus::Treated { .. } => "treated",
            FlagStatus::Closed { .. } => "closed",
            FlagStatus::WithinCeiling { .. } => "within_ceiling",
        }
    }

    /// "MRI by 24 Nov 04:00", "treatment by ...": the deadline with what it is for, `when`
    /// written as the caller needs it. The one place that says what a flag's deadline is for.
    pub fn due_by(&self, when: &str) -> String {
        format!("{} by {when}", self.awaits().word())
    }

    /// Whether the MRI or treatment came within the deadline (answered flags only). A treatment
    /// known only by its date counts here as in time when that date is the deadline's date or
    /// earlier (the audit, stricter, counts the deadline's own day apart: `audit::judge`).
    pub fn met_deadline(&self) -> Option<bool> {
        match self.status {
            FlagStatus::Actioned { at, .. } => Some(at <= self.deadline),
            FlagStatus::Treated { at, .. } if at.is_date_only() => Some(at.date() <= self.deadline.date()),
            FlagStatus::Treated { at, .. } => Some(at <= self.deadline),
            _ => None,
        }
    }
}
