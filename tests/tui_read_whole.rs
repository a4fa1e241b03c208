//! What the dashboard shows of a case it does not keep: the lists keep only what they show of
//! each case, and whatever shows a case whole (the Patient view, the Round view's items and the
//! detail of the selected one, a printed Urgent list) reads its file again. A file changed since
//! it was listed is shown as it now is, and one that can no longer be read is said to be
//! unreadable: never the case as it was remembered.

mod common;

use std::path::{Path, PathBuf};

use common::{NOW, press, screen};
use cordwatch::tui::app::{App, View};
use ratatui::crossterm::event::KeyCode;

/// A ward of generated cases in a temporary directory, and the dashboard on it (no watch: the
/// files are changed behind its back, as between two looks).
fn ward(n: usize) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ctx = common::context(Some(&data));
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    for (name, text) in cordwatch::demo::population(n, 1, now) {
        std::fs::write(data.join("cases").join(name), text).expect("write");
    }
    let app = common::app(ctx, false);
    (dir, data, app)
}

/// Selects the row of `file` in the Patients list.
fn select(app: &mut App, file: &str) {
    press(app, KeyCode::Char('1'));
    let at = app.patients.visible.iter().position(|&i| app.rows[i].file == file).expect("listed");
    app.patients.selected = at;
}

fn name_of(app: &App, file: &str) -> String {
    let row = app.rows.iter().find(|r| r.file == file).expect("row");
    row.name.as_ref().expect("readable").raw().to_string()
}

fn first_readable(app: &App) -> String {
    app.rows.iter().find(|r| r.is_readable() && !r.has_problem()).map(|r| r.file.clone()).expect("a readable case")
}

fn rename_in_file(data: &Path, file: &str, from: &str, to: &str) {
    let path = data.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let changed = text.replacen(&format!("name: {from}"), &format!("name: {to}"), 1);
    assert_ne!(changed, text, "the name is in the file");
    std::fs::write(&path, changed).expect("write");
}

#[test]
fn the_patient_view_shows_a_file_changed_since_it_was_listed_as_it_now_is() {
    let (_dir, data, mut app) = ward(40);
    let file = first_readable(&app);
    let old = name_of(&app, &file);
    rename_in_file(&data, &file, &old, "Zelda Newname");
    select(&mut app, &file);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Zelda Newname"), "the file as it is now: {text}");
    assert!(!text.contains(&old), "not the name remembered: {text}");
}

#[test]
fn the_patient_view_of_a_file_gone_since_it_was_listed_says_it_cannot_be_read() {
    let (_dir, data, mut app) = ward(40);
    let file = first_readable(&app);
    let old = name_of(&app, &file);
    select(&mut app, &file);
    std::fs::remove_file(data.join(&file)).expect("remove");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 120, 40);
    assert!(text.contains("UNREADABLE"), "{text}");
    assert!(!text.contains(&old), "never the case as remembered: {text}");
    // Nothing can be recorded against it: the record keys say the file has a problem.
    press(&mut app, KeyCode::Char('x'));
    assert!(app.modal.is_none(), "no form for a file that cannot be read");
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("problem")), "{:?}", app.status);
}

#[test]
fn the_round_view_reads_each_case_of_the_ward_and_says_a_file_gone_since_is_unreadable() {
    let (_dir, data, mut app) = ward(40);
    press(&mut app, KeyCode::Char('3'));
    let lines = app.round();
    let on_round = lines
        .iter()
        .find(|l| l.heading && !l.text.starts_with("UNREADABLE"))
        .map(|l| l.file.clone())
        .expect("a patient");
    std::fs::remove_file(data.join(&on_round)).expect("remove");
    // The round is read again when the data or the clock moves, or when it is shown again.
    press(&mut app, KeyCode::Char('1'));
    app.round.forget_lines();
    press(&mut app, KeyCode::Char('3'));
    let lines = app.round();
    assert!(
        lines.iter().any(|l| l.heading && l.file == on_round && l.text == format!("UNREADABLE  {on_round}")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.file == on_round && l.text.starts_with("?? fix this file:")),
        "why it cannot be read: {lines:#?}"
    );
}

