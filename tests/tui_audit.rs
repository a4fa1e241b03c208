//! The dashboard's Audit view on the demo ward and its archive: the bars and figures at 80×24,
//! the same reading without colour and in plain ASCII, Enter on an episode opening its patient
//! (a discharged one read only), the ward key, a shorter audit under the cursor, and an archive
//! that cannot be read said at the top rather than counted as empty.

use cordwatch::tui::app::{App, Modal, View};
use cordwatch::tui::audit::{AuditLine, stops};
use ratatui::crossterm::event::KeyCode;

mod common;

use common::{keys, press, screen};

fn app_with(no_color: bool) -> App {
    common::app(common::context(None), no_color)
}

/// The Audit view with the cursor on the first episode line that `pick` accepts.
fn cursor_on(app: &mut App, pick: impl Fn(&AuditLine) -> bool) -> AuditLine {
    press(app, KeyCode::Char('5'));
    press(app, KeyCode::Char('g'));
    let lines = app.audit_lines();
    let stop = stops(&lines).iter().position(|&i| pick(&lines[i])).expect("such an episode line");
    for _ in 0..stop {
        press(app, KeyCode::Char('j'));
    }
    assert_eq!(app.audit_selected, stop);
    lines[stops(&lines)[stop]].clone()
}

#[test]
fn the_audit_view_at_80x24_and_120x40() {
    let mut app = app_with(false);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.view, View::Audit);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("audit_{w}x{h}"), screen(&app, w, h));
    }
    // Down to the first measure's histogram: the bins, the standard's rule and the figures.
    for _ in 0..24 {
        press(&mut app, KeyCode::Char('j'));
    }
    insta::assert_snapshot!("audit_histogram_80x24", screen(&app, 80, 24));
}

#[test]
fn the_top_says_the_window_the_counts_and_the_share_within_each_standard_as_bars_with_figures() {
    let app = {
        let mut app = app_with(false);
        press(&mut app, KeyCode::Char('5'));
        app
    };
    let text = screen(&app, 80, 24);
    assert!(text.contains("Pathway audit 2025-12-01 to 2026-11-23, all wards"), "{text}");
    assert!(text.contains("(4 discharged)"), "the archive counts: {text}");
    assert!(text.contains("?? 1 file could not be read and is NOT counted"), "{text}");
    for label in ["MRI, neuro signs 24h", "MRI, pain only 7d", "Treatment 24h"] {
        let line = text.lines().find(|l| l.contains(label)).unwrap_or_else(|| panic!("{label}: {text}"));
        assert!(line.contains('█') || line.contains('░') || line.contains("none judged"), "{line}");
        assert!(line.contains('%') && line.contains(" of "), "the figure beside the bar: {line}");
    }
    assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
}

#[test]
fn without_colour_the_screen_says_the_same_and_in_ascii_the_bars_are_hashes() {
    let mut colour = app_with(false);
    let mut plain = app_with(true);
    for app in [&mut colour, &mut plain] {
        press(app, KeyCode::Char('5'));
        for _ in 0..14 {
            press(app, KeyCode::Char('j'));
        }
    }
    assert_eq!(screen(&colour, 80, 24), screen(&plain, 80, 24), "colour adds nothing the characters do not say");
    plain.ascii = true;
    for _ in 0..6 {
        press(&mut plain, KeyCode::Char('j'));
    }
    let text = screen(&plain, 80, 24);
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("####"), "{text}");
    assert!(text.contains("-- standard 24h --"), "{text}");
}

