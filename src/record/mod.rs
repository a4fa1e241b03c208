//! The record catalogue: every kind of record a clinician makes on the ward, declared once.
//!
//! A kind's declaration ([`Kind`], one file each in `kinds/`) names its fields — name, label,
//! help, the values it takes, the key that picks each word in a form, where it is offered, what a
//! form starts with — and how a record is built and checked from the values given for them
//! ([`Values`]). Both front ends are driven from it: the command line's `record` subcommands
//! (flags, help, man page and completions), the dashboard's one generic form, the key that opens
//! each form, and the round's "Enter opens the form that completes this item"
//! ([`FormKind::for_completion`]). `docs/design.md` walks through adding a kind.
//!
//! It sits above `model` (it builds the model's events, whose checks it calls rather than
//! restates) and the engine (whose checklist items it answers), and below both front ends.

mod fields;
mod values;

pub use fields::{Faces, Field, Input, Prefill, Vocab};
pub use values::{Face, InputError, Values};

use crate::engine::Completion;
use crate::model::event::Event;
use crate::model::{Case, ImagingKind, NewCase, ReferralTo};

/// The key that opens a kind's form on the dashboard: its name in the config file's `keys:`
/// section, its default key, and what the help screen says it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAction {
    pub name: &'static str,
    pub key: &'static str,
    pub describe: &'static str,
}

/// What the values of a record build: an event to record on a case, or a new case.
#[derive(Debug, Clone, PartialEq)]
pub enum Built {
    Event(Event),
    NewCase(NewCase),
}

/// One kind of record, declared once.
#[derive(Debug)]
pub struct Kind {
    /// The `cordwatch record` subcommand; empty for a kind made only in the dashboard.
    pub command: &'static str,
    /// The subcommand's one line of help.
    pub about: &'static str,
    /// The form's title.
    pub title: &'static str,
    /// The dashboard key that opens the form, when a key of its own does.
    pub action: Option<KeyAction>,
    /// Every field, in the order the form and the help list them.
    pub fields: &'static [Field],
    /// Builds the record from the values given, with the model's own checks.
    pub build: fn(&Values) -> Result<Built, InputError>,
    /// The fields the case already answers (a bone agent's drug, once it has one): a form sets
    /// them and does not ask.
    pub fixed: fn(&Case) -> Vec<(&'static str, &'static str)>,
}

/// For a kind whose every field is asked: nothing is fixed by the case.
pub fn nothing_fixed(_: &Case) -> Vec<(&'static str, &'static str)> {
    Vec::new()
}

impl Kind {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The fields offered on one face.
    pub fn fields_on(&self, face: Face) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(move |f| f.faces.includes(face))
    }
}

/// Declares the catalogue: one line per kind, with the presets its form can open with and, for
/// a kind with presets, the form its key opens.
macro_rules! catalogue {
    (@plain $id:ident) => { FormKind::$id };
    (@plain $id:ident $plain:expr) => { $plain };
    ($($id:ident $(($($tuple:ty),*))? $({ $($field:ident : $fty:ty),* })? $(= $plain:expr)? => $module:ident,)+) => {
        /// One file per kind: its declaration.
        mod kinds {
            $(pub(super) mod $module;)+
        }

        /// Every kind of record, in the order the help screen lists their keys.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum KindId { $($id),+ }

        impl KindId {
            pub const ALL: &'static [KindId] = &[$(KindId::$id),+];

            pub const fn kind(self) -> &'static Kind {
                match self { $(KindId::$id => &kinds::$module::KIND),+ }
            }
        }

        /// Which form to open: a kind, with what the round already knows filled in (the study a
        /// result is for, the team a referral goes to, whether the steroids are to stop).
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum FormKind { $($id $(($($tuple),*))? $({ $($field: $fty),* })?),+ }

        impl FormKind {
            pub fn id(self) -> KindId {
                match self { $(FormKind::$id { .. } => KindId::$id),+ }
            }

            /// The form a key opens: the kind with nothing preset.
            pub fn plain(id: KindId) -> FormKind {
                match id { $(KindId::$id => catalogue!(@plain $id $($plain)?)),+ }
            }
        }
    };
}

catalogue! {
    Exam => exam,
    Request => request,
    Imaging(Option<ImagingKind>) = FormKind::Imaging(None) => imaging,
    Dose => dose,
    Dental => dental,
    Acknowledge => acknowledge,
    Review => review,
    Radiotherapy => radiotherapy,
    Surgery => surgery,
    Steroids { stop: bool } = FormKind::Steroids { stop: false } => steroids,
    SteroidSafety => steroid_safety,
    Referral(Option<ReferralTo>) = FormKind::Referral(None) => referral,
    Decision => decision,
    Strike => strike,
    Move => move_bed,
    NewPatient => new_patient,
    Job => job,
    JobDone => job_done,
    JobCancel => job_cancel,
    Handover => handover,
}

