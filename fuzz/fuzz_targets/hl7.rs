//! Any bytes as an HL7 v2 stream: splitting, parsing and reading an ADT message never panic or
//! hang; every message gets an ACK that reads back with the original control id; and any value
//! escaped with a message's encoding decodes to itself.
#![no_main]

use cordwatch::import::adt::{self, AckCode, Header};
use cordwatch::import::hl7::{self, Message};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (_, _, text) in hl7::split(data) {
        let header = match Message::parse(&text) {
            Ok(m) => {
                let _ = adt::read(&m);
                for segment in ["MSH", "PID", "PV1"] {
                    for field in 0..50 {
                        let _ = m.repetitions(segment, field);
                    }
                }
                let value = String::from_utf8_lossy(data).replace(|c: char| c.is_control() && c != '\n', " ");
                assert_eq!(m.decode(&m.encode(&value)), value, "escaping round trip");
                Header::of(&m)
            }
            Err(_) => Header::default(),
        };
        let ack = adt::ack(&header, AckCode::AE, "a reason | with ^ separators", Some(207), "202611230900", "CW1");
        let back = Message::parse(&ack).expect("the ACK reads back");
        assert_eq!(back.get("MSA", 2, 1).unwrap_or_default(), header.control_id, "{ack:?}");
    }
});
