//! The case file's JSON Schema: the shipped copy is the one the types generate, and case files
//! written by `cordwatch new` name it in their first line.
//!
//! `UPDATE_SCHEMA=1 cargo test --test schema` rewrites `schema/case.schema.json` after a change
//! to the case-file types.

use cordwatch::model::schema;

const SHIPPED: &str = "schema/case.schema.json";

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let generated = schema::case_schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SHIPPED, &generated).expect("write the schema");
    }
    let shipped = std::fs::read_to_string(SHIPPED).unwrap_or_default();
    assert!(
        shipped == generated,
        "{SHIPPED} is not the schema the case-file types generate; run `UPDATE_SCHEMA=1 cargo test --test schema` and commit it"
    );
}

#[test]
fn the_schema_is_draft_2020_12_and_closed_to_unknown_keys() {
    let value: serde_json::Value = serde_json::from_str(&schema::case_schema_json()).expect("JSON");
    assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(value["required"], serde_json::json!(["id", "name"]));
    assert_eq!(value["additionalProperties"], false, "a misspelt key is underlined");
    let defs = &value["$defs"];
    for record in ["Exam", "Imaging", "Cancer", "Radiotherapy", "Steroid", "Acknowledgement", "Referral"] {
        assert_eq!(defs[record]["additionalProperties"], false, "{record}");
    }
    assert_eq!(defs["Kps"]["multipleOf"], 10);
    assert_eq!(defs["PainScore"]["maximum"], 10);
    assert_eq!(defs["SpineLevel"]["enum"].as_array().map(Vec::len), Some(29));
    assert!(defs["Motor"]["enum"].as_array().is_some_and(|words| words.contains(&"weakness".into())));
}

/// Every top-level key of every demo case is one the schema knows (a full validation of the demo
/// ward against the schema, with a validator, is still to come).
#[test]
fn the_demo_cases_use_only_keys_and_spellings_the_schema_knows() {
    let value: serde_json::Value = serde_json::from_str(&schema::case_schema_json()).expect("JSON");
    let top = value["properties"].as_object().expect("properties");
    let now = cordwatch::model::Stamp::parse("2026-11-23 09:00").expect("stamp");
    let mut seen = 0;
    for (name, text) in cordwatch::demo::ward(now).into_iter().chain(cordwatch::demo::archive(now)) {
        if name == cordwatch::demo::UNREADABLE_FILE {
            continue; // broken on purpose
        }
        let case: serde_json::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let keys = case.as_object().unwrap_or_else(|| panic!("{name}: not a mapping"));
        for key in keys.keys() {
            assert!(top.contains_key(key), "{name}: `{key}` is not in the schema");
        }
        seen += 1;
    }
    assert!(seen >= 10, "read {seen} demo cases");
}
