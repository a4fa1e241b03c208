//! What every front end needs: settings, guidelines, the store, and the moment to judge at.
//!
//! Both the command line and the dashboard stand on this; neither knows the other. A front end
//! says how it was launched in a [`Launch`], and [`Context::open`] does the rest.

use std::path::{Path, PathBuf};

use crate::engine::EngineSettings;
use crate::guidelines::{Guidelines, GuidelinesError};
use crate::model::event::Event;
use crate::model::time::CLOCK_SKEW_MINUTES;
use crate::model::{CaseId, Clinician, Date, Stamp};
use crate::settings::{Settings, SettingsError};
use crate::store::{Permissions, Store, StoreError, StoreOptions};
use crate::ward::{self, WardRow};

/// How the program was launched: the choices a user makes before any data is read.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The data directory given on the command line (wins over the environment and the settings).
    pub data: Option<PathBuf>,
    /// Use a temporary copy of the built-in demo ward.
    pub demo: bool,
    /// The settings file given on the command line (wins over `$CORDWATCH_CONFIG`).
    pub config: Option<PathBuf>,
    /// Judge everything as at this local time, "YYYY-MM-DD HH:MM".
    pub now: Option<String>,
    /// Judge everything as at the start of the round on this date.
    pub today: Option<String>,
    /// Parse every case file, keeping nothing in the parsed-case cache (`--no-cache`).
    pub no_cache: bool,
}

/// Why a record is refused before anything is written. Both front ends show it as it is.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Dated more than a few minutes ahead: a record of what has not happened yet.
    #[error(transparent)]
    Ahead(#[from] crate::model::event::EventError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{file} cannot be read; fix the file first")]
    Unreadable { file: String },
    /// An acknowledgement of a rule that is not open for this patient (the message names the open ones).
    #[error(transparent)]
    NotOpen(#[from] crate::engine::NotOpen),
    /// A corticosteroid the guidelines do not list, or a dose outside the drug's range.
    #[error("{0}")]
    Dose(String),
    /// A close of an emergency that would close nothing: no listed reason, no role, a role that
    /// may not close it. The message says what is missing.
    #[error("{0}")]
    NotClosing(crate::engine::UncountedClosing),
    /// A decision that would decide nothing: no name, no role, a role that may not decide.
    #[error("{0}")]
    NotDeciding(crate::engine::UncountedDecision),
}

/// Why the context could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Guidelines(#[from] GuidelinesError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("--now: {0}")]
    Now(String),
    #[error("--today: {0}")]
    Today(String),
    #[error("no data directory: give one with --data DIR or set CORDWATCH_DATA")]
    NoDataDir,
    #[error(
        "${CLINICIAN_ENV}: {0}; write it as \"Dr A Shah (registrar)\", the role one of those `cordwatch record decision --help` lists, or leave it out"
    )]
    Clinician(String),
    #[error("cannot create a temporary directory for the demo ward: {0}")]
    DemoDir(std::io::Error),
}

pub struct Context {
    pub settings: Settings,
    pub guidelines: Guidelines,
    pub store: Store,
    /// The moment everything is judged at: the one clock of the program. The dashboard moves it
    /// on with [`Context::advance`]; everything else reads it.
    pub now: Stamp,
    /// True when `--now` or `--today` fixed the moment; otherwise the dashboard follows the clock.
    pub clock_fixed: bool,
    /// Where the data directory setting came from, for messages.
    pub data_source: &'static str,
    /// Set-up problems worth telling the user about (a shared directory not set up for sharing).
    pub setup_warnings: Vec<String>,
    /// Who records at this login: `$CORDWATCH_CLINICIAN`, else the config file's `clinician:`,
    /// else the answer to the dashboard's first-run question; None until one of them says.
    pub clinician: Option<Clinician>,
    /// Where [`Context::clinician`] came from, for messages.
    pub clinician_source: &'static str,
    /// Holds the demo ward's temporary directory for as long as the program runs.
    demo: Option<tempfile::TempDir>,
}

