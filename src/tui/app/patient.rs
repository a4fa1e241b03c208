//! The Patient view's state and keys: which patient it shows (a case file of the ward, followed
//! across reloads, or a discharged patient opened from the Audit view, read only), how far it is
//! scrolled, and who did what to the patient when that is shown.

use std::cell::Cell;

use crate::model::CaseId;
use crate::store::History;
use crate::tui::brief::Brief;
use crate::ward::WardRow;

/// What the Patient view keeps between keys and frames.
#[derive(Debug)]
pub struct PatientView {
    /// The case file of the patient shown (it follows the case across reloads).
    pub file: Option<String>,
    /// A discharged patient opened from the Audit view, shown instead, read only.
    pub archived: Option<std::rc::Rc<WardRow>>,
    /// The first line shown.
    pub scroll: u16,
    /// Who did what to the patient shown (its lines of the audit log), while it is asked for.
    pub history: Option<(CaseId, Vec<History>)>,
    /// How far the view can scroll before its last line reaches the bottom (set while drawing),
    /// so scrolling stops at the end.
    scroll_max: Cell<u16>,
}

impl Default for PatientView {
    fn default() -> PatientView {
        PatientView { file: None, archived: None, scroll: 0, history: None, scroll_max: Cell::new(u16::MAX) }
    }
}

impl PatientView {
    /// Shows the patient of a case file: from the top when it is another patient.
    pub fn open_file(&mut self, file: String) {
        if self.file.as_ref() != Some(&file) || self.archived.is_some() {
            self.scroll = 0;
        }
        self.archived = None;
        self.file = Some(file);
    }

    /// Shows a discharged patient, read only, from the top.
    pub fn open_archived(&mut self, row: WardRow) {
        self.scroll = 0;
        self.archived = Some(std::rc::Rc::new(row));
    }

    /// The patient shown, among the ward's `rows`; None for a discharged one (see `archived`).
    pub fn row<'a>(&self, rows: &'a [Brief]) -> Option<&'a Brief> {
        match &self.archived {
            Some(_) => None,
            None => self.file.as_ref().and_then(|f| rows.iter().find(|r| &r.file == f)),
        }
    }

    /// Whether who did what to case `id` is shown.
    pub fn shows_history_of(&self, id: &CaseId) -> bool {
        self.history.as_ref().is_some_and(|(shown, _)| shown == id)
    }

    /// Shows who did what to case `id` (its audit log lines, newest first), from the top.
    pub fn show_history(&mut self, id: CaseId, lines: Vec<History>) {
        self.history = Some((id, lines));
        self.scroll = 0;
    }

    /// Scrolls by `delta` lines, stopping at the top and where the last line reaches the bottom.
    pub fn scroll_by(&mut self, delta: i64) {
        let max = i64::from(self.scroll_max.get());
        self.scroll = i64::from(self.scroll).saturating_add(delta).clamp(0, max) as u16;
    }

    /// Where the drawing records how far the view can scroll.
    pub fn scroll_max_cell(&self) -> &Cell<u16> {
        &self.scroll_max
    }
}
