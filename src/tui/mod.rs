//! The ward-round dashboard.

pub mod keymap;
pub mod theme;

use crate::cli::Context;
use crate::settings::Settings;

/// Checks the dashboard's parts of the settings (key bindings and theme).
pub fn check_settings(settings: &Settings) -> Result<(), String> {
    keymap::Keymap::with_overrides(&settings.keys)?;
    theme::Theme::new(&settings.theme, false)?;
    Ok(())
}

/// Opens the dashboard.
pub fn run(_ctx: Context) -> Result<(), String> {
    Err("the dashboard is being built; use the commands (cordwatch --help)".into())
}
