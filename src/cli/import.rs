//! `cordwatch import csv|hl7|fhir`: patients from a hospital's systems, written through the
//! store like every other change (under the case's lock, atomically, audited as `import-new` or
//! `import-update` with where each came from). The files are read into the model's types by
//! [`crate::import`]; this module chooses what to do with each patient and says it.
//!
//! An import changes who a patient is and where they lie, never a clinical entry
//! ([`crate::model::demographics`]). A file with an error imports nothing: every error is listed
//! first (file, line, column, value, what was expected).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::outln;
use super::{CliError, CliResult, Context};
use crate::import::{ImportError, csv_list, fhir_patient};
use crate::model::demographics::{Demographics, Outcome, summary};
use crate::model::event::Event;
use crate::model::{Case, CaseId, Text};
use crate::store::StoreError;

/// The largest file an import reads: a whole hospital's patient list fits many times over.
pub const LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A patient list as CSV: creates new cases, updates who and where the others are (docs/import.md)
    #[command(
        after_help = "Columns (a header row names them, any order, any capitals): id (required), name, family_name, given_names, born, sex, nhs_number, ward, bed, team, admitted, primary. An empty cell changes nothing. Clinical entries are never touched; a different NHS number refuses the row; a primary cancer is set only where the case has none.\n\nExit status: 0 every row imported or unchanged; 1 some rows refused (each named on stderr), the others imported; 2 an error in the file, and nothing was imported.\n\nExamples:\n  cordwatch import csv ward.csv --dry-run    every change, nothing written\n  cordwatch import csv ward.csv"
    )]
    Csv(CsvArgs),
    /// HL7 v2 ADT messages (A01 admit, A02 transfer, A03 discharge, A04 register, A08 update), each answered with an ACK on stdout
    #[command(
        after_help = "The case is the MR identifier of PID-3. A01 and A04 open or update a case; A02 and A08 update a case followed here and acknowledge any other patient without change; A03 discharges, refused (AE, nothing changed) while an emergency or urgent flag or an urgent pathway step is open, or other steps are open without --with-open-steps. Each message is answered on stdout with an ACK: AA taken, AE read but not applied (MSA-3 and ERR say why), AR not an ADT message cordwatch reads. MLLP-framed input is answered framed; plain input one ACK a line (segments end with CR). What was done is said on stderr.\n\nExit status: 0 every message AA; 1 any AE or AR; 2 the input could not be read.\n\nExamples:\n  cordwatch import hl7 adt.hl7\n  integration-engine-export | cordwatch import hl7 -"
    )]
    Hl7(super::import_hl7::Hl7Args),
    /// FHIR R4 Patient resources (a Bundle, or one Patient): creates new cases and updates who the others are
    #[command(
        after_help = "The case is the Patient's identifier in the fhir_identifier_system of the config file; the NHS number is the one in https://fhir.nhs.uk/Id/nhs-number. Demographics only (name, NHS number, gender, birth date); other resources in the bundle are passed over. A bundle with an error imports nothing.\n\nExit status: 0 every Patient imported or unchanged; 1 some refused (each named on stderr); 2 an error in the bundle, and nothing was imported.\n\nExamples:\n  cordwatch import fhir patients.json --dry-run\n  cordwatch import fhir patients.json"
    )]
    Fhir(FhirArgs),
}

#[derive(Debug, Args)]
pub struct FhirArgs {
    /// The FHIR JSON file: a Bundle of Patient resources, or one Patient
    #[arg(value_name = "BUNDLE")]
    pub file: PathBuf,
    /// Show every change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The CSV file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Show every change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, command: &ImportCommand) -> CliResult {
    match command {
        ImportCommand::Csv(args) => csv(ctx, args),
        ImportCommand::Hl7(args) => super::import_hl7::run(ctx, args),
        ImportCommand::Fhir(args) => fhir(ctx, args),
    }
}

/// The file's name as messages give it.
fn shown(path: &Path) -> String {
    crate::model::text::sanitize(&path.display().to_string())
}

pub fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    crate::safe_file::read_regular(path, LIMIT)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", shown(path))))
}

/// Every error of a file on stderr, then the refusal that stops the import.
fn file_errors(file: &str, errors: &[ImportError]) -> CliError {
    for e in errors {
        eprintln!("cordwatch: {e}");
    }
    CliError::Usage(format!(
        "{file}: {} error{}; nothing was imported. Correct the file and import it again",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ))
}

fn csv(ctx: &Context, args: &CsvArgs) -> CliResult {
    let file = shown(&args.file);
    let bytes = read_file(&args.file)?;
    let rows = csv_list::read(&file, &bytes).map_err(|e| file_errors(&file, &e))?;
    let patients: Vec<Patient> = rows
        .into_iter()
        .map(|r| Patient { id: r.id, update: r.update, source: format!("{file} line {}", r.line) })
        .collect();
    let tally = import(ctx, &patients, args.dry_run);
    Ok(tally.finish(args.dry_run))
}

