//! Decisions about definitive treatment, applied to the flags.
//!
//! A decision counts only with a name and a role the guidelines let decide; one that does not is
//! shown on the flags it would have decided, and decides nothing. A counted decision to treat is
//! noted on its episode of confirmed MSCC (QS56 statement 6 counts radiotherapy from it). Best
//! supportive care, the patient's refusal, or "not MSCC" on senior review closes the flags it
//! applies to that are still open when it is made. After best supportive care or a refusal, a
//! later flag falls under that ceiling of care: no MRI is demanded, and the ceiling is reviewed
//! with the team instead (`care-review`), until a later decision replaces it.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::closing::decision_counts;
use super::flag::{Awaits, DecisionToTreat, Flag, FlagNote, FlagStatus};
use super::timeline::Timeline;

/// "Dr Okafor (consultant clinical oncologist)".
pub(crate) fn decider(d: &Decision) -> String {
    let by = d.by.as_ref().map(Text::safe).unwrap_or_else(|| "?".into());
    match d.role {
        Some(role) => format!("{by} ({})", role.label()),
        None => by,
    }
}

/// Whether a decision is about this flag: made after it was raised, and for its episode when the
/// decision names one (an episode is a confirmed compression, named by its MRI's time).
fn about(d: &Decision, flag: &Flag) -> bool {
    if d.at < flag.raised_at {
        return false;
    }
    match d.episode {
        None => true,
        Some(episode) => {
            flag.awaits() == Awaits::Treatment
                && if episode.is_date_only() {
                    episode.date() == flag.raised_at.date()
                } else {
                    episode == flag.raised_at
                }
        }
    }
}

/// The latest counted decision made before `at`, if it sets a ceiling of care.
pub(crate) fn ceiling_at<'a>(g: &Guidelines, timeline: &Timeline<'a>, at: Stamp) -> Option<&'a Decision> {
    timeline
        .decisions
        .iter()
        .copied()
        .rev()
        .find(|d| d.at < at && decision_counts(g, d).is_ok())
        .filter(|d| d.what.is_ceiling())
}

pub(crate) fn apply(g: &Guidelines, timeline: &Timeline<'_>, flags: &mut [Flag]) {
    for flag in flags.iter_mut() {
        if flag.is_open()
            && let Some(d) = ceiling_at(g, timeline, flag.raised_at)
        {
            flag.status = FlagStatus::WithinCeiling { decided: d.at, what: d.what };
            flag.notes.clear();
            continue;
        }
        let mut uncounted = Vec::new();
        let decisions: Vec<&Decision> = timeline.decisions.iter().copied().filter(|d| about(d, flag)).collect();
        for d in decisions {
            if let Err(why) = decision_counts(g, d) {
                uncounted.push(FlagNote::DecisionNotCounted { what: why });
                continue;
            }
            let before = flag.settled_at().is_none_or(|s| d.at <= s);
            if d.what.is_to_treat() && flag.awaits() == Awaits::Treatment && flag.decided.is_none() && before {
                flag.decided = Some(DecisionToTreat { at: d.at, what: d.what, by: decider(d) });
            }
            let closes = d.what.is_ceiling() || d.what == DecisionKind::NotMsccOnReview;
            if closes && flag.settled_at().is_none_or(|s| d.at < s) {
                let why = d.why.as_ref().map(|w| format!(": {}", w.safe())).unwrap_or_default();
                flag.status = FlagStatus::Closed {
                    at: d.at,
                    by: Some(Text::new(decider(d))),
                    reason: Text::new(format!("decision: {}{why}", d.what.label())),
                    no_mscc: d.what == DecisionKind::NotMsccOnReview,
                };
                flag.acknowledgements.retain(|a| a.at <= d.at);
                flag.notes.clear();
            }
        }
        if flag.is_open() {
            flag.notes.extend(uncounted);
        }
    }
}
