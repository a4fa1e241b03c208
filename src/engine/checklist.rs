//! The daily round checklist, derived from the facts and never stored.
//!
//! For each patient, in clinical priority order: open emergencies (confirmed MSCC awaiting
//! treatment among them), deteriorations, open urgent flags and urgent pathway steps, not
//! examined, overdue items, due today, pending results, due soon, and "not yet reviewed today". Each item says which record completes it; recording that event through the store
//! changes the facts, and the item is gone the next time the checklist is derived.

use serde::Serialize;

use super::flag::{Awaits, Flag};
use super::pathway::{Answer, ItemLevel, PathwayItem};
use super::schedule::{DueStatus, ItemKind};
use super::{Assessment, NotExamined};
use crate::guidelines::Level;
use crate::model::duration;
use crate::model::*;

/// Checklist sections, in the order the round takes them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Emergency,
    Deterioration,
    Urgent,
    NotExamined,
    Overdue,
    DueToday,
    Pending,
    DueSoon,
    NotReviewed,
}

impl Category {
    /// Every section, in the order the round takes them.
    pub const ALL: [Category; 9] = [
        Category::Emergency,
        Category::Deterioration,
        Category::Urgent,
        Category::NotExamined,
        Category::Overdue,
        Category::DueToday,
        Category::Pending,
        Category::DueSoon,
        Category::NotReviewed,
    ];

    /// The section of an open flag.
    pub fn of_flag(f: &Flag) -> Category {
        match (f.is_deterioration(), f.level) {
            (true, _) => Category::Deterioration,
            (false, Level::Emergency) => Category::Emergency,
            _ => Category::Urgent,
        }
    }

    /// The section of a schedule item, or None when it is not due for a while.
    pub fn of_due(status: DueStatus) -> Option<Category> {
        match status {
            DueStatus::Overdue => Some(Category::Overdue),
            DueStatus::DueToday => Some(Category::DueToday),
            DueStatus::Pending => Some(Category::Pending),
            DueStatus::DueSoon => Some(Category::DueSoon),
            DueStatus::Later => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Emergency => "EMERGENCY",
            Category::Deterioration => "DETERIORATION",
            Category::Urgent => "URGENT",
            Category::NotExamined => "NOT EXAMINED",
            Category::Overdue => "OVERDUE",
            Category::DueToday => "DUE TODAY",
            Category::Pending => "PENDING RESULT",
            Category::DueSoon => "due soon",
            Category::NotReviewed => "not reviewed today",
        }
    }

    /// The text mark in front of an item, so urgency never rests on colour alone.
    pub fn marker(self) -> &'static str {
        match self {
            Category::Emergency | Category::Deterioration => "!!",
            Category::Urgent | Category::NotExamined | Category::Overdue => "! ",
            _ => "  ",
        }
    }
}

/// The record that completes an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Completion {
    /// The spine MRI result (which actions a flag), or an acknowledgement that closes it.
    MriResult {
        flag: String,
    },
    Exam,
    ImagingRequest,
    ImagingResult {
        kind: ImagingKind,
    },
    Dose,
    DentalReview,
    Review,
    /// Nothing to record: the item moves on by itself (the next treatment cycle).
    Nothing,
    /// Definitive treatment for confirmed MSCC: a radiotherapy course or spinal surgery, or an
    /// acknowledgement that closes the flag with the reason.
    Treatment {
        flag: String,
    },
    /// A corticosteroid course.
    Steroids,
    /// The running corticosteroid course stopped.
    SteroidsStop,
    /// A lower corticosteroid dose, or the course stopped.
    SteroidsReduce,
    /// Steroid safety measures (gastric protection, glucose monitoring) recorded.
    SteroidSafety,
    /// A referral to a team.
    Referral {
        to: ReferralTo,
    },
    /// A radiotherapy course.
    Radiotherapy,
    /// A bone-modifying agent started.
    BoneAgent,
    /// A clinician's decision: an acknowledgement of the rule that closes it with the reason.
    Decision {
        rule: String,
    },
    /// A decision about definitive treatment (`record decision`), with who made it and their role.
    TreatmentDecision,
}

