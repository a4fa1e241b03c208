//! A field of a record kind, declared once for both front ends: its name (the command line's
//! `--flag` and the form's field), its label and help, the values it takes, and what a form
//! starts with.

use crate::model::vocab::Vocabulary;

/// Where a field is offered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Faces {
    Both,
    /// Only as a command-line flag (a setting a form leaves to the case file).
    CommandLine,
    /// Only in the dashboard's form (a switch the command line says with another flag).
    Form,
}

impl Faces {
    pub fn includes(self, face: super::Face) -> bool {
        matches!(
            (self, face),
            (Faces::Both, _) | (Faces::CommandLine, super::Face::CommandLine) | (Faces::Form, super::Face::Form)
        )
    }
}

/// What a form's field holds when it opens. The command line has no prefilled values: a flag
/// left out takes the record's own default (now, today, the user), which is the same value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Prefill {
    Empty,
    /// The moment judged at, `YYYY-MM-DD HH:MM`.
    Now,
    /// Its date.
    Today,
    /// Who is recording.
    User,
    Text(&'static str),
}

/// The words of a vocabulary, and the check that says why a word is not one of them (with its
/// did-you-mean), so every front end refuses a wrong word in the same words.
#[derive(Clone, Copy)]
pub struct Vocab {
    pub words: fn() -> Vec<&'static str>,
    pub check: fn(&str) -> Result<(), String>,
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries((self.words)()).finish()
    }
}

fn check<T: std::str::FromStr>(word: &str) -> Result<(), String>
where
    T::Err: std::fmt::Display,
{
    word.parse::<T>().map(|_| ()).map_err(|e| e.to_string())
}

impl Vocab {
    /// A vocabulary of the case file.
    pub const fn of<T: Vocabulary>() -> Vocab {
        Vocab { words: T::vocabulary_words, check: check::<T> }
    }

    /// Words checked by their own type's parser (the Bilsky grade, which refuses `1` alone).
    pub const fn parsed<T: std::str::FromStr>(words: fn() -> Vec<&'static str>) -> Vocab
    where
        T::Err: std::fmt::Display,
    {
        Vocab { words, check: check::<T> }
    }
}

/// The values a field takes.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    /// One word of a vocabulary; in a form each word is picked by its key, in the vocabulary's
    /// order.
    Word { vocab: Vocab, keys: &'static str },
    /// Several words of a vocabulary: comma-separated on the command line, toggled by their keys
    /// in a form.
    Words { vocab: Vocab, keys: &'static str },
    /// The id of a rule open on the patient: a form offers those open (keys 1-9); the command
    /// line takes any id, and the record is refused if it is not open.
    OpenRule,
    /// One of a list the guidelines keep (the reasons that close an emergency): a form offers
    /// them, each by its key in order; the command line takes the id, checked by the record.
    Listed { list: fn(&crate::guidelines::Guidelines) -> Vec<String>, keys: &'static str },
    /// An entry of the case (`exams 2026-11-21 08:00`): a form offers the patient's entries not
    /// yet struck, newest first (keys 1-9); the command line takes the reference as text.
    Entry,
    /// Typed text: free text, or a value the record reads (a time, a date, a number, a level).
    Text,
    /// Free text of several lines: in a form Enter starts a new line (Tab leaves the field); on
    /// the command line one value, `\n` for a new line.
    Lines,
    /// A score from 0 to `max` (10 for pain, 5 for an MRC power grade); a form takes it as digits.
    Score { max: u8 },
    /// On or off: a key in a form, a flag with no value on the command line.
    Switch { key: char, label: &'static str },
}

/// One field of a record kind.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The form's field name; on the command line `--` and the name with `-` for `_`.
    pub name: &'static str,
    pub label: &'static str,
    /// The command line's help for the flag.
    pub help: &'static str,
    /// What a form shows in the field while it is empty.
    pub hint: &'static str,
    pub input: Input,
    pub faces: Faces,
    pub prefill: Prefill,
    /// The command line's name for the value (`TIME`, `GY`), when not the flag's own.
    pub value_name: Option<&'static str>,
    /// The word taken when the flag is left out (and the form opens with).
    pub default_word: Option<&'static str>,
    /// The record cannot be made without it: the command line asks for the flag, a form for the
    /// field.
    pub required: bool,
}

impl Field {
    /// A typed field offered on both faces, empty when a form opens.
    pub const fn text(name: &'static str, label: &'static str, help: &'static str, hint: &'static str) -> Field {
        Field {
            name,
            label,
            help,
            hint,
            input: Input::Text,
            faces: Faces::Both,
            prefill: Prefill::Empty,
            value_name: None,
            default_word: None,
            required: false,
        }
    }

    /// One word of a vocabulary, each picked in a form by its key.
    pub const fn word(
        name: &'static str,
        label: &'static str,
        help: &'static str,
        vocab: Vocab,
        keys: &'static str,
    ) -> Field {
        Field { input: Input::Word { vocab, keys }, ..Field::text(name, label, help, "") }
    }

    pub const fn input(self, input: Input) -> Field {
        Field { input, ..self }
    }

    pub const fn prefill(self, prefill: Prefill) -> Field {
        Field { prefill, ..self }
    }

    pub const fn only(self, faces: Faces) -> Field {
        Field { faces, ..self }
    }

    pub const fn value_name(self, value_name: &'static str) -> Field {
        Field { value_name: Some(value_name), ..self }
    }

    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }

    pub const fn default_word(self, word: &'static str) -> Field {
        Field { default_word: Some(word), ..self }
    }

    /// The command line's flag: `--sensory-level`.
    pub fn flag(&self) -> String {
        format!("--{}", self.name.replace('_', "-"))
    }
}

/// When it happened: now unless given.
pub const AT: Field =
    Field::text(
        "at",
        "At",
        "When it happened, \"YYYY-MM-DD HH:MM\" on the ward clock (default: now); in the hour the clocks go back, with its offset: \"2026-10-25 01:30 +01:00\"",
        "YYYY-MM-DD HH:MM",
    )
        .prefill(Prefill::Now)
        .value_name("TIME");

/// Who recorded it: the user unless given.
pub const BY: Field =
    Field::text("by", "By", "Who recorded it (default: the clinician set for this login, else the OS user)", "who")
        .prefill(Prefill::User)
        .value_name("NAME");

/// The role of who recorded it, on the command line (a form takes the set clinician's role when
/// the record is theirs): `--role registrar`. Left out, the clinician's own role when `--by` is
/// left out too.
pub const ROLE_FLAG: Field = Field { faces: super::Faces::CommandLine, ..crate::record::kinds::decision::ROLE };

/// A free-text note.
pub const NOTE: Field = Field::text("note", "Note", "A free-text note", "optional");

/// Spinal levels: what a compression or a treatment is known to be at.
pub const LEVELS: Field = Field::text(
    "levels",
    "Levels",
    "Spinal levels, comma-separated, each a level or a run: T11, T4-T6",
    "e.g. T11 or T4-T6",
)
.value_name("LEVELS");
