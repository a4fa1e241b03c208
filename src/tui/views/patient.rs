//! The Patient view: a C1–S5 spine map beside everything about one patient — flags with their
//! findings, deadlines, actions and sources; the exam history with every value worse than the
//! exam before marked; schedule; scores and NOMS; the timeline; the plan.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::engine::{Assessment, DueStatus, FlagStatus, NotExamined, Scores};
use crate::guidelines::{Guidelines, Level};
use crate::model::exam_fields::{EXAM_FIELDS, ExamFieldSpec};
use crate::model::*;
use crate::present::{primary_label, timeline};
use crate::settings::keymap::Action;
use crate::settings::theme::Theme;
use crate::tui::app::App;
use crate::ward::WardRow;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(row) = app.current_patient() else {
        let text = "That patient is no longer in the cases folder (discharged or renamed). Press 1 for the list.";
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    };
    let map_width = if area.width >= 90 { 22 } else { 16 };
    let [map, detail] = Layout::horizontal([Constraint::Length(map_width), Constraint::Fill(1)]).areas(area);
    let lines = match (row.case(), &row.assessment) {
        (Some(case), Some(a)) => {
            let sc = crate::engine::score(case, &app.ctx.guidelines, a.now);
            spine_map(frame, map, app, case, a, &sc);
            detail_lines(app, &row, case, a, &sc, detail.width)
        }
        _ => problem_lines(app, &row),
    };
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = text.line_count(detail.width);
    // A position line when it does not all fit, so the reader knows how much is left.
    let (detail, position) = if total > detail.height as usize {
        let [text_area, position] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(detail);
        (text_area, Some(position))
    } else {
        (detail, None)
    };
    let height = detail.height as usize;
    // Scrolling stops when the last line reaches the bottom.
    let max_scroll = u16::try_from(total.saturating_sub(height)).unwrap_or(u16::MAX);
    app.patient.scroll_max_cell().set(max_scroll);
    let scroll = app.patient.scroll.min(max_scroll);
    frame.render_widget(text.scroll((scroll, 0)), detail);
    if let Some(area) = position {
        let last = (usize::from(scroll) + height).min(total);
        let more =
            if scroll >= max_scroll { "end".to_string() } else { format!("{} more", app.keymap.first(Action::Down)) };
        let text = format!("lines {}-{last} of {total} · {more}", usize::from(scroll) + 1);
        frame.render_widget(Paragraph::new(Line::from(Span::styled(text, app.theme.muted()))).right_aligned(), area);
    }
    app.page_cell().set(height.max(1));
}

fn problem_lines(app: &App, row: &WardRow) -> Vec<Line<'static>> {
    let mut lines =
        vec![Line::from(Span::styled(format!("UNREADABLE: {}", row.entry.file), app.theme.error())), Line::from("")];
    for p in &row.entry.problems {
        lines.push(Line::from(p.message.clone()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        "Press {} to open the file in your editor and fix it. Until then this patient cannot be assessed: treat them as unknown, not as well.",
        app.keymap.first(crate::settings::keymap::Action::Edit)
    )));
    lines
}

