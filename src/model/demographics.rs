//! What a hospital's systems say about a patient (a CSV list, an ADT message, a FHIR Patient):
//! who they are and where they lie. Applying it to a case changes only those fields — never an
//! exam, a result, a treatment or a decision — and lists each change, so an import can show
//! every change before it makes it and the audit log can say what it did.
//!
//! Two fields are guarded because a wrong value there is a clinical or identity error, not a
//! correction: an NHS number that differs from the case's means the hospital number may belong to
//! someone else, so the update is refused whole; a primary cancer is set only on a case that has
//! none (it drives the scores), and a different one is said, not written.

use super::case::{Cancer, Case};
use super::case_id::CaseId;
use super::nhs_number::NhsNumber;
use super::text::Text;
use super::time::Date;
use super::vocab::{Primary, Sex, Status};

/// The demographic fields one source gives for one patient; a field not given is left as it is
/// (an import never blanks a value out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Demographics {
    pub name: Option<Text>,
    pub family_name: Option<Text>,
    /// Given names, first name first; empty when not given.
    pub given_names: Vec<Text>,
    pub nhs_number: Option<NhsNumber>,
    pub born: Option<Date>,
    pub sex: Option<Sex>,
    pub ward: Option<Text>,
    pub bed: Option<Text>,
    pub team: Option<Text>,
    pub admitted: Option<Date>,
    pub status: Option<Status>,
    pub primary: Option<Primary>,
}

/// One field changed: `born: 1950-01-01 -> 1950-02-01`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub from: Option<String>,
    pub to: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.from {
            Some(from) => write!(f, "{}: {from} -> {}", self.field, self.to),
            None => write!(f, "{}: {}", self.field, self.to),
        }
    }
}

/// Why an update is not applied to a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemographicsError {
    #[error(
        "the NHS number {given} differs from the case's {case}: the hospital number may belong to another \
         patient; check both, and correct the case file by hand if the case's is wrong"
    )]
    NhsNumberDiffers { given: NhsNumber, case: NhsNumber },
    #[error("a new case needs the patient's name")]
    NoName,
    /// A ward or bed too long to be one (the rule `record move` keeps).
    #[error("{0}")]
    Place(super::rules::RecordRule),
}

/// The changes an update makes to a case, and what it leaves and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub changes: Vec<Change>,
    /// Values given but not written, each with its reason (a different primary cancer).
    pub kept: Vec<String>,
}

fn same_text(a: &Text, b: &Text) -> bool {
    a.raw().trim() == b.raw().trim()
}

impl Demographics {
    /// Whether nothing at all is given.
    pub fn is_empty(&self) -> bool {
        *self == Demographics::default()
    }

