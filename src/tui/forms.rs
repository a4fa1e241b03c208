//! Short forms for recording on the ward: one key per choice, Tab between fields, Enter to save,
//! Esc to cancel. There is one form, laid out from a record kind's declaration in the catalogue
//! (`record`); what is typed becomes the kind's values, built into one clinical event by the
//! kind's own builder and saved through the store. If the save fails, the form stays open with
//! everything that was typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::context::Context;
use crate::guidelines::Guidelines;
use crate::model::event::Event;
use crate::model::*;
use crate::record::{self, Built, Face, Prefill, Preset, Values};
use crate::store::Store;

use super::form_field as field;

pub use crate::record::FormKind;

/// What a save says: in full (for the message log) and in a few words (for the status line, so
/// the round is not stopped by a window after every save), and whether the store warned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub full: String,
    pub short: String,
    pub warned: bool,
}

/// One input of a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One of several words, each chosen by its key (again, it stays chosen); Backspace clears.
    Choice { options: Vec<(char, String)>, selected: Option<usize> },
    /// Several words, each toggled by its key.
    Toggles { options: Vec<(char, String)>, on: Vec<bool> },
    /// Free text, edited like a shell's line: `cursor` is where the next letter goes, in
    /// characters from the start (at most the length; see [`super::form_field`]).
    Text {
        value: String,
        hint: &'static str,
        cursor: usize,
        /// Several lines: Enter starts a new line rather than saving.
        lines: bool,
    },
    /// A score from 0 to `max` typed as digits ("1" then "0" is 10 where 10 is allowed).
    Score { value: Option<u8>, max: u8 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub hidden: bool,
}

/// What a key did to a form.
#[derive(Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    /// The case recorded on (id, display name); none for a new patient.
    pub target: Option<(CaseId, String)>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save failed.
    pub error: Option<String>,
    /// What the last key did not do, and what the focused field takes instead (shown in the
    /// field, so a key that means nothing there is never ignored without a sign).
    pub notice: Option<String>,
    initial: Vec<Field>,
    /// When the form opened and who opened it: what a record's values are read against.
    opened: Stamp,
    user: String,
    /// The clinician set for this login: their role is a record's role when the record is theirs.
    pub clinician: Option<crate::model::Clinician>,
}

impl Field {
    /// A form field as its kind declares it, with what it opens with.
    fn declared(f: &record::Field, now: Stamp, user: &str) -> Field {
        let options = |vocab: record::Vocab, keys: &str| -> Vec<(char, String)> {
            keys.chars().zip((vocab.words)().into_iter().map(String::from)).collect()
        };
        let input = match f.input {
            record::Input::Word { vocab, keys } => {
                let options = options(vocab, keys);
                let selected = f.default_word.and_then(|w| options.iter().position(|(_, o)| o == w));
                Input::Choice { options, selected }
            }
            record::Input::Words { vocab, keys } => {
                let options = options(vocab, keys);
                Input::Toggles { on: vec![false; options.len()], options }
            }
            record::Input::OpenRule | record::Input::Listed { .. } | record::Input::Entry => {
                Input::Choice { options: Vec::new(), selected: None }
            }
            record::Input::Switch { key, label } => {
                Input::Toggles { options: vec![(key, label.to_string())], on: vec![false] }
            }
            record::Input::Score { max } => Input::Score { value: None, max },
            record::Input::Text | record::Input::Lines => {
                let value = match f.prefill {
                    Prefill::Empty => String::new(),
                    Prefill::Now => now.to_string(),
                    Prefill::Today => now.date().to_string(),
                    Prefill::User => user.to_string(),
                    Prefill::Text(text) => text.to_string(),
                };
                Input::Text {
                    cursor: value.chars().count(),
                    value,
                    hint: f.hint,
                    lines: matches!(f.input, record::Input::Lines),
                }
            }
        };
        Field { name: f.name, label: f.label, input, hidden: false }
    }
}

/// The keys that pick an entry to strike, newest first: the digits, then the letters, so the
/// entries of weeks of rounds are in reach, not only the newest nine. An entry older still is
/// struck by `cordwatch record strike --entry`, which names any entry.
pub const ENTRY_KEYS: &str = "123456789abcdefghijklmnopqrstuvwxyz";

