//! A raised red flag: what raised it, when, its MRI deadline, and where it stands now.

use std::sync::Arc;

use crate::guidelines::{DeteriorationRule, Level, Sources, TriageRule};
use crate::model::*;

use super::finding::Finding;

/// The rule behind a flag.
#[derive(Debug, Clone)]
pub enum FlagRule {
    RedFlag(Arc<TriageRule>),
    Deterioration(Arc<DeteriorationRule>),
}

/// Where a flag stands.
#[derive(Debug, Clone, PartialEq)]
pub enum FlagStatus {
    /// No spine MRI since it was raised, and not closed: the clock is running.
    Open,
    /// A spine MRI was done at or after the moment the flag was raised.
    Actioned { at: Stamp, kind: ImagingKind },
    /// A clinician closed it without imaging, with a reason.
    Closed { at: Stamp, by: Option<Text>, reason: Text },
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub rule: FlagRule,
    pub level: Level,
    /// The findings that raised the flag, at the exam that raised it.
    pub findings: Vec<Finding>,
    pub raised_at: Stamp,
    /// Raised time plus the rule's MRI deadline for this level.
    pub deadline: Stamp,
    pub status: FlagStatus,
    /// Whether the last exam still shows the findings. An open flag whose findings have gone is
    /// still open: symptoms that come and go are still red flags.
    pub present_at_last_exam: bool,
    /// Acknowledgements made while the flag was open (closing ones included).
    pub acknowledgements: Vec<Acknowledgement>,
}

impl Flag {
    pub fn rule_id(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.id,
            FlagRule::Deterioration(d) => &d.id,
        }
    }

    /// The rule's short label for tables.
    pub fn tag(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.tag,
            FlagRule::Deterioration(d) => &d.tag,
        }
    }

    pub fn title(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.title,
            FlagRule::Deterioration(d) => &d.title,
        }
    }

    pub fn statement(&self) -> &str {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.statement,
            FlagRule::Deterioration(d) => &d.statement,
        }
    }

    pub fn actions(&self) -> &[String] {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.actions,
            FlagRule::Deterioration(d) => &d.actions,
        }
    }

    pub fn source(&self) -> &Sources {
        match &self.rule {
            FlagRule::RedFlag(r) => &r.source,
            FlagRule::Deterioration(d) => &d.source,
        }
    }

    pub fn is_deterioration(&self) -> bool {
        matches!(self.rule, FlagRule::Deterioration(_))
    }

    pub fn is_open(&self) -> bool {
        self.status == FlagStatus::Open
    }

    pub fn is_actioned(&self) -> bool {
        matches!(self.status, FlagStatus::Actioned { .. })
    }

    /// Minutes from raising to the MRI that actioned the flag.
    pub fn minutes_to_mri(&self) -> Option<i64> {
        match self.status {
            FlagStatus::Actioned { at, .. } => Some(at.minutes_since(self.raised_at)),
            _ => None,
        }
    }

    /// Minutes until the deadline (negative once it has passed).
    pub fn minutes_left(&self, now: Stamp) -> i64 {
        self.deadline.minutes_since(now)
    }

    /// What the deadline is for: what answers the flag. Every rule so far awaits a spine MRI; a
    /// rule whose deadline is for treatment will answer here, and every text that names the
    /// deadline follows.
    pub fn awaits(&self) -> &'static str {
        "MRI"
    }

    /// "MRI by 24 Nov 04:00": the deadline with what it is for, `when` written as the caller
    /// needs it. The one place that says what a flag's deadline is for.
    pub fn due_by(&self, when: &str) -> String {
        format!("{} by {when}", self.awaits())
    }

    /// Whether the MRI came within the deadline (actioned flags only).
    pub fn met_deadline(&self) -> Option<bool> {
        match self.status {
            FlagStatus::Actioned { at, .. } => Some(at <= self.deadline),
            _ => None,
        }
    }
}

/// "5h 20m", "3d 4h", "45m": a duration for people on a ward.
pub fn duration_words(minutes: i64) -> String {
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, (m % 1440) / 60, m % 60);
    if days >= 2 || (days >= 1 && hours == 0) {
        if hours == 0 { format!("{days}d") } else { format!("{days}d {hours}h") }
    } else if m >= 60 {
        let hours = m / 60;
        if mins == 0 { format!("{hours}h") } else { format!("{hours}h {mins}m") }
    } else {
        format!("{mins}m")
    }
}

/// "5h left", "due now", "3h late": where an open flag stands against its deadline.
pub fn countdown_words(minutes_left: i64) -> String {
    match minutes_left {
        0 => "due now".to_string(),
        m if m > 0 => format!("{} left", duration_words(m)),
        m => format!("{} late", duration_words(m)),
    }
}

/// "19h left", "45m late", "3d left": a countdown short enough for a table cell.
pub fn countdown_short(minutes_left: i64) -> String {
    let m = minutes_left.unsigned_abs();
    let amount = if m >= 48 * 60 {
        format!("{}d", m / 1440)
    } else if m >= 60 {
        format!("{}h", m / 60)
    } else {
        format!("{m}m")
    };
    match minutes_left {
        0 => "due now".to_string(),
        x if x > 0 => format!("{amount} left"),
        _ => format!("{amount} late"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_words(45), "45m");
        assert_eq!(duration_words(60), "1h");
        assert_eq!(duration_words(5 * 60 + 20), "5h 20m");
        assert_eq!(duration_words(24 * 60), "1d");
        assert_eq!(duration_words(30 * 60), "30h");
        assert_eq!(duration_words(6 * 24 * 60 + 60), "6d 1h");
        assert_eq!(countdown_words(0), "due now");
        assert_eq!(countdown_words(-90), "1h 30m late");
        assert_eq!(countdown_words(300), "5h left");
        assert_eq!(countdown_short(18 * 60 + 47), "18h left");
        assert_eq!(countdown_short(-(18 * 60 + 47)), "18h late");
        assert_eq!(countdown_short(5 * 1440 + 300), "5d left");
        assert_eq!(countdown_short(30), "30m left");
    }
}
