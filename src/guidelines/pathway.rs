//! The MSCC pathway after the MRI: definitive treatment, corticosteroids, stability, surgery,
//! rehabilitation, progression and the bone agent (`guidelines/pathway.yaml`).

use std::sync::Arc;

use serde::Deserialize;

use super::level::Level;
use super::source::Sources;
use crate::model::{Escc, Frankel, Gait, ImagingKind, ImagingResult, Role};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayRules {
    pub treatment: Arc<TreatmentRule>,
    pub closing: ClosingRules,
    pub decisions: DecisionRules,
    pub ceiling: CeilingRules,
    pub escc_contested: StepRule,
    pub steroids: SteroidRules,
    pub surgical_opinion: StepRule,
    pub postop_radiotherapy: PostopRule,
    pub rehabilitation: StepRule,
    pub progression_review: ProgressionRule,
    pub deficit_unexplained: StepRule,
    pub bone_agent_start: StepRule,
    pub audit: AuditRules,
}

/// How an emergency flag may be closed: the reasons, and who may give each.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingRules {
    pub reasons: Vec<ClosingReason>,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingReason {
    pub id: String,
    pub title: String,
    /// The reason names an MRI done elsewhere: its time must be given (`mri_at`).
    #[serde(default)]
    pub needs_mri_time: bool,
    /// The reason is a treatment decision: one must be recorded, by a role that may decide.
    #[serde(default)]
    pub needs_decision: bool,
    /// The reason says there was no cord compression to treat: the corticosteroids the flag
    /// asked for are no longer asked.
    #[serde(default)]
    pub no_mscc: bool,
    /// The roles that may close an emergency for this reason.
    pub roles: Vec<Role>,
}

impl ClosingRules {
    pub fn reason(&self, id: &str) -> Option<&ClosingReason> {
        self.reasons.iter().find(|r| r.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.reasons.iter().map(|r| r.id.as_str()).collect()
    }
}

/// Who may decide about definitive treatment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRules {
    pub roles: Vec<Role>,
    pub source: Sources,
}

/// The steps after a decision of best supportive care or the patient's refusal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CeilingRules {
    pub care_review: StepRule,
    pub steroids_review: StepRule,
    pub palliative_care: StepRule,
}

/// The pathway audit's own numbers (the MRI and treatment standards are the rules' deadlines).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRules {
    /// Walking status is compared between the presenting exam and the last exam up to this many
    /// days later.
    pub outcome_days: u32,
    /// Gait values that count as walking.
    pub walking_gait: Vec<Gait>,
    /// Frankel grades that count as walking when no gait is recorded.
    pub walking_frankel: Vec<Frankel>,
    pub source: Sources,
}

impl AuditRules {
    /// Whether an exam shows a person walking: by gait, else by Frankel grade; None when it
    /// records neither.
    pub fn walking(&self, gait: Option<Gait>, frankel: Option<Frankel>) -> Option<bool> {
        match (gait, frankel) {
            (Some(g), _) => Some(self.walking_gait.contains(&g)),
            (None, Some(f)) => Some(self.walking_frankel.contains(&f)),
            (None, None) => None,
        }
    }
}

/// A pathway step: its id, a short tag for list cells (at most 6 characters), and what it asks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: Arc<str>,
    pub source: Sources,
}

/// Confirmed MSCC on a spine MRI: definitive treatment within `within_hours`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentRule {
    pub id: String,
    pub level: Level,
    pub tag: String,
    pub title: String,
    pub statement: String,
    /// The imaging kinds whose result can confirm MSCC.
    pub imaging: Vec<ImagingKind>,
    /// Results that confirm MSCC.
    pub results: Vec<ImagingResult>,
    /// Bilsky grades that confirm MSCC.
    pub escc: Vec<Escc>,
    pub within_hours: u32,
    pub actions: Vec<String>,
    pub source: Sources,
}

