//! The help screen: every action and its keys, from the same table the footer uses, and a key to
//! every marker and tag the views show. It wraps to the window and scrolls (j/k, g/G), stopping at
//! the end.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::settings::keymap::Action;
use crate::tui::app::App;

/// (marker, meaning) for everything the lists and the Patient view mark.
fn markers(app: &App) -> Vec<(String, String)> {
    let edit = app.keymap.first(Action::Edit);
    let mut out: Vec<(String, String)> = [
        ("!!", "emergency: whole-spine MRI (or treatment) within 24 h; also a deterioration"),
        ("!", "urgent: within a week; also NOT EXAMINED, and an overdue item on the round"),
        ("+1", "after a flag or step: how many more are open for the patient (see the Patient view)"),
        ("19h left", "time to the flag's deadline; LATE (in capitals on the Urgent view) once passed"),
        ("NO EXAM", "no neurological exam was ever recorded: examine before trusting the list"),
        ("NOT EXAMINED", "the last exam is older than the set hours (24 by default)"),
        ("actioned", "the flag was answered by the MRI (in time or LATE)"),
        ("treated", "confirmed MSCC was treated: radiotherapy or surgery started"),
        ("closed", "a clinician closed it without imaging; the reason is shown with it"),
        ("acknowledged", "someone has the plan; the flag stays open until answered"),
        ("▲", "worse than the exam before (exam table), or a new pain"),
        ("■", "a spine level involved, on the spine map; < sens marks the sensory level"),
        ("!16 Nov late", "overdue (imaging, bone agent); today = due today"),
        ("DUE TODAY / later", "pathway steps: when each is due"),
        ("colour", "only repeats the words: !! in the emergency colour; !, NO EXAM and what is due today in the urgent colour; what is overdue in the overdue colour. --color never or NO_COLOR turns it off; a light COLORFGBG picks the light colours"),
        ("█ ░", "Audit view: the share within a standard (█) and the rest (░), figures beside; in a histogram, bins past the standard's rule missed it"),
        ("*", "in a form, the choice made (also shown in capitals and [brackets])"),
        ("> ", "the selected row, or in a form the field being filled in"),
    ]
    .into_iter()
    .map(|(m, t)| (m.to_string(), t.to_string()))
    .collect();
    out.push((
        "??  UNREADABLE".into(),
        format!("a case file that cannot be read: it may hide a flag; fix it with {edit}"),
    ));
    out
}

/// (tag, title) of every rule: the tags the FLAGS column shows.
fn tags(app: &App) -> Vec<(String, String)> {
    let g = &app.ctx.guidelines;
    let mut out: Vec<(String, String)> = g.red_flags.rules.iter().map(|r| (r.tag.clone(), r.title.clone())).collect();
    out.push((g.red_flags.deterioration.tag.clone(), g.red_flags.deterioration.title.clone()));
    out.extend(g.pathway.tags().iter().map(|(tag, title)| (tag.to_string(), title.to_string())));
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|(tag, _)| seen.insert(tag.clone()));
    out
}

pub fn draw(frame: &mut Frame, body: Rect, app: &App, scroll: u16) {
    let t = &app.theme;
    let popup =
        body.centered(Constraint::Length(body.width.saturating_sub(4).min(76)), Constraint::Length(body.height));
    frame.render_widget(Clear, body);
    let inner = popup.width.saturating_sub(2);
    // Key column wide enough for the longest label, but never more than a third of the window.
    let key_width = (inner / 3).clamp(8, 18) as usize;
    let pad = " ".repeat(key_width);
    let mut lines: Vec<Line> = Vec::new();
    let pairs = |lines: &mut Vec<Line<'static>>, key: String, text: &str| {
        let key = if unicode_width::UnicodeWidthStr::width(key.as_str()) >= key_width {
            lines.push(Line::from(Span::styled(key, t.accent())));
            pad.clone()
        } else {
            format!("{key:<key_width$}")
        };
        for (i, l) in super::wrap(text, inner, &pad, &pad).into_iter().enumerate() {
            if i == 0 {
                let rest = l.get(pad.len()..).unwrap_or_default().to_string();
                lines.push(Line::from(vec![Span::styled(key.clone(), t.accent()), Span::raw(rest)]));
            } else {
                lines.push(Line::from(l));
            }
        }
    };
    lines.push(Line::from(Span::styled("Keys", t.heading())));
    for action in Action::ALL {
        pairs(&mut lines, app.keymap.label(*action), action.describe());
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("In a form", t.heading())));
    for text in [
        "one key per choice (shown before each word): it selects, and pressed again keeps it selected; \
         Backspace clears it; any other key changes nothing and the field lists its keys",
        "letters type only into text fields (Note, At, By ...), edited like a shell's line: Left/Right, \
         Home/End or Ctrl-A/Ctrl-E move, Backspace/Delete, Ctrl-U clears to the start, Ctrl-W the word \
         before, Ctrl-K to the end",
        "a time alone (09:40) is today; after a refused save the cursor is on the field at fault",
        "Tab / Down next field, Shift-Tab / Up previous; Tab stops at the last field, it never wraps \
         back to the first",
        "Enter saves what the line 'Enter saves:' says; Esc cancels",
        "opened by Enter on a round item, a form fills in only what the round knows: a result, a \
         time or a day given is typed, so Enter pressed twice records nothing",
        "pain score: type the digits (1 then 0 is 10); MRC power: one digit 0-5; Backspace clears",
    ] {
        lines.extend(super::wrap(text, inner, "  ", "  ").into_iter().map(Line::from));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Windows and searching", t.heading())));
    for text in [
        "q, Esc or any other key closes help, the message log and a message; q never quits from them",
        "Ctrl-C asks like q when a form holds typed input or the demo ward has changes; twice, it quits",
        "/ offers the last search: typing replaces it, Backspace edits it, Enter keeps it, Esc clears it; \
         a search that matches nobody says so and leaves the list and the cursor as they were",
    ] {
        lines.extend(super::wrap(text, inner, "  ", "  ").into_iter().map(Line::from));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Markers", t.heading())));
    for (marker, text) in markers(app) {
        pairs(&mut lines, marker, &text);
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Tags in the FLAGS column", t.heading())));
    for (tag, title) in tags(app) {
        pairs(&mut lines, tag, &title);
    }
    lines.push(Line::from(""));
    let note = "Keys can be changed in the config file (keys:). Decision support: the clinician decides.";
    lines.extend(super::wrap(note, inner, "", "").into_iter().map(|l| Line::from(Span::styled(l, t.muted()))));
    let visible = popup.height.saturating_sub(2);
    let max = (lines.len() as u16).saturating_sub(visible);
    app.popup_scroll_max_cell().set(max);
    let scroll = scroll.min(max);
    let down = app.keymap.first(Action::Down);
    let up = app.keymap.first(Action::Up);
    let title = format!(" Help — {down}/{up} scroll, any other key closes ");
    let position = format!(" {}-{} of {} ", scroll + 1, (scroll + visible).min(lines.len() as u16), lines.len());
    let block = Block::bordered()
        .title(Line::from(title).style(t.heading()))
        .title_bottom(Line::from(position).style(t.muted()).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), popup);
}
