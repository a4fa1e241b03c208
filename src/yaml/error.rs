//! A YAML reading error in words a clinician editing the file can act on.

use std::fmt;

use crate::model::text::sanitize;
use crate::model::vocab::did_you_mean;

/// What is wrong, and where (1-based line and column when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl YamlError {
    pub fn at(line: usize, column: usize, message: String) -> YamlError {
        YamlError { line: Some(line), column: Some(column), message: sanitize(&message) }
    }

    pub fn whole(message: String) -> YamlError {
        YamlError { line: None, column: None, message: sanitize(&message) }
    }

    pub(crate) fn from_serde(err: &serde_yaml::Error, text: &str) -> YamlError {
        let location = err.location();
        let mut message = err.to_string();
        if let Some(loc) = &location {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        let line_text = location.as_ref().and_then(|l| text.lines().nth(l.line().saturating_sub(1)));
        message.push_str(&hint(&message, line_text));
        let mut position = location.as_ref().map(|l| (l.line(), l.column()));
        // A check across the fields of a mapping that is not inside a list comes back marked at
        // the start of the document; its message starts with the dotted key it is about, so point
        // at that key instead.
        if position.is_none_or(|p| p == (1, 1))
            && let Some(path) = message.split_whitespace().next()
            && let Some(found) = locate(text, path)
        {
            position = Some(found);
        }
        YamlError { line: position.map(|p| p.0), column: position.map(|p| p.1), message: sanitize(&message) }
    }

    /// "12:5: message", or the bare message when the position is unknown.
    pub fn with_position(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{line}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line} column {column}: {}", self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

/// The (line, column) of a dotted key such as `cancer.subtype`, in block or flow style.
fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let (top, sub) = path.split_once('.')?;
    if top.is_empty() || sub.is_empty() || !path.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.') {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(&format!("{top}:")))?;
    let key = format!("{sub}:");
    for (i, line) in lines.iter().enumerate().skip(start) {
        if i > start && !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            break;
        }
        if let Some(col) = line.find(&key) {
            return Some((i + 1, col + 1));
        }
    }
    None
}

/// Extra advice for the mistakes people make most when editing YAML by hand.
fn hint(message: &str, line: Option<&str>) -> String {
    for marker in ["unknown field `", "unknown variant `"] {
        if let Some(start) = message.find(marker) {
            let rest = &message[start + marker.len()..];
            let Some(end) = rest.find('`') else { continue };
            let found = &rest[..end];
            let expected: Vec<&str> = rest[end + 1..].split('`').skip(1).step_by(2).collect();
            let suggestion = did_you_mean(found, expected.iter().copied());
            if !suggestion.is_empty() {
                return suggestion;
            }
        }
    }
    if message.contains("found character that cannot start any token") && line.is_some_and(|l| l.contains('\t')) {
        return " (the line contains a tab; YAML indents with spaces only)".into();
    }
    if message.contains("mapping values are not allowed in this context") {
        return " (text that contains `: ` must be put in quotes)".into();
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-' indicator") {
        return " (check the indentation of this line against the one above)".into();
    }
    String::new()
}
