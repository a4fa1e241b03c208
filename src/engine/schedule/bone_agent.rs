//! Bone-modifying agent: next dose, the blood test before it, and the dental review before the
//! first dose.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::{DueStatus, ItemKind, ScheduleItem};

/// (due date, how it was worked out) of the next dose, for an agent that is not stopped. With no
/// dose given yet, the first dose is due today.
pub(super) fn next_dose(case: &Case, g: &Guidelines, today: Date) -> Option<(Date, String)> {
    let agent = case.bone_agent.as_ref()?;
    if agent.stopped.is_some_and(|s| s <= today) {
        return None;
    }
    let rule = g.bone_agents.drug(agent.drug)?;
    let weeks = agent.every_weeks.map(|w| w.get()).unwrap_or(rule.every_weeks);
    let own = if agent.every_weeks.is_some() { "this patient's interval" } else { "guideline interval" };
    match agent.doses.iter().filter(|d| **d <= today).max() {
        Some(last) => Some((last.add_weeks(i64::from(weeks)), format!("last dose {last} + {weeks} weeks ({own})"))),
        None => Some((today, "no dose recorded yet: first dose".to_string())),
    }
}

pub(super) fn items(case: &Case, g: &Guidelines, today: Date, soon: u32, out: &mut Vec<ScheduleItem>) {
    let Some(agent) = &case.bone_agent else {
        return;
    };
    let Some(rule) = g.bone_agents.drug(agent.drug) else {
        return;
    };
    let Some((due, detail)) = next_dose(case, g, today) else {
        return;
    };
    let status = DueStatus::for_date(due, today, soon);
    let dose = &g.bone_agents.dose;
    out.push(ScheduleItem::new(
        ItemKind::BoneAgentDose,
        rule.label.clone(),
        due,
        status,
        detail,
        (&dose.id, &dose.statement, &rule.source),
    ));
    let b = &rule.blood_test;
    out.push(ScheduleItem::new(
        ItemKind::BloodTest,
        format!("Bloods before {}: {}", agent.drug.as_str().replace('_', " "), b.test),
        due,
        status,
        format!("on or before the dose due {due}"),
        (&b.id, &b.statement, &b.source),
    ));
    if agent.dental_review.is_none() {
        let first_dose = agent.doses.iter().filter(|d| **d <= today).min().copied();
        let due = first_dose.unwrap_or(due);
        let detail = match first_dose {
            Some(first) => format!("no dental review recorded; the first dose was given {first}"),
            None => "no dental review recorded before the first dose".to_string(),
        };
        let r = &g.bone_agents.dental_review;
        out.push(ScheduleItem::new(
            ItemKind::DentalReview,
            r.title.clone(),
            due,
            DueStatus::for_date(due, today, soon),
            detail,
            (&r.id, &r.statement, &r.source),
        ));
    }
}
