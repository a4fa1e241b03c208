//! A record's moments without its words (`Entry::moments`, `Entry::not_ahead_moments`, what the
//! next change of a case is worked out from on every case of a ward) are exactly the moments of
//! its history and of what cannot be ahead, for every record of the demo ward and of thousands
//! of generated cases, and for an imaging record in each of its states.

use cordwatch::model::{Case, Stamp};
use cordwatch::yaml;

fn check(case: &Case) -> usize {
    let mut records = 0;
    for section in case.sections() {
        for entry in section.entries {
            let history: Vec<Stamp> = entry.history().into_iter().map(|(at, _)| at).collect();
            let not_ahead: Vec<Stamp> = entry.not_ahead().into_iter().map(|(at, _)| at).collect();
            assert_eq!(entry.moments(), history, "{}: {} in {}", section.key, case.id, case.name.raw());
            assert_eq!(entry.not_ahead_moments(), not_ahead, "{}: {}", section.key, case.id);
            records += 1;
        }
    }
    records
}

fn cases(files: Vec<(String, String)>) -> Vec<Case> {
    files.into_iter().filter_map(|(_, text)| yaml::from_bytes::<Case>(text.as_bytes()).ok()).collect()
}

#[test]
fn every_record_of_the_demo_ward_and_of_generated_cases_gives_the_moments_of_its_history() {
    let now = Stamp::parse("2026-11-23 09:00").expect("now");
    let mut all = cases(cordwatch::demo::ward(now));
    all.extend(cases(cordwatch::demo::population(3000, 7, now)));
    assert!(all.len() > 2900, "the generated cases are read");
    let records: usize = all.iter().map(check).sum();
    assert!(records > 5 * all.len(), "{records} records");
    let imaging = |f: fn(&cordwatch::model::records::Imaging) -> bool| all.iter().flat_map(|c| &c.imaging).any(f);
    assert!(imaging(|i| i.requested.is_some() && i.done.is_none()), "a request waiting");
    assert!(imaging(|i| i.requested.is_some() && i.done.is_some()), "a request answered");
}

#[test]
fn an_imaging_record_in_each_state_gives_the_moments_of_its_history() {
    let head = "id: M1\nname: Test Person\ncancer: { primary: breast }\n";
    for imaging in [
        "imaging: [{kind: mri_whole_spine, requested: 2026-11-20 10:00}]",
        "imaging: [{kind: mri_whole_spine, done: 2026-11-20 12:00, result: no_mscc}]",
        "imaging: [{kind: mri_whole_spine, requested: 2026-11-20 10:00, done: 2026-11-21, result: no_mscc}]",
        "imaging: [{kind: ct, requested: 2026-11-20, done: 2026-11-20 18:30, result: no_mscc}]",
    ] {
        let text = format!("{head}{imaging}\n");
        let case: Case = yaml::from_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{imaging}: {e}"));
        assert_eq!(check(&case), 1, "{imaging}");
    }
}
