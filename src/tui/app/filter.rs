//! The Patients view's filter as it is typed. `/` starts a new search, with the old one offered: the
//! first letter typed replaces it, Backspace edits it, Enter keeps it. A search that matches no
//! patient says so and leaves the list and its cursor as they were, on the last search that
//! matched: a list of nothing but unreadable files would put the cursor on one by surprise.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::moved::Moved;
use super::patients::{PatientsView, SortMode};
use super::search::SearchIndex;
use crate::tui::brief::Brief;
use crate::ward;

/// What the Patients list is worked out from, kept between keystrokes and built on first use
/// after each change of the rows: the filter's index, and the rows in bed and in name order.
#[derive(Debug, Default)]
pub(super) struct Listing {
    index: Option<SearchIndex>,
    /// For the ward shown: each row's [`Kind`], so a keystroke reads one byte a row and not the
    /// row itself.
    kinds: Option<(Option<String>, Vec<Kind>)>,
    by_bed: Option<Vec<usize>>,
    by_name: Option<Vec<usize>>,
}

/// How a row stands whatever the filter says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Unreadable or with a problem: listed whatever the filter and the ward.
    Always,
    /// On the ward shown (or every ward is shown): listed if the filter matches.
    OnWard,
    /// On another ward.
    Elsewhere,
}

fn kind(row: &Brief, ward: Option<&str>) -> Kind {
    match row.is_readable() {
        false => Kind::Always,
        true if row.has_problem() => Kind::Always,
        true => match ward {
            None => Kind::OnWard,
            Some(w) if row.ward_raw() == Some(w) => Kind::OnWard,
            Some(_) => Kind::Elsewhere,
        },
    }
}

fn kinds(rows: &[Brief], ward: Option<&str>) -> Vec<Kind> {
    rows.iter().map(|row| kind(row, ward)).collect()
}

/// Where a row goes in the bed or the name order: problem files first, then by ward and bed, or
/// by name.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Bed(bool, Option<String>, Option<(u64, String)>),
    Name(bool, Option<String>),
}

fn place(row: &Brief, sort: SortMode) -> Place {
    match sort {
        SortMode::Name => Place::Name(!row.has_problem(), row.name.as_ref().map(|n| n.raw().to_lowercase())),
        _ => Place::Bed(
            !row.has_problem(),
            row.ward_raw().map(str::to_string),
            row.bed.as_ref().map(|b| ward::bed_key(b.raw())),
        ),
    }
}

/// Every row in the order `sort` shows them, rows of one place in the rows' order (a stable sort),
/// so a filtered list in this order is the filtered rows sorted the same way.
fn order(rows: &[Brief], sort: SortMode) -> Vec<usize> {
    let mut all: Vec<usize> = (0..rows.len()).collect();
    all.sort_by_cached_key(|&i| place(&rows[i], sort));
    all
}

/// `order` (of [`order`], before the move) put right after the rows moved: every position moved
/// with its row, which keeps the order of every row but the moved one (those between its two
/// places moved together), and the moved row taken out and put back where its place now puts it.
fn reorder(order: &mut Vec<usize>, rows: &[Brief], sort: SortMode, moved: Moved) {
    if let Some(at) = order.iter().position(|&i| i == moved.from) {
        order.remove(at);
    }
    for i in order.iter_mut() {
        *i = moved.map(*i);
    }
    let new = (place(&rows[moved.to], sort), moved.to);
    let at = order.partition_point(|&i| (place(&rows[i], sort), i) < new);
    order.insert(at, moved.to);
}

impl Listing {
    /// The rows moved as `moved` says, the moved row changed: what is kept of the listing is put
    /// right by that move (the changed row's kind, text and place worked out again, the others'
    /// positions moved), never built again from every row.
    pub(super) fn row_moved(&mut self, rows: &[Brief], moved: Moved) {
        if let Some(index) = &mut self.index {
            index.row_moved(moved, &rows[moved.to].search);
        }
        if let Some((ward, kinds)) = &mut self.kinds {
            moved.apply(kinds);
            kinds[moved.to] = kind(&rows[moved.to], ward.as_deref());
        }
        if let Some(order) = &mut self.by_bed {
            reorder(order, rows, SortMode::Bed, moved);
        }
        if let Some(order) = &mut self.by_name {
            reorder(order, rows, SortMode::Name, moved);
        }
    }
}

