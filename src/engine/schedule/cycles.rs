//! Systemic therapy cycles: the next cycle on or after today of each regimen still running.

use crate::guidelines::Guidelines;
use crate::model::*;

use super::{DueStatus, ItemKind, ScheduleItem};

/// (cycle number, due date) of the next cycle on or after `today`.
pub fn next_cycle(start: Date, cycle_weeks: u32, today: Date) -> (u32, Date) {
    let cycle_days = i64::from(cycle_weeks.max(1)) * 7;
    let elapsed = today.days_since(start);
    let k = if elapsed <= 0 { 0 } else { (elapsed + cycle_days - 1) / cycle_days };
    (u32::try_from(k + 1).unwrap_or(u32::MAX), start.add_days(k * cycle_days))
}

pub(super) fn items(case: &Case, g: &Guidelines, today: Date, soon: u32, out: &mut Vec<ScheduleItem>) {
    let rule = &g.follow_up.treatment_cycle;
    for s in &case.systemic {
        let Some(weeks) = s.cycle_weeks else { continue };
        let (number, due) = next_cycle(s.start, weeks.get(), today);
        if s.stopped.is_some_and(|stopped| stopped <= due) {
            continue;
        }
        out.push(ScheduleItem::new(
            ItemKind::TreatmentCycle,
            format!("Cycle {number}: {}", s.regimen.safe()),
            due,
            DueStatus::for_date(due, today, soon),
            format!("started {}, every {} weeks", s.start, weeks.get()),
            (&rule.id, &rule.statement, &rule.source),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn the_next_cycle_is_on_or_after_today() {
        let start = d("2026-06-01");
        assert_eq!(next_cycle(start, 3, d("2026-06-01")), (1, d("2026-06-01")));
        assert_eq!(next_cycle(start, 3, d("2026-06-02")), (2, d("2026-06-22")));
        assert_eq!(next_cycle(start, 3, d("2026-06-22")), (2, d("2026-06-22")));
        assert_eq!(next_cycle(start, 3, d("2026-06-23")), (3, d("2026-07-13")));
        assert_eq!(next_cycle(start, 3, d("2026-05-01")), (1, d("2026-06-01")), "not started yet");
    }
}