/// The vertical spine: every level when there is room, otherwise only the involved levels.
fn spine_map(frame: &mut Frame, area: Rect, app: &App, case: &Case, a: &Assessment, sc: &Scores) {
    let t = &app.theme;
    let levels: Vec<SpineLevel> = case.spine.as_ref().map(|s| s.levels.clone()).unwrap_or_default();
    let sensory_level = case.exams.iter().filter(|e| e.at <= a.now).max_by_key(|e| e.at).and_then(|e| e.sensory_level);
    let mut notes: Vec<String> = Vec::new();
    if let Some(e) = &sc.escc {
        notes.push(format!("ESCC {}", e.grade));
    }
    if let Some(total) = sc.sins.as_ref().and_then(|s| s.total) {
        notes.push(format!("SINS {total}"));
    }
    let involved_style = if a.level == Level::Emergency { t.emergency() } else { t.accent() };
    let full = area.height as usize > SpineLevel::COUNT as usize + 1;
    let mut lines: Vec<Line> = vec![Line::from(Span::styled("SPINE", t.heading()))];
    let mut first_involved = true;
    for level in SpineLevel::all() {
        let involved = levels.contains(&level);
        let sensory = sensory_level == Some(level);
        if !full && !involved && !sensory {
            continue;
        }
        let mut spans = vec![Span::raw(format!("{:<4}", level.to_string()))];
        if involved {
            spans.push(Span::styled("■ ", involved_style));
        } else {
            // In ASCII a middle dot would become `|`, which reads as a border: a full stop instead.
            spans.push(Span::styled(if app.ascii { ". " } else { "· " }, t.muted()));
        }
        if sensory {
            spans.push(Span::styled("< sens", t.urgent()));
        } else if involved && first_involved && !notes.is_empty() {
            spans.push(Span::raw(notes.join(" ")));
            first_involved = false;
        }
        lines.push(Line::from(spans));
    }
    if levels.is_empty() {
        lines.push(Line::from(Span::styled("levels not recorded", t.muted())));
    }
    let block = Block::new().borders(Borders::RIGHT).border_style(t.muted());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn heading(t: &Theme, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), t.heading().add_modifier(Modifier::UNDERLINED)))
}

/// `text` wrapped to the pane with a hanging indent, all in one style.
fn wrapped(text: &str, width: u16, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
    super::wrap(text, width, first, rest).into_iter().map(|l| Line::from(Span::styled(l, style))).collect()
}

/// Everything beside the spine map, one section after another.
fn detail_lines(app: &App, row: &WardRow, case: &Case, a: &Assessment, sc: &Scores, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = header_lines(t, row, case);
    out.extend(history_lines(app, case, width));
    out.extend(flag_lines(t, a, width));
    out.extend(pathway_lines(t, case, a, width));
    out.push(Line::from(""));
    out.push(heading(t, "EXAMS (newest first; ▲ worse than the exam before)"));
    out.extend(exam_table(t, &app.ctx.guidelines, case, a.now));
    out.extend(schedule_lines(t, a, width));
    out.extend(score_lines(t, sc, width));
    out.extend(timeline_lines(t, case, width));
    out.extend(plan_lines(t, case, a, width));
    out
}

