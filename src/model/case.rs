//! One patient's case file: the types of the case-file contract (`docs/case-format.md`): the
//! patient, the cancer and the spine, and the lists of records (in `records`) in the order the
//! file has them.
//!
//! Field names are the contract: other tools and tests write these files, so they never change.
//! Unknown keys are errors (`#[serde(deny_unknown_fields)]`), because a misspelt `bladdr:` that
//! was silently dropped would be a missed red flag. Checks that involve two fields of one record
//! (a sensory level without `sensory: level`, an MRI done before it was requested) run inside
//! deserialisation, so they are reported with the line of the record like every other error.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::bounded::{Count, Ecog, Kps, Months, Weeks};
use super::case_id::CaseId;
use super::checked::checked_serde;
use super::records::*;
use super::rules::RecordRule;
use super::section::{Entry, Fields, Layout, Section};
use super::spine_level::SpineLevel;
use super::text::Text;
use super::time::{Date, Stamp};
use super::vocab::*;

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
    /// Steroid safety measures recorded (gastric protection, blood-glucose monitoring).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steroid_safety: Vec<SteroidSafety>,
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
    /// Decisions about definitive treatment for cord compression, with who made them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The round's jobs on this patient, open, done or cancelled; none is ever removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jobs: Vec<super::jobs::Job>,
    /// Handover notes for the on-call team, each with who and when; the latest is in force.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handover: Vec<super::jobs::Handover>,
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
            steroid_safety: Vec::new(),
            follow_up: None,
            acknowledged: Vec::new(),
            reviews: Vec::new(),
            referrals: Vec::new(),
            decisions: Vec::new(),
            jobs: Vec::new(),
            handover: Vec::new(),
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

    /// The lists of records (and the single records written as maps), in the order the case file
    /// has them: what the writer writes, the timeline tells and the check for dates ahead reads.
    pub fn sections(&self) -> Vec<Section<'_>> {
        // Every field is named, so a list added to the case cannot be left out of its sections
        // without a compile error.
        let Case {
            id: _,
            name: _,
            family_name: _,
            given_names: _,
            nhs_number: _,
            born: _,
            sex: _,
            ward: _,
            bed: _,
            team: _,
            status: _,
            admitted: _,
            discharged: _,
            cancer: _,
            spine: _,
            exams,
            imaging,
            radiotherapy,
            surgery,
            systemic,
            bone_agent,
            steroids,
            steroid_safety,
            follow_up,
            acknowledged,
            reviews,
            referrals,
            decisions,
            jobs,
            handover,
            plan: _,
        } = self;
        vec![
            Section::list("exams", Layout::Block, exams),
            Section::list("imaging", Layout::Block, imaging),
            Section::list("radiotherapy", Layout::Line, radiotherapy),
            Section::list("surgery", Layout::Line, surgery),
            Section::list("systemic", Layout::Line, systemic),
            Section::single("bone_agent", bone_agent),
            Section::list("steroids", Layout::Line, steroids),
            Section::list("steroid_safety", Layout::Line, steroid_safety),
            Section::single("follow_up", follow_up),
            Section::list("acknowledged", Layout::Line, acknowledged),
            Section::list("reviews", Layout::Line, reviews),
            Section::list("referrals", Layout::Line, referrals),
            Section::list("decisions", Layout::Line, decisions),
            Section::list("jobs", Layout::Line, jobs),
            Section::list("handover", Layout::Block, handover),
        ]
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

    fn check(&self) -> Result<(), RecordRule> {
        match (self.subtype, self.primary) {
            (Some(subtype), Some(primary)) if !Cancer::subtype_fits(Some(primary), Some(subtype)) => {
                Err(RecordRule::SubtypeNotBreast { subtype, primary })
            }
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

/// How often follow-up imaging is due for this patient: by disease activity, or a set interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Chooses the imaging interval (16, 8 or 6 weeks; 12 when unset).
    pub disease_activity: Option<Activity>,
    /// Overrides every guideline imaging interval for this patient.
    pub imaging_every_weeks: Option<Weeks>,
}

impl Entry for FollowUp {
    fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.opt("disease_activity", self.disease_activity).opt("imaging_every_weeks", self.imaging_every_weeks);
        f
    }

    fn history(&self) -> Vec<(Stamp, String)> {
        Vec::new()
    }
}
