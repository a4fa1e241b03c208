//! Writes a case back to YAML in the layout of the case-file contract.
//!
//! The output is meant for people editing in vim: the contract's key order, block style for exams
//! and imaging, one-line `{ ... }` records for short treatment entries, identifiers (id, ward, bed)
//! always quoted so other YAML readers never take `12` for a number, and any text that could be
//! misread (`yes`, `12:30`, `# not a comment`, control characters) double-quoted with escapes.
//! Whatever it writes reads back to the same case: the store checks that before every write.

use std::fmt::Write as _;

use crate::model::section::{Layout, Written};
use crate::model::text::is_unsafe_char;
use crate::model::*;

/// Longest one-line `{ ... }` record before a record is written as a block instead.
const FLOW_WIDTH: usize = 100;

/// The case as YAML text.
pub fn write_case(case: &Case) -> String {
    let mut w = Writer::default();
    w.field(0, "id", quoted(case.id.as_str()));
    w.field(0, "name", text(&case.name));
    w.opt(0, "family_name", case.family_name.as_ref().map(text));
    if !case.given_names.is_empty() {
        w.field(0, "given_names", list(case.given_names.iter().map(|t| quoted(t.raw()))));
    }
    w.opt(0, "nhs_number", case.nhs_number.as_ref().map(|n| quoted(n.as_str())));
    w.opt(0, "born", case.born.map(|d| d.to_string()));
    w.opt(0, "sex", case.sex.map(|v| v.to_string()));
    w.opt(0, "ward", case.ward.as_ref().map(|t| quoted(t.raw())));
    w.opt(0, "bed", case.bed.as_ref().map(|t| quoted(t.raw())));
    w.opt(0, "team", case.team.as_ref().map(text));
    w.opt(0, "status", case.status.map(|v| v.to_string()));
    w.opt(0, "admitted", case.admitted.map(|d| d.to_string()));
    w.opt(0, "discharged", case.discharged.map(|d| d.to_string()));
    if let Some(c) = &case.cancer {
        w.line(0, "cancer:");
        w.opt(1, "primary", c.primary.map(|v| v.to_string()));
        w.opt(1, "subtype", c.subtype.map(|v| v.to_string()));
        w.opt(1, "histology", c.histology.as_ref().map(text));
        w.opt(1, "diagnosed", c.diagnosed.map(|d| d.to_string()));
        w.opt(1, "kps", c.kps.map(|v| v.to_string()));
        w.opt(1, "ecog", c.ecog.map(|v| v.to_string()));
        w.opt(1, "life_expectancy_months", c.life_expectancy_months.map(|v| v.to_string()));
        w.close_empty_map(0, "cancer");
    }
    if let Some(s) = &case.spine {
        w.line(0, "spine:");
        w.field(1, "levels", list(s.levels.iter().map(|l| l.to_string())));
        w.opt(1, "extraspinal_bone_mets", s.extraspinal_bone_mets.map(|v| v.to_string()));
        w.opt(1, "visceral_mets", s.visceral_mets.map(|v| v.to_string()));
        if let Some(sins) = &s.sins {
            w.line(1, "sins:");
            w.opt(2, "location", sins.location.map(|v| v.to_string()));
            w.opt(2, "pain", sins.pain.map(|v| v.to_string()));
            w.opt(2, "bone_lesion", sins.bone_lesion.map(|v| v.to_string()));
            w.opt(2, "alignment", sins.alignment.map(|v| v.to_string()));
            w.opt(2, "collapse", sins.collapse.map(|v| v.to_string()));
            w.opt(2, "posterolateral", sins.posterolateral.map(|v| v.to_string()));
            w.close_empty_map(1, "sins");
        }
    }
    // The lists of records, each record writing its own fields (see `model::section`).
    for section in case.sections() {
        match section.layout {
            Layout::Map => {
                for entry in &section.entries {
                    w.line(0, &format!("{}:", section.key));
                    for (key, value) in entry.written().0 {
                        w.field(1, key, yaml(&value));
                    }
                    w.close_empty_map(0, section.key);
                }
            }
            Layout::Block | Layout::Line => w.records(
                section.key,
                &section.entries,
                |e| Fields(e.written().0.iter().map(|(k, v)| (*k, yaml(v))).collect()),
                section.layout == Layout::Line,
            ),
        }
    }
    if let Some(plan) = &case.plan {
        w.field(0, "plan", text(plan));
    }
    w.out
}

