//! The data directory: the only code that reads or writes it.
//!
//! Layout: `cases/<id>.yaml` (one file per patient), `archive/` (discharged cases, never deleted),
//! `locks/` (sidecar lock files), `conflicts/` (edits and copies kept aside, never deleted),
//! `journal/` (writes not yet in the audit log, see [`journal`]), `audit.log` (one line per write,
//! see [`audit`]).
//!
//! Several clinicians share one directory over SSH, so every change is made under the case's
//! exclusive lock: an event (a new exam, a dose...) is applied to the freshest copy on disk, and a
//! whole-file replacement (after an edit in `$EDITOR`) is refused if the file changed since it was
//! read. Every write is atomic and leaves a line in the audit log.

pub(crate) mod atomic;
mod audit;
mod cache;
mod create;
mod error;
mod fingerprint;
mod in_folder;
mod journal;
mod listing;
mod location;
mod permissions;
mod setup;
mod syslog;
mod vanished;
mod watch;

pub use crate::safe_file::{read_regular, read_regular_text};
pub use audit::{History, os_user};
pub use cache::{CacheStats, ParseCache, RACY_MARGIN, user_cache_dir};
pub use error::StoreError;
pub use fingerprint::{Changes, FileChange, Fingerprint};
pub use listing::{
    CaseEntry, NotRead, NotReadKind, content_hash, duplicate_id_message, mark_duplicates, par_map, par_map_owned,
};
pub use location::{DataDirSource, resolve_data_dir};
pub use permissions::{Permissions, check_shared, check_shared_files};
pub use watch::{CaseWatch, Noticed};
// The store's own modules read through the same guarded reader as the settings and guidelines.
use crate::safe_file as safe_open;
pub use syslog::Facility as SyslogFacility;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::event::Event;
use crate::model::{Case, CaseId};
use crate::yaml;
use syslog::Facility;

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
    /// The modes of new files and folders. A data directory that is itself shared (setgid and
    /// group-writable) is written as shared whatever this says: see [`Store::permissions`].
    pub permissions: Permissions,
    pub lock_timeout: Duration,
    /// Send every audit line to the system log too, with this facility (`audit_syslog`).
    pub syslog: Option<Facility>,
    /// Where to keep the parsed-case cache (see [`cache`]), or None to parse every file on every
    /// read: the user's cache directory ([`user_cache_dir`]) unless `--no-cache` or the setting
    /// `parse_cache: false` said otherwise.
    pub cache_dir: Option<PathBuf>,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            permissions: Permissions::private(),
            lock_timeout: Duration::from_secs(10),
            syslog: None,
            cache_dir: None,
        }
    }
}

/// An open data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    options: StoreOptions,
    /// The modes files and folders are made with here (see [`Store::permissions`]).
    permissions: Permissions,
    /// How long a write waits for its case's lock (the dashboard asks for no wait, and waits by
    /// trying again between frames so it never freezes).
    case_wait: Duration,
    read_only: bool,
    user: String,
    /// The clinician set for this login, as the audit log's clinician column says it; a write
    /// whose record names who made it says that instead.
    clinician: String,
    /// The parsed-case cache, when there is one.
    cache: Option<std::sync::Arc<ParseCache>>,
}

/// A write's operation, as the audit log names it, and who its record says made it (None: the
/// clinician set for the login).
struct Op<'a> {
    name: &'a str,
    author: Option<String>,
}

impl<'a> From<&'a str> for Op<'a> {
    fn from(name: &'a str) -> Op<'a> {
        Op { name, author: None }
    }
}

/// A successful write, with a warning when the write landed but something after it did not.
#[derive(Debug)]
pub struct Written {
    pub case: Case,
    pub summary: String,
    pub warning: Option<String>,
}

