//! The dashboard while the ward changes under it: a list that gets shorter (a discharge here, a
//! colleague discharging or removing a case elsewhere) moves the cursor to a neighbour and never
//! points past the end of a list; random keys interleaved with case files appearing, changing and
//! vanishing never panic, never select a row that does not exist and never hide a file.

mod common;

use common::{press, set_list};

use std::path::{Path, PathBuf};

use cordwatch::tui::app::{App, View};
use cordwatch::tui::views;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use common::NOW;

/// The demo ward in a data directory of its own, and the dashboard on it.
fn ward() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ctx = common::context(Some(&data));
    ctx.store.seed_raw(&demo_files()).expect("seed");
    let app = common::app(ctx, false);
    (dir, data, app)
}

fn demo_files() -> Vec<(String, String)> {
    cordwatch::demo::ward(cordwatch::model::Stamp::parse(NOW).expect("stamp"))
}

fn draw(app: &App) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| views::draw(f, app)).expect("draw");
}

fn round_items(app: &App) -> usize {
    app.round().iter().filter(|l| l.selectable()).count()
}

fn selected_file(app: &App) -> String {
    app.selected_row().map(|r| r.file.clone()).expect("a row is selected")
}

/// Every cursor in use is on a row that exists (or at 0 on an empty list), and `visible` indexes
/// rows.
fn assert_cursors_in_range(app: &App) {
    assert!(app.patients.visible.iter().all(|&i| i < app.rows.len()), "visible indexes rows that are gone");
    assert!(
        app.patients.selected < app.patients.visible.len().max(1),
        "Patients cursor {} of {}",
        app.patients.selected,
        app.patients.visible.len()
    );
    if !app.patients.visible.is_empty() {
        assert!(app.selected_row().is_some());
    }
    // The Urgent and Round views put their cursors right when shown (a view not shown keeps what
    // its cursor was on, and costs nothing while the data changes): in range whenever in use.
    if app.view == View::Urgent {
        let urgent = app.urgent_rows().len();
        assert!(app.urgent.selected < urgent.max(1), "Urgent cursor {} of {urgent}", app.urgent.selected);
    }
    if app.view == View::Round {
        let round = round_items(app);
        assert!(app.round.selected < round.max(1), "Round cursor {} of {round}", app.round.selected);
    }
}

fn case_files(data: &Path) -> usize {
    std::fs::read_dir(data.join("cases"))
        .expect("cases")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".yaml"))
        .count()
}

#[test]
fn discharging_the_patient_on_the_last_row_moves_the_cursor_to_the_new_last_row() {
    let (_dir, _data, mut app) = ward();
    press(&mut app, KeyCode::Char('G'));
    let last = app.patients.visible.len() - 1;
    assert_eq!(app.patients.selected, last);
    let gone = selected_file(&app);
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.status.as_ref().is_some_and(|s| !s.error), "{:?}", app.status);
    assert_eq!(app.patients.visible.len(), last, "one row fewer");
    assert_eq!(app.patients.selected, last - 1, "on the new last row");
    assert_ne!(selected_file(&app), gone);
    assert_cursors_in_range(&app);
    draw(&app);
}

#[test]
fn a_case_removed_above_the_cursor_elsewhere_keeps_the_cursor_on_the_same_patient() {
    let (_dir, data, mut app) = ward();
    press(&mut app, KeyCode::Char('G'));
    let mine = selected_file(&app);
    // A colleague discharges (or removes) the patient in the first readable row.
    let above = app.patients.visible.iter().map(|&i| &app.rows[i]).find(|r| !r.has_problem()).expect("a readable row");
    std::fs::remove_file(data.join(&above.file)).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(selected_file(&app), mine, "the cursor stays on the same patient");
    assert_eq!(app.patients.selected, app.patients.visible.len() - 1);
    assert_cursors_in_range(&app);
    draw(&app);
}

#[test]
fn the_selected_case_removed_elsewhere_puts_the_cursor_on_the_one_now_in_its_place() {
    let (_dir, data, mut app) = ward();
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
    }
    let gone = selected_file(&app);
    let next = app.rows[app.patients.visible[4]].file.clone();
    std::fs::remove_file(data.join(&gone)).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(app.patients.selected, 3);
    assert_eq!(selected_file(&app), next);
}

