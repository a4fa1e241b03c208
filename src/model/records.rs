//! The records a case file lists — exams, imaging, treatment, steroids, acknowledgements,
//! reviews, referrals — each with the rules of its own fields.

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::bounded::{Fractions, Gray, Line, MgPerDay, MrcGrade, PainScore, Weeks};
use super::checked::checked_serde;
use super::clinician::by_line;
use super::rules::RecordRule;
use super::section::{Entry, Fields};
use super::spine_level::{Escc, LevelSpan, SpineLevel};
use super::text::Text;
use super::time::{Date, Stamp, TimeOfDay};
use super::vocab::*;

/// A neurological and pain examination.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Exam {
    /// When the patient was examined.
    pub at: Stamp,
    /// Who examined.
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Leg power; absent means not examined, never normal.
    pub motor: Option<Motor>,
    /// Sensation; absent means not examined.
    pub sensory: Option<Sensory>,
    /// The dermatome of a sensory level; only with `sensory: level`.
    pub sensory_level: Option<SpineLevel>,
    /// Bladder function; absent means not examined.
    pub bladder: Option<Bladder>,
    /// Bowel function; absent means not examined. `new_constipation` and `lost_anal_sensation`
    /// (loss of anal or rectal sensation) are bowel dysfunction as much as `incontinence` is.
    pub bowel: Option<Bowel>,
    /// Walking; absent means not examined.
    pub gait: Option<Gait>,
    /// Features of the pain; `cordwatch guidelines` describes each.
    #[serde(default)]
    pub pain: Vec<PainFeature>,
    /// Patient-reported pain, 0 (none) to 10 (worst imaginable).
    pub pain_score: Option<PainScore>,
    /// Frankel grade, A (complete) to E (normal).
    pub frankel: Option<Frankel>,
    /// Sensation in the saddle area (perineum, buttocks, inner thighs); `anaesthesia` is a red
    /// flag for cauda equina compression. Absent means not examined.
    pub saddle: Option<Saddle>,
    /// MRC power grade of the left arm, 0 to 5 (the weakest muscle group tested); absent means
    /// not graded.
    pub power_left_arm: Option<MrcGrade>,
    /// MRC power grade of the right arm, 0 to 5.
    pub power_right_arm: Option<MrcGrade>,
    /// MRC power grade of the left leg, 0 to 5.
    pub power_left_leg: Option<MrcGrade>,
    /// MRC power grade of the right leg, 0 to 5.
    pub power_right_leg: Option<MrcGrade>,
    /// Free text.
    pub note: Option<Text>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Exam {
    /// An exam at `at` with nothing recorded yet.
    pub fn blank(at: Stamp) -> Exam {
        Exam {
            at,
            by: None,
            role: None,
            motor: None,
            sensory: None,
            sensory_level: None,
            bladder: None,
            bowel: None,
            gait: None,
            pain: Vec::new(),
            pain_score: None,
            frankel: None,
            saddle: None,
            power_left_arm: None,
            power_right_arm: None,
            power_left_leg: None,
            power_right_leg: None,
            note: None,
            struck: None,
        }
    }

    /// The rules of one exam: a finding recorded, and a sensory level only with `sensory: level`.
    /// A file may hold an exam with no finding (the reader refuses only what contradicts
    /// itself); recording one is refused by [`Exam::check_recorded`].
    pub fn check(&self) -> Result<(), RecordRule> {
        if let Some(level) = self.sensory_level
            && self.sensory != Some(Sensory::Level)
        {
            let sensory = self.sensory.map_or("not recorded".to_string(), |s| format!("`{s}`"));
            return Err(RecordRule::LevelWithoutSensoryLevel { at: self.at, level, sensory });
        }
        Ok(())
    }

    /// The rules of an exam being recorded now: [`Exam::check`], and at least one finding.
    pub fn check_recorded(&self) -> Result<(), RecordRule> {
        if self.is_empty() {
            return Err(RecordRule::ExamWithoutFinding);
        }
        self.check()
    }

    /// Whether nothing was found or recorded (a note alone is not an examination).
    pub fn is_empty(&self) -> bool {
        self.motor.is_none()
            && self.sensory.is_none()
            && self.bladder.is_none()
            && self.bowel.is_none()
            && self.gait.is_none()
            && self.pain.is_empty()
            && self.pain_score.is_none()
            && self.frankel.is_none()
            && self.saddle.is_none()
            && self.power_left_arm.is_none()
            && self.power_right_arm.is_none()
            && self.power_left_leg.is_none()
            && self.power_right_leg.is_none()
    }
}
checked_serde!(Exam);

