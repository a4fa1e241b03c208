//! One flag's lines: whether its findings are still there, and where it stands against its
//! deadline (counting down with what has happened meanwhile, answered in time or late, or closed
//! with a reason).

use super::duration;
use crate::engine::{Flag, FlagStatus};
use crate::model::Stamp;
use unicode_width::UnicodeWidthStr;

/// " — not present at the last exam" (with ", still open" where that matters), or nothing.
pub fn flag_gone(f: &Flag, say_still_open: bool) -> &'static str {
    match (f.present_at_last_exam, f.is_open() && say_still_open) {
        (true, _) => "",
        (false, true) => " — not present at the last exam, still open",
        (false, false) => " — not present at the last exam",
    }
}

/// Where a flag stands against its deadline: `lead`, then for an open flag the countdown, which
/// a front end may stress when `late`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagClock {
    pub lead: String,
    pub countdown: Option<String>,
    pub late: bool,
    /// The countdown as a front end stresses it when late: "1H 30 MIN LATE" and the notes after.
    pub stressed: Option<String>,
}

impl FlagClock {
    /// The whole line, unstressed.
    pub fn plain(&self) -> String {
        match &self.countdown {
            Some(c) => format!("{}{c}", self.lead),
            None => self.lead.clone(),
        }
    }
}

/// "raised 2026-11-23 04:00, MRI by 2026-11-24 04:00 — 19h left", and the same for a flag
/// that was actioned or closed.
pub fn flag_clock(f: &Flag, now: Stamp) -> FlagClock {
    let raised = &f.raised_at;
    match &f.status {
        FlagStatus::Open => {
            let left = f.minutes_left(now);
            let mut notes: String = f.notes.iter().map(|n| format!("; {n}")).collect();
            if let Some(d) = &f.decided {
                notes.push_str(&format!(
                    "; decided {} {} by {}: QS56 statement 6 counts radiotherapy from the decision, by {}",
                    d.what.label(),
                    d.at.day_month_time(),
                    d.by,
                    d.at.add_hours(24).day_month_time()
                ));
            }
            FlagClock {
                lead: format!("raised {raised}, {} — ", f.due_by(&f.deadline.to_string())),
                countdown: Some(format!("{}{notes}", duration::countdown(left))),
                late: left < 0,
                stressed: Some(format!("{}{notes}", duration::countdown_stressed(left))),
            }
        }
        FlagStatus::Treated { at, treatment } => FlagClock {
            lead: format!(
                "raised {raised}; {} started {} ({}){}",
                treatment.as_str(),
                if at.is_date_only() { at.date().to_string() } else { at.to_string() },
                if f.met_deadline() == Some(true) { "in time" } else { "LATE" },
                match (&f.decided, f.minutes_decision_to_treatment()) {
                    (Some(d), Some(m)) => format!(
                        "; {} after the decision to treat of {} by {} (QS56 statement 6 counts from the decision; the deadline here, from the MRI)",
                        duration::long(m),
                        d.at.day_month_time(),
                        d.by
                    ),
                    _ => String::new(),
                }
            ),
            countdown: None,
            late: false,
            stressed: None,
        },
        FlagStatus::Actioned { at, kind } => FlagClock {
            lead: format!(
                "raised {raised}; {} done {at}, {} after ({})",
                kind.label(),
                duration::long(f.minutes_to_mri().unwrap_or(0)),
                if f.met_deadline() == Some(true) { "in time" } else { "LATE" }
            ),
            countdown: None,
            late: false,
            stressed: None,
        },
        FlagStatus::WithinCeiling { decided, what } => FlagClock {
            lead: format!(
                "raised {raised}; within the ceiling of care decided {decided} ({}): no MRI is demanded, the team reviews the ceiling of care",
                what.label()
            ),
            countdown: None,
            late: false,
            stressed: None,
        },
        FlagStatus::Closed { at, by, reason, .. } => FlagClock {
            lead: format!(
                "raised {raised}; closed {at} by {}: {}",
                by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into()),
                reason.safe()
            ),
            countdown: None,
            late: false,
            stressed: None,
        },
    }
}

