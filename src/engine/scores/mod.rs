//! Decision-support scores, each from its guideline table: SINS, Bilsky ESCC, revised Tokuhashi
//! and the NOMS summary. A missing input is reported as missing, never filled in.

mod bilsky;
mod noms;
mod sins;
mod tokuhashi;

pub use bilsky::{EsccResult, escc};
pub use noms::{NomsResult, noms};
pub use sins::{SinsResult, sins};
pub use tokuhashi::{TokuhashiResult, tokuhashi};

use serde::Serialize;

/// One input of a score: its name, the value used, and the points it gave (None when missing).
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub name: &'static str,
    pub value: Option<String>,
    pub points: Option<u32>,
}

impl Component {
    pub fn new(name: &'static str, value: Option<String>, points: Option<u32>) -> Component {
        Component { name, value, points }
    }

    pub fn is_missing(&self) -> bool {
        self.points.is_none()
    }
}

/// The total of the components, only when none is missing.
pub fn total(components: &[Component]) -> Option<u32> {
    components.iter().map(|c| c.points).sum()
}

/// The names of the missing components.
pub fn missing(components: &[Component]) -> Vec<&'static str> {
    components.iter().filter(|c| c.is_missing()).map(|c| c.name).collect()
}