impl Completion {
    fn of(item: &PathwayItem) -> Completion {
        match item.answer {
            Answer::Steroids => Completion::Steroids,
            Answer::SteroidsStop => Completion::SteroidsStop,
            Answer::SteroidsReduce => Completion::SteroidsReduce,
            Answer::SteroidSafety => Completion::SteroidSafety,
            Answer::Referral { to } => Completion::Referral { to },
            Answer::Radiotherapy => Completion::Radiotherapy,
            Answer::BoneAgent => Completion::BoneAgent,
            Answer::Decision => Completion::Decision { rule: item.rule.clone() },
            Answer::TreatmentDecision => Completion::TreatmentDecision,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    pub category: Category,
    pub text: String,
    pub detail: String,
    pub rule: String,
    pub source: std::sync::Arc<str>,
    pub completion: Completion,
    /// When it falls due: a flag's deadline, a step's or schedule item's day (as a date alone),
    /// now for an exam that is already owed. Exports carry it; the JSON checklist does not (its
    /// items say it in words, and its fields are a contract).
    #[serde(skip)]
    pub due: Stamp,
    /// What tells this item from a later one of the same rule: the moment it was raised (a
    /// flag's, a pathway step's), the last exam an owed exam follows ("never" for none), or the
    /// day a schedule item or the daily review falls due. Exports key the item's identity on the
    /// case, the rule and this, never on its place in the list.
    #[serde(skip)]
    pub raised: String,
}

/// "; acknowledged <when> by <who>: <plan>" for the latest acknowledgement, or nothing.
fn last_acknowledged(acks: &[Acknowledgement]) -> String {
    match acks.last() {
        Some(a) => format!(
            "; acknowledged {} by {}: {}",
            a.at,
            a.by.as_ref().map(Text::safe).unwrap_or_else(|| "?".into()),
            a.plan.as_ref().map(Text::safe).unwrap_or_default()
        ),
        None => String::new(),
    }
}

fn flag_item(f: &Flag, a: &Assessment) -> ChecklistItem {
    let now = a.now;
    let category = Category::of_flag(f);
    let absent = if f.present_at_last_exam { "" } else { " (not present at the last exam)" };
    let acked = last_acknowledged(&f.acknowledgements);
    let notes: String = f.notes.iter().map(|n| format!("; {n}")).collect();
    let completion = match f.awaits() {
        Awaits::Mri => Completion::MriResult { flag: f.rule_id().to_string() },
        Awaits::Treatment => Completion::Treatment { flag: f.rule_id().to_string() },
    };
    ChecklistItem {
        category,
        text: format!(
            "{}: {}{absent} ({}, {}{notes})",
            f.title(),
            a.what_with_parts(f),
            f.due_by(&f.deadline.day_month_time()),
            duration::countdown(f.minutes_left(now))
        ),
        detail: format!("raised {}; {}{acked}", f.raised_at, f.actions().join(" ")),
        rule: f.rule_id().to_string(),
        source: f.source().shared(),
        completion,
        due: f.deadline,
        raised: f.raised_at.to_string(),
    }
}

/// The checklist section of an open pathway item on `today`, or None when it is not due yet.
pub fn pathway_category(item: &PathwayItem, today: Date, soon_days: u32) -> Option<Category> {
    if item.level == ItemLevel::Urgent {
        return Some(Category::Urgent);
    }
    match super::DueStatus::for_date(item.due, today, soon_days) {
        DueStatus::Overdue => Some(Category::Overdue),
        DueStatus::DueToday => Some(Category::DueToday),
        DueStatus::DueSoon => Some(Category::DueSoon),
        DueStatus::Pending | DueStatus::Later => None,
    }
}

fn pathway_item(item: &PathwayItem, category: Category) -> ChecklistItem {
    let when = match category {
        Category::Urgent => String::new(),
        _ => format!(" (due {} {})", item.due.weekday_short(), item.due),
    };
    let acked = last_acknowledged(&item.acknowledgements);
    ChecklistItem {
        category,
        text: format!("{}: {}{when}", item.title, item.detail),
        detail: format!("raised {}{acked}", item.raised_at),
        rule: item.rule.clone(),
        source: item.source.clone(),
        completion: Completion::of(item),
        due: Stamp::date_only(item.due),
        raised: item.raised_at.to_string(),
    }
}

/// The checklist of one case on the day of `a.now`.
pub fn checklist(case: &Case, a: &Assessment) -> Vec<ChecklistItem> {
    let case = &*case.in_force();
    if case.is_discharged() {
        return Vec::new();
    }
    // A flag raised from the same exam as another is said within that flag's item.
    let mut items: Vec<ChecklistItem> = a.open_flags_listed().map(|f| flag_item(f, a)).collect();
    if let Some(reason) = &a.not_examined {
        let text = match reason {
            NotExamined::Never => "No neurological exam recorded: examine (neurology and pain)".to_string(),
            NotExamined::Stale { last, hours_ago } => {
                format!("Not examined for {hours_ago} h (last {last}): examine (neurology and pain)")
            }
        };
        items.push(ChecklistItem {
            category: Category::NotExamined,
            text,
            detail: "a case with no recent exam is never reported as free of red flags".into(),
            rule: "not-examined".into(),
            source: "ward setting not_examined_hours".into(),
            completion: Completion::Exam,
            due: a.now,
            raised: a.last_exam.map(|t| t.to_string()).unwrap_or_else(|| "never".into()),
        });
    }
    for item in a.open_pathway() {
        if let Some(category) = pathway_category(item, a.now.date(), a.due_soon_days) {
            items.push(pathway_item(item, category));
        }
    }
    for s in &a.schedule {
        let Some(category) = Category::of_due(s.status) else { continue };
        let completion = match s.kind {
            ItemKind::SpineImaging | ItemKind::BaselineImaging => Completion::ImagingRequest,
            ItemKind::PendingResult => {
                Completion::ImagingResult { kind: s.imaging_kind.unwrap_or(ImagingKind::MriWholeSpine) }
            }
            ItemKind::BoneAgentDose | ItemKind::BloodTest => Completion::Dose,
            ItemKind::DentalReview => Completion::DentalReview,
            ItemKind::TreatmentCycle => Completion::Nothing,
        };
        let when = match s.status {
            DueStatus::Pending => format!(" ({})", s.detail),
            _ => format!(" (due {} {})", s.due.weekday_short(), s.due),
        };
        items.push(ChecklistItem {
            category,
            text: format!("{}{when}", s.title),
            detail: s.detail.clone(),
            rule: s.rule.clone(),
            source: s.source.clone(),
            completion,
            due: Stamp::date_only(s.due),
            raised: s.due.to_string(),
        });
    }
    if case.is_inpatient() && !a.reviewed_today {
        items.push(ChecklistItem {
            category: Category::NotReviewed,
            text: "Not yet reviewed today".into(),
            detail: "record a review when the patient has been seen on the round".into(),
            rule: "daily-review".into(),
            source: "ward round: every inpatient is seen daily".into(),
            completion: Completion::Review,
            due: Stamp::date_only(a.now.date()),
            raised: a.now.date().to_string(),
        });
    }
    items.sort_by_key(|i| i.category);
    items
}
