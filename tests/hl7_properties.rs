//! The HL7 v2 reader on hostile input, run in CI beside the fuzz target (`fuzz/fuzz_targets/hl7.rs`,
//! which needs cargo-fuzz and a nightly compiler or RUSTC_BOOTSTRAP=1): arbitrary bytes and mutated sample messages never make it
//! panic; every message gets an ACK that reads back with the original control id; any value
//! escaped with a message's encoding decodes to itself.

use cordwatch::import::adt::{self, AckCode, Header};
use cordwatch::import::hl7::{self, Encoding, Message};
use proptest::prelude::*;

const SAMPLES: [&str; 5] = [
    "MSH|^~\\&|PAS|RXH|CW|ONC|202611230830||ADT^A01^ADT_A01|M1|P|2.4\rEVN|A01|202611230830\rPID|1||9434765919^^^NHS^NH~RXA1^^^RXH^MR||ELLIS^MARGARET||19560314|F\rPV1|1|I|7B^^12\r",
    "MSH|^~\\&|PAS|RXH|CW|ONC|202611230830||ADT^A02|M2|P|2.4\rPID|1||RXA1^^^RXH^MR\rPV1|1|I|8A^^3|||7B^^12\r",
    "MSH|^~\\&|PAS|RXH|CW|ONC|202611230830||ADT^A03|M3|P|2.4\rPID|1||RXA1^^^RXH^MR\rPV1|1|I|8A^^3\r",
    "MSH|^~\\&|PAS|RXH|CW|ONC|202611230830||ADT^A04|M4|P|2.4\rPID|1||RXA2^^^RXH^MR||O\\S\\NEIL^ANN\rPV1|1|O|CLINIC\r",
    "MSH#:*!$#PAS#RXH#CW#ONC#202611230830##ADT:A08#M5#P#2.5\rPID#1##RXA1:::RXH:MR##ELLIS:MARGARET!F!ANN\r",
];

/// The control id as an ACK can carry it: control characters become spaces, and a blank one is
/// none.
fn as_carried(id: &str) -> String {
    let id: String = id.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if id.trim().is_empty() { String::new() } else { id }
}

/// What the reader must do with any stream.
fn holds_for(bytes: &[u8]) {
    for (_, _, text) in hl7::split(bytes) {
        let header = match Message::parse(&text) {
            Ok(m) => {
                let _ = adt::read(&m);
                Header::of(&m)
            }
            Err(_) => Header::default(),
        };
        let ack = adt::ack(
            &header,
            AckCode::AE,
            "refused | because ^ of ~ this & that \\ here",
            Some(207),
            "202611230900",
            "CW1",
        );
        let back = Message::parse(&ack).unwrap_or_else(|e| panic!("the ACK does not read back ({e}): {ack:?}"));
        assert_eq!(back.get("MSA", 1, 1).as_deref(), Some("AE"));
        if header.encoding.escape.is_some() {
            assert_eq!(back.get("MSA", 2, 1).unwrap_or_default(), as_carried(&header.control_id), "{ack:?}");
            assert_eq!(
                back.get("MSA", 3, 1).as_deref(),
                Some("refused | because ^ of ~ this & that \\ here"),
                "{ack:?}"
            );
        }
    }
}

/// One change to a sample: a byte replaced, inserted or removed, or the message cut short.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // The bytes that matter most to a parser: its separators, escapes, frames and line ends.
    let byte = prop_oneof![prop::sample::select(b"|^~\\&#:*!$\r\n\x0b\x1cMSHPIDFSTRE.X0".to_vec()), any::<u8>(),];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(sample: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = sample.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Replace(i, b) if !bytes.is_empty() => bytes[i % len] = b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Remove(i) if !bytes.is_empty() => {
                bytes.remove(i % len);
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_are_always_answered(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        holds_for(&bytes);
        let framed: Vec<u8> = [&[hl7::START_BLOCK][..], &bytes, &[hl7::END_BLOCK, b'\r']].concat();
        holds_for(&framed);
    }

    #[test]
    fn mutated_samples_never_panic_and_are_always_answered(
        which in 0..SAMPLES.len(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let bytes = mutate(SAMPLES[which], &mutations);
        holds_for(&bytes);
        holds_for(&[SAMPLES[(which + 1) % SAMPLES.len()].as_bytes(), b"\n", &bytes].concat());
    }

    #[test]
    fn an_escaped_value_decodes_to_itself(value in "\\PC*", which in 0..SAMPLES.len()) {
        let m = Message::parse(SAMPLES[which]).expect("samples parse");
        prop_assert_eq!(m.decode(&m.encode(&value)), value);
    }
}

#[test]
fn every_sample_reads_as_the_event_it_is() {
    for (sample, event) in SAMPLES.iter().zip(["A01", "A02", "A03", "A04", "A08"]) {
        let m = Message::parse(sample).expect("parses");
        let adt = adt::read(&m).unwrap_or_else(|r| panic!("{event}: {}", r.text));
        assert_eq!(adt.trigger.as_str(), event);
    }
    let m = Message::parse(SAMPLES[4]).expect("other separators");
    let adt = adt::read(&m).expect("A08");
    assert_eq!(adt.update.given_names.iter().map(|g| g.raw()).collect::<Vec<_>>(), ["Margaret#Ann"]);
    assert_eq!(Encoding::default().field, '|');
}
