//! The one way the program writes a file the user names: `audit --out`, `export --out`,
//! `man --out`, `guidelines --export` and the dashboard's print all go through [`write`], and any
//! later output must too.
//!
//! - An existing file is replaced only with `--force`. A link (even a dangling one), a FIFO, a
//!   socket, a device or a folder is never written over, with or without it: writing would put a
//!   file in its place (as root, `--out /dev/null --force` replaced the device).
//! - Nothing is written inside the data directory: `--out audit.log` run from the data directory,
//!   or `--out cases/O1.yaml`, would replace the audit trail or a patient's record with no lock and
//!   no audit line. The check is made on the real folder, links resolved.
//! - The file is written whole or not at all, private to the user (0600), into an unnamed file in
//!   the same folder (Linux `O_TMPFILE`), which a kill at any moment leaves nothing of; once
//!   synced it is linked in under its name, or, replacing a file with --force, under a temporary
//!   name `.<name>.XXXXXX` renamed over it at once. Where the file system has no unnamed files, a
//!   named temporary file is written instead. A temporary file a killed run left is removed by
//!   the next run writing that name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;

/// Why a file was not written: the name given cannot be (`Usage`: a folder, a link, a file that
/// exists, a place inside the data directory), or writing failed (`Output`). Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutFileError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Output(String),
}

/// A temporary file of ours untouched for this long belongs to a run that was stopped.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// How an output may be written.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// `--force`: an existing regular file may be replaced.
    pub force: bool,
    /// The data directory in use, which nothing may be written into.
    pub data_dir: Option<&'a Path>,
}

