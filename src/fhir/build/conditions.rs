//! The Conditions: the spinal metastases every cordwatch patient has, the primary cancer when it
//! is recorded, and metastatic spinal cord compression once a spine MRI has confirmed it.

use super::super::codes;
use super::super::datatypes::{CodeableConcept, Concept, Reference};
use super::super::resources::{Condition, ConditionEvidence, Resource};
use super::super::value_sets::{ConditionClinical, ConditionVerification};
use super::{Builder, note, words};
use crate::model::{BreastSubtype, Imaging, ImagingResult};

pub(super) fn add(b: &mut Builder<'_>) {
    add_metastases(b);
    add_primary(b);
}

/// Spinal metastases: the reason the patient is on cordwatch at all, so always present and
/// active; the involved levels, when recorded, are its body site.
fn add_metastases(b: &mut Builder<'_>) {
    let levels: Vec<String> = b.case.spine.iter().flat_map(|s| s.levels.iter().map(|l| l.to_string())).collect();
    let site = if levels.is_empty() {
        "Spine (levels not recorded)".to_string()
    } else {
        format!("Vertebrae {}", levels.join(", "))
    };
    let subject = b.subject();
    b.add("condition/spinal-metastases", |id| {
        Resource::Condition(Condition {
            id,
            clinical_status: Some(Concept(ConditionClinical::Active)),
            verification_status: Concept(ConditionVerification::Confirmed),
            code: codes::SECONDARY_MALIGNANT_NEOPLASM.concept(words("Spinal metastases")),
            body_site: vec![CodeableConcept::text(words(site))],
            subject,
            onset_date_time: None,
            evidence: Vec::new(),
            note: Vec::new(),
        })
    });
}

/// The primary cancer, by the case file's words: the vocabulary is broader than any one code
/// ("other", a breast subtype), so it is text.
fn add_primary(b: &mut Builder<'_>) {
    let Some(cancer) = &b.case.cancer else { return };
    let Some(primary) = cancer.primary else { return };
    let subtype = match cancer.subtype {
        Some(BreastSubtype::HrPositive) => ", hormone-receptor positive",
        Some(BreastSubtype::Her2Positive) => ", HER2 positive",
        Some(BreastSubtype::TripleNegative) => ", triple negative",
        None => "",
    };
    let words_ = words(format!("Primary cancer: {primary}{subtype}"));
    let code = match codes::primary_cancer(primary) {
        Some(code) => code.concept(words_),
        None => CodeableConcept::text(words_),
    };
    let onset = cancer.diagnosed.map(super::super::datatypes::DateTime::date);
    let histology = note(cancer.histology.as_ref());
    let subject = b.subject();
    b.add("condition/primary", |id| {
        Resource::Condition(Condition {
            id,
            clinical_status: None,
            verification_status: Concept(ConditionVerification::Confirmed),
            code,
            body_site: Vec::new(),
            subject,
            onset_date_time: onset,
            evidence: Vec::new(),
            note: histology,
        })
    });
}

/// Whether a study confirms cord compression: the rule behind `mscc-treatment`.
pub(super) fn confirms_mscc(i: &Imaging) -> bool {
    i.kind.is_mri()
        && i.done.is_some()
        && (i.result == Some(ImagingResult::Mscc) || i.escc.is_some_and(|e| e.is_compression()))
}

/// MSCC, from the first spine MRI that confirmed it, with every confirming report as evidence.
/// Its clinical status is left out: whether the compression persists after treatment is not in
/// the case file.
pub(super) fn add_mscc(b: &mut Builder<'_>) {
    let confirming: Vec<(usize, &Imaging)> =
        b.case.imaging.iter().enumerate().filter(|(_, i)| confirms_mscc(i)).collect();
    let Some(first) = confirming.iter().filter_map(|(_, i)| i.done).min() else { return };
    let detail: Vec<Reference> = confirming
        .iter()
        .map(|(n, _)| Reference { reference: super::super::datatypes::FullUrl(b.id(&super::imaging::report_key(*n))) })
        .collect();
    let onset = b.at(first);
    let subject = b.subject();
    b.add("condition/mscc", |id| {
        Resource::Condition(Condition {
            id,
            clinical_status: None,
            verification_status: Concept(ConditionVerification::Confirmed),
            code: CodeableConcept::text(words("Metastatic spinal cord compression")),
            body_site: Vec::new(),
            subject,
            onset_date_time: Some(onset),
            evidence: vec![ConditionEvidence { detail }],
            note: Vec::new(),
        })
    });
}
