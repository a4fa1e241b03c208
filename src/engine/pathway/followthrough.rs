//! What follows treatment and imaging: radiotherapy after surgery, rehabilitation, the oncology
//! MDT after progression, a deficit the MRI does not explain, and starting a bone agent.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::super::finding;
use super::super::flag::{Flag, FlagStatus};
use super::super::timeline::Timeline;
use super::{
    Answer, ItemLevel, PathwayItem, Raise, confirms_mscc, cord_verdict, deficits, describe_mri, has_neurology,
};

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    postop_radiotherapy(case, g, timeline, out);
    rehabilitation(case, g, timeline, out);
    progression_review(case, g, timeline, out);
    deficit_unexplained(g, timeline, flags, out);
    bone_agent_start(case, g, timeline, out);
}

/// The latest operation given by `now` (an operation booked today by its date alone is not yet).
fn latest_surgery(case: &Case, now: Stamp) -> Option<&Surgery> {
    case.surgery.iter().filter(|s| s.started().has_come(now)).max_by_key(|s| s.date)
}

/// Whether a referral to `to` was made at or after `since` (and by now).
fn referred(case: &Case, to: ReferralTo, since: Stamp, now: Stamp) -> bool {
    case.referrals.iter().any(|r| r.to == to && r.at >= since && r.at <= now)
}

fn postop_radiotherapy(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, out: &mut Vec<PathwayItem>) {
    let Some(op) = latest_surgery(case, timeline.now) else { return };
    let r = &g.pathway.postop_radiotherapy;
    let due = op.date.add_weeks(i64::from(r.after_weeks));
    let after: Vec<&Radiotherapy> = case.radiotherapy.iter().filter(|c| c.start > op.date).collect();
    // A course given after the operation answers it; one booked answers it only if it starts by
    // the standard, else the step stays, saying how late the booking is.
    if after.iter().any(|c| c.started().has_come(timeline.now) || c.start <= due) {
        return;
    }
    let procedure = op.procedure.as_ref().map(|p| format!(" ({})", p.safe())).unwrap_or_default();
    let booked = match after.iter().map(|c| c.start).min() {
        Some(start) => format!(
            "radiotherapy booked from {start}, {} days after the {}-week standard ({due})",
            start.days_since(due),
            r.after_weeks
        ),
        None => format!("no radiotherapy course after it (due {} weeks after the operation)", r.after_weeks),
    };
    Raise {
        rule: r,
        level: ItemLevel::Due,
        raised_at: Stamp::date_only(op.date),
        due,
        detail: format!("spinal surgery {}{procedure}; {booked}", op.date),
        answer: Answer::Radiotherapy,
    }
    .push_to(out, timeline);
}

/// The first exam of the latest run of exams showing a deficit, and its deficits. A run that has
/// since ended in a normal exam still counts: "any neurological deficit" asks for rehabilitation
/// whether or not it has recovered, and the clinician can close the step with a reason.
fn latest_deficit(g: &Guidelines, timeline: &Timeline<'_>) -> Option<(Stamp, Vec<finding::Finding>)> {
    let mut latest: Option<(Stamp, Vec<finding::Finding>)> = None;
    let mut in_run = false;
    for e in timeline.exams.iter().filter(|e| has_neurology(e)) {
        let found = deficits(g, e);
        if found.is_empty() {
            in_run = false;
        } else if !in_run {
            in_run = true;
            latest = Some((e.at, found));
        }
    }
    latest
}

/// The latest completed study, by now, that confirmed MSCC.
fn latest_confirmation<'a>(g: &Guidelines, timeline: &Timeline<'a>) -> Option<&'a Imaging> {
    timeline.done_imaging.iter().rev().copied().find(|i| i.done.is_some() && confirms_mscc(g, i))
}

/// Falls due once the diagnosis is made (a study confirming MSCC) or the spine is operated on,
/// not at suspicion: on the day a deficit is first seen the patient needs the MRI, and a
/// rehabilitation step already overdue that morning only adds noise.
fn rehabilitation(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, out: &mut Vec<PathwayItem>) {
    let surgery =
        latest_surgery(case, timeline.now).map(|s| (Stamp::date_only(s.date), format!("spinal surgery {}", s.date)));
    let confirmed = latest_confirmation(g, timeline)
        .and_then(|i| i.done.map(|done| (done, format!("MSCC confirmed ({})", describe_mri(i)))));
    let Some((since, mut why)) = [surgery, confirmed].into_iter().flatten().max_by_key(|(at, _)| *at) else {
        return;
    };
    if let Some((at, f)) = latest_deficit(g, timeline) {
        why.push_str(&format!("; neurological deficit since {at} ({})", finding::join(&f)));
    }
    if referred(case, ReferralTo::Rehabilitation, since, timeline.now) {
        return;
    }
    let r = &g.pathway.rehabilitation;
    Raise {
        rule: r,
        level: ItemLevel::Due,
        raised_at: since,
        due: since.date(),
        detail: format!("{why}; no rehabilitation referral since"),
        answer: Answer::Referral { to: ReferralTo::Rehabilitation },
    }
    .push_to(out, timeline);
}

