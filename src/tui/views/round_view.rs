//! The Round view: today's checklist by patient. Enter on an item opens the form that records the
//! event completing it; the item then disappears because the facts changed. Items wrap, so the
//! findings and the deadline are never cut off at 80 columns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap;
use crate::settings::theme::Theme;
use crate::tui::app::App;
use crate::tui::round::RoundLine;

fn style(t: &Theme, line: &RoundLine) -> Style {
    if line.heading {
        return if line.text.starts_with("UNREADABLE") { t.error() } else { t.heading() };
    }
    match line.category {
        Some(c) => super::tone::category(t, c),
        None => t.error(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let lines = app.round();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("Nothing on the round: every item is done.", t.ok())), area);
        return;
    }
    let selected_line =
        lines.iter().enumerate().filter(|(_, l)| l.selectable()).nth(app.round.selected).map(|(i, _)| i).unwrap_or(0);
    // The round lines that can be on the screen as their wrapped screen rows; remember where the
    // selected one starts. A line takes a row at least, so none more than a screen's height
    // before the selected line or after it can show: only those are wrapped, and the screen is
    // what wrapping every line would give (a regional round has a million lines).
    let width = area.width.saturating_sub(2);
    let height = area.height as usize;
    let first = selected_line.saturating_sub(height);
    let mut rows: Vec<(usize, String)> = Vec::new();
    let mut selected_start = 0;
    for (i, line) in lines.iter().enumerate().skip(first).take(2 * height + 1) {
        if i == selected_line {
            selected_start = rows.len();
        }
        let (first, rest) = if line.heading { ("", "  ") } else { ("  ", "         ") };
        for text in wrap(&line.text, width, first, rest) {
            rows.push((i, text));
        }
    }
    let detail = lines.get(selected_line).map(|l| app.round_detail(l)).filter(|d| !d.is_empty());
    let detail_rows = detail.as_ref().map(|d| wrap(d, width, "  ", "  ")).unwrap_or_default();
    let height = height.saturating_sub(detail_rows.len().min(3));
    // Scroll so the whole selected item shows, keeping its patient heading when there is room.
    let selected_end = rows.iter().rposition(|(i, _)| *i == selected_line).unwrap_or(selected_start);
    let offset = if selected_end < height { 0 } else { (selected_end + 1).saturating_sub(height).min(selected_start) };
    let mut out: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, (i, text))| {
            let chosen = *i == selected_line;
            let s = style(t, &lines[*i]);
            Line::from(vec![
                Span::raw(if row == selected_start { "> " } else { "  " }),
                Span::styled(text.clone(), if chosen { s.patch(t.selected()) } else { s }),
            ])
        })
        .collect();
    if !detail_rows.is_empty() {
        out.resize(height, Line::default());
        out.extend(detail_rows.into_iter().take(3).map(|d| Line::from(Span::styled(d, t.muted()))));
    }
    frame.render_widget(Paragraph::new(out), area);
    app.page_cell().set((height / 2).max(1));
}
