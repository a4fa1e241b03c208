//! The parsed-case cache: what reading a case file found (the case, its content hash, where its
//! lines are), kept in the user's own cache directory so the next run need not parse the YAML
//! again. Parsing is most of what listing a large ward costs.
//!
//! Stale data shown as current is the hazard (docs/safety/hazard-log.md), so an entry is used only
//! when nothing can have changed the file since it was read:
//!
//! - the file's device, inode, size, modified time and change time (both to the nanosecond) are
//!   all as they were when it was read (a file replaced by rename has a new inode; any write moves
//!   the change time, which no program can set back);
//! - the file's times are more than [`RACY_MARGIN`] older than the moment it was read (git's
//!   "racily clean" rule): a file written again within the same tick of the file system's clock,
//!   with the same size, would otherwise look unchanged. A clock gone back since the entry was made
//!   makes it untrusted too;
//! - the cache was written by this very program: its stamp is a hash of the version, the case
//!   file's schema (generated from the types, so a new record kind or field changes it) and the
//!   identity of the executable (so any rebuild, upgrade or reinstall starts afresh). Nothing needs
//!   keeping up by hand when the case format changes;
//! - every record carries a checksum: a truncated, torn or corrupted cache is never trusted, and is
//!   rebuilt at the end of the read.
//!
//! Nothing clinical is judged from the cache: the rules, the clock and the guidelines are applied
//! after reading on every run, exactly as for a file just parsed. Files that could not be parsed
//! are not cached (their errors are worked out again each time).
//!
//! The cache is one file per data directory (named by a hash of its path), mode 0600 in a folder
//! of mode 0700, in the user's cache directory: never shared, so nobody can plant a case in another
//! user's view. A file or folder there that is not the user's own, or that others can write, is
//! not read. New entries are appended (one write each run, whatever the number); the whole file is
//! rewritten only when it has grown to twice what is live, or could not be read.
//!
//! Its header names its data directory. Writing a cache sweeps the folder ([`sweep`]): this
//! user's cache files unused for [`UNUSED_FOR`], or whose data directory is gone, are removed;
//! a run that only reads its cache marks it used, so a ward read every day keeps its cache.

use std::collections::HashMap;
use std::fs::{self, File, Metadata, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use super::listing::LineIndex;
use crate::model::Case;

/// How much older than the moment of reading a file's times must be for its entry to be trusted:
/// more than any file system's timestamp tick, and the few seconds an NFS server's clock may be
/// ahead of ours.
pub const RACY_MARGIN: Duration = Duration::from_secs(3);

/// The first bytes of a cache file; then the stamp, then [`ROOT_TAG`] and the data directory's
/// path (its length as u16, then its bytes), then records.
const MAGIC: &[u8; 24] = b"cordwatch parsed cases\n\0";
/// Marks the data directory's path in the header, so a sweep can tell a cache whose data
/// directory is gone.
const ROOT_TAG: &[u8; 5] = b"root\0";
/// The layout of the header and records below; part of the stamp.
const FORMAT: u32 = 3;
/// A cache file not used for this long is removed when another cache is written: its data
/// directory is most likely not read any more, and one file per directory ever read would
/// otherwise stay for ever.
pub const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// A record larger than this is not one (a case file is at most a few hundred KiB).
const MAX_RECORD: usize = 16 << 20;

/// A file's identity and times, as `stat` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileKey {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FileKey {
    pub(super) fn of(meta: &Metadata) -> FileKey {
        FileKey {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether either of the file's times is within [`RACY_MARGIN`] of `read_at`, or after it.
    fn is_racy(&self, read_at: (i64, i64)) -> bool {
        let limit = nanos(read_at) - RACY_MARGIN.as_nanos() as i128;
        nanos(self.mtime) >= limit || nanos(self.ctime) >= limit
    }
}

fn nanos((secs, nsec): (i64, i64)) -> i128 {
    i128::from(secs) * 1_000_000_000 + i128::from(nsec)
}

fn to_pair(t: SystemTime) -> (i64, i64) {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).unwrap_or(i64::MAX), i64::from(d.subsec_nanos())),
        // Before 1970: nothing read then can be trusted later, so it is as early as can be.
        Err(_) => (i64::MIN / 2, 0),
    }
}

/// What reading one file found, as the cache keeps it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parsed {
    pub hash: u64,
    pub lines: LineIndex,
    pub case: Case,
}

/// Where a record is in the cache file, from the scan at opening.
#[derive(Debug, Clone, Copy)]
struct Slot {
    offset: u64,
    len: u32,
}

