//! The Audit view's data: the archive of discharged patients (read only while the view is in use,
//! since it can be as large as the ward, and read again when its folder changes), the audit's lines
//! built once per change of the data, the cursor kept on the same line by what it is, and Enter on
//! an episode, which opens its patient — a discharged one read only.

use std::rc::Rc;

use super::{App, View};
use crate::engine::audit::{self, Window};
use crate::settings::keymap::Action;
use crate::store::CaseEntry;
use crate::tui::audit::{AuditHead, AuditLine, ScreenRow, Target, audit_lines, screen_rows, stops};
use crate::ward;

/// What the Audit view's cursor is on: an episode (by case id, rule and raised at), or another
/// line by its text; and its position, for when neither is there any more.
#[derive(Debug, Clone)]
pub(super) struct AuditKey {
    target: Option<Target>,
    text: String,
    index: usize,
}

impl App {
    /// Reads the archive; a failure is kept and said on the Audit view, never taken as empty.
    /// The folder's fingerprint is taken first, so a change made during the read is seen at the
    /// next look. Returns whether what was read differs from before (the same failure again is
    /// not a change, so a broken archive does not rebuild the audit at every look).
    pub(super) fn load_archive(&mut self) -> bool {
        self.archive_fingerprint = self.ctx.store.archive_fingerprint();
        let read = self.ctx.store.load_archive().map_err(|e| e.to_string());
        if let (Some(Err(before)), Err(now)) = (&self.archive, &read)
            && before == now
        {
            return false;
        }
        self.archive = Some(read);
        self.audit_cache.replace(None);
        true
    }

    /// Whether the archive must be read again: never read, unreadable last time (it may have been
    /// fixed), or its folder changed since.
    pub(super) fn archive_stale(&self) -> bool {
        match &self.archive {
            Some(Ok(_)) => self.ctx.store.archive_fingerprint() != self.archive_fingerprint,
            _ => true,
        }
    }

    /// Reads the archive again if it changed, keeping the Audit view's cursor on its line.
    /// Returns whether anything changed.
    pub(super) fn refresh_archive(&mut self) -> bool {
        if !self.archive_stale() {
            return false;
        }
        let keep = self.audit_key();
        let changed = self.load_archive();
        self.restore_audit(keep);
        changed
    }

    /// Looks at the archive folder while the Audit view is shown (called at each look for
    /// changes); true when it was read again.
    pub(super) fn poll_archive(&mut self) -> bool {
        self.view == super::View::Audit && self.archive.is_some() && self.refresh_archive()
    }

    /// The Audit view's cursor by what it is on: the identity still to be put back, or the line
    /// under it now. None when the lines are not built (and nothing is waiting).
    pub(super) fn audit_key(&self) -> Option<AuditKey> {
        if let Some(anchor) = &self.audit_anchor {
            return Some(anchor.clone());
        }
        let cache = self.audit_cache.borrow();
        let lines = cache.as_ref()?;
        let stops = stops(lines);
        let index = self.audit_selected.min(stops.len().saturating_sub(1));
        let line = &lines[*stops.get(index)?];
        Some(AuditKey { target: line.target.clone(), text: line.text(), index })
    }

    /// Puts the Audit view's cursor back on the line `key` names, else at its old position (or
    /// the last line). Off the Audit view the lines are not built just for this: the key waits
    /// until the view is shown again.
    pub(super) fn restore_audit(&mut self, key: Option<AuditKey>) {
        let Some(key) = key else { return };
        if self.view != super::View::Audit {
            self.audit_anchor = Some(key);
            return;
        }
        self.audit_anchor = None;
        let lines = self.audit_lines();
        let stops = stops(&lines);
        let found = stops.iter().position(|&i| match (&key.target, &lines[i].target) {
            (Some(was), Some(is)) => was.same_episode(is),
            (None, None) => lines[i].text() == key.text,
            _ => false,
        });
        self.audit_selected = found.unwrap_or(key.index).min(stops.len().saturating_sub(1));
    }

    /// Forgets the archive after the cases changed in a way that may have moved one into it; it
    /// is read again at once if the Audit view is showing.
    pub(super) fn forget_archive(&mut self) {
        self.archive = None;
        self.audit_cache.replace(None);
        if self.view == View::Audit {
            self.load_archive();
        }
    }

    /// The Audit view's lines for the current ward, built once per change of the data.
    pub fn audit_lines(&self) -> Rc<Vec<AuditLine>> {
        let mut cache = self.audit_cache.borrow_mut();
        Rc::clone(cache.get_or_insert_with(|| {
            // New lines: their layout is stale too.
            self.audit_rows.replace(None);
            Rc::new(self.build_audit())
        }))
    }

