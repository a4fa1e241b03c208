//! The dashboard's state.
//!
//! One `App` holds everything and the views only read it. What a view keeps of its own (its
//! cursor, scroll, sort, caches) is a struct of its own with that view's keys ([`PatientsView`],
//! [`PatientView`], [`RoundView`], [`UrgentView`], [`JobsView`], and `AuditView` in
//! `tui::audit`); `App` holds one of each and what they share. Input changes it only through
//! `handle_key` ([`keys`], and [`modals`] for the windows over the screen); the data changes it
//! through [`loading`] (the first read, in the background) and [`changes`] (files others wrote,
//! and the clock). Work that needs the terminal itself (running `$EDITOR`) comes back as an
//! [`Effect`] for the event loop. Every write goes through the store; a failed write keeps the
//! form and everything typed in it.

mod arrivals;
mod changes;
mod cursor;
mod filter;
mod jobs;
mod keys;
mod loading;
mod modals;
mod moved;
mod patient;
mod patients;
mod print;
mod round;
mod row_keys;
mod saving;
mod search;
mod urgent;

pub use jobs::JobsView;
pub use patient::PatientView;
pub use patients::{PatientsView, SortMode};
pub use round::RoundView;
pub use urgent::UrgentView;

use std::rc::Rc;

use super::audit::state::{AuditKey, AuditView, Source};
use super::forms::Form;
use super::round::RoundLine;
use crate::context::Context;
use crate::engine::Completion;
use crate::model::{CaseId, Stamp};
use crate::settings::keymap::Keymap;
use crate::settings::theme::Theme;
use crate::store::Fingerprint;
use crate::tui::brief::Brief;
use crate::ward::{self, WardRow};

/// The views, in Tab order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Patients,
    Patient,
    Round,
    Urgent,
    Audit,
    /// The ward's open jobs, overdue first.
    Jobs,
}

impl View {
    pub const ALL: [View; 6] = [View::Patients, View::Patient, View::Round, View::Urgent, View::Audit, View::Jobs];

    pub fn title(self) -> &'static str {
        match self {
            View::Patients => "Patients",
            View::Patient => "Patient",
            View::Round => "Round",
            View::Urgent => "Urgent",
            View::Audit => "Audit",
            View::Jobs => "Jobs",
        }
    }
}

/// A window over the screen: help, a form, or a yes/no question.
#[derive(Debug)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Form(Box<Form>),
    /// Discharge this case? (id, name, the pathway steps still open, which it keeps for follow-up)
    ConfirmDischarge(CaseId, String, Vec<String>),
    /// Quit and lose the unsaved form (when there is one), or the demo ward's changes?
    ConfirmQuit(Option<Box<Form>>),
    /// Close the form and lose what was typed?
    ConfirmDiscard(Box<Form>),
    /// A message too long for the status line, shown whole until a key is pressed.
    Message(Status),
    /// The last messages, newest last.
    Messages {
        scroll: u16,
    },
    /// Who is recording? Asked once when the dashboard opens on a shared ward with no clinician
    /// set: what is typed so far (`Name (role)`), and why the last answer was refused.
    AskClinician {
        typed: String,
        error: Option<String>,
    },
    /// Print the list on screen: the file name (or `| command`) being typed, and why the last
    /// try was refused.
    Print {
        target: String,
        error: Option<String>,
    },
}

/// Something the event loop must do outside `handle_key`.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Suspend the dashboard and edit this case file in `$EDITOR`.
    Edit {
        id: CaseId,
    },
}

/// An invalid edit of a case file that the clinician gave up: the edit, the error written under
/// it, the file's hash when it was first read (a change since is a conflict, as for any edit), and
/// where a copy was kept.
#[derive(Debug, Clone)]
pub struct RejectedEdit {
    pub id: CaseId,
    pub draft: String,
    pub notes: String,
    pub hash: u64,
    pub kept: String,
}

/// What the header counts, worked out once each time the data changes rather than every frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub emergency: usize,
    pub urgent: usize,
    pub overdue: usize,
    pub problems: usize,
    /// Every ward named in a readable case, sorted.
    pub wards: Vec<String>,
    /// Why the ward looks to have vanished (its cases folder emptied or replaced), when it does.
    pub vanished: Option<String>,
}

