//! Notifications from the kernel (inotify) when a file in the cases folder changes, so
//! the dashboard need not look at every file every second.
//!
//! A notification names a file; it never says what the file holds, which is read as usual. Where
//! notifications do not reach (a colleague's write over NFS or SMB is not seen by this machine's
//! kernel), the dashboard still looks at the whole folder now and then: see
//! [`super::Store::watch_cases`].

use std::path::Path;
use std::sync::Mutex;

use inotify::{EventMask, Inotify, WatchMask};

/// What the watcher has seen since it was last asked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Noticed {
    /// Files of the cases folder named by a notification, by name, sorted, each once.
    pub names: Vec<String>,
    /// Notifications were lost (the kernel's queue overflowed): look at the whole folder.
    pub look_at_all: bool,
}

/// A watch on the cases folder, for as long as it is kept. Reading it never blocks: the kernel
/// queues what happened, and [`CaseWatch::take`] empties the queue.
pub struct CaseWatch {
    inotify: Mutex<Inotify>,
}

impl std::fmt::Debug for CaseWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseWatch")
    }
}

impl CaseWatch {
    /// Watches the folder `dir`; None when the kernel will not (no inotify, too many watches).
    pub(super) fn start(dir: &Path) -> Option<CaseWatch> {
        if !on_local_file_system(dir) {
            return None;
        }
        let inotify = Inotify::init().ok()?;
        // Every way a file's content or presence changes: written and closed, moved in or out
        // (the store's writes rename a temporary file over the case), made, removed, its
        // attributes changed (a chmod that makes it unreadable); and the folder itself going.
        let mask = WatchMask::CLOSE_WRITE
            | WatchMask::MODIFY
            | WatchMask::MOVED_TO
            | WatchMask::MOVED_FROM
            | WatchMask::CREATE
            | WatchMask::DELETE
            | WatchMask::ATTRIB
            | WatchMask::DELETE_SELF
            | WatchMask::MOVE_SELF
            | WatchMask::ONLYDIR;
        inotify.watches().add(dir, mask).ok()?;
        Some(CaseWatch { inotify: Mutex::new(inotify) })
    }

    /// What was noticed since the last call (nothing at all costs one `read` that finds nothing),
    /// or None when the watch has stopped (the folder was removed or moved away, or the watch
    /// failed): then nothing more will come, and only looking at the folder finds changes.
    pub fn take(&self) -> Option<Noticed> {
        let mut inotify = self.inotify.lock().unwrap_or_else(|e| e.into_inner());
        let mut noticed = Noticed::default();
        let mut buffer = [0u8; 16 * 1024];
        loop {
            let events = match inotify.read_events(&mut buffer) {
                Ok(events) => events,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            for event in events {
                if event.mask.contains(EventMask::Q_OVERFLOW) {
                    noticed.look_at_all = true;
                } else if event.mask.intersects(EventMask::IGNORED | EventMask::DELETE_SELF | EventMask::MOVE_SELF) {
                    return None;
                } else if let Some(name) = event.name {
                    noticed.names.push(name.to_string_lossy().into_owned());
                }
            }
        }
        noticed.names.sort();
        noticed.names.dedup();
        Some(noticed)
    }
}

/// Whether `dir` is on a file system whose every change passes through this machine's kernel.
/// On a network file system (NFS, SMB, AFS, Ceph...) or a FUSE one (sshfs), a colleague's write
/// from another machine is never notified here, so the folder must be looked at as before.
fn on_local_file_system(dir: &Path) -> bool {
    const REMOTE: [i64; 8] = [
        0x6969,                 // NFS
        0x517B,                 // SMB
        0xFF53_4D42_u32 as i64, // CIFS
        0xFE53_4D42_u32 as i64, // SMB2
        0x5346_414F,            // AFS
        0x00C3_6400,            // Ceph
        0x6573_5546,            // FUSE (sshfs and the like)
        0x4750_4653,            // GPFS
    ];
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()) else { return false };
    // SAFETY: a zeroed statfs is a valid value for statfs(2) to fill in.
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a pointer to a statfs that lives across the call.
    if unsafe { libc::statfs(path.as_ptr(), &mut stat) } != 0 {
        return false;
    }
    let kind = stat.f_type as i64;
    !REMOTE.contains(&kind)
}
