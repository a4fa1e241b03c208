//! The dashboard through its own update function and renderer: every view at 80×24 and 120×40 on
//! the demo ward with a fixed clock, the ward-round flows driven by keys, the styles snapshots
//! cannot see, and no panic at any terminal size.

use std::collections::BTreeMap;

use cordwatch::engine::{Completion, Priority};
use cordwatch::guidelines::Level;
use cordwatch::settings::keymap::Keymap;
use cordwatch::tui::app::{App, Effect, Modal, View};
use cordwatch::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

mod common;

use common::{keys, press};

use common::NOW;

fn app_with(no_color: bool) -> App {
    common::app(common::context(None), no_color)
}

fn app() -> App {
    app_with(false)
}

fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    t.draw(|f| views::draw(f, app)).expect("draw");
    t
}

fn screen(app: &App, width: u16, height: u16) -> String {
    common::screen(app, width, height)
}

/// After a save: the form is closed; a message too long for the status line is read and closed.
fn saved(app: &mut App) {
    assert!(!matches!(app.modal, Some(Modal::Form(_))), "saved: {:?}", app.status);
    if matches!(app.modal, Some(Modal::Message(_))) {
        press(app, KeyCode::Esc);
    }
    assert!(app.modal.is_none(), "{:?}", app.modal);
}

fn select_patient(app: &mut App, name: &str) {
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Esc); // clears an earlier filter
    press(app, KeyCode::Char('/'));
    keys(app, name);
    press(app, KeyCode::Enter);
    assert_eq!(app.selected_row().and_then(|r| r.name.as_ref()).map(|n| n.raw().to_string()).as_deref(), Some(name));
}

/// The position of a patient's row, and the patient read whole as the Patient view reads it.
fn row_of(app: &App, name: &str) -> (usize, std::rc::Rc<cordwatch::ward::WardRow>) {
    app.rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.name.as_ref().is_some_and(|n| n.raw() == name))
        .map(|(i, r)| (i, app.detail(r)))
        .unwrap_or_else(|| panic!("{name} not found"))
}