/// The first words of a long line, for a choice that must fit beside others.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

impl Form {
    pub fn new(kind: FormKind, target: Option<(CaseId, String)>, now: Stamp, user: &str) -> Form {
        let fields: Vec<Field> = kind.kind().fields_on(Face::Form).map(|f| Field::declared(f, now, user)).collect();
        let mut form = Form {
            kind,
            target,
            initial: Vec::new(),
            fields,
            focus: 0,
            error: None,
            notice: None,
            opened: now,
            user: user.into(),
            clinician: None,
        };
        for (name, preset) in kind.presets() {
            match preset {
                Preset::Word(word) => form.select(name, word),
                Preset::Switch(on) => form.set_switch(name, on),
            }
        }
        if let Some(i) = kind.first_focus().and_then(|name| form.fields.iter().position(|f| f.name == name)) {
            form.focus = i;
        }
        form.initial = form.fields.clone();
        form
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.name == name)
    }

    fn select(&mut self, name: &str, word: &str) {
        if let Some(Field { input: Input::Choice { options, selected }, .. }) = self.field_mut(name) {
            *selected = options.iter().position(|(_, w)| *w == word);
        }
    }

    fn set_switch(&mut self, name: &str, value: bool) {
        if let Some(Field { input: Input::Toggles { on, .. }, .. }) = self.field_mut(name)
            && let Some(first) = on.first_mut()
        {
            *first = value;
        }
    }

    /// Adjusts the form to the case: the flags and steps open on it (only those can be
    /// acknowledged), and what the case already answers (a bone agent's drug), set and not asked.
    pub fn fit_to_case(&mut self, case: &Case, open_rules: &[String]) {
        const KEYS: &str = "123456789";
        let declared = self.kind.kind();
        for field in self.fields.iter_mut() {
            if matches!(declared.field(field.name).map(|f| f.input), Some(record::Input::OpenRule)) {
                let options: Vec<(char, String)> = KEYS.chars().zip(open_rules.iter().cloned()).collect();
                let selected = (!options.is_empty()).then_some(0);
                field.input = Input::Choice { options, selected };
            }
            if matches!(declared.field(field.name).map(|f| f.input), Some(record::Input::Entry)) {
                // The newest entries first: a wrong entry is most often the one just made.
                let mut entries: Vec<_> = case.entries().into_iter().filter(|e| e.struck.is_none()).collect();
                entries.sort_by(|a, b| b.entry.moment.cmp(&a.entry.moment));
                let options: Vec<(char, String)> = ENTRY_KEYS
                    .chars()
                    .zip(entries.iter().map(|e| format!("{} ({})", e.entry, short(&e.what))))
                    .collect();
                field.input = Input::Choice { options, selected: None };
            }
        }
        for (name, word) in (declared.fixed)(case) {
            self.select(name, word);
            if let Some(f) = self.field_mut(name) {
                f.hidden = true;
            }
        }
        if self.fields.get(self.focus).is_some_and(|f| f.hidden) {
            self.focus = self.fields.iter().position(|f| !f.hidden).unwrap_or(0);
        }
        self.initial = self.fields.clone();
    }

    /// Fills the choices the guidelines in force give (the reasons that close an emergency).
    pub fn fit_to_guidelines(&mut self, g: &Guidelines) {
        let declared = self.kind.kind();
        for field in self.fields.iter_mut() {
            if let Some(record::Input::Listed { list, keys }) = declared.field(field.name).map(|f| f.input) {
                field.input = Input::Choice { options: keys.chars().zip(list(g)).collect(), selected: None };
            }
        }
        self.initial = self.fields.clone();
    }

    /// Opens an acknowledgement on `rule` ready to close it: the round's "only a decision answers
    /// this" items. The focus goes to the reason.
    pub fn preset_closing(&mut self, rule: &str) {
        self.select("flag", rule);
        self.set_switch("close", true);
        if let Some(i) = self.fields.iter().position(|f| f.name == "closed") {
            self.focus = i;
        }
        self.initial = self.fields.clone();
    }

    /// Readies a form opened by Enter on a round item. The round knows what is awaited, not that
    /// it happened: if the form could be saved as it opens (a dose dated today, a referral made
    /// now, steroids stopped now), its time is cleared, so that a second Enter pressed without
    /// reading records nothing and the clinician says when it was done.
    pub fn from_round(&mut self, guidelines: &Guidelines) {
        if self.event(guidelines).is_err() {
            self.focus_on_error(guidelines);
            return;
        }
        let declared = self.kind.kind();
        let mut first = None;
        for (i, field) in self.fields.iter_mut().enumerate() {
            let when = declared.field(field.name).is_some_and(|f| matches!(f.prefill, Prefill::Now | Prefill::Today));
            if let (true, Input::Text { value, cursor, .. }) = (when, &mut field.input) {
                value.clear();
                *cursor = 0;
                first.get_or_insert(i);
            }
        }
        if let Some(i) = first {
            self.focus = i;
        }
        self.initial = self.fields.clone();
    }

    /// Puts the focus on the field a refusal names first ("At: ..."), when it names one.
    pub fn focus_on_message(&mut self, message: &str) {
        if let Some(i) = self.fields.iter().position(|f| !f.hidden && message.starts_with(&format!("{}:", f.label))) {
            self.focus = i;
        }
    }

    /// Puts the focus on the field the form cannot be saved without, when one field is at fault
    /// (a save refused for a missing result leaves the cursor on Result, not on the last field).
    pub fn focus_on_error(&mut self, guidelines: &Guidelines) {
        let Err(e) = (self.kind.kind().build)(&self.values(guidelines)) else { return };
        if let Some(i) =
            e.field.and_then(|label| self.fields.iter().position(|f| !f.hidden && f.label == label.as_str()))
        {
            self.focus = i;
        }
    }

    /// Fills a text field (the number of the job being cancelled) and puts the focus on `focus`.
    pub fn preset_text(&mut self, name: &str, text: &str, focus: &str) {
        if let Some(Field { input: Input::Text { value, cursor, .. }, .. }) = self.field_mut(name) {
            *value = text.to_string();
            *cursor = value.chars().count();
        }
        if let Some(i) = self.fields.iter().position(|f| f.name == focus) {
            self.focus = i;
        }
        self.initial = self.fields.clone();
    }

    /// Picks `rule` in an acknowledgement (the flag the user was on when pressing the key).
    pub fn preset_rule(&mut self, rule: &str) {
        self.select("flag", rule);
        self.initial = self.fields.clone();
    }

    pub fn case_id(&self) -> Option<&CaseId> {
        self.target.as_ref().map(|(id, _)| id)
    }

    /// The case a saved form wrote: its patient's, or for a new patient the id typed in.
    pub fn subject(&self) -> Option<CaseId> {
        match &self.target {
            Some((id, _)) => Some(id.clone()),
            None => match &self.fields.iter().find(|f| f.name == "id")?.input {
                Input::Text { value, .. } => value.trim().parse().ok(),
                _ => None,
            },
        }
    }

    /// Whether anything was typed or chosen since the form opened (moving within a text field
    /// is not input).
    pub fn is_dirty(&self) -> bool {
        let still = |a: &Field, b: &Field| match (&a.input, &b.input) {
            (Input::Text { value: x, .. }, Input::Text { value: y, .. }) => x == y && a.hidden == b.hidden,
            _ => a == b,
        };
        self.fields.len() != self.initial.len() || !self.fields.iter().zip(&self.initial).all(|(a, b)| still(a, b))
    }

    /// Whether the focused field takes free text (so letters type rather than act).
    pub fn captures_text(&self) -> bool {
        matches!(self.fields.get(self.focus).map(|f| &f.input), Some(Input::Text { .. }))
    }

    /// Moves to the next or previous shown field. Tab stops at the last field rather than wrapping
    /// to the first: a note typed on past the end would otherwise land, letter by letter, in the
    /// first choice (Motor) and change a finding. Where it stops, the form says so.
    fn step_focus(&mut self, forward: bool) {
        let shown: Vec<usize> = (0..self.fields.len()).filter(|&i| !self.fields[i].hidden).collect();
        let here = shown.iter().position(|&i| i == self.focus);
        let next = match (here, forward) {
            (Some(p), true) => shown.get(p + 1).copied(),
            (Some(p), false) => p.checked_sub(1).and_then(|p| shown.get(p).copied()),
            (None, _) => shown.first().copied(),
        };
        match next {
            Some(i) => self.focus = i,
            None if forward => self.notice = Some("last field: Enter saves, Shift-Tab goes back".into()),
            None => self.notice = Some("first field: Tab goes on to the next".into()),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        self.notice = None;
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => match self.fields.get_mut(self.focus).map(|f| &mut f.input) {
                Some(Input::Text { value, cursor, lines: true, .. }) => {
                    if value.chars().count() < 2000 {
                        let at = value.char_indices().nth(*cursor).map_or(value.len(), |(i, _)| i);
                        value.insert(at, '\n');
                        *cursor += 1;
                    }
                }
                _ => return FormOutcome::Submit,
            },
            KeyCode::Tab | KeyCode::Down => self.step_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.step_focus(false),
            _ => {
                let Some(field) = self.fields.get_mut(self.focus) else { return FormOutcome::Continue };
                let typed = match key.code {
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
                    _ => None,
                };
                if !field::edit(&mut field.input, key) {
                    let field = &self.fields[self.focus];
                    let text_in = self.fields.iter().find(|f| f.name == "note" && !f.hidden).map(|f| f.label);
                    self.notice = Some(field::keys_of(field, typed, text_in));
                }
            }
        }
        FormOutcome::Continue
    }

    /// What was typed and chosen, as the values of a record of the form's kind.
    pub fn values<'a>(&'a self, guidelines: &'a Guidelines) -> Values<'a> {
        let declared = self.kind.kind();
        let mut values = Values::new(declared, Face::Form, self.opened, &self.user, guidelines);
        values.clinician = self.clinician.clone();
        for field in &self.fields {
            match &field.input {
                Input::Choice { options, selected: Some(i) } => {
                    if let Some((_, word)) = options.get(*i) {
                        values.give(field.name, word.clone());
                    }
                }
                Input::Choice { selected: None, .. } => {}
                Input::Toggles { options, on } => {
                    let switch =
                        matches!(declared.field(field.name).map(|f| f.input), Some(record::Input::Switch { .. }));
                    for ((_, word), on) in options.iter().zip(on) {
                        match (switch, on) {
                            (true, true) => values.give(field.name, "true"),
                            (false, true) => values.give(field.name, word.clone()),
                            _ => {}
                        }
                    }
                }
                Input::Text { value, .. } if !value.trim().is_empty() => values.give(field.name, value.clone()),
                Input::Text { .. } => {}
                Input::Score { value: Some(v), .. } => values.give(field.name, v.to_string()),
                Input::Score { value: None, .. } => {}
            }
        }
        values
    }

    /// The clinical event the form describes.
    pub fn event(&self, guidelines: &Guidelines) -> Result<Event, String> {
        match (self.kind.kind().build)(&self.values(guidelines)).map_err(|e| e.to_string())? {
            Built::Event(event) => Ok(event),
            Built::NewCase(_) => Err("a new patient is created, not recorded".into()),
        }
    }

    /// What Enter would save, in one line, read against the case as it stands (the summary the
    /// audit log would get); or why it cannot be saved yet. Shown under the form while it is
    /// filled in, so nothing is recorded that the clinician has not seen in words.
    pub fn preview(&self, guidelines: &Guidelines, case: Option<&Case>) -> Result<String, String> {
        match (self.kind.kind().build)(&self.values(guidelines)).map_err(|e| e.to_string())? {
            Built::NewCase(new) => Ok(format!(
                "a new patient: {}{}",
                crate::model::text::sanitize(new.name.trim()),
                new.id.map(|id| format!(" ({id})")).unwrap_or_default()
            )),
            Built::Event(event) => match case {
                Some(case) => event.apply(&mut case.clone()).map_err(|e| e.to_string()),
                None => Ok(event.operation().to_string()),
            },
        }
    }

    /// Saves the form through the store, once the context allows the event (not dated ahead, an
    /// acknowledgement of something open); the message for the footer, or why it failed.
    pub fn save(&self, ctx: &Context) -> Result<Saved, SaveError> {
        if self.kind == FormKind::NewPatient {
            return self.create(&ctx.store, &ctx.guidelines, ctx.now.date()).map(|message| Saved {
                short: message.clone(),
                full: message,
                warned: false,
            });
        }
        let (id, name) = self.target.as_ref().ok_or_else(|| SaveError::Input("no patient".into()))?;
        let event = self.event(&ctx.guidelines).map_err(SaveError::Input)?;
        ctx.check_event(id, &event).map_err(|refusal| self.in_form_words(refusal))?;
        let warnings = ctx.record_warnings(id, &event);
        let written = ctx.store.record(id, &event)?;
        let all: Vec<String> = warnings.into_iter().chain(written.warning).collect();
        let warning = if all.is_empty() { String::new() } else { format!(" (warning: {})", all.join("; ")) };
        Ok(Saved {
            full: format!("{name}: {}{warning}", written.summary),
            short: format!("{name}: {} recorded", event.operation()),
            warned: !warning.is_empty(),
        })
    }

    /// A refusal said in the form's words: a record dated ahead names the form's time field, not
    /// the command line's flag.
    fn in_form_words(&self, refusal: crate::context::Refusal) -> SaveError {
        use crate::model::event::EventError;
        match refusal {
            crate::context::Refusal::Ahead(EventError::Ahead { at, now }) => {
                let label = self.fields.iter().find(|f| f.name == "at").map(|f| f.label).unwrap_or("At");
                SaveError::Input(format!(
                    "{label}: {at} is later than now ({now}); a record cannot be dated in the future. \
                     Correct {label} (a time alone, such as 09:40, is today)"
                ))
            }
            other => SaveError::Refused(other),
        }
    }

    fn create(&self, store: &Store, guidelines: &Guidelines, today: Date) -> Result<String, SaveError> {
        let input = SaveError::Input;
        let new = match (self.kind.kind().build)(&self.values(guidelines)).map_err(|e| input(e.to_string()))? {
            Built::NewCase(new) => new,
            Built::Event(_) => return Err(input("this form records on a patient; choose one first".into())),
        };
        let case = new.build(today).map_err(|e| match e {
            NewCaseError::NoName => input("give the patient's name".into()),
            NewCaseError::NoId => input("give the hospital number".into()),
            NewCaseError::SubtypeNotBreast => input("a breast subtype needs Primary: breast".into()),
            NewCaseError::Place(rule) => input(rule.to_string()),
        })?;
        let written = store.create(&case)?;
        Ok(format!("{}: created {}", written.case.name.safe(), store.case_file(&written.case.id)))
    }
}

