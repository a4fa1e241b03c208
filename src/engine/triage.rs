//! Red-flag triage: which exams raise which flags, and whether each flag is open.
//!
//! Exams are read in time order, whatever their order in the file. For each rule, an unbroken run
//! of consecutive exams that all show the rule's findings is one episode; its flag is raised at the
//! first exam of the episode and its MRI deadline counts from then. A flag is actioned by a
//! whole-spine MRI done at or after it was raised and carrying a result, or closed by a clinician's
//! acknowledgement with a reason; otherwise it stays open, even when a later exam no longer shows
//! the findings. What has happened without answering it (an MRI requested, done with the report
//! awaited, of part of the spine only, or dated without a time on the flag's day) is noted on it.

use std::sync::Arc;

use crate::guidelines::{Guidelines, TriageRule};
use crate::model::*;

use super::finding::{self, Finding};
use super::flag::{Flag, FlagNote, FlagRule, FlagStatus};
use super::timeline::Timeline;

/// One run of consecutive exams showing a rule's findings.
pub(crate) struct Episode {
    /// Index of the first exam of the run in the timeline.
    pub start: usize,
    /// Index of the last exam of the run (one that showed the findings, or examined nothing they
    /// were in).
    pub end: usize,
    /// The findings at the first exam.
    pub findings: Vec<Finding>,
    /// The exam fields in which the run has shown findings.
    fields: Vec<ExamField>,
}

/// Whether an exam recorded anything in `field`.
fn examined(exam: &Exam, field: ExamField) -> bool {
    (field.spec().examined)(exam)
}

/// The episodes of a rule. An exam that shows none of the findings ends the run only if it
/// examined every field the run's findings were in: an exam that did not look (a pain review with
/// no neurology recorded) can neither continue nor refute a neurological finding, so it does not
/// break the run.
pub(crate) fn episodes(rule: &TriageRule, exams: &[Exam]) -> Vec<Episode> {
    let mut out: Vec<Episode> = Vec::new();
    let mut current: Option<Episode> = None;
    for (i, exam) in exams.iter().enumerate() {
        let found = finding::matching(&rule.findings, exam);
        if !found.is_empty() {
            match &mut current {
                Some(ep) => {
                    ep.end = i;
                    for f in &found {
                        if !ep.fields.contains(&f.field) {
                            ep.fields.push(f.field);
                        }
                    }
                }
                None => {
                    let fields = found.iter().map(|f| f.field).collect();
                    current = Some(Episode { start: i, end: i, findings: found, fields });
                }
            }
            continue;
        }
        let refutes = current.as_ref().is_some_and(|ep| ep.fields.iter().all(|f| examined(exam, *f)));
        match &mut current {
            Some(_) if refutes => out.extend(current.take()),
            Some(ep) => ep.end = i,
            None => {}
        }
    }
    out.extend(current);
    out
}

/// The red flags of one case (deterioration flags are added by the deterioration module).
pub fn red_flags(guidelines: &Guidelines, timeline: &Timeline<'_>) -> Vec<Flag> {
    let mut flags = Vec::new();
    let last = timeline.exams.len().saturating_sub(1);
    for rule in &guidelines.red_flags.rules {
        for ep in episodes(rule, &timeline.exams) {
            let raised_at = timeline.exams[ep.start].at;
            let mut flag = Flag {
                rule: FlagRule::RedFlag(Arc::clone(rule)),
                level: rule.level,
                findings: ep.findings,
                raised_at,
                deadline: raised_at.add_hours(i64::from(rule.mri_within_hours)),
                status: FlagStatus::Open,
                present_at_last_exam: ep.end == last,
                acknowledgements: Vec::new(),
                notes: Vec::new(),
                evidence: None,
                levels: Vec::new(),
                decided: None,
                part_of: None,
            };
            settle(&mut flag, guidelines, timeline);
            flags.push(flag);
        }
    }
    flags
}

/// Whether a completed study answers a flag raised at `raised`: done after it, and, when recorded
/// with a date alone, on a later day (a same-day date cannot be shown to come after). A finding
/// recorded in the same minute as the MRI counts as after it: the MRI cannot have answered what
/// was found as it was being done, or after.
fn after_raise(done: Stamp, raised: Stamp) -> bool {
    if done.is_date_only() { done.date() > raised.date() } else { done > raised }
}

