//! The clinical rules, loaded from the YAML files in `guidelines/` and checked at start-up.
//!
//! Every clinical number the engine uses (deadlines, intervals, score tables, thresholds) lives in
//! these files, never in code. The project's own copies are compiled in; a hospital can point
//! `guidelines_dir` at its own copy of the folder. A file that is malformed or incomplete (a
//! vocabulary word with no score, a gap in a band table, a rule with no source) stops the program
//! with the file, line and reason: rules are never half-loaded or silently replaced by defaults.

mod bone_agents;
mod follow_up;
mod level;
mod pain_features;
mod pathway;
mod red_flags;
mod scores;
mod source;

pub use bone_agents::{BloodTest, BoneAgentRules, DrugRule};
pub use follow_up::{ActivityIntervals, FollowUpRules};
pub use level::Level;
pub use pain_features::PainFeatures;
pub use pathway::{
    AuditRules, PathwayRules, PostopRule, ProgressionRule, ReduceRule, SafetyRule, Step, StepRule, SteroidDrug,
    SteroidRules, TreatmentRule,
};
pub use red_flags::{DeteriorationRule, Findings, RedFlags, Scales, TriageRule};
pub use scores::{
    BilskyBand, BilskyTable, EsccBand, Mechanical, NomsTable, Pathways, Radiosensitivity, RangePoints, ScoreTables,
    SinsBand, SinsTable, TokuhashiBand, TokuhashiTable, range_points,
};
pub use source::{Source, Sources};

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::model::RuleRef;

/// Every rule set, checked for completeness.
#[derive(Debug, Clone)]
pub struct Guidelines {
    pub red_flags: RedFlags,
    pub pain_features: PainFeatures,
    pub follow_up: FollowUpRules,
    pub bone_agents: BoneAgentRules,
    pub scores: ScoreTables,
    pub pathway: PathwayRules,
    /// Where the rules came from: "built-in" or the directory.
    pub origin: String,
}

/// A rules file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("guidelines {file}: {message}")]
pub struct GuidelinesError {
    pub file: String,
    pub message: String,
}

/// Why a named flag is not one of the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// Not even spelt like a rule id.
    #[error("{0}")]
    Malformed(String),
    #[error("`{found}` is not a rule; choose one of {rules}")]
    Unknown { found: RuleRef, rules: String },
}

/// The names of the rules files, each loaded into one rule set.
pub const FILES: [&str; 6] =
    ["red_flags.yaml", "pain_features.yaml", "follow_up.yaml", "bone_agents.yaml", "scores.yaml", "pathway.yaml"];

const BUILT_IN: [&str; 6] = [
    include_str!("../../guidelines/red_flags.yaml"),
    include_str!("../../guidelines/pain_features.yaml"),
    include_str!("../../guidelines/follow_up.yaml"),
    include_str!("../../guidelines/bone_agents.yaml"),
    include_str!("../../guidelines/scores.yaml"),
    include_str!("../../guidelines/pathway.yaml"),
];

impl Guidelines {
    /// The project's own rules, compiled into the program.
    pub fn built_in() -> Result<Guidelines, GuidelinesError> {
        Guidelines::from_texts(&BUILT_IN, "built-in")
    }