/// How many readable cases name each ward, by the ward as written: kept in step with the rows,
/// so a changed case changes the header's wards by what it brought and took away.
#[derive(Debug, Default)]
struct WardNames(std::collections::BTreeMap<String, usize>);

impl WardNames {
    fn of(rows: &[Brief]) -> WardNames {
        let mut names = WardNames::default();
        for r in rows {
            names.add(ward_of(r), 1);
        }
        names
    }

    /// Counts `ward` in (`by` 1) or out (`by` -1); true when a ward came or went.
    fn add(&mut self, ward: Option<&str>, by: isize) -> bool {
        let Some(ward) = ward else { return false };
        match self.0.get_mut(ward) {
            Some(n) => {
                *n = n.saturating_add_signed(by);
                if *n == 0 {
                    self.0.remove(ward);
                    return true;
                }
                false
            }
            None if by > 0 => {
                self.0.insert(ward.to_string(), 1);
                true
            }
            None => false,
        }
    }

    /// Every ward named, as shown, sorted, each once. Each different name is made safe to show
    /// once, not once per case.
    fn shown(&self) -> Vec<String> {
        let mut wards: Vec<String> = self.0.keys().map(|w| crate::model::text::sanitize(w)).collect();
        wards.sort();
        wards.dedup();
        wards
    }
}

/// The ward a readable case names, as written.
fn ward_of(row: &Brief) -> Option<&str> {
    row.ward_raw()
}

/// What each view's cursor is on: (file) in Patients, (file, rule) in Urgent, (file, item text)
/// in Round, the episode or line in Audit.
struct Cursors {
    patients: Option<String>,
    urgent: Option<urgent::UrgentKey>,
    round: Option<round::RoundKey>,
    audit: Option<AuditKey>,
}

/// A one-line message in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// How many patients read whole are kept at once (see [`App::detail`]): the one shown, and the
/// few a key may act on while it is.
const DETAILS_KEPT: usize = 4;

/// How many views Esc can step back through, and how many messages the log keeps.
const HISTORY: usize = 32;
const MESSAGES: usize = 30;

pub struct App {
    pub ctx: Context,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Draw in plain ASCII: the locale is not UTF-8 (see `views::ascii`).
    pub ascii: bool,
    /// Every case file, assessed at `ctx.now`, in clinical priority order: what the lists show
    /// of each (see [`Brief`]).
    pub rows: Vec<Brief>,
    /// The cases last read whole for one patient (see [`App::detail`]), dropped when the rows
    /// change or the clock moves.
    details: std::cell::RefCell<Vec<Rc<WardRow>>>,
    pub view: View,
    /// The views left to get here, most recent last: Esc goes back through them.
    history: Vec<View>,
    /// The Patients view: the rows it lists, its cursor, its filter and sort order.
    pub patients: PatientsView,
    /// The Patient view: the patient shown, its scroll, who did what to it.
    pub patient: PatientView,
    /// The Round view: its cursor and its lines.
    pub round: RoundView,
    /// The Urgent view: its cursor.
    pub urgent: UrgentView,
    /// The Jobs view: its cursor, and whether it shows only the user's jobs.
    pub jobs: JobsView,
    /// New emergencies from others' changes, marked until seen.
    arrivals: arrivals::Arrivals,
    /// The Audit view: its cursor, the archive it reads, its lines.
    pub audit: AuditView,
    /// The ward shown (every view but the Patient view lists one ward, or all).
    pub ward: Option<String>,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    /// The last messages with the time each was said, oldest first (see [`Modal::Messages`]).
    pub messages: std::collections::VecDeque<(Stamp, Status)>,
    /// The width of the last frame drawn: a message wider than this opens in a window.
    screen_width: std::cell::Cell<u16>,
    /// The same for the window over the screen (help, the message log).
    popup_scroll_max: std::cell::Cell<u16>,
    /// The last height the list views had, for PageUp/PageDown (set while drawing).
    page: std::cell::Cell<usize>,
    pub summary: Summary,
    /// The wards the rows name, counted (the header's `summary.wards` is made from it).
    ward_names: WardNames,
    /// Each row's file and id as numbers, to find a changed file's row (see `row_keys`).
    row_keys: row_keys::RowKeys,
    loading: Option<loading::Loading>,
    fingerprint: Fingerprint,
    /// Notifications of changes in the cases folder, and when the folder was last looked at whole.
    watching: changes::Watching,
    /// A submitted form waiting for its case's lock (the form itself stays in `modal`).
    saving: Option<saving::Saving>,
    /// An edit of a case file refused as invalid and given up, offered again the next time that
    /// case is edited (see `tui::editor`).
    pub rejected_edit: Option<RejectedEdit>,
    /// Something was written since the dashboard opened: on the demo ward, quitting throws it
    /// away, and says so first.
    wrote: bool,
}

