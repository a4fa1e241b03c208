//! Follow-up schedules: every recurring item (spine imaging, baseline imaging, pending results,
//! bone-agent doses and their blood tests, dental review, treatment cycles) as a dated item with a
//! status for today, the rule it came from and that rule's source.

mod bone_agent;
mod cycles;
mod imaging;

use std::sync::Arc;

use serde::Serialize;

use crate::guidelines::{Guidelines, Sources};
use crate::model::*;

use super::timeline::Timeline;

pub use imaging::next_imaging_due;
pub(crate) use imaging::old_baseline_note;
pub(crate) use imaging::pending_detail;

/// Where an item stands on a given day; ordered as the round takes them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// Due before today.
    Overdue,
    DueToday,
    /// Requested and waiting for its result.
    Pending,
    /// Due within the "due soon" window.
    DueSoon,
    Later,
}

impl DueStatus {
    pub fn for_date(due: Date, today: Date, soon_days: u32) -> DueStatus {
        let days = due.days_since(today);
        if days < 0 {
            DueStatus::Overdue
        } else if days == 0 {
            DueStatus::DueToday
        } else if days <= i64::from(soon_days) {
            DueStatus::DueSoon
        } else {
            DueStatus::Later
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DueStatus::Overdue => "OVERDUE",
            DueStatus::DueToday => "due today",
            DueStatus::Pending => "pending",
            DueStatus::DueSoon => "due soon",
            DueStatus::Later => "later",
        }
    }
}

/// What kind of thing is due, and so which record completes it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    SpineImaging,
    BaselineImaging,
    PendingResult,
    BoneAgentDose,
    BloodTest,
    DentalReview,
    TreatmentCycle,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScheduleItem {
    pub kind: ItemKind,
    pub title: String,
    pub due: Date,
    pub status: DueStatus,
    /// How the date was worked out ("last MRI 2026-08-01 + 16 weeks (disease stable)").
    pub detail: String,
    pub rule: String,
    /// Shared with the guidelines: every item of every patient points at the same text.
    pub statement: Arc<str>,
    pub source: Arc<str>,
    /// For pending results: the imaging kind awaited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imaging_kind: Option<ImagingKind>,
    /// For pending results: when it was requested, from which `detail` says how long it has
    /// waited (see [`crate::engine::next_change::advance_waiting`]). Not written out: `detail`
    /// says it.
    #[serde(skip)]
    pub waiting_since: Option<Stamp>,
}

impl ScheduleItem {
    pub(crate) fn new(
        kind: ItemKind,
        title: String,
        due: Date,
        status: DueStatus,
        detail: String,
        rule: (&str, &Arc<str>, &Sources),
    ) -> ScheduleItem {
        ScheduleItem {
            kind,
            title,
            due,
            status,
            detail,
            rule: rule.0.to_string(),
            statement: Arc::clone(rule.1),
            source: rule.2.shared(),
            imaging_kind: None,
            waiting_since: None,
        }
    }
}

/// Every schedule item of a case on `today`, most pressing first.
pub fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, soon_days: u32) -> Vec<ScheduleItem> {
    let today = timeline.now.date();
    let mut out = Vec::new();
    imaging::items(case, g, timeline, soon_days, &mut out);
    bone_agent::items(case, g, today, soon_days, &mut out);
    cycles::items(case, g, today, soon_days, &mut out);
    out.sort_by_key(|i| (i.status, i.due));
    out
}

/// The next dose date of the case's bone agent, if it has one that is not stopped.
pub fn bone_agent_due(case: &Case, g: &Guidelines, today: Date) -> Option<Date> {
    bone_agent::next_dose(case, g, today).map(|(due, _)| due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn status_boundaries_are_exact() {
        let today = d("2026-11-23");
        assert_eq!(DueStatus::for_date(d("2026-11-22"), today, 7), DueStatus::Overdue);
        assert_eq!(DueStatus::for_date(d("2026-11-23"), today, 7), DueStatus::DueToday);
        assert_eq!(DueStatus::for_date(d("2026-11-24"), today, 7), DueStatus::DueSoon);
        assert_eq!(DueStatus::for_date(d("2026-11-30"), today, 7), DueStatus::DueSoon);
        assert_eq!(DueStatus::for_date(d("2026-12-01"), today, 7), DueStatus::Later);
        assert_eq!(DueStatus::for_date(d("2026-11-24"), today, 0), DueStatus::Later);
    }
}
