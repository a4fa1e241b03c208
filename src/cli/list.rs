//! `cordwatch list`: one line per case, unreadable files included, in clinical priority order.

use super::output::outln;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::json::{CaseHead, ListRow};
use super::output::{Paint, WIDTH, fit, print_wrapped};
use super::{CliResult, Context, Format};
use crate::engine::ItemKind;
use crate::guidelines::Level;
use crate::present::{due_cell, flag_label, primary_label};
use crate::ward::{self, WardRow};

pub fn run(ctx: &Context, format: Format, all: bool) -> CliResult {
    let mut rows = ctx.ward()?;
    if all {
        let archived = ctx.store.load_archive()?;
        rows.extend(ctx.rows(archived, ctx.now));
    }
    match format {
        Format::Json => {
            super::output::json_array(&rows, json_row);
        }
        Format::Text => text(ctx, &rows),
    }
    Ok(ExitCode::SUCCESS)
}

fn json_row(row: &WardRow) -> ListRow<'_> {
    let a = row.assessment.as_ref();
    ListRow {
        head: CaseHead::new(row),
        primary: row.case().map(primary_label),
        open_flags: a.map(|a| a.open_flags().count()).unwrap_or(0),
        next_imaging_due: a.and_then(|a| a.next_imaging_due).map(|d| d.to_string()),
        bone_agent_due: a.and_then(|a| a.bone_agent_due).map(|d| d.to_string()),
    }
}

fn text(ctx: &Context, rows: &[WardRow]) {
    let paint = Paint::detect();
    let (emergency, urgent, overdue, problems) = ward::counts(rows);
    outln!(
        "{}{} cases: {emergency} emergency, {urgent} urgent, {overdue} overdue, {problems} unreadable — {}",
        ctx.demo_tag(),
        rows.len(),
        ctx.now.day_month_time()
    );
    print_wrapped(&ctx.data_line(), "", "  ");
    let id_width = rows.iter().map(|r| r.entry.display_id().width()).max().unwrap_or(2).clamp(2, 20);
    let name_width = WIDTH - (3 + id_width + 12 + 12 + 11 + 11 + 6);
    let header = format!(
        "{} {} {} {} {} {} {}",
        fit("BED", 3),
        fit("NAME", name_width),
        fit("ID", id_width),
        fit("PRIMARY", 12),
        fit("STATE", 12),
        fit("IMAGING", 11),
        "BONE AGENT"
    );
    outln!("{}", paint.bold(header.trim_end()));
    for row in rows {
        let case = row.case();
        let bed = case.and_then(|c| c.bed.as_ref()).map(|b| b.safe()).unwrap_or_else(|| "-".into());
        let name = case.map(|c| c.name.safe()).unwrap_or_else(|| "(unreadable)".into());
        let state = flag_label(row, true);
        let line = format!(
            "{} {} {} {} {} {} {}",
            fit(&bed, 3),
            fit(&name, name_width),
            fit(&row.entry.display_id(), id_width),
            fit(&case.map(primary_label).unwrap_or_default(), 12),
            fit(&state, 12),
            fit(&due_cell(row, &[ItemKind::SpineImaging, ItemKind::BaselineImaging]).text, 11),
            due_cell(row, &[ItemKind::BoneAgentDose]).text,
        );
        let level = if row.has_problem() { Level::Emergency } else { row.level() };
        outln!("{}", paint.level(level, line.trim_end()));
        for p in &row.entry.problems {
            print_wrapped(p, "    ", "    ");
        }
    }
    outln!("{}", paint.dim("!! emergency (MRI within 24 h) · ! urgent (MRI within 1 week) · !date overdue"));
}
