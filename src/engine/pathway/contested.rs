//! A spine MRI graded in the contested Bilsky band (1c: the cord abutted, not compressed) in a
//! patient with a neurological deficit: neither confirmed nor excluded cord compression, so a
//! senior decision is asked for (`escc-1c-review`), and corticosteroids are not stopped by it.

use crate::guidelines::Guidelines;

use super::super::closing::decision_counts;
use super::super::finding;
use super::super::timeline::Timeline;
use super::{Answer, ItemLevel, PathwayItem, Raise, contested, deficits, describe_mri, has_neurology};

pub(super) fn items(g: &Guidelines, timeline: &Timeline<'_>, out: &mut Vec<PathwayItem>) {
    let latest = timeline
        .done_imaging
        .iter()
        .rev()
        .find(|i| g.pathway.treatment.imaging.contains(&i.kind) && (i.result.is_some() || i.escc.is_some()));
    let Some(mri) = latest else { return };
    let Some(done) = mri.done else { return };
    if !contested(g, mri) || g.pathway.treatment.confirms(mri.kind, mri.result, mri.escc) {
        return;
    }
    let deficit =
        timeline.exams.iter().rev().find(|e| has_neurology(e)).map(|e| deficits(g, e)).filter(|d| !d.is_empty());
    let Some(deficit) = deficit else { return };
    if timeline.decisions.iter().any(|d| d.at >= done && decision_counts(g, d).is_ok()) {
        return;
    }
    Raise {
        rule: &g.pathway.escc_contested,
        level: ItemLevel::Urgent,
        raised_at: done,
        due: done.date(),
        detail: format!(
            "{} with a neurological deficit ({}): a senior decision on treating it as cord compression",
            describe_mri(mri),
            finding::join(&deficit)
        ),
        answer: Answer::TreatmentDecision,
    }
    .push_to(out, timeline);
}