/// What the cache file held when it was first looked at.
#[derive(Debug, Default)]
struct Opened {
    /// Shared by the reading threads, each reading at its own offsets.
    file: Option<std::sync::Arc<File>>,
    /// The latest record of each name.
    slots: HashMap<String, Slot>,
    /// Records in the file, counting those a later one replaced.
    records: usize,
    /// The file is missing, not ours, of another stamp, or broken: rewrite it, never append.
    rewrite: bool,
}

/// Counts of one read, for tests and the benchmarks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    /// Entries used as they were.
    pub hits: usize,
    /// Files parsed (no entry, a changed file, a racy or untrusted entry).
    pub parsed: usize,
}

/// The clock the cache reads (tests move it).
pub type Clock = Box<dyn Fn() -> SystemTime + Send + Sync>;

/// The cache of one data directory.
pub struct ParseCache {
    path: PathBuf,
    root: PathBuf,
    stamp: u64,
    clock: Clock,
    opened: OnceLock<Mutex<Opened>>,
    /// Records made since opening, to be written by [`ParseCache::flush`].
    pending: Mutex<Vec<(String, Vec<u8>)>>,
    /// Hits and parses since [`ParseCache::take_stats`] was last called.
    stats: Mutex<CacheStats>,
}

/// The folder the caches are kept in: `<user cache dir>/parsed`, or None when the user has no
/// home to keep one in.
pub fn user_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cordwatch").map(|d| d.cache_dir().join("parsed"))
}

/// A hash of this program and the case format: a cache written by anything else is not read.
fn stamp() -> Option<u64> {
    static STAMP: OnceLock<Option<u64>> = OnceLock::new();
    *STAMP.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let meta = fs::metadata(exe).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (FORMAT, env!("CARGO_PKG_VERSION"), crate::model::schema::case_schema_json()).hash(&mut h);
        FileKey::of(&meta).hash_into(&mut h);
        Some(h.finish())
    })
}

impl FileKey {
    fn hash_into(&self, h: &mut impl Hasher) {
        (self.dev, self.ino, self.size, self.mtime, self.ctime).hash(h);
    }
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseCache").field("path", &self.path).field("root", &self.root).finish_non_exhaustive()
    }
}

impl ParseCache {
    /// The cache of the data directory at `root`, kept in `dir` (made with mode 0700 if missing).
    /// None when `dir` cannot be made, or is not this user's own and private to them: then
    /// every file is parsed, as without a cache.
    pub fn open(dir: &Path, root: &Path) -> Option<ParseCache> {
        Self::open_with_clock(dir, root, Box::new(SystemTime::now))
    }

