//! The clinical engine: red-flag triage, deterioration, scores, schedules and the daily checklist.
//!
//! Pure: it is handed a case, the guidelines, its settings and the moment to judge at, and answers
//! from those alone. It never reads files or the clock, so every rule is tested in milliseconds
//! and `--now` can replay any moment exactly.

pub mod audit;
pub mod checklist;
mod checks;
mod closing;
mod decisions;
mod deterioration;
pub mod finding;
pub mod flag;
pub mod next_change;
pub mod pathway;
pub mod priority;
mod record_warnings;
pub mod schedule;
pub mod scores;
mod timeline;
mod triage;

pub use checklist::{Category, ChecklistItem, Completion};
pub use checks::{NotOpen, RecordProblem, check_acknowledgement, closing_refusal, discharge_blockers, open_steps};
pub use closing::{ClosingLack, DecisionLack, UncountedClosing, UncountedDecision, decision_counts};
pub use deterioration::ExamChange;
pub use flag::{Awaits, Flag, FlagNote, FlagRule, FlagStatus, Treatment};
pub use next_change::{advance_waiting, next_change, next_reassessment, next_waiting_text};
pub use pathway::{Answer, Closure, ItemLevel, PathwayItem};
pub use priority::Priority;
pub use record_warnings::record_warnings;
pub use schedule::{DueStatus, ItemKind, ScheduleItem};
pub use timeline::{CLOCK_SKEW_MINUTES, Timeline};

use crate::guidelines::{Guidelines, Level};
use crate::model::*;
use flag::FlagRule as RuleOfFlag;

/// Engine settings that are not clinical rules (they come from the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineSettings {
    /// An inpatient with no exam for longer than this is "not examined".
    pub not_examined_hours: u32,
    /// Items due within this many days are "due soon".
    pub due_soon_days: u32,
}

/// Why a case needs an exam.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotExamined {
    /// No exam is recorded at all: the case can never be called free of red flags.
    Never,
    /// An inpatient whose last exam is older than the setting.
    Stale { last: Stamp, hours_ago: i64 },
}

/// Everything the engine says about one case at one moment.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub now: Stamp,
    /// Red flags and deteriorations, open and settled, in the order they were raised.
    pub flags: Vec<Flag>,
    /// The highest level among the open flags.
    pub level: Level,
    pub not_examined: Option<NotExamined>,
    pub last_exam: Option<Stamp>,
    pub schedule: Vec<ScheduleItem>,
    /// Steps of the MSCC pathway after the MRI (steroids, surgical opinion, rehabilitation...),
    /// open and closed.
    pub pathway: Vec<PathwayItem>,
    /// For a discharged patient, the pathway steps still open: the follow-up list's, not the
    /// round's (empty for anyone else, whose steps are in `pathway`).
    pub follow_up: Vec<PathwayItem>,
    pub next_imaging_due: Option<Date>,
    pub bone_agent_due: Option<Date>,
    /// Things in the record worth a look that do not stop it being judged (two courses of the
    /// same steroid at once, a record a minute or two ahead of the clock).
    pub warnings: Vec<String>,
    /// Problems with the record that may hide a flag or mislead (a record dated in the future, a
    /// dose outside the guideline's range): the file is listed as a problem until it is fixed.
    pub problems: Vec<RecordProblem>,
    /// Every record dated later than now, a minute ahead or a year: not counted yet, so it may
    /// hold the emergency that has not been judged. A discharge waits for it.
    pub dated_ahead: Vec<String>,
    pub reviewed_today: bool,
    /// The "due soon" window the assessment was made with, so pathway items are placed the same
    /// way as schedule items.
    pub due_soon_days: u32,
}

impl Assessment {
    pub fn open_flags(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|f| f.is_open())
    }

    /// The open flags a list shows as lines of their own: those not part of another flag.
    pub fn open_flags_listed(&self) -> impl Iterator<Item = &Flag> {
        self.open_flags().filter(|f| f.part_of.is_none())
    }

    /// The flags shown as part of `f` (raised from the same exam), open or not.
    pub fn parts_of<'a>(&'a self, f: &'a Flag) -> impl Iterator<Item = &'a Flag> {
        self.flags.iter().filter(move |p| p.part_of.as_deref() == Some(f.rule_id()) && p.raised_at == f.raised_at)
    }

    /// `f`'s findings with those of the flags that are part of it: "motor weakness; with pain:
    /// thoracic pain (mscc-pain)".
    pub fn what_with_parts(&self, f: &Flag) -> String {
        let mut what = f.what();
        for p in self.parts_of(f) {
            what.push_str(&format!("; with {} ({})", p.what(), p.rule_id()));
        }
        what
    }

    pub fn open_pathway(&self) -> impl Iterator<Item = &PathwayItem> {
        self.pathway.iter().filter(|i| i.is_open())
    }

    /// The rule ids open now (flags and pathway items): what an acknowledgement may name.
    pub fn open_rule_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.open_flags().map(|f| f.rule_id()).collect();
        ids.extend(self.open_pathway().map(|i| i.rule.as_str()));
        ids.dedup();
        ids
    }

    /// The earliest deadline among the open flags.
    pub fn next_deadline(&self) -> Option<Stamp> {
        self.open_flags().map(|f| f.deadline).min()
    }

    pub fn priority(&self) -> Priority {
        Priority::of(self)
    }
}

