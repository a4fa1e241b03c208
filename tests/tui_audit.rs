//! The dashboard's Audit view on the demo ward and its archive: the bars and figures at 80×24,
//! the same reading without colour and in plain ASCII, Enter on an episode opening its patient
//! (a discharged one read only), the ward key, a shorter audit under the cursor, and an archive
//! that cannot be read said at the top rather than counted as empty. On data directories of their
//! own: files with problems and a patient in two files said at the top, the archive read again
//! when its folder changes, wards matched whatever their capitals, the cursor kept on its episode
//! across changes, and a long closing reason cut to three rows.

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
    assert_eq!(app.audit.selected, stop);
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
    assert!(text.contains("(5 discharged)"), "the archive counts: {text}");
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
    let shown = app.current_patient().and_then(|r| r.case().map(|c| c.id.to_string()));
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
    let row = app.current_patient().expect("the archived case");
    let case = row.case().expect("the archived case");
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
    assert!(app.patient.archived.is_none());
    let shown = app.current_file().unwrap_or_default();
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
    assert_eq!(app.audit.selected, all - 1);
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
        let listed = app.rows.iter().filter_map(|r| Some((r.id.as_ref()?.to_string(), r.ward_raw())));
        let archived = app
            .patient
            .archived
            .iter()
            .filter_map(|r| r.case())
            .map(|c| (c.id.to_string(), c.ward.as_ref().map(|w| w.raw())));
        listed.chain(archived).all(|(id, ward)| id != t.case_id || ward == Some("Clinic"))
    }));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    assert!(app.audit.selected < clinic);
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
    assert!(!text.contains("there is no archive folder"), "there is one, unreadable: {text}");
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

/// The dashboard on a fresh data directory holding `files` (path under it, text).
fn app_on(dir: &std::path::Path, files: &[(&str, String)]) -> App {
    let ctx = common::context(Some(dir));
    std::fs::create_dir_all(dir.join("archive")).expect("archive");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("write");
    }
    common::app(ctx, false)
}

/// A weakness exam at `exam` on `ward`, and a whole-spine MRI `mri` (after `done:`) if any.
fn presented(id: &str, ward: &str, discharged: bool, exam: &str, mri: Option<&str>) -> String {
    let mut text = format!("id: {id}\nname: Test {id}\nward: {ward}\n");
    text.push_str(if discharged { "status: discharged\ndischarged: 2026-11-21\n" } else { "status: inpatient\n" });
    text.push_str(&format!("exams:\n  - {{ at: {exam}, motor: weakness }}\n"));
    if let Some(done) = mri {
        text.push_str(&format!("imaging:\n  - {{ kind: mri_whole_spine, done: {done}, result: no_mscc }}\n"));
    }
    text
}

/// The text of the Audit view's line under the cursor.
fn selected(app: &App) -> String {
    let lines = app.audit_lines();
    let stops = stops(&lines);
    lines[stops[app.audit.selected.min(stops.len() - 1)]].text()
}

#[test]
fn files_with_problems_and_a_patient_in_two_files_are_said_at_the_top_and_counted_once() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_on(
        dir.path(),
        &[
            ("cases/F1.yaml", presented("F1", "7B", false, "2027-11-10 08:00", None)),
            ("cases/R1.yaml", presented("R1", "7B", false, "2026-11-10 08:00", Some("2026-11-11 10:00"))),
            ("archive/R1.yaml", presented("R1", "7B", true, "2026-11-10 08:00", Some("2026-11-11 10:00"))),
        ],
    );
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 120, 40);
    let top = text.split("Share within").next().unwrap_or_default().replace("\n  ", " ");
    assert!(top.contains("1 episode from 2 cases (0 discharged)"), "{text}");
    assert!(
        top.contains(
            "?? 1 file has a problem, so its episodes may be missing or wrong (run `cordwatch validate`): cases/F1.yaml"
        ),
        "{text}"
    );
    assert_eq!(top.matches("later than now").count(), 1, "the problem is said once: {text}");
    assert!(top.contains("?? R1 is in cases/R1.yaml and archive/R1.yaml: counted once"), "{text}");
    let episodes = app.audit_lines().iter().filter(|l| l.target.is_some()).count();
    assert_eq!(episodes, 1, "R1's missed episode is listed once");
}

