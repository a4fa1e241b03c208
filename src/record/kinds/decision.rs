//! A decision about definitive treatment for cord compression: who decided, in what role, what
//! and why, and which episode it decides.

use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY};
use crate::record::{Built, Field, InputError, KeyAction, Kind, Values, Vocab, nothing_fixed};

/// Who decided, in what role: a name without a role decides nothing.
pub const ROLE: Field = Field::word(
    "role",
    "Role",
    "consultant_clinical_oncologist | consultant_medical_oncologist | spinal_surgeon | \
     palliative_medicine_consultant | consultant | registrar | mscc_coordinator | junior_doctor | nurse | \
     allied_health | other",
    Vocab::of::<Role>(),
    "cmspkrxjnao",
);

pub const KIND: Kind = Kind {
    command: "decision",
    about: "A decision about definitive treatment for cord compression, with who decided and their role",
    title: "Record a treatment decision",
    action: Some(KeyAction { name: "decision", key: "p", describe: "record a treatment decision (who, role, what, why)" }),
    fields: &[
        Field::word(
            "what",
            "Decision",
            "radiotherapy | surgery | surgery_then_radiotherapy | best_supportive_care | declined_by_patient | \
             not_mscc_on_review",
            Vocab::of::<DecisionKind>(),
            "rstbdn",
        )
        .required(),
        Field::text("why", "Why", "The reason, in words", "the reasoning, briefly"),
        Field::text(
            "episode",
            "Episode (MRI)",
            "The episode decided: when the MRI that confirmed the compression was done (default: the one open now)",
            "YYYY-MM-DD HH:MM of the MRI, or leave empty",
        )
        .value_name("TIME"),
        Field { help: "Who decided (default: the clinician set for this login, else the OS user)", ..BY },
        ROLE,
        Field { label: "Decided at", ..AT },
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let what = v.parsed("what")?;
    let decision = Decision {
        at: v.moment("at")?,
        by: v.by(),
        role: v.role()?,
        what: v.required("what", what, "choose what was decided")?,
        why: v.text("why"),
        episode: v.raw("episode").map(|e| Stamp::parse_or_date(e).map_err(|err| v.error("episode", err.to_string()))).transpose()?,
        struck: None,
    };
    decision.check_recorded().map_err(|rule| InputError::whole(rule.to_string()))?;
    Ok(Built::Event(Event::Decision(decision)))
}
