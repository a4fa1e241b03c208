//! The parsed-case cache never shows a file as it was: each way a file can change unseen, and
//! each way the cache itself can be wrong, ends in the file being parsed again.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use super::{CacheStats, ParseCache};
use crate::store::listing::{CaseEntry, read_folder};

/// A clock `offset` seconds away from the real one.
fn clock(offset: &Arc<AtomicI64>) -> super::Clock {
    let offset = Arc::clone(offset);
    Box::new(move || {
        let by = offset.load(Ordering::SeqCst);
        let now = SystemTime::now();
        if by >= 0 { now + Duration::from_secs(by as u64) } else { now - Duration::from_secs(by.unsigned_abs()) }
    })
}

struct Ward {
    root: tempfile::TempDir,
    cache_dir: tempfile::TempDir,
    /// Seconds the clock is moved from the real one.
    offset: Arc<AtomicI64>,
}

impl Ward {
    fn new() -> Ward {
        let root = tempfile::tempdir().expect("root");
        std::fs::create_dir(root.path().join("cases")).expect("cases");
        Ward { root, cache_dir: tempfile::tempdir().expect("cache"), offset: Arc::new(AtomicI64::new(0)) }
    }

    fn write(&self, id: &str, name: &str) {
        std::fs::write(self.file(id), case_text(id, name)).expect("write");
    }

    fn file(&self, id: &str) -> std::path::PathBuf {
        self.root.path().join("cases").join(format!("{id}.yaml"))
    }

    /// One run of the program: a cache opened afresh, every file read, the cache written.
    fn read(&self) -> (Vec<CaseEntry>, CacheStats) {
        let cache = self.cache();
        let entries = read_folder(&self.root.path().join("cases"), "cases", Some(&cache)).expect("read");
        (entries, cache.take_stats())
    }

    fn cache(&self) -> ParseCache {
        ParseCache::open_with_clock(&self.caches(), self.root.path(), clock(&self.offset)).expect("cache")
    }

    /// The user's cache folder, made by the cache itself.
    fn caches(&self) -> std::path::PathBuf {
        self.cache_dir.path().join("parsed")
    }

    /// Moves the clock past the racy margin of every file written so far.
    fn later(&self) {
        self.offset.fetch_add(10, Ordering::SeqCst);
    }

    fn names(&self) -> Vec<String> {
        self.read().0.iter().map(|e| e.case.as_ref().map(|c| c.name.safe().to_string()).unwrap_or_default()).collect()
    }
}

fn case_text(id: &str, name: &str) -> String {
    format!("id: {id}\nname: {name}\nexams:\n  - at: 2026-11-20 08:00\n    motor: normal\n")
}

fn parsed(n: usize) -> CacheStats {
    CacheStats { hits: 0, parsed: n }
}

fn hits(n: usize) -> CacheStats {
    CacheStats { hits: n, parsed: 0 }
}

#[test]
fn an_unchanged_file_is_read_from_the_cache_with_all_it_held() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    std::fs::write(ward.file("RX2"), case_text("RX9", "Bob Baker")).expect("write");
    let (fresh, stats) = ward.read();
    assert_eq!(stats, parsed(2));
    ward.later();
    let (fresh, _) = (ward.read().0, fresh);
    let (cached, stats) = ward.read();
    assert_eq!(stats, hits(2));
    for (a, b) in fresh.iter().zip(&cached) {
        assert_eq!(a.case, b.case);
        assert_eq!(a.hash, b.hash);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.problems, b.problems, "the id mismatch of RX2 is found again");
        assert_eq!(a.file, b.file);
    }
    assert_eq!(cached[1].problems.len(), 1);
    assert_eq!(cached[0].lines.line_of("2026-11-20 08:00"), Some(4));
}

