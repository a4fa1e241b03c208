//! The Jobs view's state and keys: its cursor, whether it shows only the user's jobs, ticking off
//! the selected job (one key, written at once, said back with its number and words) and
//! cancelling it (a form that asks the reason).

use super::cursor::moved;
use super::{App, Modal, View};
use crate::context::Context;
use crate::model::event::Event;
use crate::model::{CaseId, Stamp, Text};
use crate::tui::brief::Brief;
use crate::tui::forms::FormKind;
use crate::ward;

/// What the Jobs view keeps between keys.
#[derive(Debug, Default)]
pub struct JobsView {
    /// The selected line.
    pub selected: usize,
    /// Only the jobs whose owner is the user.
    pub mine: bool,
}

impl JobsView {
    /// The lines: (row, job number) of every open job on the ward shown (only the user's with
    /// "mine"), overdue first, then by due time.
    pub fn lines(&self, ctx: &Context, rows: &[Brief], ward: Option<&str>) -> Vec<(usize, u32)> {
        let owner = self.mine.then(|| ctx.store.user().to_string());
        let now = ctx.now;
        // The order of `ward::open_jobs`: overdue first, then by due time (none last), then the
        // list's own order.
        let mut out: Vec<(bool, bool, Option<Stamp>, usize, u32)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if ward.is_some_and(|w| row.ward_raw() != Some(w)) {
                continue;
            }
            for job in row.jobs.iter().filter(|j| owner.as_deref().is_none_or(|o| ward::owned_by(j, o))) {
                out.push((!job.is_overdue(now), job.due.is_none(), job.due, i, job.number));
            }
        }
        out.sort_unstable();
        out.into_iter().map(|(_, _, _, i, number)| (i, number)).collect()
    }

    /// Moves the cursor by `delta` within `count` lines.
    pub fn move_by(&mut self, delta: i64, count: usize) {
        self.selected = moved(self.selected, count, delta);
    }

    /// Shows only the user's jobs, or everyone's again, from the top; true when only the user's.
    pub fn toggle_mine(&mut self) -> bool {
        self.mine = !self.mine;
        self.selected = 0;
        self.mine
    }

    /// Keeps the cursor within `count` lines (after a job left the list).
    pub fn clamp(&mut self, count: usize) {
        self.selected = self.selected.min(count.saturating_sub(1));
    }
}

impl App {
    /// The selected job: its case and number, and its words for the message.
    fn selected_job(&mut self) -> Option<(CaseId, u32, String)> {
        if self.view != View::Jobs {
            self.say("jobs are ticked off in the Jobs view".into(), true);
            return None;
        }
        let Some((i, number)) = self.job_rows().get(self.jobs.selected).copied() else {
            self.say("no job selected".into(), true);
            return None;
        };
        let row = self.rows.get(i)?;
        let (id, name) = (row.id.clone()?, row.name.as_ref()?);
        let text = row.jobs.iter().find(|j| j.number == number).map(|j| j.text.safe()).unwrap_or_default();
        Some((id, number, format!("{}: job {number}, {text}", name.safe())))
    }

    /// Records the selected job done now, by the user. A job can be done once: the store refuses
    /// a second tick (another clinician's, seen after a reload) with who ticked it first.
    pub(super) fn tick_off_job(&mut self) {
        if self.ctx.store.is_read_only() {
            self.say("read-only data directory: nothing can be recorded here".into(), true);
            return;
        }
        let Some((id, number, what)) = self.selected_job() else { return };
        let event = Event::JobDone { number, at: self.ctx.now, by: Some(Text::new(self.ctx.store.user().to_string())) };
        let (message, error) = match self.ctx.store.record(&id, &event) {
            Ok(_) => (format!("{what} — done"), false),
            Err(e) => (format!("{what} not ticked off: {e}"), true),
        };
        let reloaded = self.reload_all();
        self.say_after_write(message, error, reloaded);
        let count = self.job_rows().len();
        self.jobs.clamp(count);
    }

    /// Opens the form that cancels the selected job, its number filled in and the reason asked.
    pub(super) fn cancel_job(&mut self) {
        let Some((_, number, _)) = self.selected_job() else { return };
        self.open_form(FormKind::JobCancel);
        if let Some(Modal::Form(form)) = &mut self.modal {
            form.preset_text("job", &number.to_string(), "reason");
        }
    }
}
