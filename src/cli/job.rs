//! `cordwatch job add|done|cancel|list`: the round's jobs. Adding, ticking off and cancelling are
//! the record catalogue's `job`, `job-done` and `job-cancel` kinds (the same as `cordwatch record
//! job ...` and the dashboard's keys), written through the store like every record; `list` reads
//! the ward's open jobs, overdue first.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches};

use super::json::{JobJson, to_text};
use super::output::{Paint, outln, print_wrapped};
use super::record::RecordCommand;
use super::{CliError, CliResult, Context, Format};
use crate::record::KindId;

/// What `cordwatch job` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobCommand {
    /// Add, tick off or cancel: one record of the catalogue.
    Record(RecordCommand),
    List(ListArgs),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListArgs {
    pub ward: Option<String>,
    pub owner: Option<String>,
    pub mine: bool,
    pub format: Format,
}

/// The subcommands that write, each a kind of the catalogue, with its examples.
const WRITES: [(&str, KindId, &str); 3] = [
    (
        "add",
        KindId::Job,
        "Examples:\n  cordwatch job add RXH1042331 --text \"chase the MRI report\" --owner \"Dr Okafor\" --due \"2026-11-23 14:00\"\n  cordwatch job add 12 --text \"calcium tomorrow\" --due 2026-11-24",
    ),
    (
        "done",
        KindId::JobDone,
        "Examples:\n  cordwatch job done RXH1042331 2\n  cordwatch job done RXH1042331 2 --at \"2026-11-23 11:40\" --by \"Dr Okafor\"",
    ),
    (
        "cancel",
        KindId::JobCancel,
        "Examples:\n  cordwatch job cancel RXH1042331 3 --reason \"MRI reported: no compression\"",
    ),
];

fn list_command() -> clap::Command {
    clap::Command::new("list")
        .about("The ward's open jobs, overdue first (then by due time)")
        .after_help("Examples:\n  cordwatch job list\n  cordwatch job list --ward 7B --owner \"Dr Okafor\"\n  cordwatch job list --mine --format json")
        .arg(Arg::new("ward").long("ward").value_name("WARD").help("Only this ward (any capitals)"))
        .arg(Arg::new("owner").long("owner").value_name("NAME").help("Only the jobs of this owner (any capitals)"))
        .arg(
            Arg::new("mine")
                .long("mine")
                .action(ArgAction::SetTrue)
                .conflicts_with("owner")
                .help("Only the jobs whose owner is you (the name records default to)"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_parser(["text", "json"])
                .default_value("text")
                .help("text for people, json for scripts (docs/json.md)"),
        )
}

impl clap::FromArgMatches for JobCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = matches.subcommand().ok_or_else(|| clap::Error::new(ErrorKind::MissingSubcommand))?;
        if name == "list" {
            let text = |n: &str| sub.get_one::<String>(n).cloned();
            let format = if text("format").as_deref() == Some("json") { Format::Json } else { Format::Text };
            return Ok(JobCommand::List(ListArgs {
                ward: text("ward"),
                owner: text("owner"),
                mine: sub.get_flag("mine"),
                format,
            }));
        }
        let (_, kind, _) =
            WRITES.iter().find(|(n, _, _)| *n == name).ok_or_else(|| clap::Error::new(ErrorKind::InvalidSubcommand))?;
        Ok(JobCommand::Record(super::record::given(*kind, sub)))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = JobCommand::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Subcommand for JobCommand {
    fn augment_subcommands(command: clap::Command) -> clap::Command {
        let command = WRITES.iter().fold(command, |command, (name, kind, examples)| {
            let mut sub = super::record::subcommand(kind.kind()).name(*name).after_help(*examples);
            if kind.kind().field("job").is_some() {
                // The job's number follows the case's id: `job done RXH1042331 2`.
                sub = sub.mut_arg("job", |a| a.long(None).index(2));
            }
            command.subcommand(sub)
        });
        command.subcommand(list_command())
    }

    fn augment_subcommands_for_update(command: clap::Command) -> clap::Command {
        JobCommand::augment_subcommands(command)
    }

    fn has_subcommand(name: &str) -> bool {
        name == "list" || WRITES.iter().any(|(n, _, _)| *n == name)
    }
}

pub fn run(ctx: &Context, command: &JobCommand) -> CliResult {
    match command {
        JobCommand::Record(record) => super::record::run(ctx, record),
        JobCommand::List(args) => list(ctx, args),
    }
}

fn list(ctx: &Context, args: &ListArgs) -> CliResult {
    let mut rows = ctx.ward_at(ctx.now)?;
    if let Some(w) = &args.ward {
        rows = crate::ward::of_ward(rows, w).map_err(CliError::Usage)?;
    }
    let owner = match (&args.owner, args.mine) {
        (Some(o), _) => Some(o.clone()),
        (None, true) => Some(ctx.store.user().to_string()),
        (None, false) => None,
    };
    let jobs = crate::ward::open_jobs(&rows, ctx.now, owner.as_deref());
    if args.format == Format::Json {
        let shaped: Vec<JobJson> = jobs.iter().map(|w| JobJson::on_ward(w, ctx.now)).collect();
        outln!("{}", to_text(&shaped));
        return Ok(ExitCode::SUCCESS);
    }
    let paint = Paint::detect();
    let overdue = jobs.iter().filter(|w| w.overdue).count();
    let whose = owner.map(|o| format!(" — owner {}", crate::model::text::sanitize(&o))).unwrap_or_default();
    let ward = args.ward.as_deref().map(|w| format!(" — ward {}", crate::model::text::sanitize(w))).unwrap_or_default();
    outln!(
        "{}",
        paint.bold(&format!(
            "{}Open jobs{ward}{whose} — {} open, {overdue} overdue, as of {}",
            ctx.demo_tag(),
            jobs.len(),
            ctx.now
        ))
    );
    outln!("{}", ctx.data_line());
    // Unreadable files may hold jobs: said, never taken for none.
    for row in rows.iter().filter(|r| r.case().is_none()) {
        print_wrapped(&format!("?? UNREADABLE {}: its jobs cannot be listed", row.entry.file), "", "   ");
    }
    if jobs.is_empty() {
        outln!("No open jobs.");
    }
    for w in &jobs {
        let line = format!(
            "{} {}: {}",
            if w.overdue { "!!" } else { "  " },
            crate::present::job_patient(w),
            crate::present::job_line(w.job, ctx.now)
        );
        for (i, l) in super::output::wrap(&line, "", "      ").into_iter().enumerate() {
            outln!("{}", if i == 0 && w.overdue { paint.level(crate::guidelines::Level::Urgent, &l) } else { l });
        }
    }
    Ok(ExitCode::SUCCESS)
}