#[test]
fn the_selected_round_item_says_its_detail_read_with_its_case() {
    let (_dir, _data, mut app) = ward(40);
    press(&mut app, KeyCode::Char('3'));
    let lines = app.round();
    let items: Vec<_> = lines.iter().filter(|l| l.selectable()).collect();
    let at = items.iter().position(|l| !l.rule.is_empty() && l.text.contains("[ ]")).expect("an item of a case");
    for _ in 0..at {
        press(&mut app, KeyCode::Char('j'));
    }
    let item = items[at];
    let detail = app.round_detail(item);
    assert!(detail.starts_with("raised "), "when it was raised and what to do: {detail}");
    let text = screen(&app, 200, 50);
    let first_words: String = detail.chars().take(30).collect();
    assert!(text.contains(&first_words), "said under the list: {text}");
}

#[test]
fn the_list_keeps_a_fraction_of_what_reading_the_case_whole_gives() {
    // The point of the brief: far less held per case than the case and its assessment.
    let (_dir, _data, app) = ward(60);
    for brief in app.rows.iter().filter(|r| r.is_readable()) {
        let whole = app.detail(brief);
        let kept = format!("{brief:?}").len();
        let read = format!("{:?}{:?}", whole.entry, whole.assessment).len();
        assert!(kept * 3 < read, "{}: {kept} bytes kept against {read} read", brief.file);
    }
}

/// The screen's body rows (between the two header rows and the footer).
fn body(app: &App) -> Vec<String> {
    let text = screen(app, 80, 24);
    let rows: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    rows[2..rows.len() - 1].to_vec()
}

/// Only the round lines and the flags within a screen's reach of the cursor are laid out on a
/// large ward; what shows is what laying out every one gives: wherever the cursor is, the marked
/// row is the selected line's first row, and the rows above it are the rows of the lines before
/// it, in order, as wrapping every line gives them.
#[test]
fn on_a_large_ward_the_round_and_urgent_views_show_the_selected_line_in_its_place() {
    let (_dir, _data, mut app) = ward(400);
    press(&mut app, KeyCode::Char('3'));
    let lines = app.round();
    // Every row of every line, as the view wraps them (with the marker's two columns).
    let mut all: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (first, rest) = if line.heading { ("", "  ") } else { ("  ", "         ") };
        for row in cordwatch::tui::views::wrap(&line.text, 78, first, rest) {
            all.push((i, row.trim_end().to_string()));
        }
    }
    let items: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].selectable()).collect();
    assert!(items.len() > 200, "a round longer than many screens ({})", items.len());
    for (n, &line) in items.iter().enumerate() {
        let body = body(&app);
        let marked = body.iter().position(|r| r.starts_with("> ")).unwrap_or_else(|| panic!("item {n}: {body:#?}"));
        let at = all.iter().position(|(i, _)| *i == line).expect("rows of the line");
        assert_eq!(body[marked][2..], all[at].1, "item {n}: the marked row is its first");
        for k in 1..=marked {
            assert_eq!(body[marked - k][2..], all[at - k].1, "item {n}: {k} rows above it");
        }
        press(&mut app, KeyCode::Char('j'));
    }

    press(&mut app, KeyCode::Char('4'));
    let flags = app.urgent_rows();
    assert!(flags.len() > 60, "more flags than a screen shows ({})", flags.len());
    for (n, &(i, _)) in flags.iter().enumerate() {
        let body = body(&app);
        let marked = body.iter().position(|r| r.starts_with("> ")).unwrap_or_else(|| panic!("flag {n}: {body:#?}"));
        assert!(body[marked].ends_with(&app.rows[i].who("  ")), "flag {n}: {}", body[marked]);
        press(&mut app, KeyCode::Char('j'));
    }
}

