//! HL7 v2 ADT messages read into what cordwatch does with them (`docs/import.md` maps every
//! field), and the acknowledgement (ACK) that answers each one.
//!
//! A01 admit, A04 register, A08 update and A02 transfer carry demographics and a location; A03
//! is a discharge. The patient is the `MR` identifier of PID-3; the NHS number is the `NH` one.

use super::hl7::{Encoding, Message, encode};
use crate::model::demographics::Demographics;
use crate::model::{CaseId, Date, NhsNumber, Sex, Status, Text};

/// The events read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    A01,
    A02,
    A03,
    A04,
    A08,
}

impl Trigger {
    fn parse(code: &str) -> Option<Trigger> {
        Some(match code {
            "A01" => Trigger::A01,
            "A02" => Trigger::A02,
            "A03" => Trigger::A03,
            "A04" => Trigger::A04,
            "A08" => Trigger::A08,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::A01 => "A01",
            Trigger::A02 => "A02",
            Trigger::A03 => "A03",
            Trigger::A04 => "A04",
            Trigger::A08 => "A08",
        }
    }

    /// Whether the event may open a new case (an admission or registration); the others are
    /// for patients already followed here.
    pub fn opens_a_case(self) -> bool {
        matches!(self, Trigger::A01 | Trigger::A04)
    }
}

/// An ADT message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adt {
    pub trigger: Trigger,
    pub control_id: String,
    pub id: CaseId,
    pub update: Demographics,
    /// A03: the discharge date (PV1-45, else EVN-2, else MSH-7).
    pub discharged: Option<Date>,
}

/// The acknowledgement code: the message was taken (AA), was read but could not be applied (AE),
/// or was not acceptable as a message (AR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckCode {
    AA,
    AE,
    AR,
}

impl AckCode {
    pub fn as_str(self) -> &'static str {
        match self {
            AckCode::AA => "AA",
            AckCode::AE => "AE",
            AckCode::AR => "AR",
        }
    }
}

/// Why a message is not applied: the code to answer with, the HL7 error code (table 0357) and
/// the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: AckCode,
    pub hl7_error: u16,
    pub text: String,
}

impl Refusal {
    pub fn rejected(hl7_error: u16, text: impl Into<String>) -> Refusal {
        Refusal { code: AckCode::AR, hl7_error, text: text.into() }
    }

    pub fn error(hl7_error: u16, text: impl Into<String>) -> Refusal {
        Refusal { code: AckCode::AE, hl7_error, text: text.into() }
    }
}

/// A date from an HL7 timestamp (`YYYYMMDD[HHMM[SS]]...`): its first eight digits.
fn hl7_date(field: &str, value: &str) -> Result<Date, Refusal> {
    let digits = value.get(..8).filter(|d| d.chars().all(|c| c.is_ascii_digit()));
    digits.and_then(|d| Date::parse(&format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])).ok()).ok_or_else(|| {
        Refusal::error(
            102,
            format!("{field} `{}` is not a date; expected YYYYMMDD", crate::model::text::sanitize(value)),
        )
    })
}

