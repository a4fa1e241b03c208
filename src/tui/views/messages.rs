//! A message too long for the status line, shown whole in a window until a key is pressed; and
//! the message log, the last messages again, newest at the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::wrap;
use crate::settings::keymap::Action;
use crate::tui::app::{App, Status};

/// The window's width inside `body`: the screen less a margin, at most 76 columns.
fn width(body: Rect) -> u16 {
    body.width.saturating_sub(4).clamp(20, 76)
}

pub fn message(frame: &mut Frame, body: Rect, app: &App, status: &Status) {
    let t = &app.theme;
    let width = width(body);
    let style = if status.error { t.error() } else { t.accent() };
    let mut lines: Vec<Line> =
        wrap(&status.text, width.saturating_sub(2), "", "").into_iter().map(|l| Line::from(Span::raw(l))).collect();
    lines.push(Line::from(""));
    let log = app.keymap.first(Action::Messages);
    lines.push(Line::from(Span::styled(format!("any key closes · {log} shows the last messages"), t.muted())));
    let height = (lines.len() as u16 + 2).min(body.height);
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    frame.render_widget(Clear, popup);
    let title = if status.error { " Not done " } else { " Message " };
    let block = Block::bordered().title(Line::from(title).style(style));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn log(frame: &mut Frame, body: Rect, app: &App, scroll: u16) {
    let t = &app.theme;
    let width = width(body);
    let mut lines: Vec<Line> = Vec::new();
    for (at, status) in &app.messages {
        let style = if status.error { t.error() } else { ratatui::style::Style::new() };
        let text = format!("{} {}", at.time_of_day(), status.text);
        lines.extend(
            wrap(&text, width.saturating_sub(2), "", "      ").into_iter().map(|l| Line::from(Span::styled(l, style))),
        );
    }
    let height = (lines.len() as u16 + 2).min(body.height);
    let popup = body.centered(Constraint::Length(width), Constraint::Length(height));
    let max = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    app.popup_scroll_max_cell().set(max);
    frame.render_widget(Clear, popup);
    let down = app.keymap.first(Action::Down);
    let up = app.keymap.first(Action::Up);
    let title = format!(" Last messages — {down}/{up} scroll, any other key closes ");
    let block = Block::bordered().title(Line::from(title).style(t.heading()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max), 0)), popup);
}
