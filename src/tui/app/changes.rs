//! Change detection: files others wrote, told by the kernel's notifications or found by looking
//! at the folder, and the clock moving on.
//!
//! With notifications, a changed file costs one `stat` and one read of that file, and the whole
//! folder is looked at only every [`LOOK_WITH_NOTIFICATIONS`], in case one was missed (longer on
//! a ward so large that the look itself would cost more than [`LOOK_SHARE`] of a core: see
//! [`look_every`]). On a network file system (where a write from another machine is never
//! notified here) there are none, and the folder is looked at every `refresh_seconds`, as it
//! always was.

use std::time::{Duration, Instant};

use super::moved::Moved;
use super::{App, View};
use crate::model::Stamp;
use crate::store::{CaseWatch, FileChange};
use crate::tui::audit::state::Source;
use crate::tui::brief::Brief;
use crate::ward;

/// More changed files than this are read again in one pass rather than one by one.
const REREAD_ALL_ABOVE: usize = 64;

/// How often the whole cases folder is looked at while notifications come: what a colleague on
/// another machine waits at most to see a change over a network file system.
pub const LOOK_WITH_NOTIFICATIONS: Duration = Duration::from_secs(30);

/// At most this share of one core goes on looking at the whole folder while notifications come:
/// a look at 100,000 files (a `stat` of each) takes about a third of a second, so there it is
/// made every two minutes or so rather than every 30 s.
pub const LOOK_SHARE: f64 = 0.0025;

/// And never less often than this, however long a look takes.
pub const LOOK_AT_LEAST_EVERY: Duration = Duration::from_secs(300);

/// How long to wait, while notifications come, before the next whole look, given how long the
/// last took: [`LOOK_WITH_NOTIFICATIONS`], or longer so that looking costs at most
/// [`LOOK_SHARE`] of a core, and never longer than [`LOOK_AT_LEAST_EVERY`].
pub fn look_every(last_took: Duration) -> Duration {
    last_took.div_f64(LOOK_SHARE).clamp(LOOK_WITH_NOTIFICATIONS, LOOK_AT_LEAST_EVERY)
}

