//! The case file's JSON Schema: the shipped copy is the one the types generate, and it says what
//! the program's parser says. Every demo case and every example in the docs passes it; every bad
//! input the parser refuses fails it too, unless the rule is one a schema cannot say, and those
//! are listed here by name with the reason. Every field has a description, and the fields,
//! vocabularies, ranges and required keys are the ones docs/case-format.md gives.
//!
//! `UPDATE_SCHEMA=1 cargo test --test schema` rewrites `schema/case.schema.json` after a change
//! to the case-file types.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use cordwatch::model::{Case, Date, Stamp, schema};
use serde_json::{Value, json};

use common::bad_inputs::{Schema, bad_inputs};

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

/// The shipped schema, compiled once by a draft 2020-12 validator (boon: see the dependency note
/// in docs/case-format.md).
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    /// The generated schema, which is the shipped one (the first test here); not read from the
    /// file, which `UPDATE_SCHEMA=1` rewrites while these tests run.
    fn shipped() -> Validator {
        let value: Value = serde_json::from_str(&schema::case_schema_json()).expect("the schema is JSON");
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(schema::SCHEMA_ID, value).expect("the schema loads");
        let index = compiler.compile(schema::SCHEMA_ID, &mut schemas).expect("the schema compiles");
        Validator { schemas, index }
    }

    /// `Err` with the validator's reasons when `instance` fails the schema.
    fn check(&self, instance: &Value) -> Result<(), String> {
        self.schemas.validate(instance, self.index).map_err(|e| format!("{e:#}"))
    }

    /// Whether a string passes one of the schema's definitions (`Date`, `Stamp`...).
    fn definition(name: &str) -> impl Fn(&str) -> bool + use<> {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let value: Value = serde_json::from_str(&schema::case_schema_json()).expect("JSON");
        compiler.add_resource(schema::SCHEMA_ID, value).expect("the schema loads");
        let location = format!("{}#/$defs/{name}", schema::SCHEMA_ID);
        let index = compiler.compile(&location, &mut schemas).unwrap_or_else(|e| panic!("{name}: {e}"));
        move |text| schemas.validate(&json!(text), index).is_ok()
    }

    /// A case file's text as an editor's schema check sees it: YAML read as JSON.
    fn check_yaml(&self, text: &str) -> Result<(), String> {
        self.check(&as_json(text).map_err(|e| format!("not YAML: {e}"))?)
    }
}

