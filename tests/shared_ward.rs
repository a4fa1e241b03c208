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

#[test]
fn a_colleague_without_shared_group_in_her_settings_keeps_the_ward_shared() {
    if !can_switch_users() {
        println!("skipped: needs root, setpriv and a `{GROUP}` group ({GID}) to run as two users");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let shared = dir.path().join("shared.yaml");
    std::fs::write(&shared, format!("shared_group: {GROUP}\n")).expect("config");
    // Her own settings, which never mention the shared group.
    let own = dir.path().join("own.yaml");
    std::fs::write(&own, "# my settings\n").expect("config");
    for c in [&shared, &own] {
        std::fs::set_permissions(c, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let data = dir.path().join("ward");
    let d = data.to_str().expect("path");
    let init = Command::new(assert_cmd::cargo::cargo_bin("cordwatch"))
        .env("CORDWATCH_CONFIG", &shared)
        .args(["init", d, "--group", GROUP])
        .output()
        .expect("init");
    ok(&init);
    ok(&as_user(1201, "077", &shared, &["--data", d, "new", "--id", "W2", "--name", "Team Patient"]));
    ok(&as_user(1202, "077", &own, &["--data", d, "record", "review", "W2", "--note", "by her own settings"]));
    ok(&as_user(1202, "077", &own, &["--data", d, "new", "--id", "W3", "--name", "Her New Patient"]));
    for f in ["cases/W2.yaml", "cases/W3.yaml", "locks/W3.lock"] {
        let meta = std::fs::metadata(data.join(f)).expect(f);
        assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, GID), "{f} stays the team's");
    }
    // Her colleague can read and write after her.
    ok(&as_user(1201, "077", &shared, &["--data", d, "record", "review", "W3", "--note", "read it"]));
    let show = ok(&as_user(1201, "077", &shared, &["--data", d, "show", "W2"]));
    assert!(show.contains("by her own settings"), "{show}");

    // A file only its owner can fix is said so, naming the owner, not with a chmod nobody else can run.
    std::fs::set_permissions(data.join("cases/W3.yaml"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::chown(data.join("cases/W3.yaml"), Some(1202), None).expect("chown");
    let out = as_user(1201, "077", &shared, &["--data", d, "validate"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("W3.yaml") && text.contains("only its owner"), "{text}");
}

#[test]
fn a_ward_folder_set_up_for_sharing_is_written_shared_whatever_the_settings() {
    use cordwatch::model::{Case, CaseId, Text};
    use cordwatch::store::{Store, StoreOptions};
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("ward");
    Store::init(&data, StoreOptions::default(), None).expect("init");
    for sub in ["", "cases", "locks", "journal", "archive", "conflicts"] {
        std::fs::set_permissions(data.join(sub), std::fs::Permissions::from_mode(0o2770)).expect("share");
    }
    // Opened with private settings, as by a colleague whose config has no shared_group.
    let s = Store::open(&data, StoreOptions::default()).expect("open");
    let id: CaseId = "S1".parse().expect("id");
    s.create(&Case::new(id.clone(), Text::from("Shared By The Folder"))).expect("create");
    let mode = |f: &str| std::fs::metadata(data.join(f)).expect(f).mode() & 0o777;
    assert_eq!(mode("cases/S1.yaml"), 0o660);
    assert_eq!(mode("locks/S1.lock"), 0o660);
    // A mode given to a file by hand is kept, never narrowed by a write.
    std::fs::set_permissions(data.join("cases/S1.yaml"), std::fs::Permissions::from_mode(0o664)).expect("chmod");
    s.discharge(&id, cordwatch::model::Date::parse("2026-11-23").expect("date")).expect("discharge");
    assert_eq!(mode("archive/S1.yaml"), 0o664);
}
