//! The append-only audit log: one line per write, in the data directory.
//!
//! Format, tab-separated: local time (`YYYY-MM-DD HH:MM:SS`), OS user, case id, operation,
//! one-line summary, then the local time's UTC offset (`+01:00`) and the line's own id (32
//! hexadecimal digits, unique to the line). Every field is sanitised, so a name with a tab or an
//! escape sequence cannot forge a column or a line. Lines written before the offset and the id
//! were added have the first five columns only; [`parse`], the one reader of a line, takes both.
//!
//! An append is all or nothing: a line that cannot be written whole (a full disk) is cut off
//! again, so the log never holds a fragment for the next line to be glued to.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::model::text::sanitize;

pub const FILE_NAME: &str = "audit.log";

/// The length of a line's id: 128 random bits in hexadecimal.
pub const ID_LEN: usize = 32;

/// One audit record, as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub time: String,
    /// The local time's offset from UTC, `+01:00`.
    pub offset: String,
    pub user: String,
    pub case_id: String,
    pub operation: String,
    pub summary: String,
    /// Unique to this line: how an interrupted write's journal entry finds whether its line is in.
    pub id: String,
}

impl AuditLine {
    /// A line stamped with the clock now and a new id.
    pub fn now(user: &str, case_id: &str, operation: &str, summary: &str) -> AuditLine {
        // The ward's clock, not the writing user's `TZ`: one log read in one zone.
        let now = jiff::Timestamp::now().to_zoned(crate::model::time::ward_zone().jiff().clone());
        AuditLine {
            time: now.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            offset: now.strftime("%:z").to_string(),
            user: user.to_string(),
            case_id: case_id.to_string(),
            operation: operation.to_string(),
            summary: summary.to_string(),
            id: new_id(),
        }
    }

    pub fn render(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            sanitize(&self.time),
            sanitize(&self.user),
            sanitize(&self.case_id),
            sanitize(&self.operation),
            sanitize(&self.summary),
            sanitize(&self.offset),
            sanitize(&self.id)
        )
    }
}

/// One line of the log as read back: five columns in lines from before the offset and the id
/// were added, seven since (more, from a later version, are ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    pub time: &'a str,
    pub user: &'a str,
    pub case_id: &'a str,
    pub operation: &'a str,
    pub summary: &'a str,
    pub offset: Option<&'a str>,
    pub id: Option<&'a str>,
}

/// Reads one line (without its newline); None for a line that is not an audit line.
pub fn parse(line: &str) -> Option<Record<'_>> {
    let mut fields = line.split('\t');
    let record = Record {
        time: fields.next()?,
        user: fields.next()?,
        case_id: fields.next()?,
        operation: fields.next()?,
        summary: fields.next()?,
        offset: fields.next().filter(|o| !o.is_empty()),
        id: fields.next().filter(|i| !i.is_empty()),
    };
    Some(record)
}

/// A new line id: 128 bits from the kernel's random source, in hexadecimal. Should that fail,
/// the clock to the nanosecond, the process and a counter, which no other line can share either.
pub fn new_id() -> String {
    let mut bytes = [0u8; ID_LEN / 2];
    // SAFETY: the buffer is valid for its whole length; getrandom writes at most that many bytes.
    let got = unsafe { libc::getrandom(bytes.as_mut_ptr().cast(), bytes.len(), 0) };
    if got == bytes.len() as isize {
        return bytes.iter().map(|b| format!("{b:02x}")).collect();
    }
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let pid = std::process::id();
    format!("{:016x}{pid:08x}{n:08x}", nanos as u64)
}

