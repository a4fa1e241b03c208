//! Reading every case file into a row, readable or not.
//!
//! No file in the cases folder is ever skipped silently: a file that cannot be read becomes an
//! UNREADABLE row carrying its error, and a readable file whose `id` does not match its file name,
//! or whose `id` another file also uses, is kept with that problem attached.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::cache::{FileKey, ParseCache, Parsed};
use crate::model::{Case, Problem, ProblemKind, Stamp};
use crate::yaml;

/// One file in the cases (or archive) folder.
#[derive(Debug, Clone)]
pub struct CaseEntry {
    /// Path relative to the data directory, for messages ("cases/RXH1.yaml").
    pub file: String,
    pub path: PathBuf,
    /// Content hash at read time, to detect a change made by someone else before a replace.
    pub hash: u64,
    /// The case, when the file could be read.
    pub case: Option<Case>,
    /// Every problem with this file, each one line starting with the file name.
    pub problems: Vec<Problem>,
    /// Where the dates and `key: value` pairs of the file are, found when it was read, so a
    /// problem the engine finds later is pointed at its line without reading the file again.
    pub lines: LineIndex,
}

impl CaseEntry {
    pub fn is_unreadable(&self) -> bool {
        self.case.is_none()
    }

    /// The id to show: the case's own, or the file name for an unreadable file.
    pub fn display_id(&self) -> String {
        match &self.case {
            Some(case) => case.id.to_string(),
            None => crate::model::text::sanitize(
                Path::new(&self.file).file_stem().and_then(|s| s.to_str()).unwrap_or(&self.file),
            ),
        }
    }
}

/// What kind of directory entry a name is.
pub(super) enum FileKind {
    Case,
    /// Editor swap and backup files, our own temporary files: never case files.
    Ignored,
    /// Anything else in the folder: shown, so nothing is hidden there.
    Stray,
    /// A folder inside the cases folder: its files are not read, so it is shown as a problem.
    Folder,
}

pub(super) fn classify(name: &str) -> FileKind {
    if name.ends_with('/') {
        FileKind::Folder
    } else if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swo") {
        FileKind::Ignored
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        FileKind::Case
    } else {
        FileKind::Stray
    }
}

/// A file in the cases folder that is not read as a case and is not a row either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRead {
    /// `cases/<name>`, sanitised (a folder ends in `/`).
    pub file: String,
    pub kind: NotReadKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReadKind {
    /// A hidden name (`.HID1.yaml`, a hidden folder): it may hold a patient nobody sees.
    Hidden,
    /// An editor's backup (`HID2.yaml~`): an older copy, or a patient saved under the wrong name.
    Backup,
    /// An editor's swap or lock file (`.RX1.yaml.swp`, `.#RX1.yaml`): someone is editing, or an
    /// editor was stopped.
    Swap,
}

impl NotRead {
    /// Hidden and backup files may hold a patient; a swap file is an editor's working state.
    pub fn may_hold_a_patient(&self) -> bool {
        !matches!(self.kind, NotReadKind::Swap)
    }

    /// One line for `validate`: the file, what it is, and what to do.
    pub fn describe(&self) -> String {
        let file = &self.file;
        match self.kind {
            NotReadKind::Hidden => format!(
                "{file}: a hidden name, so it is not read as a case file and appears in no list; if it holds a patient, \
                 rename it to <id>.yaml, otherwise move it out of the cases folder"
            ),
            NotReadKind::Backup => format!(
                "{file}: an editor's backup copy, so it is not read as a case file and appears in no list; if it holds a \
                 patient, rename it to <id>.yaml, otherwise move it out of the cases folder"
            ),
            NotReadKind::Swap => format!(
                "{file}: an editor's swap or lock file: someone is editing that case, or an editor was stopped; \
                 remove it once nobody is"
            ),
        }
    }
}

/// The files and folders of the cases folder `dir` that [`list_folder`] leaves out, but for the
/// program's own temporary files (named by `validate` apart), sorted by name.
pub fn not_read(dir: &Path, prefix: &str) -> Vec<NotRead> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<NotRead> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if super::is_temp_name(&name, None) {
            continue;
        }
        let swap = [".swp", ".swo", ".swn", ".swx"].iter().any(|s| name.ends_with(s)) || name.starts_with(".#");
        let kind = if folder && name.starts_with('.') {
            NotReadKind::Hidden
        } else if folder || !matches!(classify(&name), FileKind::Ignored) {
            continue;
        } else if swap {
            NotReadKind::Swap
        } else if name.starts_with('.') {
            NotReadKind::Hidden
        } else {
            NotReadKind::Backup
        };
        let slash = if folder { "/" } else { "" };
        found.push(NotRead { file: format!("{prefix}/{}{slash}", crate::model::text::sanitize(&name)), kind });
    }
    found.sort_by(|a, b| a.file.cmp(&b.file));
    found
}

pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads at most one byte more than the limit, so a huge file is refused without being loaded.
/// Only a regular file is opened (a FIFO would block every reader; see [`super::safe_open`]).
pub fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    read_limited_with_key(path).map(|(bytes, _)| bytes)
}

