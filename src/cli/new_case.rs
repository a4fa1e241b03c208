//! `cordwatch new` (create a case file) and `cordwatch discharge` (archive one; nothing deleted).

use super::output::outln;
use std::process::ExitCode;

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::model::*;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Hospital number, used as the file name
    #[arg(long)]
    pub id: String,
    /// Patient's name
    #[arg(long)]
    pub name: String,
    /// Date of birth, YYYY-MM-DD
    #[arg(long)]
    pub born: Option<Date>,
    /// female | male | other | unknown
    #[arg(long)]
    pub sex: Option<Sex>,
    #[arg(long)]
    pub ward: Option<String>,
    #[arg(long)]
    pub bed: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// inpatient | outpatient | discharged
    #[arg(long, default_value = "inpatient")]
    pub status: Status,
    /// Admission date (default: today, for an inpatient)
    #[arg(long)]
    pub admitted: Option<Date>,
    /// breast | prostate | lung | renal | myeloma | lymphoma | thyroid | melanoma | colorectal | other
    #[arg(long)]
    pub primary: Option<Primary>,
    /// Breast only: hr_positive | her2_positive | triple_negative
    #[arg(long)]
    pub subtype: Option<BreastSubtype>,
}

fn text(value: &Option<String>) -> Option<Text> {
    value.as_ref().filter(|v| !v.trim().is_empty()).map(|v| Text::new(v.clone()))
}

pub fn run(ctx: &Context, args: &NewArgs) -> CliResult {
    let id: CaseId = args.id.parse().map_err(|e| CliError(format!("--id: {e}")))?;
    if args.name.trim().is_empty() {
        return Err(CliError("--name is empty; a case needs the patient's name".into()));
    }
    if args.subtype.is_some() && args.primary != Some(Primary::Breast) {
        return Err(CliError("--subtype is for breast cancer only; give --primary breast".into()));
    }
    let mut case = Case::new(id.clone(), Text::new(args.name.clone()));
    case.born = args.born;
    case.sex = args.sex;
    case.ward = text(&args.ward);
    case.bed = text(&args.bed);
    case.team = text(&args.team);
    case.status = Some(args.status);
    case.admitted = args.admitted.or((args.status == Status::Inpatient).then_some(ctx.now.date()));
    if args.primary.is_some() {
        case.cancer = Some(Cancer {
            primary: args.primary,
            subtype: args.subtype,
            histology: None,
            diagnosed: None,
            kps: None,
            ecog: None,
            life_expectancy_months: None,
        });
    }
    let written = ctx.store.create(&case)?;
    outln!("{}created {} for {}", ctx.demo_tag(), ctx.store.case_file(&id), written.case.name.safe());
    outln!("next: record the first exam (cordwatch record exam {id} ...)");
    if let Some(w) = &written.warning {
        eprintln!("cordwatch: warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn discharge(ctx: &Context, id: &str, date: Option<&str>) -> CliResult {
    let id: CaseId = id.parse().map_err(|e| CliError(format!("{e}")))?;
    let date = match date {
        Some(d) => Date::parse(d).map_err(|e| CliError(format!("--date: {e}")))?,
        None => ctx.now.date(),
    };
    let written = ctx.store.discharge(&id, date)?;
    outln!("{}{}: {}", ctx.demo_tag(), id, written.summary);
    if let Some(w) = &written.warning {
        eprintln!("cordwatch: warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}
