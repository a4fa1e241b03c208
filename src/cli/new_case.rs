//! `cordwatch new` (create a case file) and `cordwatch discharge` (archive one; nothing deleted).

use super::output::{outln, print_wrapped};
use std::process::ExitCode;

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::model::event::Event;
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
    #[arg(value_parser = super::vocab_arg::vocab::<Sex>(), hide_possible_values = true, long)]
    pub sex: Option<Sex>,
    /// Ward, e.g. 7B
    #[arg(long)]
    pub ward: Option<String>,
    /// Bed, e.g. 12
    #[arg(long)]
    pub bed: Option<String>,
    /// Responsible team, e.g. "Clinical oncology (Dr Okafor)"
    #[arg(long)]
    pub team: Option<String>,
    /// inpatient | outpatient | discharged
    #[arg(value_parser = super::vocab_arg::vocab::<Status>(), hide_possible_values = true, long, default_value = "inpatient")]
    pub status: Status,
    /// Admission date (default: today, for an inpatient)
    #[arg(long)]
    pub admitted: Option<Date>,
    /// breast | prostate | lung | renal | myeloma | lymphoma | thyroid | melanoma | colorectal | other
    #[arg(value_parser = super::vocab_arg::vocab::<Primary>(), hide_possible_values = true, long)]
    pub primary: Option<Primary>,
    /// Breast only: hr_positive | her2_positive | triple_negative
    #[arg(value_parser = super::vocab_arg::vocab::<BreastSubtype>(), hide_possible_values = true, long)]
    pub subtype: Option<BreastSubtype>,
}

pub fn run(ctx: &Context, args: &NewArgs) -> CliResult {
    let id: CaseId = args.id.parse().map_err(|e| CliError::Usage(format!("--id: {e}")))?;
    let new = NewCase {
        id: Some(id.clone()),
        name: args.name.clone(),
        born: args.born,
        sex: args.sex,
        ward: args.ward.clone(),
        bed: args.bed.clone(),
        team: args.team.clone(),
        status: Some(args.status),
        admitted: args.admitted,
        primary: args.primary,
        subtype: args.subtype,
    };
    let case = new.build(ctx.now.date()).map_err(|e| match e {
        NewCaseError::NoName => CliError::Usage("--name is empty; a case needs the patient's name".into()),
        NewCaseError::NoId => CliError::Usage("--id is missing; a case needs the hospital number".into()),
        NewCaseError::Place(rule) => CliError::Usage(format!("--{rule}")),
        NewCaseError::SubtypeNotBreast => {
            CliError::Usage("--subtype is for breast cancer only; give --primary breast".into())
        }
    })?;
    let written = ctx.store.create(&case)?;
    outln!("{}created {} for {}", ctx.demo_tag(), ctx.store.case_file(&id), written.case.name.safe());
    outln!("next: record the first exam (cordwatch record exam {id} ...)");
    if let Some(w) = &written.warning {
        eprintln!("cordwatch: warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn discharge(ctx: &Context, id: &str, date: Option<&str>, with_open_steps: bool) -> CliResult {
    let id: CaseId = id.parse().map_err(|e| CliError::Usage(format!("{e}")))?;
    let date = match date {
        Some(d) => Date::parse(d).map_err(|e| CliError::Usage(format!("--date: {e}")))?,
        None => ctx.now.date(),
    };
    let blockers = ctx.discharge_blockers(&id)?;
    if !blockers.is_empty() {
        return Err(CliError::Usage(format!(
            "{id} is not discharged: still open — {}. Answer each, or close it with a reason \
             (cordwatch record ack {id} --flag RULE --closed \"reason\"), then discharge",
            blockers.join("; ")
        )));
    }
    let steps = ctx.open_steps(&id)?;
    if !steps.is_empty() && !with_open_steps {
        return Err(CliError::Usage(format!(
            "{id} is not discharged: pathway steps are still open — {}. They stay on the follow-up list \
             (`cordwatch checklist`) after discharge: give --with-open-steps to discharge with them open, or \
             answer or close each first",
            steps.join("; ")
        )));
    }
    let warnings = ctx.record_warnings(&id, &Event::Discharge { date });
    let written = ctx.store.discharge(&id, date)?;
    outln!("{}{}: {}", ctx.demo_tag(), id, written.summary);
    if !steps.is_empty() {
        print_wrapped(
            &format!("still open, on the follow-up list of `cordwatch checklist`: {}", steps.join("; ")),
            "",
            "  ",
        );
    }
    for w in warnings.iter().chain(&written.warning) {
        eprintln!("cordwatch: warning: {w}");
    }
    Ok(ExitCode::SUCCESS)
}
