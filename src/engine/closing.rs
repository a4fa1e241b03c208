//! What closes an emergency flag: a decision, not a note.
//!
//! An acknowledgement with `closed:` closes an urgent flag or a pathway step with its words. An
//! emergency (suspected MSCC with neurology, an emergency deterioration, confirmed MSCC awaiting
//! treatment) is closed only with a reason from the guidelines' list, by a named person in a role
//! that reason lists, and with what the reason needs (the time of an MRI done elsewhere, a
//! counted treatment decision). Anything less leaves the flag open and says what is missing.

use crate::guidelines::{Guidelines, Level};
use crate::model::*;

use super::timeline::Timeline;

/// Why a recorded decision decides nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionLack {
    /// No name is recorded.
    Nobody,
    /// A name without a role.
    NoRole { who: String },
    /// A role the guidelines do not let decide definitive treatment.
    RoleMayNotDecide { who: String, role: Role, may: Vec<Role> },
}

/// A decision that does not count, and why: its words are said where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncountedDecision {
    pub what: DecisionKind,
    pub at: Stamp,
    pub lack: DecisionLack,
}

impl std::fmt::Display for UncountedDecision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, at) = (self.what.label(), self.at);
        match &self.lack {
            DecisionLack::Nobody => {
                write!(
                    f,
                    "the decision of {what} at {at} names nobody, so it decides nothing: record who decided and their role"
                )
            }
            DecisionLack::NoRole { who } => {
                write!(f, "the decision of {what} at {at} by {who} has no role; a name without a role decides nothing")
            }
            DecisionLack::RoleMayNotDecide { who, role, may } => write!(
                f,
                "the decision of {what} at {at} by {who} ({}) decides nothing: decisions about definitive treatment are made by a {}",
                role.label(),
                words(may)
            ),
        }
    }
}

/// Whether a decision counts: a name, and a role the guidelines let decide.
pub fn decision_counts(g: &Guidelines, d: &Decision) -> Result<(), UncountedDecision> {
    let who = d.by.as_ref().filter(|b| !b.is_blank()).map(Text::safe);
    let roles = &g.pathway.decisions.roles;
    let lack = match (who, d.role) {
        (None, _) => DecisionLack::Nobody,
        (Some(who), None) => DecisionLack::NoRole { who },
        (Some(who), Some(role)) if !roles.contains(&role) => {
            DecisionLack::RoleMayNotDecide { who, role, may: roles.clone() }
        }
        _ => return Ok(()),
    };
    Err(UncountedDecision { what: d.what, at: d.at, lack })
}

fn words(roles: &[Role]) -> String {
    roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
}

/// What a closing acknowledgement lacks to close an emergency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingLack {
    /// No reason given; `reasons` are the guidelines' ids.
    NoReason { reasons: Vec<String> },
    /// A reason the guidelines do not list.
    UnknownReason { id: String, reasons: Vec<String> },
    /// Nobody named.
    NoName,
    /// A name without a role.
    NoRole,
    /// A role the reason does not list.
    RoleMayNotClose { role: Role, reason: String, may: Vec<Role> },
    /// The reason needs the time of an MRI done elsewhere.
    NoMriTime,
    /// The reason needs a counted treatment decision before it.
    NoDecision,
}

/// A closing that does not close its emergency: when, by whom, and what it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncountedClosing {
    pub at: Stamp,
    /// The name recorded, or "someone unnamed".
    pub who: String,
    pub lack: ClosingLack,
}

impl std::fmt::Display for UncountedClosing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "closing at {} by {} does not close this emergency: ", self.at, self.who)?;
        match &self.lack {
            ClosingLack::NoReason { reasons } => {
                write!(f, "give a closing reason ({}), who decided and their role", reasons.join(", "))
            }
            ClosingLack::UnknownReason { id, reasons } => {
                write!(f, "`{id}` is not a closing reason the guidelines list ({})", reasons.join(", "))
            }
            ClosingLack::NoName => f.write_str("give the name of who decided"),
            ClosingLack::NoRole => f.write_str("give the role of who decided; a name without a role decides nothing"),
            ClosingLack::RoleMayNotClose { role, reason, may } => {
                write!(f, "a {} cannot close an emergency as `{reason}` (it takes a {})", role.label(), words(may))
            }
            ClosingLack::NoMriTime => f.write_str("give when the whole-spine MRI was done elsewhere (mri_at)"),
            ClosingLack::NoDecision => {
                f.write_str("no treatment decision by a role that may decide is recorded before it")
            }
        }
    }
}

/// Whether a closing acknowledgement closes a flag of `level`, or what it lacks.
pub(crate) fn closes(
    g: &Guidelines,
    timeline: &Timeline<'_>,
    ack: &Acknowledgement,
    level: Level,
) -> Result<(), UncountedClosing> {
    if level != Level::Emergency {
        return Ok(());
    }
    let rules = &g.pathway.closing;
    let reasons = || rules.ids().iter().map(|r| r.to_string()).collect::<Vec<String>>();
    let lacks = |lack: ClosingLack| {
        let who = ack.by.as_ref().filter(|b| !b.is_blank()).map(Text::safe);
        Err(UncountedClosing { at: ack.at, who: who.unwrap_or_else(|| "someone unnamed".into()), lack })
    };
    let Some(id) = &ack.reason else {
        return lacks(ClosingLack::NoReason { reasons: reasons() });
    };
    let Some(reason) = rules.reason(id.as_str()) else {
        return lacks(ClosingLack::UnknownReason { id: id.to_string(), reasons: reasons() });
    };
    if ack.by.as_ref().is_none_or(Text::is_blank) {
        return lacks(ClosingLack::NoName);
    }
    let Some(role) = ack.role else {
        return lacks(ClosingLack::NoRole);
    };
    if !reason.roles.contains(&role) {
        return lacks(ClosingLack::RoleMayNotClose { role, reason: id.to_string(), may: reason.roles.clone() });
    }
    if reason.needs_mri_time && ack.mri_at.is_none() {
        return lacks(ClosingLack::NoMriTime);
    }
    if reason.needs_decision && !timeline.decisions.iter().any(|d| d.at <= ack.at && decision_counts(g, d).is_ok()) {
        return lacks(ClosingLack::NoDecision);
    }
    Ok(())
}
