//! What the dashboard keeps of each case between assessments: the words and times its lists
//! show (the Patients columns, the header's counts, the Urgent view's flags, the Round view's
//! items, the Jobs view's jobs), worked out once when the case is assessed. The case itself, its
//! line index and its whole assessment are dropped: at 100,000 cases they are a dozen kilobytes
//! each, more than the dashboard may hold.
//!
//! What shows one patient whole (the Patient view, a form, a record key) reads that case again
//! from its file when asked (`App::detail`): the file is the record, and the parsed-case cache
//! makes the read cheap. Nothing shown here is older than the row's assessment, which the
//! dashboard keeps current as it always did (a changed file, or the clock reaching the row's
//! next change).

use crate::engine::checklist::{checklist, pathway_category};
use crate::engine::{Category, Completion, Flag, ItemKind, Priority};
use crate::guidelines::Level;
use crate::model::{CaseId, Job, Problem, Stamp, Text};
use crate::present::{DueCell, FlagCell, FlagLead, FlagState, due_cell, flag_lead, primary_label};
use crate::ward::{self, Ranked, WardRow};

/// One case as the dashboard's lists show it.
#[derive(Debug, Clone)]
pub struct Brief {
    /// Path relative to the data directory ("cases/RXH1.yaml").
    pub file: String,
    /// The file's content hash when it was read (see [`crate::store::CaseEntry::hash`]).
    pub hash: u64,
    /// The case's id, when the file could be read.
    pub id: Option<CaseId>,
    pub name: Option<Text>,
    pub bed: Option<Text>,
    pub ward: Option<Text>,
    pub team: Option<Text>,
    /// The primary cancer as the list shows it ("breast HR+").
    pub primary: String,
    /// Every problem with the file, the store's and the record's (see [`WardRow::has_problem`]).
    pub problems: Vec<Problem>,
    pub priority: Priority,
    pub level: Level,
    /// The nearest open deadline, which orders the list.
    pub deadline: Option<Stamp>,
    /// What leads the flag cell; a flag's countdown is read when the cell is drawn (see
    /// [`Brief::flag_cell`]).
    lead: FlagLead,
    /// The next imaging and bone-agent cells.
    pub imaging: DueCell,
    pub bone: DueCell,
    /// The last neurological exam; None, for a readable case, when there has been none.
    pub last_exam: Option<Stamp>,
    /// Whether something is overdue, as the header counts it (see [`ward::row_counts`]).
    overdue: bool,
    /// The open flags a list shows, in the order the assessment raised them.
    pub flags: Vec<OpenFlag>,
    /// The tags of the open pathway steps that are urgent today.
    pub urgent_steps: Vec<String>,
    /// The round's items for this patient (see [`checklist`]).
    pub round: Vec<RoundItem>,
    /// The case's open jobs.
    pub jobs: Vec<Job>,
    /// Name, id, bed and ward in lower case: what a filter searches.
    pub search: String,
    /// See [`WardRow::next_change`].
    pub next_change: Option<Stamp>,
    /// See [`WardRow::next_wait`].
    pub next_wait: Option<Stamp>,
    /// See [`WardRow::hashes`].
    pub hashes: (u64, u64),
}

/// An open flag as the Urgent view and the new-emergency message say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlag {
    pub rule: String,
    pub tag: String,
    pub level: Level,
    pub deadline: Stamp,
    /// What it is, whether it was present at the last exam, what it awaits by when, its notes
    /// and its last acknowledgement.
    pub text: String,
}

/// One of the round's items for a patient.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundItem {
    /// The item's line; where it says how long is left is `countdown`'s (see [`RoundItem::text_at`]).
    pub text: String,
    pub countdown: Option<(std::ops::Range<usize>, Stamp)>,
    pub category: Category,
    pub completion: Completion,
    /// The rule the item is for. Its detail (when it was raised, what to do) is long and shown for
    /// one line at a time: it is read with the case then (`App::round_detail`), not kept.
    pub rule: String,
}

