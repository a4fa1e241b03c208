//! Program settings: the shipped defaults in `config/default.yaml`, then the system file
//! `/etc/cordwatch/config.yaml` an administrator keeps for every user of the machine, then the
//! user's own file; each holds only what it changes, and a later one wins.
//!
//! Every file It is read as strictly as a case file: an unknown
//! key or a value of the wrong kind is an error naming the file, line and expected value, because a
//! setting silently ignored (a misspelt `not_examined_hours`) changes what the ward is shown.
//!
//! The dashboard's key bindings ([`keymap`]) and colours ([`theme`]) are settings too: they are
//! checked here, so `validate` can report them without knowing about the dashboard.

pub mod color;
pub mod keymap;
pub mod paths;
pub mod theme;
pub mod xterm;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

const DEFAULTS: &str = include_str!("../../config/default.yaml");

/// One settings file as written: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    data_dir: Option<PathBuf>,
    guidelines_dir: Option<PathBuf>,
    shared_group: Option<String>,
    not_examined_hours: Option<u32>,
    due_soon_days: Option<u32>,
    round_starts_at: Option<String>,
    lock_timeout_seconds: Option<u32>,
    refresh_seconds: Option<u32>,
    fhir_identifier_system: Option<String>,
    time_zone: Option<String>,
    /// The older name of `time_zone`, still read.
    fhir_time_zone: Option<String>,
    audit_syslog: Option<String>,
    parse_cache: Option<bool>,
    bell_on_new_emergency: Option<bool>,
    keys: Option<BTreeMap<String, Vec<String>>>,
    print_command: Option<String>,
    theme: Option<ThemeSetting>,
    clinician: Option<ClinicianSetting>,
}

/// `clinician:`: who is recording at this login, the default "by" of every record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClinicianSetting {
    name: String,
    role: Option<String>,
}

/// `theme:` is a preset's name (`theme: light`) or colours by role, with `preset:` among them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ThemeSetting {
    Preset(String),
    Roles(BTreeMap<String, String>),
}

impl SettingsFile {
    /// This file's values over `under`'s: a key set here wins, maps (keys, theme) are joined.
    fn over(self, under: SettingsFile) -> SettingsFile {
        let keys = match (under.keys, self.keys) {
            (Some(mut u), Some(o)) => {
                u.extend(o);
                Some(u)
            }
            (u, o) => o.or(u),
        };
        let theme = match (under.theme, self.theme) {
            (Some(u), Some(o)) => {
                let mut roles = u.roles();
                roles.extend(o.roles());
                Some(ThemeSetting::Roles(roles))
            }
            (u, o) => o.or(u),
        };
        SettingsFile {
            data_dir: self.data_dir.or(under.data_dir),
            guidelines_dir: self.guidelines_dir.or(under.guidelines_dir),
            shared_group: self.shared_group.or(under.shared_group),
            not_examined_hours: self.not_examined_hours.or(under.not_examined_hours),
            due_soon_days: self.due_soon_days.or(under.due_soon_days),
            round_starts_at: self.round_starts_at.or(under.round_starts_at),
            lock_timeout_seconds: self.lock_timeout_seconds.or(under.lock_timeout_seconds),
            refresh_seconds: self.refresh_seconds.or(under.refresh_seconds),
            fhir_identifier_system: self.fhir_identifier_system.or(under.fhir_identifier_system),
            time_zone: self.time_zone.or(under.time_zone),
            fhir_time_zone: self.fhir_time_zone.or(under.fhir_time_zone),
            audit_syslog: self.audit_syslog.or(under.audit_syslog),
            clinician: self.clinician.or(under.clinician),
            print_command: self.print_command.or(under.print_command),
            parse_cache: self.parse_cache.or(under.parse_cache),
            bell_on_new_emergency: self.bell_on_new_emergency.or(under.bell_on_new_emergency),
            keys,
            theme,
        }
    }
}

