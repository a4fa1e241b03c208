//! `cordwatch audit --format svg`: the audit as pictures for the MDT slides, one row per QS56
//! measure: on the left the share of episodes within the standard per month as bars, with the
//! figures printed over each bar (so the slide reads without colour); on the right how the delays
//! spread, as a histogram with the standard marked by a red line.
//!
//! The figures come from `engine::audit` (the summary and [`audit::histograms`]); this module only
//! draws them, with `plotters`' SVG backend, which escapes every text it writes (ward names and
//! case ids are typed by people). Months with nothing judged get no bar, and say so.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::engine::audit::{self, Audit, Histogram, Measure, MeasureSummary};

/// Wide enough for twelve months with their figures; a slide scales it.
const WIDTH: u32 = 1400;
const HEAD: u32 = 110;
const ROW: u32 = 380;
/// The share bars (the only shapes in this colour, so a test can count them).
pub const BAR: RGBColor = RGBColor(31, 119, 180);
/// Histogram bins within the standard.
pub const MET: RGBColor = RGBColor(44, 160, 44);
/// Histogram bins past the standard.
pub const LATE: RGBColor = RGBColor(230, 120, 20);
/// Delays past the histogram's last bin.
pub const OVER: RGBColor = RGBColor(150, 150, 150);
/// The line that marks the standard.
pub const STANDARD: RGBColor = RGBColor(200, 0, 0);
const FONT: &str = "sans-serif";

type Fallible = Result<(), Box<dyn std::error::Error>>;

/// The whole picture as SVG text. `title` and `lines` head it (the same words as the text report).
pub fn render(audit: &Audit, title: &str, lines: &[String]) -> Result<String, Box<dyn std::error::Error>> {
    let rows = audit.summary.measures.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEAD + rows * ROW)).into_drawing_area();
        root.fill(&WHITE)?;
        root.draw(&Text::new(title.to_string(), (20, 16), (FONT, 26).into_font().color(&BLACK)))?;
        for (i, line) in lines.iter().enumerate() {
            root.draw(&Text::new(line.clone(), (20, 52 + 20 * i as i32), (FONT, 15).into_font().color(&BLACK)))?;
        }
        let (_, body) = root.split_vertically(HEAD);
        let panels = body.split_evenly((rows as usize, 1));
        let histograms = audit::histograms(audit);
        for ((panel, m), h) in panels.iter().zip(&audit.summary.measures).zip(&histograms) {
            let (left, right) = panel.split_horizontally(WIDTH * 58 / 100);
            shares(&left, m)?;
            histogram(&root, &right, h)?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// "QS56 statement 3: neurological signs, whole-spine MRI within 24 hours".
fn heading(m: &MeasureSummary) -> String {
    format!("{} within {}", m.measure.title(), hours(m.standard_hours))
}

/// "24 hours", "7 days".
fn hours(h: u32) -> String {
    if h >= 48 && h.is_multiple_of(24) { format!("{} days", h / 24) } else { format!("{h} hours") }
}

/// The share within the standard per month: a bar for each month with an episode judged, "75%"
/// and "3/4" over it; a month with episodes but none judged yet says "none judged".
fn shares<DB: DrawingBackend>(area: &DrawingArea<DB, plotters::coord::Shift>, m: &MeasureSummary) -> Fallible
where
    DB::ErrorType: 'static,
{
    let months = &m.months;
    let n = months.len().max(1) as u32;
    // A segmented range takes its end as one more segment: 0..n-1 is n months wide.
    let last = n.saturating_sub(1).max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(heading(m), (FONT, 17).into_font())
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(55)
        .build_cartesian_2d((0..last).into_segmented(), 0f64..118f64)?;
    let label = |v: &SegmentValue<u32>| match v {
        SegmentValue::CenterOf(i) => months.get(*i as usize).map(|mo| short_month(&mo.month)).unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n as usize)
        .x_label_formatter(&label)
        .y_labels(6)
        .y_label_formatter(&|v| if *v <= 100.0 { format!("{v:.0}%") } else { String::new() })
        .y_desc("within the standard")
        .label_style((FONT, 12))
        .draw()?;
    let figure = |size| TextStyle::from((FONT, size).into_font()).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, mo) in months.iter().enumerate() {
        let i = i as u32;
        let s = &mo.stats;
        let Some(percent) = s.percent_within() else {
            if s.episodes > 0 {
                chart.draw_series([Text::new(
                    "none judged".to_string(),
                    (SegmentValue::CenterOf(i), 2.0),
                    figure(11),
                )])?;
            }
            continue;
        };
        let mut bar =
            Rectangle::new([(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), percent)], BAR.filled());
        bar.set_margin(0, 0, 6, 6);
        chart.draw_series([bar])?;
        chart.draw_series([
            Text::new(format!("{}/{}", s.within, s.judged), (SegmentValue::CenterOf(i), percent + 1.0), figure(12)),
            Text::new(format!("{percent:.0}%"), (SegmentValue::CenterOf(i), percent + 8.0), figure(13)),
        ])?;
    }
    Ok(())
}

