//! Where a rule comes from: guideline, section or statement, and year.

use std::fmt;

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

/// One or more sources; a rule always has at least one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Sources(pub Vec<Source>);

impl Sources {
    pub fn check(&self, rule: &str) -> Result<(), String> {
        if self.0.is_empty() {
            return Err(format!("rule `{rule}` has no source; every rule names the guideline it comes from"));
        }
        for s in &self.0 {
            if s.guideline.trim().is_empty() || s.section.trim().is_empty() {
                return Err(format!("rule `{rule}`: a source needs both `guideline` and `section`"));
            }
            if !(1950..=2100).contains(&s.year) {
                return Err(format!("rule `{rule}`: source year {} is not a plausible year", s.year));
            }
        }
        Ok(())
    }

    /// All sources on one line, separated by "; ".
    pub fn one_line(&self) -> String {
        self.0.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; ")
    }
}

impl fmt::Display for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line())
    }
}
