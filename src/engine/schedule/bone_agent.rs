//! Bone-modifying agent: next dose, the blood test before it, and the dental review before the
//! first dose.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::{DueStatus, ItemKind, ScheduleItem};

/// (due date, how it was worked out) of the next dose: the last dose given plus the interval,
/// unless the agent is stopped (already, or before that date). With no dose given yet, the first
/// dose is due once the dental review is done (and has no due date before it).
pub(super) fn next_dose(case: &Case, g: &Guidelines, today: Date) -> Option<(Date, String)> {
    let agent = case.bone_agent.as_ref()?;
    let rule = g.bone_agents.drug(agent.drug)?;
    // A patient's own interval outside the drug's range is a problem with the file; until it is
    // fixed the guideline interval is used, so a typing slip never brings a dose forward.
    let own_weeks = agent.every_weeks.map(|w| w.get()).filter(|w| (rule.min_weeks..=rule.max_weeks).contains(w));
    let weeks = own_weeks.unwrap_or(rule.every_weeks);
    let own = match (own_weeks, agent.every_weeks) {
        (Some(_), _) => "this patient's interval",
        (None, Some(_)) => "guideline interval: this patient's is outside the drug's range",
        (None, None) => "guideline interval",
    };
    let Some(last) = agent.doses.iter().filter(|d| **d <= today).max() else {
        // No dose yet: the first falls due once the dental review is done.
        let reviewed = agent.dental_review.filter(|d| *d <= today)?;
        if agent.stopped.is_some_and(|s| s <= today) {
            return None;
        }
        return Some((reviewed, format!("dental review done {reviewed}; first dose due")));
    };
    let due = last.add_weeks(i64::from(weeks));
    if agent.stopped.is_some_and(|s| s <= today || s <= due) {
        return None;
    }
    Some((due, format!("last dose {last} + {weeks} weeks ({own})")))
}

pub(super) fn items(case: &Case, g: &Guidelines, today: Date, soon: u32, out: &mut Vec<ScheduleItem>) {
    let Some(agent) = &case.bone_agent else {
        return;
    };
    let Some(rule) = g.bone_agents.drug(agent.drug) else {
        return;
    };
    let stopped = agent.stopped.is_some_and(|s| s <= today);
    let given = agent.doses.iter().any(|d| *d <= today);
    let reviewed = agent.dental_review.is_some_and(|d| d <= today);
    if !stopped && !given && !reviewed {
        let r = &g.bone_agents.dental_review;
        let drug = agent.drug.as_str().replace('_', " ");
        out.push(ScheduleItem::new(
            ItemKind::DentalReview,
            r.title.clone(),
            today,
            DueStatus::DueToday,
            format!("no dental review recorded; needed before the first {drug} dose"),
            (&r.id, &r.statement, &r.source),
        ));
    }
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
}
