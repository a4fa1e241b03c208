//! The parsed-case cache does not keep a file for every data directory ever read: when a cache
//! is written, this user's cache files not used for 30 days, and those whose data directory no
//! longer exists, are removed; a cache in use, and anything that is not a cache, stays.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// `cordwatch list` over `data`, with its cache in `cache_home`.
fn list(dir: &Path, cache_home: &Path, data: &Path) {
    std::fs::create_dir_all(data.join("cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").env("HOME", dir).env("XDG_CACHE_HOME", cache_home).arg("--data").arg(data).args([
        "--now",
        "2026-11-23 09:00",
        "list",
    ]);
    let (code, out, err) = common::command::outcome(&mut cmd);
    assert!(code == 0 || code == 4 || code == 3, "{out}{err}");
}

fn new_case(dir: &Path, data: &Path, id: &str) {
    std::fs::create_dir_all(data.join("cases")).expect("data directory");
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").arg("--data").arg(data).args(["--no-cache", "new", "--id", id, "--name", "Ann Lee"]);
    let (code, out, err) = common::command::outcome(&mut cmd);
    assert_eq!(code, 0, "{out}{err}");
}

fn caches(parsed: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(parsed)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "cache")).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn age(path: &Path, days: u64) {
    let file = std::fs::OpenOptions::new().append(true).open(path).expect("open");
    file.set_modified(SystemTime::now() - Duration::from_secs(days * 24 * 60 * 60)).expect("set time");
}

#[test]
fn writing_a_cache_removes_unused_ones_and_those_of_vanished_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = dir.path().join("cache");
    let parsed = cache_home.join("cordwatch/parsed");
    let (kept, gone, old, current) =
        (dir.path().join("kept"), dir.path().join("gone"), dir.path().join("old"), dir.path().join("current"));
    for (data, id) in [(&kept, "K1"), (&gone, "G1"), (&old, "O1")] {
        new_case(dir.path(), data, id);
        list(dir.path(), &cache_home, data);
    }
    assert_eq!(caches(&parsed).len(), 3, "one cache for each data directory read");
    let of = |data: &Path| {
        let before = caches(&parsed);
        list(dir.path(), &cache_home, data);
        before
    };
    // Which file is which: the one whose modified time a second read of `old` refreshes.
    let by_data: Vec<(PathBuf, PathBuf)> = {
        let all = of(&old);
        let mut out = Vec::new();
        for data in [&kept, &gone, &old] {
            let header_has = |p: &Path| {
                let bytes = std::fs::read(p).expect("read cache");
                let needle = std::fs::canonicalize(data).expect("canonical").into_os_string().into_encoded_bytes();
                bytes.windows(needle.len()).take(4096).any(|w| w == needle.as_slice())
            };
            let file = all.iter().find(|p| header_has(p)).expect("the header names its data directory").clone();
            out.push((data.to_path_buf(), file));
        }
        out
    };
    let file_of = |data: &Path| by_data.iter().find(|(d, _)| d == data).map(|(_, f)| f.clone()).expect("file");
    std::fs::remove_dir_all(&gone).expect("remove a data directory");
    age(&file_of(&old), 31);
    age(&file_of(&kept), 29);
    let stranger = parsed.join("notes.txt");
    std::fs::write(&stranger, "not a cache").expect("write");
    age(&stranger, 400);

    new_case(dir.path(), &current, "C1");
    list(dir.path(), &cache_home, &current);

    let left = caches(&parsed);
    assert!(left.contains(&file_of(&kept)), "used 29 days ago, data still there: kept {left:?}");
    assert!(!left.contains(&file_of(&gone)), "its data directory is gone: removed {left:?}");
    assert!(!left.contains(&file_of(&old)), "not used for 31 days: removed {left:?}");
    assert_eq!(left.len(), 2, "the current one is written {left:?}");
    assert!(stranger.exists(), "a file that is not a cache is left alone");
}

#[test]
fn a_cache_read_without_writing_counts_as_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = dir.path().join("cache");
    let parsed = cache_home.join("cordwatch/parsed");
    let data = dir.path().join("ward");
    new_case(dir.path(), &data, "W1");
    list(dir.path(), &cache_home, &data);
    let file = caches(&parsed).pop().expect("a cache");
    age(&file, 40);
    // Nothing new to write: the run still marks the cache as used.
    list(dir.path(), &cache_home, &data);
    let modified = std::fs::metadata(&file).expect("still there").modified().expect("time");
    assert!(SystemTime::now().duration_since(modified).unwrap_or_default() < Duration::from_secs(24 * 60 * 60));
    let other = dir.path().join("other");
    new_case(dir.path(), &other, "X1");
    list(dir.path(), &cache_home, &other);
    assert!(file.exists(), "a cache in use is not swept");
}
