//! The Urgent view: only open emergency and urgent flags, nearest deadline first, with live
//! countdowns (redrawn every minute).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::patients::window;
use crate::engine::{countdown_words, finding};
use crate::guidelines::Level;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let urgent = app.urgent_rows();
    let mut out: Vec<Line> = Vec::new();
    if urgent.is_empty() {
        out.push(Line::from(Span::styled("No open emergency or urgent flags.", t.ok())));
    }
    let per_item = 2usize;
    let height = area.height as usize / per_item;
    let offset = window(app.urgent_selected, height, urgent.len());
    for (n, (i, fi)) in urgent.iter().enumerate().skip(offset).take(height) {
        let row = &app.rows[*i];
        let Some(a) = &row.assessment else { continue };
        let f = &a.flags[*fi];
        let style = if f.level == Level::Emergency { t.emergency() } else { t.urgent() };
        let selected = n == app.urgent_selected;
        let who = row
            .case()
            .map(|c| {
                let bed = c.bed.as_ref().map(|b| format!("Bed {}  ", b.safe())).unwrap_or_default();
                format!("{bed}{} ({})", c.name.safe(), c.id)
            })
            .unwrap_or_default();
        let countdown = countdown_words(f.minutes_left(app.now));
        let late = f.minutes_left(app.now) < 0;
        let head_style = if selected { style.patch(t.selected()) } else { style };
        out.push(Line::from(vec![
            Span::raw(if selected { "> " } else { "  " }),
            Span::styled(
                format!("{} {:<14}", f.level.marker(), if late { countdown.to_uppercase() } else { countdown }),
                head_style,
            ),
            Span::styled(who, t.heading()),
        ]));
        let gone = if f.present_at_last_exam { "" } else { " (not present at the last exam)" };
        out.push(Line::from(format!(
            "     {} — {}{gone}; MRI by {}",
            f.title(),
            finding::join(&f.findings),
            f.deadline.day_month_time()
        )));
    }
    frame.render_widget(Paragraph::new(out), area);
    app.page_cell().set(height.max(1));
}
