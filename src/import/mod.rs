//! Data coming in from a hospital's systems, read into the model's types: a patient list as CSV
//! (`csv_list`), HL7 v2 ADT messages (`hl7`, `adt`) and FHIR Patient resources (`fhir_patient`).
//!
//! Pure: it is handed the bytes and the name to call them by, and returns the patients or the
//! errors, each naming the file, the line, the column or field, the value and what was expected.
//! The command line reads the files and writes the cases through the store.

pub mod adt;
pub mod csv_list;
pub mod fhir_patient;
pub mod hl7;

/// Something in an import file that cannot be read: `ward.csv line 4, column born: `1950-13-01`:
/// expected a date, YYYY-MM-DD`; in JSON the place is a path (`entry[2].resource.birthDate`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}{}{}: {expected}", if *line > 0 { format!(" line {line}") } else { String::new() }, column.as_ref().map(|c| if *line > 0 { format!(", column {c}") } else { format!(", {c}") }).unwrap_or_default(), value.as_ref().map(|v| format!(": `{v}`")).unwrap_or_default())]
pub struct ImportError {
    pub file: String,
    /// The line, when the format has lines that say where (0 when it does not).
    pub line: u64,
    /// The column, segment field or JSON path, when the error is in one.
    pub column: Option<String>,
    /// The value found there, made safe to print.
    pub value: Option<String>,
    /// What was expected, and what to do.
    pub expected: String,
}
