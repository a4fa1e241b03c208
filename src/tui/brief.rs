//! What the dashboard keeps of each case between assessments: the words and times its lists
//! show (the Patients columns, the header's counts, the Urgent view's flags, the Jobs view's
//! jobs), worked out once when the case is assessed. The case itself, its line index and its
//! whole assessment are dropped: at 100,000 cases they are a dozen kilobytes each, more than the
//! dashboard may hold.
//!
//! What shows a case whole (the Patient view, a form, a record key, the Round view's items of
//! the ward shown) reads it again from its file when asked ([`read_whole`]): the file is the
//! record, and the parsed-case cache makes the read cheap. Nothing shown here is older than the
//! row's assessment, which the dashboard keeps current as it always did (a changed file, or the
//! clock reaching the row's next change).

use crate::context::Context;
use crate::engine::checklist::pathway_category;
use crate::engine::{Category, Flag, ItemKind, Priority};
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
        ward::tally(self.level, self.overdue, self.has_problem())
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

    /// The open emergencies (deteriorations included), each by its rule and deadline: one rule
    /// can have several open flags (a second worsening of the exam is a flag of its own).
    pub fn open_emergencies(&self) -> Vec<(String, Stamp)> {
        self.flags.iter().filter(|f| f.level == Level::Emergency).map(|f| (f.rule.clone(), f.deadline)).collect()
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

/// The case of `brief` read again from its file and assessed at `at`. A problem the store found
/// with its id among all the files is kept (see [`with_store_problems`]). A file changed since
/// the row was made is read as it is now; one that can no longer be read comes back unreadable,
/// with why.
pub fn read_whole(ctx: &Context, brief: &Brief, at: Stamp) -> WardRow {
    let name = brief.file.rsplit('/').next().unwrap_or(&brief.file);
    ctx.row(with_store_problems(ctx.store.load_file(name), brief), at)
}

/// The cases of `briefs` read whole as [`read_whole`] reads one, each handed to `each` with its
/// brief and dropped: what `each` returns, in order. Read a few hundred at a time (each batch on
/// every core, the parsed-case cache written once a batch), so a ward of any size is never held
/// whole.
pub fn read_whole_each<T: Send>(
    ctx: &Context,
    briefs: &[&Brief],
    at: Stamp,
    each: impl Fn(&Brief, WardRow) -> T + Sync,
) -> Vec<T> {
    let mut out = Vec::with_capacity(briefs.len());
    for batch in briefs.chunks(READ_BATCH) {
        let files: Vec<(String, std::path::PathBuf)> = batch
            .iter()
            .map(|b| (b.file.rsplit('/').next().unwrap_or(&b.file).to_string(), ctx.store.root().join(&b.file)))
            .collect();
        let read: Vec<(&Brief, crate::store::CaseEntry)> =
            batch.iter().copied().zip(ctx.store.read_case_files(&files)).collect();
        out.extend(crate::store::par_map_owned(read, |(b, e)| each(b, ctx.row(with_store_problems(e, b), at))));
    }
    out
}

/// How many cases [`read_whole_each`] reads at once.
const READ_BATCH: usize = 500;

/// `entry` with the problems with its id that `was` (its row before) carries when the id is the
/// same: reading one file alone cannot find that another file uses its id.
pub fn with_store_problems(mut entry: crate::store::CaseEntry, was: &Brief) -> crate::store::CaseEntry {
    if entry.case.as_ref().map(|c| &c.id) == was.id.as_ref() {
        entry
            .problems
            .extend(was.problems.iter().filter(|p| p.kind == crate::model::ProblemKind::DuplicateId).cloned());
    }
    entry
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
