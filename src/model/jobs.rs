//! The round's own work on a patient, beside what the rules raise: jobs ("chase the MRI report",
//! "calcium tomorrow") with an owner and a due time, ticked off or cancelled with a reason, and
//! the handover note the on-call team reads.
//!
//! Nothing here is ever removed: a job done or cancelled stays in the file with who and when, and
//! a handover note replaced or cleared stays in the list under the newer one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::checked::checked_serde;
use super::section::{Entry, Fields};
use super::text::Text;
use super::time::Stamp;

/// A job on one patient: what is to be done, by whom and by when; open until it is done or
/// cancelled.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Job {
    /// The job's number on this patient, 1, 2, 3...: given when it is added, never reused; it
    /// names the job in `cordwatch job done` and in the FHIR Task's id.
    pub number: u32,
    /// What is to be done, in words.
    pub text: Text,
    /// Who is to do it (a name or a team); absent, anyone on the team.
    pub owner: Option<Text>,
    /// When it is due: a time, or a date alone (due by the end of that day).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub due: Option<Stamp>,
    /// When the job was added.
    pub at: Stamp,
    /// Who added it.
    pub by: Option<Text>,
    /// When it was done.
    pub done: Option<Stamp>,
    /// Who did it (or ticked it off).
    pub done_by: Option<Text>,
    /// When it was cancelled; a cancelled job needs `reason`.
    pub cancelled: Option<Stamp>,
    /// Who cancelled it.
    pub cancelled_by: Option<Text>,
    /// Why it was cancelled.
    pub reason: Option<Text>,
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JobStatus {
    Open,
    Done,
    Cancelled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Open => "open",
            JobStatus::Done => "done",
            JobStatus::Cancelled => "cancelled",
        }
    }
}

/// A job whose fields contradict each other.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobRule {
    #[error("job {number}: `number` starts at 1")]
    NumberZero { number: u32 },
    #[error("job {number}: `text` is blank; say what is to be done")]
    NoText { number: u32 },
    #[error(
        "job {number}: both `done` and `cancelled` are given; a job is one or the other — keep the one that happened"
    )]
    DoneAndCancelled { number: u32 },
    #[error("job {number}: `cancelled` needs `reason`, why it is no longer to be done")]
    CancelledWithoutReason { number: u32 },
    #[error("job {number}: {what} {when} is before it was added ({at}); check both times")]
    BeforeAdded { number: u32, what: &'static str, when: Stamp, at: Stamp },
}

impl Job {
    pub fn status(&self) -> JobStatus {
        match (self.done, self.cancelled) {
            (Some(_), _) => JobStatus::Done,
            (None, Some(_)) => JobStatus::Cancelled,
            (None, None) => JobStatus::Open,
        }
    }

    pub fn is_open(&self) -> bool {
        self.status() == JobStatus::Open
    }

    /// Whether an open job is past its due time at `now`: a due time once it has passed; a due
    /// date alone only once that whole day has passed. A done or cancelled job is never overdue.
    pub fn is_overdue(&self, now: Stamp) -> bool {
        self.is_open()
            && self.due.is_some_and(|due| if due.is_date_only() { due.date() < now.date() } else { due < now })
    }

    /// "chase the MRI report (Dr Okafor, due 2026-11-22 14:00)".
    pub fn describe(&self) -> String {
        let mut extra = Vec::new();
        if let Some(owner) = &self.owner {
            extra.push(owner.safe());
        }
        if let Some(due) = self.due {
            extra.push(format!("due {due}"));
        }
        match extra.is_empty() {
            true => self.text.safe(),
            false => format!("{} ({})", self.text.safe(), extra.join(", ")),
        }
    }

    pub fn check(&self) -> Result<(), JobRule> {
        let number = self.number;
        if number == 0 {
            return Err(JobRule::NumberZero { number });
        }
        if self.text.is_blank() {
            return Err(JobRule::NoText { number });
        }
        if self.done.is_some() && self.cancelled.is_some() {
            return Err(JobRule::DoneAndCancelled { number });
        }
        if self.cancelled.is_some() && self.reason.as_ref().is_none_or(Text::is_blank) {
            return Err(JobRule::CancelledWithoutReason { number });
        }
        for (what, when) in [("done", self.done), ("cancelled", self.cancelled)] {
            if let Some(when) = when.filter(|w| *w < self.at) {
                return Err(JobRule::BeforeAdded { number, what, when, at: self.at });
            }
        }
        Ok(())
    }
}
checked_serde!(Job);

impl Entry for Job {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("number", self.number).text("text", Some(&self.text)).text("owner", self.owner.as_ref());
        f.opt("due", self.due).plain("at", self.at).text("by", self.by.as_ref());
        f.opt("done", self.done).text("done_by", self.done_by.as_ref());
        f.opt("cancelled", self.cancelled).text("cancelled_by", self.cancelled_by.as_ref());
        f.text("reason", self.reason.as_ref());
        f
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = |b: &Option<Text>| b.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default();
        let mut out = vec![(self.at, format!("job {} added{}: {}", self.number, by(&self.by), self.describe()))];
        if let Some(done) = self.done {
            out.push((done, format!("job {} done{}: {}", self.number, by(&self.done_by), self.text.safe())));
        }
        if let Some(cancelled) = self.cancelled {
            let reason = self.reason.as_ref().map(Text::safe).unwrap_or_default();
            out.push((
                cancelled,
                format!("job {} cancelled{}: {} — {reason}", self.number, by(&self.cancelled_by), self.text.safe()),
            ));
        }
        out
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        let mut out = vec![(self.at, format!("job {} added", self.number))];
        out.extend(self.done.map(|d| (d, format!("job {} done", self.number))));
        out.extend(self.cancelled.map(|c| (c, format!("job {} cancelled", self.number))));
        out
    }
}

