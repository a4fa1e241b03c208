//! The dashboard while a save waits for another clinician's write to the same case: it never
//! freezes, Esc gives up with the form kept, the save lands once the case is free, and a
//! dashboard stopped meanwhile keeps what was submitted in `conflicts/`.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use cordwatch::model::{Case, Text};
use cordwatch::store::{Store, StoreOptions};
use cordwatch::tui::app::{App, Modal};
use ratatui::crossterm::event::KeyCode;

fn ward(dir: &Path) {
    let s = Store::init(dir, StoreOptions::default(), None).expect("store");
    s.create(&Case::new("L1".parse().expect("id"), Text::from("Locked Case"))).expect("create");
}

/// Holds the case's lock, as a colleague's slow write would.
fn hold(dir: &Path) -> File {
    let lock = File::options().read(true).write(true).open(dir.join("locks/L1.lock")).expect("lock file");
    lock.try_lock().expect("free");
    lock
}

/// Opens the exam form on the (only) patient, chooses weakness and submits; returns how long
/// the key that submitted took.
fn submit_exam(app: &mut App) -> Duration {
    common::press(app, KeyCode::Char('x'));
    common::press(app, KeyCode::Char('w'));
    let started = Instant::now();
    common::press(app, KeyCode::Enter);
    started.elapsed()
}

fn exams(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("cases/L1.yaml")).expect("case").matches("motor:").count()
}

#[test]
fn a_save_waiting_for_a_busy_case_never_freezes_and_esc_keeps_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    ward(dir.path());
    let mut app = common::app(common::context(Some(dir.path())), true);
    let lock = hold(dir.path());
    let took = submit_exam(&mut app);
    // The lock timeout is 10 s: a save that waited for it would have frozen the screen as long.
    assert!(took < Duration::from_secs(2), "the key that submitted took {took:?}");
    assert!(app.is_saving());
    assert!(
        app.status.as_ref().is_some_and(|s| s.text.contains("saving") && s.text.contains("Esc")),
        "{:?}",
        app.status
    );
    assert!(matches!(app.modal, Some(Modal::Form(_))), "the form stays on screen");
    assert!(app.retry_save(), "tried again between frames");
    assert!(app.is_saving(), "still busy");
    common::press(&mut app, KeyCode::Esc);
    assert!(!app.is_saving());
    match &app.modal {
        Some(Modal::Form(f)) => {
            assert!(f.is_dirty(), "what was typed is kept");
            assert!(f.error.as_deref().is_some_and(|e| e.contains("gave up")), "{:?}", f.error);
        }
        other => panic!("the form should stay open: {other:?}"),
    }
    assert_eq!(exams(dir.path()), 0, "nothing recorded");
    // Submitted again, it waits, then lands as soon as the case is free.
    common::press(&mut app, KeyCode::Enter);
    assert!(app.is_saving());
    drop(lock);
    assert!(app.retry_save());
    assert!(!app.is_saving() && app.modal.is_none(), "saved and closed");
    assert_eq!(exams(dir.path()), 1);
}

#[test]
fn a_dashboard_stopped_while_a_save_waits_keeps_it_in_conflicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    ward(dir.path());
    let mut app = common::app(common::context(Some(dir.path())), true);
    let _lock = hold(dir.path());
    submit_exam(&mut app);
    assert!(app.is_saving());
    // What the dashboard does on its way out after SIGHUP, SIGTERM or Ctrl-C.
    let said = app.keep_unsaved().expect("something was waiting");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("conflicts")).expect("conflicts").flatten().collect();
    assert_eq!(kept.len(), 1, "{said}");
    let text = std::fs::read_to_string(kept[0].path()).expect("kept");
    assert!(said.contains(&kept[0].file_name().to_string_lossy().into_owned()), "{said}");
    assert!(text.starts_with("# NOT SAVED") && text.contains("motor: weakness"), "{text}");
    assert_eq!(exams(dir.path()), 0);
    assert!(app.keep_unsaved().is_none(), "kept once");
}
