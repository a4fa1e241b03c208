//! The data directory: the only code that reads or writes it.
//!
//! Layout: `cases/<id>.yaml` (one file per patient), `archive/` (discharged cases, never deleted),
//! `locks/` (sidecar lock files), `audit.log` (one line per write).
//!
//! Several clinicians share one directory over SSH, so every change is made under the case's
//! exclusive lock: an event (a new exam, a dose...) is applied to the freshest copy on disk, and a
//! whole-file replacement (after an edit in `$EDITOR`) is refused if the file changed since it was
//! read. Every write is atomic and leaves a line in the audit log.

pub(crate) mod atomic;
mod audit;
mod create;
mod error;
mod fingerprint;
mod journal;
mod listing;
mod location;
mod permissions;
mod setup;

pub use crate::safe_file::{read_regular, read_regular_text};
pub use error::StoreError;
pub use fingerprint::{Changes, Fingerprint};
pub use listing::{CaseEntry, content_hash, mark_duplicates, par_map};
pub use location::{DataDirSource, resolve_data_dir};
pub use permissions::{Permissions, check_shared, check_shared_files};
// The store's own modules read through the same guarded reader as the settings and guidelines.
use crate::safe_file as safe_open;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::event::Event;
use crate::model::{Case, CaseId};
use crate::yaml;

const CASES: &str = "cases";
const ARCHIVE: &str = "archive";

/// Whether `<root>/case.schema.json` is this version's schema, byte for byte.
fn schema_is_current(root: &Path) -> bool {
    let path = root.join(crate::model::schema::SCHEMA_FILE);
    // Read as a regular file only (a FIFO there must not hang), and no larger than a schema is.
    safe_open::read_regular_text(&path, 1 << 20).is_ok_and(|text| text == crate::model::schema::case_schema_json())
}
const LOCKS: &str = "locks";
/// Internal lock names start with `_`, which no case id can (ids start with a letter or digit), so
/// a case named `audit` cannot take the audit log's lock and deadlock with itself.
const AUDIT_LOCK: &str = "_audit.lock";
/// Edits that lost a conflict are kept here, never discarded.
const CONFLICTS: &str = "conflicts";

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub permissions: Permissions,
    pub lock_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { permissions: Permissions::private(), lock_timeout: Duration::from_secs(10) }
    }
}

/// An open data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    options: StoreOptions,
    read_only: bool,
    user: String,
}

/// A successful write, with a warning when the write landed but something after it did not.
#[derive(Debug)]
pub struct Written {
    pub case: Case,
    pub summary: String,
    pub warning: Option<String>,
}

/// The 1-based line of the first line of a case file that contains `needle`, for pointing at a
/// problem found after parsing.
pub fn line_containing(path: &Path, needle: &str) -> Option<usize> {
    let bytes = listing::read_limited(path).ok()?;
    String::from_utf8_lossy(&bytes).lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// The names of the case files in the data directory at `root`, for tab completion: one listing
/// of its cases folder, with nothing opened (a FIFO there cannot block it) and nothing created,
/// not even a missing directory, which is an error here as everywhere else.
pub fn case_file_names(root: &Path) -> std::io::Result<Vec<String>> {
    Ok(listing::list_folder(&root.join(CASES))?
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| matches!(listing::classify(name), listing::FileKind::Case))
        .collect())
}

impl Store {
    /// Opens an existing data directory at `root`. Nothing is created but the internal folders
    /// of a data directory that already has its cases folder: a mistyped path must be an error,
    /// never an empty ward that reads as an all-clear (`cordwatch init` makes a new one). A
    /// directory this user cannot write is opened read-only rather than refused: reading the ward
    /// must always work.
    pub fn open(root: &Path, options: StoreOptions) -> Result<Store, StoreError> {
        setup::open(root, options)
    }

