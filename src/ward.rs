//! The whole ward at one moment: every case file assessed and put in clinical priority order.
//!
//! Shared by the command line and the dashboard so both always show the same patients in the same
//! order. Unreadable files and files with problems (an id that does not match its file name, an id
//! used twice) come first, and a readable file with a problem is still assessed, so a red flag
//! recorded in it is shown alongside the problem.

use crate::engine::{self, Assessment, EngineSettings, Priority};
use crate::guidelines::{Guidelines, Level};
use crate::model::{Case, Problem, Stamp};
use crate::store::CaseEntry;

#[derive(Debug, Clone)]
pub struct WardRow {
    /// Boxed, as the assessment is, so a row is small and the sorted rows can be moved about
    /// cheaply when one changes (see [`insert_sorted`]).
    pub entry: Box<CaseEntry>,
    pub assessment: Option<Box<Assessment>>,
    pub priority: Priority,
    /// Name, id, bed and ward in lower case: what a filter searches, built once per row.
    pub search: String,
    /// The first moment after the assessment's at which the clock alone may change it other
    /// than by how long a result has waited (see [`engine::next_reassessment`]): the dashboard
    /// assesses the case again then, and not before. None when there is no assessment (an
    /// unreadable file), which no clock changes.
    pub next_change: Option<Stamp>,
    /// The first moment after the assessment's at which a result awaited is said to have waited
    /// longer (see [`engine::next_waiting_text`]): the dashboard moves the waiting times on then
    /// with [`engine::advance_waiting`], without assessing the case again. None when no result
    /// is awaited.
    pub next_wait: Option<Stamp>,
    /// Its file's name in the cases folder and its case's id (0 for none), hashed by
    /// [`key_hash`] when the row is made: what the dashboard looks a changed file's row up by,
    /// checked against the strings themselves.
    pub hashes: (u64, u64),
}

impl WardRow {
    pub fn case(&self) -> Option<&Case> {
        self.entry.case.as_ref()
    }

    /// Unreadable, or readable with a problem that must be fixed (mismatched or duplicate id).
    pub fn has_problem(&self) -> bool {
        !self.entry.problems.is_empty()
    }

    /// The triage level word used in lists and JSON: `unreadable` for a file with a problem.
    pub fn level_word(&self) -> &'static str {
        if self.has_problem() {
            "unreadable"
        } else {
            self.assessment.as_ref().map(|a| a.level.as_str()).unwrap_or("none")
        }
    }

    pub fn level(&self) -> Level {
        self.assessment.as_ref().map(|a| a.level).unwrap_or(Level::None)
    }
}

/// The record problems the engine found in a case, each as "file:line: message", the line
/// looked up in the index made when the file was read (the file is not read again).
pub fn record_problems(entry: &CaseEntry, assessment: &Assessment) -> Vec<Problem> {
    assessment
        .problems
        .iter()
        .map(|p| {
            let line =
                p.needle.as_deref().and_then(|n| entry.lines.line_of(n)).map(|l| format!(":{l}")).unwrap_or_default();
            Problem::new(p.kind, format!("{}{line}: {}", entry.file, p.message))
        })
        .collect()
}

