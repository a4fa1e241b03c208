//! What is open for the patient at the export's moment: each open red flag as a Flag, and each
//! item of the round checklist as a Task due when the item is (a flag's deadline, a step's day).
//!
//! Every Flag and Task has an identity keyed on the case, the rule and the moment the item was
//! raised, never on its place in a list, so the same item is the same resource in every export.
//! A transaction, which a server keeps, also carries what has closed: every settled flag as
//! `inactive`, its Task `completed` (answered by an MRI or treatment) or `cancelled` (closed by a
//! clinician with a reason), and every pathway step a clinician closed as a `cancelled` Task, so
//! the server follows. Items that leave the list in other ways (an exam recorded, a dose given)
//! are closed by `sync`, which asks the server what it holds (src/cli/sync.rs).

use std::collections::{BTreeMap, BTreeSet};

use super::super::codes;
use super::super::datatypes::{Annotation, CodeableConcept, FhirString, Identifier, Period, Reference};
use super::super::resources::{Flag, Resource, Task, TaskRestriction};
use super::super::value_sets::{FlagStatus, RequestPriority, TaskIntent, TaskStatus};
use super::{Builder, words};
use crate::engine::checklist::{Category, checklist, pathway_category};
use crate::engine::flag::{self, FlagStatus as Settled};
use crate::model::Stamp;

/// An item by its rule and the moment it was raised.
type ItemKey = (String, String);

pub(super) fn add(b: &mut Builder<'_>) {
    let history = b.transaction();
    let flags = add_flags(b, history);
    // A flag someone has acknowledged with a plan is being acted on: its task is in progress, not
    // one that nobody has started (`ready`), which a receiving system would read as untouched.
    let acted_on: BTreeSet<ItemKey> = b
        .assessment
        .open_flags()
        .filter(|f| !f.acknowledgements.is_empty())
        .map(|f| (f.rule_id().to_string(), f.raised_at.to_string()))
        .collect();
    for item in checklist(b.case, b.assessment) {
        let key = (item.rule.clone(), item.raised.clone());
        let status = if acted_on.contains(&key) { TaskStatus::InProgress } else { TaskStatus::Ready };
        add_task(
            b,
            TaskFacts {
                focus: flags.get(&key).cloned(),
                rule: item.rule,
                raised: item.raised,
                status,
                reason: None,
                section: item.category,
                description: item.text,
                due: item.due,
                note: vec![item.detail, format!("rule {} ({})", key.0, item.source)],
            },
        );
    }
    if history {
        add_settled_flag_tasks(b, &flags);
        add_closed_steps(b);
    }
}

/// The flags: the open ones always, the settled ones too in a transaction. Returns each flag's
/// reference by its rule and the moment it was raised, which its checklist item is about.
fn add_flags(b: &mut Builder<'_>, history: bool) -> BTreeMap<ItemKey, Reference> {
    let mut by_item = BTreeMap::new();
    let flags: Vec<flag::Flag> = b.assessment.flags.iter().filter(|f| history || f.is_open()).cloned().collect();
    for f in &flags {
        let subject = b.subject();
        let code = CodeableConcept::text(words(format!("{}: {}", f.title(), f.what())));
        let (status, end) = match settled_at(f) {
            None => (FlagStatus::Active, None),
            Some(at) => (FlagStatus::Inactive, Some(b.at(at))),
        };
        let period = Period::from(b.at(f.raised_at), end);
        let key = format!("flag/{}/{}", f.rule_id(), f.raised_at);
        let identifier = vec![item_identifier(b, &key)];
        let reference = b.add(&key, |id| {
            Resource::Flag(Flag {
                id,
                identifier,
                status,
                category: vec![codes::FLAG_CLINICAL.concept(words("Clinical"))],
                code,
                subject,
                period: Some(period),
            })
        });
        by_item.insert((f.rule_id().to_string(), f.raised_at.to_string()), reference);
    }
    by_item
}

/// When a settled flag was settled; None while it is open.
fn settled_at(f: &flag::Flag) -> Option<Stamp> {
    f.settled_at()
}

/// The program's own name for an item, which `sync` finds it by on a server.
fn item_identifier(b: &Builder<'_>, key: &str) -> Identifier {
    Identifier::new(codes::ITEM_SYSTEM, words(format!("{}/{key}", b.case.id)))
}

