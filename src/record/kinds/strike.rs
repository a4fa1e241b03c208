//! Striking a wrong entry: it stays in the file and is shown struck with who, when and why, and
//! no rule counts it. Nothing is deleted.

use crate::model::event::Event;
use crate::model::{EntryRef, Strike};
use crate::record::fields::{AT, BY, ROLE_FLAG};
use crate::record::{nothing_fixed, Built, Field, Input, InputError, KeyAction, Kind, Values};

pub const KIND: Kind = Kind {
    command: "strike",
    about: "Strike a wrong entry: it stays in the file and in show, struck with who, when and why, and no rule \
            counts it (--entry \"exams 2026-11-21 08:00\" --why \"exam of another patient\")",
    title: "Strike a wrong entry",
    action: Some(KeyAction {
        name: "strike",
        key: "X",
        describe: "strike a wrong entry (kept, shown struck, not counted)",
    }),
    fields: &[
        Field::text(
            "entry",
            "Entry",
            "The entry: its list and its time as the timeline shows it, \"exams 2026-11-21 08:00\" \
             (\"radiotherapy 2026-11-23\" for one known by its date; add #2 for the second at that time)",
            "",
        )
        .input(Input::Entry)
        .value_name("ENTRY")
        .required(),
        Field::text("why", "Why", "Why the entry is wrong, in words", "e.g. exam of another patient").required(),
        Field { label: "Struck at", ..AT },
        BY,
        ROLE_FLAG,
    ],
    build,
    fixed: nothing_fixed,
};

fn build(v: &Values) -> Result<Built, InputError> {
    let entry = v.required("entry", v.raw("entry"), "choose the entry to strike")?;
    // A form's choice reads "exams 2026-11-21 08:00 (exam: motor weakness)": the reference is
    // what comes before the words.
    let entry = entry.split(" (").next().unwrap_or(entry);
    let entry = EntryRef::parse(entry).map_err(|e| v.error("entry", e))?;
    let why = v.required("why", v.text("why").filter(|w| !w.is_blank()), "say why the entry is wrong")?;
    let strike = Strike { at: v.moment("at")?, by: v.by(), role: v.role()?, why };
    Ok(Built::Event(Event::Strike { entry, strike }))
}
