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
        YamlError { line: Some(line), column: Some(column), message: sanitize(&shorten(&message)) }
    }

    pub fn whole(message: String) -> YamlError {
        YamlError { line: None, column: None, message: sanitize(&shorten(&message)) }
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
        YamlError { line: position.map(|p| p.0), column: position.map(|p| p.1), message: sanitize(&shorten(&message)) }
    }

    /// "12:5: message", or the bare message when the position is unknown.
    /// The problem in `file`: "cases/RXH1.yaml:12:5: ...", or "cases/RXH1.yaml: ..." when it is
    /// about the whole file.
    pub fn in_file(&self, file: &str) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{file}:{line}: {}", self.message),
            _ => format!("{file}: {}", self.message),
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

/// The most characters of the file an error quotes in one place.
pub const EXCERPT_CHARS: usize = 80;

/// The most characters of an error message, quotes included, kept from its start and its end.
const MESSAGE_CHARS: usize = 400;

/// An error quotes a value from the file, and the value can be the whole file (a 1 MiB scalar, a
/// link to some other file): every quoted part is cut to [`EXCERPT_CHARS`], and the message as a
/// whole to [`MESSAGE_CHARS`], each cut marked so nobody takes it for the full text.
pub fn shorten(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_CHARS + 64));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let (quoted, after) = match inside.find(quote) {
            Some(close) => (&inside[..close], &inside[close..]),
            None => (inside, ""),
        };
        out.push_str(&cut(quoted, EXCERPT_CHARS));
        rest = after;
        if let Some(stripped) = rest.strip_prefix(quote) {
            out.push(quote);
            rest = stripped;
        }
    }
    out.push_str(rest);
    let total = out.chars().count();
    if total <= MESSAGE_CHARS {
        return out;
    }
    let head: String = out.chars().take(MESSAGE_CHARS / 2).collect();
    let tail: String = out.chars().skip(total - MESSAGE_CHARS / 4).collect();
    format!("{head}… [message cut: {} characters left out] …{tail}", total - MESSAGE_CHARS / 2 - MESSAGE_CHARS / 4)
}

/// `text` if it is at most `max` characters, else its first `max` and a mark saying how much is
/// left out.
fn cut(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… [cut: {} more characters]", count - max)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_messages_are_unchanged() {
        let m = "unknown field `nmae`, expected one of `name`, `id`";
        assert_eq!(shorten(m), m);
    }

    #[test]
    fn a_long_quoted_value_is_cut_to_an_excerpt_and_the_rest_kept() {
        let long = "x".repeat(1_000_000);
        let m = shorten(&format!("invalid type: string \"{long}\", expected a sequence"));
        assert!(m.starts_with(&format!("invalid type: string \"{}… [cut: 999920 more characters]\"", "x".repeat(80))));
        assert!(m.ends_with(", expected a sequence"), "{m}");
    }

    #[test]
    fn an_unclosed_quote_or_a_long_unquoted_message_is_bounded() {
        let m = shorten(&format!("found `{}", "y\n".repeat(50_000)));
        assert!(m.chars().count() < 200, "{m}");
        let m = shorten(&"z ".repeat(100_000));
        assert!(m.chars().count() < MESSAGE_CHARS + 80 && m.contains("message cut"), "{m}");
    }
}
