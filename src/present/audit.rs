//! What the pathway audit says in words: the headings, the figures of a row, and the line for
//! each episode that missed its standard, is still open, or was closed by a clinician. Written
//! once here so `cordwatch audit` and the dashboard's Audit view say the same thing.

use super::duration;
use crate::engine::audit::{Audit, Episode, FileProblem, Measure, MeasureSummary, Outcome, Repeated, Stats};

/// How the share within a standard is counted, said under every audit.
pub const AUDIT_RULE: &str = "Within: answered by the deadline, of those answered, open past it, or closed after it. Closed by a clinician in time, open with time left, and answered on the deadline's own day but known only by its date (a treatment recorded without its start time), are counted apart (the OPEN, CLOSED and DATE columns). Delays (median, IQR, histogram): to the MRI, or from the MRI to treatment, of the answers recorded with their time. Months with no episode are left out.";

/// "QS56 statement 3: neurological signs, whole-spine MRI within 24 hours".
pub fn measure_heading(m: &MeasureSummary) -> String {
    format!("{} within {}", m.measure.title(), standard(m.standard_hours))
}

/// "24 hours", or "7 days" for a standard of whole days over two.
pub fn standard(hours: u32) -> String {
    if hours >= 48 && hours.is_multiple_of(24) { format!("{} days", hours / 24) } else { format!("{hours} hours") }
}

/// "63%" (halves rounded up, as a spreadsheet does), or "-" when no episode is judged.
pub fn percent(s: &Stats) -> String {
    s.percent_within().map(|p| format!("{}%", p.round())).unwrap_or_else(|| "-".into())
}

/// "5 of 8 62%", or "-".
pub fn within(s: &Stats) -> String {
    if s.judged == 0 { "-".into() } else { format!("{} of {} {}", s.within, s.judged, percent(s)) }
}

/// A delay in words, or "-".
pub fn minutes(m: Option<f64>) -> String {
    m.map(|m| duration::long(m.round() as i64)).unwrap_or_else(|| "-".into())
}

/// "6h to 9h 45m", or "-".
pub fn iqr(s: &Stats) -> String {
    match (s.q1_minutes, s.q3_minutes) {
        (Some(_), Some(_)) => format!("{} to {}", minutes(s.q1_minutes), minutes(s.q3_minutes)),
        _ => "-".into(),
    }
}

/// Said when the data directory has no archive folder: nothing discharged can be counted. A
/// ward that never discharged anyone has none yet; a folder that is not mounted looks the same,
/// so the audit says it rather than reading it as no discharges.
pub const NO_ARCHIVE: &str = "there is no archive folder, so no discharged patient is counted (it is made by `cordwatch init` and at the first discharge)";

/// "1 episode", "3 episodes".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Open episodes, with time left or past their deadline.
pub fn open(s: &Stats) -> usize {
    s.open_in_time + s.open_overdue
}

/// The files with a problem, each with its problems, in one line: "2 files have a problem, so
/// their episodes may be missing or wrong (run `cordwatch validate`): cases/RXH1.yaml (the id ...);
/// ...". None when there is none.
pub fn problems_line(problems: &[FileProblem]) -> Option<String> {
    let mut files: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in problems {
        match files.iter_mut().find(|(f, _)| *f == p.file) {
            Some((_, said)) => said.push(&p.problem),
            None => files.push((&p.file, vec![&p.problem])),
        }
    }
    (!files.is_empty()).then(|| {
        let listed: Vec<String> = files.iter().map(|(f, said)| format!("{f} ({})", said.join("; "))).collect();
        format!(
            "{} {} a problem, so {} episodes may be missing or wrong (run `cordwatch validate`): {}",
            plural(files.len(), "file"),
            if files.len() == 1 { "has" } else { "have" },
            if files.len() == 1 { "its" } else { "their" },
            listed.join("; ")
        )
    })
}

/// "RXH1 is in cases/RXH1.yaml and archive/RXH1.yaml: counted once".
pub fn repeated_line(r: &Repeated) -> String {
    let files = match r.files.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        all => all.join(", "),
    };
    if r.in_cases > 1 {
        format!(
            "{} is in {files}: {} files in the cases folder share this id, and each is counted as a patient of its own; give each its own id",
            r.case_id, r.in_cases
        )
    } else {
        format!("{} is in {files}: counted once", r.case_id)
    }
}

/// `text` cut to at most `chars` characters, ending in "…" when it was cut.
pub fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars.saturating_sub(1)) {
        Some((end, _)) if text[end..].chars().nth(1).is_some() => format!("{}…", &text[..end]),
        _ => text.to_string(),
    }
}

/// Why an episode is listed under its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailKind {
    /// Answered after the deadline.
    Missed,
    /// Still open, past the deadline: missed however it ends.
    MissedOpen,
    /// Closed by a clinician after the deadline had passed.
    ClosedLate,
    /// Answered on the deadline's day, known by date only.
    DateOnly,
    /// Still open, with time left.
    Open,
    /// Closed by a clinician with a reason.
    Closed,
}

/// One episode's line under its measure.
#[derive(Debug, Clone)]
pub struct Detail<'a> {
    pub kind: DetailKind,
    pub episode: &'a Episode,
    /// "missed: RXH1 mscc-neuro raised 26 Jun 22:00: MRI 1h 30m late".
    pub text: String,
}