/// Decision-support scores of one case. Computed on demand for the patient being looked at, not
/// for every case on the ward: nothing in triage or the schedules depends on them.
#[derive(Debug, Clone)]
pub struct Scores {
    pub sins: Option<scores::SinsResult>,
    pub escc: Option<scores::EsccResult>,
    pub tokuhashi: scores::TokuhashiResult,
    pub noms: scores::NomsResult,
}

/// The scores of one case at `now`.
pub fn score(case: &Case, g: &Guidelines, now: Stamp) -> Scores {
    let case = &*case.in_force();
    let timeline = Timeline::new(case, now, &g.red_flags.deterioration.scales);
    let sins = scores::sins(case, g);
    let escc = scores::escc(g, &timeline);
    let noms = scores::noms(case, g, &timeline, escc.as_ref(), sins.as_ref());
    Scores { tokuhashi: scores::tokuhashi(case, g, &timeline), sins, escc, noms }
}

/// The exams of a case up to `now`, oldest first, each with what in it is worse than before by
/// the rules that raise deterioration flags ([`ExamChange`]): a view's marks come from here, so
/// they never disagree with the flags.
pub fn exam_history(case: &Case, g: &Guidelines, now: Stamp) -> Vec<ExamChange> {
    let case = &*case.in_force();
    let timeline = Timeline::new(case, now, &g.red_flags.deterioration.scales);
    deterioration::exam_changes(g, &timeline)
}

/// Every flag of a case at `timeline.now`, open and settled, in the order raised (the more
/// serious first at the same moment): what [`assess`] and the audit both read, so the audit
/// counts exactly the flags the ward saw.
pub(crate) fn flags_of(case: &Case, g: &Guidelines, timeline: &Timeline<'_>) -> Vec<Flag> {
    let mut flags = triage::red_flags(g, timeline);
    flags.extend(deterioration::deterioration_flags(g, timeline));
    flags.extend(pathway::treatment_flags(case, g, timeline));
    decisions::apply(g, timeline, &mut flags);
    flags.sort_by(|a, b| a.raised_at.cmp(&b.raised_at).then(b.level.cmp(&a.level)));
    fold_same_exam(&mut flags);
    flags
}

/// Marks a lesser red flag raised from the same exam as an emergency red flag as part of it: one
/// exam, one line on the round. Only while it is no more open than that flag, so a flag still
/// open is never folded into one already answered.
fn fold_same_exam(flags: &mut [Flag]) {
    let parents: Vec<(Stamp, String, bool)> = flags
        .iter()
        .filter(|f| matches!(f.rule, RuleOfFlag::RedFlag(_)) && f.level == Level::Emergency)
        .map(|f| (f.raised_at, f.rule_id().to_string(), f.is_open()))
        .collect();
    for f in flags.iter_mut().filter(|f| matches!(f.rule, RuleOfFlag::RedFlag(_)) && f.level < Level::Emergency) {
        let open = f.is_open();
        f.part_of = parents
            .iter()
            .find(|(at, _, parent_open)| *at == f.raised_at && (*parent_open || !open))
            .map(|(_, id, _)| id.clone());
    }
}

/// Judges one case at `now`.
pub fn assess(case: &Case, g: &Guidelines, settings: &EngineSettings, now: Stamp) -> Assessment {
    // A record struck out as entered in error is kept in the file and shown, never counted.
    let case = &*case.in_force();
    let timeline = Timeline::new(case, now, &g.red_flags.deterioration.scales);
    let flags = flags_of(case, g, &timeline);
    let level = flags.iter().filter(|f| f.is_open()).map(|f| f.level).max().unwrap_or(Level::None);

    let last_exam = timeline.last_exam().map(|e| e.at);
    // Only an exam that looked at the neurology counts: a pain score alone is not an examination.
    let last_neuro_exam = timeline.exams.iter().rev().find(|e| pathway::has_neurology(e)).map(|e| e.at);
    let not_examined = match last_neuro_exam {
        None if !case.is_discharged() => Some(NotExamined::Never),
        None => None,
        Some(last) if case.is_inpatient() => {
            let minutes = now.minutes_since(last);
            (minutes > i64::from(settings.not_examined_hours) * 60)
                .then_some(NotExamined::Stale { last, hours_ago: minutes / 60 })
        }
        Some(_) => None,
    };

    let today = now.date();
    let schedule =
        if case.is_discharged() { Vec::new() } else { schedule::items(case, g, &timeline, settings.due_soon_days) };
    let reviewed_today = timeline.reviews.iter().any(|r| r.at.date() == today);
    let (problems, warnings) = checks::record_checks(case, g, &timeline);
    // Computed for a discharged patient too: steps still open after discharge stay on the
    // follow-up list, where the MSCC coordinator looks, not on the round.
    let steps = pathway::items(case, g, &timeline, &flags);
    let (pathway, follow_up) = if case.is_discharged() {
        (Vec::new(), steps.into_iter().filter(PathwayItem::is_open).collect())
    } else {
        (steps, Vec::new())
    };
    Assessment {
        now,
        level,
        not_examined,
        last_exam,
        next_imaging_due: (!case.is_discharged()).then(|| schedule::next_imaging_due(case, g, &timeline)).flatten(),
        bone_agent_due: (!case.is_discharged()).then(|| schedule::bone_agent_due(case, g, today)).flatten(),
        schedule,
        pathway,
        follow_up,
        warnings,
        problems,
        dated_ahead: timeline.future.iter().map(|f| f.message.clone()).collect(),
        reviewed_today,
        due_soon_days: settings.due_soon_days,
        flags,
    }
}
