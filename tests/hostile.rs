//! Hostile and mistaken data directories: files that are not files, paths that are not the ward,
//! and names chosen to collide with the store's own files. None may hang a command, hide a
//! patient, or give an all-clear.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cordwatch::model::event::Event;
use cordwatch::model::{CaseId, Review, Stamp, Text};
use cordwatch::store::{Store, StoreOptions};

const NOW: &str = "2026-11-23 09:00";

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("cordwatch")
}

/// Runs cordwatch with a config of defaults; kills it and fails the test if it takes over 10 s.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let config = dir.join("config.yaml");
    if !config.exists() {
        std::fs::write(&config, "# defaults\n").expect("config");
    }
    let mut child = Command::new(bin())
        .env("CORDWATCH_CONFIG", &config)
        .env_remove("CORDWATCH_DATA")
        .args(["--now", NOW])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
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
            panic!("cordwatch {args:?} hung for 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    let mut err = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("stdout");
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("stderr");
    (status.code().unwrap_or(-1), out, err)
}

fn ward(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let (code, out, err) = run(dir, &["init", data.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}{err}");
    data
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_socket_or_device_in_the_cases_folder_is_listed_unreadable_and_blocks_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let d = data.to_str().expect("path");
    assert_eq!(run(dir.path(), &["--data", d, "new", "--id", "OK1", "--name", "Real Patient"]).0, 0);
    mkfifo(&data.join("cases/F1.yaml"));
    mkfifo(&dir.path().join("elsewhere"));
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), data.join("cases/F2.yaml")).expect("symlink");
    let _socket = std::os::unix::net::UnixListener::bind(data.join("cases/S1.yaml")).expect("socket");
    std::os::unix::fs::symlink("/dev/zero", data.join("cases/Z1.yaml")).expect("symlink");
    for command in [&["triage"][..], &["list"], &["validate"], &["checklist"]] {
        let mut args = vec!["--data", d];
        args.extend_from_slice(command);
        let (code, out, err) = run(dir.path(), &args);
        if matches!(command[0], "triage" | "validate") {
            assert_ne!(code, 0, "{command:?} must not report an all-clear:\n{out}{err}");
        }
        if command[0] != "checklist" {
            for id in ["F1", "F2", "S1", "Z1"] {
                assert!(out.contains(id), "{command:?} hides {id}:\n{out}");
            }
        }
    }
    let (_, out, _) = run(dir.path(), &["--data", d, "validate"]);
    assert!(out.contains("named pipe") && out.contains("socket") && out.contains("device"), "{out}");
    let (_, out, _) = run(dir.path(), &["--data", d, "list"]);
    assert!(out.contains("Real Patient") && out.contains("UNREADABLE"), "{out}");
}

#[test]
fn a_mistyped_data_directory_is_an_error_never_an_all_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wrong = dir.path().join("wrnog");
    for command in ["triage", "list", "checklist", "validate"] {
        let (code, out, err) = run(dir.path(), &["--data", wrong.to_str().expect("path"), command]);
        assert_eq!(code, 2, "{command}: {out}{err}");
        assert!(err.contains(wrong.to_str().expect("path")) && err.contains("--data"), "{err}");
        assert!(err.contains("cordwatch init"), "says how to make one: {err}");
        assert!(!out.contains("No open"), "{out}");
        assert!(!wrong.exists(), "{command} created the mistyped directory");
    }
    // An existing folder that is not a ward (a home directory, say) is refused and left alone.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let mut cmd = Command::new(bin());
    cmd.env("CORDWATCH_CONFIG", "/dev/null").env("CORDWATCH_DATA", &home).arg("triage");
    let out = cmd.output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a cordwatch data directory") && err.contains("CORDWATCH_DATA"), "{err}");
    assert!(!home.join("cases").exists());
    // Writing commands do not create one either: the patient would be out of everyone's sight.
    let (code, _, _) = run(dir.path(), &["--data", wrong.to_str().expect("path"), "new", "--id", "N1", "--name", "N"]);
    assert_eq!(code, 2);
    assert!(!wrong.exists());
}