/// What the schema says when an imaging record has neither a request nor a result.
const AT_LEAST_ONE: &str = "Give `requested` (a pending request) or `done` (a completed study), or both.";

/// A spine imaging study: a request, a result, or both.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
// At least one of `requested` and `done`, given and not null: a schema can say this one, so an
// editor underlines an imaging record with neither.
#[schemars(extend("anyOf" = [
    { "required": ["requested"], "properties": { "requested": { "type": "string", "description": AT_LEAST_ONE } } },
    { "required": ["done"], "properties": { "done": { "type": "string", "description": AT_LEAST_ONE } } },
]))]
pub struct Imaging {
    /// The study.
    pub kind: ImagingKind,
    /// When it was requested; a request with no `done` is a pending result. A date alone is
    /// accepted for history copied from a letter.
    #[serde(default, deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub requested: Option<Stamp>,
    /// When it was done; absent while the result is pending. Must not be before `requested`. A
    /// date alone is accepted, as for `requested`.
    #[serde(default, deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub done: Option<Stamp>,
    /// Who recorded the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Text>,
    /// Who recorded the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_by: Option<Text>,
    /// The result; only with `done`. `no_mscc` with ESCC 2 or 3 is an error.
    pub result: Option<ImagingResult>,
    /// Bilsky grade; `1` alone is refused. Only with `done`.
    pub escc: Option<Escc>,
    /// The level or levels of the compression the study shows (`[T11]`, `[T4-T6, T11]`). Only
    /// with `done`. A treatment already under way answers a compression only at a level it is
    /// known to cover: a level not recorded is never taken as covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelSpan>,
    /// Free text.
    pub note: Option<Text>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Imaging {
    pub fn check(&self) -> Result<(), RecordRule> {
        let kind = self.kind;
        match (self.requested, self.done) {
            (None, None) => return Err(RecordRule::ImagingWithoutTimes { kind }),
            (Some(requested), Some(done)) if done < requested => {
                return Err(RecordRule::DoneBeforeRequested { kind, done, requested });
            }
            _ => {}
        }
        if self.result == Some(ImagingResult::NoMscc)
            && let Some(escc) = self.escc.filter(|e| e.is_compression())
        {
            let done = self.done.map(|d| d.to_string()).unwrap_or_default();
            return Err(RecordRule::NoMsccWithCompression { kind, done, escc });
        }
        if self.done.is_none() && (self.result.is_some() || self.escc.is_some() || !self.levels.is_empty()) {
            let requested = self.requested.map(|r| r.to_string()).unwrap_or_default();
            return Err(RecordRule::ResultWithoutDone { kind, requested });
        }
        Ok(())
    }

    pub fn is_pending(&self) -> bool {
        self.done.is_none()
    }
}
checked_serde!(Imaging);

/// A radiotherapy course: definitive treatment for cord compression, or after surgery; a start
/// later than now is a plan.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Radiotherapy {
    /// The treated site, as free text (`T6-T8`).
    pub site: Option<Text>,
    /// Total dose in gray.
    pub dose_gy: Option<Gray>,
    /// Number of fractions.
    pub fractions: Option<Fractions>,
    /// First day of the course; a date later than today is a plan.
    pub start: Date,
    /// Time of the first fraction (`14:30`), when known. QS56 statement 6 asks for treatment
    /// within 24 hours of the MRI: without a time, a course starting on the deadline's day cannot
    /// be judged in time or late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<TimeOfDay>,
    /// Last day of the course; absent while the course is under way.
    pub end: Option<Date>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Radiotherapy {
    /// "20 Gy in 5 fractions", "8 Gy in 1 fraction", "20 Gy", "5 fractions", or None.
    pub fn dose_words(&self) -> Option<String> {
        let fractions = |f: Fractions| if f.get() == 1 { "1 fraction".to_string() } else { format!("{f} fractions") };
        match (self.dose_gy, self.fractions) {
            (Some(d), Some(f)) => Some(format!("{d} Gy in {}", fractions(f))),
            (Some(d), None) => Some(format!("{d} Gy")),
            (None, Some(f)) => Some(fractions(f)),
            (None, None) => None,
        }
    }

    /// When the course started: the first fraction's time, or its day alone.
    pub fn started(&self) -> Stamp {
        crate::model::time::on_day(self.start, self.start_time)
    }

    pub fn check(&self) -> Result<(), RecordRule> {
        match self.end {
            Some(end) if end < self.start => Err(RecordRule::CourseEndsBeforeStart { start: self.start, end }),
            _ => Ok(()),
        }
    }
}
checked_serde!(Radiotherapy);

/// A spinal operation (decompression, stabilisation); a date later than today is a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Surgery {
    /// The day of the operation; a date later than today is a plan.
    pub date: Date,
    /// Time the operation started (`09:30`), when known: as for a radiotherapy course's
    /// `start_time`, it lets the audit judge treatment within 24 hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeOfDay>,
    /// The operation, as free text.
    pub procedure: Option<Text>,
    /// The levels operated on (`[T9-T11]`): the compression an operation already done is known
    /// to have treated. A level not recorded is never taken as covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelSpan>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Surgery {
    /// When the operation started, or its day alone.
    pub fn started(&self) -> Stamp {
        crate::model::time::on_day(self.date, self.time)
    }
}

