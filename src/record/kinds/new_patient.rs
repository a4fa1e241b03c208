//! A new patient: the case opened with what is known on admission (the dashboard's form; the
//! command line's `cordwatch new` takes the same answers through the same builder).

use crate::model::*;
use crate::record::{nothing_fixed, Built, Field, InputError, Kind, Values, Vocab};

/// A case is opened in or out of hospital, never already discharged.
fn opening_status() -> Vec<&'static str> {
    vec![Status::Inpatient.as_str(), Status::Outpatient.as_str()]
}

pub const KIND: Kind = Kind {
    command: "",
    about: "",
    title: "New patient",
    action: None,
    fields: &[
        Field::text("id", "Hospital no.", "", "letters and digits"),
        Field::text("name", "Name", "", "required"),
        Field::text("ward", "Ward", "", "optional"),
        Field::text("bed", "Bed", "", "optional"),
        Field::word("status", "Status", "", Vocab::parsed::<Status>(opening_status), "io").default_word("inpatient"),
        Field::word("primary", "Primary", "", Vocab::of::<Primary>(), "bplrmyteco"),
        Field::word("subtype", "Breast subtype", "", Vocab::of::<BreastSubtype>(), "h2t"),
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let id = v.raw("id").ok_or_else(|| InputError::whole("give the hospital number"))?;
    let id: CaseId = id.parse().map_err(|e: crate::model::case_id::CaseIdError| InputError::whole(e.to_string()))?;
    let mut new = NewCase::named(id, v.raw("name").unwrap_or_default().to_string());
    new.ward = v.raw("ward").map(String::from);
    new.bed = v.raw("bed").map(String::from);
    new.status = v.parsed("status")?;
    new.primary = v.parsed("primary")?;
    new.subtype = v.parsed("subtype")?;
    Ok(Built::NewCase(new))
}