fn as_json(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

fn parses(text: &str) -> bool {
    cordwatch::yaml::from_str::<Case>(text).is_ok()
}

/// The demo ward and its archive for a fixed moment, as the demo seeds them.
fn demo_cases() -> Vec<(String, String)> {
    let now = Stamp::parse("2026-11-23 09:00").expect("stamp");
    cordwatch::demo::ward(now).into_iter().chain(cordwatch::demo::archive(now)).collect()
}

/// The case-file examples (YAML blocks with an `id:` line) of the README and docs/case-format.md.
fn doc_examples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for doc in ["README.md", "docs/case-format.md"] {
        let text = std::fs::read_to_string(doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
        for (n, block) in text.split("```yaml\n").skip(1).enumerate() {
            let block = block.split("```").next().unwrap_or_default();
            if block.lines().any(|l| l.starts_with("id:")) {
                out.push((format!("{doc}, YAML block {}", n + 1), block.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_demo_case_and_archived_case_passes_the_schema() {
    let validator = Validator::shipped();
    let mut passed = 0;
    for (name, text) in demo_cases() {
        let verdict = validator.check_yaml(&text);
        if name == cordwatch::demo::UNREADABLE_FILE {
            // Broken on purpose with a misspelt key: an editor underlines it as the program refuses it.
            let reasons = verdict.expect_err("the demo's broken file fails the schema");
            assert!(reasons.contains("bladdr"), "{reasons}");
        } else {
            assert!(parses(&text), "{name} parses");
            verdict.unwrap_or_else(|reasons| panic!("{name} fails the schema:\n{reasons}\n{text}"));
            passed += 1;
        }
    }
    assert!(passed >= 25, "checked {passed} demo cases");
}

#[test]
fn every_case_example_in_the_docs_passes_the_schema() {
    let validator = Validator::shipped();
    let examples = doc_examples();
    assert!(examples.len() >= 3, "expected case examples in README.md and docs/case-format.md: {examples:?}");
    for (place, text) in examples {
        assert!(parses(&text), "{place} parses");
        validator.check_yaml(&text).unwrap_or_else(|reasons| panic!("{place} fails the schema:\n{reasons}\n{text}"));
    }
}

#[test]
fn a_case_as_the_program_writes_it_passes_the_schema() {
    let validator = Validator::shipped();
    for (name, text) in demo_cases().into_iter().filter(|(name, _)| name != cordwatch::demo::UNREADABLE_FILE) {
        let case: Case = cordwatch::yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written = cordwatch::yaml::write_case(&case);
        validator.check_yaml(&written).unwrap_or_else(|reasons| panic!("{name} as written:\n{reasons}\n{written}"));
    }
}

/// The parser's table of bad inputs (tests/common/bad_inputs.rs): each one the schema can say is
/// refused by it, and each one it cannot say is accepted by it, so the list of rules left to the
/// program is kept true as either side changes.
#[test]
fn bad_inputs_fail_the_schema_wherever_a_schema_can_say_the_rule() {
    let validator = Validator::shipped();
    let mut refused = 0;
    for bad in bad_inputs() {
        let text = &bad.text;
        assert!(!parses(text), "the parser refuses:\n{text}");
        match bad.schema {
            Schema::Refuses => {
                assert!(validator.check_yaml(text).is_err(), "the schema should refuse this too:\n{text}");
                refused += 1;
            }
            Schema::CannotSay(why) => {
                let verdict = validator.check_yaml(text);
                assert!(
                    verdict.is_ok(),
                    "listed as not expressible by the schema ({why}), but the schema refuses it; mark it `Refuses`:\n{text}"
                );
            }
            Schema::NotYaml => assert!(as_json(text).is_err(), "listed as not YAML, but it reads as YAML:\n{text}"),
        }
    }
    assert!(refused >= 15, "{refused} bad inputs refused by the schema");
}

/// Rules of `cordwatch validate` that a schema cannot say: each file here passes the schema and
/// the parser, and is a problem the program reports. The list is deliberate: what the schema is
/// not expected to catch.
#[test]
fn rules_not_expressible_by_the_schema_are_listed_and_the_schema_accepts_them() {
    let head = "id: \"X1\"\nname: A Patient\n";
    let not_expressible = [
        (
            "a record dated in the future: the schema has no clock",
            format!("{head}exams:\n  - {{ at: 2199-01-01 08:00, motor: normal }}\n"),
        ),
        (
            "a rule id that no guideline defines: the rules are a separate, replaceable file",
            format!("{head}acknowledged:\n  - {{ flag: no-such-rule, at: 2026-11-21 09:00 }}\n"),
        ),
        (
            "a steroid dose outside the drug's range: the ranges are in guidelines/pathway.yaml",
            format!("{head}steroids:\n  - {{ drug: dexamethasone, mg_per_day: 200, start: 2026-11-21 09:00 }}\n"),
        ),
        (
            "a bone-agent interval outside the drug's range: the ranges are in guidelines/bone_agents.yaml",
            format!("{head}bone_agent: {{ drug: denosumab, every_weeks: 30 }}\n"),
        ),
        (
            "an id that does not match the file name: the schema sees one file, not its name",
            "id: \"OTHER\"\nname: A Patient\n".to_string(),
        ),
        (
            "a radiotherapy course that ends before it starts: an order between two dates",
            format!("{head}radiotherapy:\n  - {{ start: 2026-11-22, end: 2026-11-20 }}\n"),
        ),
        (
            "a systemic regimen stopped before it started: an order between two dates",
            format!("{head}systemic:\n  - {{ regimen: x, start: 2026-06-01, stopped: 2026-05-01 }}\n"),
        ),
        (
            "a steroid course stopped before it started: an order between two times",
            format!(
                "{head}steroids:\n  - {{ drug: dexamethasone, start: 2026-11-21 09:00, stopped: 2026-11-20 09:00 }}\n"
            ),
        ),
        (
            "a whole number written with a decimal point (`pain_score: 7.0`), which the program refuses: to JSON Schema 7.0 is the integer 7",
            format!("{head}exams:\n  - {{ at: 2026-11-21 08:30, pain_score: 7.0 }}\n"),
        ),
        (
            "no_mscc with ESCC 2 or 3: a rule between two fields",
            format!(
                "{head}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-21 10:00, result: no_mscc, escc: 2 }}\n"
            ),
        ),
    ];
    let validator = Validator::shipped();
    for (rule, text) in not_expressible {
        if rule.contains("7.0") {
            assert!(!parses(&text), "the program refuses `{rule}`");
        }
        validator.check_yaml(&text).unwrap_or_else(|reasons| {
            panic!("`{rule}` is listed as not expressible, but the schema refuses it:\n{reasons}")
        });
    }
    // Two files with the same id, and the 1 MiB limit, concern more than one file's content:
    // nothing in a schema of one file can see them.
}

/// Where the YAML reading and the schema could part: numbers where text is expected, null where
/// a list is, a string where a number is. The schema must give the parser's verdict on each.
#[test]
fn the_schema_and_the_parser_agree_on_types_and_spellings() {
    let head = "id: \"X1\"\nname: A Patient\n";
    let bodies = [
        "bed: \"12\"\n",
        "ward: 7B\n",
        "name2: x\n",
        "born: ~\n",
        "born: 1958-03-14\n",
        "born: \"1958-03-14\"\n",
        "born: 1899-12-31\n",
        "born: 2200-12-31\n",
        "born: 2000-02-29\n",
        "born: 1900-02-29\n",
        "exams: []\n",
        "exams: ~\n",
        "exams: {}\n",
        "exams:\n  - { at: 2026-11-21 08:30, pain_score: \"7\" }\n",
        "exams:\n  - { at: 2026-11-21 08:30, pain_score: 7.5 }\n",
        "exams:\n  - { at: 2026-11-21T08:30:15 }\n",
        "exams:\n  - { at: 2026-11-21 }\n",
        "exams:\n  - { at: 2026-11-21 8:30 }\n",
        "exams:\n  - { at: 2026-11-21 08:30, pain: thoracic }\n",
        "exams:\n  - { at: 2026-11-21 08:30, frankel: c }\n",
        "exams:\n  - { at: 2026-11-21 08:30, sensory: level, sensory_level: T10 }\n",
        "exams:\n  - { at: 2026-11-21 08:30, note: ~ }\n",
        "spine: { levels: T6 }\n",
        "spine: { levels: [t6] }\n",
        "spine: { extraspinal_bone_mets: 1000 }\n",
        "cancer: { kps: 70 }\n",
        "cancer: { kps: 0 }\n",
        "cancer: { ecog: 5 }\n",
        "cancer: { life_expectancy_months: -1 }\n",
        "cancer: { primary: Breast }\n",
        "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-21, escc: \"2\" }\n",
        "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-21, escc: 2 }\n",
        "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-21, escc: 1a }\n",
        "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-21, escc: \"1\" }\n",
        "imaging:\n  - { kind: mri_whole_spine, done: 2026-11-21, escc: 4 }\n",
        "imaging:\n  - { kind: mri_whole_spine, requested: ~, done: 2026-11-21 10:00 }\n",
        "imaging:\n  - { kind: mri_whole_spine, requested: ~ }\n",
        "radiotherapy:\n  - { start: 2026-11-22, dose_gy: 20.5, fractions: 5 }\n",
        "radiotherapy:\n  - { start: 2026-11-22, dose_gy: 0 }\n",
        "radiotherapy:\n  - { start: 2026-11-22, dose_gy: 100.5 }\n",
        "radiotherapy:\n  - { start: 2026-11-22, fractions: 0 }\n",
        "radiotherapy:\n  - { dose_gy: 8 }\n",
        "surgery:\n  - { date: 2026-11-22 09:00 }\n",
        "systemic:\n  - { regimen: x, start: 2026-06-01, line: 31 }\n",
        "systemic:\n  - { start: 2026-06-01 }\n",
        "bone_agent: { drug: denosumab, doses: [2026-10-04, 2026-11-01] }\n",
        "bone_agent: { every_weeks: 4 }\n",
        "steroids:\n  - { drug: dexamethasone, start: 2026-11-21 }\n",
        "steroids:\n  - { drug: dexamethasone, mg_per_day: 1001, start: 2026-11-21 09:00 }\n",
        "follow_up: { imaging_every_weeks: 0 }\n",
        "acknowledged:\n  - { flag: MSCC-neuro, at: 2026-11-21 09:00 }\n",
        "acknowledged:\n  - { flag: mscc-neuro, at: 2026-11-21 09:00, closed: \"  \" }\n",
        "acknowledged:\n  - { flag: mscc-neuro, at: 2026-11-21 09:00, closed: resolved }\n",
        "referrals:\n  - { to: spinal_surgery, at: 2026-11-21 }\n",
        "referrals:\n  - { to: spinal_surgery }\n",
        "referrals:\n  - { to: neurology, at: 2026-11-21 }\n",
        "reviews:\n  - { at: 2026-11-22 09:40, by: Dr Okafor }\n",
        "plan: yes\n",
        "plan: true\n",
        "plan: 1.5\n",
        "plan: ~\n",
        "plan: []\n",
        "plan: |\n  two\n  lines\n",
    ];
    let validator = Validator::shipped();
    let mut disagreements = Vec::new();
    for body in bodies {
        let text = format!("{head}{body}");
        let parser = parses(&text);
        let schema = validator.check_yaml(&text);
        if parser != schema.is_ok() {
            disagreements
                .push(format!("parser {}, schema {schema:?}:\n{body}", if parser { "accepts" } else { "refuses" }));
        }
    }
    for text in ["id: -5\nname: x\n", "id: \"RXH1\"\nname: 12\n", "id: \"RXH1\"\n", "id: \"-RXH\"\nname: x\n"] {
        let parser = parses(text);
        let schema = validator.check_yaml(text);
        if parser != schema.is_ok() {
            disagreements.push(format!("parser {parser}, schema {schema:?}:\n{text}"));
        }
    }
    assert!(disagreements.is_empty(), "the schema and the parser disagree:\n\n{}", disagreements.join("\n\n"));
}

/// Where the schema is stricter than the parser, on purpose: identifiers the contract writes
/// quoted, and a required text left empty. The program reads each as text; an editor points at it.
#[test]
fn the_schema_is_stricter_than_the_parser_only_where_listed() {
    let stricter = [
        ("an unquoted numeric id: the contract writes ids quoted", "id: 1042331\nname: x\n"),
        ("an unquoted id YAML reads as a boolean", "id: true\nname: x\n"),
        ("an unquoted numeric bed", "id: \"X1\"\nname: x\nbed: 12\n"),
        ("an unquoted numeric ward", "id: \"X1\"\nname: x\nward: 7\n"),
        ("a required name given as null, which the program reads as the text `~`", "id: \"X1\"\nname: ~\n"),
    ];
    let validator = Validator::shipped();
    for (why, text) in stricter {
        assert!(parses(text), "the parser accepts {why}:\n{text}");
        assert!(validator.check_yaml(text).is_err(), "the schema refuses {why}:\n{text}");
    }
}

/// The date and time patterns against the parser, day by day across the edges of the accepted
/// years, leap days and the ends of months included.
#[test]
fn the_date_and_time_patterns_accept_exactly_what_the_parser_accepts() {
    let date = Validator::definition("Date");
    let stamp = Validator::definition("Stamp");
    let mut checked = 0;
    for year in [1899, 1900, 1901, 1904, 1999, 2000, 2023, 2024, 2026, 2099, 2100, 2104, 2199, 2200, 2201] {
        for month in 0..=13 {
            for day in 0..=32 {
                let text = format!("{year:04}-{month:02}-{day:02}");
                assert_eq!(date(&text), Date::parse(&text).is_ok(), "{text}");
                checked += 1;
            }
        }
    }
    for time in ["00:00", "23:59", "24:00", "12:60", "08:30:59", "08:30:60", "8:30", "08:30:5", "08h30"] {
        for sep in [" ", "T", "_"] {
            let text = format!("2026-11-21{sep}{time}");
            assert_eq!(stamp(&text), Stamp::parse(&text).is_ok(), "{text}");
        }
    }
    // An offset (the ward zone here is UTC, whose offset is +00:00).
    for text in
        ["2026-11-21 08:30 +00:00", "2026-11-21T08:30+00:00", "2026-11-21 08:30 +0000", "2026-11-21 08:30 00:00"]
    {
        assert_eq!(stamp(text), Stamp::parse(text).is_ok(), "{text}");
    }
    assert!(checked > 6000);
}

/// Every property, at every depth, says what it is: editors show the description on hover.
#[test]
fn every_property_in_the_schema_has_a_description() {
    fn walk(node: &Value, at: &str, missing: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        let text = property["description"].as_str().unwrap_or_default();
                        if text.trim().is_empty() || text.contains('\n') {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (key, inner) in map {
                    walk(inner, &format!("{at}/{key}"), missing);
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| walk(v, &format!("{at}/{i}"), missing)),
            _ => {}
        }
    }
    let value: Value = serde_json::from_str(&schema::case_schema_json()).expect("JSON");
    let mut missing = Vec::new();
    walk(&value, "#", &mut missing);
    // Every definition too: an editor shows it when the pointer rests on a value (a vocabulary's
    // words, a treatment's record).
    for (name, def) in value["$defs"].as_object().expect("$defs") {
        if def["description"].as_str().is_none_or(|d| d.trim().is_empty() || d.contains('\n')) {
            missing.push(format!("#/$defs/{name}"));
        }
    }
    assert!(
        missing.is_empty(),
        "properties or definitions without a one-paragraph description (a doc comment):\n{}",
        missing.join("\n")
    );
}

/// The object a property leads to: through `$ref`, a list's items and `anyOf` with null.
fn target<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(reference) = node["$ref"].as_str() {
        let name = reference.trim_start_matches("#/$defs/");
        return target(root, &root["$defs"][name]);
    }
    if node.get("properties").is_none()
        && let Some(branches) = node["anyOf"].as_array()
        && let Some(branch) = branches.iter().find(|b| b["type"] != "null")
    {
        return target(root, branch);
    }
    if node.get("items").is_some() {
        return target(root, &node["items"]);
    }
    node
}

/// Every field of the schema by its dotted path (`exams.motor`, `spine.sins.location`), with the
/// object it belongs to.
fn schema_fields<'a>(
    root: &'a Value,
    object: &'a Value,
    prefix: &str,
    out: &mut BTreeMap<String, (&'a Value, &'a Value)>,
) {
    for (name, property) in object["properties"].as_object().into_iter().flatten() {
        let path = format!("{prefix}{name}");
        let inner = target(root, property);
        if inner.get("properties").is_some() {
            schema_fields(root, inner, &format!("{path}."), out);
        }
        out.insert(path, (object, property));
    }
}

/// One field as docs/case-format.md gives it: its path, what the type column (or the words in
/// brackets after it) says, and whether it is marked **required**.
#[derive(Debug)]
struct DocField {
    path: String,
    kind: String,
}

/// Splits at `sep` outside brackets, and outside `\|` in a table cell.
fn split_outside_brackets(text: &str, sep: char) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut escaped) = (Vec::new(), String::new(), 0i32, false);
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 && !escaped {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
        escaped = c == '\\';
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_string()).collect()
}

/// The first `code` span of a piece of text.
fn first_code(text: &str) -> Option<&str> {
    text.split('`').nth(1).filter(|_| text.matches('`').count() >= 2)
}

/// `name (what it is)` items of a list such as "`site` (text), `dose_gy` (above 0, at most 100)".
fn listed_fields(base: &str, list: &str, out: &mut Vec<DocField>) {
    for item in split_outside_brackets(list, ',') {
        if let Some(name) = first_code(item.trim_start()).filter(|_| item.trim_start().starts_with('`')) {
            let kind = item.split_once('(').map(|(_, rest)| rest.trim_end_matches(')')).unwrap_or_default();
            out.push(DocField { path: format!("{base}{name}"), kind: kind.to_string() });
        }
    }
}

/// The fields of docs/case-format.md's "Every field" section: one `###` heading per part of the
/// file (a backticked heading names the key; "Identity" is the top level), each with a table of
/// fields, a table of lists and their fields ("Treatment"), or a sentence listing them.
fn doc_fields() -> Vec<DocField> {
    let doc = std::fs::read_to_string("docs/case-format.md").expect("docs/case-format.md");
    let section = doc.split("\n## Every field\n").nth(1).expect("an `## Every field` section");
    let section = section.split("\n## ").next().unwrap_or_default();
    let mut out = Vec::new();
    for part in section.split("\n### ").skip(1) {
        let heading = part.lines().next().unwrap_or_default();
        let base = first_code(heading).map(|name| format!("{name}.")).unwrap_or_default();
        if !base.is_empty() {
            out.push(DocField { path: base.trim_end_matches('.').to_string(), kind: String::new() });
        }
        let rows: Vec<Vec<String>> = part
            .lines()
            .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
            .map(|l| split_outside_brackets(l.trim().trim_matches('|'), '|'))
            .collect();
        match rows.first().map(|header| header[0].as_str()) {
            Some("field") => {
                for row in &rows[1..] {
                    for name in row[0].split(',').filter_map(first_code) {
                        out.push(DocField { path: format!("{base}{name}"), kind: row[1].clone() });
                    }
                }
            }
            Some("list") => {
                for row in &rows[1..] {
                    let list = first_code(&row[0]).expect("a list's name");
                    out.push(DocField { path: list.to_string(), kind: String::new() });
                    listed_fields(&format!("{list}."), &row[1], &mut out);
                }
            }
            // A sentence: "Seen on a ward round: `at` (time, **required**), `by`, `note`."
            _ => {
                let paragraph = part.lines().skip(1).skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty());
                let paragraph = paragraph.collect::<Vec<_>>().join(" ");
                let list = paragraph.split_once(": ").map(|(_, rest)| rest).unwrap_or_default();
                let list = list.split(". ").next().unwrap_or_default().trim_end_matches('.');
                listed_fields(&base, list, &mut out);
            }
        }
    }
    out
}

/// docs/case-format.md and the schema name the same fields, mark the same ones required, give the
/// same words for each vocabulary and the same ranges for each number.
#[test]
fn the_fields_of_docs_case_format_are_the_fields_of_the_schema() {
    let root: Value = serde_json::from_str(&schema::case_schema_json()).expect("JSON");
    let mut fields = BTreeMap::new();
    schema_fields(&root, &root, "", &mut fields);
    let documented = doc_fields();
    let doc_paths: BTreeSet<&str> = documented.iter().map(|f| f.path.as_str()).collect();
    let schema_paths: BTreeSet<&str> = fields.keys().map(String::as_str).collect();
    assert!(doc_paths.len() > 80, "read {} fields from the doc: {doc_paths:?}", doc_paths.len());
    let undocumented: Vec<_> = schema_paths.difference(&doc_paths).collect();
    let unknown: Vec<_> = doc_paths.difference(&schema_paths).collect();
    assert!(undocumented.is_empty(), "in the schema but not in docs/case-format.md: {undocumented:?}");
    assert!(unknown.is_empty(), "in docs/case-format.md but not in the schema: {unknown:?}");

    let mut wrong = Vec::new();
    for DocField { path, kind } in documented.iter().filter(|f| !f.kind.is_empty()) {
        let (object, property) = fields[path.as_str()];
        let name = path.rsplit('.').next().unwrap_or_default();
        let required = object["required"].as_array().is_some_and(|r| r.contains(&json!(name)));
        if kind.contains("**required**") != required {
            wrong.push(format!("{path}: required in the schema is {required}, the doc says `{kind}`"));
        }
        let inner = target(&root, property);
        // A vocabulary: `a` \| `b` \| `c`, or a list of `a`, `b`, `c` (not a range like `C1`-`C7`).
        if kind.contains("\\|") || (kind.starts_with("list of `") && !kind.contains("`-`")) {
            let words: BTreeSet<String> = kind
                .split("**required**")
                .next()
                .unwrap_or_default()
                .split('(')
                .next()
                .unwrap_or_default()
                .split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect();
            let allowed: BTreeSet<String> = inner["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| v.as_str().map(String::from).unwrap_or_else(|| v.to_string()))
                .collect();
            if words != allowed {
                wrong.push(format!("{path}: the doc gives {words:?}, the schema {allowed:?}"));
            }
        }
        // A range: "0-10", "1-520; ...", "above 0, at most 100".
        let number = |key: &str| inner[key].as_f64();
        let (min, max) = (number("minimum"), number("maximum"));
        let range = kind.split([' ', ';', ',']).next().unwrap_or_default();
        if let Some((low, high)) = range.split_once('-')
            && let (Ok(low), Ok(high)) = (low.parse::<f64>(), high.parse::<f64>())
        {
            if (Some(low), Some(high)) != (min, max) {
                wrong.push(format!("{path}: the doc gives {low}-{high}, the schema {min:?}-{max:?}"));
            }
        } else if let Some(max) = max {
            if !kind.contains(&format!("at most {max}")) {
                wrong.push(format!("{path}: the schema's maximum is {max}; the doc (`{kind}`) does not say so"));
            }
            if number("exclusiveMinimum") == Some(0.0) && !kind.contains("above 0") {
                wrong.push(format!("{path}: the schema wants more than 0; the doc (`{kind}`) does not say so"));
            }
        }
    }
    assert!(wrong.is_empty(), "docs/case-format.md and the schema disagree:\n{}", wrong.join("\n"));
}
