//! An examination: the neurology and the pain, as found at the bedside.

use crate::model::bounded::{MrcGrade, PainScore};
use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{AT, BY, NOTE};
use crate::record::{nothing_fixed, Built, Field, Input, InputError, Kind, KeyAction, Values, Vocab};

pub const KIND: Kind = Kind {
    command: "exam",
    about: "A neurological and pain examination",
    title: "Record an exam",
    action: Some(KeyAction { name: "exam", key: "x", describe: "record an exam" }),
    fields: &[
        Field::word("motor", "Motor", "normal | weakness | paralysis", Vocab::of::<Motor>(), "nwp"),
        Field::word("sensory", "Sensory", "normal | altered | level", Vocab::of::<Sensory>(), "nal"),
        Field::text(
            "sensory_level",
            "Sensory level",
            "Dermatome of a sensory level (with --sensory level), e.g. T10",
            "e.g. T10 (with sensory: level)",
        )
        .value_name("LEVEL"),
        Field::word("bladder", "Bladder", "normal | retention | incontinence", Vocab::of::<Bladder>(), "nri"),
        Field::word(
            "bowel",
            "Bowel",
            "normal | incontinence | new_constipation | lost_anal_sensation (loss of anal or rectal sensation)",
            Vocab::of::<Bowel>(),
            "nica",
        ),
        Field::word("gait", "Gait", "normal | unsteady | unable", Vocab::of::<Gait>(), "nux"),
        Field::text(
            "pain",
            "Pain features",
            "Pain features, comma-separated: thoracic, cervical, progressive_lumbar, severe_unremitting, \
             mechanical, straining, nocturnal, tenderness, radicular, claudication",
            "",
        )
        .input(Input::Words { vocab: Vocab::of::<PainFeature>(), keys: "tclsmgndrw" })
        .value_name("FEATURES"),
        Field::text("pain_score", "Pain score", "0-10", "").input(Input::Score { max: 10 }).value_name("0-10"),
        Field::word("frankel", "Frankel", "A-E", Vocab::of::<Frankel>(), "abcde").value_name("A-E"),
        Field::word(
            "saddle",
            "Saddle",
            "Saddle sensation: normal | anaesthesia (a red flag for cauda equina compression)",
            Vocab::of::<Saddle>(),
            "na",
        ),
        Field::text("power_left_arm", "Power L arm", "MRC power grade of the left arm, 0-5", "0-5")
            .input(Input::Score { max: 5 })
            .value_name("0-5"),
        Field::text("power_right_arm", "Power R arm", "MRC power grade of the right arm, 0-5", "0-5")
            .input(Input::Score { max: 5 })
            .value_name("0-5"),
        Field::text("power_left_leg", "Power L leg", "MRC power grade of the left leg, 0-5", "0-5")
            .input(Input::Score { max: 5 })
            .value_name("0-5"),
        Field::text("power_right_leg", "Power R leg", "MRC power grade of the right leg, 0-5", "0-5")
            .input(Input::Score { max: 5 })
            .value_name("0-5"),
        NOTE,
        AT,
        BY,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let mut e = Exam::blank(v.moment("at")?);
    e.by = v.by();
    e.motor = v.parsed("motor")?;
    e.sensory = v.parsed("sensory")?;
    // A level is typed as it is said on the ward, in either case (t10 or T10).
    e.sensory_level = match v.raw("sensory_level") {
        Some(level) => Some(level.to_uppercase().parse::<SpineLevel>().map_err(|err| v.error("sensory_level", err.to_string()))?),
        None => None,
    };
    e.bladder = v.parsed("bladder")?;
    e.bowel = v.parsed("bowel")?;
    e.gait = v.parsed("gait")?;
    e.pain = v.words("pain")?;
    e.pain_score = v.parsed::<PainScore>("pain_score")?;
    e.frankel = v.parsed("frankel")?;
    e.saddle = v.parsed("saddle")?;
    e.power_left_arm = v.parsed::<MrcGrade>("power_left_arm")?;
    e.power_right_arm = v.parsed::<MrcGrade>("power_right_arm")?;
    e.power_left_leg = v.parsed::<MrcGrade>("power_left_leg")?;
    e.power_right_leg = v.parsed::<MrcGrade>("power_right_leg")?;
    e.note = v.text("note");
    e.check().map_err(|rule| InputError::whole(rule.to_string()))?;
    Ok(Built::Event(Event::Exam(e)))
}
