//! The write-ahead journal that keeps the audit log complete.
//!
//! A write lands with its rename; its audit line is appended after. A writer killed between the
//! two would leave a change nobody can account for. So before the rename, the audit line's fields
//! and a way to tell whether the write landed (the new file's content hash) are saved as an entry
//! in `journal/`. After the audit line is appended the entry is removed. An entry still there
//! means its writer died, or could not append: the next write to any case, `validate` and the
//! dashboard as it starts find it and, holding its case's lock, append the line if the write
//! landed (unless a line with its id is already in the log), or drop it if it did not.
//!
//! Everyone in a shared ward's group can write `journal/`, so an entry is never trusted: it is
//! read as named fields and each is checked — the case id against the entry's own name, the
//! paths against the only ones a write of that case makes (`cases/<id>.yaml`,
//! `archive/<id>[.n].yaml`), the user against the account that owns the entry, and the time,
//! offset, operation, summary and line id against what the program writes. The audit line is
//! built again from those fields; no text from the entry is ever copied into the log, and an
//! entry that fails a check is never acted on (`validate` names it).
//!
//! Entries are named `<case id>~<nonce>`; `~` cannot appear in a case id.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::audit::{self, AuditLine};
use crate::model::CaseId;

pub const DIR: &str = "journal";

/// The first line of every entry this version writes.
const HEADER: &str = "cordwatch journal 2";

/// The most an entry can hold; anything larger is not one of ours.
const MAX_BYTES: u64 = 64 * 1024;

/// What a write will leave on disk when it has landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landed {
    /// The case file `cases/<id>.yaml` holds content with this hash; before the write it held
    /// content with hash `before` (None: there was no file, a new case).
    File { hash: u64, before: Option<u64> },
    /// A discharge: the archive copy `archive/<archive_name>` holds content with `hash`, and the
    /// case file, which held content with `source_hash` when the discharge began, is gone (a
    /// discharge interrupted before removing it is finished only if the file is unchanged).
    Moved { archive_name: String, hash: u64, source_hash: u64 },
}

/// One checked entry.
#[derive(Debug, Clone)]
pub struct Intent {
    /// The entry's own file.
    pub path: PathBuf,
    pub case: CaseId,
    pub landed: Landed,
    /// The audit log's length when the entry was written: its line, if appended, comes after.
    pub audit_from: u64,
    /// The audit line, built from checked fields.
    pub line: AuditLine,
}

/// What a file in `journal/` is.
#[derive(Debug)]
pub enum Entry {
    Intent(Box<Intent>),
    /// Empty: its writer was stopped before it could write the entry, so before its write.
    Empty {
        path: PathBuf,
    },
    /// Not an entry this program wrote, or one it cannot trust: never acted on.
    Stray {
        name: String,
        reason: String,
    },
}

/// `cases/<id>.yaml`.
pub fn case_path(case: &CaseId) -> String {
    format!("{}/{}", super::CASES, case.file_name())
}

/// `archive/<name>`.
pub fn archive_path(name: &str) -> String {
    format!("{}/{name}", super::ARCHIVE)
}

/// Whether `name` is one an archive copy of `case` is given: `<id>.yaml`, or `<id>.<n>.yaml`
/// for the n-th discharge (n from 2, written without leading zeros).
pub fn is_archive_name(case: &CaseId, name: &str) -> bool {
    if name == case.file_name() {
        return true;
    }
    let Some(n) =
        name.strip_prefix(case.as_str()).and_then(|r| r.strip_prefix('.')).and_then(|r| r.strip_suffix(".yaml"))
    else {
        return false;
    };
    !n.is_empty() && n.len() <= 6 && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()) && n != "1"
}

/// Saves an entry before a write; the returned path is removed once the audit line is in.
pub fn write(root: &Path, intent: &Intent, mode: u32) -> Result<PathBuf, super::StoreError> {
    let failed = |source| super::StoreError::Journal { file: case_path(&intent.case), dir: root.join(DIR), source };
    let dir = root.join(DIR);
    let text = render(intent);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    for n in 0..100u32 {
        let path = dir.join(format!("{}~{}-{nanos}-{n}", intent.case, std::process::id()));
        let mut file = match super::create::create_new(&path, mode) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(e)),
        };
        let saved = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::File::open(&dir)?.sync_all());
        if let Err(e) = saved {
            // A torn entry must not be left to be misread later.
            let _ = fs::remove_file(&path);
            return Err(failed(e));
        }
        return Ok(path);
    }
    Err(failed(io::Error::new(io::ErrorKind::AlreadyExists, "no free name in it")))
}

