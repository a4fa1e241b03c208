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
use super::time::{Date, Stamp, TimeOfDay};
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
    /// Hospital number; names the file (`<id>.yaml`). Written quoted.
    pub id: CaseId,
    /// The patient's name.
    pub name: Text,
    /// The family name (surname), when it is recorded apart from `name`; exported to FHIR as
    /// `HumanName.family`.
    pub family_name: Option<Text>,
    /// The given names, first name first, when recorded apart from `name`.
    #[serde(default)]
    pub given_names: Vec<Text>,
    /// The NHS number: ten digits, spaces allowed ("943 476 5919"); the last is a check digit,
    /// and a number whose check digit does not match is refused. Written quoted.
    pub nhs_number: Option<super::nhs_number::NhsNumber>,
    /// Date of birth.
    pub born: Option<Date>,
    /// The patient's sex.
    pub sex: Option<Sex>,
    /// The ward; written quoted.
    #[schemars(with = "Option<super::schema::Quoted>")]
    pub ward: Option<Text>,
    /// The bed; written quoted so `12` is never read as a number.
    #[schemars(with = "Option<super::schema::Quoted>")]
    pub bed: Option<Text>,
    /// The team responsible.
    pub team: Option<Text>,
    /// Inpatients not examined within `not_examined_hours` (default 24) are listed as not examined.
    pub status: Option<Status>,
    /// Date of admission.
    pub admitted: Option<Date>,
    /// Set by `cordwatch discharge`, which also moves the file to the archive.
    pub discharged: Option<Date>,
    /// The primary cancer and the patient's performance status.
    pub cancer: Option<Cancer>,
    /// The spinal disease: involved levels, other metastases and the SINS components.
    pub spine: Option<Spine>,
    /// Neurological and pain examinations, in any order.
    #[serde(default)]
    pub exams: Vec<Exam>,
    /// Spine imaging: requests and results.
    #[serde(default)]
    pub imaging: Vec<Imaging>,
    /// Radiotherapy courses.
    #[serde(default)]
    pub radiotherapy: Vec<Radiotherapy>,
    /// Operations.
    #[serde(default)]
    pub surgery: Vec<Surgery>,
    /// Systemic anticancer treatment.
    #[serde(default)]
    pub systemic: Vec<Systemic>,
    /// A bone-protecting agent (denosumab or zoledronic acid) and its doses.
    pub bone_agent: Option<BoneAgent>,
    /// Steroid courses.
    #[serde(default)]
    pub steroids: Vec<Steroid>,
    /// How often the spine is re-imaged.
    pub follow_up: Option<FollowUp>,
    /// A clinician has seen a flag or a pathway step and made a plan; it does not stop the clock.
    #[serde(default)]
    pub acknowledged: Vec<Acknowledgement>,
    /// Seen on a ward round.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Referrals to other teams (spinal surgeons, rehabilitation, the oncology MDT...).
    #[serde(default)]
    pub referrals: Vec<Referral>,
    /// Free text; may span lines (`plan: |`).
    pub plan: Option<Text>,
}

impl Case {
    /// A new case with only the two required fields.
    pub fn new(id: CaseId, name: Text) -> Case {
        Case {
            id,
            name,
            family_name: None,
            given_names: Vec::new(),
            nhs_number: None,
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

/// The primary cancer: site, subtype, histology, when it was diagnosed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Cancer {
    /// The primary site; sets radiosensitivity (NOMS) and the Tokuhashi primary item.
    pub primary: Option<Primary>,
    /// Breast only: any other primary with a subtype is an error.
    pub subtype: Option<BreastSubtype>,
    /// The histology, as free text.
    pub histology: Option<Text>,
    /// Date of diagnosis.
    pub diagnosed: Option<Date>,
    /// Karnofsky performance status.
    pub kps: Option<Kps>,
    /// ECOG performance status.
    pub ecog: Option<Ecog>,
    /// The clinician's estimate; compared with the NOMS surgical threshold (3 months by default).
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

/// The spinal metastases: the levels involved, and what the scores need (SINS, visceral and
/// extraspinal disease).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spine {
    /// Involved vertebrae.
    #[serde(default)]
    pub levels: Vec<SpineLevel>,
    /// Count of bone metastases outside the spine, for Tokuhashi.
    pub extraspinal_bone_mets: Option<Count>,
    /// Visceral metastases, for Tokuhashi.
    pub visceral_mets: Option<Visceral>,
    /// The six SINS components (Fisher 2010); any may be absent, and then the total is shown as
    /// incomplete, never guessed.
    pub sins: Option<SinsInputs>,
}

/// The six components of the Spinal Instability Neoplastic Score; any may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SinsInputs {
    /// SINS location of the lesion.
    pub location: Option<SinsLocation>,
    /// SINS pain: mechanical, occasional or none.
    pub pain: Option<SinsPain>,
    /// SINS bone lesion quality.
    pub bone_lesion: Option<BoneLesion>,
    /// SINS radiographic spinal alignment.
    pub alignment: Option<Alignment>,
    /// SINS vertebral body collapse.
    pub collapse: Option<Collapse>,
    /// SINS posterolateral involvement of spinal elements.
    pub posterolateral: Option<Posterolateral>,
}

/// A neurological and pain examination.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Exam {
    /// When the patient was examined.
    pub at: Stamp,
    /// Who examined.
    pub by: Option<Text>,
    /// Leg power; absent means not examined, never normal.
    pub motor: Option<Motor>,
    /// Sensation; absent means not examined.
    pub sensory: Option<Sensory>,
    /// The dermatome of a sensory level; only with `sensory: level`.
    pub sensory_level: Option<SpineLevel>,
    /// Bladder function; absent means not examined.
    pub bladder: Option<Bladder>,
    /// Bowel function; absent means not examined.
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
    /// Free text.
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
    /// The result; only with `done`. `no_mscc` with ESCC 2 or 3 is an error.
    pub result: Option<ImagingResult>,
    /// Bilsky grade; `1` alone is refused. Only with `done`.
    pub escc: Option<Escc>,
    /// Free text.
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

/// How often follow-up imaging is due for this patient: by disease activity, or a set interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Chooses the imaging interval (16, 8 or 6 weeks; 12 when unset).
    pub disease_activity: Option<Activity>,
    /// Overrides every guideline imaging interval for this patient.
    pub imaging_every_weeks: Option<Weeks>,
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
    /// The reason the flag or step is closed without imaging or treatment; an empty reason is an
    /// error.
    #[schemars(extend("pattern" = "\\S"))]
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
    /// The team referred to.
    pub to: ReferralTo,
    /// When the referral was made; a date alone is accepted for history copied from a letter.
    #[serde(deserialize_with = "super::time::stamp_or_date")]
    #[schemars(with = "super::schema::StampOrDate")]
    pub at: Stamp,
    /// Who referred.
    pub by: Option<Text>,
    /// What came of it ("accepted; surgery planned Friday"), free text.
    pub outcome: Option<Text>,
}

/// Seen on a ward round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// When the patient was seen.
    pub at: Stamp,
    /// Who saw the patient.
    pub by: Option<Text>,
    /// Free text.
    pub note: Option<Text>,
}
