//! `cordwatch triage`: the quick "who is urgent right now" check.
//!
//! Lists every open emergency and urgent flag with its findings, when it was raised, the time left
//! to the MRI deadline (or how late it is), the action and the source; then the patients nobody
//! has examined, and every unreadable file. Text fits the terminal's width (`COLUMNS`, else the
//! terminal's, else 80): the brief keeps one line per flag, cut with `…` only when the terminal is
//! too narrow for it; everything else wraps between words with a hanging indent. Exit status: 3 at least one open emergency; otherwise 2
//! when a file could not be read (it may hide one); otherwise 4 for open urgent flags; else 0.

use super::output::outln;
use std::process::ExitCode;

use super::json::TriageCase;
use super::output::{Paint, one_line, print_wrapped, short, short_line};
use super::{CliResult, Context, Format};
use crate::engine::{Flag, NotExamined};
use crate::guidelines::Level;
use crate::present::{flag_clock, flag_gone};
use crate::ward::{self, WardRow};

pub const EXIT_EMERGENCY: u8 = 3;
pub const EXIT_URGENT: u8 = 4;
pub const EXIT_DATA: u8 = 2;

pub fn run(ctx: &Context, format: Format, ward: Option<&str>, long: bool) -> CliResult {
    super::output::fit_terminal();
    let mut rows = ctx.ward()?;
    // Asked of the whole ward, before any ward filter: it is the cases folder that vanished.
    let vanished = ctx.store.vanished(
        rows.iter()
            .map(|r| std::path::Path::new(&r.entry.file).file_stem().and_then(|s| s.to_str()).unwrap_or_default()),
    );
    if let Some(w) = ward {
        rows = crate::ward::of_ward(rows, w).map_err(super::CliError::Usage)?;
    }
    let not_read: Vec<String> =
        ctx.store.not_read().into_iter().filter(|f| f.may_hold_a_patient()).map(|f| f.file).collect();
    let head = Head { vanished: vanished.as_deref(), not_read: &not_read };
    match format {
        Format::Json => {
            if let Some(w) = &vanished {
                eprintln!("cordwatch: {}", crate::model::text::sanitize(w));
            }
            super::output::json_array(&rows, TriageCase::new);
        }
        Format::Text if long => text(ctx, &rows, &head),
        Format::Text => brief(ctx, &rows, &head),
    }
    if let Some(hint) = super::output::cut_hint() {
        print_wrapped(&hint, "", "  ");
    }
    if matches!(format, Format::Json) && !not_read.is_empty() {
        eprintln!("cordwatch: {}", head.not_read_words().unwrap_or_default());
    }
    let status = exit_status(&rows);
    super::output::leave(rows);
    // A vanished ward, or files that were not read, are never an all-clear: 2, as for a file
    // that cannot be read, unless an emergency is open in what was read.
    let in_doubt = vanished.is_some() || !not_read.is_empty();
    Ok(ExitCode::from(if in_doubt && status != EXIT_EMERGENCY { EXIT_DATA } else { status }))
}

/// What triage says about the ward as a whole, above the flags.
struct Head<'a> {
    /// Why the ward looks to have vanished, when it does.
    vanished: Option<&'a str>,
    /// Files in the cases folder that were not read but may hold a patient (hidden, backups).
    not_read: &'a [String],
}

impl Head<'_> {
    /// The second line: the data directory, and how many files in it were not read.
    fn data_line(&self, ctx: &Context) -> String {
        match self.not_read_words() {
            Some(words) => format!("{} · {words}", ctx.data_line()),
            None => ctx.data_line(),
        }
    }

    fn not_read_words(&self) -> Option<String> {
        let n = self.not_read.len();
        (n > 0).then(|| {
            let files = if n == 1 { "1 file".to_string() } else { format!("{n} files") };
            format!("{files} in cases/ NOT READ (hidden or backup names, may hold a patient): `cordwatch validate` names them")
        })
    }

    /// The warning lines, in red, under the data line.
    fn print(&self, paint: &Paint) {
        if let Some(w) = self.vanished {
            for line in super::output::wrap(&format!("!! {w}"), "", "   ") {
                outln!("{}", paint.level(Level::Emergency, &line));
            }
        }
    }

    /// What "no open flags" must add when the list itself is in doubt.
    fn caveat(&self) -> Option<&'static str> {
        if self.vanished.is_some() {
            Some(" in the files there are: case files are missing (above)")
        } else if !self.not_read.is_empty() {
            Some(" in the files that were read: some were not (above)")
        } else {
            None
        }
    }
}

/// 3 for any open emergency (in any file that could be read), else 2 for a problem file, else 4
/// for open urgent flags, else 0.
pub fn exit_status(rows: &[WardRow]) -> u8 {
    let highest = rows.iter().map(WardRow::level).max().unwrap_or(Level::None);
    if highest == Level::Emergency {
        EXIT_EMERGENCY
    } else if rows.iter().any(WardRow::has_problem) {
        EXIT_DATA
    } else if highest == Level::Urgent {
        EXIT_URGENT
    } else {
        0
    }
}