/// A systemic anticancer regimen and its cycle.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Systemic {
    /// The drugs, as free text.
    pub regimen: Text,
    /// Line of systemic therapy.
    pub line: Option<Line>,
    /// First day of the regimen.
    pub start: Date,
    /// Length of one cycle; absent for continuous treatment.
    pub cycle_weeks: Option<Weeks>,
    /// Set when the regimen stops; no more cycles are scheduled.
    pub stopped: Option<Date>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Systemic {
    pub fn check(&self) -> Result<(), RecordRule> {
        match self.stopped {
            Some(stopped) if stopped < self.start => Err(RecordRule::RegimenStoppedBeforeStart {
                regimen: self.regimen.to_string(),
                start: self.start,
                stopped,
            }),
            _ => Ok(()),
        }
    }
}
checked_serde!(Systemic);

/// The bone-modifying agent: the drug, its interval, the doses given and the dental review
/// before the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoneAgent {
    /// The bone-protecting drug.
    pub drug: BoneDrug,
    /// Dose interval; overrides the guideline interval (4 weeks for both drugs) and must lie in
    /// the drug's range in `guidelines/bone_agents.yaml`.
    pub every_weeks: Option<Weeks>,
    /// Without one (or with one dated later than today), a dental review is due before the first
    /// dose.
    pub dental_review: Option<Date>,
    /// Doses given; the next is due `every_weeks` after the last.
    #[serde(default)]
    pub doses: Vec<Date>,
    /// Set when the agent is stopped; no dose falling due on or after it is scheduled.
    pub stopped: Option<Date>,
}

/// A corticosteroid course: the drug, the daily dose, when it started and stopped.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Steroid {
    /// The steroid, as free text (`dexamethasone`).
    pub drug: Text,
    /// Daily dose in mg; for a drug that `guidelines/pathway.yaml` lists, a dose outside its range
    /// is a problem with the file.
    pub mg_per_day: Option<MgPerDay>,
    /// When the course started.
    pub start: Stamp,
    /// When the course stopped; a dose change stops the old course and starts a new one.
    pub stopped: Option<Stamp>,
    /// Who recorded the start of the course.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Who recorded the stop (or the dose change that stopped it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_by: Option<Text>,
    /// Why this dose is the MSCC treatment chosen when it is below the cover dose of
    /// `guidelines/pathway.yaml` (dexamethasone 16 mg a day or its equivalent), e.g. "diabetes:
    /// 8 mg agreed with the oncologist". With it the lower dose counts as cover for the
    /// emergencies raised by the time it started; without it a lower dose is not MSCC treatment.
    pub reason: Option<Text>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Steroid {
    pub fn check(&self) -> Result<(), RecordRule> {
        match self.stopped {
            Some(stopped) if stopped < self.start => {
                Err(RecordRule::SteroidStoppedBeforeStart { drug: self.drug.to_string(), start: self.start, stopped })
            }
            _ => Ok(()),
        }
    }
}
checked_serde!(Steroid);