#[test]
fn every_view_at_80x24_and_120x40() {
    let mut app = app();
    for (w, h) in [(80, 24), (120, 40)] {
        press(&mut app, KeyCode::Char('1'));
        insta::assert_snapshot!(format!("patients_{w}x{h}"), screen(&app, w, h));
        select_patient(&mut app, "Margaret Ellis");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.view, View::Patient);
        insta::assert_snapshot!(format!("patient_{w}x{h}"), screen(&app, w, h));
        press(&mut app, KeyCode::Char('3'));
        insta::assert_snapshot!(format!("round_{w}x{h}"), screen(&app, w, h));
        press(&mut app, KeyCode::Char('4'));
        insta::assert_snapshot!(format!("urgent_{w}x{h}"), screen(&app, w, h));
        press(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('1'));
        select_patient(&mut app, "Susan Hartley");
        press(&mut app, KeyCode::Char('x'));
        insta::assert_snapshot!(format!("exam_form_{w}x{h}"), screen(&app, w, h));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn the_unreadable_file_is_a_row_of_its_own_at_the_top() {
    let app = app();
    let text = screen(&app, 80, 24);
    let first_row = text.lines().nth(3).unwrap_or_default();
    assert!(first_row.contains("UNREADABLE") && first_row.contains("RXH9856339"), "{text}");
}

#[test]
fn recording_retention_on_a_quiet_patient_makes_her_an_emergency_then_the_mri_actions_it() {
    let mut app = app();
    let (_, before) = row_of(&app, "Fiona Cartwright");
    assert_eq!(before.level(), Level::None);
    select_patient(&mut app, "Fiona Cartwright");
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    keys(&mut app, "n"); // motor normal
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab); // sensory, sensory level, bladder
    }
    keys(&mut app, "r"); // bladder retention
    press(&mut app, KeyCode::Enter);
    saved(&mut app);
    let (index, row) = row_of(&app, "Fiona Cartwright");
    assert_eq!(row.priority, Priority::Emergency);
    let flag = row.assessment.as_ref().and_then(|a| a.open_flags().next()).expect("open flag");
    assert_eq!((flag.rule_id(), flag.deadline.to_string().as_str()), ("mscc-neuro", "2026-11-24 09:00"));
    assert!(app.rows[..index].iter().all(|r| r.priority <= Priority::Emergency), "above every non-emergency");
    let text = screen(&app, 120, 40);
    assert!(text.lines().any(|l| l.contains("Fiona Cartwright") && l.contains("!! MSCC 24h left")), "{text}");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("now !! MSCC")), "{:?}", app.status);

    press(&mut app, KeyCode::Esc);
    // The scan is read a few minutes later: an MRI recorded in the finding's own minute would count
    // as before it, and answer nothing.
    app.ctx.now = app.ctx.now.add_minutes(5);
    select_patient(&mut app, "Fiona Cartwright");
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Enter);
    let (_, row) = row_of(&app, "Fiona Cartwright");
    assert_eq!(row.level(), Level::Emergency, "an MRI form is not saved without its result: {:?}", app.status);
    let Some(Modal::Form(form)) = &app.modal else { panic!("the form stays open: {:?}", app.modal) };
    assert!(form.error.as_deref().is_some_and(|e| e.contains("Result")), "{:?}", form.error);
    assert_eq!(form.fields[form.focus].name, "result", "the cursor is on the field in error");
    keys(&mut app, "o"); // no_mscc
    press(&mut app, KeyCode::Enter);
    let (_, row) = row_of(&app, "Fiona Cartwright");
    assert_eq!(row.level(), Level::None, "{:?}", app.status);
    assert!(
        row.assessment.as_ref().is_some_and(|a| a.flags.iter().any(|f| f.rule_id() == "mscc-neuro" && f.is_actioned()))
    );
}

#[test]
fn ticking_a_dose_on_the_round_takes_the_item_off() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    let dose_index = app
        .round()
        .iter()
        .filter(|l| l.selectable())
        .position(|l| l.completion == Some(Completion::Dose) && l.file.contains("RXH2287710"))
        .expect("David Okonkwo's zoledronic acid is due today");
    for _ in 0..dose_index {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(&app.modal, Some(Modal::Form(f)) if f.kind == cordwatch::tui::forms::FormKind::Dose));
    // A dose due is not a dose given: Enter alone records nothing; the day it was given is typed.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(&app.modal, Some(Modal::Form(f)) if f.error.is_some()), "not saved undated");
    keys(&mut app, "2026-11-23");
    press(&mut app, KeyCode::Enter);
    saved(&mut app);
    let round = app.round();
    let left: Vec<_> =
        round.iter().filter(|l| l.file.contains("RXH2287710") && l.completion == Some(Completion::Dose)).collect();
    assert!(left.is_empty(), "the dose and its bloods are done: {left:?}");
}

#[test]
fn a_failed_save_keeps_the_form_and_what_was_typed() {
    let mut app = app();
    select_patient(&mut app, "Owen Price");
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Enter);
    match &app.modal {
        Some(Modal::Form(f)) => {
            assert!(f.error.as_deref().is_some_and(|e| e.contains("at least one finding")), "{:?}", f.error)
        }
        other => panic!("the form should stay open, got {other:?}"),
    }
    keys(&mut app, "w");
    press(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.modal, Some(Modal::ConfirmQuit(_))), "quitting with typed input asks first");
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.modal, Some(Modal::ConfirmDiscard(_))), "Esc on typed input asks before discarding");
    press(&mut app, KeyCode::Esc);
    saved(&mut app);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("nothing was recorded")));
}

