//! `cordwatch init [DIR] [--group G]`: the one command that creates a data directory.

use std::path::Path;
use std::process::ExitCode;

use super::output::outln;
use super::{Cli, CliError, CliResult, context};
use crate::store::{Permissions, Store, StoreOptions};

pub fn run(cli: &Cli, dir: Option<&Path>, group: Option<&str>) -> CliResult {
    let settings = context::settings(&cli.launch())?;
    let env = crate::context::data_env()?;
    let flag = dir.map(Path::to_path_buf).or_else(|| cli.data.clone());
    let (dir, source) = crate::store::resolve_data_dir(flag, env, settings.data_dir.clone())
        .ok_or_else(|| CliError::Usage("no data directory given: name one, as in `cordwatch init DIR`".into()))?;
    let group = group.or(settings.shared_group.as_deref());
    let options = StoreOptions {
        permissions: if group.is_some() { Permissions::shared() } else { Permissions::private() },
        lock_timeout: std::time::Duration::from_secs(u64::from(settings.lock_timeout_seconds)),
        syslog: settings.audit_syslog,
        cache_dir: None,
    };
    let store = Store::init(&dir, options, group)?;
    // Everything was already there, so nothing had to be written: a ward this user cannot write
    // (a read-only file system, or no permission) is not ready, whatever it holds.
    if store.is_read_only() {
        return Err(CliError::Usage(format!(
            "{} is there but {} cannot write it (a read-only file system, or no write permission): \
             it can be read, not recorded on; nothing was changed",
            store.root().display(),
            store.user()
        )));
    }
    let shared = group.map(|g| format!(", shared with group {g}")).unwrap_or_else(|| ", private to you".into());
    outln!("data directory ready: {} (from {}){shared}", store.root().display(), source.describe());
    Ok(ExitCode::SUCCESS)
}
