//! What the program says about a case and its flags, as plain text with no style: written once
//! here and rendered by the command line, the Markdown checklist and the dashboard alike, so they
//! cannot drift apart. A front end adds only colour, emphasis and layout.

mod ack;
mod ascii;
pub mod audit;
mod case;
mod flag;
mod jobs;
mod pathway;
mod timeline;
mod wrap;

pub use crate::model::duration;
pub use ack::{ack_line, ack_lines};
pub use ascii::{locale_is_utf8, to_ascii};
pub use case::{
    DueCell, FlagCell, FlagLead, FlagState, due_cell, fit, flag_cell, flag_label, flag_lead, primary_label,
};
pub use flag::{
    FlagClock, findings_brief, flag_briefs, flag_clock, flag_gone, flag_state_brief, flags_most_serious_first,
};
pub use jobs::{handover_head, handover_lines, job_line, job_patient};
pub use pathway::{StepLines, pathway_steps, steroid_lines};
pub use timeline::{TimelineEntry, timeline};
pub use wrap::wrap;