#[test]
fn the_filter_never_hides_an_unreadable_file() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "Ellis");
    assert_eq!(app.patients.visible.len(), 2, "Margaret Ellis, and the file that could be anyone");
    assert!(app.rows[app.patients.visible[0]].has_problem());
    assert!(!app.selected_row().expect("selected").has_problem(), "the cursor on the match");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.patients.visible.len(), app.rows.len());
}

#[test]
fn changes_made_by_someone_else_appear_and_a_broken_file_stays_listed() {
    use cordwatch::model::event::Event;
    use cordwatch::model::*;
    let mut app = app();
    assert!(!app.poll_changes(), "nothing changed yet");
    let id: CaseId = "RXH9967440".parse().expect("id");
    let mut exam = Exam::blank(Stamp::parse("2026-11-23 08:55").expect("stamp"));
    exam.gait = Some(Gait::Unable);
    app.ctx.store.record(&id, &Event::Exam(exam)).expect("another clinician records");
    assert!(app.poll_changes());
    assert_eq!(row_of(&app, "Fiona Cartwright").1.level(), Level::Emergency);
    let path = app.ctx.store.case_path(&id);
    std::fs::write(&path, "id: RXH9967440\nname: Fiona Cartwright\nbladdr: x\n").expect("break the file");
    assert!(app.poll_changes());
    assert!(app.rows.iter().any(|r| r.file.ends_with("RXH9967440.yaml") && r.has_problem()), "still listed");
    let count = app.rows.len();
    std::fs::remove_file(&path).expect("remove");
    assert!(app.poll_changes());
    assert_eq!(app.rows.len(), count - 1);
}

#[test]
fn flags_carry_their_state_in_style_as_well_as_text() {
    let app = app();
    let t = terminal(&app, 120, 40);
    let buf = t.backend().buffer();
    let find = |text: &str| -> (u16, u16) {
        for y in 0..40 {
            let line: String = (0..120).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(col) = line.find(text) {
                return (line[..col].chars().count() as u16, y);
            }
        }
        panic!("{text} not on screen");
    };
    let (x, y) = find("!! MSCC 19h left");
    assert_eq!(buf[(x, y)].fg, Color::LightRed);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find("! PAIN 5d left");
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
    let (x, y) = find("UNREADABLE");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "errors are reverse video");
    let (x, y) = find("DEMO");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));

    let plain = app_with(true);
    let t = terminal(&plain, 120, 40);
    let buf = t.backend().buffer();
    let line_of = |y: u16| -> String { (0..120).map(|x| buf[(x, y)].symbol()).collect() };
    let y = (0..40).find(|y| line_of(*y).contains("!! MSCC 19h left")).expect("the marker is text");
    let x = line_of(y).find("!!").map(|c| c as u16).expect("col");
    assert_eq!(buf[(x, y)].fg, Color::Reset, "NO_COLOR: no colour");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD), "but still bold");
}

#[test]
fn no_size_makes_it_panic() {
    let mut app = app();
    let sizes = [1u16, 2, 3, 5, 10, 14, 15, 16, 23, 24, 25, 40, 59, 60, 61, 79, 80, 81, 120, 250];
    let setups: [&dyn Fn(&mut App); 8] = [
        &|a| {
            press(a, KeyCode::Char('1'));
        },
        &|a| {
            press(a, KeyCode::Char('2'));
        },
        &|a| {
            press(a, KeyCode::Char('3'));
        },
        &|a| {
            press(a, KeyCode::Char('4'));
        },
        &|a| {
            press(a, KeyCode::Char('5'));
            press(a, KeyCode::Char('G'));
        },
        &|a| {
            press(a, KeyCode::Char('?'));
        },
        &|a| {
            press(a, KeyCode::Esc);
            press(a, KeyCode::Char('1'));
            press(a, KeyCode::Char('j'));
            press(a, KeyCode::Char('x'));
        },
        &|a| {
            press(a, KeyCode::Esc);
            press(a, KeyCode::Char('G'));
            press(a, KeyCode::Char('D'));
        },
    ];
    for setup in setups {
        setup(&mut app);
        for &w in &sizes {
            for &h in &sizes {
                terminal(&app, w, h);
            }
        }
    }
    let small = screen(&app, 59, 24);
    assert!(small.contains("terminal too small"), "{small}");
}

