//! The Round view's state and keys: its lines (today's checklist by patient, by urgency or by
//! bed), built once per change of the data, and its cursor, which stops at items and is kept on the same item, by its
//! patient and words, when the data changes.

use std::cell::RefCell;
use std::rc::Rc;

use super::cursor::moved;
use crate::context::Context;
use crate::engine::Completion;
use crate::settings::keymap::{Action, Keymap};
use crate::tui::brief::Brief;
use crate::tui::round::{RoundLine, RoundOrder, round_lines};

/// What the Round view keeps between keys and frames.
#[derive(Debug, Default)]
pub struct RoundView {
    /// The selected item, among the lines that can be selected.
    pub selected: usize,
    /// The order of the patients (`s`).
    pub order: RoundOrder,
    /// The lines, built on first use after each change of the data.
    cache: RefCell<Option<Rc<Vec<RoundLine>>>>,
    /// The item the cursor was on when the view was left: the cursor goes back to it when the
    /// view is shown again, so while it is not shown a change of the data costs it nothing.
    anchor: Option<RoundKey>,
}

/// The item under the cursor by what it is: (file, item text).
pub type RoundKey = (String, String);

impl RoundView {
    /// The lines for the ward shown, built once per change of the data.
    pub fn lines(&self, rows: &[Brief], ward: Option<&str>, keymap: &Keymap, ctx: &Context) -> Rc<Vec<RoundLine>> {
        let mut cache = self.cache.borrow_mut();
        Rc::clone(
            cache.get_or_insert_with(|| Rc::new(round_lines(rows, ward, &keymap.first(Action::Edit), self.order, ctx))),
        )
    }

    /// The data or the ward changed: the lines are built again when next used.
    pub fn forget_lines(&self) {
        self.cache.replace(None);
    }

    /// The view is left: the item under the cursor is remembered (see [`RoundView::shown`]).
    pub fn left(&mut self, lines: &[RoundLine]) {
        self.anchor = self.key(lines);
    }

    /// The view is shown again: the cursor goes back on the item it was on when it was left.
    pub fn shown(&mut self, lines: &[RoundLine]) {
        let keep = self.anchor.take();
        self.restore(lines, keep);
    }

    /// The selected item of `lines`.
    fn item<'a>(&self, lines: &'a [RoundLine]) -> Option<&'a RoundLine> {
        lines.iter().filter(|l| l.selectable()).nth(self.selected)
    }

    /// The selected item by what it is.
    pub fn key(&self, lines: &[RoundLine]) -> Option<RoundKey> {
        self.item(lines).map(|l| (l.file.clone(), l.text.clone()))
    }

    /// The (file, completion) of the selected item.
    pub fn target(&self, lines: &[RoundLine]) -> Option<(String, Option<Completion>)> {
        self.item(lines).map(|l| (l.file.clone(), l.completion.clone()))
    }

    /// Puts the cursor back on the item `keep` names, else on the first item of its patient, else
    /// where it was; never past the last item.
    pub fn restore(&mut self, lines: &[RoundLine], keep: Option<RoundKey>) {
        let items: Vec<&RoundLine> = lines.iter().filter(|l| l.selectable()).collect();
        let found = keep.and_then(|(file, text)| {
            items
                .iter()
                .position(|l| l.file == file && l.text == text)
                .or_else(|| items.iter().position(|l| l.file == file))
        });
        self.selected = found.unwrap_or(self.selected).min(items.len().saturating_sub(1));
    }

    /// Moves the cursor by `delta` items.
    pub fn move_by(&mut self, lines: &[RoundLine], delta: i64) {
        let count = lines.iter().filter(|l| l.selectable()).count();
        self.selected = moved(self.selected, count, delta);
    }

    /// `s`: the patients in the other order (the lines are built again when next used); the
    /// cursor is kept with [`RoundView::restore`] by the caller.
    pub fn turn_order(&mut self) -> RoundOrder {
        self.order = self.order.next();
        self.forget_lines();
        self.order
    }

    /// `]` or `[`: the cursor on the first item of the next or previous patient; false when there
    /// is none.
    pub fn to_next_patient(&mut self, lines: &[RoundLine], forward: bool) -> bool {
        match crate::tui::round::next_patient(lines, self.selected, forward) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }
}
