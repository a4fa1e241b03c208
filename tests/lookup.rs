//! Which patient a person means: an exact id, then an exact bed, then a unique name. A bed is
//! never taken for a part of someone else's name, and anything that could be two patients is
//! listed, never guessed.

use std::path::Path;

mod common;

use common::command::{isolated, outcome};

fn cw(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(isolated(dir).args(["--now", common::NOW, "--data", data.to_str().expect("path")]).args(args))
}

#[test]
fn a_bed_is_found_before_a_name_that_contains_it_and_two_matches_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (code, _, err) = outcome(isolated(dir.path()).args(["init", data.to_str().expect("path")]));
    assert_eq!(code, 0, "{err}");
    for args in [
        &["new", "--id", "P1", "--name", "Peter Owen", "--ward", "7B", "--bed", "C"][..],
        &["new", "--id", "P2", "--name", "Claire Dunn", "--ward", "7B", "--bed", "4"],
        &["new", "--id", "P3", "--name", "Harold Grant", "--ward", "8A", "--bed", "4"],
    ] {
        let (code, _, err) = cw(dir.path(), &data, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, out, err) = cw(dir.path(), &data, &["show", "C"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Peter Owen (P1)") && !out.contains("Claire Dunn"), "bed C is Peter Owen:\n{out}");
    let (code, out, err) = cw(dir.path(), &data, &["export", "fhir", "C"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"value\": \"P1\"") && !out.contains("\"value\": \"P2\""), "{out}");

    // Bed 4 on two wards: both listed, neither chosen.
    let (code, out, err) = cw(dir.path(), &data, &["show", "4"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("matches 2 cases") && err.contains("P2 (Claire Dunn, bed 4, ward 7B)"), "{err}");
    assert!(err.contains("P3 (Harold Grant, bed 4, ward 8A)"), "{err}");
    // A unique part of a name, and an id in any capitals, still find their patient.
    let (code, out, _) = cw(dir.path(), &data, &["show", "claire"]);
    assert!(code == 0 && out.contains("Claire Dunn (P2)"), "{out}");
    let (code, out, _) = cw(dir.path(), &data, &["show", "p3"]);
    assert!(code == 0 && out.contains("Harold Grant (P3)"), "{out}");
    // A part of two names is two patients.
    let (code, _, err) = cw(dir.path(), &data, &["show", "r"]);
    assert_eq!(code, 2);
    assert!(err.contains("matches"), "{err}");
}