#[test]
fn the_urgent_and_round_cursors_stay_in_their_lists_when_the_lists_get_shorter() {
    let (_dir, data, mut app) = ward();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('G'));
    assert!(app.urgent.selected > 0);
    let file = app.current_file().expect("an urgent patient");
    std::fs::remove_file(data.join(&file)).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(app.view, View::Urgent);
    assert_eq!(app.urgent.selected, app.urgent_rows().len() - 1, "on the new last flag");
    assert_cursors_in_range(&app);
    draw(&app);

    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('G'));
    assert!(app.round.selected > 0);
    let file = app.current_file().expect("a patient on the round");
    std::fs::remove_file(data.join(&file)).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(app.round.selected, round_items(&app) - 1, "on the new last item");
    assert_cursors_in_range(&app);
    draw(&app);
}

#[test]
fn the_urgent_cursor_follows_its_flag_when_one_above_it_is_gone() {
    let (_dir, data, mut app) = ward();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let mine = app.current_file().expect("an urgent patient");
    let (first, _) = app.urgent_rows()[0];
    let above = app.rows[first].file.clone();
    assert_ne!(above, mine);
    std::fs::remove_file(data.join(&above)).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(app.current_file(), Some(mine));
}

/// One step of the property test: a key, or a change to the cases folder, or a look at it.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode),
    /// Writes demo file `slot` again: as it was, edited (longer), or broken.
    Write(usize, u8),
    Remove(usize),
    Poll,
}

fn step() -> impl Strategy<Value = Step> {
    let keys = ['j', 'k', 'G', 'g', '1', '2', '3', '4', '5', 'D', 'y', 'n', 's', 'w', 'x', '/', 'a', 'e', '?']
        .map(KeyCode::Char)
        .into_iter()
        .chain([KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::PageDown, KeyCode::PageUp, KeyCode::End])
        .collect::<Vec<_>>();
    let slots = demo_files().len();
    prop_oneof![
        4 => proptest::sample::select(keys).prop_map(Step::Key),
        2 => (0..slots, 0u8..3).prop_map(|(s, v)| Step::Write(s, v)),
        2 => (0..slots).prop_map(Step::Remove),
        2 => Just(Step::Poll),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn keys_and_files_coming_and_going_never_panic_or_select_a_missing_row(
        steps in proptest::collection::vec(step(), 1..60)
    ) {
        let (_dir, data, mut app) = ward();
        let files = demo_files();
        for (n, step) in steps.iter().enumerate() {
            match step {
                Step::Key(code) => {
                    press(&mut app, *code);
                }
                Step::Write(slot, variant) => {
                    let (name, text) = &files[*slot];
                    let text = match variant {
                        0 => text.clone(),
                        1 => format!("{text}# edited at step {n}\n"),
                        _ => format!("id: {}\nname: Broken At {n}\nbladdr: x\n", name.trim_end_matches(".yaml")),
                    };
                    std::fs::write(data.join("cases").join(name), text).expect("write");
                }
                Step::Remove(slot) => {
                    let _ = std::fs::remove_file(data.join("cases").join(&files[*slot].0));
                }
                Step::Poll => {
                    app.poll_changes();
                    // Nothing on disk is ever missing from the dashboard.
                    prop_assert_eq!(app.rows.len(), case_files(&data));
                    if app.patients.filter.is_empty() && app.ward.is_none() {
                        prop_assert_eq!(app.patients.visible.len(), app.rows.len());
                    }
                }
            }
            assert_cursors_in_range(&app);
            draw(&app);
        }
    }
}

#[test]
fn a_reload_that_fails_after_a_write_is_said_with_the_write() {
    let (_dir, _data, mut app) = ward();
    app.say_after_write("Ann Example: exam recorded".into(), false, Err::<(), _>("could not list cases: gone"));
    let status = app.status.clone().expect("a message");
    assert!(status.error, "shown as an error");
    assert!(status.text.starts_with("Ann Example: exam recorded"), "{}", status.text);
    assert!(
        status.text.contains("could not list cases: gone") && status.text.contains("out of date"),
        "{}",
        status.text
    );
    app.say_after_write("Ann Example: exam recorded".into(), false, Ok::<(), String>(()));
    assert_eq!(app.status.map(|s| (s.text, s.error)), Some(("Ann Example: exam recorded".into(), false)));
}

/// A data directory holding `n` generated cases (seed 1), and the dashboard on it.
fn population(n: usize) -> (tempfile::TempDir, PathBuf, App) {
    population_of(n, 1)
}

fn population_of(n: usize, seed: u64) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ctx = common::context(Some(&data));
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    for (name, text) in cordwatch::demo::population(n, seed, now) {
        std::fs::write(data.join("cases").join(name), text).expect("write");
    }
    let app = common::app(ctx, false);
    (dir, data, app)
}

