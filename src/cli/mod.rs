//! The command line: argument parsing and dispatch to one module per command.
//!
//! Exit status: 0 success; 1 `validate` found problems; 2 an error (bad arguments, unreadable
//! data, a write that failed); `triage` also uses 3 (an open emergency) and 4 (open urgent only).

mod audit;
mod audit_svg;
mod checklist;
mod complete;
mod export;
mod fhir_client;
mod guidelines_cmd;
mod handover;
mod import;
mod import_hl7;
mod init;
mod job;
mod json;
mod list;
mod man_page;
mod new_case;
mod output;
mod record;
mod shell;
mod show;
mod sync;
mod triage;
mod validate;
mod vocab_arg;

use crate::out_file;
use output::outln;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

pub use crate::context::Context;
use crate::context::{self, Launch};

/// The heading the options every command takes are listed under.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "cordwatch",
    version,
    term_width = 80,
    about = "Ward rounds for patients with spinal metastases: red flags for cord compression, follow-up schedules, the round checklist",
    long_about = None,
    after_help = "With no command, opens the ward dashboard.\n\nExamples:\n  cordwatch --demo                 the dashboard on an invented demo ward\n  cordwatch triage                 who is urgent right now\n  cordwatch checklist --ward 7B    the morning round on ward 7B\n  cordwatch init /srv/ward --group oncology   set up a shared ward"
)]
pub struct Cli {
    /// Data directory (overrides $CORDWATCH_DATA and data_dir in the config file)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub data: Option<PathBuf>,

    /// Use a temporary copy of the built-in demo ward; nothing touches real data
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub demo: bool,

    /// Config file with your overrides (default: $CORDWATCH_CONFIG, then the platform config dir)
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    /// Judge everything as at this local time, "YYYY-MM-DD HH:MM" (default: now)
    #[arg(long, global = true, value_name = "TIME", conflicts_with = "today", help_heading = GLOBAL)]
    pub now: Option<String>,

    /// Judge everything as at the start of the round on this date, YYYY-MM-DD
    #[arg(long, global = true, value_name = "DATE", help_heading = GLOBAL)]
    pub today: Option<String>,

    /// Parse every case file, neither reading nor writing the parsed-case cache
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_cache: bool,

