//! Spine imaging schedule: follow-up, baseline before treatment, and pending results.
//!
//! Follow-up is due one interval after the latest of: the last completed spine imaging (plain
//! X-ray excluded), the end of the last radiotherapy course, the last spinal surgery. The interval
//! is the patient's own `follow_up.imaging_every_weeks` if set; else the post-treatment interval
//! when that latest event is a radiotherapy end or a surgery; else the shorter of the interval for
//! the recorded disease activity and, when the latest imaging showed progression or a new lesion,
//! the progressing interval. A pending spine request made since that base stands for the follow-up: the
//! round then chases its result instead. A missing baseline is asked for only while the treatment
//! is recent; after that it is one note on the patient, not an item overdue for ever.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::super::timeline::Timeline;
use super::{DueStatus, ItemKind, ScheduleItem};

/// What the follow-up interval counts from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Base {
    Imaging(Date, ImagingKind),
    Radiotherapy(Date),
    Surgery(Date),
}

impl Base {
    fn date(self) -> Date {
        match self {
            Base::Imaging(d, _) | Base::Radiotherapy(d) | Base::Surgery(d) => d,
        }
    }

    fn is_treatment(self) -> bool {
        !matches!(self, Base::Imaging(..))
    }

    fn describe(self) -> String {
        match self {
            Base::Imaging(d, kind) => format!("last spine imaging ({}) {d}", kind.label()),
            Base::Radiotherapy(d) => format!("radiotherapy ended {d}"),
            Base::Surgery(d) => format!("spinal surgery {d}"),
        }
    }
}

