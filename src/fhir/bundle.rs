//! The FHIR Bundle the export writes: a `collection` of entries, or a `transaction` whose
//! entries also say how a server stores them; each entry has its `urn:uuid:` full URL, and the
//! references must resolve inside the bundle.

use serde::{Deserialize, Serialize};

use super::datatypes::{FullUrl, Instant, Reference};
use super::resources::Resource;
use super::value_sets::{BundleType, HttpVerb};

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
    /// In a transaction: how the receiving server is to store the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<EntryRequest>,
}

/// `Bundle.entry.request`: a PUT on the resource's own id, or on a search for the Patient's
/// hospital number (a conditional update, so sending it again never makes a second Patient).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRequest {
    pub method: HttpVerb,
    pub url: String,
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