/// Steroid safety measures recorded as in place while a high corticosteroid dose runs: gastric
/// protection and blood-glucose monitoring (`steroids-safety` asks for both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SteroidSafety {
    /// When the measures were recorded as in place.
    pub at: Stamp,
    /// Gastric protection (a proton pump inhibitor, or another agent) is prescribed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gastric_protection: bool,
    /// Capillary blood-glucose monitoring is in place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub glucose_monitoring: bool,
    /// Who recorded them.
    pub by: Option<Text>,
    /// Free text ("omeprazole 20 mg; BM before lunch and tea").
    pub note: Option<Text>,
}

impl SteroidSafety {
    /// "gastric protection and glucose monitoring".
    pub fn measures(&self) -> String {
        let mut m = Vec::new();
        if self.gastric_protection {
            m.push("gastric protection");
        }
        if self.glucose_monitoring {
            m.push("glucose monitoring");
        }
        if m.is_empty() { "no measure".to_string() } else { m.join(" and ") }
    }
}

/// A clinician has seen a flag and made a plan; with `closed` the flag is closed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Acknowledgement {
    /// The id of the flag or pathway step acknowledged (`cordwatch guidelines` lists them).
    pub flag: RuleRef,
    /// Applies to flags of that rule raised at or before this time and still open then.
    pub at: Stamp,
    /// Who acknowledged.
    pub by: Option<Text>,
    /// The plan made.
    pub plan: Option<Text>,
    /// The reason the flag or step is closed without imaging or treatment, in words; an empty
    /// reason is an error.
    #[schemars(extend("pattern" = "\\S"))]
    pub closed: Option<Text>,
    /// Why an emergency flag is closed, as one of the closing reasons `guidelines/pathway.yaml`
    /// lists (`not_mscc_on_senior_review`...): an emergency is closed only with one, and with
    /// who decided and their role. `closed` stays the words beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RuleRef>,
    /// The role of who acknowledged or closed it: a name without a role closes no emergency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// For a closing reason that names a study done elsewhere: when the whole-spine MRI was
    /// done. A date alone is accepted, as for imaging.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub mri_at: Option<Stamp>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Acknowledgement {
    pub fn check(&self) -> Result<(), RecordRule> {
        match &self.closed {
            Some(reason) if reason.is_blank() => {
                Err(RecordRule::ClosingWithoutReason { rule: self.flag.to_string(), at: self.at })
            }
            _ => Ok(()),
        }
    }

    /// The rules of an acknowledgement being recorded now: [`Acknowledgement::check`], and a plan
    /// or a reason to close.
    pub fn check_recorded(&self) -> Result<(), RecordRule> {
        if self.plan.as_ref().is_none_or(Text::is_blank) && self.closed.is_none() {
            return Err(RecordRule::AcknowledgementWithoutPlan);
        }
        self.check()
    }
}
checked_serde!(Acknowledgement);

/// The id of a rule, as written in an acknowledgement (`mscc-neuro`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RuleRef(String);

impl RuleRef {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for RuleRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(RuleRef(s.to_string()))
        } else {
            Err(format!(
                "`{}` is not a rule id; rule ids are lower-case words joined by `-`, such as mscc-neuro \
                 (`cordwatch guidelines` lists them)",
                super::text::sanitize(s)
            ))
        }
    }
}

impl std::fmt::Display for RuleRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0)
    }
}

impl<'de> Deserialize<'de> for RuleRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// A referral to another team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// The team referred to.
    pub to: ReferralTo,
    /// When the referral was made; a date alone is accepted for history copied from a letter.
    #[serde(deserialize_with = "super::time::stamp_or_date")]
    #[schemars(with = "super::schema::StampOrDate")]
    pub at: Stamp,
    /// Who referred.
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// What came of it ("accepted; surgery planned Friday"), free text.
    pub outcome: Option<Text>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

/// Seen on a ward round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// When the patient was seen.
    pub at: Stamp,
    /// Who saw the patient.
    pub by: Option<Text>,
    /// Their role (`registrar`, `nurse`...), when known: from the clinician's own setting when the
    /// record is theirs, or as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Free text.
    pub note: Option<Text>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