    /// As [`ParseCache::open`], reading the time from `clock` (tests move it).
    pub fn open_with_clock(dir: &Path, root: &Path, clock: Clock) -> Option<ParseCache> {
        let stamp = stamp()?;
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).ok()?;
        let meta = fs::symlink_metadata(dir).ok()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o022 != 0 {
            return None;
        }
        let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut h = std::collections::hash_map::DefaultHasher::new();
        root.hash(&mut h);
        let path = dir.join(format!("{:016x}.cache", h.finish()));
        Some(ParseCache {
            path,
            root,
            stamp,
            clock,
            opened: OnceLock::new(),
            pending: Mutex::new(Vec::new()),
            stats: Mutex::new(CacheStats::default()),
        })
    }

    /// The header's record of the data directory: [`ROOT_TAG`], the path's length, the path (cut
    /// at 65,535 bytes, which no real path reaches).
    fn header_root(&self) -> Vec<u8> {
        let path = self.root.as_os_str().as_encoded_bytes();
        let path = &path[..path.len().min(usize::from(u16::MAX))];
        let mut out = ROOT_TAG.to_vec();
        out.extend_from_slice(&(path.len() as u16).to_le_bytes());
        out.extend_from_slice(path);
        out
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The time to record as the moment a file is read: taken before it is opened.
    pub(super) fn now(&self) -> (i64, i64) {
        to_pair((self.clock)())
    }

    /// Hits and parses since the last call.
    pub fn take_stats(&self) -> CacheStats {
        std::mem::take(&mut *self.stats.lock().unwrap_or_else(|e| e.into_inner()))
    }

    pub(super) fn count(&self, hit: bool) {
        let mut stats = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        if hit {
            stats.hits += 1;
        } else {
            stats.parsed += 1;
        }
    }

    fn opened(&self) -> &Mutex<Opened> {
        self.opened.get_or_init(|| Mutex::new(self.scan()))
    }

    /// Reads the record index of the cache file: names and where their records are. The records
    /// themselves are read (and checked) only when used.
    fn scan(&self) -> Opened {
        let rewrite = Opened { rewrite: true, ..Opened::default() };
        let Ok(file) = OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(&self.path)
        else {
            return rewrite;
        };
        let Ok(meta) = file.metadata() else { return rewrite };
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if !meta.is_file() || meta.uid() != me || meta.mode() & 0o077 != 0 {
            return rewrite;
        }
        let mut reader = std::io::BufReader::with_capacity(1 << 16, &file);
        let mut head = [0u8; 32];
        if reader.read_exact(&mut head).is_err()
            || &head[..24] != MAGIC
            || u64::from_le_bytes(head[24..32].try_into().unwrap_or_default()) != self.stamp
        {
            return rewrite;
        }
        let root = self.header_root();
        let mut tag = vec![0u8; root.len()];
        if reader.read_exact(&mut tag).is_err() || tag != root {
            return rewrite;
        }
        let mut opened = Opened { file: None, slots: HashMap::new(), records: 0, rewrite: false };
        let mut offset = 32u64 + root.len() as u64;
        loop {
            // Each record: its length (u32), then the checksummed body, whose first field is the name.
            let mut len = [0u8; 4];
            match reader.read_exact(&mut len) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(_) => {
                    opened.rewrite = true;
                    break;
                }
            }
            let len = u32::from_le_bytes(len);
            let mut name_len = [0u8; 10];
            if (len as usize) < 8 + 2 || len as usize > MAX_RECORD || reader.read_exact(&mut name_len).is_err() {
                opened.rewrite = true;
                break;
            }
            let name_len = usize::from(u16::from_le_bytes([name_len[8], name_len[9]]));
            let mut name = vec![0u8; name_len];
            let rest = (len as usize).checked_sub(10 + name_len);
            let (Some(rest), Ok(())) = (rest, reader.read_exact(&mut name)) else {
                opened.rewrite = true;
                break;
            };
            if reader.seek_relative(rest as i64).is_err() {
                opened.rewrite = true;
                break;
            }
            let Ok(name) = String::from_utf8(name) else {
                opened.rewrite = true;
                break;
            };
            opened.slots.insert(name, Slot { offset, len });
            opened.records += 1;
            offset += 4 + u64::from(len);
        }
        // A record cut short at the end (a writer stopped mid-append) is caught when it is read:
        // its checksum cannot match.
        if offset != meta.len() {
            opened.rewrite = true;
        }
        drop(reader);
        opened.file = Some(std::sync::Arc::new(file));
        opened
    }

    /// The entry for `name` (`cases/RXH1.yaml`), if one is there and the file, as `key` finds it
    /// now, is exactly the file the entry was made from.
    pub(super) fn lookup(&self, name: &str, key: &FileKey) -> Option<Parsed> {
        let now = self.now();
        let (file, slot) = {
            let opened = self.opened().lock().unwrap_or_else(|e| e.into_inner());
            let slot = *opened.slots.get(name)?;
            (std::sync::Arc::clone(opened.file.as_ref()?), slot)
        };
        let mut body = vec![0u8; slot.len as usize];
        if file.read_exact_at(&mut body, slot.offset + 4).is_err() {
            self.broken();
            return None;
        }
        let Some(record) = Record::decode(&body) else {
            self.broken();
            return None;
        };
        if record.name != name {
            self.broken();
            return None;
        }
        let trusted = record.key == *key && !key.is_racy(record.read_at) && nanos(now) >= nanos(record.read_at);
        if !trusted {
            return None;
        }
        match record.parsed() {
            Some(parsed) => Some(parsed),
            None => {
                self.broken();
                None
            }
        }
    }

    fn broken(&self) {
        self.opened().lock().unwrap_or_else(|e| e.into_inner()).rewrite = true;
    }

    /// Keeps what reading `name` found, to be written at the next [`ParseCache::flush`].
    pub(super) fn store(&self, name: &str, key: FileKey, read_at: (i64, i64), parsed: &Parsed) {
        let Some(body) = Record::encode(name, key, read_at, parsed) else { return };
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).push((name.to_string(), body));
    }

    /// Writes the entries made since the last flush: appended in one write, or, when the file
    /// could not be trusted or has grown to twice what is live, the whole file rewritten (to a
    /// new file renamed over the old, mode 0600). A cache that cannot be written is no error:
    /// the next run parses again.
    pub fn flush(&self) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let mut opened = self.opened().lock().unwrap_or_else(|e| e.into_inner());
        if pending.is_empty() && !opened.rewrite {
            // Used, though nothing new: its time says so, or a sweep would take it for unused.
            if let Some(file) = &opened.file {
                let _ = file.set_modified(SystemTime::now());
            }
            return;
        }
        sweep(self.path.parent().unwrap_or(Path::new(".")), &self.path, SystemTime::now());
        let live = opened.slots.len() + pending.iter().filter(|(n, _)| !opened.slots.contains_key(n)).count();
        if opened.rewrite || opened.records + pending.len() > 2 * live + 256 {
            let _ = self.rewrite(&mut opened, pending);
        } else {
            let mut bytes = Vec::with_capacity(pending.iter().map(|(_, b)| b.len() + 4).sum());
            for (_, body) in &pending {
                frame(&mut bytes, body);
            }
            let appended =
                OpenOptions::new().append(true).custom_flags(libc::O_NOFOLLOW).open(&self.path).and_then(|mut f| {
                    f.write_all(&bytes)?;
                    // Where this append ended, whatever another process appended before it.
                    Ok((f.stream_position()?, f.metadata()?))
                });
            match appended {
                Ok((end, meta)) => {
                    // Found again by this run too (a long-running dashboard reads a file again
                    // and again), if the file appended to is the one this run reads from.
                    let same = opened.file.as_ref().and_then(|f| f.metadata().ok()).is_some_and(|m| {
                        use std::os::unix::fs::MetadataExt;
                        (m.dev(), m.ino()) == (meta.dev(), meta.ino())
                    });
                    if same {
                        let mut offset = end - bytes.len() as u64;
                        for (name, body) in pending {
                            opened.slots.insert(name, Slot { offset, len: body.len() as u32 });
                            opened.records += 1;
                            offset += 4 + body.len() as u64;
                        }
                    }
                }
                Err(_) => opened.rewrite = true,
            }
        }
    }

    /// Writes a new cache file: the live records of the old one (those whose file is still
    /// there, and whose checksum holds) and `pending`, then renames it over the old one.
    fn rewrite(&self, opened: &mut Opened, pending: Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.stamp.to_le_bytes());
        bytes.extend_from_slice(&self.header_root());
        let fresh: std::collections::HashSet<&str> = pending.iter().map(|(n, _)| n.as_str()).collect();
        // Where each record goes in the new file, so this run reads from it afterwards.
        let mut slots: HashMap<String, Slot> = HashMap::new();
        let mut put = |bytes: &mut Vec<u8>, name: &str, body: &[u8]| {
            slots.insert(name.to_string(), Slot { offset: bytes.len() as u64, len: body.len() as u32 });
            frame(bytes, body);
        };
        // Records of the old file are kept only where their own checksum holds; a file not ours,
        // or of another stamp, was never opened, so nothing of it is kept.
        if let Some(file) = &opened.file {
            for (name, slot) in &opened.slots {
                if fresh.contains(name.as_str()) || !self.root.join(name).exists() {
                    continue;
                }
                let mut body = vec![0u8; slot.len as usize];
                if file.read_exact_at(&mut body, slot.offset + 4).is_ok() && Record::decode(&body).is_some() {
                    put(&mut bytes, name, &body);
                }
            }
        }
        for (name, body) in &pending {
            put(&mut bytes, name, body);
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::Builder::new()
            .prefix(".parsed-")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .tempfile_in(dir)?;
        tmp.write_all(&bytes)?;
        let file = tmp.persist(&self.path).map_err(|e| e.error)?;
        // This run reads from the file just written: its records, and their count, which says
        // when dead records have piled up (counting the old file's would rewrite at every flush).
        opened.records = slots.len();
        opened.slots = slots;
        opened.file = Some(std::sync::Arc::new(file));
        opened.rewrite = false;
        Ok(())
    }
}

