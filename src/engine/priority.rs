//! Clinical priority of a case, for ordering every list the same way.

use serde::Serialize;

use super::Assessment;
use super::schedule::DueStatus;
use crate::guidelines::Level;

/// Highest first: the order the round and the dashboard take patients in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// The file could not be read, or has a problem such as a duplicate id.
    Unreadable,
    Emergency,
    Deterioration,
    Urgent,
    NotExamined,
    Overdue,
    DueToday,
    Other,
}

impl Priority {
    pub fn of(a: &Assessment) -> Priority {
        let open = a.flags.iter().filter(|f| f.is_open());
        let mut best = Priority::Other;
        for f in open {
            let p = match (f.is_deterioration(), f.level) {
                (false, Level::Emergency) => Priority::Emergency,
                (true, _) => Priority::Deterioration,
                (false, Level::Urgent) => Priority::Urgent,
                (false, Level::None) => Priority::Other,
            };
            best = best.min(p);
        }
        for item in a.open_pathway() {
            match super::checklist::pathway_category(item, a.now.date(), a.due_soon_days) {
                Some(super::Category::Urgent) => best = best.min(Priority::Urgent),
                Some(super::Category::Overdue) => best = best.min(Priority::Overdue),
                Some(super::Category::DueToday) => best = best.min(Priority::DueToday),
                _ => {}
            }
        }
        if a.not_examined.is_some() {
            best = best.min(Priority::NotExamined);
        }
        for item in &a.schedule {
            match item.status {
                DueStatus::Overdue => best = best.min(Priority::Overdue),
                DueStatus::DueToday => best = best.min(Priority::DueToday),
                _ => {}
            }
        }
        best
    }
}
