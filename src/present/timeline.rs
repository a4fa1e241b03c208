//! A case's timeline: every dated record, oldest first, one entry each (each record says what
//! happened when, `model::section::Entry`), said the same way by `cordwatch show` and the Patient
//! view. A struck record stays on it, marked struck, with a line of its own for the strike (who,
//! when, why).

use crate::model::{Case, Stamp};

/// One dated record: when ("2026-11-21" for a record known by its date alone, else with the
/// time) and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub when: String,
    pub what: String,
    /// From a record struck out as entered in error (the rules do not count it), or the strike.
    pub struck: bool,
}

/// The words that mark a struck record's lines.
pub const STRUCK: &str = "[STRUCK]";

/// Every dated record, oldest first.
pub fn timeline(case: &Case) -> Vec<TimelineEntry> {
    let mut events: Vec<(Stamp, String, bool)> = Vec::new();
    for section in case.sections() {
        for entry in &section.entries {
            let struck = entry.struck();
            for (at, what) in entry.history() {
                match struck {
                    Some(_) => events.push((at, format!("{STRUCK} {what}"), true)),
                    None => events.push((at, what, false)),
                }
            }
            if let Some(strike) = struck {
                let named = entry.named_at().map(|m| format!("{} {m}", section.key)).unwrap_or_default();
                events.push((strike.at, format!("{STRUCK} {named} struck{}", strike.who_why()), true));
            }
        }
    }
    events.sort_by_key(|(t, _, _)| *t);
    events
        .into_iter()
        .map(|(t, what, struck)| {
            let when = if t.hour() == 0 && t.minute() == 0 { t.date().to_string() } else { t.to_string() };
            TimelineEntry { when, what, struck }
        })
        .collect()
}