impl ThemeSetting {
    fn roles(self) -> BTreeMap<String, String> {
        match self {
            ThemeSetting::Preset(name) => BTreeMap::from([("preset".to_string(), name)]),
            ThemeSetting::Roles(roles) => roles,
        }
    }
}

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub data_dir: Option<PathBuf>,
    pub guidelines_dir: Option<PathBuf>,
    pub shared_group: Option<String>,
    pub not_examined_hours: u32,
    pub due_soon_days: u32,
    /// (hour, minute) of the start of the morning round.
    pub round_starts_at: (i8, i8),
    pub lock_timeout_seconds: u32,
    pub refresh_seconds: u32,
    /// The URI naming the hospital-number scheme in exported FHIR identifiers.
    pub fhir_identifier_system: String,
    /// The IANA zone of the ward clock (`time_zone`, or its older name `fhir_time_zone`): every
    /// wall time is read in it and every deadline counted from there. None is the machine's own
    /// zone from `/etc/localtime`, never a user's `TZ`.
    pub time_zone: Option<String>,
    /// What was set but not used, in words (a user's `time_zone` under the system's).
    pub warnings: Vec<String>,
    /// The syslog facility every audit line is sent with as well, or None for none.
    pub audit_syslog: Option<crate::store::SyslogFacility>,
    /// Keep what parsing each case file found in the user's cache directory (`parse_cache`).
    pub parse_cache: bool,
    /// The dashboard rings the terminal's bell once when another user's change brings a new
    /// emergency (`bell_on_new_emergency`; off unless set).
    pub bell_on_new_emergency: bool,
    /// Key binding overrides, checked by the dashboard's keymap.
    pub keys: BTreeMap<String, Vec<String>>,
    /// Colour overrides, checked by the dashboard's theme.
    pub theme: BTreeMap<String, String>,
    /// `clinician:`: who records at this login, when set (`$CORDWATCH_CLINICIAN` wins over it).
    pub clinician: Option<crate::model::Clinician>,
    /// The command the dashboard's print pipes the list to when `|` alone is given (`lp`).
    pub print_command: Option<String>,
    /// The user's file, when one was read.
    pub file: Option<PathBuf>,
    /// The system file (`/etc/cordwatch/config.yaml`), when one was read.
    pub system_file: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config {file}: {message}")]
pub struct SettingsError {
    pub file: String,
    pub message: String,
}

impl Settings {
    /// The shipped defaults alone.
    pub fn defaults() -> Result<Settings, SettingsError> {
        let file: SettingsFile = parse(DEFAULTS, "config/default.yaml")?;
        Settings::from_layers(file, SettingsFile::default(), None, None)
    }

