//! Clinical priority of a case, for ordering every list the same way.

use serde::Serialize;

use super::Assessment;
use super::checklist::{Category, pathway_category};
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
    /// The priority a checklist section gives a case. The sections after "due today" do not
    /// raise it. Written as a match over every section, so a new section must be placed here.
    pub fn of_category(c: Category) -> Priority {
        match c {
            Category::Emergency => Priority::Emergency,
            Category::Deterioration => Priority::Deterioration,
            Category::Urgent => Priority::Urgent,
            Category::NotExamined => Priority::NotExamined,
            Category::Overdue => Priority::Overdue,
            Category::DueToday => Priority::DueToday,
            Category::Pending | Category::DueSoon | Category::NotReviewed => Priority::Other,
        }
    }

    /// The most pressing section the case has on the round: its open flags (a flag of no level
    /// does not count), its pathway steps, not examined, and its schedule.
    pub fn of(a: &Assessment) -> Priority {
        let today = a.now.date();
        let flags = a.open_flags().filter(|f| f.is_deterioration() || f.level > Level::None).map(Category::of_flag);
        let steps = a.open_pathway().filter_map(|i| pathway_category(i, today, a.due_soon_days));
        let exam = a.not_examined.is_some().then_some(Category::NotExamined);
        let schedule = a.schedule.iter().filter_map(|i| Category::of_due(i.status));
        flags.chain(steps).chain(exam).chain(schedule).map(Priority::of_category).min().unwrap_or(Priority::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Priority orders the patients and Category the sections of each patient's round: a case's
    /// place in the list must follow the most pressing section it has.
    #[test]
    fn priority_follows_the_checklist_sections() {
        for pair in Category::ALL.windows(2) {
            assert!(pair[0] < pair[1], "Category::ALL is in round order");
            assert!(
                Priority::of_category(pair[0]) <= Priority::of_category(pair[1]),
                "{:?} comes before {:?} on the round, so it may not sort a patient lower",
                pair[0],
                pair[1]
            );
        }
        for c in Category::ALL {
            let p = Priority::of_category(c);
            if p != Priority::Other {
                assert_eq!(name(&p), name(&c), "a section and the priority it gives share a name");
            }
        }
        // Every priority but the two ends comes from exactly one section.
        for p in [
            Priority::Emergency,
            Priority::Deterioration,
            Priority::Urgent,
            Priority::NotExamined,
            Priority::Overdue,
            Priority::DueToday,
        ] {
            assert_eq!(Category::ALL.iter().filter(|c| Priority::of_category(**c) == p).count(), 1, "{p:?}");
        }
        assert!(Priority::Unreadable < Priority::of_category(Category::ALL[0]), "an unreadable file comes first");
    }

    /// The JSON name of a value of either enum, to compare them.
    fn name<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
}
