//! `cordwatch audit`: how fast suspected and confirmed cord compression was scanned and treated,
//! over the cases and the archive, per QS56 measure and per month.
//!
//! The figures come from `engine::audit`; this module only reads the files, picks the window and
//! the ward, and writes text (80 columns), Markdown, CSV (one row per episode) or JSON.

use std::process::ExitCode;

use super::json::{AuditJson, EPISODE_COLUMNS, EpisodeJson, MeasureJson};
use super::output::{Paint, fit, outln, print_wrapped, push};
use super::{CliError, CliResult, Context};
use crate::engine::audit::{self, Audit, CaseAudit, MeasureSummary, Stats, Window};
use crate::model::Date;
use crate::present::audit::{self as present, AUDIT_RULE as RULE, iqr, measure_heading as heading, minutes, within};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Text,
    Markdown,
    Csv,
    Json,
    Svg,
}

/// What the command was asked for.
pub struct AuditArgs<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub ward: Option<&'a str>,
    pub format: AuditFormat,
    /// Where the SVG goes (stdout when None).
    pub out: Option<&'a std::path::Path>,
    /// Replace the file `out` names if it exists.
    pub force: bool,
}

fn date(option: &str, text: Option<&str>) -> Result<Option<Date>, CliError> {
    text.map(|t| Date::parse(t.trim()).map_err(|e| CliError::Usage(format!("{option}: {e}")))).transpose()
}

/// The window asked for: by default the twelve calendar months up to today; `--to` alone moves
/// the twelve months back with it.
fn window(ctx: &Context, from: Option<&str>, to: Option<&str>) -> Result<Window, CliError> {
    let to = date("--to", to)?.unwrap_or(ctx.now.date());
    let from = date("--from", from)?.unwrap_or(Window::last_twelve_months(to).from);
    if from > to {
        return Err(CliError::Usage(format!("--from {from} is after --to {to}; give the earlier date first")));
    }
    Ok(Window { from, to })
}

/// The readable cases on `ward` (any capitals), or every case. A ward no case is on is an error
/// that lists the wards there are, so a mistyped ward never reads as a perfect audit.
fn on_ward(cases: Vec<CaseAudit>, ward: Option<&str>) -> Result<Vec<CaseAudit>, CliError> {
    let Some(ward) = ward else { return Ok(cases) };
    crate::ward::on_ward(cases, ward, |c| c.ward.as_ref(), |_| false).map_err(CliError::Usage)
}

pub fn run(ctx: &Context, args: &AuditArgs<'_>) -> CliResult {
    if args.out.is_some() && args.format != AuditFormat::Svg {
        return Err(CliError::Usage("--out is for --format svg; redirect the other formats with > FILE".into()));
    }
    let rules = super::out_file::Rules { force: args.force, data_dir: Some(ctx.store.root()) };
    if let Some(out) = args.out {
        super::out_file::check(out, rules)?;
    }
    let window = window(ctx, args.from, args.to)?;
    let (cases, unreadable) = crate::ward::audit_judged(&ctx.store, &ctx.guidelines, window, ctx.now)?;
    let cases = on_ward(cases, args.ward)?;
    let audit = audit::of_judged(cases, &ctx.guidelines, window, ctx.now);
    let head = Head { ctx, ward: args.ward, cases: audit.cases, archived_cases: audit.archived_cases, unreadable };
    match args.format {
        AuditFormat::Json => json(&head, &audit),
        AuditFormat::Csv => csv(&audit),
        AuditFormat::Text => text(&head, &audit),
        AuditFormat::Markdown => markdown(&head, &audit),
        AuditFormat::Svg => svg(&head, &audit, args.out, rules)?,
    }
    super::output::leave(audit);
    Ok(ExitCode::SUCCESS)
}

/// What every format says about the run besides the figures.
struct Head<'a> {
    ctx: &'a Context,
    ward: Option<&'a str>,
    cases: usize,
    archived_cases: usize,
    unreadable: Vec<String>,
}

