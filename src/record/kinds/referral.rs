//! A referral to another team (spinal surgeons, rehabilitation, the oncology MDT...).

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Values, Vocab};

pub const KIND: Kind = Kind {
    command: "referral",
    about: "A referral to another team (--at may be a date alone, for history from a letter)",
    title: "Record a referral",
    action: Some(KeyAction { name: "referral", key: "f", describe: "record a referral to another team" }),
    fields: &[
        Field::word(
            "to",
            "To",
            "spinal_surgery | rehabilitation | oncology_mdt | palliative_care | mscc_coordinator | physiotherapy",
            Vocab::of::<ReferralTo>(),
            "srmpcy",
        )
        .required(),
        Field::text("outcome", "Outcome", "What came of it", "optional"),
        Field { hint: "YYYY-MM-DD HH:MM, or a date alone", ..AT },
        BY,
        ROLE_FLAG,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let to = v.parsed("to")?;
    Ok(Built::Event(Event::Referral(Referral {
        to: v.required("to", to, "choose the team")?,
        at: v.moment_or_date("at")?,
        by: v.by(),
        role: v.role()?,
        outcome: v.text("outcome"),
        struck: None,
    })))
}