    /// The defaults, the system file (if there is one) over them, and the user's file (if any)
    /// on top. `explicit` is `--config FILE` or `$CORDWATCH_CONFIG`: it must exist. Otherwise the
    /// platform config file is used if present.
    pub fn load(explicit: Option<&Path>) -> Result<Settings, SettingsError> {
        let defaults: SettingsFile = parse(DEFAULTS, "config/default.yaml")?;
        let system_path = paths::system_config();
        let (base, system_file) = if system_path.exists() {
            (read_file(&system_path)?.over(defaults), Some(system_path))
        } else {
            (defaults, None)
        };
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => directories::ProjectDirs::from("", "", "cordwatch")
                .map(|d| d.config_dir().join("config.yaml"))
                .filter(|p| p.exists()),
        };
        let Some(path) = path else { return Settings::from_layers(base, SettingsFile::default(), None, system_file) };
        let user = read_file(&path)?;
        Settings::from_layers(base, user, Some(path), system_file)
    }

    fn from_layers(
        d: SettingsFile,
        u: SettingsFile,
        file: Option<PathBuf>,
        system_file: Option<PathBuf>,
    ) -> Result<Settings, SettingsError> {
        // A value may come from either file: the error names both.
        let name = match (&system_file, &file) {
            (Some(s), Some(f)) => format!("{} (over {})", f.display(), s.display()),
            (None, Some(f)) => f.display().to_string(),
            (Some(s), None) => s.display().to_string(),
            (None, None) => "config/default.yaml".into(),
        };
        let err = |message: String| SettingsError { file: name.clone(), message };
        let expand = |p: Option<PathBuf>, key: &str| {
            p.map(|p| paths::expand_home(&p).map_err(|e| err(format!("{key}: {e}")))).transpose()
        };
        let need = |v: Option<u32>, key: &str| v.ok_or_else(|| err(format!("`{key}` has no value")));
        // The ward clock is the ward's, not one user's: a zone the system file sets wins over a
        // user's, which would otherwise move every deadline that user sees and writes.
        let (time_zone, warnings) = match (zone_setting(&d).map_err(&err)?, zone_setting(&u).map_err(&err)?) {
            (Some(ward), Some(own)) if ward != own => {
                let ignored = format!(
                    "time_zone {own} in {} is not used: {} sets the ward clock to {ward} for everyone; remove it from your file",
                    file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                    system_file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| "the system config".into()),
                );
                (Some(ward), vec![ignored])
            }
            (ward, own) => (ward.or(own), Vec::new()),
        };
        let round = u.round_starts_at.or(d.round_starts_at).unwrap_or_default();
        let round_starts_at =
            crate::model::Stamp::parse(&format!("2000-01-01 {round}")).map(|s| (s.hour(), s.minute())).map_err(
                |_| err(format!("round_starts_at `{round}` is not a time of day; expected HH:MM such as \"08:00\"")),
            )?;
        let audit_syslog = u
            .audit_syslog
            .or(d.audit_syslog)
            .map(|name| name.parse().map_err(|e| err(format!("audit_syslog: {e}"))))
            .transpose()?;
        let clinician = u
            .clinician
            .or(d.clinician)
            .map(|c| {
                crate::model::Clinician::new(&c.name, c.role.as_deref()).map_err(|e| err(format!("clinician: {e}")))
            })
            .transpose()?;
        let mut keys = d.keys.unwrap_or_default();
        keys.extend(u.keys.unwrap_or_default());
        let mut theme = d.theme.map(ThemeSetting::roles).unwrap_or_default();
        theme.extend(u.theme.map(ThemeSetting::roles).unwrap_or_default());
        let settings = Settings {
            data_dir: expand(u.data_dir.or(d.data_dir), "data_dir")?,
            guidelines_dir: expand(u.guidelines_dir.or(d.guidelines_dir), "guidelines_dir")?,
            shared_group: u.shared_group.or(d.shared_group).filter(|g| !g.trim().is_empty()),
            not_examined_hours: need(u.not_examined_hours.or(d.not_examined_hours), "not_examined_hours")?,
            due_soon_days: need(u.due_soon_days.or(d.due_soon_days), "due_soon_days")?,
            round_starts_at,
            lock_timeout_seconds: need(u.lock_timeout_seconds.or(d.lock_timeout_seconds), "lock_timeout_seconds")?,
            refresh_seconds: need(u.refresh_seconds.or(d.refresh_seconds), "refresh_seconds")?,
            fhir_identifier_system: u
                .fhir_identifier_system
                .or(d.fhir_identifier_system)
                .ok_or_else(|| err("`fhir_identifier_system` has no value".into()))?,
            time_zone,
            warnings,
            audit_syslog,
            parse_cache: u.parse_cache.or(d.parse_cache).unwrap_or(true),
            bell_on_new_emergency: u.bell_on_new_emergency.or(d.bell_on_new_emergency).unwrap_or(false),
            keys,
            theme,
            clinician,
            print_command: u.print_command.or(d.print_command).filter(|c| !c.trim().is_empty()),
            file,
            system_file,
        };
        for (key, value, min) in [
            ("not_examined_hours", settings.not_examined_hours, 1),
            ("lock_timeout_seconds", settings.lock_timeout_seconds, 1),
            ("refresh_seconds", settings.refresh_seconds, 1),
        ] {
            if value < min {
                return Err(err(format!("`{key}` must be at least {min}")));
            }
        }
        check_uri(&settings.fhir_identifier_system).map_err(|e| err(format!("fhir_identifier_system: {e}")))?;
        // An empty zone is a setting begun and not finished, not a choice of the machine's zone
        // (that is `~`): exported times would silently carry whatever offset the server has.
        if settings.time_zone.as_ref().is_some_and(|z| z.trim().is_empty()) {
            return Err(err(
                "time_zone (or fhir_time_zone) is empty; give a zone name such as Europe/London, or ~ for the machine's own".into(),
            ));
        }
        settings.ward_zone().map_err(|e| err(format!("time_zone: {e}")))?;
        Ok(settings)
    }

    /// The ward clock's zone: `time_zone`, else the machine's own (never the user's `TZ`).
    pub fn ward_zone(&self) -> Result<crate::model::time::WardZone, crate::model::time::TimeError> {
        match &self.time_zone {
            Some(name) => crate::model::time::WardZone::named(name.trim()),
            None => Ok(machine_zone()),
        }
    }

    /// The key bindings: the defaults with the `keys:` overrides.
    pub fn keymap(&self) -> Result<keymap::Keymap, String> {
        keymap::Keymap::with_overrides(&self.keys)
    }

    /// The colours: the preset with the `theme:` overrides, at the terminal's colour depth; with
    /// no preset named, the one for the terminal's background (`COLORFGBG`), when it says.
    pub fn theme(&self, depth: theme::Depth, background: Option<theme::Background>) -> Result<theme::Theme, String> {
        theme::Theme::for_terminal(&self.theme, depth, background)
    }

    /// Checks the parts read only when the dashboard opens (key bindings and colours), so
    /// `validate` finds a bad binding before the dashboard refuses to start.
    pub fn check_dashboard(&self) -> Result<(), String> {
        self.keymap()?;
        self.theme(theme::Depth::Basic, None)?;
        Ok(())
    }
}

