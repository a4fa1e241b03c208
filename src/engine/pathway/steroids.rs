//! Corticosteroids on the MSCC pathway: start them for cord compression with neurology, stop them
//! when the MRI excludes it, and reduce them after definitive treatment.
//!
//! Start: any open emergency flag (suspected MSCC with neurology, an emergency-level
//! deterioration, or confirmed MSCC awaiting treatment) with no course running now. Pain without
//! neurology does not call for steroids, so urgent-level flags do not raise it.
//! Stop: the latest reported spine MRI answered a suspected-MSCC flag without confirming MSCC, no
//! emergency flag is open, and a course is still running.
//! Reduce: the course running now is still at the dose the patient was on when definitive
//! treatment began (first day of radiotherapy, or surgery), more than the guideline's days later,
//! and no emergency is open (new neurology needs the full dose, not a taper).

use crate::guidelines::{Guidelines, Level};
use crate::model::event::running_at;
use crate::model::*;

use super::super::flag::{Flag, FlagStatus};
use super::super::timeline::Timeline;
use super::{Answer, ItemLevel, PathwayItem, Raise, confirms_mscc, cord_verdict, latest_reported_spine_mri};

/// The corticosteroid course running at `at` (the latest started, when two overlap). Only drugs
/// the guidelines list count: a misnamed entry (`ondansetron`, `dex`) must not silence the
/// reminder to start steroids; it is reported as a warning instead.
fn running<'c>(case: &'c Case, g: &Guidelines, at: Stamp) -> Option<&'c Steroid> {
    case.steroids
        .iter()
        .filter(|s| running_at(s, at) && g.pathway.steroids.drug(s.drug.raw()).is_some())
        .max_by_key(|s| s.start)
}

fn dose(s: &Steroid) -> String {
    match s.mg_per_day {
        Some(mg) => format!("{} {mg} mg/day", s.drug.safe()),
        None => format!("{} (dose not recorded)", s.drug.safe()),
    }
}

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    let rules = &g.pathway.steroids;
    let now = timeline.now;
    let current = running(case, g, now);
    let emergencies: Vec<&Flag> = flags.iter().filter(|f| f.is_open() && f.level == Level::Emergency).collect();

    // Closing a flag never closes the step: an emergency closed by a clinician or a decision
    // still asks for corticosteroids until a course is started or the step itself is closed.
    let asking: Vec<&Flag> = flags
        .iter()
        .filter(|f| f.level == Level::Emergency && (f.is_open() || matches!(f.status, FlagStatus::Closed { .. })))
        .collect();
    if current.is_none()
        && let Some(first) = asking.iter().min_by_key(|f| f.raised_at)
    {
        let r = &rules.start;
        Raise {
            rule: r,
            level: ItemLevel::Urgent,
            raised_at: first.raised_at,
            due: first.raised_at.date(),
            detail: format!(
                "{} {} since {}; no corticosteroid running",
                first.rule_id(),
                if first.is_open() { "open" } else { "closed (closing a flag does not close this step)" },
                first.raised_at.day_month_time()
            ),
            answer: Answer::Steroids,
        }
        .push_to(out, timeline);
    }

    if let Some(course) = current
        && emergencies.is_empty()
        && let Some(mri) = latest_reported_spine_mri(g, timeline)
        && !confirms_mscc(g, mri)
        && !super::contested(g, mri)
        && let Some(done) = mri.done
        && flags.iter().any(|f| matches!(f.status, FlagStatus::Actioned { at, .. } if at == done))
    {
        let r = &rules.stop;
        Raise {
            rule: r,
            level: ItemLevel::Due,
            raised_at: done,
            due: done.date(),
            detail: format!("{} {}; {} still running", super::describe_mri(mri), cord_verdict(g, mri), dose(course)),
            answer: Answer::SteroidsStop,
        }
        .push_to(out, timeline);
    }

    // No taper while an emergency is open: new neurology needs the full dose, not less.
    if let Some(course) = current
        && emergencies.is_empty()
        && let Some((began, what)) = treatment_began_on_steroids(case, g, now)
    {
        let r = &rules.reduce;
        let at_start = running(case, g, began.at(23, 59));
        let unchanged = at_start.is_some_and(|s| {
            std::ptr::eq(s, course) || matches!((s.mg_per_day, course.mg_per_day), (Some(a), Some(b)) if b >= a)
        });
        let days = now.date().days_since(began);
        if unchanged && days > i64::from(r.after_days) {
            let raised = began.add_days(i64::from(r.after_days) + 1);
            Raise {
                rule: r,
                level: ItemLevel::Due,
                raised_at: Stamp::date_only(raised),
                due: raised,
                detail: format!("{what} began {began} ({days} days ago); still {}", dose(course)),
                answer: Answer::SteroidsReduce,
            }
            .push_to(out, timeline);
        }
    }
}

/// The latest start of definitive treatment (first day of radiotherapy, or surgery), up to today,
/// on a day when a corticosteroid course was running.
fn treatment_began_on_steroids(case: &Case, g: &Guidelines, now: Stamp) -> Option<(Date, &'static str)> {
    let today = now.date();
    let rt = case.radiotherapy.iter().map(|r| (r.start, "radiotherapy"));
    let surgery = case.surgery.iter().map(|s| (s.date, "surgery"));
    rt.chain(surgery)
        .filter(|(d, _)| *d <= today)
        .filter(|(d, _)| running(case, g, d.at(23, 59)).is_some())
        .max_by_key(|(d, _)| *d)
}
