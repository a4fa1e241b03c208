//! The pathway audit: how fast suspected and confirmed cord compression was scanned and treated.
//!
//! Pure, like the rest of the engine: it is handed the cases (active and archived), the
//! guidelines, a window of dates and the moment to judge at. Each flag the ward saw is one
//! episode, read from the same flags [`super::assess`] raises, so the audit can never disagree
//! with what the round was shown. The standards are the flags' own deadlines (`mri_within_hours`
//! in red_flags.yaml, `within_hours` in pathway.yaml); the audit's own numbers (the outcome
//! window, what counts as walking) are in the `audit` section of pathway.yaml.
//!
//! A pain flag raised by the same exam as a neurological flag is not a second episode: statement 2
//! is pain without neurology, so that presentation is measured once, under statement 3.
//!
//! Every episode raised in the window is kept: one closed by a clinician with a reason is counted
//! apart, and one still open is listed as open with its age, never dropped.
//!
//! Each episode is counted once. A patient whose file is in two places (in the cases folder and
//! the archive, or twice in the archive after a discharge left a copy) raises the same flags from
//! each copy: an episode is keyed by (case id, rule, raised at), the first copy handed in wins,
//! and active cases are taken before archived ones. The ids seen more than once are listed, and so
//! is every file with a problem (the reader's or the record's own checks), since its episodes may
//! be missing or wrong.

mod charts;
mod summary;

pub use charts::{Histogram, histograms};

pub use summary::{MeasureSummary, Missed, MonthStats, Stats, Summary, WalkingCounts, summarise};

use serde::Serialize;

use crate::guidelines::{Guidelines, Level};
use crate::model::*;

use super::flag::{Awaits, Flag, FlagStatus, Treatment};
use super::timeline::Timeline;

/// The dates an audit covers, both included: an episode belongs to it by the day it was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Date,
    pub to: Date,
}

impl Window {
    /// The twelve calendar months up to and including the month of `today` (from the first of
    /// the month eleven months back to `today`): whole months, so every month's row is complete.
    pub fn last_twelve_months(today: Date) -> Window {
        let (mut year, mut month) = (today.year(), today.month() - 11);
        if month < 1 {
            month += 12;
            year -= 1;
        }
        let from = Date::new(year, month, 1).unwrap_or(today);
        Window { from, to: today }
    }

    pub fn contains(&self, at: Stamp) -> bool {
        (self.from..=self.to).contains(&at.date())
    }

    /// "2026-01", ... each month the window touches, in order.
    pub fn months(&self) -> Vec<String> {
        let mut out = Vec::new();
        let (mut year, mut month) = (self.from.year(), self.from.month());
        while (year, month) <= (self.to.year(), self.to.month()) {
            out.push(format!("{year:04}-{month:02}"));
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
        out
    }
}

/// The month an episode counts in, "2026-11".
pub fn month_of(at: Stamp) -> String {
    let d = at.date();
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The quality standard an episode is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Measure {
    /// QS56 statement 3: neurological symptoms or signs, whole-spine MRI within 24 hours
    /// (an emergency red flag or an emergency deterioration).
    #[serde(rename = "qs56-3")]
    MriNeurological,
    /// QS56 statement 2: spinal pain without neurology, whole-spine MRI within 1 week (an urgent
    /// red flag or an urgent deterioration).
    #[serde(rename = "qs56-2")]
    MriPain,
    /// QS56 statement 6: confirmed MSCC, definitive treatment within 24 hours.
    #[serde(rename = "qs56-6")]
    Treatment,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::MriNeurological, Measure::MriPain, Measure::Treatment];

    /// The measure's id in the JSON and CSV output.
    pub fn id(self) -> &'static str {
        match self {
            Measure::MriNeurological => "qs56-3",
            Measure::MriPain => "qs56-2",
            Measure::Treatment => "qs56-6",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Measure::MriNeurological => "QS56 statement 3: neurological signs, whole-spine MRI",
            Measure::MriPain => "QS56 statement 2: pain without neurology, whole-spine MRI",
            Measure::Treatment => "QS56 statement 6: confirmed MSCC, definitive treatment",
        }
    }

    /// What the delay runs to: "MRI" or "treatment".
    pub fn awaits(self) -> Awaits {
        match self {
            Measure::Treatment => Awaits::Treatment,
            _ => Awaits::Mri,
        }
    }

