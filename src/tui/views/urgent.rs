//! The Urgent view: only open emergency and urgent flags, nearest deadline first, with live
//! countdowns (redrawn every minute). Each flag takes as many lines as its findings need.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap;
use crate::guidelines::Level;
use crate::present::duration;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let urgent = app.urgent_rows();
    if urgent.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("No open emergency or urgent flags.", t.ok())), area);
        return;
    }
    // Only the flags that can be on the screen are laid out: each takes two rows at least, so
    // none more than a screen's height before the selected one or after it can show (a regional
    // ward has tens of thousands open). The screen is what laying out every flag would give.
    let height = area.height as usize;
    let at = app.urgent.selected.min(urgent.len() - 1);
    let first = at.saturating_sub(height);
    let last = (at + height + 1).min(urgent.len());
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for (n, (i, fi)) in urgent.iter().enumerate().take(last).skip(first) {
        let row = &app.rows[*i];
        let Some(f) = row.flags.get(*fi) else {
            blocks.push(Vec::new());
            continue;
        };
        let style = if f.level == Level::Emergency { t.emergency() } else { t.urgent() };
        let selected = n == app.urgent.selected;
        let who = if row.is_readable() { row.who("  ") } else { String::new() };
        let left = f.deadline.minutes_since(app.ctx.now);
        let countdown = duration::countdown_stressed(left);
        let head_style = if selected { style.patch(t.selected()) } else { style };
        let mut block = vec![Line::from(vec![
            Span::raw(if selected { "> " } else { "  " }),
            Span::styled(format!("{} {:<15}", f.level.marker(), countdown), head_style),
            Span::styled(who, t.heading()),
        ])];
        block.extend(wrap(&f.text, area.width, "     ", "     ").into_iter().map(Line::from));
        blocks.push(block);
    }
    // The urgent pathway steps, named as triage names them, after the flags (they are answered
    // from the Round view).
    let steps: Vec<String> = match last == urgent.len() {
        true => app
            .rows
            .iter()
            .filter(|row| !row.urgent_steps.is_empty())
            .filter_map(|row| Some(format!("{} {}", row.name.as_ref()?.safe(), row.urgent_steps.join(" "))))
            .collect(),
        // Not within reach of the screen yet.
        false => Vec::new(),
    };
    if !steps.is_empty() {
        let text = format!("Urgent steps: {} (Round view)", steps.join(", "));
        let mut block = vec![Line::from("")];
        block.extend(wrap(&text, area.width, "! ", "  ").into_iter().map(|l| Line::from(Span::styled(l, t.urgent()))));
        blocks.push(block);
    }
    // Scroll by whole flags so the selected one is always complete on screen.
    let selected = at - first;
    let mut start = selected.min(blocks.len().saturating_sub(1));
    let mut used: usize = blocks.get(start).map(Vec::len).unwrap_or(0);
    while start > 0 && used + blocks[start - 1].len() <= height {
        start -= 1;
        used += blocks[start].len();
    }
    if first == 0 && selected < blocks.len() {
        // Fill from the top: when the selection is near the start, show from the first flag.
        let from_top: usize = blocks[..=selected].iter().map(Vec::len).sum();
        if from_top <= height {
            start = 0;
        }
    }
    let out: Vec<Line> = blocks.into_iter().skip(start).flatten().take(height).collect();
    frame.render_widget(Paragraph::new(out), area);
    app.page_cell().set((height / 3).max(1));
}