fn render(intent: &Intent) -> String {
    let case = &intent.case;
    let mut fields: Vec<(&str, String)> = vec![("case", case.to_string())];
    match &intent.landed {
        Landed::File { hash, before } => {
            fields.push(("kind", "file".into()));
            fields.push(("target", case_path(case)));
            fields.push(("hash", format!("{hash:016x}")));
            fields.push(("before", before.map(|b| format!("{b:016x}")).unwrap_or_else(|| "none".into())));
        }
        Landed::Moved { archive_name, hash, source_hash } => {
            fields.push(("kind", "moved".into()));
            fields.push(("target", archive_path(archive_name)));
            fields.push(("hash", format!("{hash:016x}")));
            fields.push(("source", case_path(case)));
            fields.push(("source_hash", format!("{source_hash:016x}")));
        }
    }
    let line = &intent.line;
    fields.extend([
        ("audit_from", intent.audit_from.to_string()),
        ("time", line.time.clone()),
        ("offset", line.offset.clone()),
        ("user", line.user.clone()),
        ("operation", line.operation.clone()),
        ("summary", crate::model::text::sanitize(&line.summary)),
        ("id", line.id.clone()),
        ("clinician", line.clinician.clone()),
    ]);
    let mut text = format!("{HEADER}\n");
    for (key, value) in fields {
        text.push_str(&format!("{key}\t{}\n", crate::model::text::sanitize(&value)));
    }
    text
}

/// One file of the journal folder, not yet read: its name, its path, and the case its name gives
/// (None for a name no entry has). An entry is read only under its case's lock: until its writer
/// lets go, it may be half written.
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: String,
    pub path: PathBuf,
    pub case: Option<CaseId>,
}

impl Listed {
    /// Reads and checks the entry (under its case's lock).
    pub fn read(&self) -> Entry {
        read(&self.name, &self.path)
    }
}

/// Every file in the journal folder, sorted by name (so by when it was written, per process).
pub fn list(root: &Path) -> Vec<Listed> {
    let Ok(dir) = fs::read_dir(root.join(DIR)) else { return Vec::new() };
    let mut names: Vec<Listed> = dir
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let case = name.split_once('~').and_then(|(id, _)| id.parse::<CaseId>().ok());
            Listed { name, path: e.path(), case }
        })
        .collect();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    names
}

fn stray(name: &str, reason: impl Into<String>) -> Entry {
    Entry::Stray { name: crate::model::text::sanitize(name), reason: reason.into() }
}

/// Reads and checks one file of the journal folder.
fn read(name: &str, path: &Path) -> Entry {
    let Some(case) = name.split_once('~').and_then(|(id, _)| id.parse::<CaseId>().ok()) else {
        return stray(name, "its name is not <case id>~<number>, as every journal entry's is");
    };
    // Never through a link, and only a regular file.
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) => return stray(name, format!("cannot be looked at: {e}")),
    };
    if !meta.file_type().is_file() {
        return stray(name, "it is not a regular file (a link, a folder or a device)");
    }
    if meta.len() == 0 {
        return Entry::Empty { path: path.to_path_buf() };
    }
    let text = match super::safe_open::read_regular_text(path, MAX_BYTES) {
        Ok(text) => text,
        Err(e) => return stray(name, format!("cannot be read: {e}")),
    };
    match check(&case, &text, meta.uid()) {
        Ok((landed, audit_from, line)) => {
            Entry::Intent(Box::new(Intent { path: path.to_path_buf(), case, landed, audit_from, line }))
        }
        Err(reason) => stray(name, reason),
    }
}

