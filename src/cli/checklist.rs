//! `cordwatch checklist`: the round list for a day, by patient in clinical priority order.
//!
//! Derived from the facts every time, never stored: ticking an item means recording the event that
//! satisfies it (`cordwatch record ...`), and the item is gone because the facts changed.

use super::output::outln;
use std::process::ExitCode;

use super::json::{CaseHead, Checklist, ChecklistPatient, FollowUpPatient, PathwayJson};
use super::output::{Paint, print_wrapped, short, short_line};
use super::{ChecklistFormat, CliError, CliResult, Context};
use crate::engine::PathwayItem;
use crate::engine::checklist::{ChecklistItem, checklist};
use crate::model::Date;
use crate::ward::WardRow;

/// One patient's part of the round.
struct Patient<'a> {
    row: &'a WardRow,
    items: Vec<ChecklistItem>,
    /// The patient's open jobs, overdue first.
    jobs: Vec<&'a crate::model::Job>,
}

/// A patient off the ward round with pathway steps still open: an outpatient, or a discharged
/// patient read from the archive.
struct FollowUp<'a> {
    row: &'a WardRow,
    steps: Vec<&'a PathwayItem>,
}

/// Outpatients on the list and discharged patients in the archive (the latest copy of each, and
/// none who is back on the ward) whose pathway steps are still open: the MSCC coordinator's list.
fn follow_up<'a>(rows: &'a [WardRow], archived: &'a [WardRow]) -> Vec<FollowUp<'a>> {
    let on_ward: Vec<&str> = rows.iter().filter_map(|r| r.case().map(|c| c.id.as_str())).collect();
    let mut latest: Vec<&WardRow> = Vec::new();
    for row in archived.iter().filter(|r| r.case().is_some_and(|c| !on_ward.contains(&c.id.as_str()))) {
        let id = row.case().map(|c| c.id.as_str());
        match latest.iter_mut().find(|r| r.case().map(|c| c.id.as_str()) == id) {
            Some(kept) if kept.entry.file < row.entry.file => *kept = row,
            Some(_) => {}
            None => latest.push(row),
        }
    }
    let outpatients =
        rows.iter().filter(|r| r.case().is_some_and(|c| c.status == Some(crate::model::Status::Outpatient)));
    outpatients
        .chain(latest)
        .filter_map(|row| {
            let a = row.assessment.as_ref()?;
            let steps: Vec<&PathwayItem> = a.open_pathway().chain(&a.follow_up).collect();
            (!steps.is_empty()).then_some(FollowUp { row, steps })
        })
        .collect()
}

