//! A synthetic population for measuring the program at scale: N invented cases with the demo
//! ward's mix (each one is a demo patient re-dated, renamed and re-bedded), including one
//! unreadable file in every 500. The same seed always gives the same files. Pure: the caller
//! writes them.

use crate::model::Stamp;

const FIRST: [&str; 24] = [
    "Ada", "Bella", "Carol", "Dina", "Edna", "Fay", "Gwen", "Hazel", "Iris", "June", "Kate", "Lena", "Mabel", "Nell",
    "Olive", "Pearl", "Ruth", "Sian", "Tess", "Una", "Vera", "Wyn", "Alan", "Brian",
];
const LAST: [&str; 24] = [
    "Abbott", "Barker", "Carver", "Dawson", "Ellery", "Finch", "Garner", "Holt", "Irwin", "Jarvis", "Keane", "Lowry",
    "Marsh", "Noble", "Oakes", "Pryor", "Quinn", "Rowe", "Sutton", "Tate", "Upton", "Vance", "Wade", "Yates",
];
const WARDS: [&str; 4] = ["7A", "7B", "8C", "Clinic"];

/// A small, fast, fully deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Replaces the value of a top-level `key:` line.
fn set(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    text.lines()
        .map(|l| if l.starts_with(&prefix) { format!("{key}: {value}") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `n` case files (file name, text) for the moment `now`.
pub fn population(n: usize, seed: u64, now: Stamp) -> Vec<(String, String)> {
    population_part(0..n, seed, now)
}

/// The cases numbered `part` of a population: the same files [`population`] makes for those
/// numbers, so a large population can be written a part at a time.
pub fn population_part(part: std::ops::Range<usize>, seed: u64, now: Stamp) -> Vec<(String, String)> {
    let templates = super::templates();
    let readable: Vec<&(&str, &str)> = templates.iter().filter(|(name, _)| *name != super::UNREADABLE_FILE).collect();
    let broken = templates.iter().find(|(name, _)| *name == super::UNREADABLE_FILE);
    let mut out = Vec::with_capacity(part.len());
    for i in part {
        let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let id = format!("G{seed:02}{i:07}");
        let template = match broken {
            Some((_, t)) if i % 500 == 17 => *t,
            _ => readable[rng.below(readable.len() as u64) as usize].1,
        };
        // Move the whole record back in time by up to a week, so deadlines and due dates spread.
        let shifted = now.add_minutes(-(rng.below(7 * 24 * 60) as i64));
        let mut text = super::expand(template, shifted);
        text = set(&text, "id", &format!("\"{id}\""));
        let name = format!("{} {}", FIRST[rng.below(24) as usize], LAST[rng.below(24) as usize]);
        text = set(&text, "name", &name);
        if text.lines().any(|l| l.starts_with("ward:")) {
            text = set(&text, "ward", &format!("\"{}\"", WARDS[rng.below(WARDS.len() as u64) as usize]));
        }
        if text.lines().any(|l| l.starts_with("bed:")) {
            text = set(&text, "bed", &format!("\"{}\"", 1 + rng.below(40)));
        }
        out.push((format!("{id}.yaml"), text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files_and_the_mix_includes_broken_ones() {
        let now = Stamp::parse("2026-11-23 09:00").expect("stamp");
        let a = population(600, 7, now);
        assert_eq!(a, population(600, 7, now));
        assert_ne!(a, population(600, 8, now));
        let unreadable = a.iter().filter(|(_, t)| crate::yaml::from_str::<crate::model::Case>(t).is_err()).count();
        assert_eq!(unreadable, 2, "one in every 500, starting early");
        for (name, text) in a.iter().filter(|(_, t)| !t.contains("bladdr")) {
            let case: crate::model::Case = crate::yaml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(case.id.file_name(), *name);
        }
    }
}