#[test]
fn help_lists_every_action_with_its_keys() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    // Tall enough for every action's line (the help scrolls on a smaller screen).
    let text = screen(&app, 120, 80);
    for action in cordwatch::settings::keymap::Action::ALL {
        assert!(text.contains(action.describe()), "{} missing from help", action.name());
        assert!(text.contains(&app.keymap.label(*action)), "keys of {} missing", action.name());
    }
    let footer = screen(&app, 120, 60);
    assert!(footer.lines().last().is_some_and(|l| l.contains("close")), "the footer follows the context");
}

#[test]
fn keys_from_the_config_file_change_what_does_what() {
    let mut overrides = BTreeMap::new();
    overrides.insert("down".to_string(), vec!["n".to_string()]);
    overrides.insert("new_patient".to_string(), vec!["N".to_string()]);
    let keymap = Keymap::with_overrides(&overrides).expect("valid");
    let mut app = app();
    app.keymap = keymap;
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.patients.selected, 1, "n now moves down");
    let text = screen(&app, 80, 24);
    assert!(text.lines().last().is_some_and(|l| l.contains("n/k move")), "the footer shows the new key: {text}");
}

#[test]
fn ctrl_c_and_q_quit_and_discharge_asks_first() {
    let mut app = app();
    assert_eq!(app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Effect::Quit);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    select_patient(&mut app, "Harold Bennett");
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.modal, Some(Modal::ConfirmDischarge(..))));
    press(&mut app, KeyCode::Char('n'));
    assert!(row_of(&app, "Harold Bennett").1.case().is_some(), "not discharged");
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    assert!(
        app.rows.iter().all(|r| r.name.as_ref().is_none_or(|n| n.raw() != "Harold Bennett")),
        "moved to the archive"
    );
}

