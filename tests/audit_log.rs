//! The audit log's own guarantees: an append that fails on a full disk leaves no fragment for the
//! next line to be glued to, and every line can be sent to the system log as well.

use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;

use cordwatch::model::event::Event;
use cordwatch::model::*;
use cordwatch::store::{Store, StoreOptions};

fn id(s: &str) -> CaseId {
    s.parse().expect("id")
}

fn review(note: &str) -> Event {
    let at = Stamp::parse("2026-11-23 08:00").expect("stamp");
    Event::Review(Review { at, by: None, role: None, note: Some(Text::new(note)), struck: None })
}

fn store(dir: &Path) -> Store {
    Store::init(dir, StoreOptions { lock_timeout: Duration::from_secs(5), ..Default::default() }, None).expect("store")
}

/// Child mode: one write to B1 with files limited to `CW_TORN_LIMIT` bytes, so the case file and
/// its journal entry fit but the audit log, already longer, can take only part of its line.
fn torn_child() {
    let (Ok(dir), Ok(limit)) = (std::env::var("CW_TORN_DIR"), std::env::var("CW_TORN_LIMIT")) else { return };
    let limit: u64 = limit.parse().expect("limit");
    let s = store(Path::new(&dir));
    // SAFETY: plain resource-limit and signal calls on this process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rlimit = libc::rlimit { rlim_cur: limit, rlim_max: libc::RLIM_INFINITY };
        libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit);
    }
    let written = s.record(&id("B1"), &review("written as the disk filled")).expect("the write itself lands");
    println!("WARNING {}", written.warning.unwrap_or_default());
    std::process::exit(0);
}

#[test]
fn an_append_cut_short_by_a_full_disk_leaves_no_fragment() {
    torn_child();
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    s.create(&Case::new(id("A1"), Text::from("Long History"))).expect("create");
    s.create(&Case::new(id("B1"), Text::from("Short File"))).expect("create");
    for n in 0..30 {
        s.record(&id("A1"), &review(&format!("note {n} to make the audit log longer than B1's file"))).expect("w");
    }
    let log = dir.path().join("audit.log");
    let before = std::fs::read(&log).expect("log");
    let case_len = std::fs::metadata(dir.path().join("cases/B1.yaml")).expect("case").len();
    assert!(case_len + 1200 < before.len() as u64, "B1's file and its entry must fit under the limit");
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["an_append_cut_short_by_a_full_disk_leaves_no_fragment", "--exact", "--nocapture", "--test-threads=1"])
        .env("CW_TORN_DIR", dir.path())
        .env("CW_TORN_LIMIT", (before.len() + 40).to_string())
        .output()
        .expect("child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("WARNING") && stdout.contains("audit log could not be written"), "{stdout}");
    let after = std::fs::read(&log).expect("log");
    assert!(
        after == before,
        "the failed append was not cut off again: {} bytes before, {} after, ending {:?}",
        before.len(),
        after.len(),
        String::from_utf8_lossy(&after[after.len().saturating_sub(60)..])
    );

    s.record(&id("A1"), &review("after the disk was freed")).expect("next write");
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 30 + 2, "one line per write:\n{text}");
    for line in &lines {
        assert_eq!(line.split('\t').count(), 8, "a whole line, nothing glued to it: {line:?}");
    }
    assert!(lines.iter().any(|l| l.contains("\tB1\treview\t") && l.contains("recovered from the journal")));
}

#[test]
fn every_audit_line_goes_to_the_system_log_when_asked() {
    // syslog(3) writes to /dev/log. In a private mount namespace /dev is replaced by a folder
    // holding the few devices needed and this test's socket as /dev/log; root only.
    let probe = Command::new("unshare").args(["--mount", "--propagation", "private", "true"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("skipped: needs mount namespaces (root) to stand in for /dev/log");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let socket = dir.path().join("log.sock");
    let listener = UnixDatagram::bind(&socket).expect("socket");
    listener.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "audit_syslog: local3\n").expect("config");
    let data = dir.path().join("data");
    let bin = assert_cmd::cargo::cargo_bin("cordwatch");
    let d = dir.path().display();
    let script = format!(
        "set -e; mkdir {d}/dev; mount --rbind /dev {d}/dev; mount -t tmpfs tmpfs /dev; \
         for n in null zero full random urandom; do touch /dev/$n; mount --bind {d}/dev/$n /dev/$n; done; \
         touch /dev/log; mount --bind {sock} /dev/log; \
         '{bin}' init '{data}' >/dev/null; '{bin}' --data '{data}' new --id SY1 --name 'Sys Log' >/dev/null",
        sock = socket.display(),
        bin = bin.display(),
        data = data.display(),
    );
    let out = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", &script])
        .env("CORDWATCH_CONFIG", &config)
        .output()
        .expect("unshare");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut buf = vec![0u8; 4096];
    let n = listener.recv(&mut buf).expect("a message in the system log");
    let message = String::from_utf8_lossy(&buf[..n]).into_owned();
    let log = std::fs::read_to_string(data.join("audit.log")).expect("audit log");
    let line_id = log.lines().next().and_then(|l| l.split('\t').nth(6)).expect("the line's id").to_string();
    // local3 (19) * 8 + info (6).
    assert!(message.starts_with("<158>"), "{message}");
    assert!(message.contains("cordwatch["), "{message}");
    assert!(message.contains(&format!("audit {line_id}: ")), "{message}\n{log}");
    assert!(message.contains("case=SY1 operation=new: new case Sys Log"), "{message}");
}