/// A decision about definitive treatment for a confirmed (or suspected) cord compression: who
/// decided, in what role, what and why. A decision to treat starts the QS56 statement 6 clock
/// (radiotherapy within 24 hours of it); best supportive care or the patient's refusal closes the
/// treatment demand; "not MSCC" on senior review closes the episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// When the decision was made.
    pub at: Stamp,
    /// Who decided (a name): a decision with no name decides nothing.
    pub by: Option<Text>,
    /// Their role: only roles `guidelines/pathway.yaml` lets decide make the decision count.
    pub role: Option<Role>,
    /// What was decided.
    pub what: DecisionKind,
    /// Why, in words.
    pub why: Option<Text>,
    /// The episode decided: when the spine MRI that confirmed the compression was done. Absent,
    /// the episode open when the decision was made. A date alone is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub episode: Option<Stamp>,
    /// Set when the record was struck out as entered in error (`cordwatch record strike`): it stays
    /// in the file and is shown struck, and no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck: Option<super::strike::Strike>,
}

impl Decision {
    /// The rules of a decision being recorded now: who decided, by name and role.
    pub fn check_recorded(&self) -> Result<(), RecordRule> {
        if self.by.as_ref().is_none_or(Text::is_blank) || self.role.is_none() {
            return Err(RecordRule::DecisionWithoutDecider { at: self.at });
        }
        Ok(())
    }
}

/// A record known only by its date sorts at the start of its day on the timeline.
fn day(d: Date) -> Stamp {
    d.at(0, 0)
}

/// "T4-T6, T11", or None for no levels.
pub fn spans(levels: &[LevelSpan]) -> Option<String> {
    (!levels.is_empty()).then(|| levels.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", "))
}

/// " by Dr A Shah (registrar)", or nothing when no one is recorded.
fn by_suffix(by: &Option<Text>, role: Option<Role>) -> String {
    by.as_ref().map(|b| format!(" by {}", by_line(b, role))).unwrap_or_default()
}

fn safe_or(t: &Option<Text>, missing: &str) -> String {
    t.as_ref().map(Text::safe).unwrap_or_else(|| missing.into())
}

/// How an exam is named among the records dated ahead: the timeline counts an exam within the
/// clocks' margin at once, and tells it from the other records by this name.
pub const AN_EXAM: &str = "an exam";

impl Entry for Exam {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at)
            .text("by", self.by.as_ref())
            .opt("role", self.role)
            .opt("motor", self.motor)
            .opt("sensory", self.sensory);
        f.opt("sensory_level", self.sensory_level).opt("bladder", self.bladder).opt("bowel", self.bowel);
        f.opt("gait", self.gait).list("pain", &self.pain, false).opt("pain_score", self.pain_score);
        f.opt("frankel", self.frankel).opt("saddle", self.saddle);
        f.opt("power_left_arm", self.power_left_arm).opt("power_right_arm", self.power_right_arm);
        f.opt("power_left_leg", self.power_left_leg).opt("power_right_leg", self.power_right_leg);
        f.text("note", self.note.as_ref());
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.at.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = self.by.as_ref().map(|b| format!(" ({})", by_line(b, self.role))).unwrap_or_default();
        let note = self.note.as_ref().map(|n| format!(" — {}", n.safe())).unwrap_or_default();
        vec![(self.at, format!("exam{by}: {}{note}", super::event::exam_summary(self)))]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, AN_EXAM.into())]
    }

    fn moments(&self) -> Vec<Stamp> {
        vec![self.at]
    }

    fn not_ahead_moments(&self) -> Vec<Stamp> {
        vec![self.at]
    }
}

impl Entry for Imaging {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("kind", self.kind).opt("requested", self.requested).opt("done", self.done);
        f.opt("result", self.result).quoted("escc", self.escc).list("levels", &self.levels, false);
        f.text("note", self.note.as_ref()).text("requested_by", self.requested_by.as_ref());
        f.text("result_by", self.result_by.as_ref());
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        self.requested.or(self.done).map(|t| t.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let mut out = Vec::new();
        if let Some(r) = self.requested {
            let by = self.requested_by.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default();
            out.push((r, format!("{} requested{by}", self.kind.label())));
        }
        if let Some(d) = self.done {
            let result = self.result.map(|r| format!(", {r}")).unwrap_or_default();
            let escc = self.escc.map(|e| format!(", ESCC {e}")).unwrap_or_default();
            let levels = spans(&self.levels).map(|l| format!(" at {l}")).unwrap_or_default();
            let by = self.result_by.as_ref().map(|b| format!(" (recorded by {})", b.safe())).unwrap_or_default();
            out.push((d, format!("{} done{result}{escc}{levels}{by}", self.kind.label())));
        }
        out
    }

