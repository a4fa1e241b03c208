//! Noticing case files that have gone: one removed by hand, or a whole ward emptied, moved or
//! swapped for another (`mv cases cases.old; mkdir cases`), which would otherwise read as an
//! all-clear.
//!
//! The audit log remembers who was on the ward: every patient with a line in its recent part whose
//! last line is not a discharge should still have a file. Every such patient whose file is not in
//! the cases folder (nor in the archive) is named: a patient never leaves the list in silence.
//! When the folder is empty, or more are missing than there are files left (most of the ward gone
//! at once), the ward is said to have vanished. With no audit log to ask, an empty cases folder
//! beside an archive of discharged patients is said too: the ward was in use, and nothing shows it
//! emptied by discharges. A patient entered by mistake leaves by `discharge` (to the archive), not
//! by deleting the file.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::{ARCHIVE, audit};

/// How much of the end of the audit log is read: some ten thousand lines.
const RECENT_BYTES: u64 = 1 << 20;

/// At most this many missing ids are named in the warning.
const NAMED: usize = 12;

/// The warning for a vanished ward, or None. `present` is the case id (file stem) of every file
/// in the cases folder, readable or not.
pub fn check<'a>(root: &Path, present: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let present: HashSet<&str> = present.into_iter().collect();
    let archived = archived_ids(&root.join(ARCHIVE));
    let folder = root.join(super::CASES);
    match audit::recent(&root.join(audit::FILE_NAME), RECENT_BYTES) {
        Ok(lines) if !lines.is_empty() => {
            let mut last: HashMap<String, String> = HashMap::new();
            for (case, operation) in lines {
                last.insert(case, operation);
            }
            let missing: BTreeSet<String> = last
                .into_iter()
                .filter(|(case, op)| op != "discharge" && !present.contains(case.as_str()) && !archived.contains(case))
                .map(|(case, _)| case)
                .collect();
            if missing.is_empty() {
                return None;
            }
            let ward_gone = present.is_empty() || (missing.len() >= 2 && missing.len() > present.len());
            Some({
                let mut named: Vec<&str> = missing.iter().map(String::as_str).take(NAMED).collect();
                if missing.len() > NAMED {
                    named.push("…");
                }
                let files = match present.len() {
                    0 => "has no case files".to_string(),
                    1 => "has 1 case file".to_string(),
                    n => format!("has {n} case files"),
                };
                let named = crate::model::text::sanitize(&named.join(", "));
                if ward_gone {
                    format!(
                        "THE WARD MAY HAVE VANISHED: {} {files}, but the audit log shows {} never discharged whose files are not there ({named}). \
                         Was the cases folder moved, emptied or replaced? Check it before trusting this list",
                        folder.display(),
                        patients(missing.len()),
                    )
                } else {
                    format!(
                        "CASE FILES MISSING: the audit log shows {} never discharged whose files are not in {} ({named}). \
                         Restore the file from a backup before trusting this list; a patient who has left is discharged, never deleted",
                        patients(missing.len()),
                        folder.display(),
                    )
                }
            })
        }
        // No audit log to ask (none yet, or it cannot be read).
        _ if present.is_empty() && !archived.is_empty() => Some(format!(
            "THE WARD MAY HAVE VANISHED: {} has no case files, and the archive has {} discharged, but there is no audit log \
             to show the ward was emptied by discharges. Was the cases folder moved, emptied or replaced? Check it before \
             trusting this list",
            folder.display(),
            patients(archived.len())
        )),
        _ => None,
    }
}

fn patients(n: usize) -> String {
    if n == 1 { "1 patient".into() } else { format!("{n} patients") }
}

/// Every id an archive file name can stand for: `<id>.yaml`, and for `<id>.<n>.yaml` (a later
/// discharge) the id before the number too (an id may itself hold a dot).
fn archived_ids(dir: &Path) -> HashSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return HashSet::new() };
    let mut ids = HashSet::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".yaml") else { continue };
        if let Some((id, n)) = stem.rsplit_once('.')
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            ids.insert(id.to_string());
        }
        ids.insert(stem.to_string());
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(dir: &Path, lines: &[(&str, &str)]) {
        let text: String =
            lines.iter().map(|(case, op)| format!("2026-11-23 08:00:00\talice\t{case}\t{op}\tsummary\n")).collect();
        std::fs::write(dir.join(audit::FILE_NAME), text).expect("log");
    }

    #[test]
    fn an_emptied_ward_is_noticed_and_a_quiet_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("archive")).expect("archive");
        assert_eq!(check(dir.path(), []), None, "a new ward with no history");
        log(dir.path(), &[("A1", "new"), ("B1", "new"), ("A1", "exam"), ("C1", "new"), ("C1", "discharge")]);
        let warning = check(dir.path(), []).expect("the cases folder emptied");
        assert!(warning.contains("2 patients") && warning.contains("A1, B1"), "{warning}");
        assert_eq!(check(dir.path(), ["A1", "B1"]), None);
        let one = check(dir.path(), ["A1"]).expect("one file gone is named");
        assert!(one.contains("CASE FILES MISSING") && one.contains("1 patient ") && one.contains("(B1)"), "{one}");
        assert!(!one.contains("VANISHED"), "one file gone is not a vanished ward: {one}");
        log(dir.path(), &[("A1", "new"), ("B1", "new"), ("D1", "new"), ("E1", "new")]);
        assert!(check(dir.path(), ["A1"]).is_some_and(|w| w.contains("VANISHED")), "three of four gone at once");
        assert!(check(dir.path(), ["A1", "B1", "D1"]).is_some_and(|w| w.contains("(E1)") && !w.contains("VANISHED")));
        assert_eq!(check(dir.path(), ["A1", "B1", "D1", "E1"]), None, "every file there");
        // Discharged, the file is in the archive even if its discharge line was lost.
        std::fs::write(dir.path().join("archive/B1.yaml"), "").expect("archived");
        std::fs::write(dir.path().join("archive/D1.2.yaml"), "").expect("archived again");
        std::fs::write(dir.path().join("archive/E1.yaml"), "").expect("archived");
        assert_eq!(check(dir.path(), ["A1"]), None);
    }

    #[test]
    fn with_no_audit_log_an_empty_ward_beside_an_archive_is_noticed() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("archive")).expect("archive");
        assert_eq!(check(dir.path(), []), None);
        std::fs::write(dir.path().join("archive/Z1.yaml"), "").expect("archived");
        assert!(check(dir.path(), []).is_some_and(|w| w.contains("no audit log")));
        assert_eq!(check(dir.path(), ["A1"]), None);
    }
}
