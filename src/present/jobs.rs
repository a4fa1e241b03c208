//! A job and the handover note in words, as every list says them: the command line's job list,
//! the checklist, the handover, triage and the dashboard.

use crate::model::Stamp;
use crate::model::jobs::{Handover, Job};
use crate::ward::WardJob;

/// "#2 chase the MRI report (Dr Okafor, due 2026-11-22 14:00) — OVERDUE".
pub fn job_line(job: &Job, now: Stamp) -> String {
    let overdue = if job.is_overdue(now) { " — OVERDUE" } else { "" };
    format!("#{} {}{overdue}", job.number, job.describe())
}

/// The patient a job on the ward list is for: "Bed 12 Margaret Ellis (RXH1042331)".
pub fn job_patient(w: &WardJob) -> String {
    match w.row.case() {
        Some(c) => {
            let bed = c.bed.as_ref().map(|b| format!("Bed {} ", b.safe())).unwrap_or_default();
            format!("{bed}{} ({})", c.name.safe(), c.id)
        }
        None => w.row.entry.file.clone(),
    }
}

/// "handover note (Dr Patel, 2026-11-22 17:30): ..." with the note's own lines kept.
pub fn handover_head(h: &Handover) -> String {
    let by = h.by.as_ref().map(|b| format!("{}, ", b.safe())).unwrap_or_default();
    format!("Handover ({by}{})", h.at)
}

/// The note's lines, each made safe to print.
pub fn handover_lines(h: &Handover) -> Vec<String> {
    h.note.as_ref().map(|n| n.raw().lines().map(crate::model::text::sanitize).collect()).unwrap_or_default()
}
