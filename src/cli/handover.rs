//! `cordwatch handover`: the ward's handover list for the on-call team. Every patient with a
//! handover note in force, an open emergency or an open job, in the list's clinical priority
//! order, with the note (who wrote it and when), the emergencies with their countdowns, the open
//! jobs (overdue first) and the case's plan. Files that cannot be read are listed first: they may
//! hide an emergency.

use std::process::ExitCode;

use super::output::{Paint, outln, print_wrapped};
use super::{CliError, CliResult, Context};
use crate::guidelines::Level;
use crate::model::Stamp;
use crate::model::jobs::{current_handover, open_jobs};
use crate::ward::WardRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoverFormat {
    Text,
    Markdown,
}

/// One patient on the handover, in words.
pub struct HandoverPatient {
    pub heading: String,
    pub emergencies: Vec<String>,
    /// "Handover (Dr Patel, 2026-11-23 06:00)" and the note's lines.
    pub note: Option<(String, Vec<String>)>,
    pub jobs: Vec<(bool, String)>,
    pub plan: Vec<String>,
}

/// The handover list of `rows` at `now`: who is on it and what is said for each.
pub fn handover_list(rows: &[WardRow], now: Stamp) -> Vec<HandoverPatient> {
    rows.iter()
        .filter_map(|row| {
            let case = row.case()?;
            let emergencies: Vec<String> = row
                .assessment
                .iter()
                .flat_map(|a| a.open_flags())
                .filter(|f| f.level == Level::Emergency)
                .map(|f| {
                    let left = crate::present::duration::countdown(f.minutes_left(now));
                    format!("EMERGENCY {} — {}: {} ({left})", f.rule_id(), f.what(), f.due_by(&f.deadline.to_string()))
                })
                .collect();
            let note = current_handover(&case.handover)
                .map(|h| (crate::present::handover_head(h), crate::present::handover_lines(h)));
            let jobs: Vec<(bool, String)> = open_jobs(&case.jobs, now)
                .into_iter()
                .map(|j| (j.is_overdue(now), crate::present::job_line(j, now)))
                .collect();
            if emergencies.is_empty() && note.is_none() && jobs.is_empty() {
                return None;
            }
            let bed = case.bed.as_ref().map(|b| format!("Bed {} — ", b.safe())).unwrap_or_default();
            let ward = case.ward.as_ref().map(|w| format!(", ward {}", w.safe())).unwrap_or_default();
            let plan = case
                .plan
                .as_ref()
                .map(|p| p.raw().lines().map(crate::model::text::sanitize).collect())
                .unwrap_or_default();
            Some(HandoverPatient {
                heading: format!("{bed}{} ({}{ward})", case.name.safe(), case.id),
                emergencies,
                note,
                jobs,
                plan,
            })
        })
        .collect()
}

pub fn run(ctx: &Context, ward: Option<&str>, format: HandoverFormat) -> CliResult {
    let mut rows = ctx.ward()?;
    if let Some(w) = ward {
        rows = crate::ward::of_ward(rows, w).map_err(CliError::Usage)?;
    }
    let title = format!(
        "{}Handover — {} {}{}",
        ctx.demo_tag(),
        ctx.now.date().weekday_short(),
        ctx.now,
        ward.map(|w| format!(" — ward {}", crate::model::text::sanitize(w))).unwrap_or_default()
    );
    let problems: Vec<String> = rows
        .iter()
        .filter(|r| r.has_problem())
        .flat_map(|r| r.entry.problems.iter().map(|p| format!("{p} — may hide an emergency, a note or a job")))
        .collect();
    let list = handover_list(&rows, ctx.now);
    let text = match format {
        HandoverFormat::Text => render_text(&title, &ctx.data_line(), &problems, &list),
        HandoverFormat::Markdown => render_markdown(&title, &ctx.data_line(), &problems, &list),
    };
    let paint = Paint::detect();
    for line in text.lines() {
        if line.starts_with("!!") || line.starts_with("??") {
            outln!("{}", paint.level(Level::Emergency, line));
        } else if format == HandoverFormat::Text {
            print_wrapped(line, "", "      ");
        } else {
            outln!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The handover as plain text, one line per thing said.
pub fn render_text(title: &str, data: &str, problems: &[String], list: &[HandoverPatient]) -> String {
    let mut out = vec![title.to_string(), data.to_string()];
    for p in problems {
        out.push(format!("?? UNREADABLE {p}"));
    }
    if list.is_empty() {
        out.push("Nobody on the handover: no notes, open emergencies or open jobs.".into());
    }
    for p in list {
        out.push(String::new());
        out.push(p.heading.clone());
        out.extend(p.emergencies.iter().map(|e| format!("!! {e}")));
        if let Some((head, lines)) = &p.note {
            out.push(format!("   {head}:"));
            out.extend(lines.iter().map(|l| format!("     {l}")));
        }
        for (overdue, job) in &p.jobs {
            out.push(format!("   {} Job {job}", if *overdue { "!" } else { "[ ]" }));
        }
        if !p.plan.is_empty() {
            out.push(format!("   Plan: {}", p.plan.join(" / ")));
        }
    }
    out.join("\n")
}

/// The handover as Markdown, for printing.
pub fn render_markdown(title: &str, data: &str, problems: &[String], list: &[HandoverPatient]) -> String {
    let e = escape;
    let mut out = vec![format!("# {}", e(title)), String::new(), e(data), String::new()];
    for p in problems {
        out.push(format!("- **UNREADABLE** {}", e(p)));
    }
    if list.is_empty() {
        out.push("Nobody on the handover: no notes, open emergencies or open jobs.".into());
    }
    for p in list {
        out.push(String::new());
        out.push(format!("## {}", e(&p.heading)));
        out.push(String::new());
        out.extend(p.emergencies.iter().map(|x| format!("- **{}**", e(x))));
        if let Some((head, lines)) = &p.note {
            out.push(format!("- {}:", e(head)));
            out.extend(lines.iter().map(|l| format!("  > {}", e(l))));
        }
        for (overdue, job) in &p.jobs {
            let label = if *overdue { "**Job, overdue**" } else { "Job" };
            out.push(format!("- [ ] {label} {}", e(job)));
        }
        if !p.plan.is_empty() {
            out.push(format!("- Plan: {}", e(&p.plan.join(" / "))));
        }
    }
    out.join("\n")
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('*', "\\*").replace('_', "\\_").replace('<', "&lt;")
}