/// An absolute URI as FHIR's `Identifier.system` needs: a scheme (`urn:`, `https:`...), then
/// something, and no spaces. Anything else would make every exported identifier invalid.
fn check_uri(uri: &str) -> Result<(), String> {
    let scheme_ok = uri.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    });
    // `|` separates system from value in FHIR token searches (system|value): it cannot be in one.
    if scheme_ok && !uri.chars().any(|c| c.is_whitespace() || c.is_control() || c == '|') {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an absolute URI; expected one such as urn:cordwatch:hospital-number or \
             https://hospital.example/fhir/hospital-number",
            crate::model::text::sanitize(uri)
        ))
    }
}

/// One settings file: only a regular file of at most 1 MiB (`--config /dev/zero` must not read
/// for ever); `/dev/null` is the usual way to say "no settings file", and an empty or
/// comment-only file overrides nothing.
fn read_file(path: &Path) -> Result<SettingsFile, SettingsError> {
    let name = path.display().to_string();
    if path == Path::new("/dev/null") {
        return Ok(SettingsFile::default());
    }
    let text = crate::safe_file::read_regular_text(path, crate::yaml::MAX_DOCUMENT_BYTES as u64).map_err(|e| {
        SettingsError {
            file: name.clone(),
            message: format!(
                "cannot be read ({e}); check the path given with --config, $CORDWATCH_CONFIG or ${}",
                paths::SYSTEM_CONFIG_ENV
            ),
        }
    })?;
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok(SettingsFile::default());
    }
    parse(&text, &name)
}

/// One file's zone: `time_zone`, or `fhir_time_zone`, its older name; both naming different
/// zones is an error rather than a silent choice.
fn zone_setting(file: &SettingsFile) -> Result<Option<String>, String> {
    match (&file.time_zone, &file.fhir_time_zone) {
        (Some(new), Some(old)) if new.trim() != old.trim() => {
            Err(format!("time_zone is {new} but fhir_time_zone, its older name, is {old}; keep one of them"))
        }
        (new, old) => Ok(new.clone().or_else(|| old.clone())),
    }
}

/// The machine's own zone, from `/etc/localtime` (the ward server's clock), not from `TZ`:
/// a user's environment must not change what is judged. UTC when the machine names none.
pub fn machine_zone() -> crate::model::time::WardZone {
    use crate::model::time::WardZone;
    let link = Path::new("/etc/localtime");
    if let Ok(target) = std::fs::read_link(link) {
        let target = target.to_string_lossy().into_owned();
        if let Some((_, name)) = target.split_once("zoneinfo/")
            && let Ok(zone) = WardZone::named(name)
        {
            return zone;
        }
    }
    match std::fs::read(link).ok().and_then(|bytes| jiff::tz::TimeZone::tzif("localtime", &bytes).ok()) {
        Some(zone) => WardZone::from_zone(zone),
        None => WardZone::utc(),
    }
}