fn progression_review(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, out: &mut Vec<PathwayItem>) {
    let r = &g.pathway.progression_review;
    let latest = timeline
        .done_imaging
        .iter()
        .rev()
        .find(|i| g.follow_up.spine_imaging.counts.contains(&i.kind) && i.result.is_some());
    let Some(img) = latest else { return };
    let (Some(done), Some(result)) = (img.done, img.result) else { return };
    if !r.results.contains(&result) || referred(case, ReferralTo::OncologyMdt, done, timeline.now) {
        return;
    }
    Raise {
        rule: r,
        level: ItemLevel::Due,
        raised_at: done,
        due: done.date(),
        detail: format!("{}; no oncology MDT referral since", describe_mri(img)),
        answer: Answer::Referral { to: ReferralTo::OncologyMdt },
    }
    .push_to(out, timeline);
}

/// Raised only for the MRI that answered a suspected-MSCC flag, and only while no emergency flag
/// is open: a new episode waits for its own MRI, which its flag already demands.
fn deficit_unexplained(g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    if flags.iter().any(|f| f.is_open() && f.level == crate::guidelines::Level::Emergency) {
        return;
    }
    let whole_spine = &g.red_flags.actioned_by;
    let latest = timeline
        .done_imaging
        .iter()
        .rev()
        .find(|i| whole_spine.contains(&i.kind) && (i.result.is_some() || i.escc.is_some()));
    let Some(mri) = latest else { return };
    let Some(done) = mri.done else { return };
    if confirms_mscc(g, mri) || !flags.iter().any(|f| matches!(f.status, FlagStatus::Actioned { at, .. } if at == done))
    {
        return;
    }
    // A later MRI of part of the spine that confirms MSCC is handled by the treatment flag.
    if timeline
        .done_imaging
        .iter()
        .any(|i| i.done > Some(done) && g.pathway.treatment.confirms(i.kind, i.result, i.escc))
    {
        return;
    }
    let later = timeline.exams.iter().filter(|e| e.at > done).find_map(|e| {
        let d = deficits(g, e);
        (!d.is_empty()).then_some((e.at, d))
    });
    let Some((at, found)) = later else { return };
    let r = &g.pathway.deficit_unexplained;
    Raise {
        rule: r,
        level: ItemLevel::Urgent,
        raised_at: at,
        due: at.date(),
        detail: format!(
            "{} {}; exam {at} still shows {}",
            describe_mri(mri),
            cord_verdict(g, mri),
            finding::join(&found)
        ),
        answer: Answer::Decision,
    }
    .push_to(out, timeline);
}

fn bone_agent_start(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, out: &mut Vec<PathwayItem>) {
    if case.bone_agent.is_some() {
        return;
    }
    let levels = case.spine.as_ref().map(|s| s.levels.as_slice()).unwrap_or(&[]);
    let graded =
        timeline.done_imaging.iter().find(|i| g.pathway.treatment.imaging.contains(&i.kind) && i.escc.is_some());
    let why = match (levels.is_empty(), graded) {
        (false, _) => {
            let names: Vec<String> = levels.iter().map(|l| l.to_string()).collect();
            format!("spinal metastases at {}", names.join(", "))
        }
        (true, Some(i)) => format!("spinal disease graded on {}", describe_mri(i)),
        (true, None) => return,
    };
    let raised_at = graded
        .and_then(|i| i.done)
        .or_else(|| case.admitted.map(Stamp::date_only))
        .unwrap_or_else(|| Stamp::date_only(timeline.now.date()))
        .min(timeline.now);
    let r = &g.pathway.bone_agent_start;
    Raise {
        rule: r,
        level: ItemLevel::Due,
        raised_at,
        due: raised_at.date(),
        detail: format!("{why}; no bone-modifying agent recorded (a dental review comes first)"),
        answer: Answer::BoneAgent,
    }
    .push_to(out, timeline);
}
