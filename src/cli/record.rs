//! `cordwatch record ...`: add one clinical event to a case, through the store (under the case's
//! lock, written atomically, audited), then show where the patient stands now.

use super::output::outln;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::{Paint, print_wrapped, wrap};
use super::{CliError, CliResult, Context};
use crate::engine::Category;
use crate::engine::checklist::pathway_category;
use crate::guidelines::Level;
use crate::guidelines::RuleError;
use crate::model::bounded::{Fractions, Gray, MgPerDay, PainScore, Weeks};
use crate::model::event::Event;
use crate::model::*;
use crate::present::duration;

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
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// normal | weakness | paralysis
        #[arg(value_parser = super::vocab_arg::vocab::<Motor>(), hide_possible_values = true, long)]
        motor: Option<Motor>,
        /// normal | altered | level
        #[arg(value_parser = super::vocab_arg::vocab::<Sensory>(), hide_possible_values = true, long)]
        sensory: Option<Sensory>,
        /// Dermatome of a sensory level (with --sensory level), e.g. T10
        #[arg(long, value_name = "LEVEL")]
        sensory_level: Option<SpineLevel>,
        /// normal | retention | incontinence
        #[arg(value_parser = super::vocab_arg::vocab::<Bladder>(), hide_possible_values = true, long)]
        bladder: Option<Bladder>,
        /// normal | incontinence
        #[arg(value_parser = super::vocab_arg::vocab::<Bowel>(), hide_possible_values = true, long)]
        bowel: Option<Bowel>,
        /// normal | unsteady | unable
        #[arg(value_parser = super::vocab_arg::vocab::<Gait>(), hide_possible_values = true, long)]
        gait: Option<Gait>,
        /// Pain features, comma-separated: thoracic, cervical, progressive_lumbar, severe_unremitting,
        /// mechanical, straining, nocturnal, tenderness, radicular, claudication
        #[arg(value_parser = super::vocab_arg::vocab::<PainFeature>(), hide_possible_values = true, long, value_delimiter = ',', value_name = "FEATURES")]
        pain: Vec<PainFeature>,
        /// 0-10
        #[arg(long, value_name = "0-10")]
        pain_score: Option<PainScore>,
        /// A-E
        #[arg(value_parser = super::vocab_arg::vocab::<Frankel>(), hide_possible_values = true, long, value_name = "A-E")]
        frankel: Option<Frankel>,
        /// A free-text note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A spine imaging request, pending until its result is recorded
    Request {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// mri_whole_spine | mri_spine | ct | bone_scan | pet_ct | xray
        #[arg(value_parser = super::vocab_arg::vocab::<ImagingKind>(), hide_possible_values = true, long, default_value = "mri_whole_spine")]
        kind: ImagingKind,
        /// A free-text note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A completed imaging study (--at is when it was done); fills the oldest pending request of
    /// the same kind
    Imaging {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// mri_whole_spine | mri_spine | ct | bone_scan | pet_ct | xray
        #[arg(value_parser = super::vocab_arg::vocab::<ImagingKind>(), hide_possible_values = true, long, default_value = "mri_whole_spine")]
        kind: ImagingKind,
        /// stable | response | progression | new_lesion | mscc | no_mscc
        #[arg(value_parser = super::vocab_arg::vocab::<ImagingResult>(), hide_possible_values = true, long)]
        result: Option<ImagingResult>,
        /// Bilsky grade: 0, 1a, 1b, 1c, 2 or 3
        #[arg(long)]
        escc: Option<Escc>,
        /// A free-text note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A bone-modifying agent dose (--at is the date given)
    Dose {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
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
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        #[command(flatten)]
        when: When,
    },
    /// A radiotherapy course (definitive treatment for MSCC, or after surgery); may be booked ahead
    Radiotherapy {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// First day of the course, YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: String,
        /// Time of the first fraction, HH:MM, when known (the audit of treatment within 24 hours
        /// of the MRI needs it when the course starts on the deadline's day)
        #[arg(long, value_name = "HH:MM")]
        start_time: Option<String>,
        /// Last day, when known
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// Treated site, e.g. T6-T8
        #[arg(long)]
        site: Option<String>,
        /// Total dose in Gy
        #[arg(long, value_name = "GY")]
        dose_gy: Option<Gray>,
        /// Number of fractions
        #[arg(long, value_name = "N")]
        fractions: Option<Fractions>,
        #[command(flatten)]
        when: When,
    },
    /// Spinal surgery (decompression, stabilisation); may be booked ahead
    Surgery {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// Date of the operation, YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Time the operation started, HH:MM, when known (as --start-time for radiotherapy)
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
        /// What was done
        #[arg(long)]
        procedure: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// A corticosteroid dose from --at (a new dose stops the running course of the same drug), or
    /// --stop every running course
    Steroids {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// The drug, e.g. dexamethasone
        #[arg(long, required_unless_present = "stop")]
        drug: Option<String>,
        /// The daily dose in mg
        #[arg(long, value_name = "MG", required_unless_present = "stop")]
        mg_per_day: Option<MgPerDay>,
        /// Stop every running course at --at
        #[arg(long, conflicts_with_all = ["drug", "mg_per_day"])]
        stop: bool,
        #[command(flatten)]
        when: When,
    },
    /// A referral to another team (--at may be a date alone, for history from a letter)
    Referral {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// spinal_surgery | rehabilitation | oncology_mdt | palliative_care | mscc_coordinator | physiotherapy
        #[arg(value_parser = super::vocab_arg::vocab::<ReferralTo>(), hide_possible_values = true, long)]
        to: ReferralTo,
        /// What came of it
        #[arg(long)]
        outcome: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// Acknowledge a flag or pathway step with the plan, or close it with --closed "reason"
    Ack {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// The rule id of an open flag or pathway step (mscc-neuro, mscc-treatment, steroids-start...;
        /// see `cordwatch guidelines`)
        #[arg(long)]
        flag: String,
        /// What happens next
        #[arg(long)]
        plan: Option<String>,
        /// Close it without imaging or treatment, giving the reason ("not appropriate: best supportive care")
        #[arg(long, value_name = "REASON")]
        closed: Option<String>,
        #[command(flatten)]
        when: When,
    },
    /// Seen on the ward round
    Review {
        /// The case's id
        #[arg(add = super::complete::case_ids())]
        id: String,
        /// A free-text note
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        when: When,
    },
}

fn stamp(ctx: &Context, when: &When) -> Result<Stamp, CliError> {
    match &when.at {
        Some(at) => Stamp::parse(at).map_err(|e| CliError::Usage(format!("--at: {e}"))),
        None => Ok(ctx.now),
    }
}

/// `--at` for a record that may be known by its date alone (imaging, a referral from a letter).
fn stamp_or_date(ctx: &Context, when: &When) -> Result<Stamp, CliError> {
    match &when.at {
        Some(at) => Stamp::parse_or_date(at).map_err(|e| CliError::Usage(format!("--at: {e}"))),
        None => Ok(ctx.now),
    }
}

fn date_arg(flag: &str, value: &str) -> Result<Date, CliError> {
    Date::parse(value).map_err(|e| CliError::Usage(format!("{flag}: {e}")))
}

fn time_arg(flag: &str, value: &Option<String>) -> Result<Option<TimeOfDay>, CliError> {
    value.as_deref().map(|v| TimeOfDay::parse(v).map_err(|e| CliError::Usage(format!("{flag}: {e}")))).transpose()
}

fn day(ctx: &Context, when: &When) -> Result<Date, CliError> {
    match &when.at {
        Some(at) => Date::parse(at)
            .or_else(|_| Stamp::parse(at).map(Stamp::date))
            .map_err(|e| CliError::Usage(format!("--at: {e}"))),
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
        | RecordCommand::Review { id, when, .. }
        | RecordCommand::Radiotherapy { id, when, .. }
        | RecordCommand::Surgery { id, when, .. }
        | RecordCommand::Steroids { id, when, .. }
        | RecordCommand::Referral { id, when, .. } => (id, when),
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
            Event::Request { kind: *kind, at: stamp_or_date(ctx, when)?, note: text(note) }
        }
        RecordCommand::Imaging { kind, result, escc, note, .. } => Event::Imaging {
            kind: *kind,
            done: stamp_or_date(ctx, when)?,
            result: *result,
            escc: *escc,
            note: text(note),
        },
        RecordCommand::Radiotherapy { start, start_time, end, site, dose_gy, fractions, .. } => {
            Event::Radiotherapy(Radiotherapy {
                start_time: time_arg("--start-time", start_time)?,
                site: text(site),
                dose_gy: *dose_gy,
                fractions: *fractions,
                start: date_arg("--start", start)?,
                end: end.as_deref().map(|e| date_arg("--end", e)).transpose()?,
            })
        }
        RecordCommand::Surgery { date, time, procedure, .. } => Event::Surgery(Surgery {
            date: date_arg("--date", date)?,
            time: time_arg("--time", time)?,
            procedure: text(procedure),
        }),
        RecordCommand::Steroids { stop: true, .. } => Event::SteroidsStop { at: stamp(ctx, when)? },
        RecordCommand::Steroids { drug, mg_per_day, .. } => match (text(drug), mg_per_day) {
            (Some(drug), Some(mg)) => Event::Steroids { drug, mg_per_day: *mg, at: stamp(ctx, when)? },
            _ => return Err(CliError::Usage("give --drug and --mg-per-day, or --stop".into())),
        },
        RecordCommand::Referral { to, outcome, .. } => Event::Referral(Referral {
            to: *to,
            at: stamp_or_date(ctx, when)?,
            by: by(ctx, when),
            outcome: text(outcome),
        }),
        RecordCommand::Dose { drug, every_weeks, .. } => {
            Event::Dose { date: day(ctx, when)?, drug: *drug, every_weeks: *every_weeks }
        }
        RecordCommand::Dental { .. } => Event::DentalReview { date: day(ctx, when)? },
        RecordCommand::Ack { flag, plan, closed, .. } => {
            let flag = ctx.guidelines.rule(flag).map_err(|e| match e {
                RuleError::Malformed(message) => CliError::Usage(message),
                RuleError::Unknown { .. } => CliError::Usage(format!("--flag {e}")),
            })?;
            if closed.as_ref().is_some_and(|c| c.trim().is_empty()) {
                return Err(CliError::Usage("--closed needs the reason the flag is closed".into()));
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
    let id: CaseId = target(command).0.parse().map_err(|e| CliError::Usage(format!("{e}")))?;
    let event = event(ctx, command)?;
    ctx.check_event(&id, &event).map_err(CliError::Refused)?;
    let written = ctx.store.record(&id, &event)?;
    let recorded = format!("{}recorded on {} ({}): {}", ctx.demo_tag(), id, ctx.store.case_file(&id), written.summary);
    print_wrapped(&recorded, "", "  ");
    if let Some(w) = &written.warning {
        eprintln!("cordwatch: warning: {w}");
    }
    // Judged at the event's own moment when it is a little ahead of the clock, so the state shown
    // includes it; a course or an operation booked ahead is shown against today.
    let at = match event {
        Event::Radiotherapy(_) | Event::Surgery(_) => ctx.now,
        _ => ctx.now.max(event.moment()),
    };
    let a = crate::engine::assess(&written.case, &ctx.guidelines, &ctx.engine(), at);
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
            duration::countdown(f.minutes_left(a.now))
        );
        for (i, l) in wrap(&line, "", "     ").into_iter().enumerate() {
            outln!("{}", if i == 0 { paint.level(f.level, &l) } else { l });
        }
    }
    let mut steps: Vec<_> = a
        .open_pathway()
        .filter_map(|item| pathway_category(item, a.now.date(), a.due_soon_days).map(|c| (c, item)))
        .collect();
    steps.sort_by_key(|(c, item)| (*c, item.due));
    for (category, item) in steps {
        let marker = match category.marker().trim() {
            "" => String::new(),
            m => format!("{m} "),
        };
        let line = format!("now: {marker}{} — {}", item.rule, item.title);
        for (i, l) in wrap(&line, "", "     ").into_iter().enumerate() {
            outln!("{}", if i == 0 && category == Category::Urgent { paint.level(Level::Urgent, &l) } else { l });
        }
    }
    Ok(ExitCode::SUCCESS)
}
