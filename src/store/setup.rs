//! Opening a data directory, and making a new one.
//!
//! Opening never creates the data directory or its cases folder: `--data /wrong triage` must fail
//! naming the path, not show an empty ward as an all-clear. `cordwatch init` is the one way a data
//! directory comes into being (the demo ward and generated populations use it too).

use std::fs;
use std::io;
use std::path::Path;

use super::cache::ParseCache;
use super::permissions::{Permissions, group_id};
use super::{ARCHIVE, CASES, CONFLICTS, LOCKS, Store, StoreError, StoreOptions, audit};

pub(super) fn open(root: &Path, options: StoreOptions) -> Result<Store, StoreError> {
    let user = audit::os_user();
    let dir = root.display().to_string();
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::NoDataDir { dir, set_by: String::new() });
        }
        Err(e) => return Err(StoreError::io("open the data directory", root)(e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(StoreError::DataDirIsAFile { dir });
        }
        Ok(_) => {}
    }
    let cases = root.join(CASES);
    if !cases.is_dir() {
        return Err(StoreError::NotDataDir { dir, set_by: String::new() });
    }
    let mut read_only = false;
    let options_permissions =
        if super::permissions::is_shared_dir(root) { Permissions::shared() } else { options.permissions };
    // The archive is not made here: a missing archive must stay missing, so the audit can say
    // that no discharged patient was counted (a folder not mounted is not an empty one). The
    // first discharge makes it.
    for sub in [LOCKS, super::journal::DIR] {
        let path = root.join(sub);
        if !path.exists() && options_permissions.create_dir(&path).is_err() {
            read_only = true;
        }
    }
    // An unnamed temporary file proves we can write without leaving anything behind.
    if tempfile::tempfile_in(&cases).is_err() || tempfile::tempfile_in(root.join(LOCKS)).is_err() {
        read_only = true;
    }
    let permissions = if super::permissions::is_shared_dir(root) || super::permissions::is_shared_dir(&cases) {
        Permissions::shared()
    } else {
        options.permissions
    };
    let case_wait = options.lock_timeout;
    // The cache is opened here, once, so every read through this store (and its clones) shares it.
    let cache = options.cache_dir.as_deref().and_then(|dir| ParseCache::open(dir, root)).map(std::sync::Arc::new);
    Ok(Store { root: root.to_path_buf(), options, permissions, case_wait, read_only, user, cache })
}

pub(super) fn init(root: &Path, options: StoreOptions, group: Option<&str>) -> Result<Store, StoreError> {
    let gid = match group {
        Some(name) => Some(group_id(name).ok_or_else(|| {
            StoreError::CannotInit(format!(
                "`{name}` is not a group on this machine (`getent group {name}` finds nothing); give an existing group; nothing was made"
            ))
        })?),
        None => None,
    };
    // Before anything is made: folders given to a group one is not in could not be given to it,
    // and would be left half made.
    if let (Some(name), Some(gid)) = (group, gid)
        && !super::permissions::in_group(gid)
    {
        let user = audit::os_user();
        return Err(StoreError::CannotInit(format!(
            "{user} is not in the group `{name}`, so folders cannot be given to it; nothing was made. \
             Ask an administrator to add you (usermod -aG {name} {user}), log in again, then run this again"
        )));
    }
    let permissions = if group.is_some() { Permissions::shared() } else { options.permissions };
    let dir = root.display().to_string();
    match fs::symlink_metadata(root) {
        Ok(meta) if !meta.is_dir() && !root.is_dir() => {
            return Err(StoreError::CannotInit(format!("{dir} exists and is not a directory; choose another path")));
        }
        Ok(_) => {
            let empty = fs::read_dir(root).map_err(StoreError::io("read", root))?.next().is_none();
            if !empty && !root.join(CASES).is_dir() {
                return Err(StoreError::CannotInit(format!(
                    "{dir} is not empty and is not a cordwatch data directory; choose a new or empty directory"
                )));
            }
        }
        Err(_) => permissions.create_dir(root).map_err(StoreError::io("create the data directory", root))?,
    }
    for sub in [CASES, ARCHIVE, LOCKS, CONFLICTS, super::journal::DIR] {
        let path = root.join(sub);
        if !path.exists() {
            permissions.create_dir(&path).map_err(StoreError::io("create", &path))?;
        }
    }
    if let (Some(name), Some(gid)) = (group, gid) {
        // Only what is not right yet is changed, so anyone in the group can run this on a ward
        // someone else made; what could not be changed is said, each with who can do it.
        let mut not_done = Vec::new();
        for sub in ["", CASES, ARCHIVE, LOCKS, CONFLICTS, super::journal::DIR] {
            let path = root.join(sub);
            if let Err(e) = share(&path, gid, permissions.dir_mode) {
                let meta = fs::metadata(&path).ok();
                let fix = format!("chgrp {name} {p} && chmod 2770 {p}", p = path.display());
                let who =
                    meta.map(|m| super::permissions::who_can_fix(&m, &fix)).unwrap_or_else(|| format!("run: {fix}"));
                not_done.push(format!("{}: {e}; {who}", path.display()));
            }
        }
        if !not_done.is_empty() {
            return Err(StoreError::CannotInit(format!(
                "{dir} could not all be given to group {name}:\n{}",
                not_done.join("\n")
            )));
        }
    }
    // The case file's schema beside the cases, for editors (the modeline in new files names it);
    // written once the folder has its group, so a shared ward's copy is the group's too. It is
    // generated, never edited by hand: one left by an older version is brought up to date, or an
    // editor would underline the fields added since.
    let schema = root.join(crate::model::schema::SCHEMA_FILE);
    if !super::schema_is_current(root) {
        super::atomic::write(&schema, crate::model::schema::case_schema_json().as_bytes(), permissions.file_mode)
            .map_err(StoreError::io("write", &schema))?;
    }
    open(root, StoreOptions { permissions, ..options })
}

/// Gives a folder to the group and sets its mode, each only if it is not so already. The group
/// first: changing it can clear the setgid bit.
fn share(path: &Path, gid: u32, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = fs::metadata(path)?;
    if meta.gid() != gid {
        std::os::unix::fs::chown(path, None, Some(gid))?;
    }
    if fs::metadata(path)?.mode() & 0o7777 != mode {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}