fn make_row(entry: CaseEntry, assessment: Option<Assessment>, settings: &EngineSettings) -> WardRow {
    let mut row = report_row(entry, assessment);
    if let Some(c) = &row.entry.case {
        row.search = [
            Some(c.name.raw()),
            Some(c.id.as_str()),
            c.bed.as_ref().map(|b| b.raw()),
            c.ward.as_ref().map(|w| w.raw()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\u{1f}")
        .to_lowercase();
    }
    row.next_change = match (&row.entry.case, &row.assessment) {
        (Some(c), Some(a)) => Some(engine::next_reassessment(c, settings, a)),
        _ => None,
    };
    row.next_wait = row.assessment.as_deref().and_then(engine::next_waiting_text);
    let name = row.entry.file.rsplit('/').next().unwrap_or(&row.entry.file);
    row.hashes = (key_hash(name), row.entry.case.as_ref().map_or(0, |c| key_hash(c.id.as_str())));
    row
}

/// A row as a report reads it: the entry with the record's own problems, the assessment and the
/// priority. What only the dashboard reads (the filter's text, the next change, the hashes) is
/// left empty: a report reads the ward once, at one moment, and worked out for every case of a
/// regional ward it is a tenth of the report's time.
fn report_row(mut entry: CaseEntry, assessment: Option<Assessment>) -> WardRow {
    if let Some(a) = &assessment {
        let found = record_problems(&entry, a);
        entry.problems.extend(found);
    }
    let priority = match (&assessment, entry.problems.is_empty()) {
        (Some(a), true) => a.priority(),
        _ => Priority::Unreadable,
    };
    WardRow {
        entry: Box::new(entry),
        assessment: assessment.map(Box::new),
        priority,
        search: String::new(),
        next_change: None,
        next_wait: None,
        hashes: (0, 0),
    }
}

/// A string as a number, the same in every run: a file's name or a case's id in
/// [`WardRow::hashes`].
pub fn key_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Assesses one entry.
pub fn row(entry: CaseEntry, g: &Guidelines, settings: &EngineSettings, now: Stamp) -> WardRow {
    let assessment = entry.case.as_ref().map(|c| engine::assess(c, g, settings, now));
    make_row(entry, assessment, settings)
}

/// Assesses every entry and sorts the rows by clinical priority.
pub fn assess(entries: Vec<CaseEntry>, g: &Guidelines, settings: &EngineSettings, now: Stamp) -> Vec<WardRow> {
    let assessments = crate::store::par_map(&entries, |e| e.case.as_ref().map(|c| engine::assess(c, g, settings, now)));
    let mut rows: Vec<WardRow> =
        entries.into_iter().zip(assessments).map(|(entry, assessment)| make_row(entry, assessment, settings)).collect();
    sort(&mut rows);
    rows
}

/// Priority first; within a priority the nearest deadline (rows with one before rows without),
/// then ward and bed, then name, then file. A stable merge sort: rows already in order (those
/// read before, and a batch just read) are merged, not sorted again from nothing.
pub fn sort<R: Ranked>(rows: &mut [R]) {
    rows.sort_by(order);
}

/// What the ward's order reads of a row: a report's [`WardRow`], or what the dashboard keeps of
/// a case. One order for both, so the dashboard lists exactly as `list` and `triage` do.
pub trait Ranked {
    fn priority(&self) -> Priority;
    /// The nearest open deadline.
    fn deadline(&self) -> Option<Stamp>;
    /// (ward, bed as [`bed_number`] orders it, name) of a readable case, as written.
    fn place(&self) -> Option<(&str, (u64, &str), &str)>;
    /// The file's path from the data directory, unique in the cases folder.
    fn file(&self) -> &str;
}

impl Ranked for WardRow {
    fn priority(&self) -> Priority {
        self.priority
    }

    fn deadline(&self) -> Option<Stamp> {
        self.assessment.as_ref().and_then(|a| a.next_deadline())
    }

    fn place(&self) -> Option<(&str, (u64, &str), &str)> {
        self.case().map(|c| {
            let ward = c.ward.as_ref().map(|w| w.raw()).unwrap_or_default();
            let bed = c.bed.as_ref().map(|b| bed_number(b.raw())).unwrap_or((u64::MAX, ""));
            (ward, bed, c.name.raw())
        })
    }

    fn file(&self) -> &str {
        &self.entry.file
    }
}

/// How two rows compare in the list (see [`sort`]). Allocates nothing, so it is as cheap to ask
/// twenty times for one changed row as to keep a key per row. The file name, unique in the cases
/// folder, settles every tie, so there is exactly one order.
pub fn order<R: Ranked>(a: &R, b: &R) -> std::cmp::Ordering {
    let (da, db) = (a.deadline(), b.deadline());
    a.priority()
        .cmp(&b.priority())
        .then((da.is_none(), da).cmp(&(db.is_none(), db)))
        .then_with(|| a.place().cmp(&b.place()))
        .then_with(|| a.file().cmp(b.file()))
}

/// Puts `row` in the place of `rows[pos]` and moves it to where [`sort`] puts it, the other rows
/// being in order: its place found by halving, and only the rows between the two places moved.
/// Returns the row taken out and the new row's position.
pub fn replace_sorted<R: Ranked>(rows: &mut [R], pos: usize, row: R) -> (R, usize) {
    let old = std::mem::replace(&mut rows[pos], row);
    let before = rows[..pos].partition_point(|r| order(r, &rows[pos]).is_lt());
    if before < pos {
        rows[before..=pos].rotate_right(1);
        return (old, before);
    }
    let after = pos + 1 + rows[pos + 1..].partition_point(|r| order(r, &rows[pos]).is_lt());
    rows[pos..after].rotate_left(1);
    (old, after - 1)
}

/// Puts the rows at `changed` (positions, ascending), whose contents changed, where [`sort`] puts
/// them, the other rows being in order: whether anything is out of order is asked only of each
/// changed row's neighbours, and if it is, the changed rows are taken out, sorted, and each put
/// back where halving finds its place among the others. So many changed rows (every case at
/// midnight) cost one pass moving the rows and a few comparisons each, not a sort of every row.
pub fn resort_changed<R: Ranked>(rows: &mut Vec<R>, changed: &[usize]) {
    let n = rows.len();
    let in_order = |i: usize, j: usize| order(&rows[i], &rows[j]).is_le();
    if changed.iter().all(|&i| (i == 0 || in_order(i - 1, i)) && (i + 1 >= n || in_order(i, i + 1))) {
        return;
    }
    let mut taken = Vec::with_capacity(changed.len());
    let mut rest = Vec::with_capacity(n - changed.len());
    let mut next = changed.iter().peekable();
    for (i, row) in rows.drain(..).enumerate() {
        if next.next_if(|&&c| c == i).is_some() {
            taken.push(row);
        } else {
            rest.push(row);
        }
    }
    taken.sort_by(order);
    // Where each taken row goes among the rest: ascending, since the taken rows are sorted.
    let places: Vec<usize> = taken.iter().map(|t| rest.partition_point(|r| order(r, t).is_lt())).collect();
    let mut rest = rest.into_iter();
    let mut done = 0;
    for (row, place) in taken.into_iter().zip(places) {
        rows.extend(rest.by_ref().take(place - done));
        done = place;
        rows.push(row);
    }
    rows.extend(rest);
}

/// The number a bed starts with (`u64::MAX` for none), and the bed: the order of [`bed_key`]
/// without copying the bed.
pub fn bed_number(bed: &str) -> (u64, &str) {
    let digits = bed.bytes().take_while(u8::is_ascii_digit).count();
    (bed[..digits].parse().unwrap_or(u64::MAX), bed)
}

/// Where a row goes in the ward's order, as a key kept after the row is dropped: the same order
/// as [`order`] (tests/ward_kept.rs holds them together).
type SortKey = (Priority, bool, Option<Stamp>, Option<(String, (u64, String), String)>, String);

fn sort_key(r: &WardRow) -> SortKey {
    let deadline = r.assessment.as_ref().and_then(|a| a.next_deadline());
    let place = r.case().map(|c| {
        let ward = c.ward.as_ref().map(|w| w.raw().to_string()).unwrap_or_default();
        let bed = c.bed.as_ref().map(|b| bed_key(b.raw())).unwrap_or((u64::MAX, String::new()));
        (ward, bed, c.name.raw().to_string())
    });
    (r.priority, deadline.is_none(), deadline, place, r.entry.file.clone())
}

/// The whole ward (or the archive) as [`assess`] gives it, less what only the dashboard reads
/// (see [`report_row`]), each row handed to `keep` as soon as it is made and dropped after: what `keep` returns, in the ward's order. A report that keeps a
/// line or two of each case holds that much, not ten thousand cases and their assessments (a
/// tenth of a megabyte a case at most, against the dozen kilobytes of a case read and assessed).
///
/// Files whose id another file also uses are read and assessed again once every file is in,
/// with that problem marked, exactly as [`assess`] would have them.
pub fn assess_kept<T: Send>(
    store: &crate::store::Store,
    archive: bool,
    g: &Guidelines,
    settings: &EngineSettings,
    now: Stamp,
    keep: impl Fn(WardRow) -> T + Sync,
) -> Result<Vec<T>, crate::store::StoreError> {
    let shaped = |e: CaseEntry| {
        let assessment = e.case.as_ref().map(|c| engine::assess(c, g, settings, now));
        let r = report_row(e, assessment);
        (sort_key(&r), keep(r))
    };
    let mut kept = read_kept(store, archive, shaped)?;
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(kept.into_iter().map(|(_, t)| t).collect())
}

/// Every file of the cases folder (or the archive) read, handed to `keep` as soon as it is read
/// and dropped after, on every core: what `keep` returns, in the folder's order, each entry
/// exactly as [`crate::store::Store::load_all`] would give it. Files whose id another file also
/// uses are read again once every file is in, with that problem marked, and kept again.
pub fn read_kept<T: Send>(
    store: &crate::store::Store,
    archive: bool,
    keep: impl Fn(CaseEntry) -> T + Sync,
) -> Result<Vec<T>, crate::store::StoreError> {
    let files = store.listed_files(archive)?;
    let with_id = |e: CaseEntry| (e.case.as_ref().map(|c| c.id.as_str().to_string()), keep(e));
    let mut kept = crate::store::par_map(&files, |f| with_id(store.read_listed(archive, f)));
    store.flush_cache();
    let mut by_id: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, (id, _)) in kept.iter().enumerate() {
        if let Some(id) = id {
            by_id.entry(id.as_str()).or_default().push(i);
        }
    }
    let mut shared: Vec<usize> = by_id.into_values().filter(|i| i.len() > 1).flatten().collect();
    if !shared.is_empty() {
        shared.sort_unstable();
        let again: Vec<(String, std::path::PathBuf)> = shared.iter().map(|&i| files[i].clone()).collect();
        let mut entries: Vec<CaseEntry> = again.iter().map(|f| store.read_listed(archive, f)).collect();
        store.flush_cache();
        crate::store::mark_duplicates(entries.iter_mut());
        for (i, entry) in shared.into_iter().zip(entries) {
            kept[i] = with_id(entry);
        }
    }
    Ok(kept.into_iter().map(|(_, t)| t).collect())
}

/// Beds sort as numbers when they are numbers ("2" before "12").
pub fn bed_key(bed: &str) -> (u64, String) {
    let digits: String = bed.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u64::MAX), bed.to_string())
}

