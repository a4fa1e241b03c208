//! Building the bundle from cases and their assessments. Pure: the caller hands in the cases,
//! the engine's assessment of each at one moment, the guidelines and the settings; nothing here
//! reads files or the clock.
//!
//! Each submodule turns one part of the case file into resources; docs/fhir.md maps every field.

mod baseline;
mod conditions;
mod exams;
mod imaging;
mod jobs;
mod open_items;
mod patient;
mod treatment;

use super::bundle::{Bundle, BundleTag, Entry, EntryRequest};
use super::datatypes::{Annotation, DateTime, FhirString, FullUrl, Instant, Reference};
use super::ids;
use super::resources::Resource;
use super::value_sets::{BundleType, HttpVerb};
use crate::engine::Assessment;
use crate::guidelines::Guidelines;
use crate::model::time::WardZone;
use crate::model::{Case, Date, Stamp, Text};

/// The two kinds of bundle the export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleKind {
    /// The resources as they are, for a registry or a research database to read.
    Collection,
    /// Instructions for a FHIR server: each resource stored by PUT on its own id, the Patient by
    /// a conditional update on its hospital number, and the flags and items that have closed
    /// written with their closed status, so the server follows cordwatch.
    Transaction,
}

/// What the export needs besides the cases.
pub struct ExportOptions<'a> {
    pub kind: BundleKind,
    /// `Identifier.system` of the hospital number (the `fhir_identifier_system` setting).
    pub identifier_system: &'a str,
    /// The zone ward times are placed in.
    pub zone: &'a WardZone,
    pub guidelines: &'a Guidelines,
}

/// One patient to export: the case and the engine's assessment of it at the export's moment.
pub struct PatientRecord<'a> {
    pub case: &'a Case,
    pub assessment: &'a Assessment,
}

/// One bundle holding every resource of every patient, in the order given.
pub fn bundle(patients: &[PatientRecord<'_>], options: &ExportOptions<'_>, now: Stamp) -> Bundle {
    let mut entry = Vec::new();
    for record in patients {
        entry.extend(patient_entries(record, options));
    }
    let kind = match options.kind {
        BundleKind::Collection => BundleType::Collection,
        BundleKind::Transaction => {
            for e in &mut entry {
                e.request = Some(request(&e.resource, options.identifier_system));
            }
            BundleType::Transaction
        }
    };
    Bundle { resource_type: BundleTag::Bundle, kind, timestamp: Instant::of(now, options.zone), entry }
}

/// How a server is to store a resource: the Patient by its hospital number (found and updated,
/// or created when the server has none), everything else by PUT on its own stable id.
fn request(resource: &Resource, identifier_system: &str) -> EntryRequest {
    let url = match resource {
        Resource::Patient(p) => {
            let value = p.identifier.iter().find(|i| i.system == identifier_system).map(|i| i.value.as_str());
            format!("Patient?identifier={}|{}", query_escape(identifier_system), query_escape(value.unwrap_or("")))
        }
        other => format!("{}/{}", other.type_name(), other.id().map(|id| id.as_str()).unwrap_or_default()),
    };
    EntryRequest { method: HttpVerb::Put, url }
}

/// Percent-encodes what may not stand as it is in a URL's query (RFC 3986 unreserved characters
/// and `:` and `/` stay), so a hospital number or system with `&`, `#` or a space cannot change
/// the search.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The entries of one patient: the Patient first, then what the case file records, then what is
/// open for the patient now.
fn patient_entries(record: &PatientRecord<'_>, options: &ExportOptions<'_>) -> Vec<Entry> {
    // A struck record is not exported: no rule counts it, and no receiving system should either.
    let in_force = record.case.in_force();
    let record = PatientRecord { case: &in_force, assessment: record.assessment };
    let mut b = Builder::new(&record, options);
    patient::add(&mut b);
    conditions::add(&mut b);
    baseline::add(&mut b);
    exams::add(&mut b);
    imaging::add(&mut b);
    conditions::add_mscc(&mut b);
    treatment::add(&mut b);
    open_items::add(&mut b);
    jobs::add(&mut b);
    b.entries
}

/// Gathers one patient's entries; every resource gets its identity from the case id and a key
/// naming the record it comes from.
struct Builder<'a> {
    case: &'a Case,
    assessment: &'a Assessment,
    options: &'a ExportOptions<'a>,
    patient: Reference,
    entries: Vec<Entry>,
}

impl<'a> Builder<'a> {
    fn new(record: &PatientRecord<'a>, options: &'a ExportOptions<'a>) -> Builder<'a> {
        let patient = Reference { reference: FullUrl(ids::uuid(&record.case.id, "patient")) };
        Builder { case: record.case, assessment: record.assessment, options, patient, entries: Vec::new() }
    }

    /// The identity a record's resource has.
    fn id(&self, key: &str) -> super::datatypes::Uuid {
        ids::uuid(&self.case.id, key)
    }

    /// Adds the resource made from the identity of `key`, and returns a reference to it.
    fn add(&mut self, key: &str, make: impl FnOnce(super::datatypes::Uuid) -> Resource) -> Reference {
        let id = self.id(key);
        let entry = Entry { full_url: FullUrl(id.clone()), resource: make(id), request: None };
        let reference = entry.reference();
        self.entries.push(entry);
        reference
    }

    fn subject(&self) -> Reference {
        self.patient.clone()
    }

    fn at(&self, stamp: Stamp) -> DateTime {
        DateTime::of(stamp, self.options.zone)
    }

    fn today(&self) -> Date {
        self.assessment.now.date()
    }

    fn transaction(&self) -> bool {
        self.options.kind == BundleKind::Transaction
    }
}

/// Free text from the case file as a FHIR string: display-safe like every other output of the
/// program, line breaks kept; None when it is blank.
fn text(t: &Text) -> Option<FhirString> {
    FhirString::new(t.safe_multiline())
}

/// The program's own words.
fn words(s: impl AsRef<str>) -> FhirString {
    FhirString::new(s).unwrap_or_else(|| FhirString::lit("(no text)"))
}

/// A note from free text, when there is any.
fn note(t: Option<&Text>) -> Vec<Annotation> {
    t.and_then(text).map(|text| Annotation { text }).into_iter().collect()
}

/// A note in the program's own words.
fn note_words(s: impl AsRef<str>) -> Annotation {
    Annotation { text: words(s) }
}
