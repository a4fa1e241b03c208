//! The Patients view: everyone in clinical priority order, one row each. Columns that do not fit
//! are dropped by priority (the flag, bed, name and id always stay; ward and team show from 120
//! columns); the name and team grow with the screen only so far. Only the rows on screen are
//! built, so a keystroke costs the same with 30 patients or 10,000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::tone;
use crate::present::DueCell;
use crate::settings::theme::Theme;
use crate::tui::app::App;
use crate::tui::brief::Brief;

/// A column: its title, width (the least it takes), the most it grows to when the screen has room
/// (0: it never grows), and how late it is dropped (higher first; 0 never).
struct Column {
    title: &'static str,
    width: u16,
    grows_to: u16,
    drop_rank: u8,
}

/// Ward and team are dropped first: on a screen of 120 columns or more every column fits.
const COLUMNS: [Column; 10] = [
    Column { title: "FLAGS", width: 20, grows_to: 0, drop_rank: 0 },
    Column { title: "WARD", width: 6, grows_to: 0, drop_rank: 6 },
    Column { title: "BED", width: 4, grows_to: 0, drop_rank: 0 },
    Column { title: "NAME", width: MIN_NAME, grows_to: MAX_NAME, drop_rank: 0 },
    Column { title: "ID", width: 10, grows_to: 0, drop_rank: 0 },
    Column { title: "NEXT IMAGING", width: 12, grows_to: 0, drop_rank: 2 },
    Column { title: "BONE AGENT", width: 12, grows_to: 0, drop_rank: 3 },
    Column { title: "PRIMARY", width: 12, grows_to: 0, drop_rank: 4 },
    Column { title: "LAST EXAM", width: 9, grows_to: 0, drop_rank: 5 },
    Column { title: "TEAM", width: 10, grows_to: 40, drop_rank: 7 },
];

/// Narrowest the name column may get before another column is dropped.
const MIN_NAME: u16 = 14;

/// Widest the name column grows: a name, or an unreadable file's name and path, fits in it, and
/// on a wide screen the columns after it stay near it rather than a hundred columns away.
const MAX_NAME: u16 = 32;

/// The selection marker (`> `) and the space between columns.
const MARKER: u16 = 2;
const SPACING: u16 = 1;

/// The least width of the columns `shown`, with the marker and the spaces between them.
fn fixed_width(shown: &[&Column]) -> u16 {
    shown.iter().map(|c| c.width).sum::<u16>() + SPACING * (shown.len() as u16).saturating_sub(1) + MARKER
}

/// The columns that fit in `width`, each with the width it gets: its least, and what is left
/// shared out in order (the name first) up to each column's most. What is left after that stays
/// empty at the right.
fn columns(width: u16) -> Vec<(&'static Column, u16)> {
    let mut shown: Vec<&Column> = COLUMNS.iter().collect();
    while fixed_width(&shown) > width {
        match shown.iter().enumerate().filter(|(_, c)| c.drop_rank > 0).max_by_key(|(_, c)| c.drop_rank) {
            Some((i, _)) => {
                shown.remove(i);
            }
            None => break,
        }
    }
    let mut spare = width.saturating_sub(fixed_width(&shown));
    shown
        .into_iter()
        .map(|c| {
            let more = c.grows_to.saturating_sub(c.width).min(spare);
            spare -= more;
            (c, c.width + more)
        })
        .collect()
}

/// A due-date cell, coloured by its state.
fn due_cell<'a>(theme: &Theme, cell: &DueCell) -> Cell<'a> {
    Cell::from(cell.text.clone()).style(cell.status.map(|s| tone::due(theme, s)).unwrap_or_default())
}

/// A cell's text cut to the column with a visible `…`, so a long name is never mistaken for a
/// shorter one.
fn cut(text: String, width: usize) -> String {
    crate::present::fit(&text, width).trim_end().to_string()
}

fn cell<'a>(app: &App, row: &Brief, title: &str, width: usize) -> Cell<'a> {
    let theme = &app.theme;
    let shown = |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.safe()).unwrap_or_else(|| "-".into());
    match title {
        "FLAGS" => {
            let flags = row.flag_cell(app.ctx.now);
            Cell::from(flags.text).style(tone::flag_cell(theme, flags.state))
        }
        "BED" => Cell::from(shown(&row.bed)),
        "NAME" => match &row.name {
            Some(n) if row.has_problem() => Cell::from(cut(format!("{} — {}", n.safe(), row.file), width)),
            // A new emergency from another user's change, until this patient is selected.
            Some(n) if app.is_unseen(&row.file) => Cell::from(cut(format!("NEW {}", n.safe()), width))
                .style(theme.emergency().add_modifier(Modifier::REVERSED)),
            Some(n) => Cell::from(cut(n.safe(), width)),
            None => Cell::from(cut(row.file.clone(), width)).style(theme.error()),
        },
        "ID" => Cell::from(cut(row.display_id(), width)),
        "WARD" => Cell::from(cut(shown(&row.ward), width)),
        "TEAM" => Cell::from(cut(shown(&row.team), width)),
        "NEXT IMAGING" => due_cell(theme, &row.imaging),
        "BONE AGENT" => due_cell(theme, &row.bone),
        "PRIMARY" => Cell::from(row.primary.clone()),
        "LAST EXAM" => {
            let text = match row.last_exam {
                Some(last) => crate::present::duration::ago_cell(app.ctx.now.minutes_since(last)),
                None if row.is_readable() => "never".into(),
                None => String::new(),
            };
            Cell::from(text)
        }
        _ => Cell::from(""),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    if app.patients.visible.is_empty() {
        let text = if app.rows.is_empty() && app.loading().is_some() {
            // Never "no case files" before they have been counted: an empty ward reads as quiet.
            "Reading the case files; no patient is listed yet.".to_string()
        } else if app.rows.is_empty() {
            format!(
                "No case files in {}/cases. Press {} to add a patient.",
                app.ctx.store.root().display(),
                app.keymap.first(crate::settings::keymap::Action::NewPatient)
            )
        } else {
            "No patient matches the filter. Esc clears it.".to_string()
        };
        frame.render_widget(Paragraph::new(Line::from(Span::styled(text, app.theme.muted()))), area);
        return;
    }
    let cols = columns(area.width);
    let height = area.height.saturating_sub(1) as usize;
    let offset = window(app.patients.selected, height, app.patients.visible.len());
    let rows: Vec<Row> = app.patients.visible[offset..(offset + height).min(app.patients.visible.len())]
        .iter()
        .map(|&i| {
            let row = &app.rows[i];
            Row::new(cols.iter().map(|(c, w)| cell(app, row, c.title, usize::from(*w))).collect::<Vec<_>>())
        })
        .collect();
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    let header = Row::new(cols.iter().map(|(c, _)| c.title).collect::<Vec<_>>()).style(app.theme.heading());
    let table = Table::new(rows, widths)
        .column_spacing(SPACING)
        .header(header)
        .row_highlight_style(app.theme.selected())
        .highlight_symbol("> ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(app.patients.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
    app.page_cell().set(height.max(1));
}

/// The first row to show so that `selected` is on screen: the window only moves when the
/// selection would leave it, and then by whole pages, which keeps the list steady under the eye.
pub fn window(selected: usize, height: usize, len: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let page = selected / height;
    (page * height).min(len - height)
}
