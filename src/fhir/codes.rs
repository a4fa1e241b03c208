//! Every code the export writes, in one table (docs/fhir.md lists it with its source).
//!
//! A code is here only when it was checked against its code system's own publication; anything
//! else is exported as text alone, because a wrong code is worse than none: a receiving system
//! would act on it.

use super::datatypes::{CodeableConcept, Coding, FhirString};

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
pub const DICOM: &str = "http://dicom.nema.org/resources/ontology/DCM";
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
pub const IDENTIFIER_TYPE: &str = "http://terminology.hl7.org/CodeSystem/v2-0203";
pub const FLAG_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/flag-category";

/// `Identifier.system` of the NHS number in England and Wales (NHS England's FHIR identifier).
pub const NHS_NUMBER_SYSTEM: &str = "https://fhir.nhs.uk/Id/nhs-number";
/// `Identifier.system` of the program's own names for open items (a Flag's or Task's
/// `<case>/<flag|task>/<rule>/<raised>`): how `sync` knows the items it wrote on a server from
/// another system's, and so never closes another system's.
pub const ITEM_SYSTEM: &str = "urn:cordwatch:item";
/// The `fhir_identifier_system` a new installation has; exporting with it is warned about, since
/// no receiving system knows it as a hospital-number scheme.
pub const DEFAULT_IDENTIFIER_SYSTEM: &str = "urn:cordwatch:hospital-number";

/// One entry of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub system: &'static str,
    pub code: &'static str,
    pub display: &'static str,
}

impl Code {
    pub fn coding(self) -> Coding {
        Coding { system: self.system.to_string(), code: self.code.to_string(), display: FhirString::new(self.display) }
    }

    /// The code with the program's own words as the text.
    pub fn concept(self, text: FhirString) -> CodeableConcept {
        CodeableConcept { coding: vec![self.coding()], text }
    }
}

/// Pain severity on the 0-10 verbal numeric rating scale.
pub const PAIN_SCORE: Code =
    Code { system: LOINC, code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" };
pub const ECOG: Code = Code { system: LOINC, code: "89247-1", display: "ECOG Performance Status score" };
pub const KARNOFSKY: Code = Code { system: LOINC, code: "89243-0", display: "Karnofsky Performance Status score" };
/// The disorder the spinal metastases condition is a kind of; the spine is its body site.
pub const SECONDARY_MALIGNANT_NEOPLASM: Code =
    Code { system: SNOMED, code: "128462008", display: "Secondary malignant neoplastic disease" };

pub const MODALITY_MR: Code = Code { system: DICOM, code: "MR", display: "Magnetic Resonance" };
pub const MODALITY_CT: Code = Code { system: DICOM, code: "CT", display: "Computed Tomography" };
pub const MODALITY_NM: Code = Code { system: DICOM, code: "NM", display: "Nuclear Medicine" };
pub const MODALITY_PT: Code = Code { system: DICOM, code: "PT", display: "Positron emission tomography" };

pub const CATEGORY_EXAM: Code = Code { system: OBSERVATION_CATEGORY, code: "exam", display: "Exam" };
pub const CATEGORY_IMAGING: Code = Code { system: OBSERVATION_CATEGORY, code: "imaging", display: "Imaging" };

/// The hospital number's identifier type: medical record number.
pub const MEDICAL_RECORD_NUMBER: Code = Code { system: IDENTIFIER_TYPE, code: "MR", display: "Medical record number" };
/// Every red flag is a clinical flag.
pub const FLAG_CLINICAL: Code = Code { system: FLAG_CATEGORY, code: "clinical", display: "Clinical" };
/// Any radiotherapy course.
pub const RADIOTHERAPY: Code =
    Code { system: SNOMED, code: "108290001", display: "Radiation oncology AND/OR radiotherapy" };

/// The primary cancer, where the case file's word names one site that SNOMED CT has a "primary
/// malignant neoplasm of" concept for (the mCODE primary-cancer value set's codes). Myeloma,
/// lymphoma, melanoma, colorectal and other stay text: no single one of those codes says what
/// the word says.
pub fn primary_cancer(primary: crate::model::Primary) -> Option<Code> {
    use crate::model::Primary::*;
    let (code, display) = match primary {
        Breast => ("372137005", "Primary malignant neoplasm of breast"),
        Prostate => ("93974005", "Primary malignant neoplasm of prostate"),
        Lung => ("93880001", "Primary malignant neoplasm of lung"),
        Renal => ("93849006", "Primary malignant neoplasm of kidney"),
        Thyroid => ("94098005", "Primary malignant neoplasm of thyroid gland"),
        _ => return None,
    };
    Some(Code { system: SNOMED, code, display })
}

/// The DICOM modalities of a kind of study. A plain radiograph is left without one: it may be
/// `CR` or `DX` depending on the machine, and the case file does not say which.
pub fn modalities(kind: crate::model::ImagingKind) -> Vec<Code> {
    use crate::model::ImagingKind::*;
    match kind {
        MriWholeSpine | MriSpine => vec![MODALITY_MR],
        Ct => vec![MODALITY_CT],
        BoneScan => vec![MODALITY_NM],
        PetCt => vec![MODALITY_PT, MODALITY_CT],
        Xray => Vec::new(),
    }
}

/// A month in UCUM.
pub const UCUM_MONTH: &str = "mo";
/// Milligrams a day in UCUM.
pub const UCUM_MG_PER_DAY: &str = "mg/d";