    /// Which measure a flag counts for: by what it waits for and, for an MRI, its level. A flag
    /// of no level (none is raised today) counts for none.
    pub fn of(flag: &Flag) -> Option<Measure> {
        match (flag.awaits(), flag.level) {
            (Awaits::Treatment, _) => Some(Measure::Treatment),
            (Awaits::Mri, Level::Emergency) => Some(Measure::MriNeurological),
            (Awaits::Mri, Level::Urgent) => Some(Measure::MriPain),
            (Awaits::Mri, _) => None,
        }
    }

    /// The standard in hours, from the guidelines in force (each episode is judged by its own
    /// flag's deadline, which comes from the same numbers).
    pub fn standard_hours(self, g: &Guidelines) -> u32 {
        let level = match self {
            Measure::Treatment => return g.pathway.treatment.within_hours,
            Measure::MriNeurological => Level::Emergency,
            Measure::MriPain => Level::Urgent,
        };
        g.red_flags
            .rules
            .iter()
            .find(|r| r.level == level)
            .map(|r| r.mri_within_hours)
            .unwrap_or_else(|| g.red_flags.deterioration.hours_for(level))
    }
}

/// Where an episode stands against its standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The MRI or treatment came by the deadline.
    Met,
    /// It came after the deadline, by this many minutes (for one known only by its date, at
    /// least this many: counted from the start of that day).
    Missed { by_minutes: i64 },
    /// It came on the deadline's own day, known only by its date: whether it was in time cannot
    /// be told, so it is counted apart rather than as met.
    DateOnly,
    /// Nothing yet; `overdue_minutes` past the deadline (the standard is already missed), or
    /// None while there is still time.
    Open { age_minutes: i64, overdue_minutes: Option<i64> },
    /// A clinician closed it with a reason. Closed by the deadline it is counted apart, neither
    /// met nor missed; closed after it (`late_minutes` past), the standard was already missed.
    Closed { at: Stamp, by: Option<String>, reason: String, late_minutes: Option<i64> },
}

impl Outcome {
    /// `met`, `missed`, `date_only`, `open` or `closed`: the `status` column.
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Missed { .. } => "missed",
            Outcome::DateOnly => "date_only",
            Outcome::Open { .. } => "open",
            Outcome::Closed { .. } => "closed",
        }
    }

    /// Whether the standard was met: known once answered in time or late, and once an open
    /// episode is overdue or a closed one was closed after its deadline.
    pub fn within_standard(&self) -> Option<bool> {
        match self {
            Outcome::Met => Some(true),
            Outcome::Missed { .. }
            | Outcome::Open { overdue_minutes: Some(_), .. }
            | Outcome::Closed { late_minutes: Some(_), .. } => Some(false),
            Outcome::Open { overdue_minutes: None, .. } | Outcome::Closed { late_minutes: None, .. } => None,
            Outcome::DateOnly => None,
        }
    }

    /// By how much the standard was missed (so far, for an open episode; by the time it was
    /// closed, for one closed after its deadline).
    pub fn missed_by_minutes(&self) -> Option<i64> {
        match self {
            Outcome::Missed { by_minutes } => Some(*by_minutes),
            Outcome::Open { overdue_minutes, .. } => *overdue_minutes,
            Outcome::Closed { late_minutes, .. } => *late_minutes,
            _ => None,
        }
    }
}

/// How an answer at `at` stands against `deadline`. One known only by its date (a treatment
/// always; an imaging time written as a date) is in time only if its whole day ends by the
/// deadline, late if its day starts after it, and otherwise cannot be told.
pub fn judge(at: Stamp, date_only: bool, deadline: Stamp) -> Outcome {
    if !date_only {
        return if at <= deadline {
            Outcome::Met
        } else {
            Outcome::Missed { by_minutes: at.minutes_since(deadline).max(1) }
        };
    }
    let start = at.start_of_day();
    if start.add_hours(24) <= deadline {
        Outcome::Met
    } else if start > deadline {
        Outcome::Missed { by_minutes: start.minutes_since(deadline).max(1) }
    } else {
        Outcome::DateOnly
    }
}

/// Walking at one exam: its gait and Frankel grade as recorded, and whether they show walking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkingAt {
    pub at: Stamp,
    pub gait: Option<Gait>,
    pub frankel: Option<Frankel>,
    pub walking: Option<bool>,
}

/// Walking at presentation compared with the last exam of the outcome window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkingOutcome {
    /// Walking at presentation and at the end of the window.
    Kept,
    /// Walking at presentation, not at the end.
    Lost,
    /// Not walking at presentation, walking at the end.
    Regained,
    /// Not walking at either.
    NotWalking,
    /// The window has not ended yet (and the patient is not discharged).
    Pending,
    /// Walking was not recorded at presentation or after it.
    Unknown,
}

