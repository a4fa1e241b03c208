//! Short forms for recording on the ward: one key per choice, Tab between fields, Enter to save,
//! Esc to cancel. A form turns into one clinical event and is saved through the store; if the
//! save fails, the form stays open with everything that was typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::context::Context;
use crate::guidelines::Guidelines;
use crate::model::bounded::{Fractions, Gray, MgPerDay};
use crate::model::event::Event;
use crate::model::*;
use crate::store::Store;

/// What a save says: in full (for the message log) and in a few words (for the status line, so
/// the round is not stopped by a window after every save), and whether the store warned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub full: String,
    pub short: String,
    pub warned: bool,
}

/// Which form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormKind {
    Exam,
    Request,
    /// A result; `Some(kind)` when the round asked for a particular study.
    Imaging(Option<ImagingKind>),
    Dose,
    Dental,
    Acknowledge,
    Review,
    NewPatient,
    /// A radiotherapy course (started, or booked ahead).
    Radiotherapy,
    /// Spinal surgery (done, or booked ahead).
    Surgery,
    /// A corticosteroid dose, a dose change, or (`stop` preset) stopping the running course.
    Steroids {
        stop: bool,
    },
    /// A referral; `Some(team)` when the round asked for a particular team.
    Referral(Option<ReferralTo>),
}

impl FormKind {
    pub fn title(self) -> &'static str {
        match self {
            FormKind::Exam => "Record an exam",
            FormKind::Request => "Request spine imaging",
            FormKind::Imaging(_) => "Record an imaging result",
            FormKind::Dose => "Record a bone-agent dose",
            FormKind::Dental => "Record the dental review",
            FormKind::Acknowledge => "Acknowledge or close a flag or step",
            FormKind::Review => "Record a ward-round review",
            FormKind::NewPatient => "New patient",
            FormKind::Radiotherapy => "Record a radiotherapy course",
            FormKind::Surgery => "Record spinal surgery",
            FormKind::Steroids { .. } => "Record corticosteroids (start, change or stop)",
            FormKind::Referral(_) => "Record a referral",
        }
    }
}

/// One input of a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One of several words, each chosen by its key; pressing it again clears the choice.
    Choice {
        options: Vec<(char, String)>,
        selected: Option<usize>,
    },
    /// Several words, each toggled by its key.
    Toggles {
        options: Vec<(char, String)>,
        on: Vec<bool>,
    },
    Text {
        value: String,
        hint: &'static str,
    },
    /// A 0-10 score typed as digits ("1" then "0" is 10).
    Score {
        value: Option<u8>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub hidden: bool,
}

fn owned(options: &[(char, &str)]) -> Vec<(char, String)> {
    options.iter().map(|(k, w)| (*k, w.to_string())).collect()
}

fn choice(name: &'static str, label: &'static str, options: &[(char, &str)]) -> Field {
    Field { name, label, input: Input::Choice { options: owned(options), selected: None }, hidden: false }
}

fn text(name: &'static str, label: &'static str, value: String, hint: &'static str) -> Field {
    Field { name, label, input: Input::Text { value, hint }, hidden: false }
}

/// The choices of a vocabulary: its words as the model spells them, each with the key that picks
/// it. `keys` gives one key per word, in the vocabulary's order.
fn options<T: std::fmt::Display>(words: &[T], keys: &str) -> Vec<(char, String)> {
    debug_assert_eq!(keys.chars().count(), words.len(), "one key per word");
    keys.chars().zip(words.iter().map(|w| w.to_string())).collect()
}

fn vocab_choice<T: std::fmt::Display>(name: &'static str, label: &'static str, words: &[T], keys: &str) -> Field {
    Field { name, label, input: Input::Choice { options: options(words, keys), selected: None }, hidden: false }
}

/// A case is opened in or out of hospital, never already discharged.
const OPENING_STATUS: [Status; 2] = [Status::Inpatient, Status::Outpatient];

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
    initial: Vec<Field>,
}