fn fhir(ctx: &Context, args: &FhirArgs) -> CliResult {
    let file = shown(&args.file);
    let bytes = read_file(&args.file)?;
    let system = &ctx.settings.fhir_identifier_system;
    if system == crate::fhir::codes::DEFAULT_IDENTIFIER_SYSTEM {
        eprintln!(
            "cordwatch: warning: hospital numbers are read from identifiers in the default system {system}, \
             which no other system writes; set fhir_identifier_system in the config file to your hospital's \
             (docs/fhir.md)"
        );
    }
    let read = fhir_patient::read(&file, &bytes, system).map_err(|e| file_errors(&file, &e))?;
    if read.others > 0 {
        eprintln!("cordwatch: {file}: {} resources that are not Patients passed over", read.others);
    }
    let patients: Vec<Patient> = read
        .patients
        .into_iter()
        .map(|p| Patient { id: p.id, update: p.update, source: format!("{file} {}", p.place) })
        .collect();
    let tally = import(ctx, &patients, args.dry_run);
    Ok(tally.finish(args.dry_run))
}

/// One patient to import: who, what the source says, and where it says it.
pub struct Patient {
    pub id: CaseId,
    pub update: Demographics,
    pub source: String,
}

/// What an import will do with one patient, judged on the case as it is now.
pub enum Plan {
    New(Box<Case>, Outcome),
    Update(Outcome),
    Unchanged,
    Refused(String),
}

/// The plan for one patient: a new case, the changes to the existing one, or why not.
pub fn plan(ctx: &Context, id: &CaseId, update: &Demographics) -> Plan {
    match ctx.store.load(id) {
        Ok(entry) => match entry.case {
            Some(mut case) => match update.apply(&mut case) {
                Ok(out) if out.changes.is_empty() => Plan::Unchanged,
                Ok(out) => Plan::Update(out),
                Err(e) => Plan::Refused(e.to_string()),
            },
            None => Plan::Refused(format!(
                "{} cannot be read, so it is not updated; `cordwatch validate` says why",
                entry.file
            )),
        },
        Err(StoreError::NoSuchCase { .. }) => match update.new_case(id.clone(), ctx.now.date()) {
            Ok((case, out)) => Plan::New(Box::new(case), out),
            Err(e) => Plan::Refused(format!("no case {id} yet, and {e}")),
        },
        Err(e) => Plan::Refused(e.to_string()),
    }
}

/// Carries out a plan: the new case created, or the update recorded on the freshest copy.
pub fn carry_out(ctx: &Context, patient: &Patient, plan: &Plan) -> Result<String, String> {
    match plan {
        Plan::New(case, _) => {
            ctx.store.create_imported(case, &patient.source).map(|w| w.summary).map_err(|e| e.to_string())
        }
        Plan::Update(_) => {
            let event = Event::Demographics {
                update: patient.update.clone(),
                source: Text::new(patient.source.clone()),
                at: ctx.now,
            };
            ctx.store.record(&patient.id, &event).map(|w| w.summary).map_err(|e| e.to_string())
        }
        Plan::Unchanged => Ok("unchanged".into()),
        Plan::Refused(why) => Err(why.clone()),
    }
}

/// How many patients each plan had.
#[derive(Default)]
pub struct Tally {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
}

impl Tally {
    /// The closing line, and the exit status: 1 when any patient was refused.
    pub fn finish(&self, dry_run: bool) -> ExitCode {
        let verb = if dry_run { "would be" } else { "were" };
        outln!(
            "{}{} new, {} updated, {} unchanged, {} refused{}",
            if dry_run { "dry run, nothing written: " } else { "" },
            self.new,
            self.updated,
            self.unchanged,
            self.refused,
            if self.refused > 0 {
                format!(" (the refused {verb} left as they are; each named on stderr)")
            } else {
                String::new()
            }
        );
        if self.refused > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }
}

/// Plans every patient, shows each change, and (unless a dry run) makes them.
fn import(ctx: &Context, patients: &[Patient], dry_run: bool) -> Tally {
    let mut tally = Tally::default();
    for patient in patients {
        let plan = plan(ctx, &patient.id, &patient.update);
        let (what, changes) = match &plan {
            Plan::New(_, out) => ("new case", summary(&out.changes)),
            Plan::Update(out) => ("update", summary(&out.changes)),
            Plan::Unchanged => ("unchanged", String::new()),
            Plan::Refused(_) => ("refused", String::new()),
        };
        let kept = match &plan {
            Plan::New(_, out) | Plan::Update(out) => out.kept.clone(),
            _ => Vec::new(),
        };
        let head = format!("{}{} ({}): {what}", ctx.demo_tag(), patient.id, patient.source);
        let result = if dry_run { plan_result(&plan) } else { carry_out(ctx, patient, &plan) };
        match result {
            Ok(_) => {
                match &plan {
                    Plan::New(..) => tally.new += 1,
                    Plan::Update(_) => tally.updated += 1,
                    _ => tally.unchanged += 1,
                }
                if changes.is_empty() {
                    outln!("{head}")
                } else {
                    outln!("{head}: {changes}")
                }
                for k in kept {
                    outln!("  {k}");
                }
            }
            Err(why) => {
                tally.refused += 1;
                outln!("{head}");
                eprintln!("cordwatch: {} ({}): not imported: {why}", patient.id, patient.source);
            }
        }
    }
    tally
}

fn plan_result(plan: &Plan) -> Result<String, String> {
    match plan {
        Plan::Refused(why) => Err(why.clone()),
        _ => Ok(String::new()),
    }
}
