//! `cordwatch import hl7 FILE|-`: HL7 v2 ADT messages applied one by one, each answered on
//! stdout with its ACK (AA taken, AE read but not applied, AR not acceptable) so an integration
//! engine can drive it; what was done with each is said on stderr for a person.
//!
//! A01 and A04 open or update a case, A08 and A02 update one followed here (a patient not
//! followed here is acknowledged and left alone: the feed is the whole hospital's), A03
//! discharges with the same refusals as `cordwatch discharge`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::import::{Patient, Plan, carry_out, plan};
use super::{CliError, CliResult, Context};
use crate::import::adt::{self, AckCode, Adt, Header, Refusal};
use crate::import::hl7::{self, Message};
use crate::model::demographics::summary;
use crate::model::text::sanitize;
use crate::store::StoreError;

#[derive(Debug, Args)]
pub struct Hl7Args {
    /// A file of messages, or - for standard input (MLLP frames, or segments separated by CR or LF)
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Let an A03 discharge a patient whose non-urgent pathway steps are still open (they stay on the follow-up list), as `discharge --with-open-steps`
    #[arg(long)]
    pub with_open_steps: bool,
}

pub fn run(ctx: &Context, args: &Hl7Args) -> CliResult {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(super::import::LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::Usage(format!("cannot read standard input: {e}")))?;
        if bytes.len() as u64 > super::import::LIMIT {
            return Err(CliError::Usage(format!(
                "standard input is larger than {} MB; send the messages in smaller batches",
                super::import::LIMIT / 1024 / 1024
            )));
        }
        bytes
    } else {
        super::import::read_file(&args.file)?
    };
    let name =
        if args.file.as_os_str() == "-" { "stdin".to_string() } else { sanitize(&args.file.display().to_string()) };
    let stamp: String = ctx.now.to_string().chars().filter(char::is_ascii_digit).collect();
    let mut all_taken = true;
    let mut stdout = std::io::stdout().lock();
    for (n, (line, framed, text)) in hl7::split(&bytes).into_iter().enumerate() {
        let (header, code, words, error) = match Message::parse(&text) {
            Err(e) => (Header::default(), AckCode::AR, format!("not read: {e}"), Some(102)),
            Ok(m) => {
                let header = Header::of(&m);
                match adt::read(&m).and_then(|adt| apply(ctx, &adt, args.with_open_steps)) {
                    Ok(words) => (header, AckCode::AA, words, None),
                    Err(r) => (header, r.code, r.text, Some(r.hl7_error)),
                }
            }
        };
        all_taken &= code == AckCode::AA;
        let about = match header.control_id.as_str() {
            "" => format!("{name} line {line}"),
            id => format!("{name} line {line}, message {}", sanitize(id)),
        };
        eprintln!("cordwatch: {about}: {} {}", code.as_str(), sanitize(&words));
        let ack = adt::ack(&header, code, &words, error, &stamp, &format!("CW{stamp}{}", n + 1));
        let written = if framed {
            stdout
                .write_all(&[hl7::START_BLOCK])
                .and_then(|()| stdout.write_all(ack.as_bytes()))
                .and_then(|()| stdout.write_all(&[hl7::END_BLOCK, b'\r']))
        } else {
            stdout.write_all(ack.as_bytes()).and_then(|()| stdout.write_all(b"\n"))
        };
        written.and_then(|()| stdout.flush()).map_err(|e| CliError::Output(format!("cannot write the ACK: {e}")))?;
    }
    Ok(if all_taken { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Applies one message; the words of its ACK.
fn apply(ctx: &Context, adt: &Adt, with_open_steps: bool) -> Result<String, Refusal> {
    let source = format!("HL7 {} {}", adt.trigger.as_str(), sanitize(&adt.control_id));
    let id = &adt.id;
    if let Some(date) = adt.discharged {
        return discharge(ctx, adt, date, with_open_steps);
    }
    let patient = Patient { id: id.clone(), update: adt.update.clone(), source };
    let planned = plan(ctx, id, &adt.update);
    match &planned {
        Plan::New(..) if !adt.trigger.opens_a_case() => {
            return Ok(format!("{id} is not followed here; nothing changed"));
        }
        Plan::Refused(why) => return Err(Refusal::error(207, why.clone())),
        Plan::Unchanged => return Ok(format!("{id} unchanged")),
        _ => {}
    }
    let summary_of = match &planned {
        Plan::New(_, out) => format!("{id} new case: {}", summary(&out.changes)),
        Plan::Update(out) => format!("{id} updated: {}", summary(&out.changes)),
        _ => String::new(),
    };
    let kept = match &planned {
        Plan::New(_, out) | Plan::Update(out) => out.kept.iter().map(|k| format!("; {k}")).collect::<String>(),
        _ => String::new(),
    };
    carry_out(ctx, &patient, &planned).map_err(|why| Refusal::error(207, why))?;
    Ok(format!("{summary_of}{kept}"))
}

/// An A03: refused, with nothing changed, while an emergency or urgent flag or an urgent pathway
/// step is open, and while other steps are open unless `with_open_steps` — as `discharge`.
fn discharge(ctx: &Context, adt: &Adt, date: crate::model::Date, with_open_steps: bool) -> Result<String, Refusal> {
    let id = &adt.id;
    let not_here = |e: StoreError| match e {
        StoreError::NoSuchCase { .. } => None,
        e => Some(Refusal::error(207, e.to_string())),
    };
    let blockers = match ctx.discharge_blockers(id) {
        Ok(b) => b,
        Err(e) => return not_here(e).map_or_else(|| Ok(format!("{id} is not followed here; nothing changed")), Err),
    };
    if !blockers.is_empty() {
        return Err(Refusal::error(
            207,
            format!(
                "{id} is not discharged here: still open — {}. Answer each, or close it with a reason \
                 (cordwatch record ack {id} --flag RULE --closed \"reason\"), then send the A03 again",
                blockers.join("; ")
            ),
        ));
    }
    let steps = ctx.open_steps(id).map_err(|e| Refusal::error(207, e.to_string()))?;
    if !steps.is_empty() && !with_open_steps {
        return Err(Refusal::error(
            207,
            format!(
                "{id} is not discharged here: pathway steps are still open — {}. Answer or close each, or \
                 import with --with-open-steps to discharge with them open (they stay on the follow-up list)",
                steps.join("; ")
            ),
        ));
    }
    let written = ctx.store.discharge(id, date).map_err(|e| Refusal::error(207, e.to_string()))?;
    let mut words = format!("{id}: {} (from HL7 A03 {})", written.summary, sanitize(&adt.control_id));
    if !steps.is_empty() {
        words.push_str(&format!("; still open, on the follow-up list: {}", steps.join("; ")));
    }
    Ok(words)
}
