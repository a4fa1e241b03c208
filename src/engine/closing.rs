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

/// Whether a decision counts: a name, and a role the guidelines let decide.
pub fn decision_counts(g: &Guidelines, d: &Decision) -> Result<(), String> {
    let who = d.by.as_ref().filter(|b| !b.is_blank()).map(Text::safe);
    let roles = &g.pathway.decisions.roles;
    match (who, d.role) {
        (None, _) => Err(format!(
            "the decision of {} at {} names nobody, so it decides nothing: record who decided and their role",
            d.what.label(),
            d.at
        )),
        (Some(who), None) => Err(format!(
            "the decision of {} at {} by {who} has no role; a name without a role decides nothing",
            d.what.label(),
            d.at
        )),
        (Some(who), Some(role)) if !roles.contains(&role) => Err(format!(
            "the decision of {} at {} by {who} ({}) decides nothing: decisions about definitive treatment are made by a {}",
            d.what.label(),
            d.at,
            role.label(),
            words(roles)
        )),
        _ => Ok(()),
    }
}

fn words(roles: &[Role]) -> String {
    roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ")
}

/// Whether a closing acknowledgement closes a flag of `level`, or what it lacks.
pub(crate) fn closes(
    g: &Guidelines,
    timeline: &Timeline<'_>,
    ack: &Acknowledgement,
    level: Level,
) -> Result<(), String> {
    if level != Level::Emergency {
        return Ok(());
    }
    let rules = &g.pathway.closing;
    let who = ack.by.as_ref().filter(|b| !b.is_blank()).map(Text::safe).unwrap_or_else(|| "someone unnamed".into());
    let lacks = |what: String| Err(format!("closing at {} by {who} does not close this emergency: {what}", ack.at));
    let Some(id) = &ack.reason else {
        return lacks(format!("give a closing reason ({}), who decided and their role", rules.ids().join(", ")));
    };
    let Some(reason) = rules.reason(id.as_str()) else {
        return lacks(format!("`{id}` is not a closing reason the guidelines list ({})", rules.ids().join(", ")));
    };
    if ack.by.as_ref().is_none_or(Text::is_blank) {
        return lacks("give the name of who decided".into());
    }
    let Some(role) = ack.role else {
        return lacks("give the role of who decided; a name without a role decides nothing".into());
    };
    if !reason.roles.contains(&role) {
        return lacks(format!(
            "a {} cannot close an emergency as `{id}` (it takes a {})",
            role.label(),
            words(&reason.roles)
        ));
    }
    if reason.needs_mri_time && ack.mri_at.is_none() {
        return lacks("give when the whole-spine MRI was done elsewhere (mri_at)".into());
    }
    if reason.needs_decision && !timeline.decisions.iter().any(|d| d.at <= ack.at && decision_counts(g, d).is_ok()) {
        return lacks("no treatment decision by a role that may decide is recorded before it".into());
    }
    Ok(())
}