impl TreatmentRule {
    /// Whether a completed study of `kind` with this result and grade confirms MSCC.
    pub fn confirms(&self, kind: ImagingKind, result: Option<ImagingResult>, escc: Option<Escc>) -> bool {
        self.imaging.contains(&kind)
            && (result.is_some_and(|r| self.results.contains(&r)) || escc.is_some_and(|g| self.escc.contains(&g)))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SteroidRules {
    pub drugs: Vec<SteroidDrug>,
    pub dose_source: Sources,
    /// Where the `equivalent_mg` of each drug comes from.
    pub equivalence_source: Sources,
    /// The daily dose that counts as MSCC cover.
    pub cover: CoverRule,
    pub start: StepRule,
    pub stop: StepRule,
    pub reduce: ReduceRule,
    pub safety: SafetyRule,
}

impl SteroidRules {
    /// The dose range of a drug, matched by name whatever its capitals.
    pub fn drug(&self, name: &str) -> Option<&SteroidDrug> {
        self.drugs.iter().find(|d| d.drug.eq_ignore_ascii_case(name.trim()))
    }

    /// `mg` a day of `drug` as the equivalent daily dose of the cover's drug (prednisolone 10 mg
    /// is about dexamethasone 1.5 mg); `None` for a drug not listed.
    pub fn cover_equivalent(&self, drug: &str, mg: f64) -> Option<f64> {
        let from = self.drug(drug)?;
        let to = self.drug(&self.cover.drug)?;
        Some(mg * to.equivalent_mg / from.equivalent_mg)
    }

    /// Whether `mg` a day of `drug` is at least the MSCC cover dose. The ratio of two decimals can
    /// fall a rounding error short of a dose that matches the cover exactly; a millionth of a mg
    /// is allowed for that, far below any dose anyone can give.
    pub fn is_cover_dose(&self, drug: &str, mg: f64) -> bool {
        self.cover_equivalent(drug, mg).is_some_and(|eq| eq + 1e-6 >= self.cover.mg_per_day)
    }
}

/// The daily dose of one drug (or its equivalent of another) that counts as MSCC cover.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverRule {
    pub drug: String,
    pub mg_per_day: f64,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SteroidDrug {
    pub drug: String,
    pub min_mg_per_day: f64,
    pub max_mg_per_day: f64,
    /// The dose of this drug that matches the other drugs' `equivalent_mg` in effect.
    pub equivalent_mg: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReduceRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: Arc<str>,
    /// Days after definitive treatment began by which the first step down is due.
    pub after_days: u32,
    /// Days a later dose may run unchanged before the next step is due.
    pub step_days: u32,
    pub source: Sources,
}

/// Gastric protection and glucose monitoring while a high dose runs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: Arc<str>,
    /// The daily dose of the cover's drug (or its equivalent) from which the measures are asked.
    pub from_mg_per_day: f64,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostopRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: Arc<str>,
    pub after_weeks: u32,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressionRule {
    pub id: String,
    pub tag: String,
    pub title: String,
    pub statement: Arc<str>,
    pub results: Vec<ImagingResult>,
    pub source: Sources,
}

/// What every pathway step says about itself, whatever else its rule holds.
pub trait Step {
    fn id(&self) -> &str;
    fn tag(&self) -> &str;
    fn title(&self) -> &str;
    fn statement(&self) -> &Arc<str>;
    fn source(&self) -> &Sources;
}

macro_rules! step {
    ($($rule:ty),+) => {$(
        impl Step for $rule {
            fn id(&self) -> &str { &self.id }
            fn tag(&self) -> &str { &self.tag }
            fn title(&self) -> &str { &self.title }
            fn statement(&self) -> &Arc<str> { &self.statement }
            fn source(&self) -> &Sources { &self.source }
        }
    )+};
}
step!(StepRule, ReduceRule, SafetyRule, PostopRule, ProgressionRule);

impl PathwayRules {
    pub(super) fn check(&self) -> Result<(), String> {
        let t = &self.treatment;
        t.source.check(&t.id)?;
        if t.level == Level::None {
            return Err(format!("rule `{}`: level must be emergency or urgent", t.id));
        }
        if t.within_hours == 0 {
            return Err(format!("rule `{}`: within_hours must be at least 1", t.id));
        }
        if t.imaging.is_empty() || (t.results.is_empty() && t.escc.is_empty()) {
            return Err(format!("rule `{}` needs the imaging kinds and the results or grades that confirm MSCC", t.id));
        }
        if t.actions.is_empty() || t.tag.trim().is_empty() || t.tag.chars().count() > 6 {
            return Err(format!("rule `{}` needs at least one action and a tag of 1 to 6 characters", t.id));
        }
        let s = &self.steroids;
        s.dose_source.check("steroids.drugs")?;
        for d in &s.drugs {
            if !(d.min_mg_per_day > 0.0 && d.min_mg_per_day <= d.max_mg_per_day) {
                return Err(format!(
                    "steroids.drugs: `{}` needs 0 < min_mg_per_day <= max_mg_per_day (found {} to {})",
                    d.drug, d.min_mg_per_day, d.max_mg_per_day
                ));
            }
            if !(d.equivalent_mg > 0.0 && d.equivalent_mg.is_finite()) {
                return Err(format!(
                    "steroids.drugs: `{}` needs an equivalent_mg above 0 (found {})",
                    d.drug, d.equivalent_mg
                ));
            }
        }
        s.equivalence_source.check("steroids.equivalence")?;
        s.cover.source.check("steroids.cover")?;
        if s.drug(&s.cover.drug).is_none() || !(s.cover.mg_per_day > 0.0 && s.cover.mg_per_day.is_finite()) {
            return Err(format!(
                "steroids.cover: `{}` {} mg a day must be a listed drug and a dose above 0",
                s.cover.drug, s.cover.mg_per_day
            ));
        }
        if self.closing.reasons.is_empty() || self.closing.reasons.iter().any(|r| r.roles.is_empty()) {
            return Err("closing.reasons: list at least one reason, each with the roles that may give it".into());
        }
        for r in &self.closing.reasons {
            r.id.parse::<crate::model::RuleRef>().map_err(|e| format!("closing.reasons: {e}"))?;
        }
        self.closing.source.check("closing")?;
        if self.decisions.roles.is_empty() {
            return Err("decisions.roles: list the roles that may decide about definitive treatment".into());
        }
        self.decisions.source.check("decisions")?;
        let steps = [
            &self.ceiling.care_review,
            &self.ceiling.steroids_review,
            &self.ceiling.palliative_care,
            &self.escc_contested,
            &s.start,
            &s.stop,
            &self.surgical_opinion,
            &self.rehabilitation,
            &self.deficit_unexplained,
            &self.bone_agent_start,
        ];
        for rule in steps {
            rule.source.check(&rule.id)?;
        }
        let tags = steps.iter().map(|r| (r.id.as_str(), r.tag.as_str())).chain([
            (s.reduce.id.as_str(), s.reduce.tag.as_str()),
            (s.safety.id.as_str(), s.safety.tag.as_str()),
            (self.postop_radiotherapy.id.as_str(), self.postop_radiotherapy.tag.as_str()),
            (self.progression_review.id.as_str(), self.progression_review.tag.as_str()),
        ]);
        for (id, tag) in tags {
            if tag.trim().is_empty() || tag.chars().count() > 6 {
                return Err(format!("rule `{id}`: tag `{tag}` must be 1 to 6 characters"));
            }
        }
        s.reduce.source.check(&s.reduce.id)?;
        s.safety.source.check(&s.safety.id)?;
        if !(s.safety.from_mg_per_day > 0.0 && s.safety.from_mg_per_day.is_finite()) {
            return Err(format!(
                "steroids.safety.from_mg_per_day must be above 0 (found {})",
                s.safety.from_mg_per_day
            ));
        }
        if s.reduce.after_days == 0 || s.reduce.step_days == 0 {
            return Err("steroids.reduce.after_days and step_days must each be at least 1".into());
        }
        self.postop_radiotherapy.source.check(&self.postop_radiotherapy.id)?;
        if self.postop_radiotherapy.after_weeks == 0 {
            return Err("postop_radiotherapy.after_weeks must be at least 1".into());
        }
        self.progression_review.source.check(&self.progression_review.id)?;
        if self.progression_review.results.is_empty() {
            return Err("progression_review.results lists no imaging result".into());
        }
        let a = &self.audit;
        a.source.check("audit")?;
        if a.outcome_days == 0 {
            return Err("audit.outcome_days must be at least 1".into());
        }
        if a.walking_gait.is_empty() || a.walking_frankel.is_empty() {
            return Err("audit: walking_gait and walking_frankel must each list at least one value".into());
        }
        Ok(())
    }

    /// (tag, title) of every pathway rule, for the help screen's key to the list's tags.
    pub fn tags(&self) -> [(&str, &str); 15] {
        [
            (&self.treatment.tag, &self.treatment.title),
            (&self.ceiling.care_review.tag, &self.ceiling.care_review.title),
            (&self.ceiling.steroids_review.tag, &self.ceiling.steroids_review.title),
            (&self.ceiling.palliative_care.tag, &self.ceiling.palliative_care.title),
            (&self.escc_contested.tag, &self.escc_contested.title),
            (&self.steroids.start.tag, &self.steroids.start.title),
            (&self.steroids.stop.tag, &self.steroids.stop.title),
            (&self.steroids.reduce.tag, &self.steroids.reduce.title),
            (&self.steroids.safety.tag, &self.steroids.safety.title),
            (&self.surgical_opinion.tag, &self.surgical_opinion.title),
            (&self.postop_radiotherapy.tag, &self.postop_radiotherapy.title),
            (&self.rehabilitation.tag, &self.rehabilitation.title),
            (&self.progression_review.tag, &self.progression_review.title),
            (&self.deficit_unexplained.tag, &self.deficit_unexplained.title),
            (&self.bone_agent_start.tag, &self.bone_agent_start.title),
        ]
    }

    /// The ids of every pathway rule, for acknowledgements and the rules listing.
    pub fn ids(&self) -> [&str; 15] {
        [
            &self.treatment.id,
            &self.ceiling.care_review.id,
            &self.ceiling.steroids_review.id,
            &self.ceiling.palliative_care.id,
            &self.escc_contested.id,
            &self.steroids.start.id,
            &self.steroids.stop.id,
            &self.steroids.reduce.id,
            &self.steroids.safety.id,
            &self.surgical_opinion.id,
            &self.postop_radiotherapy.id,
            &self.rehabilitation.id,
            &self.progression_review.id,
            &self.deficit_unexplained.id,
            &self.bone_agent_start.id,
        ]
    }
}
