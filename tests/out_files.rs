//! Files the user names (`audit --out`, `export --out`, `man --out`, `guidelines --export`) go
//! through one guarded writer: never into the data directory, an existing file replaced only with
//! --force, and nothing left behind by a run that is killed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::command::{isolated, outcome};

fn ward(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let (code, out, err) = outcome(isolated(dir).args(["init", data.to_str().expect("path")]));
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = outcome(isolated(dir).args(["--data", data.to_str().expect("path")]).args([
        "new",
        "--id",
        "O1",
        "--name",
        "Olive Record",
        "--ward",
        "7B",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    data
}

#[test]
fn no_output_is_written_inside_the_data_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let d = data.to_str().expect("path");
    let log = std::fs::read(data.join("audit.log")).expect("log");
    let record = std::fs::read(data.join("cases/O1.yaml")).expect("case");
    let tries: [&[&str]; 6] = [
        &["audit", "--format", "svg", "--out", "audit.log"],
        &["audit", "--format", "svg", "--out", "audit.log", "--force"],
        &["audit", "--format", "svg", "--out", "new-chart.svg"],
        &["export", "fhir", "O1", "--out", "cases/O1.yaml", "--force"],
        &["export", "fhir", "O1", "--out", "archive/O1.json"],
        &["man", "--out", "manpages"],
    ];
    for args in tries {
        // Run from inside the data directory, as the issue's `--out audit.log` was.
        let (code, out, err) = outcome(isolated(dir.path()).current_dir(&data).args(["--data", d]).args(args));
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("inside the data directory"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(data.join("audit.log")).expect("log"), log, "the audit trail is untouched");
    assert_eq!(std::fs::read(data.join("cases/O1.yaml")).expect("case"), record, "the record is untouched");
    assert!(!data.join("new-chart.svg").exists() && !data.join("manpages").exists());
    assert!(!data.join("archive/O1.json").exists());
    let (code, _, err) =
        outcome(isolated(dir.path()).args(["--data", d, "guidelines", "--export"]).arg(data.join("rules")));
    assert_eq!(code, 2, "{err}");
    assert!(!data.join("rules").exists(), "no folder made inside the ward either");
}

#[test]
fn an_existing_picture_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let d = data.to_str().expect("path");
    let svg = dir.path().join("chart.svg");
    std::fs::write(&svg, "an earlier picture").expect("svg");
    let s = svg.to_str().expect("path");
    let (code, _, err) = outcome(isolated(dir.path()).args(["--data", d, "audit", "--format", "svg", "--out", s]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&svg).expect("svg"), "an earlier picture");
    let (code, _, err) =
        outcome(isolated(dir.path()).args(["--data", d, "audit", "--format", "svg", "--out", s, "--force"]));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&svg).expect("svg").starts_with("<svg"));
    let man = dir.path().join("man1");
    let (code, _, err) = outcome(isolated(dir.path()).args(["man", "--out"]).arg(&man));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = outcome(isolated(dir.path()).args(["man", "--out"]).arg(&man));
    assert_eq!(code, 2, "pages already there are kept: {err}");
    let (code, _, err) = outcome(isolated(dir.path()).args(["man", "--force", "--out"]).arg(&man));
    assert_eq!(code, 0, "{err}");
}

/// Hidden files in `dir` (a temporary file is named `.<name>.XXXXXX`).
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with('.')).collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_export_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("big");
    let (code, _, err) = outcome(isolated(dir.path()).args(["demo", "--generate", "400", "--out"]).arg(&data));
    assert_eq!(code, 0, "{err}");
    let outs = dir.path().join("outs");
    std::fs::create_dir(&outs).expect("outs");
    let bin = assert_cmd::cargo::cargo_bin("cordwatch");
    let mut killed = 0;
    for run in 0..5 {
        let target = outs.join(format!("ward{run}.json"));
        let mut child = Command::new(&bin)
            .env("CORDWATCH_CONFIG", "/dev/null")
            .env_remove("CORDWATCH_DATA")
            .args(["--data", data.to_str().expect("path"), "export", "fhir", "--all", "--skip-problems", "--out"])
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("export");
        // Killed the moment a partial file can be seen under a name, as a user's Ctrl-\ or a
        // dropped session would.
        let started = Instant::now();
        loop {
            if !hidden(&outs).is_empty() {
                child.kill().expect("kill");
                killed += 1;
                break;
            }
            if child.try_wait().expect("wait").is_some() || started.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        let _ = child.wait();
        assert!(hidden(&outs).is_empty(), "run {run}: a partial file was left: {:?}", hidden(&outs));
    }
    println!("{killed} runs killed with a partial file in sight");
}
