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

/// Every manual page by file name, as `clap_mangen::generate_to` would write them: the program's,
/// then one per command that is not hidden, named by its path (`cordwatch-record-exam.1`).
fn pages(cmd: clap::Command) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    fn add(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), CliError> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            add(sub, out)?;
        }
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page).map_err(|e| CliError::Usage(format!("cannot render the manual page: {e}")))?;
        out.push((man.get_filename(), page));
        Ok(())
    }
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    add(cmd, &mut out)?;
    out.reverse();
    Ok(out)
}

/// The manual page: on standard output, or with `out` as `cordwatch.1` plus one page per command
/// (`cordwatch-triage.1`...) in that directory, the layout `man` expects in a `man1` folder. Each
/// page is written as every output file is (see [`super::out_file`]): never into the data
/// directory, and a page already there replaced only with `force`.
pub fn man(out: Option<&Path>, force: bool, data_dir: Option<&Path>) -> CliResult {
    let cmd = Cli::command();
    match out {
        None => {
            let page = super::man_page::render(&cmd)
                .map_err(|e| CliError::Usage(format!("cannot render the manual page: {e}")))?;
            push(&String::from_utf8_lossy(&page));
        }
        Some(dir) => {
            let rules = super::out_file::Rules { force, data_dir };
            let mut pages = pages(cmd.clone())?;
            // The main page with the sections clap does not write (EXIT STATUS, ENVIRONMENT, FILES).
            let main = super::man_page::render(&cmd)
                .map_err(|e| CliError::Usage(format!("cannot render the manual page: {e}")))?;
            if let Some((_, page)) = pages.iter_mut().find(|(name, _)| name == "cordwatch.1") {
                *page = main;
            }
            // Every page is checked before the first is written, so a refusal leaves nothing half done.
            super::out_file::check_folder(dir, rules)?;
            if dir.exists() {
                for (name, _) in &pages {
                    super::out_file::check(&dir.join(name), rules)?;
                }
            }
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", dir.display())))?;
            for (name, page) in &pages {
                super::out_file::write(&dir.join(name), page, rules)?;
            }
            super::output::outln!("wrote {} manual pages to {}", pages.len(), dir.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