    /// Colour in the reports and the dashboard: auto (on a terminal, unless NO_COLOR, CLICOLOR=0
    /// or TERM=dumb says otherwise; CLICOLOR_FORCE=1 turns it on), always, or never. COLORFGBG
    /// naming a light background picks the light colours
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = output::ColorChoice::Auto, help_heading = GLOBAL)]
    pub color: output::ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every case file, the config and the guidelines; list each problem with file:line
    #[command(
        after_help = "Examples:\n  cordwatch validate\n  cordwatch --data /srv/ward validate    exit 1 when anything needs fixing"
    )]
    Validate,
    /// One line per case, unreadable files included
    #[command(
        after_help = "Examples:\n  cordwatch list\n  cordwatch list --all --format json    discharged cases too, for a script"
    )]
    List {
        /// text for people, json for scripts (docs/json.md)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include discharged cases from the archive
        #[arg(long)]
        all: bool,
    },
    /// Who is urgent right now: open emergencies and urgent flags with their deadlines
    #[command(
        after_help = "Exit status: 3 an open emergency; 2 a file that could not be read (it may hide one); 4 open urgent flags only; 0 none.\n\nExamples:\n  cordwatch triage\n  cordwatch triage --ward 7B --long\n  cordwatch triage --format json | jq '.[] | select(.level == \"emergency\")'"
    )]
    Triage {
        /// text for people, json for scripts (docs/json.md)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Only this ward (any capitals; unreadable files are always shown)
        #[arg(long, value_name = "WARD")]
        ward: Option<String>,
        /// Every flag in full, with its actions and sources (default: one line each, and a legend)
        #[arg(long)]
        long: bool,
    },
    /// The round checklist for a day, by patient in clinical priority order
    #[command(
        after_help = "Examples:\n  cordwatch checklist --ward 7B\n  cordwatch checklist --format markdown > round.md    to print, with a notes line per patient\n  cordwatch checklist --date 2026-11-24"
    )]
    Checklist {
        /// The round's date (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Only this ward
        #[arg(long, value_name = "WARD")]
        ward: Option<String>,
        /// text, markdown (for printing) or json (docs/json.md)
        #[arg(long, value_enum, default_value_t = ChecklistFormat::Text)]
        format: ChecklistFormat,
    },
    /// Everything about one patient: flags, pathway, scores, schedule, timeline
    #[command(
        after_help = "Examples:\n  cordwatch show RXH1042331\n  cordwatch show \"Margaret Ellis\"\n  cordwatch show 12                 the patient in bed 12"
    )]
    Show {
        /// The case's id, or a unique name (or part of one) or bed
        #[arg(value_name = "ID|NAME|BED", add = complete::case_ids())]
        id: String,
        /// text for people, json for scripts (docs/json.md)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print every free-text field whole (by default each is cut at 200 characters, marked …)
        #[arg(long)]
        long: bool,
        /// Add who did what to this patient, from the audit log: each write's time, clinician (or
        /// account) and what it was (with --format json, a `history` array)
        #[arg(long)]
        history: bool,
    },
    /// Record one clinical event on a case
    #[command(
        subcommand,
        after_help = "Examples:\n  cordwatch record exam RXH1042331 --motor weakness --sensory level --sensory-level T10\n  cordwatch record imaging RXH1042331 --result mscc --escc 2 --at \"2026-11-21 14:10\"\n  cordwatch record radiotherapy RXH1042331 --start 2026-11-22 --dose-gy 20 --fractions 5\n  cordwatch record ack RXH1042331 --flag mscc-neuro --plan \"MRI booked 14:00\""
    )]
    Record(record::RecordCommand),
    /// The round's jobs on each patient: add, tick off, cancel, list the ward's open jobs
    #[command(
        subcommand,
        after_help = "Examples:\n  cordwatch job add RXH1042331 --text \"chase the MRI report\" --owner \"Dr Okafor\" --due \"2026-11-23 14:00\"\n  cordwatch job done RXH1042331 2\n  cordwatch job list --ward 7B"
    )]
    Job(job::JobCommand),
    /// The ward's handover list for the on-call team: patients with a handover note, an open emergency or open jobs
    #[command(
        after_help = "Notes are written with `cordwatch record handover ID --note ...` or H in the dashboard.\n\nExamples:\n  cordwatch handover\n  cordwatch handover --ward 7B --format markdown > handover.md"
    )]
    Handover {
        /// Only this ward (any capitals; unreadable files are always shown)
        #[arg(long, value_name = "WARD")]
        ward: Option<String>,
        /// text, or markdown (for printing)
        #[arg(long, value_enum, default_value_t = handover::HandoverFormat::Text)]
        format: handover::HandoverFormat,
    },
    /// The pathway audit: time to MRI and to treatment against the QS56 standards, per month
    #[command(
        after_help = "Counts the cases and the archive. Within a standard: answered by its deadline, of those answered, open past it or closed after it; closed in time, open with time left, and answered on the deadline's own day but known only by its date are counted apart.\n\nExamples:\n  cordwatch audit                             the last 12 months, every ward\n  cordwatch audit --from 2026-01-01 --to 2026-06-30 --ward 7B\n  cordwatch audit --format csv > a.csv        one row per episode\n  cordwatch audit --format markdown > a.md    for the MDT meeting\n  cordwatch audit --format svg --out a.svg    charts for the slides"
    )]
    Audit {
        /// First day counted, YYYY-MM-DD (default: the first of the month 11 months before --to)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day counted, YYYY-MM-DD (default: today)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only cases on this ward (any capitals)
        #[arg(long, value_name = "WARD")]
        ward: Option<String>,
        /// text, markdown (for printing), csv (one row per episode), json (docs/json.md) or svg (charts)
        #[arg(long, value_enum, default_value_t = audit::AuditFormat::Text)]
        format: audit::AuditFormat,
        /// Write the SVG to this file instead of stdout (--format svg; private to you, 0600; never inside the data directory; an existing file is kept unless --force)
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Replace the file named by --out if it exists
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Write cases in another format for another system (FHIR R4)
    #[command(
        subcommand,
        after_help = "Examples:\n  cordwatch export fhir RXH1042331 > RXH1042331.json\n  cordwatch export fhir --all --out ward.json"
    )]
    Export(export::ExportCommand),
    /// Send cases to another system and keep it in step (a FHIR server)
    #[command(
        subcommand,
        after_help = "Examples:\n  cordwatch sync fhir https://ehr.example/fhir/R4 --all\n  cordwatch sync fhir https://ehr.example/fhir/R4 RXH1042331 --token-file ~/.ehr-token"
    )]
    Sync(sync::SyncCommand),
    /// Bring patients in from a hospital's systems: a CSV list, HL7 v2 ADT, FHIR Patients (docs/import.md)
    #[command(
        subcommand,
        after_help = "Examples:\n  cordwatch import csv ward.csv --dry-run\n  cordwatch import hl7 adt.hl7\n  cordwatch import fhir patients.json"
    )]
    Import(import::ImportCommand),
    /// Create a new case file
    #[command(
        after_help = "Examples:\n  cordwatch new --id RXH1042331 --name \"Margaret Ellis\" --ward 7B --bed 12 --primary breast --subtype her2_positive"
    )]
    New(new_case::NewArgs),
    /// Discharge a case: mark it discharged and move its file to the archive (nothing is deleted)
    #[command(
        after_help = "Refused while an emergency or urgent flag or an urgent pathway step is open: answer it, or close it with a reason first. With other pathway steps open, it lists them and goes on only with --with-open-steps; they stay on the follow-up list of `cordwatch checklist`.\n\nExamples:\n  cordwatch discharge RXH1078551\n  cordwatch discharge RXH1078551 --date 2026-11-22\n  cordwatch discharge RXH3212334 --with-open-steps"
    )]
    Discharge {
        /// The case's id
        #[arg(add = complete::case_ids())]
        id: String,
        /// Discharge date (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Discharge although pathway steps are still open (radiotherapy after surgery, a steroid
        /// taper...): they stay on the follow-up list of `cordwatch checklist`
        #[arg(long)]
        with_open_steps: bool,
    },
    /// Write a synthetic population of invented cases, for measuring the program at scale
    #[command(
        after_help = "Examples:\n  cordwatch demo --generate 10000 --out /tmp/big-ward\n  cordwatch --data /tmp/big-ward triage"
    )]
    Demo {
        /// How many cases, 1 to 200000
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_GENERATED as i64))]
        generate: u32,
        /// The data directory to write them into (its cases folder must be empty)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The same seed always gives the same cases
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Create a data directory (reading commands never create one, so a mistyped path is an error)
    #[command(
        after_help = "Examples:\n  cordwatch init ~/ward\n  cordwatch init /srv/ward --group oncology    shared with everyone in the group"
    )]
    Init {
        /// The directory to create (default: --data, $CORDWATCH_DATA, data_dir in the config file)
        dir: Option<PathBuf>,
        /// Share it with this group: folders 2770 owned by the group, files 0660 (default: shared_group)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Print the clinical rules in force, with their sources
    #[command(
        after_help = "Examples:\n  cordwatch guidelines\n  cordwatch guidelines --export ./our-rules    then set guidelines_dir in the config file"
    )]
    Guidelines {
        /// Write the built-in rules files into DIR, to start a hospital's own copy
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
    },
    /// Print the JSON Schema of the case file, for editors that check YAML as it is typed
    #[command(
        after_help = "The same schema ships as schema/case.schema.json; new case files name it in their first line.\n\nExamples:\n  cordwatch schema > case.schema.json\n  cordwatch schema | jq '.properties | keys'"
    )]
    Schema,
    /// Print the tab-completion script for a shell
    #[command(
        after_help = "These scripts complete commands, options and words. To complete case ids too, register the program itself at each shell start instead (bash, zsh, fish, elvish, powershell): source <(COMPLETE=bash cordwatch)\n\nExamples:\n  cordwatch completions bash > /etc/bash_completion.d/cordwatch\n  cordwatch completions zsh > ~/.zfunc/_cordwatch    ~/.zfunc on $fpath\n  cordwatch completions fish > ~/.config/fish/completions/cordwatch.fish\n  echo 'source <(COMPLETE=bash cordwatch)' >> ~/.bashrc    case ids too"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory
    #[command(
        after_help = "Examples:\n  cordwatch man | man -l -\n  cordwatch man --out ~/.local/share/man/man1    then: man cordwatch"
    )]
    Man {
        /// Write cordwatch.1 and a page per command (cordwatch-triage.1...) into DIR (pages already there are kept unless --force)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace pages already in the directory named by --out
        #[arg(long, requires = "out")]
        force: bool,
    },
}