/// Name, id, place and status; sex, birth and team; the cancer; any problem with the file.
fn header_lines(t: &Theme, row: &WardRow, case: &Case) -> Vec<Line<'static>> {
    let place = [
        case.bed.as_ref().map(|b| format!("Bed {}", b.safe())),
        case.ward.as_ref().map(|w| format!("ward {}", w.safe())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let mut out = vec![Line::from(vec![
        Span::styled(case.name.safe(), t.heading()),
        Span::raw(format!("  {}  {place}  {}", case.id, case.status.map(|s| s.as_str()).unwrap_or("status ?"))),
    ])];
    let age = case.born.map(|b| format!("born {b}")).unwrap_or_default();
    let team = case.team.as_ref().map(|x| x.safe()).unwrap_or_default();
    out.push(Line::from(format!("{} {age}  {team}", case.sex.map(|s| s.as_str()).unwrap_or(""))));
    let mut cancer = vec![primary_label(case)];
    if let Some(c) = &case.cancer {
        cancer.extend(c.kps.map(|k| format!("KPS {k}")));
        cancer.extend(c.ecog.map(|e| format!("ECOG {e}")));
        cancer.extend(c.life_expectancy_months.map(|m| format!("life expectancy {m} mo")));
    }
    out.push(Line::from(cancer.join(" · ")));
    for p in &row.entry.problems {
        out.push(Line::from(Span::styled(format!("PROBLEM: {p}"), t.error())));
    }
    out
}

/// Every flag, open ones first and most urgent first, then the settled ones; and whether the
/// patient has gone unexamined.
fn flag_lines(t: &Theme, a: &Assessment, width: u16) -> Vec<Line<'static>> {
    let plain = Style::new();
    let mut out = vec![Line::from(""), heading(t, "FLAGS")];
    if a.flags.is_empty() {
        out.push(Line::from(if a.not_examined.is_some() {
            "none raised — but see NOT EXAMINED"
        } else {
            "no red flag at any exam"
        }));
    }
    match &a.not_examined {
        Some(NotExamined::Never) => {
            out.push(Line::from(Span::styled("! NOT EXAMINED: no neurological exam recorded", t.urgent())))
        }
        Some(NotExamined::Stale { last, hours_ago }) => {
            out.push(Line::from(Span::styled(format!("! NOT EXAMINED for {hours_ago} h (last {last})"), t.urgent())))
        }
        None => {}
    }
    for f in crate::present::flags_most_serious_first(&a.flags) {
        let style = match (f.is_open(), f.level) {
            (true, Level::Emergency) => t.emergency(),
            (true, _) => t.urgent(),
            (false, _) => t.muted(),
        };
        let state = match &f.status {
            FlagStatus::Open => format!("{} OPEN", f.level.marker()),
            FlagStatus::Actioned { .. } => "actioned".into(),
            FlagStatus::Treated { .. } => "treated".into(),
            FlagStatus::Closed { .. } => "closed".into(),
            FlagStatus::WithinCeiling { .. } => "ceiling".into(),
        };
        out.push(Line::from(vec![
            Span::styled(format!("{state} {} ", f.level.as_str().to_uppercase()), style),
            Span::styled(f.title().to_string(), t.heading()),
            Span::styled(format!("  [{}]", f.rule_id()), t.muted()),
        ]));
        let gone = crate::present::flag_gone(f, false);
        out.extend(wrapped(&format!("{}{gone}", f.what()), width, "  ", "    ", plain));
        let clock = crate::present::flag_clock(f, a.now);
        let clock_style = if f.is_open() { style } else { plain };
        out.extend(wrapped(&clock.plain(), width, "  ", "    ", clock_style));
        for ack in crate::present::ack_lines(f) {
            out.extend(wrapped(&ack, width, "  ", "    ", plain));
        }
        // Once acknowledged, someone has the plan: the actions fold to one line.
        if f.is_open() && f.acknowledgements.is_empty() {
            for action in f.actions() {
                out.extend(wrapped(action, width, "  → ", "    ", plain));
            }
        } else if f.is_open() && !f.actions().is_empty() {
            let folded = format!("{} actions folded (acknowledged); `cordwatch show` lists them", f.actions().len());
            out.extend(wrapped(&folded, width, "  → ", "    ", t.muted()));
        }
        out.extend(wrapped(&format!("Source: {}", f.source().one_line()), width, "  ", "    ", t.muted()));
    }
    out
}

/// The pathway after the MRI: running steroid courses, then each step; nothing when there is none.
fn pathway_lines(t: &Theme, case: &Case, a: &Assessment, width: u16) -> Vec<Line<'static>> {
    let plain = Style::new();
    let steps = crate::present::pathway_steps(a);
    let steroids = crate::present::steroid_lines(case, a);
    if steps.is_empty() && steroids.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(""), heading(t, "AFTER THE MRI (pathway)")];
    for s in &steroids {
        out.extend(wrapped(&format!("steroids: {s}"), width, "", "  ", plain));
    }
    for step in &steps {
        let style = match step.category {
            Some(c) => super::tone::category(t, c),
            None => t.muted(),
        };
        out.extend(wrapped(&step.head, width, "", "  ", style));
        out.extend(wrapped(&step.detail, width, "  ", "    ", plain));
        for s in &step.state {
            out.extend(wrapped(s, width, "  ", "    ", t.muted()));
        }
    }
    out
}

