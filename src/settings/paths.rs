//! Where the settings files are, and `~` in paths: a path in a config file (or in
//! `$CORDWATCH_DATA`, which a shell leaves alone when it is quoted) may start with `~/`, `$HOME/`
//! or `${HOME}/`, meaning the home directory of the user running the program, as a shell would
//! read it. A managed machine's configuration tools write such files for every user.

use std::path::{Path, PathBuf};

/// The system-wide settings file an administrator (or a configuration tool) keeps for every user
/// of the machine; the user's own file is read on top of it.
pub const SYSTEM_CONFIG: &str = "/etc/cordwatch/config.yaml";

/// Names another system file (packaging, tests); `/dev/null` reads none.
pub const SYSTEM_CONFIG_ENV: &str = "CORDWATCH_SYSTEM_CONFIG";

/// The system settings file in force: `$CORDWATCH_SYSTEM_CONFIG`, else [`SYSTEM_CONFIG`].
pub fn system_config() -> PathBuf {
    std::env::var_os(SYSTEM_CONFIG_ENV).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(SYSTEM_CONFIG))
}

/// `path` with a leading `~`, `$HOME` or `${HOME}` replaced by the home directory. `~name`
/// (another user's home) is refused rather than kept as a folder called `~name`.
pub fn expand_home(path: &Path) -> Result<PathBuf, String> {
    let Some(text) = path.to_str() else { return Ok(path.to_path_buf()) };
    let rest = ["~", "$HOME", "${HOME}"].iter().find_map(|prefix| {
        let rest = text.strip_prefix(prefix)?;
        (rest.is_empty() || rest.starts_with('/')).then_some(rest)
    });
    let Some(rest) = rest else {
        if text.starts_with('~') {
            return Err(format!(
                "`{}`: only ~ (your own home) is expanded, not ~name; give the full path",
                crate::model::text::sanitize(text)
            ));
        }
        return Ok(path.to_path_buf());
    };
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .ok_or_else(|| format!("`{text}` starts with the home directory, but HOME is not set; give the full path"))?;
    Ok(PathBuf::from(format!("{}{rest}", Path::new(&home).display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_directory_is_expanded_as_a_shell_would() {
        let home = std::env::var("HOME").expect("HOME is set where the tests run");
        for (given, expected) in [
            ("~", home.clone()),
            ("~/ward", format!("{home}/ward")),
            ("$HOME/ward/cases", format!("{home}/ward/cases")),
            ("${HOME}/ward", format!("{home}/ward")),
            ("/srv/ward", "/srv/ward".to_string()),
            ("ward/~", "ward/~".to_string()),
            ("$HOMEWARD", "$HOMEWARD".to_string()),
        ] {
            assert_eq!(expand_home(Path::new(given)), Ok(PathBuf::from(&expected)), "{given}");
        }
        let err = expand_home(Path::new("~nurse/ward")).expect_err("another user's home");
        assert!(err.contains("not ~name"), "{err}");
    }
}
