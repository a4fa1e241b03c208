//! The Audit view's lines: the pathway audit as bars drawn with characters and the figures printed
//! beside them, so it reads the same without colour and in plain ASCII. Built from the engine's
//! audit and histograms and the shared wording in `present::audit`; the view adds only style and
//! scrolling.
//!
//! The share within each standard is a bar of [`BAR`] cells, one cell per 5%; a histogram's bars
//! are scaled to its tallest bin, and the standard is a rule across it, with the bins that met the
//! standard above the rule and those that missed it below.

use crate::engine::audit::{Audit, Histogram, Measure, MeasureSummary, Stats};
use crate::present::audit::{self as words, DetailKind, plural};

/// Cells in a full bar.
pub const BAR: usize = 20;

/// How a piece of a line is drawn; the view turns it into the theme's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Heading,
    Muted,
    /// Within the standard.
    Good,
    /// Missed the standard (answered late).
    Late,
    /// Open past its deadline, or something the audit could not count.
    Alarm,
}

/// The patient an episode line opens with Enter, and the episode itself: (case id, rule, raised
/// at) names one episode, so the cursor can stay on it when the data changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub case_id: String,
    /// The case is discharged: its file is in the archive.
    pub archived: bool,
    pub rule: String,
    pub raised_at: crate::model::Stamp,
}

impl Target {
    /// Whether two targets are the same episode (wherever its patient's file now is).
    pub fn same_episode(&self, other: &Target) -> bool {
        self.case_id == other.case_id && self.rule == other.rule && self.raised_at == other.raised_at
    }
}

/// Screen rows an episode line may take: a closing reason can be thousands of characters, and
/// the Patient view shows it whole.
pub const EPISODE_ROWS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// Text with its tone. A line of one piece wraps to the screen; a bar line is drawn as is.
    pub pieces: Vec<(String, Tone)>,
    pub target: Option<Target>,
}

impl AuditLine {
    fn one(text: impl Into<String>, tone: Tone) -> AuditLine {
        AuditLine { pieces: vec![(text.into(), tone)], target: None }
    }

    fn blank() -> AuditLine {
        AuditLine::one("", Tone::Plain)
    }

    pub fn text(&self) -> String {
        self.pieces.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// The lines the cursor stops at: every line but the blank ones, by index.
pub fn stops(lines: &[AuditLine]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.pieces.iter().any(|(t, _)| !t.trim().is_empty()))
        .map(|(i, _)| i)
        .collect()
}

/// One row of the screen: part of audit line `line` (its first row when `first`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenRow {
    pub line: usize,
    pub first: bool,
    pub pieces: Vec<(String, Tone)>,
}

/// The lines laid out in `width` columns: a line of one piece wraps (an episode's under its
/// text, others by two); a bar line is never cut, a piece that does not fit going on a row of
/// its own. Worked out once per width and change of the data, not at every key.
pub fn screen_rows(lines: &[AuditLine], width: u16) -> Vec<ScreenRow> {
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.pieces.as_slice() {
            [(text, tone)] => {
                let rest = if line.target.is_some() { "    " } else { "  " };
                let mut wrapped = crate::present::wrap(text, width as usize, "", rest);
                if line.target.is_some() && wrapped.len() > EPISODE_ROWS {
                    wrapped.truncate(EPISODE_ROWS);
                    if let Some(last) = wrapped.last_mut() {
                        end_with_ellipsis(last, width);
                    }
                }
                for (n, text) in wrapped.into_iter().enumerate() {
                    rows.push(ScreenRow { line: i, first: n == 0, pieces: vec![(text, *tone)] });
                }
            }
            pieces => {
                let mut row = ScreenRow { line: i, first: true, pieces: Vec::new() };
                let mut used = 0;
                for (text, tone) in pieces {
                    let w = unicode_width::UnicodeWidthStr::width(text.as_str());
                    if used > 0 && used + w > usize::from(width) {
                        let next = ScreenRow { line: i, first: false, pieces: vec![("   ".into(), Tone::Plain)] };
                        rows.push(std::mem::replace(&mut row, next));
                        used = 3;
                    }
                    row.pieces.push((text.clone(), *tone));
                    used += w;
                }
                rows.push(row);
            }
        }
    }
    rows
}

/// `row` ending in "…", shortened so it still fits in `width` columns.
fn end_with_ellipsis(row: &mut String, width: u16) {
    use unicode_width::UnicodeWidthStr;
    while !row.is_empty() && row.width() + 1 > usize::from(width) {
        row.pop();
    }
    let kept = row.trim_end().len();
    row.truncate(kept);
    row.push('…');
}