    /// Applies the update to `case`, returning what changed. Refused whole (the case untouched)
    /// when the NHS number differs from the case's.
    pub fn apply(&self, case: &mut Case) -> Result<Outcome, DemographicsError> {
        if let (Some(given), Some(have)) = (&self.nhs_number, &case.nhs_number)
            && given != have
        {
            return Err(DemographicsError::NhsNumberDiffers { given: given.clone(), case: have.clone() });
        }
        for (field, given) in [("ward", &self.ward), ("bed", &self.bed)] {
            if let Some(given) = given {
                super::rules::check_place(field, given.raw()).map_err(DemographicsError::Place)?;
            }
        }
        let mut out = Outcome::default();
        let mut text = |field: &'static str, given: &Option<Text>, have: &mut Option<Text>| {
            if let Some(given) = given.as_ref().filter(|g| !g.is_blank())
                && !have.as_ref().is_some_and(|h| same_text(h, given))
            {
                out.changes.push(Change { field, from: have.as_ref().map(Text::safe), to: given.safe() });
                *have = Some(given.clone());
            }
        };
        let mut name = Some(case.name.clone());
        text("name", &self.name, &mut name);
        case.name = name.unwrap_or_else(|| case.name.clone());
        text("family_name", &self.family_name, &mut case.family_name);
        text("ward", &self.ward, &mut case.ward);
        text("bed", &self.bed, &mut case.bed);
        text("team", &self.team, &mut case.team);
        fn plain<T: Clone + PartialEq + std::fmt::Display>(
            out: &mut Outcome,
            field: &'static str,
            given: &Option<T>,
            have: &mut Option<T>,
        ) {
            if let Some(given) = given
                && have.as_ref() != Some(given)
            {
                out.changes.push(Change { field, from: have.as_ref().map(T::to_string), to: given.to_string() });
                *have = Some(given.clone());
            }
        }
        let given_names: Vec<Text> = self.given_names.iter().filter(|g| !g.is_blank()).cloned().collect();
        if !given_names.is_empty()
            && (given_names.len() != case.given_names.len()
                || given_names.iter().zip(&case.given_names).any(|(a, b)| !same_text(a, b)))
        {
            let words = |names: &[Text]| names.iter().map(Text::safe).collect::<Vec<_>>().join(" ");
            out.changes.push(Change {
                field: "given_names",
                from: (!case.given_names.is_empty()).then(|| words(&case.given_names)),
                to: words(&given_names),
            });
            case.given_names = given_names;
        }
        plain(&mut out, "nhs_number", &self.nhs_number, &mut case.nhs_number);
        plain(&mut out, "born", &self.born, &mut case.born);
        plain(&mut out, "sex", &self.sex, &mut case.sex);
        plain(&mut out, "admitted", &self.admitted, &mut case.admitted);
        plain(&mut out, "status", &self.status, &mut case.status);
        if let Some(primary) = self.primary {
            match case.cancer.as_mut() {
                Some(Cancer { primary: Some(have), .. }) if *have != primary => out.kept.push(format!(
                    "primary {primary} not written: the case says {have}; a primary cancer is changed in the case file by hand"
                )),
                Some(Cancer { primary: Some(_), .. }) => {}
                Some(cancer) => {
                    cancer.primary = Some(primary);
                    out.changes.push(Change { field: "primary", from: None, to: primary.to_string() });
                }
                None => {
                    case.cancer = Some(Cancer {
                        primary: Some(primary),
                        subtype: None,
                        histology: None,
                        diagnosed: None,
                        kps: None,
                        ecog: None,
                        life_expectancy_months: None,
                    });
                    out.changes.push(Change { field: "primary", from: None, to: primary.to_string() });
                }
            }
        }
        Ok(out)
    }

    /// A new case from what is given: the name, or else the given and family names together. A
    /// patient given a ward is an inpatient admitted `today` unless the source says otherwise, as
    /// `cordwatch new` opens one, so the reminder of an inpatient not examined applies from the
    /// start.
    pub fn new_case(&self, id: CaseId, today: Date) -> Result<(Case, Outcome), DemographicsError> {
        let name = self.name.clone().filter(|n| !n.is_blank()).or_else(|| {
            let words: Vec<String> = self
                .given_names
                .iter()
                .chain(&self.family_name)
                .filter(|n| !n.is_blank())
                .map(|n| n.raw().trim().to_string())
                .collect();
            (!words.is_empty()).then(|| Text::new(words.join(" ")))
        });
        let name = name.ok_or(DemographicsError::NoName)?;
        let mut case = Case::new(id, name.clone());
        let mut rest = Demographics { name: None, ..self.clone() };
        if rest.status.is_none() && rest.ward.as_ref().is_some_and(|w| !w.is_blank()) {
            rest.status = Some(Status::Inpatient);
        }
        if rest.status == Some(Status::Inpatient) && rest.admitted.is_none() {
            rest.admitted = Some(today);
        }
        let mut outcome = rest.apply(&mut case)?;
        outcome.changes.insert(0, Change { field: "name", from: None, to: name.safe() });
        Ok((case, outcome))
    }
}

