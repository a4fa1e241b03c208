//! The FHIR Bundle the export writes: a `collection` of entries, each with its `urn:uuid:`
//! full URL, and the references that must resolve inside it.

use serde::{Deserialize, Serialize};

use super::datatypes::{FullUrl, Instant, Reference};
use super::resources::Resource;
use super::value_sets::BundleType;

/// The only value `resourceType` takes at the top of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BundleTag {
    Bundle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bundle {
    pub resource_type: BundleTag,
    #[serde(rename = "type")]
    pub kind: BundleType,
    pub timestamp: Instant,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    pub full_url: FullUrl,
    pub resource: Resource,
}

impl Entry {
    /// A reference to this entry.
    pub fn reference(&self) -> Reference {
        Reference { reference: self.full_url.clone() }
    }
}

impl Bundle {
    /// The bundle as FHIR JSON, two-space indented, ending with a newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|mut s| {
            s.push('\n');
            s
        })
    }
}
