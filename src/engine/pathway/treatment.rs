//! Confirmed MSCC: an emergency flag from the MRI that showed it until definitive treatment starts.
//!
//! Any spine MRI whose result or Bilsky grade confirms MSCC raises the flag, whether or not a
//! suspected-MSCC flag came before it (a routine scan can find a compression). The clock starts
//! when the MRI was done. A radiotherapy course that starts on or after the MRI's date, or is
//! already running over it, or a spinal operation on or after that date, answers it once its date
//! has come; a course or an operation still to come is shown as planned, and the clock runs on.
//! Further MRIs that confirm MSCC before treatment belong to the same flag: the clock is not
//! restarted by re-imaging.

use std::sync::Arc;

use crate::guidelines::Guidelines;
use crate::model::*;

use super::super::flag::{Flag, FlagNote, FlagRule, FlagStatus, Treatment};
use super::super::timeline::Timeline;
use super::super::triage::settle_with;
use super::describe_mri;

/// The first definitive treatment for an MRI done at `since`, started by `now`: when it started
/// (a moment when the case file gives the time, else the day alone) and what it was. A course
/// already running over the MRI, or begun earlier on the MRI's own day, is under way from the MRI
/// itself; an operation known to have started before the MRI was not for what the MRI found. A
/// treatment later today, by its time, has not started: it is a plan, like one on a later day.
pub(crate) fn treatment_since(case: &Case, since: Stamp, now: Stamp) -> Option<(Stamp, Treatment)> {
    let day = since.date();
    let rt = case
        .radiotherapy
        .iter()
        .filter(|r| r.started().has_come(now))
        .filter_map(|r| {
            let started = r.started();
            if r.start >= day && (started.is_date_only() || since.is_date_only() || started >= since) {
                Some(started)
            } else if r.end.is_none_or(|e| e >= day) {
                // Already under way when the MRI was done (begun on an earlier day, or earlier
                // that day): known by the MRI's day alone, never given a time it did not start at.
                Some(Stamp::date_only(day))
            } else {
                None
            }
        })
        .min()
        .map(|at| (at, Treatment::Radiotherapy));
    let surgery = case
        .surgery
        .iter()
        .map(|s| s.started())
        .filter(|at| at.date() >= day && at.has_come(now))
        .filter(|at| at.is_date_only() || since.is_date_only() || *at >= since)
        .min()
        .map(|at| (at, Treatment::Surgery));
    [rt, surgery].into_iter().flatten().min_by_key(|(at, _)| *at)
}

/// A definitive treatment planned after `now` for an MRI of `since`: not started by its time, or
/// on a later day.
fn planned_since(case: &Case, since: Date, now: Stamp) -> Option<(Date, Treatment)> {
    let ahead = |at: Stamp| at.date() >= since && !at.has_come(now);
    let rt = case.radiotherapy.iter().filter(|r| ahead(r.started())).map(|r| r.start).min();
    let surgery = case.surgery.iter().filter(|s| ahead(s.started())).map(|s| s.date).min();
    [rt.map(|d| (d, Treatment::Radiotherapy)), surgery.map(|d| (d, Treatment::Surgery))]
        .into_iter()
        .flatten()
        .min_by_key(|(d, _)| *d)
}

pub fn treatment_flags(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Vec<Flag> {
    let rule = &g.pathway.treatment;
    let mut flags: Vec<Flag> = Vec::new();
    for mri in timeline.done_imaging.iter().filter(|i| rule.confirms(i.kind, i.result, i.escc)) {
        let Some(done) = mri.done else { continue };
        // An earlier flag that was not yet answered or closed when this MRI was done carries on.
        if let Some(last) = flags.last() {
            let settled = match &last.status {
                FlagStatus::Open => None,
                FlagStatus::Treated { at, .. } | FlagStatus::Closed { at, .. } | FlagStatus::Actioned { at, .. } => {
                    Some(*at)
                }
            };
            let after = |s: Stamp| if s.is_date_only() { s.date() >= done.date() } else { s >= done };
            if settled.is_none_or(after) {
                continue;
            }
        }
        let mut flag = Flag {
            rule: FlagRule::Treatment(Arc::clone(rule)),
            level: rule.level,
            findings: Vec::new(),
            raised_at: done,
            deadline: done.add_hours(i64::from(rule.within_hours)),
            status: FlagStatus::Open,
            present_at_last_exam: true,
            acknowledgements: Vec::new(),
            notes: Vec::new(),
            evidence: Some(describe_mri(mri)),
        };
        let answer = treatment_since(case, done, timeline.now)
            .map(|(at, treatment)| (at, FlagStatus::Treated { at, treatment }));
        settle_with(&mut flag, timeline, answer);
        if flag.is_open()
            && let Some((from, treatment)) = planned_since(case, done.date(), timeline.now)
        {
            flag.notes.push(FlagNote::TreatmentPlanned { from, treatment });
        }
        flags.push(flag);
    }
    flags
}