/// Counts for headers: (open emergencies, open urgent-only, patients with something overdue (a
/// schedule item or a pathway step), problem files).
pub fn counts<'a>(rows: impl IntoIterator<Item = &'a WardRow>) -> (usize, usize, usize, usize) {
    add_counts(rows.into_iter().map(row_counts))
}

/// The sum of rows' [`row_counts`].
pub fn add_counts(each: impl IntoIterator<Item = (usize, usize, usize, usize)>) -> (usize, usize, usize, usize) {
    each.into_iter().fold((0, 0, 0, 0), |t, r| (t.0 + r.0, t.1 + r.1, t.2 + r.2, t.3 + r.3))
}

/// One row's part of [`counts`], each 0 or 1.
pub fn row_counts(r: &WardRow) -> (usize, usize, usize, usize) {
    // Overdue as the checklist says it: a schedule item, or a pathway step that is not urgent
    // (urgent steps are counted apart) and past its day.
    let overdue = r.assessment.as_ref().is_some_and(|a| {
        a.schedule.iter().any(|i| i.status == engine::DueStatus::Overdue)
            || a.open_pathway().chain(&a.follow_up).any(|i| {
                i.level != engine::ItemLevel::Urgent
                    && engine::DueStatus::for_date(i.due, a.now.date(), 0) == engine::DueStatus::Overdue
            })
    });
    tally(r.level(), overdue, r.has_problem())
}