/// "2026-01" as "Jan 26", so twelve months fit under their bars.
fn short_month(month: &str) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let name = month.get(5..7).and_then(|m| m.parse::<usize>().ok()).and_then(|m| NAMES.get(m.wrapping_sub(1)));
    match (name, month.get(2..4)) {
        (Some(name), Some(year)) => format!("{name} {year}"),
        _ => month.to_string(),
    }
}

/// How the delays spread: a bar per bin, green up to the standard and orange past it, a grey bar
/// for delays past the last bin, and the standard as a red line. The bin edges are labelled by
/// hand on `root` (in its pixels) so they fall on the edges, where plotters would pick round
/// numbers of its own.
fn histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    area: &DrawingArea<DB, plotters::coord::Shift>,
    h: &Histogram,
) -> Fallible
where
    DB::ErrorType: 'static,
{
    let end = f64::from(h.end_hours());
    let bin = f64::from(h.bin_hours);
    let top = h.counts.iter().copied().chain([h.over]).max().unwrap_or(0).max(1) as f64 * 1.2;
    let what = match h.measure {
        Measure::Treatment => "hours from MRI to treatment",
        Measure::MriNeurological | Measure::MriPain => "hours to MRI",
    };
    let caption = format!("{}: {what} ({} answered)", h.measure.id(), h.total());
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FONT, 17).into_font())
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0f64..end + bin, 0f64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|v| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() })
        .y_desc("episodes")
        .label_style((FONT, 12))
        .draw()?;
    let count_style = TextStyle::from((FONT, 12).into_font()).pos(Pos::new(HPos::Center, VPos::Bottom));
    let standard = f64::from(h.standard_hours);
    let bins = h.counts.iter().enumerate().map(|(i, c)| (i as f64 * bin, *c, (i as f64 + 1.0) * bin));
    for (lo, count, hi) in bins.chain([(end, h.over, end + bin)]) {
        if count == 0 {
            continue;
        }
        let colour = if lo >= end {
            OVER
        } else if hi <= standard {
            MET
        } else {
            LATE
        };
        let mut bar = Rectangle::new([(lo, 0.0), (hi, count as f64)], colour.filled());
        bar.set_margin(0, 0, 1, 1);
        chart.draw_series([bar])?;
        chart.draw_series([Text::new(count.to_string(), ((lo + hi) / 2.0, count as f64), count_style.clone())])?;
    }
    chart.draw_series([PathElement::new(vec![(standard, 0.0), (standard, top)], STANDARD.stroke_width(3))])?;
    chart.draw_series([Text::new(
        format!("standard {}", hours(h.standard_hours)),
        (standard, top),
        TextStyle::from((FONT, 13).into_font()).color(&STANDARD).pos(Pos::new(HPos::Left, VPos::Top)),
    )])?;
    // Every edge when they fit, else every other one but the last, which would run into "later".
    let (step, edges) = if h.counts.len() > 8 { (2, h.counts.len() - 1) } else { (1, h.counts.len()) };
    let edge_style = TextStyle::from((FONT, 12).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
    for i in (0..=edges).step_by(step) {
        let (x, y) = chart.backend_coord(&(i as f64 * bin, 0.0));
        root.draw(&Text::new(format!("{}h", i as u32 * h.bin_hours), (x, y + 6), edge_style.clone()))?;
    }
    let (x, y) = chart.backend_coord(&(end + bin / 2.0, 0.0));
    root.draw(&Text::new("later".to_string(), (x, y + 6), edge_style))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::short_month;

    #[test]
    fn months_are_short_and_an_odd_month_is_left_as_it_is() {
        assert_eq!(short_month("2026-01"), "Jan 26");
        assert_eq!(short_month("2025-12"), "Dec 25");
        assert_eq!(short_month("2025-13"), "2025-13");
        assert_eq!(short_month("x"), "x");
    }
}
