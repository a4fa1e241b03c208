//! Warnings, not refusals, about a record as it is written: things that are most often a slip of
//! the keyboard or a step forgotten, but may be true, so the write goes ahead and the clinician is
//! told. A radiotherapy course dated before the MRI that confirmed the compression it treats, or
//! one whose treated levels cover none of the levels the MRI found compressed, an exam that finds a sensory level without saying where, a discharge with follow-up spine imaging
//! due that day or overdue.

use crate::model::event::Event;
use crate::model::*;

use super::Assessment;
use super::schedule::ItemKind;

/// What to warn about `event`, read against `case` as it stood before the write and `a`, its
/// assessment at the moment of the write.
pub fn record_warnings(case: &Case, event: &Event, a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    match event {
        Event::Radiotherapy(rt) => out.extend(radiotherapy_against_mri(case, rt)),
        Event::Exam(exam) if exam.sensory == Some(Sensory::Level) && exam.sensory_level.is_none() => out.push(
            format!(
                "the exam at {} finds a sensory level but gives no level; record the dermatome (sensory_level) so the level can be followed",
                exam.at
            ),
        ),
        Event::Discharge { date } => {
            for item in a
                .schedule
                .iter()
                .filter(|i| matches!(i.kind, ItemKind::SpineImaging | ItemKind::BaselineImaging) && i.due <= *date)
            {
                let when = if item.due == *date { "due that day".to_string() } else { format!("overdue since {}", item.due) };
                out.push(format!(
                    "discharged on {date} with {} {when} ({}); book it before the patient leaves or hand it to the follow-up team",
                    item.title.to_lowercase(),
                    item.rule
                ));
            }
        }
        _ => {}
    }
    out
}

/// A course read against the MRIs that showed a compression. Its MRI is the first that showed a
/// compression at a level the course treats (or, when the levels are not known on either side, the
/// first that showed one): a course cannot start before the scan that found what it treats, so the
/// start date (or the scan's) is likely wrong. And a course that covers none of the levels the
/// MRIs found compressed is likely aimed at the wrong place, or its site mistyped; a site that is
/// not levels ("thoracic spine", or none) is not known to cover any, as a level not recorded
/// covers nothing.
fn radiotherapy_against_mri(case: &Case, rt: &Radiotherapy) -> Vec<String> {
    let confirming: Vec<(&Imaging, Stamp)> = case
        .imaging
        .iter()
        .filter(|i| i.struck.is_none() && i.kind.is_mri() && i.result == Some(ImagingResult::Mscc))
        .filter_map(|i| i.done.map(|done| (i, done)))
        .collect();
    if confirming.is_empty() {
        return Vec::new();
    }
    let treated = rt.site.as_ref().and_then(|s| LevelSpan::parse_site(s.raw()));
    let covers =
        |i: &Imaging| treated.as_ref().is_some_and(|t| t.iter().any(|a| i.levels.iter().any(|b| a.overlaps(*b))));
    let covered: Vec<Stamp> = confirming.iter().filter(|(i, _)| covers(i)).map(|(_, done)| *done).collect();
    let mut out = Vec::new();
    let its_mri = match covered.iter().min() {
        Some(first) => Some(*first),
        None => confirming.iter().map(|(_, done)| *done).min(),
    };
    if let Some(first) = its_mri.filter(|first| rt.start < first.date()) {
        out.push(format!(
            "radiotherapy from {} is dated before the MRI of {} that confirmed the compression it would treat; check the start date",
            rt.start, first
        ));
    }
    let mut compressed: Vec<LevelSpan> = confirming.iter().flat_map(|(i, _)| i.levels.iter().copied()).collect();
    compressed.sort();
    compressed.dedup();
    if covered.is_empty() && !compressed.is_empty() {
        let levels = compressed.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ");
        out.push(match (&treated, &rt.site) {
            (Some(_), Some(site)) => format!(
                "radiotherapy to {} covers none of the levels the MRI found compressed ({levels}); check the site",
                site.safe()
            ),
            (_, Some(site)) => format!(
                "radiotherapy to \"{}\" is not known to cover the compression at {levels}: the site is not spinal levels; record it as levels (such as T9-T11)",
                site.safe()
            ),
            (_, None) => format!(
                "radiotherapy with no site is not known to cover the compression at {levels}; record the treated levels as the site (such as T9-T11)"
            ),
        });
    }
    out
}
