//! Exclusive per-case write locks on sidecar files.
//!
//! The lock is taken on `locks/<id>.lock`, a file that is never renamed or replaced, because a lock
//! on the case file itself would be lost the moment an atomic write renames a new file over it. The
//! operating system releases the lock when the holder exits, however it exits, so a lock file left
//! behind by a crash never blocks anyone.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// Held while a case is being changed; released on drop.
#[derive(Debug)]
pub struct CaseLock {
    _file: File,
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Someone else held it for the whole timeout.
    TimedOut,
    Io(io::Error),
}

impl CaseLock {
    /// Waits up to `timeout` for the exclusive lock on `path`, creating the lock file if needed.
    pub fn acquire(path: &Path, mode: u32, timeout: Duration) -> Result<CaseLock, LockError> {
        let file = super::create::open_or_create(path, mode, super::create::Access::Write).map_err(LockError::Io)?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(CaseLock { _file: file }),
                Err(TryLockError::WouldBlock) if started.elapsed() < timeout => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => return Err(LockError::TimedOut),
                Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_times_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.lock");
        let first = CaseLock::acquire(&path, 0o600, Duration::from_secs(1)).expect("first");
        let second = CaseLock::acquire(&path, 0o600, Duration::from_millis(50));
        assert!(matches!(second, Err(LockError::TimedOut)));
        drop(first);
        assert!(CaseLock::acquire(&path, 0o600, Duration::from_millis(50)).is_ok(), "released on drop");
    }

    #[test]
    fn a_stale_lock_file_does_not_block() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.lock");
        std::fs::write(&path, "left by a crashed process").expect("stale");
        assert!(CaseLock::acquire(&path, 0o600, Duration::from_millis(50)).is_ok());
    }
}