/// The latest completed base event; on the same day a treatment wins, so post-treatment imaging
/// follows it. A planned radiotherapy end or operation counts only once its date has come.
fn base(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<Base> {
    let today = timeline.now.date();
    let counts = &g.follow_up.spine_imaging.counts;
    let imaging = timeline
        .done_imaging
        .iter()
        .filter(|i| counts.contains(&i.kind))
        .filter_map(|i| i.done.map(|d| Base::Imaging(d.date(), i.kind)))
        .max_by_key(|b| b.date());
    let rt = case.radiotherapy.iter().filter_map(|r| r.end).filter(|d| *d <= today).max().map(Base::Radiotherapy);
    let surgery = case.surgery.iter().map(|s| s.date).filter(|d| *d <= today).max().map(Base::Surgery);
    [imaging, rt, surgery].into_iter().flatten().max_by_key(|b| (b.date(), b.is_treatment()))
}

/// The result of the latest completed spine imaging that has one, with its kind.
fn latest_result(g: &Guidelines, timeline: &Timeline<'_>) -> Option<(ImagingResult, ImagingKind)> {
    timeline
        .done_imaging
        .iter()
        .rev()
        .filter(|i| g.follow_up.spine_imaging.counts.contains(&i.kind))
        .find_map(|i| i.result.map(|r| (r, i.kind)))
}

/// (due date, how it was worked out, rule id) of the next follow-up spine imaging.
fn follow_up(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<(Date, String, String, Base)> {
    let rules = &g.follow_up.spine_imaging;
    let base = base(case, g, timeline)?;
    let fu = case.follow_up.as_ref();
    let (weeks, why, rule) = if let Some(w) = fu.and_then(|f| f.imaging_every_weeks) {
        (w.get(), "this patient's own interval".to_string(), rules.id.clone())
    } else if base.is_treatment() {
        (rules.after_treatment.weeks, "after treatment".to_string(), rules.after_treatment.id.clone())
    } else {
        let activity = fu.and_then(|f| f.disease_activity);
        let why = match activity {
            Some(a) => format!("disease {a}"),
            None => "disease activity not recorded".to_string(),
        };
        let recorded = (rules.by_activity.weeks(activity), why);
        // The latest imaging can say more than the recorded activity: progression or a new lesion
        // on it shortens the interval to the progressing one, whatever was recorded.
        let shown = latest_result(g, timeline).filter(|(r, _)| g.pathway.progression_review.results.contains(r)).map(
            |(r, kind)| {
                (
                    rules.by_activity.weeks(Some(Activity::Progressing)),
                    format!("{} on the last {}", r.as_str().replace('_', " "), kind.label()),
                )
            },
        );
        let (weeks, why) = match shown {
            Some(s) if s.0 < recorded.0 => s,
            _ => recorded,
        };
        (weeks, why, rules.id.clone())
    };
    let due = base.date().add_weeks(i64::from(weeks));
    Some((due, format!("{} + {weeks} weeks ({why})", base.describe()), rule, base))
}

/// The latest treatment start (a systemic regimen or a radiotherapy course).
fn latest_treatment_start(case: &Case) -> Option<(Date, String)> {
    let systemic = case.systemic.iter().map(|s| (s.start, format!("{} starts", s.regimen.safe())));
    let rt = case.radiotherapy.iter().map(|r| (r.start, "radiotherapy starts".to_string()));
    systemic.chain(rt).max_by_key(|(d, _)| *d)
}

/// The latest treatment start with no baseline spine imaging, if any, however long ago.
fn baseline_missing(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<(Date, String)> {
    let (start, what) = latest_treatment_start(case)?;
    let window_start = start.add_weeks(-i64::from(g.follow_up.baseline_imaging.window_weeks));
    let counts = &g.follow_up.spine_imaging.counts;
    let imaged = timeline
        .done_imaging
        .iter()
        .filter(|i| counts.contains(&i.kind))
        .filter_map(|i| i.done)
        .any(|d| d.date() >= window_start);
    (!imaged).then_some((start, what))
}

/// A missing baseline still worth asking for: the treatment started recently (or is booked).
fn baseline_needed(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<(Date, String)> {
    let asked = i64::from(g.follow_up.baseline_imaging.asked_until_weeks_after_start);
    baseline_missing(case, g, timeline).filter(|(start, _)| timeline.now.date() <= start.add_weeks(asked))
}

/// The single note for a treatment that started too long ago for a baseline: said once, on the
/// patient, rather than an item overdue for ever.
pub(crate) fn old_baseline_note(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<String> {
    if baseline_needed(case, g, timeline).is_some() {
        return None;
    }
    let (start, what) = baseline_missing(case, g, timeline)?;
    let b = &g.follow_up.baseline_imaging;
    Some(format!(
        "{what} {start} with no spine imaging on file from {} weeks before it on; too late for a baseline (asked for up to {} weeks after a start)",
        b.window_weeks, b.asked_until_weeks_after_start
    ))
}

/// A pending spine request made on or after `since`.
fn pending_spine_request_since(g: &Guidelines, timeline: &Timeline<'_>, since: Date) -> bool {
    timeline
        .pending_imaging
        .iter()
        .any(|i| g.follow_up.spine_imaging.counts.contains(&i.kind) && i.requested.is_some_and(|r| r.date() >= since))
}

/// The next spine imaging date: the follow-up date; with nothing to count it from, the baseline
/// date before a treatment, when one is needed.
pub fn next_imaging_due(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Option<Date> {
    follow_up(case, g, timeline).map(|f| f.0).or_else(|| baseline_needed(case, g, timeline).map(|b| b.0))
}

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, soon: u32, out: &mut Vec<ScheduleItem>) {
    let today = timeline.now.date();
    let rules = &g.follow_up;
    if let Some((due, detail, rule, base)) = follow_up(case, g, timeline)
        && !pending_spine_request_since(g, timeline, base.date())
    {
        let (statement, source) = if rule == rules.spine_imaging.after_treatment.id {
            (&rules.spine_imaging.after_treatment.statement, &rules.spine_imaging.after_treatment.source)
        } else {
            (&rules.spine_imaging.statement, &rules.spine_imaging.by_activity.source)
        };
        out.push(ScheduleItem::new(
            ItemKind::SpineImaging,
            rules.spine_imaging.title.clone(),
            due,
            DueStatus::for_date(due, today, soon),
            detail,
            (&rule, statement, source),
        ));
    }
    if let Some((start, what)) = baseline_needed(case, g, timeline) {
        let window = rules.baseline_imaging.window_weeks;
        if !pending_spine_request_since(g, timeline, start.add_weeks(-i64::from(window))) {
            let b = &rules.baseline_imaging;
            out.push(ScheduleItem::new(
                ItemKind::BaselineImaging,
                b.title.clone(),
                start,
                DueStatus::for_date(start, today, soon),
                format!("{what} {start}; no spine imaging in the {window} weeks before it"),
                (&b.id, &b.statement, &b.source),
            ));
        }
    }
    let p = &rules.pending_result;
    for i in &timeline.pending_imaging {
        let Some(requested) = i.requested else {
            continue;
        };
        let mut item = ScheduleItem::new(
            ItemKind::PendingResult,
            format!("{} result", i.kind.label()),
            requested.date(),
            DueStatus::Pending,
            pending_detail(requested, timeline.now),
            (&p.id, &p.statement, &p.source),
        );
        item.imaging_kind = Some(i.kind);
        item.waiting_since = Some(requested);
        out.push(item);
    }
}

/// What a pending result's item says: when it was requested and how long it has waited at `now`.
pub(crate) fn pending_detail(requested: Stamp, now: Stamp) -> String {
    format!("requested {requested}, waiting {}", crate::model::duration::long(now.minutes_since(requested)))
}