/// As [`read_limited`], with the identity and times of the file the bytes came from (taken from
/// the open file before reading, so they are of that very file).
pub(super) fn read_limited_with_key(path: &Path) -> std::io::Result<(Vec<u8>, FileKey)> {
    let file = super::safe_open::open_regular(path)?;
    let meta = file.metadata()?;
    // Sized from the file's length so a case file takes one read, not a series of growing ones.
    let expected = meta.len().min(yaml::MAX_DOCUMENT_BYTES as u64 + 1);
    let mut bytes = Vec::with_capacity(expected as usize + 1);
    file.take(yaml::MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes, FileKey::of(&meta)))
}

/// Runs `f` over `items` on every core, keeping their order. Reading and parsing thousands of
/// case files is the slowest thing the program does, and each file is independent.
pub fn par_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<U>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// [`par_map`] taking the items: each handed to `f` whole, on every core, in order.
pub fn par_map_owned<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut rest = items;
    while rest.len() > chunk {
        let tail = rest.split_off(chunk);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            parts.into_iter().map(|part| scope.spawn(|| part.into_iter().map(&f).collect::<Vec<U>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Reads one case file into an entry.
pub fn read_entry(path: &Path, file: String) -> CaseEntry {
    read_entry_cached(path, file, None)
}

/// Reads one case file into an entry, from `cache` when it holds what this very file held (see
/// [`ParseCache`] for when that is), otherwise parsing it and keeping what was found there.
pub(super) fn read_entry_cached(path: &Path, file: String, cache: Option<&ParseCache>) -> CaseEntry {
    if let Some(cache) = cache {
        // Followed like the read that would open it; only a regular file can have an entry.
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
            && let Some(parsed) = cache.lookup(&file, &FileKey::of(&meta))
        {
            cache.count(true);
            let problems = id_problems(&file, &parsed.case);
            return CaseEntry {
                file,
                path: path.to_path_buf(),
                hash: parsed.hash,
                case: Some(parsed.case),
                problems,
                lines: parsed.lines,
            };
        }
        cache.count(false);
    }
    // The moment of reading is taken before the file is opened: a change made after it is
    // within the racy margin of it, so its entry is never trusted (see `cache`).
    let read_at = cache.map(ParseCache::now);
    let (bytes, key) = match read_limited_with_key(path) {
        Ok(read) => read,
        Err(e) => {
            // Whose file it is and who can let others read it, when that is the trouble.
            let advice = match fs::metadata(path) {
                Ok(meta) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    use std::os::unix::fs::MetadataExt;
                    format!(
                        " (mode {:o}); {}",
                        meta.mode() & 0o7777,
                        super::permissions::who_can_fix(&meta, &format!("chmod 660 {}", path.display()))
                    )
                }
                _ => String::new(),
            };
            return CaseEntry {
                problems: vec![Problem::new(ProblemKind::CannotRead, format!("{file}: cannot be read: {e}{advice}"))],
                file,
                path: path.to_path_buf(),
                hash: 0,
                case: None,
                lines: LineIndex::default(),
            };
        }
    };
    let hash = content_hash(&bytes);
    match yaml::from_bytes::<Case>(&bytes) {
        Ok(case) => {
            let problems = id_problems(&file, &case);
            let lines = LineIndex::of(&String::from_utf8_lossy(&bytes));
            let mut parsed = Parsed { hash, lines, case };
            if let (Some(cache), Some(read_at)) = (cache, read_at) {
                cache.store(&file, key, read_at, &parsed);
            }
            let lines = std::mem::take(&mut parsed.lines);
            CaseEntry { file, path: path.to_path_buf(), hash, case: Some(parsed.case), problems, lines }
        }
        Err(e) => CaseEntry {
            problems: vec![Problem::new(ProblemKind::Invalid, e.in_file(&file))],
            file,
            path: path.to_path_buf(),
            hash,
            case: None,
            lines: LineIndex::default(),
        },
    }
}

/// The problem of a case whose id is not its file's name (`file` is `cases/<name>`).
fn id_problems(file: &str, case: &Case) -> Vec<Problem> {
    let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if stem == case.id.as_str() {
        return Vec::new();
    }
    vec![Problem::new(
        ProblemKind::IdMismatch,
        format!(
            "{file}: the id `{}` does not match the file name; rename the file to {} or correct the id",
            case.id,
            case.id.file_name()
        ),
    )]
}

/// The files of a folder that are (or may be) case files, sorted by name: editor swap and
/// backup files, hidden files and our own temporary files are left out (named by
/// [`not_read`] instead), anything else is kept.
pub fn list_folder(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let mut name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            // A folder among the case files may hold patients moved out of sight: it is listed.
            if name.starts_with('.') {
                continue;
            }
            name.push('/');
        }
        if !matches!(classify(&name), FileKind::Ignored) {
            names.push((name, entry.path()));
        }
    }
    names.sort();
    Ok(names)
}