/// Where each file's entry is held: a row merged in place keeps every other row's.
fn held_at(app: &App) -> std::collections::HashMap<String, usize> {
    app.rows.iter().map(|r| (r.file.clone(), r.file.as_ptr() as usize)).collect()
}

#[test]
fn a_changed_file_is_merged_where_a_full_read_puts_it_and_nothing_else_is_read_again() {
    let n = 300;
    let (_dir, data, mut app) = population(n);
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    // Another patient's story (the same mix, another seed) written into chosen files under their
    // own ids: each row's priority, deadline and place in the list change.
    let other = cordwatch::demo::population(n, 2, now);
    for round in 0..6 {
        let before = held_at(&app);
        let chosen: Vec<usize> = (0..5).map(|k| (round * 53 + k * 61 + 7) % n).collect();
        for &i in &chosen {
            let name = format!("G01{i:07}.yaml");
            let text = other[i].1.replace(&format!("G02{i:07}"), &format!("G01{i:07}"));
            std::fs::write(data.join("cases").join(&name), text).expect("write");
        }
        assert!(app.poll_changes(), "round {round}: the changes are seen");
        let fresh = common::app(common::context(Some(&data)), false);
        let order = |a: &App| a.rows.iter().map(|r| (r.file.clone(), r.level_word())).collect::<Vec<_>>();
        assert_eq!(order(&app), order(&fresh), "round {round}: the order a full read gives");
        assert_eq!(app.summary, fresh.summary, "round {round}: the header's counts");
        assert_eq!(app.patients.visible.len(), fresh.patients.visible.len());
        let after = held_at(&app);
        let changed: Vec<String> = chosen.iter().map(|i| format!("cases/G01{i:07}.yaml")).collect();
        for (file, at) in &before {
            if !changed.contains(file) {
                assert_eq!(after.get(file), Some(at), "round {round}: {file} was not read again");
            }
        }
    }
}

#[test]
fn a_row_put_back_in_order_is_where_sorting_everything_puts_it() {
    let (_dir, _data, app) = population(200);
    let (_dir2, _data2, other) = population_of(120, 3);
    let mut rows = app.rows.clone();
    for k in 0..120 {
        let pos = (k * 37 + 11) % rows.len();
        // Each time from another ward, so it may land anywhere, or exactly where it was.
        let row = if k % 5 == 0 { rows[pos].clone() } else { other.rows[k].clone() };
        let taken = rows[pos].file.as_ptr();
        let mut expected = rows.clone();
        expected[pos] = row.clone();
        cordwatch::ward::sort(&mut expected);
        let (old, at) = cordwatch::ward::replace_sorted(&mut rows, pos, row.clone());
        assert!(std::ptr::eq(old.file.as_ptr(), taken), "step {k}: the row replaced is given back");
        assert_eq!(rows[at].file, row.file);
        let files = |rs: &[cordwatch::tui::brief::Brief]| rs.iter().map(|r| r.file.clone()).collect::<Vec<_>>();
        assert_eq!(files(&rows), files(&expected), "step {k}");
    }
}

