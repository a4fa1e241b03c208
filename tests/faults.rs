//! Faults at scale: writers killed with SIGKILL, eight processes contending for ten cases, a full
//! disk. Every file must still parse, every write that was acknowledged must be there, and a
//! failed write must say why and leave the old file as it was.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;

use common::writer::{self, Moments, exam, notes, store};
use cordwatch::model::*;
use cordwatch::store::{Store, StoreOptions};

fn id(n: usize) -> CaseId {
    format!("F{n:04}").parse().expect("id")
}

fn ids(cases: usize) -> Vec<CaseId> {
    (0..cases).map(id).collect()
}

fn seed(dir: &Path, cases: usize) {
    let s = store(dir);
    for n in 0..cases {
        s.create(&Case::new(id(n), Text::new(format!("Patient {n}")))).expect("create");
    }
}

#[test]
fn sigkill_at_scale_never_tears_a_file_or_loses_an_acknowledged_write() {
    writer::child_mode();
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = 200;
    seed(dir.path(), cases);
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    let mut moments = Moments(0x9E37_79B9_7F4A_7C15);
    // Thirty kills at least, and more while the writers have made little progress (a loaded
    // machine writes slower), so the test never passes on too few writes to mean anything.
    let mut cycle = 0;
    while cycle < 30 || (acknowledged.len() <= 100 && cycle < 300) {
        cycle += 1;
        let test = "sigkill_at_scale_never_tears_a_file_or_loses_an_acknowledged_write";
        let mut children: Vec<_> =
            (0..2).map(|w| writer::spawn(test, dir.path(), &format!("k{cycle}w{w}"), &ids(cases), None)).collect();
        let readers: Vec<_> = children.iter_mut().map(writer::acknowledged).collect();
        std::thread::sleep(Duration::from_millis(40 + moments.next() % 160));
        for c in &mut children {
            c.kill().expect("SIGKILL");
            c.wait().expect("reap");
        }
        for r in readers {
            acknowledged.extend(r.join().expect("reader"));
        }
    }
    let s = store(dir.path());
    let entries = s.load_all().expect("load");
    assert_eq!(entries.len(), cases);
    for e in &entries {
        assert!(e.case.is_some(), "{} is torn: {:?}", e.file, e.problems);
    }
    for (case, note) in &acknowledged {
        let case: CaseId = case.parse().expect("id");
        assert!(notes(&s, &case).contains(note), "acknowledged write {note} on {case} is missing");
    }
    assert!(acknowledged.len() > 100, "the writers made progress: {}", acknowledged.len());
    // Killed writers leave lock files behind; they must not block the next one. A store that
    // waits at most a second for a lock says Busy if one does (how fast a write is: benches/writes.rs).
    let impatient =
        Store::open(dir.path(), StoreOptions { lock_timeout: Duration::from_secs(1), ..Default::default() })
            .expect("open");
    impatient.record(&id(0), &exam(90_000_000, "after the crashes")).expect("a stale lock blocked a writer");
}

#[test]
fn eight_processes_two_hundred_writes_each_over_ten_cases_lose_nothing() {
    writer::child_mode();
    let dir = tempfile::tempdir().expect("tempdir");
    seed(dir.path(), 10);
    let test = "eight_processes_two_hundred_writes_each_over_ten_cases_lose_nothing";
    let children: Vec<_> =
        (0..8).map(|p| writer::spawn(test, dir.path(), &format!("p{p}"), &ids(10), Some(200))).collect();
    // A deadlock ends as a writer that failed with Busy after the lock timeout.
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "a writer failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).matches("ACK ").count(), 200);
    }
    let s = store(dir.path());
    let mut all: Vec<String> = (0..10).flat_map(|n| notes(&s, &id(n))).collect();
    assert_eq!(all.len(), 1600);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 1600, "every write exactly once");
    let audit = std::fs::read_to_string(dir.path().join("audit.log")).expect("audit");
    assert_eq!(audit.lines().count(), 1610, "one audit line per write, plus the ten creations");
}

