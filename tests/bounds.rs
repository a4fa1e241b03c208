//! Sizes kept in bounds: a free-text field a megabyte long is cut in text reports (whole in
//! `show --long` and in JSON), and `demo --generate` refuses a count it would drown in.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::command::{isolated, outcome};

fn cw(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(isolated(dir).args(["--now", common::NOW, "--data", data.to_str().expect("path")]).args(args))
}

#[test]
fn a_name_a_megabyte_long_is_cut_in_text_reports_and_whole_in_show_long() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let name = "N".repeat(900_000);
    let plan = "P".repeat(50_000);
    std::fs::write(
        data.join("cases/BIG.yaml"),
        format!(
            "id: BIG\nname: {name}\nward: \"7B\"\nstatus: inpatient\nexams:\n  - {{ at: 2026-11-23 07:00, motor: weakness }}\n\
             acknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-23 07:30, by: Dr Long, plan: {plan} }}\n"
        ),
    )
    .expect("case");
    for args in [&["triage"][..], &["triage", "--long"], &["checklist"], &["show", "BIG"]] {
        let (code, out, err) = cw(dir.path(), &data, args);
        assert!(code == 0 || code == 3, "{args:?}: {err}");
        assert!(out.len() < 20_000, "{args:?} printed {} bytes", out.len());
        assert!(out.contains("NNN…"), "{args:?} marks the cut");
        assert!(
            out.contains("show ID --long") || out.contains("show BIG --long"),
            "{args:?} says how to read it whole"
        );
    }
    let (code, out, _) = cw(dir.path(), &data, &["show", "BIG", "--long"]);
    assert_eq!(code, 0);
    // Whole, though wrapped at 80 columns like every line of the report.
    assert!(out.matches('N').count() >= name.len() && out.matches('P').count() >= plan.len(), "whole with --long");
    let (_, out, _) = cw(dir.path(), &data, &["triage", "--format", "json"]);
    assert!(out.contains(&name), "JSON is never cut");
}

#[test]
fn demo_generate_refuses_a_count_it_cannot_hold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("huge");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("cordwatch"))
        .env("CORDWATCH_CONFIG", "/dev/null")
        .args(["demo", "--generate", "100000000", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("demo --generate 100000000 was still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).expect("stderr");
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("200000"), "says the bound: {err}");
    assert!(!out.exists(), "nothing made");
}