/// A value as YAML text.
fn yaml(value: &Written) -> String {
    match value {
        Written::Plain(v) => v.clone(),
        Written::Text(t) => text(t),
        Written::Quoted(v) => quoted(v),
        Written::List(items) => list(items.iter().cloned()),
        // Inside a flow map a value must stay on one line: a multi-line text is quoted there.
        Written::Map(fields) => format!(
            "{{ {} }}",
            fields
                .0
                .iter()
                .map(|(k, v)| match v {
                    Written::Text(t) if t.raw().contains('\n') => format!("{k}: {}", quoted(t.raw())),
                    v => format!("{k}: {}", yaml(v)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A record's fields as (key, YAML value) pairs, in contract order.
struct Fields(Vec<(&'static str, String)>);

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, depth: usize, content: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(content);
        self.out.push('\n');
    }

    /// `key: value`, where a multi-line block value (`|`) is indented under the key.
    fn field(&mut self, depth: usize, key: &str, value: String) {
        match value.split_once('\n') {
            Some((head, body)) => {
                self.line(depth, &format!("{key}: {head}"));
                for l in body.lines() {
                    if l.is_empty() {
                        self.out.push('\n');
                    } else {
                        self.line(depth + 1, l);
                    }
                }
            }
            None => self.line(depth, &format!("{key}: {value}")),
        }
    }

    fn opt(&mut self, depth: usize, key: &str, value: Option<String>) {
        if let Some(v) = value {
            self.field(depth, key, v);
        }
    }

    /// A section whose every field was absent still needs a value to read back as present.
    fn close_empty_map(&mut self, depth: usize, key: &str) {
        let header = format!("{}{key}:\n", "  ".repeat(depth));
        if self.out.ends_with(&header) {
            self.out.truncate(self.out.len() - 1);
            self.out.push_str(" {}\n");
        }
    }

    /// A list of records; short ones on one line as `{ ... }` when `flow` allows.
    fn records<T>(&mut self, key: &str, items: &[T], to_fields: impl Fn(&T) -> Fields, flow: bool) {
        if items.is_empty() {
            return;
        }
        self.line(0, &format!("{key}:"));
        for item in items {
            let fields = to_fields(item).0;
            let one_line = fields.iter().all(|(_, v)| !v.contains('\n'));
            let flow_text =
                format!("- {{ {} }}", fields.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", "));
            if flow && one_line && flow_text.len() + 2 <= FLOW_WIDTH {
                self.line(1, &flow_text);
                continue;
            }
            for (i, (k, v)) in fields.into_iter().enumerate() {
                let prefix = if i == 0 { "- " } else { "  " };
                match v.split_once('\n') {
                    Some((head, body)) => {
                        self.line(1, &format!("{prefix}{k}: {head}"));
                        for l in body.lines() {
                            if l.is_empty() {
                                self.out.push('\n');
                            } else {
                                self.line(3, l);
                            }
                        }
                    }
                    None => self.line(1, &format!("{prefix}{k}: {v}")),
                }
            }
        }
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

/// Free text: plain when nothing in it can be misread, a `|` block for clean multi-line text,
/// double-quoted with escapes otherwise.
fn text(t: &Text) -> String {
    let raw = t.raw();
    if plain_is_safe(raw) {
        raw.to_string()
    } else if let Some(block) = literal_block(raw) {
        block
    } else {
        quoted(raw)
    }
}

/// Words that YAML 1.1 or 1.2 readers take for booleans or null when unquoted.
const RESERVED: [&str; 14] =
    ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity", "none", "~"];

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && s == s.trim()
        && !s.contains("  ")
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str())
        && s.chars().all(|c| c.is_alphanumeric() || " .()/+-'&_".contains(c))
        && !s.chars().any(is_unsafe_char)
}

/// A `|` literal block (with the indentation added by the writer), when the text can be one.
fn literal_block(s: &str) -> Option<String> {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let clean = s.contains('\n')
        && !body.is_empty()
        && !body.starts_with([' ', '\t'])
        && !body.chars().any(|c| c != '\n' && is_unsafe_char(c))
        && body.lines().all(|l| l == l.trim_end());
    if !clean {
        return None;
    }
    let chomp = match trailing {
        0 => "|-",
        1 => "|",
        _ => return None,
    };
    Some(format!("{chomp}\n{body}"))
}

/// A double-quoted YAML string; every character a terminal or an editor could misshow is escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // YAML's `\u` takes exactly four hex digits; beyond the BMP (tag characters) `\U` and eight.
            c if is_unsafe_char(c) && (c as u32) > 0xFFFF => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c if is_unsafe_char(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_plain_and_risky_text_is_quoted() {
        assert_eq!(text(&Text::from("Margaret Ellis")), "Margaret Ellis");
        assert_eq!(text(&Text::from("yes")), "\"yes\"");
        assert_eq!(text(&Text::from("MRI 14:00, dexamethasone given")), "\"MRI 14:00, dexamethasone given\"");
        assert_eq!(text(&Text::from("a # b")), "\"a # b\"");
        assert_eq!(text(&Text::from("Ann\u{202E}x")), "\"Ann\\u202Ex\"");
        assert_eq!(quoted("12"), "\"12\"");
    }

    #[test]
    fn multi_line_text_becomes_a_literal_block() {
        assert_eq!(text(&Text::from("line one\nline two\n")), "|\nline one\nline two");
        assert_eq!(text(&Text::from("a\nb")), "|-\na\nb");
        assert_eq!(text(&Text::from(" indented\nx")), "\" indented\\nx\"");
    }
}