#[test]
fn enter_on_a_missed_episode_opens_the_patient_and_esc_comes_back() {
    let mut app = app_with(false);
    let line =
        cursor_on(&mut app, |l| l.target.as_ref().is_some_and(|t| !t.archived) && l.text().starts_with("missed"));
    let id = line.target.expect("episode").case_id;
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    let shown = app.current_patient().and_then(|r| r.case()).map(|c| c.id.to_string());
    assert_eq!(shown.as_deref(), Some(id.as_str()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Audit);
}

#[test]
fn a_discharged_patient_opens_from_the_archive_read_only() {
    let mut app = app_with(false);
    let line = cursor_on(&mut app, |l| l.target.as_ref().is_some_and(|t| t.archived));
    let id = line.target.clone().expect("episode").case_id;
    assert!(line.text().ends_with("(discharged)"), "{}", line.text());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    let case = app.current_patient().and_then(|r| r.case()).expect("the archived case");
    assert_eq!(case.id.to_string(), id);
    assert!(case.is_discharged());
    let text = screen(&app, 80, 24);
    assert!(text.contains("discharged"), "{text}");
    assert!(!text.contains("x exam"), "no recording keys offered: {text}");
    for key in ['x', 'm', 'a', 'e', 'D'] {
        press(&mut app, KeyCode::Char(key));
        if matches!(app.modal, Some(Modal::Message(_))) {
            press(&mut app, KeyCode::Esc);
        }
        assert!(app.modal.is_none(), "{key} opened {:?}", app.modal);
        let said = app.messages.back().map(|(_, s)| s.text.clone()).unwrap_or_default();
        assert!(said.contains("is discharged") && said.contains("nothing can be recorded"), "{key}: {said}");
    }
    // Back on the list, the Patient view is the active patient under the cursor again.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view, View::Patient);
    assert!(app.archived_patient.is_none());
    let shown = app.current_patient().map(|r| r.entry.file.clone()).unwrap_or_default();
    assert!(shown.starts_with("cases/"), "{shown}");
}

#[test]
fn enter_on_a_chart_line_says_where_the_episodes_are() {
    let mut app = app_with(false);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Audit);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("missed, open or closed")), "{:?}", app.status);
}

#[test]
fn the_ward_key_audits_one_ward_and_a_shorter_audit_keeps_the_cursor_on_it() {
    let mut app = app_with(false);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('G'));
    let all = stops(&app.audit_lines()).len();
    assert_eq!(app.audit_selected, all - 1);
    screen(&app, 80, 24);
    // The wards cycle 7B, 8A (only discharged patients were on it), then Clinic: the clinic's
    // audit is far shorter than the cursor's place.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('w'));
    }
    assert_eq!(app.ward.as_deref(), Some("Clinic"));
    let text = screen(&app, 80, 24);
    assert!(text.contains("ward Clinic"), "{text}");
    let lines = app.audit_lines();
    let clinic = stops(&lines).len();
    assert!(clinic < all, "{clinic} of {all}");
    assert!(text.lines().any(|l| l.starts_with("> ")), "the cursor is on the screen: {text}");
    assert!(lines.iter().filter_map(|l| l.target.as_ref()).all(|t| {
        app.rows
            .iter()
            .filter_map(|r| r.case())
            .chain(app.archived_patient.iter().filter_map(|r| r.case()))
            .all(|c| c.id.to_string() != t.case_id || c.ward.as_ref().is_some_and(|w| w.raw() == "Clinic"))
    }));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    assert!(app.audit_selected < clinic);
}

#[test]
fn an_archive_that_cannot_be_read_is_said_and_never_taken_as_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = common::context(Some(dir.path()));
    std::fs::write(dir.path().join("cases/RXH1.yaml"), common::lines(&["id: \"RXH1\"", "name: Ann Test"]))
        .expect("case");
    // A file where the archive folder should be: it cannot be listed.
    let _ = std::fs::remove_dir(dir.path().join("archive"));
    std::fs::write(dir.path().join("archive"), "not a folder").expect("archive");
    let mut app = common::app(ctx, false);
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("the archive could not be read"), "{text}");
    assert!(text.contains("NOT counted"), "{text}");
}

#[test]
fn a_patient_discharged_after_the_audit_was_read_is_counted_when_it_is_shown_again() {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = common::context(Some(dir.path()));
    for (id, name) in [("RXH1", "Ann Test"), ("RXH2", "Bea Test")] {
        std::fs::write(
            dir.path().join(format!("cases/{id}.yaml")),
            common::lines(&[&format!("id: \"{id}\""), &format!("name: {name}")]),
        )
        .expect("case");
    }
    let mut app = common::app(ctx, false);
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("from 2 cases (0 discharged)"), "{text}");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('D'));
    keys(&mut app, "y");
    if matches!(app.modal, Some(Modal::Message(_))) {
        press(&mut app, KeyCode::Esc);
    }
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("from 2 cases (1 discharged)"), "{text}");
}
