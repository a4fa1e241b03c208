//! Drawing a form: each field on its line, its choices with their keys, the chosen one marked in
//! words and reverse video (so it reads the same without colour), the focused field marked `>`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::forms::{Form, Input};

pub fn draw(frame: &mut Frame, body: Rect, app: &App, form: &Form) {
    let t = &app.theme;
    let popup = body.centered(Constraint::Length(body.width.min(96)), Constraint::Length(body.height));
    frame.render_widget(Clear, popup);
    let title = match &form.target {
        Some((id, name)) => format!(" {} — {name} ({id}) ", form.kind.title()),
        None => format!(" {} ", form.kind.title()),
    };
    let block = Block::bordered().title(Line::from(title).style(t.heading()));
    let inner_width = popup.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        if field.hidden {
            continue;
        }
        let focused = i == form.focus;
        let label_style = if focused { t.heading().add_modifier(Modifier::REVERSED) } else { t.heading() };
        let mut spans = vec![
            Span::raw(if focused { "> " } else { "  " }),
            Span::styled(format!("{:<14}", field.label), label_style),
            Span::raw(" "),
        ];
        let mut used = 17usize;
        let mut push = |spans: &mut Vec<Span<'static>>, lines: &mut Vec<Line<'static>>, piece: Span<'static>| {
            let w = unicode_width::UnicodeWidthStr::width(piece.content.as_ref());
            if used + w > inner_width && used > 17 {
                lines.push(Line::from(std::mem::take(spans)));
                spans.push(Span::raw(" ".repeat(17)));
                used = 17;
            }
            used += w;
            spans.push(piece);
        };
        match &field.input {
            Input::Choice { options, selected } => {
                for (n, (key, word)) in options.iter().enumerate() {
                    let on = *selected == Some(n);
                    let text = if on { format!("[{key}] {}* ", word.to_uppercase()) } else { format!("{key}:{word} ") };
                    let style = if on { t.selected().patch(t.accent()) } else { t.muted() };
                    push(&mut spans, &mut lines, Span::styled(text, style));
                }
                if selected.is_none() {
                    push(&mut spans, &mut lines, Span::styled("(not recorded)", t.muted()));
                }
            }
            Input::Toggles { options, on } => {
                for (n, (key, word)) in options.iter().enumerate() {
                    let text = if on[n] {
                        format!("[x] {key}:{} ", word.to_uppercase())
                    } else {
                        format!("[ ] {key}:{word} ")
                    };
                    let style = if on[n] { t.selected().patch(t.accent()) } else { t.muted() };
                    push(&mut spans, &mut lines, Span::styled(text, style));
                }
            }
            Input::Text { value, hint } => {
                let shown = crate::model::text::sanitize(value);
                push(&mut spans, &mut lines, Span::raw(shown));
                if focused {
                    push(&mut spans, &mut lines, Span::styled("_", t.accent()));
                }
                if value.is_empty() {
                    push(&mut spans, &mut lines, Span::styled(format!("  {hint}"), t.muted()));
                }
            }
            Input::Score { value } => {
                let shown = value.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
                push(&mut spans, &mut lines, Span::raw(format!("{shown}  ")));
                push(&mut spans, &mut lines, Span::styled("(type 0-10)", t.muted()));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    if let Some(error) = &form.error {
        lines.push(Line::from(Span::styled(format!("Not saved: {error}"), t.error())));
        lines.push(Line::from(Span::styled("Your input is kept: correct it and press Enter again.", t.muted())));
    } else {
        lines.push(Line::from(Span::styled("Enter saves · Esc cancels · Tab moves between fields", t.muted())));
    }
    // Keep the focused field on screen in short terminals.
    let visible = popup.height.saturating_sub(2) as usize;
    let focus_line = form.fields.iter().take(form.focus).filter(|f| !f.hidden).count();
    let scroll = focus_line.saturating_sub(visible.saturating_sub(4)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), popup);
}
