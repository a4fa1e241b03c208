//! Which corticosteroid course is MSCC treatment, and whether its dose covers an emergency.
//!
//! A dose is compared with the cover of `guidelines/pathway.yaml` (dexamethasone 16 mg a day) by
//! the guideline's table of equivalent doses, so prednisolone 10 mg of replacement is about
//! dexamethasone 1.5 mg and covers nothing. A dose change is a new course of the same drug
//! starting when the old one stopped; the courses joined that way are one course of treatment
//! (a taper), and the course is MSCC treatment when any of them was at the cover dose, carried a
//! reason for a lower dose, or started once an emergency had been raised.

use crate::guidelines::Guidelines;
use crate::model::event::running_at;
use crate::model::*;

/// Whether the guidelines list the drug: an unlisted one (`ondansetron`, `dex`) is no
/// corticosteroid for the pathway.
pub(crate) fn listed(g: &Guidelines, s: &Steroid) -> bool {
    g.pathway.steroids.drug(s.drug.raw()).is_some()
}

/// The listed courses running at `at`, the latest started first.
pub(crate) fn running_listed<'c>(case: &'c Case, g: &Guidelines, at: Stamp) -> Vec<&'c Steroid> {
    let mut out: Vec<&Steroid> = case.steroids.iter().filter(|s| running_at(s, at) && listed(g, s)).collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.start));
    out
}

/// The course's daily dose as the cover drug's equivalent (dexamethasone mg a day).
pub(crate) fn equivalent(g: &Guidelines, s: &Steroid) -> Option<f64> {
    let mg = s.mg_per_day?.get();
    g.pathway.steroids.cover_equivalent(s.drug.raw(), mg)
}

/// Whether the course's dose is at least the cover dose (a course with no dose recorded is not).
pub(crate) fn at_cover_dose(g: &Guidelines, s: &Steroid) -> bool {
    s.mg_per_day.is_some_and(|mg| g.pathway.steroids.is_cover_dose(s.drug.raw(), mg.get()))
}

/// Whether the course covers an emergency raised at `raised`: at the cover dose, or below it with
/// a recorded reason given once the emergency was known (a reason given before a deterioration
/// did not weigh it).
pub(crate) fn covers(g: &Guidelines, s: &Steroid, raised: Stamp) -> bool {
    at_cover_dose(g, s) || (s.reason.as_ref().is_some_and(|r| !r.is_blank()) && raised <= s.start)
}

/// The courses of the same drug that led to `s` without a gap, oldest first, ending with `s`.
pub fn chain<'c>(case: &'c Case, s: &'c Steroid) -> Vec<&'c Steroid> {
    let mut out = vec![s];
    let mut head = s;
    while let Some(before) = case
        .steroids
        .iter()
        .filter(|b| !std::ptr::eq(*b, head) && b.drug.raw().eq_ignore_ascii_case(head.drug.raw()))
        .find(|b| b.stopped == Some(head.start) && b.start < head.start)
    {
        out.push(before);
        head = before;
    }
    out.reverse();
    out
}

/// Whether `s` is a lower dose than `before` (a step down); unknown doses are no step.
pub(crate) fn lower(s: &Steroid, before: &Steroid) -> bool {
    matches!((s.mg_per_day, before.mg_per_day), (Some(now), Some(then)) if now.get() < then.get())
}

/// "dexamethasone 16 mg (2026-11-09 09:00) -> 8 mg (2026-11-13 09:00)": the doses of a chain and
/// when each began, then when the last stopped if it has.
pub fn taper_words(links: &[&Steroid]) -> String {
    let Some(first) = links.first() else { return String::new() };
    let mut parts: Vec<String> = links
        .iter()
        .map(|c| match c.mg_per_day {
            Some(mg) => format!("{mg} mg ({})", c.start),
            None => format!("dose not recorded ({})", c.start),
        })
        .collect();
    if let Some(stopped) = links.last().and_then(|c| c.stopped) {
        parts.push(format!("stopped ({stopped})"));
    }
    format!("{} {}", first.drug.safe(), parts.join(" -> "))
}

/// Whether a running course is MSCC treatment: a course of its chain was at the cover dose or gave
/// a reason for a lower one, or the chain began once an emergency had been raised (`since`).
pub(crate) fn is_mscc_course(case: &Case, g: &Guidelines, s: &Steroid, since: Option<Stamp>) -> bool {
    let links = chain(case, s);
    links.iter().any(|c| at_cover_dose(g, c) || c.reason.as_ref().is_some_and(|r| !r.is_blank()))
        || since.is_some_and(|first| links[0].start >= first)
}

/// The latest started course running at `at` that is MSCC treatment.
pub(crate) fn mscc_course<'c>(case: &'c Case, g: &Guidelines, at: Stamp, since: Option<Stamp>) -> Option<&'c Steroid> {
    running_listed(case, g, at).into_iter().find(|s| is_mscc_course(case, g, s, since))
}

/// "prednisolone 10 mg/day (about dexamethasone 1.5 mg)": the equivalent is said for a drug other
/// than the cover's.
pub(crate) fn dose_words(g: &Guidelines, s: &Steroid) -> String {
    let Some(mg) = s.mg_per_day else { return format!("{} (dose not recorded)", s.drug.safe()) };
    let cover = &g.pathway.steroids.cover;
    match equivalent(g, s) {
        Some(eq) if !s.drug.raw().trim().eq_ignore_ascii_case(&cover.drug) => {
            format!("{} {mg} mg/day (about {} {} mg)", s.drug.safe(), cover.drug, round_mg(eq))
        }
        _ => format!("{} {mg} mg/day", s.drug.safe()),
    }
}

/// "16", "1.5", "0.13": a dose to two decimals without trailing zeros.
pub(crate) fn round_mg(mg: f64) -> String {
    let s = format!("{mg:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "dexamethasone 16 mg a day".
pub(crate) fn cover_words(g: &Guidelines) -> String {
    let c = &g.pathway.steroids.cover;
    format!("{} {} mg a day", c.drug, round_mg(c.mg_per_day))
}
