//! Creating and opening the store's own files (locks, the audit log, conflict copies) safely in a
//! folder other people can write.
//!
//! Every file gets exactly the store's mode when it is created, whatever the umask: under umask
//! 077 a lock file made `0600` by one clinician would lock every colleague out of recording. A
//! symlink is never followed (`O_NOFOLLOW`): a link planted as `audit.log` would otherwise make
//! the program append to, or create, a file of the planter's choosing. Only regular files are
//! used, and opening never blocks (a FIFO planted as a lock file would hang the writer).

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

const FLAGS: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY;

/// How an existing file is opened.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    /// Read and write, never truncated (lock files).
    Write,
    /// Appending, and reading what is there (the audit log, to see how it ends).
    Append,
}

fn options(access: Access) -> OpenOptions {
    let mut o = OpenOptions::new();
    match access {
        Access::Write => o.read(true).write(true),
        Access::Append => o.read(true).append(true),
    };
    o.custom_flags(FLAGS);
    o
}

/// Opens `path`, creating it with exactly `mode` if it does not exist. Refuses a symlink and
/// anything but a regular file.
pub fn open_or_create(path: &Path, mode: u32, access: Access) -> io::Result<File> {
    loop {
        match options(access).create_new(true).mode(mode).open(path) {
            Ok(file) => {
                // The umask narrowed the mode given to open; set it exactly now.
                file.set_permissions(std::fs::Permissions::from_mode(mode))?;
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(explain(path, e)),
        }
        match options(access).open(path) {
            Ok(file) => return checked(path, file),
            // Removed between the two opens: try creating it again.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(explain(path, e)),
        }
    }
}

/// Creates `path` exclusively with exactly `mode`; fails if anything (a symlink included) is there.
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let file = OpenOptions::new().write(true).create_new(true).mode(mode).custom_flags(FLAGS).open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    Ok(file)
}

fn checked(path: &Path, file: File) -> io::Result<File> {
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file; remove it so it can be made again", path.display()),
        ));
    }
    if meta.nlink() > 1 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} has other names (a hard link); remove it so it can be made again", path.display()),
        ));
    }
    Ok(file)
}

/// `O_NOFOLLOW` on a symlink fails with ELOOP, which reads as "too many levels of symbolic links":
/// say what it means here.
fn explain(path: &Path, e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is a symbolic link, which is never followed; remove it", path.display()),
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_is_exact_whatever_the_umask_and_symlinks_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        // SAFETY: umask only changes this process's file-creation mask.
        let old = unsafe { libc::umask(0o077) };
        let made = open_or_create(&dir.path().join("a.lock"), 0o660, Access::Write);
        unsafe { libc::umask(old) };
        let mode = made.expect("created").metadata().expect("meta").mode() & 0o777;
        assert_eq!(mode, 0o660);
        let target = dir.path().join("target");
        std::fs::write(&target, "precious").expect("target");
        let link = dir.path().join("audit.log");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        let err = open_or_create(&link, 0o600, Access::Append).expect_err("a symlink is refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(create_new(&link, 0o600).is_err());
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "precious");
    }
}