impl WalkingOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            WalkingOutcome::Kept => "kept",
            WalkingOutcome::Lost => "lost",
            WalkingOutcome::Regained => "regained",
            WalkingOutcome::NotWalking => "not_walking",
            WalkingOutcome::Pending => "pending",
            WalkingOutcome::Unknown => "unknown",
        }
    }
}

/// One flag the ward saw, as the audit counts it.
#[derive(Debug, Clone)]
pub struct Episode {
    pub case_id: String,
    pub ward: Option<String>,
    /// The case is discharged (read from the archive).
    pub archived: bool,
    pub rule: String,
    pub measure: Measure,
    pub raised_at: Stamp,
    pub deadline: Stamp,
    /// The whole-spine MRI asked for this episode (for a confirmed MSCC, the MRI that showed it).
    pub mri_requested: Option<Stamp>,
    pub mri_done: Option<Stamp>,
    /// From raising to the MRI that answered it (MRI episodes only).
    pub minutes_to_mri: Option<i64>,
    pub result: Option<ImagingResult>,
    pub escc: Option<Escc>,
    pub treatment: Option<Treatment>,
    /// The day definitive treatment started.
    pub treatment_date: Option<Date>,
    /// The time it started, when the case file gives one.
    pub treatment_at: Option<Stamp>,
    /// From the MRI that confirmed MSCC to treatment (to the start of its day when it is known
    /// only by its date).
    pub minutes_mri_to_treatment: Option<i64>,
    /// The decision to treat recorded for the episode: NICE QS56 statement 6 (2023) counts
    /// radiotherapy within 24 hours of it. The standard here counts from the MRI (the earlier,
    /// stricter clock); this is the other clock, beside it.
    pub decided_at: Option<Stamp>,
    /// From that decision to treatment.
    pub minutes_decision_to_treatment: Option<i64>,
    pub outcome: Outcome,
    pub walk_in: Option<WalkingAt>,
    pub walk_out: Option<WalkingAt>,
    pub walking: WalkingOutcome,
}

impl Episode {
    /// The delay the measure is about: to the MRI, or from the MRI to treatment.
    ///
    /// Only an answer recorded with its time has a delay to count: one known by its date alone
    /// would enter the median and the histogram at the start of its day, earlier than it was.
    pub fn delay_minutes(&self) -> Option<i64> {
        match self.measure {
            Measure::Treatment => self.treatment_at.and(self.minutes_mri_to_treatment),
            _ => self.mri_done.filter(|d| !d.is_date_only()).and(self.minutes_to_mri),
        }
    }
}

/// A case handed to the audit: the file it was read from, the problems found reading it, and
/// whether it came from the archive.
#[derive(Debug, Clone, Copy)]
pub struct AuditCase<'a> {
    pub case: &'a Case,
    pub archived: bool,
    /// Where the case was read from ("cases/RXH1.yaml"), to say which file has a problem.
    pub file: &'a str,
    /// Problems already found with the file (an id that does not match its name, an id another
    /// file uses, or the record's own checks), each "file: message" or "file:line: message".
    pub problems: &'a [Problem],
}

/// A file with a problem: its episodes may be missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    pub file: String,
    pub problem: String,
    /// What kind of problem it is (`invalid`, `dated_ahead`, …), for scripts.
    pub kind: ProblemKind,
}

/// A case id read from more than one file: each of its episodes is counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repeated {
    pub case_id: String,
    /// The files it was read from, the one counted first (active before archived).
    pub files: Vec<String>,
    /// How many of them are in the cases folder: when more than one, each is counted as a
    /// patient of its own (only archive copies are counted once).
    pub in_cases: usize,
}

/// What the audit found besides the episodes: which files have problems and which ids were seen
/// more than once.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub episodes: Vec<Episode>,
    pub problems: Vec<FileProblem>,
    pub repeated: Vec<Repeated>,
    /// Distinct patients, and how many of them were counted from the archive.
    pub cases: usize,
    pub archived_cases: usize,
}

/// `problem` without the file name (and line) it starts with, so the same problem found by the
/// reader and by the record's checks is said once.
fn without_file<'p>(file: &str, problem: &'p str) -> &'p str {
    let Some(rest) = problem.strip_prefix(file).and_then(|r| r.strip_prefix(':')) else { return problem };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    rest.trim_start()
}

