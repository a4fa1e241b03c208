//! The Patient: the hospital number (and the NHS number when recorded) as its identifiers, the
//! name with its parts when the case file gives them, sex and date of birth.

use super::super::codes;
use super::super::datatypes::{CodeableConcept, FhirDate, FhirString, HumanName, Identifier};
use super::super::resources::{Patient, Resource};
use super::super::value_sets::AdministrativeGender;
use super::{Builder, text, words};
use crate::model::Sex;

pub(super) fn add(b: &mut Builder<'_>) {
    let case = b.case;
    let mut identifier = vec![Identifier {
        kind: Some(CodeableConcept {
            coding: vec![codes::MEDICAL_RECORD_NUMBER.coding()],
            text: words("Hospital number"),
        }),
        system: b.options.identifier_system.to_string(),
        value: words(case.id.as_str()),
    }];
    if let Some(nhs) = &case.nhs_number {
        identifier.push(Identifier::new(codes::NHS_NUMBER_SYSTEM, words(nhs.as_str())));
    }
    // A blank name is allowed in a case file; FHIR allows no blank string, so it is said so.
    let name = FhirString::new(case.name.safe()).unwrap_or_else(|| FhirString::lit("(name not recorded)"));
    let family = case.family_name.as_ref().and_then(text);
    let given = case.given_names.iter().filter_map(text).collect();
    let gender = case.sex.map(|s| match s {
        Sex::Female => AdministrativeGender::Female,
        Sex::Male => AdministrativeGender::Male,
        Sex::Other => AdministrativeGender::Other,
        Sex::Unknown => AdministrativeGender::Unknown,
    });
    let transaction = b.transaction();
    b.add("patient", |id| {
        Resource::Patient(Patient {
            id: (!transaction).then_some(id),
            identifier,
            name: vec![HumanName { text: name, family, given }],
            gender,
            birth_date: case.born.map(FhirDate::of),
        })
    });
}
