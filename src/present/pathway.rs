//! The MSCC pathway of one patient as plain lines: each step with where it stands, and the
//! corticosteroid courses running now with their day count and dose.

use crate::engine::checklist::pathway_category;
use crate::engine::pathway::{steroid_chain, taper_words};
use crate::engine::{Assessment, Category, PathwayItem};
use crate::model::event::running_at;
use crate::model::{Case, Text};

/// One pathway step: a head line ("!  URGENT Spinal surgical opinion [surgical-opinion]"), what
/// raised it, and where it stands (due, acknowledged, closed by whom and why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLines {
    /// The section it is in on the round today, or None when closed or not due yet.
    pub category: Option<Category>,
    pub head: String,
    pub detail: String,
    pub state: Vec<String>,
}

fn by(b: &Option<Text>) -> String {
    b.as_ref().map(Text::safe).unwrap_or_else(|| "?".into())
}

/// Every step, open ones first in round order, then the closed ones.
pub fn pathway_steps(a: &Assessment) -> Vec<StepLines> {
    let today = a.now.date();
    let mut items: Vec<&PathwayItem> = a.pathway.iter().collect();
    items.sort_by_key(|i| (!i.is_open(), pathway_category(i, today, a.due_soon_days), i.due));
    items
        .into_iter()
        .map(|i| {
            let category = if i.is_open() { pathway_category(i, today, a.due_soon_days) } else { None };
            let status = match (&i.closed, category) {
                (Some(_), _) => "closed".to_string(),
                (None, Some(c)) => format!("{} {}", c.marker().trim(), c.label()),
                (None, None) => "later".to_string(),
            };
            let head = format!("{} {} [{}]", status.trim(), i.title, i.rule);
            let mut state = Vec::new();
            match &i.closed {
                Some(c) => state.push(format!(
                    "closed {} by {}: {}",
                    c.at,
                    c.by.clone().unwrap_or_else(|| "?".into()),
                    c.reason
                )),
                None => state.push(format!("raised {}, due {} {}", i.raised_at, i.due.weekday_short(), i.due)),
            }
            for ack in &i.acknowledgements {
                if ack.closed.is_none() {
                    let plan = ack.plan.as_ref().map(Text::safe).unwrap_or_default();
                    state.push(format!("acknowledged {} by {}: {plan}", ack.at, by(&ack.by)));
                }
            }
            StepLines { category, head, detail: i.detail.clone(), state }
        })
        .collect()
}

/// "dexamethasone 16 mg/day, day 3 (from 2026-11-21 09:00)" for every course running now; day 1
/// is the day it started. A course reached by dose changes adds its taper as one line of doses
/// and dates: "taper: dexamethasone 16 mg (2026-11-09 09:00) -> 8 mg (2026-11-13 09:00)".
pub fn steroid_lines(case: &Case, a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    for s in case.steroids.iter().filter(|s| running_at(s, a.now)) {
        let dose = s.mg_per_day.map(|m| format!(" {m} mg/day")).unwrap_or_else(|| " (dose not recorded)".into());
        let day = a.now.date().days_since(s.start.date()) + 1;
        out.push(format!("{}{dose}, day {day} (from {})", s.drug.safe(), s.start));
        let links = steroid_chain(case, s);
        if links.len() > 1 {
            out.push(format!("taper: {}", taper_words(&links)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{EngineSettings, assess};
    use crate::guidelines::Guidelines;
    use crate::model::Stamp;

    #[test]
    fn a_running_course_counts_its_days_from_one() {
        let text = "id: \"T1\"\nname: T\nsteroids:\n  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:00 }\n  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-01 09:00, stopped: 2026-11-05 09:00 }\n";
        let case: Case = crate::yaml::from_str(text).expect("case");
        let g = Guidelines::built_in().expect("rules");
        let settings = EngineSettings { not_examined_hours: 24, due_soon_days: 7 };
        let at = |s: &str| assess(&case, &g, &settings, Stamp::parse(s).expect("stamp"));
        assert_eq!(
            steroid_lines(&case, &at("2026-11-21 10:00")),
            vec!["dexamethasone 16 mg/day, day 1 (from 2026-11-21 09:00)"]
        );
        assert_eq!(
            steroid_lines(&case, &at("2026-11-23 08:00")),
            vec!["dexamethasone 16 mg/day, day 3 (from 2026-11-21 09:00)"]
        );
        assert!(steroid_lines(&case, &at("2026-11-21 08:00")).is_empty(), "not started yet; the old course stopped");
    }

    #[test]
    fn a_taper_is_one_line_of_doses_and_dates() {
        let text = "id: \"T1\"\nname: T\nsteroids:\n  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-09 09:00, stopped: 2026-11-13 09:00 }\n  - { drug: dexamethasone, mg_per_day: 8, start: 2026-11-13 09:00, stopped: 2026-11-16 09:00 }\n  - { drug: dexamethasone, mg_per_day: 2, start: 2026-11-16 09:00 }\n  - { drug: prednisolone, mg_per_day: 10, start: 2026-10-01 08:00 }\n";
        let case: Case = crate::yaml::from_str(text).expect("case");
        let g = Guidelines::built_in().expect("rules");
        let settings = EngineSettings { not_examined_hours: 24, due_soon_days: 7 };
        let a = assess(&case, &g, &settings, Stamp::parse("2026-11-17 10:00").expect("stamp"));
        assert_eq!(
            steroid_lines(&case, &a),
            vec![
                "dexamethasone 2 mg/day, day 2 (from 2026-11-16 09:00)",
                "taper: dexamethasone 16 mg (2026-11-09 09:00) -> 8 mg (2026-11-13 09:00) -> 2 mg (2026-11-16 09:00)",
                "prednisolone 10 mg/day, day 48 (from 2026-10-01 08:00)",
            ]
        );
    }
}