impl App {
    /// Opens the app with every case read and assessed before it returns.
    pub fn new(ctx: Context, keymap: Keymap, theme: Theme) -> Result<App, crate::store::StoreError> {
        let mut app = App::empty(ctx, keymap, theme);
        app.reload_all()?;
        Ok(app)
    }

    fn empty(ctx: Context, keymap: Keymap, theme: Theme) -> App {
        let app = App {
            ctx,
            keymap,
            theme,
            ascii: false,
            rows: Vec::new(),
            details: std::cell::RefCell::new(Vec::new()),
            view: View::Patients,
            history: Vec::new(),
            patients: PatientsView::default(),
            patient: PatientView::default(),
            round: RoundView::default(),
            urgent: UrgentView::default(),
            jobs: JobsView::default(),
            arrivals: arrivals::Arrivals::default(),
            audit: AuditView::default(),
            ward: None,
            modal: None,
            status: None,
            messages: std::collections::VecDeque::new(),
            screen_width: std::cell::Cell::new(80),
            popup_scroll_max: std::cell::Cell::new(u16::MAX),
            page: std::cell::Cell::new(10),
            summary: Summary::default(),
            ward_names: WardNames::default(),
            row_keys: row_keys::RowKeys::default(),
            loading: None,
            fingerprint: Fingerprint::default(),
            watching: changes::Watching::default(),
            saving: None,
            rejected_edit: None,
            wrote: false,
        };
        let mut app = app;
        if app.ctx.store.is_read_only() {
            app.say(
                format!("read-only: {} cannot be written by {}", app.ctx.store.root().display(), app.ctx.store.user()),
                true,
            );
        } else if app.ctx.should_ask_clinician() {
            app.modal = Some(Modal::AskClinician { typed: String::new(), error: None });
        }
        app
    }

    /// Works out again what depends on the rows: the header's counts and the Round view.
    fn changed(&mut self) {
        let (emergency, urgent, overdue, problems) = ward::add_counts(self.rows.iter().map(Brief::counts));
        self.ward_names = WardNames::of(&self.rows);
        let wards = self.ward_names.shown();
        // Only once every file is in: a list still loading is not a ward that vanished.
        let vanished = match self.loading {
            Some(_) => None,
            None => self.ctx.store.vanished(
                self.rows
                    .iter()
                    .map(|r| std::path::Path::new(&r.file).file_stem().and_then(|s| s.to_str()).unwrap_or_default()),
            ),
        };
        let newly = vanished.is_some() && self.summary.vanished.is_none();
        self.summary = Summary { emergency, urgent, overdue, problems, wards, vanished };
        if newly && let Some(warning) = self.summary.vanished.clone() {
            self.say(warning, true);
        }
        self.forget_derived();
    }

    /// Drops what was worked out from the rows (the Round and Audit views' lines, the filter's
    /// index), to be built again on first use.
    fn forget_derived(&mut self) {
        self.forget_views();
        self.patients.forget_listing();
        self.row_keys.forget();
    }

    /// Drops the Round, Urgent and Audit views' lines, to be built again when next shown (the
    /// filter's index and the list's orders are kept: a merged row puts them right itself).
    fn forget_views(&mut self) {
        self.details.borrow_mut().clear();
        self.round.forget_lines();
        self.urgent.forget_lines();
        self.audit.forget_lines();
    }