/// The case's jobs still open, overdue first, then by due time (those with none last), then in
/// the order they were added.
pub fn open_jobs(jobs: &[Job], now: Stamp) -> Vec<&Job> {
    let mut open: Vec<&Job> = jobs.iter().filter(|j| j.is_open()).collect();
    open.sort_by_key(|j| (!j.is_overdue(now), j.due.is_none(), j.due, j.number));
    open
}

/// A handover note for the on-call team ("if new weakness: whole-spine MRI, call the MSCC
/// coordinator"), with who wrote it and when. The latest is the one in force; one with no note
/// clears it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// When the note was written.
    pub at: Stamp,
    /// Who wrote it.
    pub by: Option<Text>,
    /// The note; may span lines (`note: |`). Absent, the note before it is cleared.
    pub note: Option<Text>,
}

impl Entry for Handover {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at).text("by", self.by.as_ref()).text("note", self.note.as_ref());
        f
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = self.by.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default();
        let what = match &self.note {
            Some(note) => format!("handover note{by}: {}", note.safe()),
            None => format!("handover note cleared{by}"),
        };
        vec![(self.at, what)]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, "a handover note".into())]
    }
}

/// The handover note in force: the latest written (the last of those at one moment), unless it
/// cleared the one before.
pub fn current_handover(notes: &[Handover]) -> Option<&Handover> {
    notes.iter().enumerate().max_by_key(|(i, h)| (h.at, *i)).map(|(_, h)| h).filter(|h| h.note.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Stamp {
        Stamp::parse_or_date(s).expect("stamp")
    }

    fn job(due: Option<&str>) -> Job {
        Job {
            number: 1,
            text: Text::from("chase the MRI report"),
            owner: None,
            due: due.map(at),
            at: at("2026-11-21 09:00"),
            by: None,
            done: None,
            done_by: None,
            cancelled: None,
            cancelled_by: None,
            reason: None,
        }
    }

    #[test]
    fn a_due_time_is_overdue_once_passed_and_a_due_date_only_once_its_day_has_passed() {
        let timed = job(Some("2026-11-21 14:00"));
        assert!(!timed.is_overdue(at("2026-11-21 14:00")), "at the due minute: not yet");
        assert!(timed.is_overdue(at("2026-11-21 14:01")));
        let dated = job(Some("2026-11-21"));
        assert!(!dated.is_overdue(at("2026-11-21 23:59")), "a date is not a time: due all that day");
        assert!(dated.is_overdue(at("2026-11-22 00:00")));
        assert!(!job(None).is_overdue(at("2030-01-01 00:00")), "no due time, never overdue");
    }

    #[test]
    fn a_job_done_or_cancelled_is_not_open_nor_overdue() {
        let mut j = job(Some("2026-11-21"));
        j.done = Some(at("2026-11-23 10:00"));
        assert_eq!(j.status(), JobStatus::Done);
        assert!(!j.is_overdue(at("2026-11-24 00:00")));
        let mut c = job(Some("2026-11-21"));
        c.cancelled = Some(at("2026-11-22 10:00"));
        c.reason = Some(Text::from("MRI reported"));
        assert_eq!(c.status(), JobStatus::Cancelled);
        assert!(c.check().is_ok());
    }

    #[test]
    fn contradictions_are_refused() {
        let mut j = job(None);
        j.cancelled = Some(at("2026-11-22 10:00"));
        assert!(matches!(j.check(), Err(JobRule::CancelledWithoutReason { .. })));
        j.reason = Some(Text::from("not needed"));
        j.done = Some(at("2026-11-22 10:00"));
        assert!(matches!(j.check(), Err(JobRule::DoneAndCancelled { .. })));
        let mut early = job(None);
        early.done = Some(at("2026-11-20 10:00"));
        assert!(matches!(early.check(), Err(JobRule::BeforeAdded { .. })));
        let mut zero = job(None);
        zero.number = 0;
        assert!(zero.check().is_err());
        let mut blank = job(None);
        blank.text = Text::from("  ");
        assert!(blank.check().is_err());
    }

    #[test]
    fn open_jobs_put_the_overdue_first_then_by_due_and_leave_out_the_finished() {
        let now = at("2026-11-22 10:00");
        let mut a = job(None);
        a.number = 1;
        let mut b = job(Some("2026-11-23"));
        b.number = 2;
        let mut c = job(Some("2026-11-22 09:00"));
        c.number = 3;
        let mut d = job(Some("2026-11-21"));
        d.number = 4;
        d.done = Some(at("2026-11-21 12:00"));
        let jobs = [a, b, c, d];
        let order: Vec<u32> = open_jobs(&jobs, now).iter().map(|j| j.number).collect();
        assert_eq!(order, vec![3, 2, 1]);
    }

    #[test]
    fn the_latest_handover_note_is_in_force_and_an_empty_one_clears_it() {
        let note = |t: &str, n: Option<&str>| Handover { at: at(t), by: None, note: n.map(Text::from) };
        let notes = vec![note("2026-11-21 09:00", Some("first")), note("2026-11-22 09:00", Some("second"))];
        assert_eq!(current_handover(&notes).and_then(|h| h.note.as_ref()).map(Text::raw), Some("second"));
        let cleared = vec![note("2026-11-21 09:00", Some("first")), note("2026-11-22 09:00", None)];
        assert!(current_handover(&cleared).is_none());
        assert!(current_handover(&[]).is_none());
    }
}
