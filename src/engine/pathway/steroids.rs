//! Corticosteroids on the MSCC pathway: start them for cord compression with neurology, stop them
//! when the MRI excludes it, and reduce them after definitive treatment.
//!
//! Start: any emergency flag (suspected MSCC with neurology, an emergency-level deterioration, or
//! confirmed MSCC awaiting treatment), open or closed by a clinician, that no running course
//! covers (`steroid_course::covers`: the cover dose or its equivalent, or a lower dose with a
//! reason given once the emergency was known). Pain without neurology does not call for
//! steroids, so urgent-level flags do not raise it.
//! Stop: the latest reported spine MRI answered a suspected-MSCC flag without confirming MSCC, no
//! emergency flag is open, and a course of MSCC treatment is still running.
//! Reduce: the course of MSCC treatment running now is still at the dose the patient was on when
//! definitive treatment began (first day of radiotherapy, or surgery), more than the guideline's
//! days later, and no emergency is open (new neurology needs the full dose, not a taper).
//! Replacement (prednisolone with abiraterone) is never stopped or reduced here.

use crate::guidelines::{Guidelines, Level};
use crate::model::*;

use super::super::flag::{Flag, FlagStatus};
use super::super::timeline::Timeline;
use super::steroid_course as course;
use super::{Answer, ItemLevel, PathwayItem, Raise, confirms_mscc, cord_verdict, latest_reported_spine_mri};

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    let rules = &g.pathway.steroids;
    let now = timeline.now;
    let emergencies: Vec<&Flag> = flags.iter().filter(|f| f.is_open() && f.level == Level::Emergency).collect();
    let since = flags.iter().filter(|f| f.level == Level::Emergency).map(|f| f.raised_at).min();
    let running = course::running_listed(case, g, now);
    let current = course::mscc_course(case, g, now, since);

    // Closing a flag never closes the step: an emergency closed by a clinician or a decision
    // still asks for corticosteroids until a course that covers it is running or the step itself
    // is closed. A course covers an emergency at the cover dose, or below it with a reason given
    // once the emergency was known.
    let uncovered = flags
        .iter()
        .filter(|f| f.level == Level::Emergency && (f.is_open() || matches!(f.status, FlagStatus::Closed { .. })))
        .filter(|f| !running.iter().any(|s| course::covers(g, s, f.raised_at)))
        .min_by_key(|f| f.raised_at);
    if let Some(first) = uncovered {
        let r = &rules.start;
        let flag = format!(
            "{} {} since {}",
            first.rule_id(),
            if first.is_open() { "open" } else { "closed (closing a flag does not close this step)" },
            first.raised_at.day_month_time()
        );
        Raise {
            rule: r,
            level: ItemLevel::Urgent,
            raised_at: first.raised_at,
            due: first.raised_at.date(),
            detail: format!("{flag}; {}", below_cover(case, g, &running, first.raised_at)),
            answer: Answer::Steroids,
        }
        .push_to(out, timeline);
    }

    if let Some(running_now) = current
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
            detail: format!(
                "{} {}; {} still running",
                super::describe_mri(mri),
                cord_verdict(g, mri),
                course::dose_words(g, running_now)
            ),
            answer: Answer::SteroidsStop,
        }
        .push_to(out, timeline);
    }

    // No taper while an emergency is open: new neurology needs the full dose, not less.
    if let Some(running_now) = current
        && emergencies.is_empty()
        && let Some((began, what)) = treatment_began_on_steroids(case, g, now, since)
    {
        let r = &rules.reduce;
        let at_start = course::mscc_course(case, g, began.at(23, 59), since);
        let unchanged = at_start.is_some_and(|s| {
            std::ptr::eq(s, running_now)
                || matches!((s.mg_per_day, running_now.mg_per_day), (Some(a), Some(b)) if b >= a)
        });
        let days = now.date().days_since(began);
        if unchanged && days > i64::from(r.after_days) {
            let raised = began.add_days(i64::from(r.after_days) + 1);
            Raise {
                rule: r,
                level: ItemLevel::Due,
                raised_at: Stamp::date_only(raised),
                due: raised,
                detail: format!("{what} began {began} ({days} days ago); still {}", course::dose_words(g, running_now)),
                answer: Answer::SteroidsReduce,
            }
            .push_to(out, timeline);
        }
    }
}

/// The latest start of definitive treatment (first day of radiotherapy, or surgery), up to today,
/// on a day when a corticosteroid course was running.
fn treatment_began_on_steroids(
    case: &Case,
    g: &Guidelines,
    now: Stamp,
    since: Option<Stamp>,
) -> Option<(Date, &'static str)> {
    let today = now.date();
    let rt = case.radiotherapy.iter().map(|r| (r.start, "radiotherapy"));
    let surgery = case.surgery.iter().map(|s| (s.date, "surgery"));
    rt.chain(surgery)
        .filter(|(d, _)| *d <= today)
        .filter(|(d, _)| course::mscc_course(case, g, d.at(23, 59), since).is_some())
        .max_by_key(|(d, _)| *d)
}

/// What is running when no course covers the emergency raised at `raised`, and what to do.
fn below_cover(case: &Case, g: &Guidelines, running: &[&Steroid], raised: Stamp) -> String {
    let full = course::cover_words(g);
    let Some(s) = running.first() else { return "no corticosteroid running".to_string() };
    let dose = course::dose_words(g, s);
    let links = course::chain(case, s);
    let was_full = links.iter().rev().skip(1).find(|c| course::at_cover_dose(g, c));
    if let Some(full_course) = was_full {
        return format!(
            "{dose} running, reduced from {} since {}: back to {full}",
            course::dose_words(g, full_course),
            full_course.start.day_month_time()
        );
    }
    match &s.reason {
        Some(why) if !why.is_blank() && raised > s.start => format!(
            "{dose} running since {} (reason given then: {}); worse since: back to {full}, or record why not",
            s.start.day_month_time(),
            why.safe()
        ),
        _ => format!("{dose} is below the MSCC dose: replacement or maintenance is not MSCC treatment; give {full}"),
    }
}
