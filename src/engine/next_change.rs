//! When the clock alone can next change what the engine says about a case.
//!
//! An assessment depends on the moment it is made at only through comparisons of that moment
//! with the case's own times and with midnight: a record counts from its time (and is "just
//! ahead of the clock" for a few minutes before it), a day's due items move at midnight, an exam
//! grows stale some hours after it was made, a result awaited says how long it has waited. So,
//! until the earliest of those moments after `now`, assessing the case again would say the same
//! thing; at that moment it may not. The dashboard reassesses a case at that moment and not
//! before, instead of every case every minute.
//!
//! Every moment here errs early: a case reassessed when nothing changed costs a little time, a
//! case reassessed late shows a flag or a due step late. The test below assesses the generated
//! population minute by minute and checks that nothing changes before the moment given.

use super::{Assessment, EngineSettings, NotExamined};
use crate::model::time::CLOCK_SKEW_MINUTES;
use crate::model::{Case, Stamp};

/// A duration said to the minute below this many minutes ("1d 23h 59m"), to the hour above it
/// ("2d 3h"): see `model::duration::long`.
const SAID_TO_THE_MINUTE_BELOW: i64 = 2 * 24 * 60;

/// The first moment after `a.now` at which assessing `case` may give a different answer than
/// `a` (apart from the moment itself): never later than the next midnight.
pub fn next_change(case: &Case, settings: &EngineSettings, a: &Assessment) -> Stamp {
    let next = next_reassessment(case, settings, a);
    next_waiting_text(a).map_or(next, |w| w.min(next))
}

/// [`next_change`] apart from how long a result has waited: the first moment after `a.now` at
/// which assessing `case` may give an answer that [`advance_waiting`] does not give from `a`.
/// Until then the case need not be assessed again; its waiting times are moved on by
/// [`advance_waiting`] from [`next_waiting_text`].
pub fn next_reassessment(case: &Case, settings: &EngineSettings, a: &Assessment) -> Stamp {
    let now = a.now;
    let mut next = now.on(now.date().add_days(1), 0, 0);
    let mut consider = |at: Stamp| {
        if at > now && at < next {
            next = at;
        }
    };
    // Every time a record holds: it counts from its moment, a minute before it a decision
    // already bounds the ceiling of care, and a few minutes before it it is "just ahead".
    let mut ahead = false;
    let a_minute_ago = now.add_minutes(-1);
    let days =
        [case.admitted, case.discharged].into_iter().flatten().map(Stamp::date_only).map(|at| (at, String::new()));
    for section in case.sections() {
        for entry in section.entries {
            // A booked plan may lie ahead of the clock; a record that cannot (`not_ahead`) and
            // does is a mistake the file is listed for.
            let not_ahead = entry.not_ahead_moments();
            ahead |= not_ahead.iter().any(|at| *at > now);
            for at in entry.moments().into_iter().chain(not_ahead) {
                // A moment a minute or more behind the clock has nothing ahead of it to consider
                // (the latest is a minute after it): skipped without working out its minutes.
                if at <= a_minute_ago {
                    continue;
                }
                for minutes in [-CLOCK_SKEW_MINUTES - 1, -CLOCK_SKEW_MINUTES, -1, 0, 1] {
                    consider(at.add_minutes(minutes));
                }
            }
        }
    }
    for (at, _) in days {
        ahead |= at > now;
        consider(at);
    }
    // A step raised "at the admission, or now if that is still to come" moves with the clock
    // while the admission, or a record that cannot be ahead, is ahead of it (a mistyped year,
    // most often): every minute.
    if ahead {
        consider(now.add_minutes(1));
    }
    for f in &a.flags {
        consider(f.deadline);
        consider(f.deadline.add_minutes(1));
    }
    // An exam grows stale after the setting's hours; once stale, its age is said in hours.
    let case = &*case.in_force();
    let last_neuro =
        case.exams.iter().filter(|e| e.at <= now && crate::model::exam_fields::has_neurology(e)).map(|e| e.at).max();
    if let Some(last) = last_neuro {
        let limit = i64::from(settings.not_examined_hours) * 60;
        consider(last.add_minutes(limit + 1));
        if matches!(a.not_examined, Some(NotExamined::Stale { .. })) {
            consider(last.add_minutes((now.minutes_since(last) / 60 + 1) * 60));
        }
    }
    next
}

/// The first moment after `a.now` at which a result awaited in `a` is said to have waited
/// longer: to the minute for two days, then by the hour. None when no result is awaited.
pub fn next_waiting_text(a: &Assessment) -> Option<Stamp> {
    let now = a.now;
    a.schedule
        .iter()
        .filter_map(|i| i.waiting_since)
        .map(|requested| {
            let waited = now.minutes_since(requested);
            if waited < SAID_TO_THE_MINUTE_BELOW {
                now.add_minutes(1)
            } else {
                requested.add_minutes((waited / 60 + 1) * 60)
            }
        })
        .min()
}

