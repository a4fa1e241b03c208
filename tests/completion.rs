//! Case ids complete at Tab in the shells that ask the program (`source <(COMPLETE=bash
//! cordwatch)`): the binary is run here as the registered shell function runs it, with the words
//! typed so far after `--` and the index of the word being completed in `_CLAP_COMPLETE_INDEX`.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::command::{isolated, outcome};

/// A data directory with two cases, made by the program itself.
fn ward(dir: &Path) -> PathBuf {
    let data = dir.join("ward");
    let d = data.to_str().expect("path");
    assert_eq!(outcome(isolated(dir).args(["init", d])).0, 0);
    for (id, name) in [("RXH1042331", "Margaret Ellis"), ("RXH2287710", "John Okoye")] {
        assert_eq!(outcome(isolated(dir).args(["--data", d, "new", "--id", id, "--name", name])).0, 0);
    }
    data
}

/// What bash's completion function gets back for `words`, completing the last one.
fn complete(dir: &Path, words: &[&str]) -> Vec<String> {
    let mut cmd = isolated(dir);
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        // Nothing of the user's own: the platform data directory is inside the test's folder.
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .arg("--")
        .args(words)
        .timeout(Duration::from_secs(20));
    let (code, out, err) = outcome(&mut cmd);
    assert_eq!(code, 0, "{err}");
    out.lines().map(String::from).filter(|l| !l.is_empty()).collect()
}

fn ids(candidates: &[String]) -> Vec<&str> {
    candidates.iter().map(String::as_str).filter(|c| !c.starts_with('-')).collect()
}

#[test]
fn case_ids_complete_for_every_command_that_names_a_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = ward(dir.path());
    let d = data.to_str().expect("path");
    let both = vec!["RXH1042331", "RXH2287710"];
    assert_eq!(ids(&complete(dir.path(), &["cordwatch", "--data", d, "show", ""])), both);
    assert_eq!(ids(&complete(dir.path(), &["cordwatch", "--data", d, "discharge", "R"])), both);
    assert_eq!(ids(&complete(dir.path(), &["cordwatch", "--data", d, "record", "exam", "RXH2"])), vec!["RXH2287710"]);
    assert_eq!(
        ids(&complete(dir.path(), &["cordwatch", &format!("--data={d}"), "record", "ack", "RXH1"])),
        vec!["RXH1042331"]
    );
    assert!(ids(&complete(dir.path(), &["cordwatch", "--data", d, "show", "X"])).is_empty());
    // The data directory of $CORDWATCH_DATA, as every other command reads it.
    let mut cmd = isolated(dir.path());
    cmd.env("COMPLETE", "bash").env("_CLAP_COMPLETE_INDEX", "2").env("CORDWATCH_DATA", &data).args([
        "--",
        "cordwatch",
        "show",
        "RXH",
    ]);
    let (_, out, _) = outcome(&mut cmd);
    assert!(out.contains("RXH1042331") && out.contains("RXH2287710"), "{out}");
}

#[test]
fn a_missing_data_directory_completes_nothing_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-ward");
    let d = missing.to_str().expect("path");
    assert!(ids(&complete(dir.path(), &["cordwatch", "--data", d, "show", ""])).is_empty());
    assert!(!missing.exists(), "completion created {d}");
    // No --data, no $CORDWATCH_DATA, no data_dir: the platform directory, which does not exist.
    assert!(ids(&complete(dir.path(), &["cordwatch", "show", ""])).is_empty());
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("config.yaml")], "only the test's own config is there");
}

#[test]
fn a_fifo_in_the_cases_folder_never_blocks_completion() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = ward(dir.path());
    let fifo = std::ffi::CString::new(data.join("cases/STUCK.yaml").to_str().expect("path")).expect("c string");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    // Within the timeout of `complete`: the folder is listed, no file is opened.
    let candidates = complete(dir.path(), &["cordwatch", "--data", data.to_str().expect("path"), "show", "RXH"]);
    assert_eq!(ids(&candidates), vec!["RXH1042331", "RXH2287710"]);
}

#[test]
fn the_shell_gets_a_registration_script_and_the_static_scripts_still_come() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (shell, needle) in [("bash", "complete -o nospace -o bashdefault -F"), ("zsh", "compdef"), ("fish", "complete")]
    {
        let (code, out, err) = outcome(isolated(dir.path()).env("COMPLETE", shell));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(needle) && out.contains("cordwatch"), "{shell}:\n{out}");
    }
    let (code, out, _) = outcome(isolated(dir.path()).args(["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(out.contains("_cordwatch()"), "{out}");
}

/// The whole round trip in a real bash, where there is one: the registration script is sourced,
/// and its completion function is called as bash calls it at Tab.
#[test]
fn bash_completes_case_ids_through_the_registered_function() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = ward(dir.path());
    let Ok(bash) = which_bash() else {
        eprintln!("no bash on this machine: the protocol itself is tested above");
        return;
    };
    let script = format!(
        "source <(COMPLETE=bash '{bin}') && COMP_WORDS=(cordwatch --data '{data}' show RXH2) && COMP_CWORD=4 \
         && COMP_TYPE=9 && _clap_complete_cordwatch cordwatch RXH2 show && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin = assert_cmd::cargo::cargo_bin("cordwatch").display(),
        data = data.display(),
    );
    let config = dir.path().join("config.yaml");
    let out = std::process::Command::new(bash)
        .args(["--norc", "--noprofile", "-c", &script])
        .env("CORDWATCH_CONFIG", &config)
        .env_remove("CORDWATCH_DATA")
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().collect::<Vec<_>>(), vec!["RXH2287710"]);
}

fn which_bash() -> Result<PathBuf, ()> {
    ["/bin/bash", "/usr/bin/bash"].iter().map(PathBuf::from).find(|p| p.exists()).ok_or(())
}

#[test]
fn vocabulary_words_complete_in_the_static_script_and_dynamically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let words = complete(dir.path(), &["cordwatch", "record", "exam", "--motor", ""]);
    assert_eq!(words, ["normal", "weakness", "paralysis"]);
    let kinds = complete(dir.path(), &["cordwatch", "record", "imaging", "--kind", "mri"]);
    assert_eq!(kinds, ["mri_whole_spine", "mri_spine"]);
    let mut cmd = isolated(dir.path());
    cmd.args(["completions", "bash"]);
    let (code, script, err) = outcome(&mut cmd);
    assert_eq!(code, 0, "{err}");
    assert!(script.contains("normal weakness paralysis"), "the static script offers the words");
    // A wrong word still gets the vocabulary's own message, with its suggestion.
    let mut cmd = isolated(dir.path());
    cmd.args(["--demo", "record", "exam", "RXH1042331", "--motor", "weaknes"]);
    let (code, _, err) = outcome(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean `weakness`"), "{err}");
}
