//! The help screen: every action and its keys, from the same table the footer uses.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::settings::keymap::Action;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, scroll: u16) {
    let t = &app.theme;
    let popup =
        body.centered(Constraint::Length(body.width.saturating_sub(4).min(76)), Constraint::Length(body.height));
    frame.render_widget(Clear, body);
    let mut lines: Vec<Line> = Vec::new();
    for action in Action::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", app.keymap.label(*action)), t.accent()),
            Span::raw(action.describe()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("In a form", t.heading())));
    lines.push(Line::from("  one key per choice (shown in brackets); the same key again clears it"));
    lines.push(Line::from("  Tab / Down next field, Shift-Tab / Up previous, Enter save, Esc cancel"));
    lines.push(Line::from("  pain score: type the digits (1 then 0 is 10); Backspace clears"));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Markers", t.heading())));
    lines.push(Line::from("  !! emergency (whole-spine MRI within 24 h)   ! urgent (MRI within a week)"));
    let edit = app.keymap.first(Action::Edit);
    lines.push(Line::from(format!(
        "  ?? UNREADABLE file (fix with {edit})   ▲ worse than the exam before   !date overdue"
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Keys can be changed in the config file (keys:). Decision support: the clinician decides.",
        t.muted(),
    )));
    let block = Block::bordered().title(Line::from(" Help — any other key closes ").style(t.heading()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), popup);
}