/// A case with two open flags of one rule: two worsenings, each its own deterioration flag with
/// its own findings and deadline.
fn twice_worse() -> (tempfile::TempDir, PathBuf, App) {
    common::one_case_ward(&common::worsened_twice("2026-11-22 20:00"))
}

#[test]
fn the_printed_urgent_list_says_each_open_flag_of_one_rule_once() {
    let (_dir, _data, mut app) = twice_worse();
    press(&mut app, KeyCode::Char('4'));
    let listed: Vec<String> = app.rows[0].flags.iter().map(|f| format!("{} {}", f.rule, f.deadline)).collect();
    assert_eq!(listed.len(), 2, "two open deterioration flags: {listed:?}");
    let (_, lines) = cordwatch::tui::print::view_lines(&app).expect("a list");
    let text = lines.join("\n");
    assert!(text.contains("power 2/5"), "the first worsening: {text}");
    assert!(text.contains("power 0/5"), "the second worsening, with its own deadline: {text}");
    assert_eq!(text.matches("power 2/5").count(), 1, "the first said once, not for both: {text}");
}

#[test]
fn each_round_item_of_one_rule_says_its_own_detail() {
    let (_dir, _data, mut app) = twice_worse();
    press(&mut app, KeyCode::Char('3'));
    let lines = app.round();
    let worse: Vec<_> = lines.iter().filter(|l| l.rule == "deterioration").collect();
    assert_eq!(worse.len(), 2, "two deterioration items: {lines:#?}");
    let details: Vec<String> = worse.iter().map(|l| app.round_detail(l)).collect();
    assert!(details[0].contains("21 Nov 08:00") || details[0].contains("2026-11-21 08:00"), "{details:#?}");
    assert!(details[1].contains("22 Nov 20:00") || details[1].contains("2026-11-22 20:00"), "{details:#?}");
}

#[test]
fn a_flag_closed_in_the_file_since_it_was_listed_is_still_printed_and_said_to_have_changed() {
    let (_dir, data, mut app) = twice_worse();
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.urgent_rows().len(), 2);
    // An MRI recorded elsewhere answers both; the list has not taken it in yet.
    let answered = common::worsened_twice("2026-11-22 20:00").replace(
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }",
        "  - { kind: mri_whole_spine, done: 2026-11-19 12:00, result: no_mscc }\n  - { kind: mri_whole_spine, done: 2026-11-23 08:00, result: no_mscc }",
    );
    std::fs::write(data.join("cases/RXH0000001.yaml"), answered).expect("write");
    let (_, lines) = cordwatch::tui::print::view_lines(&app).expect("a list");
    let changed: Vec<&String> = lines.iter().filter(|l| l.contains("not open in the file as it reads now")).collect();
    assert_eq!(changed.len(), 2, "each listed flag still printed, said as changed: {lines:#?}");
    assert!(changed.iter().all(|l| l.contains("Ann Twice") && l.starts_with("!!")), "{lines:#?}");
}

/// A file that took another file's content (and so its id) since it was listed: the record keys
/// pressed on its row never open a form for the other patient, nor discharge either.
#[test]
fn record_keys_on_a_row_whose_file_took_another_files_id_since_refuse_and_say_why() {
    let (_dir, data, mut app) = ward(40);
    let readable: Vec<String> =
        app.rows.iter().filter(|r| r.is_readable() && !r.has_problem()).map(|r| r.file.clone()).take(2).collect();
    let (file, other) = (&readable[0], &readable[1]);
    let other_text = std::fs::read_to_string(data.join(other)).expect("read");
    std::fs::write(data.join(file), other_text).expect("write");
    for key in ['x', 'm', 'a', 'D'] {
        select(&mut app, file);
        press(&mut app, KeyCode::Char(key));
        assert!(app.modal.is_none(), "{key}: no form or question for a file holding another's id");
        let said = app.status.clone().expect("said");
        assert!(said.error && said.text.contains(file.as_str()) && said.text.contains("problem"), "{key}: {said:?}");
    }
}