/// Every episode raised in `window`, judged at `now`, in the order raised (then by case id).
pub fn episodes<'a>(
    cases: impl IntoIterator<Item = AuditCase<'a>>,
    g: &Guidelines,
    window: Window,
    now: Stamp,
) -> Vec<Episode> {
    find(cases, g, window, now).episodes
}

/// The episodes, each counted once, with the files that have problems and the ids seen twice.
pub fn find<'a>(cases: impl IntoIterator<Item = AuditCase<'a>>, g: &Guidelines, window: Window, now: Stamp) -> Found {
    gather(cases.into_iter().map(|c| judge_case(c, g, window, now)))
}

/// What one case gives the audit, worked out from it alone: a case can be read, judged and
/// dropped, one at a time and on every core, and only this kept ([`judge_case`], [`gather`]).
#[derive(Debug, Clone)]
pub struct CaseAudit {
    pub id: String,
    /// The case's ward, for a report of one ward.
    pub ward: Option<Text>,
    pub archived: bool,
    pub file: String,
    /// The reader's problems and the record's own checks, each said once.
    pub problems: Vec<FileProblem>,
    /// The episodes raised in the window, before those of a copy of the case are set aside.
    pub episodes: Vec<Episode>,
}

/// Judges one case: its problems and every episode it raised in `window`.
pub fn judge_case(c: AuditCase<'_>, g: &Guidelines, window: Window, now: Stamp) -> CaseAudit {
    let AuditCase { case: whole, archived, file, problems } = c;
    let in_force = whole.in_force();
    let case = &*in_force;
    let timeline = Timeline::new(case, now, &g.red_flags.deterioration.scales);
    // The record's own checks cost little once the timeline is built; the dashboard's rows
    // already carry them in `problems`, so the same problem is said once.
    let (record, _) = super::checks::record_checks(case, g, &timeline);
    let mut said: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    let read = problems.iter().map(|p| (p.kind, without_file(file, p)));
    for (kind, problem) in read.chain(record.iter().map(|p| (p.kind, p.message.as_str()))) {
        if !said.contains(&problem) {
            said.push(problem);
            found.push(FileProblem { file: file.to_string(), problem: problem.to_string(), kind });
        }
    }
    let flags = super::flags_of(case, g, &timeline);
    let mut episodes = Vec::new();
    for flag in flags.iter().filter(|f| window.contains(f.raised_at)) {
        let Some(measure) = Measure::of(flag) else { continue };
        // Statement 2 is pain *without* neurology: a pain flag raised by the same exam as a
        // neurological one is that presentation, measured once, under statement 3.
        let with_neurology =
            |f: &Flag| Measure::of(f) == Some(Measure::MriNeurological) && f.raised_at == flag.raised_at;
        if measure == Measure::MriPain && flags.iter().any(with_neurology) {
            continue;
        }
        episodes.push(episode(case, archived, g, &timeline, &flags, flag, measure));
    }
    CaseAudit {
        id: whole.id.as_str().to_string(),
        ward: whole.ward.clone(),
        archived,
        file: file.to_string(),
        problems: found,
        episodes,
    }
}

/// The judged cases put together, each episode counted once: active cases are taken before
/// archived ones, whatever order they come in, so a patient still on the ward is counted from the
/// live file, not from a stale copy in the archive.
pub fn gather(cases: impl IntoIterator<Item = CaseAudit>) -> Found {
    use std::collections::{HashMap, HashSet};
    let mut cases: Vec<CaseAudit> = cases.into_iter().collect();
    cases.sort_by_key(|c| c.archived);
    let mut found = Found::default();
    let mut seen: HashSet<(String, String, Stamp)> = HashSet::new();
    let mut files_of: HashMap<String, (Vec<String>, usize)> = HashMap::new();
    for CaseAudit { id, archived, file, problems, episodes, .. } in cases {
        let (files, active) = files_of.entry(id.clone()).or_default();
        // Two files in the cases folder with one id are two patients until someone says
        // otherwise (the id is a problem of each file): both are counted. An archived file with
        // an id already seen is a copy of that patient: counted once.
        if files.is_empty() || !archived {
            found.cases += 1;
            found.archived_cases += usize::from(archived);
        }
        files.push(file);
        *active += usize::from(!archived);
        found.problems.extend(problems);
        for e in episodes {
            if !seen.insert((id.clone(), e.rule.clone(), e.raised_at)) && archived {
                continue;
            }
            found.episodes.push(e);
        }
    }
    found.episodes.sort_by(|a, b| a.raised_at.cmp(&b.raised_at).then_with(|| a.case_id.cmp(&b.case_id)));
    found.repeated = files_of
        .into_iter()
        .filter(|(_, (files, _))| files.len() > 1)
        .map(|(case_id, (files, in_cases))| Repeated { case_id, files, in_cases })
        .collect();
    found.repeated.sort_by(|a, b| a.case_id.cmp(&b.case_id));
    found
}

