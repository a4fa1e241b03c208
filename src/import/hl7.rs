//! A small HL7 v2 reader and writer: messages split from a stream (MLLP frames, or plain segments
//! separated by CR, LF or CRLF), segments, fields, repetitions, components and subcomponents,
//! with the encoding characters each message declares in MSH-1 and MSH-2 and the standard's
//! escapes (`\F\ \S\ \T\ \R\ \E\`, `\.br\`, `\Xhh\`). Only what an ADT message needs is read;
//! nothing here knows what a field means (`adt` does).
//!
//! No HL7 crate is used: the one that reads all this well (hl7-2, 0.2) needs Rust 1.95, above this
//! project's minimum (1.89), and the part needed is small enough to read whole and is fuzzed
//! (`fuzz/fuzz_targets/hl7.rs`, `tests/hl7_properties.rs`).

/// The MLLP frame: a message starts with VT and ends with FS CR.
pub const START_BLOCK: u8 = 0x0b;
pub const END_BLOCK: u8 = 0x1c;

/// The separators a message declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    pub field: char,
    pub component: char,
    pub repetition: char,
    pub escape: Option<char>,
    pub subcomponent: char,
}

impl Default for Encoding {
    fn default() -> Encoding {
        Encoding { field: '|', component: '^', repetition: '~', escape: Some('\\'), subcomponent: '&' }
    }
}

/// Why a message cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the message does not start with an MSH segment")]
    NoMsh,
    #[error("MSH-1 and MSH-2 do not declare the encoding characters: {0}")]
    BadEncoding(String),
    #[error("segment {0} has no three-letter name")]
    BadSegmentName(usize),
}

/// One segment: its name and its fields as sent (escapes still in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub name: String,
    /// Field 1 onwards; for MSH, field 1 is the field separator and field 2 the encoding
    /// characters, as the standard numbers them.
    fields: Vec<String>,
}

/// One message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub encoding: Encoding,
    pub segments: Vec<Segment>,
}

/// The messages of a stream, each with the line of the stream it starts on (1-based) and whether
/// it came in an MLLP frame (the answer is framed the same way).
pub fn split(bytes: &[u8]) -> Vec<(usize, bool, String)> {
    let text = String::from_utf8_lossy(bytes);
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |offset: usize| newlines.partition_point(|n| *n < offset) + 1;
    let mut out = Vec::new();
    if bytes.contains(&START_BLOCK) {
        let mut rest = &text[..];
        let mut base = 0;
        while let Some(start) = rest.find(START_BLOCK as char) {
            let body_from = start + 1;
            let end = rest[body_from..].find(END_BLOCK as char).map(|e| body_from + e).unwrap_or(rest.len());
            let body = &rest[body_from..end];
            if !body.trim().is_empty() {
                out.push((line_of(base + body_from), true, body.to_string()));
            }
            let next = (end + 1).min(rest.len());
            base += next;
            rest = &rest[next..];
        }
        return out;
    }
    // Plain: a message starts at each MSH segment; blank lines are skipped.
    let mut current: Option<(usize, String)> = None;
    let mut offset = 0;
    for segment in text.split_inclusive(['\r', '\n']) {
        let here = offset;
        offset += segment.len();
        let line = segment.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with("MSH") {
            out.extend(current.take().map(|(l, m)| (l, false, m)));
            current = Some((line_of(here), String::new()));
        }
        let (_, message) = current.get_or_insert_with(|| (line_of(here), String::new()));
        message.push_str(line);
        message.push('\r');
    }
    out.extend(current.map(|(l, m)| (l, false, m)));
    out
}

