//! FHIR R4 Patient resources (`cordwatch import fhir`): a Bundle of them (other resources are
//! passed over), or one Patient alone. Demographics only: the hospital number is the identifier
//! in the configured system (`fhir_identifier_system`), the NHS number the one in the NHS
//! number system; the official name (else the first), gender and birth date.

use serde_json::Value;

use super::ImportError;
use crate::model::demographics::Demographics;
use crate::model::text::sanitize;
use crate::model::{CaseId, Date, NhsNumber, Sex, Text};

use crate::fhir::codes::NHS_NUMBER_SYSTEM;

/// One Patient of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirPatient {
    /// Where it is: `entry[2]`, or `Patient` for a resource alone.
    pub place: String,
    pub id: CaseId,
    pub update: Demographics,
}

/// What a bundle holds: its Patients, and how many other resources were passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub patients: Vec<FhirPatient>,
    pub others: usize,
}

/// Every Patient of the bundle, or every error in it (nothing is imported from a bundle with an
/// error).
pub fn read(file: &str, bytes: &[u8], identifier_system: &str) -> Result<Read, Vec<ImportError>> {
    let err = |line: u64, place: Option<String>, value: Option<&str>, expected: String| ImportError {
        file: sanitize(file),
        line,
        column: place,
        value: value.map(sanitize),
        expected,
    };
    let json: Value = serde_json::from_slice(bytes)
        .map_err(|e| vec![err(e.line() as u64, Some(e.column().to_string()), None, format!("not JSON: {e}"))])?;
    let kind = json.get("resourceType").and_then(Value::as_str).unwrap_or_default();
    let resources: Vec<(String, &Value)> = match kind {
        "Bundle" => json
            .get("entry")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| e.get("resource").map(|r| (format!("entry[{i}].resource"), r)))
                    .collect()
            })
            .unwrap_or_default(),
        "Patient" => vec![("Patient".to_string(), &json)],
        other => {
            return Err(vec![err(
                0,
                Some("resourceType".into()),
                Some(other),
                "expected a Bundle of Patient resources, or a Patient".into(),
            )]);
        }
    };
    let mut errors = Vec::new();
    let mut patients: Vec<FhirPatient> = Vec::new();
    let mut others = 0;
    for (place, resource) in resources {
        if resource.get("resourceType").and_then(Value::as_str) != Some("Patient") {
            others += 1;
            continue;
        }
        let mut bad = |field: &str, value: Option<&str>, expected: String| {
            errors.push(err(0, Some(format!("{place}.{field}")), value, expected))
        };
        let identifiers: Vec<(&str, &str)> = resource
            .get("identifier")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|i| {
                        Some((i.get("system").and_then(Value::as_str)?, i.get("value").and_then(Value::as_str)?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let in_system = |system: &str| identifiers.iter().find(|(s, _)| *s == system).map(|(_, v)| v.trim());
        let id = match in_system(identifier_system) {
            None => {
                bad(
                    "identifier",
                    None,
                    format!(
                        "no identifier in the system {identifier_system} (fhir_identifier_system), which is the hospital number and names the case"
                    ),
                );
                continue;
            }
            Some(v) => match v.parse::<CaseId>() {
                Ok(id) => id,
                Err(e) => {
                    bad("identifier", Some(v), e.to_string());
                    continue;
                }
            },
        };
        let mut update = Demographics::default();
        if let Some(v) = in_system(NHS_NUMBER_SYSTEM) {
            match v.parse::<NhsNumber>() {
                Ok(n) => update.nhs_number = Some(n),
                Err(e) => bad("identifier", Some(v), e.to_string()),
            }
        }
        let names = resource.get("name").and_then(Value::as_array).cloned().unwrap_or_default();
        let name = names.iter().find(|n| n.get("use").and_then(Value::as_str) == Some("official")).or(names.first());
        if let Some(name) = name {
            fn text(v: Option<&Value>) -> Option<&str> {
                v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
            }
            update.family_name = text(name.get("family")).map(Text::from);
            update.given_names = name
                .get("given")
                .and_then(Value::as_array)
                .map(|g| g.iter().filter_map(|v| text(Some(v))).map(Text::from).collect())
                .unwrap_or_default();
            update.name = text(name.get("text")).map(Text::from).or_else(|| {
                let parts: Vec<&str> = update.given_names.iter().chain(&update.family_name).map(|t| t.raw()).collect();
                (!parts.is_empty()).then(|| Text::new(parts.join(" ")))
            });
        }
        match resource.get("gender").and_then(Value::as_str) {
            None => {}
            Some("female") => update.sex = Some(Sex::Female),
            Some("male") => update.sex = Some(Sex::Male),
            Some("other") => update.sex = Some(Sex::Other),
            Some("unknown") => update.sex = Some(Sex::Unknown),
            Some(other) => bad("gender", Some(other), "expected female, male, other or unknown".into()),
        }
        if let Some(born) = resource.get("birthDate").and_then(Value::as_str) {
            match Date::parse(born) {
                Ok(d) => update.born = Some(d),
                Err(_) => bad(
                    "birthDate",
                    Some(born),
                    "expected a whole date, YYYY-MM-DD (a year or month alone is not taken)".into(),
                ),
            }
        }
        if let Some(first) = patients.iter().find(|p| p.id == id) {
            bad(
                "identifier",
                Some(id.as_str()),
                format!("this patient is already {}; one Patient a patient", first.place),
            );
            continue;
        }
        patients.push(FhirPatient { place, id, update });
    }
    if errors.is_empty() { Ok(Read { patients, others }) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYSTEM: &str = "https://hospital.example/Id/mrn";

    #[test]
    fn patients_are_read_by_the_configured_system_and_other_resources_passed_over() {
        let bundle = serde_json::json!({
            "resourceType": "Bundle", "type": "collection",
            "entry": [
                {"resource": {"resourceType": "Patient",
                    "identifier": [{"system": "urn:other", "value": "X9"},
                                   {"system": SYSTEM, "value": "RXF1"},
                                   {"system": NHS_NUMBER_SYSTEM, "value": "9434765919"}],
                    "name": [{"use": "usual", "text": "Peggy"},
                             {"use": "official", "family": "Ellis", "given": ["Margaret", "Ann"]}],
                    "gender": "female", "birthDate": "1956-03-14"}},
                {"resource": {"resourceType": "Observation", "status": "final"}}
            ]
        });
        let read = read("b.json", bundle.to_string().as_bytes(), SYSTEM).expect("reads");
        assert_eq!(read.others, 1);
        let p = &read.patients[0];
        assert_eq!((p.id.as_str(), p.place.as_str()), ("RXF1", "entry[0].resource"));
        assert_eq!(p.update.name, Some(Text::from("Margaret Ann Ellis")), "the official name");
        assert_eq!(p.update.nhs_number.as_ref().map(NhsNumber::as_str), Some("9434765919"));
        assert_eq!((p.update.sex, p.update.born), (Some(Sex::Female), Date::parse("1956-03-14").ok()));
    }

    #[test]
    fn every_error_names_the_file_the_place_the_value_and_what_was_expected() {
        let bundle = serde_json::json!({"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Patient", "identifier": [{"system": "urn:other", "value": "X9"}]}},
            {"resource": {"resourceType": "Patient", "identifier": [{"system": SYSTEM, "value": "R2"}], "birthDate": "1956", "gender": "f"}}
        ]});
        let errors = read("b.json", bundle.to_string().as_bytes(), SYSTEM).expect_err("errors");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(said[0].starts_with("b.json, entry[0].resource.identifier: no identifier in the system"), "{said:?}");
        assert!(said[1].starts_with("b.json, entry[1].resource.gender: `f`: expected female"), "{said:?}");
        assert!(said[2].starts_with("b.json, entry[1].resource.birthDate: `1956`: expected a whole date"), "{said:?}");
        let not_json = read("b.json", b"{\n  \"resourceType\": ", SYSTEM).expect_err("not JSON");
        assert!(not_json[0].to_string().starts_with("b.json line 2, column "), "{:?}", not_json[0].to_string());
        let wrong = read("b.json", br#"{"resourceType": "Observation"}"#, SYSTEM).expect_err("not a bundle");
        assert!(wrong[0].to_string().contains("resourceType: `Observation`: expected a Bundle"), "{}", wrong[0]);
    }
}
