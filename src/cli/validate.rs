//! `cordwatch validate`: every case file, the config and the guidelines, each problem with its
//! file and line. Exit 1 when there is any problem.

use super::output::outln;
use std::process::ExitCode;

use super::output::{Paint, print_wrapped, wrap};
use super::{CliResult, Context};

pub fn run(ctx: &Context) -> CliResult {
    let paint = Paint::detect();
    // Writes interrupted before their audit line are settled first (a discharge finished may
    // move a file), so what is checked below is what is on disk after.
    let settled = ctx.store.settle_journal();
    // Every file read and parsed itself: a check of the files must not be answered by a cache.
    let store = ctx.store.without_cache();
    let mut entries = store.load_all()?;
    let archived = store.load_archive()?;
    let case_count = entries.len();
    // A patient the audit log shows on the ward with no file is a problem, one or the whole ward.
    let stems: Vec<String> = entries
        .iter()
        .filter_map(|e| std::path::Path::new(&e.file).file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    let missing = ctx.store.vanished(stems.iter().map(String::as_str));
    entries.extend(archived);
    let flag_ids = ctx.guidelines.flag_ids();
    let mut problems: Vec<String> = Vec::new();
    problems.extend(missing);
    let mut warnings: Vec<String> = ctx.setup_warnings.clone();
    warnings.extend(settled.into_iter().map(|s| format!("journal: {s}")));
    for entry in &entries {
        problems.extend(entry.problems.iter().map(|p| p.message.clone()));
        let Some(case) = &entry.case else { continue };
        for ack in &case.acknowledged {
            if !ctx.guidelines.is_rule(&ack.flag) {
                let needle = format!("flag: {}", ack.flag);
                let line = ctx.store.find_line(entry, &needle).map(|l| format!(":{l}")).unwrap_or_default();
                problems.push(format!(
                    "{}{line}: acknowledgement names `{}`, which is not a rule, so it acknowledges nothing; rules are {}",
                    entry.file,
                    ack.flag,
                    flag_ids.join(", ")
                ));
            }
        }
        let a = ctx.assess(case, ctx.now);
        warnings.extend(a.warnings.iter().map(|w| format!("{}: {w}", entry.file)));
        problems.extend(crate::ward::record_problems(entry, &a).into_iter().map(String::from));
    }
    warnings.extend(ctx.store.stale_temp_files().into_iter().map(|f| {
        format!("{f}: a temporary file left by a writer that was stopped; it holds a copy of a patient's record and is removed at the next write to that case")
    }));
    for file in ctx.store.not_read() {
        if file.may_hold_a_patient() {
            problems.push(file.describe());
        } else {
            warnings.push(file.describe());
        }
    }
    let (journal_problems, journal_warnings) = ctx.store.journal_report();
    problems.extend(journal_problems);
    warnings.extend(journal_warnings);
    if ctx.store.schema_is_stale() && !ctx.is_demo() {
        warnings.push(format!(
            "{}: missing, or not this version's schema of the case file, so editors may underline fields that are correct; run `cordwatch init` to write it again",
            crate::model::schema::SCHEMA_FILE
        ));
    }
    if let Some(group) = &ctx.settings.shared_group {
        problems.extend(crate::store::check_shared_files(ctx.store.root(), group));
    }
    if let Err(e) = ctx.settings.check_dashboard() {
        problems.push(e);
    }

    let header = format!(
        "{}checked {case_count} case files ({} archived) in {} ({})",
        ctx.demo_tag(),
        entries.len() - case_count,
        ctx.store.root().display(),
        ctx.data_source
    );
    print_wrapped(&header, "", "  ");
    let rules =
        format!("guidelines: {} ({} rules files, complete)", ctx.guidelines.origin, crate::guidelines::FILES.len());
    print_wrapped(&rules, "", "  ");
    match (&ctx.settings.system_file, &ctx.settings.file) {
        (Some(s), Some(f)) => print_wrapped(&format!("config: {} over {}", f.display(), s.display()), "", "  "),
        (Some(s), None) => print_wrapped(&format!("config: {}", s.display()), "", "  "),
        (None, Some(f)) => print_wrapped(&format!("config: {}", f.display()), "", "  "),
        (None, None) => outln!("config: shipped defaults"),
    }
    for w in &warnings {
        for (i, line) in wrap(&format!("warning: {w}"), "", "  ").into_iter().enumerate() {
            outln!("{}", if i == 0 { paint.warn(&line) } else { line });
        }
    }
    for p in &problems {
        print_wrapped(p, "", "  ");
    }
    if problems.is_empty() {
        outln!("no problems found");
        Ok(ExitCode::SUCCESS)
    } else {
        outln!("{} problem{} found", problems.len(), if problems.len() == 1 { "" } else { "s" });
        Ok(ExitCode::from(1))
    }
}
