//! The Jobs view's own keys: ticking off the selected job (one key, written at once, said back
//! with its number and words) and cancelling it (a form that asks the reason).

use super::{App, Modal, View};
use crate::model::event::Event;
use crate::model::{CaseId, Text};
use crate::tui::forms::FormKind;

impl App {
    /// The selected job: its case and number, and its words for the message.
    fn selected_job(&mut self) -> Option<(CaseId, u32, String)> {
        if self.view != View::Jobs {
            self.say("jobs are ticked off in the Jobs view".into(), true);
            return None;
        }
        let Some((i, number)) = self.job_rows().get(self.jobs_selected).copied() else {
            self.say("no job selected".into(), true);
            return None;
        };
        let case = self.rows.get(i)?.case()?;
        let text = case.jobs.iter().find(|j| j.number == number).map(|j| j.text.safe()).unwrap_or_default();
        Some((case.id.clone(), number, format!("{}: job {number}, {text}", case.name.safe())))
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
        self.jobs_selected = self.jobs_selected.min(self.job_rows().len().saturating_sub(1));
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
