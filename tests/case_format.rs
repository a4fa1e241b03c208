//! The case-file contract: the example parses, every field survives a write and a read, every
//! example in the docs and every demo case parses, and each kind of bad input gets its error.

mod common;

use cordwatch::model::*;
use cordwatch::yaml::{self, write_case};
use proptest::prelude::*;

/// The full example of the case-file contract, as the issue and docs/case-format.md give it.
const CONTRACT_EXAMPLE: &str = r#"id: "RXH1042331"              # hospital number; always a string
name: Margaret Ellis
born: 1958-03-14
sex: female                   # female | male | other | unknown
ward: "7B"
bed: "12"
team: Clinical oncology (Dr Okafor)
status: inpatient             # inpatient | outpatient | discharged
admitted: 2026-11-18
cancer:
  primary: breast
  subtype: her2_positive
  histology: invasive ductal carcinoma
  diagnosed: 2023-05-02
  kps: 70
  ecog: 2
  life_expectancy_months: 18
spine:
  levels: [T6, T7, L2]
  extraspinal_bone_mets: 2
  visceral_mets: none
  sins:
    location: semi_rigid
    pain: mechanical
    bone_lesion: lytic
    alignment: normal
    collapse: under_50
    posterolateral: unilateral
exams:
  - at: 2026-11-21 08:30
    by: Dr Patel (SpR)
    motor: weakness
    sensory: level
    sensory_level: T10
    bladder: retention
    bowel: normal
    gait: unable
    pain: [thoracic, nocturnal, straining]
    pain_score: 7
    frankel: C
    note: new leg weakness since yesterday
imaging:
  - kind: mri_whole_spine
    requested: 2026-11-21 09:00
    done: 2026-11-21 14:10
    result: mscc
    escc: 2
radiotherapy:
  - { site: T6-T8, dose_gy: 20, fractions: 5, start: 2026-11-22, end: 2026-11-26 }
surgery:
  - { date: 2026-11-22, procedure: posterior decompression and stabilisation T6-T8 }
systemic:
  - { regimen: trastuzumab + pertuzumab + docetaxel, line: 1, start: 2026-06-01, cycle_weeks: 3 }
bone_agent:
  drug: denosumab
  every_weeks: 4
  dental_review: 2026-05-20
  doses: [2026-10-04, 2026-11-01]
steroids:
  - { drug: dexamethasone, mg_per_day: 16, start: 2026-11-21 09:10 }
follow_up:
  disease_activity: stable
  imaging_every_weeks: 12
acknowledged:
  - { flag: mscc-neuro, at: 2026-11-21 09:05, by: Dr Patel, plan: "MRI 14:00, dexamethasone given" }
reviews:
  - { at: 2026-11-22 09:40, by: Dr Okafor, note: "stable, continue plan" }
plan: |
  free text
"#;

fn parse(text: &str) -> Result<Case, yaml::YamlError> {
    yaml::from_str::<Case>(text)
}

#[test]
fn the_contract_example_parses_with_every_field() {
    let c = parse(CONTRACT_EXAMPLE).expect("the contract example parses");
    assert_eq!(c.id.as_str(), "RXH1042331");
    assert_eq!(c.bed.as_ref().map(Text::raw), Some("12"));
    assert_eq!(c.exams[0].sensory_level.map(|l| l.to_string()).as_deref(), Some("T10"));
    assert_eq!(c.exams[0].pain.len(), 3);
    assert_eq!(c.imaging[0].escc, Some(Escc::G2));
    assert_eq!(c.bone_agent.as_ref().map(|b| b.doses.len()), Some(2));
    assert_eq!(c.acknowledged[0].flag.as_str(), "mscc-neuro");
    assert_eq!(c.plan.as_ref().map(Text::raw), Some("free text\n"));
}