pub fn run(ctx: &Context, date: Option<&str>, ward: Option<&str>, format: ChecklistFormat) -> CliResult {
    let now = match date {
        Some(d) => ctx.round_start(Date::parse(d).map_err(|e| CliError::Usage(format!("--date: {e}")))?),
        None => ctx.now,
    };
    let mut rows = ctx.ward_at(now)?;
    if let Some(w) = ward {
        rows = crate::ward::of_ward(rows, w).map_err(CliError::Usage)?;
    }
    let patients: Vec<Patient> = rows
        .iter()
        .filter_map(|row| {
            let items = match (row.case(), &row.assessment) {
                (Some(c), Some(a)) => checklist(c, a),
                _ => Vec::new(),
            };
            let jobs = row.case().map(|c| crate::model::jobs::open_jobs(&c.jobs, now)).unwrap_or_default();
            (row.has_problem() || !items.is_empty() || !jobs.is_empty()).then_some(Patient { row, items, jobs })
        })
        .collect();
    // The archive is read for the follow-up list; one that cannot be read is said, never taken for
    // an empty one.
    let (archived, archive_note) = match ctx.store.load_archive() {
        Ok(entries) => (ctx.rows(entries, now), None),
        Err(e) => (
            Vec::new(),
            Some(format!("the archive could not be read ({e}): discharged patients are not on the follow-up list")),
        ),
    };
    let archived = match ward {
        Some(w) => crate::ward::of_ward(archived, w).unwrap_or_default(),
        None => archived,
    };
    let follow = follow_up(&rows, &archived);
    // An archived file that cannot be read may hide an open step: it is said, not skipped.
    let mut archive_notes: Vec<String> = archive_note.into_iter().collect();
    archive_notes.extend(archived.iter().flat_map(|r| r.entry.problems.iter().map(|p| p.message.clone())));
    let title = format!(
        "{}Ward round checklist — {} {}{}",
        ctx.demo_tag(),
        now.date().weekday_short(),
        now.date(),
        ward.map(|w| format!(" — ward {}", crate::model::text::sanitize(w))).unwrap_or_default()
    );
    let title = format!(
        "{title}\n{}\nmade {} {}: every countdown is as of then",
        ctx.data_line(),
        ctx.now.day_month_time(),
        ctx.zone_words()
    );
    match format {
        ChecklistFormat::Json => {
            let patients = patients
                .iter()
                .map(|p| ChecklistPatient {
                    head: CaseHead::new(p.row),
                    items: &p.items,
                    jobs: p.jobs.iter().map(|j| super::json::JobJson::new(j, now)).collect(),
                })
                .collect();
            let follow_up = follow
                .iter()
                .map(|f| FollowUpPatient {
                    head: CaseHead::new(f.row),
                    discharged: f.row.case().and_then(|c| c.discharged).map(|d| d.to_string()),
                    steps: f.steps.iter().map(|item| PathwayJson { item, open: true }).collect(),
                })
                .collect();
            let follow_up_problems = archive_notes.iter().map(|n| crate::model::text::sanitize(n)).collect();
            outln!(
                "{}",
                super::json::to_text(&Checklist {
                    date: now.date().to_string(),
                    patients,
                    follow_up,
                    follow_up_problems
                })
            );
        }
        ChecklistFormat::Text => {
            text(&title, &patients, now);
            nothing_due(&rows, &patients, "");
            follow_up_text(&follow, &archive_notes, "");
        }
        ChecklistFormat::Markdown => {
            markdown(&title, &patients, now);
            nothing_due(&rows, &patients, "\\");
            follow_up_text(&follow, &archive_notes, "- [ ] ");
        }
    }
    if let Some(hint) = super::output::cut_hint() {
        outln!();
        print_wrapped(&hint, "", "  ");
    }
    Ok(ExitCode::SUCCESS)
}

fn heading(row: &WardRow) -> String {
    match row.case() {
        Some(c) => {
            let bed = c.bed.as_ref().map(|b| format!("Bed {} — ", short(&b.safe()))).unwrap_or_default();
            let status = c.status.map(|s| format!(", {s}")).unwrap_or_default();
            format!("{bed}{} ({}{status})", short(&c.name.safe()), c.id)
        }
        None => format!("UNREADABLE {}", row.entry.file),
    }
}

/// The patients with nothing on the round, by name: every patient on the list is accounted for.
fn nothing_due(rows: &[WardRow], patients: &[Patient], escape: &str) {
    let listed: Vec<&str> = patients.iter().map(|p| p.row.entry.file.as_str()).collect();
    let quiet: Vec<String> = rows
        .iter()
        .filter(|r| !listed.contains(&r.entry.file.as_str()))
        .filter_map(|r| r.case().filter(|c| !c.is_discharged()).map(|c| short(&c.name.safe())))
        .collect();
    if !quiet.is_empty() {
        outln!();
        let names =
            if escape.is_empty() { quiet.join(", ") } else { quiet.join(", ").replace('*', "\\*").replace('_', "\\_") };
        print_wrapped(&format!("Nothing due today for {}: {names}.", quiet.len()), "", "  ");
    }
}

