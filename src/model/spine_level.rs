//! Vertebral levels (C1 to S5) and the Bilsky epidural spinal cord compression grade.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The regions of the spine in head-to-tail order, with how many levels each has.
const REGIONS: [(char, u8); 4] = [('C', 7), ('T', 12), ('L', 5), ('S', 5)];

/// One vertebral level. Ordered from C1 (top) to S5 (bottom).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct SpineLevel(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a spinal level; expected C1-C7, T1-T12, L1-L5 or S1-S5")]
pub struct LevelError(String);

impl SpineLevel {
    /// Every level from C1 to S5.
    pub fn all() -> impl Iterator<Item = SpineLevel> {
        (0..Self::COUNT).map(SpineLevel)
    }

    pub const COUNT: u8 = 29;

    /// Position from the top, 0 for C1.
    pub fn index(self) -> u8 {
        self.0
    }

    pub fn region(self) -> char {
        self.split().0
    }

    fn split(self) -> (char, u8) {
        let mut rest = self.0;
        for (region, count) in REGIONS {
            if rest < count {
                return (region, rest + 1);
            }
            rest -= count;
        }
        ('S', 5)
    }
}

impl FromStr for SpineLevel {
    type Err = LevelError;
    fn from_str(s: &str) -> Result<Self, LevelError> {
        let err = || LevelError(crate::model::text::sanitize(s));
        let mut chars = s.chars();
        let region = chars.next().ok_or_else(err)?;
        let number = chars.as_str();
        if number.is_empty() || number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let number: u8 = number.parse().map_err(|_| err())?;
        let mut offset = 0u8;
        for (r, count) in REGIONS {
            if r == region {
                return if (1..=count).contains(&number) { Ok(SpineLevel(offset + number - 1)) } else { Err(err()) };
            }
            offset += count;
        }
        Err(err())
    }
}

impl fmt::Display for SpineLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (region, number) = self.split();
        f.pad(&format!("{region}{number}"))
    }
}

struct LevelVisitor;

impl Visitor<'_> for LevelVisitor {
    type Value = SpineLevel;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a spinal level C1-C7, T1-T12, L1-L5 or S1-S5")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<SpineLevel, E> {
        v.parse().map_err(|e: LevelError| E::custom(e))
    }
}

impl<'de> Deserialize<'de> for SpineLevel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(LevelVisitor)
    }
}

impl Serialize for SpineLevel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A vertebral level or a run of them, as reports and treatment records give them: `T11`,
/// `T4-T6`, `T12-L1`. Written with a hyphen; read with a hyphen or an en dash, in either order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct LevelSpan {
    pub from: SpineLevel,
    pub to: SpineLevel,
}

impl LevelSpan {
    pub fn one(level: SpineLevel) -> LevelSpan {
        LevelSpan { from: level, to: level }
    }

    /// Whether the run includes `level`.
    pub fn covers(self, level: SpineLevel) -> bool {
        (self.from..=self.to).contains(&level)
    }

    /// Whether two runs share a level.
    pub fn overlaps(self, other: LevelSpan) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// The levels of a free-text treated site when the whole text is levels ("T6-T8",
    /// "T4-T6, T11", "L1-L2 and L4"); None when any of it is something else ("thoracic spine"),
    /// which stays text and is never taken for a level.
    pub fn parse_site(text: &str) -> Option<Vec<LevelSpan>> {
        let spans: Vec<LevelSpan> = text
            .split([',', ';', '+', '/'])
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| part.to_uppercase().parse::<LevelSpan>().ok())
            .collect::<Option<_>>()?;
        (!spans.is_empty()).then_some(spans)
    }
}