impl KindId {
    /// The kind behind a `cordwatch record` subcommand.
    pub fn by_command(command: &str) -> Option<KindId> {
        KindId::ALL.iter().copied().find(|k| !k.kind().command.is_empty() && k.kind().command == command)
    }

    /// The kinds opened by a key of their own, in the order the help screen lists them.
    pub const WITH_KEYS: usize = {
        let mut n = 0;
        let mut i = 0;
        while i < KindId::ALL.len() {
            if KindId::ALL[i].kind().action.is_some() {
                n += 1;
            }
            i += 1;
        }
        n
    };
}

impl FormKind {
    pub fn kind(self) -> &'static Kind {
        self.id().kind()
    }

    pub fn title(self) -> &'static str {
        self.kind().title
    }

    /// What the round already knows, set in the form as it opens: (field, word or switch).
    pub fn presets(self) -> Vec<(&'static str, Preset)> {
        match self {
            FormKind::Imaging(kind) => {
                vec![("kind", Preset::Word(kind.unwrap_or(ImagingKind::MriWholeSpine).as_str()))]
            }
            FormKind::Referral(Some(team)) => vec![("to", Preset::Word(team.as_str()))],
            FormKind::Steroids { stop } => vec![("stop", Preset::Switch(stop))],
            _ => Vec::new(),
        }
    }

    /// The field the form opens on, when not the first: the dose, when the drug is filled in.
    pub fn first_focus(self) -> Option<&'static str> {
        match self {
            FormKind::Steroids { stop: false } => Some("mg_per_day"),
            _ => None,
        }
    }

    /// The form that completes a round item, and whether it opens ready to close a rule with a
    /// reason (an item only a clinician's decision answers). None when nothing is recorded: the
    /// item moves on by itself.
    pub fn for_completion(completion: &Completion) -> Option<(FormKind, Option<String>)> {
        Some(match completion {
            Completion::MriResult { .. } => (FormKind::Imaging(Some(ImagingKind::MriWholeSpine)), None),
            Completion::Exam => (FormKind::Exam, None),
            Completion::ImagingRequest => (FormKind::Request, None),
            Completion::ImagingResult { kind } => (FormKind::Imaging(Some(*kind)), None),
            Completion::Dose | Completion::BoneAgent => (FormKind::Dose, None),
            Completion::Treatment { .. } | Completion::Radiotherapy => (FormKind::Radiotherapy, None),
            Completion::Steroids | Completion::SteroidsReduce => (FormKind::Steroids { stop: false }, None),
            Completion::SteroidsStop => (FormKind::Steroids { stop: true }, None),
            Completion::SteroidSafety => (FormKind::SteroidSafety, None),
            Completion::Referral { to } => (FormKind::Referral(Some(*to)), None),
            Completion::Decision { rule } => (FormKind::Acknowledge, Some(rule.clone())),
            Completion::TreatmentDecision => (FormKind::Decision, None),
            Completion::DentalReview => (FormKind::Dental, None),
            Completion::Review => (FormKind::Review, None),
            Completion::Nothing => return None,
        })
    }
}

/// A value a form opens with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Preset {
    Word(&'static str),
    Switch(bool),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_distinct_field_names_and_one_key_per_word() {
        for id in KindId::ALL {
            let kind = id.kind();
            let mut names: Vec<&str> = kind.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), kind.fields.len(), "{}: a field name twice", kind.title);
            for field in kind.fields {
                if let Input::Word { vocab, keys } | Input::Words { vocab, keys } = field.input {
                    let words = (vocab.words)();
                    assert_eq!(keys.chars().count(), words.len(), "{}.{}: one key per word", kind.title, field.name);
                    let mut k: Vec<char> = keys.chars().collect();
                    k.sort_unstable();
                    k.dedup();
                    assert_eq!(k.len(), words.len(), "{}.{}: a key picks two words", kind.title, field.name);
                }
            }
        }
    }

    #[test]
    fn subcommands_and_keys_are_unique() {
        let mut commands: Vec<&str> = KindId::ALL.iter().map(|k| k.kind().command).filter(|c| !c.is_empty()).collect();
        let n = commands.len();
        commands.sort_unstable();
        commands.dedup();
        assert_eq!(commands.len(), n);
        for id in KindId::ALL {
            assert_eq!(KindId::by_command(id.kind().command).filter(|_| !id.kind().command.is_empty()), {
                (!id.kind().command.is_empty()).then_some(*id)
            });
        }
    }
}
