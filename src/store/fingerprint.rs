//! What the cases folder looks like from the outside (name, modified time, length, inode and
//! inode change time of each file), for noticing changes others made without reading any file.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::SystemTime;

/// Every file in the cases folder by name: cheap to take every second, and different whenever
/// anyone has written a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint(HashMap<String, Seen>);

/// How the cases folder changed between two fingerprints.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files that are new or whose time or length changed, sorted by name.
    pub changed: Vec<String>,
    /// Whether any file is gone.
    pub removed: bool,
}

/// How one file changed since the fingerprint was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    Unchanged,
    /// There before and now, with another time or length.
    Changed,
    /// Not there before.
    Added,
    /// There before, not now.
    Removed,
}

/// One file as a look saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    modified: SystemTime,
    len: u64,
    /// A file renamed over the case (another inode) or whose permissions changed (another inode
    /// change time) is told apart by these even when its modified time and length are the old
    /// file's: a copy that kept its time, a file made unreadable.
    inode: u64,
    changed: (i64, i64),
}

impl Seen {
    fn of(meta: &std::fs::Metadata) -> Option<Seen> {
        let modified = meta.modified().ok()?;
        Some(Seen { modified, len: meta.len(), inode: meta.ino(), changed: (meta.ctime(), meta.ctime_nsec()) })
    }
}

impl Fingerprint {
    /// Looks at the one file `name` of the folder `dir` again, as [`Fingerprint::take`] would, and
    /// brings this fingerprint up to date for it: what a notification about it costs.
    pub(super) fn refresh(&mut self, dir: &Path, name: &str) -> FileChange {
        let now = std::fs::symlink_metadata(dir.join(name)).ok().and_then(|m| Seen::of(&m));
        let before = match now {
            Some(seen) => self.0.insert(name.to_string(), seen),
            None => self.0.remove(name),
        };
        match (before, now) {
            (None, None) => FileChange::Unchanged,
            (None, Some(_)) => FileChange::Added,
            (Some(_), None) => FileChange::Removed,
            (Some(a), Some(b)) if a == b => FileChange::Unchanged,
            (Some(_), Some(_)) => FileChange::Changed,
        }
    }

    pub(super) fn take(dir: &Path) -> Fingerprint {
        let Ok(dir) = std::fs::read_dir(dir) else { return Fingerprint::default() };
        let files = dir.flatten().filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), Seen::of(&meta)?))
        });
        Fingerprint(files.collect())
    }

    /// What changed from `older` to this one: one lookup per file, however many files there are.
    pub fn changes_since(&self, older: &Fingerprint) -> Changes {
        let mut changed: Vec<String> =
            self.0.iter().filter(|(name, seen)| older.0.get(*name) != Some(seen)).map(|(n, _)| n.clone()).collect();
        changed.sort();
        let removed = older.0.keys().any(|name| !self.0.contains_key(name));
        Changes { changed, removed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn print(files: &[(&str, u64)]) -> Fingerprint {
        let seen = |len: u64| Seen { modified: SystemTime::UNIX_EPOCH, len, inode: 1, changed: (0, 0) };
        Fingerprint(files.iter().map(|(n, len)| (n.to_string(), seen(*len))).collect())
    }

    #[test]
    fn new_changed_and_removed_files_are_told_apart() {
        let before = print(&[("A.yaml", 1), ("B.yaml", 2), ("C.yaml", 3)]);
        assert_eq!(before.changes_since(&before), Changes::default());
        let after = print(&[("A.yaml", 1), ("B.yaml", 5), ("D.yaml", 4), ("C.yaml", 3)]);
        let changes = after.changes_since(&before);
        assert_eq!(changes.changed, ["B.yaml", "D.yaml"]);
        assert!(!changes.removed);
        assert!(print(&[("A.yaml", 1)]).changes_since(&before).removed);
    }

    /// Writes `text` to `file` with its modified time an hour back, so no look takes it as
    /// written a moment ago; returns that time.
    fn write_aged(file: &Path, text: &str) -> SystemTime {
        std::fs::write(file, text).expect("write");
        let aged = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options().write(true).open(file).expect("open").set_modified(aged).expect("set time");
        aged
    }

    fn set_time(file: &Path, at: SystemTime) {
        std::fs::File::options().write(true).open(file).expect("open").set_modified(at).expect("set time");
    }

    #[test]
    fn one_file_looked_at_again_says_how_it_changed() {
        let dir = tempfile::tempdir().expect("dir");
        let a = dir.path().join("A.yaml");
        write_aged(&a, "a");
        let mut print = Fingerprint::take(dir.path());
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Unchanged);
        write_aged(&a, "ab");
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Changed);
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Unchanged);
        write_aged(&dir.path().join("B.yaml"), "b");
        assert_eq!(print.refresh(dir.path(), "B.yaml"), FileChange::Added);
        std::fs::remove_file(&a).expect("remove");
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Removed);
        assert_eq!(print, Fingerprint::take(dir.path()), "the same as a fresh look");
    }

    /// A file rewritten with the same length and its modified time put back (a copy that keeps
    /// its time, a tool that restores it), a file of the same time and length renamed over it,
    /// and a file made unreadable, are each seen as changed, by a look at the folder and by a
    /// look at the one file alike.
    #[test]
    fn a_change_that_keeps_the_time_and_the_length_is_seen() {
        let dir = tempfile::tempdir().expect("dir");
        let a = dir.path().join("A.yaml");
        let at = write_aged(&a, "motor: 4");
        let changes: [(&str, &dyn Fn()); 3] = [
            ("rewritten, its time put back", &|| {
                std::fs::write(&a, "motor: 2").expect("write");
                set_time(&a, at);
            }),
            ("renamed over", &|| {
                let b = dir.path().join("B.tmp");
                std::fs::write(&b, "motor: 1").expect("write");
                set_time(&b, at);
                std::fs::rename(&b, &a).expect("rename");
            }),
            ("made unreadable", &|| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o000)).expect("chmod");
            }),
        ];
        for (what, change) in changes {
            let before = Fingerprint::take(dir.path());
            let mut one = before.clone();
            change();
            let meta = std::fs::metadata(&a).expect("stat");
            assert_eq!((meta.modified().expect("time"), meta.len()), (at, 8), "{what}: the same time and length");
            let after = Fingerprint::take(dir.path());
            assert_eq!(after.changes_since(&before).changed, ["A.yaml"], "{what}");
            assert_ne!(after, before, "{what}: the archive's look compares whole fingerprints");
            assert_eq!(one.refresh(dir.path(), "A.yaml"), FileChange::Changed, "{what}");
        }
    }
}
