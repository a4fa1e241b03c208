//! The Jobs view: the ward's open jobs, overdue first, each with its patient, owner and due time;
//! the selected one is ticked off or cancelled with a key, and "mine" shows only the user's.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap;
use crate::settings::keymap::Action;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let jobs = app.job_rows();
    let whose = if app.jobs.mine { format!("of {}", app.ctx.store.user()) } else { "of everyone".to_string() };
    let mut lines: Vec<Line> = Vec::new();
    let overdue = jobs
        .iter()
        .filter(|(i, n)| app.rows[*i].jobs.iter().find(|j| j.number == *n).is_some_and(|j| j.is_overdue(app.ctx.now)))
        .count();
    lines.push(Line::from(Span::styled(
        format!(
            "{} open jobs {whose}, {overdue} overdue · {} mine/everyone",
            jobs.len(),
            app.keymap.first(Action::JobsMine)
        ),
        t.muted(),
    )));
    // A file that cannot be read may hold jobs: never a list that looks complete without it.
    let unreadable = app.rows.iter().filter(|r| !r.is_readable()).count();
    if unreadable > 0 {
        lines.push(Line::from(Span::styled(
            format!("?? {unreadable} case file(s) cannot be read: their jobs are not listed"),
            t.error(),
        )));
    }
    if jobs.is_empty() {
        let add = app.keymap.first(Action::Record(crate::record::KindId::Job));
        lines.push(Line::from(Span::styled(format!("No open jobs. {add} on a patient adds one."), t.ok())));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let head = lines.len();
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for (n, (i, number)) in jobs.iter().enumerate() {
        let row = &app.rows[*i];
        let Some(name) = &row.name else { continue };
        let Some(job) = row.jobs.iter().find(|j| j.number == *number) else { continue };
        let selected = n == app.jobs.selected;
        let overdue = job.is_overdue(app.ctx.now);
        let bed = row.bed.as_ref().map(|b| format!("Bed {} ", b.safe())).unwrap_or_default();
        let who = format!("{bed}{}", name.safe());
        let style = if overdue { t.urgent() } else { t.heading() };
        let style = if selected { style.patch(t.selected()) } else { style };
        let mut block = vec![Line::from(vec![
            Span::raw(if selected { "> " } else { "  " }),
            Span::styled(if overdue { "! OVERDUE " } else { "  " }, style),
            Span::styled(who, style),
        ])];
        let line = crate::present::job_line(job, app.ctx.now);
        block.extend(wrap(&line, area.width, "     ", "       ").into_iter().map(Line::from));
        blocks.push(block);
    }
    // Scroll by whole jobs so the selected one is always complete on screen.
    let height = (area.height as usize).saturating_sub(head);
    let selected = app.jobs.selected.min(blocks.len().saturating_sub(1));
    let mut start = selected;
    let mut used = blocks.get(start).map(Vec::len).unwrap_or(0);
    while start > 0 && used + blocks[start - 1].len() <= height {
        start -= 1;
        used += blocks[start].len();
    }
    if blocks[..=selected].iter().map(Vec::len).sum::<usize>() <= height {
        start = 0;
    }
    lines.extend(blocks.into_iter().skip(start).flatten().take(height));
    frame.render_widget(Paragraph::new(lines), area);
    app.page_cell().set((height / 2).max(1));
}