#[test]
fn init_makes_a_ward_and_every_report_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let d = data.to_str().expect("path");
    for sub in ["cases", "archive", "locks", "conflicts"] {
        assert!(data.join(sub).is_dir(), "{sub}");
    }
    for command in ["triage", "list", "checklist"] {
        let (code, out, err) = run(dir.path(), &["--data", d, command]);
        assert_eq!(code, 0, "{command}: {out}{err}");
        let header: String = out.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(header.contains(&format!("data: {d} (--data)")), "{command} header:\n{header}");
    }
    // Again on the same ward is harmless; on a folder with other things in it, refused.
    assert_eq!(run(dir.path(), &["init", d]).0, 0);
    let busy = dir.path().join("busy");
    std::fs::create_dir(&busy).expect("busy");
    std::fs::write(busy.join("notes.txt"), "x").expect("note");
    assert_eq!(run(dir.path(), &["init", busy.to_str().expect("path")]).0, 2);
    // The demo ward and generated populations make their own directories.
    assert_eq!(run(dir.path(), &["--demo", "list"]).0, 0);
    let out = dir.path().join("generated");
    let (code, _, err) = run(dir.path(), &["demo", "--generate", "3", "--out", out.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
}

/// A store in `dir/data` that waits at most 2 s for a lock: a writer blocked by its own lock
/// fails with Busy instead of hanging.
fn store(dir: &Path) -> Store {
    let options = StoreOptions { lock_timeout: Duration::from_secs(2), ..Default::default() };
    Store::init(&dir.join("data"), options, None).expect("store")
}

fn review(note: &str) -> Event {
    let at = Stamp::parse("2026-11-23 08:00").expect("stamp");
    Event::Review(Review { at, by: None, role: None, note: Some(Text::new(note)), struck: None })
}

fn id(s: &str) -> CaseId {
    s.parse().expect("id")
}

mod store_files {
    use super::*;
    use cordwatch::model::{Case, CaseId, Text};

    #[test]
    fn a_case_named_audit_or_like_any_internal_file_records_without_deadlock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        for name in ["audit", "journal", "_audit", "audit.log"] {
            let Ok(case_id) = name.parse::<CaseId>() else { continue };
            s.create(&Case::new(case_id.clone(), Text::from("Named Like A File"))).expect("create");
            // Waiting on its own lock would end in Busy after the store's 2 s lock timeout.
            let written = s.record(&case_id, &review("seen")).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(written.warning.is_none(), "{name}: {:?}", written.warning);
        }
        let audit = std::fs::read_to_string(dir.path().join("data/audit.log")).expect("audit");
        assert!(audit.lines().any(|l| l.contains("\taudit\t")), "{audit}");
    }

    #[test]
    fn the_audit_log_and_lock_files_never_follow_a_symlink() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        s.create(&Case::new(id("X1"), Text::from("Linked"))).expect("create");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "not yours\n").expect("victim");
        let audit = dir.path().join("data/audit.log");
        std::fs::remove_file(&audit).expect("rm audit");
        std::os::unix::fs::symlink(&victim, &audit).expect("link audit");
        let written = s.record(&id("X1"), &review("a")).expect("the record still lands");
        let warning = written.warning.expect("the audit failure is reported");
        assert!(warning.contains("symbolic link"), "{warning}");
        let lock = dir.path().join("data/locks/X1.lock");
        std::fs::remove_file(&lock).expect("rm lock");
        std::os::unix::fs::symlink(&victim, &lock).expect("link lock");
        let err = s.record(&id("X1"), &review("b")).expect_err("a linked lock is refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        // A dangling link must not create its target either.
        let planted = dir.path().join("created-by-link");
        std::fs::remove_file(&lock).expect("rm lock");
        std::os::unix::fs::symlink(&planted, &lock).expect("dangling");
        assert!(s.record(&id("X1"), &review("c")).is_err());
        assert!(!planted.exists(), "a dangling link created its target");
        assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "not yours\n");
    }

    #[test]
    fn conflict_copies_made_in_the_same_second_are_all_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let kept: Vec<String> =
            (0..5).map(|n| s.keep_rejected(&id("C1"), &format!("edit {n}\n")).expect("kept")).collect();
        for (n, name) in kept.iter().enumerate() {
            let text = std::fs::read_to_string(dir.path().join("data").join(name)).expect("copy");
            assert_eq!(text, format!("edit {n}\n"), "{name} was overwritten");
        }
        let distinct: std::collections::BTreeSet<&String> = kept.iter().collect();
        assert_eq!(distinct.len(), 5, "{kept:?}");
    }

    #[test]
    fn temporary_files_left_by_killed_writers_are_reported_and_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        s.create(&Case::new(id("T1"), Text::from("Temp"))).expect("create");
        let cases = dir.path().join("data/cases");
        std::fs::write(cases.join(".T1.yaml.a1B2c3"), "id: T1\nname: a copy\n").expect("stale");
        std::fs::write(cases.join(".T2.yaml.zzzzzz"), "id: T2\nname: another\n").expect("stale");
        assert_eq!(s.stale_temp_files(), vec!["cases/.T1.yaml.a1B2c3", "cases/.T2.yaml.zzzzzz"]);
        let d = dir.path().join("data");
        let (_, out, _) = run(dir.path(), &["--data", d.to_str().expect("path"), "validate"]);
        assert!(out.contains(".T1.yaml.a1B2c3") && out.contains("temporary file"), "{out}");
        s.record(&id("T1"), &review("x")).expect("record");
        assert_eq!(s.stale_temp_files(), vec!["cases/.T2.yaml.zzzzzz"], "only this case's are cleared");
    }

    #[test]
    fn files_the_store_creates_have_their_mode_whatever_the_umask() {
        if !std::fs::read_to_string("/etc/group").is_ok_and(|g| g.lines().any(|l| l.starts_with("users:"))) {
            println!("skipped: needs a `users` group");
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("shared.yaml");
        std::fs::write(&config, "shared_group: users\n").expect("config");
        let data = dir.path().join("data");
        let b = bin();
        let cw = |args: &str| format!("'{}' --data '{}' {args}", b.display(), data.display());
        let script = format!(
            "{} && umask 077 && {} && {} && {}",
            cw("init --group users"),
            cw("new --id M1 --name Mode"),
            cw("record review M1 --note x"),
            cw("discharge M1")
        );
        let out = Command::new("sh").args(["-c", &script]).env("CORDWATCH_CONFIG", &config).output().expect("sh");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        use std::os::unix::fs::MetadataExt;
        // Shared: exactly 0660 however the umask narrowed it, so a colleague can write after us.
        for f in ["audit.log", "locks/M1.lock", "locks/_audit.lock", "archive/M1.yaml"] {
            assert_eq!(std::fs::metadata(data.join(f)).expect(f).mode() & 0o777, 0o660, "{f}");
        }
    }
}

