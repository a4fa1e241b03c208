//! Drawing the dashboard. Views only read the app; the one exception is the scroll position each
//! list remembers between frames (kept in `Cell`s), which depends on the height drawn.

mod ascii;
mod chrome;
mod form;
mod help;
mod jobs_view;
mod messages;
mod patient;
mod patients;
mod round_view;
mod tone;
mod urgent;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Modal, View};

/// Smallest terminal the dashboard draws in; below it, a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.screen_width_cell().set(area.width);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        if app.ascii {
            ascii::plain(frame.buffer_mut(), area);
        }
        return;
    }
    let status_lines = u16::from(app.status.is_some() || app.patients.editing);
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(status_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(frame, header, app);
    match app.view {
        View::Patients => patients::draw(frame, body, app),
        View::Patient => patient::draw(frame, body, app),
        View::Round => round_view::draw(frame, body, app),
        View::Urgent => urgent::draw(frame, body, app),
        View::Audit => crate::tui::audit::view::draw(frame, body, app),
        View::Jobs => jobs_view::draw(frame, body, app),
    }
    chrome::status(frame, status, app);
    chrome::footer(frame, footer, app);
    match &app.modal {
        Some(Modal::Help { scroll }) => help::draw(frame, body, app, *scroll),
        Some(Modal::Form(f)) => form::draw(frame, body, app, f),
        Some(Modal::ConfirmDischarge(id, name, steps)) => {
            let open = if steps.is_empty() {
                String::new()
            } else {
                format!(" Still open, kept on the follow-up list: {}.", steps.join("; "))
            };
            confirm(
                frame,
                body,
                app,
                &format!("Discharge {name} ({id})? The file moves to the archive; nothing is deleted.{open}"),
                "y discharge · any other key cancels",
            )
        }
        Some(Modal::ConfirmQuit(form)) => {
            let demo = if app.demo_changed() {
                " This is the demo ward: everything recorded in it is thrown away when you quit."
            } else {
                ""
            };
            let (question, keys) = match form {
                Some(_) => (
                    format!("Quit and lose what you typed in the form?{demo}"),
                    "y quit · any other key goes back to the form",
                ),
                None => (format!("Quit?{demo}"), "y quit · any other key stays"),
            };
            confirm(frame, body, app, &question, keys)
        }
        Some(Modal::ConfirmDiscard(_)) => confirm(
            frame,
            body,
            app,
            "Close the form? What you typed will not be recorded.",
            "y or Esc discard · any other key goes back to the form",
        ),
        Some(Modal::Message(status)) => messages::message(frame, body, app, status),
        Some(Modal::Messages { scroll }) => messages::log(frame, body, app, *scroll),
        Some(Modal::AskClinician { typed, error }) => ask_clinician(frame, body, app, typed, error.as_deref()),
        Some(Modal::Print { target, error }) => {
            let what = match error {
                Some(e) => format!("Not printed: {e}. "),
                None => String::new(),
            };
            confirm(
                frame,
                body,
                app,
                &format!(
                    "{what}Print the {} list (ward and filter as shown) to: {}_",
                    app.view.title(),
                    crate::model::text::sanitize(target)
                ),
                &match &app.ctx.settings.print_command {
                    Some(c) => format!(
                        "a file name (.md: Markdown, else text; ~/ for your home), | alone for `{}`, or | and a command · Enter print · Esc cancel",
                        crate::model::text::sanitize(c)
                    ),
                    None => "a file name (.md: Markdown, else text; ~/ for your home) or | and a command (| lp) · Enter print · Esc cancel".into(),
                },
            )
        }
        None => {}
    }
    if app.ascii {
        ascii::plain(frame.buffer_mut(), area);
    }
}

/// `text` wrapped to `width` columns, the first line after `first`, the rest after `rest`.
pub fn wrap(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    crate::present::wrap(text, width as usize, first, rest)
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "cordwatch: terminal too small ({}x{}); it needs {MIN_WIDTH}x{MIN_HEIGHT}. Make the window larger, or use `cordwatch triage`.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The first-run question on a shared ward: who is recording.
fn ask_clinician(frame: &mut Frame, body: Rect, app: &App, typed: &str, error: Option<&str>) {
    let width = body.width.saturating_sub(4).min(70);
    let block = Block::bordered().title(Line::from(" Who is recording? ").style(app.theme.heading()));
    let mut text = vec![
        Line::from(format!(
            "This ward is shared and no clinician is set for the account {}. Your name and role go \
             on every record you make and in the audit log.",
            app.ctx.store.user()
        )),
        Line::from(""),
        Line::from(vec![
            Span::raw("> "),
            Span::styled(crate::model::text::sanitize(typed), app.theme.accent()),
            Span::styled("_", app.theme.accent()),
        ]),
        Line::from("e.g. Dr A Shah (registrar) · roles: registrar, consultant, junior_doctor, nurse...")
            .style(app.theme.muted()),
    ];
    if let Some(why) = error {
        text.push(Line::from(why.to_string()).style(app.theme.error()));
    }
    text.push(Line::from("Enter sets it for this session · Esc goes on as the account").style(app.theme.muted()));
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: true });
    let lines = u16::try_from(paragraph.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let height = lines.saturating_add(2).min(body.height);
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block), popup);
}

fn confirm(frame: &mut Frame, body: Rect, app: &App, question: &str, keys: &str) {
    let width = body.width.saturating_sub(8).min(70);
    let block = Block::bordered().title(Line::from(" Confirm ").style(app.theme.heading()));
    let text =
        vec![Line::from(question.to_string()), Line::from(""), Line::from(keys.to_string()).style(app.theme.muted())];
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: true });
    // As tall as the question needs (a discharge lists the steps it keeps open), within the body.
    let lines = u16::try_from(paragraph.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let height = lines.saturating_add(2).max(6).min(body.height);
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block), popup);
}
