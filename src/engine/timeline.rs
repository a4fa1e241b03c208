//! The case as it stood at a given moment: events in time order, later ones set aside.
//!
//! Every engine question is asked "as of now". An exam, a result, a dose or an acknowledgement
//! dated after that moment has not happened yet, so it is not counted; instead it is reported as
//! a warning, because a future date in a clinical record is most often a typing error and must be
//! seen, not silently ignored.

use crate::model::*;

/// The events of one case up to a moment, each list in time order.
pub struct Timeline<'a> {
    pub now: Stamp,
    /// Exams at or before `now`, oldest first (file order breaks ties).
    pub exams: Vec<&'a Exam>,
    /// Completed imaging (done at or before `now`), oldest first.
    pub done_imaging: Vec<&'a Imaging>,
    /// Requested imaging with no result yet (requested at or before `now`).
    pub pending_imaging: Vec<&'a Imaging>,
    pub acknowledgements: Vec<&'a Acknowledgement>,
    pub reviews: Vec<&'a Review>,
    /// Records dated after `now`.
    pub future: Vec<String>,
}

impl<'a> Timeline<'a> {
    pub fn new(case: &'a Case, now: Stamp) -> Timeline<'a> {
        let mut future = Vec::new();
        let mut note = |what: &str, at: String| {
            future.push(format!("{what} dated {at} is later than now; it is not counted yet (check the date)"))
        };

        let mut exams: Vec<&Exam> = Vec::with_capacity(case.exams.len());
        for e in &case.exams {
            if e.at <= now { exams.push(e) } else { note("an exam", e.at.to_string()) }
        }
        exams.sort_by_key(|e| e.at);

        let mut done_imaging = Vec::new();
        let mut pending_imaging = Vec::new();
        for i in &case.imaging {
            match (i.done, i.requested) {
                (Some(done), _) if done <= now => done_imaging.push(i),
                (Some(done), Some(req)) if req <= now => {
                    note(&format!("a {} result", i.kind), done.to_string());
                    pending_imaging.push(i);
                }
                (Some(done), _) => note(&format!("a {} result", i.kind), done.to_string()),
                (None, Some(req)) if req <= now => pending_imaging.push(i),
                (None, Some(req)) => note(&format!("a {} request", i.kind), req.to_string()),
                (None, None) => {}
            }
        }
        done_imaging.sort_by_key(|i| i.done);
        pending_imaging.sort_by_key(|i| i.requested);

        let mut acknowledgements: Vec<&Acknowledgement> = Vec::new();
        for a in &case.acknowledged {
            if a.at <= now { acknowledgements.push(a) } else { note("an acknowledgement", a.at.to_string()) }
        }
        acknowledgements.sort_by_key(|a| a.at);

        let mut reviews: Vec<&Review> = Vec::new();
        for r in &case.reviews {
            if r.at <= now { reviews.push(r) } else { note("a review", r.at.to_string()) }
        }
        reviews.sort_by_key(|r| r.at);

        if let Some(agent) = &case.bone_agent {
            for d in agent.doses.iter().filter(|d| **d > now.date()) {
                note(&format!("a {} dose", agent.drug), d.to_string());
            }
        }

        Timeline { now, exams, done_imaging, pending_imaging, acknowledgements, reviews, future }
    }

    pub fn last_exam(&self) -> Option<&'a Exam> {
        self.exams.last().copied()
    }
}
