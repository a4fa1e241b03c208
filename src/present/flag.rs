//! One flag's lines: whether its findings are still there, and where it stands against its
//! deadline (counting down with what has happened meanwhile, answered in time or late, or closed
//! with a reason).

use super::duration;
use crate::engine::{Flag, FlagStatus};
use crate::model::Stamp;

/// " — not present at the last exam" (with ", still open" where that matters), or nothing.
pub fn flag_gone(f: &Flag, say_still_open: bool) -> &'static str {
    match (f.present_at_last_exam, f.is_open() && say_still_open) {
        (true, _) => "",
        (false, true) => " — not present at the last exam, still open",
        (false, false) => " — not present at the last exam",
    }
}

/// Where a flag stands against its deadline: `lead`, then for an open flag the countdown, which
/// a front end may stress when `late`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagClock {
    pub lead: String,
    pub countdown: Option<String>,
    pub late: bool,
}

impl FlagClock {
    /// The whole line, unstressed.
    pub fn plain(&self) -> String {
        match &self.countdown {
            Some(c) => format!("{}{c}", self.lead),
            None => self.lead.clone(),
        }
    }
}

/// "raised 2026-11-23 04:00, MRI by 2026-11-24 04:00 — 19h left", and the same for a flag
/// that was actioned or closed.
pub fn flag_clock(f: &Flag, now: Stamp) -> FlagClock {
    let raised = &f.raised_at;
    match &f.status {
        FlagStatus::Open => {
            let left = f.minutes_left(now);
            let notes: String = f.notes.iter().map(|n| format!("; {n}")).collect();
            FlagClock {
                lead: format!("raised {raised}, {} — ", f.due_by(&f.deadline.to_string())),
                countdown: Some(format!("{}{notes}", duration::countdown(left))),
                late: left < 0,
            }
        }
        FlagStatus::Treated { at, treatment } => FlagClock {
            lead: format!(
                "raised {raised}; {} started {} ({})",
                treatment.as_str(),
                at.date(),
                if f.met_deadline() == Some(true) { "in time" } else { "LATE" }
            ),
            countdown: None,
            late: false,
        },
        FlagStatus::Actioned { at, kind } => FlagClock {
            lead: format!(
                "raised {raised}; {} done {at}, {} after ({})",
                kind.label(),
                duration::long(f.minutes_to_mri().unwrap_or(0)),
                if f.met_deadline() == Some(true) { "in time" } else { "LATE" }
            ),
            countdown: None,
            late: false,
        },
        FlagStatus::Closed { at, by, reason } => FlagClock {
            lead: format!(
                "raised {raised}; closed {at} by {}: {}",
                by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into()),
                reason.safe()
            ),
            countdown: None,
            late: false,
        },
    }
}
