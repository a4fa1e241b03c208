//! A spinal surgeon's opinion: on stability (SINS) and on decompression (high-grade ESCC with a
//! radioresistant tumour or a neurological deficit).
//!
//! The SINS counts what is recorded: a total that already reaches a band needing an opinion with
//! components missing can only go up when they are filled in, so it is not waited for. The band's
//! `mechanical` reading (scores.yaml) decides: `surgical_opinion` gives a due item, `stabilisation`
//! an urgent one. High-grade ESCC is the grade whose NOMS reading is `high`; with confirmed MSCC the
//! item is urgent. The compression question ends when definitive treatment starts or a clinician
//! closes the treatment flag; stability does not. Answered by a referral to spinal surgery at or
//! after the latest spine MRI (any referral, when there is no MRI).

use crate::guidelines::{EsccBand, Guidelines, Mechanical, Radiosensitivity};
use crate::model::*;

use super::super::flag::Flag;
use super::super::scores;
use super::super::timeline::Timeline;
use super::{Answer, ItemLevel, PathwayItem, Raise, deficits, has_neurology};

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    let mut reasons = Vec::new();
    let mut urgent = false;

    if let Some(sins) = scores::sins(case, g) {
        let counted: u32 = sins.components.iter().filter_map(|c| c.points).sum();
        let band = g.scores.sins.bands.iter().find(|b| (b.from..=b.to).contains(&counted));
        if let Some(band) = band.filter(|b| b.mechanical != Mechanical::Stable) {
            let partial = if sins.total.is_some() { String::new() } else { " with components missing".to_string() };
            reasons.push(format!("SINS {counted}{partial} ({})", band.band));
            urgent |= band.mechanical == Mechanical::Stabilisation;
        }
    }

    let latest_mri = timeline.done_imaging.iter().rev().find(|i| i.kind.is_mri());
    // Decompression is a question until definitive treatment is given or the compression's flag
    // is closed (a clinician, or a decision of best supportive care): after that, only stability
    // (SINS) still asks.
    let decided = |done: Stamp| {
        flags.iter().any(|f| {
            f.awaits() == super::super::flag::Awaits::Treatment
                && f.raised_at <= done
                && f.settled_at().is_some_and(|at| at >= done || at.date() == done.date())
        })
    };
    if let Some(mri) = latest_mri
        && let Some(done) = mri.done
        && !decided(done)
        && let Some(grade) = mri.escc
        && g.scores.bilsky.bands.iter().any(|b| b.noms == EsccBand::High && b.grades.contains(&grade))
    {
        let resistant =
            case.primary().filter(|p| g.scores.noms.radiosensitivity.get(p) == Some(&Radiosensitivity::Resistant));
        let deficit =
            timeline.exams.iter().rev().find(|e| has_neurology(e)).map(|e| deficits(g, e)).filter(|d| !d.is_empty());
        let why = match (resistant, &deficit) {
            (Some(p), _) => Some(format!("radioresistant primary ({p})")),
            (None, Some(d)) => Some(format!("neurological deficit ({})", super::super::finding::join(d))),
            (None, None) => None,
        };
        if let Some(why) = why {
            reasons.push(format!("high-grade ESCC {grade} on {} with a {why}", mri.kind.label()));
            urgent |= g.pathway.treatment.confirms(mri.kind, mri.result, mri.escc);
        }
    }
    if reasons.is_empty() {
        return;
    }

    // Answered by a referral at or after the latest spine MRI (the study the opinion is asked on).
    let latest_imaging = latest_mri.and_then(|i| i.done);
    let raised_at = latest_imaging.unwrap_or_else(|| Stamp::date_only(timeline.now.date()));
    let referred = case.referrals.iter().any(|r| {
        r.to == ReferralTo::SpinalSurgery && r.at <= timeline.now && (latest_imaging.is_none() || r.at >= raised_at)
    });
    if referred {
        return;
    }
    let r = &g.pathway.surgical_opinion;
    Raise {
        rule: r,
        level: if urgent { ItemLevel::Urgent } else { ItemLevel::Due },
        raised_at,
        due: raised_at.date(),
        detail: format!("{}; no referral to spinal surgery since", reasons.join("; ")),
        answer: Answer::Referral { to: ReferralTo::SpinalSurgery },
    }
    .push_to(out, timeline);
}