/// The checked fields of an entry's text, or why it is not to be trusted.
fn check(case: &CaseId, text: &str, owner: u32) -> Result<(Landed, u64, AuditLine), String> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(format!(
            "it does not start with `{HEADER}` (an entry from an older version is not acted on: \
             check that audit.log has the write's line)"
        ));
    }
    let mut fields = std::collections::BTreeMap::new();
    for line in lines {
        let (key, value) = line.split_once('\t').ok_or_else(|| format!("a line without a tab: `{}`", cut(line)))?;
        if fields.insert(key, value).is_some() {
            return Err(format!("`{}` is given twice", cut(key)));
        }
    }
    let mut take = |key: &str| fields.remove(key).ok_or_else(|| format!("`{key}` is missing"));
    let hash = |text: &str| {
        (text.len() == 16)
            .then(|| u64::from_str_radix(text, 16).ok())
            .flatten()
            .ok_or_else(|| format!("`{}` is not a content hash (16 hexadecimal digits)", cut(text)))
    };
    if take("case")? != case.as_str() {
        return Err(format!("its case is not {case}, the case its name gives"));
    }
    let target = take("target")?;
    let landed = match take("kind")? {
        "file" => {
            if target != case_path(case) {
                return Err(format!(
                    "its target `{}` is not {}, the only file such a write makes",
                    cut(target),
                    case_path(case)
                ));
            }
            let before = match take("before")? {
                "none" => None,
                other => Some(hash(other)?),
            };
            Landed::File { hash: hash(take("hash")?)?, before }
        }
        "moved" => {
            let archive_name = target
                .strip_prefix(&format!("{}/", super::ARCHIVE))
                .filter(|name| is_archive_name(case, name))
                .ok_or_else(|| {
                    format!("its target `{}` is not an archive copy of {case} (archive/{case}[.n].yaml)", cut(target))
                })?;
            let source = take("source")?;
            if source != case_path(case) {
                return Err(format!("its source `{}` is not {}", cut(source), case_path(case)));
            }
            Landed::Moved {
                archive_name: archive_name.to_string(),
                hash: hash(take("hash")?)?,
                source_hash: hash(take("source_hash")?)?,
            }
        }
        other => return Err(format!("`{}` is not a kind of write", cut(other))),
    };
    let audit_from = take("audit_from")?;
    let audit_from: u64 =
        audit_from.parse().map_err(|_| format!("audit_from `{}` is not a length", cut(audit_from)))?;
    let time = take("time")?;
    if time.len() != 19 || jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", time).is_err() {
        return Err(format!("`{}` is not a time as the audit log writes it", cut(time)));
    }
    let offset = take("offset")?;
    let b = offset.as_bytes();
    let offset_ok = b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[3] == b':'
        && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
    if !offset_ok {
        return Err(format!("`{}` is not a UTC offset (+HH:MM)", cut(offset)));
    }
    let user = take("user")?;
    let account = audit::user_name(owner);
    if user != account {
        return Err(format!(
            "it names the user `{}` but was written by {account}: an entry can only speak for the account that wrote it",
            cut(user)
        ));
    }
    let operation = take("operation")?;
    if operation.is_empty() || operation.len() > 32 || !operation.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return Err(format!("`{}` is not an operation", cut(operation)));
    }
    let summary = take("summary")?;
    if summary.len() > 16 * 1024 || crate::model::text::sanitize(summary) != summary {
        return Err("its summary is too long or holds control characters".into());
    }
    let id = take("id")?;
    if !audit::is_id(id) {
        return Err(format!("`{}` is not a line id", cut(id)));
    }
    // Entries from before the clinician column have none: their line is written without one.
    let clinician = take("clinician").unwrap_or_default();
    if clinician.len() > 1024 || crate::model::text::sanitize(clinician) != clinician {
        return Err("its clinician is too long or holds control characters".into());
    }
    if let Some(key) = fields.keys().next() {
        return Err(format!("`{}` is not a field of a journal entry", cut(key)));
    }
    let line = AuditLine {
        time: time.to_string(),
        offset: offset.to_string(),
        user: account,
        case_id: case.to_string(),
        operation: operation.to_string(),
        summary: summary.to_string(),
        id: id.to_string(),
        clinician: clinician.to_string(),
    };
    Ok((landed, audit_from, line))
}

