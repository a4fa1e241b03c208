//! Emergencies brought by other users' changes, noticed by the watch on the cases folder: a
//! colleague's exam that raises one must not arrive silently (the row just moving up the list).
//! Each is said in the status line and the message log, marked NEW in the Patients list until the
//! user has selected or opened that patient, and, when `bell_on_new_emergency` is set, rings the
//! terminal's bell once.

use std::collections::{BTreeSet, HashMap};

use super::App;
use crate::guidelines::Level;
use crate::model::Stamp;

/// The new emergencies not yet seen, and whether the bell is to ring.
#[derive(Debug, Default)]
pub struct Arrivals {
    /// Files of the patients with a new emergency the user has not selected or opened since.
    unseen: BTreeSet<String>,
    /// The bell is to ring once (taken by the event loop).
    bell: bool,
}

impl App {
    /// Whether the patient of `file` has a new emergency from another user's change, not yet seen.
    pub fn is_unseen(&self, file: &str) -> bool {
        self.arrivals.unseen.contains(file)
    }

    /// Whether the bell is to ring, once: the event loop asks after taking in changes.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.arrivals.bell)
    }

    /// The open emergencies of every row that has one, by file, before others' changes are read.
    pub(super) fn emergencies_by_file(&self) -> HashMap<String, Vec<(String, Stamp)>> {
        self.rows
            .iter()
            .filter(|r| r.level() == Level::Emergency)
            .map(|r| (r.file.clone(), r.open_emergencies()))
            .collect()
    }

    /// After another user's change: the row at `at`, whose open emergencies were `before`, is
    /// marked and said if it has one that was not open before.
    pub(super) fn note_arrival(&mut self, before: &[(String, Stamp)], at: usize) {
        let Some(row) = self.rows.get(at) else { return };
        let new: Vec<(String, Stamp)> = row.open_emergencies().into_iter().filter(|r| !before.contains(r)).collect();
        if new.is_empty() {
            return;
        }
        let file = row.file.clone();
        let who = match (&row.name, &row.id) {
            (Some(name), Some(id)) => {
                let bed = row.bed.as_ref().map(|b| format!("bed {} ", b.safe())).unwrap_or_default();
                format!("{bed}{} ({id})", name.safe())
            }
            _ => file.clone(),
        };
        let tags: Vec<String> = row
            .flags
            .iter()
            .filter(|f| new.iter().any(|(rule, deadline)| *rule == f.rule && *deadline == f.deadline))
            .map(|f| f.tag.clone())
            .collect();
        self.arrivals.unseen.insert(file);
        self.arrivals.bell |= self.ctx.settings.bell_on_new_emergency;
        self.say(format!("NEW EMERGENCY: {who}, {} (another user's change)", tags.join(", ")), true);
    }

    /// After other users' changes were read whole: every row with an emergency not in `before`.
    pub(super) fn note_arrivals(&mut self, before: &HashMap<String, Vec<(String, Stamp)>>) {
        let at: Vec<usize> = (0..self.rows.len()).filter(|&i| self.rows[i].level() == Level::Emergency).collect();
        for i in at {
            let was = before.get(&self.rows[i].file).cloned().unwrap_or_default();
            self.note_arrival(&was, i);
        }
    }

    /// The patient under the cursor, or open, has been seen: its NEW mark goes.
    pub(super) fn mark_seen(&mut self) {
        if self.arrivals.unseen.is_empty() {
            return;
        }
        if let Some(file) = self.current_file() {
            self.arrivals.unseen.remove(&file);
        }
    }
}
