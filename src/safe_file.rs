//! Opening files that may not be what they claim to be: the one reader of the store, the
//! settings and the guidelines, below all three.
//!
//! Anyone with write access to a shared folder can leave a FIFO, a socket, a device or a symlink to
//! one where a case file, the config or a rules file is expected. Opening a FIFO for reading blocks
//! until a writer appears, which would freeze every command and the dashboard; reading
//! `/dev/zero` never ends. So the type is checked before opening, the open itself cannot block
//! (`O_NONBLOCK`), and the opened file is checked again, since the name may have been swapped in
//! between. Only regular files are ever read, and never more than a limit.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// What a path is, in words for an error message, when it is not a regular file.
fn not_regular(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        None
    } else if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_block_device() || kind.is_char_device() {
        Some("a device")
    } else if kind.is_dir() {
        Some("a folder")
    } else {
        Some("not a regular file")
    }
}

fn refuse(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file, so it is not read; put a regular file there or remove it"),
    )
}

/// Opens `path` for reading only if it (or what its symlink points to) is a regular file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let meta = std::fs::metadata(path)?;
    if let Some(what) = not_regular(&meta.file_type()) {
        return Err(refuse(what));
    }
    let file = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)?;
    if let Some(what) = not_regular(&file.metadata()?.file_type()) {
        return Err(refuse(what));
    }
    Ok(file)
}

/// Reads a regular file of at most `limit` bytes; reads at most one byte more, so a larger file is
/// refused without being loaded.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    // Sized from the file's length so a case file takes one read, not a series of growing ones.
    let expected = file.metadata().map(|m| m.len()).unwrap_or(0).min(limit + 1);
    let mut bytes = Vec::with_capacity(expected as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is larger than {} KiB, so it is not read (is this the right file?)", limit / 1024),
        ));
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `limit` bytes.
pub fn read_regular_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_regular(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("F.yaml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_regular(&fifo, 1024).expect_err("a FIFO is not read");
        assert!(err.to_string().contains("named pipe"), "{err}");
        let link = dir.path().join("L.yaml");
        std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
        assert!(read_regular(&link, 1024).is_err());
        assert!(read_regular(Path::new("/dev/zero"), 1024).expect_err("device").to_string().contains("device"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; 2048]).expect("write");
        assert!(read_regular(&path, 1024).is_err());
        assert_eq!(read_regular(&path, 4096).expect("fits").len(), 2048);
    }
}