#[test]
fn the_archive_is_read_again_when_its_folder_changes_while_the_view_is_shown_or_before_it_is_shown_again() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_on(
        dir.path(),
        &[("cases/C1.yaml", presented("C1", "7B", false, "2026-11-20 08:00", Some("2026-11-20 12:00")))],
    );
    press(&mut app, KeyCode::Char('5'));
    assert!(screen(&app, 80, 24).contains("from 1 case (0 discharged)"));
    assert!(!app.poll_changes(), "nothing changed");
    // A discharged patient's file put into the archive by hand.
    std::fs::write(
        dir.path().join("archive/A1.yaml"),
        presented("A1", "7B", true, "2026-11-10 08:00", Some("2026-11-11 10:00")),
    )
    .expect("archived");
    assert!(app.poll_changes(), "the archive folder changed");
    assert!(screen(&app, 80, 24).contains("from 2 cases (1 discharged)"), "{}", screen(&app, 80, 24));
    // Changed while another view is shown: read again on coming back.
    press(&mut app, KeyCode::Char('1'));
    std::fs::write(
        dir.path().join("archive/A2.yaml"),
        presented("A2", "7B", true, "2026-11-12 08:00", Some("2026-11-12 10:00")),
    )
    .expect("archived");
    app.poll_changes();
    press(&mut app, KeyCode::Char('5'));
    assert!(screen(&app, 80, 24).contains("from 3 cases (2 discharged)"), "{}", screen(&app, 80, 24));
}

#[test]
fn an_archive_that_could_not_be_read_is_counted_once_it_is_fixed() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_on(
        dir.path(),
        &[("cases/C1.yaml", presented("C1", "7B", false, "2026-11-20 08:00", Some("2026-11-20 12:00")))],
    );
    std::fs::remove_dir(dir.path().join("archive")).expect("no archive folder");
    std::fs::write(dir.path().join("archive"), "not a folder").expect("archive");
    press(&mut app, KeyCode::Char('5'));
    assert!(screen(&app, 80, 24).contains("the archive could not be read"));
    assert!(!app.poll_changes(), "the same failure again is not news");
    std::fs::remove_file(dir.path().join("archive")).expect("remove");
    std::fs::create_dir(dir.path().join("archive")).expect("archive folder");
    std::fs::write(
        dir.path().join("archive/A1.yaml"),
        presented("A1", "7B", true, "2026-11-10 08:00", Some("2026-11-11 10:00")),
    )
    .expect("archived");
    assert!(app.poll_changes());
    let text = screen(&app, 80, 24);
    assert!(!text.contains("could not be read") && text.contains("from 2 cases (1 discharged)"), "{text}");
}

#[test]
fn the_audit_view_matches_wards_as_the_command_does_and_w_reaches_wards_only_in_the_archive() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_on(
        dir.path(),
        &[
            ("cases/C1.yaml", presented("C1", "7B", false, "2026-11-10 08:00", Some("2026-11-11 10:00"))),
            ("archive/A1.yaml", presented("A1", "7b ", true, "2026-11-09 08:00", Some("2026-11-10 10:00"))),
            ("archive/A2.yaml", presented("A2", "ICU", true, "2026-11-08 08:00", Some("2026-11-09 10:00"))),
        ],
    );
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.ward.as_deref(), Some("7B"));
    let text = screen(&app, 80, 24);
    assert!(text.contains("ward 7B") && text.contains("2 episodes from 2 cases (1 discharged)"), "{text}");
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.ward.as_deref(), Some("ICU"), "a ward whose patients have all gone home");
    let text = screen(&app, 80, 24);
    assert!(text.contains("ward ICU") && text.contains("1 episode from 1 case (1 discharged)"), "{text}");
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.ward, None);
    // The other views offer the wards of the patients there are.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.ward.as_deref(), Some("7B"));
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.ward, None);
}