fn episode(
    case: &Case,
    archived: bool,
    g: &Guidelines,
    timeline: &Timeline<'_>,
    flags: &[Flag],
    flag: &Flag,
    measure: Measure,
) -> Episode {
    let now = timeline.now;
    // The MRI behind the episode: for a confirmed MSCC the study that raised it; for a suspected
    // one the study that answered it, or else the request still waiting.
    let mri_done = match (measure, &flag.status) {
        (Measure::Treatment, _) => Some(flag.raised_at),
        (_, FlagStatus::Actioned { at, .. }) => Some(*at),
        _ => None,
    };
    let study = mri_done.and_then(|done| {
        timeline
            .done_imaging
            .iter()
            .copied()
            .filter(|i| i.done == Some(done))
            .find(|i| measure == Measure::Treatment || g.red_flags.actioned_by.contains(&i.kind))
    });
    // A whole-spine MRI that does not answer the open flag but was done is said: one done since
    // the flag with no report recorded (the delay is then in reporting, not in scanning), or one
    // recorded by the flag's date alone, which cannot be shown to have come after it.
    let unreported = match (&flag.status, measure) {
        (FlagStatus::Open, Measure::MriNeurological | Measure::MriPain) => {
            timeline.done_imaging.iter().copied().filter(|i| g.red_flags.actioned_by.contains(&i.kind)).find(|i| {
                i.done.is_some_and(|d| {
                    let no_report = i.result.is_none() && i.escc.is_none() && d >= flag.raised_at;
                    no_report || (d.is_date_only() && d.date() == flag.raised_at.date())
                })
            })
        }
        _ => None,
    };
    let mri_done = mri_done.or(unreported.and_then(|i| i.done));
    let study = study.or(unreported);
    let mri_requested = match study {
        Some(i) => i.requested,
        None => timeline
            .pending_imaging
            .iter()
            .filter(|i| g.red_flags.actioned_by.contains(&i.kind))
            .filter_map(|i| i.requested)
            .find(|at| at.date() >= flag.raised_at.date()),
    };
    // The confirmed-MSCC flag that follows from the MRI (itself, for a treatment episode).
    let treated = match measure {
        Measure::Treatment => Some(flag),
        _ => mri_done.and_then(|done| treatment_flag_for(flags, done)),
    };
    let (treatment, treatment_date, treatment_at, minutes_mri_to_treatment) = match treated.map(|t| (t, &t.status)) {
        Some((t, FlagStatus::Treated { at, treatment })) => {
            (Some(*treatment), Some(at.date()), (!at.is_date_only()).then_some(*at), t.minutes_to_treatment())
        }
        _ => (None, None, None, None),
    };
    let outcome = match &flag.status {
        FlagStatus::Closed { at, by, reason, .. } => Outcome::Closed {
            at: *at,
            by: by.as_ref().map(Text::safe),
            reason: reason.safe(),
            late_minutes: (*at > flag.deadline).then(|| at.minutes_since(flag.deadline).max(1)),
        },
        FlagStatus::Open => {
            let overdue = now.minutes_since(flag.deadline);
            Outcome::Open {
                age_minutes: now.minutes_since(flag.raised_at),
                overdue_minutes: (overdue > 0).then_some(overdue),
            }
        }
        FlagStatus::Actioned { at, .. } => judge(*at, at.is_date_only(), flag.deadline),
        FlagStatus::Treated { at, .. } => judge(*at, at.is_date_only(), flag.deadline),
        // Raised under a ceiling of care: no MRI or treatment was to be given, so it is counted
        // apart with the closed, under the decision.
        FlagStatus::WithinCeiling { decided, what } => Outcome::Closed {
            at: flag.raised_at,
            by: None,
            reason: format!("within the ceiling of care decided {decided}: {}", what.label()),
            late_minutes: None,
        },
    };
    let (walk_in, walk_out, walking) = walking(case, g, timeline, flag.raised_at);
    Episode {
        case_id: case.id.to_string(),
        ward: case.ward.as_ref().map(Text::safe),
        archived,
        rule: flag.rule_id().to_string(),
        measure,
        raised_at: flag.raised_at,
        deadline: flag.deadline,
        mri_requested,
        mri_done,
        minutes_to_mri: flag.minutes_to_mri(),
        result: study.and_then(|i| i.result),
        escc: study.and_then(|i| i.escc),
        treatment,
        treatment_date,
        treatment_at,
        minutes_mri_to_treatment,
        decided_at: treated.and_then(|t| t.decided.as_ref()).map(|d| d.at),
        minutes_decision_to_treatment: treated.and_then(Flag::minutes_decision_to_treatment),
        outcome,
        walk_in,
        walk_out,
        walking,
    }
}