#[test]
fn a_file_changed_within_the_same_second_at_the_same_size_is_read_again() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    ward.read();
    let before = std::fs::metadata(ward.file("RX1")).expect("meta");
    // Same size, and the modified time put back exactly as it was: only the change time moved.
    ward.write("RX1", "Ann Abel");
    let times = [
        libc::timespec { tv_sec: before.atime(), tv_nsec: before.atime_nsec() },
        libc::timespec { tv_sec: before.mtime(), tv_nsec: before.mtime_nsec() },
    ];
    let path = std::ffi::CString::new(ward.file("RX1").as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid C string and two timespecs, as utimensat expects.
    assert_eq!(unsafe { libc::utimensat(libc::AT_FDCWD, path.as_ptr(), times.as_ptr(), 0) }, 0);
    let after = std::fs::metadata(ward.file("RX1")).expect("meta");
    assert_eq!((after.len(), after.mtime(), after.mtime_nsec()), (before.len(), before.mtime(), before.mtime_nsec()));
    assert_eq!(ward.names(), ["Ann Abel"]);
}

#[test]
fn an_entry_made_within_the_racy_margin_of_a_write_is_not_trusted() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    // Read at once: the file's times are as late as the moment it was read.
    assert_eq!(ward.read().1, parsed(1));
    assert_eq!(ward.read().1, parsed(1), "still within the margin");
    ward.later();
    assert_eq!(ward.read().1, parsed(1), "the entry made within the margin is never used");
    assert_eq!(ward.read().1, hits(1), "one made after it is");
}

#[test]
fn a_file_replaced_by_rename_is_read_again() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    ward.read();
    let tmp = ward.root.path().join("cases").join(".RX1.yaml.abcdef");
    std::fs::write(&tmp, case_text("RX1", "Ann Abel")).expect("write");
    // The old modified time and size, on a new file moved into place.
    let old = std::fs::metadata(ward.file("RX1")).expect("meta");
    std::fs::File::options().write(true).open(&tmp).and_then(|f| f.set_modified(old.modified()?)).expect("set time");
    std::fs::rename(&tmp, ward.file("RX1")).expect("rename");
    assert_eq!(ward.names(), ["Ann Abel"]);
}

#[test]
fn a_clock_gone_back_makes_every_entry_untrusted() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.offset.store(3600, Ordering::SeqCst);
    ward.read();
    assert_eq!(ward.read().1, hits(1));
    // The clock is put back an hour: entries made "in the future" are not used, and the file,
    // changed now, is read as it is.
    ward.offset.store(0, Ordering::SeqCst);
    assert_eq!(ward.read().1, parsed(1));
    ward.write("RX1", "Ann Abel");
    assert_eq!(ward.names(), ["Ann Abel"]);
}

#[test]
fn a_cache_of_another_version_is_not_read() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    ward.read();
    ward.read();
    let path = ward.cache().path().to_path_buf();
    let mut bytes = std::fs::read(&path).expect("cache");
    bytes[24] ^= 1;
    std::fs::write(&path, &bytes).expect("write");
    assert_eq!(ward.read().1, parsed(1));
    assert_eq!(ward.read().1, hits(1), "rebuilt with this version's stamp");
}

#[test]
fn a_truncated_or_corrupted_cache_is_never_trusted_and_is_rebuilt() {
    let ward = Ward::new();
    for (id, name) in [("RX1", "Ann Able"), ("RX2", "Bob Baker"), ("RX3", "Cat Cole")] {
        ward.write(id, name);
    }
    ward.later();
    ward.read();
    assert_eq!(ward.read().1, hits(3));
    let path = ward.cache().path().to_path_buf();
    let good = std::fs::read(&path).expect("cache");
    // Every byte after the header flipped in turn, and every length cut short: never a wrong
    // case, and the next run has all three from the cache again.
    for at in (32..good.len()).step_by(7).chain([good.len() - 1]) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        std::fs::write(&path, &bad).expect("write");
        assert_eq!(ward.names(), ["Ann Able", "Bob Baker", "Cat Cole"], "byte {at} flipped");
        assert_eq!(ward.read().1, hits(3), "rebuilt after byte {at} was flipped");
        std::fs::write(&path, &good).expect("write");
    }
    for len in [0, 10, 31, 32, 33, good.len() / 2, good.len() - 1] {
        std::fs::write(&path, &good[..len]).expect("write");
        assert_eq!(ward.names(), ["Ann Able", "Bob Baker", "Cat Cole"], "cut to {len} bytes");
        assert_eq!(ward.read().1, hits(3), "rebuilt after a cut to {len} bytes");
    }
    assert_eq!(ward.read().1, hits(3));
}