    /// Creates the data directory at `root` (or completes one), then opens it. With `group`, the
    /// folders are given to that group, setgid, so colleagues in it can read and write.
    pub fn init(root: &Path, options: StoreOptions, group: Option<&str>) -> Result<Store, StoreError> {
        setup::init(root, options, group)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The OS user named in the audit log.
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn case_path(&self, id: &CaseId) -> PathBuf {
        self.root.join(CASES).join(id.file_name())
    }

    /// Path relative to the data directory, for messages.
    pub fn case_file(&self, id: &CaseId) -> String {
        format!("{CASES}/{}", id.file_name())
    }

    /// Every file in the cases folder, readable or not, sorted by file name.
    pub fn load_all(&self) -> Result<Vec<CaseEntry>, StoreError> {
        let dir = self.root.join(CASES);
        listing::read_folder(&dir, CASES).map_err(StoreError::io("list", dir))
    }

    /// The files in the cases folder, for reading in batches with [`Store::read_case_files`].
    pub fn case_files(&self) -> Result<Vec<(String, PathBuf)>, StoreError> {
        let dir = self.root.join(CASES);
        listing::list_folder(&dir).map_err(StoreError::io("list", dir))
    }

    /// Reads some of the files [`Store::case_files`] listed. Duplicate ids across batches are
    /// marked by [`mark_duplicates`] once every batch is in.
    pub fn read_case_files(&self, files: &[(String, PathBuf)]) -> Vec<CaseEntry> {
        listing::read_files(files, CASES)
    }

    /// Whether the data directory's copy of the case file's schema (written by `init`, named by
    /// the modeline of new files) is missing or differs from this version's.
    pub fn schema_is_stale(&self) -> bool {
        !schema_is_current(&self.root)
    }

    /// Whether the archive folder is there (it is made by `init` and by the first discharge).
    pub fn has_archive(&self) -> bool {
        // Anything by that name counts as there — a file, a broken or looping link — so that
        // reading it fails and says why, rather than being reported as no archive at all.
        fs::symlink_metadata(self.root.join(ARCHIVE)).is_ok()
    }

    /// Every discharged case in the archive folder.
    pub fn load_archive(&self) -> Result<Vec<CaseEntry>, StoreError> {
        let dir = self.root.join(ARCHIVE);
        if !self.has_archive() {
            return Ok(Vec::new());
        }
        listing::read_folder(&dir, ARCHIVE).map_err(StoreError::io("list", dir))
    }

    /// Re-reads one file of the cases folder by its name there (after a change was noticed).
    pub fn load_file(&self, name: &str) -> CaseEntry {
        let path = self.root.join(CASES).join(name);
        listing::read_entry(&path, format!("{CASES}/{}", crate::model::text::sanitize(name)))
    }

    /// The exact text of a case file and its content hash, for editing by hand.
    pub fn read_text(&self, id: &CaseId) -> Result<(String, u64), StoreError> {
        let path = self.case_path(id);
        if !path.exists() {
            return Err(StoreError::NoSuchCase { id: id.to_string(), file: self.case_file(id) });
        }
        let bytes = listing::read_limited(&path).map_err(StoreError::io("read", &path))?;
        let hash = listing::content_hash(&bytes);
        Ok((String::from_utf8_lossy(&bytes).into_owned(), hash))
    }

    /// One case by id, as it is on disk now.
    pub fn load(&self, id: &CaseId) -> Result<CaseEntry, StoreError> {
        let path = self.case_path(id);
        if !path.exists() {
            return Err(StoreError::NoSuchCase { id: id.to_string(), file: self.case_file(id) });
        }
        Ok(listing::read_entry(&path, self.case_file(id)))
    }

    /// The 1-based line of the first line of `entry`'s file that contains `needle`, for pointing
    /// at a problem found after parsing (an acknowledgement naming an unknown rule).
    pub fn find_line(&self, entry: &CaseEntry, needle: &str) -> Option<usize> {
        line_containing(&entry.path, needle)
    }

    /// What the cases folder looks like now, to compare with an earlier look.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::take(&self.root.join(CASES))
    }

