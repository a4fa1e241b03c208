//! Notifications from the kernel (inotify on Linux) when a file in the cases folder changes, so
//! the dashboard need not look at every file every second.
//!
//! A notification names a file; it never says what the file holds, which is read as usual. Where
//! notifications do not reach (a colleague's write over NFS or SMB is not seen by this machine's
//! kernel), the dashboard still looks at the whole folder now and then: see
//! [`super::Store::watch_cases`].

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use notify::{RecursiveMode, Watcher};

/// What the watcher has seen since it was last asked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Noticed {
    /// Files of the cases folder named by a notification, by name, sorted, each once.
    pub names: Vec<String>,
    /// Notifications were lost (the kernel's queue overflowed) or the watch failed: look at the
    /// whole folder.
    pub look_at_all: bool,
}

/// A watch on the cases folder, for as long as it is kept.
pub struct CaseWatch {
    _watcher: notify::RecommendedWatcher,
    notices: mpsc::Receiver<Notice>,
}

enum Notice {
    File(String),
    All,
}

impl std::fmt::Debug for CaseWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseWatch")
    }
}

impl CaseWatch {
    /// Watches the folder `dir`; None when the kernel will not (no inotify, too many watches).
    pub(super) fn start(dir: &Path) -> Option<CaseWatch> {
        let (send, notices) = mpsc::channel();
        let folder: PathBuf = dir.to_path_buf();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let notices: Vec<Notice> = match event {
                Ok(event) if event.need_rescan() => vec![Notice::All],
                Ok(event) => event
                    .paths
                    .iter()
                    .filter(|p| p.parent() == Some(folder.as_path()))
                    .filter_map(|p| p.file_name())
                    .map(|n| Notice::File(n.to_string_lossy().into_owned()))
                    .collect(),
                Err(_) => vec![Notice::All],
            };
            for notice in notices {
                let _ = send.send(notice);
            }
        })
        .ok()?;
        watcher.watch(dir, RecursiveMode::NonRecursive).ok()?;
        Some(CaseWatch { _watcher: watcher, notices })
    }

    /// What was noticed since the last call (nothing at all costs one look at a channel), or
    /// None when the watch has stopped: then nothing more will come, and only looking at the
    /// folder finds changes.
    pub fn take(&self) -> Option<Noticed> {
        let mut noticed = Noticed::default();
        loop {
            match self.notices.try_recv() {
                Ok(Notice::File(name)) => noticed.names.push(name),
                Ok(Notice::All) => noticed.look_at_all = true,
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => return None,
            }
        }
        noticed.names.sort();
        noticed.names.dedup();
        Some(noticed)
    }
}
