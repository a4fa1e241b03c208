//! The rules that tie fields of one record together, each with its one message.
//!
//! A rule is checked where a record is made, whoever makes it: the case-file reader (where the
//! message comes with the record's line), the command line and the dashboard's forms (which build
//! the record and call the same check), and recording an event. So a rule is written here once and
//! said the same way everywhere.

use super::spine_level::{Escc, SpineLevel};
use super::time::{Date, Stamp};
use super::vocab::{BreastSubtype, ImagingKind, Primary};

/// A rule of one record, broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordRule {
    #[error(
        "cancer.subtype `{subtype}` is for breast cancer only, but primary is `{primary}`; remove the subtype or correct the primary"
    )]
    SubtypeNotBreast { subtype: BreastSubtype, primary: Primary },
    /// A sensory level without `sensory: level`; `sensory` is how the exam recorded sensation.
    #[error(
        "exam at {at}: sensory_level {level} is given but sensory is {sensory}; set `sensory: level` or remove sensory_level"
    )]
    LevelWithoutSensoryLevel { at: Stamp, level: SpineLevel, sensory: String },
    #[error(
        "an exam needs at least one finding (motor, sensory, bladder, bowel, gait, pain, pain score, Frankel, saddle or an MRC power grade)"
    )]
    ExamWithoutFinding,
    #[error("imaging {kind}: give `requested` (a pending request) or `done` (a completed study), or both")]
    ImagingWithoutTimes { kind: ImagingKind },
    #[error("imaging {kind}: done {done} is before requested {requested}; check both times")]
    DoneBeforeRequested { kind: ImagingKind, done: Stamp, requested: Stamp },
    #[error(
        "imaging {kind} done {done}: result `no_mscc` contradicts ESCC {escc}, which is cord compression; \
         correct the result (`mscc`) or the grade"
    )]
    NoMsccWithCompression { kind: ImagingKind, done: String, escc: Escc },
    #[error("imaging {kind} requested {requested}: a result or ESCC grade is given but there is no `done` time")]
    ResultWithoutDone { kind: ImagingKind, requested: String },
    #[error("radiotherapy starting {start}: end {end} is before the start")]
    CourseEndsBeforeStart { start: Date, end: Date },
    #[error("systemic `{regimen}`: stopped {stopped} is before the start {start}")]
    RegimenStoppedBeforeStart { regimen: String, start: Date, stopped: Date },
    #[error("steroid `{drug}`: stopped {stopped} is before the start {start}")]
    SteroidStoppedBeforeStart { drug: String, start: Stamp, stopped: Stamp },
    #[error("acknowledgement of {rule} at {at}: `closed` needs the reason the flag is closed")]
    ClosingWithoutReason { rule: String, at: Stamp },
    #[error("an acknowledgement needs the plan (or, to close the flag, the reason)")]
    AcknowledgementWithoutPlan,
    #[error("decision at {at}: give who decided and their role (a name without a role decides nothing)")]
    DecisionWithoutDecider { at: Stamp },
    #[error("a record struck at {at} needs `why`: the reason it is wrong, in words")]
    StrikeWithoutReason { at: Stamp },
    /// A ward or bed name too long to be one: pasted text, or another field typed in by mistake.
    #[error(
        "{field} is {chars} characters long; a {field} name is at most {PLACE_CHARS} characters (e.g. 7B, 12): check what was typed"
    )]
    PlaceTooLong { field: &'static str, chars: usize },
}

/// The longest ward or bed name taken (characters): far more than any ward or bed is called, and
/// short enough to fit its column on every screen and report.
pub const PLACE_CHARS: usize = 32;

/// The ward or bed rule: `value` given for `field` ("ward" or "bed") is at most [`PLACE_CHARS`]
/// characters.
pub fn check_place(field: &'static str, value: &str) -> Result<(), RecordRule> {
    let chars = value.trim().chars().count();
    if chars > PLACE_CHARS {
        return Err(RecordRule::PlaceTooLong { field, chars });
    }
    Ok(())
}
