//! Free text from case files (names, notes, plans), made safe to show on a terminal.
//!
//! A name typed or pasted into a case file can carry control characters, bidi overrides or
//! zero-width characters. Sent to a terminal they can move the cursor, recolour the screen or make
//! one patient's name read as another's. `Text` keeps the exact characters (so a file written back
//! loses nothing) but its only display form is the sanitised one, where every such character is
//! shown as a visible escape like `\u{202e}`. Error messages go through [`sanitize`] too.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// True for characters that must never reach a terminal as themselves: controls, line and
/// paragraph separators, every format character (general category Cf: bidi controls, zero-width
/// joiners, soft hyphen, invisible operators, tag characters) and every Default_Ignorable_Code_Point
/// (fillers, variation selectors, the combining grapheme joiner). Both sets come from Unicode's own
/// tables (ICU4X), so a character added to them in a new Unicode version is covered without a
/// hand-kept list.
pub fn is_unsafe_char(c: char) -> bool {
    use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
    use icu_properties::{CodePointMapData, CodePointSetData};
    c.is_control()                      // C0, DEL and C1 controls
        || c == '\u{2028}'
        || c == '\u{2029}'                  // line and paragraph separators
        || (!c.is_ascii()
            && (CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
                || CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format))
}

/// One line of display-safe text: every unsafe character, newlines included, becomes an escape.
pub fn sanitize(raw: &str) -> String {
    sanitize_with(raw, false)
}

/// Display-safe text that keeps its line breaks (for plans and long notes).
pub fn sanitize_multiline(raw: &str) -> String {
    sanitize_with(raw, true)
}

fn sanitize_with(raw: &str, keep_newlines: bool) -> String {
    if !raw.chars().any(is_unsafe_char) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Free text from a case file: the raw characters are kept for writing back, but [`fmt::Display`]
/// and serialisation to JSON only ever give the sanitised form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(String);

impl Text {
    pub fn new(raw: impl Into<String>) -> Text {
        Text(raw.into())
    }

    /// The exact characters from the file. Only the case writer and comparisons use this.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The display-safe form on one line.
    pub fn safe(&self) -> String {
        sanitize(&self.0)
    }

    /// The display-safe form keeping line breaks.
    pub fn safe_multiline(&self) -> String {
        sanitize_multiline(&self.0)
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&sanitize(&self.0))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(s.to_string())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&sanitize_multiline(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(sanitize("Margaret Ellis (née Bray) — 7B"), "Margaret Ellis (née Bray) — 7B");
    }

    #[test]
    fn controls_bidi_and_zero_width_are_escaped() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("Ann\u{202E}eivaD"), "Ann\\u{202e}eivaD");
        assert_eq!(sanitize("x\u{200B}y\u{FEFF}"), "x\\u{200b}y\\u{feff}");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("c1\u{9b}"), "c1\\u{9b}");
        assert_eq!(sanitize("two\nlines\t!"), "two\\nlines\\t!");
    }

    #[test]
    fn multiline_keeps_only_newlines() {
        assert_eq!(sanitize_multiline("a\nb\u{1b}"), "a\nb\\u{1b}");
    }

    #[test]
    fn text_keeps_raw_but_displays_safe() {
        let t = Text::new("Jo\u{202E}n");
        assert_eq!(t.raw(), "Jo\u{202E}n");
        assert_eq!(t.to_string(), "Jo\\u{202e}n");
        assert_eq!(serde_json::to_string(&t).expect("json"), "\"Jo\\\\u{202e}n\"");
    }
}
