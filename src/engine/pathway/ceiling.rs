//! After a decision of best supportive care or the patient's refusal: new or worse neurology is a
//! prompt to review the ceiling of care (never hidden, never an MRI by reflex), corticosteroids
//! still running are reviewed (wean, or continue for symptoms with the reason), and palliative
//! care is asked for when no referral is recorded.

use crate::guidelines::Guidelines;
use crate::model::event::running_at;
use crate::model::*;

use super::super::decisions::decider;
use super::super::flag::{Flag, FlagStatus};
use super::super::timeline::Timeline;
use super::{Answer, ItemLevel, PathwayItem, Raise};

/// The latest counted decision, when it sets a ceiling of care.
fn standing_ceiling<'a>(g: &Guidelines, timeline: &Timeline<'a>) -> Option<&'a Decision> {
    super::super::decisions::ceiling_at(g, timeline, timeline.now.add_minutes(1))
}

pub(super) fn items(case: &Case, g: &Guidelines, timeline: &Timeline<'_>, flags: &[Flag], out: &mut Vec<PathwayItem>) {
    let rules = &g.pathway.ceiling;
    for f in flags {
        let FlagStatus::WithinCeiling { decided, what } = f.status else { continue };
        // Answered by a decision made after the worsening, which takes it into account.
        if timeline.decisions.iter().any(|d| d.at >= f.raised_at) {
            continue;
        }
        let by = timeline.decisions.iter().find(|d| d.at == decided).map(|d| decider(d)).unwrap_or_default();
        Raise {
            rule: &rules.care_review,
            level: ItemLevel::Urgent,
            raised_at: f.raised_at,
            due: f.raised_at.date(),
            detail: format!(
                "{} at {} since {} was decided {decided} by {by}: review the ceiling of care with the team and the patient",
                f.what(),
                f.raised_at,
                what.label()
            ),
            answer: Answer::TreatmentDecision,
        }
        .push_to(out, timeline);
    }
    let Some(decision) = standing_ceiling(g, timeline) else { return };
    let now = timeline.now;
    let since = flags.iter().filter(|f| f.level == crate::guidelines::Level::Emergency).map(|f| f.raised_at).min();
    // A course of MSCC treatment running now that was running when the decision was made, at the
    // same dose: nobody has looked at it since. Replacement (prednisolone with abiraterone) is not
    // weaned for a ceiling of care.
    if let Some(course) = case
        .steroids
        .iter()
        .filter(|s| super::steroid_course::listed(g, s))
        .filter(|s| running_at(s, now) && running_at(s, decision.at))
        .find(|s| super::steroid_course::is_mscc_course(case, g, s, since))
    {
        let dose = course.mg_per_day.map(|m| format!(" {m} mg a day")).unwrap_or_default();
        Raise {
            rule: &rules.steroids_review,
            level: ItemLevel::Due,
            raised_at: decision.at,
            due: decision.at.date(),
            detail: format!(
                "{}{dose} since {} (decided {}): wean it, or record why it continues for symptoms",
                course.drug.safe(),
                decision.what.label(),
                decision.at
            ),
            answer: Answer::SteroidsReduce,
        }
        .push_to(out, timeline);
    }
    let referred = case.referrals.iter().any(|r| r.to == ReferralTo::PalliativeCare && r.at <= now);
    if !referred {
        Raise {
            rule: &rules.palliative_care,
            level: ItemLevel::Due,
            raised_at: decision.at,
            due: decision.at.date(),
            detail: format!(
                "{} decided {} by {}; no palliative care referral recorded",
                decision.what.label(),
                decision.at,
                decider(decision)
            ),
            answer: Answer::Referral { to: ReferralTo::PalliativeCare },
        }
        .push_to(out, timeline);
    }
}
