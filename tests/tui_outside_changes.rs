//! The dashboard against a fresh start after a series of outside changes: files rewritten with
//! another story, given another file's id and given their own back, copied under new names,
//! broken, removed, replaced by a named pipe or a symbolic link. After each look at the folder,
//! the rows, the header, the filtered and sorted list, and the Urgent and Round views are what a
//! dashboard opened afresh on the same files shows.

mod common;

use std::path::Path;

use common::{NOW, as_shown, press, set_list};
use cordwatch::tui::app::{App, View};
use ratatui::crossterm::event::KeyCode;

/// What the dashboard shows, apart from where its cursors are.
fn shown(app: &mut App) -> Vec<String> {
    let mut out: Vec<String> = app.rows.iter().map(as_shown).collect();
    out.push(format!("{:?}", app.summary));
    out.push(format!(
        "listed {:?}",
        app.patients.visible.iter().map(|&i| app.rows[i].file.clone()).collect::<Vec<_>>()
    ));
    let urgent: Vec<String> = app
        .urgent_rows()
        .iter()
        .map(|&(i, fi)| format!("{} {}", app.rows[i].file, app.rows[i].flags[fi].rule))
        .collect();
    out.push(format!("urgent {urgent:?}"));
    let round: Vec<String> = app.round().iter().map(|l| format!("{l:?}")).collect();
    out.push(format!("round {}", round.len()));
    out.extend(round);
    out
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn put(path: &Path, text: &str) {
    let _ = std::fs::remove_file(path);
    std::fs::write(path, text).expect("write");
}

#[test]
fn after_outside_changes_of_every_kind_the_dashboard_is_what_a_fresh_start_shows() {
    outside_changes(false);
}

#[test]
fn after_outside_changes_told_by_the_kernel_the_dashboard_is_what_a_fresh_start_shows() {
    outside_changes(true);
}

fn outside_changes(watch: bool) {
    let n = 80;
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    let own = cordwatch::demo::population(n, 1, now);
    let other = cordwatch::demo::population(n, 2, now);
    for (round, (filter, sorts, wards, view)) in
        [("", 0, 0, '4'), ("a", 1, 0, '3'), ("e", 2, 1, '1'), ("g01", 0, 0, '4')].into_iter().enumerate()
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let ctx = common::context(Some(&data));
        let cases = data.join("cases");
        for (name, text) in &own {
            std::fs::write(cases.join(name), text).expect("write");
        }
        let mut app = common::app(ctx, false);
        if watch {
            app.watch();
            assert!(app.is_watching(), "notifications on a local folder");
        }
        set_list(&mut app, filter, sorts, wards);
        press(&mut app, KeyCode::Char(view));
        let mut rng = Lcg(round as u64 + 11);
        for step in 0..40 {
            let i = rng.below(n);
            let j = rng.below(n);
            let name = &own[i].0;
            let path = cases.join(name);
            let id_i = format!("G01{i:07}");
            let id_j = format!("G01{j:07}");
            let what = match rng.below(9) {
                0 => {
                    put(&path, &format!("{}# story {step}\n", other[i].1.replace(&format!("G02{i:07}"), &id_i)));
                    "another story"
                }
                1 => {
                    put(&path, &format!("{}# as {id_j} {step}\n", own[i].1.replace(&id_i, &id_j)));
                    "another file's id"
                }
                2 => {
                    put(&path, &format!("{}# back {step}\n", own[i].1));
                    "its own back"
                }
                3 => {
                    put(&cases.join(format!("COPY{step}.yaml")), &own[j].1);
                    "a copy"
                }
                4 => {
                    let _ = std::fs::remove_file(&path);
                    "removed"
                }
                5 => {
                    put(&path, &format!("id: {id_i}\nname: Broken {step}\nbladder: [\n"));
                    "broken"
                }
                6 => {
                    let _ = std::fs::remove_file(&path);
                    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
                    assert!(made.success());
                    "a named pipe"
                }
                7 => {
                    // As an editor or a copy tool saves: a temporary file renamed over the case.
                    let tmp = cases.join(format!(".{name}.{step}.tmp"));
                    std::fs::write(
                        &tmp,
                        format!("{}# renamed over {step}\n", other[j].1.replace(&format!("G02{j:07}"), &id_i)),
                    )
                    .expect("write");
                    std::fs::rename(&tmp, &path).expect("rename");
                    "renamed over"
                }
                _ => {
                    let _ = std::fs::remove_file(&path);
                    std::os::unix::fs::symlink(&own[j].0, &path).expect("symlink");
                    "a link"
                }
            };
            if watch {
                // What the kernel said, taken as the dashboard's loop takes it.
                std::thread::sleep(std::time::Duration::from_millis(30));
                app.take_notices();
            } else {
                app.poll_changes();
            }
            let mut fresh = common::app(common::context(Some(&data)), false);
            set_list(&mut fresh, filter, sorts, wards);
            press(&mut fresh, KeyCode::Char(view));
            let (a, f) = (shown(&mut app), shown(&mut fresh));
            for (x, y) in a.iter().zip(&f) {
                assert_eq!(x, y, "round {round}, step {step}: {name} {what}");
            }
            assert_eq!(a.len(), f.len(), "round {round}, step {step}: {name} {what}");
            assert!(matches!(app.view, View::Urgent | View::Round | View::Patients));
        }
    }
}

