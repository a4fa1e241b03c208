//! A patient list as CSV (`cordwatch import csv`): one patient a row, a header row naming the
//! columns (`docs/import.md`). Read with the `csv` crate (quoted fields, commas and line breaks
//! inside quotes, a UTF-8 byte-order mark); every value is checked by the model's own parser.

use super::ImportError;
use crate::model::demographics::Demographics;
use crate::model::text::sanitize;
use crate::model::{CaseId, Date, NhsNumber, Primary, Sex, Text};

/// The columns a list may have, in the order `docs/import.md` lists them. `id` is required.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "family_name",
    "given_names",
    "born",
    "sex",
    "nhs_number",
    "ward",
    "bed",
    "team",
    "admitted",
    "primary",
];

/// One patient of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The file's line the row starts on (the header is line 1).
    pub line: u64,
    pub id: CaseId,
    pub update: Demographics,
}

/// Every row of the list, or every error in it (nothing is imported from a list with an error).
pub fn read(file: &str, bytes: &[u8]) -> Result<Vec<Row>, Vec<ImportError>> {
    let err = |line: u64, column: Option<&str>, value: Option<&str>, expected: String| ImportError {
        file: sanitize(file),
        line,
        column: column.map(String::from),
        value: value.map(sanitize),
        expected,
    };
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![err(1, None, None, format!("the header row cannot be read: {e}"))]),
    };
    let mut columns = Vec::new();
    let mut errors = Vec::new();
    for header in &headers {
        let name = header.to_ascii_lowercase().replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains(c) => {
                errors.push(err(1, Some(c), None, "this column is named twice; keep one".into()))
            }
            Some(c) => columns.push(*c),
            None => {
                errors.push(err(
                    1,
                    None,
                    Some(header),
                    format!("an unknown column; the columns are {}", COLUMNS.join(", ")),
                ));
                columns.push("");
            }
        }
    }
    if !columns.contains(&"id") {
        errors.push(err(1, None, None, "no `id` column: each row needs the patient's hospital number".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(bytes, p)).unwrap_or(0);
                errors.push(err(
                    line,
                    None,
                    None,
                    format!("{}; every row has the header's {} columns", csv_error(&e), columns.len()),
                ));
                continue;
            }
        };
        let line = record.position().map(|p| line_at(bytes, p)).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut id = None;
        let mut d = Demographics::default();
        for (column, value) in columns.iter().zip(record.iter()) {
            if value.is_empty() {
                continue;
            }
            let mut bad = |expected: String| errors.push(err(line, Some(column), Some(value), expected));
            match *column {
                "id" => match value.parse::<CaseId>() {
                    Ok(v) => id = Some(v),
                    Err(e) => bad(e.to_string()),
                },
                "name" => d.name = Some(Text::from(value)),
                "family_name" => d.family_name = Some(Text::from(value)),
                "given_names" => d.given_names = value.split_whitespace().map(Text::from).collect(),
                "born" | "admitted" => match Date::parse(value) {
                    Ok(v) if *column == "born" => d.born = Some(v),
                    Ok(v) => d.admitted = Some(v),
                    Err(e) => bad(format!("expected a date, YYYY-MM-DD ({e})")),
                },
                "sex" => match value.to_ascii_lowercase().parse::<Sex>() {
                    Ok(v) => d.sex = Some(v),
                    Err(e) => bad(e.to_string()),
                },
                "nhs_number" => match value.parse::<NhsNumber>() {
                    Ok(v) => d.nhs_number = Some(v),
                    Err(e) => bad(e.to_string()),
                },
                "ward" => d.ward = Some(Text::from(value)),
                "bed" => d.bed = Some(Text::from(value)),
                "team" => d.team = Some(Text::from(value)),
                "primary" => match value.to_ascii_lowercase().parse::<Primary>() {
                    Ok(v) => d.primary = Some(v),
                    Err(e) => bad(e.to_string()),
                },
                _ => {}
            }
        }
        let Some(id) = id else {
            if !errors.iter().any(|e| e.line == line) {
                errors.push(err(line, Some("id"), None, "empty; each row needs the patient's hospital number".into()));
            }
            continue;
        };
        if let Some(first) = rows.iter().find(|r| r.id == id) {
            errors.push(err(
                line,
                Some("id"),
                Some(id.as_str()),
                format!("this patient is already on line {}; one row a patient", first.line),
            ));
            continue;
        }
        rows.push(Row { line, id, update: d });
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// The line a record starts on, counted from its byte offset: the crate's own count and offset
/// include the blank lines skipped before the record, and a message must point at the line an
/// editor shows.
fn line_at(bytes: &[u8], position: &csv::Position) -> u64 {
    let mut end = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(bytes.len());
    while bytes.get(end).is_some_and(|b| *b == b'\n' || *b == b'\r') {
        end += 1;
    }
    bytes[..end].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// The csv crate's error, without its own position (the caller says the line).
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => format!("this row has {len} columns"),
        csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text; save the list as UTF-8 CSV".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_with_their_lines_and_blank_cells_change_nothing() {
        let text = "\u{feff}id,Name,born,sex,ward,bed,NHS number,primary\n\
                    RX1,Ann Example,1950-02-01,female,7B,12,943 476 5919,breast\n\
                    \n\
                    RX2,\"Smith, John\",,,8A,,,\n";
        let rows = read("ward.csv", text.as_bytes()).expect("reads");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].id.as_str()), (2, "RX1"));
        assert_eq!(rows[0].update.sex, Some(Sex::Female));
        assert_eq!(rows[0].update.primary, Some(Primary::Breast));
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].update.name, Some(Text::from("Smith, John")));
        assert_eq!(rows[1].update.born, None, "an empty cell is no value");
    }

    #[test]
    fn every_error_names_file_line_column_value_and_what_was_expected() {
        let text = "id,name,born,nhs_number\nRX1,Ann,1950-13-01,943 476 5918\n,Nobody,,\nRX1,Again,,\nRX3,Short\n";
        let errors = read("ward.csv", text.as_bytes()).expect_err("errors");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(said[0].starts_with("ward.csv line 2, column born: `1950-13-01`: expected a date"), "{said:?}");
        assert!(
            said[1].starts_with("ward.csv line 2, column nhs_number: `943 476 5918`")
                && said[1].contains("check digit"),
            "{said:?}"
        );
        assert!(said[2].starts_with("ward.csv line 3, column id: empty"), "{said:?}");
        assert!(said[3].contains("line 4, column id: `RX1`: this patient is already on line 2"), "{said:?}");
        assert!(
            said[4].contains("line 5") && said[4].contains("2 columns") && said[4].contains("header's 4"),
            "{said:?}"
        );
        assert_eq!(said.len(), 5);
    }

    #[test]
    fn the_header_must_name_known_columns_and_the_id() {
        let errors = read("l.csv", b"name,bedd\nAnn,3\n").expect_err("bad header");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(said[0].contains("line 1: `bedd`: an unknown column; the columns are id, name"), "{said:?}");
        assert!(said[1].contains("no `id` column"), "{said:?}");
    }
}
