//! Corticosteroids on the MSCC pathway: start them for cord compression with neurology, stop them
//! when the MRI excludes it, and reduce them after definitive treatment.
//!
//! Start: any emergency flag (suspected MSCC with neurology, an emergency-level deterioration, or
//! confirmed MSCC awaiting treatment), open or closed by a clinician (unless closed as no cord
//! compression to treat: not suspected on senior review, entered in error), that no running course
//! covers (`steroid_course::covers`: the cover dose or its equivalent, or a lower dose with a
//! reason given once the emergency was known). Pain without neurology does not call for
//! steroids, so urgent-level flags do not raise it.
//! Stop: the reported whole-spine MRI that last answered a suspected-MSCC flag did not confirm
//! MSCC, no later study has, no emergency flag is open, and a course of MSCC treatment is still
//! running. It is tied to that MRI: a later study that says nothing about the cord (a staging CT
//! "stable") does not clear it.
//! Reduce: a taper is a series of steps to stop. From the first day of definitive treatment
//! (radiotherapy, or surgery) given on a course of MSCC treatment, the item is open until the
//! course stops. It is due when the dose of the first day is still running more than the
//! guideline's `after_days` later, and again whenever the last step down is more than `step_days`
//! old. Never while an emergency is open (new neurology needs the full dose, not a taper).
//! Replacement (prednisolone with abiraterone) is never stopped or reduced here.

use crate::guidelines::{Guidelines, Level};
use crate::model::*;

use super::super::flag::{Flag, FlagStatus};
use super::super::timeline::Timeline;
use super::steroid_course as course;
use super::{Answer, ItemLevel, PathwayItem, Raise, confirms_mscc, cord_verdict};

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    let rules = &g.pathway.steroids;
    let now = timeline.now;
    let emergencies: Vec<&Flag> = flags.iter().filter(|f| f.is_open() && f.level == Level::Emergency).collect();
    let since = flags.iter().filter(|f| f.level == Level::Emergency).map(|f| f.raised_at).min();
    let running = course::running_listed(case, g, now);
    let current = course::mscc_course(case, g, now, since);

    // Closing a flag does not close the step: an emergency closed by a clinician or a decision
    // still asks for corticosteroids until a course that covers it is running or the step itself
    // is closed; only a close that says there was no compression to treat (not suspected on
    // senior review, entered in error) asks for none. A course covers an emergency at the cover dose, or below it with a reason given
    // once the emergency was known.
    let uncovered = flags
        .iter()
        .filter(|f| {
            f.level == Level::Emergency
                && (f.is_open() || matches!(f.status, FlagStatus::Closed { no_mscc: false, .. }))
        })
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
            detail: format!("{flag}; {}", below_cover(case, g, &running, first.raised_at, since)),
            answer: Answer::Steroids,
        }
        .push_to(out, timeline);
    }

    if let Some(running_now) = current
        && emergencies.is_empty()
        && let Some((mri, done)) = excluding_mri(g, timeline, flags)
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

    safety_item(case, g, timeline, &running, out);

    // No taper while an emergency is open: new neurology needs the full dose, not less.
    if let Some(running_now) = current
        && emergencies.is_empty()
        && let Some((began, what)) = treatment_began_on_steroids(case, g, now, since)
    {
        let r = &rules.reduce;
        let links = course::chain(case, running_now);
        // The latest step down from the first day of treatment on: a dose of the chain lower than
        // the one before it. A dose re-entered unchanged, or raised, is no step.
        let step = links
            .windows(2)
            .filter(|w| w[1].start.date() >= began && course::lower(w[1], w[0]))
            .map(|w| w[1])
            .next_back();
        let dose = course::dose_words(g, running_now);
        let (raised_at, due, detail) = match step {
            None => {
                let days = now.date().days_since(began);
                (
                    Stamp::date_only(began),
                    began.add_days(i64::from(r.after_days) + 1),
                    format!("{what} began {began} ({days} days ago); still {dose}"),
                )
            }
            Some(step) => {
                let days = now.date().days_since(step.start.date());
                (
                    step.start,
                    step.start.date().add_days(i64::from(r.step_days) + 1),
                    format!(
                        "last step down {} ({days} days ago), {dose} now; taper since {what} began {began}: {}",
                        step.start,
                        course::taper_words(&links)
                    ),
                )
            }
        };
        Raise { rule: r, level: ItemLevel::Due, raised_at, due, detail, answer: Answer::SteroidsReduce }
            .push_to(out, timeline);
    }
}

