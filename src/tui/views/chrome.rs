//! Header (views, ward, clock, counts), status line, and the footer of key hints. The hints are
//! generated from the keymap, so they always show the keys that really do the thing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::settings::keymap::Action;
use crate::tui::app::{App, Modal, Summary, View};

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut top: Vec<Span> = vec![Span::styled("cordwatch ", t.heading())];
    if app.ctx.is_demo() {
        top.push(Span::styled(" DEMO ", t.demo()));
        top.push(Span::raw(" "));
    }
    if app.ctx.store.is_read_only() {
        top.push(Span::styled(" READ-ONLY ", t.error()));
        top.push(Span::raw(" "));
    }
    for (i, view) in View::ALL.iter().enumerate() {
        let label = format!("{} {} ", i + 1, view.title());
        let style = if *view == app.view { t.selected().patch(t.heading()) } else { Style::new() };
        top.push(Span::styled(label, style));
    }
    let clock = format!("{} {}", app.ctx.now.date().weekday_short(), app.ctx.now.day_month_time());
    let used: usize = top.iter().map(|s| s.content.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + clock.width());
    top.push(Span::raw(" ".repeat(pad)));
    top.push(Span::styled(clock, t.heading()));

    let Summary { emergency, urgent, overdue, problems, .. } = app.summary;
    let mut second: Vec<Span> = Vec::new();
    if let Some((read, total)) = app.loading() {
        second.push(Span::styled(
            format!(" LOADING {read} of {total} case files: the list is not complete yet "),
            t.error(),
        ));
        frame.render_widget(Paragraph::new(vec![Line::from(top), Line::from(second)]), area);
        return;
    }
    let count = |n: usize, text: &str, style: Style| {
        let style = if n > 0 { style } else { app.theme.muted() };
        Span::styled(format!("{n} {text}  "), style)
    };
    if problems > 0 {
        second.push(Span::styled(format!("?? {problems} UNREADABLE "), t.error()));
        second.push(Span::raw("  "));
    }
    second.push(count(emergency, "!! emergency", t.emergency()));
    second.push(count(urgent, "! urgent", t.urgent()));
    second.push(count(overdue, "overdue", t.overdue()));
    let mut notes = Vec::new();
    match &app.ward {
        Some(w) => notes.push(format!("ward {}", crate::model::text::sanitize(w))),
        None if !app.summary.wards.is_empty() => notes.push(format!("wards {}", app.summary.wards.join(", "))),
        None => {}
    }
    if !app.filter.is_empty() {
        notes.push(format!("filter \"{}\"", crate::model::text::sanitize(&app.filter)));
    }
    if app.view == View::Patients && (app.ward.is_some() || !app.filter.is_empty()) {
        notes.push(format!("{} of {} shown", app.visible.len(), app.rows.len()));
    }
    if app.sort != crate::tui::app::SortMode::Priority {
        notes.push(format!("sorted by {}", app.sort.label()));
    }
    if !notes.is_empty() {
        second.push(Span::styled(notes.join(" · "), t.accent()));
    }
    frame.render_widget(Paragraph::new(vec![Line::from(top), Line::from(second)]), area);
}

pub fn status(frame: &mut Frame, area: Rect, app: &App) {
    if area.height == 0 {
        return;
    }
    let line = if app.filter_editing {
        Line::from(vec![
            Span::styled("filter: ", app.theme.accent()),
            Span::raw(crate::model::text::sanitize(&app.filter)),
            Span::styled("_", app.theme.accent()),
            Span::styled("   (name, id, bed or ward; Enter keeps it, Esc clears it)", app.theme.muted()),
        ])
    } else if let Some(s) = &app.status {
        let style = if s.error { app.theme.error() } else { app.theme.accent() };
        Line::from(Span::styled(s.text.clone(), style))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// (key label, what it does) pairs for the current context, most useful first.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let k = |a: Action| app.keymap.first(a);
    match &app.modal {
        Some(Modal::Form(_)) => {
            return vec![
                ("Tab".into(), "next field"),
                ("S-Tab".into(), "previous"),
                ("Enter".into(), "save"),
                ("Esc".into(), "cancel"),
            ];
        }
        Some(Modal::Help { .. } | Modal::Messages { .. }) => {
            return vec![(format!("{}/{}", k(Action::Down), k(Action::Up)), "scroll"), ("any key".into(), "close")];
        }
        Some(Modal::Message(_)) => return vec![("any key".into(), "close"), (k(Action::Messages), "last messages")],
        Some(_) => return vec![("y".into(), "yes"), ("any key".into(), "no")],
        None => {}
    }
    // The first hint of every view is the pair of movement keys.
    let (moving, rest): (&str, &[(Action, &'static str)]) = match app.view {
        View::Patients => (
            "move",
            &[(Action::Open, "open"), (Action::Filter, "filter"), (Action::WardFilter, "ward"), (Action::Exam, "exam")],
        ),
        View::Patient => (
            "scroll",
            &[
                (Action::Exam, "exam"),
                (Action::Imaging, "result"),
                (Action::Acknowledge, "ack"),
                (Action::Edit, "edit"),
                (Action::Back, "back"),
            ],
        ),
        View::Round => ("move", &[(Action::Open, "record"), (Action::ViewPatient, "patient")]),
        View::Urgent => ("move", &[(Action::Open, "open"), (Action::Acknowledge, "ack")]),
    };
    let mut out = vec![(format!("{}/{}", k(Action::Down), k(Action::Up)), moving)];
    out.extend(rest.iter().map(|&(action, label)| (k(action), label)));
    out.push((k(Action::NextView), "view"));
    out.push((k(Action::Help), "help"));
    out.push((k(Action::Quit), "quit"));
    out
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for (key, what) in hints(app) {
        let piece = format!("{key} {what}");
        if used + piece.width() + 2 > area.width as usize {
            break;
        }
        used += piece.width() + 2;
        spans.push(Span::styled(key, app.theme.accent()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
