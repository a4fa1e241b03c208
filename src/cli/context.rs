//! What every command needs: settings, guidelines, the store, and the moment to judge at.

use std::path::PathBuf;

use super::{Cli, CliError};
use crate::engine::EngineSettings;
use crate::guidelines::Guidelines;
use crate::model::{Date, Stamp};
use crate::settings::Settings;
use crate::store::{Permissions, Store, StoreOptions};
use crate::ward::{self, WardRow};

pub struct Context {
    pub settings: Settings,
    pub guidelines: Guidelines,
    pub store: Store,
    /// The moment everything is judged at.
    pub now: Stamp,
    /// True when `--now` or `--today` fixed the moment; otherwise the dashboard follows the clock.
    pub clock_fixed: bool,
    /// Where the data directory setting came from, for messages.
    pub data_source: &'static str,
    /// Set-up problems worth telling the user about (a shared directory not set up for sharing).
    pub setup_warnings: Vec<String>,
    /// Holds the demo ward's temporary directory for as long as the program runs.
    demo: Option<tempfile::TempDir>,
}

impl Context {
    pub fn open(cli: &Cli) -> Result<Context, CliError> {
        let settings = settings(cli)?;
        let guidelines = match &settings.guidelines_dir {
            Some(dir) => Guidelines::from_dir(dir)?,
            None => Guidelines::built_in()?,
        };
        let now = moment(cli, &settings)?;
        let options = StoreOptions {
            permissions: if settings.shared_group.is_some() { Permissions::shared() } else { Permissions::private() },
            lock_timeout: std::time::Duration::from_secs(u64::from(settings.lock_timeout_seconds)),
        };
        let mut setup_warnings = Vec::new();
        let (store, data_source, demo) = if cli.demo {
            let dir = tempfile::Builder::new()
                .prefix("cordwatch-demo-")
                .tempdir()
                .map_err(|e| CliError(format!("cannot create a temporary directory for the demo ward: {e}")))?;
            let store = Store::init(dir.path(), StoreOptions { permissions: Permissions::private(), ..options }, None)?;
            store.seed_raw(&crate::demo::ward(now))?;
            (store, "the demo ward (a temporary copy)", Some(dir))
        } else {
            let env = std::env::var_os("CORDWATCH_DATA").map(PathBuf::from);
            let (dir, source) = crate::store::resolve_data_dir(cli.data.clone(), env, settings.data_dir.clone())
                .ok_or_else(|| CliError("no data directory: give one with --data DIR or set CORDWATCH_DATA".into()))?;
            let store = Store::open(&dir, options).map_err(|e| e.set_by(source.describe()))?;
            if let Some(group) = &settings.shared_group {
                setup_warnings.extend(crate::store::check_shared(&dir, group));
            }
            (store, source.describe(), None)
        };
        let clock_fixed = cli.now.is_some() || cli.today.is_some();
        Ok(Context { settings, guidelines, store, now, clock_fixed, data_source, setup_warnings, demo })
    }

    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    pub fn engine(&self) -> EngineSettings {
        self.settings.engine()
    }

    /// Every case file, assessed at `now` and sorted by clinical priority.
    pub fn ward(&self) -> Result<Vec<WardRow>, CliError> {
        self.ward_at(self.now)
    }

    pub fn ward_at(&self, now: Stamp) -> Result<Vec<WardRow>, CliError> {
        let entries = self.store.load_all()?;
        Ok(ward::assess(entries, &self.guidelines, &self.engine(), now))
    }

    /// The start of the round on `date`.
    pub fn round_start(&self, date: Date) -> Stamp {
        let (h, m) = self.settings.round_starts_at;
        date.at(h, m)
    }

    /// "data: DIR (set by ...)": every report names the ward it was read from.
    pub fn data_line(&self) -> String {
        crate::model::text::sanitize(&format!("data: {} ({})", self.store.root().display(), self.data_source))
    }

    /// "DEMO — " in front of headers when the demo ward is in use.
    pub fn demo_tag(&self) -> &'static str {
        if self.is_demo() { "DEMO — " } else { "" }
    }
}

/// The settings named by `--config`, else by CORDWATCH_CONFIG, else the user's own file.
pub(super) fn settings(cli: &Cli) -> Result<Settings, CliError> {
    let config = cli.config.clone().or_else(|| std::env::var_os("CORDWATCH_CONFIG").map(PathBuf::from));
    Ok(Settings::load(config.as_deref())?)
}

pub(super) fn moment(cli: &Cli, settings: &Settings) -> Result<Stamp, CliError> {
    if let Some(now) = &cli.now {
        return Stamp::parse(now).map_err(|e| CliError(format!("--now: {e}")));
    }
    if let Some(today) = &cli.today {
        let date = Date::parse(today).map_err(|e| CliError(format!("--today: {e}")))?;
        let (h, m) = settings.round_starts_at;
        return Ok(date.at(h, m));
    }
    Ok(Stamp::from_zoned(&jiff::Zoned::now()))
}
