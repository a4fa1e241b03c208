//! The hospital number that identifies a case and names its file.
//!
//! The id becomes a file name (`cases/<id>.yaml`), so it is held to a conservative alphabet: no
//! path separators, no leading dot, nothing a shell or a terminal could misread.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct CaseId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a usable case id; expected 1-64 letters, digits, `-`, `_` or `.`, starting with a letter or digit"
)]
pub struct CaseIdError(String);

impl CaseId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case file name for this id.
    pub fn file_name(&self) -> String {
        format!("{}.yaml", self.0)
    }
}

impl FromStr for CaseId {
    type Err = CaseIdError;
    fn from_str(s: &str) -> Result<Self, CaseIdError> {
        let ok = (1..=64).contains(&s.len())
            && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
        if ok { Ok(CaseId(s.to_string())) } else { Err(CaseIdError(crate::model::text::sanitize(s))) }
    }
}

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = CaseId;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a hospital number such as \"RXH1042331\"")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<CaseId, E> {
        v.parse().map_err(|e: CaseIdError| E::custom(e))
    }
}

impl<'de> Deserialize<'de> for CaseId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(IdVisitor)
    }
}

impl Serialize for CaseId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hospital_numbers_are_accepted() {
        for ok in ["RXH1042331", "0012", "A", "nhs-123_4.5"] {
            assert!(ok.parse::<CaseId>().is_ok(), "{ok}");
        }
    }

    #[test]
    fn anything_that_could_escape_the_cases_folder_is_refused() {
        for bad in ["", "../etc", "a/b", ".hidden", "-x", "a b", "~", "é", &"x".repeat(65)] {
            assert!(bad.parse::<CaseId>().is_err(), "{bad}");
        }
    }
}