/// Gastric protection and glucose monitoring, asked while a course runs at the safety dose or more
/// (any listed drug, by its equivalent): each counts when recorded from the first dose of that
/// course's chain on.
fn safety_item(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, running: &[&Steroid], out: &mut Vec<PathwayItem>) {
    let r = &g.pathway.steroids.safety;
    let Some(high) = running.iter().find(|s| course::equivalent(g, s).is_some_and(|eq| eq + 1e-6 >= r.from_mg_per_day))
    else {
        return;
    };
    let from = course::chain(case, high)[0].start;
    let now = timeline.now;
    let recorded =
        |what: fn(&SteroidSafety) -> bool| case.steroid_safety.iter().any(|m| what(m) && m.at >= from && m.at <= now);
    let mut missing = Vec::new();
    if !recorded(|m| m.gastric_protection) {
        missing.push("gastric protection");
    }
    if !recorded(|m| m.glucose_monitoring) {
        missing.push("blood-glucose monitoring");
    }
    if missing.is_empty() {
        return;
    }
    Raise {
        rule: r,
        level: ItemLevel::Due,
        raised_at: from,
        due: from.date(),
        detail: format!(
            "{} since {}: record {} (`record steroid-safety`)",
            course::dose_words(g, high),
            from.day_month_time(),
            missing.join(" and ")
        ),
        answer: Answer::SteroidSafety,
    }
    .push_to(out, timeline);
}

/// The reported spine MRI that last answered a suspected-MSCC flag, with when it was done, when it
/// did not confirm MSCC and nothing since has: not whatever study came last. A later staging CT
/// "stable" says nothing about the cord and leaves the stop standing; a later study that confirms
/// MSCC, or grades the contested 1c, ends it.
fn excluding_mri<'a>(g: &Guidelines, timeline: &Timeline<'a>, flags: &[Flag]) -> Option<(&'a Imaging, Stamp)> {
    let kinds = &g.pathway.treatment.imaging;
    let reported = |i: &Imaging| kinds.contains(&i.kind) && (i.result.is_some() || i.escc.is_some());
    let answered = |i: &Imaging| {
        i.done.is_some_and(|done| {
            flags.iter().any(|f| matches!(f.status, FlagStatus::Actioned { at, kind } if at == done && kind == i.kind))
        })
    };
    let (mri, done) = timeline
        .done_imaging
        .iter()
        .rev()
        .copied()
        .filter(|i| reported(i) && answered(i))
        .find_map(|i| i.done.map(|d| (i, d)))?;
    if confirms_mscc(g, mri) || super::contested(g, mri) {
        return None;
    }
    let overturned = timeline
        .done_imaging
        .iter()
        .filter(|i| i.done.is_some_and(|d| d > done) && reported(i))
        .any(|i| confirms_mscc(g, i) || super::contested(g, i));
    (!overturned).then_some((mri, done))
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
fn below_cover(case: &Case, g: &Guidelines, running: &[&Steroid], raised: Stamp, since: Option<Stamp>) -> String {
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
        _ if course::is_mscc_course(case, g, s, since) => format!(
            "{dose} running since {} is below the MSCC dose: {full}, or record why a lower dose",
            s.start.day_month_time()
        ),
        _ => format!("{dose} is below the MSCC dose: replacement or maintenance is not MSCC treatment; give {full}"),
    }
}
