//! The Urgent view's state and keys: its lines (every open emergency and urgent flag, nearest
//! deadline first) and its cursor, kept on the same flag, by its patient and rule, when the data
//! changes; the flag under it is the one an acknowledgement is for.

use std::cell::RefCell;
use std::rc::Rc;

use super::cursor::moved;
use crate::guidelines::Level;
use crate::model::Stamp;
use crate::tui::brief::Brief;

/// What the Urgent view keeps between keys.
#[derive(Debug, Default)]
pub struct UrgentView {
    /// The selected flag.
    pub selected: usize,
    /// The lines, built on first use after each change of the data (a pass over every row and a
    /// sort of the open flags: once per change, not per key or frame).
    cache: RefCell<Option<Rc<Lines>>>,
    /// The flag the cursor was on when the view was left: the cursor goes back to it when the
    /// view is shown again, so while it is not shown a change of the data costs it nothing.
    anchor: Option<UrgentKey>,
}

/// The view's lines: (row, flag index) of each open flag listed.
pub type Lines = Vec<(usize, usize)>;

/// The flag under the cursor by what it is: (file, rule).
pub type UrgentKey = (String, String);

impl UrgentView {
    /// Rows with an open emergency or urgent flag, each with its flag index, nearest deadline
    /// first (emergencies before urgent flags); flags of one deadline in the rows' order.
    pub fn build_lines(rows: &[Brief]) -> Vec<(usize, usize)> {
        let mut out: Vec<(std::cmp::Reverse<Level>, Stamp, usize, usize)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            // Open flags only, less those said within another's entry (from the same exam).
            for (fi, f) in row.flags.iter().enumerate() {
                out.push((std::cmp::Reverse(f.level), f.deadline, i, fi));
            }
        }
        // (row, flag) settles every tie, so an unstable sort gives the one order a stable one would.
        out.sort_unstable();
        out.into_iter().map(|(_, _, i, fi)| (i, fi)).collect()
    }

    /// The lines for `rows`, built once per change of the data.
    pub fn lines(&self, rows: &[Brief]) -> Rc<Vec<(usize, usize)>> {
        let mut cache = self.cache.borrow_mut();
        Rc::clone(cache.get_or_insert_with(|| Rc::new(Self::build_lines(rows))))
    }

    /// The data changed: the lines are built again when next used.
    pub fn forget_lines(&self) {
        self.cache.replace(None);
    }

    /// The selected (row, flag index) of `lines`.
    pub fn current(&self, lines: &[(usize, usize)]) -> Option<(usize, usize)> {
        lines.get(self.selected).copied()
    }

    /// The rule of the selected flag, for the acknowledgement form.
    pub fn rule(&self, rows: &[Brief]) -> Option<String> {
        let (i, fi) = self.current(&self.lines(rows))?;
        Some(rows.get(i)?.flags.get(fi)?.rule.clone())
    }

    /// The selected flag by what it is.
    pub fn key(&self, rows: &[Brief]) -> Option<UrgentKey> {
        self.current(&self.lines(rows)).and_then(|(i, fi)| {
            let row = rows.get(i)?;
            Some((row.file.clone(), row.flags.get(fi)?.rule.clone()))
        })
    }

    /// Puts the cursor back on the flag `keep` names, else where it was; never past the last.
    pub fn restore(&mut self, rows: &[Brief], keep: Option<UrgentKey>) {
        let lines = self.lines(rows);
        let found = keep.and_then(|(file, rule)| {
            lines.iter().position(|&(i, fi)| rows[i].file == file && rows[i].flags[fi].rule == rule)
        });
        self.selected = found.unwrap_or(self.selected).min(lines.len().saturating_sub(1));
    }

    /// The view is left: the flag under the cursor is remembered (see [`UrgentView::shown`]).
    pub fn left(&mut self, rows: &[Brief]) {
        self.anchor = self.key(rows);
    }

    /// The view is shown again: the cursor goes back on the flag it was on when it was left.
    pub fn shown(&mut self, rows: &[Brief]) {
        let keep = self.anchor.take();
        self.restore(rows, keep);
    }

    /// Moves the cursor by `delta` flags.
    pub fn move_by(&mut self, rows: &[Brief], delta: i64) {
        self.selected = moved(self.selected, self.lines(rows).len(), delta);
    }

    /// `]` or `[`: the cursor on the next patient's flag, or on the first flag of the patient
    /// before; false when there is none.
    pub fn to_next_patient(&mut self, lines: &[(usize, usize)], forward: bool) -> bool {
        let here = lines.get(self.selected).map(|&(row, _)| row);
        let found = match forward {
            true => (self.selected..lines.len()).find(|&n| Some(lines[n].0) != here),
            false => (0..self.selected).rev().find(|&n| Some(lines[n].0) != here).map(|n| {
                let before = lines[n].0;
                (0..=n).rev().take_while(|&m| lines[m].0 == before).last().unwrap_or(n)
            }),
        };
        found.map(|n| self.selected = n).is_some()
    }
}