    /// The result when it is recorded (a result ahead with its request past is a pending request
    /// with a mistyped result), else the request.
    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        match (self.done, self.requested) {
            (Some(done), _) => vec![(done, format!("a {} result", self.kind))],
            (None, Some(requested)) => vec![(requested, format!("a {} request", self.kind))],
            (None, None) => Vec::new(),
        }
    }

    fn moments(&self) -> Vec<Stamp> {
        [self.requested, self.done].into_iter().flatten().collect()
    }

    fn not_ahead_moments(&self) -> Vec<Stamp> {
        self.done.or(self.requested).into_iter().collect()
    }
}

impl Entry for Radiotherapy {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.text("site", self.site.as_ref()).opt("dose_gy", self.dose_gy).opt("fractions", self.fractions);
        // Quoted: a YAML 1.1 reader would take 10:30 for the number 630 (base 60).
        f.plain("start", self.start).quoted("start_time", self.start_time).opt("end", self.end);
        f.text("by", self.by.as_ref()).opt("role", self.role);
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.start.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let site = safe_or(&self.site, "site ?");
        let dose = match (self.dose_gy, self.fractions) {
            (Some(g), Some(f)) => format!(" {g} Gy in {f}"),
            (Some(g), None) => format!(" {g} Gy"),
            _ => String::new(),
        };
        let by = by_suffix(&self.by, self.role);
        let mut out = vec![(day(self.start), format!("radiotherapy {site}{dose} starts{by}"))];
        if let Some(end) = self.end {
            out.push((day(end), format!("radiotherapy {site} ends")));
        }
        out
    }
}

impl Entry for Surgery {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("date", self.date).quoted("time", self.time).text("procedure", self.procedure.as_ref());
        f.list("levels", &self.levels, false).text("by", self.by.as_ref()).opt("role", self.role);
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.date.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let levels = spans(&self.levels).map(|l| format!(" ({l})")).unwrap_or_default();
        let by = by_suffix(&self.by, self.role);
        vec![(day(self.date), format!("surgery: {}{levels}{by}", safe_or(&self.procedure, "")))]
    }
}

impl Entry for Systemic {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.text("regimen", Some(&self.regimen)).opt("line", self.line).plain("start", self.start);
        f.opt("cycle_weeks", self.cycle_weeks).opt("stopped", self.stopped);
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.start.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let line = self.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        let mut out = vec![(day(self.start), format!("systemic starts: {}{line}", self.regimen.safe()))];
        if let Some(stopped) = self.stopped {
            out.push((day(stopped), format!("systemic stopped: {}", self.regimen.safe())));
        }
        out
    }
}

impl Entry for BoneAgent {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("drug", self.drug).opt("every_weeks", self.every_weeks).opt("dental_review", self.dental_review);
        f.list("doses", &self.doses, true).opt("stopped", self.stopped);
        f
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let mut out: Vec<(Stamp, String)> =
            self.doses.iter().map(|d| (day(*d), format!("{} dose", self.drug.as_str().replace('_', " ")))).collect();
        if let Some(d) = self.dental_review {
            out.push((day(d), "dental review".into()));
        }
        out
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        // Known by their dates alone: ahead only from the next day on.
        let mut out: Vec<(Stamp, String)> =
            self.doses.iter().map(|d| (Stamp::date_only(*d), format!("a {} dose", self.drug))).collect();
        out.extend(self.dental_review.map(|d| (Stamp::date_only(d), "a dental review".to_string())));
        out
    }
}

impl Entry for Steroid {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.text("drug", Some(&self.drug)).opt("mg_per_day", self.mg_per_day).plain("start", self.start);
        f.opt("stopped", self.stopped).text("reason", self.reason.as_ref());
        f.text("by", self.by.as_ref()).opt("role", self.role).text("stopped_by", self.stopped_by.as_ref());
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.start.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let dose = self.mg_per_day.map(|m| format!(" {m} mg/day")).unwrap_or_default();
        let why = self.reason.as_ref().map(|r| format!(" ({})", r.safe())).unwrap_or_default();
        let by = by_suffix(&self.by, self.role);
        let mut out = vec![(self.start, format!("{}{dose} started{why}{by}", self.drug.safe()))];
        if let Some(stopped) = self.stopped {
            let by = by_suffix(&self.stopped_by, None);
            out.push((stopped, format!("{}{dose} stopped{by}", self.drug.safe())));
        }
        out
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.start, format!("a {} course", self.drug.safe()))]
    }
}

