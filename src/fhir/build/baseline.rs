//! What the case file says about the cancer and the spine outside any one exam: performance
//! status, the clinician's estimate of life expectancy, the spread of the disease, and the SINS
//! with its components. None of these is dated in the file, so none has an effective time.

use super::super::codes;
use super::super::datatypes::{CodeableConcept, Quantity};
use super::super::resources::{Observation, ObservationComponent, Resource, Value};
use super::super::value_sets::ObservationStatus;
use super::{Builder, note_words, words};

pub(super) fn add(b: &mut Builder<'_>) {
    if let Some(cancer) = &b.case.cancer {
        if let Some(kps) = cancer.kps {
            let code = codes::KARNOFSKY.concept(words("Karnofsky performance status"));
            add_value(b, "cancer/kps", code, integer(kps.get()));
        }
        if let Some(ecog) = cancer.ecog {
            let code = codes::ECOG.concept(words("ECOG performance status"));
            add_value(b, "cancer/ecog", code, integer(ecog.get()));
        }
        if let Some(months) = cancer.life_expectancy_months {
            let value = Value::Quantity(Quantity {
                value: f64::from(months.get()),
                unit: words("months"),
                system: codes::UCUM.to_string(),
                code: codes::UCUM_MONTH.to_string(),
            });
            let code = CodeableConcept::text(words("Life expectancy estimated by the clinician"));
            add_value(b, "cancer/life_expectancy", code, value);
        }
    }
    if let Some(spine) = &b.case.spine {
        if let Some(count) = spine.extraspinal_bone_mets {
            let code = CodeableConcept::text(words("Number of extraspinal bone metastases"));
            add_value(b, "spine/extraspinal_bone_mets", code, integer(count.get()));
        }
        if let Some(visceral) = spine.visceral_mets {
            let code = CodeableConcept::text(words("Visceral metastases"));
            add_value(b, "spine/visceral_mets", code, Value::String(words(visceral.as_str())));
        }
    }
    add_sins(b);
}

fn integer(n: u32) -> Value {
    Value::Integer(i32::try_from(n).unwrap_or(i32::MAX))
}

fn add_value(b: &mut Builder<'_>, key: &str, code: CodeableConcept, value: Value) {
    add_observation(b, key, code, Some(value), Vec::new(), Vec::new());
}

/// The SINS: the total only when all six components are recorded (never guessed), each recorded
/// component with its points, and the missing ones named in a note.
fn add_sins(b: &mut Builder<'_>) {
    let Some(sins) = crate::engine::scores::sins(b.case, b.options.guidelines) else { return };
    let component = sins
        .components
        .iter()
        .filter_map(|c| {
            let value = c.value.as_ref()?;
            let points = c.points.map(|p| format!(" ({p} points)")).unwrap_or_default();
            Some(ObservationComponent {
                code: CodeableConcept::text(words(format!("SINS {}", c.name.replace('_', " ")))),
                value: Some(Value::String(words(format!("{}{points}", value.replace('_', " "))))),
            })
        })
        .collect();
    let mut notes = Vec::new();
    if let Some(band) = &sins.band {
        notes.push(note_words(format!("band: {band}")));
    }
    if !sins.missing.is_empty() {
        notes.push(note_words(format!("incomplete, not recorded: {}", sins.missing.join(", ").replace('_', " "))));
    }
    let code = CodeableConcept::text(words("Spinal Instability Neoplastic Score (SINS)"));
    add_observation(b, "spine/sins", code, sins.total.map(integer), component, notes);
}

fn add_observation(
    b: &mut Builder<'_>,
    key: &str,
    code: CodeableConcept,
    value: Option<Value>,
    component: Vec<ObservationComponent>,
    note: Vec<super::super::datatypes::Annotation>,
) {
    let subject = b.subject();
    b.add(key, |id| {
        Resource::Observation(Observation {
            id,
            status: ObservationStatus::Final,
            category: Vec::new(),
            code,
            subject,
            effective_date_time: None,
            value,
            derived_from: Vec::new(),
            component,
            note,
        })
    });
}
