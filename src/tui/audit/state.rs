//! The Audit view's state: the archive of discharged patients (read only while the view is in use,
//! since it can be as large as the ward, and read again when its folder changes), the audit's lines
//! built once per change of the data and laid out once per width, and the cursor kept on the same
//! line by what it is.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::lines::{AuditHead, AuditLine, ScreenRow, Target, audit_lines, screen_rows, stops};
use crate::context::Context;
use crate::engine::audit::{self, Window};
use crate::store::{CaseEntry, Fingerprint, Store};
use crate::tui::brief::Brief;
use crate::ward;

/// What the audit is worked out from: the dashboard's context (guidelines, store, the moment),
/// the active cases as the lists show them (the audit reads their files whole, as `cordwatch
/// audit` does), and the ward shown (the filter is for the list, not for the audit).
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub ctx: &'a Context,
    pub rows: &'a [Brief],
    pub ward: Option<&'a str>,
}

/// What the Audit view's cursor is on: an episode (by case id, rule and raised at), or another
/// line by its text; and its position, for when neither is there any more.
#[derive(Debug, Clone)]
pub struct AuditKey {
    target: Option<Target>,
    text: String,
    index: usize,
}

/// Everything the Audit view keeps between keys and frames.
#[derive(Default)]
pub struct AuditView {
    /// Which line the cursor is on, among the lines it stops at (clamped to them when used, so a
    /// shorter audit after a change never points past its end).
    pub selected: usize,
    /// The first screen row drawn, kept between frames so moving does not jump.
    offset: Cell<usize>,
    /// The discharged cases, read when the view is first shown, again after a case leaves the
    /// cases folder, and when the archive folder changes while the view is in use (or before it
    /// is shown again); or why they could not be read.
    archive: Option<Result<Vec<CaseEntry>, String>>,
    /// The archive folder as it was when last read.
    archive_fingerprint: Fingerprint,
    /// The cursor, by what it was on, waiting to be put back when the view is next shown (its
    /// lines are not rebuilt off the view just to place it).
    anchor: Option<AuditKey>,
    /// The lines, built on first use after each change of the data.
    cache: RefCell<Option<Rc<Vec<AuditLine>>>>,
    /// Those lines laid out for a width (see [`AuditView::rows`]).
    rows: RefCell<Option<(u16, Rc<Vec<ScreenRow>>)>>,
}

impl AuditView {
    /// Reads the archive; a failure is kept and said on the view, never taken as empty. The
    /// folder's fingerprint is taken first, so a change made during the read is seen at the next
    /// look. Returns whether what was read differs from before (the same failure again is not a
    /// change, so a broken archive does not rebuild the audit at every look).
    pub fn load_archive(&mut self, store: &Store) -> bool {
        self.archive_fingerprint = store.archive_fingerprint();
        let read = store.load_archive().map_err(|e| e.to_string());
        if let (Some(Err(before)), Err(now)) = (&self.archive, &read)
            && before == now
        {
            return false;
        }
        self.archive = Some(read);
        self.forget_lines();
        true
    }

    /// Whether the archive must be read again: never read, unreadable last time (it may have been
    /// fixed), or its folder changed since.
    pub fn archive_stale(&self, store: &Store) -> bool {
        match &self.archive {
            Some(Ok(_)) => store.archive_fingerprint() != self.archive_fingerprint,
            _ => true,
        }
    }

    /// Whether the archive has been read (or tried).
    pub fn archive_read(&self) -> bool {
        self.archive.is_some()
    }

    /// The discharged cases, when the archive was read.
    pub fn archived(&self) -> &[CaseEntry] {
        match &self.archive {
            Some(Ok(entries)) => entries,
            _ => &[],
        }
    }

    /// Reads the archive again if it changed, keeping the cursor on its line (`shown`: the view
    /// is on screen). Returns whether anything changed.
    pub fn refresh_archive(&mut self, src: Source, shown: bool) -> bool {
        if !self.archive_stale(&src.ctx.store) {
            return false;
        }
        let keep = self.key();
        let changed = self.load_archive(&src.ctx.store);
        self.restore(src, keep, shown);
        changed
    }

    /// Forgets the archive after the cases changed in a way that may have moved one into it; it
    /// is read again at once if the view is `shown`.
    pub fn forget_archive(&mut self, store: &Store, shown: bool) {
        self.archive = None;
        self.forget_lines();
        if shown {
            self.load_archive(store);
        }
    }

    /// The data changed: the lines are built again when next used.
    pub fn forget_lines(&self) {
        self.cache.replace(None);
    }