#[test]
fn loading_in_the_background_ends_with_the_same_ward_and_says_loading_until_then() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // A ward with a duplicated id, which can only be seen once every file is in.
    let ctx = common::context(Some(&data));
    let files: Vec<(String, String)> =
        cordwatch::demo::population(1200, 3, cordwatch::model::Stamp::parse(NOW).expect("stamp"));
    ctx.store.seed_raw(&files).expect("seed");
    let (_, twin) = files.iter().find(|(_, t)| !t.contains("bladdr")).cloned().expect("a readable case");
    std::fs::write(data.join("cases/ZZ-twin.yaml"), twin).expect("twin");

    let synchronous = common::app(ctx, false);
    let mut app = App::start(common::context(Some(&data)), Keymap::defaults(), common::theme(false)).expect("app");
    let first = screen(&app, 80, 24);
    assert!(first.contains("LOADING") || app.loading().is_none(), "{first}");
    // Before any file is in, the ward is never said to be empty.
    if app.rows.is_empty() && app.loading().is_some() {
        assert!(!first.contains("No case files"), "{first}");
        assert!(first.contains("no patient is listed yet"), "{first}");
    }
    let started = std::time::Instant::now();
    while app.loading().is_some() {
        app.receive_loaded();
        assert!(started.elapsed().as_secs() < 30, "loading never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let files = |a: &App| a.rows.iter().map(|r| (r.file.clone(), r.priority)).collect::<Vec<_>>();
    assert_eq!(files(&app), files(&synchronous));
    // Every row as the lists and views read it, the twins' problems included.
    let shown = |a: &App| a.rows.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>();
    assert_eq!(shown(&app), shown(&synchronous));
    assert_eq!(app.summary, synchronous.summary);
    assert!(app.rows.iter().filter(|r| r.problems.iter().any(|p| p.contains("also used by"))).count() == 2);
    assert!(!screen(&app, 80, 24).contains("LOADING"));
}

/// Moves the Round view's cursor to the first item of `file` answered by `completion`.
fn round_to(app: &mut App, file: &str, completion: &Completion) {
    press(app, KeyCode::Char('3'));
    press(app, KeyCode::Char('g'));
    let index = app
        .round()
        .iter()
        .filter(|l| l.selectable())
        .position(|l| l.completion.as_ref() == Some(completion) && l.file.contains(file))
        .unwrap_or_else(|| panic!("{file} has no {completion:?} item on the round"));
    for _ in 0..index {
        press(app, KeyCode::Char('j'));
    }
}

#[test]
fn enter_on_a_pathway_step_opens_the_form_that_answers_it() {
    use cordwatch::tui::forms::FormKind;
    let mut app = app();
    // Nora Jensen has suspected MSCC and no corticosteroid: the urgent step opens the steroid form.
    round_to(&mut app, "RXH6523006", &Completion::Steroids);
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.modal, Some(Modal::Form(f)) if f.kind == FormKind::Steroids { stop: false }),
        "{:?}",
        app.modal
    );
    keys(&mut app, "16"); // the form opens on the dose: the drug is filled in
    press(&mut app, KeyCode::Enter);
    saved(&mut app);
    assert!(!app.round().iter().any(|l| l.file.contains("RXH6523006") && l.completion == Some(Completion::Steroids)));

    // Walter Hughes waits for treatment: Enter on the emergency opens the radiotherapy form.
    round_to(&mut app, "RXH1190112", &Completion::Treatment { flag: "mscc-treatment".into() });
    press(&mut app, KeyCode::Enter);
    assert!(matches!(&app.modal, Some(Modal::Form(f)) if f.kind == FormKind::Radiotherapy), "{:?}", app.modal);
    // Opened from the round, the first day is not assumed: it is typed, then its time (a course
    // booked is not given without its time), then the site it treats (a level not recorded covers
    // nothing, so without it the emergency stays open).
    keys(&mut app, "2026-11-23");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "08:30");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "T10");
    press(&mut app, KeyCode::Enter);
    saved(&mut app);
    let (_, row) = row_of(&app, "Walter Hughes");
    let a = row.assessment.as_ref().expect("assessed");
    assert!(a.flags.iter().any(|f| f.rule_id() == "mscc-treatment" && f.is_actioned()), "{:?}", app.status);

    // Stefan Kowalski's unstable spine: the surgical-opinion step opens a referral to the surgeons.
    let surgeons = Completion::Referral { to: cordwatch::model::ReferralTo::SpinalSurgery };
    round_to(&mut app, "RXH3212334", &surgeons);
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.modal, Some(Modal::Form(f)) if f.kind == FormKind::Referral(Some(cordwatch::model::ReferralTo::SpinalSurgery)))
    );
    // The round knows the referral is owed, not that it was made: the form asks when.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(&app.modal, Some(Modal::Form(f)) if f.error.is_some()), "not saved undated");
    keys(&mut app, "2026-11-23 08:50");
    press(&mut app, KeyCode::Enter);
    saved(&mut app);
    assert!(!app.round().iter().any(|l| l.file.contains("RXH3212334") && l.completion.as_ref() == Some(&surgeons)));
}