/// An error for the user: what went wrong and what to do. Each layer's own error is kept as it
/// is until `main` prints it; only the command line's own complaints are words from the start.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// An argument, or what it names, is not acceptable: the message says which and why.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Context(#[from] context::ContextError),
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    /// The record is refused before anything is written (dated ahead, nothing open to acknowledge).
    #[error(transparent)]
    Refused(#[from] context::Refusal),
    /// The output could not be made or written (a picture, a file named by --out).
    #[error("{0}")]
    Output(String),
    /// The dashboard could not start or stopped with an error.
    #[error(transparent)]
    Dashboard(#[from] crate::tui::TuiError),
}

impl From<out_file::OutFileError> for CliError {
    fn from(e: out_file::OutFileError) -> CliError {
        match e {
            out_file::OutFileError::Usage(m) => CliError::Usage(m),
            out_file::OutFileError::Output(m) => CliError::Output(m),
        }
    }
}

impl Cli {
    /// How the program was launched, for opening the context.
    pub fn launch(&self) -> Launch {
        Launch {
            data: self.data.clone(),
            demo: self.demo,
            config: self.config.clone(),
            now: self.now.clone(),
            today: self.today.clone(),
            no_cache: self.no_cache,
        }
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// Runs the program; returns the exit status.
pub fn main() -> ExitCode {
    // Before anything is printed: run as `COMPLETE=bash cordwatch ...` by the shell at each Tab,
    // the program answers with completions (or the registration script) and exits here.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => ExitCode::SUCCESS,
                _ => ExitCode::from(2),
            };
        }
    };
    crate::settings::color::set_choice(cli.color);
    let result = run(cli);
    output::flush();
    match result {
        Ok(code) => code,
        Err(error) => {
            let message = format!("cordwatch: {}", crate::model::text::sanitize_multiline(&error.to_string()));
            if output::utf8() {
                eprintln!("{message}")
            } else {
                eprintln!("{}", crate::present::to_ascii(&message))
            }
            ExitCode::from(2)
        }
    }
}

