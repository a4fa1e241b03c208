//! The Audit view's data: the archive of discharged patients (read only while the view is in use,
//! since it can be as large as the ward), the audit's lines built once per change of the data, and
//! Enter on an episode, which opens its patient — a discharged one read only.

use std::rc::Rc;

use super::{App, View};
use crate::engine::audit::{self, AuditCase, Window};
use crate::settings::keymap::Action;
use crate::store::CaseEntry;
use crate::tui::audit::{AuditHead, AuditLine, ScreenRow, Target, audit_lines, screen_rows, stops};
use crate::ward;

impl App {
    /// Reads the archive; a failure is kept and said on the Audit view, never taken as empty.
    pub(super) fn load_archive(&mut self) {
        self.archive = Some(self.ctx.store.load_archive().map_err(|e| e.to_string()));
        self.audit_cache.replace(None);
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
        let on_ward = |entry: &CaseEntry| match (&self.ward, entry.case.as_ref()) {
            (None, Some(_)) => true,
            (Some(w), Some(c)) => c.ward.as_ref().is_some_and(|cw| cw.raw() == w),
            (_, None) => false,
        };
        let (archive, archive_error): (&[CaseEntry], Option<String>) = match &self.archive {
            Some(Ok(entries)) => (entries, None),
            Some(Err(e)) => (&[], Some(e.clone())),
            None => (&[], Some("not read yet".into())),
        };
        let mut cases: Vec<AuditCase> = Vec::new();
        for (entries, archived) in [(self.rows.iter().map(|r| &r.entry).collect::<Vec<_>>(), false)]
            .into_iter()
            .chain([(archive.iter().collect::<Vec<_>>(), true)])
        {
            cases.extend(entries.into_iter().filter(|e| on_ward(e)).filter_map(|e| {
                let case = e.case.as_ref()?;
                Some(AuditCase { case, archived })
            }));
        }
        let unreadable: Vec<String> = self
            .rows
            .iter()
            .map(|r| &r.entry)
            .chain(archive)
            .filter(|e| e.is_unreadable())
            .map(|e| e.file.clone())
            .collect();
        let head = AuditHead {
            ward: self.ward.as_ref().map(|w| crate::model::text::sanitize(w)),
            cases: cases.len(),
            archived_cases: cases.iter().filter(|c| c.archived).count(),
            unreadable,
            archive_error,
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
                let row = ward::row(entry, &self.ctx.guidelines, &self.ctx.engine(), self.ctx.now);
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
