//! Any text as one of the rules files, the other four being the built-in ones: loading never
//! panics, and rules that load can be used on a case.
#![no_main]

use cordwatch::guidelines::{FILES, Guidelines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut texts: Vec<&str> = Guidelines::built_in_files().map(|(_, t)| t).collect();
    texts[usize::from(which) % FILES.len()] = text;
    if let Ok(g) = Guidelines::from_texts(&texts, "fuzz") {
        let case: cordwatch::model::Case = cordwatch::yaml::from_str(
            "id: F1\nname: Fuzz\nstatus: inpatient\nexams:\n  - { at: 2026-11-20 08:00, motor: weakness, pain: [thoracic], frankel: D }\n  - { at: 2026-11-21 08:00, motor: paralysis, bladder: retention, frankel: B }\nspine: { levels: [T7], sins: { location: junctional, pain: mechanical, bone_lesion: lytic, alignment: normal, collapse: none, posterolateral: none } }\nbone_agent: { drug: denosumab, doses: [2026-11-01] }\n",
        )
        .expect("the fuzz case reads");
        let settings = cordwatch::engine::EngineSettings { not_examined_hours: 24, due_soon_days: 7 };
        let now = cordwatch::model::Stamp::parse("2026-11-23 08:00").expect("stamp");
        let _ = cordwatch::engine::assess(&case, &g, &settings, now);
        let _ = cordwatch::engine::score(&case, &g, now);
    }
});
