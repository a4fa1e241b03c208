//! What is open for the patient at the export's moment: each open red flag as a Flag, and each
//! item of the round checklist as a Task due when the item is (a flag's deadline, a step's day).
//! Settled flags and done items are history the receiving system does not need to act on; the
//! records that settled them (the MRI, the treatment) are exported as themselves.

use std::collections::BTreeMap;

use super::super::datatypes::{Annotation, CodeableConcept, Period, Reference};
use super::super::resources::{Flag, Resource, Task, TaskRestriction};
use super::super::value_sets::{FlagStatus, RequestPriority, TaskIntent, TaskStatus};
use super::{Builder, words};
use crate::engine::checklist::{Category, ChecklistItem, checklist};

pub(super) fn add(b: &mut Builder<'_>) {
    let flags = add_flags(b);
    // A flag someone has acknowledged with a plan is being acted on: its task is in progress, not
    // one that nobody has started (`ready`), which a receiving system would read as untouched.
    let acted_on: Vec<String> =
        b.assessment.open_flags().filter(|f| !f.acknowledgements.is_empty()).map(|f| f.rule_id().to_string()).collect();
    let items = checklist(b.case, b.assessment);
    for (n, item) in items.iter().enumerate() {
        let status = if acted_on.contains(&item.rule) { TaskStatus::InProgress } else { TaskStatus::Ready };
        add_task(b, n, item, flags.get(item.rule.as_str()).cloned(), status);
    }
}

/// The open flags, and for each rule the reference to its latest open flag, which the rule's
/// checklist item is about.
fn add_flags(b: &mut Builder<'_>) -> BTreeMap<String, Reference> {
    let mut by_rule = BTreeMap::new();
    let open: Vec<_> = b.assessment.open_flags().cloned().collect();
    for f in &open {
        let subject = b.subject();
        let code = CodeableConcept::text(words(format!("{}: {}", f.title(), f.what())));
        let period = Period::from(b.at(f.raised_at), None);
        let key = format!("flag/{}/{}", f.rule_id(), f.raised_at);
        let reference = b.add(&key, |id| {
            Resource::Flag(Flag { id, status: FlagStatus::Active, code, subject, period: Some(period) })
        });
        by_rule.insert(f.rule_id().to_string(), reference);
    }
    by_rule
}

/// How soon the item needs doing, in FHIR's words.
fn priority(category: Category) -> RequestPriority {
    match category {
        Category::Emergency | Category::Deterioration => RequestPriority::Stat,
        Category::Urgent | Category::NotExamined | Category::Overdue => RequestPriority::Urgent,
        Category::DueToday | Category::Pending | Category::DueSoon | Category::NotReviewed => RequestPriority::Routine,
    }
}

fn add_task(b: &mut Builder<'_>, n: usize, item: &ChecklistItem, focus: Option<Reference>, status: TaskStatus) {
    let subject = b.subject();
    let authored = b.at(b.assessment.now);
    let due = Period::until(b.at(item.due));
    let note: Vec<Annotation> = [item.detail.as_str(), &format!("rule {} ({})", item.rule, item.source)]
        .iter()
        .filter_map(|t| super::super::datatypes::FhirString::new(t).map(|text| Annotation { text }))
        .collect();
    b.add(&format!("task/{n}/{}", item.rule), |id| {
        Resource::Task(Task {
            id,
            status,
            intent: TaskIntent::Plan,
            priority: priority(item.category),
            code: CodeableConcept::text(words(item.category.label())),
            description: words(&item.text),
            focus,
            patient: subject,
            authored_on: authored,
            restriction: TaskRestriction { period: due },
            note,
        })
    });
}
