//! A ward team sharing one data directory: two real users in one group, each with a strict umask,
//! write the same case. Every file the store creates must let the other one write after it.
//! Needs root (to run the program as other users with `setpriv`); says so and passes otherwise.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

const GROUP: &str = "users";
const GID: u32 = 100;

fn can_switch_users() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let group_exists = std::fs::read_to_string("/etc/group")
        .is_ok_and(|g| g.lines().any(|l| l.starts_with(&format!("{GROUP}:x:{GID}:"))));
    let setpriv = Command::new("setpriv")
        .args(["--reuid=1201", &format!("--regid={GID}"), "--clear-groups", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    root && group_exists && setpriv
}

/// Runs cordwatch as `uid` in the shared group with `umask`.
fn as_user(uid: u32, umask: &str, config: &Path, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("cordwatch");
    Command::new("setpriv")
        .args([format!("--reuid={uid}"), format!("--regid={GID}"), "--clear-groups".into()])
        .args(["sh", "-c", &format!("umask {umask}; exec \"$0\" \"$@\"")])
        .arg(bin)
        .env("CORDWATCH_CONFIG", config)
        .env_remove("CORDWATCH_DATA")
        .args(args)
        .output()
        .expect("run as another user")
}

fn ok(out: &Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "failed: {text}");
    text
}

#[test]
fn two_users_with_strict_umasks_share_one_ward() {
    if !can_switch_users() {
        println!("skipped: needs root, setpriv and a `{GROUP}` group ({GID}) to run as two users");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, format!("shared_group: {GROUP}\n")).expect("config");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let data = dir.path().join("ward");
    let d = data.to_str().expect("path");
    let init = Command::new(assert_cmd::cargo::cargo_bin("cordwatch"))
        .env("CORDWATCH_CONFIG", &config)
        .args(["init", d, "--group", GROUP])
        .output()
        .expect("init");
    ok(&init);
    assert_eq!(std::fs::metadata(&data).expect("ward").mode() & 0o7777, 0o2770);

    // Alice creates the case and records on it with umask 077; Bob, then Alice again, record
    // after her with 077 and 022. Each needs the lock, audit and case files the other made.
    ok(&as_user(1201, "077", &config, &["--data", d, "new", "--id", "W1", "--name", "Shared Patient"]));
    ok(&as_user(1201, "077", &config, &["--data", d, "record", "review", "W1", "--note", "alice"]));
    ok(&as_user(1202, "077", &config, &["--data", d, "record", "review", "W1", "--note", "bob"]));
    ok(&as_user(1202, "022", &config, &["--data", d, "record", "review", "W1", "--note", "bob again"]));
    let last = ok(&as_user(1201, "077", &config, &["--data", d, "record", "review", "W1", "--note", "alice again"]));
    assert!(!last.contains("audit log could not be written"), "{last}");

    let audit = std::fs::read_to_string(data.join("audit.log")).expect("audit");
    assert_eq!(audit.lines().count(), 5, "one audit line per write:\n{audit}");
    for path in [data.join("audit.log"), data.join("cases/W1.yaml"), data.join("locks/W1.lock")] {
        let meta = std::fs::metadata(&path).expect("file");
        assert_eq!(meta.mode() & 0o777, 0o660, "{}", path.display());
        assert_eq!(meta.gid(), GID, "{}", path.display());
    }
    let show = ok(&as_user(1202, "077", &config, &["--data", d, "show", "W1"]));
    for note in ["alice", "bob", "bob again", "alice again"] {
        assert!(show.contains(note), "{note} missing:\n{show}");
    }

    // validate checks every file's group and mode in shared mode.
    let validate = |who: u32| as_user(who, "077", &config, &["--data", d, "validate"]);
    assert_eq!(validate(1201).status.code(), Some(0), "{}", ok(&validate(1201)));
    std::fs::set_permissions(data.join("locks/W1.lock"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = validate(1202);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("W1.lock") && text.contains("chmod 660"), "{text}");
}