/// Reads an ADT message: its event, the patient, and what it says about them.
pub fn read(m: &Message) -> Result<Adt, Refusal> {
    let kind = m.get("MSH", 9, 1).unwrap_or_default();
    if kind != "ADT" {
        return Err(Refusal::rejected(200, format!("MSH-9 is `{}`; only ADT messages are read", safe(&kind))));
    }
    let code = m.get("MSH", 9, 2).or_else(|| m.get("EVN", 1, 1)).unwrap_or_default();
    let trigger = Trigger::parse(&code).ok_or_else(|| {
        Refusal::rejected(201, format!("ADT event `{}` is not read; A01, A02, A03, A04 and A08 are", safe(&code)))
    })?;
    let control_id = m.get("MSH", 10, 1).unwrap_or_default();
    if m.segment("PID").is_none() {
        return Err(Refusal::error(100, "no PID segment: the patient is not named"));
    }
    let ids = m.repetitions("PID", 3);
    let typed = |kind: &str| ids.iter().find(|r| r.get(4).is_some_and(|t| t.trim() == kind)).and_then(|r| r.first());
    let mr = typed("MR").filter(|v| !v.trim().is_empty()).ok_or_else(|| {
        Refusal::error(101, "PID-3 has no identifier of type MR (the hospital number), which names the case")
    })?;
    let id: CaseId = mr.trim().parse().map_err(|e| Refusal::error(102, format!("PID-3 MR identifier: {e}")))?;
    let mut update = Demographics::default();
    if let Some(nhs) = typed("NH").filter(|v| !v.trim().is_empty()) {
        let nhs: NhsNumber = nhs.parse().map_err(|e| Refusal::error(102, format!("PID-3 NH identifier: {e}")))?;
        update.nhs_number = Some(nhs);
    }
    let family = m.get("PID", 5, 1);
    let given: Vec<String> = [m.get("PID", 5, 2), m.get("PID", 5, 3)].into_iter().flatten().collect();
    update.family_name = family.as_deref().map(|f| Text::new(title_case(f)));
    update.given_names = given.iter().flat_map(|g| g.split_whitespace()).map(|g| Text::new(title_case(g))).collect();
    let parts: Vec<String> = given.iter().map(|g| title_case(g)).chain(family.as_deref().map(title_case)).collect();
    if !parts.is_empty() {
        update.name = Some(Text::new(parts.join(" ")));
    }
    if let Some(born) = m.get("PID", 7, 1) {
        update.born = Some(hl7_date("PID-7", &born)?);
    }
    update.sex = match m.get("PID", 8, 1).as_deref().map(str::trim) {
        None => None,
        Some("F") => Some(Sex::Female),
        Some("M") => Some(Sex::Male),
        Some("O" | "A" | "N") => Some(Sex::Other),
        Some("U") => Some(Sex::Unknown),
        Some(other) => return Err(Refusal::error(102, format!("PID-8 `{}` is not F, M, O, A, N or U", safe(other)))),
    };
    update.ward = m.get("PV1", 3, 1).map(|w| Text::from(w.trim()));
    update.bed = m.get("PV1", 3, 3).map(|b| Text::from(b.trim()));
    if let Some(admitted) = m.get("PV1", 44, 1) {
        update.admitted = Some(hl7_date("PV1-44", &admitted)?);
    }
    update.status = match (trigger, m.get("PV1", 2, 1).as_deref().map(str::trim)) {
        (Trigger::A03, _) => None,
        (_, Some("I")) | (Trigger::A01, None) => Some(Status::Inpatient),
        (_, Some("O")) | (Trigger::A04, None) => Some(Status::Outpatient),
        _ => None,
    };
    let discharged = match trigger {
        Trigger::A03 => {
            let (field, value) =
                [("PV1-45", m.get("PV1", 45, 1)), ("EVN-2", m.get("EVN", 2, 1)), ("MSH-7", m.get("MSH", 7, 1))]
                    .into_iter()
                    .find_map(|(f, v)| v.map(|v| (f, v)))
                    .ok_or_else(|| Refusal::error(101, "an A03 needs the discharge time: PV1-45, EVN-2 or MSH-7"))?;
            Some(hl7_date(field, &value)?)
        }
        _ => None,
    };
    Ok(Adt { trigger, control_id, id, update, discharged })
}

fn safe(s: &str) -> String {
    crate::model::text::sanitize(s)
}

/// `ELLIS` → `Ellis`, `O'NEIL-SMITH` → `O'Neil-Smith`: the upper case many systems send, as a
/// name is written; a name already in mixed case is kept.
fn title_case(name: &str) -> String {
    let name = name.trim();
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// What the answer is to: the original message's header, when it could be read.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub encoding: Encoding,
    pub sending_application: String,
    pub sending_facility: String,
    pub receiving_application: String,
    pub receiving_facility: String,
    pub control_id: String,
    pub trigger: String,
    pub processing_id: String,
    pub version: String,
}

impl Header {
    pub fn of(m: &Message) -> Header {
        let raw = |field: usize| m.segment("MSH").and_then(|s| s.raw(field)).unwrap_or_default().to_string();
        Header {
            encoding: m.encoding,
            sending_application: raw(3),
            sending_facility: raw(4),
            receiving_application: raw(5),
            receiving_facility: raw(6),
            control_id: m.get("MSH", 10, 1).unwrap_or_default(),
            trigger: m.get("MSH", 9, 2).unwrap_or_default(),
            processing_id: raw(11),
            version: raw(12),
        }
    }
}