/// The clock moves on in steps of a minute to a day, across midnights: after every tick each row
/// is exactly what reading and assessing every file at that moment gives (its flags, due steps,
/// stale exams, waiting times, problems, and its place in the list), though only the cases whose
/// next change had come were assessed again. So a case whose step falls due at T shows it at the
/// first tick at or after T, never later.
#[test]
fn after_every_tick_each_row_is_what_assessing_every_case_then_gives() {
    let (_dir, _data, mut app) = population(150);
    app.ctx.clock_fixed = false;
    // Listed by name and filtered, so the list's kept orders and index are put right at each tick.
    set_list(&mut app, "a", 2, 0);
    let listed_by_name = |app: &App| {
        let rows = &app.rows;
        let always = |i: usize| !rows[i].is_readable() || rows[i].has_problem();
        let mut v: Vec<usize> = (0..rows.len()).filter(|&i| always(i) || rows[i].search.contains('a')).collect();
        v.sort_by_key(|&i| (!always(i), rows[i].name.as_ref().map(|n| n.raw().to_lowercase())));
        v
    };
    assert_eq!(app.patients.visible, listed_by_name(&app), "before the clock moves");
    let mut t = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    let steps = [1, 1, 2, 5, 7, 13, 29, 59, 60, 61, 97, 181, 240, 1, 599, 1439, 3, 720, 17];
    let mut moved = 0;
    let mut kept = 0;
    // What a row says (it holds no moment): changes only when the clock changed the case.
    let content = common::as_shown;
    let mut before: Vec<String> = app.rows.iter().map(content).collect();
    for (k, step) in steps.iter().cycle().take(60).enumerate() {
        t = t.add_minutes(*step);
        let held = held_at(&app);
        assert!(app.tick(t), "tick {k}: the clock moved");
        kept += held_at(&app).iter().filter(|(file, at)| held.get(*file) == Some(at)).count();
        let fresh = app.ctx.ward_at(t).expect("read");
        let shown: Vec<String> = app.rows.iter().map(common::as_shown).collect();
        let expected: Vec<String> = common::as_shown_all(&fresh);
        for (s, e) in shown.iter().zip(&expected) {
            assert_eq!(s, e, "tick {k} at {t}");
        }
        assert_eq!(shown.len(), expected.len());
        assert_eq!(app.patients.visible, listed_by_name(&app), "tick {k} at {t}: the list by name, filtered");
        let now_content: Vec<String> = app.rows.iter().map(content).collect();
        moved += now_content.iter().filter(|c| !before.contains(c)).count();
        before = now_content;
        let (emergency, urgent, overdue, problems) = cordwatch::ward::counts(&fresh);
        let s = &app.summary;
        assert_eq!((s.emergency, s.urgent, s.overdue, s.problems), (emergency, urgent, overdue, problems), "tick {k}");
    }
    // What the lists keep changes with the clock only where the case does (a countdown is counted
    // when shown), so fewer rows change than ticks would suggest.
    assert!(moved > 50, "the clock changed rows as it went ({moved})");
    assert!(kept > 150 * 30, "most rows were not assessed again at most ticks ({kept})");
}

/// The Patients list as shown: its files in order, and the one under the cursor.
fn listed(app: &App) -> (Vec<String>, Option<String>) {
    (
        app.patients.visible.iter().map(|&i| app.rows[i].file.clone()).collect(),
        app.selected_row().map(|r| r.file.clone()),
    )
}

/// A changed file merged into its place puts the filter's index, the ward's rows and the bed and
/// name orders right by that one move (none is built again from every row): whatever the filter,
/// the order and the ward, the list is then exactly what a dashboard opened afresh on the same
/// files lists, as the filter is typed further and taken back too.
#[test]
fn after_merged_changes_the_filtered_sorted_list_is_what_a_fresh_dashboard_lists() {
    let n = 240;
    let now = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    let other = cordwatch::demo::population(n, 2, now);
    for (filter, sorts, wards) in
        [("", 0, 0), ("a", 0, 0), ("ma", 1, 0), ("e", 2, 0), ("r", 1, 1), ("", 2, 2), ("g01", 0, 1)]
    {
        let (_dir, data, mut app) = population(n);
        set_list(&mut app, filter, sorts, wards);
        // Each row taken from the list and put back by the cursor's keys.
        press(&mut app, KeyCode::Char('j'));
        for round in 0..5 {
            for k in 0..3 {
                let i = (round * 71 + k * 29 + 5) % n;
                let name = format!("G01{i:07}.yaml");
                let text = match (round + k) % 3 {
                    0 => other[i].1.replace(&format!("G02{i:07}"), &format!("G01{i:07}")),
                    1 => cordwatch::demo::population(n, 1, now)[i].1.clone(),
                    _ => format!(
                        "{}# edited in round {round}\n",
                        other[i].1.replace(&format!("G02{i:07}"), &format!("G01{i:07}"))
                    ),
                };
                std::fs::write(data.join("cases").join(&name), text).expect("write");
            }
            assert!(app.poll_changes(), "round {round}: the changes are seen");
            let mut fresh = common::app(common::context(Some(&data)), false);
            set_list(&mut fresh, filter, sorts, wards);
            let what = format!("filter {filter:?}, sorts {sorts}, wards {wards}, round {round}");
            let (a, f) = (listed(&app).0, listed(&fresh).0);
            let extra: Vec<&String> = a.iter().filter(|x| !f.contains(x)).collect();
            let missing: Vec<&String> = f.iter().filter(|x| !a.contains(x)).collect();
            assert_eq!(a, f, "{what}: extra {extra:?} missing {missing:?}");
            // Typed further and taken back: narrowed from the answers kept across the changes.
            for c in ['a', 'n'] {
                for dash in [&mut app, &mut fresh] {
                    press(dash, KeyCode::Char('/'));
                    for typed in filter.chars().chain([c]) {
                        press(dash, KeyCode::Char(typed));
                    }
                }
                let (a, f) = (listed(&app).0, listed(&fresh).0);
                assert_eq!(a, f, "{what}, then {c:?}");
                press(&mut app, KeyCode::Backspace);
                press(&mut fresh, KeyCode::Backspace);
                assert_eq!(listed(&app).0, listed(&fresh).0, "{what}, {c:?} taken back");
                press(&mut app, KeyCode::Enter);
                press(&mut fresh, KeyCode::Enter);
            }
            assert_cursors_in_range(&app);
        }
    }
}