#[test]
fn the_cache_is_private_to_its_user() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    ward.read();
    let path = ward.cache().path().to_path_buf();
    assert_eq!(std::fs::metadata(&path).expect("cache").mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(ward.caches()).expect("dir").mode() & 0o777, 0o700);
    // A cache file others could have written is not read, and is replaced by a private one.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    assert_eq!(ward.read().1, parsed(1));
    assert_eq!(std::fs::metadata(&path).expect("cache").mode() & 0o777, 0o600);
    assert_eq!(ward.read().1, hits(1));
    // A cache folder others can write is not used at all.
    std::fs::set_permissions(ward.caches(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    assert!(ParseCache::open(&ward.caches(), ward.root.path()).is_none());
    std::fs::set_permissions(ward.caches(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    // Nor is one that belongs to another user (only root can give a file away to test this).
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&path, Some(65534), None).expect("chown");
        assert_eq!(ward.read().1, parsed(1), "a cache file of another user is not read");
        std::os::unix::fs::chown(ward.caches(), Some(65534), None).expect("chown");
        assert!(ParseCache::open(&ward.caches(), ward.root.path()).is_none());
    }
}

#[test]
fn two_users_each_see_the_files_through_their_own_cache() {
    // Two users are two cache folders: what one user's cache holds is never another's view.
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    ward.read();
    ward.read();
    let other = tempfile::tempdir().expect("other user's cache");
    let theirs = ParseCache::open_with_clock(other.path(), ward.root.path(), clock(&ward.offset)).expect("cache");
    let read = read_folder(&ward.root.path().join("cases"), "cases", Some(&theirs)).expect("read");
    assert_eq!(theirs.take_stats(), parsed(1), "nothing of the first user's cache is read");
    assert_eq!(read[0].case.as_ref().map(|c| c.name.safe().to_string()).as_deref(), Some("Ann Able"));
    assert_eq!(std::fs::read_dir(other.path()).expect("dir").count(), 1);
}

#[test]
fn two_data_directories_have_caches_of_their_own() {
    let one = Ward::new();
    let two = Ward { cache_dir: tempfile::tempdir().expect("unused"), ..Ward::new() };
    one.write("RX1", "Ann Able");
    two.write("RX1", "Ann Other");
    // Both kept in the first ward's cache folder, one file each.
    let open = |root: &Path| ParseCache::open_with_clock(one.cache_dir.path(), root, clock(&one.offset)).expect("c");
    one.later();
    for _ in 0..2 {
        for (root, name) in [(one.root.path(), "Ann Able"), (two.root.path(), "Ann Other")] {
            let cache = open(root);
            let read = read_folder(&root.join("cases"), "cases", Some(&cache)).expect("read");
            assert_eq!(read[0].case.as_ref().map(|c| c.name.safe().to_string()).as_deref(), Some(name));
        }
    }
    assert_eq!(std::fs::read_dir(one.cache_dir.path()).expect("dir").count(), 2);
}

#[test]
fn one_changed_file_is_appended_not_the_whole_cache_rewritten() {
    let ward = Ward::new();
    for n in 1..=20 {
        ward.write(&format!("RX{n}"), "Ann Able");
    }
    ward.later();
    ward.read();
    ward.read();
    let path = ward.cache().path().to_path_buf();
    let before = std::fs::metadata(&path).expect("cache");
    ward.write("RX7", "Ann Abel");
    ward.later();
    assert_eq!(ward.read().1, CacheStats { hits: 19, parsed: 1 });
    let after = std::fs::metadata(&path).expect("cache");
    assert_eq!(after.ino(), before.ino(), "the same file, appended to");
    assert!(after.len() > before.len() && after.len() < before.len() + before.len() / 10);
    assert_eq!(ward.read().1, hits(20));
    let (read, _) = ward.read();
    let rx7 = read.iter().find(|e| e.file == "cases/RX7.yaml").and_then(|e| e.case.as_ref()).expect("RX7");
    assert_eq!(rx7.name.safe(), "Ann Abel");
}

#[test]
fn a_removed_file_is_not_listed_from_the_cache() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.write("RX2", "Bob Baker");
    ward.later();
    ward.read();
    ward.read();
    std::fs::remove_file(ward.file("RX2")).expect("remove");
    assert_eq!(ward.names(), ["Ann Able"]);
}