/// The most cases `demo --generate` makes at once: about 220 MB of case files, ten times the
/// largest ward measured (docs/performance.md).
const MAX_GENERATED: u32 = 200_000;

/// `cordwatch demo --generate N --out DIR`: writes N invented cases through a store at DIR, a
/// thousand at a time, so memory stays small however many. It needs only the moment, so it
/// opens no other data directory.
fn generate_population(cli: &Cli, n: u32, out: &std::path::Path, seed: u64) -> CliResult {
    let launch = cli.launch();
    let now = context::moment(&launch, &context::settings(&launch)?)?;
    let store = crate::store::Store::init(out, crate::store::StoreOptions::default(), None)?;
    if !store.case_files()?.is_empty() {
        return Err(CliError::Usage(format!("{}/cases is not empty; generate into a new directory", out.display())));
    }
    let n = n as usize;
    for start in (0..n).step_by(1000) {
        store.seed_raw(&crate::demo::population_part(start..(start + 1000).min(n), seed, now))?;
    }
    outln!("wrote {n} invented cases (seed {seed}) to {}/cases", out.display());
    Ok(ExitCode::SUCCESS)
}

/// The data directory the settings name, without opening it: a command that opens none (`man`)
/// still must not write into it. None when the settings cannot be read.
fn data_dir_named(cli: &Cli) -> Option<PathBuf> {
    let settings = context::settings(&cli.launch()).ok()?;
    let env = std::env::var_os("CORDWATCH_DATA").map(PathBuf::from);
    crate::store::resolve_data_dir(cli.data.clone(), env, settings.data_dir).map(|(dir, _)| dir)
}

