//! The command line: argument parsing and dispatch to one module per command.
//!
//! Exit status: 0 success; 1 `validate` found problems; 2 an error (bad arguments, unreadable
//! data, a write that failed); `triage` also uses 3 (an open emergency) and 4 (open urgent only).

mod checklist;
mod guidelines_cmd;
mod init;
mod json;
mod list;
mod new_case;
mod output;
mod record;
mod show;
mod triage;
mod validate;

use output::outln;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use crate::context::Context;
use crate::context::{self, Launch};

#[derive(Debug, Parser)]
#[command(
    name = "cordwatch",
    version,
    about = "Ward rounds for patients with spinal metastases: red flags for cord compression, follow-up schedules, the round checklist",
    long_about = None,
    after_help = "With no command, opens the ward dashboard. `cordwatch --demo` opens it on an invented demo ward."
)]
pub struct Cli {
    /// Data directory (overrides $CORDWATCH_DATA and data_dir in the config file)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Use a temporary copy of the built-in demo ward; nothing touches real data
    #[arg(long, global = true)]
    pub demo: bool,

    /// Config file with your overrides (default: $CORDWATCH_CONFIG, then the platform config dir)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Judge everything as at this local time, "YYYY-MM-DD HH:MM" (default: now)
    #[arg(long, global = true, value_name = "TIME", conflicts_with = "today")]
    pub now: Option<String>,

    /// Judge everything as at the start of the round on this date, YYYY-MM-DD
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,

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
    Validate,
    /// One line per case, unreadable files included
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include discharged cases from the archive
        #[arg(long)]
        all: bool,
    },
    /// Who is urgent right now: open emergencies and urgent flags with their MRI deadlines
    Triage {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The round checklist for a day, by patient in clinical priority order
    Checklist {
        /// The round's date (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Only this ward
        #[arg(long, value_name = "WARD")]
        ward: Option<String>,
        #[arg(long, value_enum, default_value_t = ChecklistFormat::Text)]
        format: ChecklistFormat,
    },
    /// Everything about one patient: flags, scores, schedule, timeline
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Record one clinical event on a case
    #[command(subcommand)]
    Record(record::RecordCommand),
    /// Create a new case file
    New(new_case::NewArgs),
    /// Discharge a case: mark it discharged and move its file to the archive (nothing is deleted)
    Discharge {
        id: String,
        /// Discharge date (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Write a synthetic population of invented cases, for measuring the program at scale
    Demo {
        /// How many cases
        #[arg(long, value_name = "N")]
        generate: usize,
        /// The data directory to write them into (its cases folder must be empty)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The same seed always gives the same cases
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Create a data directory (reading commands never create one, so a mistyped path is an error)
    Init {
        /// The directory to create (default: --data, $CORDWATCH_DATA, data_dir in the config file)
        dir: Option<PathBuf>,
        /// Share it with this group: folders 2770 owned by the group, files 0660 (default: shared_group)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Print the clinical rules in force, with their sources
    Guidelines {
        /// Write the built-in rules files into DIR, to start a hospital's own copy
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
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
    /// The dashboard could not start or stopped with an error.
    #[error(transparent)]
    Dashboard(#[from] crate::tui::TuiError),
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
        }
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// Runs the program; returns the exit status.
pub fn main() -> ExitCode {
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
    let result = run(cli);
    output::flush();
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("cordwatch: {}", crate::model::text::sanitize_multiline(&error.to_string()));
            ExitCode::from(2)
        }
    }
}

/// `cordwatch demo --generate N --out DIR`: writes N invented cases through a store at DIR. It
/// needs only the moment, so it opens no other data directory.
fn generate_population(cli: &Cli, n: usize, out: &std::path::Path, seed: u64) -> CliResult {
    let launch = cli.launch();
    let now = context::moment(&launch, &context::settings(&launch)?)?;
    let store = crate::store::Store::init(out, crate::store::StoreOptions::default(), None)?;
    if !store.load_all()?.is_empty() {
        return Err(CliError::Usage(format!("{}/cases is not empty; generate into a new directory", out.display())));
    }
    let files = crate::demo::population(n, seed, now);
    store.seed_raw(&files)?;
    outln!("wrote {n} invented cases (seed {seed}) to {}/cases", out.display());
    Ok(ExitCode::SUCCESS)
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
        Command::Triage { format } => triage::run(&ctx()?, *format),
        Command::Checklist { date, ward, format } => checklist::run(&ctx()?, date.as_deref(), ward.as_deref(), *format),
        Command::Show { id, format } => show::run(&ctx()?, id, *format),
        Command::Record(cmd) => record::run(&ctx()?, cmd),
        Command::New(args) => new_case::run(&ctx()?, args),
        Command::Discharge { id, date } => new_case::discharge(&ctx()?, id, date.as_deref()),
        Command::Guidelines { export } => guidelines_cmd::run(&ctx()?, export.as_deref()),
        Command::Init { dir, group } => init::run(&cli, dir.as_deref(), group.as_deref()),
        Command::Demo { generate, out, seed } => generate_population(&cli, *generate, out, *seed),
    }
}