fn who(row: &WardRow) -> String {
    match row.case() {
        Some(c) => {
            let bed = c.bed.as_ref().map(|b| format!("Bed {}  ", short(&b.safe()))).unwrap_or_default();
            let ward = c.ward.as_ref().map(|w| format!("ward {}, ", short(&w.safe()))).unwrap_or_default();
            format!("{bed}{} ({ward}{})", short(&c.name.safe()), c.id)
        }
        None => row.entry.file.clone(),
    }
}

pub fn print_flag(paint: &Paint, f: &Flag, now: crate::model::Stamp) {
    let gone = flag_gone(f, true);
    print_wrapped(&format!("{}: {}{gone}", f.title(), f.what()), "   ", "   ");
    let clock = flag_clock(f, now);
    let countdown = match (&clock.countdown, &clock.stressed) {
        (Some(_), Some(words)) if clock.late => paint.level(Level::Emergency, words),
        (Some(words), _) => words.clone(),
        (None, _) => String::new(),
    };
    print_wrapped(&format!("{}{countdown}", clock.lead), "   ", "   ");
    for a in crate::present::ack_lines(f) {
        print_wrapped(&short_line(&a), "   ", "     ");
    }
    // Under a ceiling of care the rule's actions (an MRI by the deadline) are not what is asked.
    if !matches!(f.status, crate::engine::FlagStatus::WithinCeiling { .. }) {
        for action in f.actions() {
            print_wrapped(action, "   → ", "     ");
        }
    }
    print_wrapped(&format!("Source: {}", f.source().one_line()), "   ", "     ");
}

fn text(ctx: &Context, rows: &[WardRow], head: &Head<'_>) {
    let paint = Paint::detect();
    let (emergency, urgent, _, problems) = ward::counts(rows);
    print_wrapped(
        &format!(
            "{}triage {} {} — {emergency} emergency, {urgent} urgent ({} cases{})",
            ctx.demo_tag(),
            ctx.now,
            ctx.zone_words(),
            rows.len(),
            if problems > 0 { format!(", {problems} UNREADABLE") } else { String::new() }
        ),
        "",
        "  ",
    );
    print_wrapped(&head.data_line(ctx), "", "  ");
    head.print(&paint);
    let mut any = false;
    for row in rows {
        let Some(a) = &row.assessment else { continue };
        let mut open: Vec<&Flag> = a.open_flags_listed().collect();
        open.sort_by_key(|f| (std::cmp::Reverse(f.level), f.deadline));
        for f in open {
            any = true;
            outln!();
            let label = match (f.is_deterioration(), f.level) {
                (true, level) => format!("{} DETERIORATION ({level})", level.marker()),
                (false, Level::Emergency) => "!! EMERGENCY".to_string(),
                (false, _) => "!  URGENT".to_string(),
            };
            for (i, line) in super::output::wrap(&format!("{label}  {}", who(row)), "", "    ").iter().enumerate() {
                match line.strip_prefix(label.as_str()) {
                    Some(rest) if i == 0 => outln!("{}{}", paint.level(f.level, &label), paint.bold(rest)),
                    _ => outln!("{}", paint.bold(line)),
                }
            }
            print_flag(&paint, f, a.now);
            for p in a.parts_of(f) {
                print_wrapped(
                    &format!("with, from the same exam: {}: {} ({})", p.title(), p.what(), p.rule_id()),
                    "   ",
                    "     ",
                );
            }
        }
    }
    if !any {
        outln!();
        outln!("No open emergency or urgent flags{}.", head.caveat().unwrap_or_default());
    }
    let unexamined: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let reason = match r.assessment.as_ref()?.not_examined.as_ref()? {
                NotExamined::Never => "no neurological exam recorded".to_string(),
                NotExamined::Stale { hours_ago, .. } => format!("last exam {hours_ago} h ago"),
            };
            Some(format!("{} — {reason}", who(r)))
        })
        .collect();
    if !unexamined.is_empty() {
        outln!();
        print_painted("Not examined (never reported as free of red flags):", |l| paint.bold(l));
        for u in unexamined {
            print_wrapped(&u, " ! ", "   ");
        }
    }
    let jobs = overdue_jobs(rows, ctx.now);
    if !jobs.is_empty() {
        outln!();
        print_painted("Overdue jobs (cordwatch job list):", |l| paint.bold(l));
        for w in jobs {
            let line = format!("{}: {}", crate::present::job_patient(&w), crate::present::job_line(w.job, ctx.now));
            print_wrapped(&line, " ! ", "   ");
        }
    }
    let broken: Vec<&WardRow> = rows.iter().filter(|r| r.has_problem()).collect();
    if !broken.is_empty() {
        outln!();
        print_painted("UNREADABLE — these files may hide a red flag; fix them now:", |l| {
            paint.level(Level::Emergency, l)
        });
        for r in broken {
            for p in &r.entry.problems {
                print_wrapped(p, " ? ", "   ");
            }
        }
    }
}

/// A heading wrapped to the report's width, each line painted.
fn print_painted(text: &str, paint: impl Fn(&str) -> String) {
    for line in super::output::wrap(text, "", "  ") {
        outln!("{}", paint(&line));
    }
}

