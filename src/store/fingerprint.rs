//! What the cases folder looks like from the outside (name, modified time, length of each file),
//! for noticing changes others made without reading any file.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

/// Every file in the cases folder by name: cheap to take every second, and different whenever
/// anyone has written a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint(HashMap<String, (SystemTime, u64)>);

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

impl Fingerprint {
    /// Looks at the one file `name` of the folder `dir` again, as [`Fingerprint::take`] would, and
    /// brings this fingerprint up to date for it: what a notification about it costs.
    pub(super) fn refresh(&mut self, dir: &Path, name: &str) -> FileChange {
        let now = std::fs::symlink_metadata(dir.join(name)).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
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
            Some((e.file_name().to_string_lossy().into_owned(), (meta.modified().ok()?, meta.len())))
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

    fn print(files: &[(&str, u64)]) -> Fingerprint {
        Fingerprint(files.iter().map(|(n, len)| (n.to_string(), (SystemTime::UNIX_EPOCH, *len))).collect())
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

    #[test]
    fn one_file_looked_at_again_says_how_it_changed() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("A.yaml"), "a").expect("write");
        let mut print = Fingerprint::take(dir.path());
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Unchanged);
        std::fs::write(dir.path().join("A.yaml"), "ab").expect("write");
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Changed);
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Unchanged);
        std::fs::write(dir.path().join("B.yaml"), "b").expect("write");
        assert_eq!(print.refresh(dir.path(), "B.yaml"), FileChange::Added);
        std::fs::remove_file(dir.path().join("A.yaml")).expect("remove");
        assert_eq!(print.refresh(dir.path(), "A.yaml"), FileChange::Removed);
        assert_eq!(print, Fingerprint::take(dir.path()), "the same as a fresh look");
    }
}
