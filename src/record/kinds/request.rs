//! A request for spine imaging, pending until its result is recorded.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY, NOTE};
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Values, Vocab};

/// The study, picked by the first letter of each word a ward uses for it.
pub const STUDY: Field = Field::word(
    "kind",
    "Study",
    "mri_whole_spine | mri_spine | ct | bone_scan | pet_ct | xray",
    Vocab::of::<ImagingKind>(),
    "wscbpx",
)
.default_word("mri_whole_spine");

pub const KIND: Kind = Kind {
    command: "request",
    about: "A spine imaging request, pending until its result is recorded",
    title: "Request spine imaging",
    action: Some(KeyAction { name: "request", key: "r", describe: "request spine imaging" }),
    fields: &[STUDY, NOTE, Field { label: "Requested at", ..AT }, BY],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let kind = v.parsed("kind")?.unwrap_or(ImagingKind::MriWholeSpine);
    Ok(Built::Event(Event::Request { kind, at: v.moment_or_date("at")?, note: v.text("note"), by: v.by() }))
}
