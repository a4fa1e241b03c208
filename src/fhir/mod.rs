//! FHIR R4 export: the cases as a `collection` Bundle for another clinical system, or as a
//! `transaction` that a FHIR server stores and that keeps it in step with cordwatch.
//!
//! The resources are typed ([`resources`], [`datatypes`], [`value_sets`]) so that a required
//! element cannot be left out and a status outside its value set cannot be written; building the
//! bundle ([`build`]) is pure, like the engine: it is handed the cases, their assessments and the
//! moment. `docs/fhir.md` maps every case-file field to its FHIR element and lists what is not
//! exported.

pub mod build;
pub mod bundle;
pub mod codes;
pub mod datatypes;
mod ids;
pub mod reconcile;
pub mod resources;
pub mod value_sets;

pub use build::{BundleKind, ExportOptions, PatientRecord, bundle};
pub use bundle::{Bundle, Entry};
