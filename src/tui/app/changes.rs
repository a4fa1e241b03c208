//! Change detection: files others wrote, told by the kernel's notifications or found by looking
//! at the folder, and the clock moving on.
//!
//! With notifications, a changed file costs one `stat` and one read of that file, and the whole
//! folder is looked at only every [`LOOK_WITH_NOTIFICATIONS`], in case one was missed. On a
//! network file system (where a write from another machine is never notified here) there are
//! none, and the folder is looked at every `refresh_seconds`, as it always was.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{App, View};
use crate::model::Stamp;
use crate::store::{CaseWatch, FileChange};
use crate::tui::audit::state::Source;
use crate::ward::{self, WardRow};

/// More changed files than this are read again in one pass rather than one by one.
const REREAD_ALL_ABOVE: usize = 64;

/// How often the whole cases folder is looked at while notifications come: what a colleague on
/// another machine waits at most to see a change over a network file system.
pub const LOOK_WITH_NOTIFICATIONS: Duration = Duration::from_secs(30);

/// The watch on the cases folder, if the kernel gives one, and the last whole look.
#[derive(Debug, Default)]
pub(super) struct Watching {
    watch: Option<CaseWatch>,
    last_look: Option<Instant>,
}

impl App {
    /// Starts watching the cases folder (the dashboard does; without it the folder is looked at
    /// every `refresh_seconds`).
    pub fn watch(&mut self) {
        self.watching.watch = self.ctx.store.watch_cases();
    }

    /// Whether the kernel's notifications are coming.
    pub fn is_watching(&self) -> bool {
        self.watching.watch.is_some()
    }

    /// Looks for files others have changed and rereads only those; while the Audit view is shown,
    /// looks at the archive folder too. Returns whether anything changed. Called every
    /// `refresh_seconds`; with notifications coming, the cases folder is looked at only every
    /// [`LOOK_WITH_NOTIFICATIONS`].
    pub fn poll_changes(&mut self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        // The archive folder, while the Audit view is shown.
        let archive = self.view == View::Audit && self.audit.archive_read() && {
            let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
            self.audit.refresh_archive(src, true)
        };
        let due = self.watching.watch.is_none()
            || self.watching.last_look.is_none_or(|at| at.elapsed() >= LOOK_WITH_NOTIFICATIONS);
        if !due {
            return archive;
        }
        self.watching.last_look = Some(Instant::now());
        self.poll_cases() || archive
    }

    /// Takes in the files the kernel said changed: each looked at and, if it did change, read
    /// again. Costs nothing when nothing was said. Returns whether anything changed.
    pub fn take_notices(&mut self) -> bool {
        // Kept until every file is in: the look after loading finds what changed meanwhile.
        if self.loading.is_some() {
            return false;
        }
        let Some(watch) = &self.watching.watch else { return false };
        let Some(noticed) = watch.take() else {
            self.watching.watch = None;
            self.say(
                format!(
                    "notifications of changes stopped; the case files are looked at every {} s instead",
                    self.ctx.settings.refresh_seconds
                ),
                false,
            );
            return self.poll_changes();
        };
        if noticed.look_at_all {
            self.watching.last_look = None;
            return self.poll_changes();
        }
        let mut changed: Vec<String> = Vec::new();
        let mut added_or_removed = false;
        for name in noticed.names {
            let change = self.ctx.store.refresh_fingerprint(&mut self.fingerprint, &name);
            if !crate::store::is_listed_name(&name) {
                continue;
            }
            match change {
                FileChange::Unchanged => {}
                FileChange::Changed => changed.push(name),
                FileChange::Added | FileChange::Removed => added_or_removed = true,
            }
        }
        if added_or_removed {
            // A new or removed file can change which ids are duplicated.
            if let Err(e) = self.reload_all() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
            return true;
        }
        if changed.is_empty() {
            return false;
        }
        let keep = self.cursors();
        let by_name: HashMap<&str, usize> = self.rows.iter().enumerate().map(|(i, r)| (file_name(r), i)).collect();
        let positions: Option<Vec<(usize, String)>> =
            changed.into_iter().map(|name| Some((*by_name.get(name.as_str())?, name))).collect();
        let Some(positions) = positions else {
            // A file with no row yet: read the folder whole.
            if let Err(e) = self.reload_all() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
            return true;
        };
        for (pos, name) in positions {
            let entry = self.ctx.store.load_file(&name);
            self.rows[pos] = ward::row(entry, &self.ctx.guidelines, &self.ctx.engine(), self.ctx.now);
        }
        self.resort(keep);
        true
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