impl Form {
    pub fn new(kind: FormKind, target: Option<(CaseId, String)>, now: Stamp, user: &str) -> Form {
        let at = now.to_string();
        let by = || text("by", "By", user.to_string(), "who");
        let when = |label| text("at", label, at.clone(), "YYYY-MM-DD HH:MM");
        let fields = match kind {
            FormKind::Exam => vec![
                vocab_choice("motor", "Motor", Motor::ALL, "nwp"),
                vocab_choice("sensory", "Sensory", Sensory::ALL, "nal"),
                text("sensory_level", "Sensory level", String::new(), "e.g. T10 (with sensory: level)"),
                vocab_choice("bladder", "Bladder", Bladder::ALL, "nri"),
                vocab_choice("bowel", "Bowel", Bowel::ALL, "ni"),
                vocab_choice("gait", "Gait", Gait::ALL, "nux"),
                Field {
                    name: "pain",
                    label: "Pain features",
                    input: Input::Toggles {
                        options: options(PainFeature::ALL, "tclsmgndrw"),
                        on: vec![false; PainFeature::ALL.len()],
                    },
                    hidden: false,
                },
                Field { name: "pain_score", label: "Pain score", input: Input::Score { value: None }, hidden: false },
                vocab_choice("frankel", "Frankel", Frankel::ALL, "abcde"),
                text("note", "Note", String::new(), "optional"),
                when("At"),
                by(),
            ],
            FormKind::Request => {
                let mut kind = vocab_choice("kind", "Study", ImagingKind::ALL, "wscbpx");
                select(&mut kind, ImagingKind::MriWholeSpine.as_str());
                vec![kind, text("note", "Note", String::new(), "optional"), when("Requested at"), by()]
            }
            FormKind::Imaging(preset) => {
                let mut kind = vocab_choice("kind", "Study", ImagingKind::ALL, "wscbpx");
                select(&mut kind, preset.unwrap_or(ImagingKind::MriWholeSpine).as_str());
                vec![
                    kind,
                    vocab_choice("result", "Result", ImagingResult::ALL, "srpnmo"),
                    vocab_choice("escc", "ESCC (Bilsky)", &Escc::ALL, "0abc23"),
                    text("note", "Note", String::new(), "optional"),
                    when("Done at"),
                    by(),
                ]
            }
            FormKind::Dose => vec![
                vocab_choice("drug", "Drug", BoneDrug::ALL, "dz"),
                text("date", "Date given", now.date().to_string(), "YYYY-MM-DD"),
                by(),
            ],
            FormKind::Dental => vec![text("date", "Review date", now.date().to_string(), "YYYY-MM-DD"), by()],
            FormKind::Acknowledge => vec![
                choice("flag", "Flag", &[]),
                text("plan", "Plan", String::new(), "what happens next"),
                Field {
                    name: "close",
                    label: "Close it",
                    input: Input::Toggles {
                        options: owned(&[('c', "close the flag without imaging")]),
                        on: vec![false],
                    },
                    hidden: false,
                },
                text("reason", "Reason", String::new(), "why it is closed (needed to close)"),
                when("At"),
                by(),
            ],
            FormKind::Review => vec![text("note", "Note", String::new(), "optional"), when("At"), by()],
            FormKind::Radiotherapy => vec![
                text("start", "First day", now.date().to_string(), "YYYY-MM-DD"),
                text("start_time", "First at", String::new(), "HH:MM of the first fraction, when known"),
                text("end", "Last day", String::new(), "YYYY-MM-DD, when known"),
                text("site", "Site", String::new(), "e.g. T6-T8"),
                text("dose_gy", "Dose (Gy)", String::new(), "e.g. 20"),
                text("fractions", "Fractions", String::new(), "e.g. 5"),
            ],
            FormKind::Surgery => vec![
                text("date", "Date", now.date().to_string(), "YYYY-MM-DD"),
                text("time", "Started at", String::new(), "HH:MM, when known"),
                text("procedure", "Procedure", String::new(), "e.g. decompression and fixation T9-T11"),
            ],
            FormKind::Steroids { stop } => vec![
                text("drug", "Drug", "dexamethasone".to_string(), "name of the corticosteroid"),
                text("mg_per_day", "mg a day", String::new(), "the new daily dose"),
                Field {
                    name: "stop",
                    label: "Stop",
                    input: Input::Toggles { options: owned(&[('s', "stop every running course")]), on: vec![stop] },
                    hidden: false,
                },
                when("From"),
            ],
            FormKind::Referral(team) => {
                let mut to = vocab_choice("to", "To", ReferralTo::ALL, "srmpcy");
                if let Some(team) = team {
                    select(&mut to, team.as_str());
                }
                vec![
                    to,
                    text("outcome", "Outcome", String::new(), "optional"),
                    text("at", "At", at.clone(), "YYYY-MM-DD HH:MM, or a date alone"),
                    by(),
                ]
            }
            FormKind::NewPatient => {
                let mut status = vocab_choice("status", "Status", &OPENING_STATUS, "io");
                select(&mut status, Status::Inpatient.as_str());
                vec![
                    text("id", "Hospital no.", String::new(), "letters and digits"),
                    text("name", "Name", String::new(), "required"),
                    text("ward", "Ward", String::new(), "optional"),
                    text("bed", "Bed", String::new(), "optional"),
                    status,
                    vocab_choice("primary", "Primary", Primary::ALL, "bplrmyteco"),
                    vocab_choice("subtype", "Breast subtype", BreastSubtype::ALL, "h2t"),
                ]
            }
        };
        // The drug is filled in already (dexamethasone): start on the dose.
        let focus = if matches!(kind, FormKind::Steroids { stop: false }) { 1 } else { 0 };
        Form { kind, target, initial: fields.clone(), fields, focus, error: None }
    }

