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
            "Reason",
            "Close it without imaging or treatment, giving the reason (\"not appropriate: best supportive care\")",
            "why it is closed (needed to close)",
        )
        .value_name("REASON"),
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
    };
    ack.check().map_err(|rule| InputError::whole(rule.to_string()))?;
    Ok(Built::Event(Event::Acknowledge(ack)))
}
