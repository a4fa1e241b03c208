//! The handover note for the on-call team: written (replacing the one before, which stays in the
//! file) or cleared.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Field, Input, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "handover",
    about: "Write the patient's handover note for the on-call team (replaces the one before; --clear clears it)",
    title: "Handover note",
    action: Some(KeyAction { name: "handover", key: "H", describe: "write the handover note (several lines)" }),
    fields: &[
        Field::text("note", "Note", "The note for the on-call team (\\n starts a new line)", "Enter: new line")
            .input(Input::Lines),
        Field::text("clear", "Clear", "Clear the note in force (no new note)", "")
            .input(Input::Switch { key: 'c', label: "clear the note" }),
        Field { help: "When it was written (default: now)", ..AT },
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let note = v.text("note").map(|n| Text::new(n.raw().replace("\\n", "\n")));
    let note = match (note, v.switch("clear")) {
        (Some(_), true) => return Err(v.error("clear", "a note and clear together: give one or the other")),
        (None, false) => {
            return Err(v.error("note", format!("write the note, or {} to clear the one in force", v.switch_hint("clear"))));
        }
        (note, _) => note,
    };
    Ok(Built::Event(Event::Handover(Handover { at: v.moment("at")?, by: v.by(), note })))
}
