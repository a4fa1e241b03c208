//! The Audit view: how fast the pathway ran over the last twelve months, per QS56 measure — the
//! share within each standard as bars, per month; the delays as a histogram with the standard
//! marked; the missed, open and closed episodes, each opening its patient with Enter. The bars
//! are characters with their figures beside them, so the view reads the same with `NO_COLOR`.
//!
//! The cursor moves line by line (see [`super::keys`]); the page scrolls to keep the selected
//! line whole on screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::lines::{Tone, stops};
use crate::settings::keymap::Action;
use crate::settings::theme::Theme;
use crate::tui::app::App;

fn style(t: &Theme, tone: Tone) -> Style {
    match tone {
        Tone::Plain => Style::new(),
        Tone::Heading => t.heading(),
        Tone::Muted => t.muted(),
        Tone::Good => t.ok(),
        Tone::Late => t.overdue(),
        Tone::Alarm => t.emergency(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let audit = &app.audit;
    let src = app.audit_source();
    let lines = audit.lines(src);
    let stops = stops(&lines);
    let selected = stops.get(audit.selected.min(stops.len().saturating_sub(1))).copied();
    let width = area.width.saturating_sub(2);
    let rows = audit.rows(src, width);
    let total = rows.len();
    let (body, position) = if total > area.height as usize {
        let [body, position] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        (body, Some(position))
    } else {
        (area, None)
    };
    let height = body.height as usize;
    let max_offset = total.saturating_sub(height);
    let mut offset = audit.offset_cell().get().min(max_offset);
    if let Some(sel) = selected {
        // Rows are in line order: the selected line's rows are found by halving, not a scan.
        let start = rows.partition_point(|r| r.line < sel);
        let end = rows.partition_point(|r| r.line <= sel).saturating_sub(1).max(start);
        if start < offset {
            offset = start;
        } else if end >= offset + height {
            offset = (end + 1).saturating_sub(height).min(start);
        }
        // The last line selected shows the page to its end.
        if Some(&sel) == stops.last() {
            offset = max_offset;
        }
    }
    audit.offset_cell().set(offset);
    let out: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|r| {
            let chosen = selected == Some(r.line);
            let gutter = Span::styled(if chosen && r.first { "> " } else { "  " }, t.selected());
            // The selected line is highlighted where it is text; its bars keep their own colours.
            let single = lines.get(r.line).is_some_and(|l| l.pieces.len() == 1);
            let spans = r.pieces.iter().map(|(text, tone)| {
                let s = if chosen && single { style(t, *tone).patch(t.selected()) } else { style(t, *tone) };
                Span::styled(text.clone(), s)
            });
            Line::from(std::iter::once(gutter).chain(spans).collect::<Vec<_>>())
        })
        .collect();
    frame.render_widget(Paragraph::new(out), body);
    if let Some(area) = position {
        let last = (offset + height).min(total);
        let more =
            if offset >= max_offset { "end".to_string() } else { format!("{} more", app.keymap.first(Action::Down)) };
        let text = format!("lines {}-{last} of {total} · {more}", offset + 1);
        frame.render_widget(Paragraph::new(Line::from(Span::styled(text, t.muted()))).right_aligned(), area);
    }
    app.page_cell().set((height / 2).max(1));
}
