//! Red-flag rules for cord compression, and the deterioration rule.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use super::level::Level;
use super::source::Sources;
use crate::model::*;

/// The findings that make a rule fire: an exam showing any one of them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    #[serde(default)]
    pub motor: Vec<Motor>,
    #[serde(default)]
    pub sensory: Vec<Sensory>,
    #[serde(default)]
    pub bladder: Vec<Bladder>,
    #[serde(default)]
    pub bowel: Vec<Bowel>,
    #[serde(default)]
    pub gait: Vec<Gait>,
    #[serde(default)]
    pub pain: Vec<PainFeature>,
    /// Frankel grades that are a finding on their own (A to D: a neurological deficit).
    #[serde(default)]
    pub frankel: Vec<Frankel>,
    #[serde(default)]
    pub saddle: Vec<Saddle>,
    /// MRC power grades that are a finding in any limb.
    #[serde(default)]
    pub power: Vec<crate::model::bounded::MrcGrade>,
}

impl Findings {
    fn is_empty(&self) -> bool {
        self.motor.is_empty()
            && self.sensory.is_empty()
            && self.bladder.is_empty()
            && self.bowel.is_empty()
            && self.gait.is_empty()
            && self.pain.is_empty()
            && self.frankel.is_empty()
            && self.saddle.is_empty()
            && self.power.is_empty()
    }

    /// Whether `value` of exam field `field` is one of these findings.
    pub fn lists(&self, field: ExamField, value: &str) -> bool {
        fn has<T: Copy>(list: &[T], value: &str, name: impl Fn(T) -> &'static str) -> bool {
            list.iter().any(|v| name(*v) == value)
        }
        match field {
            ExamField::Motor => has(&self.motor, value, Motor::as_str),
            ExamField::Sensory => has(&self.sensory, value, Sensory::as_str),
            ExamField::Bladder => has(&self.bladder, value, Bladder::as_str),
            ExamField::Bowel => has(&self.bowel, value, Bowel::as_str),
            ExamField::Gait => has(&self.gait, value, Gait::as_str),
            ExamField::Pain => has(&self.pain, value, PainFeature::as_str),
            ExamField::Frankel => has(&self.frankel, value, Frankel::as_str),
            ExamField::Saddle => has(&self.saddle, value, Saddle::as_str),
            ExamField::PowerLeftArm | ExamField::PowerRightArm | ExamField::PowerLeftLeg | ExamField::PowerRightLeg => {
                has(&self.power, value, crate::model::bounded::MrcGrade::as_str)
            }
        }
    }
}

/// A red-flag rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageRule {
    pub id: String,
    pub level: Level,
    /// A short label for tables ("MSCC"), at most 6 characters.
    pub tag: String,
    pub title: String,
    pub statement: String,
    pub findings: Findings,
    pub mri_within_hours: u32,
    pub actions: Vec<String>,
    pub source: Sources,
}

/// Severity bands of each exam field, least severe first.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    pub motor: Vec<Vec<Motor>>,
    pub sensory: Vec<Vec<Sensory>>,
    pub bladder: Vec<Vec<Bladder>>,
    pub bowel: Vec<Vec<Bowel>>,
    pub gait: Vec<Vec<Gait>>,
    pub frankel: Vec<Vec<Frankel>>,
    pub saddle: Vec<Vec<Saddle>>,
    /// One scale for the MRC grade of every limb, 5 (normal) first.
    pub power: Vec<Vec<crate::model::bounded::MrcGrade>>,
}

fn rank<T: PartialEq>(scale: &[Vec<T>], value: &T) -> Option<usize> {
    scale.iter().position(|band| band.contains(value))
}

fn check_scale<T: PartialEq + Copy + std::fmt::Display>(
    field: &str,
    scale: &[Vec<T>],
    all: &[T],
) -> Result<(), String> {
    for value in all {
        let count = scale.iter().flatten().filter(|v| *v == value).count();
        if count != 1 {
            return Err(format!(
                "deterioration.scales.{field}: `{value}` appears {count} times; every value must appear exactly once"
            ));
        }
    }
    Ok(())
}

/// The band of a word on a scale, by the word as the case file spells it.
fn rank_word<T: Vocabulary>(scale: &[Vec<T>], word: &str) -> Option<usize> {
    scale.iter().position(|band| band.iter().any(|v| v.word() == word))
}

impl Scales {
    /// How severe a recorded word is on its field's scale (higher is worse); None for a field
    /// without a scale (pain) or a word the scale does not list.
    pub fn rank(&self, field: ExamField, word: &str) -> Option<usize> {
        match field {
            ExamField::Motor => rank_word(&self.motor, word),
            ExamField::Sensory => rank_word(&self.sensory, word),
            ExamField::Bladder => rank_word(&self.bladder, word),
            ExamField::Bowel => rank_word(&self.bowel, word),
            ExamField::Gait => rank_word(&self.gait, word),
            ExamField::Frankel => rank_word(&self.frankel, word),
            ExamField::Saddle => rank_word(&self.saddle, word),
            ExamField::PowerLeftArm | ExamField::PowerRightArm | ExamField::PowerLeftLeg | ExamField::PowerRightLeg => {
                self.power.iter().position(|band| band.iter().any(|g| g.as_str() == word))
            }
            ExamField::Pain => None,
        }
    }