/// The settings and the guidelines in force, without the data directory: for what reads no
/// patient data (`cordwatch guidelines`), which must work before any ward exists.
pub fn rules(launch: &Launch) -> Result<(Settings, Guidelines), ContextError> {
    let settings = settings(launch)?;
    // Before any wall time is read (`--now`, a case file): every one is a moment in this zone.
    let zone = settings.ward_zone().map_err(|e| SettingsError { file: "config".into(), message: e.to_string() })?;
    crate::model::time::set_ward_zone(zone);
    let guidelines = match &settings.guidelines_dir {
        Some(dir) => Guidelines::from_dir(dir)?,
        None => Guidelines::built_in()?,
    };
    Ok((settings, guidelines))
}

impl Context {
    pub fn open(launch: &Launch) -> Result<Context, ContextError> {
        let (settings, guidelines) = rules(launch)?;
        let now = moment(launch, &settings)?;
        let options = StoreOptions {
            permissions: if settings.shared_group.is_some() { Permissions::shared() } else { Permissions::private() },
            lock_timeout: std::time::Duration::from_secs(u64::from(settings.lock_timeout_seconds)),
            syslog: settings.audit_syslog,
            // The demo ward is new every run: nothing to gain, and a cache file per run.
            cache_dir: (settings.parse_cache && !launch.no_cache && !launch.demo)
                .then(crate::store::user_cache_dir)
                .flatten(),
        };
        let mut setup_warnings = settings.warnings.clone();
        for w in &settings.warnings {
            eprintln!("cordwatch: warning: {}", crate::model::text::sanitize(w));
        }
        let (store, data_source, demo) = if launch.demo {
            let dir = tempfile::Builder::new().prefix("cordwatch-demo-").tempdir().map_err(ContextError::DemoDir)?;
            let store = Store::init(dir.path(), StoreOptions { permissions: Permissions::private(), ..options }, None)?;
            store.seed_raw(&crate::demo::ward(now))?;
            store.seed_archive_raw(&crate::demo::archive(now))?;
            (store, "the demo ward, a temporary copy", Some(dir))
        } else {
            let env = data_env()?;
            let (dir, source) = crate::store::resolve_data_dir(launch.data.clone(), env, settings.data_dir.clone())
                .ok_or(ContextError::NoDataDir)?;
            let store = Store::open(&dir, options).map_err(|e| e.set_by(source.describe()))?;
            if let Some(group) = &settings.shared_group {
                setup_warnings.extend(crate::store::check_shared(&dir, group));
            }
            (store, source.describe(), None)
        };
        let clock_fixed = launch.now.is_some() || launch.today.is_some();
        let (clinician, clinician_source) = match clinician_env().map_err(ContextError::Clinician)? {
            Some(c) => (Some(c), "$CORDWATCH_CLINICIAN"),
            None => (settings.clinician.clone(), "the config file's clinician:"),
        };
        let mut ctx = Context {
            settings,
            guidelines,
            store,
            now,
            clock_fixed,
            data_source,
            setup_warnings,
            clinician: None,
            clinician_source,
            demo,
        };
        if let Some(c) = clinician {
            ctx.set_clinician(c, clinician_source);
        }
        Ok(ctx)
    }

    /// Sets who records at this login for the rest of the run (the dashboard's first-run answer).
    pub fn set_clinician(&mut self, clinician: Clinician, source: &'static str) {
        self.store.set_clinician(&clinician.line());
        self.clinician = Some(clinician);
        self.clinician_source = source;
    }

    /// The default "by" of a record: the clinician's name when one is set, else the OS account.
    pub fn by_default(&self) -> String {
        match &self.clinician {
            Some(c) => c.name.raw().to_string(),
            None => self.store.user().to_string(),
        }
    }

    /// Whether the dashboard should ask who is recording before the round: no clinician is set
    /// and the login is shared. A login counts as shared when the data directory is a shared ward
    /// (`shared_group` set, or the directory is group-writable and setgid, as `init --group`
    /// makes it): there, records made under an OS account alone do not say which of the team made
    /// them.
    pub fn should_ask_clinician(&self) -> bool {
        self.clinician.is_none() && !self.store.is_read_only() && self.is_shared_ward()
    }

    /// Whether the ward's data directory is shared by a team (see [`Context::should_ask_clinician`]).
    pub fn is_shared_ward(&self) -> bool {
        self.settings.shared_group.is_some() || self.store.permissions() == Permissions::shared()
    }

    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// The demo ward's temporary directory, for an exit that cannot wait for it to be dropped.
    pub fn demo_dir(&self) -> Option<&std::path::Path> {
        self.demo.as_ref().map(tempfile::TempDir::path)
    }