/// What the header counts of one case from its level, whether something is overdue and whether
/// its file has a problem: the one rule for a report's row and the dashboard's.
pub fn tally(level: Level, overdue: bool, problem: bool) -> (usize, usize, usize, usize) {
    let (emergency, urgent) = match level {
        Level::Emergency => (1, 0),
        Level::Urgent => (0, 1),
        Level::None => (0, 0),
    };
    (emergency, urgent, usize::from(overdue), usize::from(problem))
}

/// The rows of one ward, named whatever its capitals ("7b" is ward 7B). A file that could not be
/// read is kept whatever the ward, since nobody can tell which ward it belongs to. A ward no case
/// is on is an error that lists the wards there are: a mistyped ward must never read as a quiet
/// ward.
pub fn of_ward(rows: Vec<WardRow>, ward: &str) -> Result<Vec<WardRow>, String> {
    on_ward(rows, ward, |r| r.case().and_then(|c| c.ward.as_ref()), |r| r.case().is_none())
}

/// Whether a case's ward is `ward`, whatever the capitals and the spaces around it ("7b" is
/// ward 7B): the one way every command and the dashboard's audit match a ward.
pub fn is_ward(case_ward: &str, ward: &str) -> bool {
    case_ward.trim().to_lowercase() == ward.trim().to_lowercase()
}

