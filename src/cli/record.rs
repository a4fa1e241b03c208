//! `cordwatch record ...`: add one clinical event to a case, through the store (under the case's
//! lock, written atomically, audited), then show where the patient stands now. The subcommands
//! are the record catalogue's kinds, each with its declared fields as flags.

use super::output::outln;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches};

use super::output::{Paint, print_wrapped, wrap};
use super::{CliError, CliResult, Context};
use crate::engine::Category;
use crate::engine::checklist::pathway_category;
use crate::guidelines::Level;
use crate::model::event::Event;
use crate::model::*;
use crate::present::duration;
use crate::record::{Built, Face, Input, Kind, KindId, Values};

/// `cordwatch record <kind> ID [--flag VALUE...]`: the kind, the case, and every flag given, as
/// typed. The subcommands, their flags, help and completions are made from the record catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordCommand {
    pub kind: KindId,
    pub id: String,
    /// (field, values) for every field given on the command line.
    pub given: Vec<(&'static str, Vec<String>)>,
}

/// The subcommand of one kind of record.
pub(super) fn subcommand(kind: &'static Kind) -> clap::Command {
    let id = Arg::new("id").value_name("ID").help("The case's id").required(true).add(super::complete::case_ids());
    let mut command = clap::Command::new(kind.command).about(kind.about).arg(id);
    for field in kind.fields_on(Face::CommandLine) {
        let long = field.name.replace('_', "-");
        let mut arg = Arg::new(field.name).long(long).help(field.help);
        arg = match field.value_name {
            Some(name) => arg.value_name(name),
            None => arg.value_name(field.name.to_uppercase()),
        };
        arg = match field.input {
            Input::Word { vocab, .. } => arg.value_parser(super::vocab_arg::words(vocab)).hide_possible_values(true),
            Input::Words { vocab, .. } => arg
                .value_parser(super::vocab_arg::words(vocab))
                .hide_possible_values(true)
                .value_delimiter(',')
                .action(ArgAction::Append),
            Input::Switch { .. } => arg.action(ArgAction::SetTrue),
            Input::OpenRule
            | Input::Listed { .. }
            | Input::Entry
            | Input::Text
            | Input::Lines
            | Input::Score { .. } => arg,
        };
        if let Some(word) = field.default_word {
            arg = arg.default_value(word);
        }
        if field.required {
            arg = arg.required(true);
        }
        command = command.arg(arg);
    }
    command
}

/// The record a kind's subcommand describes: the case and every field given.
pub(super) fn given(kind: KindId, sub: &ArgMatches) -> RecordCommand {
    let id = sub.get_one::<String>("id").cloned().unwrap_or_default();
    let mut given = Vec::new();
    for field in kind.kind().fields_on(Face::CommandLine) {
        match field.input {
            Input::Switch { .. } if sub.get_flag(field.name) => given.push((field.name, vec!["true".to_string()])),
            Input::Switch { .. } => {}
            _ => {
                if let Some(values) = sub.get_many::<String>(field.name) {
                    given.push((field.name, values.cloned().collect()));
                }
            }
        }
    }
    RecordCommand { kind, id, given }
}

impl clap::FromArgMatches for RecordCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = matches.subcommand().ok_or_else(|| clap::Error::new(ErrorKind::MissingSubcommand))?;
        let kind = KindId::by_command(name).ok_or_else(|| clap::Error::new(ErrorKind::InvalidSubcommand))?;
        Ok(given(kind, sub))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = RecordCommand::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Subcommand for RecordCommand {
    fn augment_subcommands(command: clap::Command) -> clap::Command {
        KindId::ALL
            .iter()
            .map(|k| k.kind())
            .filter(|k| !k.command.is_empty())
            .fold(command, |command, kind| command.subcommand(subcommand(kind)))
    }

    fn augment_subcommands_for_update(command: clap::Command) -> clap::Command {
        RecordCommand::augment_subcommands(command)
    }

    fn has_subcommand(name: &str) -> bool {
        KindId::by_command(name).is_some()
    }
}

/// The event a command line describes, built by its kind as a form's would be.
fn event(ctx: &Context, command: &RecordCommand) -> Result<Event, CliError> {
    let kind = command.kind.kind();
    let by = ctx.by_default();
    let mut values = Values::new(kind, Face::CommandLine, ctx.now, &by, &ctx.guidelines);
    values.clinician = ctx.clinician.clone();
    for (name, given) in &command.given {
        for value in given {
            values.give(name, value.clone());
        }
    }
    match (kind.build)(&values).map_err(|e| CliError::Usage(e.to_string()))? {
        Built::Event(event) => Ok(event),
        Built::NewCase(_) => Err(CliError::Usage("a new case is made with `cordwatch new`".into())),
    }
}

pub fn run(ctx: &Context, command: &RecordCommand) -> CliResult {
    let id: CaseId = command.id.parse().map_err(|e| CliError::Usage(format!("{e}")))?;
    let event = event(ctx, command)?;
    ctx.check_event(&id, &event).map_err(CliError::Refused)?;
    let warnings = ctx.record_warnings(&id, &event);
    let written = ctx.store.record(&id, &event)?;
    let recorded = format!("{}recorded on {} ({}): {}", ctx.demo_tag(), id, ctx.store.case_file(&id), written.summary);
    print_wrapped(&recorded, "", "  ");
    for w in warnings.iter().chain(&written.warning) {
        eprintln!("cordwatch: warning: {w}");
    }
    // Judged at the event's own moment when it is a little ahead of the clock, so the state shown
    // includes it; a course or an operation booked ahead is shown against today.
    let at = match event {
        Event::Radiotherapy(_) | Event::Surgery(_) => ctx.now,
        _ => ctx.now.max(event.moment()),
    };
    let a = ctx.assess(&written.case, at);
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
