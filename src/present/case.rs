//! Short summaries of a case: the primary with its subtype, the state of its flags (a list
//! cell) and its due dates (a due cell).

use super::duration;
use crate::engine::checklist::pathway_category;
use crate::engine::{Category, DueStatus, ItemKind, NotExamined};
use crate::guidelines::Level;
use crate::model::{BreastSubtype, Case, Stamp};
use crate::ward::WardRow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// "breast HER2+".
pub fn primary_label(case: &Case) -> String {
    let Some(cancer) = &case.cancer else { return "-".into() };
    let primary = cancer.primary.map(|p| p.as_str().to_string()).unwrap_or_else(|| "?".into());
    match cancer.subtype {
        Some(BreastSubtype::HrPositive) => format!("{primary} HR+"),
        Some(BreastSubtype::Her2Positive) => format!("{primary} HER2+"),
        Some(BreastSubtype::TripleNegative) => format!("{primary} TNBC"),
        None => primary,
    }
}

/// A due-date cell: the words and the state behind them, which a front end may colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCell {
    pub text: String,
    /// The schedule item's state, or None for "pending", "-" and an unreadable case.
    pub status: Option<DueStatus>,
}

/// The next due date among `kinds`: "!2026-10-18" when overdue (the `!` says it, colour only
/// repeats it), "today", the date, "pending"
/// when spine imaging waits for a result, "-" when nothing is due (empty for an unreadable case).
pub fn due_cell(row: &WardRow, kinds: &[ItemKind]) -> DueCell {
    let plain = |text: &str| DueCell { text: text.into(), status: None };
    let Some(a) = &row.assessment else { return plain("") };
    match a.schedule.iter().find(|i| kinds.contains(&i.kind)) {
        Some(i) => {
            let text = match i.status {
                DueStatus::Overdue => format!("!{}", i.due),
                DueStatus::DueToday => "today".into(),
                _ => i.due.to_string(),
            };
            DueCell { text, status: Some(i.status) }
        }
        None if kinds.contains(&ItemKind::SpineImaging)
            && a.schedule.iter().any(|i| i.kind == ItemKind::PendingResult) =>
        {
            plain("pending")
        }
        None => plain("-"),
    }
}

/// What a list's flag cell says, and the state behind the words, which a front end may colour:
/// the same story the words tell, so colour only ever repeats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagState {
    /// The file could not be read (or has a problem that may hide a flag).
    Unreadable,
    /// An open flag of this level leads the cell.
    Flag(Level),
    /// A pathway step leads the cell: urgent, overdue or due today.
    Step(Category),
    /// No neurological exam, or none for too long.
    NotExamined,
    /// Nothing open to say ("-", "discharged").
    Clear,
}

/// A list's flag cell: its words and their state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagCell {
    pub text: String,
    pub state: FlagState,
}

/// Where a case stands, for a list column: "!! MSCC 5h left +1", "NOT EXAMINED", "UNREADABLE".
/// `compact` leaves out the rule's tag and the count of further open flags ("!! 5h left"), for
/// the 80-column text list.
pub fn flag_label(row: &WardRow, compact: bool) -> String {
    flag_cell(row, compact).text
}

/// [`flag_label`] with the state its words tell.
pub fn flag_cell(row: &WardRow, compact: bool) -> FlagCell {
    match (flag_lead(row, compact), &row.assessment) {
        (FlagLead::Fixed(cell), _) => cell,
        // A flag leads only an assessed case: its countdown is read at the assessment's moment.
        (lead, Some(a)) => lead.cell(a.now, compact),
        (FlagLead::Flag { .. }, None) => FlagCell { text: "UNREADABLE".into(), state: FlagState::Unreadable },
    }
}

/// A flag cell with the clock not yet read: when an open flag leads it, its countdown is worked
/// out at the moment the cell is shown, so a list kept between assessments still counts down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagLead {
    /// The open flag that leads, and how many other flags and pathway steps are open.
    Flag { level: Level, tag: String, deadline: Stamp, more: usize },
    /// Words that do not change with the clock.
    Fixed(FlagCell),
}

impl FlagLead {
    /// The cell at `now`; `compact` as for [`flag_lead`].
    pub fn cell(&self, now: Stamp, compact: bool) -> FlagCell {
        match self {
            FlagLead::Fixed(cell) => cell.clone(),
            FlagLead::Flag { level, tag, deadline, more } => {
                let countdown = duration::countdown_cell(deadline.minutes_since(now));
                let text = if compact {
                    format!("{} {countdown}", level.marker())
                } else {
                    let more = if *more > 0 { format!(" +{more}") } else { String::new() };
                    format!("{} {tag} {countdown}{more}", level.marker())
                };
                FlagCell { text, state: FlagState::Flag(*level) }
            }
        }
    }
}

/// What leads a row's flag cell (see [`flag_cell`]).
pub fn flag_lead(row: &WardRow, compact: bool) -> FlagLead {
    let cell = |text: String, state| FlagLead::Fixed(FlagCell { text, state });
    if row.has_problem() {
        return cell("UNREADABLE".into(), FlagState::Unreadable);
    }
    let Some(a) = &row.assessment else { return cell("UNREADABLE".into(), FlagState::Unreadable) };
    if let Some(f) = a.open_flags_listed().min_by_key(|f| (std::cmp::Reverse(f.level), f.deadline)) {
        // Every other flag and pathway step still open, as the help says and triage lists them.
        // A flag shown as part of another (the pain flag from the same exam) is not counted twice.
        let more = a.open_flags_listed().count() - 1 + a.open_pathway().count();
        return FlagLead::Flag { level: f.level, tag: f.tag().to_string(), deadline: f.deadline, more };
    }
    let today = a.now.date();
    let step = |wanted: &[Category]| {
        a.open_pathway()
            .filter_map(|i| pathway_category(i, today, a.due_soon_days).map(|c| (c, i)))
            .filter(|(c, _)| wanted.contains(c))
            .min_by_key(|(c, i)| (*c, i.due))
            .map(|(c, i)| {
                let more = a.open_pathway().count() - 1;
                let more = if more > 0 && !compact { format!(" +{more}") } else { String::new() };
                cell(format!("{} {}{more}", c.marker().trim(), i.tag).trim().to_string(), FlagState::Step(c))
            })
    };
    if let Some(urgent) = step(&[Category::Urgent]) {
        return urgent;
    }
    match &a.not_examined {
        Some(NotExamined::Never) => return cell("NO EXAM".into(), FlagState::NotExamined),
        Some(NotExamined::Stale { .. }) => return cell("NOT EXAMINED".into(), FlagState::NotExamined),
        None => {}
    }
    if let Some(due) = step(&[Category::Overdue, Category::DueToday]) {
        return due;
    }
    let text = if row.case().is_some_and(Case::is_discharged) { "discharged" } else { "-" };
    cell(text.into(), FlagState::Clear)
}

/// `text` cut or padded to exactly `width` display columns; a cut is marked with `…`.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if text.width() <= width {
        out.push_str(text);
        used = text.width();
    } else if width > 0 {
        for c in text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(fit("x", 0), "");
    }
}
