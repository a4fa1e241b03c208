//! Follow-up imaging intervals, baseline imaging, pending results and treatment cycles.

use serde::Deserialize;

use super::source::Sources;
use crate::model::{Activity, ImagingKind};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRules {
    pub spine_imaging: SpineImaging,
    pub baseline_imaging: BaselineImaging,
    pub pending_result: Described,
    pub treatment_cycle: Described,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpineImaging {
    pub id: String,
    pub title: String,
    pub counts: Vec<ImagingKind>,
    pub statement: std::sync::Arc<str>,
    pub by_activity: ActivityIntervals,
    pub after_treatment: AfterTreatment,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityIntervals {
    pub statement: std::sync::Arc<str>,
    pub progressing: u32,
    pub active: u32,
    pub stable: u32,
    pub unset: u32,
    pub source: Sources,
}

impl ActivityIntervals {
    pub fn weeks(&self, activity: Option<Activity>) -> u32 {
        match activity {
            Some(Activity::Progressing) => self.progressing,
            Some(Activity::Active) => self.active,
            Some(Activity::Stable) => self.stable,
            None => self.unset,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterTreatment {
    pub id: String,
    pub statement: std::sync::Arc<str>,
    pub weeks: u32,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineImaging {
    pub id: String,
    pub title: String,
    pub statement: std::sync::Arc<str>,
    pub window_weeks: u32,
    /// Weeks after the start within which a missing baseline is still asked for; later it is a
    /// note, not an item.
    pub asked_until_weeks_after_start: u32,
    pub source: Sources,
}

/// A rule with no numbers of its own: an id, what it says and where it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Described {
    pub id: String,
    pub title: String,
    pub statement: std::sync::Arc<str>,
    pub source: Sources,
}

impl FollowUpRules {
    pub(super) fn check(&self) -> Result<(), String> {
        let s = &self.spine_imaging;
        if s.counts.is_empty() {
            return Err("spine_imaging.counts lists no imaging kind".into());
        }
        let a = &s.by_activity;
        for (name, weeks) in
            [("progressing", a.progressing), ("active", a.active), ("stable", a.stable), ("unset", a.unset)]
        {
            if weeks == 0 {
                return Err(format!("spine_imaging.by_activity.{name} must be at least 1 week"));
            }
        }
        if s.after_treatment.weeks == 0 {
            return Err("spine_imaging.after_treatment.weeks must be at least 1".into());
        }
        if self.baseline_imaging.window_weeks == 0 {
            return Err("baseline_imaging.window_weeks must be at least 1".into());
        }
        if self.baseline_imaging.asked_until_weeks_after_start == 0 {
            return Err("baseline_imaging.asked_until_weeks_after_start must be at least 1".into());
        }
        a.source.check(&s.id)?;
        s.after_treatment.source.check(&s.after_treatment.id)?;
        self.baseline_imaging.source.check(&self.baseline_imaging.id)?;
        self.pending_result.source.check(&self.pending_result.id)?;
        self.treatment_cycle.source.check(&self.treatment_cycle.id)
    }
}
