//! The round's hint that free text was cut is said only for what the round printed: never after
//! the JSON document (which is never cut, and would no longer parse), and never for a patient of
//! another ward.

mod common;

use std::path::Path;

fn cw(dir: &Path, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").arg("--data").arg(dir.join("data")).args(["--now", "2026-11-21 09:00"]).args(args);
    common::command::outcome(&mut cmd)
}

#[test]
fn a_long_name_is_cut_with_its_hint_only_where_it_is_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = format!("Ann {}", "Longname".repeat(30));
    for (id, name, ward) in [("P1", long.as_str(), "7B"), ("P2", "Bob Patient", "7A")] {
        let (code, out, err) = cw(dir.path(), &["new", "--id", id, "--name", name, "--ward", ward]);
        assert_eq!(code, 0, "{out}{err}");
    }
    let hint = "was cut";
    let (code, text, err) = cw(dir.path(), &["checklist"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains('…') && text.contains(hint), "{text}");
    let (_, other_ward, _) = cw(dir.path(), &["checklist", "--ward", "7A"]);
    assert!(other_ward.contains("Bob Patient") && !other_ward.contains(hint), "{other_ward}");
    for args in [&["checklist", "--format", "json"][..], &["checklist", "--ward", "7A", "--format", "json"]] {
        let (code, json, err) = cw(dir.path(), args);
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{args:?}: {e}\n{json}"));
        assert!(!json.contains(hint), "{json}");
        let names: Vec<&str> =
            doc["patients"].as_array().expect("patients").iter().filter_map(|p| p["name"].as_str()).collect();
        assert!(names.contains(&"Bob Patient"), "{names:?}");
    }
}
