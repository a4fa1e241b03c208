//! Keys outside any window: moving, switching views, filtering, and opening the forms.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect, Modal, View};
use crate::engine::Completion;
use crate::record::KindId;
use crate::settings::keymap::Action;
use crate::tui::audit::{Opened, Source};
use crate::tui::forms::FormKind;

impl App {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // Ctrl-C leaves at once while a save waits (what was submitted is kept, see
            // `saving`) and when asked a second time; otherwise it asks first like `q` when
            // leaving would lose typed input or the demo's changes.
            return match self.modal.take() {
                _ if self.saving.is_some() => Effect::Quit,
                Some(Modal::ConfirmQuit(_)) => Effect::Quit,
                Some(Modal::Form(form)) => self.quit(Some(form)),
                // Another window over the screen holds nothing typed: it closes.
                Some(_) | None => self.quit(None),
            };
        }
        if self.saving.is_some() {
            return self.saving_key(key);
        }
        if let Some(modal) = self.modal.take() {
            return self.handle_modal(modal, key);
        }
        if self.patients.editing {
            if let Some(said) = self.patients.filter_key(key, &self.rows, self.ward.as_deref()) {
                self.say(said, true);
            }
            return Effect::None;
        }
        let Some(action) = self.keymap.action(&key) else { return Effect::None };
        self.status = None;
        let effect = self.act(action);
        self.mark_seen();
        effect
    }

    fn act(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return self.quit(None),
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page.get() as i64)),
            Action::PageDown => self.move_by(self.page.get() as i64),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::NextView => self.switch(1),
            Action::PrevView => self.switch(-1),
            Action::ViewPatients => self.go(View::Patients),
            Action::ViewPatient => self.show_patient(),
            Action::ViewRound => self.go(View::Round),
            Action::ViewUrgent => self.go(View::Urgent),
            Action::ViewAudit => self.go(View::Audit),
            Action::History => self.toggle_history(),
            Action::ViewJobs => self.go(View::Jobs),
            Action::JobsMine => {
                let mine = self.jobs.toggle_mine();
                self.go(View::Jobs);
                let user = self.ctx.store.user().to_string();
                self.say(if mine { format!("jobs of {user} only") } else { "everyone's jobs".into() }, false);
            }
            Action::JobDone => self.tick_off_job(),
            Action::Print => self.open_print(),
            Action::JobCancel => self.cancel_job(),
            Action::Messages => {
                if self.messages.is_empty() {
                    self.say("no messages yet".into(), false);
                } else {
                    self.modal = Some(Modal::Messages { scroll: u16::MAX });
                }
            }
            Action::Filter => {
                self.go(View::Patients);
                self.patients.start_filter();
            }
            Action::WardFilter => self.next_ward(),
            Action::Sort if self.view == View::Round => self.sort_round(),
            Action::NextPatient => self.step_patient(true),
            Action::PrevPatient => self.step_patient(false),
            Action::Sort => {
                let sort = self.patients.next_sort(&self.rows, self.ward.as_deref());
                self.say(format!("sorted by {}", sort.label()), false);
            }
            Action::Record(KindId::Acknowledge) => {
                // On the Urgent view the acknowledgement is for the flag on the selected line.
                let on_flag = (self.view == View::Urgent).then(|| self.urgent.rule(&self.rows)).flatten();
                self.open_form(FormKind::Acknowledge);
                if let (Some(rule), Some(Modal::Form(form))) = (on_flag, &mut self.modal) {
                    form.preset_rule(&rule);
                }
            }
            Action::Record(kind) => self.open_form(FormKind::plain(kind)),
            Action::NewPatient => self.open_form(FormKind::NewPatient),
            Action::Edit => return self.edit(),
            Action::Discharge => self.ask_discharge(),
        }
        Effect::None
    }

    /// `s` in the Round view: the patients by urgency or by bed, the cursor kept on its item.
    fn sort_round(&mut self) {
        let keep = self.round.key(&self.round());
        let said = match self.round.turn_order() {
            crate::tui::round::RoundOrder::Urgency => "round sorted by urgency: emergencies first",
            crate::tui::round::RoundOrder::Bed => "round sorted by bed: ward by ward, bed by bed",
        };
        let lines = self.round();
        self.round.restore(&lines, keep);
        self.say(said.into(), false);
    }

    /// `]` and `[`: the first line of the next or previous patient in the Round and Urgent views
    /// (one row is one patient in the Patients list, so there they move one row).
    fn step_patient(&mut self, forward: bool) {
        let found = match self.view {
            View::Round => {
                let lines = self.round();
                self.round.to_next_patient(&lines, forward)
            }
            View::Urgent => {
                let lines = self.urgent_rows();
                self.urgent.to_next_patient(&lines, forward)
            }
            View::Patients => {
                self.move_by(if forward { 1 } else { -1 });
                true
            }
            View::Patient | View::Audit | View::Jobs => {
                let (next, prev) = (self.keymap.first(Action::NextPatient), self.keymap.first(Action::PrevPatient));
                self.say(format!("{next} and {prev} move between patients in the Round and Urgent views"), false);
                return;
            }
        };
        if !found {
            self.say(if forward { "this is the last patient" } else { "this is the first patient" }.into(), false);
        }
    }

    /// Moves the cursor of the view shown (the Patient view scrolls).
    fn move_by(&mut self, delta: i64) {
        match self.view {
            View::Patients => self.patients.move_by(delta),
            View::Patient => {
                // Stops at the end: the last line drawn at the bottom (the limit is set while drawing).
                self.patient.scroll_by(delta);
            }
            View::Round => {
                let lines = self.round();
                self.round.move_by(&lines, delta);
            }
            View::Urgent => self.urgent.move_by(&self.rows, delta),
            View::Jobs => {
                let count = self.job_rows().len();
                self.jobs.move_by(delta, count);
            }
            View::Audit => {
                let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
                self.audit.move_by(src, delta);
            }
        }
    }

    fn switch(&mut self, by: i64) {
        let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0) as i64;
        let next = View::ALL[(i + by).rem_euclid(View::ALL.len() as i64) as usize];
        if next == View::Patient {
            self.show_patient();
            if self.view != View::Patient {
                self.go(View::ALL[(i + 2 * by).rem_euclid(View::ALL.len() as i64) as usize]);
            }
        } else {
            self.go(next);
        }
    }

    /// Shows (or hides again) who did what to the patient: its lines of the audit log, read now.
    fn toggle_history(&mut self) {
        self.show_patient();
        let Some(id) = self.current_patient().and_then(|r| r.case().map(|c| c.id.clone())) else { return };
        if self.patient.shows_history_of(&id) {
            self.patient.history = None;
            return;
        }
        match self.ctx.store.history(&id) {
            Ok(lines) => self.patient.show_history(id, lines),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Opens the Patient view on the patient under the cursor of the current view.
    fn show_patient(&mut self) {
        let file = match self.view {
            View::Patient => return,
            View::Audit => return self.open_audit_target(),
            _ => self.current_file(),
        };
        match file {
            Some(file) => self.open_patient_file(file),
            None => self.say("no patient selected".into(), true),
        }
    }

    /// Enter on the Audit view: the patient of the selected episode, a discharged one read only.
    fn open_audit_target(&mut self) {
        let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
        match self.audit.open(src, &self.keymap) {
            Opened::File(file) => self.open_patient_file(file),
            Opened::Archived(row, said) => {
                self.patient.open_archived(*row);
                self.go(View::Patient);
                self.say(said, false);
            }
            Opened::Say(text, error) => self.say(text, error),
        }
    }

    /// Shows the patient of a case file in the Patient view.
    pub(super) fn open_patient_file(&mut self, file: String) {
        self.patient.open_file(file);
        self.go(View::Patient);
    }

    fn open(&mut self) {
        match self.view {
            View::Patients | View::Urgent | View::Audit | View::Jobs => self.show_patient(),
            View::Patient => {}
            View::Round => match self.round_target() {
                Some((file, Some(completion))) => {
                    self.patient.file = Some(file);
                    match self.round_form(&completion) {
                        Some((kind, closing)) => {
                            self.open_form(kind);
                            if let Some(Modal::Form(form)) = &mut self.modal {
                                if let Some(rule) = closing {
                                    form.preset_closing(&rule);
                                }
                                form.from_round(&self.ctx.guidelines);
                            }
                        }
                        None => self.say("nothing to record: this item moves on by itself".into(), false),
                    }
                }
                Some((_, None)) => {
                    let edit = self.keymap.first(Action::Edit);
                    self.say(format!("fix this file first: press {edit} to edit it"), true)
                }
                None => {}
            },
        }
    }

    /// The form that completes a round item. An emergency awaiting an MRI that nobody has
    /// requested yet opens the request: a result form there would record a scan never done.
    fn round_form(&self, completion: &Completion) -> Option<(FormKind, Option<String>)> {
        let found = FormKind::for_completion(completion)?;
        if let Completion::MriResult { .. } = completion {
            let requested = self.current_patient().is_some_and(|r| {
                r.case().is_some_and(|case| {
                    case.imaging.iter().any(|i| i.kind.is_mri() && i.requested.is_some() && i.done.is_none())
                })
            });
            if !requested {
                return Some((FormKind::Request, None));
            }
        }
        Some(found)
    }

    fn back(&mut self) {
        if !self.patients.filter.is_empty() && self.view == View::Patients {
            self.patients.filter.clear();
            self.refresh_visible();
            return;
        }
        self.go_back();
    }

    /// The next ward to show. On the Audit view the wards of discharged patients are offered too
    /// (a ward whose patients have all gone home can still be audited), matched as the audit
    /// matches them, whatever the capitals.
    fn next_ward(&mut self) {
        let audit = self.view == View::Audit;
        let mut wards: Vec<String> = self.rows.iter().filter_map(|r| r.ward_raw().map(str::to_string)).collect();
        if audit {
            wards.extend(
                self.audit
                    .archived()
                    .iter()
                    .filter_map(|e| e.case.as_ref()?.ward.as_ref().map(|w| w.raw().to_string())),
            );
        }
        wards.sort();
        wards.dedup();
        if audit {
            wards.sort_by_key(|w| w.trim().to_lowercase());
            wards.dedup_by(|a, b| crate::ward::is_ward(a, b));
        }
        let same = |x: &String, w: &String| if audit { crate::ward::is_ward(x, w) } else { x == w };
        self.ward = match &self.ward {
            None => wards.first().cloned(),
            Some(w) => wards.iter().position(|x| same(x, w)).and_then(|i| wards.get(i + 1).cloned()),
        };
        self.patients.selected = 0;
        // The Round view lists one ward's patients: its cursor must stay within the new list.
        let keep = self.cursors();
        self.round.forget_lines();
        self.audit.forget_lines();
        self.restore(keep);
        let label = self
            .ward
            .as_ref()
            .map(|w| format!("ward {}", crate::model::text::sanitize(w)))
            .unwrap_or("all wards".into());
        self.say(format!("showing {label}"), false);
    }
}
