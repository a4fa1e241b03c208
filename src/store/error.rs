//! What can go wrong when reading or writing the data directory, said so the user knows what to do.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no case `{id}`: there is no file {file}; `cordwatch list` shows the cases there are")]
    NoSuchCase { id: String, file: String },

    #[error("case `{id}` already exists ({file}); choose another id, or record on the existing case")]
    Exists { id: String, file: String },

    #[error(
        "{file}: {error}\nnothing was written; fix the file (`cordwatch validate` lists every problem) and try again"
    )]
    Unreadable { file: String, error: String },

    #[error(
        "{file} changed since you opened it (someone else saved it); nothing was written.\n\
         Your version is kept in {kept}; open the file again and merge your changes"
    )]
    Conflict { file: String, kept: String },

    #[error(
        "{file} was discharged or removed while you were editing it; nothing was written.\n\
         Your version is kept in {kept}; if the patient is still on the ward, readmit the case \
         (move its file back from archive/ to cases/) and apply your changes to it"
    )]
    Gone { file: String, kept: String },

    #[error("{file} is being written by someone else and stayed locked for {seconds} s; try again in a moment")]
    Busy { file: String, seconds: u64 },

    #[error(
        "the data directory {dir} is read-only for {user}; nothing was written.\n\
         Ask for write access to it, or use a data directory you can write (--data DIR)"
    )]
    ReadOnly { dir: String, user: String },

    #[error(
        "the data directory {dir}{set_by} does not exist; nothing was read.\n\
         Check the path, or create a new data directory with `cordwatch init {dir}`"
    )]
    NoDataDir { dir: String, set_by: String },

    #[error(
        "{dir}{set_by} is not a cordwatch data directory (it has no cases folder); nothing was read.\n\
         Check the path, or make it one with `cordwatch init {dir}`"
    )]
    NotDataDir { dir: String, set_by: String },

    /// The case refuses the event (an acknowledgement with no plan, a discharge twice...).
    #[error(transparent)]
    Refused(#[from] crate::model::event::EventError),

    /// Text edited by hand is not a valid case file, or changes the case's id. The editor reopens
    /// the text with this message rather than giving up.
    #[error("{0}")]
    BadEdit(String),

    /// The case as it would be written does not read back as the same case (a bug).
    #[error("refusing to write {}: {reason}", path.display())]
    WouldNotReadBack { path: PathBuf, reason: String },

    #[error("conflicts/ has too many copies of {id} from {stamp}; clear some out")]
    TooManyConflicts { id: String, stamp: String },

    #[error("the data directory {dir} is not a directory; give a directory with --data")]
    DataDirIsAFile { dir: String },

    /// `cordwatch init` into a path it must not use (the message says why and what to do).
    #[error("{0}")]
    CannotInit(String),

    /// The write's journal entry could not be saved, so the write was not made.
    #[error(
        "could not write {file}: its journal entry could not be saved first in {} ({source}); nothing was written. \
         Check that the journal folder is there and writable, and that the disk has room",
        dir.display()
    )]
    Journal {
        file: String,
        dir: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    /// Names the setting that chose the data directory in an error about the directory itself.
    pub fn set_by(self, source: &str) -> StoreError {
        match self {
            StoreError::NoDataDir { dir, .. } => StoreError::NoDataDir { dir, set_by: format!(" (set by {source})") },
            StoreError::NotDataDir { dir, .. } => StoreError::NotDataDir { dir, set_by: format!(" (set by {source})") },
            other => other,
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { action, path, source }
    }
}
