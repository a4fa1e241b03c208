//! A radiotherapy course: definitive treatment for cord compression, or after an operation;
//! started, or booked ahead.

use crate::model::bounded::{Fractions, Gray};
use crate::model::event::Event;
use crate::model::*;
use crate::record::fields::{BY, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, Field, InputError, KeyAction, Kind, Prefill, Values};

pub const KIND: Kind = Kind {
    command: "radiotherapy",
    about: "A radiotherapy course (definitive treatment for MSCC, or after surgery); may be booked ahead",
    title: "Record a radiotherapy course",
    action: Some(KeyAction { name: "radiotherapy", key: "t", describe: "record a radiotherapy course" }),
    fields: &[
        Field::text("start", "First day", "First day of the course, YYYY-MM-DD", "YYYY-MM-DD")
            .prefill(Prefill::Today)
            .value_name("DATE")
            .required(),
        Field::text(
            "start_time",
            "First at",
            "Time of the first fraction, HH:MM, when known (the audit of treatment within 24 hours of the MRI \
             needs it when the course starts on the deadline's day)",
            "HH:MM of the first fraction, when known",
        )
        .value_name("HH:MM"),
        Field::text("end", "Last day", "Last day, when known", "YYYY-MM-DD, when known").value_name("DATE"),
        Field::text("site", "Site", "Treated site, e.g. T6-T8", "e.g. T6-T8"),
        Field::text("dose_gy", "Dose (Gy)", "Total dose in Gy", "e.g. 20").value_name("GY"),
        Field::text("fractions", "Fractions", "Number of fractions", "e.g. 5").value_name("N"),
        BY,
        ROLE_FLAG,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let course = Radiotherapy {
        site: v.text("site"),
        dose_gy: v.parsed::<Gray>("dose_gy")?,
        fractions: v.parsed::<Fractions>("fractions")?,
        start: v.date("start")?,
        start_time: v.time("start_time")?,
        end: v.optional_date("end")?,
        by: v.by(),
        role: v.role()?,
        struck: None,
    };
    course.check().map_err(|rule| InputError::whole(rule.to_string()))?;
    Ok(Built::Event(Event::Radiotherapy(course)))
}
