//! Plain-language descriptions of the pain features an exam can record.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::source::Sources;
use crate::model::PainFeature;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PainFeatures {
    pub features: BTreeMap<PainFeature, String>,
    pub source: Sources,
}

impl PainFeatures {
    pub(super) fn check(&self) -> Result<(), String> {
        self.source.check("pain features")?;
        for f in PainFeature::ALL {
            if self.features.get(f).is_none_or(|d| d.trim().is_empty()) {
                return Err(format!("pain feature `{f}` has no description"));
            }
        }
        Ok(())
    }

    pub fn describe(&self, feature: PainFeature) -> &str {
        self.features.get(&feature).map(String::as_str).unwrap_or("")
    }
}
