//! Revised Tokuhashi score and its predicted-survival band.

use serde::Serialize;

use crate::guidelines::{Guidelines, range_points};
use crate::model::*;

use super::super::timeline::Timeline;
use super::{Component, missing, total};

#[derive(Debug, Clone, Serialize)]
pub struct TokuhashiResult {
    pub components: Vec<Component>,
    pub total: Option<u32>,
    pub missing: Vec<&'static str>,
    pub band: Option<String>,
}

pub fn tokuhashi(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> TokuhashiResult {
    let t = &g.scores.tokuhashi;
    let cancer = case.cancer.as_ref();
    let spine = case.spine.as_ref();
    let kps = cancer.and_then(|c| c.kps).map(|k| k.get());
    let extraspinal = spine.and_then(|s| s.extraspinal_bone_mets).map(|c| c.get());
    let mut levels: Vec<SpineLevel> = spine.map(|s| s.levels.clone()).unwrap_or_default();
    levels.sort();
    levels.dedup();
    let vertebral = (!levels.is_empty()).then_some(levels.len() as u32);
    let visceral = spine.and_then(|s| s.visceral_mets);
    let primary = case.primary();
    let frankel = timeline.exams.iter().rev().find_map(|e| e.frankel);
    let components = vec![
        Component::new("kps", kps.map(|k| k.to_string()), kps.and_then(|k| range_points(&t.kps, k))),
        Component::new(
            "extraspinal_bone_mets",
            extraspinal.map(|n| n.to_string()),
            extraspinal.and_then(|n| range_points(&t.extraspinal_bone_mets, n)),
        ),
        Component::new(
            "vertebral_body_mets",
            vertebral.map(|n| n.to_string()),
            vertebral.and_then(|n| range_points(&t.vertebral_body_mets, n)),
        ),
        Component::new(
            "visceral_mets",
            visceral.map(|v| v.to_string()),
            visceral.and_then(|v| t.visceral_mets.get(&v).copied()),
        ),
        Component::new(
            "primary",
            primary.map(|p| p.to_string()),
            primary.and_then(|p| t.primary.get(&p).copied().flatten()),
        ),
        Component::new(
            "palsy",
            frankel.map(|f| format!("Frankel {f}")),
            frankel.and_then(|f| t.palsy.get(&f).copied()),
        ),
    ];
    let total = total(&components);
    TokuhashiResult {
        missing: missing(&components),
        band: total.and_then(|s| t.bands.iter().find(|b| (b.from..=b.to).contains(&s))).map(|b| b.band.clone()),
        components,
        total,
    }
}
