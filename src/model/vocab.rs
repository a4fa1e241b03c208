//! The closed vocabularies of the case-file contract.
//!
//! Every coded field in a case file takes one word from a fixed list. A word outside its list is an
//! error, never a silent default: a misspelt `retention` would otherwise hide a red flag. Each list
//! is declared once here, with the exact spelling the files use, and the same declaration gives
//! the parser, the writer, the command-line parser and the "expected one of" text of every error.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A word that is not in its vocabulary, with the list it should have come from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{found}` is not a valid {what}; expected one of: {expected}{hint}")]
pub struct VocabError {
    pub found: String,
    pub what: &'static str,
    pub expected: String,
    pub hint: String,
}

/// " — did you mean `x`?" when one candidate is close to what was typed.
pub fn did_you_mean<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let found = found.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&found, &c.to_ascii_lowercase()), c))
        .filter(|(distance, c)| *distance <= 2.min(c.len() / 2).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

fn vocab_error(found: &str, what: &'static str, all: &[&'static str]) -> VocabError {
    VocabError {
        found: crate::model::text::sanitize(found),
        what,
        expected: all.join(", "),
        hint: did_you_mean(found, all.iter().copied()),
    }
}

/// A closed list of words with its values, so a front end can offer the words (tab completion,
/// help) without knowing each list.
pub trait Vocabulary: FromStr<Err = VocabError> + Copy + Send + Sync + 'static {
    fn vocabulary_words() -> Vec<&'static str>;
    /// This word, as the case file spells it.
    fn word(&self) -> &'static str;
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[doc = concat!("A ", $what, ": one of" $(, " `", $text, "`")+, ".")]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every word of the vocabulary, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What the vocabulary names, for error messages.
            pub const WHAT: &'static str = $what;

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn words() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl Vocabulary for $name {
            fn vocabulary_words() -> Vec<&'static str> {
                Self::words()
            }
            fn word(&self) -> &'static str {
                self.as_str()
            }
        }

        impl FromStr for $name {
            type Err = VocabError;
            fn from_str(s: &str) -> Result<Self, VocabError> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| vocab_error(s, $what, &Self::words()))
            }
        }
    };
}

vocabulary!(Sex, "sex" { Female => "female", Male => "male", Other => "other", Unknown => "unknown" });

vocabulary!(Status, "status" {
    Inpatient => "inpatient", Outpatient => "outpatient", Discharged => "discharged",
});

vocabulary!(Primary, "primary cancer" {
    Breast => "breast", Prostate => "prostate", Lung => "lung", Renal => "renal",
    Myeloma => "myeloma", Lymphoma => "lymphoma", Thyroid => "thyroid", Melanoma => "melanoma",
    Colorectal => "colorectal", Other => "other",
});

vocabulary!(BreastSubtype, "breast cancer subtype" {
    HrPositive => "hr_positive", Her2Positive => "her2_positive", TripleNegative => "triple_negative",
});

vocabulary!(Visceral, "visceral metastasis status" {
    None => "none", Removable => "removable", Unremovable => "unremovable",
});

vocabulary!(SinsLocation, "SINS location" {
    Junctional => "junctional", Mobile => "mobile", SemiRigid => "semi_rigid", Rigid => "rigid",
});

vocabulary!(SinsPain, "SINS pain" { Mechanical => "mechanical", Occasional => "occasional", None => "none" });

vocabulary!(BoneLesion, "SINS bone lesion" { Lytic => "lytic", Mixed => "mixed", Blastic => "blastic" });

vocabulary!(Alignment, "SINS alignment" {
    Subluxation => "subluxation", Deformity => "deformity", Normal => "normal",
});

vocabulary!(Collapse, "SINS vertebral body collapse" {
    Over50 => "over_50", Under50 => "under_50", InvolvedOver50 => "involved_over_50", None => "none",
});

vocabulary!(Posterolateral, "SINS posterolateral involvement" {
    Bilateral => "bilateral", Unilateral => "unilateral", None => "none",
});

vocabulary!(Motor, "motor finding" { Normal => "normal", Weakness => "weakness", Paralysis => "paralysis" });

vocabulary!(Sensory, "sensory finding" { Normal => "normal", Altered => "altered", Level => "level" });