/// `a` as assessing its case at `now` gives it, when `now` is before the case's
/// [`next_reassessment`]: only its moment and how long each result has waited change, so the
/// dashboard moves a countdown on with the clock without assessing the case again.
pub fn advance_waiting(a: &mut Assessment, now: Stamp) {
    a.now = now;
    for item in &mut a.schedule {
        if let Some(requested) = item.waiting_since {
            item.detail = super::schedule::pending_detail(requested, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidelines::Guidelines;

    fn settings() -> EngineSettings {
        EngineSettings { not_examined_hours: 24, due_soon_days: 3 }
    }

    /// The assessment as text, its moment left out: what must not change before `next_change`.
    fn said(a: &Assessment) -> String {
        let mut a = a.clone();
        a.now = Stamp::date_only(crate::model::Date::parse("2000-01-01").expect("date"));
        format!("{a:?}")
    }

    /// For every generated case, from several moments: assessing it at every few minutes up to
    /// the moment given, and at the minute before it, says what it said at the start.
    /// The guidelines, the settings, a moment and 120 generated cases (those that parse) around it.
    fn generated() -> (Guidelines, EngineSettings, Stamp, Vec<Case>) {
        let start = Stamp::parse("2026-11-23 09:00").expect("stamp");
        let population = crate::demo::population(120, 7, start);
        let cases =
            population.iter().filter_map(|(_, text)| crate::yaml::from_bytes::<Case>(text.as_bytes()).ok()).collect();
        (Guidelines::built_in().expect("guidelines"), settings(), start, cases)
    }

    /// The next moment to check between `t0` and `next`: every minute of the first hour and the
    /// last, every 13 minutes between.
    fn step(t: Stamp, t0: Stamp, next: Stamp) -> Stamp {
        if t.minutes_since(t0) < 60 || next.minutes_since(t) <= 60 {
            t.add_minutes(1)
        } else {
            t.add_minutes(13).min(next.add_minutes(-60))
        }
    }

    #[test]
    fn nothing_changes_before_the_moment_given() {
        let (g, s, start, cases) = generated();
        assert!(cases.len() > 100, "the population parses");
        let mut checked = 0;
        for (k, case) in cases.iter().enumerate() {
            // Moments before, at and after the ward's records, on different minutes of the hour.
            for offset in [-3 * 1440 - 17, -301, 7, 133 + k as i64, 3 * 1440 + 11] {
                let t0 = start.add_minutes(offset);
                let a0 = super::super::assess(case, &g, &s, t0);
                let next = next_change(case, &s, &a0);
                assert!(next > t0, "{}: {next} is after {t0}", case.id);
                let before = said(&a0);
                let mut t = t0.add_minutes(1);
                while t < next {
                    let at = super::super::assess(case, &g, &s, t);
                    assert_eq!(said(&at), before, "{}: assessed at {t0}, changed at {t}, before {next}", case.id);
                    checked += 1;
                    t = step(t, t0, next);
                }
            }
        }
        assert!(checked > 10_000, "{checked} moments checked");
    }

    /// Up to the moment the case must be assessed again, what assessing it says is exactly the
    /// assessment made before with its moment and waiting times moved on: a result awaited is
    /// counted on by the clock, and the case is not assessed again every minute for it.
    #[test]
    fn before_the_reassessment_moving_the_waiting_times_on_is_assessing_again() {
        let (g, s, start, cases) = generated();
        let (mut checked, mut spared) = (0, 0);
        for (k, case) in cases.iter().enumerate() {
            for offset in [-3 * 1440 - 17, -301, 7, 133 + k as i64, 2 * 1440 - 3, 3 * 1440 + 11] {
                let t0 = start.add_minutes(offset);
                let a0 = super::super::assess(case, &g, &s, t0);
                let next = next_reassessment(case, &s, &a0);
                assert!(next > t0, "{}: {next} is after {t0}", case.id);
                let waiting = next_waiting_text(&a0);
                if waiting.is_some_and(|w| w.minutes_since(t0) == 1) && next.minutes_since(t0) > 60 {
                    spared += 1;
                }
                let mut t = t0.add_minutes(1);
                while t < next {
                    let mut moved = a0.clone();
                    advance_waiting(&mut moved, t);
                    let fresh = super::super::assess(case, &g, &s, t);
                    assert_eq!(
                        format!("{moved:?}"),
                        format!("{fresh:?}"),
                        "{}: from {t0} to {t}, before {next}",
                        case.id
                    );
                    checked += 1;
                    t = step(t, t0, next);
                }
            }
        }
        assert!(checked > 10_000, "{checked} moments checked");
        assert!(
            spared > 5,
            "cases awaiting a result, said to the minute, not assessed again within the hour: {spared}"
        );
    }
}