/// A case rewritten with the same length and its modified time put back (as a copy that keeps
/// its time leaves it) is read again at the next look: the dashboard shows what the file says,
/// not what it said.
#[test]
fn a_case_rewritten_keeping_its_time_and_length_is_read_again() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let ctx = common::context(Some(&data));
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    let files = cordwatch::demo::population(30, 1, now);
    let cases = data.join("cases");
    let aged = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let set_time = |path: &Path| {
        std::fs::File::options().write(true).open(path).expect("open").set_modified(aged).expect("time");
    };
    for (name, text) in &files {
        std::fs::write(cases.join(name), text).expect("write");
        set_time(&cases.join(name));
    }
    let mut app = common::app(ctx, false);
    // The same length: one letter of the name changed.
    let (name, text) = &files[3];
    let old_name = app
        .rows
        .iter()
        .find(|r| r.file.ends_with(name.as_str()))
        .and_then(|r| r.name.as_ref())
        .map(|n| n.raw().to_string())
        .expect("row");
    let first = old_name.chars().next().expect("a name");
    let new_first = if first == 'Z' { 'Y' } else { 'Z' };
    let new_name: String = std::iter::once(new_first).chain(old_name.chars().skip(1)).collect();
    let changed = text.replacen(&format!("name: {old_name}"), &format!("name: {new_name}"), 1);
    assert_ne!(&changed, text, "the name is in the file as written");
    assert_eq!(changed.len(), text.len());
    std::fs::write(cases.join(name), &changed).expect("write");
    set_time(&cases.join(name));
    app.poll_changes();
    let shown = app
        .rows
        .iter()
        .find(|r| r.file.ends_with(name.as_str()))
        .and_then(|r| r.name.as_ref())
        .map(|n| n.raw().to_string());
    assert_eq!(shown.as_deref(), Some(new_name.as_str()));
}

/// A colleague's exam that finds the patient worse again raises a second flag of the same rule
/// (its own findings, its own deadline): a new emergency, said as one, though a flag of that rule
/// was already open.
#[test]
fn a_second_flag_of_an_open_rule_from_another_users_change_is_said_as_a_new_emergency() {
    let (_dir, data, mut app) = common::one_case_ward(common::WORSENED_ONCE);
    let file = data.join("cases/RXH0000001.yaml");
    assert_eq!(app.rows[0].open_emergencies().len(), 1, "one deterioration open");
    std::fs::write(&file, common::worsened_twice("2026-11-23 08:30")).expect("write");
    assert!(app.poll_changes(), "the change is picked up");
    assert_eq!(app.rows[0].open_emergencies().len(), 2, "a second deterioration open");
    let said = app.status.clone().expect("said");
    assert!(said.error && said.text.contains("NEW EMERGENCY") && said.text.contains("Ann Twice"), "{said:?}");
    assert!(app.is_unseen("cases/RXH0000001.yaml"), "marked NEW in the list");
}
