//! The windows over the screen (forms, questions, help): opening them, their keys, and saving.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect, Modal, View};
use crate::model::CaseId;
use crate::settings::keymap::Action;
use crate::tui::forms::{Form, FormKind, FormOutcome};

impl App {
    /// The case the record keys act on, readable and writable, or a message saying why not.
    fn writable_target(&mut self) -> Option<(CaseId, String)> {
        if self.refuse_archived() {
            return None;
        }
        if self.ctx.store.is_read_only() {
            self.say("read-only data directory: nothing can be recorded".into(), true);
            return None;
        }
        let Some(row) = self.current_patient() else {
            self.say("no patient selected".into(), true);
            return None;
        };
        match row.case() {
            Some(case) if !row.has_problem() => Some((case.id.clone(), case.name.safe())),
            _ => {
                let file = row.entry.file.clone();
                let edit = self.keymap.first(Action::Edit);
                self.say(format!("{file} has a problem: fix it first with {edit}"), true);
                None
            }
        }
    }

    pub(super) fn open_form(&mut self, kind: FormKind) {
        if kind == FormKind::NewPatient {
            if self.ctx.store.is_read_only() {
                self.say("read-only data directory: nothing can be recorded".into(), true);
                return;
            }
            self.modal = Some(Modal::Form(Box::new(Form::new(kind, None, self.ctx.now, &self.ctx.by_default()))));
            return;
        }
        let Some((id, name)) = self.writable_target() else { return };
        let patient = self.current_patient();
        let case = patient.as_deref().and_then(|r| r.case());
        let open_rules: Vec<String> = patient
            .as_deref()
            .and_then(|r| r.assessment.as_ref())
            .map(|a| a.open_rule_ids().into_iter().map(String::from).collect())
            .unwrap_or_default();
        if kind == FormKind::Acknowledge && open_rules.is_empty() {
            self.say(format!("{name}: no flag or pathway step is open to acknowledge"), false);
            return;
        }
        let mut form = Form::new(kind, Some((id, name)), self.ctx.now, &self.ctx.by_default());
        form.clinician = self.ctx.clinician.clone();
        form.fit_to_guidelines(&self.ctx.guidelines);
        if let Some(case) = case {
            form.fit_to_case(case, &open_rules);
        }
        if kind == FormKind::Acknowledge
            && let Some(rule) = patient.as_deref().and_then(|r| r.assessment.as_deref()).and_then(most_serious)
        {
            form.preset_rule(&rule);
        }
        self.modal = Some(Modal::Form(Box::new(form)));
    }

