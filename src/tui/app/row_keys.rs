//! Each row's file name and case id as numbers (hashes), in row order: finding the row of a
//! changed file, and whether its case's id is another row's too, is then a pass over sixteen
//! bytes a row held together, not a comparison of every row's strings held apart. Every answer is
//! checked against the rows' own strings, so a hash that collides costs time, never a wrong row.
//!
//! Kept in step by the one change that moves a row (a merged file, [`RowKeys::moved`]); anything
//! else that changes the rows drops them (`App::forget_derived`) and they are worked out again
//! from the rows when next asked.

use super::moved::Moved;
use crate::tui::brief::Brief;

#[derive(Debug, Default)]
pub(super) struct RowKeys {
    /// (file name, case id or 0 for an unreadable file) of each row.
    keys: Vec<(u64, u64)>,
}

fn hash(s: &str) -> u64 {
    crate::ward::key_hash(s)
}

/// The name of a row's file in the cases folder (its path after the last `/`).
fn name_of(row: &Brief) -> &str {
    row.file.rsplit('/').next().unwrap_or(&row.file)
}

fn id_of(row: &Brief) -> Option<&str> {
    row.id.as_ref().map(|id| id.as_str())
}

/// Hashed when the row was made (on every core while the ward is read), so gathering them is a
/// pass over the rows, not over their files' strings.
fn key(row: &Brief) -> (u64, u64) {
    row.hashes
}

impl RowKeys {
    /// The rows changed other than by a merge: worked out again when next asked.
    pub(super) fn forget(&mut self) {
        self.keys = Vec::new();
    }

    fn fresh(&mut self, rows: &[Brief]) -> &[(u64, u64)] {
        if self.keys.len() != rows.len() {
            self.keys = rows.iter().map(key).collect();
        }
        &self.keys
    }

    /// The position of the row of file `name` in the cases folder.
    pub(super) fn position(&mut self, rows: &[Brief], name: &str) -> Option<usize> {
        let h = hash(name);
        let keys = self.fresh(rows);
        keys.iter()
            .enumerate()
            .filter(|(_, k)| k.0 == h)
            .map(|(i, _)| i)
            .find(|&i| name_of(&rows[i]) == name)
            // Never missed for want of a key: the rows themselves are asked.
            .or_else(|| rows.iter().position(|r| name_of(r) == name))
    }

    /// How many rows hold a case with id `id`.
    pub(super) fn rows_with_id(&mut self, rows: &[Brief], id: &str) -> usize {
        let h = hash(id);
        let keys = self.fresh(rows);
        keys.iter().enumerate().filter(|(i, k)| k.1 == h && id_of(&rows[*i]) == Some(id)).count()
    }

    /// The rows moved as `moved` says and the moved row changed (`rows` as they are now).
    pub(super) fn moved(&mut self, rows: &[Brief], moved: Moved) {
        if self.keys.len() != rows.len() {
            self.forget();
            return;
        }
        moved.apply(&mut self.keys);
        self.keys[moved.to] = key(&rows[moved.to]);
    }
}