/// Whether `path` may be written under `rules`; checked before any work is done, and again just
/// before writing.
pub fn check(path: &Path, rules: Rules<'_>) -> Result<(), OutFileError> {
    if path.as_os_str().is_empty() {
        return Err(OutFileError::Usage("an empty file name was given; name the file to write".into()));
    }
    let folder = folder_of(path);
    let real = std::fs::canonicalize(&folder).map_err(|e| {
        OutFileError::Usage(format!(
            "cannot write {}: the folder {} is not there ({e})",
            path.display(),
            folder.display()
        ))
    })?;
    outside_data(path, &real, rules)?;
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(OutFileError::Output(format!("cannot look at {}: {e}; nothing was written", path.display())));
        }
        Ok(meta) => {
            let kind = meta.file_type();
            if !kind.is_file() {
                let what = if kind.is_dir() {
                    "a folder"
                } else if kind.is_symlink() {
                    "a symbolic link"
                } else {
                    "not a regular file (a device, FIFO or socket)"
                };
                return Err(OutFileError::Usage(format!(
                    "{} is {what}; nothing was written. Give the path of a new or existing regular file",
                    path.display()
                )));
            }
            if !rules.force {
                return Err(OutFileError::Usage(format!(
                    "{} already exists; nothing was written. Choose another file, or give --force to replace it",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// Whether a folder that files are to be written into (made first if it is not there) may be:
/// it, or the nearest folder above it that is there, must not be inside the data directory.
pub fn check_folder(dir: &Path, rules: Rules<'_>) -> Result<(), OutFileError> {
    let mut existing = dir;
    while std::fs::symlink_metadata(existing).is_err() {
        match existing.parent() {
            Some(p) if !p.as_os_str().is_empty() => existing = p,
            _ => {
                existing = Path::new(".");
                break;
            }
        }
    }
    let real = std::fs::canonicalize(existing)
        .map_err(|e| OutFileError::Usage(format!("cannot write into {}: {e}", dir.display())))?;
    if !real.is_dir() {
        return Err(OutFileError::Usage(format!("{} is not a folder; nothing was written", existing.display())));
    }
    outside_data(dir, &real, rules)
}

fn outside_data(path: &Path, real: &Path, rules: Rules<'_>) -> Result<(), OutFileError> {
    if let Some(data) = rules.data_dir.and_then(|d| std::fs::canonicalize(d).ok())
        && real.starts_with(&data)
    {
        return Err(OutFileError::Usage(format!(
            "{} is inside the data directory {}; nothing was written. Write reports and exports outside it: \
             a file there could take the place of a patient's record or the audit log",
            path.display(),
            data.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` as `path` under `rules`, whole or not at all.
pub fn write(path: &Path, bytes: &[u8], rules: Rules<'_>) -> Result<(), OutFileError> {
    check(path, rules)?;
    clear_stale(path);
    let failed = |e: std::io::Error| {
        OutFileError::Output(format!("could not write {}: {e}; nothing was written", path.display()))
    };
    // Where unnamed files cannot be made, a named temporary file is written instead.
    if let Ok(result) = unnamed::write(path, bytes, rules.force, || check(path, rules)) {
        return result.map_err(failed);
    }
    let mut file = AtomicWriteFile::options()
        .preserve_mode(false)
        .try_preserve_owner(false)
        .mode(0o600)
        .open(path)
        .map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    // Looked at again just before the name is taken: what is there may have changed meanwhile.
    check(path, rules)?;
    file.commit().map_err(failed)
}

/// Writing through an unnamed file (`O_TMPFILE`), so there is never a partial file under a name.
mod unnamed {
    use std::ffi::CString;
    use std::fs::File;
    use std::io::{self, Write};
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    use super::OutFileError;

    /// The file system (or the kernel) has no unnamed files.
    pub struct Unsupported;

    fn c(bytes: &[u8]) -> io::Result<CString> {
        CString::new(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a path"))
    }

    /// Writes `bytes` as `path`; `recheck` is asked again just before the name is taken and can
    /// still refuse. The outer error is whether unnamed files could be used at all.
    pub fn write(
        path: &Path,
        bytes: &[u8],
        replace: bool,
        recheck: impl Fn() -> Result<(), OutFileError>,
    ) -> Result<Result<(), io::Error>, Unsupported> {
        let folder = super::folder_of(path);
        let Some(name) = path.file_name() else { return Ok(Err(io::Error::other("no file name"))) };
        let (dir, file) = match open(&folder) {
            Ok(opened) => opened,
            Err(e) if matches!(e.raw_os_error(), Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)) => {
                return Err(Unsupported);
            }
            Err(e) => return Ok(Err(e)),
        };
        Ok(fill_and_name(&dir, file, name.as_bytes(), bytes, replace, recheck))
    }

    fn open(folder: &Path) -> io::Result<(OwnedFd, File)> {
        let path = c(folder.as_os_str().as_bytes())?;
        // SAFETY: a valid NUL-terminated path and plain flags.
        let dir = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) };
        if dir < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: just opened, owned by nobody else.
        let dir = unsafe { OwnedFd::from_raw_fd(dir) };
        // SAFETY: a valid directory descriptor, the name "." and a mode for the unnamed file.
        let fd = unsafe {
            libc::openat(dir.as_raw_fd(), c".".as_ptr(), libc::O_TMPFILE | libc::O_WRONLY | libc::O_CLOEXEC, 0o600)
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: just opened, owned by nobody else.
        Ok((dir, File::from(unsafe { OwnedFd::from_raw_fd(fd) })))
    }

    fn fill_and_name(
        dir: &OwnedFd,
        mut file: File,
        name: &[u8],
        bytes: &[u8],
        replace: bool,
        recheck: impl Fn() -> Result<(), OutFileError>,
    ) -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        // Exactly 0600 whatever the umask: it may name wards and patients.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        recheck().map_err(|e| io::Error::new(io::ErrorKind::AlreadyExists, e.to_string()))?;
        let proc = c(format!("/proc/self/fd/{}", file.as_raw_fd()).as_bytes())?;
        let target = c(name)?;
        let link = |to: &CString| {
            // SAFETY: valid NUL-terminated paths and descriptors; AT_SYMLINK_FOLLOW makes the
            // /proc link name the open file itself.
            let rc = unsafe {
                libc::linkat(libc::AT_FDCWD, proc.as_ptr(), dir.as_raw_fd(), to.as_ptr(), libc::AT_SYMLINK_FOLLOW)
            };
            if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
        };
        match link(&target) {
            Ok(()) => {}
            // There is a file by that name (replacing it was allowed, or the check would have
            // refused): linked under a temporary name, then renamed over it in one step.
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) && !replace => {
                return Err(io::Error::new(io::ErrorKind::AlreadyExists, "a file by that name appeared meanwhile"));
            }
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {
                let mut n = 0u32;
                let temporary = loop {
                    let candidate = c(&[b".", name, b".", temporary_suffix(n).as_bytes()].concat())?;
                    match link(&candidate) {
                        Ok(()) => break candidate,
                        Err(e) if e.raw_os_error() == Some(libc::EEXIST) && n < 100 => n += 1,
                        Err(e) => return Err(e),
                    }
                };
                // SAFETY: valid descriptors and NUL-terminated names.
                if unsafe { libc::renameat(dir.as_raw_fd(), temporary.as_ptr(), dir.as_raw_fd(), target.as_ptr()) } != 0
                {
                    let e = io::Error::last_os_error();
                    // SAFETY: as above.
                    unsafe { libc::unlinkat(dir.as_raw_fd(), temporary.as_ptr(), 0) };
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
        // SAFETY: a valid descriptor.
        if unsafe { libc::fsync(dir.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Six letters or digits, different for each process, moment and try.
    fn temporary_suffix(n: u32) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let mut x =
            (nanos as u64) ^ (u64::from(std::process::id()) << 32) ^ u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (0..6)
            .map(|_| {
                let c = ALPHABET[(x % ALPHABET.len() as u64) as usize];
                x /= ALPHABET.len() as u64;
                char::from(c)
            })
            .collect()
    }
}

/// The folder `path` is written into.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes temporary files for `path` left by a run that was stopped (`.<name>.XXXXXX`, six
/// letters or digits, a regular file untouched for a minute): each may hold a partial export.
fn clear_stale(path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return };
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let other = entry.file_name();
        let Some(suffix) = other.to_str().and_then(|o| o.strip_prefix(&prefix)) else { continue };
        if suffix.len() != 6 || !suffix.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else { continue };
        let old = meta.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age >= STALE_AFTER);
        if meta.file_type().is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(force: bool, data_dir: Option<&Path>) -> Rules<'_> {
        Rules { force, data_dir }
    }

    #[test]
    fn nothing_is_written_inside_the_data_directory_even_through_a_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("ward");
        std::fs::create_dir_all(data.join("cases")).expect("ward");
        std::fs::write(data.join("audit.log"), "the trail\n").expect("log");
        let d = Some(data.as_path());
        for path in [data.join("audit.log"), data.join("cases/O1.yaml"), data.join("new.svg")] {
            for force in [false, true] {
                let err = write(&path, b"x", rules(force, d)).expect_err("inside the ward");
                assert!(err.to_string().contains("inside the data directory"), "{err}");
            }
        }
        let link = dir.path().join("shortcut");
        std::os::unix::fs::symlink(&data, &link).expect("link");
        assert!(write(&link.join("audit.log"), b"x", rules(true, d)).is_err(), "through a link to the ward");
        assert_eq!(std::fs::read_to_string(data.join("audit.log")).expect("log"), "the trail\n");
        assert!(!data.join("new.svg").exists() && !data.join("cases/O1.yaml").exists());
        write(&dir.path().join("out.svg"), b"picture", rules(false, d)).expect("outside it");
    }

    #[test]
    fn a_stale_temporary_file_is_cleared_and_a_fresh_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".out.json.Ab12cD");
        let fresh = dir.path().join(".out.json.zz99ZZ");
        std::fs::write(&stale, "half a bundle").expect("stale");
        std::fs::write(&fresh, "being written").expect("fresh");
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&stale).expect("open").set_modified(old).expect("age it");
        write(&dir.path().join("out.json"), b"{}", rules(false, None)).expect("write");
        assert!(!stale.exists(), "a stopped run's partial file is removed");
        assert!(fresh.exists(), "another run's file in progress is left alone");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("e").file_name().to_string_lossy().into())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