/// What the view says about where the figures come from, besides the figures.
#[derive(Debug, Clone, Default)]
pub struct AuditHead {
    /// The ward shown, or every ward.
    pub ward: Option<String>,
    /// Files that could not be read, so their episodes are not counted.
    pub unreadable: Vec<String>,
    /// Why the archive could not be read: discharged patients are then not counted.
    pub archive_error: Option<String>,
    /// Why the cases folder could not be read for the audit: active patients are then not
    /// counted.
    pub cases_error: Option<String>,
    /// There is no archive folder: no discharged patient is counted.
    pub no_archive: bool,
}

/// The whole Audit view, top to bottom.
pub fn audit_lines(head: &AuditHead, audit: &Audit, histograms: &[Histogram]) -> Vec<AuditLine> {
    let mut out = Vec::new();
    let ward = head.ward.as_ref().map(|w| format!("ward {w}")).unwrap_or_else(|| "all wards".into());
    out.push(AuditLine::one(
        format!("Pathway audit {} to {}, {ward}", audit.window.from, audit.window.to),
        Tone::Heading,
    ));
    out.push(AuditLine::one(
        format!(
            "{} from {} ({} discharged), judged at {}",
            plural(audit.episodes.len(), "episode"),
            plural(audit.cases, "case"),
            audit.archived_cases,
            audit.now.day_month_time()
        ),
        Tone::Plain,
    ));
    if let Some(e) = &head.cases_error {
        out.push(AuditLine::one(
            format!("?? the case files could not be read ({e}): active patients are NOT counted"),
            Tone::Alarm,
        ));
    }
    if let Some(e) = &head.archive_error {
        out.push(AuditLine::one(
            format!("?? the archive could not be read ({e}): discharged patients are NOT counted"),
            Tone::Alarm,
        ));
    }
    if head.no_archive {
        out.push(AuditLine::one(format!("?? {}", words::NO_ARCHIVE), Tone::Alarm));
    }
    if !head.unreadable.is_empty() {
        out.push(AuditLine::one(
            format!(
                "?? {} could not be read and {} NOT counted (fix with `cordwatch validate`): {}",
                plural(head.unreadable.len(), "file"),
                if head.unreadable.len() == 1 { "is" } else { "are" },
                head.unreadable.join(", ")
            ),
            Tone::Alarm,
        ));
    }
    if let Some(line) = words::problems_line(&audit.problems) {
        out.push(AuditLine::one(format!("?? {line}"), Tone::Alarm));
    }
    for r in &audit.repeated {
        out.push(AuditLine::one(format!("?? {}", words::repeated_line(r)), Tone::Alarm));
    }
    out.push(AuditLine::blank());
    out.push(AuditLine::one("Share within each standard (how it is counted: at the end)", Tone::Heading));
    for m in &audit.summary.measures {
        out.push(share_line(&format!("{} {}", short_title(m), compact(m.standard_hours)), 21, &m.total));
    }
    for (m, h) in audit.summary.measures.iter().zip(histograms) {
        out.push(AuditLine::blank());
        measure(&mut out, audit, m, h);
    }
    out.push(AuditLine::blank());
    out.push(AuditLine::one(words::AUDIT_RULE, Tone::Muted));
    out
}

/// "MRI, neuro signs": a measure in a few words, for the bars at the top.
fn short_title(m: &MeasureSummary) -> &'static str {
    match m.measure {
        Measure::MriNeurological => "MRI, neuro signs",
        Measure::MriPain => "MRI, pain only",
        Measure::Treatment => "Treatment",
    }
}

/// "24h" or "7d".
fn compact(hours: u32) -> String {
    if hours >= 48 && hours.is_multiple_of(24) { format!("{}d", hours / 24) } else { format!("{hours}h") }
}

