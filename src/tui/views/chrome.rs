//! Header (views, ward, clock, counts), status line, and the footer of key hints. The hints are
//! generated from the keymap, so they always show the keys that really do the thing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::record::KindId;
use crate::settings::keymap::Action;
use crate::tui::app::{App, Modal, Summary, View};
use crate::tui::brief::Brief;

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
    let clock = format!("{} {}", app.ctx.now.date().weekday_short(), app.ctx.now.day_month_time());
    let before: usize = top.iter().map(|s| s.content.width()).sum();
    let titles: usize = View::ALL.iter().enumerate().map(|(i, v)| format!("{} {} ", i + 1, v.title()).width()).sum();
    // In a narrow terminal only the current view keeps its name, so the clock is never cut.
    let short = before + titles + clock.width() + 1 > area.width as usize;
    for (i, view) in View::ALL.iter().enumerate() {
        let label =
            if short && *view != app.view { format!("{} ", i + 1) } else { format!("{} {} ", i + 1, view.title()) };
        let style = if *view == app.view { t.selected().patch(t.heading()) } else { Style::new() };
        top.push(Span::styled(label, style));
    }
    let used: usize = top.iter().map(|s| s.content.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + clock.width());
    top.push(Span::raw(" ".repeat(pad)));
    top.push(Span::styled(clock, t.heading()));

    let (emergency, urgent, overdue, problems) = shown_counts(app);
    let vanished = app.summary.vanished.is_some();
    let mut second: Vec<Span> = Vec::new();
    if let Some((read, total)) = app.loading() {
        let text = match total {
            Some(total) => format!(" LOADING {read} of {total} case files: the list is not complete yet "),
            None => " LOADING: listing the case files; the list is not complete yet ".to_string(),
        };
        second.push(Span::styled(text, t.error()));
        frame.render_widget(Paragraph::new(vec![Line::from(top), Line::from(second)]), area);
        return;
    }
    let count = |n: usize, text: &str, style: Style| {
        let style = if n > 0 { style } else { app.theme.muted() };
        Span::styled(format!("{n} {text}  "), style)
    };
    if vanished {
        let log = app.keymap.first(Action::Messages);
        second.push(Span::styled(format!(" !! THE WARD MAY HAVE VANISHED ({log}: why) "), t.error()));
        second.push(Span::raw("  "));
    }
    if problems > 0 {
        second.push(Span::styled(format!("?? {problems} UNREADABLE "), t.error()));
        second.push(Span::raw("  "));
    }
    let hidden = app.summary.emergency.saturating_sub(emergency);
    // Below 80 columns the markers alone, leaving room to say which ward is shown (below 140 when
    // emergencies are hidden, leaving room to say that too).
    let narrow = area.width < 80 || (hidden > 0 && area.width < 140);
    second.push(count(emergency, if narrow { "!!" } else { "!! emergency" }, t.emergency()));
    // Narrow, a count of none is left out (the emergencies' never), to keep room for what is.
    if !(narrow && urgent == 0) {
        second.push(count(urgent, if narrow { "!" } else { "! urgent" }, t.urgent()));
    }
    if !(narrow && overdue == 0) {
        second.push(count(overdue, "overdue", t.overdue()));
    }
    // An emergency the ward or the search hides (a colleague's new one included) is never out of
    // sight: the header says how many, and where they all are.
    if hidden > 0 {
        let urgent = app.keymap.first(Action::ViewUrgent);
        let text = if area.width < 140 {
            format!("+{hidden} !! hidden ")
        } else {
            format!("+{hidden} !! NOT SHOWN ({urgent}: all) ")
        };
        second.push(Span::styled(text, t.error()));
    }
    let used: usize = second.iter().map(|s| s.content.width()).sum();
    let notes = notes(app, (area.width as usize).saturating_sub(used));
    if !notes.is_empty() {
        second.push(Span::styled(notes, t.accent()));
    }
    frame.render_widget(Paragraph::new(vec![Line::from(top), Line::from(second)]), area);
}