/// What has happened to an open flag, in a few words ("MRI req 09:10", "MRI done, no report",
/// "ack Dr Patel"), or what has not ("no MRI req").
pub fn flag_state_brief(f: &Flag, now: Stamp) -> String {
    use crate::engine::FlagNote;
    let when = |at: Stamp| if at.date() == now.date() { at.time_of_day() } else { at.date().day_month() };
    let mut parts: Vec<String> = f
        .notes
        .iter()
        .map(|n| match n {
            FlagNote::MriRequested { at } => format!("MRI req {}", when(*at)),
            FlagNote::ReportAwaited { .. } => "MRI done, no report".to_string(),
            FlagNote::PartialSpine { .. } => "partial MRI only".to_string(),
            FlagNote::DateOnlySameDay { .. } => "MRI date has no time".to_string(),
            FlagNote::SameMinute { .. } => "MRI same minute".to_string(),
            FlagNote::TreatmentPlanned { at, treatment, today: true, .. } if at.is_date_only() => {
                format!("{} booked, no time", treatment.as_str())
            }
            FlagNote::TreatmentPlanned { at, treatment, .. } => format!("{} {}", treatment.as_str(), when(*at)),
            FlagNote::NotThisCompression { .. } => "other level".to_string(),
            FlagNote::DecisionNotCounted { .. } => "decision lacks role".to_string(),
            FlagNote::ClosureNotCounted { .. } => "close refused".to_string(),
        })
        .collect();
    if parts.is_empty() {
        parts.push(match f.awaits() {
            crate::engine::Awaits::Mri => "no MRI req".to_string(),
            crate::engine::Awaits::Treatment => "none booked".to_string(),
        });
    }
    if let Some(a) = f.acknowledgements.last() {
        parts.push(format!("ack {}", a.by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into())));
    }
    parts.join(", ")
}

/// A finding in as few words as a clinician would say it.
fn finding_brief(f: &crate::engine::finding::Finding) -> String {
    use crate::model::ExamField;
    let value = f.value.replace('_', " ");
    match (f.field, &f.detail) {
        (ExamField::Sensory, Some(detail)) => format!("{value} {detail}"),
        (ExamField::Sensory, None) => format!("sensory {value}"),
        (ExamField::Bladder | ExamField::Bowel, _) => format!("{} {value}", f.field),
        (ExamField::Gait, _) if value == "unable" => "unable to walk".to_string(),
        (ExamField::Gait, _) => format!("{value} gait"),
        (ExamField::Pain, _) => format!("{value} pain"),
        (ExamField::Frankel, _) => format!("Frankel {value}"),
        (ExamField::Motor, _) => value,
        (ExamField::Saddle, _) if value == "anaesthesia" => "saddle anaesthesia".to_string(),
        (ExamField::Saddle, _) => format!("saddle {value}"),
        (field, _) => match field.limb() {
            Some(limb) => format!("{limb} power {value}/5"),
            None => format!("{field} {value}"),
        },
    }
}

/// The findings of a flag in brief ("weakness, level T10, unable to walk"), or for a flag that
/// rests on an MRI, the MRI.
pub fn findings_brief(f: &Flag) -> String {
    if f.findings.is_empty() {
        return f.what();
    }
    let gone = if f.present_at_last_exam { "" } else { " (gone)" };
    format!("{}{gone}", f.findings.iter().map(finding_brief).collect::<Vec<_>>().join(", "))
}

