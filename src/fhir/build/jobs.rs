//! The round's jobs as Tasks: every job of the case file, open (`ready`), done (`completed`) or
//! cancelled (`cancelled`, with the reason), each with an identity keyed on the case and the
//! job's number, which is never reused, so a job is the same resource in every export and a
//! server sees it ticked off.

use super::super::codes;
use super::super::datatypes::{CodeableConcept, DateTime, Identifier, Period};
use super::super::resources::{Resource, Task, TaskRestriction};
use super::super::value_sets::{RequestPriority, TaskIntent, TaskStatus};
use super::{Builder, note_words, text, words};
use crate::model::{Job, JobStatus};

pub(super) fn add(b: &mut Builder<'_>) {
    let jobs: Vec<Job> = b.case.jobs.clone();
    for job in &jobs {
        add_job(b, job);
    }
}

fn add_job(b: &mut Builder<'_>, job: &Job) {
    let now = b.assessment.now;
    let subject = b.subject();
    let key = format!("job/{}", job.number);
    let identifier = vec![Identifier::new(codes::ITEM_SYSTEM, words(format!("{}/{key}", b.case.id)))];
    let by = |t: &Option<crate::model::Text>| t.as_ref().map(|t| format!(" by {}", t.safe())).unwrap_or_default();
    let (status, status_reason) = match job.status() {
        JobStatus::Open => (TaskStatus::Ready, None),
        JobStatus::Done => (
            TaskStatus::Completed,
            job.done.map(|at| CodeableConcept::text(words(format!("done {at}{}", by(&job.done_by))))),
        ),
        JobStatus::Cancelled => (
            TaskStatus::Cancelled,
            job.cancelled.map(|at| {
                let reason = job.reason.as_ref().map(|r| r.safe()).unwrap_or_default();
                CodeableConcept::text(words(format!("cancelled {at}{}: {reason}", by(&job.cancelled_by))))
            }),
        ),
    };
    let priority = if job.is_overdue(now) { RequestPriority::Urgent } else { RequestPriority::Routine };
    // A due date alone stays a date: a job due "tomorrow" is not due at midnight.
    let restriction = job.due.map(|due| {
        let end = if due.is_date_only() { DateTime::date(due.date()) } else { b.at(due) };
        TaskRestriction { period: Period::until(end) }
    });
    let mut note = vec![note_words(format!("job {} added {}{}", job.number, job.at, by(&job.by)))];
    if let Some(owner) = &job.owner {
        note.push(note_words(format!("owner: {}", owner.safe())));
    }
    let authored_on = b.at(job.at);
    let description = text(&job.text).unwrap_or_else(|| words("(no text)"));
    b.add(&key, |id| {
        Resource::Task(Task {
            id,
            identifier,
            status,
            status_reason,
            intent: TaskIntent::Plan,
            priority,
            code: CodeableConcept::text(words("Job")),
            description,
            focus: None,
            patient: subject,
            authored_on,
            restriction,
            note,
        })
    });
}