#[test]
fn a_step_only_a_decision_answers_opens_a_closing_acknowledgement() {
    let mut app = app();
    round_to(&mut app, "RXH2287710", &Completion::Steroids);
    // David Okonkwo: close steroids-start with a reason instead.
    press(&mut app, KeyCode::Char('a'));
    let Some(Modal::Form(form)) = &app.modal else { panic!("ack form: {:?}", app.status) };
    let offered: Vec<String> = form
        .fields
        .iter()
        .find(|f| f.name == "flag")
        .map(|f| match &f.input {
            cordwatch::tui::forms::Input::Choice { options, .. } => options.iter().map(|(_, w)| w.clone()).collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    assert!(offered.contains(&"steroids-start".to_string()), "{offered:?}");
    assert!(!offered.contains(&"mscc-treatment".to_string()), "only what is open is offered: {offered:?}");
}

#[test]
fn discharge_is_refused_while_an_emergency_is_open() {
    let mut app = app();
    select_patient(&mut app, "Walter Hughes");
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.modal, Some(Modal::Message(_))), "no confirmation offered; the whole reason is shown");
    press(&mut app, KeyCode::Esc);
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("cannot be discharged") && status.contains("mscc-treatment"), "{status}");
    select_patient(&mut app, "Graham Pryce");
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.modal, Some(Modal::ConfirmDischarge(..))), "nothing urgent open: it asks");
}

#[test]
fn a_on_the_urgent_view_acknowledges_the_flag_on_the_selected_line() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let target = app
        .urgent_rows()
        .iter()
        .position(|(i, fi)| app.rows[*i].flags[*fi].rule == "mscc-pain")
        .expect("a pain flag on the Urgent view");
    for _ in 0..target {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('a'));
    let Some(Modal::Form(form)) = &app.modal else { panic!("ack form: {:?}", app.status) };
    let chosen = form.fields.iter().find(|f| f.name == "flag").and_then(|f| match &f.input {
        cordwatch::tui::forms::Input::Choice { options, selected } => selected.map(|i| options[i].1.clone()),
        _ => None,
    });
    assert_eq!(chosen.as_deref(), Some("mscc-pain"));
}

#[test]
fn a_save_says_it_in_a_few_words_and_keeps_the_full_summary_in_the_log() {
    let mut app = app();
    let _ = terminal(&app, 80, 24); // the dashboard knows it is 80 columns wide
    select_patient(&mut app, "Fiona Cartwright");
    press(&mut app, KeyCode::Char('v')); // a review
    press(&mut app, KeyCode::Enter);
    assert!(app.modal.is_none(), "no window to dismiss after an ordinary save: {:?}", app.modal);
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.starts_with("Fiona Cartwright: review recorded — now"), "{status}");
    assert!(
        app.messages.iter().any(|(_, m)| m.text.contains("Fiona Cartwright: reviewed at")),
        "the full summary is in the log: {:?}",
        app.messages
    );
}

#[test]
fn the_patient_list_at_60_80_and_200_columns_shows_ward_and_team_when_wide() {
    let app = app();
    for (w, h) in [(80, 24), (60, 20), (200, 50)] {
        insta::assert_snapshot!(format!("patient_list_{w}x{h}"), screen(&app, w, h));
    }
    let heading = |w: u16| screen(&app, w, 30).lines().nth(2).unwrap_or_default().to_string();
    for w in [60, 80, 108] {
        let h = heading(w);
        assert!(!h.contains("WARD") && !h.contains("TEAM"), "{w}: {h}");
    }
    for w in [120, 160, 200] {
        let h = heading(w);
        assert!(h.contains("WARD") && h.contains("TEAM"), "{w}: {h}");
    }
    // The name column does not take the screen: at 200 columns the next column is at most 32 on.
    let wide = heading(200);
    let (name, id) = (wide.find("NAME").expect("NAME"), wide.find("ID ").expect("ID"));
    assert!(id - name <= 33, "{wide}");
    let text = screen(&app, 200, 50);
    let nora = text.lines().find(|l| l.contains("Nora Jensen")).expect("Nora Jensen's row");
    assert!(nora.contains("7B") && nora.contains("Endocrine oncology (Dr Moore)"), "{nora}");
}

/// The Round view's selectable items as (file, text), in order.
fn round_items(app: &App) -> Vec<(String, String)> {
    app.round().iter().filter(|l| l.selectable()).map(|l| (l.file.clone(), l.text.clone())).collect()
}

/// The patients of the Round view in order (their files).
fn round_patients(app: &App) -> Vec<String> {
    app.round().iter().filter(|l| l.heading).map(|l| l.file.clone()).collect()
}

