//! Crash-safe file replacement: a temporary file in the same directory is written, synced and
//! renamed over the target, and the directory is synced, so a `kill -9` at any instant leaves
//! either the old file or the new one, never a torn one.

use std::io::{self, Write};
use std::path::Path;

use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use std::os::unix::fs::OpenOptionsExt as _;

/// Replaces `path` with `bytes` atomically, with exactly `mode` as its permissions. A file that
/// is replaced keeps its group where the writer may give it (a member of that group): a
/// colleague's write must not move a shared ward's file out of the team's group.
pub fn write(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let group = std::fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file()).map(|m| m.gid());
    // The temporary file is created with `mode` (so never wider, whatever the umask: it holds a
    // patient's record from the first byte), then set to exactly `mode` so the umask cannot
    // narrow it either; the file never appears under its real name with the wrong permissions.
    let mut file = AtomicWriteFile::options().preserve_mode(false).mode(mode).open(path)?;
    if let Some(gid) = group {
        // Best effort: refused unless the writer is in the group (the owner's own write, or
        // root's, keeps it anyway), and then the folder's group applies as it always did.
        let _ = std::os::unix::fs::fchown(file.as_file(), None, Some(gid));
    }
    file.as_file().set_permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_content_and_sets_the_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.yaml");
        std::fs::write(&path, "old").expect("seed");
        write(&path, b"new", 0o600).expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
        let leftovers = std::fs::read_dir(dir.path()).expect("ls").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