    /// The engine's settings from the config file (the engine knows nothing of settings files).
    pub fn engine(&self) -> EngineSettings {
        EngineSettings {
            not_examined_hours: self.settings.not_examined_hours,
            due_soon_days: self.settings.due_soon_days,
        }
    }

    /// Moves the clock on to `now`, unless the launch fixed it. Returns whether it moved.
    pub fn advance(&mut self, now: Stamp) -> bool {
        if self.clock_fixed || now == self.now {
            return false;
        }
        self.now = now;
        true
    }

    /// Every case file, assessed at `now` and sorted by clinical priority.
    pub fn ward(&self) -> Result<Vec<WardRow>, StoreError> {
        self.ward_at(self.now)
    }

    /// Every case file, assessed at another moment (the start of a round).
    pub fn ward_at(&self, now: Stamp) -> Result<Vec<WardRow>, StoreError> {
        // Each file read and assessed in one pass, on every core: the same rows in the same order
        // as `rows(load_all())` (tests/ward_kept.rs), without a second pass over every case.
        self.rows_kept(false, now, |row| row)
    }

    /// What the engine says about `case` at `at`, with the guidelines and settings in force: the
    /// one way the program has a case assessed (the rows below come through here too).
    pub fn assess(&self, case: &crate::model::Case, at: Stamp) -> crate::engine::Assessment {
        crate::engine::assess(case, &self.guidelines, &self.engine(), at)
    }

    /// One case file as a row of the ward, assessed at `at`.
    pub fn row(&self, entry: crate::store::CaseEntry, at: Stamp) -> WardRow {
        ward::row(entry, &self.guidelines, &self.engine(), at)
    }

    /// The cases folder (or the archive) assessed at `at` one file at a time, each row handed to
    /// `keep` and dropped: what a report keeps of each, in the ward's order (see
    /// [`ward::assess_kept`]).
    pub fn rows_kept<T: Send>(
        &self,
        archive: bool,
        at: Stamp,
        keep: impl Fn(WardRow) -> T + Sync,
    ) -> Result<Vec<T>, StoreError> {
        ward::assess_kept(&self.store, archive, &self.guidelines, &self.engine(), at, keep)
    }

    /// The start of the round on `date`.
    pub fn round_start(&self, date: Date) -> Stamp {
        let (h, m) = self.settings.round_starts_at;
        date.at(h, m)
    }

    /// Whether `event` may be recorded on case `id` now: refused when it is dated more than a few
    /// minutes ahead (a record of what has not happened yet), when it is a corticosteroid the
    /// guidelines do not list or a dose outside the drug's range, or when it acknowledges a rule
    /// that is not open for this patient (naming the open ones). Both front ends ask here first.
    pub fn check_event(&self, id: &CaseId, event: &Event) -> Result<(), Refusal> {
        event.check_not_future(self.now, CLOCK_SKEW_MINUTES)?;
        if let Event::Steroids { drug, mg_per_day, .. } = event {
            let rules = &self.guidelines.pathway.steroids;
            let names: Vec<&str> = rules.drugs.iter().map(|d| d.drug.as_str()).collect();
            let range = rules.drug(drug.raw()).ok_or_else(|| {
                Refusal::Dose(format!(
                    "`{}` is not a corticosteroid the guidelines list; give one of {}",
                    drug.safe(),
                    names.join(", ")
                ))
            })?;
            let mg = mg_per_day.get();
            if !(range.min_mg_per_day..=range.max_mg_per_day).contains(&mg) {
                return Err(Refusal::Dose(format!(
                    "{mg} mg a day of {} is outside {} to {} mg; check the dose",
                    range.drug, range.min_mg_per_day, range.max_mg_per_day
                )));
            }
        }
        if let Event::Acknowledge(ack) = event {
            let entry = self.store.load(id)?;
            let case = entry.case.ok_or(Refusal::Unreadable { file: entry.file })?;
            let a = self.assess(&case, self.now.max(ack.at));
            crate::engine::check_acknowledgement(&a, ack.flag.as_str())?;
            if let Some(why) = crate::engine::closing_refusal(&case, &self.guidelines, &self.engine(), ack) {
                return Err(Refusal::NotClosing(why));
            }
        }
        if let Event::Decision(d) = event {
            crate::engine::decision_counts(&self.guidelines, d).map_err(Refusal::NotDeciding)?;
        }
        Ok(())
    }

