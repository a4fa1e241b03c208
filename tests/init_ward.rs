//! `cordwatch init` on real systems: a group known only to the name service (as from LDAP or
//! SSSD), a colleague running it on a ward someone else made, a group one is not in, and a
//! read-only file system. Parts need root (mount namespaces, other users) and say when skipped.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("cordwatch")
}

fn root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn namespaces() -> bool {
    Command::new("unshare")
        .args(["--mount", "--propagation", "private", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `script` in a private mount namespace (changes to mounts are seen only there).
fn in_namespace(script: &str) -> Output {
    Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", script])
        .env("CORDWATCH_CONFIG", "/dev/null")
        .env_remove("CORDWATCH_DATA")
        .output()
        .expect("unshare")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_group_known_only_to_the_name_service_is_found() {
    if !namespaces() {
        println!("skipped: needs mount namespaces (root)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    // /etc/group without `nogroup`, which glibc's systemd module still answers for (as SSSD or
    // LDAP would answer for a hospital's groups): getent finds it, /etc/group does not have it.
    let groups = std::fs::read_to_string("/etc/group").expect("/etc/group");
    let without: String = groups.lines().filter(|l| !l.starts_with("nogroup:")).map(|l| format!("{l}\n")).collect();
    let file = dir.path().join("group");
    std::fs::write(&file, without).expect("group file");
    let ward = dir.path().join("ward");
    let script = format!(
        "mount --bind '{}' /etc/group && getent group nogroup >/dev/null || exit 77; \
         grep -q '^nogroup:' /etc/group && exit 77; exec '{}' init '{}' --group nogroup",
        file.display(),
        bin().display(),
        ward.display()
    );
    let out = in_namespace(&script);
    if out.status.code() == Some(77) {
        println!("skipped: no name service here answers for a group missing from /etc/group");
        return;
    }
    assert!(out.status.success(), "{}", text(&out));
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&ward).expect("ward").gid(), 65534);
}

#[test]
fn init_on_a_read_only_file_system_is_not_ready() {
    if !namespaces() {
        println!("skipped: needs mount namespaces (root)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mount = dir.path().join("mnt");
    std::fs::create_dir(&mount).expect("mount point");
    let b = bin();
    let script = format!(
        "mount -t tmpfs tmpfs '{m}' && '{b}' init '{m}/ward' >/dev/null && mount -o remount,ro '{m}' && exec '{b}' init '{m}/ward'",
        m = mount.display(),
        b = b.display()
    );
    let out = in_namespace(&script);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("cannot write it") && !text(&out).contains("ready"), "{}", text(&out));
}

const GROUP: &str = "users";
const GID: u32 = 100;

fn can_switch_users() -> bool {
    root()
        && std::fs::read_to_string("/etc/group")
            .is_ok_and(|g| g.lines().any(|l| l.starts_with(&format!("{GROUP}:x:{GID}:"))))
        && Command::new("setpriv")
            .args(["--reuid=1301", "--regid=100", "--clear-groups", "true"])
            .output()
            .is_ok_and(|o| o.status.success())
}

fn as_user(uid: u32, args: &[&str], cwd: &Path) -> Output {
    Command::new("setpriv")
        .args([format!("--reuid={uid}"), format!("--regid={GID}"), "--clear-groups".into()])
        .arg(bin())
        .args(args)
        .current_dir(cwd)
        .env("CORDWATCH_CONFIG", "/dev/null")
        .env_remove("CORDWATCH_DATA")
        .output()
        .expect("setpriv")
}

#[test]
fn a_colleague_can_run_init_on_a_shared_ward_and_a_group_one_is_not_in_makes_nothing() {
    if !can_switch_users() {
        println!("skipped: needs root, setpriv and a `{GROUP}` group ({GID})");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let ward = dir.path().join("ward");
    let w = ward.to_str().expect("path");
    let made = Command::new(bin()).env("CORDWATCH_CONFIG", "/dev/null").args(["init", w, "--group", GROUP]).output();
    assert!(made.as_ref().is_ok_and(|o| o.status.success()), "{made:?}");
    // Not the folders' owner, but in the group, and nothing needs changing.
    let again = as_user(1301, &["init", w, "--group", GROUP], dir.path());
    assert!(again.status.success(), "{}", text(&again));
    // A group this user is not in: refused before anything is made.
    let other = dir.path().join("other");
    let out = as_user(1301, &["init", other.to_str().expect("path"), "--group", "root"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not in the group `root`"), "{}", text(&out));
    assert!(!other.exists(), "nothing half made");
}
