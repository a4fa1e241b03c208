//! A job on a patient: what is to be done, by whom, by when ("chase the MRI report").

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "job",
    about: "A job on the patient (open until done or cancelled; `cordwatch job` lists them)",
    title: "Add a job",
    action: Some(KeyAction { name: "job", key: "J", describe: "add a job on the patient (owner, due)" }),
    fields: &[
        Field::text("text", "Job", "What is to be done", "e.g. chase the MRI report").required(),
        Field::text("owner", "Owner", "Who is to do it (a name or a team; default: anyone)", "optional")
            .value_name("NAME"),
        Field::text("due", "Due", "When it is due: \"YYYY-MM-DD HH:MM\", or a date alone (by the end of that day)", "optional: YYYY-MM-DD [HH:MM]")
            .value_name("TIME"),
        Field { help: "When the job was added (default: now)", ..AT },
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let text = v.required("text", v.text("text"), "say what is to be done")?;
    let due = v.raw("due").map(|d| Stamp::parse_or_date(d).map_err(|e| v.error("due", e.to_string()))).transpose()?;
    Ok(Built::Event(Event::JobAdd(Job {
        number: 0,
        text,
        owner: v.text("owner"),
        due,
        at: v.moment("at")?,
        by: v.by(),
        done: None,
        done_by: None,
        cancelled: None,
        cancelled_by: None,
        reason: None,
    })))
}