vocabulary!(Bladder, "bladder finding" {
    Normal => "normal", Retention => "retention", Incontinence => "incontinence",
});

vocabulary!(Bowel, "bowel finding" {
    Normal => "normal", Incontinence => "incontinence", NewConstipation => "new_constipation",
    LostAnalSensation => "lost_anal_sensation",
});

vocabulary!(Saddle, "saddle sensation finding" { Normal => "normal", Anaesthesia => "anaesthesia" });

vocabulary!(Gait, "gait finding" { Normal => "normal", Unsteady => "unsteady", Unable => "unable" });

vocabulary!(PainFeature, "pain feature" {
    Thoracic => "thoracic", Cervical => "cervical", ProgressiveLumbar => "progressive_lumbar",
    SevereUnremitting => "severe_unremitting", Mechanical => "mechanical", Straining => "straining",
    Nocturnal => "nocturnal", Tenderness => "tenderness", Radicular => "radicular",
    Claudication => "claudication",
});

vocabulary!(Frankel, "Frankel grade" { A => "A", B => "B", C => "C", D => "D", E => "E" });

vocabulary!(ImagingKind, "imaging kind" {
    MriWholeSpine => "mri_whole_spine", MriSpine => "mri_spine", Ct => "ct", BoneScan => "bone_scan",
    PetCt => "pet_ct", Xray => "xray",
});

impl ImagingKind {
    /// Whether the study is an MRI: the Bilsky ESCC scale grades MRI.
    pub fn is_mri(self) -> bool {
        matches!(self, ImagingKind::MriWholeSpine | ImagingKind::MriSpine)
    }

    /// How people on a ward name the study.
    pub fn label(self) -> &'static str {
        match self {
            ImagingKind::MriWholeSpine => "whole-spine MRI",
            ImagingKind::MriSpine => "spine MRI",
            ImagingKind::Ct => "CT",
            ImagingKind::BoneScan => "bone scan",
            ImagingKind::PetCt => "PET-CT",
            ImagingKind::Xray => "X-ray",
        }
    }
}

vocabulary!(ImagingResult, "imaging result" {
    Stable => "stable", Response => "response", Progression => "progression",
    NewLesion => "new_lesion", Mscc => "mscc", NoMscc => "no_mscc",
});

vocabulary!(ReferralTo, "referral destination" {
    SpinalSurgery => "spinal_surgery", Rehabilitation => "rehabilitation", OncologyMdt => "oncology_mdt",
    PalliativeCare => "palliative_care", MsccCoordinator => "mscc_coordinator", Physiotherapy => "physiotherapy",
});

impl ReferralTo {
    /// How people on a ward name the team.
    pub fn label(self) -> &'static str {
        match self {
            ReferralTo::SpinalSurgery => "spinal surgeons",
            ReferralTo::Rehabilitation => "rehabilitation",
            ReferralTo::OncologyMdt => "oncology MDT",
            ReferralTo::PalliativeCare => "palliative care",
            ReferralTo::MsccCoordinator => "MSCC coordinator",
            ReferralTo::Physiotherapy => "physiotherapy",
        }
    }
}

vocabulary!(Role, "clinical role" {
    ConsultantClinicalOncologist => "consultant_clinical_oncologist",
    ConsultantMedicalOncologist => "consultant_medical_oncologist",
    SpinalSurgeon => "spinal_surgeon",
    PalliativeMedicineConsultant => "palliative_medicine_consultant",
    Consultant => "consultant",
    Registrar => "registrar",
    MsccCoordinator => "mscc_coordinator",
    JuniorDoctor => "junior_doctor",
    Nurse => "nurse",
    AlliedHealth => "allied_health",
    Other => "other",
});

impl Role {
    /// How people on a ward name the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::ConsultantClinicalOncologist => "consultant clinical oncologist",
            Role::ConsultantMedicalOncologist => "consultant medical oncologist",
            Role::SpinalSurgeon => "spinal surgeon",
            Role::PalliativeMedicineConsultant => "palliative medicine consultant",
            Role::Consultant => "consultant",
            Role::Registrar => "registrar",
            Role::MsccCoordinator => "MSCC coordinator",
            Role::JuniorDoctor => "junior doctor",
            Role::Nurse => "nurse",
            Role::AlliedHealth => "allied health professional",
            Role::Other => "other role",
        }
    }
}

