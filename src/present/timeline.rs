//! A case's timeline: every dated record, oldest first, one entry each, said the same way by
//! `cordwatch show` and the Patient view.

use crate::model::event::exam_summary;
use crate::model::{Case, Date, Stamp, Text};

/// One dated record: when ("2026-11-21" for a record known by its date alone, else with the
/// time) and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub when: String,
    pub what: String,
}

/// A record known only by its date sorts at the start of its day.
fn day(d: Date) -> Stamp {
    d.at(0, 0)
}

fn safe_or(t: &Option<Text>, missing: &str) -> String {
    t.as_ref().map(Text::safe).unwrap_or_else(|| missing.into())
}

fn exams(case: &Case, out: &mut Vec<(Stamp, String)>) {
    for e in &case.exams {
        let by = e.by.as_ref().map(|b| format!(" ({})", b.safe())).unwrap_or_default();
        let note = e.note.as_ref().map(|n| format!(" — {}", n.safe())).unwrap_or_default();
        out.push((e.at, format!("exam{by}: {}{note}", exam_summary(e))));
    }
}

fn imaging(case: &Case, out: &mut Vec<(Stamp, String)>) {
    for i in &case.imaging {
        if let Some(r) = i.requested {
            out.push((r, format!("{} requested", i.kind.label())));
        }
        if let Some(d) = i.done {
            let result = i.result.map(|r| format!(", {r}")).unwrap_or_default();
            let escc = i.escc.map(|e| format!(", ESCC {e}")).unwrap_or_default();
            out.push((d, format!("{} done{result}{escc}", i.kind.label())));
        }
    }
}

fn treatment(case: &Case, out: &mut Vec<(Stamp, String)>) {
    for r in &case.radiotherapy {
        let site = safe_or(&r.site, "site ?");
        let dose = match (r.dose_gy, r.fractions) {
            (Some(g), Some(f)) => format!(" {g} Gy in {f}"),
            (Some(g), None) => format!(" {g} Gy"),
            _ => String::new(),
        };
        out.push((day(r.start), format!("radiotherapy {site}{dose} starts")));
        if let Some(end) = r.end {
            out.push((day(end), format!("radiotherapy {site} ends")));
        }
    }
    for s in &case.surgery {
        out.push((day(s.date), format!("surgery: {}", safe_or(&s.procedure, ""))));
    }
    for s in &case.systemic {
        let line = s.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        out.push((day(s.start), format!("systemic starts: {}{line}", s.regimen.safe())));
        if let Some(stopped) = s.stopped {
            out.push((day(stopped), format!("systemic stopped: {}", s.regimen.safe())));
        }
    }
    if let Some(b) = &case.bone_agent {
        for d in &b.doses {
            out.push((day(*d), format!("{} dose", b.drug.as_str().replace('_', " "))));
        }
        if let Some(d) = b.dental_review {
            out.push((day(d), "dental review".into()));
        }
    }
    for s in &case.steroids {
        let dose = s.mg_per_day.map(|m| format!(" {m} mg/day")).unwrap_or_default();
        out.push((s.start, format!("{}{dose} started", s.drug.safe())));
        if let Some(stopped) = s.stopped {
            out.push((stopped, format!("{}{dose} stopped", s.drug.safe())));
        }
    }
}

fn decisions(case: &Case, out: &mut Vec<(Stamp, String)>) {
    for r in &case.referrals {
        let by = r.by.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default();
        let outcome = r.outcome.as_ref().map(|o| format!(": {}", o.safe())).unwrap_or_default();
        out.push((r.at, format!("referred to {}{by}{outcome}", r.to.label())));
    }
    for a in &case.acknowledged {
        let by = safe_or(&a.by, "?");
        let what = match &a.closed {
            Some(reason) => format!("{} CLOSED by {by}: {}", a.flag, reason.safe()),
            None => format!("{} acknowledged by {by}: {}", a.flag, safe_or(&a.plan, "")),
        };
        out.push((a.at, what));
    }
    for r in &case.reviews {
        out.push((r.at, format!("reviewed by {}: {}", safe_or(&r.by, "?"), safe_or(&r.note, ""))));
    }
}

/// Every dated record, oldest first.
pub fn timeline(case: &Case) -> Vec<TimelineEntry> {
    let mut events: Vec<(Stamp, String)> = Vec::new();
    exams(case, &mut events);
    imaging(case, &mut events);
    treatment(case, &mut events);
    decisions(case, &mut events);
    events.sort_by_key(|(t, _)| *t);
    events
        .into_iter()
        .map(|(t, what)| {
            let when = if t.hour() == 0 && t.minute() == 0 { t.date().to_string() } else { t.to_string() };
            TimelineEntry { when, what }
        })
        .collect()
}
