//! The safety file's list of third-party crates is generated from Cargo.lock and must match it:
//! `UPDATE_DEPENDENCIES=1 cargo test --test dependencies` rewrites it after a dependency change.

use std::collections::BTreeSet;

const LIST: &str = "docs/safety/dependencies.md";

/// The `[dependencies]` or `[dev-dependencies]` names of Cargo.toml.
fn direct(manifest: &str, section: &str) -> BTreeSet<String> {
    let mut inside = false;
    let mut out = BTreeSet::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            inside = line.trim() == section;
        } else if inside && let Some((name, _)) = line.split_once('=') {
            out.insert(name.trim().to_string());
        }
    }
    out
}

fn render() -> String {
    let lock = std::fs::read_to_string("Cargo.lock").expect("Cargo.lock");
    let manifest = std::fs::read_to_string("Cargo.toml").expect("Cargo.toml");
    let runtime = direct(&manifest, "[dependencies]");
    let dev = direct(&manifest, "[dev-dependencies]");
    let mut packages: Vec<(String, String)> = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                l.strip_prefix(&format!("{key} = \"")).and_then(|v| v.strip_suffix('"')).map(String::from)
            })
        };
        if let (Some(name), Some(version)) = (field("name"), field("version"))
            && name != "cordwatch"
        {
            packages.push((name, version));
        }
    }
    packages.sort();
    let mut out = String::from(
        "# Third-party crates\n\nGenerated from Cargo.lock by `UPDATE_DEPENDENCIES=1 cargo test --test dependencies`; \
         the test fails when this list and Cargo.lock disagree. Licences, sources and duplicates are checked by \
         `cargo deny check bans licenses sources` in CI (see deny.toml).\n\n",
    );
    out.push_str(&format!(
        "{} crates: {} used by the program directly, {} by its tests and benchmarks directly, the rest pulled in by those.\n\n",
        packages.len(),
        runtime.len(),
        dev.len()
    ));
    out.push_str("| crate | version | why it is here |\n|---|---|---|\n");
    for (name, version) in &packages {
        let why = if runtime.contains(name) {
            "program"
        } else if dev.contains(name) {
            "tests and benchmarks"
        } else {
            "indirect"
        };
        out.push_str(&format!("| {name} | {version} | {why} |\n"));
    }
    out
}

#[test]
fn the_dependency_list_matches_cargo_lock() {
    let generated = render();
    if std::env::var_os("UPDATE_DEPENDENCIES").is_some() {
        std::fs::write(LIST, &generated).expect("write the list");
    }
    let current = std::fs::read_to_string(LIST).unwrap_or_default();
    assert!(current == generated, "{LIST} is out of date: run UPDATE_DEPENDENCIES=1 cargo test --test dependencies");
}