    /// A hospital's own copy of the rules folder; every file must be there.
    pub fn from_dir(dir: &Path) -> Result<Guidelines, GuidelinesError> {
        let mut texts = Vec::with_capacity(FILES.len());
        for name in FILES {
            let path = dir.join(name);
            let text = crate::safe_file::read_regular_text(&path, crate::yaml::MAX_DOCUMENT_BYTES as u64).map_err(
                |e| GuidelinesError {
                    file: path.display().to_string(),
                    message: format!(
                        "cannot be read ({e}); guidelines_dir must hold all of {} (copy the whole guidelines folder)",
                        FILES.join(", ")
                    ),
                },
            )?;
            texts.push(text);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Guidelines::from_texts(&refs, &dir.display().to_string())
    }

    /// The built-in rules as (file name, text), for printing or copying.
    pub fn built_in_files() -> impl Iterator<Item = (&'static str, &'static str)> {
        FILES.into_iter().zip(BUILT_IN)
    }

    /// Rules from the texts of the rules files, in the order of [`FILES`]; `origin` names them in
    /// messages.
    pub fn from_texts(texts: &[&str], origin: &str) -> Result<Guidelines, GuidelinesError> {
        if texts.len() != FILES.len() {
            return Err(GuidelinesError {
                file: origin.to_string(),
                message: format!("expected the {} rules files {}", FILES.len(), FILES.join(", ")),
            });
        }
        let file = |i: usize| {
            if origin == "built-in" { format!("guidelines/{}", FILES[i]) } else { format!("{origin}/{}", FILES[i]) }
        };
        let red_flags: red_flags::RedFlagsFile = parse(texts[0], &file(0))?;
        let pain_features: PainFeatures = parse(texts[1], &file(1))?;
        let follow_up: FollowUpRules = parse(texts[2], &file(2))?;
        let bone_agents: BoneAgentRules = parse(texts[3], &file(3))?;
        let scores: ScoreTables = parse(texts[4], &file(4))?;
        let pathway: PathwayRules = parse(texts[5], &file(5))?;
        let red_flags = red_flags.check().map_err(|message| GuidelinesError { file: file(0), message })?;
        pain_features.check().map_err(|message| GuidelinesError { file: file(1), message })?;
        follow_up.check().map_err(|message| GuidelinesError { file: file(2), message })?;
        bone_agents.check().map_err(|message| GuidelinesError { file: file(3), message })?;
        scores.check().map_err(|message| GuidelinesError { file: file(4), message })?;
        pathway.check().map_err(|message| GuidelinesError { file: file(5), message })?;
        let all_ids = red_flags
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain([red_flags.deterioration.id.as_str()])
            .chain(pathway.ids());
        let mut seen: Vec<&str> = Vec::new();
        for id in all_ids {
            id.parse::<crate::model::RuleRef>()
                .map_err(|e| GuidelinesError { file: origin.to_string(), message: format!("rule id: {e}") })?;
            if seen.contains(&id) {
                return Err(GuidelinesError {
                    file: origin.to_string(),
                    message: format!("rule id `{id}` is used by two rules; every rule id must be unique"),
                });
            }
            seen.push(id);
        }
        Ok(Guidelines { red_flags, pain_features, follow_up, bone_agents, scores, pathway, origin: origin.to_string() })
    }

    /// Every rule id an acknowledgement may name: the red flags, deterioration, and the pathway.
    pub fn flag_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.red_flags.rules.iter().map(|r| r.id.as_str()).collect();
        ids.push(self.red_flags.deterioration.id.as_str());
        ids.extend(self.pathway.ids());
        ids
    }

    /// Whether a flag named in a case file or by a clinician is one of these rules.
    pub fn is_rule(&self, rule: &RuleRef) -> bool {
        self.flag_ids().contains(&rule.as_str())
    }

    /// The rule a clinician named, checked: the one check behind every front end.
    pub fn rule(&self, id: &str) -> Result<RuleRef, RuleError> {
        let rule: RuleRef = id.parse().map_err(RuleError::Malformed)?;
        if self.is_rule(&rule) {
            Ok(rule)
        } else {
            Err(RuleError::Unknown { found: rule, rules: self.flag_ids().join(", ") })
        }
    }
}

fn parse<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, GuidelinesError> {
    crate::yaml::from_str(text)
        .map_err(|e| GuidelinesError { file: format!("{file}:{}", position(&e)), message: e.message })
}

fn position(e: &crate::yaml::YamlError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => format!("{l}:{c}"),
        _ => "1".into(),
    }
}