    /// Where each view's cursor points, by what it points at rather than by position. Taken
    /// before the rows change, because `visible` and the other positions index the old rows.
    fn cursors(&self) -> Cursors {
        // The Urgent and Round views' lines cost a pass over every case: worked out only for the
        // view shown. A view not shown keeps what its cursor was on when it was left (`leave_for`).
        let round = (self.view == View::Round).then(|| self.round.key(&self.round())).flatten();
        self.cursors_with_round(round)
    }

    /// [`App::cursors`] with the Round item under the cursor as taken already (before the clock
    /// moved: see `App::tick`).
    fn cursors_with_round(&self, round: Option<round::RoundKey>) -> Cursors {
        let urgent = (self.view == View::Urgent).then(|| self.urgent.key(&self.rows)).flatten();
        Cursors { patients: self.selected_file(), urgent, round, audit: self.audit.key() }
    }

    /// Puts every view's cursor back after the rows changed: on the same patient or item if it is
    /// still there, else on the one now in its place, else on the last. A cursor never points
    /// past the end of its list.
    fn restore(&mut self, keep: Cursors) {
        self.refresh_visible_keeping(keep.patients);
        if self.view == View::Urgent {
            self.urgent.restore(&self.rows, keep.urgent);
        }
        if self.view == View::Round {
            let lines = self.round();
            self.round.restore(&lines, keep.round);
        }
        let shown = self.view == View::Audit;
        let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
        self.audit.restore(src, keep.audit, shown);
    }

    /// Sorts the rows again after they changed (taken with [`App::cursors`] before the change).
    fn resort(&mut self, keep: Cursors) {
        ward::sort(&mut self.rows);
        self.changed();
        self.restore(keep);
    }

    /// Applies the filter, the ward and the sort order. Unreadable files are always shown: a
    /// filter must never hide a file that could be anyone.
    pub fn refresh_visible(&mut self) {
        let keep = self.selected_file();
        self.refresh_visible_keeping(keep);
    }

    /// [`App::refresh_visible`] with the cursor put on `keep` (a file name) if it is still listed.
    fn refresh_visible_keeping(&mut self, keep: Option<String>) {
        self.patients.refresh(&self.rows, self.ward.as_deref(), keep);
    }

    /// The row under the Patients view's cursor.
    pub fn selected_row(&self) -> Option<&Brief> {
        self.patients.selected_row(&self.rows)
    }

    fn selected_file(&self) -> Option<String> {
        self.patients.selected_file(&self.rows)
    }

    /// The filter the Patients list shows: the one typed, or while it matches nothing, the last
    /// that did.
    pub fn shown_filter(&self) -> &str {
        self.patients.shown_filter()
    }

    /// The row of the patient the Patient view shows and the record keys act on, as the lists
    /// show it (None for a discharged patient opened from the Audit view).
    pub fn current_brief(&self) -> Option<&Brief> {
        match self.view {
            View::Patient => self.patient.row(&self.rows),
            View::Round => self.round_target().and_then(|(file, _)| self.rows.iter().find(|r| r.file == file)),
            View::Urgent => self.urgent.current(&self.urgent_rows()).and_then(|(i, _)| self.rows.get(i)),
            View::Patients => self.selected_row(),
            View::Audit => None,
            View::Jobs => self.job_rows().get(self.jobs.selected).and_then(|(i, _)| self.rows.get(*i)),
        }
    }

    /// The file of the patient the Patient view shows and the record keys act on.
    pub fn current_file(&self) -> Option<String> {
        match (&self.patient.archived, self.view) {
            (Some(row), View::Patient) => Some(row.entry.file.clone()),
            _ => self.current_brief().map(|r| r.file.clone()),
        }
    }

    /// The patient the Patient view shows and the record keys act on, read whole (see
    /// [`App::detail`]), or the discharged patient opened from the Audit view.
    pub fn current_patient(&self) -> Option<Rc<WardRow>> {
        if self.view == View::Patient
            && let Some(row) = &self.patient.archived
        {
            return Some(Rc::clone(row));
        }
        self.current_brief().map(|b| self.detail(b))
    }

