//! The hazard log names the test behind every control; each named test must exist, so the log
//! cannot point at a test that has been renamed or removed.

#[test]
fn every_test_the_hazard_log_names_exists() {
    let log = std::fs::read_to_string("docs/safety/hazard-log.md").expect("hazard log");
    let mut checked = 0;
    for reference in log.split('`').skip(1).step_by(2) {
        let Some((file, test)) = reference.split_once("::") else { continue };
        if !file.ends_with(".rs") {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let defined = source.contains(&format!("fn {test}("));
        assert!(defined, "the hazard log names `{reference}`, which does not exist");
        checked += 1;
    }
    assert!(checked >= 60, "expected the log to name its tests; found {checked}");
}
