//! Striking a wrong entry: a record entered in error (an exam on the wrong patient, an MRI
//! recorded by a slip) is struck with who, when and why. It stays in the file and is shown struck;
//! no rule counts it ([`Case::in_force`]). Nothing is ever deleted.
//!
//! An entry is named by its list and its moment as the file writes it, `exams 2026-11-21 08:00`
//! (`radiotherapy 2026-11-23` for a record known by its date), with `#2` for the second of that
//! list at that moment in the file's order: stable while the file grows, and typed in a script.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::case::Case;
use super::section::{Entry, Fields};
use super::text::Text;
use super::time::{Date, Stamp};
use super::vocab::Role;

/// Who struck a record out as entered in error, when and why.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Strike {
    /// When it was struck.
    pub at: Stamp,
    /// Who struck it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// Their role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Why the record is wrong, in words ("exam of another patient"); an empty reason is an error.
    #[schemars(extend("pattern" = "\\S"))]
    pub why: Text,
}

impl Strike {
    pub fn check(&self) -> Result<(), super::rules::RecordRule> {
        if self.why.is_blank() {
            return Err(super::rules::RecordRule::StrikeWithoutReason { at: self.at });
        }
        Ok(())
    }

    /// Its fields as the case file writes them, inside the record's `struck: { ... }`.
    pub fn written(&self) -> Fields {
        let mut f = Fields::default();
        f.plain("at", self.at).text("by", self.by.as_ref()).opt("role", self.role).text("why", Some(&self.why));
        f
    }

    /// "struck 2026-11-22 10:00 by Dr A Shah (registrar): exam of another patient".
    pub fn words(&self) -> String {
        format!("struck {}{}", self.at, self.who_why())
    }

    /// " by Dr A Shah (registrar): exam of another patient" (" (no name recorded): ..." without one).
    pub fn who_why(&self) -> String {
        let by = match &self.by {
            Some(b) => format!(" by {}", super::clinician::by_line(b, self.role)),
            None => " (no name recorded)".to_string(),
        };
        format!("{by}: {}", self.why.safe())
    }
}
super::checked::checked_serde!(Strike);

/// The lists whose entries can be struck, as the case file names them.
pub const LISTS: [&str; 10] = [
    "exams",
    "imaging",
    "radiotherapy",
    "surgery",
    "systemic",
    "steroids",
    "acknowledged",
    "reviews",
    "referrals",
    "decisions",
];

/// A reference to one entry: `exams 2026-11-21 08:00`, `radiotherapy 2026-11-23`, with `#2` for
/// the second of that list at that moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRef {
    pub list: &'static str,
    /// The moment as the file writes it (`2026-11-21 08:00`, or a date).
    pub moment: String,
    /// Which of several at that moment, from 1, in the file's order.
    pub nth: Option<usize>,
}

impl EntryRef {
    pub fn parse(text: &str) -> Result<EntryRef, String> {
        let text = text.trim();
        let (list, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let list = LISTS.iter().copied().find(|l| *l == list).ok_or_else(|| {
            format!(
                "`{}` is not a list of records; give the list and the entry's time, e.g. \"exams 2026-11-21 08:00\" \
                 (lists: {})",
                super::text::sanitize(list),
                LISTS.join(", ")
            )
        })?;
        let (moment, nth) = match rest.rsplit_once('#') {
            Some((moment, n)) => {
                let n: usize = n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    format!("`#{}` is not which entry; give #1, #2... in the file's order", super::text::sanitize(n))
                })?;
                (moment.trim(), Some(n))
            }
            None => (rest.trim(), None),
        };
        let moment = match (Stamp::parse(moment), Date::parse(moment)) {
            (Ok(stamp), _) => stamp.to_string(),
            (_, Ok(date)) => date.to_string(),
            _ => {
                return Err(format!(
                    "`{}` is not the entry's time; give it as the timeline shows it, YYYY-MM-DD HH:MM (or the date \
                     for a record known by its date)",
                    super::text::sanitize(moment)
                ));
            }
        };
        Ok(EntryRef { list, moment, nth })
    }
}

impl std::fmt::Display for EntryRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.list, self.moment)?;
        if let Some(n) = self.nth {
            write!(f, " #{n}")?;
        }
        Ok(())
    }
}

/// One entry of a case that can be struck: its reference, what it says, and its strike if struck.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub entry: EntryRef,
    pub what: String,
    pub struck: Option<Strike>,
}

/// A record that can be struck.
pub trait Strikable: Entry {
    fn struck_mut(&mut self) -> &mut Option<Strike>;
}

