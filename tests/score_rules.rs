//! Scores and decision support against their published tables.

mod common;

use common::*;

fn score_at(case: &cordwatch::model::Case, now: &str) -> cordwatch::engine::Scores {
    cordwatch::engine::score(case, guidelines(), at(now))
}

const NOW: &str = "2026-11-23 08:00";

fn sins_case(
    location: &str,
    pain: &str,
    lesion: &str,
    alignment: &str,
    collapse: &str,
    posterolateral: &str,
) -> String {
    format!(
        "spine:\n  levels: [T7]\n  sins: {{ location: {location}, pain: {pain}, bone_lesion: {lesion}, alignment: {alignment}, collapse: {collapse}, posterolateral: {posterolateral} }}\n"
    )
}

#[test]
fn sins_worked_examples_give_the_published_totals() {
    for (args, total, band, opinion) in [
        (("semi_rigid", "mechanical", "lytic", "normal", "under_50", "unilateral"), 9, "potentially unstable", true),
        (("junctional", "mechanical", "lytic", "subluxation", "over_50", "bilateral"), 18, "unstable", true),
        (("semi_rigid", "none", "blastic", "normal", "none", "none"), 1, "stable", false),
        (
            ("junctional", "occasional", "mixed", "normal", "involved_over_50", "unilateral"),
            7,
            "potentially unstable",
            true,
        ),
        (("rigid", "none", "blastic", "normal", "none", "none"), 0, "stable", false),
    ] {
        let c = case(&sins_case(args.0, args.1, args.2, args.3, args.4, args.5));
        let s = score_at(&c, NOW).sins.expect("sins recorded");
        assert_eq!(s.total, Some(total), "{args:?}");
        assert_eq!(s.band.as_deref(), Some(band), "{args:?}");
        assert_eq!(s.surgical_opinion, Some(opinion), "{args:?}");
    }
}

#[test]
fn sins_bands_change_exactly_at_7_and_13() {
    // 6: semi_rigid 1 + mechanical 3 + lytic 2; 7: + unilateral 1.
    let six = sins_case("semi_rigid", "mechanical", "lytic", "normal", "none", "none");
    let seven = sins_case("semi_rigid", "mechanical", "lytic", "normal", "none", "unilateral");
    // 12: junctional 3 + mechanical 3 + lytic 2 + deformity 2 + under_50 2; 13: + unilateral 1.
    let twelve = sins_case("junctional", "mechanical", "lytic", "deformity", "under_50", "none");
    let thirteen = sins_case("junctional", "mechanical", "lytic", "deformity", "under_50", "unilateral");
    for (body, total, band) in [
        (six, 6, "stable"),
        (seven, 7, "potentially unstable"),
        (twelve, 12, "potentially unstable"),
        (thirteen, 13, "unstable"),
    ] {
        let s = score_at(&case(&body), NOW).sins.expect("sins");
        assert_eq!((s.total, s.band.as_deref()), (Some(total), Some(band)));
    }
}

#[test]
fn an_incomplete_sins_has_no_total_and_names_what_is_missing() {
    let c = case("spine:\n  sins: { location: junctional, pain: mechanical, bone_lesion: lytic }\n");
    let s = score_at(&c, NOW).sins.expect("partial sins");
    assert_eq!(s.total, None);
    assert_eq!(s.band, None);
    assert_eq!(s.missing, vec!["alignment", "collapse", "posterolateral"]);
    assert!(score_at(&case("spine: { levels: [T4] }\n"), NOW).sins.is_none(), "no SINS recorded at all");
}

#[test]
fn escc_comes_from_the_latest_spine_mri() {
    let c = case(&lines(&[
        "imaging:",
        "  - { kind: mri_whole_spine, done: 2026-10-01 10:00, escc: 1b }",
        "  - { kind: mri_spine, done: 2026-11-20 10:00, escc: 2 }",
        "  - { kind: ct, done: 2026-11-22 10:00, escc: 3 }",
    ]));
    let e = score_at(&c, NOW).escc.expect("escc");
    assert_eq!((e.grade.as_str(), e.band.as_str()), ("2", "high"), "CT grades do not count");
    let ungraded = case(&lines(&[
        "imaging:",
        "  - { kind: mri_spine, done: 2026-11-20 10:00, escc: 2 }",
        "  - { kind: mri_spine, done: 2026-11-21 10:00, result: stable }",
    ]));
    assert!(score_at(&ungraded, NOW).escc.is_none(), "the latest MRI was not graded: missing, not the older grade");
    for (grade, band) in [("0", "low"), ("1a", "low"), ("\"1b\"", "low"), ("1c", "1c"), ("3", "high")] {
        let c = case(&format!("imaging:\n  - {{ kind: mri_spine, done: 2026-11-20 10:00, escc: {grade} }}\n"));
        assert_eq!(score_at(&c, NOW).escc.map(|e| e.band), Some(band.to_string()), "{grade}");
    }
}

fn tokuhashi_case(kps: u32, extra: u32, levels: &str, visceral: &str, primary: &str, frankel: &str) -> String {
    format!(
        "cancer: {{ primary: {primary}, kps: {kps} }}\nspine: {{ levels: [{levels}], extraspinal_bone_mets: {extra}, visceral_mets: {visceral} }}\nexams:\n  - {{ at: 2026-11-20 08:00, frankel: {frankel} }}\n"
    )
}

