//! The FHIR R4 data types the export uses, each holding only values FHIR accepts.
//!
//! A string here is never empty or blank, a date-time always has the form FHIR allows (with its
//! offset when it has a time), and a reference always points at a `urn:uuid:` full URL. The
//! checks run both when the program builds a value and when a bundle is read back, so the
//! round-trip tests prove that what was written is what FHIR accepts, as far as the types go.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::model::time::WardZone;
use crate::model::{Date, Stamp};

/// A FHIR `string`: non-blank, with no surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FhirString(String);

impl FhirString {
    /// The trimmed text, or None when nothing is left: FHIR forbids empty strings.
    pub fn new(text: impl AsRef<str>) -> Option<FhirString> {
        let trimmed = text.as_ref().trim();
        (!trimmed.is_empty()).then(|| FhirString(trimmed.to_string()))
    }

    /// The program's own wording, which is never blank; a blank literal falls back to a marker
    /// rather than writing an invalid string.
    pub fn lit(text: &'static str) -> FhirString {
        FhirString::new(text).unwrap_or_else(|| FhirString("(no text)".to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for FhirString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match FhirString::new(&text) {
            Some(s) if s.0 == text => Ok(s),
            _ => Err(de::Error::custom("a FHIR string must have content and no surrounding whitespace")),
        }
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`, the only `date` form the export writes.
fn is_date(s: &str) -> bool {
    // ASCII first, so slicing by byte below can never split a character.
    s.is_ascii()
        && s.len() == 10
        && digits(&s[0..4], 4)
        && &s[4..5] == "-"
        && digits(&s[5..7], 2)
        && &s[7..8] == "-"
        && digits(&s[8..10], 2)
}

/// `YYYY-MM-DDThh:mm:ss` followed by `Z` or `+hh:mm`/`-hh:mm`.
fn is_timed(s: &str) -> bool {
    if !s.is_ascii() || s.len() < 20 || !is_date(&s[0..10]) {
        return false;
    }
    let time = &s[10..19];
    let zone = &s[19..];
    let time_ok = &time[0..1] == "T"
        && digits(&time[1..3], 2)
        && &time[3..4] == ":"
        && digits(&time[4..6], 2)
        && &time[6..7] == ":"
        && digits(&time[7..9], 2);
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && digits(&zone[1..3], 2)
            && &zone[3..4] == ":"
            && digits(&zone[4..6], 2));
    time_ok && zone_ok
}

/// A FHIR `dateTime`: a date alone, or a time of day with its offset (FHIR requires one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DateTime(String);

impl DateTime {
    /// A ward time in the ward's zone; a stamp recorded as a date alone stays a date.
    pub fn of(stamp: Stamp, zone: &WardZone) -> DateTime {
        DateTime(stamp.rfc3339_in(zone))
    }

    pub fn date(date: Date) -> DateTime {
        DateTime(date.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_date(&s) || is_timed(&s) {
            Ok(DateTime(s))
        } else {
            Err(de::Error::custom(format!("`{s}` is not a FHIR dateTime (YYYY-MM-DD, or with a time and offset)")))
        }
    }
}

/// A FHIR `instant`: always a time of day with its offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Instant(String);

impl Instant {
    /// The moment in the ward's zone; a date alone counts from the start of its day.
    pub fn of(stamp: Stamp, zone: &WardZone) -> Instant {
        Instant(stamp.to_minute().rfc3339_in(zone))
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_timed(&s) { Ok(Instant(s)) } else { Err(de::Error::custom(format!("`{s}` is not a FHIR instant"))) }
    }
}

/// A FHIR `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FhirDate(String);

impl FhirDate {
    pub fn of(date: Date) -> FhirDate {
        FhirDate(date.to_string())
    }
}

impl<'de> Deserialize<'de> for FhirDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_date(&s) { Ok(FhirDate(s)) } else { Err(de::Error::custom(format!("`{s}` is not a FHIR date"))) }
    }
}

/// A resource's identity: a UUID, written as the resource `id` and, with `urn:uuid:`, as the
/// entry's `fullUrl` and in every reference to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Uuid(String);

impl Uuid {
    /// From 128 bits, marked as a version 8 (custom) UUID of the RFC 9562 variant.
    pub fn from_bits(bits: u128) -> Uuid {
        let bits = (bits & !(0xf << 76)) | (0x8 << 76);
        let bits = (bits & !(0x3 << 62)) | (0x2 << 62);
        let hex = format!("{bits:032x}");
        Uuid(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn parse(s: &str) -> Option<Uuid> {
        let groups: Vec<&str> = s.split('-').collect();
        let shape = groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12];
        let hex = s.bytes().all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        (shape && hex).then(|| Uuid(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for Uuid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Uuid::parse(&s).ok_or_else(|| de::Error::custom(format!("`{s}` is not a lower-case UUID")))
    }
}

/// `urn:uuid:<uuid>`: an entry's `fullUrl`, and what a reference points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FullUrl(pub Uuid);

const URN_UUID: &str = "urn:uuid:";

impl FullUrl {
    pub fn text(&self) -> String {
        format!("{URN_UUID}{}", self.0.as_str())
    }
}

impl Serialize for FullUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for FullUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.strip_prefix(URN_UUID)
            .and_then(Uuid::parse)
            .map(FullUrl)
            .ok_or_else(|| de::Error::custom(format!("`{s}` is not a urn:uuid: full URL")))
    }
}

/// A reference to another entry of the same bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub reference: FullUrl,
}

/// One code from a code system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coding {
    pub system: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<FhirString>,
}

/// A concept: codes where they exist, and always the text a person reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeableConcept {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    pub text: FhirString,
}

