//! Resource identities that depend only on the case and the record, so exporting the same files
//! twice gives the same bundle, and a receiving system sees an update rather than a new resource.

use super::datatypes::Uuid;
use crate::model::CaseId;

const FNV_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// FNV-1a over 128 bits: stable across Rust versions and platforms, unlike the standard
/// library's hasher, and enough to keep a few thousand names per bundle apart.
fn fnv1a(parts: &[&[u8]]) -> u128 {
    let mut hash = FNV_OFFSET;
    for part in parts {
        for byte in part.iter() {
            hash ^= u128::from(*byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
        // A separator no id or key contains, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// The identity of the record `key` ("exam/0/motor/0") of case `id`.
pub fn uuid(id: &CaseId, key: &str) -> Uuid {
    Uuid::from_bits(fnv1a(&[b"cordwatch", id.as_str().as_bytes(), key.as_bytes()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> CaseId {
        s.parse().expect("id")
    }

    #[test]
    fn the_same_record_always_gets_the_same_identity_and_others_differ() {
        let a = uuid(&id("RXH1"), "patient");
        assert_eq!(a, uuid(&id("RXH1"), "patient"));
        assert_ne!(a, uuid(&id("RXH2"), "patient"));
        assert_ne!(uuid(&id("RXH1"), "exam/1"), uuid(&id("RXH1"), "exam/10"));
        assert_ne!(uuid(&id("RXH"), "1patient"), uuid(&id("RXH1"), "patient"));
    }
}
