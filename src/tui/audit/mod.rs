//! The Audit view, whole: how fast the pathway ran over the last twelve months.
//!
//! - [`lines`]: the audit as lines of text and character bars, and those lines laid out for a
//!   width (pure: handed the engine's audit);
//! - [`state`]: [`AuditView`], what the view keeps between keys and frames: the archive of
//!   discharged patients, the lines built once per change of the data, the cursor kept on its line
//!   by what the line is;
//! - [`keys`]: moving, and Enter on an episode, which asks the dashboard to open its patient;
//! - [`view`]: drawing it.
//!
//! The view reads the ward it is handed ([`Source`]) and never the dashboard itself, so nothing
//! here imports the app.

pub mod keys;
pub mod lines;
pub mod state;
pub mod view;

pub use keys::Opened;
pub use lines::{AuditHead, AuditLine, BAR, EPISODE_ROWS, ScreenRow, Target, Tone, audit_lines, screen_rows, stops};
pub use state::{AuditKey, AuditView, Source};