impl Entry for Acknowledgement {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("flag", &self.flag).plain("at", self.at).text("by", self.by.as_ref());
        f.text("plan", self.plan.as_ref()).text("closed", self.closed.as_ref()).opt("reason", self.reason.as_ref());
        f.opt("role", self.role).opt("mri_at", self.mri_at);
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.at.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = match (&self.by, self.role) {
            (Some(by), Some(role)) => format!("{} ({})", by.safe(), role.label()),
            (by, _) => safe_or(by, "?"),
        };
        let what = match &self.closed {
            Some(reason) => format!("{} CLOSED by {by}: {}", self.flag, reason.safe()),
            None => format!("{} acknowledged by {by}: {}", self.flag, safe_or(&self.plan, "")),
        };
        vec![(self.at, what)]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, "an acknowledgement".into())]
    }
}

impl Entry for Review {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at).text("by", self.by.as_ref()).opt("role", self.role);
        f.text("note", self.note.as_ref());
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.at.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = self.by.as_ref().map_or("?".to_string(), |b| by_line(b, self.role));
        vec![(self.at, format!("reviewed by {by}: {}", safe_or(&self.note, "")))]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, "a review".into())]
    }
}

impl Entry for SteroidSafety {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at);
        f.opt("gastric_protection", self.gastric_protection.then_some(true));
        f.opt("glucose_monitoring", self.glucose_monitoring.then_some(true));
        f.text("by", self.by.as_ref()).text("note", self.note.as_ref());
        f
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = self.by.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default();
        let note = self.note.as_ref().map(|n| format!(": {}", n.safe())).unwrap_or_default();
        vec![(self.at, format!("steroid safety: {} recorded{by}{note}", self.measures()))]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, "a steroid safety record".into())]
    }
}

impl Entry for Referral {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("to", self.to).plain("at", self.at).text("by", self.by.as_ref()).opt("role", self.role);
        f.text("outcome", self.outcome.as_ref());
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.at.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = by_suffix(&self.by, self.role);
        let outcome = self.outcome.as_ref().map(|o| format!(": {}", o.safe())).unwrap_or_default();
        vec![(self.at, format!("referred to {}{by}{outcome}", self.to.label()))]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, format!("a referral to {}", self.to.label()))]
    }
}

impl Entry for Decision {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at).text("by", self.by.as_ref()).opt("role", self.role).plain("what", self.what);
        f.text("why", self.why.as_ref()).opt("episode", self.episode);
        f.map("struck", self.struck.as_ref().map(super::strike::Strike::written));
        f
    }

    fn named_at(&self) -> Option<String> {
        Some(self.at.to_string())
    }

    fn struck(&self) -> Option<&super::strike::Strike> {
        self.struck.as_ref()
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        let by = match (&self.by, self.role) {
            (Some(by), Some(role)) => format!(" by {} ({})", by.safe(), role.label()),
            (Some(by), None) => format!(" by {} (no role recorded)", by.safe()),
            (None, _) => " (no name recorded)".to_string(),
        };
        let why = self.why.as_ref().map(|w| format!(": {}", w.safe())).unwrap_or_default();
        vec![(self.at, format!("decision{by}: {}{why}", self.what.label()))]
    }

    fn not_ahead(&self) -> Vec<(Stamp, String)> {
        vec![(self.at, "a treatment decision".into())]
    }
}

/// Every record that can be struck keeps its strike in a field of its own, `struck`.
macro_rules! strikable {
    ($($kind:ty),+ $(,)?) => {
        $(impl super::strike::Strikable for $kind {
            fn struck_mut(&mut self) -> &mut Option<super::strike::Strike> {
                &mut self.struck
            }
        })+
    };
}

strikable!(Exam, Imaging, Radiotherapy, Surgery, Systemic, Steroid, Acknowledgement, Review, Referral, Decision);
