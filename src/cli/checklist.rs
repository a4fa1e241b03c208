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

/// What the round keeps of one case file (of the ward or the archive), made as the case is read
/// and assessed, and the case dropped after: the patient's part of the round already written, so
/// a regional round holds its text, not every case and assessment at once.
struct Kept {
    id: Option<String>,
    file: String,
    ward: Option<crate::model::Text>,
    readable: bool,
    /// The file's problems (said on the follow-up list for an archived file).
    problems: Vec<String>,
    /// The patient's part of the round in the format asked for; None when nothing is due.
    block: Option<String>,
    /// The name said under "Nothing due today": a patient on the list, not discharged, with
    /// nothing on the round.
    quiet: Option<String>,
    /// The follow-up entry (steps still open) of an outpatient, or of an archived case.
    follow: Option<Follow>,
    /// Free text was cut in `block`, `quiet` and `follow`: said only for what is printed.
    cut: [bool; 3],
}

/// One patient's follow-up entry, as text (or Markdown), or as JSON.
enum Follow {
    Text(String),
    Json(serde_json::Value),
}

/// What a kept row needs to know to write itself.
struct Writer<'a> {
    format: ChecklistFormat,
    paint: &'a Paint,
    now: crate::model::Stamp,
}

impl Writer<'_> {
    fn keep(&self, row: &WardRow, archived: bool) -> Kept {
        let case = row.case();
        let items = match (case, &row.assessment) {
            (Some(c), Some(a)) if !archived => checklist(c, a),
            _ => Vec::new(),
        };
        let jobs = match case {
            Some(c) if !archived => crate::model::jobs::open_jobs(&c.jobs, self.now),
            _ => Vec::new(),
        };
        let listed = !archived && (row.has_problem() || !items.is_empty() || !jobs.is_empty());
        // Whether free text was cut is asked of each piece on its own: a piece that is not
        // printed (a row of another ward, a copy superseded in the archive) adds no hint.
        super::output::take_cut();
        let block = listed.then(|| self.block(row, &items, &jobs));
        let block_cut = super::output::take_cut();
        // JSON has no "Nothing due today" line.
        let quiet = match case {
            Some(c) if !archived && !listed && !c.is_discharged() && self.format != ChecklistFormat::Json => {
                Some(short(&c.name.safe()))
            }
            _ => None,
        };
        let quiet_cut = super::output::take_cut();
        // Outpatients on the list, and every archived case, with steps still open.
        let follow_up = archived || case.is_some_and(|c| c.status == Some(crate::model::Status::Outpatient));
        let follow = row.assessment.as_ref().filter(|_| follow_up).and_then(|a| {
            let steps: Vec<&PathwayItem> = a.open_pathway().chain(&a.follow_up).collect();
            (!steps.is_empty()).then(|| self.follow(row, &steps))
        });
        let follow_cut = super::output::take_cut();
        Kept {
            id: case.map(|c| c.id.as_str().to_string()),
            file: row.entry.file.clone(),
            ward: case.and_then(|c| c.ward.clone()),
            readable: case.is_some(),
            problems: if archived {
                row.entry.problems.iter().map(|p| p.message.clone()).collect()
            } else {
                Vec::new()
            },
            block,
            quiet,
            follow,
            cut: [block_cut, quiet_cut, follow_cut],
        }
    }

    /// The patient's part of the round.
    fn block(&self, row: &WardRow, items: &[ChecklistItem], jobs: &[&crate::model::Job]) -> String {
        let mut out = Lines::default();
        match self.format {
            ChecklistFormat::Text => text_block(&mut out, self.paint, row, items, jobs, self.now),
            ChecklistFormat::Markdown => markdown_block(&mut out, row, items, jobs, self.now),
            ChecklistFormat::Json => {
                let patient = ChecklistPatient {
                    head: CaseHead::new(row),
                    items,
                    jobs: jobs.iter().map(|j| super::json::JobJson::new(j, self.now)).collect(),
                };
                return patients_element(&patient);
            }
        }
        out.0
    }

    fn follow(&self, row: &WardRow, steps: &[&PathwayItem]) -> Follow {
        let discharged = row.case().and_then(|c| c.discharged);
        match self.format {
            ChecklistFormat::Json => Follow::Json(
                serde_json::to_value(FollowUpPatient {
                    head: CaseHead::new(row),
                    discharged: discharged.map(|d| d.to_string()),
                    steps: steps.iter().map(|item| PathwayJson { item, open: true }).collect(),
                })
                .unwrap_or_else(|e| serde_json::Value::String(format!("cannot write JSON: {e}"))),
            ),
            format => {
                let mut out = Lines::default();
                let markdown = format == ChecklistFormat::Markdown;
                let head = heading(row);
                let since = discharged.map(|d| format!(", discharged {d}")).unwrap_or_default();
                if markdown {
                    out.line(&format!("### {}{since}\n", escape(&head)));
                } else {
                    out.line(&format!("{head}{since}"));
                }
                for step in steps {
                    let line = format!("{}: {} (due {})", step.title, step.detail, step.due);
                    if markdown {
                        out.line(&format!("- [ ] {}", escape(&line)));
                    } else {
                        out.wrapped(&line, " [ ] ", "     ");
                    }
                }
                if markdown {
                    out.line("");
                }
                Follow::Text(out.0)
            }
        }
    }
}