impl Case {
    /// Every entry that can be struck, in the file's order, each with the reference that names it
    /// (with `#n` only where two of a list share a moment).
    pub fn entries(&self) -> Vec<Listed> {
        let mut out = Vec::new();
        for section in self.sections().into_iter().filter(|s| LISTS.contains(&s.key)) {
            let list = LISTS.iter().copied().find(|l| *l == section.key).unwrap_or_default();
            let moments: Vec<Option<String>> = section.entries.iter().map(|e| e.named_at()).collect();
            for (i, entry) in section.entries.iter().enumerate() {
                let Some(moment) = moments[i].clone() else { continue };
                let same = moments.iter().filter(|m| m.as_deref() == Some(moment.as_str())).count();
                let nth = (same > 1).then(|| moments[..=i].iter().filter(|m| m.as_deref() == Some(&moment)).count());
                let what = entry.history().first().map(|(_, w)| w.clone()).unwrap_or_default();
                out.push(Listed { entry: EntryRef { list, moment, nth }, what, struck: entry.struck().cloned() });
            }
        }
        out
    }

    /// Strikes the entry `r` names. Returns what the entry said; refuses an entry not there,
    /// one of several at that moment without `#n`, and one already struck.
    pub fn strike(&mut self, r: &EntryRef, strike: Strike) -> Result<String, String> {
        match r.list {
            "exams" => strike_in(&mut self.exams, r, strike),
            "imaging" => strike_in(&mut self.imaging, r, strike),
            "radiotherapy" => strike_in(&mut self.radiotherapy, r, strike),
            "surgery" => strike_in(&mut self.surgery, r, strike),
            "systemic" => strike_in(&mut self.systemic, r, strike),
            "steroids" => strike_in(&mut self.steroids, r, strike),
            "acknowledged" => strike_in(&mut self.acknowledged, r, strike),
            "reviews" => strike_in(&mut self.reviews, r, strike),
            "referrals" => strike_in(&mut self.referrals, r, strike),
            "decisions" => strike_in(&mut self.decisions, r, strike),
            other => Err(format!("`{other}` is not a list of records")),
        }
    }

    /// The case as the rules read it: every struck entry left out. Borrowed when none is struck.
    pub fn in_force(&self) -> Cow<'_, Case> {
        // Asked of every case on every run: whether anything is struck is read straight from the
        // records, without building their references and words as `entries` does.
        let struck = self
            .sections()
            .iter()
            .filter(|s| LISTS.contains(&s.key))
            .any(|s| s.entries.iter().any(|e| e.struck().is_some()));
        if !struck {
            return Cow::Borrowed(self);
        }
        let mut case = self.clone();
        case.exams.retain(|e| e.struck.is_none());
        case.imaging.retain(|e| e.struck.is_none());
        case.radiotherapy.retain(|e| e.struck.is_none());
        case.surgery.retain(|e| e.struck.is_none());
        case.systemic.retain(|e| e.struck.is_none());
        case.steroids.retain(|e| e.struck.is_none());
        case.acknowledged.retain(|e| e.struck.is_none());
        case.reviews.retain(|e| e.struck.is_none());
        case.referrals.retain(|e| e.struck.is_none());
        case.decisions.retain(|e| e.struck.is_none());
        Cow::Owned(case)
    }
}

fn strike_in<T: Strikable>(items: &mut [T], r: &EntryRef, strike: Strike) -> Result<String, String> {
    let at: Vec<usize> =
        (0..items.len()).filter(|&i| items[i].named_at().as_deref() == Some(r.moment.as_str())).collect();
    let i = match (at.len(), r.nth) {
        (0, _) => {
            let there: Vec<String> = items.iter().filter_map(|e| e.named_at()).collect();
            let there = if there.is_empty() { "none".to_string() } else { there.join(", ") };
            return Err(format!("no entry of {} at {}; its entries are at: {there}", r.list, r.moment));
        }
        (1, None | Some(1)) => at[0],
        (n, None) => {
            return Err(format!(
                "{n} entries of {} at {}: say which, \"{} {} #1\" to \"#{n}\", in the file's order",
                r.list, r.moment, r.list, r.moment
            ));
        }
        (n, Some(k)) if k <= n => at[k - 1],
        (n, Some(k)) => return Err(format!("#{k}: there are {n} entries of {} at {}", r.list, r.moment)),
    };
    let entry = &mut items[i];
    if let Some(done) = entry.struck() {
        return Err(format!("{r} is already {}", done.words()));
    }
    let what = entry.history().first().map(|(_, w)| w.clone()).unwrap_or_default();
    *entry.struck_mut() = Some(strike);
    Ok(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_reads_a_list_a_moment_and_which() {
        let r = EntryRef::parse("exams 2026-11-21 08:00").expect("exam");
        assert_eq!((r.list, r.moment.as_str(), r.nth), ("exams", "2026-11-21 08:00", None));
        let r = EntryRef::parse(" radiotherapy 2026-11-23 #2 ").expect("by date, the second");
        assert_eq!((r.list, r.moment.as_str(), r.nth), ("radiotherapy", "2026-11-23", Some(2)));
        assert_eq!(r.to_string(), "radiotherapy 2026-11-23 #2");
        assert!(EntryRef::parse("exam 2026-11-21 08:00").expect_err("not a list").contains("exams"));
        assert!(EntryRef::parse("exams yesterday").is_err());
        assert!(EntryRef::parse("exams 2026-11-21 08:00 #0").is_err());
        assert!(EntryRef::parse("bone_agent 2026-11-21").is_err(), "a dose is a date in a list, not an entry");
    }
}
