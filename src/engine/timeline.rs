//! The case as it stood at a given moment: events in time order, later ones set aside.
//!
//! Every engine question is asked "as of now". An exam, a result, a dose or an acknowledgement
//! dated after that moment has not happened yet, so it is not counted; instead it is reported as
//! a warning, because a future date in a clinical record is most often a typing error and must be
//! seen, not silently ignored.
//!
//! Two exams recorded at the same minute are one examination: they are merged, keeping the more
//! severe value of every field, so the answer never depends on which was typed first.

use crate::guidelines::Scales;
use crate::model::exam_fields::EXAM_FIELDS;
use crate::model::*;

/// The events of one case up to a moment, each list in time order.
pub struct Timeline<'a> {
    pub now: Stamp,
    /// Exams at or before `now`, oldest first, same-minute exams merged.
    pub exams: Vec<Exam>,
    /// Completed imaging (done at or before `now`), oldest first.
    pub done_imaging: Vec<&'a Imaging>,
    /// Requested imaging with no result yet (requested at or before `now`).
    pub pending_imaging: Vec<&'a Imaging>,
    pub acknowledgements: Vec<&'a Acknowledgement>,
    pub reviews: Vec<&'a Review>,
    /// Decisions about definitive treatment made by `now`, oldest first.
    pub decisions: Vec<&'a Decision>,
    /// Records dated after `now`.
    pub future: Vec<FutureRecord>,
}

/// A record dated after the moment judged at. Beyond a few minutes of clock difference between
/// machines it is a problem with the file, since it most often is a typing error (2027 for 2026)
/// and a flag it should raise is not raised yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FutureRecord {
    pub message: String,
    /// The date as written, to find its line in the file.
    pub written: String,
    /// Within [`CLOCK_SKEW_MINUTES`] of now: not counted yet, but not a problem.
    pub within_skew: bool,
}

pub use crate::model::time::CLOCK_SKEW_MINUTES;

/// A moment with a time, ahead of `now` by no more than the clocks of two computers may differ.
fn within_skew(at: Stamp, now: Stamp) -> bool {
    at > now && !at.is_date_only() && at.minutes_since(now) <= CLOCK_SKEW_MINUTES
}

impl<'a> Timeline<'a> {
    pub fn new(case: &'a Case, now: Stamp, scales: &Scales) -> Timeline<'a> {
        // Every record that cannot have happened yet, in the order the file lists them.
        let future: Vec<FutureRecord> = case
            .sections()
            .iter()
            .flat_map(|section| section.entries.iter().flat_map(|e| e.not_ahead()))
            .filter(|(at, _)| *at > now)
            .map(|(at, what)| FutureRecord {
                message: if what == AN_EXAM && within_skew(at, now) {
                    format!("{what} dated {at} is later than now; its findings are counted now (check the clock)")
                } else {
                    format!("{what} dated {at} is later than now; it is not counted yet (check the date)")
                },
                written: at.to_string(),
                within_skew: within_skew(at, now),
            })
            .collect();

        // An exam a few minutes ahead (another computer's clock, a time typed a little late) is a
        // finding already observed: it counts now, so a red flag is never held back by a clock.
        // Only a record that closes or answers something waits for its time.
        let mut exams: Vec<&Exam> = case.exams.iter().filter(|e| e.at <= now || within_skew(e.at, now)).collect();
        exams.sort_by_key(|e| e.at);
        let exams = merge_same_minute(exams, scales);

        let mut done_imaging = Vec::new();
        let mut pending_imaging = Vec::new();
        for i in &case.imaging {
            match (i.done, i.requested) {
                (Some(done), _) if done <= now => done_imaging.push(i),
                // A result dated ahead of a request already made: the request is still pending.
                (_, Some(req)) if req <= now => pending_imaging.push(i),
                _ => {}
            }
        }
        done_imaging.sort_by_key(|i| i.done);
        pending_imaging.sort_by_key(|i| i.requested);

        let mut acknowledgements: Vec<&Acknowledgement> = case.acknowledged.iter().filter(|a| a.at <= now).collect();
        acknowledgements.sort_by_key(|a| a.at);
        let mut reviews: Vec<&Review> = case.reviews.iter().filter(|r| r.at <= now).collect();
        reviews.sort_by_key(|r| r.at);
        let mut decisions: Vec<&Decision> = case.decisions.iter().filter(|d| d.at <= now).collect();
        decisions.sort_by_key(|d| d.at);

        Timeline { now, exams, done_imaging, pending_imaging, acknowledgements, reviews, decisions, future }
    }

    pub fn last_exam(&self) -> Option<&Exam> {
        self.exams.last()
    }
}

/// Exams of the same minute as one: each field keeps the more severe value by its guideline
/// scale (pain keeps every feature), so the answer never depends on which was typed first.
fn merge_same_minute(exams: Vec<&Exam>, scales: &Scales) -> Vec<Exam> {
    let mut out: Vec<Exam> = Vec::with_capacity(exams.len());
    for e in exams {
        let Some(last) = out.last_mut().filter(|l| l.at == e.at) else {
            out.push(e.clone());
            continue;
        };
        for spec in &EXAM_FIELDS {
            let rank = |x: &Exam| spec.word(x).and_then(|w| scales.rank(spec.field, w));
            let take = match (spec.word(last), spec.word(e)) {
                _ if !spec.scaled => true,
                (None, Some(_)) => true,
                (Some(_), Some(_)) => rank(e) > rank(last),
                (_, None) => false,
            };
            if take {
                (spec.copy)(last, e);
            }
        }
        last.sensory_level = last.sensory_level.or(e.sensory_level).filter(|_| last.sensory == Some(Sensory::Level));
        last.pain_score = last.pain_score.max(e.pain_score);
        last.note = match (&last.note, &e.note) {
            (Some(a), Some(b)) => Some(Text::new(format!("{} / {}", a.raw(), b.raw()))),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        last.by = last.by.clone().or_else(|| e.by.clone());
    }
    out
}