/// The confirmed-MSCC flag an MRI done at `done` led to: the one it raised, or one already
/// running that it joined (re-imaging does not restart the treatment clock).
fn treatment_flag_for(flags: &[Flag], done: Stamp) -> Option<&Flag> {
    let mut treatment = flags.iter().filter(|f| f.awaits() == Awaits::Treatment);
    treatment.clone().find(|f| f.raised_at == done).or_else(|| {
        treatment.rfind(|f| f.raised_at <= done).filter(|f| f.settled_at().is_none_or(|at| at.date() >= done.date()))
    })
}

/// Walking at presentation (the last exam at or before the episode was raised that records gait
/// or Frankel: for a red flag, the exam that raised it) and at the last such exam up to
/// `outcome_days` later.
fn walking(
    case: &Case,
    g: &Guidelines,
    timeline: &Timeline<'_>,
    raised: Stamp,
) -> (Option<WalkingAt>, Option<WalkingAt>, WalkingOutcome) {
    let rules = &g.pathway.audit;
    let at =
        |e: &Exam| WalkingAt { at: e.at, gait: e.gait, frankel: e.frankel, walking: rules.walking(e.gait, e.frankel) };
    let recorded = |e: &&Exam| e.gait.is_some() || e.frankel.is_some();
    let end = raised.add_hours(i64::from(rules.outcome_days) * 24);
    let walk_in = timeline.exams.iter().filter(|e| e.at <= raised).rev().find(recorded).map(at);
    let walk_out = timeline.exams.iter().filter(|e| e.at > raised && e.at <= end).rev().find(recorded).map(at);
    // The window is over when its end has passed, or the patient has gone home (no exam is to come).
    let complete = timeline.now >= end || case.is_discharged();
    let outcome = match (walk_in.and_then(|w| w.walking), walk_out.and_then(|w| w.walking)) {
        _ if !complete => WalkingOutcome::Pending,
        (Some(true), Some(true)) => WalkingOutcome::Kept,
        (Some(true), Some(false)) => WalkingOutcome::Lost,
        (Some(false), Some(true)) => WalkingOutcome::Regained,
        (Some(false), Some(false)) => WalkingOutcome::NotWalking,
        _ => WalkingOutcome::Unknown,
    };
    (walk_in, walk_out, outcome)
}

/// The episodes and their summary: what `cordwatch audit` prints.
#[derive(Debug, Clone)]
pub struct Audit {
    pub window: Window,
    pub now: Stamp,
    pub episodes: Vec<Episode>,
    pub summary: Summary,
    /// Files with a problem, in the order handed in: their episodes may be missing or wrong.
    pub problems: Vec<FileProblem>,
    /// Ids read from more than one file, by id: each episode counted once.
    pub repeated: Vec<Repeated>,
    /// Distinct patients counted, and of them how many from the archive only.
    pub cases: usize,
    pub archived_cases: usize,
}

/// The audit of `cases` over `window`, judged at `now`.
pub fn audit<'a>(cases: impl IntoIterator<Item = AuditCase<'a>>, g: &Guidelines, window: Window, now: Stamp) -> Audit {
    of_found(find(cases, g, window, now), g, window, now)
}

/// The audit of cases already judged one at a time ([`judge_case`]).
pub fn of_judged(cases: impl IntoIterator<Item = CaseAudit>, g: &Guidelines, window: Window, now: Stamp) -> Audit {
    of_found(gather(cases), g, window, now)
}

fn of_found(found: Found, g: &Guidelines, window: Window, now: Stamp) -> Audit {
    let Found { episodes, problems, repeated, cases, archived_cases } = found;
    let summary = summarise(&episodes, g, window);
    Audit { window, now, episodes, summary, problems, repeated, cases, archived_cases }
}
