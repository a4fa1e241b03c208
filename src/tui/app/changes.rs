//! Change detection: files others wrote since the last look, and the clock moving on.

use std::collections::HashMap;

use super::App;
use crate::model::Stamp;
use crate::ward::{self, WardRow};

/// More changed files than this are read again in one pass rather than one by one.
const REREAD_ALL_ABOVE: usize = 64;

impl App {
    /// Looks for files others have changed and rereads only those; while the Audit view is shown,
    /// looks at the archive folder too. Returns whether anything changed. Called every
    /// `refresh_seconds`.
    pub fn poll_changes(&mut self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        let archive = self.poll_archive();
        self.poll_cases() || archive
    }

    fn poll_cases(&mut self) -> bool {
        let latest = self.ctx.store.fingerprint();
        let changes = latest.changes_since(&self.fingerprint);
        if changes.changed.is_empty() && !changes.removed {
            return false;
        }
        let keep = self.cursors();
        let by_name: HashMap<&str, usize> = self.rows.iter().enumerate().map(|(i, r)| (file_name(r), i)).collect();
        let positions: Option<Vec<(usize, &String)>> =
            changes.changed.iter().map(|name| by_name.get(name.as_str()).map(|&i| (i, name))).collect();
        // A new or removed file can change which ids are duplicated, and many changes at once are
        // cheaper to read in one pass.
        let Some(positions) = positions.filter(|p| !changes.removed && p.len() <= REREAD_ALL_ABOVE) else {
            if let Err(e) = self.reload_all() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
            return true;
        };
        for (pos, name) in positions {
            let entry = self.ctx.store.load_file(name);
            self.rows[pos] = ward::row(entry, &self.ctx.guidelines, &self.ctx.engine(), self.ctx.now);
        }
        self.fingerprint = latest;
        self.resort(keep);
        true
    }

    /// Moves the clock on (when it is not fixed by --now) and reassesses every case.
    pub fn tick(&mut self, now: Stamp) -> bool {
        if !self.ctx.advance(now) {
            return false;
        }
        let keep = self.cursors();
        let entries = std::mem::take(&mut self.rows).into_iter().map(|r| r.entry).collect();
        self.rows = ward::assess(entries, &self.ctx.guidelines, &self.ctx.engine(), now);
        self.resort(keep);
        true
    }
}

fn file_name(row: &WardRow) -> &str {
    row.entry.file.rsplit('/').next().unwrap_or(&row.entry.file)
}