    /// The case of `brief` read whole from its file and assessed now: what the Patient view, the
    /// forms and the record keys read, which the lists do not keep (see [`Brief`]). Its file is
    /// the record: a file changed since the row was made is shown as it is now (the watch then
    /// merges the change into the lists too), and a file that can no longer be read is shown as
    /// unreadable, with why, never as the row remembered it. A file whose id another file also
    /// uses keeps that problem. The last few read are kept until the rows change or the clock
    /// moves, so drawing the same patient again reads nothing.
    pub fn detail(&self, brief: &Brief) -> Rc<WardRow> {
        if let Some(row) = self.details.borrow().iter().find(|r| r.entry.file == brief.file) {
            return Rc::clone(row);
        }
        let row = Rc::new(crate::tui::brief::read_whole(&self.ctx, brief, self.ctx.now));
        let mut kept = self.details.borrow_mut();
        if kept.len() >= DETAILS_KEPT {
            kept.remove(0);
        }
        kept.push(Rc::clone(&row));
        row
    }

    /// The Jobs view's lines (see [`JobsView::lines`]).
    pub fn job_rows(&self) -> Vec<(usize, u32)> {
        self.jobs.lines(&self.ctx, &self.rows, self.ward.as_deref())
    }

    /// Rows with an open flag, each with its index in the row's `flags`, nearest deadline first.
    pub fn urgent_rows(&self) -> Rc<Vec<(usize, usize)>> {
        self.urgent.lines(&self.rows)
    }

    /// The Round view's lines for the current ward, built once per change of the data.
    pub fn round(&self) -> Rc<Vec<RoundLine>> {
        self.round.lines(&self.rows, self.ward.as_deref(), &self.keymap, &self.ctx)
    }

    /// What to do about a Round line, said under the list when it is selected: an item's detail
    /// (when it was raised, what the guideline says to do, the last acknowledgement), read with
    /// its case (see [`Brief`]); a file to fix says how.
    pub fn round_detail(&self, line: &RoundLine) -> String {
        if !line.detail.is_empty() || line.rule.is_empty() {
            return line.detail.clone();
        }
        let Some(brief) = self.rows.iter().find(|r| r.file == line.file) else { return String::new() };
        let row = self.detail(brief);
        let (Some(case), Some(a)) = (row.case(), row.assessment.as_deref()) else { return String::new() };
        crate::engine::checklist::checklist(case, a)
            .into_iter()
            .find(|item| item.rule == line.rule && item.raised == line.raised && Some(item.category) == line.category)
            .map(|item| item.detail)
            .unwrap_or_default()
    }

    /// The (file, completion) of the selected Round item.
    fn round_target(&self) -> Option<(String, Option<Completion>)> {
        self.round.target(&self.round())
    }