/// The whole-spine MRI that answers a suspected-MSCC flag, and the notes on studies that do not.
fn mri_answer(
    guidelines: &Guidelines,
    timeline: &Timeline<'_>,
    raised: Stamp,
) -> (Option<(Stamp, ImagingKind)>, Vec<FlagNote>) {
    let actioned_by = &guidelines.red_flags.actioned_by;
    let mut notes = Vec::new();
    for i in &timeline.done_imaging {
        let Some(done) = i.done else { continue };
        let spine_mri = actioned_by.contains(&i.kind) || i.kind == ImagingKind::MriSpine;
        if !spine_mri || done < raised.start_of_day() {
            continue;
        }
        if !actioned_by.contains(&i.kind) {
            if done > raised {
                notes.push(FlagNote::PartialSpine { done });
            }
            continue;
        }
        if !after_raise(done, raised) {
            if done.is_date_only() {
                notes.push(FlagNote::DateOnlySameDay { date: done.date() });
            } else if done == raised {
                notes.push(FlagNote::SameMinute { done });
            }
            continue;
        }
        if i.result.is_none() && i.escc.is_none() {
            notes.push(FlagNote::ReportAwaited { done });
            continue;
        }
        return (Some((done, i.kind)), Vec::new());
    }
    for i in &timeline.pending_imaging {
        if actioned_by.contains(&i.kind)
            && let Some(at) = i.requested
            && at >= raised.start_of_day()
        {
            notes.push(FlagNote::MriRequested { at });
        }
    }
    (None, notes)
}

/// Decides whether a flag was actioned by imaging or closed by a clinician, whichever came first,
/// and attaches the acknowledgements made while it was open.
pub(crate) fn settle(flag: &mut Flag, guidelines: &Guidelines, timeline: &Timeline<'_>) {
    let (mri, notes) = mri_answer(guidelines, timeline, flag.raised_at);
    let answer = mri.map(|(at, kind)| (at, FlagStatus::Actioned { at, kind }));
    settle_with(flag, guidelines, timeline, answer);
    if flag.is_open() {
        flag.notes.splice(0..0, notes);
    }
}

/// Settles a flag given what answers it (the moment and the status it gives), against the
/// closing acknowledgements: whichever came first wins. An acknowledgement that cannot close an
/// emergency (no listed reason, no role...) leaves it open, with a note of what it lacks.
pub(crate) fn settle_with(
    flag: &mut Flag,
    g: &Guidelines,
    timeline: &Timeline<'_>,
    answer: Option<(Stamp, FlagStatus)>,
) {
    let rule_id = flag.rule_id().to_string();
    let acks: Vec<&Acknowledgement> = timeline
        .acknowledgements
        .iter()
        .copied()
        .filter(|a| a.flag.as_str() == rule_id && a.at >= flag.raised_at)
        .collect();
    let mut refused = Vec::new();
    let closing = acks.iter().filter(|a| a.closed.is_some()).find(|a| {
        let verdict = super::closing::closes(g, timeline, a, flag.level);
        if let Err(what) = &verdict {
            refused.push(FlagNote::ClosureNotCounted { what: what.clone() });
        }
        verdict.is_ok()
    });
    flag.status = match (answer, closing) {
        (Some((done, _)), Some(c)) if c.at < done => closed(c, g),
        (Some((_, status)), _) => status,
        (None, Some(c)) => closed(c, g),
        (None, None) => FlagStatus::Open,
    };
    let settled_at = flag.settled_at();
    flag.acknowledgements = acks.into_iter().filter(|a| settled_at.is_none_or(|s| a.at <= s)).cloned().collect();
    if flag.is_open() {
        flag.notes.extend(refused);
    }
}

pub(crate) fn closed(ack: &Acknowledgement, g: &Guidelines) -> FlagStatus {
    let no_mscc = ack.reason.as_ref().and_then(|r| g.pathway.closing.reason(r.as_str())).is_some_and(|r| r.no_mscc);
    FlagStatus::Closed { at: ack.at, by: ack.by.clone(), reason: ack.closed.clone().unwrap_or_default(), no_mscc }
}