    /// Warnings (not refusals) about writing `event` to case `id`, read against the case as it
    /// stands before the write: shown after the record is written. None when the case cannot be
    /// read (the write itself then says why).
    pub fn record_warnings(&self, id: &CaseId, event: &Event) -> Vec<String> {
        match self.store.load(id).ok().and_then(|entry| entry.case) {
            Some(case) => {
                let a = self.assess(&case, self.now);
                crate::engine::record_warnings(&case, event, &a)
            }
            None => Vec::new(),
        }
    }

    /// The pathway steps still open on case `id`: a discharge lists them, and they stay on the
    /// follow-up list afterwards.
    pub fn open_steps(&self, id: &CaseId) -> Result<Vec<String>, StoreError> {
        let entry = self.store.load(id)?;
        Ok(match &entry.case {
            Some(case) => crate::engine::open_steps(&self.assess(case, self.now)),
            None => Vec::new(),
        })
    }

    /// Why case `id` must not be discharged now: its open emergency and urgent flags and urgent
    /// pathway steps. Empty when it may be.
    pub fn discharge_blockers(&self, id: &CaseId) -> Result<Vec<String>, StoreError> {
        let entry = self.store.load(id)?;
        Ok(match &entry.case {
            Some(case) => crate::engine::discharge_blockers(&self.assess(case, self.now)),
            None => Vec::new(),
        })
    }

    /// "data: DIR (set by ...)": every report names the ward it was read from.
    pub fn data_line(&self) -> String {
        crate::model::text::sanitize(&format!("data: {} ({})", self.store.root().display(), self.data_source))
    }

    /// "Europe/London (+00:00)": the clock every countdown is judged on, for report headers.
    pub fn zone_words(&self) -> String {
        self.now.zone().describe_at(self.now)
    }

    /// "DEMO — " in front of headers when the demo ward is in use.
    pub fn demo_tag(&self) -> &'static str {
        if self.is_demo() { "DEMO — " } else { "" }
    }
}

/// The environment variable naming who records at this login: `Name (role)` or `Name`.
pub const CLINICIAN_ENV: &str = "CORDWATCH_CLINICIAN";

/// `$CORDWATCH_CLINICIAN`, when set and not blank.
pub fn clinician_env() -> Result<Option<Clinician>, String> {
    match std::env::var(CLINICIAN_ENV) {
        Ok(v) if !v.trim().is_empty() => Clinician::parse(&v).map(Some),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err("is not valid UTF-8".into()),
    }
}

/// `$CORDWATCH_DATA`, with `~` expanded (a shell leaves it alone inside quotes).
pub fn data_env() -> Result<Option<PathBuf>, SettingsError> {
    std::env::var_os("CORDWATCH_DATA")
        .map(|v| {
            crate::settings::paths::expand_home(Path::new(&v))
                .map_err(|message| SettingsError { file: "$CORDWATCH_DATA".into(), message })
        })
        .transpose()
}

/// The settings named by `--config`, else by CORDWATCH_CONFIG, else the user's own file.
pub fn settings(launch: &Launch) -> Result<Settings, SettingsError> {
    let config = launch.config.clone().or_else(|| std::env::var_os("CORDWATCH_CONFIG").map(PathBuf::from));
    Settings::load(config.as_deref())
}

/// The moment to judge at: `--now`, else the start of the round `--today`, else the clock.
pub fn moment(launch: &Launch, settings: &Settings) -> Result<Stamp, ContextError> {
    if let Some(now) = &launch.now {
        return Stamp::parse(now).map_err(|e| ContextError::Now(e.to_string()));
    }
    if let Some(today) = &launch.today {
        let date = Date::parse(today).map_err(|e| ContextError::Today(e.to_string()))?;
        let (h, m) = settings.round_starts_at;
        return Ok(date.at(h, m));
    }
    Ok(wall_clock())
}

/// The wall clock, to the minute, in the ward's zone. The only place a front end reads the time;
/// the model and the engine are always handed their moment.
pub fn wall_clock() -> Stamp {
    Stamp::now_in(jiff::Timestamp::now(), crate::model::time::ward_zone())
}
