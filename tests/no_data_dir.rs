//! Commands that read no patient data work on a fresh machine, before any data directory exists.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("home");
    Command::new(env!("CARGO_BIN_EXE_cordwatch"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env_remove("CORDWATCH_DATA")
        .env("CORDWATCH_CONFIG", "/dev/null")
        .output()
        .expect("run cordwatch")
}

#[test]
fn guidelines_schema_man_and_completions_need_no_data_directory() {
    for args in [&["guidelines"][..], &["schema"], &["completions", "bash"], &["man"]] {
        let out = run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "cordwatch {args:?} failed without a data directory: {stderr}");
        assert!(!out.stdout.is_empty(), "cordwatch {args:?} printed nothing");
        assert!(!stderr.contains("data directory"), "{args:?}: {stderr}");
    }
    let rules = String::from_utf8_lossy(&run(&["guidelines"]).stdout).to_string();
    assert!(rules.contains("mscc"), "the rules are listed: {rules}");
    // A command that reads patients still says the directory is missing.
    let list = run(&["list"]);
    assert!(!list.status.success());
    assert!(String::from_utf8_lossy(&list.stderr).contains("does not exist"));
}
