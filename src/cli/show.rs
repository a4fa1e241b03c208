//! `cordwatch show ID`: everything about one patient — flags, scores and NOMS, schedule items,
//! and the timeline of exams, imaging and treatment.

use super::output::outln;
use std::process::ExitCode;

use super::json::ShowCase;
use super::output::{Paint, fit, print_wrapped, short, short_line, wrap};
use super::triage::print_flag;
use super::{CliError, CliResult, Context, Format};
use crate::engine::scores::Component;
use crate::engine::{Assessment, Category, DueStatus, FlagStatus, NotExamined, Scores};
use crate::guidelines::Level;
use crate::model::{Case, CaseId};
use crate::present::primary_label;
use crate::ward::{self, WardRow};

/// `long`: free text printed whole, however long (by default each field is cut at
/// [`super::output::FIELD_CHARS`] characters, and the report says so at its end).
pub fn run(ctx: &Context, query: &str, format: Format, long: bool, history: bool) -> CliResult {
    if long {
        super::output::print_whole();
    }
    let row = match query.parse::<CaseId>().ok().and_then(|id| ctx.store.load(&id).ok()) {
        Some(entry) => ctx.row(entry, ctx.now),
        None => {
            let rows = ctx.ward()?;
            ward::find(&rows, query).map_err(CliError::Usage)?.clone()
        }
    };
    let (Some(case), Some(a)) = (row.case(), &row.assessment) else {
        return Err(CliError::Usage(format!(
            "{}\nfix the file first (`cordwatch validate` lists every problem)",
            crate::model::problem::join(&row.entry.problems, "\n")
        )));
    };
    match format {
        Format::Json => {
            let scores = crate::engine::score(case, &ctx.guidelines, a.now);
            let mut shown = ShowCase::new(&row, case, a, scores);
            if history {
                let lines = ctx.store.history(&case.id)?;
                shown.history = Some(lines.into_iter().map(super::json::HistoryJson::new).collect());
            }
            outln!("{}", super::json::to_text(&shown));
        }
        Format::Text => {
            text(ctx, &row, case, a);
            if history {
                who_did_what(ctx, &case.id)?;
            }
            if let Some(hint) = super::output::cut_hint() {
                outln!();
                print_wrapped(&hint.replace("ID", case.id.as_str()), "", "  ");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn components(list: &[Component]) -> String {
    list.iter()
        .map(|c| match (&c.value, c.points) {
            (Some(v), Some(p)) => format!("{} {v} ({p})", c.name),
            (Some(v), None) => format!("{} {v} (not scored)", c.name),
            (None, _) => format!("{} MISSING", c.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every section, one after another.
fn text(ctx: &Context, row: &WardRow, case: &Case, a: &Assessment) {
    let paint = Paint::detect();
    header(ctx, &paint, row, case);
    flags(&paint, a);
    pathway(&paint, case, a);
    schedule(&paint, a);
    scores(&paint, &crate::engine::score(case, &ctx.guidelines, a.now));
    timeline(&paint, case);
    plan(&paint, case, a);
}

/// Name, place and status; birth, sex and team; the cancer; the spine; any problem with the file.
fn header(ctx: &Context, paint: &Paint, row: &WardRow, case: &Case) {
    let place = match (&case.bed, &case.ward) {
        (Some(b), Some(w)) => format!("Bed {}, ward {}", short(&b.safe()), short(&w.safe())),
        (None, Some(w)) => format!("ward {}", short(&w.safe())),
        (Some(b), None) => format!("Bed {}", short(&b.safe())),
        (None, None) => "no bed".into(),
    };
    let status = case.status.map(|s| s.to_string()).unwrap_or_else(|| "status not recorded".into());
    let since = case.admitted.map(|d| format!(" since {d}")).unwrap_or_default();
    let title = format!("{}{} ({}) — {place} — {status}{since}", ctx.demo_tag(), short(&case.name.safe()), case.id);
    for line in wrap(&title, "", "  ") {
        outln!("{}", paint.bold(&line));
    }
    let born = case.born.map(|b| format!("born {b}")).unwrap_or_else(|| "born ?".into());
    let sex = case.sex.map(|s| format!(", {s}")).unwrap_or_default();
    let team = case.team.as_ref().map(|t| format!(" · {}", short(&t.safe()))).unwrap_or_default();
    print_wrapped(&format!("{born}{sex}{team}"), "", "  ");
    if let Some(c) = &case.cancer {
        let mut parts = vec![primary_label(case)];
        parts.extend(c.histology.as_ref().map(|h| short(&h.safe())));
        parts.extend(c.diagnosed.map(|d| format!("diagnosed {d}")));
        parts.extend(c.kps.map(|k| format!("KPS {k}")));
        parts.extend(c.ecog.map(|e| format!("ECOG {e}")));
        parts.extend(c.life_expectancy_months.map(|m| format!("life expectancy {m} months")));
        print_wrapped(&format!("Cancer: {}", parts.join(" · ")), "", "  ");
    }
    if let Some(s) = &case.spine {
        let levels: Vec<String> = s.levels.iter().map(|l| l.to_string()).collect();
        let mut parts = vec![if levels.is_empty() { "levels not recorded".into() } else { levels.join(", ") }];
        parts.extend(s.extraspinal_bone_mets.map(|n| format!("{n} extraspinal bone mets")));
        parts.extend(s.visceral_mets.map(|v| format!("visceral mets {v}")));
        print_wrapped(&format!("Spine: {}", parts.join(" · ")), "", "  ");
    }
    for p in &row.entry.problems {
        for line in wrap(&format!("PROBLEM: {p}"), "", "  ") {
            outln!("{}", paint.level(Level::Emergency, &line));
        }
    }
}

/// One flag: its state and rule id, then what `print_flag` says of it.
fn flag_entry(paint: &Paint, f: &crate::engine::Flag, lead: &str, now: crate::model::Stamp) {
    let state = match &f.status {
        FlagStatus::Open => format!("{} OPEN {}", f.level.marker(), f.level.as_str().to_uppercase()),
        FlagStatus::Actioned { .. } => format!("actioned ({})", f.level),
        FlagStatus::Treated { .. } => format!("treated ({})", f.level),
        FlagStatus::Closed { .. } => format!("closed ({})", f.level),
        FlagStatus::WithinCeiling { .. } => format!("within the ceiling of care ({})", f.level),
    };
    let level = if f.is_open() { f.level } else { Level::None };
    outln!("{lead}{}  {}", paint.level(level, &state), paint.dim(f.rule_id()));
    print_flag(paint, f, now);
}

/// Every flag in the engine's order, then whether the patient has gone unexamined.
fn flags(paint: &Paint, a: &Assessment) {
    outln!();
    outln!("{}", paint.bold("FLAGS"));
    if a.flags.is_empty() {
        match &a.not_examined {
            Some(_) => outln!("   none raised, but see NOT EXAMINED below"),
            None => outln!("   no red flags at any exam"),
        }
    }
    // A flag raised from the same exam as another is listed under it, never left out.
    for f in crate::present::flags_most_serious_first(&a.flags).into_iter().filter(|f| f.part_of.is_none()) {
        flag_entry(paint, f, "", a.now);
        for p in a.parts_of(f) {
            flag_entry(paint, p, "   part of it, from the same exam: ", a.now);
        }
    }
    match &a.not_examined {
        Some(NotExamined::Never) => {
            outln!("{}", paint.level(Level::Urgent, " ! NOT EXAMINED: no neurological exam recorded"))
        }
        Some(NotExamined::Stale { last, hours_ago }) => {
            outln!("{}", paint.level(Level::Urgent, &format!(" ! NOT EXAMINED for {hours_ago} h (last exam {last})")))
        }
        None => {}
    }
}

/// The pathway after the MRI: running steroid courses, then each step; nothing when there is none.
fn pathway(paint: &Paint, case: &Case, a: &Assessment) {
    let steps = crate::present::pathway_steps(a);
    let steroids = crate::present::steroid_lines(case, a);
    if steps.is_empty() && steroids.is_empty() {
        return;
    }
    outln!();
    outln!("{}", paint.bold("AFTER THE MRI (pathway)"));
    for s in &steroids {
        print_wrapped(&format!("steroids: {s}"), "   ", "     ");
    }
    for step in &steps {
        let level = match step.category {
            Some(Category::Urgent) => Level::Urgent,
            _ => Level::None,
        };
        for (i, line) in wrap(&step.head, "   ", "     ").into_iter().enumerate() {
            outln!("{}", if i == 0 { paint.level(level, &line) } else { line });
        }
        print_wrapped(&step.detail, "     ", "     ");
        for s in &step.state {
            print_wrapped(s, "     ", "       ");
        }
    }
}

fn schedule(paint: &Paint, a: &Assessment) {
    outln!();
    outln!("{}", paint.bold("SCHEDULE"));
    if a.schedule.is_empty() {
        outln!("   nothing scheduled");
    }
    for i in &a.schedule {
        let due = if i.status == DueStatus::Pending { "          ".to_string() } else { i.due.to_string() };
        let level = if i.status == DueStatus::Overdue { Level::Urgent } else { Level::None };
        let label = paint.level(level, &format!("{:<9}", i.status.label()));
        outln!(" {label} {due}  {}", fit(&i.title, 80 - 23));
        print_wrapped(&format!("{} [{}]", i.detail, i.rule), "                       ", "                       ");
    }
    outln!(
        "   next spine imaging: {} · bone agent due: {}",
        a.next_imaging_due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        a.bone_agent_due.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
    );
}

fn scores(paint: &Paint, sc: &Scores) {
    outln!();
    outln!("{}", paint.bold("SCORES (decision support; the clinician decides)"));
    match &sc.sins {
        Some(s) => {
            let head = match (s.total, &s.band) {
                (Some(t), Some(b)) => {
                    let opinion = if s.surgical_opinion == Some(true) { " — spinal surgical opinion" } else { "" };
                    format!("SINS {t} ({b}){opinion}")
                }
                _ => format!("SINS incomplete (missing {})", s.missing.join(", ")),
            };
            print_wrapped(&format!("{head}: {}", components(&s.components)), "   ", "     ");
        }
        None => outln!("   SINS not recorded"),
    }
    match &sc.escc {
        Some(e) => {
            print_wrapped(&format!("ESCC {} ({}): {} — MRI {}", e.grade, e.band, e.meaning, e.mri_done), "   ", "     ")
        }
        None => outln!("   ESCC not recorded on any spine MRI"),
    }
    let t = &sc.tokuhashi;
    let head = match (t.total, &t.band) {
        (Some(total), Some(band)) => format!("Revised Tokuhashi {total} (predicted survival {band})"),
        _ => format!("Revised Tokuhashi incomplete (missing {})", t.missing.join(", ")),
    };
    print_wrapped(&format!("{head}: {}", components(&t.components)), "   ", "     ");
    let n = &sc.noms;
    print_wrapped(
        &format!(
            "NOMS — neurologic: {}; oncologic: {}; mechanical: {}; systemic: {}",
            n.neurologic, n.oncologic, n.mechanical, n.systemic
        ),
        "   ",
        "     ",
    );
    for p in &n.pathway {
        print_wrapped(p, "   → ", "     ");
    }
    if !n.missing.is_empty() {
        print_wrapped(&format!("missing for NOMS: {}", n.missing.join(", ")), "     ", "     ");
    }
}

/// The timeline, oldest first.
fn timeline(paint: &Paint, case: &Case) {
    outln!();
    outln!("{}", paint.bold("TIMELINE"));
    for e in crate::present::timeline(case) {
        print_wrapped(&short_line(&e.what), &format!(" {:<16}  ", e.when), "                    ");
    }
}

/// Who did what to the patient, from the audit log, oldest first.
fn who_did_what(ctx: &Context, id: &CaseId) -> Result<(), CliError> {
    let paint = Paint::detect();
    outln!();
    outln!("{}", paint.bold("HISTORY (audit.log: who did what)"));
    let lines = ctx.store.history(id)?;
    if lines.is_empty() {
        outln!("   no writes to this case in the audit log");
    }
    for h in lines {
        let who = h.who();
        print_wrapped(
            &short_line(&format!("{who}: {} — {}", h.operation, h.summary)),
            &format!(" {:<25} ", h.time),
            "                           ",
        );
    }
    Ok(())
}

/// The plan, then the engine's warnings about the record.
fn plan(paint: &Paint, case: &Case, a: &Assessment) {
    if let Some(plan) = &case.plan {
        outln!();
        outln!("{}", paint.bold("PLAN"));
        for line in plan.safe_multiline().lines() {
            print_wrapped(&short_line(line), "   ", "   ");
        }
    }
    if let Some(h) = crate::model::jobs::current_handover(&case.handover) {
        outln!();
        outln!("{}", paint.bold(&crate::present::handover_head(h).to_uppercase()));
        for line in crate::present::handover_lines(h) {
            print_wrapped(&short_line(&line), "   ", "   ");
        }
    }
    let jobs = crate::model::jobs::open_jobs(&case.jobs, a.now);
    if !jobs.is_empty() {
        outln!();
        outln!("{}", paint.bold("OPEN JOBS"));
        for job in jobs {
            print_wrapped(&crate::present::job_line(job, a.now), "   ", "     ");
        }
    }
    if !a.warnings.is_empty() {
        outln!();
        for w in &a.warnings {
            for line in wrap(&format!("warning: {w}"), "", "  ") {
                outln!("{}", paint.warn(&line));
            }
        }
    }
}
