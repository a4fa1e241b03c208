//! A copy of every audit line in the system log, when the `audit_syslog` setting names a
//! facility: syslog(3), which journald receives too. The audit log lives in a folder the whole
//! ward team can write; the system log is kept by the machine, out of the team's reach.
//!
//! Each message reads `audit <id>: <time><offset> user=<user> case=<case id> operation=<operation>:
//! <summary>`, every field sanitised as in the audit log, with identity `cordwatch` and priority
//! `info`.

use std::ffi::CString;
use std::str::FromStr;
use std::sync::Once;

use super::audit::AuditLine;
use crate::model::text::sanitize;

/// The facility messages are sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facility(libc::c_int);

/// The facility names `audit_syslog` takes.
pub const NAMES: [&str; 12] = [
    "user", "daemon", "auth", "authpriv", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
    "local7",
];

impl FromStr for Facility {
    type Err = String;

    fn from_str(name: &str) -> Result<Facility, String> {
        let code = match name.trim() {
            "user" => libc::LOG_USER,
            "daemon" => libc::LOG_DAEMON,
            "auth" => libc::LOG_AUTH,
            "authpriv" => libc::LOG_AUTHPRIV,
            "local0" => libc::LOG_LOCAL0,
            "local1" => libc::LOG_LOCAL1,
            "local2" => libc::LOG_LOCAL2,
            "local3" => libc::LOG_LOCAL3,
            "local4" => libc::LOG_LOCAL4,
            "local5" => libc::LOG_LOCAL5,
            "local6" => libc::LOG_LOCAL6,
            "local7" => libc::LOG_LOCAL7,
            other => {
                return Err(format!(
                    "`{}` is not a syslog facility; give one of {}, or ~ for none",
                    sanitize(other),
                    NAMES.join(", ")
                ));
            }
        };
        Ok(Facility(code))
    }
}

/// The message for one audit line.
pub fn message(line: &AuditLine) -> String {
    format!(
        "audit {}: {}{} user={} clinician=\"{}\" case={} operation={}: {}",
        sanitize(&line.id),
        sanitize(&line.time),
        sanitize(&line.offset),
        sanitize(&line.user),
        sanitize(&line.clinician),
        sanitize(&line.case_id),
        sanitize(&line.operation),
        sanitize(&line.summary)
    )
}

/// Sends one audit line to the system log. Nothing is reported back: syslog(3) drops a message
/// it cannot deliver, and the audit log itself is the record that must be complete.
pub fn send(facility: Facility, line: &AuditLine) {
    static OPEN: Once = Once::new();
    OPEN.call_once(|| {
        // SAFETY: the identity is a static NUL-terminated string, alive for the whole program as
        // openlog requires; the options and facility are plain flags.
        unsafe { libc::openlog(c"cordwatch".as_ptr(), libc::LOG_PID, facility.0) };
    });
    // A NUL cannot be in a sanitised field, so this only fails on a bug; send nothing then.
    let Ok(text) = CString::new(message(line)) else { return };
    // SAFETY: a constant "%s" format with one NUL-terminated string argument.
    unsafe { libc::syslog(facility.0 | libc::LOG_INFO, c"%s".as_ptr(), text.as_ptr()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facilities_are_named_as_syslog_names_them() {
        for name in NAMES {
            assert!(name.parse::<Facility>().is_ok(), "{name}");
        }
        assert_eq!("local3".parse::<Facility>(), Ok(Facility(libc::LOG_LOCAL3)));
        let err = "kern".parse::<Facility>().expect_err("not offered");
        assert!(err.contains("local0"), "{err}");
    }

    #[test]
    fn the_message_carries_every_field_on_one_line() {
        let line = AuditLine {
            time: "2026-11-23 08:00:00".into(),
            offset: "+01:00".into(),
            user: "alice".into(),
            case_id: "RX1".into(),
            operation: "exam".into(),
            summary: "motor weakness\nforged line".into(),
            id: "0123456789abcdef0123456789abcdef".into(),
            clinician: "Dr A Shah (registrar)".into(),
        };
        let text = message(&line);
        assert_eq!(
            text,
            "audit 0123456789abcdef0123456789abcdef: 2026-11-23 08:00:00+01:00 user=alice clinician=\"Dr A Shah (registrar)\" case=RX1 operation=exam: motor weakness\\nforged line"
        );
    }
}
