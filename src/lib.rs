//! cordwatch: ward-round tracking for patients with spinal metastases.
//!
//! Layers, from the bottom: [`model`] (case types and validation) and [`engine`] (triage, scores,
//! schedules, checklist) are pure; [`guidelines`] holds the clinical rules as data; [`yaml`] is the
//! only code that reads or writes YAML text; [`store`] is the only code that touches the data
//! directory; [`cli`] and [`tui`] sit on top and reach the data only through the store.

pub mod cli;
pub mod demo;
pub mod engine;
pub mod guidelines;
pub mod labels;
pub mod model;
pub mod settings;
pub mod store;
pub mod tui;
pub mod ward;
pub mod yaml;