/// The items on `ward` (any capitals), by the ward each one names; those `keep` says are kept
/// whatever their ward. A ward no item is on is an error that lists the wards there are.
pub fn on_ward<T>(
    items: Vec<T>,
    ward: &str,
    ward_of: impl Fn(&T) -> Option<&crate::model::Text>,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, String> {
    let on = |item: &T| ward_of(item).is_some_and(|w| is_ward(w.raw(), ward));
    if !items.iter().any(&on) {
        let mut wards: Vec<String> = items.iter().filter_map(|i| ward_of(i).map(|w| w.safe())).collect();
        wards.sort();
        wards.dedup();
        let known = if wards.is_empty() {
            "no case names a ward".to_string()
        } else {
            format!("wards are {}", wards.join(", "))
        };
        return Err(format!("no case is on ward `{}`; {known}", crate::model::text::sanitize(ward)));
    }
    Ok(items.into_iter().filter(|i| keep(i) || on(i)).collect())
}

/// The one case a person means by `query`, asked in this order: an exact id, else an exact bed,
/// else a name (any capitals, whole, else a unique part). The first of these that matches
/// decides; if it matches several cases (a bed number on two wards, a shared name) that is an
/// error listing them, so a clinician never reads the wrong patient's record — a bed `C` is never
/// taken for a name with a `c` in it. None is an error too.
pub fn find<'a>(rows: &'a [WardRow], query: &str) -> Result<&'a WardRow, String> {
    let q = query.trim().to_lowercase();
    let name = |r: &WardRow| r.case().map(|c| c.name.raw().trim().to_lowercase());
    let bed = |r: &WardRow| r.case().and_then(|c| c.bed.as_ref()).map(|b| b.raw().trim().to_lowercase());
    let by_id: Vec<&WardRow> = rows.iter().filter(|r| r.entry.display_id().to_lowercase() == q).collect();
    let by_bed: Vec<&WardRow> =
        rows.iter().filter(|r| !q.is_empty() && bed(r).as_deref() == Some(q.as_str())).collect();
    let by_name: Vec<&WardRow> =
        rows.iter().filter(|r| !q.is_empty() && name(r).as_deref() == Some(q.as_str())).collect();
    let by_part: Vec<&WardRow> =
        rows.iter().filter(|r| name(r).is_some_and(|n| !q.is_empty() && n.contains(&q))).collect();
    let candidates = [by_id, by_bed, by_name, by_part].into_iter().find(|tier| !tier.is_empty()).unwrap_or_default();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => {
            let ids: Vec<String> = rows.iter().map(|r| r.entry.display_id()).collect();
            let hint = crate::model::vocab::did_you_mean(query.trim(), ids.iter().map(String::as_str));
            Err(format!(
                "no case has the id, name or bed `{}`{hint}; `cordwatch list` shows them all",
                crate::model::text::sanitize(query)
            ))
        }
        many => {
            let listed: Vec<String> = many
                .iter()
                .map(|r| {
                    let c = r.case();
                    let name = c.map(|c| c.name.safe()).unwrap_or_default();
                    let bed = c.and_then(|c| c.bed.as_ref()).map(|b| format!(", bed {}", b.safe())).unwrap_or_default();
                    let ward =
                        c.and_then(|c| c.ward.as_ref()).map(|w| format!(", ward {}", w.safe())).unwrap_or_default();
                    format!("{} ({name}{bed}{ward})", r.entry.display_id())
                })
                .collect();
            Err(format!(
                "`{}` matches {} cases; give the id: {}",
                crate::model::text::sanitize(query),
                many.len(),
                listed.join("; ")
            ))
        }
    }
}