#[test]
fn tokuhashi_totals_and_survival_bands() {
    // breast 5 + KPS 80 2 + no extraspinal 2 + one level 2 + no visceral 2 + Frankel E 2 = 15.
    let best = tokuhashi_case(80, 0, "T7", "none", "breast", "E");
    // lung 0 + KPS 40 0 + 3 extraspinal 0 + 3 levels 0 + unremovable 0 + Frankel A 0 = 0.
    let worst = tokuhashi_case(40, 3, "T7, T8, L2", "unremovable", "lung", "A");
    // renal 3 + KPS 70 1 + 2 extraspinal 1 + 2 levels 1 + removable 1 + Frankel D 1 = 8.
    let eight = tokuhashi_case(70, 2, "T7, L2", "removable", "renal", "D");
    // prostate 5 + KPS 50 1 + 1 extraspinal 1 + 2 levels 1 + removable 1 + Frankel B 0 = 9.
    let nine = tokuhashi_case(50, 1, "T7, L2", "removable", "prostate", "B");
    // thyroid 5 + KPS 90 2 + 1 extraspinal 1 + 2 levels 1 + removable 1 + Frankel D 1 = 11; 12 with one level.
    let eleven = tokuhashi_case(90, 1, "T7, L2", "removable", "thyroid", "D");
    let twelve = tokuhashi_case(90, 1, "T7", "removable", "thyroid", "D");
    for (body, total, band) in [
        (best, 15, "1 year or more"),
        (worst, 0, "under 6 months"),
        (eight, 8, "under 6 months"),
        (nine, 9, "6 months or more"),
        (eleven, 11, "6 months or more"),
        (twelve, 12, "1 year or more"),
    ] {
        let t = score_at(&case(&body), NOW).tokuhashi;
        assert_eq!((t.total, t.band.as_deref()), (Some(total), Some(band)), "{body}");
    }
}

#[test]
fn tokuhashi_never_guesses_a_missing_item() {
    let no_frankel = "cancer: { primary: breast, kps: 80 }\nspine: { levels: [T7], extraspinal_bone_mets: 0, visceral_mets: none }\nexams:\n  - { at: 2026-11-20 08:00, motor: normal }\n";
    let t = score_at(&case(no_frankel), NOW).tokuhashi;
    assert_eq!((t.total, t.missing.clone()), (None, vec!["palsy"]));
    let colorectal = tokuhashi_case(80, 0, "T7", "none", "colorectal", "E");
    assert_eq!(
        score_at(&case(&colorectal), NOW).tokuhashi.missing,
        vec!["primary"],
        "rectum and colon score differently"
    );
}

fn noms_case(primary: &str, escc: &str, life: u32, sins: &str) -> String {
    format!(
        "cancer: {{ primary: {primary}, life_expectancy_months: {life} }}\n{sins}imaging:\n  - {{ kind: mri_whole_spine, done: 2026-11-20 10:00, escc: {escc} }}\n"
    )
}

fn pathway(body: &str) -> String {
    score_at(&case(body), NOW).noms.pathway.join(" | ")
}

#[test]
fn noms_radiosensitive_tumours_go_to_conventional_radiotherapy_whatever_the_grade() {
    for primary in ["breast", "prostate", "myeloma", "lymphoma"] {
        for escc in ["0", "1c", "3"] {
            let p = pathway(&noms_case(primary, escc, 12, ""));
            assert!(p.starts_with("Conventional external-beam radiotherapy"), "{primary} {escc}: {p}");
        }
    }
}

#[test]
fn noms_radioresistant_tumours_follow_the_escc_grade_and_fitness() {
    assert!(pathway(&noms_case("renal", "1b", 12, "")).starts_with("Stereotactic radiotherapy"));
    assert!(pathway(&noms_case("melanoma", "1c", 12, "")).contains("contested"));
    assert!(pathway(&noms_case("renal", "2", 3, "")).starts_with("Separation surgery"), "3 months is enough");
    assert!(pathway(&noms_case("renal", "2", 2, "")).starts_with("Not fit for surgery"), "2 months is not");
    let unknown_life =
        "cancer: { primary: thyroid }\nimaging:\n  - { kind: mri_spine, done: 2026-11-20 10:00, escc: 3 }\n";
    let noms = score_at(&case(unknown_life), NOW).noms;
    assert!(noms.pathway[0].contains("life expectancy not recorded"), "{:?}", noms.pathway);
    assert!(noms.missing.contains(&"life expectancy"));
}

#[test]
fn noms_mechanical_instability_comes_first() {
    let unstable = sins_case("junctional", "mechanical", "lytic", "subluxation", "over_50", "bilateral");
    let p = pathway(&noms_case("breast", "1a", 12, &unstable));
    assert!(p.starts_with("Stabilisation"), "{p}");
    assert!(p.contains("Conventional external-beam"), "{p}");
    let borderline = sins_case("semi_rigid", "mechanical", "lytic", "normal", "under_50", "unilateral");
    assert!(pathway(&noms_case("renal", "0", 12, &borderline)).starts_with("Potentially unstable"));
}

#[test]
fn noms_names_every_missing_input() {
    let noms = score_at(&case(""), NOW).noms;
    for input in ["ESCC grade (spine MRI with escc)", "primary cancer", "SINS (all six components)", "life expectancy"]
    {
        assert!(noms.missing.contains(&input), "{input}: {:?}", noms.missing);
    }
    assert!(noms.pathway[0].starts_with("No pathway"));
    let deficit = score_at(&case("exams:\n  - { at: 2026-11-20 08:00, motor: weakness }\n"), NOW).noms;
    assert!(deficit.neurologic.contains("motor weakness"), "{}", deficit.neurologic);
}
