//! An open job no longer to be done, with the reason: it stays in the file as cancelled.

use crate::model::event::Event;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Field, InputError, Kind, Values};

pub const KIND: Kind = Kind {
    command: "job-cancel",
    about: "Cancel an open job, with the reason (it stays in the file as cancelled)",
    title: "Cancel a job",
    action: None,
    fields: &[
        super::job_done::NUMBER,
        Field::text("reason", "Reason", "Why it is no longer to be done", "e.g. MRI reported").required(),
        Field { help: "When it was cancelled (default: now)", ..AT },
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let reason = v.required("reason", v.text("reason"), "say why the job is no longer to be done")?;
    Ok(Built::Event(Event::JobCancel { number: super::job_done::number(v)?, at: v.moment("at")?, by: v.by(), reason }))
}
