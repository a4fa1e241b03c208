//! A ward-round review: the patient was seen.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY, NOTE, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "review",
    about: "Seen on the ward round",
    title: "Record a ward-round review",
    action: Some(KeyAction { name: "review", key: "v", describe: "record a ward-round review" }),
    fields: &[NOTE, AT, BY, ROLE_FLAG],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    Ok(Built::Event(Event::Review(Review { at: v.moment("at")?, by: v.by(), role: v.role()?, note: v.text("note"), struck: None })))
}
