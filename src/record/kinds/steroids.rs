//! Corticosteroids: a course started, a dose changed (the running course of the drug stops and
//! the new one starts at the same moment), or a drug's running course stopped (never a second
//! drug's unasked: a replacement dose stopped with the MSCC course risks an adrenal crisis). A dose below MSCC
//! cover can carry the reason it is the treatment chosen.

use crate::model::bounded::MgPerDay;
use crate::model::event::Event;
use crate::record::fields::{AT, BY, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, Face, Field, Input, InputError, KeyAction, Kind, Prefill, Values};

pub const KIND: Kind = Kind {
    command: "steroids",
    about: "A corticosteroid dose from --at (a new dose stops the running course of the same drug), or --stop the \
            running course of --drug (without it, the one drug running)",
    title: "Record corticosteroids (start, change or stop)",
    action: Some(KeyAction {
        name: "steroids",
        key: "c",
        describe: "record corticosteroids: start, change the dose, or stop",
    }),
    fields: &[
        Field::text("drug", "Drug", "The drug, e.g. dexamethasone", "name of the corticosteroid")
            .prefill(Prefill::Text("dexamethasone")),
        Field::text("mg_per_day", "mg a day", "The daily dose in mg", "the new daily dose").value_name("MG"),
        Field::text(
            "reason",
            "Why this dose",
            "Why a dose below MSCC cover (dexamethasone 16 mg a day or equivalent) is the MSCC treatment chosen",
            "e.g. diabetes: 8 mg agreed with the oncologist",
        ),
        Field::text("stop", "Stop", "Stop the running course of the drug at --at (without a drug, the one drug running)", "")
            .input(Input::Switch { key: 's', label: "stop the running course of this drug" }),
        Field { label: "From", ..AT },
        BY,
        ROLE_FLAG,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let at = v.moment("at")?;
    if v.switch("stop") {
        // A dose given with --stop would be a second, contradicting instruction. The drug says
        // which course stops (a form opens with it filled in); without it, the one drug running.
        if v.face() == Face::CommandLine && (v.has("mg_per_day") || v.has("reason")) {
            return Err(InputError::whole(format!(
                "{} stops a running course: leave out {} and {}",
                v.name("stop"),
                v.name("mg_per_day"),
                v.name("reason")
            )));
        }
        return Ok(Built::Event(Event::SteroidsStop { at, by: v.by(), drug: v.text("drug") }));
    }
    let stop = v.switch_hint("stop");
    let drug = v.required("drug", v.text("drug"), &format!("give the drug (dexamethasone), or {stop} to stop its running course"))?;
    let mg = v.parsed::<MgPerDay>("mg_per_day")?;
    let mg = v.required("mg_per_day", mg, &format!("give the daily dose in mg (or {stop} to stop the course)"))?;
    Ok(Built::Event(Event::Steroids { drug, mg_per_day: mg, at, reason: v.text("reason"), by: v.by(), role: v.role()? }))
}
