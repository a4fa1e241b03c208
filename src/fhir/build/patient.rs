//! The Patient: the hospital number as its identifier, the name, sex and date of birth.

use super::super::datatypes::{FhirDate, FhirString, HumanName, Identifier};
use super::super::resources::{Patient, Resource};
use super::super::value_sets::AdministrativeGender;
use super::{Builder, words};
use crate::model::Sex;

pub(super) fn add(b: &mut Builder<'_>) {
    let case = b.case;
    let identifier = Identifier { system: b.options.identifier_system.to_string(), value: words(case.id.as_str()) };
    // A blank name is allowed in a case file; FHIR allows no blank string, so it is said so.
    let name = FhirString::new(case.name.safe()).unwrap_or_else(|| FhirString::lit("(name not recorded)"));
    let gender = case.sex.map(|s| match s {
        Sex::Female => AdministrativeGender::Female,
        Sex::Male => AdministrativeGender::Male,
        Sex::Other => AdministrativeGender::Other,
        Sex::Unknown => AdministrativeGender::Unknown,
    });
    b.add("patient", |id| {
        Resource::Patient(Patient {
            id,
            identifier: vec![identifier],
            name: vec![HumanName { text: name }],
            gender,
            birth_date: case.born.map(FhirDate::of),
        })
    });
}
