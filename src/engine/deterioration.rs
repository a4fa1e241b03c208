//! Deterioration: an exam worse than the exams before it raises a new flag.
//!
//! Each exam is compared, field by field, with the most recent earlier exam that recorded that
//! field (a field never recorded before counts as normal when the new value is a red-flag
//! finding), and its pain features with the exam just before it. A value further up the guideline's
//! severity scale, or a red-flag pain feature that was not there before, is a deterioration: a new
//! flag is raised at that exam, open again even when an earlier flag was actioned by MRI or the
//! patient has been treated. When the same exam starts a new episode of a red-flag rule at the
//! same or a higher level, that flag already carries the news and no second flag is raised.

use std::sync::Arc;

use crate::guidelines::{Guidelines, Level, Scales};
use crate::model::exam_fields::{EXAM_FIELDS, ExamFieldSpec};
use crate::model::*;

use super::finding::Finding;
use super::flag::{Flag, FlagRule, FlagStatus};
use super::timeline::Timeline;
use super::triage::{episodes, settle};

/// The fields whose worsening a guideline scale judges, in the table's order.
fn scaled() -> impl Iterator<Item = &'static ExamFieldSpec> {
    EXAM_FIELDS.iter().filter(|spec| spec.scaled)
}

/// The severity rank of each scaled field of an exam, with its finding (None where the field is
/// not recorded), one per [`scaled`] field.
type Ranked = Vec<Option<(usize, Finding)>>;

fn ranks(scales: &Scales, e: &Exam) -> Ranked {
    scaled()
        .map(|spec| {
            let value = spec.word(e)?;
            let rank = scales.rank(spec.field, value)?;
            Some((rank, Finding { field: spec.field, value, detail: (spec.detail)(e) }))
        })
        .collect()
}

/// Whether any red-flag rule lists this finding.
fn is_red_flag(g: &Guidelines, f: &Finding) -> bool {
    g.red_flags.rules.iter().any(|r| r.findings.lists(f.field, f.value))
}

/// Whether any red-flag rule lists this pain feature.
fn red_flag_pain(g: &Guidelines, p: PainFeature) -> bool {
    g.red_flags.rules.iter().any(|r| r.findings.pain.contains(&p))
}

/// One value that got worse: its scaled field (None for a pain feature) and severity rank.
struct Worse {
    field: Option<usize>,
    rank: usize,
    finding: Finding,
}

/// What changed for the worse at exam `i`, compared with what was recorded before it.
fn worsened(g: &Guidelines, ranked: &[Ranked], exams: &[Exam], i: usize) -> Vec<Worse> {
    let scales = &g.red_flags.deterioration.scales;
    let mut out = Vec::new();
    for (field, now) in ranked[i].iter().enumerate() {
        let Some((rank, finding)) = now else { continue };
        let before = ranked[..i].iter().rev().find_map(|r| r[field].as_ref().map(|(rank, _)| *rank));
        // A field recorded for the first time is compared with normal only when the new value is
        // itself a red-flag finding. A first Frankel grade is a baseline, not a change: it grades
        // the motor and sensory function the exam already records (a new deficit shows there, or
        // as a new episode of the red-flag rule, which lists Frankel A-D). A limb's first MRC grade
        // is a baseline for the same reason: it grades the weakness the motor field records.
        let before = match before {
            Some(b) => b,
            None if is_red_flag(g, finding)
                && finding.field != ExamField::Frankel
                && finding.field.limb().is_none() =>
            {
                0
            }
            None => continue,
        };
        if *rank > before {
            out.push(Worse { field: Some(field), rank: *rank, finding: finding.clone() });
        }
    }
    // A sensory level that moves up the cord (T10 to T4) is compression spreading, even though the
    // value `level` is the same on the scale.
    if exams[i].sensory == Some(Sensory::Level)
        && let Some(now) = exams[i].sensory_level
        && let Some(before) = exams[..i]
            .iter()
            .rev()
            .find(|e| e.sensory == Some(Sensory::Level) && e.sensory_level.is_some())
            .and_then(|e| e.sensory_level)
        && now < before
        && !out.iter().any(|w| w.finding.field == ExamField::Sensory)
    {
        let finding = Finding {
            field: ExamField::Sensory,
            value: Sensory::Level.as_str(),
            detail: Some(format!("{now} (up from {before})")),
        };
        let rank = scales.rank(ExamField::Sensory, Sensory::Level.as_str()).unwrap_or(0);
        let sensory = scaled().position(|spec| spec.field == ExamField::Sensory);
        out.push(Worse { field: sensory, rank, finding });
    }
    // Pain features are compared with the exam just before: a feature it did not show is new.
    let earlier_pain: &[PainFeature] = exams[..i].last().map(|e| e.pain.as_slice()).unwrap_or(&[]);
    for p in &exams[i].pain {
        if !earlier_pain.contains(p) && red_flag_pain(g, *p) {
            out.push(Worse {
                field: None,
                rank: 0,
                finding: Finding { field: ExamField::Pain, value: p.as_str(), detail: None },
            });
        }
    }
    out
}

