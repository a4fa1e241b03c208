//! The fields of an examination as a table: how each is read from an exam, whether it is
//! neurology, whether the guideline's severity scale judges its worsening, and its column in the
//! exam history. The engine's findings, its deterioration, the merging of exams of the same
//! minute and the exam table all walk this table, so an exam field is added in one row here (and
//! its key in the `Exam` type, the rules file and the form).

use super::bounded::MrcGrade;
use super::records::Exam;
use super::vocab::ExamField;

/// One exam field.
pub struct ExamFieldSpec {
    pub field: ExamField,
    /// The words the exam recorded in it: one, or for pain each of its features.
    pub words: fn(&Exam) -> Vec<&'static str>,
    /// Whether the exam looked at it (pain: any feature, or a pain score).
    pub examined: fn(&Exam) -> bool,
    /// The detail a finding of it carries (the dermatome of a sensory level).
    pub detail: fn(&Exam) -> Option<String>,
    /// Takes this field from another exam (of the same minute, the more severe one).
    pub copy: fn(&mut Exam, &Exam),
    /// Neurology rather than pain: only an exam that looked at one of these is an examination.
    pub neurology: bool,
    /// Worsening judged by the guideline's severity scale for the field (pain: by features that
    /// are new since the exam before).
    pub scaled: bool,
    /// Its column in the exam history: heading and width.
    pub column: (&'static str, usize),
    /// The short form of each word in that column.
    pub short: fn(&'static str) -> &'static str,
    /// Its column shows even when no exam in the history recorded it; the finer fields added
    /// later (saddle, power by limb) show only where they were recorded, so the table of a
    /// patient examined the older way reads as before.
    pub always_shown: bool,
}

impl ExamFieldSpec {
    /// The one word a single-word field recorded.
    pub fn word(&self, exam: &Exam) -> Option<&'static str> {
        (self.words)(exam).into_iter().next()
    }
}

fn one<T: Copy>(value: Option<T>, word: fn(T) -> &'static str) -> Vec<&'static str> {
    value.map(word).into_iter().collect()
}

fn none(_: &Exam) -> Option<String> {
    None
}

fn as_is(word: &'static str) -> &'static str {
    word
}

/// Six-letter forms of the exam words, for the history table.
fn short(word: &'static str) -> &'static str {
    match word {
        "weakness" => "weak",
        "paralysis" => "paral",
        "altered" => "alter",
        "retention" => "retain",
        "incontinence" => "incont",
        "unsteady" => "unstdy",
        "anaesthesia" => "anaes",
        other => other,
    }
}

/// Every exam field, in the order findings are listed.
pub const EXAM_FIELDS: [ExamFieldSpec; 12] = [
    ExamFieldSpec {
        field: ExamField::Motor,
        words: |e| one(e.motor, |v| v.as_str()),
        examined: |e| e.motor.is_some(),
        detail: none,
        copy: |to, from| to.motor = from.motor,
        neurology: true,
        scaled: true,
        column: ("motor", 6),
        short,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Sensory,
        words: |e| one(e.sensory, |v| v.as_str()),
        examined: |e| e.sensory.is_some(),
        detail: |e| {
            (e.sensory == Some(super::Sensory::Level)).then(|| e.sensory_level.map(|l| l.to_string())).flatten()
        },
        copy: |to, from| {
            to.sensory = from.sensory;
            to.sensory_level = from.sensory_level;
        },
        neurology: true,
        scaled: true,
        column: ("sensory", 8),
        short,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Bladder,
        words: |e| one(e.bladder, |v| v.as_str()),
        examined: |e| e.bladder.is_some(),
        detail: none,
        copy: |to, from| to.bladder = from.bladder,
        neurology: true,
        scaled: true,
        column: ("bladdr", 6),
        short,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Bowel,
        words: |e| one(e.bowel, |v| v.as_str()),
        examined: |e| e.bowel.is_some(),
        detail: none,
        copy: |to, from| to.bowel = from.bowel,
        neurology: true,
        scaled: true,
        column: ("bowel", 6),
        short,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Gait,
        words: |e| one(e.gait, |v| v.as_str()),
        examined: |e| e.gait.is_some(),
        detail: none,
        copy: |to, from| to.gait = from.gait,
        neurology: true,
        scaled: true,
        column: ("gait", 6),
        short,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Pain,
        words: |e| e.pain.iter().map(|p| p.as_str()).collect(),
        examined: |e| !e.pain.is_empty() || e.pain_score.is_some(),
        detail: none,
        copy: |to, from| {
            for p in &from.pain {
                if !to.pain.contains(p) {
                    to.pain.push(*p);
                }
            }
        },
        neurology: false,
        scaled: false,
        column: ("pain", 0),
        short: as_is,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Frankel,
        words: |e| one(e.frankel, |v| v.as_str()),
        examined: |e| e.frankel.is_some(),
        detail: none,
        copy: |to, from| to.frankel = from.frankel,
        neurology: true,
        scaled: true,
        column: ("Fr", 2),
        short: as_is,
        always_shown: true,
    },
    ExamFieldSpec {
        field: ExamField::Saddle,
        words: |e| one(e.saddle, |v| v.as_str()),
        examined: |e| e.saddle.is_some(),
        detail: none,
        copy: |to, from| to.saddle = from.saddle,
        neurology: true,
        scaled: true,
        column: ("saddle", 6),
        short,
        always_shown: false,
    },
    // MRC power of one limb, judged on the guideline's power scale: a fall of a grade is worse.
    ExamFieldSpec {
        field: ExamField::PowerLeftArm,
        words: |e| one(e.power_left_arm, MrcGrade::as_str),
        examined: |e| e.power_left_arm.is_some(),
        detail: none,
        copy: |to, from| to.power_left_arm = from.power_left_arm,
        neurology: true,
        scaled: true,
        column: ("LA", 2),
        short: as_is,
        always_shown: false,
    },
    // MRC power of one limb, judged on the guideline's power scale: a fall of a grade is worse.
    ExamFieldSpec {
        field: ExamField::PowerRightArm,
        words: |e| one(e.power_right_arm, MrcGrade::as_str),
        examined: |e| e.power_right_arm.is_some(),
        detail: none,
        copy: |to, from| to.power_right_arm = from.power_right_arm,
        neurology: true,
        scaled: true,
        column: ("RA", 2),
        short: as_is,
        always_shown: false,
    },
    // MRC power of one limb, judged on the guideline's power scale: a fall of a grade is worse.
    ExamFieldSpec {
        field: ExamField::PowerLeftLeg,
        words: |e| one(e.power_left_leg, MrcGrade::as_str),
        examined: |e| e.power_left_leg.is_some(),
        detail: none,
        copy: |to, from| to.power_left_leg = from.power_left_leg,
        neurology: true,
        scaled: true,
        column: ("LL", 2),
        short: as_is,
        always_shown: false,
    },
    // MRC power of one limb, judged on the guideline's power scale: a fall of a grade is worse.
    ExamFieldSpec {
        field: ExamField::PowerRightLeg,
        words: |e| one(e.power_right_leg, MrcGrade::as_str),
        examined: |e| e.power_right_leg.is_some(),
        detail: none,
        copy: |to, from| to.power_right_leg = from.power_right_leg,
        neurology: true,
        scaled: true,
        column: ("RL", 2),
        short: as_is,
        always_shown: false,
    },
];

impl ExamField {
    /// This field's row of the table.
    pub fn spec(self) -> &'static ExamFieldSpec {
        // The table is in the enum's order; a test keeps the two in step.
        &EXAM_FIELDS[self as usize]
    }
}

/// Whether an exam recorded any neurology (not only pain): only such an exam counts as an
/// examination for "not examined", and only such an exam can show or refute a deficit.
pub fn has_neurology(e: &Exam) -> bool {
    EXAM_FIELDS.iter().any(|f| f.neurology && (f.examined)(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_fields() {
        for (i, spec) in EXAM_FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{}", spec.field);
            assert_eq!(spec.field.spec().field, spec.field);
        }
    }
}
