//! An open job ticked off: who did it and when.

use crate::model::event::Event;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Field, InputError, Kind, Values};

/// The job's number on the patient, as `cordwatch job list` and the Jobs view show it.
pub(crate) const NUMBER: Field =
    Field::text("job", "Job number", "The job's number on the patient (`cordwatch job list` shows it)", "1, 2, 3...")
        .value_name("N")
        .required();

pub const KIND: Kind = Kind {
    command: "job-done",
    about: "Tick off an open job",
    title: "Job done",
    action: None,
    fields: &[NUMBER, Field { help: "When it was done (default: now)", ..AT }, BY],
    build,
    fixed: nothing_fixed,
};

/// The job's number, given as a whole number from 1.
pub(crate) fn number(v: &Values) -> Result<u32, InputError> {
    let n: Option<u32> = v.parsed("job")?;
    v.required("job", n.filter(|n| *n > 0), "give the job's number, 1 or more")
}

fn build(v: &Values) -> Result<Built, InputError> {
    Ok(Built::Event(Event::JobDone { number: number(v)?, at: v.moment("at")?, by: v.by() }))
}
