//! The bad case files every reader of the contract must refuse: the parser with the line and the
//! words given here (tests/case_format.rs), and the JSON Schema wherever a schema can say the rule
//! (tests/schema.rs). Each entry says which, so a rule the schema leaves to the program is left
//! there on purpose, with the reason.

/// What the case file's JSON Schema makes of a bad input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// The schema refuses it too: an editor underlines it while it is typed.
    Refuses,
    /// The schema accepts it; only the program refuses it, for this reason.
    CannotSay(&'static str),
    /// Not a YAML document an editor can check at all (the schema never sees it).
    NotYaml,
}

/// One bad case file.
pub struct BadInput {
    pub text: String,
    /// The line the parser reports it at, where it reports one.
    pub line: Option<usize>,
    /// Words the parser's message must contain.
    pub words: Vec<&'static str>,
    pub schema: Schema,
}

const CROSS_FIELD: &str = "a rule between two fields of one record, left to the program (see src/model/schema.rs)";

/// Every bad input, in the order the contract's rules are told in docs/case-format.md.
pub fn bad_inputs() -> Vec<BadInput> {
    let head = "id: \"X1\"\nname: A Patient\n";
    let bad = |text: String, line: Option<usize>, words: Vec<&'static str>, schema: Schema| BadInput {
        text,
        line,
        words,
        schema,
    };
    use Schema::*;
    vec![
        bad(
            format!("{head}exams:\n  - at: 2026-11-21 08:30\n    bladdr: retention\n"),
            Some(5),
            vec!["unknown field `bladdr`", "did you mean `bladder`"],
            Refuses,
        ),
        bad(format!("{head}sex: femail\n"), Some(3), vec!["unknown variant `femail`", "female"], Refuses),
        bad(
            format!("{head}exams:\n  - at: 2026-11-21 08:30\n    motor: weak\n"),
            Some(5),
            vec!["unknown variant `weak`", "weakness"],
            Refuses,
        ),
        bad(format!("{head}born: 2026-02-30\n"), Some(3), vec!["not a real date"], Refuses),
        bad(format!("{head}born: 2026-02-29\n"), Some(3), vec!["not a real date"], Refuses),
        bad(format!("{head}born: 21/11/1958\n"), Some(3), vec!["expected YYYY-MM-DD"], Refuses),
        bad(
            format!("{head}exams:\n  - at: 2026-11-21 25:00\n    motor: normal\n"),
            Some(4),
            vec!["not a real time"],
            Refuses,
        ),
        bad(
            format!("{head}exams:\n  - at: 2026-11-21 08:30\n    pain_score: 11\n"),
            Some(5),
            vec!["11", "a pain score from 0 to 10"],
            Refuses,
        ),
        bad(format!("{head}spine:\n  levels: [T6, T13]\n"), Some(4), vec!["`T13` is not a spinal level"], Refuses),
        bad(format!("{head}cancer:\n  kps: 75\n"), Some(4), vec!["75", "Karnofsky"], Refuses),
        bad(
            format!("{head}imaging:\n  - kind: mri_whole_spine\n    escc: 1\n    done: 2026-11-21 10:00\n"),
            Some(5),
            vec!["1a, 1b or 1c"],
            Refuses,
        ),
        bad(
            format!("{head}exams:\n  - at: 2026-11-21 08:30\n    sensory: altered\n    sensory_level: T10\n"),
            Some(4),
            vec!["sensory_level T10", "`altered`"],
            CannotSay(CROSS_FIELD),
        ),
        bad(
            format!("{head}cancer:\n  primary: prostate\n  subtype: hr_positive\n"),
            Some(5),
            vec!["breast cancer only"],
            CannotSay(CROSS_FIELD),
        ),
        bad(
            format!("{head}imaging:\n  - kind: ct\n    requested: 2026-11-21 10:00\n    done: 2026-11-21 09:00\n"),
            Some(4),
            vec!["before requested"],
            CannotSay(
                "an order between two times: JSON Schema compares a value with constants, never with another value",
            ),
        ),
        bad(
            format!("{head}imaging:\n  - kind: mri_whole_spine\n    requested: 2026-11-21 10:00\n    result: mscc\n"),
            Some(4),
            vec!["no `done` time"],
            CannotSay(CROSS_FIELD),
        ),
        bad(format!("{head}imaging:\n  - kind: ct\n"), Some(4), vec!["`requested`", "`done`"], Refuses),
        bad("name: No Id\n".to_string(), Some(1), vec!["missing field `id`"], Refuses),
        bad("id: \"../etc/passwd\"\nname: x\n".to_string(), Some(1), vec!["not a usable case id"], Refuses),
        bad(
            "id: X1\nname: a\nid: X2\n".to_string(),
            None,
            vec!["duplicate field `id`"],
            CannotSay("a key given twice: a YAML reader keeps one of the two before any schema sees the file"),
        ),
        bad(format!("{head}exams:\n\t- at: 2026-11-21 08:30\n"), Some(4), vec!["tab"], NotYaml),
        bad(format!("{head}plan: note: with a colon\n"), Some(3), vec!["quotes"], NotYaml),
        bad("".to_string(), None, vec!["empty"], Refuses),
        bad(
            format!("{head}acknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-21 09:00, closed: \"\" }}\n"),
            Some(4),
            vec!["needs the reason"],
            Refuses,
        ),
        bad(
            format!("{head}steroids:\n  - {{ drug: dexamethasone, mg_per_day: -4, start: 2026-11-21 09:00 }}\n"),
            Some(4),
            vec!["mg"],
            Refuses,
        ),
    ]
}
