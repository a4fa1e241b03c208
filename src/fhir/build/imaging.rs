//! Spine imaging: the request (a ServiceRequest), the study (an ImagingStudy, `registered` while
//! the result is pending), and once there is a result or a grade, the report (a
//! DiagnosticReport) with the Bilsky ESCC grade as an Observation of its own.

use super::super::codes;
use super::super::datatypes::{CodeableConcept, Reference};
use super::super::resources::{DiagnosticReport, ImagingStudy, Observation, Resource, ServiceRequest, Value};
use super::super::value_sets::{
    DiagnosticReportStatus, ImagingStudyStatus, ObservationStatus, RequestIntent, RequestStatus,
};
use super::{Builder, note, words};
use crate::model::{Imaging, ImagingResult};

/// The key of the report of the `n`th study, which the MSCC condition cites.
pub(super) fn report_key(n: usize) -> String {
    format!("imaging/{n}/report")
}

pub(super) fn add(b: &mut Builder<'_>) {
    for (n, study) in b.case.imaging.iter().enumerate() {
        let request = study.requested.map(|at| add_request(b, n, study, at));
        let study_ref = add_study(b, n, study, request);
        if study.done.is_some() && (study.result.is_some() || study.escc.is_some()) {
            let escc = add_escc(b, n, study, &study_ref);
            add_report(b, n, study, study_ref, escc);
        }
    }
}

fn add_request(b: &mut Builder<'_>, n: usize, study: &Imaging, at: crate::model::Stamp) -> Reference {
    let status = if study.done.is_some() { RequestStatus::Completed } else { RequestStatus::Active };
    let subject = b.subject();
    let authored = b.at(at);
    b.add(&format!("imaging/{n}/request"), |id| {
        Resource::ServiceRequest(ServiceRequest {
            id,
            status,
            intent: RequestIntent::Order,
            code: CodeableConcept::text(words(study.kind.label())),
            subject,
            authored_on: Some(authored),
        })
    })
}

fn add_study(b: &mut Builder<'_>, n: usize, study: &Imaging, request: Option<Reference>) -> Reference {
    let status = if study.done.is_some() { ImagingStudyStatus::Available } else { ImagingStudyStatus::Registered };
    let subject = b.subject();
    let started = study.done.map(|d| b.at(d));
    let note = note(study.note.as_ref());
    b.add(&format!("imaging/{n}/study"), |id| {
        Resource::ImagingStudy(ImagingStudy {
            id,
            status,
            modality: codes::modalities(study.kind).into_iter().map(|c| c.coding()).collect(),
            subject,
            started,
            based_on: request.into_iter().collect(),
            description: words(study.kind.label()),
            note,
        })
    })
}

fn add_escc(b: &mut Builder<'_>, n: usize, study: &Imaging, study_ref: &Reference) -> Option<Reference> {
    let grade = study.escc?;
    let subject = b.subject();
    let effective = study.done.map(|d| b.at(d));
    let derived_from = vec![study_ref.clone()];
    Some(b.add(&format!("imaging/{n}/escc"), |id| {
        Resource::Observation(Observation {
            id,
            status: ObservationStatus::Final,
            category: vec![codes::CATEGORY_IMAGING.concept(words("Imaging"))],
            code: CodeableConcept::text(words("Epidural spinal cord compression grade (Bilsky)")),
            subject,
            effective_date_time: effective,
            value: Some(Value::String(words(grade.to_string()))),
            derived_from,
            component: Vec::new(),
            note: Vec::new(),
        })
    }))
}

/// The report's conclusion in words.
fn conclusion(result: ImagingResult) -> &'static str {
    match result {
        ImagingResult::Stable => "stable disease",
        ImagingResult::Response => "response to treatment",
        ImagingResult::Progression => "progression",
        ImagingResult::NewLesion => "new lesion",
        ImagingResult::Mscc => "metastatic spinal cord compression",
        ImagingResult::NoMscc => "no metastatic spinal cord compression",
    }
}

fn add_report(b: &mut Builder<'_>, n: usize, study: &Imaging, study_ref: Reference, escc: Option<Reference>) {
    let subject = b.subject();
    let effective = study.done.map(|d| b.at(d));
    b.add(&report_key(n), |id| {
        Resource::DiagnosticReport(DiagnosticReport {
            id,
            status: DiagnosticReportStatus::Final,
            code: CodeableConcept::text(words(format!("{} report", study.kind.label()))),
            subject,
            effective_date_time: effective,
            result: escc.into_iter().collect(),
            imaging_study: vec![study_ref],
            conclusion: study.result.map(|r| words(conclusion(r))),
        })
    });
}
