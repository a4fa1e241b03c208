//! `cordwatch record ...`: add one clinical event to a case, through the store (under the case's
//! lock, written atomically, audited), then show where the patient stands now.

use super::output::outln;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::Paint;
use super::{CliError, CliResult, Context};
use crate::engine::countdown_words;
use crate::guidelines::RuleError;
use crate::model::bounded::{PainScore, Weeks};
use crate::model::event::Event;
use crate::model::*;

/// `--at` and `--by`, which every event takes.
#[derive(Debug, Args)]
pub struct When {
    /// When it happened, "YYYY-MM-DD HH:MM" local time (default: now)
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Who recorded it (default: the OS user)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// A neurological and pain examination
    Exam {
        id: String,
        /// normal | weakness | paralysis
        #[arg(long)]
        motor: Option<Motor>,
        /// normal | altered | level
        #[arg(long)]
        sensory: Option<Sensory>,
        /// Dermatome of a sensory level (with --sensory level), e.g. T10
        #[arg(long, value_name = "LEVEL")]
        sensory_level: Option<SpineLevel>,
        /// normal | retention | incontinence
        #[arg(long)]
        bladder: Option<Bladder>,
        /// normal | incontinence
        #[arg(long)]
        bowel: Option<Bowel>,
        /// normal | unsteady | unable
        #[arg(long)]
        gait: Option<Gait>,
        /// Pain features, comma-separated: thoracic, cervical, progressive_lumbar, severe_unremitting,
        /// mechanical, straining, nocturnal, tenderness, radicular, claudication
        #[arg(long, value_delimiter = ',', value_name = "FEATURES")]
        pain: Vec<PainFeature>,
        /// 0-10
        #[arg(long, value_name = "0-10")]
        pain_score: Option<PainScore>,
        /// A-E
        #[arg(long, value_name = "A-E")]
        frankel: Option<Frankel>,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A spine imaging request, pending until its result is recorded
    Request {
        id: String,
        /// mri_whole_spine | mri_spine | ct | bone_scan | pet_ct | xray
        #[arg(long, default_value = "mri_whole_spine")]
        kind: ImagingKind,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A completed imaging study (--at is when it was done); fills the oldest pending request of
    /// the same kind
    Imaging {
        id: String,
        /// mri_whole_spine | mri_spine | ct | bone_scan | pet_ct | xray
        #[arg(long, default_value = "mri_whole_spine")]
        kind: ImagingKind,
        /// stable | response | progression | new_lesion | mscc | no_mscc
        #[arg(long)]
        result: Option<ImagingResult>,
        /// Bilsky grade: 0, 1a, 1b, 1c, 2 or 3
        #[arg(long)]
        escc: Option<Escc>,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A bone-modifying agent dose (--at is the date given)
    Dose {
        id: String,
        /// denosumab | zoledronic_acid: needed only for the first dose on a case
        #[arg(long)]
        drug: Option<BoneDrug>,
        /// Dose interval for this patient, when starting the agent
        #[arg(long, value_name = "WEEKS")]
        every_weeks: Option<Weeks>,
        #[command(flatten)]
        when: When,
    },
    /// The dental review before a bone-modifying agent (--at is its date)
    Dental {
        id: String,
        #[command(flatten)]
        when: When,
    },
    /// Acknowledge a flag with the plan, or close it with --closed "reason"
    Ack {
        id: String,
        /// The rule id of the flag (mscc-neuro, mscc-pain, deterioration; see `cordwatch guidelines`)
        #[arg(long)]
        flag: String,
        #[arg(long)]
        plan: Option<String>,
        /// Close the flag without imaging, giving the reason
        #[arg(long, value_name = "REASON")]
        closed: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// Seen on the ward round
    Review {
        id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
}

fn stamp(ctx: &Context, when: &When) -> Result<Stamp, CliError> {
    match &when.at {
        Some(at) => Stamp::parse(at).map_err(|e| CliError(format!("--at: {e}"))),
        None => Ok(ctx.now),
    }
}

fn day(ctx: &Context, when: &When) -> Result<Date, CliError> {
    match &when.at {
        Some(at) => {
            Date::parse(at).or_else(|_| Stamp::parse(at).map(Stamp::date)).map_err(|e| CliError(format!("--at: {e}")))
        }
        None => Ok(ctx.now.date()),
    }
}

fn by(ctx: &Context, when: &When) -> Option<Text> {
    Some(Text::new(when.by.clone().unwrap_or_else(|| ctx.store.user().to_string())))
}

fn text(value: &Option<String>) -> Option<Text> {
    value.as_ref().filter(|v| !v.trim().is_empty()).map(|v| Text::new(v.clone()))
}

/// The case and the moment every record command names.
fn target(command: &RecordCommand) -> (&str, &When) {
    match command {
        RecordCommand::Exam { id, when, .. }
        | RecordCommand::Request { id, when, .. }
        | RecordCommand::Imaging { id, when, .. }
        | RecordCommand::Dose { id, when, .. }
        | RecordCommand::Dental { id, when, .. }
        | RecordCommand::Ack { id, when, .. }
        | RecordCommand::Review { id, when, .. } => (id, when),
    }
}

/// The event a command line describes.
fn event(ctx: &Context, command: &RecordCommand) -> Result<Event, CliError> {
    let (_, when) = target(command);
    Ok(match command {
        RecordCommand::Exam {
            motor,
            sensory,
            sensory_level,
            bladder,
            bowel,
            gait,
            pain,
            pain_score,
            frankel,
            note,
            ..
        } => Event::Exam(Exam {
            at: stamp(ctx, when)?,
            by: by(ctx, when),
            motor: *motor,
            sensory: *sensory,
            sensory_level: *sensory_level,
            bladder: *bladder,
            bowel: *bowel,
            gait: *gait,
            pain: pain.clone(),
            pain_score: *pain_score,
            frankel: *frankel,
            note: text(note),
        }),
        RecordCommand::Request { kind, note, .. } => {
            Event::Request { kind: *kind, at: stamp(ctx, when)?, note: text(note) }
        }
        RecordCommand::Imaging { kind, result, escc, note, .. } => {
            Event::Imaging { kind: *kind, done: stamp(ctx, when)?, result: *result, escc: *escc, note: text(note) }
        }
        RecordCommand::Dose { drug, every_weeks, .. } => {
            Event::Dose { date: day(ctx, when)?, drug: *drug, every_weeks: *every_weeks }
        }
        RecordCommand::Dental { .. } => Event::DentalReview { date: day(ctx, when)? },
        RecordCommand::Ack { flag, plan, closed, .. } => {
            let flag = ctx.guidelines.rule(flag).map_err(|e| match e {
                RuleError::Malformed(message) => CliError(message),
                RuleError::Unknown { .. } => CliError(format!("--flag {e}")),
            })?;
            if closed.as_ref().is_some_and(|c| c.trim().is_empty()) {
                return Err(CliError("--closed needs the reason the flag is closed".into()));
            }
            Event::Acknowledge(Acknowledgement {
                flag,
                at: stamp(ctx, when)?,
                by: by(ctx, when),
                plan: text(plan),
                closed: closed.as_ref().map(|c| Text::new(c.clone())),
            })
        }
        RecordCommand::Review { note, .. } => {
            Event::Review(Review { at: stamp(ctx, when)?, by: by(ctx, when), note: text(note) })
        }
    })
}

pub fn run(ctx: &Context, command: &RecordCommand) -> CliResult {
    let id: CaseId = target(command).0.parse().map_err(|e| CliError(format!("{e}")))?;
    let event = event(ctx, command)?;
    let written = ctx.store.record(&id, &event)?;
    outln!("{}recorded on {} ({}): {}", ctx.demo_tag(), id, ctx.store.case_file(&id), written.summary);
    if let Some(w) = &written.warning {
        eprintln!("cordwatch: warning: {w}");
    }
    let a = crate::engine::assess(&written.case, &ctx.guidelines, &ctx.engine(), ctx.now.max(event_time(&event)));
    let paint = Paint::detect();
    let open: Vec<_> = a.open_flags().collect();
    if open.is_empty() {
        outln!("now: no open red flags{}", if a.not_examined.is_some() { " (but not examined)" } else { "" });
    }
    for f in open {
        let line = format!(
            "now: {} {} {} — {}: {} ({})",
            f.level.marker(),
            f.level.as_str().to_uppercase(),
            f.rule_id(),
            f.what(),
            f.due_by(&f.deadline.to_string()),
            countdown_words(f.minutes_left(a.now))
        );
        outln!("{}", paint.level(f.level, &line));
    }
    Ok(ExitCode::SUCCESS)
}

/// The moment of an event, so the state shown afterwards includes it even when it was recorded
/// with a time later than `--now`.
fn event_time(event: &Event) -> Stamp {
    match event {
        Event::Exam(e) => e.at,
        Event::Request { at, .. } => *at,
        Event::Imaging { done, .. } => *done,
        Event::Dose { date, .. } | Event::DentalReview { date } | Event::Discharge { date } => date.at(0, 0),
        Event::Acknowledge(a) => a.at,
        Event::Review(r) => r.at,
        Event::Radiotherapy(rt) => rt.start.at(0, 0),
        Event::Surgery(s) => s.date.at(0, 0),
        Event::Steroids { at, .. } | Event::SteroidsStop { at } => *at,
        Event::Referral(r) => r.at,
    }
}