impl RoundItem {
    /// The item's line at `now`: the time left to a flag's deadline counted to `now`.
    pub fn text_at(&self, now: Stamp) -> String {
        crate::engine::checklist::ChecklistItem::text_at(&self.text, &self.countdown, now)
    }
}

impl Brief {
    /// What the lists show of an assessed row.
    pub fn of(row: &WardRow) -> Brief {
        let case = row.case();
        let a = row.assessment.as_deref();
        let flags = a
            .map(|a| {
                a.open_flags_listed()
                    .map(|f| OpenFlag {
                        rule: f.rule_id().to_string(),
                        tag: f.tag().to_string(),
                        level: f.level,
                        deadline: f.deadline,
                        text: flag_text(a, f),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let urgent_steps = a
            .map(|a| {
                let today = a.now.date();
                a.open_pathway()
                    .filter(|i| pathway_category(i, today, a.due_soon_days) == Some(Category::Urgent))
                    .map(|i| i.tag.clone())
                    .collect()
            })
            .unwrap_or_default();
        let round = match (case, a) {
            (Some(c), Some(a)) => checklist(c, a)
                .into_iter()
                .map(|item| {
                    let head = format!("{} [ ] {}: ", item.category.marker(), item.category.label());
                    let countdown =
                        item.countdown.map(|(at, deadline)| (at.start + head.len()..at.end + head.len(), deadline));
                    RoundItem {
                        text: format!("{head}{}", item.text),
                        countdown,
                        category: item.category,
                        completion: item.completion,
                        rule: item.rule,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        Brief {
            file: row.entry.file.clone(),
            hash: row.entry.hash,
            id: case.map(|c| c.id.clone()),
            name: case.map(|c| c.name.clone()),
            bed: case.and_then(|c| c.bed.clone()),
            ward: case.and_then(|c| c.ward.clone()),
            team: case.and_then(|c| c.team.clone()),
            primary: case.map(primary_label).unwrap_or_default(),
            problems: row.entry.problems.clone(),
            priority: row.priority,
            level: row.level(),
            deadline: a.and_then(|a| a.next_deadline()),
            lead: flag_lead(row, false),
            imaging: due_cell(row, &[ItemKind::SpineImaging, ItemKind::BaselineImaging]),
            bone: due_cell(row, &[ItemKind::BoneAgentDose]),
            last_exam: a.and_then(|a| a.last_exam),
            overdue: ward::row_counts(row).2 > 0,
            flags,
            urgent_steps,
            round,
            jobs: case.map(|c| c.jobs.iter().filter(|j| j.is_open()).cloned().collect()).unwrap_or_default(),
            search: row.search.clone(),
            next_change: row.next_change,
            next_wait: row.next_wait,
            hashes: row.hashes,
        }
    }

    /// The list's flag cell at `now` (see [`crate::present::flag_cell`]). A problem found after
    /// the row was made (an id another file also uses) makes it UNREADABLE as it would the report's.
    pub fn flag_cell(&self, now: Stamp) -> FlagCell {
        if self.has_problem() {
            return FlagCell { text: "UNREADABLE".into(), state: FlagState::Unreadable };
        }
        self.lead.cell(now, false)
    }

    /// What the header counts of this case, as [`ward::row_counts`] counts a report's row.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let (emergency, urgent) = match self.level {
            Level::Emergency => (1, 0),
            Level::Urgent => (0, 1),
            Level::None => (0, 0),
        };
        (emergency, urgent, usize::from(self.overdue), usize::from(self.has_problem()))
    }

    /// Whether the file could be read.
    pub fn is_readable(&self) -> bool {
        self.id.is_some()
    }

    /// Unreadable, or readable with a problem that must be fixed (see [`WardRow::has_problem`]).
    pub fn has_problem(&self) -> bool {
        !self.problems.is_empty()
    }

    pub fn level(&self) -> Level {
        self.level
    }

    /// The triage level word used in lists: `unreadable` for a file with a problem.
    pub fn level_word(&self) -> &'static str {
        if self.has_problem() { "unreadable" } else { self.level.as_str() }
    }

    /// The id to show: the case's own, or the file name for an unreadable file.
    pub fn display_id(&self) -> String {
        match &self.id {
            Some(id) => id.to_string(),
            None => crate::model::text::sanitize(
                std::path::Path::new(&self.file).file_stem().and_then(|s| s.to_str()).unwrap_or(&self.file),
            ),
        }
    }

    /// The ward the case names, as written.
    pub fn ward_raw(&self) -> Option<&str> {
        self.ward.as_ref().map(|w| w.raw())
    }

    /// "Bed 12  Margaret Ellis (RXH1042331)" for a readable case (`gap` after the bed), the file
    /// otherwise.
    pub fn who(&self, gap: &str) -> String {
        match (&self.name, &self.id) {
            (Some(name), Some(id)) => {
                let bed = self.bed.as_ref().map(|b| format!("Bed {}{gap}", b.safe())).unwrap_or_default();
                format!("{bed}{} ({id})", name.safe())
            }
            _ => self.file.clone(),
        }
    }

    /// The rules of the open emergencies (deteriorations included).
    pub fn open_emergencies(&self) -> Vec<String> {
        self.flags.iter().filter(|f| f.level == Level::Emergency).map(|f| f.rule.clone()).collect()
    }
}

impl Ranked for Brief {
    fn priority(&self) -> Priority {
        self.priority
    }

    fn deadline(&self) -> Option<Stamp> {
        self.deadline
    }

    fn place(&self) -> Option<(&str, (u64, &str), &str)> {
        let name = self.name.as_ref()?;
        let ward = self.ward_raw().unwrap_or_default();
        let bed = self.bed.as_ref().map(|b| ward::bed_number(b.raw())).unwrap_or((u64::MAX, ""));
        Some((ward, bed, name.raw()))
    }

    fn file(&self) -> &str {
        &self.file
    }
}

/// Marks the rows whose id another row's file also uses, as the store marks a report's entries
/// ([`crate::store::mark_duplicates`]), and moves them to the top.
pub fn mark_duplicates(rows: &mut [Brief]) {
    let mut by_id: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(id) = &r.id {
            by_id.entry(id.as_str()).or_default().push(i);
        }
    }
    let shared: Vec<Vec<usize>> = by_id.into_values().filter(|i| i.len() > 1).collect();
    for indexes in shared {
        let files: Vec<String> = indexes.iter().map(|&i| rows[i].file.clone()).collect();
        for &i in &indexes {
            let id = rows[i].id.as_ref().map(|id| id.to_string()).unwrap_or_default();
            let others: Vec<&str> = files.iter().filter(|f| **f != rows[i].file).map(String::as_str).collect();
            let message = crate::store::duplicate_id_message(&rows[i].file, &id, &others);
            rows[i].problems.push(Problem::new(crate::model::ProblemKind::DuplicateId, message));
            rows[i].priority = Priority::Unreadable;
            rows[i].lead = FlagLead::Fixed(FlagCell { text: "UNREADABLE".into(), state: FlagState::Unreadable });
        }
    }
}

/// A flag as the Urgent view says it under its patient: what it is (with the flags raised with
/// it), whether the last exam still shows it, what it awaits by when, its notes, and its last
/// acknowledgement.
fn flag_text(a: &crate::engine::Assessment, f: &Flag) -> String {
    let gone = if f.present_at_last_exam { "" } else { " (not present at the last exam)" };
    let notes: String = f.notes.iter().map(|n| format!("; {n}")).collect();
    let acked = f
        .acknowledgements
        .last()
        .map(|ack| {
            let by = ack.by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into());
            let plan = ack.plan.as_ref().map(|p| format!(": {}", p.safe())).unwrap_or_default();
            format!("; acknowledged {} by {by}{plan}", ack.at.day_month_time())
        })
        .unwrap_or_default();
    format!("{}: {}{gone}; {}{notes}{acked}", f.tag(), a.what_with_parts(f), f.due_by(&f.deadline.day_month_time()))
}
