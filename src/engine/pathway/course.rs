//! Definitive treatment as recorded: when each radiotherapy course or operation starts, whether
//! it has been given by now, the days a course spans, and the spinal levels each is known to
//! cover.
//!
//! Booked is not given: a start recorded by its day alone counts only once that whole day has
//! passed, a start time still to come is a plan. A course with no last day lasts as many working
//! days as its fractions (one fraction: its first day), and with neither, its first day only: it
//! never runs on for ever. A level that is not recorded covers nothing.

use crate::model::*;

use super::super::flag::Treatment;

/// One radiotherapy course or operation.
#[derive(Debug, Clone)]
pub(crate) struct Course {
    pub treatment: Treatment,
    /// When it starts: the first fraction's or the operation's time, or its day alone.
    pub start: Stamp,
    /// Its last day: a course's recorded end, else the day of its last fraction; an operation's
    /// own day.
    pub last_day: Date,
    /// The levels it is known to treat: a course's site read as levels, an operation's levels.
    /// None when they are not recorded (or the site is words that are not levels).
    pub levels: Option<Vec<LevelSpan>>,
    /// "radiotherapy T4-T6", "surgery (decompression T9-T11)", for notes.
    pub words: String,
}

impl Course {
    /// Whether it has been given by `now` (begun, for a course).
    pub fn given_by(&self, now: Stamp) -> bool {
        self.start.has_come(now)
    }

    /// Whether it was running on `day`: begun by then and not yet at its last day.
    pub fn under_way_on(&self, day: Date) -> bool {
        self.start.date() <= day && day <= self.last_day
    }

    /// Whether it covers any of `levels`: None when either side has no levels recorded.
    pub fn covers(&self, levels: &[LevelSpan]) -> Option<bool> {
        let own = self.levels.as_ref()?;
        if levels.is_empty() {
            return None;
        }
        Some(own.iter().any(|a| levels.iter().any(|b| a.overlaps(*b))))
    }

    /// The levels it is known to treat, in words ("T4-T6"), or "level not recorded".
    pub fn level_words(&self) -> String {
        self.levels.as_deref().and_then(spans).unwrap_or_else(|| "level not recorded".into())
    }
}

/// The last day of a radiotherapy course: its recorded end, or as many working days as its
/// fractions from its first day, or its first day when neither is known.
pub(crate) fn last_day(rt: &Radiotherapy) -> Date {
    match (rt.end, rt.fractions) {
        (Some(end), _) => end,
        (None, Some(f)) => rt.start.add_working_days(f.get().saturating_sub(1)),
        (None, None) => rt.start,
    }
}

/// Every course and operation of a case, in the order recorded.
pub(crate) fn courses(case: &Case) -> Vec<Course> {
    let rt = case.radiotherapy.iter().map(|r| {
        let levels = r.site.as_ref().and_then(|s| LevelSpan::parse_site(s.raw()));
        let site = r.site.as_ref().map(|s| format!(" {}", s.safe())).unwrap_or_default();
        Course {
            treatment: Treatment::Radiotherapy,
            start: r.started(),
            last_day: last_day(r),
            levels,
            words: format!("radiotherapy{site}"),
        }
    });
    let surgery = case.surgery.iter().map(|s| {
        let procedure = s.procedure.as_ref().map(|p| format!(" ({})", p.safe())).unwrap_or_default();
        Course {
            treatment: Treatment::Surgery,
            start: s.started(),
            last_day: s.date,
            levels: (!s.levels.is_empty()).then(|| s.levels.clone()),
            words: format!("surgery{procedure}"),
        }
    });
    rt.chain(surgery).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bounded::Fractions;

    fn course(start: &str, end: Option<&str>, fractions: Option<u32>) -> Radiotherapy {
        Radiotherapy {
            site: Some(Text::from("T4-T6")),
            dose_gy: None,
            fractions: fractions.and_then(Fractions::new),
            start: Date::parse(start).expect("date"),
            start_time: None,
            end: end.map(|e| Date::parse(e).expect("date")),
            by: None,
            role: None,
            struck: None,
        }
    }

    #[test]
    fn a_course_without_an_end_lasts_its_fractions_in_working_days_and_never_longer() {
        let d = |s: &str| Date::parse(s).expect("date");
        assert_eq!(last_day(&course("2026-10-20", None, Some(1))), d("2026-10-20"), "one fraction: its day");
        // 2026-11-16 is a Monday: five fractions end on the Friday, ten on the next Friday.
        assert_eq!(last_day(&course("2026-11-16", None, Some(5))), d("2026-11-20"));
        assert_eq!(last_day(&course("2026-11-16", None, Some(10))), d("2026-11-27"));
        assert_eq!(last_day(&course("2026-11-16", None, None)), d("2026-11-16"), "unknown: the first day only");
        assert_eq!(last_day(&course("2026-11-16", Some("2026-11-18"), Some(5))), d("2026-11-18"), "the end recorded");
    }

    #[test]
    fn a_site_in_words_covers_no_level() {
        let mut case = Case::new("RX1".parse().expect("id"), Text::from("T"));
        let mut rt = course("2026-11-16", None, Some(5));
        rt.site = Some(Text::from("thoracic spine"));
        case.radiotherapy.push(rt);
        let c = &courses(&case)[0];
        assert!(c.levels.is_none());
        assert_eq!(c.covers(&["T5".parse().expect("level")]), None);
    }
}