/// Lines written to a string, as `outln!` would write them.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        for line in super::output::wrap(text, first, rest) {
            self.line(&line);
        }
    }
}

/// One patient of the JSON round, indented as an element of `patients` in the whole document.
fn patients_element(patient: &ChecklistPatient) -> String {
    let text = super::json::to_text(&[[patient]]);
    match text.strip_prefix("[\n  [\n").and_then(|t| t.strip_suffix("\n  ]\n]")) {
        Some(element) => element.to_string(),
        None => format!("    {text}"),
    }
}

pub fn run(ctx: &Context, date: Option<&str>, ward: Option<&str>, format: ChecklistFormat) -> CliResult {
    let now = match date {
        Some(d) => ctx.round_start(Date::parse(d).map_err(|e| CliError::Usage(format!("--date: {e}")))?),
        None => ctx.now,
    };
    let paint = Paint::detect();
    let writer = Writer { format, paint: &paint, now };
    let mut rows = ctx.rows_kept(false, now, |r| writer.keep(&r, false))?;
    if let Some(w) = ward {
        rows = crate::ward::on_ward(rows, w, |r| r.ward.as_ref(), |r| !r.readable).map_err(CliError::Usage)?;
    }
    // The archive is read for the follow-up list; one that cannot be read is said, never taken for
    // an empty one.
    let (archived, archive_note) = match ctx.rows_kept(true, now, |r| writer.keep(&r, true)) {
        Ok(archived) => (archived, None),
        Err(e) => (
            Vec::new(),
            Some(format!("the archive could not be read ({e}): discharged patients are not on the follow-up list")),
        ),
    };
    let archived = match ward {
        Some(w) => crate::ward::on_ward(archived, w, |r| r.ward.as_ref(), |r| !r.readable).unwrap_or_default(),
        None => archived,
    };
    let (follow, follow_cut) = follow_up(&rows, &archived);
    if follow_cut || rows.iter().any(|r| r.cut[0] || r.cut[1]) {
        super::output::note_cut();
    }
    // An archived file that cannot be read may hide an open step: it is said, not skipped.
    let mut archive_notes: Vec<String> = archive_note.into_iter().collect();
    archive_notes.extend(archived.iter().flat_map(|r| r.problems.iter().cloned()));
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
    let blocks: Vec<&str> = rows.iter().filter_map(|r| r.block.as_deref()).collect();
    match format {
        ChecklistFormat::Json => {
            let follow_up: Vec<&serde_json::Value> = follow
                .iter()
                .filter_map(|f| match f {
                    Follow::Json(v) => Some(v),
                    Follow::Text(_) => None,
                })
                .collect();
            let follow_up_problems: Vec<String> =
                archive_notes.iter().map(|n| crate::model::text::sanitize(n)).collect();
            // Written with no patients, then the patients (each written as it was kept) put in
            // their place: the keys of the document are in alphabetical order, `patients` last.
            let doc = Checklist { date: now.date().to_string(), patients: Vec::new(), follow_up, follow_up_problems };
            let text = super::json::to_text(&doc);
            match text.strip_suffix("\"patients\": []\n}") {
                Some(head) if !blocks.is_empty() => {
                    super::output::push(head);
                    super::output::push("\"patients\": [\n");
                    for (i, block) in blocks.iter().enumerate() {
                        super::output::push(if i == 0 { "" } else { ",\n" });
                        super::output::push(block);
                    }
                    outln!("\n  ]\n}}");
                }
                _ => outln!("{text}"),
            }
        }
        ChecklistFormat::Text => {
            outln!("{}", paint.bold(&title));
            if blocks.is_empty() {
                outln!("Nothing on the round.");
            }
            blocks.iter().for_each(|b| super::output::push(b));
            nothing_due(&rows, "");
            follow_up_text(&follow, &archive_notes, "");
        }
        ChecklistFormat::Markdown => {
            outln!("# {title}\n");
            if blocks.is_empty() {
                outln!("Nothing on the round.");
            }
            blocks.iter().for_each(|b| super::output::push(b));
            nothing_due(&rows, "\\");
            follow_up_text(&follow, &archive_notes, "- [ ] ");
        }
    }
    if let Some(hint) = super::output::cut_hint() {
        outln!();
        print_wrapped(&hint, "", "  ");
    }
    super::output::leave((rows, archived));
    Ok(ExitCode::SUCCESS)
}

