//! A case's timeline: every dated record, oldest first, one entry each (each record says what
//! happened when, `model::section::Entry`), said the same way by `cordwatch show` and the Patient
//! view.

use crate::model::{Case, Stamp};

/// One dated record: when ("2026-11-21" for a record known by its date alone, else with the
/// time) and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub when: String,
    pub what: String,
}

/// Every dated record, oldest first.
pub fn timeline(case: &Case) -> Vec<TimelineEntry> {
    let mut events: Vec<(Stamp, String)> =
        case.sections().iter().flat_map(|s| s.entries.iter().flat_map(|e| e.history())).collect();
    events.sort_by_key(|(t, _)| *t);
    events
        .into_iter()
        .map(|(t, what)| {
            let when = if t.hour() == 0 && t.minute() == 0 { t.date().to_string() } else { t.to_string() };
            TimelineEntry { when, what }
        })
        .collect()
}