/// Why a form was not saved; the form stays open and shows it.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A field is missing or does not read: the message names it.
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Refused(#[from] crate::context::Refusal),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_has_its_own_key_and_every_word_of_its_vocabulary() {
        let now = Stamp::parse("2026-11-23 09:00").expect("stamp");
        let kinds = [
            FormKind::Exam,
            FormKind::Request,
            FormKind::Imaging(None),
            FormKind::Dose,
            FormKind::Dental,
            FormKind::Acknowledge,
            FormKind::Review,
            FormKind::NewPatient,
            FormKind::Radiotherapy,
            FormKind::Surgery,
            FormKind::Steroids { stop: false },
            FormKind::Referral(None),
        ];
        for kind in kinds {
            for field in Form::new(kind, None, now, "u").fields {
                let (Input::Choice { options, .. } | Input::Toggles { options, .. }) = &field.input else { continue };
                let mut keys: Vec<char> = options.iter().map(|(k, _)| *k).collect();
                keys.sort_unstable();
                keys.dedup();
                assert_eq!(keys.len(), options.len(), "{}: a key picks two words", field.name);
            }
        }
        let exam = Form::new(FormKind::Exam, None, now, "u");
        let pain = exam.fields.iter().find(|f| f.name == "pain").map(|f| f.input.clone());
        let Some(Input::Toggles { options, .. }) = pain else { panic!("pain is toggles") };
        assert_eq!(options.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>(), PainFeature::words());
    }
}
