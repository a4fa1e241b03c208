//! File and directory modes for the data directory.
//!
//! By default only the owner can read patient data (files 0600, directories 0700). A ward team
//! sharing one directory sets `shared_group`: files become 0660 and directories 2770, the setgid bit
//! making every new file inherit the directory's group (see the README for the one-time setup). A
//! directory already set up that way is recognised by itself ([`is_shared_dir`]), so one user
//! without the setting cannot lock the others out. Groups are looked up through the system's name
//! service, as `getent` and `chgrp` do.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub file_mode: u32,
    pub dir_mode: u32,
}

impl Permissions {
    pub fn private() -> Permissions {
        Permissions { file_mode: 0o600, dir_mode: 0o700 }
    }

    pub fn shared() -> Permissions {
        Permissions { file_mode: 0o660, dir_mode: 0o2770 }
    }

    /// Creates a directory (and its parents) with exactly this mode, whatever the umask.
    pub fn create_dir(&self, path: &Path) -> io::Result<()> {
        DirBuilder::new().recursive(true).mode(self.dir_mode & 0o777).create(path)?;
        fs::set_permissions(path, fs::Permissions::from_mode(self.dir_mode))
    }
}

/// Whether a folder is set up for a team to share: setgid (new files take its group) and
/// writable by the group. A data directory like that is written as shared by everyone, whatever
/// their own settings say.
pub fn is_shared_dir(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_dir() && m.mode() & 0o2000 != 0 && m.mode() & 0o020 != 0)
}

/// The numeric id of a group, looked up through the system's name service (`getgrnam_r`), as
/// `getent group` and `chgrp` do: a group from LDAP, SSSD or Active Directory is found as well
/// as one in /etc/group.
pub fn group_id(name: &str) -> Option<u32> {
    let c = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: group is plain data; getgrnam_r writes into `grp` and `buf` (its length is
        // passed) and sets `result` to null or to `grp`.
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::group = std::ptr::null_mut();
        let rc = unsafe { libc::getgrnam_r(c.as_ptr(), &mut grp, buf.as_mut_ptr().cast(), buf.len(), &mut result) };
        if rc == libc::ERANGE && buf.len() < 1 << 24 {
            // A group with many members: its member list needs more room.
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        return (rc == 0 && !result.is_null()).then_some(grp.gr_gid);
    }
}

/// Whether this process may give files to group `gid`: it is root, or the group is its own or
/// one of its supplementary groups.
pub fn in_group(gid: u32) -> bool {
    // SAFETY: geteuid and getegid have no preconditions.
    if unsafe { libc::geteuid() } == 0 || unsafe { libc::getegid() } == gid {
        return true;
    }
    // SAFETY: with a size of 0 getgroups only counts, writing nothing.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n <= 0 {
        return false;
    }
    let mut groups = vec![0 as libc::gid_t; n as usize];
    // SAFETY: the buffer holds `n` group ids, as passed.
    let got = unsafe { libc::getgroups(n, groups.as_mut_ptr()) };
    got > 0 && groups[..got as usize].contains(&gid)
}

/// Problems with a shared data directory's setup, each with what to run to fix it.
pub fn check_shared(root: &Path, group: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(gid) = group_id(group) else {
        return vec![format!(
            "shared_group `{group}` is not a group on this machine (`getent group {group}` finds nothing)"
        )];
    };
    match fs::metadata(root) {
        Ok(meta) => {
            if meta.gid() != gid {
                problems.push(format!(
                    "{} belongs to group {}, not {group}; run: chgrp -R {group} {}",
                    root.display(),
                    meta.gid(),
                    root.display()
                ));
            }
            if meta.mode() & 0o2000 == 0 {
                problems.push(format!(
                    "{} is not setgid, so new files will not inherit the group; run: chmod 2770 {}",
                    root.display(),
                    root.display()
                ));
            }
        }
        Err(e) => problems.push(format!("{}: {e}", root.display())),
    }
    problems
}

/// How to run `command` on a file: run it, when it is ours (or we are root); else ask its owner
/// (named) or an administrator, since only they can.
pub fn who_can_fix(meta: &fs::Metadata, command: &str) -> String {
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if me == 0 || meta.uid() == me {
        format!("run: {command}")
    } else {
        format!(
            "only its owner, {}, or an administrator can fix it: ask them to run: {command}",
            super::audit::user_name(meta.uid())
        )
    }
}

/// Files and folders in a shared data directory that a colleague in `group` could not write: the
/// wrong group, or no group read and write (a file made under umask 077 by an older version, or
/// copied in by hand). Each with the command that fixes it.
pub fn check_shared_files(root: &Path, group: &str) -> Vec<String> {
    let Some(gid) = group_id(group) else { return Vec::new() };
    let mut problems = Vec::new();
    let mut check = |path: &Path, meta: &fs::Metadata| {
        let (need, fix) = if meta.is_dir() { (0o2070, "2770") } else { (0o060, "660") };
        if meta.gid() != gid {
            problems.push(format!(
                "{} belongs to group {}, not {group}, so colleagues cannot write it; {}",
                path.display(),
                meta.gid(),
                who_can_fix(meta, &format!("chgrp {group} {}", path.display()))
            ));
        } else if meta.mode() & need != need {
            problems.push(format!(
                "{} has mode {:o}, so colleagues in {group} cannot write it; {}",
                path.display(),
                meta.mode() & 0o7777,
                who_can_fix(meta, &format!("chmod {fix} {}", path.display()))
            ));
        }
    };
    let Ok(top) = fs::read_dir(root) else { return problems };
    for entry in top.flatten() {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        check(&path, &meta);
        if meta.is_dir() {
            for inner in fs::read_dir(&path).into_iter().flatten().flatten() {
                if let Ok(meta) = fs::symlink_metadata(inner.path()) {
                    check(&inner.path(), &meta);
                }
            }
        }
    }
    problems.sort();
    problems
}