fn schedule_lines(t: &Theme, a: &Assessment, width: u16) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(""), heading(t, "SCHEDULE")];
    if a.schedule.is_empty() {
        out.push(Line::from("nothing scheduled"));
    }
    for i in &a.schedule {
        let style = super::tone::due(t, i.status);
        let due = if i.status == DueStatus::Pending { String::new() } else { format!(" {}", i.due) };
        out.push(Line::from(vec![
            Span::styled(format!("{:<9}{due} ", i.status.label()), style),
            Span::raw(i.title.clone()),
        ]));
        out.extend(wrapped(&format!("{} [{}]", i.detail, i.rule), width, "  ", "    ", t.muted()));
    }
    out
}

fn score_lines(t: &Theme, sc: &Scores, width: u16) -> Vec<Line<'static>> {
    let plain = Style::new();
    let mut out = vec![Line::from(""), heading(t, "SCORES (decision support; the clinician decides)")];
    out.push(Line::from(match &sc.sins {
        Some(s) => match (s.total, &s.band) {
            (Some(total), Some(band)) => format!(
                "SINS {total} ({band}){}",
                if s.surgical_opinion == Some(true) { " — surgical opinion" } else { "" }
            ),
            _ => format!("SINS incomplete: missing {}", s.missing.join(", ")),
        },
        None => "SINS not recorded".into(),
    }));
    out.push(Line::from(match &sc.escc {
        Some(e) => format!("ESCC {} ({}) on MRI {}", e.grade, e.band, e.mri_done),
        None => "ESCC not recorded".into(),
    }));
    let tk = &sc.tokuhashi;
    out.push(Line::from(match (tk.total, &tk.band) {
        (Some(total), Some(band)) => format!("Tokuhashi {total}: predicted survival {band}"),
        _ => format!("Tokuhashi incomplete: missing {}", tk.missing.join(", ")),
    }));
    let n = &sc.noms;
    out.extend(wrapped(&n.neurologic, width, "NOMS  N: ", "         ", plain));
    out.extend(wrapped(&n.oncologic, width, "      O: ", "         ", plain));
    out.extend(wrapped(&n.mechanical, width, "      M: ", "         ", plain));
    out.extend(wrapped(&n.systemic, width, "      S: ", "         ", plain));
    for p in &n.pathway {
        out.extend(wrapped(p, width, "  → ", "    ", plain));
    }
    out
}

/// Who did what to the patient, newest first, while `W` has it shown: each write's time, the
/// clinician beside the account, and what it was.
fn history_lines(app: &App, case: &Case, width: u16) -> Vec<Line<'static>> {
    let Some((_, lines)) = app.patient.history.as_ref().filter(|(id, _)| *id == case.id) else { return Vec::new() };
    let t = &app.theme;
    let key = app.keymap.first(crate::settings::keymap::Action::History);
    let mut out = vec![Line::from(""), heading(t, &format!("WHO DID WHAT (audit.log, newest first; {key} hides)"))];
    if lines.is_empty() {
        out.push(Line::from(Span::styled("no writes to this case in the audit log", t.muted())));
    }
    for h in lines.iter().rev() {
        let text = format!("{} {}: {} — {}", h.time.get(..16).unwrap_or(&h.time), h.who(), h.operation, h.summary);
        out.extend(wrapped(&text, width, "", "                 ", Style::new()));
    }
    out
}

/// The timeline, newest first.
fn timeline_lines(t: &Theme, case: &Case, width: u16) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(""), heading(t, "TIMELINE")];
    for e in timeline(case).into_iter().rev() {
        // Struck: the words say so (no colour needed), and the line is dimmed and crossed out.
        let style = if e.struck { t.muted().add_modifier(ratatui::style::Modifier::CROSSED_OUT) } else { Style::new() };
        out.extend(wrapped(&format!("{:<16} {}", e.when, e.what), width, "", "                 ", style));
    }
    out
}