impl Message {
    /// Reads one message: segments separated by CR (LF and CRLF are taken too), the encoding from
    /// its MSH segment.
    pub fn parse(text: &str) -> Result<Message, ParseError> {
        let text = text.trim_start_matches(['\r', '\n', ' ', '\t']);
        let msh = text.strip_prefix("MSH").ok_or(ParseError::NoMsh)?;
        let mut chars = msh.chars();
        let field = chars.next().ok_or_else(|| ParseError::BadEncoding("nothing after MSH".into()))?;
        let declared: String = chars.take_while(|c| *c != field).collect();
        let d: Vec<char> = declared.chars().collect();
        if d.len() < 3 || d.len() > 4 {
            return Err(ParseError::BadEncoding(format!(
                "MSH-2 is `{}`; expected the component, repetition, escape and subcomponent characters, as ^~\\&",
                crate::model::text::sanitize(&declared)
            )));
        }
        // With three characters there is no escape character (the standard allows it).
        let (escape, subcomponent) = if d.len() == 4 { (Some(d[2]), d[3]) } else { (None, d[2]) };
        let encoding = Encoding { field, component: d[0], repetition: d[1], escape, subcomponent };
        let mut all = vec![field, d[0], d[1], subcomponent];
        all.extend(escape);
        let distinct = all.iter().collect::<std::collections::BTreeSet<_>>().len() == all.len();
        if !distinct || all.iter().any(|c| c.is_alphanumeric() || c.is_whitespace()) {
            return Err(ParseError::BadEncoding(format!(
                "`{}` and `{}` are not five distinct punctuation characters",
                crate::model::text::sanitize(&field.to_string()),
                crate::model::text::sanitize(&declared)
            )));
        }
        let mut segments = Vec::new();
        for (i, line) in text.split(['\r', '\n']).filter(|l| !l.trim().is_empty()).enumerate() {
            let mut parts = line.split(field);
            let name = parts.next().unwrap_or_default().to_string();
            if name.len() != 3 || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(ParseError::BadSegmentName(i + 1));
            }
            let mut fields: Vec<String> = parts.map(String::from).collect();
            if name == "MSH" && i == 0 {
                // MSH-1 is the separator itself, which the split consumed.
                fields.insert(0, field.to_string());
            }
            segments.push(Segment { name, fields });
        }
        Ok(Message { encoding, segments })
    }

    /// The first segment with this name.
    pub fn segment(&self, name: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.name == name)
    }

    /// A field's repetitions, each split into components (escapes decoded, subcomponents kept
    /// joined): `PID-3` gives every identifier.
    pub fn repetitions(&self, segment: &str, field: usize) -> Vec<Vec<String>> {
        let Some(raw) = self.segment(segment).and_then(|s| s.raw(field)) else { return Vec::new() };
        if segment == "MSH" && field <= 2 {
            return vec![vec![raw.to_string()]];
        }
        raw.split(self.encoding.repetition)
            .map(|rep| rep.split(self.encoding.component).map(|c| self.decode(c)).collect())
            .collect()
    }

    /// One component of the first repetition of a field (1-based, as `PID-5.2`), decoded; None
    /// when it is not there or empty.
    pub fn get(&self, segment: &str, field: usize, component: usize) -> Option<String> {
        self.repetitions(segment, field)
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().nth(component.saturating_sub(1)))
            .filter(|v| !v.trim().is_empty())
    }

    /// Decodes the escapes of one value: `\F\` `\S\` `\T\` `\R\` `\E\` to the separators, `\.br\`
    /// to a line break, `\Xhh..\` to the bytes it spells when they are text; highlighting
    /// (`\H\`, `\N\`) is dropped; anything else is kept as sent.
    pub fn decode(&self, value: &str) -> String {
        let e = &self.encoding;
        let Some(esc) = e.escape else { return value.to_string() };
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(start) = rest.find(esc) {
            out.push_str(&rest[..start]);
            let after = &rest[start + esc.len_utf8()..];
            let Some(end) = after.find(esc) else {
                out.push_str(&rest[start..]);
                return out;
            };
            let code = &after[..end];
            match code {
                "F" => out.push(e.field),
                "S" => out.push(e.component),
                "T" => out.push(e.subcomponent),
                "R" => out.push(e.repetition),
                "E" => out.push(esc),
                ".br" => out.push('\n'),
                "H" | "N" => {}
                x if x.len() > 1 && x.starts_with('X') && x.len() % 2 == 1 => {
                    let bytes: Option<Vec<u8>> =
                        (1..x.len()).step_by(2).map(|i| u8::from_str_radix(x.get(i..i + 2)?, 16).ok()).collect();
                    match bytes.and_then(|b| String::from_utf8(b).ok()) {
                        Some(s) => out.push_str(&s),
                        None => out.push_str(&rest[start..start + esc.len_utf8() * 2 + code.len()]),
                    }
                }
                _ => out.push_str(&rest[start..start + esc.len_utf8() * 2 + code.len()]),
            }
            rest = &after[end + esc.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    /// Escapes a value to be sent in a message with this encoding.
    pub fn encode(&self, value: &str) -> String {
        encode(&self.encoding, value)
    }
}

/// Escapes a value for a message with encoding `e`: each separator and the escape character
/// become their escapes, a line break `\.br\`, other control characters a space. A message
/// that declares no escape character cannot carry a separator in a value: it becomes a space.
pub fn encode(e: &Encoding, value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let Some(esc) = e.escape else {
        let separators = [e.field, e.component, e.repetition, e.subcomponent];
        return value.chars().map(|c| if c.is_control() || separators.contains(&c) { ' ' } else { c }).collect();
    };
    for c in value.chars() {
        let code = match c {
            c if c == esc => "E",
            c if c == e.field => "F",
            c if c == e.component => "S",
            c if c == e.subcomponent => "T",
            c if c == e.repetition => "R",
            '\n' => ".br",
            c if c.is_control() => {
                out.push(' ');
                continue;
            }
            c => {
                out.push(c);
                continue;
            }
        };
        out.push(esc);
        out.push_str(code);
        out.push(esc);
    }
    out
}

impl Segment {
    /// Field `n` as sent (1-based, as the standard numbers them).
    pub fn raw(&self, n: usize) -> Option<&str> {
        n.checked_sub(1).and_then(|i| self.fields.get(i)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A01: &str = "MSH|^~\\&|PAS|RXH|CORDWATCH|ONC|202611230900||ADT^A01^ADT_A01|MSG0001|P|2.4\r\
                       PID|1||RXH1042331^^^RXH^MR~9434765919^^^NHS^NH||ELLIS^MARGARET^ANN||19560314|F\r\
                       PV1|1|I|7B^^12";

    #[test]
    fn fields_components_and_repetitions_are_read_by_their_numbers() {
        let m = Message::parse(A01).expect("parses");
        assert_eq!(m.get("MSH", 9, 2).as_deref(), Some("A01"));
        assert_eq!(m.get("MSH", 10, 1).as_deref(), Some("MSG0001"));
        assert_eq!(m.get("MSH", 1, 1).as_deref(), Some("|"));
        assert_eq!(m.get("MSH", 2, 1).as_deref(), Some("^~\\&"));
        let ids = m.repetitions("PID", 3);
        assert_eq!(ids.len(), 2);
        assert_eq!((ids[1][0].as_str(), ids[1][4].as_str()), ("9434765919", "NH"));
        assert_eq!(m.get("PID", 5, 2).as_deref(), Some("MARGARET"));
        assert_eq!(m.get("PV1", 3, 3).as_deref(), Some("12"));
        assert_eq!(m.get("PV1", 3, 2), None, "empty is absent");
        assert_eq!(m.get("PV1", 44, 1), None, "beyond the last field");
    }

    #[test]
    fn the_standard_escapes_are_decoded_with_the_message_s_own_characters() {
        let m =
            Message::parse("MSH|^~\\&|A\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\g\\X41\\\\H\\h\\Z\\").expect("p");
        assert_eq!(m.get("NTE", 3, 1).as_deref(), Some("a|b^c&d~e\\f\ng\u{41}h\\Z\\"));
        // Other encoding characters, declared in MSH-1 and MSH-2.
        let m = Message::parse("MSH#:*!$#A\nPID#1##X1:2:3*Y1##O!F!Neil:Ann").expect("other separators");
        assert_eq!(m.get("PID", 3, 2).as_deref(), Some("2"));
        assert_eq!(m.repetitions("PID", 3).len(), 2, "`*` repeats");
        assert_eq!(m.get("PID", 5, 1).as_deref(), Some("O#Neil"), "`!F!` is the field separator `#`");
        assert_eq!(m.encode("O#Neil: a*b$c!d"), "O!F!Neil!S! a!R!b!T!c!E!d");
        let m = Message::parse("MSH|^~\\&|A\rNTE|1||\\unterminated").expect("p");
        assert_eq!(m.get("NTE", 3, 1).as_deref(), Some("\\unterminated"), "kept as sent");
    }

    #[test]
    fn bad_encodings_and_segment_names_are_refused() {
        assert_eq!(Message::parse("PID|1"), Err(ParseError::NoMsh));
        assert!(matches!(Message::parse("MSH|^^\\&|A"), Err(ParseError::BadEncoding(_))), "not distinct");
        assert!(matches!(Message::parse("MSH|^|A"), Err(ParseError::BadEncoding(_))), "too few");
        assert!(matches!(Message::parse("MSHa^~\\&aA"), Err(ParseError::BadEncoding(_))), "a letter");
        assert_eq!(Message::parse("MSH|^~\\&|A\rP|x"), Err(ParseError::BadSegmentName(2)));
    }

    #[test]
    fn streams_are_split_from_mllp_frames_or_plain_lines() {
        let framed = format!("\u{b}{A01}\r\u{1c}\r\u{b}MSH|^~\\&|B\r\u{1c}\r");
        let messages = split(framed.as_bytes());
        assert_eq!(messages.len(), 2);
        assert!(messages.iter().all(|(_, framed, _)| *framed));
        assert!(messages[1].2.starts_with("MSH|^~\\&|B"));
        let plain = format!("{}\n\nMSH|^~\\&|B\r\nPID|1\r\n", A01.replace('\r', "\n"));
        let messages = split(plain.as_bytes());
        assert_eq!(messages.len(), 2);
        assert_eq!((messages[0].0, messages[1].0), (1, 5));
        assert!(!messages[0].1);
        assert_eq!(Message::parse(&messages[0].2).expect("first").segments.len(), 3);
        assert_eq!(messages[1].2, "MSH|^~\\&|B\rPID|1\r");
    }
}
