//! A completed imaging study and its report; it fills the oldest pending request of its kind.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY, LEVELS, NOTE};
use crate::record::{nothing_fixed, Built, Face, Field, InputError, KeyAction, Kind, Values, Vocab};

fn escc_words() -> Vec<&'static str> {
    Escc::ALL.iter().map(|e| e.as_str()).collect()
}

pub const KIND: Kind = Kind {
    command: "imaging",
    about: "A completed imaging study (--at is when it was done); fills the oldest pending request of the same kind",
    title: "Record an imaging result",
    action: Some(KeyAction { name: "imaging", key: "m", describe: "record an imaging result" }),
    fields: &[
        super::request::STUDY,
        Field::word(
            "result",
            "Result",
            "stable | response | progression | new_lesion | mscc | no_mscc",
            Vocab::of::<ImagingResult>(),
            "srpnmo",
        ),
        Field::word("escc", "ESCC (Bilsky)", "Bilsky grade: 0, 1a, 1b, 1c, 2 or 3", Vocab::parsed::<Escc>(escc_words), "0abc23"),
        Field {
            help: "The level or levels of the compression, comma-separated: T11, T4-T6 (a treatment under way \
                   answers a compression only at a level it is known to cover)",
            ..LEVELS
        },
        NOTE,
        Field { label: "Done at", ..AT },
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let kind = v.parsed("kind")?.unwrap_or(ImagingKind::MriWholeSpine);
    let result = v.parsed("result")?;
    // An MRI recorded from a form without what it showed would answer an emergency with nothing:
    // the form asks for the result (the command line keeps its contract and may leave it out).
    if v.face() == Face::Form && kind.is_mri() && result.is_none() {
        return Err(v.error("result", "an MRI is recorded with what it showed: choose the result"));
    }
    Ok(Built::Event(Event::Imaging {
        kind,
        done: v.moment_or_date("at")?,
        result,
        escc: v.parsed("escc")?,
        levels: v.levels("levels")?,
        note: v.text("note"),
    }))
}