#[test]
fn every_case_of_the_demo_and_a_generated_ward_reads_back_from_the_cache_as_parsed() {
    let ward = Ward::new();
    let now = crate::model::Stamp::parse("2026-11-23 09:00").expect("now");
    let generated = crate::demo::population(300, 7, now);
    for (name, text) in crate::demo::ward(now).into_iter().chain(crate::demo::archive(now)).chain(generated) {
        std::fs::write(ward.root.path().join("cases").join(name), text).expect("write");
    }
    let (fresh, _) = ward.read();
    ward.later();
    ward.read();
    let (cached, stats) = ward.read();
    assert!(stats.hits > 10 && stats.hits == fresh.iter().filter(|e| e.case.is_some()).count(), "{stats:?}");
    assert_eq!(fresh.len(), cached.len());
    for (a, b) in fresh.iter().zip(&cached) {
        assert_eq!(
            (&a.file, &a.case, a.hash, &a.lines, &a.problems),
            (&b.file, &b.case, b.hash, &b.lines, &b.problems)
        );
    }
}

/// A long-running reader (the dashboard) reads the same files again and again: what it wrote to
/// the cache, by a first write, an append or a compaction, it finds again itself.
#[test]
fn one_run_finds_again_what_it_wrote_to_the_cache() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.write("RX2", "Bob Baker");
    ward.later();
    let cache = ward.cache();
    let cases = ward.root.path().join("cases");
    let read = |cache: &ParseCache| {
        let entries = read_folder(&cases, "cases", Some(cache)).expect("read");
        let names: Vec<String> =
            entries.iter().map(|e| e.case.as_ref().map(|c| c.name.safe().to_string()).unwrap_or_default()).collect();
        (names, cache.take_stats())
    };
    // The cache file written whole for the first time.
    assert_eq!(read(&cache), (vec!["Ann Able".to_string(), "Bob Baker".to_string()], parsed(2)));
    assert_eq!(read(&cache).1, hits(2), "found again by the run that wrote it");
    // One record appended.
    ward.write("RX2", "Bob Brown");
    ward.later();
    assert_eq!(
        read(&cache),
        (vec!["Ann Able".to_string(), "Bob Brown".to_string()], CacheStats { hits: 1, parsed: 1 })
    );
    assert_eq!(read(&cache).1, hits(2), "the appended record found again");
    assert_eq!(ward.names(), ["Ann Able", "Bob Brown"], "and by the next run");
}

/// Dead records (a file changed again and again) are dropped by writing the cache whole once
/// they outnumber the live ones; after that it is appended to again, not written whole at every
/// change (at 100,000 cases, a quarter of a gigabyte each time).
#[test]
fn the_cache_is_compacted_once_when_dead_records_pile_up_not_at_every_change_after() {
    let ward = Ward::new();
    ward.write("RX1", "Ann Able");
    ward.later();
    let cache = ward.cache();
    let cases = ward.root.path().join("cases");
    let inode = || {
        std::fs::read_dir(ward.caches())
            .expect("caches")
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".cache"))
            .map(|e| e.metadata().expect("meta").ino())
    };
    let mut written_whole = 0;
    let mut last = None;
    for n in 0..600 {
        ward.write("RX1", &format!("Ann Able {n}"));
        ward.later();
        let entries = read_folder(&cases, "cases", Some(&cache)).expect("read");
        assert_eq!(entries[0].case.as_ref().map(|c| c.name.safe().to_string()), Some(format!("Ann Able {n}")));
        assert_eq!(cache.take_stats(), parsed(1), "change {n}: the changed file is parsed");
        let now = inode();
        if now != last {
            written_whole += 1;
            last = now;
        }
    }
    // The first write, and a compaction each time some 257 dead records have piled up.
    assert!((2..=4).contains(&written_whole), "written whole {written_whole} times in 600 changes");
    let entries = read_folder(&cases, "cases", Some(&cache)).expect("read");
    assert_eq!(cache.take_stats(), hits(1), "the last record found again");
    assert_eq!(entries[0].case.as_ref().map(|c| c.name.safe().to_string()).as_deref(), Some("Ann Able 599"));
}