    /// Asks before discharging, unless something urgent is still open: that must be answered or
    /// closed with a reason first.
    pub(super) fn ask_discharge(&mut self) {
        let Some((id, name)) = self.writable_target() else { return };
        match self.ctx.discharge_blockers(&id) {
            Ok(blockers) if blockers.is_empty() => {
                let steps = self.ctx.open_steps(&id).unwrap_or_default();
                self.modal = Some(Modal::ConfirmDischarge(id, name, steps));
            }
            Ok(blockers) => {
                let ack = self.keymap.first(Action::Record(crate::record::KindId::Acknowledge));
                self.say(
                    format!("{name} cannot be discharged: still open — {}. Answer each, or close it with a reason ({ack}) first", blockers.join("; ")),
                    true,
                );
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    pub(super) fn edit(&mut self) -> Effect {
        if self.refuse_archived() {
            return Effect::None;
        }
        if self.ctx.store.is_read_only() {
            self.say("read-only data directory: the file cannot be edited here".into(), true);
            return Effect::None;
        }
        let Some(row) = self.current_patient() else {
            self.say("no patient selected".into(), true);
            return Effect::None;
        };
        let stem = std::path::Path::new(&row.entry.file).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        match stem.parse::<CaseId>() {
            Ok(id) => Effect::Edit { id },
            Err(_) => {
                let file = row.entry.file.clone();
                self.say(format!("{file}: the file name is not a case id; rename it by hand"), true);
                Effect::None
            }
        }
    }

    pub(super) fn handle_modal(&mut self, modal: Modal, key: KeyEvent) -> Effect {
        match modal {
            Modal::Help { scroll } => match self.scrolled(scroll, &key) {
                Ok(scroll) => self.modal = Some(Modal::Help { scroll }),
                Err(effect) => return effect,
            },
            Modal::Print { target, .. } => self.print_key(target, key),
            Modal::Messages { scroll } => match self.scrolled(scroll, &key) {
                Ok(scroll) => self.modal = Some(Modal::Messages { scroll }),
                Err(effect) => return effect,
            },
            // Read; any key closes it and does nothing else, so a key typed while reading is safe
            // (q too: a window is closed by the key that closes windows, never the program).
            Modal::Message(_) => {}
            Modal::AskClinician { typed, error } => self.ask_clinician_key(typed, error, key),
            Modal::ConfirmDischarge(id, name, _) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    let date = self.ctx.now.date();
                    let warnings = self.ctx.record_warnings(&id, &crate::model::event::Event::Discharge { date });
                    let (message, error) = match self.ctx.store.discharge(&id, date) {
                        Ok(w) => {
                            let all: Vec<String> = warnings.into_iter().chain(w.warning).collect();
                            let warned = !all.is_empty();
                            let tail = if warned { format!(" (warning: {})", all.join("; ")) } else { String::new() };
                            (format!("{name}: {}{tail}", w.summary), warned)
                        }
                        Err(e) => (e.to_string(), true),
                    };
                    let reloaded = self.reload_all();
                    self.say_after_write(message, error, reloaded);
                    if self.view == View::Patient {
                        self.go(View::Patients);
                    }
                }
                _ => self.say("discharge cancelled".into(), false),
            },
            Modal::ConfirmQuit(form) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => return Effect::Quit,
                _ => self.modal = form.map(Modal::Form),
            },
            Modal::ConfirmDiscard(form) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Esc => {
                    self.say("nothing was recorded".into(), false)
                }
                _ => self.modal = Some(Modal::Form(form)),
            },
            Modal::Form(mut form) => {
                if self.keymap.action(&key) == Some(Action::Quit) && !form.captures_text() {
                    return self.quit(Some(form));
                }
                match form.handle_key(key) {
                    FormOutcome::Continue => self.modal = Some(Modal::Form(form)),
                    FormOutcome::Cancel if form.is_dirty() => self.modal = Some(Modal::ConfirmDiscard(form)),
                    FormOutcome::Cancel => self.say("nothing was recorded".into(), false),
                    FormOutcome::Submit => self.submit(form),
                }
            }
        }
        Effect::None
    }

    /// A scrolling window's new position after `key` (the drawing stops it at the end), or what
    /// to do instead: close it, on any other key (q and Esc included).
    fn scrolled(&self, scroll: u16, key: &KeyEvent) -> Result<u16, Effect> {
        let max = self.popup_scroll_max_cell().get();
        let scroll = scroll.min(max);
        Ok(match self.keymap.action(key) {
            Some(Action::Down) => scroll.saturating_add(1).min(max),
            Some(Action::Up) => scroll.saturating_sub(1),
            Some(Action::PageDown) => scroll.saturating_add(10).min(max),
            Some(Action::PageUp) => scroll.saturating_sub(10),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => max,
            // q, Esc and any other key close the window; q never quits from inside it.
            _ => return Err(Effect::None),
        })
    }

    /// Saves a form through the store, without freezing while the case is busy (see
    /// [`super::saving`]). On failure the form stays open with everything typed.
    fn submit(&mut self, form: Box<Form>) {
        self.save_form(form);
    }

    /// What a save came to: the form closed and the message said, or the form open again with why.
    pub(super) fn saved(
        &mut self,
        mut form: Box<Form>,
        result: Result<crate::tui::forms::Saved, crate::tui::forms::SaveError>,
    ) {
        match result {
            Ok(saved) => {
                let reloaded = self.reload_all();
                if let Some(id) = form.subject() {
                    self.follow(&id);
                }
                // The full summary goes to the message log; the status line gets the short form,
                // unless the store warned, which must be read.
                let message = if saved.warned {
                    saved.full
                } else {
                    self.log(saved.full);
                    saved.short
                };
                // After a failed reload the row still shows the state from before the write.
                let message = match (&reloaded, self.current_patient()) {
                    (Ok(()), Some(row)) => format!("{message} — now {}", crate::present::flag_label(&row, false)),
                    _ => message,
                };
                self.say_after_write(message, false, reloaded);
            }
            Err(e) => {
                form.error = Some(e.to_string());
                form.focus_on_message(&e.to_string());
                self.modal = Some(Modal::Form(form));
            }
        }
    }

    /// Keeps the cursor on a case after the list was reordered, and puts it on a new patient. A
    /// new patient the filter or the ward would hide is shown by clearing them: a patient just
    /// added must never seem to vanish.
    fn follow(&mut self, id: &CaseId) {
        let position = |app: &App| app.patients.visible.iter().position(|&i| app.rows[i].id.as_ref() == Some(id));
        if position(self).is_none() && self.rows.iter().any(|r| r.id.as_ref() == Some(id)) {
            self.patients.filter.clear();
            self.ward = None;
            self.refresh_visible();
        }
        if let Some(pos) = position(self) {
            self.patients.selected = pos;
        }
        if self.view == View::Patient {
            self.patient.file = Some(self.ctx.store.case_file(id));
        }
    }

    /// A key in the first-run question: typing, Enter to set, Esc to go on as the OS account.
    fn ask_clinician_key(&mut self, mut typed: String, error: Option<String>, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                let user = self.ctx.store.user().to_string();
                self.say(
                    format!(
                        "no clinician set: records default to the account {user}; set one with \
                         CORDWATCH_CLINICIAN=\"Name (role)\" or clinician: in the config file"
                    ),
                    false,
                );
            }
            KeyCode::Enter => match crate::model::Clinician::parse(&typed) {
                Ok(clinician) => {
                    let line = clinician.line();
                    self.ctx.set_clinician(clinician, "the dashboard's question");
                    self.say(format!("recording as {line} until the dashboard closes"), false);
                }
                Err(why) => self.modal = Some(Modal::AskClinician { typed, error: Some(why) }),
            },
            KeyCode::Backspace => {
                typed.pop();
                self.modal = Some(Modal::AskClinician { typed, error: None });
            }
            KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if typed.chars().count() < 80 {
                    typed.push(c);
                }
                self.modal = Some(Modal::AskClinician { typed, error: None });
            }
            _ => self.modal = Some(Modal::AskClinician { typed, error }),
        }
    }
}

/// The open flag an acknowledgement most likely answers: the highest level, one nobody has
/// acknowledged yet before one already in hand, then the nearest deadline. None when only
/// pathway steps are open (the form then offers them in their order).
fn most_serious(a: &crate::engine::Assessment) -> Option<String> {
    a.open_flags()
        .max_by_key(|f| (f.level, f.acknowledgements.is_empty(), std::cmp::Reverse(f.deadline)))
        .map(|f| f.rule_id().to_string())
}