/// Which rows the current view shows, when they are not all of them: (full, brief). The Patients
/// list and a patient opened from it follow the ward and the filter; the Round, Audit and Jobs
/// views the ward; the Urgent view shows every ward whatever the filter.
fn scope(app: &App) -> Option<(String, String)> {
    let ward = app.ward.as_ref().map(|w| crate::model::text::sanitize(w));
    let filter = match app.view {
        View::Patients | View::Patient => {
            (!app.shown_filter().is_empty()).then(|| crate::model::text::sanitize(app.shown_filter()))
        }
        View::Round | View::Audit | View::Jobs | View::Urgent => None,
    };
    let ward = ward.filter(|_| app.view != View::Urgent);
    let short = |f: &str| crate::present::fit(f, 8).trim_end().to_string();
    match (ward, filter) {
        (None, None) => None,
        (Some(w), None) => Some((format!("ward {w}"), format!("ward {w}"))),
        (None, Some(f)) => Some((format!("filter \"{f}\""), format!("\"{}\"", short(&f)))),
        (Some(w), Some(f)) => Some((format!("ward {w}, filter \"{f}\""), format!("ward {w}, \"{}\"", short(&f)))),
    }
}

/// The header's counts (emergency, urgent, overdue, unreadable) over the rows the current view
/// shows ([`scope`]). The whole ward's are worked out once per change; a ward or a filter is
/// counted again as the header is drawn.
fn shown_counts(app: &App) -> (usize, usize, usize, usize) {
    if scope(app).is_none() {
        let Summary { emergency, urgent, overdue, problems, .. } = app.summary;
        return (emergency, urgent, overdue, problems);
    }
    match (app.view, app.ward.as_deref()) {
        (View::Patients | View::Patient, _) => {
            crate::ward::add_counts(app.patients.visible.iter().filter_map(|&i| app.rows.get(i)).map(Brief::counts))
        }
        (_, Some(w)) => crate::ward::add_counts(
            app.rows
                .iter()
                // As the Round view lists them: a file with a problem is kept whatever its ward.
                .filter(|r| r.has_problem() || r.ward_raw() == Some(w))
                .map(Brief::counts),
        ),
        (_, None) => crate::ward::add_counts(app.rows.iter().map(Brief::counts)),
    }
}

/// What the header says about the ward, the filter and the sort, in `room` columns. It is honest
/// about each view: the Urgent view lists every ward whatever the filter and ward (an emergency
/// must never be filtered away), and the Round view takes the ward but not the filter. What does
/// not fit is said more briefly, then left out, least important first.
fn notes(app: &App, room: usize) -> String {
    let filter = (!app.shown_filter().is_empty()).then(|| crate::model::text::sanitize(app.shown_filter()));
    let ward = app.ward.as_ref().map(|w| crate::model::text::sanitize(w));
    // (full, brief) for each note, most important first; an empty brief drops it.
    let mut notes: Vec<(String, String)> = Vec::new();
    // First, straight after the counts: which rows they count, when not the whole ward.
    if let Some((full, brief)) = scope(app) {
        notes.push((format!("({full})"), format!("({brief})")));
    }
    match (app.view, &ward, &filter) {
        (View::Urgent, None, None) | (View::Round | View::Audit | View::Jobs, None, None) | (View::Patient, _, _) => {}
        (View::Urgent, _, _) => notes.push(("all wards, no filter here".into(), "all wards, no filter".into())),
        // The ward and the filter are said with the counts ([`scope`]).
        (View::Round | View::Audit | View::Jobs, Some(_), None) => {}
        (View::Round | View::Audit | View::Jobs, _, Some(_)) => {
            notes.push(("filter not applied here".into(), "no filter".into()));
        }
        (View::Patients, w, f) => {
            if w.is_some() || f.is_some() {
                notes.push((
                    format!("{} of {} shown", app.patients.visible.len(), app.rows.len()),
                    format!("{}/{}", app.patients.visible.len(), app.rows.len()),
                ));
            }
        }
    }
    if app.patients.sort != crate::tui::app::SortMode::Priority && app.view == View::Patients {
        notes.push((format!("sorted by {}", app.patients.sort.label()), format!("by {}", app.patients.sort.label())));
    }
    if app.round.order != crate::tui::round::RoundOrder::Urgency && app.view == View::Round {
        let order = app.round.order.label();
        notes.push((format!("sorted by {order}"), format!("by {order}")));
    }
    if ward.is_none() && app.view != View::Urgent && !app.summary.wards.is_empty() {
        let n = app.summary.wards.len();
        let brief = if n == 1 { String::new() } else { format!("{n} wards") };
        notes.push((format!("wards {}", app.summary.wards.join(", ")), brief));
    }
    let join = |parts: &[String]| parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" · ");
    let mut parts: Vec<String> = notes.iter().map(|(full, _)| full.clone()).collect();
    // Brief forms from the least important up, then drop from the least important up.
    for i in (0..notes.len()).rev() {
        if join(&parts).width() <= room {
            break;
        }
        parts[i] = notes[i].1.clone();
    }
    while join(&parts).width() > room && parts.pop().is_some() {}
    join(&parts)
}

