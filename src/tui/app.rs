//! The dashboard's state and how keys change it.
//!
//! One `App` holds everything; `handle_key` is the only way input changes it, and the views only
//! read it. Work that needs the terminal itself (running `$EDITOR`) comes back as an [`Effect`]
//! for the event loop. Every write goes through the store; a failed write keeps the form and
//! everything typed in it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::forms::{Form, FormKind, FormOutcome};
use super::keymap::{Action, Keymap};
use super::round::{RoundLine, round_lines};
use super::theme::Theme;
use crate::cli::Context;
use crate::engine::Completion;
use crate::model::{CaseId, Stamp};
use crate::ward::{self, WardRow};

/// The four views, in Tab order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Patients,
    Patient,
    Round,
    Urgent,
}

impl View {
    pub const ALL: [View; 4] = [View::Patients, View::Patient, View::Round, View::Urgent];

    pub fn title(self) -> &'static str {
        match self {
            View::Patients => "Patients",
            View::Patient => "Patient",
            View::Round => "Round",
            View::Urgent => "Urgent",
        }
    }
}

/// How the Patients list is ordered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortMode {
    Priority,
    Bed,
    Name,
}

impl SortMode {
    pub fn label(self) -> &'static str {
        match self {
            SortMode::Priority => "priority",
            SortMode::Bed => "bed",
            SortMode::Name => "name",
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
    /// Discharge this case? (id, name)
    ConfirmDischarge(CaseId, String),
    /// Quit and lose the unsaved form?
    ConfirmQuit(Box<Form>),
    /// Close the form and lose what was typed?
    ConfirmDiscard(Box<Form>),
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

/// What the header counts, worked out once each time the data changes rather than every frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub emergency: usize,
    pub urgent: usize,
    pub overdue: usize,
    pub problems: usize,
    /// Every ward named in a readable case, sorted.
    pub wards: Vec<String>,
}

/// Case files still being read in the background when the dashboard opened.
struct Loading {
    batches: mpsc::Receiver<Vec<crate::store::CaseEntry>>,
    total: usize,
    received: usize,
}

/// A one-line message in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub ctx: Context,
    pub keymap: Keymap,
    pub theme: Theme,
    pub now: Stamp,
    /// Every case file, assessed at `now`, in clinical priority order.
    pub rows: Vec<WardRow>,
    /// Indexes into `rows` that the Patients view shows, in display order.
    pub visible: Vec<usize>,
    pub view: View,
    pub selected: usize,
    /// The file of the patient in the Patient view (it follows the case across reloads).
    pub patient_file: Option<String>,
    pub patient_scroll: u16,
    pub round_selected: usize,
    pub urgent_selected: usize,
    pub filter: String,
    pub filter_editing: bool,
    pub ward: Option<String>,
    pub sort: SortMode,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    /// The last height the list views had, for PageUp/PageDown (set while drawing).
    page: std::cell::Cell<usize>,
    pub summary: Summary,
    /// The Round view's lines, built on first use after each change of the data.
    round_cache: RefCell<Option<Rc<Vec<RoundLine>>>>,
    loading: Option<Loading>,
    fingerprint: Vec<(String, std::time::SystemTime, u64)>,
}

impl App {
    /// Opens the app with every case read and assessed before it returns.
    pub fn new(ctx: Context, keymap: Keymap, theme: Theme) -> Result<App, String> {
        let mut app = App::empty(ctx, keymap, theme);
        app.reload_all()?;
        Ok(app)
    }

    /// Opens the app at once and reads the case files in the background, so the first frame does
    /// not wait for ten thousand files. Until the last batch is in, the header says LOADING.
    pub fn start(ctx: Context, keymap: Keymap, theme: Theme) -> Result<App, String> {
        let mut app = App::empty(ctx, keymap, theme);
        // Taken before reading, so a file changed while loading is noticed and read again.
        app.fingerprint = app.ctx.store.fingerprint();
        let files = app.ctx.store.case_files().map_err(|e| e.to_string())?;
        let (send, batches) = mpsc::channel();
        let store = app.ctx.store.clone();
        let total = files.len();
        std::thread::spawn(move || {
            for chunk in files.chunks(500) {
                if send.send(store.read_case_files(chunk)).is_err() {
                    break;
                }
            }
        });
        app.loading = Some(Loading { batches, total, received: 0 });
        Ok(app)
    }

