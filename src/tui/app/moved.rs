//! One row moved within the sorted rows (a changed case merged into its new place): where every
//! other row went, so what is kept by row position (the filter's index, the list's orders) is
//! put right by the same move instead of being built again from every row.

/// The row at `from` is now at `to`; the rows between the two places moved one place to make
/// room, and no other row moved (what `ward::replace_sorted` does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Moved {
    pub from: usize,
    pub to: usize,
}

impl Moved {
    /// Where the row that was at `i` is now.
    pub fn map(self, i: usize) -> usize {
        let Moved { from, to } = self;
        if i == from {
            to
        } else if from < to && i > from && i <= to {
            i - 1
        } else if to < from && i >= to && i < from {
            i + 1
        } else {
            i
        }
    }

    /// Moves the items of `items`, one per row, as the rows moved.
    pub fn apply<T>(self, items: &mut [T]) {
        let Moved { from, to } = self;
        if to < from {
            items[to..=from].rotate_right(1);
        } else if from < to {
            items[from..=to].rotate_left(1);
        }
    }

    /// The rows that moved, the moved one included.
    pub fn span(self) -> std::ops::RangeInclusive<usize> {
        self.from.min(self.to)..=self.from.max(self.to)
    }

    /// `rows` (row positions in ascending order, as they were) as they are now, still ascending:
    /// the moved row taken out, and put back only if `keep_moved` says it still belongs.
    pub fn remap_ascending(self, rows: &mut Vec<usize>, keep_moved: bool) {
        if let Ok(at) = rows.binary_search(&self.from) {
            rows.remove(at);
        }
        // Every other row kept its order: those between the two places all moved the same way.
        for r in rows.iter_mut() {
            *r = self.map(*r);
        }
        if keep_moved && let Err(at) = rows.binary_search(&self.to) {
            rows.insert(at, self.to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the rows are after the move, by their old positions.
    fn after(n: usize, m: Moved) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..n).collect();
        m.apply(&mut rows);
        rows
    }

    #[test]
    fn map_says_where_apply_put_every_row_up_down_and_in_place() {
        for n in 1..7 {
            for from in 0..n {
                for to in 0..n {
                    let m = Moved { from, to };
                    let now = after(n, m);
                    for (pos, &was) in now.iter().enumerate() {
                        assert_eq!(m.map(was), pos, "n {n}, {m:?}, row {was}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_list_of_rows_stays_ascending_and_holds_the_moved_row_only_when_kept() {
        for from in 0..6 {
            for to in 0..6 {
                let m = Moved { from, to };
                for keep in [false, true] {
                    let listed = vec![0, 2, 3, 5];
                    let mut rows = listed.clone();
                    m.remap_ascending(&mut rows, keep);
                    let mut want: Vec<usize> = listed.iter().filter(|&&r| r != from).map(|&r| m.map(r)).collect();
                    if keep {
                        want.push(to);
                    }
                    want.sort_unstable();
                    assert_eq!(rows, want, "{m:?}, keep {keep}");
                }
            }
        }
    }
}
