//! The layers of the source tree, checked from the source itself: which top-level module may
//! import which, and that no group of files imports itself round in a loop.
//!
//! A `use crate::x`, `crate::x::y` path or `super::` path in a file is an import of the module it
//! names (the longest path that is a file of its own). Test modules (`#[cfg(test)]` onwards) are
//! left out: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module by its path under `src/` ("engine::pathway::steroids"; "" for the crate root).
type Module = Vec<String>;

fn modules() -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix("src").expect("under src").with_extension("");
            let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            if parts == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            let text = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            out.insert(parts, text);
        }
    }
    out
}

/// Whether a file is a `mod.rs`/`lib.rs` (its `super` is its parent's parent).
fn is_dir_module(module: &Module, files: &BTreeMap<Module, String>) -> bool {
    module.is_empty() || files.keys().any(|m| m.len() > module.len() && m.starts_with(module))
}

/// The modules a file imports, resolved to files.
fn imports(module: &Module, text: &str, files: &BTreeMap<Module, String>) -> BTreeSet<Module> {
    let base: Module =
        if is_dir_module(module, files) { module.clone() } else { module[..module.len().saturating_sub(1)].to_vec() };
    let mut out = BTreeSet::new();
    let resolve = |path: Vec<String>, out: &mut BTreeSet<Module>| {
        for n in (0..=path.len()).rev() {
            if files.contains_key(&path[..n]) {
                if path[..n] != module[..] {
                    out.insert(path[..n].to_vec());
                }
                return;
            }
        }
    };
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).collect();
    for word in words {
        let mut segments: Vec<&str> = word.split("::").filter(|s| !s.is_empty()).collect();
        let start: Module = match segments.first() {
            Some(&"crate") => {
                segments.remove(0);
                Vec::new()
            }
            Some(&"super") => {
                let mut b = base.clone();
                while segments.first() == Some(&"super") {
                    segments.remove(0);
                    b.pop();
                }
                b
            }
            Some(&"self") => {
                segments.remove(0);
                base.clone()
            }
            _ => continue,
        };
        let mut path = start;
        path.extend(segments.iter().map(|s| s.to_string()));
        resolve(path, &mut out);
    }
    out
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let files = modules();
    files.iter().map(|(m, text)| (m.clone(), imports(m, text, &files))).collect()
}

fn top(m: &Module) -> String {
    m.first().cloned().unwrap_or_default()
}

/// The groups of modules that import one another in a loop (strongly connected, more than one).
fn loops(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = edges.keys().collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        let group: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if group.len() > 1 && !out.contains(&group) {
            out.push(group);
        }
    }
    out
}

#[test]
fn the_top_level_modules_import_one_another_without_a_loop() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, to) in graph() {
        if m.is_empty() {
            continue;
        }
        let entry = edges.entry(top(&m)).or_default();
        entry.extend(to.iter().filter(|t| !t.is_empty() && top(t) != top(&m)).map(top));
    }
    assert!(loops(&edges).is_empty(), "top-level modules in a loop: {:?}\n{edges:#?}", loops(&edges));
}

#[test]
fn the_pure_layers_reach_nothing_above_them() {
    // What each lower layer may import, besides itself.
    let allowed: [(&str, &[&str]); 5] = [
        ("model", &["safe_file"]),
        ("engine", &["model", "guidelines"]),
        ("guidelines", &["model", "yaml", "safe_file"]),
        ("yaml", &["model"]),
        ("safe_file", &[]),
    ];
    for (m, to) in graph() {
        let Some((_, ok)) = allowed.iter().find(|(layer, _)| *layer == top(&m)) else { continue };
        for t in to.iter().filter(|t| !t.is_empty() && top(t) != top(&m)) {
            assert!(ok.contains(&top(t).as_str()), "{} imports {}, above its layer", m.join("::"), t.join("::"));
        }
    }
}

#[test]
fn no_files_of_the_dashboard_import_one_another_in_a_loop() {
    let graph = graph();
    // A child module naming its own parent (`super::App`) is how Rust modules share their
    // parent's types; a loop is a file reaching, through others, a file that reaches back to it.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, to) in &graph {
        if top(m) != "tui" {
            continue;
        }
        let entry = edges.entry(m.join("::")).or_default();
        for t in to.iter().filter(|t| top(t) == "tui" && !m.starts_with(t)) {
            entry.insert(t.join("::"));
        }
    }
    assert!(loops(&edges).is_empty(), "dashboard files in a loop: {:?}", loops(&edges));
}