/// Runs `script` in a private mount namespace with a 64 KiB file system at `dir`, when this
/// machine allows it (root, or user namespaces); None otherwise.
fn in_tiny_filesystem(dir: &Path, script: &str) -> Option<std::process::Output> {
    let probe = Command::new("unshare").args(["--mount", "--propagation", "private", "true"]).output().ok()?;
    if !probe.status.success() {
        return None;
    }
    let full = format!("mount -t tmpfs -o size=64k tmpfs '{}' && {script}", dir.display());
    Command::new("unshare").args(["--mount", "--propagation", "private", "sh", "-c", &full]).output().ok()
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_old_file_stays_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("cordwatch");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    let cw = |args: &str| format!("CORDWATCH_CONFIG=/dev/null '{}' --data '{}' {args}", bin.display(), data.display());
    // Create a case, fill the file system, then try to record on it; report what is on disk.
    let script = format!(
        "{init} >/dev/null && {new} >/dev/null && before=$(cat '{case}') && \
         (dd if=/dev/zero of='{data}/filler' bs=1k count=1000 2>/dev/null; true) && \
         {record}; code=$?; \
         after=$(cat '{case}'); \
         [ \"$before\" = \"$after\" ] && echo SAME || echo CHANGED; \
         ls -a '{data}/cases'; exit $code",
        init = cw("init"),
        new = cw("new --id D1 --name 'Disk Full'"),
        record = cw("record exam D1 --motor weakness --note 'a long enough note to need room on the disk'"),
        case = data.join("cases/D1.yaml").display(),
        data = data.display(),
    );
    let (out, mechanism) = match in_tiny_filesystem(&data, &script) {
        Some(out) => (out, "a full 64 KiB tmpfs (ENOSPC)"),
        None => {
            // No mount namespaces here: a file-size limit makes the same write fail (EFBIG).
            let limited = format!(
                "{init} >/dev/null && {new} >/dev/null && before=$(cat '{case}') && ulimit -f 0 && {record}; code=$?; \
                 after=$(cat '{case}'); [ \"$before\" = \"$after\" ] && echo SAME || echo CHANGED; ls -a '{data}/cases'; exit $code",
                init = cw("init"),
                new = cw("new --id D1 --name 'Disk Full'"),
                record = cw("record exam D1 --motor weakness"),
                case = data.join("cases/D1.yaml").display(),
                data = data.display(),
            );
            (Command::new("sh").args(["-c", &limited]).output().expect("sh"), "a file-size limit (EFBIG)")
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{mechanism}: {stdout}{stderr}");
    assert!(stderr.contains("could not write") && stderr.contains("cases/D1.yaml"), "{mechanism}: {stderr}");
    assert!(stderr.contains("No space left on device") || stderr.contains("File too large"), "{stderr}");
    assert!(stdout.contains("SAME"), "the old file is intact ({mechanism}): {stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with(".D1.yaml")), "no temporary file is left: {stdout}");
}

/// Child mode for the dashboard under a file-size limit: a form whose save fails stays open with
/// what was typed and the reason.
fn dashboard_child() {
    let Ok(dir) = std::env::var("CW_FULL_DIR") else { return };
    use cordwatch::tui::app::{App, Modal};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = common::app(common::context(Some(Path::new(&dir))), true);
    // From here on no file may grow past 16 bytes: every write of a case fails.
    // SAFETY: plain resource-limit and signal calls on this process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit { rlim_cur: 16, rlim_max: libc::RLIM_INFINITY };
        libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
    }
    let key = |app: &mut App, c: KeyCode| app.handle_key(KeyEvent::new(c, KeyModifiers::NONE));
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Char('w'));
    key(&mut app, KeyCode::Enter);
    match &app.modal {
        Some(Modal::Form(f)) => {
            let error = f.error.clone().unwrap_or_default();
            assert!(error.contains("could not write"), "{error}");
            assert!(f.is_dirty(), "what was typed is kept");
        }
        other => panic!("the form should stay open: {other:?}"),
    }
    println!("KEPT");
    std::process::exit(0);
}

#[test]
fn when_a_write_fails_the_dashboard_keeps_what_was_typed() {
    dashboard_child();
    let dir = tempfile::tempdir().expect("tempdir");
    seed(dir.path(), 1);
    std::fs::write(dir.path().join("config.yaml"), "# defaults\n").expect("config");
    let before = std::fs::read_to_string(dir.path().join("cases/F0000.yaml")).expect("case");
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["when_a_write_fails_the_dashboard_keeps_what_was_typed", "--exact", "--nocapture", "--test-threads=1"])
        .env("CW_FULL_DIR", dir.path())
        .output()
        .expect("child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("KEPT"), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("cases/F0000.yaml")).expect("case"), before);
}