/// `label` padded to `width`, a bar of the share within, and the figures: "62%  5 of 8". With no
/// episode judged there is no bar, and the line says what there is instead.
fn share_line(label: &str, width: usize, s: &Stats) -> AuditLine {
    let mut pieces = vec![(format!("{} ", crate::present::fit(label, width)), Tone::Plain)];
    match s.percent_within() {
        Some(p) => {
            let filled = ((p / 100.0 * BAR as f64).round() as usize).min(BAR);
            pieces.push(("█".repeat(filled), Tone::Good));
            pieces.push(("░".repeat(BAR - filled), Tone::Late));
            pieces.push((format!(" {:>4}  {} of {}", words::percent(s), s.within, s.judged), Tone::Plain));
        }
        None => pieces.push((format!("{}    -  none judged yet", " ".repeat(BAR)), Tone::Muted)),
    }
    let apart = [(s.open_in_time, "open"), (s.closed - s.closed_late, "closed"), (s.date_only, "by date only")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect::<Vec<_>>();
    if !apart.is_empty() {
        pieces.push((format!(" · apart: {}", apart.join(", ")), Tone::Muted));
    }
    AuditLine { pieces, target: None }
}

fn measure(out: &mut Vec<AuditLine>, audit: &Audit, m: &MeasureSummary, h: &Histogram) {
    out.push(AuditLine::one(words::measure_heading(m), Tone::Heading));
    let t = &m.total;
    out.push(AuditLine::one(
        format!(
            "{} · median {} (IQR {}) · {} open ({} overdue) · {} closed ({} late)",
            plural(t.episodes, "episode"),
            words::minutes(t.median_minutes),
            words::iqr(t),
            words::open(t),
            t.open_overdue,
            t.closed,
            t.closed_late
        ),
        Tone::Plain,
    ));
    if t.episodes == 0 {
        out.push(AuditLine::one("no episode in these months", Tone::Muted));
        return;
    }
    out.push(AuditLine::one(format!("Per month, share within {}:", words::standard(m.standard_hours)), Tone::Plain));
    for mo in m.months.iter().filter(|mo| mo.stats.episodes > 0) {
        out.push(share_line(&mo.month, 8, &mo.stats));
    }
    histogram(out, m, h);
    let details = words::details(audit, m, None);
    if !details.is_empty() {
        out.push(AuditLine::one("Missed, open and closed (Enter opens the patient):", Tone::Plain));
    }
    for d in details {
        let tone = match d.kind {
            DetailKind::MissedOpen => Tone::Alarm,
            DetailKind::Missed | DetailKind::ClosedLate => Tone::Late,
            DetailKind::DateOnly => Tone::Plain,
            DetailKind::Open => Tone::Plain,
            DetailKind::Closed => Tone::Muted,
        };
        let discharged = if d.episode.archived { " (discharged)" } else { "" };
        out.push(AuditLine {
            pieces: vec![(format!("{}{discharged}", d.text), tone)],
            target: Some(Target {
                case_id: d.episode.case_id.clone(),
                archived: d.episode.archived,
                rule: d.episode.rule.clone(),
                raised_at: d.episode.raised_at,
            }),
        });
    }
    if let Some(d) = words::decision_line(audit, m) {
        out.push(AuditLine::one(d, Tone::Plain));
    }
    if let Some(w) = words::walking_line(audit, m) {
        out.push(AuditLine::one(w, Tone::Plain));
    }
}

/// "0-6h", "24-30h", "2-3d": a bin's range.
fn bin_label(h: &Histogram, i: usize) -> String {
    let (from, to) = (h.bin_hours * i as u32, h.bin_hours * (i as u32 + 1));
    if h.bin_hours.is_multiple_of(24) { format!("{}-{}d", from / 24, to / 24) } else { format!("{from}-{to}h") }
}

/// The delays as a histogram down the screen: one row a bin, a rule at the standard.
fn histogram(out: &mut Vec<AuditLine>, m: &MeasureSummary, h: &Histogram) {
    let what = match m.measure {
        Measure::Treatment => "from the MRI to treatment",
        Measure::MriNeurological | Measure::MriPain => "from the flag to the MRI",
    };
    if h.total() == 0 {
        out.push(AuditLine::one(format!("Delays {what}: none answered with its time yet"), Tone::Muted));
        return;
    }
    out.push(AuditLine::one(format!("Delays {what}, {} answered with their time:", h.total()), Tone::Plain));
    let tallest = h.counts.iter().copied().chain([h.over]).max().unwrap_or(0).max(1);
    let bar = |label: String, n: usize, tone: Tone| {
        let cells = if n == 0 { 0 } else { (n * BAR).div_ceil(tallest) };
        AuditLine {
            pieces: vec![
                (format!("  {label:>9} "), Tone::Plain),
                ("█".repeat(cells), tone),
                (format!("{} {n}", " ".repeat(BAR - cells)), Tone::Plain),
            ],
            target: None,
        }
    };
    for (i, &n) in h.counts.iter().enumerate() {
        let end = h.bin_hours * (i as u32 + 1);
        out.push(bar(bin_label(h, i), n, if end <= h.standard_hours { Tone::Good } else { Tone::Late }));
        // The rule goes under the bin the standard ends in (on its edge, as binned today).
        if end >= h.standard_hours && end - h.bin_hours < h.standard_hours {
            out.push(AuditLine::one(
                format!("  {}── standard {} ──", " ".repeat(10), compact(h.standard_hours)),
                Tone::Muted,
            ));
        }
    }
    let end = h.end_hours();
    let over = if h.bin_hours.is_multiple_of(24) { format!("over {}d", end / 24) } else { format!("over {end}h") };
    out.push(bar(over, h.over, Tone::Late));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(within: usize, judged: usize) -> Stats {
        Stats { episodes: judged, judged, within, ..Stats::default() }
    }

    fn bar_cells(line: &AuditLine) -> (usize, usize) {
        let count = |c: char| line.pieces.iter().map(|(t, _)| t.chars().filter(|&x| x == c).count()).sum();
        (count('█'), count('░'))
    }

    #[test]
    fn a_share_bar_has_a_cell_per_five_percent_rounded_and_its_figures() {
        for (within, judged, cells) in
            [(0, 1, 0), (1, 1, 20), (1, 2, 10), (1, 40, 1), (1, 41, 0), (39, 40, 20), (5, 8, 13)]
        {
            let line = share_line("x", 4, &stats(within, judged));
            assert_eq!(bar_cells(&line), (cells, BAR - cells), "{within} of {judged}");
            assert!(line.text().contains(&format!("{within} of {judged}")), "{}", line.text());
        }
    }

    #[test]
    fn with_nothing_judged_there_is_no_bar_and_the_line_says_so_and_counts_what_is_apart() {
        let s = Stats { episodes: 3, open_in_time: 1, closed: 1, date_only: 1, ..Stats::default() };
        let line = share_line("2026-11", 8, &s);
        assert_eq!(bar_cells(&line), (0, 0));
        assert!(line.text().contains("none judged yet"), "{}", line.text());
        assert!(line.text().contains("apart: 1 open, 1 closed, 1 by date only"), "{}", line.text());
        // Overdue and closed late are judged (missed), not apart.
        let s = Stats { episodes: 2, judged: 2, open_overdue: 1, closed: 1, closed_late: 1, ..Stats::default() };
        let line = share_line("2026-11", 8, &s);
        assert!(line.text().contains("0 of 2") && !line.text().contains("apart"), "{}", line.text());
    }

    fn histogram_lines(standard: u32, minutes: &[i64]) -> Vec<String> {
        let h = Histogram::of(Measure::MriNeurological, standard, minutes.iter().copied());
        let m = MeasureSummary {
            measure: Measure::MriNeurological,
            standard_hours: standard,
            months: vec![],
            total: Stats::default(),
        };
        let mut out = Vec::new();
        histogram(&mut out, &m, &h);
        out.iter().map(AuditLine::text).collect()
    }

    #[test]
    fn the_standard_rule_sits_under_the_bin_it_ends_in_and_bars_scale_to_the_tallest() {
        let lines = histogram_lines(24, &[60, 120, 24 * 60, 24 * 60 + 1, 49 * 60]);
        let rule = lines.iter().position(|l| l.contains("standard 24h")).expect("rule");
        assert!(lines[rule - 1].contains("18-24h") && lines[rule - 1].ends_with(" 1"), "{lines:#?}");
        assert!(lines[rule + 1].contains("24-30h") && lines[rule + 1].ends_with(" 1"), "{lines:#?}");
        let first = lines.iter().find(|l| l.contains("0-6h")).expect("first bin");
        assert_eq!(first.matches('█').count(), BAR, "the tallest bin is a full bar: {first}");
        assert!(lines.last().is_some_and(|l| l.contains("over 48h") && l.ends_with(" 1")), "{lines:#?}");
        // 30 hours in bins of 7: the standard ends inside 28-35h, and the rule follows that bin.
        let lines = histogram_lines(30, &[60]);
        let rule = lines.iter().position(|l| l.contains("standard 30h")).expect("rule");
        assert!(lines[rule - 1].contains("28-35h"), "{lines:#?}");
        let week = histogram_lines(168, &[60]);
        assert!(week.iter().any(|l| l.contains("standard 7d")) && week.iter().any(|l| l.contains("over 14d")));
    }

    #[test]
    fn with_nothing_answered_the_histogram_says_so() {
        let lines = histogram_lines(24, &[]);
        assert_eq!(lines, vec!["Delays from the flag to the MRI: none answered with its time yet".to_string()]);
    }
}