    /// What the Audit view works its audit out from: the context, the active cases, the ward shown.
    pub fn audit_source(&self) -> Source<'_> {
        Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() }
    }

    /// The Audit view's lines for the current ward, built once per change of the data.
    pub fn audit_lines(&self) -> Rc<Vec<crate::tui::audit::lines::AuditLine>> {
        self.audit.lines(self.audit_source())
    }

    /// Whether the Patient view shows a discharged patient, which nothing may be recorded for;
    /// says so when it does.
    pub(super) fn refuse_archived(&mut self) -> bool {
        let Some(row) = self.patient.archived.as_ref().filter(|_| self.view == View::Patient) else { return false };
        let id = row.case().map(|c| c.id.to_string()).unwrap_or_else(|| row.entry.file.clone());
        self.say(format!("{id} is discharged ({}): nothing can be recorded here", row.entry.file), true);
        true
    }

    /// Where a view records how many rows it showed, so paging moves by a screenful.
    pub fn page_cell(&self) -> &std::cell::Cell<usize> {
        &self.page
    }

    /// Where the drawing records the width of the screen.
    pub fn screen_width_cell(&self) -> &std::cell::Cell<u16> {
        &self.screen_width
    }

    /// Where the help and the message log record how far they can scroll.
    pub fn popup_scroll_max_cell(&self) -> &std::cell::Cell<u16> {
        &self.popup_scroll_max
    }

    /// Says something on the status line and keeps it in the message log. A message wider than
    /// the screen would be cut off there, so it opens in a window that waits for a key — unless
    /// another window is open, which must not be replaced; the log still has it.
    /// Keeps a message in the log (`L`) without showing it.
    pub fn log(&mut self, text: String) {
        if self.messages.len() >= MESSAGES {
            self.messages.pop_front();
        }
        let status = Status { text: crate::model::text::sanitize(&text), error: false };
        self.messages.push_back((self.ctx.now, status));
    }

    pub fn say(&mut self, text: String, error: bool) {
        let status = Status { text: crate::model::text::sanitize(&text), error };
        if self.messages.len() >= MESSAGES {
            self.messages.pop_front();
        }
        self.messages.push_back((self.ctx.now, status.clone()));
        let wide = unicode_width::UnicodeWidthStr::width(status.text.as_str()) > usize::from(self.screen_width.get());
        if wide && self.modal.is_none() {
            self.modal = Some(Modal::Message(status.clone()));
        }
        self.status = Some(status);
    }

    /// Shows another view, remembering this one for Esc. Leaving the Patient view puts the
    /// Patients cursor on the patient it showed.
    pub(crate) fn go(&mut self, view: View) {
        if view == self.view {
            return;
        }
        if self.history.len() >= HISTORY {
            self.history.remove(0);
        }
        self.history.push(self.view);
        self.leave_for(view);
    }

    /// Goes back to the view before this one; false when there is none.
    pub(crate) fn go_back(&mut self) -> bool {
        let looking_at = self.current_file();
        let Some(view) = self.history.pop().or((self.view != View::Patients).then_some(View::Patients)) else {
            return false;
        };
        self.leave_for(view);
        // The Patients cursor follows the patient you were looking at, wherever that was.
        if self.view == View::Patients {
            self.put_cursor_on(looking_at);
        }
        true
    }

    fn leave_for(&mut self, view: View) {
        if self.view == View::Patient && view == View::Patients {
            self.put_cursor_on(self.patient.file.clone());
        }
        match self.view {
            View::Urgent => self.urgent.left(&self.rows),
            View::Round => {
                let lines = self.round();
                self.round.left(&lines);
                // Made again from the files when next shown: a regional round is a million lines.
                self.round.forget_lines();
            }
            _ => {}
        }
        self.view = view;
        match view {
            View::Urgent => self.urgent.shown(&self.rows),
            View::Round => {
                let lines = self.round();
                self.round.shown(&lines);
            }
            _ => {}
        }
        if view == View::Audit {
            let src = Source { ctx: &self.ctx, rows: &self.rows, ward: self.ward.as_deref() };
            self.audit.show(src);
        }
    }

    /// Puts the Patients cursor on a case file if it is listed.
    fn put_cursor_on(&mut self, file: Option<String>) {
        self.patients.put_cursor_on(&self.rows, file);
    }

    /// Says how a write went, given how reading the case files again after it went. A reload that
    /// failed is said too, never dropped: the list on screen is then out of date, and whoever reads
    /// it must know before trusting it.
    pub fn say_after_write<E: std::fmt::Display>(&mut self, message: String, error: bool, reloaded: Result<(), E>) {
        self.wrote |= !error;
        match reloaded {
            Ok(()) => self.say(message, error),
            Err(e) => self.say(
                format!(
                    "{message}; but the case files could not be read again ({e}), so the list may be out of date: \
                     restart the dashboard or check the data directory"
                ),
                true,
            ),
        }
    }

    /// Quitting, as asked by `q` or Ctrl-C: at once, unless a form holds typed input or the demo
    /// ward has changes, which quitting would lose; then it asks first.
    pub(super) fn quit(&mut self, form: Option<Box<Form>>) -> Effect {
        let typed = form.as_ref().is_some_and(|f| f.is_dirty());
        if typed || (self.ctx.is_demo() && self.wrote) {
            self.modal = Some(Modal::ConfirmQuit(form.filter(|_| typed)));
            return Effect::None;
        }
        Effect::Quit
    }

    /// Whether quitting now would throw away the demo ward's changes.
    pub fn demo_changed(&self) -> bool {
        self.ctx.is_demo() && self.wrote
    }

    /// Whether a form with typed input is open (quitting then asks first).
    pub fn has_unsaved_input(&self) -> bool {
        matches!(&self.modal, Some(Modal::Form(f)) if f.is_dirty())
    }
}
