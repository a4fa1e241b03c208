//! The values given for one record, as typed on the command line or in a form, and the typed
//! reading of each. A value that does not read is refused naming its field as that front end
//! names it (`--at` on the command line, "Done at" in a form), with the reason once.
//!
//! A field left out takes its default on the command line (now, today, the user), which is what
//! a form opens with already; in a form, a field emptied by hand is taken as meant: a moment that
//! was cleared is asked for, a name that was cleared is left out.

use std::collections::BTreeMap;
use std::str::FromStr;

use super::Kind;
use crate::guidelines::Guidelines;
use crate::model::{Date, Stamp, Text, TimeOfDay};

/// Which front end the values came from: it decides how a field is named and whether a field
/// left out takes its default.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Face {
    CommandLine,
    Form,
}

/// Why a record could not be built from its values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match &self.field { Some(f) => format!("{f}: {}", self.message), None => self.message.clone() })]
pub struct InputError {
    /// The field as the front end names it, when one field is at fault.
    pub field: Option<String>,
    pub message: String,
}

impl InputError {
    /// A problem with the record as a whole (the rule it breaks says which fields).
    pub fn whole(message: impl Into<String>) -> InputError {
        InputError { field: None, message: message.into() }
    }
}

/// The values of one record.
pub struct Values<'a> {
    kind: &'static Kind,
    face: Face,
    given: BTreeMap<&'static str, Vec<String>>,
    /// The moment judged at: the default for a moment left out.
    pub now: Stamp,
    /// Who is recording: the default for `by` left out.
    pub user: &'a str,
    pub guidelines: &'a Guidelines,
}