impl FromStr for LevelSpan {
    type Err = LevelError;
    fn from_str(s: &str) -> Result<Self, LevelError> {
        let err = || LevelError(crate::model::text::sanitize(s));
        match s.split_once(['-', '\u{2013}']) {
            None => s.trim().parse().map(LevelSpan::one),
            Some((a, b)) => {
                let (a, b): (SpineLevel, SpineLevel) =
                    (a.trim().parse().map_err(|_| err())?, b.trim().parse().map_err(|_| err())?);
                Ok(LevelSpan { from: a.min(b), to: a.max(b) })
            }
        }
    }
}

impl fmt::Display for LevelSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to { write!(f, "{}", self.from) } else { write!(f, "{}-{}", self.from, self.to) }
    }
}

impl<'de> Deserialize<'de> for LevelSpan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e: LevelError| de::Error::custom(format!("{e}, or a run such as T4-T6")))
    }
}

impl Serialize for LevelSpan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Bilsky epidural spinal cord compression grade, read from a spine MRI.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Escc {
    G0,
    G1a,
    G1b,
    G1c,
    G2,
    G3,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a Bilsky ESCC grade; expected 0, 1a, 1b, 1c, 2 or 3{1}")]
pub struct EsccError(String, &'static str);

impl Escc {
    pub const ALL: [Escc; 6] = [Escc::G0, Escc::G1a, Escc::G1b, Escc::G1c, Escc::G2, Escc::G3];

    pub fn as_str(self) -> &'static str {
        match self {
            Escc::G0 => "0",
            Escc::G1a => "1a",
            Escc::G1b => "1b",
            Escc::G1c => "1c",
            Escc::G2 => "2",
            Escc::G3 => "3",
        }
    }

    /// Grades 2 and 3 are, by the scale's own definition, a compressed cord (with and without
    /// CSF still visible); this is what the grade means, not a threshold a hospital would tune.
    pub fn is_compression(self) -> bool {
        matches!(self, Escc::G2 | Escc::G3)
    }
}

impl FromStr for Escc {
    type Err = EsccError;
    fn from_str(s: &str) -> Result<Self, EsccError> {
        if s == "1" {
            return Err(EsccError(s.into(), " (grade 1 is recorded as 1a, 1b or 1c)"));
        }
        Escc::ALL.into_iter().find(|g| g.as_str() == s).ok_or_else(|| EsccError(crate::model::text::sanitize(s), ""))
    }
}

impl fmt::Display for Escc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

struct EsccVisitor;

impl Visitor<'_> for EsccVisitor {
    type Value = Escc;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Bilsky ESCC grade 0, 1a, 1b, 1c, 2 or 3")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Escc, E> {
        v.parse().map_err(|e: EsccError| E::custom(e))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Escc, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Escc, E> {
        self.visit_str(&v.to_string())
    }
}

impl<'de> Deserialize<'de> for Escc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EsccVisitor)
    }
}

impl Serialize for Escc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_round_trips_in_order() {
        let names: Vec<String> = SpineLevel::all().map(|l| l.to_string()).collect();
        assert_eq!(names.len(), 29);
        assert_eq!(names.first().map(String::as_str), Some("C1"));
        assert_eq!(names[7], "T1");
        assert_eq!(names[19], "L1");
        assert_eq!(names.last().map(String::as_str), Some("S5"));
        for (i, n) in names.iter().enumerate() {
            assert_eq!(n.parse::<SpineLevel>().expect("own name").index() as usize, i);
        }
    }

    #[test]
    fn impossible_levels_are_refused() {
        for bad in ["T13", "C8", "L6", "S6", "C0", "T01", "t6", "X1", "T", "", "T1a"] {
            assert!(bad.parse::<SpineLevel>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn escc_reads_numbers_and_strings() {
        assert_eq!("1c".parse::<Escc>(), Ok(Escc::G1c));
        assert_eq!("2".parse::<Escc>(), Ok(Escc::G2));
        let one = "1".parse::<Escc>().expect_err("ambiguous");
        assert!(one.to_string().contains("1a, 1b or 1c"));
        assert!("4".parse::<Escc>().is_err());
    }
}