impl Head<'_> {
    fn ward(&self) -> Option<String> {
        self.ward.map(|w| crate::model::text::sanitize(w.trim()))
    }

    /// "DEMO — Pathway audit 2025-12-01 to 2026-11-23, ward 7B".
    fn title(&self, audit: &Audit) -> String {
        let ward = self.ward().map(|w| format!("ward {w}")).unwrap_or_else(|| "all wards".into());
        format!("{}Pathway audit {} to {}, {ward}", self.ctx.demo_tag(), audit.window.from, audit.window.to)
    }

    /// "41 episodes from 12 cases (3 discharged), judged at 23 Nov 09:00".
    fn counts(&self, audit: &Audit) -> String {
        format!(
            "{} from {} ({} discharged), judged at {}",
            crate::present::audit::plural(audit.episodes.len(), "episode"),
            crate::present::audit::plural(self.cases, "case"),
            self.archived_cases,
            audit.now.day_month_time()
        )
    }

    fn unreadable_line(&self) -> Option<String> {
        (!self.unreadable.is_empty()).then(|| {
            format!(
                "{} could not be read and {} not counted (run `cordwatch validate`): {}",
                if self.unreadable.len() == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", self.unreadable.len())
                },
                if self.unreadable.len() == 1 { "is" } else { "are" },
                self.unreadable.join(", ")
            )
        })
    }

    /// Every line said before the figures: what could not be read, what has a problem, and
    /// which patients were found in more than one file.
    fn warnings(&self, audit: &Audit) -> Vec<String> {
        let mut out: Vec<String> = self.unreadable_line().into_iter().collect();
        if !self.ctx.store.has_archive() {
            out.push(present::NO_ARCHIVE.to_string());
        }
        out.extend(present::problems_line(&audit.problems));
        out.extend(audit.repeated.iter().map(present::repeated_line));
        out
    }
}

fn json(head: &Head<'_>, audit: &Audit) {
    let out = AuditJson {
        from: audit.window.from.to_string(),
        to: audit.window.to.to_string(),
        now: audit.now.to_string(),
        ward: head.ward(),
        cases: head.cases,
        archived_cases: head.archived_cases,
        unreadable: head.unreadable.clone(),
        archive_missing: !head.ctx.store.has_archive(),
        problems: audit.problems.clone(),
        repeated: audit.repeated.clone(),
        outcome_days: audit.summary.outcome_days,
        measures: audit.summary.measures.iter().map(MeasureJson::new).collect(),
        episodes: audit.episodes.iter().map(EpisodeJson::new).collect(),
    };
    push(&super::json::to_text(&out));
    push("\n");
}