#[test]
fn s_in_the_round_view_reorders_by_bed_and_back_by_urgency_keeping_the_cursor() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    let by_urgency = round_patients(&app);
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    let on = round_items(&app)[app.round.selected].clone();
    press(&mut app, KeyCode::Char('s'));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("sorted by bed")), "{:?}", app.status);
    let by_bed = round_patients(&app);
    assert_ne!(by_bed, by_urgency, "the patients really move");
    let mut same = by_bed.clone();
    same.sort();
    let mut before = by_urgency.clone();
    before.sort();
    assert_eq!(same, before, "the same patients, only in another order");
    // Ward by ward, bed by bed as numbers, the unreadable file first, no bed last.
    type BedOrder = (bool, Option<String>, bool, Option<(u64, String)>);
    let keys: Vec<BedOrder> = by_bed
        .iter()
        .map(|file| {
            let row = app.rows.iter().find(|r| &r.file == file).expect("row");
            let bed = row.bed.as_ref().map(|b| cordwatch::ward::bed_key(b.raw()));
            (!row.has_problem(), row.ward_raw().map(str::to_string), bed.is_none(), bed)
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    assert!(keys.iter().any(|k| k.3.as_ref().is_some_and(|b| b.0 >= 10)), "two-digit beds are in the test");
    assert_eq!(round_items(&app)[app.round.selected], on, "the cursor stays on its item");
    let header = |app: &App, w: u16| screen(app, w, 24).lines().nth(1).unwrap_or_default().to_string();
    assert!(header(&app, 120).contains("sorted by bed"), "the header says it: {}", header(&app, 120));
    assert!(header(&app, 80).contains("by bed"), "briefly at 80 columns: {}", header(&app, 80));
    press(&mut app, KeyCode::Char('s'));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("sorted by urgency")), "{:?}", app.status);
    assert_eq!(round_patients(&app), by_urgency);
    assert_eq!(round_items(&app)[app.round.selected], on);
    assert!(!header(&app, 120).contains("by bed"), "{}", header(&app, 120));
    // The Patients list keeps its own order.
    assert_eq!(app.patients.sort, cordwatch::tui::app::SortMode::Priority);
}

#[test]
fn brackets_move_between_patients_in_the_round_and_urgent_views() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    let items = round_items(&app);
    let firsts: Vec<usize> = (0..items.len()).filter(|&i| i == 0 || items[i - 1].0 != items[i].0).collect();
    assert!(firsts.len() > 3);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.round.selected, firsts[1], "the next patient's first item");
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.round.selected, firsts[2], "from the middle of a patient's items too");
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.round.selected, firsts[1]);
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.round.selected, 0);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("first patient")), "{:?}", app.status);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.round.selected, items.len() - 1, "nothing after the last");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("last patient")), "{:?}", app.status);
    // By bed, ] follows the new order.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char(']'));
    let items = round_items(&app);
    let second = items.iter().position(|(f, _)| *f != items[0].0).expect("a second patient");
    assert_eq!(app.round.selected, second);

    press(&mut app, KeyCode::Char('4'));
    let rows = app.urgent_rows();
    let first_other = rows.iter().position(|r| r.0 != rows[0].0).expect("flags of two patients");
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.urgent.selected, first_other);
}

#[test]
fn help_lists_the_round_keys() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&app, 80, 60);
    for (key, words) in [("s", "Round view: urgency or bed"), ("]", "the next patient"), ("[", "the previous patient")]
    {
        assert!(text.lines().any(|l| l.contains(&format!("│{key} ")) && l.contains(words)), "{key}:\n{text}");
    }
    insta::assert_snapshot!("help_80x60", text);
    press(&mut app, KeyCode::Esc);
    let footer = screen(&app, 80, 24).lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("] next patient") && footer.contains("q quit"), "{footer}");
}