/// Reads the given files of a folder (named `prefix/...` in messages) on every core, in order.
/// Duplicate ids are not marked here: that needs every file (see [`mark_duplicates`]).
pub fn read_files(files: &[(String, PathBuf)], prefix: &str, cache: Option<&ParseCache>) -> Vec<CaseEntry> {
    let entries = par_map(files, |file| read_listed(file, prefix, cache));
    if let Some(cache) = cache {
        cache.flush();
    }
    entries
}

/// Reads one file [`list_folder`] gave: a case file, or the problem of what is not one.
pub fn read_listed((name, path): &(String, PathBuf), prefix: &str, cache: Option<&ParseCache>) -> CaseEntry {
    let file = format!("{prefix}/{}", crate::model::text::sanitize(name));
    let problem = match classify(name) {
        FileKind::Folder => Problem::new(
            ProblemKind::Folder,
            format!(
                "{file}: a folder inside the {prefix} folder; case files in it are not read, so move them into {prefix}/ or the folder out"
            ),
        ),
        FileKind::Stray => Problem::new(
            ProblemKind::NotACaseFile,
            format!("{file}: not a case file (case files are named <id>.yaml); move it out of the {prefix} folder"),
        ),
        _ => return read_entry_cached(path, file, cache),
    };
    CaseEntry { problems: vec![problem], file, path: path.clone(), hash: 0, case: None, lines: LineIndex::default() }
}

/// Reads every case file in `dir` (named `prefix/...` in messages), sorted by file name.
pub fn read_folder(dir: &Path, prefix: &str, cache: Option<&ParseCache>) -> std::io::Result<Vec<CaseEntry>> {
    let mut entries = read_files(&list_folder(dir)?, prefix, cache);
    mark_duplicates(entries.iter_mut());
    Ok(entries)
}

/// Flags every file whose id another file also uses: both stay listed. Returns how many files
/// were flagged.
pub fn mark_duplicates<'a>(entries: impl IntoIterator<Item = &'a mut CaseEntry>) -> usize {
    let mut entries: Vec<&mut CaseEntry> = entries.into_iter().collect();
    let mut flagged = 0;
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(case) = &e.case {
            by_id.entry(case.id.as_str().to_string()).or_default().push(i);
        }
    }
    for (id, indexes) in by_id {
        if indexes.len() < 2 {
            continue;
        }
        let files: Vec<String> = indexes.iter().map(|&i| entries[i].file.clone()).collect();
        for &i in &indexes {
            let others: Vec<&str> = files.iter().filter(|f| **f != entries[i].file).map(String::as_str).collect();
            let message = duplicate_id_message(&entries[i].file, &id, &others);
            entries[i].problems.push(Problem::new(ProblemKind::DuplicateId, message));
            flagged += 1;
        }
    }
    flagged
}

/// What a file whose id `others` also use is told.
pub fn duplicate_id_message(file: &str, id: &str, others: &[&str]) -> String {
    format!("{file}: the id `{id}` is also used by {}; each patient must have one file", others.join(", "))
}

/// Where things are in a case file, by line: every date or date-and-time (`2026-11-21`,
/// `2026-11-21 08:30`) and every `key: value` piece (`every_weeks: 20`), each by a hash of its
/// text with the first line it is on. Built when the file is read; a few hundred bytes a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex(Vec<(u64, u32)>);

fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl LineIndex {
    pub fn of(text: &str) -> LineIndex {
        let mut found: Vec<(u64, u32)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let mut add = |piece: &str| found.push((text_hash(piece), line_no));
            for piece in line.split([',', '{', '}']).map(|p| p.trim().trim_start_matches("- ").trim()) {
                if piece.contains(": ") {
                    add(piece);
                }
            }
            let bytes = line.as_bytes();
            for start in 0..bytes.len() {
                let is_date = bytes.len() >= start + 10
                    && bytes[start..start + 10]
                        .iter()
                        .enumerate()
                        .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
                    && (start == 0 || !bytes[start - 1].is_ascii_digit());
                if !is_date {
                    continue;
                }
                add(&line[start..start + 10]);
                // With its time (written with a space or a T; said back with a space).
                for len in [16, 19] {
                    if let Some(stamp) = line.get(start..start + len)
                        && Stamp::parse(stamp).is_ok()
                    {
                        add(&stamp.replacen('T', " ", 1));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|(hash, _)| *hash);
        LineIndex(found)
    }

    /// The pairs themselves, for the parsed-case cache.
    pub(super) fn raw(&self) -> &[(u64, u32)] {
        &self.0
    }

    /// An index as [`LineIndex::raw`] gave it.
    pub(super) fn from_raw(pairs: Vec<(u64, u32)>) -> LineIndex {
        LineIndex(pairs)
    }

    /// The first line holding `needle` (a date, a time, or a `key: value` piece), if any.
    pub fn line_of(&self, needle: &str) -> Option<usize> {
        let hash = text_hash(needle.trim());
        self.0.binary_search_by_key(&hash, |(h, _)| *h).ok().map(|i| self.0[i].1 as usize)
    }
}
