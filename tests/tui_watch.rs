//! The dashboard waits for the kernel: a file changed, added or written through a temporary file
//! is taken in from the notification alone, without looking at the whole folder.

use std::path::Path;
use std::time::{Duration, Instant};

mod common;

fn write(dir: &Path, id: &str, name: &str) {
    let text = format!("id: {id}\nname: {name}\n");
    std::fs::write(dir.join("cases").join(format!("{id}.yaml")), text).expect("write");
}

fn names(app: &cordwatch::tui::app::App) -> Vec<String> {
    let mut names: Vec<String> = app.rows.iter().filter_map(|r| Some(r.name.as_ref()?.safe().to_string())).collect();
    names.sort();
    names
}

/// Takes notices until `done` holds, for at most five seconds.
fn until(app: &mut cordwatch::tui::app::App, done: impl Fn(&cordwatch::tui::app::App) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        app.take_notices();
        if done(app) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_changed_and_a_new_file_are_taken_in_from_notifications_alone() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("cases")).expect("cases");
    write(dir.path(), "RX1", "Ann Able");
    write(dir.path(), "RX2", "Bob Baker");
    let mut app = common::app(common::context(Some(dir.path())), true);
    app.watch();
    assert!(app.is_watching(), "inotify is there on Linux");
    // A change notified is read at once; `poll_changes` (the look at the whole folder) is never called.
    write(dir.path(), "RX2", "Bob Barker");
    assert!(until(&mut app, |a| names(a) == ["Ann Able", "Bob Barker"]), "{:?}", names(&app));
    // A file written as the store writes (a temporary file renamed over it).
    let tmp = dir.path().join("cases").join(".RX1.yaml.a1b2c3");
    std::fs::write(&tmp, "id: RX1\nname: Ann Abel\n").expect("write");
    std::fs::rename(&tmp, dir.path().join("cases").join("RX1.yaml")).expect("rename");
    assert!(until(&mut app, |a| names(a) == ["Ann Abel", "Bob Barker"]), "{:?}", names(&app));
    write(dir.path(), "RX3", "Cat Cole");
    assert!(until(&mut app, |a| names(a) == ["Ann Abel", "Bob Barker", "Cat Cole"]), "{:?}", names(&app));
    std::fs::remove_file(dir.path().join("cases").join("RX1.yaml")).expect("remove");
    assert!(until(&mut app, |a| names(a) == ["Bob Barker", "Cat Cole"]), "{:?}", names(&app));
}

#[test]
fn without_notifications_nothing_is_taken_in_until_the_folder_is_looked_at() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("cases")).expect("cases");
    write(dir.path(), "RX1", "Ann Able");
    let mut app = common::app(common::context(Some(dir.path())), true);
    write(dir.path(), "RX1", "Ann Abel");
    assert!(!until(&mut app, |a| names(a) == ["Ann Abel"]), "no watch, no notices");
    assert!(app.poll_changes());
    assert_eq!(names(&app), ["Ann Abel"]);
}
