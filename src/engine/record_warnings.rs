//! Warnings, not refusals, about a record as it is written: things that are most often a slip of
//! the keyboard or a step forgotten, but may be true, so the write goes ahead and the clinician is
//! told. A radiotherapy course dated before the MRI that confirmed the compression it treats, an
//! exam that finds a sensory level without saying where, a discharge with follow-up spine imaging
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
        Event::Radiotherapy(rt) => out.extend(radiotherapy_before_mri(case, rt)),
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

/// A course that starts on a day before every MRI that showed a compression: treatment cannot
/// precede the scan that found what it treats, so the start date (or the scan's) is likely wrong.
fn radiotherapy_before_mri(case: &Case, rt: &Radiotherapy) -> Option<String> {
    let confirming: Vec<Stamp> = case
        .imaging
        .iter()
        .filter(|i| i.struck.is_none() && i.kind.is_mri() && i.result == Some(ImagingResult::Mscc))
        .filter_map(|i| i.done)
        .collect();
    let first = confirming.iter().min()?;
    (rt.start < first.date()).then(|| {
        format!(
            "radiotherapy from {} is dated before the MRI of {} that confirmed the compression it would treat; check the start date",
            rt.start, first
        )
    })
}
