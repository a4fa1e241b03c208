//! The Round view's lines: today's checklist grouped by patient, derived from the assessments,
//! the patients in clinical priority order or in bed order as the round walks the ward.

use crate::context::Context;
use crate::engine::checklist::checklist;
use crate::engine::{Category, Completion};
use crate::tui::brief::{Brief, read_whole_each};
use crate::ward::WardRow;

#[derive(Debug, Clone, PartialEq)]
pub struct RoundLine {
    pub file: String,
    /// A patient heading (not selectable), or an item.
    pub heading: bool,
    pub text: String,
    pub category: Option<Category>,
    /// The record that completes the item; none for a file that must be fixed first.
    pub completion: Option<Completion>,
    /// What to do about it, said under the list for the selected line; an item's own is read with
    /// its case when selected (`App::round_detail`) and is empty here.
    pub detail: String,
    /// The rule an item is for (empty for a heading or a file to fix).
    pub rule: String,
    /// What tells the item from another of the same rule (see
    /// [`crate::engine::checklist::ChecklistItem::raised`]): its detail is found by both.
    pub raised: String,
}

impl RoundLine {
    fn heading(file: &str, text: String) -> RoundLine {
        RoundLine {
            file: file.to_string(),
            heading: true,
            text,
            category: None,
            completion: None,
            detail: String::new(),
            rule: String::new(),
            raised: String::new(),
        }
    }

    pub fn selectable(&self) -> bool {
        !self.heading
    }
}

/// The order of the patients on the round (`s` in the Round view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoundOrder {
    /// Clinical priority: open emergencies first, as every list starts.
    #[default]
    Urgency,
    /// Ward by ward, bed by bed (beds as numbers: 2 before 12), patients with no bed last: the
    /// order the round walks.
    Bed,
}

impl RoundOrder {
    pub fn label(self) -> &'static str {
        match self {
            RoundOrder::Urgency => "urgency",
            RoundOrder::Bed => "bed",
        }
    }

    /// The order `s` turns to.
    pub fn next(self) -> RoundOrder {
        match self {
            RoundOrder::Urgency => RoundOrder::Bed,
            RoundOrder::Bed => RoundOrder::Urgency,
        }
    }
}

/// The rows in `order`. The rows come in clinical priority order; a stable sort keeps it among
/// patients of one bed. Files with problems stay first in both orders.
fn in_order(rows: &[Brief], order: RoundOrder) -> Vec<&Brief> {
    let mut out: Vec<&Brief> = rows.iter().collect();
    if order == RoundOrder::Bed {
        out.sort_by_cached_key(|r| {
            let bed = r.bed.as_ref().map(|b| crate::ward::bed_key(b.raw()));
            (!r.has_problem(), r.ward_raw().map(str::to_string), bed.is_none(), bed)
        });
    }
    out
}

/// Every patient with something on the round, in `order`, each followed by its items. Files with
/// problems come first and are never filtered out by ward. The items are the case's checklist at
/// `ctx.now`, each case of the ward shown read whole from its file (on every core): the lists
/// keep no case (see [`Brief`]). A file that can no longer be read is said as one to fix.
pub fn round_lines(
    rows: &[Brief],
    ward: Option<&str>,
    edit_key: &str,
    order: RoundOrder,
    ctx: &Context,
) -> Vec<RoundLine> {
    let shown: Vec<&Brief> = in_order(rows, order)
        .into_iter()
        .filter(|r| r.has_problem() || (r.is_readable() && ward.is_none_or(|w| r.ward_raw() == Some(w))))
        .collect();
    // Those listed readable are read again; each case's lines made where it is read.
    let readable: Vec<&Brief> = shown.iter().copied().filter(|r| !r.has_problem()).collect();
    let mut read = read_whole_each(ctx, &readable, ctx.now, |_, whole| lines_of(&whole, edit_key)).into_iter();
    let mut out = Vec::new();
    for row in shown {
        match row.has_problem() {
            true => out.extend(problem_lines(&row.file, &row.problems, edit_key)),
            false => out.extend(read.next().unwrap_or_default()),
        }
    }
    out
}

/// A case's lines on the round: its heading and items, nothing when it has none, or the lines of
/// a file to fix when it cannot be read (now).
fn lines_of(whole: &WardRow, edit_key: &str) -> Vec<RoundLine> {
    let file = &whole.entry.file;
    let (Some(case), Some(a)) = (whole.case().filter(|_| !whole.has_problem()), &whole.assessment) else {
        return problem_lines(file, &whole.entry.problems, edit_key);
    };
    let items = checklist(case, a);
    if items.is_empty() {
        return Vec::new();
    }
    let bed = case.bed.as_ref().map(|b| format!("Bed {}  ", b.safe())).unwrap_or_default();
    let mut out = vec![RoundLine::heading(file, format!("{bed}{} ({})", case.name.safe(), case.id))];
    for item in items {
        out.push(RoundLine {
            file: file.clone(),
            heading: false,
            text: format!("{} [ ] {}: {}", item.category.marker(), item.category.label(), item.text),
            category: Some(item.category),
            completion: Some(item.completion),
            // Long, and said for the selected line only: read again then (`App::round_detail`).
            detail: String::new(),
            rule: item.rule,
            raised: item.raised,
        });
    }
    out
}

/// A file that cannot be read (or has a problem that must be fixed): its heading, and one line
/// for each problem saying how.
fn problem_lines(file: &str, problems: &[crate::model::Problem], edit_key: &str) -> Vec<RoundLine> {
    let mut out = vec![RoundLine::heading(file, format!("UNREADABLE  {file}"))];
    for p in problems {
        out.push(RoundLine {
            file: file.to_string(),
            heading: false,
            text: format!("?? fix this file: {p}"),
            category: None,
            completion: None,
            detail: format!("press {edit_key} to edit the file"),
            rule: String::new(),
            raised: String::new(),
        });
    }
    out
}

/// The index among the selectable lines of the first item of the patient after (`forward`) or
/// before the one of item `selected`; None when there is none.
pub fn next_patient(lines: &[RoundLine], selected: usize, forward: bool) -> Option<usize> {
    let items: Vec<&RoundLine> = lines.iter().filter(|l| l.selectable()).collect();
    if selected >= items.len() {
        return None;
    }
    // The first item of each patient, in order.
    let firsts: Vec<usize> = (0..items.len()).filter(|&i| i == 0 || items[i - 1].file != items[i].file).collect();
    let here = firsts.iter().rposition(|&i| i <= selected)?;
    let to = if forward { here.checked_add(1) } else { here.checked_sub(1) }?;
    firsts.get(to).copied()
}