/// The Task of each settled flag: completed when an MRI or treatment answered it, cancelled when
/// a clinician closed it with a reason.
fn add_settled_flag_tasks(b: &mut Builder<'_>, flags: &BTreeMap<ItemKey, Reference>) {
    let settled: Vec<flag::Flag> = b.assessment.flags.iter().filter(|f| !f.is_open()).cloned().collect();
    for f in settled {
        let (status, reason) = match &f.status {
            Settled::Open => continue,
            Settled::Actioned { at, kind } => (TaskStatus::Completed, format!("answered: {} at {at}", kind.label())),
            Settled::Treated { at, treatment } => {
                (TaskStatus::Completed, format!("answered: {} from {at}", treatment.as_str()))
            }
            Settled::Closed { at, by, reason, .. } => {
                let by = by.as_ref().map(|t| t.safe()).unwrap_or_else(|| "?".into());
                (TaskStatus::Cancelled, format!("closed {at} by {by}: {}", reason.safe()))
            }
            Settled::WithinCeiling { decided, what } => {
                (TaskStatus::Cancelled, format!("closed under the ceiling of care decided {decided}: {}", what.label()))
            }
        };
        let key = (f.rule_id().to_string(), f.raised_at.to_string());
        add_task(
            b,
            TaskFacts {
                focus: flags.get(&key).cloned(),
                rule: key.0,
                raised: key.1,
                status,
                reason: Some(reason),
                section: Category::of_flag(&f),
                description: format!("{}: {}", f.title(), f.what()),
                due: f.deadline,
                note: vec![format!("raised {}", f.raised_at), format!("rule {} ({})", f.rule_id(), f.source())],
            },
        );
    }
}

/// Every pathway step a clinician closed with a reason, as a cancelled Task.
fn add_closed_steps(b: &mut Builder<'_>) {
    let today = b.today();
    let soon = b.assessment.due_soon_days;
    let closed: Vec<_> = b.assessment.pathway.iter().filter(|p| !p.is_open()).cloned().collect();
    for step in closed {
        let Some(closure) = &step.closed else { continue };
        let by = closure.by.clone().unwrap_or_else(|| "?".into());
        add_task(
            b,
            TaskFacts {
                focus: None,
                rule: step.rule.clone(),
                raised: step.raised_at.to_string(),
                status: TaskStatus::Cancelled,
                reason: Some(format!("closed {} by {by}: {}", closure.at, closure.reason)),
                section: pathway_category(&step, today, soon).unwrap_or(Category::DueSoon),
                description: format!("{}: {}", step.title, step.detail),
                due: Stamp::date_only(step.due),
                note: vec![format!("raised {}", step.raised_at), format!("rule {} ({})", step.rule, step.source)],
            },
        );
    }
}

/// How soon the item needs doing, in FHIR's words.
fn priority(category: Category) -> RequestPriority {
    match category {
        Category::Emergency | Category::Deterioration => RequestPriority::Stat,
        Category::Urgent | Category::NotExamined | Category::Overdue => RequestPriority::Urgent,
        Category::DueToday | Category::Pending | Category::DueSoon | Category::NotReviewed => RequestPriority::Routine,
    }
}

/// What one Task says.
struct TaskFacts {
    rule: String,
    raised: String,
    status: TaskStatus,
    reason: Option<String>,
    section: Category,
    description: String,
    due: Stamp,
    focus: Option<Reference>,
    note: Vec<String>,
}

fn add_task(b: &mut Builder<'_>, t: TaskFacts) {
    let subject = b.subject();
    let authored = b.at(b.assessment.now);
    let due = Period::until(b.at(t.due));
    let note: Vec<Annotation> =
        t.note.iter().filter_map(|n| FhirString::new(n).map(|text| Annotation { text })).collect();
    let key = format!("task/{}/{}", t.rule, t.raised);
    let identifier = vec![item_identifier(b, &key)];
    let status_reason = t.reason.map(|r| CodeableConcept::text(words(r)));
    b.add(&key, |id| {
        Resource::Task(Task {
            id,
            identifier,
            status: t.status,
            status_reason,
            intent: TaskIntent::Plan,
            priority: priority(t.section),
            code: CodeableConcept::text(words(t.section.label())),
            description: words(&t.description),
            focus: t.focus,
            patient: subject,
            authored_on: authored,
            restriction: Some(TaskRestriction { period: due }),
            note,
        })
    });
}
