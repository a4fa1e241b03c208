//! The FHIR R4 resources the export writes, with exactly the elements it fills.
//!
//! An element FHIR requires (cardinality 1..1) is a plain field, so a resource without it cannot
//! be built; one the export always fills though FHIR makes it optional (a condition's subject
//! is required anyway, an observation's subject is not) is plain too. Unknown elements are
//! refused on reading, so a bundle read back is the bundle that was written.

use serde::{Deserialize, Serialize};

use super::datatypes::*;
use super::value_sets::*;

/// One entry's resource, tagged with its `resourceType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "resourceType")]
pub enum Resource {
    Patient(Patient),
    Condition(Condition),
    Observation(Observation),
    ServiceRequest(ServiceRequest),
    ImagingStudy(ImagingStudy),
    DiagnosticReport(DiagnosticReport),
    Procedure(Procedure),
    MedicationStatement(MedicationStatement),
    Flag(Flag),
    Task(Task),
}

impl Resource {
    /// The resource type as FHIR names it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Resource::Patient(_) => "Patient",
            Resource::Condition(_) => "Condition",
            Resource::Observation(_) => "Observation",
            Resource::ServiceRequest(_) => "ServiceRequest",
            Resource::ImagingStudy(_) => "ImagingStudy",
            Resource::DiagnosticReport(_) => "DiagnosticReport",
            Resource::Procedure(_) => "Procedure",
            Resource::MedicationStatement(_) => "MedicationStatement",
            Resource::Flag(_) => "Flag",
            Resource::Task(_) => "Task",
        }
    }

    /// The resource's identity: the same UUID as its entry's full URL. A Patient in a
    /// transaction has none of its own (the server keeps the id it has).
    pub fn id(&self) -> Option<&Uuid> {
        Some(match self {
            Resource::Patient(r) => return r.id.as_ref(),
            Resource::Condition(r) => &r.id,
            Resource::Observation(r) => &r.id,
            Resource::ServiceRequest(r) => &r.id,
            Resource::ImagingStudy(r) => &r.id,
            Resource::DiagnosticReport(r) => &r.id,
            Resource::Procedure(r) => &r.id,
            Resource::MedicationStatement(r) => &r.id,
            Resource::Flag(r) => &r.id,
            Resource::Task(r) => &r.id,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Patient {
    /// Left out in a transaction: the Patient is matched on its hospital number there, and the
    /// receiving system keeps the id it already has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    pub identifier: Vec<Identifier>,
    pub name: Vec<HumanName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<AdministrativeGender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<FhirDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    pub id: Uuid,
    /// Left out when the file cannot say whether the condition is still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical_status: Option<Concept<ConditionClinical>>,
    pub verification_status: Concept<ConditionVerification>,
    pub code: CodeableConcept,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_site: Vec<CodeableConcept>,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset_date_time: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<ConditionEvidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionEvidence {
    pub detail: Vec<Reference>,
}

/// Observation.value[x], as the export writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    #[serde(rename = "valueString")]
    String(FhirString),
    #[serde(rename = "valueInteger")]
    Integer(i32),
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
}

// No `deny_unknown_fields` here: serde cannot combine it with the flattened value[x]; the
// round-trip tests compare whole bundles, so a stray element would still be caught there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub id: Uuid,
    pub status: ObservationStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<DateTime>,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<ObservationComponent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationComponent {
    pub code: CodeableConcept,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// An imaging request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceRequest {
    pub id: Uuid,
    pub status: RequestStatus,
    pub intent: RequestIntent,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<DateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImagingStudy {
    pub id: Uuid,
    pub status: ImagingStudyStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modality: Vec<Coding>,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub based_on: Vec<Reference>,
    pub description: FhirString,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiagnosticReport {
    pub id: Uuid,
    pub status: DiagnosticReportStatus,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imaging_study: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<FhirString>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Procedure {
    pub id: Uuid,
    pub status: ProcedureStatus,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performed_period: Option<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_site: Vec<CodeableConcept>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MedicationStatement {
    pub id: Uuid,
    pub status: MedicationStatementStatus,
    pub medication_codeable_concept: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_period: Option<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dosage: Vec<Dosage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dosage {
    pub text: FhirString,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dose_and_rate: Vec<DoseAndRate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flag {
    pub id: Uuid,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    pub status: FlagStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Task {
    pub id: Uuid,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    pub status: TaskStatus,
    /// Why a closed item closed ("answered: whole-spine MRI at ...", "closed by ...: reason").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<CodeableConcept>,
    pub intent: TaskIntent,
    pub priority: RequestPriority,
    pub code: CodeableConcept,
    pub description: FhirString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Reference>,
    #[serde(rename = "for")]
    pub patient: Reference,
    pub authored_on: DateTime,
    /// When it falls due; absent for a job with no due time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<TaskRestriction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// When the task falls due: the end of its period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRestriction {
    pub period: Period,
}
