//! Bone-modifying agent schedules: dose interval, pre-dose blood test, dental review.

use serde::Deserialize;

use super::follow_up::Described;
use super::source::Sources;
use crate::model::BoneDrug;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoneAgentRules {
    pub dose: Described,
    pub drugs: Vec<DrugRule>,
    pub dental_review: Described,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugRule {
    pub drug: BoneDrug,
    pub label: String,
    pub every_weeks: u32,
    /// The range a patient's own interval must lie in.
    pub min_weeks: u32,
    pub max_weeks: u32,
    pub blood_test: BloodTest,
    pub source: Sources,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BloodTest {
    pub id: String,
    pub test: String,
    pub statement: std::sync::Arc<str>,
    pub source: Sources,
}

impl BoneAgentRules {
    pub(super) fn check(&self) -> Result<(), String> {
        self.dose.source.check(&self.dose.id)?;
        self.dental_review.source.check(&self.dental_review.id)?;
        for drug in BoneDrug::ALL {
            let count = self.drugs.iter().filter(|d| d.drug == *drug).count();
            if count != 1 {
                return Err(format!("drugs: `{drug}` appears {count} times; every bone agent needs exactly one entry"));
            }
        }
        for d in &self.drugs {
            if d.every_weeks == 0 {
                return Err(format!("drugs: `{}` every_weeks must be at least 1", d.drug));
            }
            if !(d.min_weeks >= 1 && d.min_weeks <= d.every_weeks && d.every_weeks <= d.max_weeks) {
                return Err(format!(
                    "drugs: `{}` needs 1 <= min_weeks <= every_weeks <= max_weeks (found {}, {}, {})",
                    d.drug, d.min_weeks, d.every_weeks, d.max_weeks
                ));
            }
            d.source.check(d.drug.as_str())?;
            d.blood_test.source.check(&d.blood_test.id)?;
        }
        Ok(())
    }

    /// The rule for `drug`; `check` guarantees there is one.
    pub fn drug(&self, drug: BoneDrug) -> Option<&DrugRule> {
        self.drugs.iter().find(|d| d.drug == drug)
    }
}
