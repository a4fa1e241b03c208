//! `cordwatch completions SHELL` and `cordwatch man`: the shell's tab completion and the manual
//! page, both generated from the same clap definition as `--help`, so they cannot fall behind it.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::output::push;
use super::{Cli, CliError, CliResult};

/// The completion script for `shell`, on standard output.
pub fn completions(shell: Shell) -> CliResult {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cordwatch", &mut script);
    push(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

/// The manual page: on standard output, or with `out` as `cordwatch.1` plus one page per command
/// (`cordwatch-triage.1`...) in that directory, the layout `man` expects in a `man1` folder.
pub fn man(out: Option<&Path>) -> CliResult {
    let cmd = Cli::command();
    match out {
        None => {
            let page = super::man_page::render(&cmd)
                .map_err(|e| CliError::Usage(format!("cannot render the manual page: {e}")))?;
            push(&String::from_utf8_lossy(&page));
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", dir.display())))?;
            let failed =
                |e: std::io::Error| CliError::Usage(format!("cannot write the manual pages to {}: {e}", dir.display()));
            clap_mangen::generate_to(cmd.clone(), dir).map_err(failed)?;
            // The main page again, with the sections clap does not write.
            let page = super::man_page::render(&cmd).map_err(failed)?;
            std::fs::write(dir.join("cordwatch.1"), page).map_err(failed)?;
            super::output::outln!("wrote the manual pages to {}", dir.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
