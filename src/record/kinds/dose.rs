//! A dose of the bone-modifying agent; the first dose on a case names the drug and starts it.

use crate::model::bounded::Weeks;
use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY};
use crate::record::{Built, Faces, Field, InputError, KeyAction, Kind, Prefill, Values, Vocab};

pub const KIND: Kind = Kind {
    command: "dose",
    about: "A bone-modifying agent dose (--at is the date given)",
    title: "Record a bone-agent dose",
    action: Some(KeyAction { name: "dose", key: "d", describe: "record a bone-agent dose" }),
    fields: &[
        Field::word(
            "drug",
            "Drug",
            "denosumab | zoledronic_acid: needed only for the first dose on a case",
            Vocab::of::<BoneDrug>(),
            "dz",
        ),
        Field::text("every_weeks", "Every (weeks)", "Dose interval for this patient, when starting the agent", "")
            .value_name("WEEKS")
            .only(Faces::CommandLine),
        Field { label: "Date given", hint: "YYYY-MM-DD", prefill: Prefill::Today, ..AT },
        BY,
    ],
    build,
    fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    Ok(Built::Event(Event::Dose {
        date: v.day("at")?,
        drug: v.parsed("drug")?,
        every_weeks: v.parsed::<Weeks>("every_weeks")?,
    }))
}

/// A case that has its bone agent already gives the drug.
fn fixed(case: &Case) -> Vec<(&'static str, &'static str)> {
    case.bone_agent.iter().map(|agent| ("drug", agent.drug.as_str())).collect()
}
