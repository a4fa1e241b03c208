//! The dental review before a bone-modifying agent.

use crate::model::event::Event;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Field, InputError, Kind, Prefill, Values};

pub const KIND: Kind = Kind {
    command: "dental",
    about: "The dental review before a bone-modifying agent (--at is its date)",
    title: "Record the dental review",
    action: None,
    fields: &[Field { label: "Review date", hint: "YYYY-MM-DD", prefill: Prefill::Today, ..AT }, BY],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    Ok(Built::Event(Event::DentalReview { date: v.day("at")? }))
}
