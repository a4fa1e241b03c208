//! Editing a case file in `$EDITOR`: the dashboard steps aside, the editor gets a private copy,
//! and the result is saved through the store only if it is a valid case and nobody else changed
//! the file meanwhile. An invalid edit reopens the editor on the edit itself with the error written
//! at the bottom as comments — at the bottom, so the line numbers in the error still point at the
//! lines they name; giving up keeps the edit in the conflicts folder rather than losing it, says
//! the error, and the edit key reopens the editor on the same text (as `visudo` and `crontab -e`
//! offer); giving up on that too leaves the next edit to start from the file.

use std::io::{self, Write};
use std::process::Command;

use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use super::app::{App, RejectedEdit};
use crate::model::CaseId;
use crate::store::StoreError;

/// Lines the program adds at the bottom of the file to explain why it was not saved.
const NOTE: &str = "# cordwatch: ";

fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Hands the terminal to the editor on `path` and takes it back, repainting everything.
fn run_editor(terminal: &mut super::screen::Screen, path: &std::path::Path) -> io::Result<bool> {
    disable_raw_mode()?;
    execute!(io::stdout(), LeaveAlternateScreen, cursor::Show)?;
    // `sh -c` so an EDITOR with arguments ("code -w", "vim -n") works as it does in a shell.
    let status =
        Command::new("sh").arg("-c").arg(format!("{} \"$1\"", editor_command())).arg("cordwatch").arg(path).status();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::from(size))?;
    Ok(status.is_ok_and(|s| s.success()))
}

fn strip_notes(text: &str) -> String {
    text.lines().filter(|l| !l.starts_with(NOTE)).map(|l| format!("{l}\n")).collect()
}

pub fn edit(terminal: &mut super::screen::Screen, app: &mut App, id: &CaseId) -> io::Result<()> {
    let store = app.ctx.store.clone();
    // An invalid edit given up is offered once more, with its error, where it was left.
    let again = app.rejected_edit.take_if(|r| &r.id == id);
    let (mut draft, mut notes, hash) = match &again {
        Some(r) => (r.draft.clone(), r.notes.clone(), r.hash),
        None => match store.read_text(id) {
            Ok((original, hash)) => (original, String::new(), hash),
            Err(e) => {
                app.say(e.to_string(), true);
                return Ok(());
            }
        },
    };
    let mut error = String::new();
    loop {
        let mut file = tempfile::Builder::new().prefix("cordwatch-").suffix(".yaml").tempfile()?;
        let gap = if !notes.is_empty() && !draft.ends_with('\n') { "\n" } else { "" };
        let offered = format!("{draft}{gap}{notes}");
        file.write_all(offered.as_bytes())?;
        file.flush()?;
        let ok = run_editor(terminal, file.path())?;
        let edited_raw = std::fs::read_to_string(file.path())?;
        let edited = strip_notes(&edited_raw);
        if !ok {
            app.say("the editor failed to run; the file is unchanged (set $EDITOR)".into(), true);
            return Ok(());
        }
        if edited_raw == offered {
            // Saved without a change, or quit: nothing to do, or the clinician gave up fixing it.
            if notes.is_empty() {
                app.say("no change".into(), false);
                return Ok(());
            }
            // Given up a second time: the copy kept the first time stands, and the next edit
            // starts from the file as it is.
            if let Some(r) = &again
                && r.draft == edited
            {
                app.say(format!("not saved: the case file is unchanged; your edit is still in {}", r.kept), true);
                return Ok(());
            }
            let kept = store.keep_rejected(id, &edited).unwrap_or_default();
            let edit = app.keymap.first(crate::settings::keymap::Action::Edit);
            let first = error.lines().next().unwrap_or_default().to_string();
            let copy = if kept.is_empty() { String::new() } else { format!(" (a copy is in {kept})") };
            app.say(
                format!(
                    "not saved: {first}. The case file is unchanged; press {edit} to reopen the editor on your edit{copy}"
                ),
                true,
            );
            app.rejected_edit = Some(RejectedEdit { id: id.clone(), draft: edited, notes, hash, kept });
            return Ok(());
        }
        match store.replace(id, &edited, hash) {
            Ok(written) => {
                let reloaded = app.reload_all();
                let warning = written.warning.map(|w| format!(" ({w})")).unwrap_or_default();
                app.say_after_write(format!("saved {}{warning}", store.case_file(id)), false, reloaded);
                return Ok(());
            }
            Err(StoreError::BadEdit(message)) => {
                error = message.clone();
                notes = ["this file was NOT saved. The error (its line numbers count from the top):"]
                    .into_iter()
                    .chain(message.lines())
                    .chain(["Fix it and save again, or quit without changes to leave the case as it was."])
                    .map(|l| format!("{NOTE}{l}\n"))
                    .collect();
                draft = edited;
            }
            Err(e) => {
                // A conflict or a discharged case has kept the edit already; any other failure
                // (busy, read-only, a disk error) keeps it here, so typing is never lost.
                let kept = match &e {
                    StoreError::Conflict { .. } | StoreError::Gone { .. } => String::new(),
                    _ => match store.keep_rejected(id, &edited) {
                        Ok(p) => format!("; your edit is kept in {p}"),
                        Err(keep) => format!("; your edit could not be kept either ({keep})"),
                    },
                };
                let reloaded = app.reload_all();
                app.say_after_write(format!("{}{kept}", e.to_string().replace('\n', " ")), true, reloaded);
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_notes_are_removed_and_everything_else_kept() {
        let text = "# cordwatch: line 3: bad\n# a clinician's comment\nid: X1\nname: x\n";
        assert_eq!(strip_notes(text), "# a clinician's comment\nid: X1\nname: x\n");
    }
}
