//! The Patients filter's index: every row's search text (name, id, bed and ward in lower case)
//! laid end to end in one buffer, searched in one pass, and narrowed from the last answer while
//! the filter only grows.
//!
//! A keystroke at 100,000 cases must not look at 100,000 strings one by one. The first letter is
//! one scan of the buffer (`memchr`'s substring search, which skips most of it); each letter
//! added after it tests only the rows the shorter filter matched, since a row that does not hold
//! `ab` cannot hold `abc`; Backspace takes back the answer kept for the shorter filter. The index
//! answers exactly what `row.search.contains(needle)` answers, row by row.

use memchr::memmem::Finder;

use super::moved::Moved;
use crate::tui::brief::Brief;

/// Between two rows' texts in the buffer: a control character, which a typed filter never holds,
/// so no match runs from one row into the next.
const BETWEEN_ROWS: char = '\u{1e}';

/// How many shorter filters' answers are kept for Backspace: the filter is at most 40 characters.
const KEPT: usize = 41;

#[derive(Debug, Default)]
pub(super) struct SearchIndex {
    /// Rows' search texts, each followed by [`BETWEEN_ROWS`]: in row order when built; a changed
    /// row's new text is added at the end and its old one left unused, until those left unused
    /// outweigh the rest and the buffer is laid out again.
    text: String,
    /// Where each piece of `text` starts, in the buffer's order, and one more: where it ends.
    starts: Vec<usize>,
    /// The row each piece is the text of, or [`UNUSED`].
    row_of: Vec<usize>,
    /// The piece of each row.
    piece_of: Vec<usize>,
    /// Bytes of `text` no row uses any more.
    unused: usize,
    /// The last filters asked and the rows each matched (in row order), each filter holding the
    /// one before it.
    answers: Vec<(String, Vec<usize>)>,
}

/// The row of a piece of text no row uses any more.
const UNUSED: usize = usize::MAX;

impl SearchIndex {
    /// The index of `rows` as they are now.
    pub(super) fn build(rows: &[Brief]) -> SearchIndex {
        Self::of_texts(rows.iter().map(|r| r.search.as_str()))
    }

