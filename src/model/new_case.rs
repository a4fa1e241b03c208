//! Opening a case: the one builder behind `cordwatch new` and the dashboard's New patient form,
//! so both make the same case from the same answers.

use super::{BreastSubtype, Cancer, Case, CaseId, Date, Primary, Sex, Status, Text};

/// What a clinician gives when opening a case. Blank text counts as not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCase {
    /// The hospital number; every case needs one.
    pub id: Option<CaseId>,
    pub name: String,
    pub born: Option<Date>,
    pub sex: Option<Sex>,
    pub ward: Option<String>,
    pub bed: Option<String>,
    pub team: Option<String>,
    pub status: Option<Status>,
    /// Defaults to today for an inpatient.
    pub admitted: Option<Date>,
    pub primary: Option<Primary>,
    pub subtype: Option<BreastSubtype>,
}

/// Why the answers do not make a case; each front end says it in terms of its own inputs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewCaseError {
    #[error("a case needs the hospital number")]
    NoId,
    #[error("a case needs the patient's name")]
    NoName,
    #[error("a breast subtype needs the primary to be breast")]
    SubtypeNotBreast,
    /// A ward or bed too long to be one (the rule `record move` keeps).
    #[error("{0}")]
    Place(super::rules::RecordRule),
}

impl NewCase {
    /// A case with only the id and name; everything else not given.
    pub fn named(id: CaseId, name: String) -> NewCase {
        NewCase { id: Some(id), name, ..NewCase::default() }
    }

    /// The case file to create, opened on `today`.
    pub fn build(&self, today: Date) -> Result<Case, NewCaseError> {
        let id = self.id.clone().ok_or(NewCaseError::NoId)?;
        if self.name.trim().is_empty() {
            return Err(NewCaseError::NoName);
        }
        if !Cancer::subtype_fits(self.primary, self.subtype) {
            return Err(NewCaseError::SubtypeNotBreast);
        }
        for (field, value) in [("ward", &self.ward), ("bed", &self.bed)] {
            if let Some(value) = value {
                super::rules::check_place(field, value).map_err(NewCaseError::Place)?;
            }
        }
        let text = |v: &Option<String>| v.as_ref().filter(|v| !v.trim().is_empty()).map(|v| Text::new(v.clone()));
        let mut case = Case::new(id, Text::new(self.name.clone()));
        case.born = self.born;
        case.sex = self.sex;
        case.ward = text(&self.ward);
        case.bed = text(&self.bed);
        case.team = text(&self.team);
        case.status = self.status;
        case.admitted = self.admitted.or((self.status == Some(Status::Inpatient)).then_some(today));
        if self.primary.is_some() {
            case.cancer = Some(Cancer {
                primary: self.primary,
                subtype: self.subtype,
                histology: None,
                diagnosed: None,
                kps: None,
                ecog: None,
                life_expectancy_months: None,
            });
        }
        Ok(case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-23").expect("date")
    }

    #[test]
    fn an_inpatient_is_admitted_today_unless_told_otherwise() {
        let mut new = NewCase::named("N1".parse().expect("id"), "New Patient".into());
        new.status = Some(Status::Inpatient);
        assert_eq!(new.build(today()).expect("case").admitted, Some(today()));
        new.status = Some(Status::Outpatient);
        assert_eq!(new.build(today()).expect("case").admitted, None);
    }

    #[test]
    fn a_subtype_needs_a_breast_primary_and_a_case_needs_a_name() {
        let mut new = NewCase::named("N1".parse().expect("id"), " ".into());
        assert_eq!(new.build(today()), Err(NewCaseError::NoName));
        new.name = "New Patient".into();
        new.subtype = Some(BreastSubtype::HrPositive);
        new.primary = Some(Primary::Lung);
        assert_eq!(new.build(today()), Err(NewCaseError::SubtypeNotBreast));
        new.primary = Some(Primary::Breast);
        assert!(new.build(today()).is_ok());
    }
}