    /// The Audit view's lines laid out in `width` columns, once per width and change of the data.
    pub fn audit_rows(&self, width: u16) -> Rc<Vec<ScreenRow>> {
        let lines = self.audit_lines();
        if let Some((_, rows)) = self.audit_rows.borrow().as_ref().filter(|(w, _)| *w == width) {
            return Rc::clone(rows);
        }
        let rows = Rc::new(screen_rows(&lines, width));
        self.audit_rows.replace(Some((width, Rc::clone(&rows))));
        rows
    }

    /// The audit over the last twelve months, of the ward shown (the filter is for the list, not
    /// for the audit): active and discharged cases, with whatever could not be read said first.
    fn build_audit(&self) -> Vec<AuditLine> {
        let (archive, archive_error): (&[CaseEntry], Option<String>) = match &self.archive {
            Some(Ok(entries)) => (entries, None),
            Some(Err(e)) => (&[], Some(e.clone())),
            None => (&[], Some("not read yet".into())),
        };
        let (mut cases, unreadable) = ward::audit_cases(self.rows.iter().map(|r| &*r.entry), archive);
        // The same matching as `cordwatch audit --ward`: any capitals, so both give the same figures.
        if let Some(w) = &self.ward {
            cases.retain(|c| c.case.ward.as_ref().is_some_and(|cw| ward::is_ward(cw.raw(), w)));
        }
        let head = AuditHead {
            ward: self.ward.as_ref().map(|w| crate::model::text::sanitize(w)),
            unreadable,
            archive_error,
            no_archive: !self.ctx.store.has_archive(),
        };
        let window = Window::last_twelve_months(self.ctx.now.date());
        let audit = audit::audit(cases, &self.ctx.guidelines, window, self.ctx.now);
        audit_lines(&head, &audit, &audit::histograms(&audit))
    }

    /// The patient of the line under the Audit view's cursor, if it is an episode's line.
    fn audit_target(&self) -> Option<Target> {
        let lines = self.audit_lines();
        let stops = stops(&lines);
        let line = stops.get(self.audit_selected.min(stops.len().saturating_sub(1)))?;
        lines[*line].target.clone()
    }

    /// Where the Audit view records the first line it drew.
    pub fn audit_offset_cell(&self) -> &std::cell::Cell<usize> {
        &self.audit_offset
    }

    /// Opens the patient of the selected episode: from the cases folder, or read only from the
    /// archive. A case that is in neither any more (renamed, or moved by hand) is said, not
    /// silently ignored.
    pub(super) fn open_audit_target(&mut self) {
        let Some(target) = self.audit_target() else {
            if self.audit_lines().iter().all(|l| l.target.is_none()) {
                self.say("no episode to open: none was missed, is open or was closed in these months".into(), false);
                return;
            }
            let down = self.keymap.first(Action::Down);
            self.say(format!("Enter opens an episode's patient: move ({down}) to a missed, open or closed one"), false);
            return;
        };
        let id_of = |e: &CaseEntry| e.case.as_ref().map(|c| c.id.to_string());
        if !target.archived {
            match self.rows.iter().find(|r| id_of(&r.entry).as_deref() == Some(target.case_id.as_str())) {
                Some(row) => {
                    let file = row.entry.file.clone();
                    self.open_patient_file(file);
                }
                None => self.say(format!("{} is no longer in the cases folder", target.case_id), true),
            }
            return;
        }
        let entry = match &self.archive {
            Some(Ok(entries)) => entries.iter().find(|e| id_of(e).as_deref() == Some(target.case_id.as_str())).cloned(),
            _ => None,
        };
        match entry {
            Some(entry) => {
                let row = self.ctx.row(entry, self.ctx.now);
                self.patient_scroll = 0;
                self.archived_patient = Some(row);
                self.go(View::Patient);
                self.say(format!("{} is discharged: shown from the archive, read only", target.case_id), false);
            }
            None => self.say(format!("{} is no longer in the archive", target.case_id), true),
        }
    }

    /// Whether the Patient view shows a discharged patient, which nothing may be recorded for;
    /// says so when it does.
    pub(super) fn refuse_archived(&mut self) -> bool {
        let Some(row) = self.archived_patient.as_ref().filter(|_| self.view == View::Patient) else { return false };
        let id = row.case().map(|c| c.id.to_string()).unwrap_or_else(|| row.entry.file.clone());
        self.say(format!("{id} is discharged ({}): nothing can be recorded here", row.entry.file), true);
        true
    }
}
