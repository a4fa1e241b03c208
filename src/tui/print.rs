//! Printing the list on screen: the current view's lines (its ward and filter as shown) as text
//! or Markdown, written to a file the user names through the one guarded writer
//! ([`crate::out_file`]: never over a link, a device, an existing file or the ward's own files),
//! or piped to a command (`| lp`), and said where it went.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::app::{App, View};

/// How the list is written: Markdown for a name ending `.md`, text otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    Text,
    Markdown,
}

impl PrintFormat {
    pub fn for_target(target: &str) -> PrintFormat {
        if target.trim().to_lowercase().ends_with(".md") { PrintFormat::Markdown } else { PrintFormat::Text }
    }
}

/// The name a print opens with: the view and the moment, in the folder the program was started in.
pub fn default_target(app: &App) -> String {
    let now = app.ctx.now;
    format!("cordwatch-{}-{}-{:02}{:02}.md", app.view.title().to_lowercase(), now.date(), now.hour(), now.minute())
}

/// The title and the lines of the current view, as shown; None for a view that is not a list.
pub fn view_lines(app: &App) -> Option<(String, Vec<String>)> {
    let now = app.ctx.now;
    let ward = app.ward.as_ref().map(|w| format!(" — ward {}", crate::model::text::sanitize(w))).unwrap_or_default();
    let filter = if !app.patients.filter.is_empty() && app.view == View::Patients {
        format!(" — filter \"{}\"", crate::model::text::sanitize(&app.patients.filter))
    } else {
        String::new()
    };
    let lines: Vec<String> = match app.view {
        View::Patients => app
            .patients
            .visible
            .iter()
            .map(|&i| {
                let row = &app.rows[i];
                match row.is_readable() {
                    true => format!("{} — {}", row.who(" "), row.level_word()),
                    false => format!("UNREADABLE {}", row.file),
                }
            })
            .collect(),
        View::Round => {
            app.round().iter().map(|l| if l.heading { l.text.clone() } else { format!("  [ ] {}", l.text) }).collect()
        }
        View::Urgent => {
            // Each flag's patient read whole: the printed line says more than the list keeps.
            let read: Vec<(std::rc::Rc<crate::ward::WardRow>, &crate::tui::brief::Brief, usize)> =
                app.urgent_rows().iter().map(|&(i, fi)| (app.detail(&app.rows[i]), &app.rows[i], fi)).collect();
            let mut items = Vec::new();
            let mut gone = Vec::new();
            for (row, brief, fi) in &read {
                let Some(listed) = brief.flags.get(*fi) else { continue };
                // Found by its rule and its deadline: one rule can have several open flags (two
                // worsenings, each its own flag), and each listed is printed as itself.
                let open = row.assessment.as_ref().and_then(|a| {
                    a.open_flags_listed().find(|f| {
                        f.rule_id() == listed.rule && f.deadline == listed.deadline && f.level == listed.level
                    })
                });
                match open {
                    Some(f) => items.push((&**row, f)),
                    // Changed since it was listed: still printed, never dropped.
                    None => gone.push(format!(
                        "{} {}  {} {}: not open in the file as it reads now; look again",
                        listed.level.marker().trim(),
                        brief.who(" "),
                        listed.tag,
                        brief.file
                    )),
                }
            }
            // A printed list keeps the 80 columns of a page.
            let mut lines = crate::present::flag_briefs(&items, now, 80);
            lines.extend(gone);
            lines
        }
        View::Jobs => {
            let mut out: Vec<String> = app
                .rows
                .iter()
                .filter(|r| !r.is_readable())
                .map(|r| format!("UNREADABLE {}: its jobs cannot be listed", r.file))
                .collect();
            out.extend(app.job_rows().iter().filter_map(|&(i, n)| {
                let row = &app.rows[i];
                let job = row.jobs.iter().find(|j| j.number == n)?;
                Some(format!("[ ] {}: {}", row.who(" "), crate::present::job_line(job, now)))
            }));
            out
        }
        View::Patient | View::Audit => return None,
    };
    let mine = if app.view == View::Jobs && app.jobs.mine {
        format!(" — jobs of {}", app.ctx.store.user())
    } else {
        String::new()
    };
    let title = format!("{} — {} {}{ward}{filter}{mine}", app.view.title(), now.date().weekday_short(), now);
    Some((title, lines))
}

/// The lines as a document.
pub fn render(title: &str, lines: &[String], format: PrintFormat) -> String {
    match format {
        PrintFormat::Text => {
            let mut out = format!("{title}\n\n");
            for l in lines {
                out.push_str(l);
                out.push('\n');
            }
            out
        }
        PrintFormat::Markdown => {
            let escape = |t: &str| t.replace('\\', "\\\\").replace('*', "\\*").replace('_', "\\_").replace('<', "&lt;");
            let mut out = format!("# {}\n\n", escape(title));
            for l in lines {
                let item = l.trim_start_matches("  [ ] ").trim_start_matches("[ ] ");
                let boxed = l.contains("[ ] ");
                out.push_str(&format!("- {}{}\n", if boxed { "[ ] " } else { "" }, escape(item)));
            }
            out
        }
    }
}

/// Where a print went, said back to the user.
pub fn send(app: &App, target: &str) -> Result<String, String> {
    let Some((title, lines)) = view_lines(app) else {
        return Err(format!("the {} view is not a list to print", app.view.title()));
    };
    let target = target.trim();
    if let Some(command) = target.strip_prefix('|') {
        let configured = app.ctx.settings.print_command.as_deref().unwrap_or_default();
        let command = if command.trim().is_empty() { configured } else { command };
        let text = render(&title, &lines, PrintFormat::Text);
        return pipe(command.trim(), &text)
            .map(|said| format!("{} lines sent to `{}`{said}", lines.len(), command.trim()));
    }
    if target.is_empty() {
        return Err("name a file, or | and a command such as | lp".into());
    }
    let format = PrintFormat::for_target(target);
    let path = expand(target);
    let rules = crate::out_file::Rules { force: false, data_dir: Some(app.ctx.store.root()) };
    crate::out_file::write(&path, render(&title, &lines, format).as_bytes(), rules).map_err(|e| e.to_string())?;
    let shown = std::fs::canonicalize(&path).unwrap_or(path);
    let kind = if format == PrintFormat::Markdown { "Markdown" } else { "text" };
    Ok(format!("{} lines written as {kind} to {}", lines.len(), shown.display()))
}

/// `~/x` is in the home folder; anything else as typed, from the folder the program started in.
fn expand(target: &str) -> PathBuf {
    match (target.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(target),
    }
}

/// Runs `command` with the text on its standard input; what it printed is said back (the screen
/// is the dashboard's), and a failure is an error with its status.
fn pipe(command: &str, text: &str) -> Result<String, String> {
    if command.is_empty() {
        return Err("name the command after |, such as | lp (or set print_command in the config file)".into());
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run `{command}`: {e}; nothing was printed"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that stops reading early is judged by its exit status below.
        let _ = stdin.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| format!("`{command}` did not finish: {e}"))?;
    let said = String::from_utf8_lossy(if out.status.success() { &out.stdout } else { &out.stderr });
    let said = said.lines().next().map(|l| format!(": {}", crate::model::text::sanitize(l))).unwrap_or_default();
    if out.status.success() { Ok(said) } else { Err(format!("`{command}` failed ({}){said}", out.status)) }
}
