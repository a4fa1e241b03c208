//! A problem with a case file, typed: what kind it is (a stable word for scripts) and the message
//! that says it, file name first. Kinds are chosen where a problem is found; words are only the
//! message's.

use std::fmt;
use std::ops::Deref;

use serde::Serialize;

/// What kind of problem a file has, as the JSON output names it: a contract, added to and never
/// renamed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file could not be opened or read (permissions, not a regular file, too large).
    CannotRead,
    /// The file was read but is not a valid case file (YAML, a field, a rule of one record).
    Invalid,
    /// Something in the cases folder that is not named as a case file.
    NotACaseFile,
    /// A folder inside the cases folder.
    Folder,
    /// The `id` inside does not match the file's name.
    IdMismatch,
    /// Another file uses the same `id`.
    DuplicateId,
    /// A record dated later than now (beyond the clocks' difference).
    DatedAhead,
    /// A number outside the guideline's range (a dose, an interval).
    OutOfRange,
}

impl ProblemKind {
    /// The word the JSON output uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::CannotRead => "cannot_read",
            ProblemKind::Invalid => "invalid",
            ProblemKind::NotACaseFile => "not_a_case_file",
            ProblemKind::Folder => "folder",
            ProblemKind::IdMismatch => "id_mismatch",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::DatedAhead => "dated_ahead",
            ProblemKind::OutOfRange => "out_of_range",
        }
    }
}

/// One problem with a file. It reads as its message (`problem.contains("bladdr")`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem { kind, message: message.into() }
    }
}

impl Deref for Problem {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Problem> for String {
    fn from(p: Problem) -> String {
        p.message
    }
}

/// The messages of several problems, one after the other.
pub fn join(problems: &[Problem], separator: &str) -> String {
    problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_json_word() {
        for kind in [
            ProblemKind::CannotRead,
            ProblemKind::Invalid,
            ProblemKind::NotACaseFile,
            ProblemKind::Folder,
            ProblemKind::IdMismatch,
            ProblemKind::DuplicateId,
            ProblemKind::DatedAhead,
            ProblemKind::OutOfRange,
        ] {
            assert_eq!(serde_json::to_string(&kind).expect("json"), format!("\"{}\"", kind.as_str()));
        }
    }
}
