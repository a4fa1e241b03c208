//! Any bytes as a case file: reading never panics or hangs, and a case that reads is written back
//! to text that reads as the same case.
#![no_main]

use cordwatch::model::Case;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = cordwatch::yaml::from_bytes::<Case>(data) {
        let text = cordwatch::yaml::write_case(&case);
        let back: Case = cordwatch::yaml::from_str(&text).expect("the writer's output reads back");
        assert_eq!(back, case, "the writer changed the case:\n{text}");
        let _ = case.name.to_string();
    }
});