vocabulary!(DecisionKind, "treatment decision" {
    Radiotherapy => "radiotherapy",
    Surgery => "surgery",
    SurgeryThenRadiotherapy => "surgery_then_radiotherapy",
    BestSupportiveCare => "best_supportive_care",
    DeclinedByPatient => "declined_by_patient",
    NotMsccOnReview => "not_mscc_on_review",
});

impl DecisionKind {
    /// Whether the decision is to give definitive treatment: it starts the 24-hour clock of
    /// QS56 statement 6 (decision to treat to treatment).
    pub fn is_to_treat(self) -> bool {
        matches!(self, DecisionKind::Radiotherapy | DecisionKind::Surgery | DecisionKind::SurgeryThenRadiotherapy)
    }

    /// Whether it sets a ceiling of care: no MRI or definitive treatment for cord compression is
    /// to be pursued (best supportive care, or the patient declined).
    pub fn is_ceiling(self) -> bool {
        matches!(self, DecisionKind::BestSupportiveCare | DecisionKind::DeclinedByPatient)
    }

    /// How the decision is said in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Radiotherapy => "radiotherapy",
            DecisionKind::Surgery => "surgery",
            DecisionKind::SurgeryThenRadiotherapy => "surgery then radiotherapy",
            DecisionKind::BestSupportiveCare => "best supportive care",
            DecisionKind::DeclinedByPatient => "treatment declined by the patient",
            DecisionKind::NotMsccOnReview => "not MSCC on senior review",
        }
    }
}

vocabulary!(BoneDrug, "bone-modifying agent" { Denosumab => "denosumab", ZoledronicAcid => "zoledronic_acid" });

vocabulary!(Activity, "disease activity" { Stable => "stable", Active => "active", Progressing => "progressing" });

/// An exam field that a rule can read: the names are the case-file keys. How each is read is
/// the table in `model::exam_fields`, in this order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamField {
    Motor,
    Sensory,
    Bladder,
    Bowel,
    Gait,
    Pain,
    Frankel,
    Saddle,
    PowerLeftArm,
    PowerRightArm,
    PowerLeftLeg,
    PowerRightLeg,
}

impl ExamField {
    pub fn as_str(self) -> &'static str {
        match self {
            ExamField::Motor => "motor",
            ExamField::Sensory => "sensory",
            ExamField::Bladder => "bladder",
            ExamField::Bowel => "bowel",
            ExamField::Gait => "gait",
            ExamField::Pain => "pain",
            ExamField::Frankel => "frankel",
            ExamField::Saddle => "saddle",
            ExamField::PowerLeftArm => "power_left_arm",
            ExamField::PowerRightArm => "power_right_arm",
            ExamField::PowerLeftLeg => "power_left_leg",
            ExamField::PowerRightLeg => "power_right_leg",
        }
    }

    /// The limb an MRC power grade is of ("left leg"), for the power fields.
    pub fn limb(self) -> Option<&'static str> {
        match self {
            ExamField::PowerLeftArm => Some("left arm"),
            ExamField::PowerRightArm => Some("right arm"),
            ExamField::PowerLeftLeg => Some("left leg"),
            ExamField::PowerRightLeg => Some("right leg"),
            _ => None,
        }
    }
}

impl fmt::Display for ExamField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_their_spelling() {
        for m in Motor::ALL {
            assert_eq!(m.as_str().parse::<Motor>().expect("own spelling"), *m);
        }
        assert_eq!("zoledronic_acid".parse::<BoneDrug>(), Ok(BoneDrug::ZoledronicAcid));
    }

    #[test]
    fn an_unknown_word_lists_the_vocabulary_and_suggests() {
        let err = "retension".parse::<Bladder>().expect_err("misspelt");
        let text = err.to_string();
        assert!(text.contains("normal, retention, incontinence"), "{text}");
        assert!(text.contains("did you mean `retention`?"), "{text}");
        let far = "xyz".parse::<Bladder>().expect_err("unknown");
        assert!(!far.to_string().contains("did you mean"), "{far}");
    }

    #[test]
    fn spelling_is_exact() {
        assert!("Weakness".parse::<Motor>().is_err());
        assert!("c".parse::<Frankel>().is_err());
    }
}
