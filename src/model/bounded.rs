//! Numbers with a clinical or physical range (pain score 0-10, KPS 10-100, weeks >= 1...).
//!
//! Each range is checked while the file is read, so an out-of-range value is reported at its own
//! line and column ("pain_score: invalid value: integer `11`, expected a pain score from 0 to 10").

use std::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every bounded number has whatever its representation: the value, how it prints, how it
/// is typed on the command line and how it is written back.
macro_rules! bounded_common {
    ($name:ident, $repr:ty, $expecting:literal) => {
        impl $name {
            pub fn get(self) -> $repr {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                s.trim()
                    .parse::<$repr>()
                    .ok()
                    .and_then($name::new)
                    .ok_or_else(|| format!("`{}` is not {}", crate::model::text::sanitize(s), $expecting))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(s)
            }
        }
    };
}

macro_rules! bounded_int {
    ($(#[$meta:meta])* $name:ident, $min:expr, $max:expr, $step:expr, $expecting:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(u32);

        impl $name {
            pub const MIN: u32 = $min;
            pub const MAX: u32 = $max;
            pub const EXPECTING: &'static str = $expecting;

            /// The value, if it is in range.
            pub fn new(value: u32) -> Option<$name> {
                ((Self::MIN..=Self::MAX).contains(&value) && value.is_multiple_of($step)).then_some($name(value))
            }
        }

        bounded_common!($name, u32, $expecting);

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = schemars::json_schema!({
                    "type": "integer",
                    "description": $expecting,
                    "minimum": $min,
                    "maximum": $max,
                });
                if $step > 1 {
                    schema.insert("multipleOf".into(), $step.into());
                }
                schema
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        u32::try_from(v)
                            .ok()
                            .and_then($name::new)
                            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        match u64::try_from(v) {
                            Ok(v) => self.visit_u64(v),
                            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
                        }
                    }
                }
                d.deserialize_u32(V)
            }
        }
    };
}

bounded_int!(
    /// Patient-reported pain, 0 (none) to 10 (worst imaginable).
    PainScore, 0, 10, 1, "a pain score from 0 to 10"
);
bounded_int!(
    /// Muscle power on the MRC scale: 0 no contraction, 1 a flicker, 2 movement with gravity
    /// eliminated, 3 against gravity, 4 against some resistance, 5 normal.
    MrcGrade, 0, 5, 1, "an MRC power grade from 0 (no contraction) to 5 (normal)"
);

impl MrcGrade {
    /// The grade as a word of the exam-field table ("4").
    pub fn as_str(self) -> &'static str {
        ["0", "1", "2", "3", "4", "5"][self.0.min(5) as usize]
    }

    /// Every grade, 0 to 5.
    pub fn all() -> Vec<MrcGrade> {
        (0..=5).map(MrcGrade).collect()
    }
}

bounded_int!(
    /// Karnofsky performance status, in steps of 10.
    Kps, 10, 100, 10, "a Karnofsky score from 10 to 100 in steps of 10"
);
bounded_int!(
    /// ECOG performance status 0-4 (5 is death and is not recorded here).
    Ecog, 0, 4, 1, "an ECOG performance status from 0 to 4"
);
bounded_int!(
    /// A repeat interval in whole weeks.
    Weeks, 1, 520, 1, "a whole number of weeks from 1 to 520"
);
bounded_int!(
    /// A clinician's estimate of life expectancy in months.
    Months, 0, 600, 1, "a whole number of months from 0 to 600"
);
bounded_int!(
    /// A count of lesions.
    Count, 0, 999, 1, "a whole number from 0 to 999"
);
bounded_int!(
    /// Radiotherapy fractions.
    Fractions, 1, 100, 1, "a whole number of fractions from 1 to 100"
);
bounded_int!(
    /// Line of systemic therapy.
    Line, 1, 30, 1, "a treatment line from 1 to 30"
);

macro_rules! bounded_float {
    ($(#[$meta:meta])* $name:ident, $max:expr, $expecting:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, PartialOrd, Debug)]
        pub struct $name(f64);

        impl $name {
            /// The value, if it is finite, above zero and at most the maximum.
            pub fn new(value: f64) -> Option<$name> {
                (value.is_finite() && value > 0.0 && value <= $max).then_some($name(value))
            }
        }

        bounded_common!($name, f64, $expecting);

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "number",
                    "description": $expecting,
                    "exclusiveMinimum": 0,
                    "maximum": $max,
                })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        $name::new(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        $name::new(v as f64).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        $name::new(v as f64).ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
                    }
                }
                d.deserialize_f64(V)
            }
        }
    };
}

bounded_float!(
    /// Total radiotherapy dose in gray.
    Gray, 100.0, "a dose in Gy above 0 and at most 100"
);
bounded_float!(
    /// A daily steroid dose in milligrams.
    MgPerDay, 1000.0, "a daily dose in mg above 0 and at most 1000"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_hold_at_both_ends() {
        assert!(PainScore::new(0).is_some());
        assert!(PainScore::new(10).is_some());
        assert!(PainScore::new(11).is_none());
        assert!(Kps::new(10).is_some());
        assert!(Kps::new(100).is_some());
        assert!(Kps::new(0).is_none());
        assert!(Kps::new(75).is_none(), "KPS moves in tens");
        assert!(Ecog::new(4).is_some());
        assert!(Ecog::new(5).is_none());
        assert!(Weeks::new(0).is_none());
        assert!(Gray::new(0.0).is_none());
        assert!(Gray::new(f64::NAN).is_none());
        assert!(Gray::new(8.0).is_some());
    }

    #[test]
    fn out_of_range_values_are_reported_at_their_position() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Probe {
            pain_score: PainScore,
        }
        let err = serde_yaml::from_str::<Probe>("pain_score: 11\n").expect_err("11 is out of range");
        assert!(err.to_string().contains("expected a pain score from 0 to 10"), "{err}");
        assert_eq!(err.location().map(|l| (l.line(), l.column())), Some((1, 13)));
        assert!(serde_yaml::from_str::<Probe>("pain_score: -1\n").is_err());
        assert!(serde_yaml::from_str::<Probe>("pain_score: seven\n").is_err());
    }
}
