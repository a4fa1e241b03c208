//! Reading the case files: all at once, or in the background when the dashboard opens so the
//! first frame does not wait for ten thousand files.

use std::sync::mpsc;

use super::App;
use crate::context::Context;
use crate::settings::keymap::Keymap;
use crate::settings::theme::Theme;
use crate::store::{CaseEntry, Fingerprint, StoreError};
use crate::tui::brief::Brief;
use crate::ward;

/// What the background reader sends, in this order.
enum Loaded {
    /// How many case files the listing of the folder found.
    Listed(usize),
    /// The cases folder as it looked before any file was read.
    Fingerprint(Fingerprint),
    Batch(Vec<CaseEntry>),
    /// The folder could not be listed after all (it opened when the dashboard started).
    Failed(StoreError),
}

/// How many batches of read files may wait to be made into rows.
const BATCHES_AHEAD: usize = 16;

/// Case files still being read in the background when the dashboard opened.
pub(super) struct Loading {
    batches: mpsc::Receiver<Loaded>,
    /// How many files there are to read, once the folder is listed.
    total: Option<usize>,
    received: usize,
}

impl App {
    /// Opens the app at once and reads the case files in the background, so the first frame does
    /// not wait for ten thousand files. Until the last batch is in, the header says LOADING.
    pub fn start(ctx: Context, keymap: Keymap, theme: Theme) -> Result<App, StoreError> {
        let mut app = App::empty(ctx, keymap, theme);
        // Watched from before the fingerprint is taken, and that before reading, so a file
        // changed while loading is noticed and read again. The listing of the folder and its
        // fingerprint (a `stat` of every file) are taken in the background too: the first frame
        // waits only for the folder to open, which fails here as it always did when it cannot.
        app.watch();
        app.ctx.store.open_cases_folder()?;
        // A few batches ahead at most: the reader waits for the rows to be made rather than
        // holding whole cases by the thousand (at 100,000 cases, more memory than the rows).
        let (send, batches) = mpsc::sync_channel(BATCHES_AHEAD);
        let store = app.ctx.store.clone();
        std::thread::spawn(move || {
            let files = match store.case_files() {
                Ok(files) => files,
                Err(e) => {
                    let _ = send.send(Loaded::Failed(e));
                    return;
                }
            };
            if send.send(Loaded::Listed(files.len())).is_err()
                || send.send(Loaded::Fingerprint(store.fingerprint())).is_err()
            {
                return;
            }
            for chunk in files.chunks(500) {
                if send.send(Loaded::Batch(store.read_case_files(chunk))).is_err() {
                    break;
                }
            }
        });
        app.loading = Some(Loading { batches, total: None, received: 0 });
        Ok(app)
    }

    /// (files read, files in all once the folder is listed) while the case files are still
    /// being read.
    pub fn loading(&self) -> Option<(usize, Option<usize>)> {
        self.loading.as_ref().map(|l| (l.received, l.total))
    }

    /// Takes in the case files read since the last call; true when anything arrived.
    pub fn receive_loaded(&mut self) -> bool {
        let Some(loading) = &mut self.loading else { return false };
        let mut batch = Vec::new();
        let mut finished = false;
        let mut failed = None;
        let mut listed = false;
        loop {
            match loading.batches.try_recv() {
                Ok(Loaded::Batch(mut more)) => batch.append(&mut more),
                Ok(Loaded::Listed(total)) => {
                    loading.total = Some(total);
                    listed = true;
                }
                Ok(Loaded::Fingerprint(print)) => self.fingerprint = print,
                Ok(Loaded::Failed(e)) => failed = Some(e),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    finished = true;
                    break;
                }
            }
        }
        if let Some(e) = failed {
            self.loading = None;
            self.say(
                format!(
                    "could not list the case files ({e}), so the list is empty or incomplete: restart the dashboard or \
                     check the data directory"
                ),
                true,
            );
            return true;
        }
        if batch.is_empty() && !finished {
            // The header can say how many files there are to read.
            return listed;
        }
        loading.received += batch.len();
        finished |= loading.total.is_some_and(|total| loading.received >= total);
        let keep = self.cursors();
        let rows = self.briefs(batch, self.ctx.now);
        self.rows.extend(rows);
        if finished {
            self.loading = None;
            crate::tui::brief::mark_duplicates(&mut self.rows);
            give_back_memory();
        }
        self.resort(keep);
        true
    }

    /// Reads every case file again and reassesses.
    pub fn reload_all(&mut self) -> Result<(), StoreError> {
        let keep = self.cursors();
        let latest = self.ctx.store.fingerprint();
        let entries = self.ctx.store.load_all()?;
        self.fingerprint = latest;
        self.rows = self.briefs(entries, self.ctx.now);
        ward::sort(&mut self.rows);
        self.loading = None;
        give_back_memory();
        // A file gone from the cases folder may have been discharged into the archive.
        self.audit.forget_archive(&self.ctx.store, self.view == super::View::Audit);
        self.changed();
        self.restore(keep);
        Ok(())
    }
}

impl App {
    /// Case files assessed at `at` (on every core), each kept as the lists show it and the rest
    /// dropped as soon as that is taken (see [`Brief`]), in the folder's order.
    pub(super) fn briefs(&self, entries: Vec<CaseEntry>, at: crate::model::Stamp) -> Vec<Brief> {
        let ctx = &self.ctx;
        crate::store::par_map_owned(entries, |e| Brief::of(&ctx.row(e, at)))
    }
}

/// Gives the system back the memory reading freed, under the C library's allocator: the parser's
/// working space, spread over the reading threads' heaps, stays with the process otherwise (a
/// quarter of what the dashboard held after reading 10,000 cases). The program itself allocates
/// with mimalloc (`main.rs`), which gives freed pages back on its own; this is for the library
/// used without it.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own heaps to the system;
    // it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
