//! docs/json.md is the contract for scripts: every example in it parses, and the program's real
//! output for the command each example names has exactly the fields the example shows.

use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;

/// (the command named above the example, the example) for every JSON example in docs/json.md.
fn examples() -> Vec<(String, Value)> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).expect("docs/json.md");
    let mut out = Vec::new();
    let mut command = None;
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("<!-- example: ") {
            command = Some(rest.trim_end_matches("-->").trim().to_string());
        }
        if line.trim() == "```json" {
            let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            let value: Value = serde_json::from_str(&block.join("\n"))
                .unwrap_or_else(|e| panic!("an example in docs/json.md does not parse: {e}\n{}", block.join("\n")));
            out.push((command.take().expect("every example names its command"), value));
        }
    }
    out
}

/// The first object of an array, or the object itself; for the checklist, its first patient.
fn first(v: &Value) -> &Value {
    match v {
        Value::Array(items) => items.iter().find(|i| i["name"].is_string()).expect("a readable case"),
        other => other,
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn every_example_parses_and_real_output_has_exactly_the_documented_fields() {
    let examples = examples();
    assert_eq!(examples.len(), 6, "one example per command with --format json");
    for (command, example) in examples {
        let mut args = vec!["--demo", "--now", "2026-11-23 09:00"];
        args.extend(command.split_whitespace());
        let out =
            Command::cargo_bin("cordwatch").expect("binary").args(&args).env("NO_COLOR", "1").output().expect("run");
        let real: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{command}: {e}"));
        let (doc, real) = (first(&example), first(&real));
        assert_eq!(keys(doc), keys(real), "{command}: the documented fields differ from the output");
        for nested in ["patients", "flags", "pathway", "items", "schedule", "measures", "episodes"] {
            if let (Some(d), Some(r)) = (doc[nested].as_array(), real[nested].as_array())
                && let (Some(d), Some(r)) = (d.first(), r.first())
            {
                assert_eq!(keys(d), keys(r), "{command}: {nested} fields differ from the output");
                for deeper in ["items", "flags", "months"] {
                    if let (Some(d), Some(r)) = (d[deeper].as_array(), r[deeper].as_array())
                        && let (Some(d), Some(r)) = (d.first(), r.first())
                    {
                        assert_eq!(keys(d), keys(r), "{command}: {nested}.{deeper} fields differ");
                    }
                }
            }
        }
    }
}

#[test]
fn every_rule_id_in_force_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).expect("docs/json.md");
    let g = cordwatch::guidelines::Guidelines::built_in().expect("rules");
    let mut ids: Vec<String> = g.flag_ids().into_iter().map(String::from).collect();
    ids.extend([
        g.follow_up.spine_imaging.id.clone(),
        g.follow_up.spine_imaging.after_treatment.id.clone(),
        g.follow_up.baseline_imaging.id.clone(),
        g.follow_up.pending_result.id.clone(),
        g.follow_up.treatment_cycle.id.clone(),
        g.bone_agents.dose.id.clone(),
        g.bone_agents.dental_review.id.clone(),
    ]);
    ids.extend(g.bone_agents.drugs.iter().map(|d| d.blood_test.id.clone()));
    for id in ids {
        assert!(doc.contains(&format!("`{id}`")), "docs/json.md does not list the rule id `{id}`");
    }
}
