//! The MSCC pathway after the MRI: what must follow a confirmed or excluded cord compression.
//!
//! A confirmed MSCC raises an emergency flag until definitive treatment starts
//! ([`treatment_flags`]). The rest are items on the round, each raised by facts in the case file
//! and answered by a later record (a steroid course, a referral, a radiotherapy course, a bone
//! agent), or closed by a clinician with a reason: best supportive care is a legitimate answer.
//! Items are derived, never stored: recording the answer makes the item go away.

mod ceiling;
mod contested;
mod course;
mod followthrough;
mod stability;
mod steroid_course;
mod steroids;
mod treatment;

use std::sync::Arc;

use serde::Serialize;

use crate::guidelines::{Guidelines, Level, Step};
use crate::model::*;

use super::finding::{self, Finding};
use super::flag::Flag;
use super::timeline::Timeline;

pub use steroid_course::{chain as steroid_chain, taper_words};
pub use treatment::treatment_flags;

/// How pressing a pathway item is: urgent items are taken with the urgent flags; due items by
/// their due date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemLevel {
    Urgent,
    Due,
}

/// The record that answers a pathway item.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "record")]
pub enum Answer {
    /// A corticosteroid course (`record steroids`).
    Steroids,
    /// The running course stopped (`record steroids --stop`).
    SteroidsStop,
    /// A lower dose, or the course stopped.
    SteroidsReduce,
    /// Gastric protection and glucose monitoring recorded (`record steroid-safety`).
    SteroidSafety,
    /// A referral to this team (`record referral --to`).
    Referral { to: ReferralTo },
    /// A radiotherapy course (`record radiotherapy`).
    Radiotherapy,
    /// A bone-modifying agent (`record dose --drug`).
    BoneAgent,
    /// Only a clinician's decision closes it (`record ack --closed "reason"`).
    Decision,
    /// A decision about definitive treatment (`record decision`).
    TreatmentDecision,
}

/// Who closed an item, when and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closure {
    pub at: Stamp,
    pub by: Option<String>,
    pub reason: String,
}

/// One step of the pathway that is due for a patient.
#[derive(Debug, Clone, Serialize)]
pub struct PathwayItem {
    pub rule: String,
    /// A short label for list cells ("SURG").
    pub tag: String,
    pub title: String,
    pub level: ItemLevel,
    /// When the facts that raise it came together.
    pub raised_at: Stamp,
    /// The day it falls due: the day it is raised, unless the rule gives it time.
    pub due: Date,
    /// Why it is raised, in the case's own facts.
    pub detail: String,
    pub answer: Answer,
    #[serde(skip)]
    pub statement: Arc<str>,
    pub source: Arc<str>,
    /// Set when a clinician closed it with a reason; a closed item leaves the round.
    pub closed: Option<Closure>,
    /// Acknowledgements (plans) made while it was open.
    pub acknowledgements: Vec<Acknowledgement>,
}

impl PathwayItem {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

/// The facts that raise a step; the closing acknowledgements are looked up from the rule id.
pub(crate) struct Raise<'r> {
    pub rule: &'r dyn Step,
    pub level: ItemLevel,
    pub raised_at: Stamp,
    pub due: Date,
    pub detail: String,
    pub answer: Answer,
}

impl Raise<'_> {
    /// Adds the item to `out`, closed when a clinician closed its rule with a reason at or after
    /// it was raised.
    pub fn push_to(self, out: &mut Vec<PathwayItem>, timeline: &Timeline<'_>) {
        let rule = self.rule.id();
        let acks: Vec<&Acknowledgement> = timeline
            .acknowledgements
            .iter()
            .copied()
            .filter(|a| a.flag.as_str() == rule && a.at >= self.raised_at)
            .collect();
        let closing = acks.iter().find(|a| a.closed.is_some());
        let closed = closing.map(|c| Closure {
            at: c.at,
            by: c.by.as_ref().map(Text::safe),
            reason: c.closed.as_ref().map(Text::safe).unwrap_or_default(),
        });
        let until = closed.as_ref().map(|c| c.at);
        out.push(PathwayItem {
            rule: rule.to_string(),
            tag: self.rule.tag().to_string(),
            title: self.rule.title().to_string(),
            level: self.level,
            raised_at: self.raised_at,
            due: self.due,
            detail: self.detail,
            answer: self.answer,
            statement: Arc::clone(self.rule.statement()),
            source: self.rule.source().shared(),
            closed,
            acknowledgements: acks.into_iter().filter(|a| until.is_none_or(|u| a.at <= u)).cloned().collect(),
        });
    }
}