impl<'a> Values<'a> {
    pub fn new(kind: &'static Kind, face: Face, now: Stamp, user: &'a str, guidelines: &'a Guidelines) -> Values<'a> {
        Values { kind, face, given: BTreeMap::new(), now, user, guidelines }
    }

    pub fn face(&self) -> Face {
        self.face
    }

    /// Gives a value for a field (once, or again for a field of several words). Blank text is
    /// no value, but the field counts as given ([`Values::has`]): a flag given blank is a slip to
    /// be refused, never the same as a flag left out.
    pub fn give(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        let Some(field) = self.kind.field(name) else {
            debug_assert!(false, "{} has no field {name}", self.kind.title);
            return;
        };
        let values = self.given.entry(field.name).or_default();
        if !value.trim().is_empty() {
            values.push(value.trim().to_string());
        }
    }

    /// The field as this front end names it.
    pub fn name(&self, field: &str) -> String {
        match (self.face, self.kind.field(field)) {
            (Face::CommandLine, Some(f)) => f.flag(),
            (Face::Form, Some(f)) => f.label.to_string(),
            (_, None) => field.to_string(),
        }
    }

    /// A refusal naming `field`.
    pub fn error(&self, field: &str, message: impl Into<String>) -> InputError {
        InputError { field: Some(self.name(field)), message: message.into() }
    }

    pub fn has(&self, name: &str) -> bool {
        self.given.contains_key(name)
    }

    /// The value typed, as typed (trimmed).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.given.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    /// Free text.
    pub fn text(&self, name: &str) -> Option<Text> {
        self.raw(name).map(|v| Text::new(v.to_string()))
    }

    /// A value read by its type's own parser (a word, a number in range, a spine level).
    pub fn parsed<T: FromStr>(&self, name: &str) -> Result<Option<T>, InputError>
    where
        T::Err: std::fmt::Display,
    {
        self.raw(name).map(|v| v.parse::<T>().map_err(|e| self.error(name, e.to_string()))).transpose()
    }

    /// Every word given for a field of several words.
    pub fn words<T: FromStr>(&self, name: &str) -> Result<Vec<T>, InputError>
    where
        T::Err: std::fmt::Display,
    {
        let words = self.given.get(name).map(Vec::as_slice).unwrap_or_default();
        words.iter().map(|w| w.parse::<T>().map_err(|e| self.error(name, e.to_string()))).collect()
    }

    /// A value the record cannot do without.
    pub fn required<T>(&self, name: &str, value: Option<T>, ask: &str) -> Result<T, InputError> {
        value.ok_or_else(|| self.error(name, ask.to_string()))
    }

    /// How to turn a switch on, in this front end's words: "--stop", "press s on Stop".
    pub fn switch_hint(&self, name: &str) -> String {
        match (self.face, self.kind.field(name).map(|f| (f, f.input))) {
            (Face::Form, Some((f, super::Input::Switch { key, .. }))) => format!("press {key} on {}", f.label),
            _ => self.name(name),
        }
    }

    /// Whether a switch is on: in a form, its key; on the command line, its flag given.
    pub fn switch(&self, name: &str) -> bool {
        self.raw(name).is_some_and(|v| v == "true")
    }

    /// In a form, a time of day alone (`09:40`) is that time today, as said at the bedside.
    fn time_today(&self, v: &str) -> Option<Stamp> {
        (self.face == Face::Form)
            .then(|| crate::model::TimeOfDay::parse(v).ok())
            .flatten()
            .map(|t| t.on(self.now.date()))
    }

    /// A moment, `YYYY-MM-DD HH:MM` (in a form, `HH:MM` alone is today); on the command line,
    /// now when left out.
    pub fn moment(&self, name: &str) -> Result<Stamp, InputError> {
        match self.raw(name) {
            Some(v) if let Some(today) = self.time_today(v) => Ok(today),
            Some(v) => Stamp::parse(v).map_err(|e| self.error(name, e.to_string())),
            None if self.face == Face::CommandLine => Ok(self.now),
            None => Err(self.error(name, "give a time, YYYY-MM-DD HH:MM (or HH:MM for today)")),
        }
    }

    /// A moment, or a date alone (history copied from a letter); on the command line, now when
    /// left out.
    pub fn moment_or_date(&self, name: &str) -> Result<Stamp, InputError> {
        match self.raw(name) {
            Some(v) if let Some(today) = self.time_today(v) => Ok(today),
            Some(v) => Stamp::parse_or_date(v).map_err(|e| self.error(name, e.to_string())),
            None if self.face == Face::CommandLine => Ok(self.now),
            None => Err(self.error(name, "give a time, YYYY-MM-DD HH:MM (or HH:MM for today), or a date")),
        }
    }

    /// The day something was done, `YYYY-MM-DD` (a moment is taken for its day); on the command
    /// line, today when left out.
    pub fn day(&self, name: &str) -> Result<Date, InputError> {
        match self.raw(name) {
            Some(v) => Date::parse(v)
                .or_else(|_| Stamp::parse(v).map(Stamp::date))
                .map_err(|e| self.error(name, e.to_string())),
            None if self.face == Face::CommandLine => Ok(self.now.date()),
            None => Err(self.error(name, "give a date, YYYY-MM-DD")),
        }
    }

    /// A date the record needs, `YYYY-MM-DD`, with no default.
    pub fn date(&self, name: &str) -> Result<Date, InputError> {
        let value = self.raw(name).ok_or_else(|| self.error(name, "give a date, YYYY-MM-DD"))?;
        Date::parse(value).map_err(|e| self.error(name, e.to_string()))
    }

    /// A date that may be left out.
    pub fn optional_date(&self, name: &str) -> Result<Option<Date>, InputError> {
        self.raw(name).map(|v| Date::parse(v).map_err(|e| self.error(name, e.to_string()))).transpose()
    }

    /// A time of day, `HH:MM`, that may be left out.
    pub fn time(&self, name: &str) -> Result<Option<TimeOfDay>, InputError> {
        self.raw(name).map(|v| TimeOfDay::parse(v).map_err(|e| self.error(name, e.to_string()))).transpose()
    }

    /// Spinal levels, comma-separated, each a level or a run (`T11, T4-T6`), in either case.
    pub fn levels(&self, name: &str) -> Result<Vec<crate::model::LevelSpan>, InputError> {
        let Some(text) = self.raw(name) else { return Ok(Vec::new()) };
        text.split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                l.to_uppercase()
                    .parse()
                    .map_err(|e: crate::model::spine_level::LevelError| self.error(name, e.to_string()))
            })
            .collect()
    }

    /// Who recorded it: on the command line, the user when left out; a form opens with the user
    /// already filled in, so an emptied field is no name.
    pub fn by(&self) -> Option<Text> {
        match (self.text("by"), self.face) {
            (Some(by), _) => Some(by),
            (None, Face::CommandLine) => Some(Text::new(self.user.to_string())),
            (None, Face::Form) => None,
        }
    }
}
