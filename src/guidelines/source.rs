//! Where a rule comes from: guideline, section or statement, and year.

use std::fmt;
use std::sync::Arc;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub guideline: String,
    pub section: String,
    pub year: u16,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}), {}", self.guideline, self.year, self.section)
    }
}

/// One or more sources; a rule always has at least one. The one-line form is built once and
/// shared, since every schedule item of every patient carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    list: Vec<Source>,
    line: Arc<str>,
}

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Source>::deserialize(d)?;
        let line = list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; ").into();
        Ok(Sources { list, line })
    }
}

impl Sources {
    pub fn check(&self, rule: &str) -> Result<(), String> {
        if self.list.is_empty() {
            return Err(format!("rule `{rule}` has no source; every rule names the guideline it comes from"));
        }
        for s in &self.list {
            if s.guideline.trim().is_empty() || s.section.trim().is_empty() {
                return Err(format!("rule `{rule}`: a source needs both `guideline` and `section`"));
            }
            if !(1950..=2100).contains(&s.year) {
                return Err(format!("rule `{rule}`: source year {} is not a plausible year", s.year));
            }
        }
        Ok(())
    }

    pub fn list(&self) -> &[Source] {
        &self.list
    }

    /// All sources on one line, separated by "; ".
    pub fn one_line(&self) -> &str {
        &self.line
    }

    /// The one-line form, shared.
    pub fn shared(&self) -> Arc<str> {
        Arc::clone(&self.line)
    }
}

impl fmt::Display for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line)
    }
}