/// The level of a deterioration: the highest level of any rule whose findings the worse values
/// show, or the guideline's fallback when no rule lists them (a lower Frankel grade).
fn level_of(g: &Guidelines, found: &[Worse]) -> Level {
    let fallback = g.red_flags.deterioration.level_when_no_rule_matches;
    found
        .iter()
        .map(|w| {
            g.red_flags
                .rules
                .iter()
                .filter(|r| r.findings.lists(w.finding.field, w.finding.value))
                .map(|r| r.level)
                .max()
                .unwrap_or(fallback)
        })
        .max()
        .unwrap_or(fallback)
}

/// Whether the last exam (or, for a field it did not record, the latest that did) still shows at
/// least one of the worse values.
fn still_present(ranked: &[Ranked], exams: &[Exam], found: &[Worse]) -> bool {
    let last_pain = exams.last().map(|e| e.pain.as_slice()).unwrap_or(&[]);
    found.iter().any(|w| match w.field {
        None => last_pain.iter().any(|p| p.as_str() == w.finding.value),
        Some(field) => {
            ranked.iter().rev().find_map(|r| r[field].as_ref().map(|(rank, _)| *rank)).is_some_and(|r| r >= w.rank)
        }
    })
}

pub fn deterioration_flags(g: &Guidelines, timeline: &Timeline<'_>) -> Vec<Flag> {
    let exams = &timeline.exams;
    let rule = &g.red_flags.deterioration;
    // Where each red-flag rule starts a new episode, and at what level.
    let starts: Vec<(usize, Level)> =
        g.red_flags.rules.iter().flat_map(|r| episodes(r, exams).into_iter().map(|ep| (ep.start, r.level))).collect();
    let scales = &rule.scales;
    let ranked: Vec<_> = exams.iter().map(|e| ranks(scales, e)).collect();
    let mut flags = Vec::new();
    for i in 1..exams.len() {
        let found = worsened(g, &ranked, exams, i);
        if found.is_empty() {
            continue;
        }
        let level = level_of(g, &found);
        if starts.iter().any(|&(start, l)| start == i && l >= level) {
            continue;
        }
        let raised_at = exams[i].at;
        let mut flag = Flag {
            rule: FlagRule::Deterioration(Arc::clone(rule)),
            level,
            present_at_last_exam: still_present(&ranked, exams, &found),
            findings: found.into_iter().map(|w| w.finding).collect(),
            raised_at,
            deadline: raised_at.add_hours(i64::from(rule.hours_for(level))),
            status: FlagStatus::Open,
            acknowledgements: Vec::new(),
            notes: Vec::new(),
            evidence: None,
            levels: Vec::new(),
            decided: None,
            part_of: None,
        };
        settle(&mut flag, g, timeline);
        flags.push(flag);
    }
    flags
}

/// One exam as the engine reads it, with what in it is worse than before.
#[derive(Debug, Clone)]
pub struct ExamChange {
    /// The exam (exams of the same minute merged into one).
    pub exam: Exam,
    /// The values worse than the last exam that recorded the field, a sensory level further up
    /// the cord, and red-flag pain features new since the exam before: what a deterioration flag
    /// is raised on.
    pub worse: Vec<Finding>,
}

/// The exams up to `timeline.now`, oldest first, each with what is worse in it by the rules that
/// raise deterioration flags: the exam history a view shows, so its marks never disagree with
/// the flags.
pub fn exam_changes(g: &Guidelines, timeline: &Timeline<'_>) -> Vec<ExamChange> {
    let exams = &timeline.exams;
    let ranked: Vec<_> = exams.iter().map(|e| ranks(&g.red_flags.deterioration.scales, e)).collect();
    exams
        .iter()
        .enumerate()
        .map(|(i, exam)| {
            let worse = if i == 0 { Vec::new() } else { worsened(g, &ranked, exams, i) };
            ExamChange { exam: exam.clone(), worse: worse.into_iter().map(|w| w.finding).collect() }
        })
        .collect()
}
