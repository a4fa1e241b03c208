//! The Round view: today's checklist by patient. Enter on an item opens the form that records the
//! event completing it; the item then disappears because the facts changed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::patients::window;
use crate::engine::Category;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let lines = app.round();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("Nothing on the round: every item is done.", t.ok())), area);
        return;
    }
    // The selected item, as an index into all lines.
    let selected_line =
        lines.iter().enumerate().filter(|(_, l)| l.selectable()).nth(app.round_selected).map(|(i, _)| i).unwrap_or(0);
    let detail_height = 1usize;
    let height = (area.height as usize).saturating_sub(detail_height);
    let offset = window(selected_line, height, lines.len());
    let mut out: Vec<Line> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(offset).take(height) {
        let style = if line.heading {
            if line.completion.is_none() && line.text.starts_with("UNREADABLE") { t.error() } else { t.heading() }
        } else {
            match line.category {
                Some(Category::Emergency | Category::Deterioration) => t.emergency(),
                Some(Category::Urgent | Category::NotExamined) => t.urgent(),
                Some(Category::Overdue) => t.overdue(),
                None => t.error(),
                _ => Style::new(),
            }
        };
        let marker = if i == selected_line { "> " } else { "  " };
        let style = if i == selected_line { style.patch(t.selected()) } else { style };
        let indent = if line.heading { "" } else { "  " };
        out.push(Line::from(vec![Span::raw(marker), Span::styled(format!("{indent}{}", line.text), style)]));
    }
    if let Some(selected) = lines.get(selected_line)
        && !selected.detail.is_empty()
    {
        out.resize(height, Line::default());
        out.push(Line::from(Span::styled(format!("  {}", selected.detail), t.muted())));
    }
    frame.render_widget(Paragraph::new(out), area);
    app.page_cell().set(height.max(1));
}