/// The follow-up list after the round: each patient with the steps still open. `bullet` begins
/// each step (a Markdown checkbox, or a plain box).
fn follow_up_text(follow: &[FollowUp], archive_notes: &[String], bullet: &str) {
    if follow.is_empty() && archive_notes.is_empty() {
        return;
    }
    outln!();
    let markdown = !bullet.is_empty();
    let title = "Follow-up: discharged patients and outpatients with pathway steps still open";
    if markdown {
        outln!("## {title}\n")
    } else {
        outln!("{}", Paint::detect().bold(title))
    }
    for note in archive_notes {
        print_wrapped(&format!("PROBLEM: {note}"), "", "  ");
    }
    for f in follow {
        let head = heading(f.row);
        let since = f.row.case().and_then(|c| c.discharged).map(|d| format!(", discharged {d}")).unwrap_or_default();
        if markdown {
            outln!("### {}{since}\n", escape(&head))
        } else {
            outln!("{head}{since}")
        }
        for step in &f.steps {
            let line = format!("{}: {} (due {})", step.title, step.detail, step.due);
            if markdown {
                outln!("{bullet}{}", escape(&line));
            } else {
                print_wrapped(&line, " [ ] ", "     ");
            }
        }
        if markdown {
            outln!();
        }
    }
}

fn text(title: &str, patients: &[Patient], now: crate::model::Stamp) {
    let paint = Paint::detect();
    outln!("{}", paint.bold(title));
    if patients.is_empty() {
        outln!("Nothing on the round.");
    }
    for p in patients {
        outln!();
        outln!("{}", paint.bold(&heading(p.row)));
        let what = if p.row.case().is_none() { " ?? [ ] UNREADABLE: " } else { " ?? [ ] PROBLEM: " };
        for problem in &p.row.entry.problems {
            print_wrapped(problem, what, "          ");
        }
        for item in &p.items {
            let line = format!("{} [ ] {}: {}", item.category.marker(), item.category.label(), short_line(&item.text));
            let level = match item.category.marker() {
                "!!" => crate::guidelines::Level::Emergency,
                "! " => crate::guidelines::Level::Urgent,
                _ => crate::guidelines::Level::None,
            };
            for (i, l) in super::output::wrap(&line, " ", "        ").into_iter().enumerate() {
                outln!("{}", if i == 0 { paint.level(level, &l) } else { l });
            }
        }
        for job in &p.jobs {
            let (marker, level) = match job.is_overdue(now) {
                true => ("! ", crate::guidelines::Level::Urgent),
                false => ("  ", crate::guidelines::Level::None),
            };
            let line = format!("{marker} [ ] Job {}", crate::present::job_line(job, now));
            for (i, l) in super::output::wrap(&line, " ", "        ").into_iter().enumerate() {
                outln!("{}", if i == 0 { paint.level(level, &l) } else { l });
            }
        }
        outln!("    notes: {}", "_".repeat(60));
    }
}

/// Compact Markdown that prints on about one A4 page per ten patients.
fn markdown(title: &str, patients: &[Patient], now: crate::model::Stamp) {
    outln!("# {title}\n");
    if patients.is_empty() {
        outln!("Nothing on the round.");
    }
    for p in patients {
        outln!("## {}\n", heading(p.row).replace('*', "\\*"));
        let what = if p.row.case().is_none() { "UNREADABLE" } else { "PROBLEM" };
        for problem in &p.row.entry.problems {
            outln!("- [ ] **{what}**: {}", escape(problem));
        }
        for item in &p.items {
            let label = item.category.label();
            let label =
                if item.category.marker().trim().is_empty() { label.to_string() } else { format!("**{label}**") };
            outln!("- [ ] {label}: {}", escape(&short_line(&item.text)));
        }
        for job in &p.jobs {
            let label = if job.is_overdue(now) { "**Job, overdue**" } else { "Job" };
            outln!("- [ ] {label} {}", escape(&crate::present::job_line(job, now)));
        }
        outln!("\nNotes: {}\n", "\\_".repeat(40));
    }
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('*', "\\*").replace('_', "\\_").replace('<', "&lt;")
}
