//! The write-ahead journal that keeps the audit log complete.
//!
//! A write lands with its rename; its audit line is appended after. A writer killed between the
//! two would leave a change nobody can account for. So before the rename, the audit line and a way
//! to tell whether the write landed (the new file's content hash) are saved as an intent in
//! `journal/`. After the audit line is appended the intent is removed. An intent still there means
//! its writer died, or could not append: the next writer of that case, holding the case's lock,
//! finds it and appends the line if the write landed, or drops it if it did not.
//!
//! Intent files are named `<case id>~<nonce>`; `~` cannot appear in a case id.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const DIR: &str = "journal";

/// What a write will leave on disk when it has landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landed {
    /// `target` (relative to the data directory) holds content with this hash.
    File { target: String, hash: u64 },
    /// A discharge: the archive copy `target` has this hash and the case file `source` is gone
    /// (a discharge interrupted before removing it is finished by the next writer).
    Moved { target: String, hash: u64, source: String },
}

/// One intent on disk.
#[derive(Debug)]
pub struct Intent {
    pub path: PathBuf,
    pub landed: Landed,
    /// The rendered audit line, newline included.
    pub line: String,
}

/// Saves an intent before a write; the returned path is removed once the audit line is in.
pub fn write(root: &Path, case_id: &str, landed: &Landed, line: &str, mode: u32) -> io::Result<PathBuf> {
    let dir = root.join(DIR);
    let head = match landed {
        Landed::File { target, hash } => format!("file\t{hash:016x}\t{target}\n"),
        Landed::Moved { target, hash, source } => format!("moved\t{hash:016x}\t{target}\t{source}\n"),
    };
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    for n in 0..100u32 {
        let path = dir.join(format!("{case_id}~{}-{nanos}-{n}", std::process::id()));
        let mut file = match super::create::create_new(&path, mode) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let saved = file
            .write_all(head.as_bytes())
            .and_then(|()| file.write_all(line.as_bytes()))
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::File::open(&dir)?.sync_all());
        if let Err(e) = saved {
            // A torn intent must not be left to be misread later.
            let _ = fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name in journal/"))
}

/// The intents left for `case_id`, or for every case when `None`.
pub fn pending(root: &Path, case_id: Option<&str>) -> Vec<Intent> {
    let Ok(entries) = fs::read_dir(root.join(DIR)) else { return Vec::new() };
    let mut out: Vec<Intent> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.split_once('~').is_some_and(|(id, _)| case_id.is_none_or(|c| c == id))
        })
        .filter_map(|e| read(&e.path()))
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn read(path: &Path) -> Option<Intent> {
    let bytes = super::safe_open::read_regular(path, 64 * 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (head, line) = text.split_once('\n')?;
    let fields: Vec<&str> = head.split('\t').collect();
    let hash = u64::from_str_radix(fields.get(1)?, 16).ok()?;
    let target = (*fields.get(2)?).to_string();
    let landed = match fields[0] {
        "file" => Landed::File { target, hash },
        "moved" => Landed::Moved { target, hash, source: (*fields.get(3)?).to_string() },
        _ => return None,
    };
    Some(Intent { path: path.to_path_buf(), landed, line: line.to_string() })
}
