//! `cordwatch checklist`: the round list for a day, by patient in clinical priority order.
//!
//! Derived from the facts every time, never stored: ticking an item means recording the event that
//! satisfies it (`cordwatch record ...`), and the item is gone because the facts changed.

use super::output::outln;
use std::process::ExitCode;

use super::json::{CaseHead, Checklist, ChecklistPatient};
use super::output::{Paint, print_wrapped};
use super::{ChecklistFormat, CliError, CliResult, Context};
use crate::engine::checklist::{ChecklistItem, checklist};
use crate::model::Date;
use crate::ward::WardRow;

/// One patient's part of the round.
struct Patient<'a> {
    row: &'a WardRow,
    items: Vec<ChecklistItem>,
}

pub fn run(ctx: &Context, date: Option<&str>, ward: Option<&str>, format: ChecklistFormat) -> CliResult {
    let now = match date {
        Some(d) => ctx.round_start(Date::parse(d).map_err(|e| CliError::Usage(format!("--date: {e}")))?),
        None => ctx.now,
    };
    let rows = ctx.ward_at(now)?;
    let patients: Vec<Patient> = rows
        .iter()
        .filter(|r| match (ward, r.case()) {
            (None, _) => true,
            (Some(w), Some(c)) => c.ward.as_ref().is_some_and(|cw| cw.raw() == w),
            (Some(_), None) => true,
        })
        .filter_map(|row| {
            let items = match (row.case(), &row.assessment) {
                (Some(c), Some(a)) => checklist(c, a),
                _ => Vec::new(),
            };
            (row.has_problem() || !items.is_empty()).then_some(Patient { row, items })
        })
        .collect();
    let title = format!(
        "{}Ward round checklist — {} {}{}",
        ctx.demo_tag(),
        now.date().weekday_short(),
        now.date(),
        ward.map(|w| format!(" — ward {}", crate::model::text::sanitize(w))).unwrap_or_default()
    );
    let title = format!("{title}\n{}", ctx.data_line());
    match format {
        ChecklistFormat::Json => {
            let patients =
                patients.iter().map(|p| ChecklistPatient { head: CaseHead::new(p.row), items: &p.items }).collect();
            outln!("{}", super::json::to_text(&Checklist { date: now.date().to_string(), patients }));
        }
        ChecklistFormat::Text => text(&title, &patients),
        ChecklistFormat::Markdown => markdown(&title, &patients),
    }
    Ok(ExitCode::SUCCESS)
}

fn heading(row: &WardRow) -> String {
    match row.case() {
        Some(c) => {
            let bed = c.bed.as_ref().map(|b| format!("Bed {} — ", b.safe())).unwrap_or_default();
            let status = c.status.map(|s| format!(", {s}")).unwrap_or_default();
            format!("{bed}{} ({}{status})", c.name.safe(), c.id)
        }
        None => format!("UNREADABLE {}", row.entry.file),
    }
}

fn text(title: &str, patients: &[Patient]) {
    let paint = Paint::detect();
    outln!("{}", paint.bold(title));
    if patients.is_empty() {
        outln!("Nothing on the round.");
    }
    for p in patients {
        outln!();
        outln!("{}", paint.bold(&heading(p.row)));
        for problem in &p.row.entry.problems {
            print_wrapped(problem, " ?? [ ] UNREADABLE: ", "          ");
        }
        for item in &p.items {
            let line = format!("{} [ ] {}: {}", item.category.marker(), item.category.label(), item.text);
            let level = match item.category.marker() {
                "!!" => crate::guidelines::Level::Emergency,
                "! " => crate::guidelines::Level::Urgent,
                _ => crate::guidelines::Level::None,
            };
            for (i, l) in super::output::wrap(&line, " ", "        ").into_iter().enumerate() {
                outln!("{}", if i == 0 { paint.level(level, &l) } else { l });
            }
        }
    }
}

/// Compact Markdown that prints on about one A4 page per ten patients.
fn markdown(title: &str, patients: &[Patient]) {
    outln!("# {title}\n");
    if patients.is_empty() {
        outln!("Nothing on the round.");
    }
    for p in patients {
        outln!("## {}\n", heading(p.row).replace('*', "\\*"));
        for problem in &p.row.entry.problems {
            outln!("- [ ] **UNREADABLE**: {}", escape(problem));
        }
        for item in &p.items {
            let label = item.category.label();
            let label =
                if item.category.marker().trim().is_empty() { label.to_string() } else { format!("**{label}**") };
            outln!("- [ ] {label}: {}", escape(&item.text));
        }
        outln!();
    }
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('*', "\\*").replace('_', "\\_").replace('<', "&lt;")
}