fn run(cli: Cli) -> CliResult {
    let launch = cli.launch();
    let Some(command) = &cli.command else {
        let ctx = Context::open(&launch)?;
        return Ok(crate::tui::run(ctx).map(|()| ExitCode::SUCCESS)?);
    };
    // Opened per command, because generating a population opens no data directory but its own.
    let ctx = || Context::open(&launch);
    match command {
        Command::Validate => validate::run(&ctx()?),
        Command::List { format, all } => list::run(&ctx()?, *format, *all),
        Command::Triage { format, ward, long } => triage::run(&ctx()?, *format, ward.as_deref(), *long),
        Command::Checklist { date, ward, format } => checklist::run(&ctx()?, date.as_deref(), ward.as_deref(), *format),
        Command::Show { id, format, long, history } => show::run(&ctx()?, id, *format, *long, *history),
        Command::Audit { from, to, ward, format, out, force } => audit::run(
            &ctx()?,
            &audit::AuditArgs {
                from: from.as_deref(),
                to: to.as_deref(),
                ward: ward.as_deref(),
                format: *format,
                out: out.as_deref(),
                force: *force,
            },
        ),
        Command::Record(cmd) => record::run(&ctx()?, cmd),
        Command::Job(cmd) => job::run(&ctx()?, cmd),
        Command::Handover { ward, format } => handover::run(&ctx()?, ward.as_deref(), *format),
        Command::Export(cmd) => export::run(&ctx()?, cmd),
        Command::Sync(cmd) => sync::run(&ctx()?, cmd),
        Command::Import(cmd) => import::run(&ctx()?, cmd),
        Command::New(args) => new_case::run(&ctx()?, args),
        Command::Discharge { id, date, with_open_steps } => {
            new_case::discharge(&ctx()?, id, date.as_deref(), *with_open_steps)
        }
        // Reads no patient data: it works before any data directory exists.
        Command::Guidelines { export } => {
            let (_, rules) = context::rules(&launch)?;
            guidelines_cmd::run(&rules, export.as_deref(), data_dir_named(&cli).as_deref())
        }
        Command::Init { dir, group } => init::run(&cli, dir.as_deref(), group.as_deref()),
        Command::Demo { generate, out, seed } => generate_population(&cli, *generate, out, *seed),
        // None of these opens a data directory: they describe the program, not a ward.
        Command::Completions { shell } => shell::completions(*shell),
        Command::Man { out, force } => shell::man(out.as_deref(), *force, data_dir_named(&cli).as_deref()),
        Command::Schema => {
            output::push(&crate::model::schema::case_schema_json());
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn every_command(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands() {
            let name = format!("{path} {}", sub.get_name()).trim().to_string();
            out.push((name.clone(), sub.clone()));
            every_command(sub, name, out);
        }
    }

    #[test]
    fn every_option_is_described_and_every_command_has_examples() {
        let cli = Cli::command();
        let mut commands = vec![(String::from("cordwatch"), cli.clone())];
        every_command(&cli, String::new(), &mut commands);
        for (name, cmd) in &commands {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(arg.get_help().is_some(), "`{name}`: --{id} has no description");
            }
            let leaf = cmd.get_subcommands().next().is_none();
            let parent_has_examples = cmd.get_after_help().is_some_and(|h| h.to_string().contains("Examples:"));
            if leaf && name.starts_with("record ") {
                continue; // the record command's help gives examples for every kind of record
            }
            assert!(parent_has_examples, "`{name}` has no examples at the end of its help");
        }
        let global: Vec<_> = cli.get_arguments().filter(|a| a.is_global_set()).collect();
        assert!(global.iter().all(|a| a.get_help_heading() == Some(GLOBAL)), "global options under their own heading");
    }
}