    /// What the archive folder looks like now: the Audit view compares it at each look, so a
    /// file added there by hand is noticed.
    pub fn archive_fingerprint(&self) -> Fingerprint {
        Fingerprint::take(&self.root.join(ARCHIVE))
    }

    /// Records one clinical event on the freshest copy of the case, under its lock.
    pub fn record(&self, id: &CaseId, event: &Event) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(id);
        let _lock = self.lock(id)?;
        self.tidy(id);
        let mut case = self.read_for_update(id, &path)?;
        let summary = event.apply(&mut case)?;
        let text = self.render_case(&path, &case, Self::has_modeline(&path))?;
        let warning = self.commit(id, &path, &text, event.operation(), &summary)?;
        Ok(Written { case, summary, warning })
    }

    /// Replaces a case file with text edited by hand, unless it changed since it was read (its
    /// content hash then was `read_hash`). The text is written exactly as given, comments and all.
    pub fn replace(&self, id: &CaseId, text: &str, read_hash: u64) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(id);
        let file = self.case_file(id);
        let case: Case = yaml::from_str(text).map_err(|e| StoreError::BadEdit(e.in_file(&file)))?;
        if case.id != *id {
            return Err(StoreError::BadEdit(format!(
                "{file}: the id was changed to `{}`; a case keeps its id (create a new case instead)",
                case.id
            )));
        }
        let _lock = self.lock(id)?;
        self.tidy(id);
        let current = match listing::read_limited(&path) {
            Ok(current) => current,
            // Discharged or removed while it was being edited: the edit has nowhere to go, so it
            // is kept rather than lost.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let kept = self.keep_rejected(id, text)?;
                return Err(StoreError::Gone { file, kept });
            }
            Err(e) => return Err(StoreError::io("read", &path)(e)),
        };
        if listing::content_hash(&current) != read_hash {
            let kept = self.keep_rejected(id, text)?;
            return Err(StoreError::Conflict { file, kept });
        }
        let summary = format!("file edited by hand ({} exams, {} imaging)", case.exams.len(), case.imaging.len());
        let warning = self.commit(id, &path, text, "edit", &summary)?;
        Ok(Written { case, summary, warning })
    }

    /// Creates a new case file; refuses an id that is already in use here or in the archive.
    pub fn create(&self, case: &Case) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(&case.id);
        let _lock = self.lock(&case.id)?;
        self.tidy(&case.id);
        if path.exists() {
            return Err(StoreError::Exists { id: case.id.to_string(), file: self.case_file(&case.id) });
        }
        let archived = self.root.join(ARCHIVE).join(case.id.file_name());
        if archived.exists() {
            return Err(StoreError::Exists {
                id: case.id.to_string(),
                file: format!("{ARCHIVE}/{} (discharged; move it back to cases/ to readmit)", case.id.file_name()),
            });
        }
        let summary = format!("new case {}", case.name.safe());
        let text = self.render_case(&path, case, true)?;
        let warning = self.commit(&case.id, &path, &text, "new", &summary)?;
        Ok(Written { case: case.clone(), summary, warning })
    }

    /// Marks the case discharged and moves its file to the archive, as one step: the marked copy
    /// is written into the archive first and the case file removed last, so until the end the
    /// patient is still on the ward, and a discharge that fails leaves nothing changed. A writer
    /// killed in between is finished by the next one (see [`journal`]). Nothing is deleted.
    pub fn discharge(&self, id: &CaseId, date: crate::model::Date) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(id);
        let _lock = self.lock(id)?;
        self.tidy(id);
        let mut case = self.read_for_update(id, &path)?;
        let summary = Event::Discharge { date }.apply(&mut case)?;
        let archive = self.root.join(ARCHIVE);
        if !archive.exists() {
            self.options.permissions.create_dir(&archive).map_err(StoreError::io("create", &archive))?;
        }
        let mut target = archive.join(id.file_name());
        let mut n = 1;
        while target.exists() {
            n += 1;
            target = archive.join(format!("{id}.{n}.yaml"));
        }
        let name = target.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let summary = format!("{summary}; moved to {ARCHIVE}/{name}");
        let text = self.render_case(&target, &case, Self::has_modeline(&path))?;
        let landed = journal::Landed::Moved {
            target: format!("{ARCHIVE}/{name}"),
            hash: listing::content_hash(text.as_bytes()),
            source: self.case_file(id),
        };
        let line = self.audit_line(id.as_str(), "discharge", &summary);
        let intent = journal::write(&self.root, id.as_str(), &landed, &line, self.options.permissions.file_mode)
            .map_err(StoreError::io("write", &target))?;
        let moved = atomic::write(&target, text.as_bytes(), self.options.permissions.file_mode)
            .map_err(StoreError::io("write", &target))
            .and_then(|()| fs::remove_file(&path).map_err(StoreError::io("remove from the ward", &path)));
        if let Err(e) = moved {
            // Undone, so the patient stays on the ward exactly as before.
            if path.exists() {
                let _ = fs::remove_file(&target);
            }
            let _ = fs::remove_file(&intent);
            return Err(e);
        }
        // The discharge has landed; a failed sync is not a reason to tell the user it did not.
        let _ = sync_dir(&self.root.join(CASES));
        let warning = self.append_audit(&line, &intent);
        Ok(Written { case, summary, warning })
    }

    /// Writes raw files into the cases folder without validation: only for seeding the demo ward,
    /// which deliberately includes an unreadable file.
    pub fn seed_raw(&self, files: &[(String, String)]) -> Result<(), StoreError> {
        self.writable()?;
        for (name, text) in files {
            let path = self.root.join(CASES).join(name);
            atomic::write(&path, text.as_bytes(), self.options.permissions.file_mode)
                .map_err(StoreError::io("write", &path))?;
        }
        Ok(())
    }

    /// Writes discharged case files into the archive as they are (the demo ward's history).
    pub fn seed_archive_raw(&self, files: &[(String, String)]) -> Result<(), StoreError> {
        self.writable()?;
        let dir = self.root.join(ARCHIVE);
        std::fs::create_dir_all(&dir).map_err(StoreError::io("create", &dir))?;
        for (name, text) in files {
            let path = dir.join(name);
            atomic::write(&path, text.as_bytes(), self.options.permissions.file_mode)
                .map_err(StoreError::io("write", &path))?;
        }
        Ok(())
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnly { dir: self.root.display().to_string(), user: self.user.clone() })
        } else {
            Ok(())
        }
    }

    fn lock(&self, id: &CaseId) -> Result<lock::CaseLock, StoreError> {
        self.lock_file(&format!("{id}.lock"), &self.case_file(id))
    }

    fn lock_file(&self, name: &str, what: &str) -> Result<lock::CaseLock, StoreError> {
        let path = self.root.join(LOCKS).join(name);
        lock::CaseLock::acquire(&path, self.options.permissions.file_mode, self.options.lock_timeout).map_err(|e| {
            match e {
                lock::LockError::TimedOut => {
                    StoreError::Busy { file: what.to_string(), seconds: self.options.lock_timeout.as_secs() }
                }
                lock::LockError::Io(source) => StoreError::Io { action: "lock", path, source },
            }
        })
    }

    fn read_for_update(&self, id: &CaseId, path: &Path) -> Result<Case, StoreError> {
        if !path.exists() {
            return Err(StoreError::NoSuchCase { id: id.to_string(), file: self.case_file(id) });
        }
        let entry = listing::read_entry(path, self.case_file(id));
        match entry.case {
            Some(case) if case.id == *id => Ok(case),
            Some(case) => Err(StoreError::Unreadable {
                file: self.case_file(id),
                error: format!("the id inside is `{}`, not `{id}`", case.id),
            }),
            None => Err(StoreError::Unreadable { file: self.case_file(id), error: entry.problems.join("; ") }),
        }
    }

    /// A case in the standard layout, after checking that the text reads back as the same case:
    /// a file the program could not read again is never written.
    ///
    /// A new file starts with the schema modeline, for editors; a rewrite keeps it only where the
    /// file had it, so a hospital that removed it from its files does not see it come back.
    fn render_case(&self, path: &Path, case: &Case, modeline: bool) -> Result<String, StoreError> {
        let mut text = yaml::write_case(case);
        if modeline {
            text.insert_str(0, &format!("{}\n", crate::model::schema::modeline()));
        }
        match yaml::from_str::<Case>(&text) {
            Ok(back) if back == *case => Ok(text),
            Ok(_) => Err(StoreError::WouldNotReadBack {
                path: path.to_path_buf(),
                reason: "the written form would not read back identically (a bug; please report it)".into(),
            }),
            Err(e) => Err(StoreError::WouldNotReadBack {
                path: path.to_path_buf(),
                reason: format!("the result would not be a valid case file ({e})"),
            }),
        }
    }

    /// Whether the file at `path` starts with a schema modeline (an unreadable file has none).
    fn has_modeline(path: &Path) -> bool {
        use std::io::Read as _;
        let prefix = crate::model::schema::MODELINE_PREFIX;
        let mut start = vec![0; prefix.len()];
        fs::File::open(path).and_then(|mut f| f.read_exact(&mut start)).is_ok() && start == prefix.as_bytes()
    }

    /// Writes `text` as the case file with its intent journalled first, then appends the audit
    /// line. Returns a warning when the write landed but the audit line could not be appended
    /// (it stays in the journal and is appended by the next writer of the case).
    fn commit(
        &self,
        id: &CaseId,
        path: &Path,
        text: &str,
        operation: &str,
        summary: &str,
    ) -> Result<Option<String>, StoreError> {
        let landed = journal::Landed::File { target: self.case_file(id), hash: listing::content_hash(text.as_bytes()) };
        let line = self.audit_line(id.as_str(), operation, summary);
        let intent = journal::write(&self.root, id.as_str(), &landed, &line, self.options.permissions.file_mode)
            .map_err(StoreError::io("write", path))?;
        if let Err(e) = atomic::write(path, text.as_bytes(), self.options.permissions.file_mode) {
            let _ = fs::remove_file(&intent);
            return Err(StoreError::io("write", path)(e));
        }
        Ok(self.append_audit(&line, &intent))
    }

    /// Before a write, under the case's lock: removes temporary files its killed writers left, and
    /// settles their journalled intents (appends the audit line of a write that landed, finishes a
    /// discharge that got as far as the archive, drops an intent whose write never landed).
    fn tidy(&self, id: &CaseId) {
        self.clear_stale_temps(id);
        for intent in journal::pending(&self.root, Some(id.as_str())) {
            let hash_of =
                |file: &str| listing::read_limited(&self.root.join(file)).ok().map(|b| listing::content_hash(&b));
            let landed = match &intent.landed {
                journal::Landed::File { target, hash } => hash_of(target) == Some(*hash),
                journal::Landed::Moved { target, hash, source } => {
                    let archived = hash_of(target) == Some(*hash);
                    if archived && self.root.join(source).exists() && fs::remove_file(self.root.join(source)).is_err() {
                        continue;
                    }
                    archived
                }
            };
            if landed && audit::has_recent(&self.root.join(audit::FILE_NAME), &intent.line) {
                // Appended, then killed before the intent was cleared.
                let _ = fs::remove_file(&intent.path);
            } else if landed {
                let line = match intent.line.strip_suffix('\n') {
                    Some(l) => format!("{l} (audit line recovered from the journal after an interrupted write)\n"),
                    None => intent.line.clone(),
                };
                if self.append_audit(&line, &intent.path).is_some() {
                    continue;
                }
            } else {
                let _ = fs::remove_file(&intent.path);
            }
        }
    }

    /// Writes that landed (or may have) without their audit line yet, for `validate`.
    pub fn pending_audit(&self) -> Vec<String> {
        journal::pending(&self.root, None)
            .into_iter()
            .map(|i| {
                let name = i.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                format!(
                    "{}/{}: a write was interrupted before its audit line; the line is added at the next write to that case",
                    journal::DIR,
                    crate::model::text::sanitize(&name)
                )
            })
            .collect()
    }

    /// Saves text that could not be written (it lost a conflict, or did not validate and the
    /// clinician gave up) in the conflicts folder, so what they typed is never lost. Each copy gets
    /// a name of its own, created exclusively: two in the same second never overwrite each other.
    pub fn keep_rejected(&self, id: &CaseId, text: &str) -> Result<String, StoreError> {
        use std::io::Write as _;
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
        let dir = self.root.join(CONFLICTS);
        if !dir.exists() {
            self.options.permissions.create_dir(&dir).map_err(StoreError::io("create", &dir))?;
        }
        for n in 1..10_000 {
            let name = if n == 1 { format!("{id}.{stamp}.yaml") } else { format!("{id}.{stamp}-{n}.yaml") };
            let path = dir.join(&name);
            let mut file = match create::create_new(&path, self.options.permissions.file_mode) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("write", &path)(e)),
            };
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .and_then(|()| fs::File::open(&dir)?.sync_all())
                .map_err(StoreError::io("write", &path))?;
            return Ok(format!("{CONFLICTS}/{name}"));
        }
        Err(StoreError::TooManyConflicts { id: id.to_string(), stamp: stamp.to_string() })
    }

    /// Temporary files left in the cases folder by writers that were killed: each holds a copy of
    /// a patient's record. Named as the atomic writer names them: `.<file>.<6 letters or digits>`.
    pub fn stale_temp_files(&self) -> Vec<String> {
        let Ok(dir) = fs::read_dir(self.root.join(CASES)) else { return Vec::new() };
        let mut found: Vec<String> = dir
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| is_temp_name(name, None))
            .map(|name| format!("{CASES}/{}", crate::model::text::sanitize(&name)))
            .collect();
        found.sort();
        found
    }

    /// Removes this case's temporary files left by killed writers. Called under the case's lock,
    /// when no live writer of this case can have one open.
    fn clear_stale_temps(&self, id: &CaseId) {
        let dir = self.root.join(CASES);
        let Ok(entries) = fs::read_dir(&dir) else { return };
        let file_name = id.file_name();
        for entry in entries.flatten() {
            if is_temp_name(&entry.file_name().to_string_lossy(), Some(&file_name)) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn audit_line(&self, case_id: &str, operation: &str, summary: &str) -> String {
        audit::AuditLine {
            time: jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S").to_string(),
            user: &self.user,
            case_id,
            operation,
            summary,
        }
        .render()
    }

    /// Appends to the audit log under its own lock, then clears the write's intent. A failure here
    /// is reported, not fatal: the clinical write has already landed and must not be retried; the
    /// intent stays, so the next writer of the case appends the line.
    fn append_audit(&self, line: &str, intent: &Path) -> Option<String> {
        let path = self.root.join(audit::FILE_NAME);
        let result = self.lock_file(AUDIT_LOCK, audit::FILE_NAME).map_err(|e| e.to_string()).and_then(|_lock| {
            audit::append(&path, line, self.options.permissions.file_mode).map_err(|e| e.to_string())
        });
        match result {
            Ok(()) => {
                let _ = fs::remove_file(intent);
                None
            }
            Err(e) => Some(format!(
                "the change was saved, but the audit log could not be written: {e}; the line is kept in {} and added at the next write",
                journal::DIR
            )),
        }
    }
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    fs::File::open(dir).and_then(|d| d.sync_all()).map_err(StoreError::io("sync", dir))
}

/// `.<file>.<6 letters or digits>`, the atomic writer's temporary name, for `file` or any case file.
fn is_temp_name(name: &str, file: Option<&str>) -> bool {
    let Some(rest) = name.strip_prefix('.') else { return false };
    let Some((stem, suffix)) = rest.rsplit_once('.') else { return false };
    let stem_matches = match file {
        Some(file) => stem == file,
        None => stem.ends_with(".yaml"),
    };
    stem_matches && suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
}

mod lock;
