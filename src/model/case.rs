//! One patient's case file: the types of the case-file contract (`docs/case-format.md`).
//!
//! Field names are the contract: other tools and tests write these files, so they never change.
//! Unknown keys are errors (`#[serde(deny_unknown_fields)]`), because a misspelt `bladdr:` that
//! was silently dropped would be a missed red flag. Checks that involve two fields of one record
//! (a sensory level without `sensory: level`, an MRI done before it was requested) run inside
//! deserialisation, so they are reported with the line of the record like every other error.

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::bounded::{Count, Ecog, Fractions, Gray, Kps, Line, MgPerDay, Months, PainScore, Weeks};
use super::case_id::CaseId;
use super::spine_level::{Escc, SpineLevel};
use super::text::Text;
use super::time::{Date, Stamp};
use super::vocab::*;

/// Gives a type whose serde impls were derived with `remote = "Self"` real `Deserialize` and
/// `Serialize` impls, running its `check` after the fields have been read.
macro_rules! checked_serde {
    ($name:ident) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = $name::deserialize(d)?;
                value.check().map_err(de::Error::custom)?;
                Ok(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, s)
            }
        }
    };
}

/// A whole case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: CaseId,
    pub name: Text,
    pub born: Option<Date>,
    pub sex: Option<Sex>,
    pub ward: Option<Text>,
    pub bed: Option<Text>,
    pub team: Option<Text>,
    pub status: Option<Status>,
    pub admitted: Option<Date>,
    /// Set when the case is discharged (and moved to the archive).
    pub discharged: Option<Date>,
    pub cancer: Option<Cancer>,
    pub spine: Option<Spine>,
    #[serde(default)]
    pub exams: Vec<Exam>,
    #[serde(default)]
    pub imaging: Vec<Imaging>,
    #[serde(default)]
    pub radiotherapy: Vec<Radiotherapy>,
    #[serde(default)]
    pub surgery: Vec<Surgery>,
    #[serde(default)]
    pub systemic: Vec<Systemic>,
    pub bone_agent: Option<BoneAgent>,
    #[serde(default)]
    pub steroids: Vec<Steroid>,
    pub follow_up: Option<FollowUp>,
    #[serde(default)]
    pub acknowledged: Vec<Acknowledgement>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Referrals to other teams (spinal surgeons, rehabilitation, the oncology MDT...).
    #[serde(default)]
    pub referrals: Vec<Referral>,
    pub plan: Option<Text>,
}

impl Case {
    /// A new case with only the two required fields.
    pub fn new(id: CaseId, name: Text) -> Case {
        Case {
            id,
            name,
            born: None,
            sex: None,
            ward: None,
            bed: None,
            team: None,
            status: None,
            admitted: None,
            discharged: None,
            cancer: None,
            spine: None,
            exams: Vec::new(),
            imaging: Vec::new(),
            radiotherapy: Vec::new(),
            surgery: Vec::new(),
            systemic: Vec::new(),
            bone_agent: None,
            steroids: Vec::new(),
            follow_up: None,
            acknowledged: Vec::new(),
            reviews: Vec::new(),
            referrals: Vec::new(),
            plan: None,
        }
    }

    pub fn primary(&self) -> Option<Primary> {
        self.cancer.as_ref().and_then(|c| c.primary)
    }

    pub fn is_inpatient(&self) -> bool {
        self.status == Some(Status::Inpatient)
    }