/// One CSV field: quoted when it holds a comma, a quote or a line break; a text that a
/// spreadsheet would run as a formula (=, +, -, @ first) is given a leading apostrophe, since a
/// closing reason is typed by people.
fn csv_field(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::Null => return String::new(),
        serde_json::Value::String(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// One row per episode, the columns of [`EPISODE_COLUMNS`] (docs/json.md).
fn csv(audit: &Audit) {
    push(&EPISODE_COLUMNS.join(","));
    push("\n");
    for e in &audit.episodes {
        let value = serde_json::to_value(EpisodeJson::new(e)).unwrap_or_default();
        let row: Vec<String> = EPISODE_COLUMNS.iter().map(|c| csv_field(&value[*c])).collect();
        push(&row.join(","));
        push("\n");
    }
}

/// The pictures: to `out`, written whole or not at all, or to stdout.
fn svg(
    head: &Head<'_>,
    audit: &Audit,
    out: Option<&std::path::Path>,
    rules: super::out_file::Rules<'_>,
) -> Result<(), CliError> {
    let mut lines = vec![head.counts(audit)];
    lines.extend(head.warnings(audit));
    lines.push(SVG_RULE.to_string());
    let svg = super::audit_svg::render(audit, &head.title(audit), &lines)
        .map_err(|e| CliError::Output(format!("could not draw the audit: {e}")))?;
    match out {
        None => push(&svg),
        // Private like the case files: it names wards, and a small month can point to a patient.
        Some(path) => super::out_file::write(path, svg.as_bytes(), rules)?,
    }
    Ok(())
}

const SVG_RULE: &str = "Within: answered by the deadline, of those answered, open past it or closed after it; closed in time, open with time left, and known only by the date of the deadline's day, are counted apart. Histograms: answers recorded with their time.";

/// How much of a closing reason the text format prints: a reason typed at length would bury the
/// figures. The JSON and CSV keep it whole, and `cordwatch show` prints it all.
const REASON_CHARS: usize = 200;

/// The lines under a measure's table: missed, open in time, closed, and walking; a closing reason
/// cut to `reason_chars` when given.
fn details(audit: &Audit, m: &MeasureSummary, reason_chars: Option<usize>) -> Vec<String> {
    let mut out: Vec<String> = present::details(audit, m, reason_chars).into_iter().map(|d| d.text).collect();
    out.extend(present::decision_line(audit, m));
    out.extend(present::walking_line(audit, m));
    out
}

fn text(head: &Head<'_>, audit: &Audit) {
    let paint = Paint::detect();
    print_wrapped(&head.title(audit), "", "  ");
    print_wrapped(&head.counts(audit), "", "  ");
    for line in head.warnings(audit) {
        print_wrapped(&paint.warn(&line), "", "  ");
    }
    print_wrapped(RULE, "", "");
    // The last three columns are the episodes counted apart from WITHIN: open with time left,
    // closed in time, and known only by the date of the deadline's day.
    let row = |month: &str, s: &Stats| {
        let line = format!(
            "{} {:>5}  {}  {}  {}  {:>4}  {:>6}  {:>4}",
            fit(month, 7),
            s.episodes,
            fit(&within(s), 14),
            fit(&minutes(s.median_minutes), 8),
            fit(&iqr(s), 18),
            s.open_in_time,
            s.closed - s.closed_late,
            s.date_only
        );
        line.trim_end().to_string()
    };
    for m in &audit.summary.measures {
        outln!();
        outln!("{}", paint.bold(&heading(m)));
        let header = format!(
            "{} {:>5}  {}  {}  {}  {:>4}  {:>6}  {:>4}",
            fit("MONTH", 7),
            "EPIS",
            fit("WITHIN", 14),
            fit("MEDIAN", 8),
            fit("IQR", 18),
            "OPEN",
            "CLOSED",
            "DATE"
        );
        outln!("{}", paint.bold(&header));
        for mo in m.months.iter().filter(|mo| mo.stats.episodes > 0) {
            outln!("{}", row(&mo.month, &mo.stats));
        }
        outln!("{}", paint.bold(&row("all", &m.total)));
        for line in details(audit, m, Some(REASON_CHARS)) {
            print_wrapped(&line, "  ", "    ");
        }
    }
}

fn markdown(head: &Head<'_>, audit: &Audit) {
    outln!("# {}", head.title(audit));
    outln!();
    outln!("{}.", head.counts(audit));
    for line in head.warnings(audit) {
        outln!();
        outln!("**{}**", line.replace('|', "\\|"));
    }
    outln!();
    outln!("{RULE}");
    for m in &audit.summary.measures {
        outln!();
        outln!("## {}", heading(m));
        outln!();
        outln!("| Month | Episodes | Within | Median | IQR | Open in time | Closed in time | Date only |");
        outln!("|---|--:|---|---|---|--:|--:|--:|");
        let row = |month: &str, s: &Stats| {
            format!(
                "| {month} | {} | {} | {} | {} | {} | {} | {} |",
                s.episodes,
                within(s),
                minutes(s.median_minutes),
                iqr(s),
                s.open_in_time,
                s.closed - s.closed_late,
                s.date_only
            )
        };
        for mo in m.months.iter().filter(|mo| mo.stats.episodes > 0) {
            outln!("{}", row(&mo.month, &mo.stats));
        }
        outln!("{}", row("**all**", &m.total));
        let lines = details(audit, m, None);
        if !lines.is_empty() {
            outln!();
            for line in lines {
                outln!("- {}", line.replace('|', "\\|"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;
    use serde_json::json;

    #[test]
    fn csv_fields_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_field(&json!(null)), "");
        assert_eq!(csv_field(&json!(24.5)), "24.5");
        assert_eq!(csv_field(&json!(true)), "true");
        assert_eq!(csv_field(&json!("plain")), "plain");
        assert_eq!(csv_field(&json!("a, \"b\"")), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field(&json!("=HYPERLINK(1)")), "'=HYPERLINK(1)");
        assert_eq!(csv_field(&json!("-1,2")), "\"'-1,2\"");
    }
}