    /// (files read, files in all) while the case files are still being read.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().map(|l| (l.received, l.total))
    }

    /// Takes in the case files read since the last call; true when anything arrived.
    pub fn receive_loaded(&mut self) -> bool {
        let Some(loading) = &mut self.loading else { return false };
        let mut batch = Vec::new();
        let mut finished = false;
        loop {
            match loading.batches.try_recv() {
                Ok(mut more) => batch.append(&mut more),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    finished = true;
                    break;
                }
            }
        }
        if batch.is_empty() && !finished {
            return false;
        }
        loading.received += batch.len();
        finished |= loading.received >= loading.total;
        let rows = ward::assess(batch, &self.ctx.guidelines, &self.ctx.engine(), self.now);
        self.rows.extend(rows);
        if finished {
            self.loading = None;
            ward::mark_duplicates(&mut self.rows);
        }
        self.resort();
        self.changed();
        true
    }

    fn empty(ctx: Context, keymap: Keymap, theme: Theme) -> App {
        let now = ctx.now;
        let app = App {
            ctx,
            keymap,
            theme,
            now,
            rows: Vec::new(),
            visible: Vec::new(),
            view: View::Patients,
            selected: 0,
            patient_file: None,
            patient_scroll: 0,
            round_selected: 0,
            urgent_selected: 0,
            filter: String::new(),
            filter_editing: false,
            ward: None,
            sort: SortMode::Priority,
            modal: None,
            status: None,
            page: std::cell::Cell::new(10),
            summary: Summary::default(),
            round_cache: RefCell::new(None),
            loading: None,
            fingerprint: Vec::new(),
        };
        let mut app = app;
        if app.ctx.store.is_read_only() {
            app.say(
                format!("read-only: {} cannot be written by {}", app.ctx.store.root().display(), app.ctx.store.user()),
                true,
            );
        }
        app
    }

    /// Works out again what depends on the rows: the header's counts and the Round view.
    fn changed(&mut self) {
        let (emergency, urgent, overdue, problems) = ward::counts(&self.rows);
        let mut wards: Vec<String> =
            self.rows.iter().filter_map(|r| r.case()?.ward.as_ref().map(|w| w.safe())).collect();
        wards.sort();
        wards.dedup();
        self.summary = Summary { emergency, urgent, overdue, problems, wards };
        self.round_cache.replace(None);
    }

    /// Reads every case file again and reassesses.
    pub fn reload_all(&mut self) -> Result<(), String> {
        self.fingerprint = self.ctx.store.fingerprint();
        let entries = self.ctx.store.load_all().map_err(|e| e.to_string())?;
        self.rows = ward::assess(entries, &self.ctx.guidelines, &self.ctx.engine(), self.now);
        self.loading = None;
        self.refresh_visible();
        self.changed();
        Ok(())
    }

    /// Looks for files others have changed and rereads only those. Returns whether anything
    /// changed. Called every `refresh_seconds`.
    pub fn poll_changes(&mut self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        let latest = self.ctx.store.fingerprint();
        if latest == self.fingerprint {
            return false;
        }
        let changed: Vec<&String> =
            latest.iter().filter(|entry| !self.fingerprint.contains(entry)).map(|(name, _, _)| name).collect();
        let removed = self.fingerprint.iter().any(|(name, _, _)| !latest.iter().any(|(n, _, _)| n == name));
        // A new or removed file can change which ids are duplicated, and many changes at once are
        // cheaper to read in one pass.
        let full =
            removed || changed.len() > 64 || changed.iter().any(|n| !self.rows.iter().any(|r| file_name(r) == **n));
        if full {
            let _ = self.reload_all();
            return true;
        }
        for name in changed {
            let path = self.ctx.store.root().join("cases").join(name);
            if let Some(pos) = self.rows.iter().position(|r| file_name(r) == *name) {
                let entry = self.ctx.store.load_file(&path);
                self.rows[pos] = ward::row(entry, &self.ctx.guidelines, &self.ctx.engine(), self.now);
            }
        }
        self.fingerprint = latest;
        self.resort();
        self.changed();
        true
    }

    /// Moves the clock on (when it is not fixed by --now) and reassesses every case.
    pub fn tick(&mut self, now: Stamp) -> bool {
        if self.ctx.clock_fixed || now == self.now {
            return false;
        }
        self.now = now;
        self.ctx.now = now;
        let entries = std::mem::take(&mut self.rows).into_iter().map(|r| r.entry).collect();
        self.rows = ward::assess(entries, &self.ctx.guidelines, &self.ctx.engine(), now);
        self.resort();
        self.changed();
        true
    }

    fn resort(&mut self) {
        let keep = self.selected_file();
        ward::sort(&mut self.rows);
        // `visible` still indexes the old order: point the cursor at the same file by position.
        if let Some(file) = keep
            && let Some(pos) = self.rows.iter().position(|r| r.entry.file == file)
        {
            self.visible = vec![pos];
            self.selected = 0;
        }
        self.refresh_visible();
    }

    /// Applies the filter, the ward and the sort order. Unreadable files are always shown: a
    /// filter must never hide a file that could be anyone.
    pub fn refresh_visible(&mut self) {
        let keep = self.selected_file();
        let needle = self.filter.to_lowercase();
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let row = &self.rows[i];
                let Some(case) = row.case() else { return true };
                if row.has_problem() {
                    return true;
                }
                let ward_ok = match &self.ward {
                    None => true,
                    Some(w) => case.ward.as_ref().is_some_and(|cw| cw.raw() == w),
                };
                ward_ok && (needle.is_empty() || row.search.contains(&needle))
            })
            .collect();
        match self.sort {
            SortMode::Priority => {}
            SortMode::Bed => visible.sort_by_key(|&i| {
                let c = self.rows[i].case();
                (
                    !self.rows[i].has_problem(),
                    c.and_then(|c| c.ward.as_ref().map(|w| w.raw().to_string())),
                    c.and_then(|c| c.bed.as_ref().map(|b| ward::bed_key(b.raw()))),
                )
            }),
            SortMode::Name => visible.sort_by_key(|&i| {
                (!self.rows[i].has_problem(), self.rows[i].case().map(|c| c.name.raw().to_lowercase()))
            }),
        }
        self.visible = visible;
        self.selected = keep
            .and_then(|file| self.visible.iter().position(|&i| self.rows[i].entry.file == file))
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&WardRow> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    fn selected_file(&self) -> Option<String> {
        self.selected_row().map(|r| r.entry.file.clone())
    }

    /// The patient the Patient view shows and the record keys act on.
    pub fn current_patient(&self) -> Option<&WardRow> {
        match self.view {
            View::Patient => self.patient_file.as_ref().and_then(|f| self.rows.iter().find(|r| &r.entry.file == f)),
            View::Round => self.round_target().and_then(|(file, _)| self.rows.iter().find(|r| r.entry.file == file)),
            View::Urgent => self.urgent_rows().get(self.urgent_selected).map(|(i, _)| &self.rows[*i]),
            View::Patients => self.selected_row(),
        }
    }

    /// Rows with an open emergency or urgent flag, each with its flag index, nearest deadline first.
    pub fn urgent_rows(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize, Stamp)> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if let Some(a) = &row.assessment {
                for (fi, f) in a.flags.iter().enumerate() {
                    if f.is_open() {
                        out.push((i, fi, f.deadline));
                    }
                }
            }
        }
        out.sort_by_key(|(i, fi, deadline)| {
            let level = self.rows[*i].assessment.as_ref().map(|a| a.flags[*fi].level);
            (std::cmp::Reverse(level), *deadline)
        });
        out.into_iter().map(|(i, fi, _)| (i, fi)).collect()
    }

    /// The Round view's lines for the current ward, built once per change of the data.
    pub fn round(&self) -> Rc<Vec<RoundLine>> {
        let mut cache = self.round_cache.borrow_mut();
        Rc::clone(cache.get_or_insert_with(|| Rc::new(round_lines(&self.rows, self.ward.as_deref()))))
    }

    /// The (file, completion) of the selected Round item.
    fn round_target(&self) -> Option<(String, Option<Completion>)> {
        let lines = self.round();
        let items: Vec<&RoundLine> = lines.iter().filter(|l| l.selectable()).collect();
        items.get(self.round_selected).map(|l| (l.file.clone(), l.completion.clone()))
    }

    /// Where a view records how many rows it showed, so paging moves by a screenful.
    pub fn page_cell(&self) -> &std::cell::Cell<usize> {
        &self.page
    }

    pub fn say(&mut self, text: String, error: bool) {
        self.status = Some(Status { text: crate::model::text::sanitize(&text), error });
    }

    /// Whether a form with typed input is open (quitting then asks first).
    pub fn has_unsaved_input(&self) -> bool {
        matches!(&self.modal, Some(Modal::Form(f)) if f.is_dirty())
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // Ctrl-C always leaves, like everywhere else; nothing half-typed is written.
            return Effect::Quit;
        }
        if let Some(modal) = self.modal.take() {
            return self.handle_modal(modal, key);
        }
        if self.filter_editing {
            self.handle_filter_key(key);
            return Effect::None;
        }
        let Some(action) = self.keymap.action(&key) else { return Effect::None };
        self.status = None;
        self.act(action)
    }

    fn handle_filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.filter.clear();
                self.filter_editing = false;
            }
            KeyCode::Enter => self.filter_editing = false,
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if self.filter.chars().count() < 40 {
                    self.filter.push(c);
                }
            }
            _ => return,
        }
        self.refresh_visible();
        // Problem files stay listed whatever the filter; put the cursor on the first real match.
        self.selected = if self.filter.is_empty() {
            0
        } else {
            self.visible.iter().position(|&i| !self.rows[i].has_problem()).unwrap_or(0)
        };
    }

    fn act(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page.get() as i64)),
            Action::PageDown => self.move_by(self.page.get() as i64),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::NextView => self.switch(1),
            Action::PrevView => self.switch(-1),
            Action::ViewPatients => self.view = View::Patients,
            Action::ViewPatient => self.show_patient(),
            Action::ViewRound => self.view = View::Round,
            Action::ViewUrgent => self.view = View::Urgent,
            Action::Filter => {
                self.view = View::Patients;
                self.filter_editing = true;
            }
            Action::WardFilter => self.next_ward(),
            Action::Sort => {
                self.sort = match self.sort {
                    SortMode::Priority => SortMode::Bed,
                    SortMode::Bed => SortMode::Name,
                    SortMode::Name => SortMode::Priority,
                };
                self.refresh_visible();
                self.say(format!("sorted by {}", self.sort.label()), false);
            }
            Action::Exam => self.open_form(FormKind::Exam),
            Action::Request => self.open_form(FormKind::Request),
            Action::Imaging => self.open_form(FormKind::Imaging(None)),
            Action::Dose => self.open_form(FormKind::Dose),
            Action::Acknowledge => self.open_form(FormKind::Acknowledge),
            Action::Review => self.open_form(FormKind::Review),
            Action::NewPatient => self.open_form(FormKind::NewPatient),
            Action::Edit => return self.edit(),
            Action::Discharge => self.ask_discharge(),
        }
        Effect::None
    }

    fn move_by(&mut self, delta: i64) {
        let step = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (current as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize
        };
        match self.view {
            View::Patients => self.selected = step(self.selected, self.visible.len()),
            View::Patient => {
                self.patient_scroll = (i64::from(self.patient_scroll).saturating_add(delta)).clamp(0, 2000) as u16;
            }
            View::Round => {
                let count = self.round().iter().filter(|l| l.selectable()).count();
                self.round_selected = step(self.round_selected, count);
            }
            View::Urgent => self.urgent_selected = step(self.urgent_selected, self.urgent_rows().len()),
        }
    }

    fn switch(&mut self, by: i64) {
        let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0) as i64;
        let next = View::ALL[(i + by).rem_euclid(View::ALL.len() as i64) as usize];
        if next == View::Patient {
            self.show_patient();
            if self.view != View::Patient {
                self.view = View::ALL[(i + 2 * by).rem_euclid(View::ALL.len() as i64) as usize];
            }
        } else {
            self.view = next;
        }
    }

    /// Opens the Patient view on the patient under the cursor of the current view.
    fn show_patient(&mut self) {
        let file = match self.view {
            View::Patient => return,
            _ => self.current_patient().map(|r| r.entry.file.clone()),
        };
        match file {
            Some(file) => {
                if self.patient_file.as_ref() != Some(&file) {
                    self.patient_scroll = 0;
                }
                self.patient_file = Some(file);
                self.view = View::Patient;
            }
            None => self.say("no patient selected".into(), true),
        }
    }

    fn open(&mut self) {
        match self.view {
            View::Patients | View::Urgent => self.show_patient(),
            View::Patient => {}
            View::Round => match self.round_target() {
                Some((file, Some(completion))) => {
                    self.patient_file = Some(file);
                    let kind = match completion {
                        Completion::MriResult { .. } => {
                            FormKind::Imaging(Some(crate::model::ImagingKind::MriWholeSpine))
                        }
                        Completion::Exam => FormKind::Exam,
                        Completion::ImagingRequest => FormKind::Request,
                        Completion::ImagingResult { kind } => FormKind::Imaging(Some(kind)),
                        Completion::Dose | Completion::BoneAgent => FormKind::Dose,
                        Completion::Treatment { .. }
                        | Completion::Steroids
                        | Completion::SteroidsStop
                        | Completion::SteroidsReduce
                        | Completion::Referral { .. }
                        | Completion::Radiotherapy
                        | Completion::Decision { .. } => FormKind::Acknowledge,
                        Completion::DentalReview => FormKind::Dental,
                        Completion::Review => FormKind::Review,
                        Completion::Nothing => {
                            self.say("nothing to record: this item moves on by itself".into(), false);
                            return;
                        }
                    };
                    self.open_form(kind);
                }
                Some((_, None)) => self.say("fix this file first: press e to edit it".into(), true),
                None => {}
            },
        }
    }

    fn back(&mut self) {
        if !self.filter.is_empty() && self.view == View::Patients {
            self.filter.clear();
            self.refresh_visible();
            return;
        }
        if self.view != View::Patients {
            self.view = View::Patients;
        }
    }

    fn next_ward(&mut self) {
        let mut wards: Vec<String> =
            self.rows.iter().filter_map(|r| r.case()?.ward.as_ref().map(|w| w.raw().to_string())).collect();
        wards.sort();
        wards.dedup();
        self.ward = match &self.ward {
            None => wards.first().cloned(),
            Some(w) => wards.iter().position(|x| x == w).and_then(|i| wards.get(i + 1).cloned()),
        };
        self.selected = 0;
        self.refresh_visible();
        self.round_cache.replace(None);
        let label = self
            .ward
            .as_ref()
            .map(|w| format!("ward {}", crate::model::text::sanitize(w)))
            .unwrap_or("all wards".into());
        self.say(format!("showing {label}"), false);
    }

    /// The case the record keys act on, readable and writable, or a message saying why not.
    fn writable_target(&mut self) -> Option<(CaseId, String)> {
        if self.ctx.store.is_read_only() {
            self.say("read-only data directory: nothing can be recorded".into(), true);
            return None;
        }
        let Some(row) = self.current_patient() else {
            self.say("no patient selected".into(), true);
            return None;
        };
        match row.case() {
            Some(case) if !row.has_problem() => Some((case.id.clone(), case.name.safe())),
            _ => {
                let file = row.entry.file.clone();
                self.say(format!("{file} has a problem: fix it first with e"), true);
                None
            }
        }
    }

    fn open_form(&mut self, kind: FormKind) {
        if kind == FormKind::NewPatient {
            if self.ctx.store.is_read_only() {
                self.say("read-only data directory: nothing can be recorded".into(), true);
                return;
            }
            self.modal = Some(Modal::Form(Box::new(Form::new(kind, None, self.now, self.ctx.store.user()))));
            return;
        }
        let Some((id, name)) = self.writable_target() else { return };
        let case = self.current_patient().and_then(|r| r.case().cloned());
        let open_rules: Vec<String> = self
            .current_patient()
            .and_then(|r| r.assessment.as_ref())
            .map(|a| a.open_flags().map(|f| f.rule_id().to_string()).collect())
            .unwrap_or_default();
        let mut form = Form::new(kind, Some((id, name)), self.now, self.ctx.store.user());
        if let Some(case) = &case {
            form.fit_to_case(case, &open_rules, &self.ctx.guidelines);
        }
        self.modal = Some(Modal::Form(Box::new(form)));
    }

    fn ask_discharge(&mut self) {
        if let Some((id, name)) = self.writable_target() {
            self.modal = Some(Modal::ConfirmDischarge(id, name));
        }
    }

    fn edit(&mut self) -> Effect {
        if self.ctx.store.is_read_only() {
            self.say("read-only data directory: the file cannot be edited here".into(), true);
            return Effect::None;
        }
        let Some(row) = self.current_patient() else {
            self.say("no patient selected".into(), true);
            return Effect::None;
        };
        let stem = std::path::Path::new(&row.entry.file).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        match stem.parse::<CaseId>() {
            Ok(id) => Effect::Edit { id },
            Err(_) => {
                let file = row.entry.file.clone();
                self.say(format!("{file}: the file name is not a case id; rename it by hand"), true);
                Effect::None
            }
        }
    }

    fn handle_modal(&mut self, modal: Modal, key: KeyEvent) -> Effect {
        match modal {
            Modal::Help { scroll } => {
                let action = self.keymap.action(&key);
                let scroll = match action {
                    Some(Action::Down) => scroll.saturating_add(1),
                    Some(Action::Up) => scroll.saturating_sub(1),
                    Some(Action::PageDown) => scroll.saturating_add(10),
                    Some(Action::PageUp) => scroll.saturating_sub(10),
                    Some(Action::Quit) => return Effect::Quit,
                    _ => return Effect::None,
                };
                self.modal = Some(Modal::Help { scroll });
            }
            Modal::ConfirmDischarge(id, name) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    match self.ctx.store.discharge(&id, self.now.date()) {
                        Ok(w) => self.say(format!("{name}: {}", w.summary), false),
                        Err(e) => self.say(e.to_string(), true),
                    }
                    let _ = self.reload_all();
                    if self.view == View::Patient {
                        self.view = View::Patients;
                    }
                }
                _ => self.say("discharge cancelled".into(), false),
            },
            Modal::ConfirmQuit(form) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => return Effect::Quit,
                _ => self.modal = Some(Modal::Form(form)),
            },
            Modal::ConfirmDiscard(form) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Esc => {
                    self.say("nothing was recorded".into(), false)
                }
                _ => self.modal = Some(Modal::Form(form)),
            },
            Modal::Form(mut form) => {
                if self.keymap.action(&key) == Some(Action::Quit) && !form.captures_text() {
                    self.modal = Some(if form.is_dirty() { Modal::ConfirmQuit(form) } else { return Effect::Quit });
                    return Effect::None;
                }
                match form.handle_key(key) {
                    FormOutcome::Continue => self.modal = Some(Modal::Form(form)),
                    FormOutcome::Cancel if form.is_dirty() => self.modal = Some(Modal::ConfirmDiscard(form)),
                    FormOutcome::Cancel => self.say("nothing was recorded".into(), false),
                    FormOutcome::Submit => self.submit(form),
                }
            }
        }
        Effect::None
    }

    /// Saves a form through the store. On failure the form stays open with everything typed.
    fn submit(&mut self, mut form: Box<Form>) {
        let result = form.save(&self.ctx.store, &self.ctx.guidelines);
        match result {
            Ok(message) => {
                let _ = self.reload_all();
                if let Some(id) = form.case_id() {
                    self.follow(id);
                }
                let state = self.current_patient().map(|r| crate::labels::flag_label(r, false)).unwrap_or_default();
                self.say(format!("{message} — now {state}"), false);
            }
            Err(message) => {
                form.error = Some(message);
                self.modal = Some(Modal::Form(form));
            }
        }
    }

    /// Keeps the cursor on a case after the list was reordered.
    fn follow(&mut self, id: &CaseId) {
        if let Some(pos) = self.visible.iter().position(|&i| self.rows[i].case().is_some_and(|c| &c.id == id)) {
            self.selected = pos;
        }
        if self.view == View::Patient {
            self.patient_file = Some(format!("cases/{}", id.file_name()));
        }
    }
}

fn file_name(row: &WardRow) -> &str {
    row.entry.file.rsplit('/').next().unwrap_or(&row.entry.file)
}