/// Every pathway item of a case at `timeline.now`, open and closed, in the order they were raised.
pub fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag]) -> Vec<PathwayItem> {
    let mut out = Vec::new();
    steroids::items(case, g, timeline, flags, &mut out);
    stability::items(case, g, timeline, flags, &mut out);
    ceiling::items(case, g, timeline, flags, &mut out);
    contested::items(g, timeline, &mut out);
    followthrough::items(case, g, timeline, flags, &mut out);
    out.sort_by_key(|i| i.raised_at);
    out
}

pub use crate::model::exam_fields::has_neurology;

/// The neurological deficits an exam shows: the non-pain findings of the emergency red-flag rules.
pub fn deficits(g: &Guidelines, e: &Exam) -> Vec<Finding> {
    finding::exam_findings(e)
        .into_iter()
        .filter(|f| f.field != ExamField::Pain)
        .filter(|f| g.red_flags.rules.iter().any(|r| r.level == Level::Emergency && r.findings.lists(f.field, f.value)))
        .collect()
}

/// Whether a study is graded in the contested Bilsky band (1c: the cord abutted, not
/// compressed; `guidelines/scores.yaml`): neither confirmed nor excluded MSCC.
pub(crate) fn contested(g: &Guidelines, i: &Imaging) -> bool {
    i.escc.is_some_and(|grade| {
        g.scores
            .bilsky
            .bands
            .iter()
            .any(|b| b.noms == crate::guidelines::EsccBand::Contested && b.grades.contains(&grade))
    })
}

/// Whether a completed study excludes cord compression: reported `no_mscc`, or graded below the
/// grades that confirm MSCC (ESCC 0 to 1b), with no result that confirms it. A contested grade
/// (1c) excludes nothing.
pub(crate) fn excludes_mscc(g: &Guidelines, i: &Imaging) -> bool {
    let t = &g.pathway.treatment;
    if t.confirms(i.kind, i.result, i.escc) || contested(g, i) {
        return false;
    }
    i.result == Some(ImagingResult::NoMscc) || i.escc.is_some_and(|e| !t.escc.contains(&e))
}

/// What an MRI said about the cord, for an item's detail: "excluded MSCC" when it said so, that
/// the grade is the contested 1c, or else that it reported no compression (a result such as
/// `progression` says nothing about the cord).
pub(crate) fn cord_verdict(g: &Guidelines, i: &Imaging) -> &'static str {
    if contested(g, i) {
        "showed the cord abutted but not compressed (ESCC 1c, contested: not excluded)"
    } else if excludes_mscc(g, i) {
        "excluded MSCC"
    } else {
        "reported no cord compression"
    }
}

/// Whether a completed study confirms MSCC.
pub(crate) fn confirms_mscc(g: &Guidelines, i: &Imaging) -> bool {
    g.pathway.treatment.confirms(i.kind, i.result, i.escc)
}

/// "whole-spine MRI 21 Nov 14:10: mscc, ESCC 3".
pub(crate) fn describe_mri(i: &Imaging) -> String {
    let mut parts = Vec::new();
    if let Some(r) = i.result {
        parts.push(r.as_str().replace('_', " "));
    }
    if let Some(e) = i.escc {
        parts.push(format!("ESCC {e}"));
    }
    let when = i.done.map(|d| d.day_month_time()).unwrap_or_default();
    if parts.is_empty() {
        format!("{} {when}", i.kind.label())
    } else {
        format!("{} {when}: {}", i.kind.label(), parts.join(", "))
    }
}
