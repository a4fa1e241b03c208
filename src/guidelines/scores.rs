//! Score tables: SINS, Bilsky ESCC bands, revised Tokuhashi, and the NOMS inputs.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::check_bands;
use super::source::Sources;
use crate::model::*;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreTables {
    pub sins: SinsTable,
    pub bilsky: BilskyTable,
    pub tokuhashi: TokuhashiTable,
    pub noms: NomsTable,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinsTable {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub points: SinsPoints,
    pub bands: Vec<SinsBand>,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinsPoints {
    pub location: BTreeMap<SinsLocation, u32>,
    pub pain: BTreeMap<SinsPain, u32>,
    pub bone_lesion: BTreeMap<BoneLesion, u32>,
    pub alignment: BTreeMap<Alignment, u32>,
    pub collapse: BTreeMap<Collapse, u32>,
    pub posterolateral: BTreeMap<Posterolateral, u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinsBand {
    pub from: u32,
    pub to: u32,
    pub band: String,
    pub mechanical: Mechanical,
}

/// What a SINS band means for the spine's mechanical stability.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mechanical {
    Stable,
    SurgicalOpinion,
    Stabilisation,
}

/// How NOMS reads an ESCC band.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EsccBand {
    Low,
    Contested,
    High,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BilskyTable {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub bands: Vec<BilskyBand>,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BilskyBand {
    pub grades: Vec<Escc>,
    pub band: String,
    pub noms: EsccBand,
    pub meaning: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokuhashiTable {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub kps: Vec<RangePoints>,
    pub extraspinal_bone_mets: Vec<RangePoints>,
    pub vertebral_body_mets: Vec<RangePoints>,
    pub visceral_mets: BTreeMap<Visceral, u32>,
    pub primary: BTreeMap<Primary, Option<u32>>,
    pub palsy: BTreeMap<Frankel, u32>,
    pub bands: Vec<TokuhashiBand>,
    pub source: Sources,
}

/// Points for a value in `from..=to`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangePoints {
    pub from: u32,
    pub to: u32,
    pub points: u32,
}

pub fn range_points(table: &[RangePoints], value: u32) -> Option<u32> {
    table.iter().find(|r| (r.from..=r.to).contains(&value)).map(|r| r.points)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokuhashiBand {
    pub from: u32,
    pub to: u32,
    pub band: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Radiosensitivity {
    Sensitive,
    Resistant,
    Unknown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NomsTable {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub radiosensitivity: BTreeMap<Primary, Radiosensitivity>,
    #[serde(default)]
    pub radiosensitivity_notes: BTreeMap<Primary, String>,
    pub surgery_life_expectancy_months: u32,
    pub pathways: Pathways,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathways {
    pub conventional_rt: String,
    pub stereotactic_rt: String,
    pub separation_surgery: String,
    pub contested_1c: String,
    pub palliative_rt: String,
    pub stabilisation: String,
    pub surgical_opinion: String,
}

fn every_key<K: Ord + Copy + std::fmt::Display, V>(table: &str, map: &BTreeMap<K, V>, all: &[K]) -> Result<(), String> {
    match all.iter().find(|k| !map.contains_key(k)) {
        Some(missing) => Err(format!("{table} has no entry for `{missing}`; every value must be listed")),
        None => Ok(()),
    }
}

fn max_of<K>(map: &BTreeMap<K, u32>) -> u32 {
    map.values().copied().max().unwrap_or(0)
}

fn covers(table: &str, ranges: &[RangePoints], values: impl Iterator<Item = u32>) -> Result<(), String> {
    for v in values {
        let n = ranges.iter().filter(|r| (r.from..=r.to).contains(&v)).count();
        if n != 1 {
            return Err(format!("{table}: the value {v} falls in {n} ranges; each value must fall in exactly one"));
        }
    }
    Ok(())
}

impl ScoreTables {
    pub(super) fn check(&self) -> Result<(), String> {
        let s = &self.sins;
        let p = &s.points;
        every_key("sins.points.location", &p.location, SinsLocation::ALL)?;
        every_key("sins.points.pain", &p.pain, SinsPain::ALL)?;
        every_key("sins.points.bone_lesion", &p.bone_lesion, BoneLesion::ALL)?;
        every_key("sins.points.alignment", &p.alignment, Alignment::ALL)?;
        every_key("sins.points.collapse", &p.collapse, Collapse::ALL)?;
        every_key("sins.points.posterolateral", &p.posterolateral, Posterolateral::ALL)?;
        let sins_max = max_of(&p.location)
            + max_of(&p.pain)
            + max_of(&p.bone_lesion)
            + max_of(&p.alignment)
            + max_of(&p.collapse)
            + max_of(&p.posterolateral);
        let bands: Vec<(u32, u32)> = s.bands.iter().map(|b| (b.from, b.to)).collect();
        check_bands("sins.bands", &bands, 0, sins_max)?;
        s.source.check(&s.id)?;

        let b = &self.bilsky;
        for grade in Escc::ALL {
            let n = b.bands.iter().filter(|band| band.grades.contains(&grade)).count();
            if n != 1 {
                return Err(format!("bilsky.bands: grade {grade} is in {n} bands; each grade must be in exactly one"));
            }
        }
        b.source.check(&b.id)?;

        let t = &self.tokuhashi;
        covers("tokuhashi.kps", &t.kps, (1..=10).map(|k| k * 10))?;
        covers("tokuhashi.extraspinal_bone_mets", &t.extraspinal_bone_mets, 0..=crate::model::bounded::Count::MAX)?;
        covers("tokuhashi.vertebral_body_mets", &t.vertebral_body_mets, 1..=SpineLevel::COUNT as u32)?;
        every_key("tokuhashi.visceral_mets", &t.visceral_mets, Visceral::ALL)?;
        every_key("tokuhashi.primary", &t.primary, Primary::ALL)?;
        every_key("tokuhashi.palsy", &t.palsy, Frankel::ALL)?;
        let max_range = |r: &[RangePoints]| r.iter().map(|x| x.points).max().unwrap_or(0);
        let toku_max = max_range(&t.kps)
            + max_range(&t.extraspinal_bone_mets)
            + max_range(&t.vertebral_body_mets)
            + max_of(&t.visceral_mets)
            + t.primary.values().flatten().copied().max().unwrap_or(0)
            + max_of(&t.palsy);
        let bands: Vec<(u32, u32)> = t.bands.iter().map(|b| (b.from, b.to)).collect();
        check_bands("tokuhashi.bands", &bands, 0, toku_max)?;
        t.source.check(&t.id)?;

        let n = &self.noms;
        every_key("noms.radiosensitivity", &n.radiosensitivity, Primary::ALL)?;
        if n.surgery_life_expectancy_months == 0 {
            return Err("noms.surgery_life_expectancy_months must be at least 1".into());
        }
        n.source.check(&n.id)
    }
}