/// The watch on the cases folder, if the kernel gives one, the last whole look and how long it
/// took.
#[derive(Debug, Default)]
pub(super) struct Watching {
    watch: Option<CaseWatch>,
    last_look: Option<Instant>,
    last_took: Duration,
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
    /// [`LOOK_WITH_NOTIFICATIONS`] (or as [`look_every`] says on a very large ward).
    pub fn poll_changes(&mut self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        // The archive folder, while the Audit view is shown.
        let archive = self.view == View::Audit && self.audit.archive_read() && {
            let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
            self.audit.refresh_archive(src, true)
        };
        let every = look_every(self.watching.last_took);
        let due = self.watching.watch.is_none() || self.watching.last_look.is_none_or(|at| at.elapsed() >= every);
        if !due {
            return archive;
        }
        let started = Instant::now();
        self.watching.last_look = Some(started);
        let changed = self.poll_cases();
        self.watching.last_took = started.elapsed();
        changed || archive
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
            if let Err(e) = self.reload_noting_arrivals() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
            return true;
        }
        if changed.is_empty() {
            return false;
        }
        if !self.merge_changed(&changed) {
            // A file with no row yet, or an id changed or shared: read the folder whole.
            if let Err(e) = self.reload_noting_arrivals() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
        }
        true
    }

    fn poll_cases(&mut self) -> bool {
        let latest = self.ctx.store.fingerprint();
        let changes = latest.changes_since(&self.fingerprint);
        if changes.changed.is_empty() && !changes.removed {
            return false;
        }
        // A new or removed file can change which ids are duplicated, and many changes at once are
        // cheaper to read in one pass.
        let merged =
            !changes.removed && changes.changed.len() <= REREAD_ALL_ABOVE && self.merge_changed(&changes.changed);
        if merged {
            self.fingerprint = latest;
        } else if let Err(e) = self.reload_noting_arrivals() {
            self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
        }
        true
    }

    /// Reads every case file again after others' changes, noting the emergencies they brought.
    fn reload_noting_arrivals(&mut self) -> Result<(), crate::store::StoreError> {
        let before = self.emergencies_by_file();
        self.reload_all()?;
        self.note_arrivals(&before);
        Ok(())
    }

    /// Rereads the case files named (each already listed, its content changed) and puts each new
    /// row where the order puts it, without sorting the rest again or reassessing any other
    /// case; the header's counts change by what the row brought and took away. False, having
    /// changed nothing more than the rows merged before it, when a file has no row, or when its
    /// case's id changed or is another file's too (which files are duplicates is then worked out
    /// again by reading the folder whole).
    fn merge_changed(&mut self, names: &[String]) -> bool {
        let keep = self.cursors();
        let mut merged = false;
        let mut fits = true;
        for name in names {
            let Some(pos) = self.row_keys.position(&self.rows, name) else {
                fits = false;
                break;
            };
            let row = Brief::of(&self.ctx.row(self.ctx.store.load_file(name), self.ctx.now));
            let id = case_id(&row);
            if id != case_id(&self.rows[pos]) || id.is_some_and(|id| self.row_keys.rows_with_id(&self.rows, id) > 1) {
                fits = false;
                break;
            }
            let (old, at) = ward::replace_sorted(&mut self.rows, pos, row);
            self.patients.row_moved(&self.rows, Moved { from: pos, to: at });
            self.row_keys.moved(&self.rows, Moved { from: pos, to: at });
            self.count_changed_row(&old, at);
            self.note_arrival(&old.open_emergencies(), at);
            merged = true;
        }
        if merged {
            self.forget_views();
            self.restore(keep);
        }
        fits
    }

    /// The header's counts after the row at `at` replaced `old`: what the old row counted taken
    /// away and what the new one counts added; the wards listed again only if its ward changed.
    fn count_changed_row(&mut self, old: &Brief, at: usize) {
        let new = &self.rows[at];
        let (e0, u0, o0, p0) = old.counts();
        let (e1, u1, o1, p1) = new.counts();
        let s = &mut self.summary;
        s.emergency = s.emergency + e1 - e0;
        s.urgent = s.urgent + u1 - u0;
        s.overdue = s.overdue + o1 - o0;
        s.problems = s.problems + p1 - p0;
        let (was, is) = (super::ward_of(old), super::ward_of(new));
        if was != is {
            let came = self.ward_names.add(is, 1);
            let went = self.ward_names.add(was, -1);
            if came || went {
                self.summary.wards = self.ward_names.shown();
            }
        }
    }

    /// Moves the clock on (when it is not fixed by --now). Only the cases whose assessment the
    /// clock can have changed by now (their `next_change` has come) are assessed again, each
    /// merged into its place; a case awaiting a result has its waiting time moved on when it is
    /// said to have waited longer (`next_wait`), without being assessed again; every other row
    /// is what assessing it now would give, its moment moved on with the clock so countdowns
    /// count down. Looking for the cases due is one pass over two times kept in each row: at
    /// 100,000 cases a fraction of a millisecond a minute. A clock set back has every case assessed
    /// again.
    pub fn tick(&mut self, now: Stamp) -> bool {
        let before = self.ctx.now;
        if self.ctx.clock_fixed || now == before {
            return false;
        }
        // The Round item under the cursor, taken from the lines on screen before the clock moves:
        // the lines are read again below at the new moment, where an item come due above it
        // would otherwise slide another patient's item under the cursor.
        let round_keep = (self.view == View::Round).then(|| self.round.key(&self.round())).flatten();
        if !self.ctx.advance(now) {
            return false;
        }
        // A clock set back (by hand, or corrected after running fast): every row was worked out
        // for a later moment, and every next change it holds is after the new one, so none would
        // come due; each readable case is assessed again.
        let set_back = now < before;
        // The patient read whole for the Patient view, and the Round view's flags, count down.
        self.details.borrow_mut().clear();
        self.round.forget_lines();
        // A row awaiting a result is read again when it is said to have waited longer: the Round
        // view says how long, and the lists keep no case to move the words on from.
        let due: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let row = &self.rows[i];
                row.next_change.is_some_and(|at| set_back || at <= now) || row.next_wait.is_some_and(|at| at <= now)
            })
            .collect();
        if due.is_empty() {
            if self.view == View::Round {
                let lines = self.round();
                self.round.restore(&lines, round_keep);
            }
            return true;
        }
        let keep = self.cursors_with_round(round_keep);
        // Read again and assessed where they stand (on every core: at midnight every case's day
        // moves). The lists keep no case, so each is read from its file: one changed since is
        // taken in as any change is, by the merge that checks its id, and not here.
        let due_rows: Vec<&Brief> = due.iter().map(|&i| &self.rows[i]).collect();
        let fresh: Vec<Brief> =
            crate::tui::brief::read_whole_each(&self.ctx, &due_rows, now, |_, whole| Brief::of(&whole));
        let (due, fresh, changed): (Vec<usize>, Vec<Brief>, Vec<String>) = {
            let (mut kept_at, mut kept, mut changed) = (Vec::new(), Vec::new(), Vec::new());
            for (i, row) in due.into_iter().zip(fresh) {
                if row.id == self.rows[i].id && row.hash == self.rows[i].hash {
                    kept_at.push(i);
                    kept.push(row);
                } else {
                    changed.push(self.rows[i].file.rsplit('/').next().unwrap_or_default().to_string());
                }
            }
            (kept_at, kept, changed)
        };
        if due.len() <= MERGE_AT_MOST {
            // A few: each merged into its place, as a changed file is.
            let mut moves: Vec<Moved> = Vec::with_capacity(due.len());
            for (i, row) in due.into_iter().zip(fresh) {
                // Where row `i` is after the moves made before it.
                let pos = moves.iter().fold(i, |p, m| m.map(p));
                let (old, at) = ward::replace_sorted(&mut self.rows, pos, row);
                let moved = Moved { from: pos, to: at };
                self.patients.row_moved(&self.rows, moved);
                self.row_keys.moved(&self.rows, moved);
                self.count_changed_row(&old, at);
                moves.push(moved);
            }
            self.forget_views();
        } else {
            // Many (every case at midnight): replaced where they stand, then put in order.
            for (&i, row) in due.iter().zip(fresh) {
                let old = std::mem::replace(&mut self.rows[i], row);
                self.count_changed_row(&old, i);
            }
            ward::resort_changed(&mut self.rows, &due);
            self.forget_derived();
        }
        self.restore(keep);
        if !changed.is_empty() && !self.merge_changed(&changed) {
            // A file with no row yet, or an id changed or shared: read the folder whole.
            if let Err(e) = self.reload_noting_arrivals() {
                self.say(format!("could not read the case files again ({e}); the list may be out of date"), true);
            }
        }
        true
    }
}

/// More cases due at one tick than this are put in order by one sort of every row, not merged one
/// by one (each merge moves the rows between its two places and passes once over the orders).
const MERGE_AT_MOST: usize = 64;

fn case_id(row: &Brief) -> Option<&str> {
    row.id.as_ref().map(|id| id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_look_is_made_every_30_s_unless_it_would_cost_more_than_its_share_of_a_core() {
        // 10,000 files: a look of a few tens of milliseconds, made every 30 s as always.
        assert_eq!(look_every(Duration::from_millis(40)), LOOK_WITH_NOTIFICATIONS);
        assert_eq!(look_every(Duration::ZERO), LOOK_WITH_NOTIFICATIONS);
        // 100,000: a third of a second, so every 2 min 12 s (a quarter of a percent of a core).
        assert_eq!(look_every(Duration::from_millis(330)), Duration::from_secs(132));
        // However slow (a loaded machine), never less often than every five minutes.
        assert_eq!(look_every(Duration::from_secs(10)), LOOK_AT_LEAST_EVERY);
    }
}
