//! All YAML text handling: guarded reading into typed structs, and the case-file writer.
//!
//! Reading is strict and defensive. A case file is a few kilobytes, so anything over
//! [`MAX_DOCUMENT_BYTES`] is refused before parsing; deeply nested flow collections are refused
//! before the parser sees them (its cost grows with the square of the depth); alias expansion is
//! bounded by serde_yaml itself. Every error carries the line and column and says what was expected.

mod case_writer;
mod error;

pub use case_writer::write_case;
pub use error::YamlError;

use serde::de::DeserializeOwned;

/// Largest document accepted. Real case files are a few kilobytes; this leaves room for years of
/// daily exams while refusing a misplaced log or image before any parsing is attempted.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// Deepest `[`/`{` nesting accepted. The contract nests flow collections two deep at most.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Reads a YAML document from raw bytes: size, encoding and structure are checked first.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, YamlError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(YamlError::whole(format!(
            "the file is {} bytes; a case file must be under {} KiB (is this the right file?)",
            bytes.len(),
            MAX_DOCUMENT_BYTES / 1024
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(YamlError::at(
                line,
                column,
                "the file is not UTF-8 text (a binary file, or saved in another encoding); save it as UTF-8".into(),
            ));
        }
    };
    from_str(text)
}

/// Reads a YAML document from text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(YamlError::whole(format!(
            "the document is {} bytes; the limit is {} KiB",
            text.len(),
            MAX_DOCUMENT_BYTES / 1024
        )));
    }
    if text.trim().is_empty() || text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Err(YamlError::whole("the file is empty; it needs at least `id:` and `name:`".into()));
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(YamlError::at(
            line,
            column,
            format!("brackets are nested more than {MAX_FLOW_DEPTH} deep; this is not a case file"),
        ));
    }
    serde_yaml::from_str(text).map_err(|e| YamlError::from_serde(&e, text))
}

/// The position where `[`/`{` nesting first exceeds [`MAX_FLOW_DEPTH`], skipping quoted text and
/// comments. A rough scan is enough: it only has to stop pathological input, and a false alarm
/// needs brackets nested deeper than any case file has.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (line_no, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '#') if prev.is_whitespace() => break,
                (None, '"') | (None, '\'') if depth > 0 || prev.is_whitespace() => quote = Some(c),
                (None, '[') | (None, '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((line_no + 1, col + 1));
                    }
                }
                (None, ']') | (None, '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        id: String,
        #[serde(default)]
        list: Vec<serde_yaml::Value>,
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let text = format!("id: x\nlist: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let err = from_str::<Doc>(&text).expect_err("too deep");
        assert!(err.to_string().contains("nested more than"), "{err}");
        assert_eq!(err.line, Some(2));
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn brackets_inside_quotes_do_not_count() {
        let text = format!("id: \"{}\"\n", "[".repeat(100));
        assert_eq!(from_str::<Doc>(&text).expect("quoted").id, "[".repeat(100));
    }

    #[test]
    fn empty_and_comment_only_documents_are_refused() {
        for text in ["", "\n\n", "# just a comment\n"] {
            let err = from_str::<Doc>(text).expect_err("empty");
            assert!(err.to_string().contains("empty"), "{err}");
        }
    }

    #[test]
    fn oversized_and_binary_input_is_refused_before_parsing() {
        let big = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
        assert!(from_bytes::<Doc>(&big).expect_err("too big").to_string().contains("KiB"));
        let binary = b"id: x\nname: \xff\xfe\x00\x01";
        let err = from_bytes::<Doc>(binary).expect_err("binary");
        assert_eq!((err.line, err.column), (Some(2), Some(7)));
        assert!(err.to_string().contains("not UTF-8"));
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("id: x\nlist:\n  - &a [1,1,1,1,1,1,1,1,1]\n");
        for (name, prev) in
            ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!(
                "  - &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let started = std::time::Instant::now();
        assert!(from_str::<Doc>(&text).is_err());
        assert!(started.elapsed().as_secs() < 2);
    }
}
