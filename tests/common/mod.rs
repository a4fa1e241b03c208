//! Helpers shared by the integration tests: cases from YAML text, and the engine at a moment.
#![allow(dead_code)]

use cordwatch::engine::{Assessment, EngineSettings, assess};
use cordwatch::guidelines::Guidelines;
use cordwatch::model::{Case, Date, Stamp};

/// The built-in rules, parsed once per test binary.
pub fn guidelines() -> &'static Guidelines {
    static RULES: std::sync::OnceLock<Guidelines> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Guidelines::built_in().expect("built-in guidelines load"))
}

pub const SETTINGS: EngineSettings = EngineSettings { not_examined_hours: 24, due_soon_days: 7 };

/// A case from the body of a case file (id and name are added).
pub fn case(body: &str) -> Case {
    let text = format!("id: \"T1\"\nname: Test Patient\n{body}");
    cordwatch::yaml::from_str(&text).unwrap_or_else(|e| panic!("test case does not parse: {e}\n{text}"))
}

pub fn at(s: &str) -> Stamp {
    Stamp::parse(s).expect("valid stamp")
}

pub fn date(s: &str) -> Date {
    Date::parse(s).expect("valid date")
}

pub fn assess_at(case: &Case, now: &str) -> Assessment {
    assess(case, guidelines(), &SETTINGS, at(now))
}

/// (rule, level, raised_at, open) of every flag, for compact assertions.
pub fn flags(a: &Assessment) -> Vec<(String, String, String, bool)> {
    a.flags
        .iter()
        .map(|f| (f.rule_id().to_string(), f.level.to_string(), f.raised_at.to_string(), f.is_open()))
        .collect()
}

pub fn open_rules(a: &Assessment) -> Vec<String> {
    a.open_flags().map(|f| f.rule_id().to_string()).collect()
}