mod journal {
    use super::*;
    use cordwatch::model::{Case, Date, Text};

    fn audit_lines(dir: &Path) -> Vec<String> {
        std::fs::read_to_string(dir.join("data/audit.log")).unwrap_or_default().lines().map(String::from).collect()
    }

    #[test]
    fn a_write_whose_audit_line_could_not_be_appended_gets_it_at_the_next_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        s.create(&Case::new(id("J1"), Text::from("Journal"))).expect("create");
        let audit = dir.path().join("data/audit.log");
        std::fs::remove_file(&audit).expect("rm");
        std::fs::create_dir(&audit).expect("audit.log cannot be appended to");
        let written = s.record(&id("J1"), &review("landed")).expect("the write lands");
        assert!(written.warning.is_some_and(|w| w.contains("journal")));
        assert_eq!(s.pending_audit().len(), 1, "the line is kept");
        std::fs::remove_dir(&audit).expect("fixed");
        s.record(&id("J1"), &review("next")).expect("next write");
        let lines = audit_lines(dir.path());
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].contains("\treview\t") && lines[0].contains("recovered from the journal"), "{lines:?}");
        assert!(s.pending_audit().is_empty());
    }

    #[test]
    fn a_discharge_that_fails_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        s.create(&Case::new(id("D1"), Text::from("Going Home"))).expect("create");
        let before = std::fs::read_to_string(dir.path().join("data/cases/D1.yaml")).expect("case");
        let archive = dir.path().join("data/archive");
        std::fs::remove_dir(&archive).expect("rm archive");
        std::fs::write(&archive, "in the way").expect("archive cannot be written");
        let date = Date::parse("2026-11-23").expect("date");
        assert!(s.discharge(&id("D1"), date).is_err());
        let after = std::fs::read_to_string(dir.path().join("data/cases/D1.yaml")).expect("still on the ward");
        assert_eq!(after, before, "not marked discharged");
        assert_eq!(audit_lines(dir.path()).len(), 1, "only the creation is audited");
        assert!(s.pending_audit().is_empty());
        std::fs::remove_file(&archive).expect("rm");
        std::fs::create_dir(&archive).expect("archive");
        s.discharge(&id("D1"), date).expect("discharge");
        assert!(!dir.path().join("data/cases/D1.yaml").exists() && archive.join("D1.yaml").exists());
        assert_eq!(audit_lines(dir.path()).len(), 2);
    }
}