impl PatientsView {
    /// `/`: editing the filter, the old one offered.
    pub(super) fn start_filter(&mut self) {
        self.editing = true;
        self.offered = !self.filter.is_empty();
        self.unmatched = false;
        self.good = self.filter.clone();
    }

    /// A key while the filter is typed; what to say when Enter gave up a filter that matched no
    /// patient.
    pub(super) fn filter_key(&mut self, key: KeyEvent, rows: &[Brief], ward: Option<&str>) -> Option<String> {
        let offered = std::mem::take(&mut self.offered);
        match key.code {
            KeyCode::Esc => {
                self.filter.clear();
                self.editing = false;
            }
            KeyCode::Enter => {
                self.editing = false;
                if self.unmatched {
                    let typed = std::mem::replace(&mut self.filter, self.good.clone());
                    let kept = match self.filter.is_empty() {
                        true => "the list is not filtered".to_string(),
                        false => format!("the filter stays \"{}\"", self.filter),
                    };
                    self.unmatched = false;
                    return Some(format!("no patient matches \"{typed}\"; {kept}"));
                }
                return None;
            }
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if offered {
                    self.filter.clear();
                }
                if self.filter.chars().count() < 40 {
                    self.filter.push(c);
                }
            }
            _ => {
                self.offered = offered;
                return None;
            }
        }
        self.apply_filter(rows, ward);
        None
    }

    /// Shows the patients the typed filter matches, the cursor on the first; or, when it matches
    /// none, leaves the list and the cursor on the last filter that matched.
    fn apply_filter(&mut self, rows: &[Brief], ward: Option<&str>) {
        let before = self.selected_file(rows);
        self.unmatched = false;
        self.refresh(rows, ward, before.clone());
        let matched = self.visible.iter().any(|&i| !rows[i].has_problem());
        if self.filter.is_empty() || matched {
            self.good = self.filter.clone();
            // Problem files stay listed whatever the filter; the cursor goes on the first match.
            self.selected = match self.filter.is_empty() {
                true => 0,
                false => self.visible.iter().position(|&i| !rows[i].has_problem()).unwrap_or(0),
            };
            return;
        }
        self.unmatched = true;
        self.refresh(rows, ward, before);
    }

    /// The rows the Patients view lists, in display order: the filter, the ward and the sort
    /// order applied. Unreadable files are always listed: a filter must never hide a file that
    /// could be anyone.
    pub(super) fn shown_rows(&mut self, rows: &[Brief], ward: Option<&str>) -> Vec<usize> {
        let needle = self.shown_filter().to_lowercase();
        let listing = &mut self.listing;
        // Which rows the filter matches, marked by row; None when there is no filter.
        let matched: Option<Vec<bool>> = (!needle.is_empty()).then(|| {
            let index = match &mut listing.index {
                Some(index) if index.len() == rows.len() => index,
                stale => stale.insert(SearchIndex::build(rows)),
            };
            let mut marks = vec![false; rows.len()];
            for &i in index.matching(&needle) {
                marks[i] = true;
            }
            marks
        });
        let kinds = match &mut listing.kinds {
            Some((for_ward, kinds)) if for_ward.as_deref() == ward && kinds.len() == rows.len() => kinds,
            stale => &mut stale.insert((ward.map(str::to_string), kinds(rows, ward))).1,
        };
        let shown = |i: usize| match kinds[i] {
            Kind::Always => true,
            Kind::OnWard => matched.as_ref().is_none_or(|m| m[i]),
            Kind::Elsewhere => false,
        };
        let in_order = match self.sort {
            SortMode::Priority => return (0..rows.len()).filter(|&i| shown(i)).collect(),
            SortMode::Bed => listing.by_bed.get_or_insert_with(|| order(rows, SortMode::Bed)),
            SortMode::Name => listing.by_name.get_or_insert_with(|| order(rows, SortMode::Name)),
        };
        in_order.iter().copied().filter(|&i| shown(i)).collect()
    }

    /// The filter the list shows: the one typed, or while it matches nothing, the last that did.
    pub fn shown_filter(&self) -> &str {
        if self.unmatched { &self.good } else { &self.filter }
    }
}
