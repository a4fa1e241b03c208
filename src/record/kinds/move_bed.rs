//! A move to another ward or bed: the case's `ward` and `bed` change, nothing else does.

use crate::model::event::Event;
use crate::model::rules::check_place;
use crate::record::fields::AT;
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "move",
    about: "The patient moved to another ward or bed (a ward alone leaves the bed to be given)",
    title: "Move to another ward or bed",
    action: Some(KeyAction { name: "move", key: "b", describe: "move the patient to another ward or bed" }),
    fields: &[
        Field::text("ward", "Ward", "The ward moved to (default: the same ward)", "e.g. 7B"),
        Field::text("bed", "Bed", "The bed moved to", "e.g. 12"),
        AT,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    for field in ["ward", "bed"] {
        if v.has(field) && v.raw(field).is_none() {
            return Err(v.error(field, "is blank; give the name, or leave it out"));
        }
        if let Some(given) = v.raw(field) {
            check_place(field, given).map_err(|rule| v.error(field, rule.to_string()))?;
        }
    }
    let (ward, bed) = (v.text("ward"), v.text("bed"));
    if ward.is_none() && bed.is_none() {
        return Err(InputError::whole(format!("give the ward ({}) or the bed ({}) moved to", v.name("ward"), v.name("bed"))));
    }
    Ok(Built::Event(Event::Move { ward, bed, at: v.moment("at")? }))
}