/// The plan, then the engine's warnings about the record.
fn plan_lines(t: &Theme, case: &Case, a: &Assessment, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(plan) = &case.plan {
        out.push(Line::from(""));
        out.push(heading(t, "PLAN"));
        for line in plan.safe_multiline().lines() {
            out.extend(wrapped(line, width, "", "", Style::new()));
        }
    }
    if let Some(h) = crate::model::jobs::current_handover(&case.handover) {
        out.push(Line::from(""));
        out.push(heading(t, &crate::present::handover_head(h).to_uppercase()));
        for line in crate::present::handover_lines(h) {
            out.extend(wrapped(&line, width, "", "", Style::new()));
        }
    }
    let jobs = crate::model::jobs::open_jobs(&case.jobs, a.now);
    if !jobs.is_empty() {
        out.push(Line::from(""));
        out.push(heading(t, "OPEN JOBS"));
        for job in jobs {
            let style = if job.is_overdue(a.now) { t.urgent() } else { Style::new() };
            out.extend(wrapped(&crate::present::job_line(job, a.now), width, "", "   ", style));
        }
    }
    for w in &a.warnings {
        out.extend(wrapped(&format!("warning: {w}"), width, "", "  ", t.overdue()));
    }
    out
}

/// A column of the exam history: an exam field, or the pain score (a number, not a finding).
enum Column {
    Field(&'static ExamFieldSpec),
    Score,
}

/// The columns, in the table's order: the scaled fields with the pain score before the Frankel
/// grade that sums them up; the pain features come last, as long as they need.
fn columns(history: &[crate::engine::ExamChange]) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    let shown = |s: &ExamFieldSpec| s.always_shown || history.iter().any(|c| (s.examined)(&c.exam));
    for spec in EXAM_FIELDS.iter().filter(|s| s.scaled && shown(s)) {
        if spec.field == ExamField::Frankel {
            out.push(Column::Score);
        }
        out.push(Column::Field(spec));
    }
    out
}

/// The exam history, newest first, in short words, each value the engine judges worse than
/// before marked ▲ (the marks and the deterioration flags come from the same judgement).
fn exam_table(t: &Theme, g: &Guidelines, case: &Case, now: Stamp) -> Vec<Line<'static>> {
    let history = crate::engine::exam_history(case, g, now);
    if history.is_empty() {
        return vec![Line::from(Span::styled("no exam recorded", t.urgent()))];
    }
    let columns = columns(&history);
    let mut head = format!("{:<12} ", "when");
    for c in &columns {
        match c {
            Column::Field(spec) => head.push_str(&format!("{:<w$} ", spec.column.0, w = spec.column.1)),
            Column::Score => head.push_str(&format!("{:<3} ", "scr")),
        }
    }
    head.push_str(ExamField::Pain.spec().column.0);
    let mut lines = vec![Line::from(Span::styled(head, t.muted()))];
    for change in history.iter().rev() {
        let e = &change.exam;
        let worse = |spec: &ExamFieldSpec| change.worse.iter().any(|f| f.field == spec.field);
        let mut spans = vec![Span::raw(format!("{:<12} ", e.at.day_month_time()))];
        for c in &columns {
            match c {
                Column::Field(spec) => {
                    let text = match (spec.field, e.sensory_level) {
                        (ExamField::Sensory, Some(level)) if e.sensory == Some(Sensory::Level) => {
                            format!("lvl {level}")
                        }
                        _ => spec.word(e).map(|w| (spec.short)(w).to_string()).unwrap_or_else(|| "-".into()),
                    };
                    let is_worse = worse(spec);
                    let mark = if is_worse { "▲" } else { "" };
                    let style = if is_worse { t.emergency() } else { Style::new() };
                    let width = spec.column.1;
                    spans.push(Span::styled(format!("{:<width$} ", format!("{text}{mark}")), style));
                }
                Column::Score => spans.push(Span::raw(format!(
                    "{:<3} ",
                    e.pain_score.map(|s| s.to_string()).unwrap_or_else(|| "-".into())
                ))),
            }
        }
        let pain: Vec<String> = e
            .pain
            .iter()
            .map(|p| {
                let new = change.worse.iter().any(|f| f.field == ExamField::Pain && f.value == p.as_str());
                if new { format!("{}▲", p.as_str()) } else { p.as_str().to_string() }
            })
            .collect();
        spans.push(Span::raw(pain.join(",")));
        lines.push(Line::from(spans));
    }
    lines
}
