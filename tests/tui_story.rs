//! The list tells the same story as `triage`: the `+N` after a flag counts the patient's other
//! open flags and pathway steps, as the help says.

use cordwatch::tui::app::App;

mod common;

fn app() -> App {
    common::app(common::context(None), false)
}

#[test]
fn plus_n_after_a_flag_counts_the_open_steps_too() {
    let app = app();
    let row = app.rows.iter().find(|r| r.case().is_some_and(|c| c.name.raw() == "Nora Jensen")).expect("Nora");
    let a = row.assessment.as_ref().expect("assessed");
    assert_eq!(a.open_flags().count(), 1, "the fixture: one flag");
    let steps = a.open_pathway().count();
    assert!(steps >= 1, "the fixture: and the steroid step open");
    let label = cordwatch::present::flag_label(row, false);
    assert!(label.starts_with("!! MSCC") && label.ends_with(&format!(" +{steps}")), "{label}");
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
