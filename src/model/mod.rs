//! The case model: the types of the case-file contract, their vocabularies and their validation.
//!
//! Pure: nothing here reads files, the terminal or the clock.

pub mod bounded;
pub mod case;
pub mod case_id;
mod checked;
pub mod clinician;
pub mod demographics;
pub mod duration;
pub mod event;
pub mod exam_fields;
pub mod jobs;
pub mod new_case;
pub mod nhs_number;
pub mod problem;
pub mod records;
pub mod rules;
pub mod schema;
pub mod section;
pub mod spine_level;
pub mod strike;
pub mod text;
pub mod time;
pub mod vocab;

pub use case::*;
pub use case_id::CaseId;
pub use clinician::Clinician;
pub use jobs::{Handover, Job, JobStatus};
pub use new_case::{NewCase, NewCaseError};
pub use nhs_number::NhsNumber;
pub use problem::{Problem, ProblemKind};
pub use records::*;
pub use spine_level::{Escc, LevelSpan, SpineLevel};
pub use strike::{EntryRef, Strike};
pub use text::Text;
pub use time::{Date, Stamp, TimeOfDay};
pub use vocab::*;
