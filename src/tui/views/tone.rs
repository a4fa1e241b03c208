//! The colour of a state, in one place: the patient list, the Round view and the Patient view
//! colour the same state alike, and as `triage` tells it (an emergency in the emergency colour,
//! urgent and due today in the urgent colour, overdue in the overdue colour). Colour only
//! repeats the words and `!!`/`!` markers, so `NO_COLOR` loses nothing.

use ratatui::style::Style;

use crate::engine::{Category, DueStatus};
use crate::guidelines::Level;
use crate::present::FlagState;
use crate::settings::theme::Theme;

/// A checklist section's colour; sections with nothing to act on today are plain.
pub fn category(t: &Theme, c: Category) -> Style {
    match c {
        Category::Emergency | Category::Deterioration => t.emergency(),
        Category::Urgent | Category::NotExamined | Category::DueToday => t.urgent(),
        Category::Overdue => t.overdue(),
        Category::Pending | Category::DueSoon | Category::NotReviewed => Style::new(),
    }
}

/// A due date's colour, as its checklist section's.
pub fn due(t: &Theme, status: DueStatus) -> Style {
    match status {
        DueStatus::Overdue => category(t, Category::Overdue),
        DueStatus::DueToday => category(t, Category::DueToday),
        DueStatus::DueSoon | DueStatus::Pending | DueStatus::Later => Style::new(),
    }
}

/// The colour of a list's flag cell.
pub fn flag_cell(t: &Theme, state: FlagState) -> Style {
    match state {
        FlagState::Unreadable => t.error(),
        FlagState::Flag(Level::Emergency) => t.emergency(),
        FlagState::Flag(Level::Urgent) => t.urgent(),
        FlagState::Flag(Level::None) | FlagState::Clear => Style::new(),
        FlagState::Step(c) => category(t, c),
        FlagState::NotExamined => category(t, Category::NotExamined),
    }
}