/// Removes, best effort, the cache files in `dir` other than `keep` that are this user's own and
/// were not used for [`UNUSED_FOR`], or whose header names a data directory that no longer
/// exists. Anything not ours, not a plain file, or not plainly a cache is left alone; nothing
/// that goes wrong here is an error.
pub fn sweep(dir: &Path, keep: &Path, now: SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == keep || path.extension().is_none_or(|e| e != "cache") {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if !meta.is_file() || meta.uid() != me {
            continue;
        }
        let unused = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|d| d > UNUSED_FOR);
        if unused || root_gone(&path) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Whether the cache file at `path` names, in its header, a data directory that is not there.
/// A header without the name (an older cache) says nothing: only its age removes it.
fn root_gone(path: &Path) -> bool {
    let Ok(mut file) = OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
    else {
        return false;
    };
    let mut head = [0u8; 32 + 5 + 2];
    if file.read_exact(&mut head).is_err() || &head[..24] != MAGIC || &head[32..37] != ROOT_TAG {
        return false;
    }
    let mut root = vec![0u8; usize::from(u16::from_le_bytes([head[37], head[38]]))];
    if root.is_empty() || file.read_exact(&mut root).is_err() {
        return false;
    }
    let root = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&root);
    matches!(fs::symlink_metadata(root), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// One record's body: checksum (u64) of what follows, name length (u16), name, the file key,
/// the moment read, the content hash, the line index, then the case in the codec's encoding.
struct Record<'a> {
    name: &'a str,
    key: FileKey,
    read_at: (i64, i64),
    hash: u64,
    lines: Vec<(u64, u32)>,
    case: &'a [u8],
}

impl Record<'_> {
    fn encode(name: &str, key: FileKey, read_at: (i64, i64), parsed: &Parsed) -> Option<Vec<u8>> {
        let case = codec::encode(&parsed.case)?;
        let name_len = u16::try_from(name.len()).ok()?;
        let lines = parsed.lines.raw();
        let mut body = Vec::with_capacity(8 + 2 + name.len() + 96 + lines.len() * 12 + case.len());
        body.extend_from_slice(&[0; 8]);
        body.extend_from_slice(&name_len.to_le_bytes());
        body.extend_from_slice(name.as_bytes());
        for n in [key.dev, key.ino, key.size] {
            body.extend_from_slice(&n.to_le_bytes());
        }
        for n in [key.mtime.0, key.mtime.1, key.ctime.0, key.ctime.1, read_at.0, read_at.1] {
            body.extend_from_slice(&n.to_le_bytes());
        }
        body.extend_from_slice(&parsed.hash.to_le_bytes());
        body.extend_from_slice(&(lines.len() as u32).to_le_bytes());
        for (h, line) in lines {
            body.extend_from_slice(&h.to_le_bytes());
            body.extend_from_slice(&line.to_le_bytes());
        }
        body.extend_from_slice(&case);
        let sum = checksum(&body[8..]);
        body[..8].copy_from_slice(&sum.to_le_bytes());
        (body.len() <= MAX_RECORD).then_some(body)
    }

    /// The record in `body`, if its checksum matches; the case is decoded by [`Record::parsed`].
    fn decode(body: &[u8]) -> Option<Record<'_>> {
        let (sum, rest) = body.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*sum) != checksum(rest) {
            return None;
        }
        let mut r = Reader(rest);
        let name_len = usize::from(u16::from_le_bytes(r.take()?));
        let name = std::str::from_utf8(r.bytes(name_len)?).ok()?;
        let [dev, ino, size] = [r.u64()?, r.u64()?, r.u64()?];
        let [m0, m1, c0, c1, r0, r1] = [r.i64()?, r.i64()?, r.i64()?, r.i64()?, r.i64()?, r.i64()?];
        let hash = r.u64()?;
        let count = u32::from_le_bytes(r.take()?) as usize;
        let mut lines = Vec::with_capacity(count.min(r.0.len() / 12));
        for _ in 0..count {
            lines.push((r.u64()?, u32::from_le_bytes(r.take()?)));
        }
        Some(Record {
            name,
            key: FileKey { dev, ino, size, mtime: (m0, m1), ctime: (c0, c1) },
            read_at: (r0, r1),
            hash,
            lines,
            case: r.0,
        })
    }

    fn parsed(self) -> Option<Parsed> {
        Some(Parsed { hash: self.hash, lines: LineIndex::from_raw(self.lines), case: codec::decode(self.case)? })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take()?))
    }
    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take()?))
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;

/// The case's encoding in the cache: JSON, chosen by measurement (docs/performance.md): it
/// decodes as fast as MessagePack, needs no crate the program does not already have, and, being
/// self-describing, reads back the case types' fields that are skipped when empty (which
/// postcard and bincode cannot).
mod codec {
    use crate::model::Case;

    pub fn encode(case: &Case) -> Option<Vec<u8>> {
        serde_json::to_vec(case).ok()
    }

    pub fn decode(bytes: &[u8]) -> Option<Case> {
        // The record checked as UTF-8 once, whole, rather than string by string as it is read.
        serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()
    }
}
