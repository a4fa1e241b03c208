//! The demo ward: invented patients covering every situation the program knows.
//!
//! The case files are templates with dates relative to the moment the demo starts, so the demo
//! never goes stale: `{D}` is today, `{D-5}` five days ago, `{D+3}` in three days, `{H-5}` five
//! hours ago to the minute. One file is deliberately unreadable. Pure: the caller gives the moment
//! and writes the files (through the store, into a temporary directory).

mod population;

pub use population::{population, population_part};

use crate::model::Stamp;

const WARD: [(&str, &str); 24] = [
    ("RXH1042331.yaml", include_str!("ward/RXH1042331.yaml")),
    ("RXH2287710.yaml", include_str!("ward/RXH2287710.yaml")),
    ("RXH3319025.yaml", include_str!("ward/RXH3319025.yaml")),
    ("RXH4410283.yaml", include_str!("ward/RXH4410283.yaml")),
    ("RXH5521904.yaml", include_str!("ward/RXH5521904.yaml")),
    ("RXH6634017.yaml", include_str!("ward/RXH6634017.yaml")),
    ("RXH7745228.yaml", include_str!("ward/RXH7745228.yaml")),
    ("RXH8856339.yaml", include_str!("ward/RXH8856339.yaml")),
    ("RXH9967440.yaml", include_str!("ward/RXH9967440.yaml")),
    ("RXH1078551.yaml", include_str!("ward/RXH1078551.yaml")),
    ("RXH2189662.yaml", include_str!("ward/RXH2189662.yaml")),
    ("RXH3290773.yaml", include_str!("ward/RXH3290773.yaml")),
    ("RXH4301884.yaml", include_str!("ward/RXH4301884.yaml")),
    ("RXH5412995.yaml", include_str!("ward/RXH5412995.yaml")),
    ("RXH6523006.yaml", include_str!("ward/RXH6523006.yaml")),
    ("RXH7634117.yaml", include_str!("ward/RXH7634117.yaml")),
    ("RXH8745228.yaml", include_str!("ward/RXH8745228.yaml")),
    ("RXH9856339.yaml", include_str!("ward/RXH9856339.yaml")),
    ("RXH1190112.yaml", include_str!("ward/RXH1190112.yaml")),
    ("RXH2201223.yaml", include_str!("ward/RXH2201223.yaml")),
    ("RXH3212334.yaml", include_str!("ward/RXH3212334.yaml")),
    ("RXH4223445.yaml", include_str!("ward/RXH4223445.yaml")),
    ("RXH5234556.yaml", include_str!("ward/RXH5234556.yaml")),
    ("RXH6745129.yaml", include_str!("ward/RXH6745129.yaml")),
];

/// Discharged patients, months back: the history the pathway audit reads (a scan and a treatment
/// past their standards, a flag closed with a reason, walking kept and regained).
const ARCHIVE: [(&str, &str); 5] = [
    ("RXH6120045.yaml", include_str!("archive/RXH6120045.yaml")),
    ("RXH6231156.yaml", include_str!("archive/RXH6231156.yaml")),
    ("RXH6342267.yaml", include_str!("archive/RXH6342267.yaml")),
    ("RXH6453378.yaml", include_str!("archive/RXH6453378.yaml")),
    ("RXH6564489.yaml", include_str!("archive/RXH6564489.yaml")),
];

/// The file that is unreadable on purpose, to show that a broken file is never hidden.
pub const UNREADABLE_FILE: &str = "RXH9856339.yaml";

/// The demo ward's case files (file name, text) for the moment `now`.
pub fn ward(now: Stamp) -> Vec<(String, String)> {
    WARD.iter().map(|(name, template)| (name.to_string(), expand(template, now))).collect()
}

/// The demo ward's archived case files (file name, text) for the moment `now`.
pub fn archive(now: Stamp) -> Vec<(String, String)> {
    ARCHIVE.iter().map(|(name, template)| (name.to_string(), expand(template, now))).collect()
}

/// The demo ward's templates (file name, template text).
fn templates() -> &'static [(&'static str, &'static str)] {
    &WARD
}

/// Replaces every `{D±n}` and `{H±n}` token; anything else in braces is left alone.
pub fn expand(template: &str, now: Stamp) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| token(&after[..close], now).map(|t| (t, close))) {
            Some((value, close)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn token(inner: &str, now: Stamp) -> Option<String> {
    let (kind, offset) = inner.split_at_checked(1)?;
    let offset: i64 = match offset {
        "" => 0,
        o if o.starts_with('+') || o.starts_with('-') => o.parse().ok()?,
        _ => return None,
    };
    match kind {
        "D" => Some(now.date().add_days(offset).to_string()),
        "H" => Some(now.add_hours(offset).to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expand_relative_to_now_and_braces_survive() {
        let now = Stamp::parse("2026-11-23 09:15").expect("stamp");
        assert_eq!(
            expand("a: {D}, b: {D-1} 08:30, c: {D+7}", now),
            "a: 2026-11-23, b: 2026-11-22 08:30, c: 2026-11-30"
        );
        assert_eq!(expand("at: {H-10}", now), "at: 2026-11-22 23:15");
        assert_eq!(expand("- { kind: ct, x: {D-1} }", now), "- { kind: ct, x: 2026-11-22 }");
        assert_eq!(expand("{Q-1} {D", now), "{Q-1} {D");
    }
}