#[test]
fn the_audit_cursor_stays_on_its_episode_when_a_file_changes_or_an_episode_goes_overdue() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ctx = common::context(Some(dir.path()));
    ctx.clock_fixed = false;
    let files = [
        // Answered on the deadline's day, known by its date: its line sits between missed and open.
        ("cases/D1.yaml", presented("D1", "7B", false, "2026-11-01 08:00", Some("2026-11-02"))),
        // Raised 23 hours ago: an hour left, then overdue.
        ("cases/P2.yaml", presented("P2", "7B", false, "2026-11-22 10:00", None)),
    ];
    for (file, text) in &files {
        std::fs::write(dir.path().join(file), text).expect("write");
    }
    let mut app = common::app(ctx, false);
    let line = cursor_on(&mut app, |l| l.text().starts_with("open: P2"));
    let before = app.audit.selected;
    // Another patient's missed episode, raised earlier, lands above it.
    std::fs::write(
        dir.path().join("cases/P0.yaml"),
        presented("P0", "7B", false, "2026-10-01 08:00", Some("2026-10-05 08:00")),
    )
    .expect("write");
    assert!(app.poll_changes());
    assert!(selected(&app).starts_with("open: P2"), "{}", selected(&app));
    assert!(app.audit.selected > before, "lines were added above it, and the cursor followed it");
    // The minute tick: P2's episode goes overdue and moves up among the missed.
    assert!(app.tick(common::at("2026-11-23 10:30")));
    assert!(selected(&app).starts_with("missed: P2"), "{}", selected(&app));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    let shown = app.current_patient().and_then(|r| r.case().map(|c| c.id.to_string()));
    assert_eq!(shown, line.target.map(|t| t.case_id));
    // Off the view, the tick still keeps it: back on the Audit view the cursor is on P2.
    press(&mut app, KeyCode::Char('1'));
    assert!(app.tick(common::at("2026-11-23 10:31")));
    press(&mut app, KeyCode::Char('5'));
    assert!(selected(&app).starts_with("missed: P2"), "{}", selected(&app));
}

#[test]
fn a_long_closing_reason_takes_at_most_three_rows_and_enter_with_no_episode_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let reason = "retention from opioids, reviewed ".repeat(90);
    let closed = format!(
        "id: L1\nname: Test L1\nstatus: inpatient\nexams:\n  - {{ at: 2026-11-10 08:00, bladder: retention }}\nacknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-10 09:00, by: Dr Ferreira, role: registrar, reason: not_suspected_on_senior_review, closed: \"{}\" }}\n",
        reason.trim_end()
    );
    let mut app = app_on(dir.path(), &[("cases/L1.yaml", closed)]);
    press(&mut app, KeyCode::Char('5'));
    let lines = app.audit_lines();
    let episode = lines.iter().position(|l| l.target.is_some()).expect("the closed episode");
    let rows = app.audit.rows(app.audit_source(), 80);
    let its: Vec<String> =
        rows.iter().filter(|r| r.line == episode).map(|r| r.pieces.iter().map(|(t, _)| t.as_str()).collect()).collect();
    assert_eq!(its.len(), 3, "{its:#?}");
    assert!(its[2].ends_with('…') && unicode_width::UnicodeWidthStr::width(its[2].as_str()) <= 80, "{its:#?}");

    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_on(dir.path(), &[("cases/Q1.yaml", "id: Q1\nname: Test Q1\nstatus: inpatient\n".to_string())]);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Audit);
    assert!(app.status.as_ref().is_some_and(|s| s.text.starts_with("no episode to open")), "{:?}", app.status);
}

#[test]
fn a_data_directory_with_no_archive_folder_is_said_on_the_audit_view() {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = common::context(Some(dir.path()));
    std::fs::write(dir.path().join("cases/RXH1.yaml"), common::lines(&["id: \"RXH1\"", "name: Ann Test"]))
        .expect("case");
    let _ = std::fs::remove_dir(dir.path().join("archive"));
    let mut app = common::app(ctx, false);
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("there is no archive folder"), "{text}");
    assert!(!dir.path().join("archive").exists());
}