    /// Adjusts the form to the case: the flags and steps open on it (only those can be
    /// acknowledged), whether it already has a bone agent.
    pub fn fit_to_case(&mut self, case: &Case, open_rules: &[String]) {
        if self.kind == FormKind::Acknowledge {
            const KEYS: &str = "123456789";
            let options: Vec<(char, String)> = KEYS.chars().zip(open_rules.iter().cloned()).collect();
            let selected = (!options.is_empty()).then_some(0);
            if let Some(f) = self.fields.iter_mut().find(|f| f.name == "flag") {
                f.input = Input::Choice { options, selected };
            }
        }
        if self.kind == FormKind::Dose
            && let Some(agent) = &case.bone_agent
        {
            if let Some(f) = self.fields.iter_mut().find(|f| f.name == "drug") {
                select(f, agent.drug.as_str());
                f.hidden = true;
            }
            self.focus = 1;
        }
        self.initial = self.fields.clone();
    }

    /// Opens an acknowledgement on `rule` ready to close it: the round's "only a decision answers
    /// this" items. The focus goes to the reason.
    pub fn preset_closing(&mut self, rule: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == "flag") {
            select(f, rule);
        }
        if let Some(Field { input: Input::Toggles { on, .. }, .. }) = self.fields.iter_mut().find(|f| f.name == "close")
        {
            on[0] = true;
        }
        if let Some(i) = self.fields.iter().position(|f| f.name == "reason") {
            self.focus = i;
        }
        self.initial = self.fields.clone();
    }

    /// Picks `rule` in an acknowledgement (the flag the user was on when pressing the key).
    pub fn preset_rule(&mut self, rule: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == "flag") {
            select(f, rule);
        }
        self.initial = self.fields.clone();
    }

    pub fn case_id(&self) -> Option<&CaseId> {
        self.target.as_ref().map(|(id, _)| id)
    }

    /// The case a saved form wrote: its patient's, or for a new patient the id typed in.
    pub fn subject(&self) -> Option<CaseId> {
        match &self.target {
            Some((id, _)) => Some(id.clone()),
            None => self.text("id")?.parse().ok(),
        }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.fields != self.initial
    }

    /// Whether the focused field takes free text (so letters type rather than act).
    pub fn captures_text(&self) -> bool {
        matches!(self.fields.get(self.focus).map(|f| &f.input), Some(Input::Text { .. }))
    }

    fn step_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        for _ in 0..n {
            self.focus = if forward { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
            if !self.fields[self.focus].hidden {
                break;
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Tab | KeyCode::Down => self.step_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.step_focus(false),
            _ => {
                if key.modifiers.contains(KeyModifiers::CONTROL) {
                    return FormOutcome::Continue;
                }
                let Some(field) = self.fields.get_mut(self.focus) else { return FormOutcome::Continue };
                match (&mut field.input, key.code) {
                    (Input::Choice { options, selected }, KeyCode::Char(c)) => {
                        if let Some(i) = options.iter().position(|(k, _)| *k == c.to_ascii_lowercase()) {
                            *selected = if *selected == Some(i) { None } else { Some(i) };
                        }
                    }
                    (Input::Choice { selected, .. }, KeyCode::Backspace | KeyCode::Delete) => *selected = None,
                    (Input::Toggles { options, on }, KeyCode::Char(c)) => {
                        if let Some(i) = options.iter().position(|(k, _)| *k == c.to_ascii_lowercase()) {
                            on[i] = !on[i];
                        }
                    }
                    (Input::Text { value, .. }, KeyCode::Char(c)) if !c.is_control() && value.chars().count() < 500 => {
                        value.push(c);
                    }
                    (Input::Text { value, .. }, KeyCode::Backspace) => {
                        value.pop();
                    }
                    (Input::Score { value }, KeyCode::Char(c)) if c.is_ascii_digit() => {
                        let d = c as u8 - b'0';
                        *value = Some(if *value == Some(1) && d == 0 { 10 } else { d });
                    }
                    (Input::Score { value }, KeyCode::Backspace | KeyCode::Delete) => *value = None,
                    _ => {}
                }
            }
        }
        FormOutcome::Continue
    }

    fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The chosen word of a choice field.
    fn chosen(&self, name: &str) -> Option<&str> {
        match &self.field(name)?.input {
            Input::Choice { options, selected } => selected.map(|i| options[i].1.as_str()),
            _ => None,
        }
    }

    fn parse_choice<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String>
    where
        T::Err: std::fmt::Display,
    {
        self.chosen(name).map(|w| w.parse::<T>().map_err(|e| e.to_string())).transpose()
    }

    fn text(&self, name: &str) -> Option<String> {
        match &self.field(name)?.input {
            Input::Text { value, .. } if !value.trim().is_empty() => Some(value.trim().to_string()),
            _ => None,
        }
    }

    fn stamp(&self, name: &str, label: &str) -> Result<Stamp, String> {
        let value = self.text(name).ok_or_else(|| format!("{label}: give a time, YYYY-MM-DD HH:MM"))?;
        Stamp::parse(&value).map_err(|e| format!("{label}: {e}"))
    }

    /// A number typed in a text field, checked by the bounded type's own constructor.
    fn number<T>(&self, name: &str, label: &str, make: impl Fn(f64) -> Option<T>) -> Result<Option<T>, String> {
        let Some(value) = self.text(name) else { return Ok(None) };
        let n: f64 = value.parse().map_err(|_| format!("{label}: `{value}` is not a number"))?;
        make(n).map(Some).ok_or_else(|| format!("{label}: {value} is out of range"))
    }

    fn date(&self, name: &str, label: &str) -> Result<Date, String> {
        let value = self.text(name).ok_or_else(|| format!("{label}: give a date, YYYY-MM-DD"))?;
        Date::parse(&value).map_err(|e| format!("{label}: {e}"))
    }

    /// An optional time of day: none when left empty.
    fn time_of_day(&self, name: &str, label: &str) -> Result<Option<TimeOfDay>, String> {
        self.text(name).map(|t| TimeOfDay::parse(&t).map_err(|e| format!("{label}: {e}"))).transpose()
    }

    /// The clinical event the form describes.
    pub fn event(&self, guidelines: &Guidelines) -> Result<Event, String> {
        let by = self.text("by").map(Text::new);
        let note = self.text("note").map(Text::new);
        Ok(match self.kind {
            FormKind::Exam => {
                let mut e = Exam::blank(self.stamp("at", "At")?);
                e.by = by;
                e.motor = self.parse_choice("motor")?;
                e.sensory = self.parse_choice("sensory")?;
                e.sensory_level = match self.text("sensory_level") {
                    Some(l) => Some(
                        l.to_uppercase()
                            .parse()
                            .map_err(|err: crate::model::spine_level::LevelError| err.to_string())?,
                    ),
                    None => None,
                };
                e.bladder = self.parse_choice("bladder")?;
                e.bowel = self.parse_choice("bowel")?;
                e.gait = self.parse_choice("gait")?;
                if let Some(Field { input: Input::Toggles { options, on }, .. }) = self.field("pain") {
                    for (i, (_, word)) in options.iter().enumerate() {
                        if on[i] {
                            e.pain.push(word.parse().map_err(|err: VocabError| err.to_string())?);
                        }
                    }
                }
                if let Some(Field { input: Input::Score { value: Some(v) }, .. }) = self.field("pain_score") {
                    e.pain_score = crate::model::bounded::PainScore::new(u32::from(*v));
                }
                e.frankel = self.parse_choice("frankel")?;
                e.note = note;
                if e.sensory_level.is_some() && e.sensory != Some(Sensory::Level) {
                    return Err("a sensory level needs Sensory: level (press l on Sensory)".into());
                }
                Event::Exam(e)
            }
            FormKind::Request => Event::Request {
                kind: self.parse_choice("kind")?.ok_or("choose the study")?,
                at: self.stamp("at", "Requested at")?,
                note,
            },
            FormKind::Imaging(_) => Event::Imaging {
                kind: self.parse_choice("kind")?.ok_or("choose the study")?,
                done: self.stamp("at", "Done at")?,
                result: self.parse_choice("result")?,
                escc: self.parse_choice("escc")?,
                note,
            },
            FormKind::Dose => Event::Dose {
                date: self.date("date", "Date given")?,
                drug: self.parse_choice("drug")?,
                every_weeks: None,
            },
            FormKind::Dental => Event::DentalReview { date: self.date("date", "Review date")? },
            FormKind::Acknowledge => {
                let flag = guidelines.rule(self.chosen("flag").ok_or("choose the flag")?).map_err(|e| e.to_string())?;
                let closing = matches!(self.field("close").map(|f| &f.input), Some(Input::Toggles { on, .. }) if on[0]);
                let reason = self.text("reason");
                if closing && reason.is_none() {
                    return Err("closing a flag needs the reason".into());
                }
                Event::Acknowledge(Acknowledgement {
                    flag,
                    at: self.stamp("at", "At")?,
                    by,
                    plan: self.text("plan").map(Text::new),
                    closed: if closing { reason.map(Text::new) } else { None },
                })
            }
            FormKind::Review => Event::Review(Review { at: self.stamp("at", "At")?, by, note }),
            FormKind::NewPatient => return Err("a new patient is created, not recorded".into()),
            FormKind::Radiotherapy => Event::Radiotherapy(Radiotherapy {
                site: self.text("site").map(Text::new),
                dose_gy: self.number::<Gray>("dose_gy", "Dose (Gy)", Gray::new)?,
                fractions: self.number::<Fractions>("fractions", "Fractions", |v| {
                    (v.fract() == 0.0 && v >= 0.0 && v <= f64::from(u32::MAX))
                        .then(|| Fractions::new(v as u32))
                        .flatten()
                })?,
                start: self.date("start", "First day")?,
                start_time: self.time_of_day("start_time", "First at")?,
                end: self.text("end").map(|e| Date::parse(&e).map_err(|err| format!("Last day: {err}"))).transpose()?,
            }),
            FormKind::Surgery => Event::Surgery(Surgery {
                date: self.date("date", "Date")?,
                time: self.time_of_day("time", "Started at")?,
                procedure: self.text("procedure").map(Text::new),
            }),
            FormKind::Steroids { .. } => {
                let at = self.stamp("at", "From")?;
                let stopping = matches!(self.field("stop").map(|f| &f.input), Some(Input::Toggles { on, .. }) if on[0]);
                if stopping {
                    Event::SteroidsStop { at }
                } else {
                    let drug = self.text("drug").ok_or("give the drug (dexamethasone)")?;
                    let mg = self
                        .number::<MgPerDay>("mg_per_day", "mg a day", MgPerDay::new)?
                        .ok_or("give the daily dose in mg (or press s on Stop to stop the course)")?;
                    Event::Steroids { drug: Text::new(drug), mg_per_day: mg, at }
                }
            }
            FormKind::Referral(_) => {
                let at = self.text("at").ok_or("At: give a time, YYYY-MM-DD HH:MM, or a date")?;
                Event::Referral(Referral {
                    to: self.parse_choice("to")?.ok_or("choose the team")?,
                    at: Stamp::parse_or_date(&at).map_err(|e| format!("At: {e}"))?,
                    by,
                    outcome: self.text("outcome").map(Text::new),
                })
            }
        })
    }

    /// Saves the form through the store, once the context allows the event (not dated ahead, an
    /// acknowledgement of something open); the message for the footer, or why it failed.
    pub fn save(&self, ctx: &Context) -> Result<Saved, SaveError> {
        if self.kind == FormKind::NewPatient {
            return self.create(&ctx.store, ctx.now.date()).map(|message| Saved {
                short: message.clone(),
                full: message,
                warned: false,
            });
        }
        let (id, name) = self.target.as_ref().ok_or_else(|| SaveError::Input("no patient".into()))?;
        let event = self.event(&ctx.guidelines).map_err(SaveError::Input)?;
        ctx.check_event(id, &event)?;
        let written = ctx.store.record(id, &event)?;
        let warning = written.warning.map(|w| format!(" ({w})")).unwrap_or_default();
        Ok(Saved {
            full: format!("{name}: {}{warning}", written.summary),
            short: format!("{name}: {} recorded", event.operation()),
            warned: !warning.is_empty(),
        })
    }

    fn create(&self, store: &Store, today: Date) -> Result<String, SaveError> {
        let input = SaveError::Input;
        let id: CaseId = self
            .text("id")
            .ok_or_else(|| input("give the hospital number".into()))?
            .parse()
            .map_err(|e: crate::model::case_id::CaseIdError| input(e.to_string()))?;
        let mut new = NewCase::named(id, self.text("name").unwrap_or_default());
        new.ward = self.text("ward");
        new.bed = self.text("bed");
        new.status = self.parse_choice("status").map_err(input)?;
        new.primary = self.parse_choice("primary").map_err(input)?;
        new.subtype = self.parse_choice("subtype").map_err(input)?;
        let case = new.build(today).map_err(|e| match e {
            NewCaseError::NoName => input("give the patient's name".into()),
            NewCaseError::NoId => input("give the hospital number".into()),
            NewCaseError::SubtypeNotBreast => input("a breast subtype needs Primary: breast".into()),
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

fn select(field: &mut Field, word: &str) {
    if let Input::Choice { options, selected } = &mut field.input {
        *selected = options.iter().position(|(_, w)| *w == word);
    }
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
