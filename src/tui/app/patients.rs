//! The Patients view's state and keys: the rows it lists (filter, ward and sort order applied),
//! its cursor, kept on the same patient when the list changes, and the sort order. The filter as
//! it is typed is in [`super::filter`].

use super::cursor::moved;
use super::filter::Listing;
use crate::tui::brief::Brief;

/// How the Patients list is ordered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortMode {
    Priority,
    Bed,
    Name,
}

impl SortMode {
    pub fn label(self) -> &'static str {
        match self {
            SortMode::Priority => "priority",
            SortMode::Bed => "bed",
            SortMode::Name => "name",
        }
    }

    /// The next order, round and back to priority.
    fn next(self) -> SortMode {
        match self {
            SortMode::Priority => SortMode::Bed,
            SortMode::Bed => SortMode::Name,
            SortMode::Name => SortMode::Priority,
        }
    }
}

/// What the Patients view keeps between keys.
#[derive(Debug)]
pub struct PatientsView {
    /// Indexes into the ward's rows that the view shows, in display order.
    pub visible: Vec<usize>,
    /// The selected line of `visible`.
    pub selected: usize,
    pub sort: SortMode,
    /// The filter as typed.
    pub filter: String,
    /// The filter is being typed.
    pub editing: bool,
    /// The filter being edited is the old one, offered: the first letter typed starts a new
    /// search, Backspace edits the old (see [`super::filter`]).
    pub offered: bool,
    /// The filter typed matches no patient: the list still shows the last one that did.
    pub unmatched: bool,
    /// The last filter that matched a patient: what the list shows.
    pub(super) good: String,
    /// The filter's index and the list's orders, built on first use after each change of the rows.
    pub(super) listing: Listing,
}

impl Default for PatientsView {
    fn default() -> PatientsView {
        PatientsView {
            visible: Vec::new(),
            selected: 0,
            sort: SortMode::Priority,
            filter: String::new(),
            editing: false,
            offered: false,
            unmatched: false,
            good: String::new(),
            listing: Listing::default(),
        }
    }
}

impl PatientsView {
    /// The row under the cursor.
    pub fn selected_row<'a>(&self, rows: &'a [Brief]) -> Option<&'a Brief> {
        self.visible.get(self.selected).and_then(|&i| rows.get(i))
    }

    /// The case file under the cursor.
    pub fn selected_file(&self, rows: &[Brief]) -> Option<String> {
        self.selected_row(rows).map(|r| r.file.clone())
    }

    /// The rows changed: the filter's index and the orders are built again when next used.
    pub fn forget_listing(&mut self) {
        self.listing = Listing::default();
    }

    /// The rows moved as `moved` says, the moved row changed: the filter's index and the orders
    /// are put right by that move (see [`Listing::row_moved`]).
    pub(super) fn row_moved(&mut self, rows: &[Brief], moved: super::moved::Moved) {
        self.listing.row_moved(rows, moved);
    }

    /// Lists the rows again (filter, ward and order applied), the cursor put on `keep` (a file
    /// name) if it is still listed, else where it was; never past the last.
    pub fn refresh(&mut self, rows: &[Brief], ward: Option<&str>, keep: Option<String>) {
        self.visible = self.shown_rows(rows, ward);
        self.selected = keep
            .and_then(|file| self.visible.iter().position(|&i| rows[i].file == file))
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }

    /// Puts the cursor on a case file if it is listed.
    pub fn put_cursor_on(&mut self, rows: &[Brief], file: Option<String>) {
        if let Some(pos) = file.and_then(|f| self.visible.iter().position(|&i| rows[i].file == f)) {
            self.selected = pos;
        }
    }

    /// Moves the cursor by `delta` lines.
    pub fn move_by(&mut self, delta: i64) {
        self.selected = moved(self.selected, self.visible.len(), delta);
    }

    /// The next sort order, the list sorted by it with the cursor on the same patient.
    pub fn next_sort(&mut self, rows: &[Brief], ward: Option<&str>) -> SortMode {
        self.sort = self.sort.next();
        let keep = self.selected_file(rows);
        self.refresh(rows, ward, keep);
        self.sort
    }
}