/// Whether `id` looks like a line id this program makes.
pub fn is_id(id: &str) -> bool {
    id.len() == ID_LEN && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Appends one rendered line and syncs it to disk, whole or not at all. The caller holds the audit
/// lock, so lines from different processes never interleave. A log that does not end in a newline
/// (cut short by an older version on a full disk) gets one first, so this line starts a line of
/// its own; a write that fails part-way is cut off again to the length it had.
pub fn append(path: &Path, line: &str, mode: u32) -> io::Result<()> {
    let file = super::create::open_or_create(path, mode, super::create::Access::Append)?;
    let start = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(line.len() + 1);
    if start > 0 {
        let mut last = [0u8; 1];
        file.read_exact_at(&mut last, start - 1)?;
        if last[0] != b'\n' {
            bytes.push(b'\n');
        }
    }
    bytes.extend_from_slice(line.as_bytes());
    let written = (&file).write_all(&bytes).and_then(|()| file.sync_data());
    if let Err(e) = written {
        // Back to the length it had: a fragment would be glued to the next line written.
        let _ = file.set_len(start);
        let _ = file.sync_data();
        return Err(e);
    }
    Ok(())
}

/// The log's length now (0 when there is none yet): a write's journal entry notes it, because
/// its line, if ever appended, comes after this point.
pub fn length(path: &Path) -> u64 {
    std::fs::symlink_metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Whether a line with this id is in the log at or after byte `from` (from the start if the log
/// is now shorter than that: it was replaced). An error when the log cannot be read, which is
/// not the same as the line not being there.
pub fn contains_id(path: &Path, id: &str, from: u64) -> io::Result<bool> {
    let mut file = match super::safe_open::open_regular(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let start = if from > len { 0 } else { from.saturating_sub(1) };
    file.seek(SeekFrom::Start(start))?;
    let mut reader = io::BufReader::new(file);
    let mut line = Vec::new();
    loop {
        line.clear();
        if io::BufRead::read_until(&mut reader, b'\n', &mut line)? == 0 {
            return Ok(false);
        }
        let text = String::from_utf8_lossy(&line);
        if parse(text.trim_end_matches('\n')).is_some_and(|r| r.id == Some(id)) {
            return Ok(true);
        }
    }
}

/// The case id and operation of every line in the last `bytes` of the log, oldest first; empty
/// when there is no log. An error when it is there but cannot be read.
pub fn recent(path: &Path, bytes: u64) -> io::Result<Vec<(String, String)>> {
    let mut file = match super::safe_open::open_regular(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let start = len.saturating_sub(bytes);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.take(bytes).read_to_end(&mut tail)?;
    let text = String::from_utf8_lossy(&tail);
    // The first line is likely cut by the window; it is only whole when the window is the file.
    let skip = usize::from(start > 0);
    Ok(text.lines().skip(skip).filter_map(parse).map(|r| (r.case_id.to_string(), r.operation.to_string())).collect())
}

/// The account running this process, from the system's user database by the effective uid. Not
/// `$USER`, which anyone can set to anything; a uid with no account is recorded as `uid N`.
pub fn os_user() -> String {
    // SAFETY: geteuid has no preconditions.
    user_name(unsafe { libc::geteuid() })
}

/// The account name of `uid` from the system's user database, or `uid N` when it has none.
pub fn user_name(uid: u32) -> String {
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

    fn line(summary: &str) -> AuditLine {
        AuditLine {
            time: "2026-11-23 08:00:00".into(),
            offset: "+00:00".into(),
            user: "alice".into(),
            case_id: "RX1".into(),
            operation: "review".into(),
            summary: summary.into(),
            id: new_id(),
        }
    }

    #[test]
    fn fields_cannot_forge_columns_or_lines() {
        let text = line("note\twith tab\nand a second line \u{1b}[2J").render();
        assert_eq!(text.matches('\t').count(), 6);
        assert_eq!(text.matches('\n').count(), 1);
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn old_five_column_lines_and_new_seven_column_lines_are_both_read() {
        let old = parse("2026-11-23 08:00:00\talice\tRX1\texam\tmotor normal").expect("old line");
        assert_eq!((old.case_id, old.operation, old.offset, old.id), ("RX1", "exam", None, None));
        let new = line("seen");
        let text = new.render();
        let read = parse(text.trim_end()).expect("new line");
        assert_eq!((read.time, read.user, read.summary), ("2026-11-23 08:00:00", "alice", "seen"));
        assert_eq!((read.offset, read.id), (Some("+00:00"), Some(new.id.as_str())));
        assert!(parse("a fragment").is_none());
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let ids: std::collections::BTreeSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|i| is_id(i)), "{ids:?}");
        let offset = AuditLine::now("u", "C1", "exam", "s").offset;
        assert!(offset.len() == 6 && (offset.starts_with('+') || offset.starts_with('-')), "{offset}");
    }

    #[test]
    fn a_log_cut_short_gets_its_newline_before_the_next_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "2026-11-23 07:00:00\tbob\tRX1\texam\ttorn fragm").expect("torn log");
        append(&path, &line("whole").render(), 0o600).expect("append");
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text:?}");
        assert_eq!(parse(lines[1]).map(|r| r.summary), Some("whole"), "{text:?}");
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn an_id_is_found_only_after_where_its_write_began() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let first = line("same words");
        append(&path, &first.render(), 0o600).expect("append");
        let from = length(&path);
        assert!(!contains_id(&path, &first.id, from).expect("read"), "written before the intent");
        assert!(contains_id(&path, &first.id, 0).expect("read"));
        let second = line("same words");
        append(&path, &second.render(), 0o600).expect("append");
        assert!(contains_id(&path, &second.id, from).expect("read"), "same text, its own id");
        assert!(contains_id(&path, &second.id, from + 10_000).expect("read"), "a shorter log is read whole");
        assert!(!contains_id(&dir.path().join("none"), &second.id, 0).expect("no log, no line"));
    }
}