impl CodeableConcept {
    /// Text alone: there is no code the export is sure of.
    pub fn text(text: FhirString) -> CodeableConcept {
        CodeableConcept { coding: Vec::new(), text }
    }
}

/// A value set whose codes come from one code system, written as a CodeableConcept (a
/// condition's clinical and verification status).
pub trait CodeSystem: Copy + Sized {
    const SYSTEM: &'static str;
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

/// A CodeableConcept holding exactly one code of `T`'s system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept<T>(pub T);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptShape {
    coding: Vec<Coding>,
}

impl<T: CodeSystem> Serialize for Concept<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let coding = Coding { system: T::SYSTEM.to_string(), code: self.0.code().to_string(), display: None };
        ConceptShape { coding: vec![coding] }.serialize(s)
    }
}

impl<'de, T: CodeSystem> Deserialize<'de> for Concept<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let shape = ConceptShape::deserialize(d)?;
        match shape.coding.as_slice() {
            [one] if one.system == T::SYSTEM => T::from_code(&one.code)
                .map(Concept)
                .ok_or_else(|| de::Error::custom(format!("`{}` is not a code of {}", one.code, T::SYSTEM))),
            _ => Err(de::Error::custom(format!("expected one coding from {}", T::SYSTEM))),
        }
    }
}

/// An identifier in the scheme named by `system`: the hospital number, the NHS number, or the
/// program's own name for an open item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    /// What kind of identifier it is (v2-0203 `MR` for the hospital number).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CodeableConcept>,
    pub system: String,
    pub value: FhirString,
}

impl Identifier {
    pub fn new(system: impl Into<String>, value: FhirString) -> Identifier {
        Identifier { kind: None, system: system.into(), value }
    }
}

/// The patient's name as a person reads it, and its parts when the case file gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HumanName {
    pub text: FhirString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<FhirString>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<FhirString>,
}

/// A start, an end, or both; never neither (FHIR forbids an empty element).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<DateTime>,
}

impl Period {
    pub fn from(start: DateTime, end: Option<DateTime>) -> Period {
        Period { start: Some(start), end }
    }

    pub fn until(end: DateTime) -> Period {
        Period { start: None, end: Some(end) }
    }

    pub fn start(&self) -> Option<&DateTime> {
        self.start.as_ref()
    }

    pub fn end(&self) -> Option<&DateTime> {
        self.end.as_ref()
    }
}

/// A measured amount in UCUM units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    pub value: f64,
    pub unit: FhirString,
    pub system: String,
    pub code: String,
}

/// A dose per unit of time ("16 mg a day"), in UCUM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DoseAndRate {
    pub rate_quantity: Quantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub text: FhirString,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_strings_cannot_be_made_or_read() {
        assert!(FhirString::new("  ").is_none());
        assert_eq!(FhirString::new(" a ").map(|s| s.0), Some("a".into()));
        assert!(serde_json::from_str::<FhirString>("\" a\"").is_err());
        assert!(serde_json::from_str::<FhirString>("\"\"").is_err());
    }

    #[test]
    fn date_times_need_an_offset_with_a_time() {
        for ok in ["\"2026-11-21\"", "\"2026-11-21T08:30:00+01:00\"", "\"2026-11-21T08:30:00Z\""] {
            assert!(serde_json::from_str::<DateTime>(ok).is_ok(), "{ok}");
        }
        for bad in [
            "\"2026-11-21 08:30\"",
            "\"2026-11-21T08:30:00\"",
            "\"21/11/2026\"",
            "\"202é-11-2\"",
            "\"2026-11-21T08:30:0é+00:00\"",
        ] {
            assert!(serde_json::from_str::<DateTime>(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Instant>("\"2026-11-21\"").is_err(), "an instant has a time");
    }

    #[test]
    fn uuids_carry_version_8_and_the_rfc_variant() {
        let id = Uuid::from_bits(u128::MAX);
        assert_eq!(id.as_str(), "ffffffff-ffff-8fff-bfff-ffffffffffff");
        let zero = Uuid::from_bits(0);
        assert_eq!(zero.as_str(), "00000000-0000-8000-8000-000000000000");
        let url: FullUrl = serde_json::from_str("\"urn:uuid:00000000-0000-8000-8000-000000000000\"").expect("url");
        assert_eq!(url.0, zero);
        assert!(serde_json::from_str::<FullUrl>("\"Patient/1\"").is_err());
    }
}