    fn of_texts<'a>(texts: impl ExactSizeIterator<Item = &'a str> + Clone) -> SearchIndex {
        let n = texts.len();
        let mut text = String::with_capacity(texts.clone().map(|t| t.len() + 1).sum());
        let mut starts = Vec::with_capacity(n + 1);
        for t in texts {
            starts.push(text.len());
            text.push_str(t);
            text.push(BETWEEN_ROWS);
        }
        starts.push(text.len());
        SearchIndex {
            text,
            starts,
            row_of: (0..n).collect(),
            piece_of: (0..n).collect(),
            unused: 0,
            answers: Vec::new(),
        }
    }

    /// The number of rows indexed.
    pub(super) fn len(&self) -> usize {
        self.piece_of.len()
    }

    /// The rows moved as `moved` says and the moved row's search text is now `text`: the index
    /// and the answers it keeps put right by that alone (the moved row's new text added, the
    /// positions of the rows between its two places moved by one), not built again from every row.
    pub(super) fn row_moved(&mut self, moved: Moved, text: &str) {
        let old = self.piece_of[moved.from];
        moved.apply(&mut self.piece_of);
        for row in moved.span() {
            self.row_of[self.piece_of[row]] = row;
        }
        self.row_of[old] = UNUSED;
        self.unused += self.starts[old + 1] - self.starts[old];
        self.text.push_str(text);
        self.text.push(BETWEEN_ROWS);
        self.starts.push(self.text.len());
        self.row_of.push(moved.to);
        self.piece_of[moved.to] = self.row_of.len() - 1;
        for (needle, rows) in &mut self.answers {
            moved.remap_ascending(rows, contains(text.as_bytes(), needle));
        }
        if self.unused > self.text.len() / 2 {
            self.lay_out_again();
        }
    }

    /// The buffer laid out again in row order, without the texts no row uses.
    fn lay_out_again(&mut self) {
        let answers = std::mem::take(&mut self.answers);
        let texts: Vec<String> =
            (0..self.len()).map(|r| String::from_utf8_lossy(self.row_text(r)).into_owned()).collect();
        *self = Self::of_texts(texts.iter().map(String::as_str));
        self.answers = answers;
    }

    /// The rows whose search text holds `needle` (already in lower case), in row order.
    pub(super) fn matching(&mut self, needle: &str) -> &[usize] {
        // Only answers for filters `needle` extends can be narrowed from.
        while let Some((last, _)) = self.answers.last() {
            if needle.contains(last.as_str()) {
                break;
            }
            self.answers.pop();
        }
        let found = match self.answers.last() {
            Some((last, _)) if last == needle => None,
            // From every row, one pass over the buffer is quicker than testing each.
            Some((last, rows)) if !last.is_empty() => Some(self.narrow(rows, needle)),
            _ => Some(self.scan(needle)),
        };
        if let Some(found) = found {
            if self.answers.len() >= KEPT {
                self.answers.remove(0);
            }
            self.answers.push((needle.to_string(), found));
        }
        self.answers.last().map(|(_, rows)| rows.as_slice()).unwrap_or_default()
    }

    fn row_text(&self, row: usize) -> &[u8] {
        let piece = self.piece_of[row];
        &self.text.as_bytes()[self.starts[piece]..self.starts[piece + 1] - BETWEEN_ROWS.len_utf8()]
    }

    /// Every row holding `needle`, by one pass over the whole buffer.
    fn scan(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() || needle.contains(BETWEEN_ROWS) {
            // Every row holds the empty filter; a filter holding the separator is tested row by
            // row so it can never match across two rows.
            return (0..self.len()).filter(|&r| contains(self.row_text(r), needle)).collect();
        }
        let finder = Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&bytes[from..]).map(|p| p + from) {
            // The piece holding byte `at`; the search goes on from the next piece's start.
            let piece = self.starts.partition_point(|&s| s <= at) - 1;
            if self.row_of[piece] != UNUSED {
                found.push(self.row_of[piece]);
            }
            from = self.starts[piece + 1];
        }
        // Pieces added after a change are out of row order (already in order otherwise).
        found.sort_unstable();
        found
    }

    /// The rows of `candidates` holding `needle`.
    fn narrow(&self, candidates: &[usize], needle: &str) -> Vec<usize> {
        let finder = Finder::new(needle.as_bytes());
        candidates.iter().copied().filter(|&r| finder.find(self.row_text(r)).is_some()).collect()
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    memchr::memmem::find(haystack, needle.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index over bare search texts (the rows' other fields play no part in it).
    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::of_texts(texts.iter().copied())
    }

    fn plain(texts: &[&str], needle: &str) -> Vec<usize> {
        (0..texts.len()).filter(|&i| texts[i].contains(needle)).collect()
    }

    const TEXTS: [&str; 6] = [
        "ada lovelace\u{1f}rxh1\u{1f}12\u{1f}7b",
        "grace hopper\u{1f}rxh2\u{1f}3\u{1f}7b",
        "",
        "émile zola\u{1f}rxh3\u{1f}\u{1f}ward 9",
        "ada ada\u{1f}rxh10\u{1f}1\u{1f}7a",
        "zz",
    ];

    #[test]
    fn answers_as_a_plain_search_of_each_row_does_while_typing_and_deleting() {
        let mut idx = index(&TEXTS);
        // Typed letter by letter, deleted, typed again differently: every answer, whether
        // scanned, narrowed or kept, is the row-by-row answer.
        let steps = [
            "a", "ad", "ada", "ada ", "ada a", "ada ", "ada", "ad", "a", "", "r", "rx", "rxh1", "rxh", "rxh2", "7",
            "7b", "é", "ém", "z", "zz", "zzz", "zz", "h", "\u{1f}", "7b\u{1e}", "b\u{1e}g", "e\u{1f}r",
        ];
        for needle in steps {
            assert_eq!(idx.matching(needle), plain(&TEXTS, needle).as_slice(), "filter {needle:?}");
        }
    }

    #[test]
    fn a_match_never_runs_from_one_row_into_the_next() {
        let mut idx = index(&["ab", "cd"]);
        assert!(idx.matching("bc").is_empty());
        assert!(idx.matching("b\u{1e}c").is_empty());
        assert_eq!(idx.matching("d"), [1]);
    }

    #[test]
    fn a_row_matched_twice_is_listed_once() {
        let mut idx = index(&["aaaa", "a"]);
        assert_eq!(idx.matching("a"), [0, 1]);
        assert_eq!(idx.matching("aa"), [0]);
    }

    #[test]
    fn an_empty_index_matches_nothing() {
        let mut idx = index(&[]);
        assert!(idx.matching("a").is_empty());
        assert!(idx.matching("").is_empty());
    }

    #[test]
    fn after_rows_move_and_change_it_answers_as_a_plain_search_of_each_row() {
        // The rows as they stand, changed and moved one at a time; the index is told each move
        // and asked, with answers kept from before the move, the same as a search of each row.
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        let mut idx = index(&TEXTS);
        let needles = ["a", "ad", "ada", "rxh", "rxh1", "7b", "z", "", "é", "zo"];
        for n in needles {
            idx.matching(n);
        }
        let changes = [
            (0, 4, "ada lovelace\u{1f}rxh1\u{1f}14\u{1f}7b"),
            (5, 0, "zola ada"),
            (2, 2, "rxh99"),
            (3, 5, ""),
            (1, 3, "grace\u{1f}rxh2\u{1f}3\u{1f}7a"),
            (4, 1, "éa"),
            (0, 5, "zz ada"),
            (5, 0, "rxh1"),
        ];
        for (round, (from, to, text)) in changes.into_iter().cycle().take(40).enumerate() {
            let moved = Moved { from, to };
            let mut t = text.to_string();
            if round % 3 == 0 {
                t.push_str(&"x".repeat(round));
            }
            texts[from] = t.clone();
            moved.apply(&mut texts);
            idx.row_moved(moved, &t);
            let plain_texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            // Narrowed from kept answers and scanned afresh alike.
            for n in needles.iter().chain(needles.iter().rev()) {
                assert_eq!(idx.matching(n), plain(&plain_texts, n).as_slice(), "round {round}, filter {n:?}");
            }
            // And scanned from nothing, every piece of the buffer read.
            idx.answers.clear();
            for n in needles {
                assert_eq!(idx.matching(n), plain(&plain_texts, n).as_slice(), "round {round}, filter {n:?} scanned");
                idx.answers.clear();
            }
            assert_eq!(idx.len(), texts.len());
        }
    }
}
