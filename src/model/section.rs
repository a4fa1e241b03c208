//! The lists of records in a case file, each described once by its records themselves: how the
//! file writes them, and what happened when. The case file's writer, the timeline and the check
//! for records dated ahead all walk [`Case::sections`](super::Case::sections), so a new list of
//! records is one entry there and one [`Entry`] for its records.

use super::text::Text;
use super::time::Stamp;

/// A value as the case file writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// A word, a number, a date or a time that reads back as itself unquoted.
    Plain(String),
    /// Free text: plain when nothing in it can be misread, quoted or a block otherwise.
    Text(Text),
    /// Always double-quoted (a time of day, which a YAML 1.1 reader would take for a number).
    Quoted(String),
    /// A flow list, `[a, b]`.
    List(Vec<String>),
    /// A flow map of fields, `{ at: ..., why: ... }` (a struck record's strike).
    Map(Fields),
}

/// A record's fields as the case file writes them, in the contract's order; absent ones are left
/// out.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields(pub Vec<(&'static str, Written)>);

impl Fields {
    pub fn plain(&mut self, key: &'static str, value: impl ToString) -> &mut Fields {
        self.0.push((key, Written::Plain(value.to_string())));
        self
    }

    pub fn opt(&mut self, key: &'static str, value: Option<impl ToString>) -> &mut Fields {
        if let Some(v) = value {
            self.plain(key, v);
        }
        self
    }

    pub fn text(&mut self, key: &'static str, value: Option<&Text>) -> &mut Fields {
        if let Some(v) = value {
            self.0.push((key, Written::Text(v.clone())));
        }
        self
    }

    pub fn quoted(&mut self, key: &'static str, value: Option<impl ToString>) -> &mut Fields {
        if let Some(v) = value {
            self.0.push((key, Written::Quoted(v.to_string())));
        }
        self
    }

    /// A map of fields, when there is one.
    pub fn map(&mut self, key: &'static str, value: Option<Fields>) -> &mut Fields {
        if let Some(v) = value {
            self.0.push((key, Written::Map(v)));
        }
        self
    }

    /// A list, written even when empty when `always`.
    pub fn list<T: ToString>(&mut self, key: &'static str, items: &[T], always: bool) -> &mut Fields {
        if always || !items.is_empty() {
            self.0.push((key, Written::List(items.iter().map(|i| i.to_string()).collect())));
        }
        self
    }
}

/// A record of a case file.
pub trait Entry {
    /// Its fields as the case file writes them.
    fn written(&self) -> Fields;

    /// What happened when, as the timeline says it: one line per moment the record holds.
    fn history(&self) -> Vec<(Stamp, String)>;

    /// The moments that cannot have happened yet if they are later than now, each with the record
    /// named as a warning names it ("an exam"). A plan may be booked ahead: its record gives none.
    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        Vec::new()
    }

    /// The moments of [`Entry::history`] without its words, for what only asks when (the next
    /// moment the clock changes a case). A kind read on every case of a regional ward gives them
    /// without building the words; tests/record_moments.rs holds the two the same for every kind.
    fn moments(&self) -> Vec<Stamp> {
        self.history().into_iter().map(|(at, _)| at).collect()
    }

    /// The moments of [`Entry::not_ahead`] without its words.
    fn not_ahead_moments(&self) -> Vec<Stamp> {
        self.not_ahead().into_iter().map(|(at, _)| at).collect()
    }

    /// The moment that names this record in a reference to it (`exams 2026-11-21 08:00`), as the
    /// file writes it; None for a record that cannot be struck.
    fn named_at(&self) -> Option<String> {
        None
    }

    /// Its strike, when it was struck out as entered in error.
    fn struck(&self) -> Option<&super::strike::Strike> {
        None
    }
}

/// How a list is laid out in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One record after another, each field on its line.
    Block,
    /// One record a line, `{ ... }`, while it fits.
    Line,
    /// A single record written as a map under its key (`bone_agent:`).
    Map,
}

/// One list (or single record) of a case file, in the contract's order.
pub struct Section<'a> {
    pub key: &'static str,
    pub layout: Layout,
    pub entries: Vec<&'a dyn Entry>,
}

impl<'a> Section<'a> {
    pub fn list<T: Entry>(key: &'static str, layout: Layout, items: &'a [T]) -> Section<'a> {
        Section { key, layout, entries: items.iter().map(|i| i as &dyn Entry).collect() }
    }

    pub fn single<T: Entry>(key: &'static str, item: &'a Option<T>) -> Section<'a> {
        Section { key, layout: Layout::Map, entries: item.iter().map(|i| i as &dyn Entry).collect() }
    }
}
