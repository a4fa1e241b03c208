//! Saving a form without freezing the dashboard while another clinician's write holds the case.
//!
//! A save never waits for a case's lock: when the case is busy the form stays open, the status
//! line shows a spinner, and the event loop tries again between frames ([`App::retry_save`])
//! until the save lands, the lock timeout passes, or Esc gives up — with everything typed kept in
//! the form either way. If the dashboard is stopped (a signal, the terminal hanging up, Ctrl-C)
//! while a save waits, what was submitted is kept in `conflicts/` ([`App::keep_unsaved`]).

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Modal, Status};
use crate::store::StoreError;
use crate::tui::forms::{Form, SaveError};

/// A submitted form waiting for its case's lock.
#[derive(Debug)]
pub(crate) struct Saving {
    since: Instant,
    /// What the case is: for the spinner's words.
    file: String,
    turn: usize,
}

const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

impl App {
    /// Saves a submitted form; a busy case leaves the form open, waiting (see the module).
    pub(super) fn save_form(&mut self, form: Box<Form>) {
        match self.try_save(&form) {
            Err(SaveError::Store(StoreError::Busy { file, .. })) => {
                self.saving = Some(Saving { since: Instant::now(), file, turn: 0 });
                self.modal = Some(Modal::Form(form));
                self.show_waiting();
            }
            result => self.saved(form, result),
        }
    }

    /// Whether a submitted form is waiting for its case.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Tries a waiting save again; called by the event loop between frames. True when something
    /// changed on screen.
    pub fn retry_save(&mut self) -> bool {
        let Some(saving) = &self.saving else { return false };
        let (since, file) = (saving.since, saving.file.clone());
        let Some(Modal::Form(mut form)) = self.modal.take() else {
            self.saving = None;
            return false;
        };
        match self.try_save(&form) {
            Err(SaveError::Store(StoreError::Busy { .. })) => {
                let timeout = std::time::Duration::from_secs(u64::from(self.ctx.settings.lock_timeout_seconds));
                if since.elapsed() < timeout {
                    self.modal = Some(Modal::Form(form));
                    self.show_waiting();
                } else {
                    self.saving = None;
                    form.error = Some(format!(
                        "{file} is still being written by someone else after {} s; nothing was recorded. Your form is kept: try again with Enter",
                        timeout.as_secs()
                    ));
                    self.status = None;
                    self.modal = Some(Modal::Form(form));
                }
            }
            result => {
                self.saving = None;
                self.status = None;
                self.saved(form, result);
            }
        }
        true
    }

    /// A key while a save waits: Esc gives up waiting and leaves the form as it was; Ctrl-C
    /// quits (the form is kept in `conflicts/` on the way out); any other key waits too.
    pub(super) fn saving_key(&mut self, key: KeyEvent) -> Effect {
        if key.code == KeyCode::Esc {
            let file = self.saving.take().map(|s| s.file).unwrap_or_default();
            if let Some(Modal::Form(form)) = &mut self.modal {
                form.error = Some(format!(
                    "gave up waiting for {file}; nothing was recorded. Your form is kept: Enter tries again"
                ));
            }
            self.status = None;
        }
        Effect::None
    }

    /// When the dashboard is stopped while a save waits: keeps what was submitted in
    /// `conflicts/` (the case as it would have been after the save) and says where, so it is
    /// never lost. None when nothing was waiting.
    pub fn keep_unsaved(&mut self) -> Option<String> {
        self.saving.take()?;
        let Some(Modal::Form(form)) = &self.modal else { return None };
        let id = form.case_id()?.clone();
        let kept = form
            .event(&self.ctx.guidelines)
            .map_err(|e| e.to_string())
            .and_then(|event| self.ctx.store.keep_unsaved(&id, &event).map_err(|e| e.to_string()));
        Some(match kept {
            Ok(kept) => format!("the dashboard was stopped while a save waited; what was submitted is kept in {kept}"),
            Err(e) => format!("the dashboard was stopped while a save waited, and it could not be kept: {e}"),
        })
    }

    /// One try, never waiting for the case's lock.
    fn try_save(&mut self, form: &Form) -> Result<crate::tui::forms::Saved, SaveError> {
        let waiting = self.ctx.store.without_waiting();
        let store = std::mem::replace(&mut self.ctx.store, waiting);
        let result = form.save(&self.ctx);
        self.ctx.store = store;
        result
    }

    fn show_waiting(&mut self) {
        let Some(saving) = &mut self.saving else { return };
        saving.turn += 1;
        let spin = SPINNER[saving.turn % SPINNER.len()];
        self.status = Some(Status {
            text: format!(
                "{spin} saving: {} is being written by someone else; waiting {} s (Esc gives up, keeping the form)",
                saving.file,
                saving.since.elapsed().as_secs()
            ),
            error: false,
        });
    }
}
