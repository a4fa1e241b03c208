//! cordwatch: ward-round tracking for patients with spinal metastases.
//!
//! Layers, from the bottom:
//!
//! - [`model`] (case types and validation) and [`engine`] (triage, scores, schedules, checklist)
//!   are pure: no files, no terminal, no clock. [`guidelines`] holds the clinical rules as data.
//! - [`safe_file`] is the one guarded reader of files (regular files only, never more than a
//!   limit), under the store, the settings and the guidelines alike; [`out_file`] the one guarded
//!   writer of a file the user names (never over a link, a device or the ward's own files).
//! - [`yaml`] is the only code that reads or writes YAML text; [`store`] is the only code that
//!   touches the data directory; [`settings`] reads the config file (key bindings and colours
//!   included); [`ward`] assesses every case for the ward-wide views.
//! - [`context`] opens settings, guidelines and store at one moment, the program's one clock, and
//!   says whether a record may be written ([`context::Refusal`]).
//! - [`record`] is the record catalogue: each kind of record a clinician makes, declared once
//!   (fields, labels, keys, how it is built and checked), driving the command line's `record`
//!   subcommands and the dashboard's forms alike.
//! - [`present`] says what the program says about a case as plain text, once, for both front
//!   ends. Durations are worded by [`model::duration`], a leaf (numbers in, words out) below the
//!   engine, whose own sentences use it too, so a duration is worded the same everywhere.
//! - [`cli`] and [`tui`] sit on top, side by side: each stands on [`context`] and reaches the data
//!   only through the store. The command line knows the dashboard only to launch it (`cordwatch`
//!   with no command); the dashboard knows nothing of the command line.
//! - [`fhir`] builds the FHIR export from cases and their assessments; pure, like the engine, so
//!   the command line only chooses the cases and writes the result.
//! - [`import`] reads what a hospital's systems send (a CSV patient list, HL7 v2 ADT, FHIR
//!   Patients) into the model's types; pure, like [`fhir`]: the command line reads the files and
//!   writes the cases through the store.
//! - [`demo`] writes invented cases (the demo ward, synthetic populations) for the store to seed.

pub mod cli;
pub mod context;
pub mod demo;
pub mod engine;
pub mod fhir;
pub mod guidelines;
pub mod import;
pub mod model;
pub mod out_file;
pub mod present;
pub mod record;
pub mod safe_file;
pub mod settings;
pub mod store;
pub mod tui;
pub mod ward;
pub mod yaml;