#[test]
fn writing_and_reading_back_keeps_every_field() {
    let c = parse(CONTRACT_EXAMPLE).expect("parses");
    let written = write_case(&c);
    let back = parse(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(back, c);
    assert!(written.contains("id: \"RXH1042331\""), "identifiers are quoted:\n{written}");
    assert!(written.contains("ward: \"7B\"") && written.contains("bed: \"12\""));
    assert!(
        written.contains("  - { site: T6-T8, dose_gy: 20, fractions: 5, start: 2026-11-22, end: 2026-11-26 }"),
        "{written}"
    );
    assert_eq!(write_case(&back), written, "writing is stable");
}

#[test]
fn only_id_and_name_are_required() {
    let c = parse("id: \"X1\"\nname: A Patient\n").expect("minimal case");
    assert!(c.exams.is_empty() && c.cancer.is_none());
    assert_eq!(parse(&write_case(&c)).expect("round trip"), c);
    let empty_lists = parse("id: X1\nname: A\nexams: []\nimaging: []\nreviews: []\n").expect("empty lists");
    assert!(empty_lists.exams.is_empty());
}

#[test]
fn every_demo_case_parses_except_the_deliberately_broken_one() {
    let now = Stamp::parse("2026-11-23 09:00").expect("stamp");
    for (name, text) in cordwatch::demo::ward(now) {
        let result = parse(&text);
        if name == cordwatch::demo::UNREADABLE_FILE {
            let err = result.expect_err("the demo's broken file");
            assert!(err.to_string().contains("did you mean `bladder`"), "{err}");
        } else {
            let case = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(case.id.file_name(), name);
            assert_eq!(parse(&write_case(&case)).expect("round trip"), case, "{name}");
        }
    }
}

#[test]
fn every_yaml_example_in_the_docs_parses() {
    let mut checked = 0;
    for doc in ["README.md", "docs/case-format.md"] {
        let text = std::fs::read_to_string(doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
        for block in text.split("```yaml\n").skip(1) {
            let block = block.split("```").next().unwrap_or_default();
            if block.lines().any(|l| l.starts_with("id:")) {
                parse(block).unwrap_or_else(|e| panic!("{doc}: example does not parse: {e}\n{block}"));
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "expected case examples in the docs, found {checked}");
}

/// Each bad input is refused, at its line, with words that say what was expected.
#[test]
fn bad_inputs_get_a_clear_error_with_line_and_expectation() {
    for common::bad_inputs::BadInput { text, line, words, .. } in common::bad_inputs::bad_inputs() {
        let err = parse(&text).expect_err(&format!("should be refused:\n{text}"));
        let message = err.to_string();
        if let Some(line) = line {
            assert_eq!(err.line, Some(line), "{message}\n{text}");
        }
        for w in words {
            assert!(message.contains(w), "`{w}` missing from: {message}\n{text}");
        }
    }
}

#[test]
fn binary_garbage_huge_files_and_alias_bombs_are_refused() {
    // How fast they are refused is measured in benches/hostile_input.rs.
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    assert!(yaml::from_bytes::<Case>(&garbage).is_err());
    let huge = format!("id: X1\nname: \"{}\"\n", "a".repeat(50 * 1024 * 1024));
    let err = yaml::from_bytes::<Case>(huge.as_bytes()).expect_err("50 MB");
    assert!(err.to_string().contains("KiB"), "{err}");
    let mut bomb = String::from("id: X1\nname: x\nplan: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 0..12 {
        let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!("k{i}: &b{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    assert!(parse(&bomb).is_err());
}

#[test]
fn control_and_bidi_characters_are_kept_but_never_shown_raw() {
    let c = parse("id: X1\nname: \"Ann\\u202Eeivad \\e[2J\"\n").expect("escaped text parses");
    assert!(c.name.raw().contains('\u{202E}'));
    let shown = c.name.to_string();
    assert!(!shown.chars().any(cordwatch::model::text::is_unsafe_char), "{shown}");
    assert!(shown.contains("\\u{202e}") && shown.contains("\\u{1b}"), "{shown}");
    let written = write_case(&c);
    assert!(!written.contains('\u{202E}') && !written.contains('\u{1b}'), "the file escapes them too: {written}");
    assert_eq!(parse(&written).expect("round trip"), c);
    let err = parse("id: X1\nname: x\nsex: \"\\u202Efemale\"\n").expect_err("bad vocab");
    assert!(!err.to_string().contains('\u{202E}'), "error messages are sanitised: {err}");
}

fn text_strategy() -> impl Strategy<Value = Text> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 .()'-]{0,30}",
        any::<String>(),
        "(yes|no|null|~|12|12:30|#x|- a|a: b|\"q\"|'s'|\\\\)",
        "[a-z ]{1,10}\n[a-z ]{0,10}\n?",
    ]
    .prop_map(Text::new)
}

fn stamp_strategy() -> impl Strategy<Value = Stamp> {
    (2000i16..2100, 1i8..=12, 1i8..=28, 0i8..24, 0i8..60)
        .prop_map(|(y, mo, d, h, mi)| Date::new(y, mo, d).expect("valid").at(h, mi))
}

fn exam_strategy() -> impl Strategy<Value = Exam> {
    (
        stamp_strategy(),
        proptest::option::of(text_strategy()),
        proptest::option::of(proptest::sample::select(Motor::ALL)),
        proptest::option::of(proptest::sample::select(Bladder::ALL)),
        proptest::collection::vec(proptest::sample::select(PainFeature::ALL), 0..4),
        proptest::option::of(text_strategy()),
    )
        .prop_map(|(at, by, motor, bladder, pain, note)| {
            let mut e = Exam::blank(at);
            e.by = by;
            e.motor = motor;
            e.bladder = bladder;
            e.pain = pain;
            e.note = note;
            e
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_case_survives_a_write_and_a_read(
        name in text_strategy(),
        ward in proptest::option::of(text_strategy()),
        bed in proptest::option::of(text_strategy()),
        exams in proptest::collection::vec(exam_strategy(), 0..4),
        plan in proptest::option::of(text_strategy()),
        reviews in proptest::collection::vec((stamp_strategy(), proptest::option::of(text_strategy())), 0..3),
        referrals in proptest::collection::vec(
            (proptest::sample::select(ReferralTo::ALL), stamp_strategy(), proptest::bool::ANY, proptest::option::of(text_strategy())),
            0..3,
        ),
        date_only_mri in proptest::option::of(stamp_strategy()),
    ) {
        let mut c = Case::new("RX1".parse().expect("id"), name);
        c.ward = ward;
        c.bed = bed;
        c.exams = exams;
        c.plan = plan;
        c.reviews = reviews.into_iter().map(|(at, note)| Review { at, by: None, role: None, note, struck: None }).collect();
        c.referrals = referrals
            .into_iter()
            .map(|(to, at, date_only, outcome)| Referral {
                to,
                at: if date_only { Stamp::date_only(at.date()) } else { at },
                by: None,
                role: None,
                outcome,
                struck: None,
            })
            .collect();
        if let Some(done) = date_only_mri {
            c.imaging.push(Imaging {
                kind: ImagingKind::MriWholeSpine,
                requested: None,
                done: Some(Stamp::date_only(done.date())),
                result: Some(ImagingResult::NoMscc),
                escc: None, levels: Vec::new(),
                note: None,
                requested_by: None,
                result_by: None,
                struck: None,
            });
        }
        let written = write_case(&c);
        let back = parse(&written);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), written);
        prop_assert_eq!(back.ok(), Some(c));
    }
}
