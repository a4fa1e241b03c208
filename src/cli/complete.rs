//! Tab completion of case ids, for the shells that ask the program itself what to offer
//! (`source <(COMPLETE=bash cordwatch)`; see the README). The static scripts of `cordwatch
//! completions` cannot know the ward's ids; these can, because the shell runs cordwatch at each Tab.
//!
//! Completion runs on every keystroke that asks for it, on any machine, with whatever the command
//! line holds so far: it reads one folder listing and nothing else. It never opens a case file (a
//! FIFO in the cases folder would block it), never creates a data directory or anything in one,
//! and offers nothing at all when anything goes wrong, rather than an error in the middle of a
//! command being typed.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

/// The completer for an argument that names a case.
pub fn case_ids() -> ArgValueCompleter {
    ArgValueCompleter::new(complete_case_id)
}

fn complete_case_id(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    // The words typed so far come after `--` (the completion protocol's own arguments are before).
    let words: Vec<OsString> = std::env::args_os().skip_while(|a| a != "--").skip(1).collect();
    ids_for(&words).into_iter().filter(|id| id.starts_with(current)).map(CompletionCandidate::new).collect()
}

/// The case ids of the data directory the typed command would open, or none.
fn ids_for(words: &[OsString]) -> Vec<String> {
    let flag = |name: &str| -> Option<OsString> {
        let long = format!("--{name}");
        let prefix = format!("--{name}=");
        words.iter().enumerate().find_map(|(i, word)| {
            let text = word.to_str()?;
            if text == long { words.get(i + 1).cloned() } else { text.strip_prefix(&prefix).map(OsString::from) }
        })
    };
    if words.iter().any(|w| w == "--demo") {
        // The demo ward is made afresh for each run; its ids are those of the built-in templates.
        let now = crate::context::wall_clock();
        return crate::demo::ward(now).into_iter().filter_map(|(file, _)| id_of(&file)).collect();
    }
    let launch = crate::context::Launch {
        data: flag("data").map(PathBuf::from),
        demo: false,
        config: flag("config").map(PathBuf::from),
        now: None,
        today: None,
        no_cache: false,
    };
    let Ok(settings) = crate::context::settings(&launch) else {
        return Vec::new();
    };
    let env = crate::context::data_env().ok().flatten();
    let Some((dir, _)) = crate::store::resolve_data_dir(launch.data, env, settings.data_dir) else {
        return Vec::new();
    };
    crate::store::case_file_names(&dir).unwrap_or_default().iter().filter_map(|file| id_of(file)).collect()
}

/// The id a case file's name gives (`RXH1042331.yaml`), if it is a usable one.
fn id_of(file: &str) -> Option<String> {
    let stem = file.strip_suffix(".yaml").or_else(|| file.strip_suffix(".yml"))?;
    stem.parse::<crate::model::CaseId>().ok().map(|id| id.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_case_file_names_only() {
        assert_eq!(id_of("RXH1042331.yaml").as_deref(), Some("RXH1042331"));
        assert_eq!(id_of("OLD1.yml").as_deref(), Some("OLD1"));
        assert_eq!(id_of("notes.txt"), None);
        assert_eq!(id_of("-x.yaml"), None);
    }

    #[test]
    fn the_demo_ward_completes_from_its_templates() {
        let ids = ids_for(&["cordwatch".into(), "--demo".into(), "show".into()]);
        assert!(ids.contains(&"RXH1042331".to_string()), "{ids:?}");
    }

    #[test]
    fn a_missing_data_directory_completes_nothing_and_is_not_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("no-ward");
        let words: Vec<OsString> = vec!["cordwatch".into(), "--data".into(), missing.clone().into(), "show".into()];
        assert!(ids_for(&words).is_empty());
        assert!(!missing.exists());
    }
}
