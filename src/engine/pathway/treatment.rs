//! Confirmed MSCC: an emergency flag from the MRI that showed it until definitive treatment is
//! given.
//!
//! Any spine MRI whose result or Bilsky grade confirms MSCC raises the flag, whether or not a
//! suspected-MSCC flag came before it (a routine scan can find a compression). The clock starts
//! when the MRI was done. What answers it is treatment given, never booked (`course`): a course or
//! an operation begun at or after the MRI that covers the compressed level (when the report gave
//! the level, a course or operation whose own level is not recorded covers nothing); or a course
//! already under way over the MRI's day that is known to cover the compressed level. A booking
//! still to come is shown on the flag, with the deadline when it falls after it; a course that
//! does not answer says why. Further MRIs that confirm MSCC before treatment belong to the same
//! flag: the clock is not restarted by re-imaging.

use std::sync::Arc;

use crate::guidelines::Guidelines;
use crate::model::*;

use super::super::flag::{Flag, FlagNote, FlagRule, FlagStatus, Treatment};
use super::super::timeline::Timeline;
use super::super::triage::settle_with;
use super::course::{Course, courses};
use super::describe_mri;

/// The first definitive treatment given by `now` for a compression confirmed by an MRI done at
/// `since` at `levels` (none when the report did not say): when it started (a moment when the case
/// file gives the time, else the day alone) and what it was; with the courses that do not answer
/// it and why.
pub(crate) fn treatment_for(
    case: &Case,
    since: Stamp,
    levels: &[LevelSpan],
    now: Stamp,
) -> (Option<(Stamp, Treatment)>, Vec<FlagNote>) {
    let day = since.date();
    let compressed = spans(levels).unwrap_or_else(|| "a level the report does not give".into());
    let mut first: Option<(Stamp, Treatment)> = None;
    let mut notes = Vec::new();
    let mut not_this = |c: &Course, why: String| {
        notes.push(FlagNote::NotThisCompression { course: format!("{} from {}", c.words, c.start), why })
    };
    for c in courses(case).iter().filter(|c| c.given_by(now)) {
        let after = c.start.date() >= day && (c.start.is_date_only() || since.is_date_only() || c.start >= since);
        let at = if after {
            match c.covers(levels) {
                Some(false) => {
                    not_this(c, format!("it treats {}, the compression is at {compressed}", c.level_words()));
                    continue;
                }
                // The report gave the compression's level and the course gives none: it may be
                // a hip or a rib. A level not recorded covers nothing; the site answers it.
                None if !levels.is_empty() => {
                    not_this(
                        c,
                        format!(
                            "its level is not recorded and the compression is at {compressed}: a level not recorded covers nothing (record the site it treats, e.g. T6-T8)"
                        ),
                    );
                    continue;
                }
                _ => c.start,
            }
        } else if c.treatment == Treatment::Radiotherapy && c.under_way_on(day) {
            // Begun before the MRI and still running over its day: it answers only a compression at
            // a level it is known to cover. It is known by the MRI's day alone, never given a time
            // it did not start at.
            match c.covers(levels) {
                Some(true) => Stamp::date_only(day),
                Some(false) => {
                    not_this(c, format!("it treats {}, the compression is at {compressed}", c.level_words()));
                    continue;
                }
                None => {
                    not_this(
                        c,
                        format!(
                            "it was under way when the MRI was done, but it treats {} and the compression is at {compressed}: a level not recorded covers nothing",
                            c.level_words()
                        ),
                    );
                    continue;
                }
            }
        } else {
            // Over before the MRI, or an operation before it: not for what the MRI found.
            continue;
        };
        if first.is_none_or(|(a, _)| at < a) {
            first = Some((at, c.treatment));
        }
    }
    (first, notes)
}

/// The first definitive treatment booked for this compression and not given by `now`: today by
/// its day alone, later today by its time, or on a later day; noted with the deadline when it
/// falls after it. A booking known to be for another level is said as such.
fn booked(case: &Case, since: Stamp, levels: &[LevelSpan], deadline: Stamp, now: Stamp) -> Vec<FlagNote> {
    let mut ahead: Vec<Course> =
        courses(case).into_iter().filter(|c| !c.given_by(now) && c.start.date() >= since.date()).collect();
    ahead.sort_by_key(|c| c.start);
    let mut notes = Vec::new();
    if let Some(other) = ahead.iter().find(|c| c.covers(levels) == Some(false)) {
        notes.push(FlagNote::NotThisCompression {
            course: format!("{} booked {}", other.words, other.start),
            why: format!(
                "it treats {}, the compression is at {}",
                other.level_words(),
                spans(levels).unwrap_or_default()
            ),
        });
    }
    if let Some(c) = ahead.iter().find(|c| c.covers(levels) != Some(false)) {
        let late = if c.start.is_date_only() { c.start.date() > deadline.date() } else { c.start > deadline };
        notes.push(FlagNote::TreatmentPlanned {
            at: c.start,
            treatment: c.treatment,
            today: c.start.date() == now.date(),
            late: late.then_some(deadline),
        });
    }
    notes
}

pub fn treatment_flags(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Vec<Flag> {
    let rule = &g.pathway.treatment;
    let mut flags: Vec<Flag> = Vec::new();
    for mri in timeline.done_imaging.iter().filter(|i| rule.confirms(i.kind, i.result, i.escc)) {
        let Some(done) = mri.done else { continue };
        // An earlier flag that was not yet answered or closed when this MRI was done carries on;
        // levels this MRI adds are added to it.
        if let Some(last) = flags.last_mut() {
            let after = |s: Stamp| if s.is_date_only() { s.date() >= done.date() } else { s >= done };
            if last.settled_at().is_none_or(after) {
                for l in &mri.levels {
                    if !last.levels.contains(l) {
                        last.levels.push(*l);
                    }
                }
                continue;
            }
        }
        flags.push(Flag {
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
            levels: mri.levels.clone(),
            decided: None,
            part_of: None,
        });
    }
    for flag in &mut flags {
        let (answer, not_this) = treatment_for(case, flag.raised_at, &flag.levels, timeline.now);
        let answer = answer.map(|(at, treatment)| (at, FlagStatus::Treated { at, treatment }));
        settle_with(flag, g, timeline, answer);
        if flag.is_open() {
            flag.notes.splice(0..0, not_this);
            flag.notes.extend(booked(case, flag.raised_at, &flag.levels, flag.deadline, timeline.now));
        }
    }
    flags
}
