//! Drawing a form: each field on its line, its choices with their keys, the chosen one marked in
//! words and reverse video (so it reads the same without colour), the focused field marked `>`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
    // After a failed save the reason comes first, where it is seen whatever the scroll.
    if let Some(error) = &form.error {
        lines.push(Line::from(Span::styled(format!("Not saved: {error}"), t.error())));
        lines.push(Line::from(Span::styled("Your input is kept: correct it and press Enter again.", t.muted())));
        lines.push(Line::from(""));
    }
    // The screen lines the focused field takes, to keep it on screen.
    let mut focus_lines = (0, 0);
    for (i, field) in form.fields.iter().enumerate() {
        if field.hidden {
            continue;
        }
        let focused = i == form.focus;
        let first_line = lines.len();
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
            Input::Text { value, hint, cursor, lines: several } => {
                let chars: Vec<char> = value.chars().collect();
                let at = (*cursor).min(chars.len());
                let text = |c: &[char]| crate::model::text::sanitize(&c.iter().collect::<String>());
                if focused {
                    // The cursor is the letter under it in reverse video, or `_` at the end.
                    push(&mut spans, &mut lines, Span::raw(text(&chars[..at])));
                    match chars.get(at) {
                        Some(_) => {
                            push(
                                &mut spans,
                                &mut lines,
                                Span::styled(text(&chars[at..=at]), t.accent().add_modifier(Modifier::REVERSED)),
                            );
                            push(&mut spans, &mut lines, Span::raw(text(&chars[at + 1..])));
                        }
                        None => push(&mut spans, &mut lines, Span::styled("_", t.accent())),
                    }
                } else {
                    push(&mut spans, &mut lines, Span::raw(text(&chars)));
                }
                if value.is_empty() {
                    push(&mut spans, &mut lines, Span::styled(format!("  {hint}"), t.muted()));
                }
                if *several && focused {
                    push(&mut spans, &mut lines, Span::styled("  (Enter: new line · Tab then Enter: save)", t.muted()));
                }
            }
            Input::Score { value, max } => {
                let shown = value.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
                push(&mut spans, &mut lines, Span::raw(format!("{shown}  ")));
                push(&mut spans, &mut lines, Span::styled(format!("(type 0-{max})"), t.muted()));
            }
        }
        lines.push(Line::from(spans));
        if let (true, Some(notice)) = (focused, &form.notice) {
            let pad = " ".repeat(17);
            let width = u16::try_from(inner_width).unwrap_or(u16::MAX);
            for l in super::wrap(notice, width, &pad, &pad) {
                let (indent, text) = l.split_at(l.len() - l.trim_start().len());
                lines.push(Line::from(vec![Span::raw(indent.to_string()), Span::styled(text.to_string(), t.error())]));
            }
        }
        if focused {
            focus_lines = (first_line, lines.len());
        }
    }
    // What Enter would save, and the keys, stay in sight below the fields however they scroll.
    let patient = app.current_patient();
    let preview = match form.preview(&app.ctx.guidelines, patient.as_deref().and_then(|r| r.case())) {
        Ok(summary) => Line::from(vec![
            Span::styled("Enter saves: ", t.heading()),
            Span::raw(crate::model::text::sanitize(&summary)),
        ]),
        Err(why) => Line::from(vec![
            Span::styled("Not ready: ", t.heading()),
            Span::styled(crate::model::text::sanitize(&why), t.muted()),
        ]),
    };
    let keys = Line::from(Span::styled("Esc cancels · Tab next (stops at last) · Shift-Tab back", t.muted()));
    let footer = Paragraph::new(vec![preview, keys]).wrap(Wrap { trim: false });
    let inner = block.inner(popup);
    let footer_height = u16::try_from(footer.line_count(inner.width)).unwrap_or(u16::MAX).min(inner.height / 2);
    let [fields_area, footer_area] =
        inner.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(footer_height)]));
    // Keep the whole focused field on screen in short terminals, with the line after it when
    // there is room, and say when fields are out of sight above or below.
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(fields_area.width);
    let visible = fields_area.height as usize;
    let (start, end) = focus_lines;
    let scroll = (end + 1).saturating_sub(visible).min(start).min(total.saturating_sub(visible));
    let mut block = block;
    let mut more = Vec::new();
    if scroll > 0 {
        more.push(format!("↑ {scroll} more"));
    }
    if scroll + visible < total {
        more.push(format!("↓ {} more", total - scroll - visible));
    }
    if !more.is_empty() {
        block = block.title_bottom(Line::from(format!(" {} ", more.join(" · "))).style(t.muted()).right_aligned());
    }
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(block, popup);
    frame.render_widget(paragraph.scroll((scroll, 0)), fields_area);
    frame.render_widget(footer, footer_area);
}
