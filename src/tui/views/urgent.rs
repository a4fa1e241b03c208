//! The Urgent view: only open emergency and urgent flags, nearest deadline first, with live
//! countdowns (redrawn every minute). Each flag takes as many lines as its findings need.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap;
use crate::engine::Category;
use crate::engine::checklist::pathway_category;
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
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for (n, (i, fi)) in urgent.iter().enumerate() {
        let row = &app.rows[*i];
        let Some(a) = &row.assessment else { continue };
        let f = &a.flags[*fi];
        let style = if f.level == Level::Emergency { t.emergency() } else { t.urgent() };
        let selected = n == app.urgent.selected;
        let who = row
            .case()
            .map(|c| {
                let bed = c.bed.as_ref().map(|b| format!("Bed {}  ", b.safe())).unwrap_or_default();
                format!("{bed}{} ({})", c.name.safe(), c.id)
            })
            .unwrap_or_default();
        let left = f.minutes_left(app.ctx.now);
        let countdown = duration::countdown_stressed(left);
        let head_style = if selected { style.patch(t.selected()) } else { style };
        let mut block = vec![Line::from(vec![
            Span::raw(if selected { "> " } else { "  " }),
            Span::styled(format!("{} {:<15}", f.level.marker(), countdown), head_style),
            Span::styled(who, t.heading()),
        ])];
        let gone = if f.present_at_last_exam { "" } else { " (not present at the last exam)" };
        let notes: String = f.notes.iter().map(|n| format!("; {n}")).collect();
        // Who has it in hand, as triage says it: an acknowledgement keeps the flag open.
        let acked = f
            .acknowledgements
            .last()
            .map(|ack| {
                let by = ack.by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into());
                let plan = ack.plan.as_ref().map(|p| format!(": {}", p.safe())).unwrap_or_default();
                format!("; acknowledged {} by {by}{plan}", ack.at.day_month_time())
            })
            .unwrap_or_default();
        let what = format!(
            "{}: {}{gone}; {}{notes}{acked}",
            f.tag(),
            a.what_with_parts(f),
            f.due_by(&f.deadline.day_month_time())
        );
        block.extend(wrap(&what, area.width, "     ", "     ").into_iter().map(Line::from));
        blocks.push(block);
    }
    // The urgent pathway steps, named as triage names them, after the flags (they are answered
    // from the Round view).
    let today = app.ctx.now.date();
    let steps: Vec<String> = app
        .rows
        .iter()
        .filter_map(|row| {
            let a = row.assessment.as_ref()?;
            let tags: Vec<&str> = a
                .open_pathway()
                .filter(|i| pathway_category(i, today, a.due_soon_days) == Some(Category::Urgent))
                .map(|i| i.tag.as_str())
                .collect();
            let name = row.case()?.name.safe();
            (!tags.is_empty()).then(|| format!("{name} {}", tags.join(" ")))
        })
        .collect();
    if !steps.is_empty() {
        let text = format!("Urgent steps: {} (Round view)", steps.join(", "));
        let mut block = vec![Line::from("")];
        block.extend(wrap(&text, area.width, "! ", "  ").into_iter().map(|l| Line::from(Span::styled(l, t.urgent()))));
        blocks.push(block);
    }
    // Scroll by whole flags so the selected one is always complete on screen.
    let height = area.height as usize;
    let mut start = app.urgent.selected.min(blocks.len().saturating_sub(1));
    let mut used: usize = blocks.get(start).map(Vec::len).unwrap_or(0);
    while start > 0 && used + blocks[start - 1].len() <= height {
        start -= 1;
        used += blocks[start].len();
    }
    if app.urgent.selected < blocks.len() {
        // Fill from the top: when the selection is near the start, show from the first flag.
        let from_top: usize = blocks[..=app.urgent.selected].iter().map(Vec::len).sum();
        if from_top <= height {
            start = 0;
        }
    }
    let out: Vec<Line> = blocks.into_iter().skip(start).flatten().take(height).collect();
    frame.render_widget(Paragraph::new(out), area);
    app.page_cell().set((height / 3).max(1));
}