/// What the audit is handed from the cases folder and the archive: every readable case, marked
/// archived or not, and the files that could not be read (named, never counted as empty). The
/// command and the dashboard both build their audit from this, so they cannot count differently.
pub fn audit_cases<'a>(
    active: impl IntoIterator<Item = &'a CaseEntry>,
    archive: impl IntoIterator<Item = &'a CaseEntry>,
) -> (Vec<engine::audit::AuditCase<'a>>, Vec<String>) {
    let mut cases = Vec::new();
    let mut unreadable = Vec::new();
    let tagged = active.into_iter().map(|e| (e, false)).chain(archive.into_iter().map(|e| (e, true)));
    for (entry, archived) in tagged {
        match &entry.case {
            Some(case) => {
                cases.push(engine::audit::AuditCase { case, archived, file: &entry.file, problems: &entry.problems })
            }
            None => unreadable.push(entry.file.clone()),
        }
    }
    (cases, unreadable)
}

/// Every case file and archived file read, judged for the audit and dropped, one at a time and
/// on every core: what each case gives the audit (its episodes and problems), not every case at
/// once. The same cases as [`audit_cases`] of the whole ward, and the files that could not be read.
pub fn audit_judged(
    store: &crate::store::Store,
    g: &Guidelines,
    window: engine::audit::Window,
    now: Stamp,
) -> Result<(Vec<engine::audit::CaseAudit>, Vec<String>), crate::store::StoreError> {
    let judge = |archived: bool| {
        move |e: CaseEntry| match &e.case {
            Some(case) => {
                let case = engine::audit::AuditCase { case, archived, file: &e.file, problems: &e.problems };
                Ok(engine::audit::judge_case(case, g, window, now))
            }
            None => Err(e.file),
        }
    };
    let mut all = read_kept(store, false, judge(false))?;
    all.extend(read_kept(store, true, judge(true))?);
    let (mut cases, mut unreadable) = (Vec::new(), Vec::new());
    for one in all {
        match one {
            Ok(case) => cases.push(case),
            Err(file) => unreadable.push(file),
        }
    }
    Ok((cases, unreadable))
}

/// One open job on the ward, with its patient: the ward's job list (`cordwatch job list`, the
/// dashboard's Jobs view, the handover).
#[derive(Debug, Clone, Copy)]
pub struct WardJob<'a> {
    pub row: &'a WardRow,
    pub job: &'a crate::model::Job,
    pub overdue: bool,
}

/// Whether `owner` is the job's owner, whatever the capitals and spaces around it.
pub fn owned_by(job: &crate::model::Job, owner: &str) -> bool {
    job.owner.as_ref().is_some_and(|o| o.raw().trim().eq_ignore_ascii_case(owner.trim()))
}

/// The open jobs of every readable case in `rows` (of one owner, when given): overdue first, then
/// by due time (those with none last), then in the list's own priority order.
pub fn open_jobs<'a>(rows: &'a [WardRow], now: Stamp, owner: Option<&str>) -> Vec<WardJob<'a>> {
    let mut out: Vec<(usize, WardJob<'a>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(case) = row.case() else { continue };
        for job in case.jobs.iter().filter(|j| j.is_open() && owner.is_none_or(|o| owned_by(j, o))) {
            out.push((i, WardJob { row, job, overdue: job.is_overdue(now) }));
        }
    }
    out.sort_by_key(|(i, w)| (!w.overdue, w.job.due.is_none(), w.job.due, *i, w.job.number));
    out.into_iter().map(|(_, w)| w).collect()
}