#[test]
fn the_audit_log_names_the_account_from_the_system_not_from_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let out = Command::new(bin())
        .env("CORDWATCH_CONFIG", "/dev/null")
        .env("USER", "dr-spoofed")
        .env("LOGNAME", "dr-spoofed")
        .arg("--data")
        .arg(&data)
        .args(["new", "--id", "U1", "--name", "Who Wrote This"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let audit = std::fs::read_to_string(data.join("audit.log")).expect("audit");
    let user = audit.lines().next().and_then(|l| l.split('\t').nth(1)).expect("user field").to_string();
    assert_ne!(user, "dr-spoofed");
    // SAFETY: geteuid has no preconditions.
    let uid = unsafe { libc::geteuid() };
    let expected = if uid == 0 { "root".to_string() } else { user.clone() };
    assert_eq!(user, expected);
}

#[test]
fn a_config_or_guidelines_file_that_is_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let out = Command::new(bin())
        .env("CORDWATCH_CONFIG", "/dev/zero")
        .arg("--data")
        .arg(&data)
        .arg("list")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("rules");
    for (name, text) in cordwatch::guidelines::Guidelines::built_in_files() {
        std::fs::write(rules.join(name), text).expect("copy");
    }
    let first = cordwatch::guidelines::FILES[0];
    std::fs::remove_file(rules.join(first)).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", rules.join(first)).expect("link");
    let config = dir.path().join("rules.yaml");
    std::fs::write(&config, format!("guidelines_dir: {}\n", rules.display())).expect("config");
    let out = Command::new(bin())
        .env("CORDWATCH_CONFIG", &config)
        .arg("--data")
        .arg(&data)
        .arg("list")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(first) && err.contains("not a regular file"), "{err}");
}

#[test]
fn output_that_cannot_be_written_is_exit_2_and_a_closed_pipe_is_quiet() {
    if !Path::new("/dev/full").exists() {
        println!("skipped: no /dev/full");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out = Command::new(bin())
        .env("CORDWATCH_CONFIG", "/dev/null")
        .args(["--demo", "--now", NOW, "list"])
        .current_dir(dir.path())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not write the output"));
    let script = format!("'{}' --demo --now '{NOW}' list | head -c 10 >/dev/null", bin().display());
    let out = Command::new("sh")
        .args(["-c", &script])
        .env("CORDWATCH_CONFIG", "/dev/null")
        .current_dir(dir.path())
        .output()
        .expect("sh");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_error_quotes_a_short_excerpt_never_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    // A scalar of nearly 1 MiB where a list belongs, over many lines.
    let big = "a long line of text that goes on\n  ".repeat(28_000);
    std::fs::write(data.join("cases/BIG1.yaml"), format!("id: BIG1\nname: Big Scalar\nexams: \"{big}\"\n"))
        .expect("big");
    // A link to another file of many lines (as a link to /etc/passwd would be).
    let secret = dir.path().join("secret.txt");
    let lines: String = (1..=500).map(|n| format!("secret line {n}: k{n}:x:{n}:{n}::/home/k{n}:/bin/sh\n")).collect();
    std::fs::write(&secret, lines).expect("secret");
    std::os::unix::fs::symlink(&secret, data.join("cases/LINK1.yaml")).expect("symlink");
    for args in [vec!["validate"], vec!["list"], vec!["show", "BIG1"]] {
        let mut full = vec!["--data", data.to_str().expect("path")];
        full.extend(args.iter().copied());
        let (_, out, err) = run(dir.path(), &full);
        let all = format!("{out}{err}");
        assert!(all.len() < 8_000, "{args:?} printed {} bytes:\n{}", all.len(), &all[..2000.min(all.len())]);
        assert!(!all.contains("secret line 3:"), "{args:?} echoed the linked file:\n{all}");
        assert!(all.lines().count() < 80, "{args:?} printed {} lines", all.lines().count());
        if args[0] != "list" {
            assert!(
                all.contains("BIG1") && all.contains("[cut: "),
                "{args:?} names the file and marks the cut:\n{all}"
            );
        }
    }
}