/// The changes joined for one line of the audit log: `ward: 7B -> 8A; bed: 12 -> 3`.
pub fn summary(changes: &[Change]) -> String {
    changes.iter().map(Change::to_string).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Exam;
    use crate::model::time::Stamp;
    use crate::model::vocab::Motor;

    fn case() -> Case {
        let mut c = Case::new("RX1".parse().expect("id"), Text::from("Ann Example"));
        c.ward = Some(Text::from("7B"));
        let mut exam = Exam::blank(Stamp::parse("2026-11-20 09:00").expect("stamp"));
        exam.motor = Some(Motor::Weakness);
        c.exams.push(exam);
        c
    }

    #[test]
    fn an_update_changes_only_what_it_gives_and_never_a_clinical_entry() {
        let mut c = case();
        let before = c.clone();
        let update = Demographics {
            ward: Some(Text::from("8A")),
            bed: Some(Text::from("3")),
            born: Date::parse("1950-02-01").ok(),
            name: Some(Text::from("Ann Example")),
            ..Demographics::default()
        };
        let out = update.apply(&mut c).expect("applies");
        assert_eq!(summary(&out.changes), "ward: 7B -> 8A; bed: 3; born: 1950-02-01");
        assert_eq!(c.exams, before.exams);
        assert_eq!(c.name, before.name);
        assert!(update.apply(&mut c).expect("again").changes.is_empty(), "a repeat changes nothing");
        let blank = Demographics { ward: Some(Text::from(" ")), ..Demographics::default() };
        assert!(blank.apply(&mut c).expect("blank").changes.is_empty(), "a blank never clears a value");
        assert_eq!(c.ward, Some(Text::from("8A")));
    }

    #[test]
    fn a_different_nhs_number_refuses_the_update_and_a_different_primary_is_kept() {
        let mut c = case();
        c.nhs_number = Some("9434765919".parse().expect("nhs"));
        let other: NhsNumber = "9434765870".parse().expect("nhs");
        let update = Demographics { nhs_number: Some(other), ward: Some(Text::from("9C")), ..Demographics::default() };
        let before = c.clone();
        assert!(matches!(update.apply(&mut c), Err(DemographicsError::NhsNumberDiffers { .. })));
        assert_eq!(c, before, "nothing changed");
        let same = Demographics { nhs_number: "943 476 5919".parse().ok(), ..Demographics::default() };
        assert!(same.apply(&mut c).expect("same number").changes.is_empty());

        let breast = Demographics { primary: Some(Primary::Breast), ..Demographics::default() };
        assert_eq!(summary(&breast.apply(&mut c).expect("first").changes), "primary: breast");
        let lung = Demographics { primary: Some(Primary::Lung), ..Demographics::default() };
        let out = lung.apply(&mut c).expect("kept");
        assert!(out.changes.is_empty() && out.kept[0].contains("the case says breast"), "{out:?}");
        assert_eq!(c.primary(), Some(Primary::Breast));
    }

    #[test]
    fn a_new_case_needs_a_name_or_names() {
        let id: CaseId = "RX2".parse().expect("id");
        let today = Date::parse("2026-11-23").expect("date");
        assert_eq!(Demographics::default().new_case(id.clone(), today).map(|_| ()), Err(DemographicsError::NoName));
        let names = Demographics {
            family_name: Some(Text::from("Example")),
            given_names: vec![Text::from("Ann"), Text::from("Marie")],
            ..Demographics::default()
        };
        let (c, out) = names.new_case(id.clone(), today).expect("named from its parts");
        assert_eq!(c.name, Text::from("Ann Marie Example"));
        assert_eq!(out.changes[0].to_string(), "name: Ann Marie Example");
        assert_eq!((c.status, c.admitted), (None, None), "no ward: not known to be in hospital");
        let on_ward = Demographics { ward: Some(Text::from("7B")), ..names };
        let (c, _) = on_ward.new_case(id, today).expect("on a ward");
        assert_eq!((c.status, c.admitted), (Some(Status::Inpatient), Some(today)));
    }
}
