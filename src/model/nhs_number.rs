//! The NHS number: ten digits, the last a modulus-11 check digit over the first nine (NHS Data
//! Dictionary, "NHS Number"). A number whose check digit does not match is a typing error, and it
//! is refused where it is read: exported to another system it would name another patient, or none.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// A valid NHS number, held as its ten digits without spaces.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct NhsNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NhsNumberError {
    #[error("`{0}` is not an NHS number; expected 10 digits, spaces allowed as in 943 476 5919")]
    Shape(String),
    #[error(
        "`{given}` is not a valid NHS number: its check digit is {last}, the first nine digits give {expected}; check it was typed correctly"
    )]
    CheckDigit { given: String, last: u32, expected: String },
}

impl NhsNumber {
    /// The ten digits, as FHIR's `Identifier.value` and the case file hold them.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The check digit the first nine digits call for, or None when no digit fits (a remainder of
    /// 1 leaves 10, which the scheme never issues).
    pub fn check_digit(first_nine: &[u32; 9]) -> Option<u32> {
        let sum: u32 = first_nine.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            digit => Some(digit),
        }
    }
}

impl FromStr for NhsNumber {
    type Err = NhsNumberError;
    fn from_str(s: &str) -> Result<Self, NhsNumberError> {
        let shown = || crate::model::text::sanitize(s);
        let compact: String = s.chars().filter(|c| *c != ' ').collect();
        let digits: Vec<u32> = compact.chars().filter_map(|c| c.to_digit(10)).collect();
        if compact.len() != 10 || digits.len() != 10 {
            return Err(NhsNumberError::Shape(shown()));
        }
        let mut first = [0u32; 9];
        first.copy_from_slice(&digits[..9]);
        let last = digits[9];
        match NhsNumber::check_digit(&first) {
            Some(expected) if expected == last => Ok(NhsNumber(compact)),
            expected => Err(NhsNumberError::CheckDigit {
                given: shown(),
                last,
                expected: expected.map(|d| d.to_string()).unwrap_or_else(|| "none (no valid number starts so)".into()),
            }),
        }
    }
}

impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl<'de> Deserialize<'de> for NhsNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Written quoted, but a bare 10-digit number in a hand-edited file is read the same way.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(u64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::Number(n) => format!("{n:010}"),
        };
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for NhsNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_are_read_with_or_without_spaces() {
        // 943 476 5919 is the NHS's own published example of a valid number.
        for ok in ["9434765919", "943 476 5919", "4010232137"] {
            let n: NhsNumber = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(n.as_str().len(), 10);
        }
        assert_eq!("943 476 5919".parse::<NhsNumber>().map(|n| n.to_string()), Ok("9434765919".to_string()));
    }

    #[test]
    fn a_wrong_check_digit_or_shape_is_refused_with_the_reason() {
        let err = "9434765918".parse::<NhsNumber>().expect_err("last digit changed");
        assert!(err.to_string().contains("check digit is 8"), "{err}");
        assert!(err.to_string().contains("give 9"), "{err}");
        // Two digits swapped: the weighting catches a transposition.
        assert!("9434765991".parse::<NhsNumber>().is_err());
        for bad in ["943476591", "94347659190", "943-476-5919", "94347659l9", ""] {
            assert!(matches!(bad.parse::<NhsNumber>(), Err(NhsNumberError::Shape(_))), "{bad}");
        }
    }

    #[test]
    fn a_remainder_of_ten_has_no_valid_check_digit() {
        // 1,0,0,0,0,0,0,0,0 weighs 10: 11 - 10 = 1. 1,0,0,0,0,0,0,0,1 weighs 12: 11 - 1 = 10.
        assert_eq!(NhsNumber::check_digit(&[1, 0, 0, 0, 0, 0, 0, 0, 0]), Some(1));
        assert_eq!(NhsNumber::check_digit(&[1, 0, 0, 0, 0, 0, 0, 0, 1]), None);
        for last in 0..10 {
            assert!(format!("100000001{last}").parse::<NhsNumber>().is_err());
        }
    }

    #[test]
    fn case_files_may_hold_it_quoted_or_bare() {
        let quoted: NhsNumber = serde_yaml::from_str("\"943 476 5919\"").expect("quoted");
        let bare: NhsNumber = serde_yaml::from_str("9434765919").expect("bare");
        assert_eq!(quoted, bare);
        assert!(serde_yaml::from_str::<NhsNumber>("9434765918").is_err());
    }
}
