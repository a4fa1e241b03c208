//! Options that take a word of the case file's vocabulary (`--motor weakness`): parsed by the
//! vocabulary itself, so a wrong word gets the same message (with its did-you-mean) as in a case
//! file, and offered by name to `--help` and to tab completion, static and dynamic alike.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::model::vocab::Vocabulary;
use crate::record::Vocab;

/// The parser for an option taking a word of a record field's vocabulary: checked by the
/// vocabulary's own parser, kept as the word typed.
pub fn words(vocab: Vocab) -> WordsParser {
    WordsParser(vocab)
}

#[derive(Clone, Copy)]
pub struct WordsParser(Vocab);

impl TypedValueParser for WordsParser {
    type Value = String;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<String, clap::Error> {
        let option = arg.map(|a| a.to_string()).unwrap_or_else(|| "the option".into());
        let text = value.to_str().ok_or_else(|| {
            clap::Error::raw(ErrorKind::InvalidUtf8, format!("{option}: the value is not valid UTF-8\n")).with_cmd(cmd)
        })?;
        (self.0.check)(text).map_err(|e| {
            let shown = crate::model::text::sanitize(text);
            clap::Error::raw(ErrorKind::ValueValidation, format!("invalid value '{shown}' for '{option}': {e}\n"))
                .with_cmd(cmd)
        })?;
        Ok(text.to_string())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0.words)().into_iter().map(PossibleValue::new)))
    }
}

/// The parser for an option taking a word of `T`, typed.
pub fn vocab<T: Vocabulary>() -> VocabParser<T> {
    VocabParser(WordsParser(Vocab::of::<T>()), PhantomData)
}

#[derive(Clone, Copy)]
pub struct VocabParser<T>(WordsParser, PhantomData<fn() -> T>);

impl<T: Vocabulary> TypedValueParser for VocabParser<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let word = self.0.parse_ref(cmd, arg, value)?;
        word.parse::<T>().map_err(|e| clap::Error::raw(ErrorKind::ValueValidation, format!("{e}\n")).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        self.0.possible_values()
    }
}