fn parse(text: &str, file: &str) -> Result<SettingsFile, SettingsError> {
    crate::yaml::from_str(text).map_err(|e| SettingsError { file: file.to_string(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_user(text: &str) -> Result<Settings, SettingsError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, text).expect("write");
        Settings::load(Some(&path))
    }

    #[test]
    fn the_shipped_defaults_are_complete() {
        let s = Settings::defaults().expect("defaults");
        assert_eq!(s.not_examined_hours, 24);
        assert_eq!(s.due_soon_days, 7);
        assert_eq!(s.round_starts_at, (8, 0));
        assert_eq!(s.data_dir, None);
        assert_eq!(s.fhir_identifier_system, "urn:cordwatch:hospital-number");
        assert_eq!(s.time_zone, None);
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let s = with_user("due_soon_days: 3\nkeys: { quit: [x] }\n").expect("valid");
        assert_eq!(s.due_soon_days, 3);
        assert_eq!(s.not_examined_hours, 24);
        assert_eq!(s.keys.get("quit"), Some(&vec!["x".to_string()]));
        assert!(with_user("# nothing to change\n").is_ok());
    }

    #[test]
    fn the_print_command_is_none_by_default_and_a_blank_one_is_none() {
        assert_eq!(Settings::defaults().expect("defaults").print_command, None);
        assert_eq!(
            with_user("print_command: lp -d ward7\n").expect("valid").print_command.as_deref(),
            Some("lp -d ward7")
        );
        assert_eq!(with_user("print_command: \"  \"\n").expect("valid").print_command, None);
    }

    #[test]
    fn theme_takes_a_preset_alone_or_beside_colours() {
        let light = with_user("theme: light\n").expect("preset alone");
        assert_eq!(light.theme.get("preset").map(String::as_str), Some("light"));
        assert!(light.check_dashboard().is_ok());
        let both = with_user("theme: { preset: light, urgent: red }\n").expect("preset and colours");
        assert!(both.check_dashboard().is_ok());
        assert!(with_user("theme: beige\n").expect("read").check_dashboard().is_err(), "an unknown preset is an error");
    }

    #[test]
    fn the_ward_clock_set_by_the_system_file_is_not_moved_by_a_users_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let layers = |system: &str, user: &str| {
            let (sp, up) = (dir.path().join("system.yaml"), dir.path().join("user.yaml"));
            std::fs::write(&sp, system).expect("system");
            std::fs::write(&up, user).expect("user");
            let defaults: SettingsFile = parse(DEFAULTS, "defaults").expect("defaults");
            let base = read_file(&sp).expect("system file").over(defaults);
            Settings::from_layers(base, read_file(&up).expect("user file"), Some(up), Some(sp)).expect("layers")
        };
        let s = layers("time_zone: Europe/London\n", "time_zone: America/New_York\n");
        assert_eq!(s.time_zone.as_deref(), Some("Europe/London"), "the ward's zone wins");
        assert!(
            s.warnings.iter().any(|w| w.contains("America/New_York") && w.contains("not used")),
            "{:?}",
            s.warnings
        );
        let s = layers("time_zone: Europe/London\n", "fhir_time_zone: Europe/London\n");
        assert!(s.warnings.is_empty(), "the same zone, by its older name: {:?}", s.warnings);
        let s = layers("due_soon_days: 5\n", "time_zone: America/New_York\n");
        assert_eq!(s.time_zone.as_deref(), Some("America/New_York"), "no ward zone set: the user's file says it");
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn the_system_file_lies_under_the_users_and_over_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let system = dir.path().join("system.yaml");
        std::fs::write(&system, "due_soon_days: 5\nnot_examined_hours: 12\ndata_dir: ~/ward\nkeys: { quit: [x] }\n")
            .expect("system");
        let user = dir.path().join("user.yaml");
        std::fs::write(&user, "due_soon_days: 3\nkeys: { help: [h] }\n").expect("user");
        let defaults: SettingsFile = parse(DEFAULTS, "defaults").expect("defaults");
        let base = read_file(&system).expect("system file").over(defaults);
        let s = Settings::from_layers(base, read_file(&user).expect("user file"), Some(user), Some(system))
            .expect("layers");
        assert_eq!(s.due_soon_days, 3, "the user's file wins");
        assert_eq!(s.not_examined_hours, 12, "the system file over the defaults");
        assert_eq!(s.round_starts_at, (8, 0), "the defaults under both");
        let home = std::env::var("HOME").expect("HOME");
        assert_eq!(s.data_dir, Some(PathBuf::from(format!("{home}/ward"))), "~ is expanded");
        assert_eq!(s.keys.get("quit"), Some(&vec!["x".to_string()]));
        assert_eq!(s.keys.get("help"), Some(&vec!["h".to_string()]), "key maps are joined");
        let bad = dir.path().join("bad.yaml");
        std::fs::write(&bad, "due_soon_day: 5\n").expect("bad");
        let err = read_file(&bad).expect_err("a misspelt key in the system file");
        assert!(err.to_string().contains("bad.yaml") && err.to_string().contains("due_soon_days"), "{err}");
    }

    #[test]
    fn a_broken_user_file_is_a_clear_error() {
        let err = with_user("not_examined_hour: 12\n").expect_err("misspelt key");
        assert!(err.to_string().contains("unknown field `not_examined_hour`"), "{err}");
        assert!(err.to_string().contains("did you mean `not_examined_hours`"), "{err}");
        let err = with_user("due_soon_days: soon\n").expect_err("wrong type");
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(with_user("round_starts_at: \"8am\"\n").is_err());
        assert!(with_user("refresh_seconds: 0\n").is_err());
        let err = with_user("fhir_identifier_system: hospital number\n").expect_err("not a URI");
        assert!(err.to_string().contains("not an absolute URI"), "{err}");
        assert!(with_user("fhir_identifier_system: \"urn:a|b\"\n").is_err(), "| splits FHIR token searches");
        assert!(with_user("fhir_identifier_system: \"urn:a:b\"\n").is_ok());
        let err = with_user("fhir_time_zone: \"\"\n").expect_err("an empty zone");
        assert!(err.to_string().contains("fhir_time_zone) is empty"), "{err}");
        let err = with_user("fhir_time_zone: Mars/Olympus\n").expect_err("no such zone");
        assert!(err.to_string().contains("time_zone: `Mars/Olympus`"), "{err}");
        let missing = Settings::load(Some(Path::new("/nonexistent/cordwatch.yaml"))).expect_err("missing file");
        let zero = Settings::load(Some(Path::new("/dev/zero"))).expect_err("a device is not a config file");
        assert!(zero.to_string().contains("not a regular file"), "{zero}");
        assert!(missing.to_string().contains("cannot be read"), "{missing}");
        let err = with_user("audit_syslog: kern\n").expect_err("not a facility offered");
        assert!(err.to_string().contains("audit_syslog") && err.to_string().contains("local0"), "{err}");
        assert!(with_user("audit_syslog: local3\n").expect("a facility").audit_syslog.is_some());
        assert!(Settings::defaults().expect("defaults").audit_syslog.is_none(), "off unless asked for");
    }

    #[test]
    fn the_clinician_is_a_name_and_a_role_word() {
        let s = with_user("clinician: { name: Dr A Shah, role: registrar }\n").expect("name and role");
        let c = s.clinician.expect("set");
        assert_eq!((c.name.raw(), c.role), ("Dr A Shah", Some(crate::model::Role::Registrar)));
        let s = with_user("clinician: { name: Sister Jones }\n").expect("a name alone");
        assert_eq!(s.clinician.and_then(|c| c.role), None);
        let err = with_user("clinician: { name: Dr A Shah, role: reg }\n").expect_err("not a role");
        assert!(err.to_string().contains("clinician") && err.to_string().contains("reg"), "{err}");
        assert!(with_user("clinician: { name: \"  \" }\n").is_err(), "a blank name");
        assert!(with_user("clinician: { nam: X }\n").is_err(), "a misspelt key");
        assert_eq!(Settings::defaults().expect("defaults").clinician, None);
    }
}
