//! Moving a list's cursor: the one rule every list view shares.

/// `current` moved by `delta` within a list of `len` (0 when the list is empty).
pub fn moved(current: usize, len: usize, delta: i64) -> usize {
    if len == 0 {
        return 0;
    }
    (current as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn the_cursor_stays_within_the_list_and_on_nothing_when_it_is_empty() {
        assert_eq!(moved(0, 0, 5), 0);
        assert_eq!(moved(3, 0, -1), 0);
        assert_eq!(moved(0, 3, -1), 0);
        assert_eq!(moved(0, 3, 1), 1);
        assert_eq!(moved(1, 3, 10), 2);
        assert_eq!(moved(2, 3, i64::MIN / 2), 0);
        assert_eq!(moved(0, 3, i64::MAX / 2), 2);
    }
}
