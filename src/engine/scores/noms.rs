//! The NOMS summary: neurologic, oncologic, mechanical and systemic assessments, and the
//! treatment pathway they point to. Decision support only; any missing input is named.

use serde::Serialize;

use crate::guidelines::{EsccBand, Guidelines, Level, Mechanical, Radiosensitivity};
use crate::model::*;

use super::super::finding;
use super::super::timeline::Timeline;
use super::{EsccResult, SinsResult};

#[derive(Debug, Clone, Serialize)]
pub struct NomsResult {
    pub neurologic: String,
    pub oncologic: String,
    pub mechanical: String,
    pub systemic: String,
    /// Recommendations, in the order the framework considers them.
    pub pathway: Vec<String>,
    /// Inputs the pathway needed but the case does not record.
    pub missing: Vec<&'static str>,
}

pub fn noms(
    case: &Case,
    g: &Guidelines,
    timeline: &Timeline<'_>,
    escc: Option<&EsccResult>,
    sins: Option<&SinsResult>,
) -> NomsResult {
    let n = &g.scores.noms;
    let p = &n.pathways;
    let mut missing = Vec::new();

    let deficits: Vec<String> = timeline
        .last_exam()
        .map(|e| {
            g.red_flags
                .rules
                .iter()
                .filter(|r| r.level == Level::Emergency)
                .flat_map(|r| finding::matching(&r.findings, e))
                .map(|f| f.to_string())
                .collect()
        })
        .unwrap_or_default();
    let deficit_text = match (timeline.last_exam(), deficits.is_empty()) {
        (None, _) => "no exam recorded".to_string(),
        (Some(_), true) => "no neurological deficit at the last exam".to_string(),
        (Some(_), false) => format!("deficit at the last exam: {}", deficits.join(", ")),
    };
    let neurologic = match escc {
        Some(e) => format!("ESCC {} ({}); {deficit_text}", e.grade, e.band),
        None => {
            missing.push("ESCC grade (spine MRI with escc)");
            format!("ESCC not recorded; {deficit_text}")
        }
    };

    let sensitivity = case.primary().map(|p| n.radiosensitivity.get(&p).copied().unwrap_or(Radiosensitivity::Unknown));
    let oncologic = match (case.primary(), sensitivity) {
        (Some(primary), Some(Radiosensitivity::Sensitive)) => format!("{primary}: radiosensitive"),
        (Some(primary), Some(Radiosensitivity::Resistant)) => format!("{primary}: radioresistant"),
        (Some(primary), _) => {
            missing.push("radiosensitivity of the primary");
            format!("{primary}: radiosensitivity unknown")
        }
        (None, _) => {
            missing.push("primary cancer");
            "primary not recorded".to_string()
        }
    };
    let oncologic = match case.primary().and_then(|p| n.radiosensitivity_notes.get(&p)) {
        Some(note) => format!("{oncologic} ({})", note.trim()),
        None => oncologic,
    };

    let mechanical_band = sins.and_then(|s| s.mechanical);
    let mechanical = match sins.and_then(|s| s.total.map(|t| (t, s.band.clone().unwrap_or_default()))) {
        Some((total, band)) => format!("SINS {total} ({band})"),
        None => {
            missing.push("SINS (all six components)");
            "SINS incomplete".to_string()
        }
    };

    let threshold = n.surgery_life_expectancy_months;
    let life = case.cancer.as_ref().and_then(|c| c.life_expectancy_months).map(|m| m.get());
    // At least the threshold: the surgical trial behind it took patients expected to live 3
    // months or more.
    let fit = life.map(|m| m >= threshold);
    let systemic = match life {
        Some(m) if m >= threshold => {
            format!("life expectancy {m} months, at least the {threshold} months surgery needs")
        }
        Some(m) => format!("life expectancy {m} months, under the {threshold} months surgery needs"),
        None => {
            missing.push("life expectancy");
            "life expectancy not recorded".to_string()
        }
    };

    let mut pathway = Vec::new();
    match mechanical_band {
        Some(Mechanical::Stabilisation) if fit == Some(false) => pathway.push(format!(
            "{} (life expectancy is under the surgical threshold: weigh a less invasive option)",
            p.stabilisation
        )),
        Some(Mechanical::Stabilisation) => pathway.push(p.stabilisation.clone()),
        Some(Mechanical::SurgicalOpinion) => pathway.push(p.surgical_opinion.clone()),
        _ => {}
    }
    match (sensitivity, escc.map(|e| e.noms_band)) {
        (Some(Radiosensitivity::Sensitive), _) => pathway.push(p.conventional_rt.clone()),
        (Some(Radiosensitivity::Resistant), Some(EsccBand::Low)) => pathway.push(p.stereotactic_rt.clone()),
        (Some(Radiosensitivity::Resistant), Some(EsccBand::Contested)) => pathway.push(p.contested_1c.clone()),
        (Some(Radiosensitivity::Resistant), Some(EsccBand::High)) => match fit {
            Some(true) => pathway.push(p.separation_surgery.clone()),
            Some(false) => pathway.push(p.palliative_rt.clone()),
            None => pathway
                .push(format!("{} (only if fit for surgery: life expectancy not recorded)", p.separation_surgery)),
        },
        _ => {}
    }
    if pathway.is_empty() {
        pathway.push("No pathway: the inputs it needs are missing (see below).".to_string());
    }
    NomsResult { neurologic, oncologic, mechanical, systemic, pathway, missing }
}