/// A value from an entry, short and safe enough to quote in a message.
fn cut(text: &str) -> String {
    let safe = crate::model::text::sanitize(text);
    match safe.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &safe[..at]),
        None => safe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> CaseId {
        s.parse().expect("id")
    }

    fn intent(landed: Landed) -> Intent {
        Intent {
            path: PathBuf::new(),
            case: id("RX1"),
            landed,
            audit_from: 42,
            line: AuditLine::now(
                &audit::os_user(),
                "Dr A Shah (registrar)",
                "RX1",
                "discharge",
                "discharged; moved to archive/RX1.yaml",
            ),
        }
    }

    fn me() -> u32 {
        // SAFETY: geteuid has no preconditions.
        unsafe { libc::geteuid() }
    }

    #[test]
    fn an_entry_written_reads_back_with_every_field_checked() {
        for landed in [
            Landed::File { hash: 7, before: None },
            Landed::File { hash: 7, before: Some(8) },
            Landed::Moved { archive_name: "RX1.3.yaml".into(), hash: u64::MAX, source_hash: 0 },
        ] {
            let written = intent(landed.clone());
            let (back, from, line) = check(&id("RX1"), &render(&written), me()).expect("our own entry");
            assert_eq!((back, from), (landed, 42));
            assert_eq!(line, written.line);
        }
    }

    #[test]
    fn paths_other_than_the_case_s_own_are_refused() {
        let text = render(&intent(Landed::Moved { archive_name: "RX1.yaml".into(), hash: 1, source_hash: 2 }));
        for (from, to) in [
            ("target\tarchive/RX1.yaml", "target\tconflicts/bait"),
            ("target\tarchive/RX1.yaml", "target\tarchive/RX2.yaml"),
            ("target\tarchive/RX1.yaml", "target\tarchive/../cases/RX2.yaml"),
            ("target\tarchive/RX1.yaml", "target\t/tmp/victim"),
            ("target\tarchive/RX1.yaml", "target\tarchive/RX1.01.yaml"),
            ("source\tcases/RX1.yaml", "source\t/tmp/victim"),
            ("source\tcases/RX1.yaml", "source\tcases/../../victim"),
            ("source\tcases/RX1.yaml", "source\tcases/RX2.yaml"),
        ] {
            let planted = text.replace(from, to);
            assert_ne!(planted, text);
            assert!(check(&id("RX1"), &planted, me()).is_err(), "{to} was accepted");
        }
        assert!(check(&id("RX2"), &text, me()).is_err(), "an entry for another case under this name");
        assert!(is_archive_name(&id("RX1"), "RX1.12.yaml") && !is_archive_name(&id("RX1"), "RX1.1.yaml"));
    }

    #[test]
    fn forged_fields_are_refused_and_nothing_is_copied() {
        let text = render(&intent(Landed::File { hash: 1, before: Some(2) }));
        let user = audit::os_user();
        for (from, to) in [
            (format!("user\t{user}"), "user\tsomeone-else".to_string()),
            ("offset\t".to_string(), "offset\tZ".to_string()),
            ("operation\tdischarge".to_string(), "operation\texam\tforged".to_string()),
            ("audit_from\t42".to_string(), "audit_from\t-1".to_string()),
            ("hash\t0000000000000001".to_string(), "hash\t1".to_string()),
        ] {
            let planted = text.replacen(&from, &to, 1);
            assert_ne!(planted, text, "{from}");
            assert!(check(&id("RX1"), &planted, me()).is_err(), "{to} was accepted");
        }
        let extra = format!("{text}note\tFAKE1\talice\tRX1\texam\tx\n");
        assert!(check(&id("RX1"), &extra, me()).is_err(), "an unknown field");
        let old = "file\t0000000000000001\tcases/RX1.yaml\n2026-11-23 08:00:00\talice\tRX1\texam\tx\n";
        assert!(check(&id("RX1"), old, me()).is_err(), "the old format is not acted on");
        // Written by another account, an entry is refused whatever it claims.
        assert!(check(&id("RX1"), &text, me().wrapping_add(1)).is_err());
    }
}
