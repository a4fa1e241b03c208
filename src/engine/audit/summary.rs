//! The audit's figures: per measure and per month, how many episodes, the median and
//! interquartile range of the delay, how many within the standard, which missed it and by how
//! much, and walking kept or lost.
//!
//! The share within the standard counts every episode whose answer is known: met, missed, open
//! past its deadline, and closed after it (already missed, however it ends). An open episode with
//! time left, one closed by a clinician in time, and one answered on the deadline's own day but
//! known only by its date are counted apart, so nothing is dropped and nothing flatters the
//! figure.

use crate::guidelines::Guidelines;

use super::{Episode, Measure, Outcome, WalkingOutcome, Window, month_of};

/// How walking at presentation compared with walking up to the outcome window's end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkingCounts {
    pub kept: usize,
    pub lost: usize,
    pub regained: usize,
    pub not_walking: usize,
    pub pending: usize,
    pub unknown: usize,
}

impl WalkingCounts {
    fn add(&mut self, w: WalkingOutcome) {
        match w {
            WalkingOutcome::Kept => self.kept += 1,
            WalkingOutcome::Lost => self.lost += 1,
            WalkingOutcome::Regained => self.regained += 1,
            WalkingOutcome::NotWalking => self.not_walking += 1,
            WalkingOutcome::Pending => self.pending += 1,
            WalkingOutcome::Unknown => self.unknown += 1,
        }
    }

    /// Walking at presentation, with the outcome known.
    pub fn walking_in(&self) -> usize {
        self.kept + self.lost
    }
}

/// An episode that missed the standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub case_id: String,
    pub rule: String,
    pub raised_at: crate::model::Stamp,
    pub by_minutes: i64,
    /// Still open: missed by at least this much, and counting.
    pub open: bool,
    /// Closed by a clinician after the deadline had passed.
    pub closed: bool,
}

/// The figures for one set of episodes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub episodes: usize,
    /// Met, missed, or open past the deadline: the denominator of `percent_within`.
    pub judged: usize,
    pub within: usize,
    /// The delays of the answered episodes, in minutes: median and quartiles.
    pub median_minutes: Option<f64>,
    pub q1_minutes: Option<f64>,
    pub q3_minutes: Option<f64>,
    /// Open with time left.
    pub open_in_time: usize,
    /// Open past the deadline (also counted in `judged` and `missed`).
    pub open_overdue: usize,
    pub closed: usize,
    /// Closed after the deadline: also in `closed`, `judged` and `missed`.
    pub closed_late: usize,
    /// Answered on the deadline's own day, known by date only: counted apart.
    pub date_only: usize,
    pub missed: Vec<Missed>,
    pub walking: WalkingCounts,
}

impl Stats {
    fn of<'e>(episodes: impl Iterator<Item = &'e Episode>) -> Stats {
        let mut s = Stats::default();
        let mut delays = Vec::new();
        for e in episodes {
            s.episodes += 1;
            s.walking.add(e.walking);
            if let Some(d) = e.delay_minutes() {
                delays.push(d);
            }
            match e.outcome.within_standard() {
                Some(true) => {
                    s.judged += 1;
                    s.within += 1;
                }
                Some(false) => s.judged += 1,
                None => {}
            }
            match &e.outcome {
                Outcome::Open { overdue_minutes: Some(_), .. } => s.open_overdue += 1,
                Outcome::Open { overdue_minutes: None, .. } => s.open_in_time += 1,
                Outcome::Closed { late_minutes, .. } => {
                    s.closed += 1;
                    s.closed_late += usize::from(late_minutes.is_some());
                }
                Outcome::DateOnly => s.date_only += 1,
                _ => {}
            }
            if let Some(by_minutes) = e.outcome.missed_by_minutes() {
                s.missed.push(Missed {
                    case_id: e.case_id.clone(),
                    rule: e.rule.clone(),
                    raised_at: e.raised_at,
                    by_minutes,
                    open: matches!(e.outcome, Outcome::Open { .. }),
                    closed: matches!(e.outcome, Outcome::Closed { .. }),
                });
            }
        }
        delays.sort_unstable();
        s.median_minutes = quantile(&delays, 0.5);
        s.q1_minutes = quantile(&delays, 0.25);
        s.q3_minutes = quantile(&delays, 0.75);
        s
    }

    /// The share within the standard, 0 to 100, when any episode is judged.
    pub fn percent_within(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.within as f64 * 100.0 / self.judged as f64)
    }
}

/// The `q` quantile of sorted values, interpolating between neighbours (the method most
/// statistics packages use by default, so a coordinator's spreadsheet gives the same figure).
fn quantile(sorted: &[i64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q * last as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let (a, b) = (sorted[lo] as f64, sorted[hi.min(last)] as f64);
    Some(a + (b - a) * (pos - lo as f64))
}

/// One month's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthStats {
    /// "2026-11".
    pub month: String,
    pub stats: Stats,
}

/// One measure: its standard, each month of the window (empty months too), and the whole window.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureSummary {
    pub measure: Measure,
    pub standard_hours: u32,
    pub months: Vec<MonthStats>,
    pub total: Stats,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub measures: Vec<MeasureSummary>,
    /// The outcome window for walking, in days.
    pub outcome_days: u32,
}

/// The figures of `episodes` over `window`.
pub fn summarise(episodes: &[Episode], g: &Guidelines, window: Window) -> Summary {
    let measures = Measure::ALL
        .into_iter()
        .map(|measure| {
            let of_measure: Vec<&Episode> = episodes.iter().filter(|e| e.measure == measure).collect();
            let months = window
                .months()
                .into_iter()
                .map(|month| {
                    let stats = Stats::of(of_measure.iter().copied().filter(|e| month_of(e.raised_at) == month));
                    MonthStats { month, stats }
                })
                .collect();
            MeasureSummary {
                measure,
                standard_hours: measure.standard_hours(g),
                months,
                total: Stats::of(of_measure.iter().copied()),
            }
        })
        .collect();
    Summary { measures, outcome_days: g.pathway.audit.outcome_days }
}

#[cfg(test)]
mod tests {
    use super::quantile;

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7], 0.25), Some(7.0));
        assert_eq!(quantile(&[1, 2, 3, 4], 0.5), Some(2.5));
        assert_eq!(quantile(&[1, 2, 3, 4, 5], 0.25), Some(2.0));
        assert_eq!(quantile(&[0, 10], 0.75), Some(7.5));
    }
}
