//! Spinal Instability Neoplastic Score from its six components.

use serde::Serialize;

use crate::guidelines::{Guidelines, Mechanical};
use crate::model::*;

use super::{Component, missing, total};

#[derive(Debug, Clone, Serialize)]
pub struct SinsResult {
    pub components: Vec<Component>,
    /// Only when all six components are recorded.
    pub total: Option<u32>,
    pub missing: Vec<&'static str>,
    pub band: Option<String>,
    #[serde(skip)]
    pub mechanical: Option<Mechanical>,
    /// 7 or more: a spinal surgeon's opinion is needed.
    pub surgical_opinion: Option<bool>,
}

fn component<K: Ord + Copy + std::fmt::Display>(
    name: &'static str,
    value: Option<K>,
    table: &std::collections::BTreeMap<K, u32>,
) -> Component {
    Component::new(name, value.map(|v| v.to_string()), value.and_then(|v| table.get(&v).copied()))
}

/// The SINS of a case, or None when no SINS component is recorded at all.
pub fn sins(case: &Case, g: &Guidelines) -> Option<SinsResult> {
    let inputs = case.spine.as_ref()?.sins.as_ref()?;
    let p = &g.scores.sins.points;
    let components = vec![
        component("location", inputs.location, &p.location),
        component("pain", inputs.pain, &p.pain),
        component("bone_lesion", inputs.bone_lesion, &p.bone_lesion),
        component("alignment", inputs.alignment, &p.alignment),
        component("collapse", inputs.collapse, &p.collapse),
        component("posterolateral", inputs.posterolateral, &p.posterolateral),
    ];
    let total = total(&components);
    let band = total.and_then(|t| g.scores.sins.bands.iter().find(|b| (b.from..=b.to).contains(&t)));
    Some(SinsResult {
        missing: missing(&components),
        components,
        total,
        band: band.map(|b| b.band.clone()),
        mechanical: band.map(|b| b.mechanical),
        surgical_opinion: band.map(|b| b.mechanical != Mechanical::Stable),
    })
}