    pub fn motor(&self, v: Motor) -> Option<usize> {
        rank(&self.motor, &v)
    }
    pub fn sensory(&self, v: Sensory) -> Option<usize> {
        rank(&self.sensory, &v)
    }
    pub fn bladder(&self, v: Bladder) -> Option<usize> {
        rank(&self.bladder, &v)
    }
    pub fn bowel(&self, v: Bowel) -> Option<usize> {
        rank(&self.bowel, &v)
    }
    pub fn gait(&self, v: Gait) -> Option<usize> {
        rank(&self.gait, &v)
    }
    pub fn frankel(&self, v: Frankel) -> Option<usize> {
        rank(&self.frankel, &v)
    }

    fn check(&self) -> Result<(), String> {
        check_scale("motor", &self.motor, Motor::ALL)?;
        check_scale("sensory", &self.sensory, Sensory::ALL)?;
        check_scale("bladder", &self.bladder, Bladder::ALL)?;
        check_scale("bowel", &self.bowel, Bowel::ALL)?;
        check_scale("gait", &self.gait, Gait::ALL)?;
        check_scale("frankel", &self.frankel, Frankel::ALL)?;
        check_scale("saddle", &self.saddle, Saddle::ALL)?;
        check_scale("power", &self.power, &crate::model::bounded::MrcGrade::all())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeteriorationRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: String,
    pub scales: Scales,
    pub level_when_no_rule_matches: Level,
    pub mri_within_hours: BTreeMap<Level, u32>,
    pub actions: Vec<String>,
    pub source: Sources,
}

impl DeteriorationRule {
    /// The MRI deadline for a deterioration flag of `level`.
    pub fn hours_for(&self, level: Level) -> u32 {
        self.mri_within_hours.get(&level).copied().unwrap_or(0)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RedFlagsFile {
    actioned_by: Vec<ImagingKind>,
    actioned_source: Sources,
    rules: Vec<TriageRule>,
    deterioration: DeteriorationRule,
}

/// The loaded, checked red-flag rules. Rules are shared (`Arc`) so every flag can carry its rule.
#[derive(Debug, Clone)]
pub struct RedFlags {
    /// Imaging kinds whose completion actions a flag.
    pub actioned_by: Vec<ImagingKind>,
    pub actioned_source: Sources,
    pub rules: Vec<Arc<TriageRule>>,
    pub deterioration: Arc<DeteriorationRule>,
}

fn check_id(id: &str) -> Result<(), String> {
    id.parse::<RuleRef>().map(|_| ()).map_err(|e| format!("rule id: {e}"))
}

fn check_tag(id: &str, tag: &str) -> Result<(), String> {
    if tag.trim().is_empty() || tag.chars().count() > 6 {
        return Err(format!("rule `{id}`: tag `{tag}` must be 1 to 6 characters"));
    }
    Ok(())
}

impl RedFlagsFile {
    pub(super) fn check(self) -> Result<RedFlags, String> {
        if self.actioned_by.is_empty() {
            return Err("actioned_by lists no imaging kind; at least one spine MRI kind must action a flag".into());
        }
        self.actioned_source.check("actioned_by")?;
        if !self.rules.iter().any(|r| r.level == Level::Emergency) {
            return Err("no rule has level emergency; the cord-compression rule is required".into());
        }
        let mut ids = vec![self.deterioration.id.clone()];
        for rule in &self.rules {
            check_id(&rule.id)?;
            check_tag(&rule.id, &rule.tag)?;
            if ids.contains(&rule.id) {
                return Err(format!("rule id `{}` is used twice", rule.id));
            }
            ids.push(rule.id.clone());
            if rule.level == Level::None {
                return Err(format!("rule `{}`: level must be emergency or urgent", rule.id));
            }
            if rule.findings.is_empty() {
                return Err(format!("rule `{}` lists no findings, so it could never fire", rule.id));
            }
            if rule.mri_within_hours == 0 {
                return Err(format!("rule `{}`: mri_within_hours must be at least 1", rule.id));
            }
            if rule.actions.is_empty() || rule.title.trim().is_empty() || rule.statement.trim().is_empty() {
                return Err(format!("rule `{}` needs a title, a statement and at least one action", rule.id));
            }
            rule.source.check(&rule.id)?;
        }
        let d = &self.deterioration;
        check_id(&d.id)?;
        check_tag(&d.id, &d.tag)?;
        d.scales.check()?;
        d.source.check(&d.id)?;
        if d.actions.is_empty() {
            return Err("deterioration needs at least one action".into());
        }
        if d.level_when_no_rule_matches == Level::None {
            return Err("deterioration.level_when_no_rule_matches must be emergency or urgent".into());
        }
        for level in [Level::Emergency, Level::Urgent] {
            if d.hours_for(level) == 0 {
                return Err(format!("deterioration.mri_within_hours needs a deadline of at least 1 hour for {level}"));
            }
        }
        Ok(RedFlags {
            actioned_by: self.actioned_by,
            actioned_source: self.actioned_source,
            rules: self.rules.into_iter().map(Arc::new).collect(),
            deterioration: Arc::new(self.deterioration),
        })
    }
}
