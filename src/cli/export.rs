//! `cordwatch export fhir`: the chosen cases as one FHIR R4 Bundle, on stdout or in a file.
//!
//! This command only chooses the cases and writes the result; the bundle is built by
//! [`crate::fhir`]. A file that cannot be read, or that has a problem, is never left out
//! quietly: the export stops with nothing written, or, when the user asks for the others with
//! `--skip-problems`, names every file it left out on stderr and exits 1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::{outln, push};
use super::{CliError, CliResult, Context};
use crate::fhir::{self, BundleKind, ExportOptions, PatientRecord};
use crate::ward::{self, WardRow};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The cases as a FHIR R4 Bundle (a collection, or with --type transaction one a server stores), as JSON (docs/fhir.md)
    #[command(
        after_help = "Exit status: 0 every chosen case exported; 1 exported with --skip-problems, and some files were left out (each named on stderr); 2 an error, and nothing was written.\n\nExamples:\n  cordwatch export fhir RXH1042331\n  cordwatch export fhir RXH1042331 RXH2287710 --out two.json\n  cordwatch export fhir --all --out ward.json\n  cordwatch export fhir --all --skip-problems > ward.json\n  cordwatch export fhir --all --type transaction --out ward-tx.json    for a FHIR server"
    )]
    Fhir(FhirArgs),
}

/// `--type`: which kind of FHIR Bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BundleType {
    /// The resources as they are, for a registry or database to read (the default)
    Collection,
    /// For a FHIR server: PUT on stable ids, the Patient by its hospital number, closed flags and items with their closed status
    Transaction,
}

impl From<BundleType> for BundleKind {
    fn from(t: BundleType) -> BundleKind {
        match t {
            BundleType::Collection => BundleKind::Collection,
            BundleType::Transaction => BundleKind::Transaction,
        }
    }
}

#[derive(Debug, Args)]
pub struct FhirArgs {
    /// The cases to export: ids, or unique names or beds as `show` takes them
    #[arg(value_name = "ID|NAME|BED", conflicts_with = "all")]
    pub ids: Vec<String>,
    /// Every case in the cases folder (discharged cases in the archive are not exported)
    #[arg(long)]
    pub all: bool,
    /// Write the bundle to FILE instead of stdout (private to you, 0600; never inside the data directory; an existing file is kept unless --force)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the file named by --out if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// With --all: export the other cases when some files cannot be read or have problems; each file left out is named on stderr, and the exit status is 1
    #[arg(long, requires = "all")]
    pub skip_problems: bool,
    /// collection (what the resources are) or transaction (what a FHIR server is to store); docs/fhir.md
    #[arg(long = "type", value_enum, default_value_t = BundleType::Collection)]
    pub kind: BundleType,
}

pub fn run(ctx: &Context, command: &ExportCommand) -> CliResult {
    match command {
        ExportCommand::Fhir(args) => fhir_export(ctx, args),
    }
}

fn fhir_export(ctx: &Context, args: &FhirArgs) -> CliResult {
    // clap takes a flag's default as present, so `requires = "all"` alone lets this through.
    if args.skip_problems && !args.all {
        return Err(CliError::Usage(
            "--skip-problems goes with --all; a case named by its id is exported whole or refused".into(),
        ));
    }
    if !args.all && args.ids.is_empty() {
        return Err(CliError::Usage(
            "say which cases to export: give their ids (cordwatch export fhir RXH1042331 RXH2287710), \
             or --all for every case in the cases folder"
                .into(),
        ));
    }
    if let Some(out) = &args.out {
        super::out_file::check(out, out_rules(ctx, args))?;
    }
    let (chosen, skipped) = choose(ctx, &args.ids, args.all, args.skip_problems)?;
    let records: Vec<PatientRecord<'_>> = chosen
        .iter()
        .filter_map(|r| Some(PatientRecord { case: r.case()?, assessment: r.assessment.as_ref()? }))
        .collect();
    let bundle = build(ctx, &records, args.kind.into())?;
    let json = bundle.to_json().map_err(|e| CliError::Output(format!("could not write the bundle as JSON: {e}")))?;
    match &args.out {
        None => push(&json),
        Some(path) => {
            super::out_file::write(path, json.as_bytes(), out_rules(ctx, args))?;
            outln!("wrote {} patients ({} resources) to {}", records.len(), bundle.entry.len(), path.display());
        }
    }
    Ok(report_skipped(&skipped, records.len()))
}

