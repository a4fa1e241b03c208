//! The list tells the same story as `triage`: the `+N` after a flag counts the patient's other
//! open flags and pathway steps, as the help says; and its colours repeat its words, an overdue
//! step in the overdue colour, a step due today in the urgent colour, as "NO EXAM" is.

use cordwatch::tui::app::App;

mod common;

fn app() -> App {
    common::app(common::context(None), false)
}

#[test]
fn plus_n_after_a_flag_counts_the_open_steps_too() {
    let app = app();
    let listed = app.rows.iter().find(|r| r.name.as_ref().is_some_and(|n| n.raw() == "Nora Jensen")).expect("Nora");
    let row = app.detail(listed);
    let a = row.assessment.as_ref().expect("assessed");
    assert_eq!(a.open_flags().count(), 1, "the fixture: one flag");
    let steps = a.open_pathway().count();
    assert!(steps >= 1, "the fixture: and the steroid step open");
    let label = cordwatch::present::flag_label(&row, false);
    assert!(label.starts_with("!! MSCC") && label.ends_with(&format!(" +{steps}")), "{label}");
    assert_eq!(listed.flag_cell(app.ctx.now).text, label, "the list keeps the words the case gives");
    let text = common::screen(&app, 80, 24);
    assert!(text.lines().any(|l| l.contains("Nora Jensen") && l.contains(&format!(" +{steps}"))), "{text}");
}

#[test]
fn the_urgent_view_shows_acknowledgements_and_urgent_steps_as_triage_does() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = app();
    common::press(&mut app, KeyCode::Char('4'));
    let text = common::screen(&app, 120, 60);
    let joined = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(joined.contains("acknowledged") && joined.contains("by Dr Patel"), "{text}");
    assert!(joined.contains("Urgent steps:") && joined.contains("Nora Jensen STER+"), "{text}");
}

/// A ward of three examined patients with spinal metastases and no bone agent, at [`common::NOW`]:
/// the bone-agent step falls due on the day of admission, so it is overdue for one admitted three
/// days ago, due today for one admitted today; the third has one, so nothing is open. A fourth
/// was never examined.
fn steps_ward(dir: &std::path::Path) -> App {
    let exam = "exams:\n  - { at: 2026-11-23 08:00, by: Dr Test, motor: normal, sensory: normal, bladder: normal, \
                bowel: normal, gait: normal, pain_score: 1, frankel: E }\n";
    let patient = |id: &str, name: &str, bed: &str, admitted: &str, extra: &str| {
        format!(
            "id: \"{id}\"\nname: {name}\nward: \"7B\"\nbed: \"{bed}\"\nstatus: inpatient\nadmitted: {admitted}\n\
             spine:\n  levels: [T9]\n{extra}"
        )
    };
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).expect("cases");
    let files = [
        ("S1", patient("S1", "Olive Overdue", "1", "2026-11-20", exam)),
        ("S2", patient("S2", "Tara Today", "2", "2026-11-23", exam)),
        (
            "S3",
            patient(
                "S3",
                "Clara Clear",
                "3",
                "2026-11-20",
                &format!("{exam}bone_agent: {{ drug: denosumab, dental_review: 2026-11-01 }}\n"),
            ),
        ),
        ("S4", patient("S4", "Nell Noexam", "4", "2026-11-23", "")),
    ];
    for (id, text) in files {
        std::fs::write(cases.join(format!("{id}.yaml")), text).expect("write case");
    }
    common::app(common::context(Some(dir)), false)
}

/// The style of the first cell of `text` on the line that names `name`.
fn style_of(app: &App, width: u16, name: &str, text: &str) -> ratatui::buffer::Cell {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 24)).expect("terminal");
    t.draw(|f| cordwatch::tui::views::draw(f, app)).expect("draw");
    let buf = t.backend().buffer().clone();
    for y in 0..24 {
        let line: String = (0..width).map(|x| buf[(x, y)].symbol()).collect();
        if line.contains(name)
            && let Some(at) = line.find(text)
        {
            return buf[(line[..at].chars().count() as u16, y)].clone();
        }
    }
    panic!("{text} not on the line of {name}:\n{}", common::screen(app, width, 24));
}

#[test]
fn due_and_overdue_steps_are_coloured_in_the_list_as_no_exam_is() {
    use ratatui::style::{Color, Modifier};
    let dir = tempfile::tempdir().expect("tempdir");
    let app = steps_ward(dir.path());
    let cell = |name: &str| {
        let row = app.rows.iter().find(|r| r.name.as_ref().is_some_and(|n| n.raw() == name)).expect(name);
        row.flag_cell(app.ctx.now)
    };
    use cordwatch::engine::Category;
    use cordwatch::present::FlagState;
    // The fixture says what it is meant to: the words first.
    assert_eq!(
        (cell("Olive Overdue").text.as_str(), cell("Olive Overdue").state),
        ("! BONE", FlagState::Step(Category::Overdue))
    );
    assert_eq!(
        (cell("Tara Today").text.as_str(), cell("Tara Today").state),
        ("BONE", FlagState::Step(Category::DueToday))
    );
    assert_eq!(cell("Clara Clear").state, FlagState::Clear);
    assert_eq!(cell("Nell Noexam").text, "NO EXAM");

    for width in [80, 60] {
        let overdue = style_of(&app, width, "Olive Overdue", "! BONE");
        assert_eq!(overdue.fg, Color::LightMagenta, "overdue: the theme's overdue colour at {width}");
        assert!(overdue.modifier.contains(Modifier::BOLD));
        let today = style_of(&app, width, "Tara Today", "BONE");
        assert_eq!(today.fg, Color::Yellow, "due today: the urgent colour, as NO EXAM at {width}");
        assert!(today.modifier.contains(Modifier::BOLD));
        assert_eq!(style_of(&app, width, "Nell Noexam", "NO EXAM").fg, Color::Yellow);
        assert_eq!(style_of(&app, width, "Clara Clear", "-").fg, Color::Reset, "nothing open: plain");
    }

    // NO_COLOR: the words stay, the colour goes, the weight stays.
    let plain = common::app(common::context(Some(dir.path())), true);
    let overdue = style_of(&plain, 80, "Olive Overdue", "! BONE");
    assert_eq!(overdue.fg, Color::Reset);
    assert!(overdue.modifier.contains(Modifier::BOLD));
}

#[test]
fn the_round_colours_a_step_due_today_as_the_list_does() {
    use ratatui::crossterm::event::KeyCode;
    use ratatui::style::Color;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = steps_ward(dir.path());
    common::press(&mut app, KeyCode::Char('3'));
    let screen = common::screen(&app, 120, 40);
    assert!(screen.contains("DUE TODAY") || screen.contains("Consider a bone-modifying agent"), "{screen}");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| cordwatch::tui::views::draw(f, &app)).expect("draw");
    let buf = t.backend().buffer();
    let lines: Vec<String> = (0..40).map(|y| (0..120).map(|x| buf[(x, y)].symbol()).collect()).collect();
    // Each patient's heading, then their items: the first bone-agent line under each heading.
    let item_of = |name: &str| {
        let head = lines.iter().position(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}:\n{screen}"));
        let y = (head + 1..lines.len()).find(|&y| lines[y].contains("bone-modifying")).expect("the step");
        let x = lines[y].find("Consider").expect("title") as u16;
        let x = lines[y][..x as usize].chars().count() as u16;
        buf[(x, y as u16)].fg
    };
    assert_eq!(item_of("Olive Overdue"), Color::LightMagenta);
    assert_eq!(item_of("Tara Today"), Color::Yellow);
}