pub fn status(frame: &mut Frame, area: Rect, app: &App) {
    if area.height == 0 {
        return;
    }
    let line = if app.patients.editing {
        Line::from(vec![
            Span::styled("filter: ", app.theme.accent()),
            match app.patients.offered {
                // The old search, offered: shown selected, replaced by the first letter typed.
                true => Span::styled(crate::model::text::sanitize(&app.patients.filter), app.theme.selected()),
                false => Span::raw(crate::model::text::sanitize(&app.patients.filter)),
            },
            Span::styled("_", app.theme.accent()),
            match (app.patients.unmatched, app.patients.offered) {
                (true, _) => Span::styled("   no patient matches: the list is as it was", app.theme.error()),
                (false, true) => Span::styled(
                    "   (type a new search; Backspace edits this one; Enter keeps it, Esc clears it)",
                    app.theme.muted(),
                ),
                (false, false) => {
                    Span::styled("   (name, id, bed or ward; Enter keeps it, Esc clears it)", app.theme.muted())
                }
            },
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
        Some(Modal::Print { .. }) => return vec![("Enter".into(), "print"), ("Esc".into(), "cancel")],
        Some(Modal::Help { .. } | Modal::Messages { .. }) => {
            return vec![(format!("{}/{}", k(Action::Down), k(Action::Up)), "scroll"), ("any key".into(), "close")];
        }
        Some(Modal::Message(_)) => return vec![("any key".into(), "close"), (k(Action::Messages), "last messages")],
        Some(Modal::AskClinician { .. }) => {
            return vec![("Enter".into(), "set"), ("Esc".into(), "go on as the account")];
        }
        Some(_) => return vec![("y".into(), "yes"), ("any key".into(), "no")],
        None => {}
    }
    // The first hint of every view is the pair of movement keys.
    let (moving, rest): (&str, &[(Action, &'static str)]) = match app.view {
        // A discharged patient opened from the Audit view is read only: no recording keys.
        View::Patient if app.patient.archived.is_some() => ("scroll", &[(Action::Back, "back")]),
        View::Patients => (
            "move",
            &[
                (Action::Open, "open"),
                (Action::Filter, "filter"),
                (Action::WardFilter, "ward"),
                (Action::Record(KindId::Exam), "exam"),
            ],
        ),
        View::Patient => (
            "scroll",
            &[
                (Action::Record(KindId::Exam), "exam"),
                (Action::Record(KindId::Imaging), "result"),
                (Action::Record(KindId::Acknowledge), "ack"),
                (Action::Edit, "edit"),
                (Action::Back, "back"),
            ],
        ),
        View::Round => (
            "move",
            &[(Action::Open, "record"), (Action::ViewPatient, "patient"), (Action::NextPatient, "next patient")],
        ),
        View::Urgent => ("move", &[(Action::Open, "open"), (Action::Record(KindId::Acknowledge), "ack")]),
        View::Audit => ("move", &[(Action::Open, "open patient"), (Action::WardFilter, "ward")]),
        View::Jobs => (
            "move",
            &[
                (Action::JobDone, "done"),
                (Action::Record(KindId::Job), "add"),
                (Action::JobCancel, "cancel"),
                (Action::JobsMine, "mine"),
            ],
        ),
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
