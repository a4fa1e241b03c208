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
    // Each case is read, assessed and cut down to its line as it comes, then dropped: a regional
    // list holds its lines, not every case and assessment at once.
    let now = ctx.now;
    match format {
        Format::Json => {
            let shape = |row: WardRow| super::output::json_element(&json_row(&row));
            let mut rows = ctx.rows_kept(false, now, shape)?;
            if all {
                rows.extend(ctx.rows_kept(true, now, shape)?);
            }
            super::output::json_array_of(&rows);
            super::output::leave(rows);
        }
        Format::Text => {
            let mut rows = ctx.rows_kept(false, now, |r| Line::of(&r))?;
            if all {
                rows.extend(ctx.rows_kept(true, now, |r| Line::of(&r))?);
            }
            text(ctx, &rows);
            super::output::leave(rows);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What the text list shows of one row, worked out as the row is made.
struct Line {
    counts: (usize, usize, usize, usize),
    id: String,
    bed: String,
    name: String,
    primary: String,
    state: String,
    imaging: String,
    bone_agent: String,
    level: Level,
    problems: Vec<String>,
}

impl Line {
    fn of(row: &WardRow) -> Line {
        let case = row.case();
        Line {
            counts: ward::row_counts(row),
            id: row.entry.display_id(),
            bed: case.and_then(|c| c.bed.as_ref()).map(|b| b.safe()).unwrap_or_else(|| "-".into()),
            name: case.map(|c| c.name.safe()).unwrap_or_else(|| "(unreadable)".into()),
            primary: case.map(primary_label).unwrap_or_default(),
            state: flag_label(row, true),
            imaging: due_cell(row, &[ItemKind::SpineImaging, ItemKind::BaselineImaging]).text,
            bone_agent: due_cell(row, &[ItemKind::BoneAgentDose]).text,
            level: if row.has_problem() { Level::Emergency } else { row.level() },
            problems: row.entry.problems.iter().map(|p| p.to_string()).collect(),
        }
    }
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

fn text(ctx: &Context, rows: &[Line]) {
    let paint = Paint::detect();
    let (emergency, urgent, overdue, problems) = ward::add_counts(rows.iter().map(|r| r.counts));
    outln!(
        "{}{} cases: {emergency} emergency, {urgent} urgent, {overdue} overdue, {problems} unreadable — {}",
        ctx.demo_tag(),
        rows.len(),
        ctx.now.day_month_time()
    );
    print_wrapped(&ctx.data_line(), "", "  ");
    let id_width = rows.iter().map(|r| r.id.width()).max().unwrap_or(2).clamp(2, 20);
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
        let line = format!(
            "{} {} {} {} {} {} {}",
            fit(&row.bed, 3),
            fit(&row.name, name_width),
            fit(&row.id, id_width),
            fit(&row.primary, 12),
            fit(&row.state, 12),
            fit(&row.imaging, 11),
            row.bone_agent,
        );
        outln!("{}", paint.level(row.level, line.trim_end()));
        for p in &row.problems {
            print_wrapped(p, "    ", "    ");
        }
    }
    outln!("{}", paint.dim("!! emergency (MRI within 24 h) · ! urgent (MRI within 1 week) · !date overdue"));
}
