//! The Urgent view's state and keys: its lines (every open emergency and urgent flag, nearest
//! deadline first) and its cursor, kept on the same flag, by its patient and rule, when the data
//! changes; the flag under it is the one an acknowledgement is for.

use super::cursor::moved;
use crate::model::Stamp;
use crate::ward::WardRow;

/// What the Urgent view keeps between keys.
#[derive(Debug, Default)]
pub struct UrgentView {
    /// The selected flag.
    pub selected: usize,
}

/// The flag under the cursor by what it is: (file, rule).
pub type UrgentKey = (String, String);

impl UrgentView {
    /// Rows with an open emergency or urgent flag, each with its flag index, nearest deadline
    /// first (emergencies before urgent flags).
    pub fn lines(rows: &[WardRow]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize, Stamp)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(a) = &row.assessment {
                for (fi, f) in a.flags.iter().enumerate() {
                    // A flag from the same exam as another is said within that one's entry.
                    if f.is_open() && f.part_of.is_none() {
                        out.push((i, fi, f.deadline));
                    }
                }
            }
        }
        out.sort_by_key(|(i, fi, deadline)| {
            let level = rows[*i].assessment.as_ref().map(|a| a.flags[*fi].level);
            (std::cmp::Reverse(level), *deadline)
        });
        out.into_iter().map(|(i, fi, _)| (i, fi)).collect()
    }

    /// The selected (row, flag index) of `lines`.
    pub fn current(&self, lines: &[(usize, usize)]) -> Option<(usize, usize)> {
        lines.get(self.selected).copied()
    }

    /// The rule of the selected flag, for the acknowledgement form.
    pub fn rule(&self, rows: &[WardRow]) -> Option<String> {
        let (i, fi) = self.current(&Self::lines(rows))?;
        Some(rows.get(i)?.assessment.as_ref()?.flags.get(fi)?.rule_id().to_string())
    }

    /// The selected flag by what it is.
    pub fn key(&self, rows: &[WardRow]) -> Option<UrgentKey> {
        self.current(&Self::lines(rows)).and_then(|(i, fi)| {
            let row = rows.get(i)?;
            Some((row.entry.file.clone(), row.assessment.as_ref()?.flags.get(fi)?.rule_id().to_string()))
        })
    }

    /// Puts the cursor back on the flag `keep` names, else where it was; never past the last.
    pub fn restore(&mut self, rows: &[WardRow], keep: Option<UrgentKey>) {
        let lines = Self::lines(rows);
        let found = keep.and_then(|(file, rule)| {
            lines.iter().position(|&(i, fi)| {
                rows[i].entry.file == file && rows[i].assessment.as_ref().is_some_and(|a| a.flags[fi].rule_id() == rule)
            })
        });
        self.selected = found.unwrap_or(self.selected).min(lines.len().saturating_sub(1));
    }

    /// Moves the cursor by `delta` flags.
    pub fn move_by(&mut self, rows: &[WardRow], delta: i64) {
        self.selected = moved(self.selected, Self::lines(rows).len(), delta);
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