    /// The cursor by what it is on: the identity still to be put back, or the line under it now.
    /// None when the lines are not built (and nothing is waiting).
    pub fn key(&self) -> Option<AuditKey> {
        if let Some(anchor) = &self.anchor {
            return Some(anchor.clone());
        }
        let cache = self.cache.borrow();
        let lines = cache.as_ref()?;
        let stops = stops(lines);
        let index = self.selected.min(stops.len().saturating_sub(1));
        let line = &lines[*stops.get(index)?];
        Some(AuditKey { target: line.target.clone(), text: line.text(), index })
    }

    /// Puts the cursor back on the line `key` names, else at its old position (or the last line).
    /// Off the view (`shown` false) the lines are not built just for this: the key waits until
    /// the view is shown again.
    pub fn restore(&mut self, src: Source, key: Option<AuditKey>, shown: bool) {
        let Some(key) = key else { return };
        if !shown {
            self.anchor = Some(key);
            return;
        }
        self.anchor = None;
        let lines = self.lines(src);
        let stops = stops(&lines);
        let found = stops.iter().position(|&i| match (&key.target, &lines[i].target) {
            (Some(was), Some(is)) => was.same_episode(is),
            (None, None) => lines[i].text() == key.text,
            _ => false,
        });
        self.selected = found.unwrap_or(key.index).min(stops.len().saturating_sub(1));
    }

    /// The view is being shown: the archive is read again if its folder changed while the view
    /// was not shown, and the cursor goes back on the line it was on.
    pub fn show(&mut self, src: Source) {
        let keep = self.key();
        if self.archive_stale(&src.ctx.store) {
            self.load_archive(&src.ctx.store);
        }
        self.restore(src, keep, true);
    }

    /// The lines, built once per change of the data.
    pub fn lines(&self, src: Source) -> Rc<Vec<AuditLine>> {
        let mut cache = self.cache.borrow_mut();
        Rc::clone(cache.get_or_insert_with(|| {
            // New lines: their layout is stale too.
            self.rows.replace(None);
            Rc::new(self.build(src))
        }))
    }

    /// The lines laid out in `width` columns, once per width and change of the data.
    pub fn rows(&self, src: Source, width: u16) -> Rc<Vec<ScreenRow>> {
        let lines = self.lines(src);
        if let Some((_, rows)) = self.rows.borrow().as_ref().filter(|(w, _)| *w == width) {
            return Rc::clone(rows);
        }
        let rows = Rc::new(screen_rows(&lines, width));
        self.rows.replace(Some((width, Rc::clone(&rows))));
        rows
    }

    /// Where the drawing records the first row it drew.
    pub fn offset_cell(&self) -> &Cell<usize> {
        &self.offset
    }

    /// The audit over the last twelve months, of the ward shown: active and discharged cases,
    /// with whatever could not be read said first.
    fn build(&self, src: Source) -> Vec<AuditLine> {
        let (archive, archive_error): (&[CaseEntry], Option<String>) = match &self.archive {
            Some(Ok(entries)) => (entries, None),
            Some(Err(e)) => (&[], Some(e.clone())),
            None => (&[], Some("not read yet".into())),
        };
        let (ctx, now) = (src.ctx, src.ctx.now);
        let window = Window::last_twelve_months(now.date());
        let judge = |e: &CaseEntry, archived: bool| match &e.case {
            Some(case) => {
                let case = audit::AuditCase { case, archived, file: &e.file, problems: &e.problems };
                Ok(audit::judge_case(case, &ctx.guidelines, window, now))
            }
            None => Err(e.file.clone()),
        };
        // The active cases read from their files, one at a time and on every core, as `cordwatch
        // audit` reads them: the lists keep only what they show of each.
        let (active, cases_error) = match ward::read_kept(&ctx.store, false, |e| judge(&e, false)) {
            Ok(active) => (active, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        let (mut cases, mut unreadable) = (Vec::new(), Vec::new());
        for one in active.into_iter().chain(archive.iter().map(|e| judge(e, true))) {
            match one {
                Ok(case) => cases.push(case),
                Err(file) => unreadable.push(file),
            }
        }
        // The same matching as `cordwatch audit --ward`: any capitals, so both give the same figures.
        if let Some(w) = src.ward {
            cases.retain(|c| c.ward.as_ref().is_some_and(|cw| ward::is_ward(cw.raw(), w)));
        }
        let head = AuditHead {
            ward: src.ward.map(crate::model::text::sanitize),
            unreadable,
            archive_error,
            cases_error,
            no_archive: !src.ctx.store.has_archive(),
        };
        let audit = audit::of_judged(cases, &ctx.guidelines, window, now);
        audit_lines(&head, &audit, &audit::histograms(&audit))
    }

    /// The patient of the line under the cursor, if it is an episode's line.
    pub fn target(&self, src: Source) -> Option<Target> {
        let lines = self.lines(src);
        let stops = stops(&lines);
        let line = stops.get(self.selected.min(stops.len().saturating_sub(1)))?;
        lines[*line].target.clone()
    }
}
