//! The Audit view's keys: the cursor moves line by line (blank lines are skipped), so every chart
//! can be read; Enter on an episode's line asks for its patient (a discharged one read only from
//! the archive), and on any other line says where the episodes are.

use super::lines::stops;
use super::state::{AuditView, Source};
use crate::settings::keymap::{Action, Keymap};
use crate::store::CaseEntry;
use crate::ward::WardRow;

/// What Enter on the Audit view asks the dashboard to do.
pub enum Opened {
    /// Show this case file of the cases folder in the Patient view.
    File(String),
    /// Show this discharged patient, read only; and say so.
    Archived(Box<WardRow>, String),
    /// Nothing to open: say why (an error when the case has gone).
    Say(String, bool),
}

impl AuditView {
    /// Moves the cursor by `delta` lines it stops at, within the lines.
    pub fn move_by(&mut self, src: Source, delta: i64) {
        let count = stops(&self.lines(src)).len();
        if count == 0 {
            self.selected = 0;
            return;
        }
        let current = self.selected.min(count - 1) as i64;
        self.selected = current.saturating_add(delta).clamp(0, count as i64 - 1) as usize;
    }

    /// Enter: the patient of the selected episode, from the cases folder or read only from the
    /// archive. A case that is in neither any more (renamed, or moved by hand) is said, not
    /// silently ignored.
    pub fn open(&self, src: Source, keymap: &Keymap) -> Opened {
        let Some(target) = self.target(src) else {
            if self.lines(src).iter().all(|l| l.target.is_none()) {
                return Opened::Say(
                    "no episode to open: none was missed, is open or was closed in these months".into(),
                    false,
                );
            }
            let down = keymap.first(Action::Down);
            return Opened::Say(
                format!("Enter opens an episode's patient: move ({down}) to a missed, open or closed one"),
                false,
            );
        };
        let id_of = |e: &CaseEntry| e.case.as_ref().map(|c| c.id.to_string());
        if !target.archived {
            return match src.rows.iter().find(|r| r.id.as_ref().is_some_and(|id| id.as_str() == target.case_id)) {
                Some(row) => Opened::File(row.file.clone()),
                None => Opened::Say(format!("{} is no longer in the cases folder", target.case_id), true),
            };
        }
        match self.archived().iter().find(|e| id_of(e).as_deref() == Some(target.case_id.as_str())).cloned() {
            Some(entry) => {
                let row = src.ctx.row(entry, src.ctx.now);
                Opened::Archived(
                    Box::new(row),
                    format!("{} is discharged: shown from the archive, read only", target.case_id),
                )
            }
            None => Opened::Say(format!("{} is no longer in the archive", target.case_id), true),
        }
    }
}
