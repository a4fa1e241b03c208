//! The case file's JSON Schema (draft 2020-12), for editors: with the schema named in a file's
//! modeline, yaml-language-server underlines a misspelt key or an unknown word while typing.
//!
//! The schema is generated from the model's own types, so it follows the contract as the code
//! reads it. Types whose serde impls are written by hand (dates, levels, grades, bounded numbers)
//! describe their accepted spelling here, next to each other, so the patterns can be read together.
//! Rules that tie two fields together (a sensory level only with `sensory: level`, done not before
//! requested) stay with `cordwatch validate`: the schema cannot say them clearly.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::case::Case;
use super::case_id::CaseId;
use super::records::RuleRef;
use super::spine_level::{Escc, SpineLevel};
use super::text::Text;
use super::time::{Date, Stamp};

/// The schema's file name in a data directory (`cordwatch init` writes it there), so editors on a
/// ward server without internet find it beside the cases.
pub const SCHEMA_FILE: &str = "case.schema.json";

/// The schema's identifier: a name, not an address, so nothing points at a server that may not be
/// reachable from a ward.
pub const SCHEMA_ID: &str = "urn:cordwatch:schema:case-file";

/// How a schema modeline starts.
pub const MODELINE_PREFIX: &str = "# yaml-language-server:";

/// The modeline `cordwatch new` writes at the top of a new case file; a YAML comment, so it
/// changes nothing for the program that reads the file. The path is relative to the case file
/// (`cases/ID.yaml` names `../case.schema.json` in the data directory).
pub fn modeline() -> String {
    format!("{MODELINE_PREFIX} $schema=../{SCHEMA_FILE}")
}

/// The JSON Schema of a whole case file, as pretty-printed JSON with a final newline (the form
/// shipped in `schema/case.schema.json`).
pub fn case_schema_json() -> String {
    let mut schema = schemars::schema_for!(Case);
    schema.insert("$id".into(), SCHEMA_ID.into());
    schema.insert("title".into(), "cordwatch case file".into());
    let mut value = schema.to_value();
    unwrap_descriptions(&mut value);
    // serde_json cannot fail to print a JSON value it built itself.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Joins the lines of every description: doc comments are wrapped to the width of the code, but
/// an editor shows a description as one paragraph and wraps it to its own width.
fn unwrap_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = text.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
                    }
                    _ => unwrap_descriptions(inner),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// `YYYY-MM-DD`, real dates only, in the years the model accepts (1900 to 2200): an editor
/// underlines 31 April as the program refuses it. Any month has days 1 to 28, all but February
/// 29 and 30, the long months 31; 29 February only in a leap year, which between 1900 and 2200 is
/// a year divisible by 4 other than 1900, 2100 and 2200.
const DATE: &str = concat!(
    "((19[0-9]{2}|2[01][0-9]{2}|2200)-",
    "((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)",
    "|((19|2[01])(0[48]|[2468][048]|[13579][26])|2000)-02-29)"
);
/// `HH:MM`, optionally `:SS`, optionally an offset from UTC (`+01:00`), which a time the clocks
/// repeat must carry; whether the offset is the ward zone's own at that time, a schema cannot say.
const TIME: &str = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?( ?[+-](0[0-9]|1[0-8]):?[0-5][0-9])?";

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A calendar date, YYYY-MM-DD",
            "pattern": format!("^{DATE}$"),
            "examples": ["2026-11-21"],
        })
    }
}

impl JsonSchema for Stamp {
    fn schema_name() -> Cow<'static, str> {
        "Stamp".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A ward-clock time, YYYY-MM-DD HH:MM (or with T, and optionally :SS); in the hour the clocks go back, with its offset (2026-10-25 01:30 +01:00)",
            "pattern": format!("^{DATE}[ T]{TIME}$"),
            "examples": ["2026-11-21 08:30", "2026-10-25 01:30 +01:00"],
        })
    }
}

impl JsonSchema for super::time::TimeOfDay {
    fn schema_name() -> Cow<'static, str> {
        "TimeOfDay".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A time of day, HH:MM on the 24-hour clock",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "examples": ["14:30"],
        })
    }
}

/// The fields that also take a date alone, for history copied from a letter (`Stamp` explains).
pub(crate) struct StampOrDate;

impl JsonSchema for StampOrDate {
    fn schema_name() -> Cow<'static, str> {
        "StampOrDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A local ward time, YYYY-MM-DD HH:MM, or a date alone (YYYY-MM-DD) when the time is not known",
            "pattern": format!("^{DATE}([ T]{TIME})?$"),
            "examples": ["2026-11-21 14:10", "2026-10-02"],
        })
    }
}

impl JsonSchema for SpineLevel {
    fn schema_name() -> Cow<'static, str> {
        "SpineLevel".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let levels: Vec<String> = SpineLevel::all().map(|l| l.to_string()).collect();
        json_schema!({
            "type": "string",
            "description": "A spinal level: C1-C7, T1-T12, L1-L5 or S1-S5",
            "enum": levels,
        })
    }
}

impl JsonSchema for super::spine_level::LevelSpan {
    fn schema_name() -> Cow<'static, str> {
        "LevelSpan".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A spinal level (C1-C7, T1-T12, L1-L5, S1-S5) or a run of them written with a hyphen, such as T4-T6 or T12-L1.",
            "pattern": "^[CTLS][1-9][0-9]?([-–][CTLS][1-9][0-9]?)?$"
        })
    }
}

impl JsonSchema for Escc {
    fn schema_name() -> Cow<'static, str> {
        "Escc".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // YAML reads `escc: 2` as a number and `escc: 1a` as a string; both are accepted, but a
        // bare 1 is not, because grade 1 is always recorded as 1a, 1b or 1c.
        let strings: Vec<&str> = Escc::ALL.iter().map(|g| g.as_str()).collect();
        json_schema!({
            "description": "A Bilsky epidural spinal cord compression grade: 0, 1a, 1b, 1c, 2 or 3",
            "enum": [strings[0], strings[1], strings[2], strings[3], strings[4], strings[5], 0, 2, 3],
        })
    }
}

impl JsonSchema for CaseId {
    fn schema_name() -> Cow<'static, str> {
        "CaseId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The hospital number; it names the file, cases/<id>.yaml",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
            "examples": ["RXH1042331"],
        })
    }
}

impl JsonSchema for super::nhs_number::NhsNumber {
    fn schema_name() -> Cow<'static, str> {
        "NhsNumber".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "description": "The NHS number: 10 digits, spaces allowed; the last is a modulus-11 check digit, which `cordwatch validate` checks",
            "pattern": "^[0-9]{3} ?[0-9]{3} ?[0-9]{4}$",
            "examples": ["943 476 5919"],
        })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // YAML reads `note: 12` or `plan: yes please` as a number or a string, `by: true` as a
        // boolean; the program takes any such scalar as the text it was written as, so the
        // schema does too.
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// `ward` and `bed`: free text to the program, which reads an unquoted `bed: 12` as the text
/// "12", but the contract writes them quoted so no other YAML reader takes them for numbers; the
/// schema asks for that quoting, so an editor points at `bed: 12` before another tool misreads it.
pub(crate) struct Quoted;

impl JsonSchema for Quoted {
    fn schema_name() -> Cow<'static, str> {
        "Quoted".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

impl JsonSchema for RuleRef {
    fn schema_name() -> Cow<'static, str> {
        "RuleRef".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The id of a rule, as `cordwatch guidelines` lists them",
            "pattern": "^[a-z0-9_-]{1,64}$",
            "examples": ["mscc-neuro"],
        })
    }
}