/// Checks a `{from, to}` band table covers `min..=max` exactly once, in order.
pub(crate) fn check_bands(what: &str, bands: &[(u32, u32)], min: u32, max: u32) -> Result<(), String> {
    let mut next = min;
    for &(from, to) in bands {
        if from != next || to < from {
            return Err(format!(
                "{what}: bands must run from {min} to {max} in order without gaps or overlaps; found {from}-{to} where {next} was expected"
            ));
        }
        next = to + 1;
    }
    if next != max + 1 {
        return Err(format!("{what}: bands stop at {}; they must reach {max}", next.saturating_sub(1)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_load_and_are_complete() {
        let g = Guidelines::built_in().expect("built-in guidelines");
        assert!(g.flag_ids().contains(&"mscc-neuro"));
        assert!(g.flag_ids().contains(&"mscc-pain"));
        assert!(g.flag_ids().contains(&"deterioration"));
        for id in [
            "mscc-treatment",
            "steroids-start",
            "steroids-stop",
            "steroids-reduce",
            "surgical-opinion",
            "postop-radiotherapy",
            "rehabilitation",
            "progression-review",
            "deficit-unexplained",
            "bone-agent-start",
        ] {
            assert!(g.flag_ids().contains(&id), "{id}");
        }
    }

    fn with_replaced(file: usize, from: &str, to: &str) -> Result<Guidelines, GuidelinesError> {
        let mut texts: Vec<String> = BUILT_IN.iter().map(|t| t.to_string()).collect();
        assert!(texts[file].contains(from), "test setup: `{from}` not in {}", FILES[file]);
        texts[file] = texts[file].replacen(from, to, 1);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Guidelines::from_texts(&refs, "test")
    }

    #[test]
    fn a_malformed_or_incomplete_rules_file_is_refused_with_its_name() {
        let cases = [
            (0, "mri_within_hours: 24", "mri_within_hours: 0", "red_flags.yaml"),
            (0, "bladder: [retention, incontinence]", "bladdr: [retention, incontinence]", "red_flags.yaml"),
            (0, "motor: [[normal], [weakness], [paralysis]]", "motor: [[normal], [paralysis]]", "weakness"),
            (0, "level: urgent", "level: none", "red_flags.yaml"),
            (1, "  claudication: Pain", "  claudicatio: Pain", "pain_features.yaml"),
            (2, "stable: 16", "stable: 0", "follow_up.yaml"),
            (3, "  - drug: zoledronic_acid", "  - drug: denosumab", "bone_agents.yaml"),
            (4, "rigid: 0 }", "}", "rigid"),
            (4, "{ from: 7, to: 12, band", "{ from: 8, to: 12, band", "gaps"),
            (4, "colorectal: resistant", "", "colorectal"),
            (4, "{ grades: [\"1c\"]", "{ grades: [\"1b\"]", "bilsky.bands"),
        ];
        for (file, from, to, expect) in cases {
            let err = with_replaced(file, from, to).expect_err(&format!("{from} -> {to} should be refused"));
            let text = err.to_string();
            assert!(text.contains(expect), "{from} -> {to}: {text}");
            assert!(text.contains(FILES[file]), "{text}");
        }
    }

    #[test]
    fn a_rule_without_a_source_is_refused() {
        let block = "    source:\n      - guideline: NICE NG234 Spinal metastases and metastatic spinal cord compression\n        section: recognising suspected spinal metastases (spinal pain features)\n        year: 2023\n      - guideline: NICE QS56 Spinal metastases and metastatic spinal cord compression\n        section: statement 2 (whole-spine MRI and treatment plan within 1 week)\n        year: 2023";
        let err = with_replaced(0, block, "    source: []").expect_err("no source");
        assert!(err.to_string().contains("`mscc-pain` has no source"), "{err}");
    }

    #[test]
    fn band_tables_must_cover_their_range() {
        assert!(check_bands("x", &[(0, 6), (7, 12), (13, 18)], 0, 18).is_ok());
        assert!(check_bands("x", &[(0, 6), (8, 18)], 0, 18).is_err());
        assert!(check_bands("x", &[(0, 6), (6, 18)], 0, 18).is_err());
        assert!(check_bands("x", &[(0, 6), (7, 17)], 0, 18).is_err());
    }
}
