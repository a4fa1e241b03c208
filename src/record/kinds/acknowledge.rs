//! An acknowledgement of an open flag or pathway step: the plan made, or the reason it is closed.

use crate::guidelines::RuleError;
use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY};
use crate::record::{nothing_fixed, Built, Faces, Field, Input, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "ack",
    about: "Acknowledge a flag or pathway step with the plan, or close it with --closed \"reason\"",
    title: "Acknowledge or close a flag or step",
    action: Some(KeyAction { name: "acknowledge", key: "a", describe: "acknowledge or close a flag" }),
    fields: &[
        Field::text(
            "flag",
            "Flag",
            "The rule id of an open flag or pathway step (mscc-neuro, mscc-treatment, steroids-start...; \
             see `cordwatch guidelines`)",
            "",
        )
        .input(Input::OpenRule)
        .required(),
        Field::text("plan", "Plan", "What happens next", "what happens next"),
        Field::text("close", "Close it", "", "")
            .input(Input::Switch { key: 'c', label: "close the flag without imaging" })
            .only(Faces::Form),
        Field::text(
            "closed",
            "Why closed",
            "Close it without imaging or treatment, giving the reason in words (\"not appropriate: best supportive care\")",
            "why it is closed, in words (needed to close)",
        )
        .value_name("REASON"),
        Field::text(
            "reason",
            "Closing reason",
            "To close an emergency: one of the closing reasons `cordwatch guidelines` lists (mri_elsewhere, \
             treatment_decision, not_suspected_on_senior_review, patient_declined, entered_in_error)",
            "",
        )
        .input(Input::Listed { list: closing_reasons, keys: "abcdefghi" })
        .value_name("ID"),
        super::decision::ROLE,
        Field::text(
            "mri_at",
            "MRI done at",
            "For the reason mri_elsewhere: when the whole-spine MRI was done (YYYY-MM-DD HH:MM, or a date)",
            "when the MRI elsewhere was done",
        )
        .value_name("TIME"),
        AT,
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let flag = v.raw("flag").ok_or_else(|| v.error("flag", "choose the flag"))?;
    let flag = v.guidelines.rule(flag).map_err(|e| match e {
        RuleError::Malformed(message) => InputError::whole(message),
        RuleError::Unknown { .. } => v.error("flag", e.to_string()),
    })?;
    // Closing is the form's switch, or on the command line --closed given at all: a blank reason
    // is refused by the rule, never taken for no closing.
    let closing = match v.face() {
        crate::record::Face::Form => v.switch("close"),
        crate::record::Face::CommandLine => v.has("closed"),
    };
    let ack = Acknowledgement {
        flag,
        at: v.moment("at")?,
        by: v.by(),
        plan: v.text("plan"),
        closed: closing.then(|| v.text("closed").unwrap_or_else(|| Text::from(""))),
        reason: v.raw("reason").map(|r| closing_reason(v, r)).transpose()?,
        role: v.role()?,
        mri_at: v.raw("mri_at").map(|t| Stamp::parse_or_date(t).map_err(|e| v.error("mri_at", e.to_string()))).transpose()?,
        struck: None,
    };
    ack.check().map_err(|rule| InputError::whole(rule.to_string()))?;
    Ok(Built::Event(Event::Acknowledge(ack)))
}

/// The closing reasons of the guidelines in force, in their order.
fn closing_reasons(g: &crate::guidelines::Guidelines) -> Vec<String> {
    g.pathway.closing.ids().into_iter().map(String::from).collect()
}

/// A closing reason, checked against the guidelines' list.
fn closing_reason(v: &Values, id: &str) -> Result<RuleRef, InputError> {
    let ids = v.guidelines.pathway.closing.ids();
    if !ids.contains(&id) {
        let hint = crate::model::vocab::did_you_mean(id, ids.iter().copied());
        return Err(v.error(
            "reason",
            format!("`{}` is not a closing reason{hint}; the guidelines list {}", crate::model::text::sanitize(id), ids.join(", ")),
        ));
    }
    id.parse().map_err(|e: String| v.error("reason", e))
}
