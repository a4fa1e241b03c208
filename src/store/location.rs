//! Where the data directory is: `--data DIR`, else `CORDWATCH_DATA`, else `data_dir` in the config
//! file, else the platform's per-user data directory.

use std::path::PathBuf;

/// Which setting chose the data directory, so the user can be told where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataDirSource {
    Flag,
    Environment,
    Config,
    Platform,
}

impl DataDirSource {
    pub fn describe(self) -> &'static str {
        match self {
            DataDirSource::Flag => "--data",
            DataDirSource::Environment => "CORDWATCH_DATA",
            DataDirSource::Config => "data_dir in the config file",
            DataDirSource::Platform => "the platform default",
        }
    }
}

/// Picks the data directory by precedence; `None` only when no home directory can be found.
pub fn resolve_data_dir(
    flag: Option<PathBuf>,
    env: Option<PathBuf>,
    config: Option<PathBuf>,
) -> Option<(PathBuf, DataDirSource)> {
    if let Some(dir) = flag {
        return Some((dir, DataDirSource::Flag));
    }
    if let Some(dir) = env.filter(|d| !d.as_os_str().is_empty()) {
        return Some((dir, DataDirSource::Environment));
    }
    if let Some(dir) = config {
        return Some((dir, DataDirSource::Config));
    }
    directories::ProjectDirs::from("", "", "cordwatch").map(|p| (p.data_dir().to_path_buf(), DataDirSource::Platform))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_flag_then_environment_then_config() {
        let p = |s: &str| Some(PathBuf::from(s));
        assert_eq!(resolve_data_dir(p("/a"), p("/b"), p("/c")), Some((PathBuf::from("/a"), DataDirSource::Flag)));
        assert_eq!(resolve_data_dir(None, p("/b"), p("/c")), Some((PathBuf::from("/b"), DataDirSource::Environment)));
        assert_eq!(resolve_data_dir(None, p(""), p("/c")), Some((PathBuf::from("/c"), DataDirSource::Config)));
        assert_eq!(resolve_data_dir(None, None, p("/c")), Some((PathBuf::from("/c"), DataDirSource::Config)));
    }
}