/// The follow-up list: outpatients on the list, then discharged patients in the archive (the
/// latest copy of each, and none who is back on the ward), whose pathway steps are still open:
/// the MSCC coordinator's list.
/// With whether free text was cut in any of them.
fn follow_up<'a>(rows: &'a [Kept], archived: &'a [Kept]) -> (Vec<&'a Follow>, bool) {
    let on_ward: std::collections::HashSet<&str> = rows.iter().filter_map(|r| r.id.as_deref()).collect();
    let mut latest: Vec<&Kept> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for row in archived {
        let Some(id) = row.id.as_deref().filter(|id| !on_ward.contains(id)) else { continue };
        match at.get(id) {
            Some(&i) if latest[i].file < row.file => latest[i] = row,
            Some(_) => {}
            None => {
                at.insert(id, latest.len());
                latest.push(row);
            }
        }
    }
    let listed: Vec<&Kept> = rows.iter().chain(latest).filter(|r| r.follow.is_some()).collect();
    (listed.iter().filter_map(|r| r.follow.as_ref()).collect(), listed.iter().any(|r| r.cut[2]))
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
fn nothing_due(rows: &[Kept], escape: &str) {
    let quiet: Vec<&str> = rows.iter().filter_map(|r| r.quiet.as_deref()).collect();
    if !quiet.is_empty() {
        outln!();
        let names =
            if escape.is_empty() { quiet.join(", ") } else { quiet.join(", ").replace('*', "\\*").replace('_', "\\_") };
        print_wrapped(&format!("Nothing due today for {}: {names}.", quiet.len()), "", "  ");
    }
}

/// The follow-up list after the round: each patient with the steps still open. `bullet` begins
/// each step (a Markdown checkbox, or a plain box).
fn follow_up_text(follow: &[&Follow], archive_notes: &[String], bullet: &str) {
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
        if let Follow::Text(text) = f {
            super::output::push(text);
        }
    }
}

/// One patient of the text round.
fn text_block(
    out: &mut Lines,
    paint: &Paint,
    row: &WardRow,
    items: &[ChecklistItem],
    jobs: &[&crate::model::Job],
    now: crate::model::Stamp,
) {
    out.line("");
    out.line(&paint.bold(&heading(row)));
    let what = if row.case().is_none() { " ?? [ ] UNREADABLE: " } else { " ?? [ ] PROBLEM: " };
    for problem in &row.entry.problems {
        out.wrapped(problem, what, "          ");
    }
    for item in items {
        let line = format!("{} [ ] {}: {}", item.category.marker(), item.category.label(), short_line(&item.text));
        // Every line of a wrapped item in its colour, not the first alone.
        for l in super::output::wrap(&line, " ", "        ") {
            out.line(&paint.category(item.category, &l));
        }
    }
    for job in jobs {
        // An overdue job in the overdue colour, as the checklist's overdue items and the dashboard.
        let overdue = job.is_overdue(now);
        let marker = if overdue { "! " } else { "  " };
        let line = format!("{marker} [ ] Job {}", crate::present::job_line(job, now));
        for l in super::output::wrap(&line, " ", "        ") {
            out.line(&match overdue {
                true => paint.category(crate::engine::Category::Overdue, &l),
                false => l,
            });
        }
    }
    out.line(&format!("    notes: {}", "_".repeat(60)));
}

/// One patient of the Markdown round: compact, about one A4 page per ten patients.
fn markdown_block(
    out: &mut Lines,
    row: &WardRow,
    items: &[ChecklistItem],
    jobs: &[&crate::model::Job],
    now: crate::model::Stamp,
) {
    out.line(&format!("## {}\n", heading(row).replace('*', "\\*")));
    let what = if row.case().is_none() { "UNREADABLE" } else { "PROBLEM" };
    for problem in &row.entry.problems {
        out.line(&format!("- [ ] **{what}**: {}", escape(problem)));
    }
    for item in items {
        let label = item.category.label();
        let label = if item.category.marker().trim().is_empty() { label.to_string() } else { format!("**{label}**") };
        out.line(&format!("- [ ] {label}: {}", escape(&short_line(&item.text))));
    }
    for job in jobs {
        let label = if job.is_overdue(now) { "**Job, overdue**" } else { "Job" };
        out.line(&format!("- [ ] {label} {}", escape(&crate::present::job_line(job, now))));
    }
    out.line(&format!("\nNotes: {}\n", "\\_".repeat(40)));
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('*', "\\*").replace('_', "\\_").replace('<', "&lt;")
}