/// The episodes of `m` worth a line, the missed first (in the order raised), then the open with
/// time left, then the closed: nothing that is not plainly met is left unsaid. A closing reason is
/// cut to `reason_chars` characters when given.
pub fn details<'a>(audit: &'a Audit, m: &MeasureSummary, reason_chars: Option<usize>) -> Vec<Detail<'a>> {
    let what = m.measure.awaits().word();
    let reason_of = |reason: &str| match reason_chars {
        Some(n) => cut(reason, n),
        None => reason.to_string(),
    };
    let of_measure = || audit.episodes.iter().filter(move |e| e.measure == m.measure);
    let mut out = Vec::new();
    // An answer known only by its date was late by at least the time to the start of that day.
    let at_least = |e: &Episode| {
        let date_only = match m.measure {
            Measure::Treatment => e.treatment_at.is_none(),
            Measure::MriNeurological | Measure::MriPain => e.mri_done.is_some_and(|d| d.is_date_only()),
        };
        if date_only { "at least " } else { "" }
    };
    for e in of_measure() {
        let Some(by) = e.outcome.missed_by_minutes() else { continue };
        let raised = format!("missed: {} {} raised {}", e.case_id, e.rule, e.raised_at.day_month_time());
        let (kind, text) = match &e.outcome {
            Outcome::Open { .. } => (
                DetailKind::MissedOpen,
                format!("{raised}: {what} {} late, still open{}", duration::long(by), unreported(e)),
            ),
            Outcome::Closed { at, by: who, reason, .. } => (
                DetailKind::ClosedLate,
                format!(
                    "{raised}: no {what} by the deadline; closed {} later, {}{}: {}",
                    duration::long(by),
                    at.day_month_time(),
                    who.as_ref().map(|b| format!(" by {b}")).unwrap_or_default(),
                    reason_of(reason)
                ),
            ),
            _ => (DetailKind::Missed, format!("{raised}: {what} {}{} late", at_least(e), duration::long(by))),
        };
        out.push(Detail { kind, episode: e, text });
    }
    for e in of_measure().filter(|e| e.outcome == Outcome::DateOnly) {
        out.push(Detail {
            kind: DetailKind::DateOnly,
            episode: e,
            text: format!(
                "unknown: {} {} raised {}: {what} on the deadline's day ({}), time not recorded",
                e.case_id,
                e.rule,
                e.raised_at.day_month_time(),
                e.deadline.date()
            ),
        });
    }
    for e in of_measure() {
        if let Outcome::Open { age_minutes, overdue_minutes: None } = &e.outcome {
            out.push(Detail {
                kind: DetailKind::Open,
                episode: e,
                text: format!(
                    "open: {} {} raised {}, {} ago ({}){}",
                    e.case_id,
                    e.rule,
                    e.raised_at.day_month_time(),
                    duration::long(*age_minutes),
                    duration::countdown(e.deadline.minutes_since(audit.now)),
                    unreported(e)
                ),
            });
        }
    }
    for e in of_measure() {
        if let Outcome::Closed { at, by, reason, late_minutes: None } = &e.outcome {
            out.push(Detail {
                kind: DetailKind::Closed,
                episode: e,
                text: format!(
                    "closed: {} {} raised {}, closed {}{}: {}",
                    e.case_id,
                    e.rule,
                    e.raised_at.day_month_time(),
                    at.day_month_time(),
                    by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default(),
                    reason_of(reason)
                ),
            });
        }
    }
    out
}

/// "; MRI done 21 Nov 15:00, no report recorded" for an open episode whose scan was done, or what
/// keeps an MRI dated by the flag's day alone from answering it.
fn unreported(e: &Episode) -> String {
    match (&e.outcome, e.mri_done, e.measure) {
        (Outcome::Open { .. }, Some(done), Measure::MriNeurological | Measure::MriPain) if done.is_date_only() => {
            format!(
                "; an MRI dated {} has no time, so it cannot be shown to follow the flag: record its time",
                done.date()
            )
        }
        (Outcome::Open { .. }, Some(done), Measure::MriNeurological | Measure::MriPain) => {
            format!("; MRI done {}, no report recorded", done.day_month_time())
        }
        _ => String::new(),
    }
}

/// For the treatment measure, the other clock: from the decision to treat, which NICE QS56
/// statement 6 (2023) counts radiotherapy from (the standard above counts from the MRI, the
/// earlier and stricter moment). None for the MRI measures.
pub fn decision_line(audit: &Audit, m: &MeasureSummary) -> Option<String> {
    if m.measure != Measure::Treatment || m.total.episodes == 0 {
        return None;
    }
    let decided: Vec<&Episode> =
        audit.episodes.iter().filter(|e| e.measure == Measure::Treatment && e.decided_at.is_some()).collect();
    let within = decided.iter().filter(|e| e.minutes_decision_to_treatment.is_some_and(|m| m <= 24 * 60)).count();
    let untreated = decided.iter().filter(|e| e.minutes_decision_to_treatment.is_none()).count();
    Some(format!(
        "from the decision to treat (QS56 statement 6, 2023, counts radiotherapy from it; the standard above counts from the MRI): {} with a decision to treat recorded, {within} treated within 24 hours of it, {untreated} not treated yet",
        decided.len()
    ))
}

/// Walking kept or lost over the outcome window, or None for a measure with no episode.
pub fn walking_line(audit: &Audit, m: &MeasureSummary) -> Option<String> {
    let w = &m.total.walking;
    (m.total.episodes > 0).then(|| {
        format!(
            "walking at presentation and at the last exam within {} days: {} walking in, {} kept, {} lost; {} regained, {} not walking; {} pending, {} not recorded",
            audit.summary.outcome_days,
            w.walking_in(),
            w.kept,
            w.lost,
            w.regained,
            w.not_walking,
            w.pending,
            w.unknown
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_cut_with_an_ellipsis_only_when_it_is_longer() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
        assert_eq!(cut("ééééé", 4), "ééé…");
        assert_eq!(cut("", 3), "");
    }
}