    pub fn is_discharged(&self) -> bool {
        self.status == Some(Status::Discharged)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Cancer {
    pub primary: Option<Primary>,
    /// Breast cancer only.
    pub subtype: Option<BreastSubtype>,
    pub histology: Option<Text>,
    pub diagnosed: Option<Date>,
    pub kps: Option<Kps>,
    pub ecog: Option<Ecog>,
    pub life_expectancy_months: Option<Months>,
}

impl Cancer {
    /// The subtype rule: a subtype is for breast cancer only. A subtype without a primary is
    /// allowed in a file (the primary may be filled in later) but not when a case is opened.
    pub fn subtype_fits(primary: Option<Primary>, subtype: Option<BreastSubtype>) -> bool {
        subtype.is_none() || primary == Some(Primary::Breast)
    }

    fn check(&self) -> Result<(), String> {
        match (self.subtype, self.primary) {
            (Some(sub), Some(p)) if !Cancer::subtype_fits(Some(p), Some(sub)) => Err(format!(
                "cancer.subtype `{sub}` is for breast cancer only, but primary is `{p}`; remove the subtype or correct the primary"
            )),
            _ => Ok(()),
        }
    }
}
checked_serde!(Cancer);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spine {
    #[serde(default)]
    pub levels: Vec<SpineLevel>,
    pub extraspinal_bone_mets: Option<Count>,
    pub visceral_mets: Option<Visceral>,
    pub sins: Option<SinsInputs>,
}

/// The six components of the Spinal Instability Neoplastic Score; any may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SinsInputs {
    pub location: Option<SinsLocation>,
    pub pain: Option<SinsPain>,
    pub bone_lesion: Option<BoneLesion>,
    pub alignment: Option<Alignment>,
    pub collapse: Option<Collapse>,
    pub posterolateral: Option<Posterolateral>,
}

/// A neurological and pain examination.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Exam {
    pub at: Stamp,
    pub by: Option<Text>,
    pub motor: Option<Motor>,
    pub sensory: Option<Sensory>,
    /// The dermatome of a sensory level; only with `sensory: level`.
    pub sensory_level: Option<SpineLevel>,
    pub bladder: Option<Bladder>,
    pub bowel: Option<Bowel>,
    pub gait: Option<Gait>,
    #[serde(default)]
    pub pain: Vec<PainFeature>,
    pub pain_score: Option<PainScore>,
    pub frankel: Option<Frankel>,
    pub note: Option<Text>,
}

impl Exam {
    /// An exam at `at` with nothing recorded yet.
    pub fn blank(at: Stamp) -> Exam {
        Exam {
            at,
            by: None,
            motor: None,
            sensory: None,
            sensory_level: None,
            bladder: None,
            bowel: None,
            gait: None,
            pain: Vec::new(),
            pain_score: None,
            frankel: None,
            note: None,
        }
    }

    fn check(&self) -> Result<(), String> {
        if let Some(level) = self.sensory_level
            && self.sensory != Some(Sensory::Level)
        {
            let sensory = self.sensory.map_or("not recorded".to_string(), |s| format!("`{s}`"));
            return Err(format!(
                "exam at {}: sensory_level {level} is given but sensory is {sensory}; \
                 set `sensory: level` or remove sensory_level",
                self.at
            ));
        }
        Ok(())
    }
}
checked_serde!(Exam);

/// A spine imaging study: a request, a result, or both.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Imaging {
    pub kind: ImagingKind,
    /// A date alone is accepted for history copied from a letter (see `Stamp`).
    #[serde(default, deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub requested: Option<Stamp>,
    /// Absent while the result is pending. A date alone is accepted, as for `requested`.
    #[serde(default, deserialize_with = "super::time::opt_stamp_or_date")]
    #[schemars(with = "Option<super::schema::StampOrDate>")]
    pub done: Option<Stamp>,
    pub result: Option<ImagingResult>,
    pub escc: Option<Escc>,
    pub note: Option<Text>,
}

impl Imaging {
    fn check(&self) -> Result<(), String> {
        match (self.requested, self.done) {
            (None, None) => {
                return Err(format!(
                    "imaging {}: give `requested` (a pending request) or `done` (a completed study), or both",
                    self.kind
                ));
            }
            (Some(r), Some(d)) if d < r => {
                return Err(format!("imaging {}: done {d} is before requested {r}; check both times", self.kind));
            }
            _ => {}
        }
        if self.result == Some(ImagingResult::NoMscc) && self.escc.is_some_and(Escc::is_compression) {
            return Err(format!(
                "imaging {} done {}: result `no_mscc` contradicts ESCC {}, which is cord compression; \
                 correct the result (`mscc`) or the grade",
                self.kind,
                self.done.map(|d| d.to_string()).unwrap_or_default(),
                self.escc.map(|e| e.to_string()).unwrap_or_default()
            ));
        }
        if self.done.is_none() && (self.result.is_some() || self.escc.is_some()) {
            return Err(format!(
                "imaging {} requested {}: a result or ESCC grade is given but there is no `done` time",
                self.kind,
                self.requested.map(|r| r.to_string()).unwrap_or_default()
            ));
        }
        Ok(())
    }

