//! A spinal operation (decompression, stabilisation); done, or booked ahead.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{BY, LEVELS, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Prefill, Values};

pub const KIND: Kind = Kind {
    command: "surgery",
    about: "Spinal surgery (decompression, stabilisation); may be booked ahead",
    title: "Record spinal surgery",
    action: Some(KeyAction { name: "surgery", key: "o", describe: "record spinal surgery (an operation)" }),
    fields: &[
        Field::text("date", "Date", "Date of the operation, YYYY-MM-DD", "YYYY-MM-DD")
            .prefill(Prefill::Today)
            .value_name("DATE")
            .required(),
        Field::text(
            "time",
            "Started at",
            "Time the operation started, HH:MM, when known (as --start-time for radiotherapy)",
            "HH:MM, when known",
        )
        .value_name("HH:MM"),
        Field::text("procedure", "Procedure", "What was done", "e.g. decompression and fixation T9-T11"),
        Field { help: "The levels operated on, comma-separated: T9-T11", ..LEVELS },
        BY,
        ROLE_FLAG,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    Ok(Built::Event(Event::Surgery(Surgery {
        date: v.date("date")?,
        time: v.time("time")?,
        procedure: v.text("procedure"),
        levels: v.levels("levels")?,
        by: v.by(),
        role: v.role()?,
        struck: None,
    })))
}
