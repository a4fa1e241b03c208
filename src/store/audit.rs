//! The append-only audit log: one line per write, in the data directory.
//!
//! Format, tab-separated: local time, OS user, case id, operation, one-line summary. Every field is
//! sanitised, so a name with a tab or an escape sequence cannot forge a column or a line.

use std::io::{self, Write};
use std::path::Path;

use crate::model::text::sanitize;

pub const FILE_NAME: &str = "audit.log";

/// One audit record.
pub struct AuditLine<'a> {
    pub time: String,
    pub user: &'a str,
    pub case_id: &'a str,
    pub operation: &'a str,
    pub summary: &'a str,
}

impl AuditLine<'_> {
    pub fn render(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\n",
            sanitize(&self.time),
            sanitize(self.user),
            sanitize(self.case_id),
            sanitize(self.operation),
            sanitize(self.summary)
        )
    }
}

/// Appends one rendered line and syncs it to disk. The caller holds the audit lock, so lines from
/// different processes never interleave.
pub fn append(path: &Path, line: &str, mode: u32) -> io::Result<()> {
    let mut file = super::create::open_or_create(path, mode, super::create::Access::Append)?;
    file.write_all(line.as_bytes())?;
    file.sync_data()
}

/// True when `line` is among the audit log's last 256 KiB: a writer killed after appending its
/// line but before clearing its journal intent must not have the line appended twice.
pub fn has_recent(path: &Path, line: &str) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = super::safe_open::open_regular(path) else { return false };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(256 * 1024);
    let mut tail = Vec::new();
    if file.seek(SeekFrom::Start(start)).is_err() || file.read_to_end(&mut tail).is_err() {
        return false;
    }
    let line = line.trim_end_matches('\n');
    String::from_utf8_lossy(&tail).lines().any(|l| l == line)
}

/// The account running this process, from the system's user database by the effective uid. Not
/// `$USER`, which anyone can set to anything; a uid with no account is recorded as `uid N`.
pub fn os_user() -> String {
    // SAFETY: geteuid has no preconditions.
    let uid = unsafe { libc::geteuid() };
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: passwd is plain data; getpwuid_r writes into `pw` and `buf` (its length is
        // passed) and sets `result` to null or to `pw`.
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe { libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr().cast(), buf.len(), &mut result) };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || result.is_null() || pw.pw_name.is_null() {
            return format!("uid {uid}");
        }
        // SAFETY: pw_name points to a NUL-terminated string inside `buf`, alive here.
        let name = unsafe { std::ffi::CStr::from_ptr(pw.pw_name) }.to_string_lossy().into_owned();
        return if name.is_empty() { format!("uid {uid}") } else { name };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_cannot_forge_columns_or_lines() {
        let line = AuditLine {
            time: "2026-11-23 08:00:00".into(),
            user: "alice",
            case_id: "RX1",
            operation: "review",
            summary: "note\twith tab\nand a second line \u{1b}[2J",
        };
        let text = line.render();
        assert_eq!(text.matches('\t').count(), 4);
        assert_eq!(text.matches('\n').count(), 1);
        assert!(!text.contains('\u{1b}'));
    }
}