/// Another clinician records an exam that makes `id` an emergency; the dashboard looks.
fn colleague_raises_an_emergency(app: &mut App, id: &str) {
    use cordwatch::model::event::Event;
    use cordwatch::model::*;
    let id: CaseId = id.parse().expect("id");
    let mut exam = Exam::blank(Stamp::parse("2026-11-23 08:55").expect("stamp"));
    exam.gait = Some(Gait::Unable);
    app.ctx.store.record(&id, &Event::Exam(exam)).expect("another clinician records");
    assert!(app.poll_changes(), "the change is picked up");
}

/// The screen row that shows `name`, and its column.
fn find_on(t: &Terminal<TestBackend>, text: &str) -> Option<(u16, u16)> {
    let buf = t.backend().buffer();
    let area = buf.area;
    (0..area.height).find_map(|y| {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        line.find(text).map(|col| (line[..col].chars().count() as u16, y))
    })
}

#[test]
fn a_new_emergency_from_another_user_is_marked_until_the_patient_is_selected() {
    let mut app = app();
    assert_eq!(row_of(&app, "Fiona Cartwright").1.level(), Level::None, "quiet before");
    colleague_raises_an_emergency(&mut app, "RXH9967440");
    assert_eq!(row_of(&app, "Fiona Cartwright").1.level(), Level::Emergency);
    let said = app.status.clone().expect("said");
    assert!(said.error && said.text.contains("NEW EMERGENCY") && said.text.contains("Fiona Cartwright"), "{said:?}");
    assert!(app.messages.iter().any(|(_, s)| s.text.contains("NEW EMERGENCY")), "kept in the message log");
    assert!(!app.take_bell(), "no bell unless the setting asks");
    let t = terminal(&app, 200, 40);
    let (x, y) = find_on(&t, "NEW Fiona Cartwright").expect("marked NEW in the list");
    let cell = &t.backend().buffer()[(x, y)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "and highlighted, not by colour alone");
    assert_eq!(find_on(&t, "NEW "), Some((x, y)), "only her");

    // Moving elsewhere does not count as seeing her.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('j'));
    assert!(find_on(&terminal(&app, 200, 40), "NEW Fiona Cartwright").is_some());
    // Selecting her does.
    let mut steps = 0;
    while app.selected_row().and_then(|r| r.name.as_ref()).map(|n| n.raw().to_string()).as_deref()
        != Some("Fiona Cartwright")
    {
        press(&mut app, KeyCode::Char('j'));
        steps += 1;
        assert!(steps < 40, "Fiona Cartwright not reached");
    }
    let t = terminal(&app, 200, 40);
    assert!(find_on(&t, "NEW ").is_none() && find_on(&t, "Fiona Cartwright").is_some(), "seen");

    // A change that brings no new emergency says nothing new.
    app.status = None;
    colleague_raises_an_emergency(&mut app, "RXH9967440");
    assert!(find_on(&terminal(&app, 200, 40), "NEW ").is_none(), "the same emergency again is not new");
}

#[test]
fn a_new_emergency_opened_is_seen_and_the_bell_rings_once_when_set() {
    let mut app = app();
    app.ctx.settings.bell_on_new_emergency = true;
    colleague_raises_an_emergency(&mut app, "RXH8856339");
    assert!(app.take_bell(), "the setting rings the bell");
    assert!(!app.take_bell(), "once");
    assert!(find_on(&terminal(&app, 200, 40), "NEW Graham Pryce").is_some());
    // Opened from the Urgent view: seen.
    press(&mut app, KeyCode::Char('4'));
    let lines = app.urgent_rows();
    let at = lines.iter().position(|&(i, _)| app.rows[i].name.as_ref().is_some_and(|n| n.raw() == "Graham Pryce"));
    let at = at.expect("his flag on the Urgent view");
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..at {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Patient);
    press(&mut app, KeyCode::Char('1'));
    assert!(find_on(&terminal(&app, 200, 40), "NEW ").is_none(), "seen once opened");
}
