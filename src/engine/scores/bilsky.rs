//! Bilsky ESCC grade of the latest spine MRI. When that MRI was not graded, the grade is missing:
//! an older grade is not passed off as the current one.

use serde::Serialize;

use crate::guidelines::{EsccBand, Guidelines};
use crate::model::*;

use super::super::timeline::Timeline;

#[derive(Debug, Clone, Serialize)]
pub struct EsccResult {
    pub grade: String,
    pub mri_done: Stamp,
    pub band: String,
    pub meaning: String,
    #[serde(skip)]
    pub noms_band: EsccBand,
}

pub fn escc(g: &Guidelines, timeline: &Timeline<'_>) -> Option<EsccResult> {
    let mri = timeline.done_imaging.iter().rev().find(|i| i.kind.is_mri())?;
    let grade = mri.escc?;
    let band = g.scores.bilsky.bands.iter().find(|b| b.grades.contains(&grade))?;
    Some(EsccResult {
        grade: grade.to_string(),
        mri_done: mri.done?,
        band: band.band.clone(),
        meaning: band.meaning.clone(),
        noms_band: band.noms,
    })
}