/// The ACK: MSH with sender and receiver swapped, MSA with the code and the original control id,
/// and for an error an ERR segment with its HL7 error code (table 0357) and the words. Segments
/// end with CR. `stamp` is the moment as `YYYYMMDDHHMM`; `ack_id` the ACK's own control id.
pub fn ack(h: &Header, code: AckCode, text: &str, hl7_error: Option<u16>, stamp: &str, ack_id: &str) -> String {
    let e = &h.encoding;
    let f = e.field;
    let enc: String =
        [Some(e.component), Some(e.repetition), e.escape, Some(e.subcomponent)].into_iter().flatten().collect();
    // HL7 v2 is ASCII unless MSH-18 says otherwise; the dash of our sentences need not test that.
    let text = encode(e, &text.replace(['—', '–'], "-"));
    let or = |v: &str, default: &str| if v.is_empty() { default.to_string() } else { v.to_string() };
    let mut out = format!(
        "MSH{f}{enc}{f}{}{f}{}{f}{}{f}{}{f}{stamp}{f}{f}ACK{c}{}{c}ACK{f}{}{f}{}{f}{}\r",
        or(&h.receiving_application, "CORDWATCH"),
        h.receiving_facility,
        h.sending_application,
        h.sending_facility,
        encode(e, &h.trigger),
        encode(e, ack_id),
        or(&h.processing_id, "P"),
        or(&h.version, "2.5"),
        c = e.component,
    );
    out.push_str(&format!("MSA{f}{}{f}{}{f}{text}\r", code.as_str(), encode(e, &h.control_id)));
    if let Some(err) = hl7_error {
        let severity = if code == AckCode::AA { "W" } else { "E" };
        out.push_str(&format!("ERR{f}{f}{f}{err}{c}{text}{c}HL70357{f}{severity}\r", c = e.component));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str) -> Message {
        Message::parse(&text.replace('\n', "\r")).expect("parses")
    }

    #[test]
    fn an_a01_gives_the_patient_by_the_mr_identifier_with_name_location_and_nhs_number() {
        let m = msg("MSH|^~\\&|PAS|RXH|CW|ONC|202611230900||ADT^A01|M1|P|2.4\n\
                     PID|1||9434765919^^^NHS^NH~RXH1^^^RXH^MR||O'NEIL^MARY ANN^J||19560314|F\n\
                     PV1|1|I|7B^^12");
        let adt = read(&m).expect("reads");
        assert_eq!((adt.trigger, adt.id.as_str(), adt.control_id.as_str()), (Trigger::A01, "RXH1", "M1"));
        let u = &adt.update;
        assert_eq!(u.name, Some(Text::from("Mary Ann J O'Neil")));
        assert_eq!(u.family_name, Some(Text::from("O'Neil")));
        assert_eq!(u.given_names, vec![Text::from("Mary"), Text::from("Ann"), Text::from("J")]);
        assert_eq!(u.nhs_number.as_ref().map(NhsNumber::as_str), Some("9434765919"));
        assert_eq!((u.ward.clone(), u.bed.clone()), (Some(Text::from("7B")), Some(Text::from("12"))));
        assert_eq!((u.sex, u.status), (Some(Sex::Female), Some(Status::Inpatient)));
        assert_eq!(u.born, Date::parse("1956-03-14").ok());
    }

    #[test]
    fn what_cannot_be_applied_is_an_error_and_what_is_not_adt_is_rejected() {
        let base = "MSH|^~\\&|PAS|RXH|CW|ONC|202611230900||ADT^A01|M1|P|2.4\n";
        let refusal = |body: &str| read(&msg(&format!("{base}{body}"))).expect_err("refused");
        assert_eq!(refusal("PID|1||123^^^X^PI").code, AckCode::AE, "no MR");
        assert!(refusal("PID|1||123^^^X^PI").text.contains("MR"));
        assert_eq!(refusal("PV1|1|I").hl7_error, 100, "no PID");
        assert!(refusal("PID|1||R1^^^X^MR||A^B||19561314").text.contains("PID-7 `19561314`"));
        assert!(refusal("PID|1||R1^^^X^MR~9434765918^^^NHS^NH").text.contains("check digit"));
        assert!(refusal("PID|1||R1^^^X^MR||||| Z").text.contains("PID-8"));
        let other = read(&msg("MSH|^~\\&|A|B|C|D|2026||ORU^R01|M2|P|2.4\nPID|1||R1^^^X^MR")).expect_err("ORU");
        assert_eq!((other.code, other.hl7_error), (AckCode::AR, 200));
        let event = read(&msg("MSH|^~\\&|A|B|C|D|2026||ADT^A05|M2|P|2.4\nPID|1||R1^^^X^MR")).expect_err("A05");
        assert_eq!((event.code, event.hl7_error), (AckCode::AR, 201));
        let a03 = read(&msg("MSH|^~\\&|A|B|C|D|||ADT^A03|M3|P|2.4\nPID|1||R1^^^X^MR")).expect_err("no time");
        assert!(a03.text.contains("discharge time"), "{}", a03.text);
    }

    #[test]
    fn the_ack_swaps_sender_and_receiver_and_escapes_its_words() {
        let m = msg("MSH|^~\\&|PAS|RXH|CW|ONC|202611230900||ADT^A01|M1|P|2.4\nPID|1||R1^^^X^MR");
        let a = ack(&Header::of(&m), AckCode::AE, "ward 7B|bed 12", Some(207), "202611231000", "CW1");
        assert!(ack(&Header::of(&m), AckCode::AE, "open — x", None, "2026", "CW1").contains("|open - x\r"));
        let lines: Vec<&str> = a.split('\r').collect();
        assert_eq!(lines[0], "MSH|^~\\&|CW|ONC|PAS|RXH|202611231000||ACK^A01^ACK|CW1|P|2.4");
        assert_eq!(lines[1], "MSA|AE|M1|ward 7B\\F\\bed 12");
        assert_eq!(lines[2], "ERR|||207^ward 7B\\F\\bed 12^HL70357|E");
        let back = Message::parse(&a).expect("the ACK reads back");
        assert_eq!(back.get("MSA", 3, 1).as_deref(), Some("ward 7B|bed 12"));
    }
}
