//! The audit's pictures as numbers: how the delays spread, binned for a histogram with the
//! standard on a bin edge. Pure, so the SVG writer and the dashboard draw the same figures; the
//! shares per month are already in [`super::Summary`].
//!
//! Bins are closed on the right, so a delay of exactly the standard (which met it) falls left of
//! the line that marks the standard, never right of it.

use super::{Audit, Measure};

/// The delays of one measure's answered episodes, in bins of `bin_hours`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub measure: Measure,
    pub standard_hours: u32,
    pub bin_hours: u32,
    /// `counts[i]` holds delays over `i * bin_hours` up to `(i + 1) * bin_hours` (the first bin
    /// also holds zero and below: treatment on the day of the MRI is measured from the start of
    /// that day, so it can come out negative).
    pub counts: Vec<usize>,
    /// Delays over the last bin's end.
    pub over: usize,
}

impl Histogram {
    /// Where the bins end, in hours: twice the standard.
    pub fn end_hours(&self) -> u32 {
        self.bin_hours * self.counts.len() as u32
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum::<usize>() + self.over
    }

    /// The delays of `minutes`, binned for a standard of `standard_hours`: quarters of it for a
    /// standard under two days, whole days for a longer one (a week reads as seven bars a day),
    /// out to twice the standard.
    pub fn of(measure: Measure, standard_hours: u32, minutes: impl IntoIterator<Item = i64>) -> Histogram {
        let standard = standard_hours.max(1);
        let bin_hours = if standard >= 48 { 24 } else { (standard / 4).max(1) };
        let bins = (2 * standard).div_ceil(bin_hours) as usize;
        let mut counts = vec![0; bins];
        let mut over = 0;
        let bin_minutes = i64::from(bin_hours) * 60;
        for m in minutes {
            // Right-closed: (0, 6h] is bin 0, so exactly 6h stays in it.
            let index = if m <= 0 { 0 } else { ((m + bin_minutes - 1) / bin_minutes - 1) as usize };
            match counts.get_mut(index) {
                Some(c) => *c += 1,
                None => over += 1,
            }
        }
        Histogram { measure, standard_hours: standard, bin_hours, counts, over }
    }
}

/// One histogram per measure, in the order of the summary: the answered episodes only (open and
/// closed ones have no delay yet; the summary lists them).
pub fn histograms(audit: &Audit) -> Vec<Histogram> {
    audit
        .summary
        .measures
        .iter()
        .map(|m| {
            let delays = audit.episodes.iter().filter(|e| e.measure == m.measure).filter_map(|e| e.delay_minutes());
            Histogram::of(m.measure, m.standard_hours, delays)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_standard_has_six_hour_bins_and_the_standard_stays_left_of_its_line() {
        let h =
            Histogram::of(Measure::MriNeurological, 24, [0, 1, 360, 361, 24 * 60, 24 * 60 + 1, 48 * 60, 48 * 60 + 1]);
        assert_eq!(h.bin_hours, 6);
        assert_eq!(h.end_hours(), 48);
        assert_eq!(h.counts, vec![3, 1, 0, 1, 1, 0, 0, 1]);
        assert_eq!(h.over, 1);
        assert_eq!(h.total(), 8);
    }

    #[test]
    fn a_week_standard_has_day_bins_and_same_day_treatment_is_the_first() {
        let h = Histogram::of(Measure::MriPain, 168, [-600, 7 * 24 * 60]);
        assert_eq!((h.bin_hours, h.counts.len()), (24, 14));
        assert_eq!((h.counts[0], h.counts[6], h.over), (1, 1, 0));
    }
}
