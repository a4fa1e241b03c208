//! Triage levels, highest first: emergency, urgent, none.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    None,
    Urgent,
    Emergency,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// The text marker used wherever the level is shown, so it never rests on colour alone.
    pub fn marker(self) -> &'static str {
        match self {
            Level::Emergency => "!!",
            Level::Urgent => "!",
            Level::None => "",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
