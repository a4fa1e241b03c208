//! Steroid safety measures recorded as in place while a high corticosteroid dose runs: gastric
//! protection and blood-glucose monitoring, the two that `steroids-safety` asks for.

use crate::model::SteroidSafety;
use crate::model::event::Event;
use crate::record::fields::{AT, BY, NOTE};
use crate::record::{nothing_fixed, Built, Field, Input, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "steroid-safety",
    about: "Steroid safety measures in place from --at: gastric protection, blood-glucose monitoring, or both",
    title: "Record steroid safety (gastric protection, glucose monitoring)",
    action: Some(KeyAction {
        name: "steroid_safety",
        key: "u",
        describe: "record steroid safety: gastric protection, glucose",
    }),
    fields: &[
        Field::text("gastric", "Gastric protection", "Gastric protection (a proton pump inhibitor) is prescribed", "")
            .input(Input::Switch { key: 'g', label: "gastric protection prescribed" }),
        Field::text("glucose", "Glucose monitoring", "Capillary blood-glucose monitoring is in place", "")
            .input(Input::Switch { key: 'm', label: "blood-glucose monitoring in place" }),
        AT,
        BY,
        NOTE,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let (gastric, glucose) = (v.switch("gastric"), v.switch("glucose"));
    if !gastric && !glucose {
        return Err(InputError::whole(format!(
            "say which measures are now in place: {}, {}, or both",
            v.switch_hint("gastric"),
            v.switch_hint("glucose")
        )));
    }
    Ok(Built::Event(Event::SteroidSafety(SteroidSafety {
        at: v.moment("at")?,
        gastric_protection: gastric,
        glucose_monitoring: glucose,
        by: v.by(),
        note: v.text("note"),
    })))
}