/// Many rows changed where they stand (as at midnight) and put back in order: exactly the order a
/// sort of every row gives, whether none, some or all of them moved.
#[test]
fn changed_rows_put_back_in_order_are_where_sorting_everything_puts_them() {
    let (_dir, _data, app) = population(200);
    let (_dir2, _data2, other) = population_of(200, 3);
    let files = |rs: &[cordwatch::tui::brief::Brief]| rs.iter().map(|r| r.file.clone()).collect::<Vec<_>>();
    for k in 0..40usize {
        let mut rows = app.rows.clone();
        // A different set each time: from one row to every row, some changed to themselves.
        let mut changed: Vec<usize> = (0..rows.len()).filter(|i| (i * 7 + k * 13) % (k + 2) == 0).collect();
        if k == 39 {
            changed = (0..rows.len()).collect();
        }
        for &i in &changed {
            if (i + k) % 3 != 0 {
                rows[i] = other.rows[(i * 31 + k) % other.rows.len()].clone();
            }
        }
        let mut expected = rows.clone();
        cordwatch::ward::sort(&mut expected);
        cordwatch::ward::resort_changed(&mut rows, &changed);
        assert_eq!(files(&rows), files(&expected), "step {k}, {} changed", changed.len());
    }
}

/// The Round view's cursor stays on the item the clinician had selected while the clock moves:
/// an item that comes due above it (a step due at midnight, a flag's deadline) must not slide
/// another patient's item under the cursor, where Enter would open that patient's form.
#[test]
fn the_round_cursor_stays_on_its_item_as_the_clock_moves() {
    let (_dir, _data, mut app) = population(150);
    app.ctx.clock_fixed = false;
    press(&mut app, KeyCode::Char('3'));
    let key = |app: &App| {
        let lines = app.round();
        let items: Vec<_> = lines.iter().filter(|l| l.selectable()).cloned().collect();
        items.get(app.round.selected).map(|l| (l.file.clone(), l.text.clone()))
    };
    let mut t = cordwatch::model::Stamp::parse(NOW).expect("stamp");
    let mut slipped = Vec::new();
    for (k, step) in [13, 59, 181, 240, 599, 1439, 720, 61, 1439, 17].iter().enumerate() {
        // The cursor halfway down, under other patients' items.
        app.round.selected = round_items(&app) / 2;
        draw(&app);
        let before = key(&app).expect("an item");
        t = t.add_minutes(*step);
        assert!(app.tick(t));
        draw(&app);
        let lines = app.round();
        let still_there = lines.iter().any(|l| l.selectable() && l.file == before.0 && l.text == before.1);
        let after = key(&app).expect("an item");
        if still_there && after != before {
            slipped.push(format!("tick {k} at {t}: was on {before:?}, now on {after:?}"));
        }
    }
    assert!(slipped.is_empty(), "{slipped:#?}");
}