/// The open jobs past their due time, across the rows shown.
fn overdue_jobs(rows: &[WardRow], now: crate::model::Stamp) -> Vec<crate::ward::WardJob<'_>> {
    crate::ward::open_jobs(rows, now, None).into_iter().filter(|w| w.overdue).collect()
}

/// The ten-second check: problems that may hide a flag first, then one line per open flag (a
/// second only for what has happened since), who is not examined, the urgent pathway steps, and
/// what each rule asks, once, at the end.
fn brief(ctx: &Context, rows: &[WardRow], head: &Head<'_>) {
    let paint = Paint::detect();
    let (emergency, urgent, _, problems) = ward::counts(rows);
    let problem_word = match problems {
        0 => String::new(),
        // Short, so the headline with the ward's zone still fits 80 columns; the files are
        // named one per line below it.
        n => format!(", {n} PROBLEM"),
    };
    print_wrapped(
        &format!(
            "{}triage {} {} — {emergency} emergency, {urgent} urgent{problem_word}, {} cases",
            ctx.demo_tag(),
            ctx.now.day_month_time(),
            ctx.now.zone().abbreviation_at(ctx.now),
            rows.len()
        ),
        "",
        "  ",
    );
    match head.not_read_words() {
        // Whole, however long: what was not read must never be cut off.
        Some(_) => print_wrapped(&head.data_line(ctx), "", "  "),
        None => print_wrapped(&ctx.data_line(), "", "  "),
    }
    head.print(&paint);
    for r in rows.iter().filter(|r| r.has_problem()) {
        let what = if r.case().is_none() { "UNREADABLE" } else { "PROBLEM" };
        for p in &r.entry.problems {
            let line = one_line(&format!("?? {what} (may hide a flag) {p}"));
            outln!("{}", paint.level(Level::Emergency, &line));
        }
    }
    let mut flags: Vec<(&WardRow, &Flag)> = rows
        .iter()
        .flat_map(|r| r.assessment.iter().flat_map(move |a| a.open_flags_listed().map(move |f| (r, f))))
        .collect();
    flags.sort_by_key(|(_, f)| (std::cmp::Reverse(f.level), f.deadline));
    outln!();
    if flags.is_empty() {
        let caveat = match head.caveat() {
            Some(caveat) => caveat,
            None if problems > 0 => " in the files that could be read: fix the problem files above",
            None => "",
        };
        outln!("No open emergency or urgent flags{caveat}.");
    }
    for ((_, f), line) in flags.iter().zip(crate::present::flag_briefs(&flags, ctx.now, super::output::width())) {
        outln!("{}", paint.level(f.level, &one_line(&line)));
    }
    let unexamined: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let name = short(&r.case()?.name.safe());
            match r.assessment.as_ref()?.not_examined.as_ref()? {
                NotExamined::Never => Some(format!("{name} (never)")),
                NotExamined::Stale { hours_ago, .. } => Some(format!("{name} ({hours_ago} h)")),
            }
        })
        .collect();
    // Straight under the flags, each line labelled: the demo ward's triage, and a ward's, fits an
    // 80 by 24 screen.
    if !unexamined.is_empty() {
        print_wrapped(&format!("! Not examined: {}", unexamined.join(", ")), "", "  ");
    }
    let steps: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            let name = r.case().map(|c| short(&c.name.safe())).unwrap_or_default();
            r.assessment.iter().flat_map(move |a| {
                let name = name.clone();
                a.open_pathway()
                    .filter(|i| i.level == crate::engine::ItemLevel::Urgent)
                    .map(move |i| format!("{name} {}", i.tag))
            })
        })
        .collect();
    if !steps.is_empty() {
        print_wrapped(&format!("! Urgent steps: {} (see checklist)", steps.join(", ")), "", "  ");
    }
    let jobs: Vec<String> = overdue_jobs(rows, ctx.now)
        .iter()
        .map(|w| format!("{} #{}", w.row.case().map(|c| short(&c.name.safe())).unwrap_or_default(), w.job.number))
        .collect();
    if !jobs.is_empty() {
        print_wrapped(&format!("! Overdue jobs: {} (cordwatch job list)", jobs.join(", ")), "", "  ");
    }
    if !unexamined.is_empty() || !steps.is_empty() || !jobs.is_empty() {
        outln!();
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut legend: Vec<String> = Vec::new();
    for (_, f) in &flags {
        if seen.contains(&f.rule_id()) {
            continue;
        }
        seen.push(f.rule_id());
        let first = f.actions().first().map(String::as_str).unwrap_or_default();
        // The guideline's short name ("NICE NG234"): the full citation is in --long and `show`.
        let source: String = f
            .source()
            .list()
            .first()
            .map(|s| s.guideline.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        legend.push(one_line(&format!("{:<6}{source}: {first}", f.tag())));
    }
    if !legend.is_empty() {
        for l in legend {
            outln!("{l}");
        }
        print_wrapped("--long: every action and source in full · show ID: one patient", "", "  ");
    }
}