/// The cases named, or every case; files that cannot be exported stop it unless `skip` allows
/// leaving them out (returned second).
pub(super) fn choose(
    ctx: &Context,
    ids: &[String],
    all: bool,
    skip: bool,
) -> Result<(Vec<WardRow>, Vec<WardRow>), CliError> {
    let rows = ctx.ward()?;
    if all { every_case(rows, skip) } else { Ok((named(&rows, ids)?, Vec::new())) }
}

/// The bundle of `records` with the settings in force; warns on stderr when the hospital number
/// is written in the program's own identifier system, which no other system knows.
pub(super) fn build(ctx: &Context, records: &[PatientRecord<'_>], kind: BundleKind) -> Result<fhir::Bundle, CliError> {
    let zone = ctx.settings.ward_zone().map_err(|e| CliError::Output(format!("config: fhir_time_zone: {e}")))?;
    let system = &ctx.settings.fhir_identifier_system;
    if system == fhir::codes::DEFAULT_IDENTIFIER_SYSTEM {
        eprintln!(
            "cordwatch: warning: hospital numbers are exported in the default identifier system {system}, \
             which no other system knows; set fhir_identifier_system in the config file to your hospital's \
             (docs/fhir.md)"
        );
    }
    let options = ExportOptions { kind, identifier_system: system, zone: &zone, guidelines: &ctx.guidelines };
    Ok(fhir::bundle(records, &options, ctx.now))
}

/// Names each file left out on stderr; the exit status says whether any was.
pub(super) fn report_skipped(skipped: &[WardRow], exported: usize) -> ExitCode {
    if skipped.is_empty() {
        return ExitCode::SUCCESS;
    }
    for row in skipped {
        for problem in &row.entry.problems {
            // Each problem starts with its file, so the line names the file left out.
            eprintln!("cordwatch: left out {}", crate::model::text::sanitize(problem));
        }
    }
    eprintln!(
        "cordwatch: the export is incomplete: {} left out (listed above), {} exported",
        files(skipped.len()),
        files(exported)
    );
    ExitCode::from(1)
}

/// Every readable case without a problem, in file-name order; files with a problem stop the
/// export unless `skip` allows leaving them out.
fn every_case(mut rows: Vec<WardRow>, skip: bool) -> Result<(Vec<WardRow>, Vec<WardRow>), CliError> {
    rows.sort_by(|a, b| a.entry.file.cmp(&b.entry.file));
    let (bad, good): (Vec<WardRow>, Vec<WardRow>) = rows.into_iter().partition(cannot_export);
    if bad.is_empty() || skip {
        return Ok((good, bad));
    }
    let listed: Vec<String> = bad.iter().flat_map(|r| r.entry.problems.iter().map(|p| p.message.clone())).collect();
    Err(CliError::Usage(format!(
        "{} cannot be exported, so nothing was written:\n{}\n\
         Fix them first (`cordwatch validate` lists every problem), or give --skip-problems to export \
         the other cases",
        files(bad.len()),
        listed.join("\n")
    )))
}

/// "1 case file", "3 case files".
fn files(n: usize) -> String {
    if n == 1 { "1 case file".into() } else { format!("{n} case files") }
}

/// A file that cannot be read, or whose content cannot be trusted as it is (an id used twice, a
/// record dated in the future): exporting it would pass the problem on to another system.
fn cannot_export(row: &WardRow) -> bool {
    row.has_problem() || row.case().is_none() || row.assessment.is_none()
}

/// The cases the user named, each once, in the order named.
fn named(rows: &[WardRow], queries: &[String]) -> Result<Vec<WardRow>, CliError> {
    let mut chosen: Vec<WardRow> = Vec::new();
    for query in queries {
        let row = ward::find(rows, query).map_err(CliError::Usage)?;
        if cannot_export(row) {
            return Err(CliError::Usage(format!(
                "{}\nnothing was written; fix the file first (`cordwatch validate` lists every problem)",
                crate::model::problem::join(&row.entry.problems, "\n")
            )));
        }
        if !chosen.iter().any(|c| c.entry.file == row.entry.file) {
            chosen.push(row.clone());
        }
    }
    Ok(chosen)
}

/// Where `--out` may write: never into the data directory, an existing file only with --force.
fn out_rules<'a>(ctx: &'a Context, args: &FhirArgs) -> super::out_file::Rules<'a> {
    super::out_file::Rules { force: args.force, data_dir: Some(ctx.store.root()) }
}