/// Whether a name in the cases folder is listed (as a case file, or as something that should not
/// be there); editors' swap and backup files and the program's own temporary files are not.
pub fn is_listed_name(name: &str) -> bool {
    !matches!(listing::classify(name), listing::FileKind::Ignored)
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

    /// Who did what to case `id`, from the audit log, oldest first (the last 64 MiB of the log).
    pub fn history(&self, id: &CaseId) -> Result<Vec<audit::History>, StoreError> {
        let path = self.root.join(audit::FILE_NAME);
        audit::history(&path, id.as_str(), 64 << 20).map_err(StoreError::io("read", &path))
    }

    /// Names the clinician recording at this login in the audit log's clinician column.
    pub fn set_clinician(&mut self, clinician: &str) {
        self.clinician = clinician.to_string();
    }

    /// The clinician set for this login, as the audit log says it; empty when none is.
    pub fn clinician(&self) -> &str {
        &self.clinician
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
        listing::read_folder(&dir, CASES, self.cache()).map_err(StoreError::io("list", dir))
    }

    /// The files in the cases folder, for reading in batches with [`Store::read_case_files`].
    pub fn case_files(&self) -> Result<Vec<(String, PathBuf)>, StoreError> {
        let dir = self.root.join(CASES);
        listing::list_folder(&dir).map_err(StoreError::io("list", dir))
    }

    /// Opens the cases folder without listing it: fails as [`Store::case_files`] would when the
    /// folder is not there or cannot be read, in the time a listing of a large ward would take
    /// to start.
    pub fn open_cases_folder(&self) -> Result<(), StoreError> {
        let dir = self.root.join(CASES);
        fs::read_dir(&dir).map(drop).map_err(StoreError::io("list", dir))
    }

    /// Reads some of the files [`Store::case_files`] listed. Duplicate ids across batches are
    /// marked by [`mark_duplicates`] once every batch is in.
    pub fn read_case_files(&self, files: &[(String, PathBuf)]) -> Vec<CaseEntry> {
        listing::read_files(files, CASES, self.cache())
    }

    /// Whether the data directory's copy of the case file's schema (written by `init`, named by
    /// the modeline of new files) is missing or differs from this version's.
    pub fn schema_is_stale(&self) -> bool {
        !schema_is_current(&self.root)
    }

    /// A warning when the ward looks to have vanished (the cases folder emptied, moved or
    /// replaced while the audit log shows patients still on the ward), given the case id (file
    /// stem) of every file in the cases folder: see [`vanished`].
    pub fn vanished<'a>(&self, present: impl IntoIterator<Item = &'a str>) -> Option<String> {
        vanished::check(&self.root, present)
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
        listing::read_folder(&dir, ARCHIVE, self.cache()).map_err(StoreError::io("list", dir))
    }

    /// The files of the cases folder, or of the archive (none when there is no archive), for
    /// reading one at a time with [`Store::read_listed`]: a report that keeps only a little of
    /// each case need never hold them all.
    pub fn listed_files(&self, archive: bool) -> Result<Vec<(String, PathBuf)>, StoreError> {
        let dir = self.root.join(if archive { ARCHIVE } else { CASES });
        if archive && !self.has_archive() {
            return Ok(Vec::new());
        }
        listing::list_folder(&dir).map_err(StoreError::io("list", dir))
    }

    /// Reads one file [`Store::listed_files`] gave, as [`Store::load_all`] or
    /// [`Store::load_archive`] read it (duplicate ids are not marked: that needs every file).
    /// New cache entries are written by [`Store::flush_cache`].
    pub fn read_listed(&self, archive: bool, file: &(String, PathBuf)) -> CaseEntry {
        listing::read_listed(file, if archive { ARCHIVE } else { CASES }, self.cache())
    }

    /// Writes the cache entries made since the last write.
    pub fn flush_cache(&self) {
        if let Some(cache) = self.cache() {
            cache.flush();
        }
    }

    /// Re-reads one file of the cases folder by its name there (after a change was noticed).
    pub fn load_file(&self, name: &str) -> CaseEntry {
        let path = self.root.join(CASES).join(name);
        let entry =
            listing::read_entry_cached(&path, format!("{CASES}/{}", crate::model::text::sanitize(name)), self.cache());
        if let Some(cache) = self.cache() {
            cache.flush();
        }
        entry
    }

    /// The parsed-case cache in use, if any.
    pub fn cache(&self) -> Option<&ParseCache> {
        self.cache.as_deref()
    }

    /// The same store reading every file itself, never from the cache (`validate`).
    pub fn without_cache(&self) -> Store {
        Store { cache: None, ..self.clone() }
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
        entry.lines.line_of(needle)
    }

    /// What the cases folder looks like now, to compare with an earlier look.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::take(&self.root.join(CASES))
    }

    /// Brings `fingerprint` (of the cases folder) up to date for the one file `name`, after a
    /// notification named it, and says how that file changed.
    pub fn refresh_fingerprint(&self, fingerprint: &mut Fingerprint, name: &str) -> FileChange {
        fingerprint.refresh(&self.root.join(CASES), name)
    }

    /// Notifications of changes in the cases folder, where the kernel gives them (None where it
    /// will not). They are not the only look needed: a change made on another machine to a
    /// network file system reaches no notification here, so whoever watches still takes a
    /// [`Store::fingerprint`] now and then.
    pub fn watch_cases(&self) -> Option<CaseWatch> {
        CaseWatch::start(&self.root.join(CASES))
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
        let settled = self.tidy(id);
        let (mut case, before) = self.read_for_update(id, &path)?;
        let summary = event.apply(&mut case)?;
        let text = self.render_case(&path, &case, Self::has_modeline(&path))?;
        let warning = self.commit(
            id,
            &path,
            &text,
            Some(before),
            Op { name: event.operation(), author: event.author() },
            &summary,
        )?;
        Ok(Written { case, summary, warning: join_warnings(settled, warning) })
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
        let settled = self.tidy(id);
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
        let warning = self.commit(id, &path, text, Some(read_hash), "edit".into(), &summary)?;
        Ok(Written { case, summary, warning: join_warnings(settled, warning) })
    }

    /// Creates a new case file; refuses an id that is already in use here or in the archive.
    pub fn create(&self, case: &Case) -> Result<Written, StoreError> {
        self.create_as(case, "new", "")
    }

    /// Creates a new case file from another system's list or message (`source`: "ward.csv line
    /// 4"), audited as `import-new` with where it came from.
    pub fn create_imported(&self, case: &Case, source: &str) -> Result<Written, StoreError> {
        self.create_as(case, "import-new", &format!(" (from {})", crate::model::text::sanitize(source)))
    }

    fn create_as(&self, case: &Case, operation: &str, note: &str) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(&case.id);
        let _lock = self.lock(&case.id)?;
        let settled = self.tidy(&case.id);
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
        let summary = format!("new case {}{note}", case.name.safe());
        let text = self.render_case(&path, case, true)?;
        let warning = self.commit(&case.id, &path, &text, None, operation.into(), &summary)?;
        Ok(Written { case: case.clone(), summary, warning: join_warnings(settled, warning) })
    }

    /// Marks the case discharged and moves its file to the archive, as one step: the marked copy
    /// is written into the archive first and the case file removed last, so until the end the
    /// patient is still on the ward, and a discharge that fails leaves nothing changed. A writer
    /// killed in between is finished by the next one, but only if the case file is still as it
    /// was when the discharge began (see [`journal`]). Nothing is deleted.
    pub fn discharge(&self, id: &CaseId, date: crate::model::Date) -> Result<Written, StoreError> {
        self.writable()?;
        let path = self.case_path(id);
        let _lock = self.lock(id)?;
        let settled = self.tidy(id);
        let (mut case, source_hash) = self.read_for_update(id, &path)?;
        let summary = Event::Discharge { date }.apply(&mut case)?;
        let archive = self.root.join(ARCHIVE);
        if !archive.exists() {
            self.permissions().create_dir(&archive).map_err(StoreError::io("create", &archive))?;
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
        let landed =
            journal::Landed::Moved { archive_name: name, hash: listing::content_hash(text.as_bytes()), source_hash };
        let (intent, entry) = self.journal(id, landed, "discharge".into(), &summary)?;
        let mode = self.file_mode(&path);
        let moved = atomic::write(&target, text.as_bytes(), mode)
            .map_err(StoreError::io("write", &target))
            .and_then(|()| fs::remove_file(&path).map_err(StoreError::io("remove from the ward", &path)));
        if let Err(e) = moved {
            // Undone, so the patient stays on the ward exactly as before.
            if path.exists() {
                let _ = fs::remove_file(&target);
            }
            let _ = fs::remove_file(&entry);
            return Err(e);
        }
        // The discharge has landed; a failed sync is not a reason to tell the user it did not.
        let _ = sync_dir(&self.root.join(CASES));
        let warning = self.append_audit(&intent.line, &entry);
        Ok(Written { case, summary, warning: join_warnings(settled, warning) })
    }

    /// Writes raw files into the cases folder without validation: only for seeding the demo ward,
    /// which deliberately includes an unreadable file.
    pub fn seed_raw(&self, files: &[(String, String)]) -> Result<(), StoreError> {
        self.writable()?;
        for (name, text) in files {
            let path = self.root.join(CASES).join(name);
            atomic::write(&path, text.as_bytes(), self.permissions().file_mode)
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
            atomic::write(&path, text.as_bytes(), self.permissions().file_mode)
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

    /// The modes files and folders are made with in this data directory: shared (0660, 2770)
    /// when the directory itself is set up for sharing (setgid and group-writable) or the options
    /// say so, else the options' own. One colleague without `shared_group` in her settings must
    /// not make files her team cannot read.
    pub fn permissions(&self) -> Permissions {
        self.permissions
    }

    /// The mode to write `path` with: the store's, widened by what the file has now, so a mode
    /// given to a file by hand is kept, never narrowed.
    fn file_mode(&self, path: &Path) -> u32 {
        use std::os::unix::fs::MetadataExt;
        let had = fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file()).map(|m| m.mode() & 0o777);
        self.permissions.file_mode | had.unwrap_or(0)
    }

    /// The same store, with writes that do not wait for a case's lock held by someone else: they
    /// fail at once with [`StoreError::Busy`], to be tried again (the dashboard does, between
    /// frames). The audit log's lock is still waited for as usual.
    pub fn without_waiting(&self) -> Store {
        Store { case_wait: Duration::ZERO, ..self.clone() }
    }

    fn lock(&self, id: &CaseId) -> Result<lock::CaseLock, StoreError> {
        self.lock_file_waiting(&format!("{id}.lock"), &self.case_file(id), self.case_wait)
    }

    fn lock_file(&self, name: &str, what: &str) -> Result<lock::CaseLock, StoreError> {
        self.lock_file_waiting(name, what, self.options.lock_timeout)
    }

    fn lock_file_waiting(&self, name: &str, what: &str, wait: Duration) -> Result<lock::CaseLock, StoreError> {
        let path = self.root.join(LOCKS).join(name);
        lock::CaseLock::acquire(&path, self.permissions().file_mode, wait).map_err(|e| match e {
            lock::LockError::TimedOut => StoreError::Busy { file: what.to_string(), seconds: wait.as_secs() },
            lock::LockError::Io(source) => StoreError::Io { action: "lock", path, source },
        })
    }

    /// The case as it is on disk, with the content hash of the file it was read from.
    fn read_for_update(&self, id: &CaseId, path: &Path) -> Result<(Case, u64), StoreError> {
        if !path.exists() {
            return Err(StoreError::NoSuchCase { id: id.to_string(), file: self.case_file(id) });
        }
        let entry = listing::read_entry(path, self.case_file(id));
        match entry.case {
            Some(case) if case.id == *id => Ok((case, entry.hash)),
            Some(case) => Err(StoreError::Unreadable {
                file: self.case_file(id),
                error: format!("the id inside is `{}`, not `{id}`", case.id),
            }),
            None => Err(StoreError::Unreadable {
                file: self.case_file(id),
                error: crate::model::problem::join(&entry.problems, "; "),
            }),
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
    /// (it stays in the journal and is appended by the next write to any case).
    /// `before` is the hash of the file as it was read for this write (None for a new case).
    fn commit(
        &self,
        id: &CaseId,
        path: &Path,
        text: &str,
        before: Option<u64>,
        operation: Op<'_>,
        summary: &str,
    ) -> Result<Option<String>, StoreError> {
        let landed = journal::Landed::File { hash: listing::content_hash(text.as_bytes()), before };
        let (intent, entry) = self.journal(id, landed, operation, summary)?;
        if let Err(e) = atomic::write(path, text.as_bytes(), self.file_mode(path)) {
            let _ = fs::remove_file(&entry);
            return Err(StoreError::io("write", path)(e));
        }
        Ok(self.append_audit(&intent.line, &entry))
    }

    /// Saves the journal entry of a write about to be made: its audit line, with a new id, and
    /// what the write will leave on disk. Returns the entry and its file.
    fn journal(
        &self,
        id: &CaseId,
        landed: journal::Landed,
        operation: Op<'_>,
        summary: &str,
    ) -> Result<(journal::Intent, PathBuf), StoreError> {
        let intent = journal::Intent {
            path: PathBuf::new(),
            case: id.clone(),
            landed,
            audit_from: audit::length(&self.root.join(audit::FILE_NAME)),
            line: audit::AuditLine::now(
                &self.user,
                operation.author.as_deref().unwrap_or(&self.clinician),
                id.as_str(),
                operation.name,
                summary,
            ),
        };
        let mode = self.permissions().file_mode;
        let entry = journal::write(&self.root, &intent, mode)?;
        Ok((intent, entry))
    }

    /// Before a write, under the case's lock: removes temporary files its killed writers left,
    /// and settles every journal entry that can be (see [`Store::settle_journal`]). Returns what
    /// the user should be told about what was settled.
    fn tidy(&self, id: &CaseId) -> Vec<String> {
        self.clear_stale_temps(id);
        self.settle(Some(id))
    }

    /// Settles every entry left in the journal by writes that were interrupted, whatever their
    /// case: appends the audit line of a write that landed (once: not if a line with its id is
    /// already in the log), finishes a discharge that got as far as the archive if the case file
    /// is unchanged since it began (else keeps the patient on the ward and moves the discharged
    /// copy to `conflicts/`), drops an entry whose write never landed, and removes an empty entry.
    /// Each entry is settled under its case's lock, taken only if it is free: a case being written
    /// now belongs to its writer. Entries that are not to be trusted are left alone (`validate`
    /// names them). Returns what the user should be told. Nothing is done in a read-only store.
    pub fn settle_journal(&self) -> Vec<String> {
        if self.read_only {
            return Vec::new();
        }
        self.settle(None)
    }

    fn settle(&self, holding: Option<&CaseId>) -> Vec<String> {
        let mut said = Vec::new();
        for listed in journal::list(&self.root) {
            let Some(case) = &listed.case else { continue };
            let Some(_lock) = self.lock_if_free(case, holding) else { continue };
            // Read only now, under the lock: before it, its writer may still have been writing it.
            match listed.read() {
                journal::Entry::Intent(intent) => said.extend(self.settle_one(&intent)),
                // Its writer held this lock while writing it, so it was stopped before its write.
                journal::Entry::Empty { path, .. } => {
                    let _ = fs::remove_file(path);
                }
                journal::Entry::Stray { .. } => {}
            }
        }
        said
    }

    /// The lock of `case`, taken only if nobody holds it (Some(None) when this writer holds it
    /// already); None when it is busy, or cannot be taken.
    fn lock_if_free(&self, case: &CaseId, holding: Option<&CaseId>) -> Option<Option<lock::CaseLock>> {
        if holding == Some(case) {
            return Some(None);
        }
        self.lock_file_waiting(&format!("{case}.lock"), &self.case_file(case), Duration::ZERO).ok().map(Some)
    }

    /// Settles one entry, under its case's lock.
    fn settle_one(&self, intent: &journal::Intent) -> Option<String> {
        let cases = self.root.join(CASES);
        let limit = yaml::MAX_DOCUMENT_BYTES as u64;
        let file_name = intent.case.file_name();
        let case_file = self.case_file(&intent.case);
        match &intent.landed {
            journal::Landed::File { hash, before } => {
                let now = match in_folder::hash(&cases, &file_name, limit) {
                    Ok(now) => now,
                    // Not to be judged now (a link planted there, a read that failed): left.
                    Err(_) => return None,
                };
                if now == Some(*hash) {
                    self.append_recovered(intent, "audit line recovered from the journal after an interrupted write");
                } else if now == *before {
                    // Still as it was before: the write never landed.
                    let _ = fs::remove_file(&intent.path);
                } else {
                    // Changed since by something that did not settle the journal first (an
                    // editor outside cordwatch), or moved on after a line that could not be
                    // added: the write most likely landed. Said so, never dropped.
                    self.append_recovered(
                        intent,
                        "audit line recovered from the journal after an interrupted write; the case file has changed since, so that this write landed is likely but not certain",
                    );
                }
                None
            }
            journal::Landed::Moved { archive_name, hash, source_hash } => {
                let archive = self.root.join(ARCHIVE);
                if in_folder::hash(&archive, archive_name, limit).ok().flatten() != Some(*hash) {
                    let _ = fs::remove_file(&intent.path);
                    return None;
                }
                match in_folder::hash(&cases, &file_name, limit) {
                    Ok(None) => {
                        self.append_recovered(
                            intent,
                            "audit line recovered from the journal after an interrupted write",
                        );
                        None
                    }
                    Ok(Some(now)) if now == *source_hash => {
                        if let Err(e) = in_folder::remove(&cases, &file_name) {
                            return Some(format!(
                                "an interrupted discharge of {} could not be finished ({case_file}: {e}); it is tried again at the next write",
                                intent.case
                            ));
                        }
                        self.append_recovered(intent, "finished from the journal after an interrupted write");
                        Some(format!(
                            "the discharge of {} begun at {} and interrupted was finished: {case_file} was unchanged, and is now {}",
                            intent.case,
                            intent.line.time,
                            journal::archive_path(archive_name)
                        ))
                    }
                    // Changed since (edited by hand), or no longer a file that can be read: the
                    // patient stays on the ward as the file now is, and the discharged copy made
                    // from the older version is kept aside, never deleted.
                    _ => Some(self.undo_discharge(intent, archive_name)),
                }
            }
        }
    }

    /// Leaves the patient on the ward after an interrupted discharge whose case file changed
    /// since it began: the archive copy goes to `conflicts/` and the audit log says so. The line
    /// is appended before the copy is moved, with the entry's own id, so being stopped part-way
    /// never says it twice nor leaves the move unsaid.
    fn undo_discharge(&self, intent: &journal::Intent, archive_name: &str) -> String {
        let id = &intent.case;
        let short: String = intent.line.id.chars().take(8).collect();
        let kept_name = format!("{id}.discharge-{short}.yaml");
        let kept = format!("{CONFLICTS}/{kept_name}");
        let told = format!(
            "the discharge of {id} begun at {} was interrupted, and {} has changed since (edited by hand?),              so it was not finished: the patient stays on the ward as the file now is, and the discharged copy              made from the earlier version is kept in {kept}; discharge again if the patient has left",
            intent.line.time,
            self.case_file(id)
        );
        let line = audit::AuditLine {
            operation: "discharge-not-finished".into(),
            summary: format!(
                "{}: not finished, the case file changed; archive copy kept in {kept}",
                intent.line.summary
            ),
            ..intent.line.clone()
        };
        let audit_path = self.root.join(audit::FILE_NAME);
        match audit::contains_id(&audit_path, &line.id, intent.audit_from) {
            Ok(true) => {}
            Ok(false) => {
                if let Some(warning) = self.append_line(&line) {
                    return format!("{told}; but {warning}");
                }
            }
            Err(e) => return format!("{told}; but the audit log could not be read ({e}), so this is tried again"),
        }
        let conflicts = self.root.join(CONFLICTS);
        if !conflicts.exists() {
            let _ = self.permissions().create_dir(&conflicts);
        }
        if let Err(e) = in_folder::move_file(&self.root.join(ARCHIVE), archive_name, &conflicts, &kept_name) {
            return format!(
                "{told}; but the copy could not be moved there from {} ({e}), so this is tried again",
                journal::archive_path(archive_name)
            );
        }
        let _ = fs::remove_file(&intent.path);
        told
    }

    /// Appends a settled entry's line, with `note` added to its summary, unless a line with its
    /// id is already in the log (its writer appended it, then was stopped); then removes the
    /// entry. Left in place when the log cannot be read or written, to be tried again.
    fn append_recovered(&self, intent: &journal::Intent, note: &str) {
        let audit_path = self.root.join(audit::FILE_NAME);
        match audit::contains_id(&audit_path, &intent.line.id, intent.audit_from) {
            Ok(true) => {
                let _ = fs::remove_file(&intent.path);
            }
            Ok(false) => {
                let line =
                    audit::AuditLine { summary: format!("{} ({note})", intent.line.summary), ..intent.line.clone() };
                let _ = self.append_audit(&line, &intent.path);
            }
            Err(_) => {}
        }
    }

    /// Writes that landed (or may have) without their audit line yet, one sentence each.
    pub fn pending_audit(&self) -> Vec<String> {
        let (_, warnings) = self.journal_report();
        warnings.into_iter().filter(|w| w.contains("was interrupted before its audit line")).collect()
    }

    /// What is in the journal now, for `validate`: (problems, warnings). An entry that is not to
    /// be trusted is a problem; one still pending, or an empty one, a warning.
    pub fn journal_report(&self) -> (Vec<String>, Vec<String>) {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let dir = journal::DIR;
        for listed in journal::list(&self.root) {
            // An entry whose case is being written now may be half written: it is its writer's.
            let _lock = match &listed.case {
                Some(case) => match self.lock_if_free(case, None) {
                    Some(lock) => lock,
                    None if self.read_only => None,
                    None => continue,
                },
                None => None,
            };
            match listed.read() {
                journal::Entry::Intent(i) => {
                    let name = i.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    warnings.push(format!(
                        "{dir}/{}: a write to {} was interrupted before its audit line; it is settled at the next write to any case, or by `cordwatch validate` run by someone who can write here",
                        crate::model::text::sanitize(&name),
                        self.case_file(&i.case)
                    ));
                }
                journal::Entry::Empty { path, .. } => {
                    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    warnings.push(format!(
                        "{dir}/{}: an empty journal entry, left by a writer stopped before its write began; it is removed at the next write to any case",
                        crate::model::text::sanitize(&name)
                    ));
                }
                journal::Entry::Stray { name, reason } => problems.push(format!(
                    "{dir}/{name}: not a journal entry to trust ({reason}); it is never acted on. Look at it, then remove it"
                )),
            }
        }
        (problems, warnings)
    }

    /// Saves text that could not be written (it lost a conflict, or did not validate and the
    /// clinician gave up) in the conflicts folder, so what they typed is never lost. Each copy gets
    /// a name of its own, created exclusively: two in the same second never overwrite each other.
    pub fn keep_rejected(&self, id: &CaseId, text: &str) -> Result<String, StoreError> {
        use std::io::Write as _;
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
        let dir = self.root.join(CONFLICTS);
        if !dir.exists() {
            self.permissions().create_dir(&dir).map_err(StoreError::io("create", &dir))?;
        }
        for n in 1..10_000 {
            let name = if n == 1 { format!("{id}.{stamp}.yaml") } else { format!("{id}.{stamp}-{n}.yaml") };
            let path = dir.join(&name);
            let mut file = match create::create_new(&path, self.permissions().file_mode) {
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

    /// Files in the cases folder that are not read as case files and are not rows either: hidden
    /// names, editors' backups and swap files (the program's own temporary files are named by
    /// [`Store::stale_temp_files`]).
    pub fn not_read(&self) -> Vec<NotRead> {
        listing::not_read(&self.root.join(CASES), CASES)
    }

    /// Keeps an event that was submitted but could not be saved (the dashboard stopped while it
    /// waited for the case) in `conflicts/`: the case as it would have been after it, headed by a
    /// comment saying so, so a clinician can see and redo it. Returns the copy's name.
    pub fn keep_unsaved(&self, id: &CaseId, event: &Event) -> Result<String, StoreError> {
        let entry = self.load(id)?;
        let mut case = entry.case.ok_or_else(|| StoreError::Unreadable {
            file: entry.file.clone(),
            error: crate::model::problem::join(&entry.problems, "; "),
        })?;
        let summary = event.apply(&mut case)?;
        let text = format!(
            "# NOT SAVED: {} was stopped while this {} waited to be recorded ({}).\n# This is {} as it would have been; record it again, or merge it by hand.\n{}",
            "the dashboard",
            event.operation(),
            crate::model::text::sanitize(&summary),
            self.case_file(id),
            yaml::write_case(&case)
        );
        self.keep_rejected(id, &text)
    }

    /// Temporary files left in the cases and archive folders by writers that were killed: each
    /// holds a copy of a patient's record. Named as the atomic writer names them:
    /// `.<file>.<6 letters or digits>`.
    pub fn stale_temp_files(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for folder in [CASES, ARCHIVE] {
            let Ok(dir) = fs::read_dir(self.root.join(folder)) else { continue };
            found.extend(
                dir.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| is_temp_name(name, None))
                    .map(|name| format!("{folder}/{}", crate::model::text::sanitize(&name))),
            );
        }
        found.sort();
        found
    }

    /// Removes this case's temporary files left by killed writers, in the cases folder and in the
    /// archive (a discharge killed while naming its copy). Called under the case's lock, when no
    /// live writer of this case can have one open.
    fn clear_stale_temps(&self, id: &CaseId) {
        let file_name = id.file_name();
        for folder in [CASES, ARCHIVE] {
            let dir = self.root.join(folder);
            let Ok(entries) = fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let ours = if folder == CASES {
                    is_temp_name(&name, Some(&file_name))
                } else {
                    is_temp_name(&name, None)
                        && journal::is_archive_name(id, name.get(1..name.len().saturating_sub(7)).unwrap_or_default())
                };
                if ours {
                    let _ = in_folder::remove(&dir, &name);
                }
            }
        }
    }

    /// Appends to the audit log under its own lock (and sends the line to the system log when
    /// that is set), then clears the write's journal entry. A failure here is reported, not
    /// fatal: the clinical write has already landed and must not be retried; the entry stays, so
    /// the next write appends the line.
    fn append_audit(&self, line: &audit::AuditLine, entry: &Path) -> Option<String> {
        let warning = self.append_line(line);
        if warning.is_none() {
            let _ = fs::remove_file(entry);
        }
        warning.map(|w| {
            format!("the change was saved, but {w}; the line is kept in {} and added at the next write", journal::DIR)
        })
    }

    /// Appends one line to the audit log under its lock; says why when it could not.
    fn append_line(&self, line: &audit::AuditLine) -> Option<String> {
        if let Some(facility) = self.options.syslog {
            syslog::send(facility, line);
        }
        let path = self.root.join(audit::FILE_NAME);
        let mode = self.permissions().file_mode;
        let result = self
            .lock_file(AUDIT_LOCK, audit::FILE_NAME)
            .map_err(|e| e.to_string())
            .and_then(|_lock| audit::append(&path, &line.render(), mode).map_err(|e| e.to_string()));
        result.err().map(|e| format!("the audit log could not be written: {e}"))
    }
}

/// One warning from what settling the journal said and what the write itself said.
fn join_warnings(settled: Vec<String>, warning: Option<String>) -> Option<String> {
    let all: Vec<String> = settled.into_iter().chain(warning).collect();
    (!all.is_empty()).then(|| all.join("; "))
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