    pub fn is_pending(&self) -> bool {
        self.done.is_none()
    }
}
checked_serde!(Imaging);

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Radiotherapy {
    pub site: Option<Text>,
    pub dose_gy: Option<Gray>,
    pub fractions: Option<Fractions>,
    pub start: Date,
    /// Absent while the course is under way.
    pub end: Option<Date>,
}

impl Radiotherapy {
    fn check(&self) -> Result<(), String> {
        match self.end {
            Some(end) if end < self.start => {
                Err(format!("radiotherapy starting {}: end {end} is before the start", self.start))
            }
            _ => Ok(()),
        }
    }
}
checked_serde!(Radiotherapy);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Surgery {
    pub date: Date,
    pub procedure: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Systemic {
    pub regimen: Text,
    pub line: Option<Line>,
    pub start: Date,
    /// Length of one cycle; absent for continuous treatment.
    pub cycle_weeks: Option<Weeks>,
    /// Set when the regimen stops; its cycles are no longer scheduled.
    pub stopped: Option<Date>,
}

impl Systemic {
    fn check(&self) -> Result<(), String> {
        match self.stopped {
            Some(stopped) if stopped < self.start => {
                Err(format!("systemic `{}`: stopped {stopped} is before the start {}", self.regimen, self.start))
            }
            _ => Ok(()),
        }
    }
}
checked_serde!(Systemic);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoneAgent {
    pub drug: BoneDrug,
    /// Dose interval; the guideline default for the drug when absent.
    pub every_weeks: Option<Weeks>,
    pub dental_review: Option<Date>,
    #[serde(default)]
    pub doses: Vec<Date>,
    /// Set when the agent is stopped; no more doses are scheduled.
    pub stopped: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Steroid {
    pub drug: Text,
    pub mg_per_day: Option<MgPerDay>,
    pub start: Stamp,
    pub stopped: Option<Stamp>,
}

impl Steroid {
    fn check(&self) -> Result<(), String> {
        match self.stopped {
            Some(stopped) if stopped < self.start => {
                Err(format!("steroid `{}`: stopped {stopped} is before the start {}", self.drug, self.start))
            }
            _ => Ok(()),
        }
    }
}
checked_serde!(Steroid);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub disease_activity: Option<Activity>,
    /// Overrides the guideline imaging interval for this patient.
    pub imaging_every_weeks: Option<Weeks>,
}

/// A clinician has seen a flag and made a plan; with `closed` the flag is closed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Acknowledgement {
    /// The id of the rule whose flag this acknowledges (see `cordwatch guidelines`).
    pub flag: RuleRef,
    pub at: Stamp,
    pub by: Option<Text>,
    pub plan: Option<Text>,
    /// Why the flag is closed without imaging. A closure needs a reason.
    pub closed: Option<Text>,
}

impl Acknowledgement {
    fn check(&self) -> Result<(), String> {
        match &self.closed {
            Some(reason) if reason.is_blank() => Err(format!(
                "acknowledgement of {} at {}: `closed` needs the reason the flag is closed",
                self.flag, self.at
            )),
            _ => Ok(()),
        }
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
    pub to: ReferralTo,
    /// When the referral was made; a date alone is accepted for history copied from a letter.
    #[serde(deserialize_with = "super::time::stamp_or_date")]
    #[schemars(with = "super::schema::StampOrDate")]
    pub at: Stamp,
    pub by: Option<Text>,
    /// What came of it ("accepted; surgery planned Friday"), free text.
    pub outcome: Option<Text>,
}

/// Seen on a ward round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub at: Stamp,
    pub by: Option<Text>,
    pub note: Option<Text>,
}
