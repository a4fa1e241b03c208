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

use crate::ward::WardRow;

/// Between two rows' texts in the buffer: a control character, which a typed filter never holds,
/// so no match runs from one row into the next.
const BETWEEN_ROWS: char = '\u{1e}';

/// How many shorter filters' answers are kept for Backspace: the filter is at most 40 characters.
const KEPT: usize = 41;

#[derive(Debug, Default)]
pub(super) struct SearchIndex {
    /// Every row's search text followed by [`BETWEEN_ROWS`], in row order.
    text: String,
    /// Where each row's text starts in `text`, and one more: where the buffer ends.
    starts: Vec<usize>,
    /// The last filters asked and the rows each matched (in row order), each filter holding the
    /// one before it.
    answers: Vec<(String, Vec<usize>)>,
}

impl SearchIndex {
    /// The index of `rows` as they are now; built again whenever they change.
    pub(super) fn build(rows: &[WardRow]) -> SearchIndex {
        let mut text = String::with_capacity(rows.iter().map(|r| r.search.len() + 1).sum());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        for row in rows {
            starts.push(text.len());
            text.push_str(&row.search);
            text.push(BETWEEN_ROWS);
        }
        starts.push(text.len());
        SearchIndex { text, starts, answers: Vec::new() }
    }

    /// The number of rows indexed.
    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
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
        &self.text.as_bytes()[self.starts[row]..self.starts[row + 1] - BETWEEN_ROWS.len_utf8()]
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
            // The row whose text holds byte `at`; the search goes on from the next row's start.
            let row = self.starts.partition_point(|&s| s <= at) - 1;
            found.push(row);
            from = self.starts[row + 1];
        }
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
        let mut text = String::new();
        let mut starts = Vec::new();
        for t in texts {
            starts.push(text.len());
            text.push_str(t);
            text.push(BETWEEN_ROWS);
        }
        starts.push(text.len());
        SearchIndex { text, starts, answers: Vec::new() }
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
}
