//! Reading, removing and moving the store's own files by name inside one of its folders, with
//! the folder opened without following a link and the file never followed either.
//!
//! Settling the journal acts on files named by what is on disk. A folder of the data directory
//! swapped for a link (`cases` -> `/home/alice`), or a case file swapped for one, must never make
//! the program read, remove or move anything outside the data directory.

use std::ffi::CString;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a path"))
}

fn c_name(name: &str) -> io::Result<CString> {
    if name.is_empty() || name.contains('/') || name == "." || name == ".." {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("`{name}` is not a file name")));
    }
    CString::new(name).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a file name"))
}

/// Opens a folder, refusing a link in its place.
fn open_folder(path: &Path) -> io::Result<OwnedFd> {
    let c = c_path(path)?;
    // SAFETY: a valid NUL-terminated path and plain flags.
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC) };
    if fd < 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::ELOOP) || e.raw_os_error() == Some(libc::ENOTDIR) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a folder (a link, or a file), so nothing in it is touched", path.display()),
            ));
        }
        return Err(e);
    }
    // SAFETY: `fd` was just opened and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The content hash of the regular file `name` in `folder`, or None when there is no such file.
/// A link, a FIFO or anything but a regular file is an error: it is not the file that was written.
pub fn hash(folder: &Path, name: &str, limit: u64) -> io::Result<Option<u64>> {
    let dir = open_folder(folder)?;
    let c = c_name(name)?;
    // SAFETY: a valid directory descriptor and NUL-terminated name; the flags never block and
    // never follow a link.
    let fd = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            c.as_ptr(),
            libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ENOENT) => Ok(None),
            Some(libc::ELOOP) => Err(io::Error::new(io::ErrorKind::InvalidInput, "it is a symbolic link")),
            _ => Err(e),
        };
    }
    // SAFETY: `fd` was just opened and is owned by nobody else.
    let file = File::from(unsafe { OwnedFd::from_raw_fd(fd) });
    if !file.metadata()?.file_type().is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(Some(super::listing::content_hash(&bytes)))
}

/// Removes the file `name` from `folder` (a link there is removed itself, never what it names).
pub fn remove(folder: &Path, name: &str) -> io::Result<()> {
    let dir = open_folder(folder)?;
    let c = c_name(name)?;
    // SAFETY: a valid directory descriptor and NUL-terminated name.
    if unsafe { libc::unlinkat(dir.as_raw_fd(), c.as_ptr(), 0) } != 0 {
        return Err(io::Error::last_os_error());
    }
    File::from(dir).sync_all()
}

/// Moves the file `name` from `from` to `to/new_name`, never over a file already there (the new
/// name is linked first, which fails if it is taken, then the old one removed).
pub fn move_file(from: &Path, name: &str, to: &Path, new_name: &str) -> io::Result<()> {
    let source = open_folder(from)?;
    let target = open_folder(to)?;
    let (c_from, c_to) = (c_name(name)?, c_name(new_name)?);
    // SAFETY: valid directory descriptors and NUL-terminated names; flags 0 never follows a link.
    if unsafe { libc::linkat(source.as_raw_fd(), c_from.as_ptr(), target.as_raw_fd(), c_to.as_ptr(), 0) } != 0 {
        let e = io::Error::last_os_error();
        // A move stopped between its two steps left the file under both names: finished now.
        if !(e.raw_os_error() == Some(libc::EEXIST) && same_file(&source, &c_from, &target, &c_to)?) {
            return Err(e);
        }
    }
    File::from(target).sync_all()?;
    // SAFETY: as above.
    if unsafe { libc::unlinkat(source.as_raw_fd(), c_from.as_ptr(), 0) } != 0 {
        return Err(io::Error::last_os_error());
    }
    File::from(source).sync_all()
}

/// Whether two names, each in its folder, are the same file (never following a link).
fn same_file(a_dir: &OwnedFd, a: &CString, b_dir: &OwnedFd, b: &CString) -> io::Result<bool> {
    let stat = |dir: &OwnedFd, name: &CString| {
        // SAFETY: stat is plain data, filled by fstatat from a valid descriptor and name.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstatat(dir.as_raw_fd(), name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok((st.st_dev, st.st_ino))
    };
    Ok(stat(a_dir, a)? == stat(b_dir, b)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_or_file_swapped_for_a_link_is_never_acted_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).expect("elsewhere");
        std::fs::write(elsewhere.join("RX1.yaml"), "precious").expect("victim");
        let cases = dir.path().join("cases");
        std::os::unix::fs::symlink(&elsewhere, &cases).expect("link");
        assert!(remove(&cases, "RX1.yaml").is_err());
        assert!(hash(&cases, "RX1.yaml", 1024).is_err());
        assert!(move_file(&cases, "RX1.yaml", dir.path(), "taken.yaml").is_err());
        assert!(remove(&elsewhere, "../elsewhere/RX1.yaml").is_err(), "a name, not a path");
        std::fs::remove_file(&cases).expect("unlink");
        std::fs::create_dir(&cases).expect("cases");
        std::os::unix::fs::symlink(elsewhere.join("RX1.yaml"), cases.join("RX1.yaml")).expect("file link");
        assert!(hash(&cases, "RX1.yaml", 1024).is_err(), "a linked file is not read as the case");
        remove(&cases, "RX1.yaml").expect("the link itself is removed");
        assert_eq!(std::fs::read_to_string(elsewhere.join("RX1.yaml")).expect("victim"), "precious");
        assert_eq!(hash(&cases, "RX1.yaml", 1024).expect("none"), None);
    }

    #[test]
    fn a_move_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a"), "a").expect("a");
        std::fs::write(dir.path().join("b"), "b").expect("b");
        assert!(move_file(dir.path(), "a", dir.path(), "b").is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("b")).expect("b"), "b");
        move_file(dir.path(), "a", dir.path(), "c").expect("move");
        assert!(!dir.path().join("a").exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("c")).expect("c"), "a");
        // Stopped between its two steps (linked, not yet removed): the next try finishes it.
        std::fs::hard_link(dir.path().join("c"), dir.path().join("d")).expect("link");
        move_file(dir.path(), "c", dir.path(), "d").expect("finished");
        assert!(!dir.path().join("c").exists() && dir.path().join("d").exists());
    }
}