/// The ten-second lines of open flags, one for each `(row, flag)`: "!! 6H LATE    2  Kenneth
/// Adeyemi  MSCC  MRI req 12:38, ack Dr Patel · weakness, ..." (the caller fits each to the
/// width). The patient's column takes the room `width` leaves the flag's own words (16 columns
/// at 80), so a wide terminal shows the whole name with the ward and the id; where two patients
/// would still read the same, their ids are added however narrow the line.
pub fn flag_briefs(items: &[(&crate::ward::WardRow, &Flag)], now: Stamp, width: usize) -> Vec<String> {
    let whos: Vec<Who> = items.iter().map(|(row, _)| Who::of(row)).collect();
    let bed_col = if width > 80 { whos.iter().map(|w| w.bed.width()).max().unwrap_or(3).clamp(3, 8) } else { 3 };
    // 2 marker, 9 countdown, the bed, and the spaces between; then tag and state after the name,
    // for which 40 columns are kept.
    let fixed = 2 + 1 + 9 + 1 + bed_col + 2 + 1 + 6 + 40;
    let natural = whos.iter().map(|w| w.full().width()).max().unwrap_or(0);
    let mut name_col = natural.min(width.saturating_sub(fixed)).max(16);
    let shown: Vec<String> = whos.iter().map(|w| w.shown(name_col, false)).collect();
    // Two different patients whose shown names read the same: the id tells them apart, and the
    // column grows to keep 16 columns of the name beside it.
    let clash: Vec<bool> = whos
        .iter()
        .zip(&shown)
        .map(|(who, mine)| whos.iter().zip(&shown).any(|(other, text)| other.id != who.id && text == mine))
        .collect();
    if clash.contains(&true) {
        let id_col = whos.iter().filter_map(|w| w.id.as_ref().map(|id| id.width())).max().unwrap_or(0);
        name_col = name_col.max(16 + 1 + id_col);
    }
    items
        .iter()
        .zip(&whos)
        .zip(&clash)
        .map(|(((_, f), who), &clash)| {
            let name = who.shown(name_col, clash);
            let left = f.minutes_left(now);
            format!(
                "{:<2} {:<9} {:>bed_col$}  {} {:<6}{} · {}",
                f.level.marker().trim(),
                super::duration::countdown_cell_stressed(left),
                super::fit(&who.bed, bed_col).trim_end(),
                super::fit(&name, name_col),
                f.tag(),
                flag_state_brief(f, now),
                findings_brief(f)
            )
        })
        .collect()
}

/// A patient as a brief line names them.
struct Who {
    name: String,
    bed: String,
    ward: Option<String>,
    id: Option<String>,
}

impl Who {
    fn of(row: &crate::ward::WardRow) -> Who {
        match row.case() {
            Some(c) => Who {
                name: c.name.safe(),
                bed: c.bed.as_ref().map(|b| b.safe()).unwrap_or_else(|| "-".into()),
                ward: c.ward.as_ref().map(|w| w.safe()),
                id: Some(c.id.to_string()),
            },
            None => Who { name: row.entry.file.clone(), bed: "-".into(), ward: None, id: None },
        }
    }

    /// "Margaret Ellison-Smith (ward 7A, RXH1234567)".
    fn full(&self) -> String {
        match (&self.ward, &self.id) {
            (Some(w), Some(id)) => format!("{} (ward {w}, {id})", self.name),
            (None, Some(id)) => format!("{} ({id})", self.name),
            _ => self.name.clone(),
        }
    }

    /// The name in `col` columns: with the ward and id where they fit, else with the id where it
    /// fits, else cut; with `with_id`, the name is cut to keep the id.
    fn shown(&self, col: usize, with_id: bool) -> String {
        let full = self.full();
        if full.width() <= col {
            return full;
        }
        let Some(id) = &self.id else { return super::fit(&self.name, col) };
        let short = format!("{} ({id})", self.name);
        if short.width() <= col {
            return short;
        }
        if with_id {
            let room = col.saturating_sub(id.width() + 1).max(8);
            return format!("{} {id}", super::fit(&self.name, room));
        }
        super::fit(&self.name, col)
    }
}

/// A patient's flags as every view lists them: open before settled, the most serious first, then
/// the nearest deadline.
pub fn flags_most_serious_first(flags: &[Flag]) -> Vec<&Flag> {
    let mut out: Vec<&Flag> = flags.iter().collect();
    out.sort_by_key(|f| (!f.is_open(), std::cmp::Reverse(f.level), f.deadline));
    out
}
