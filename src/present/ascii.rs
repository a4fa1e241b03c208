//! Plain ASCII for terminals whose locale is not UTF-8 (`LANG=C`): the typography the program
//! uses is spelt out in ASCII (`—` as `--`, `→` as `->`, `·` as `|`, `…` as `...`), so a report
//! never turns into mojibake on an old terminal or a printer. Patients' own text is left alone.

use std::borrow::Cow;

/// Whether a locale setting names UTF-8. The first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`
/// decides, as the C library does; none at all is the C locale, which is ASCII.
pub fn locale_is_utf8(lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>) -> bool {
    let chosen = [lc_all, lc_ctype, lang].into_iter().flatten().find(|v| !v.is_empty());
    chosen.is_some_and(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("utf-8") || v.contains("utf8")
    })
}

/// The program's own typography in ASCII.
const TABLE: [(char, &str); 18] = [
    ('—', "--"),
    ('–', "-"),
    ('→', "->"),
    ('←', "<-"),
    ('↑', "^"),
    ('↓', "v"),
    ('·', "|"),
    ('…', "..."),
    ('▲', "^"),
    ('■', "#"),
    ('█', "#"),
    ('░', "."),
    ('│', "|"),
    ('─', "-"),
    ('┌', "+"),
    ('┐', "+"),
    ('└', "+"),
    ('┘', "+"),
];

/// `text` with the program's typography in ASCII.
pub fn to_ascii(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| TABLE.iter().any(|(t, _)| *t == c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match TABLE.iter().find(|(t, _)| *t == c) {
            Some((_, ascii)) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_in_the_c_library_order() {
        assert!(locale_is_utf8(None, None, Some("en_GB.UTF-8")));
        assert!(locale_is_utf8(None, None, Some("C.utf8")));
        assert!(!locale_is_utf8(None, None, Some("C")));
        assert!(!locale_is_utf8(None, None, None), "no locale at all is C");
        assert!(!locale_is_utf8(Some("C"), None, Some("en_GB.UTF-8")), "LC_ALL wins");
        assert!(locale_is_utf8(Some(""), Some("en_GB.UTF-8"), Some("C")), "an empty LC_ALL is skipped");
    }

    #[test]
    fn typography_becomes_ascii_and_names_are_kept() {
        assert_eq!(to_ascii("triage — 3 emergency · → act…"), "triage -- 3 emergency | -> act...");
        assert_eq!(to_ascii("Renée Müller"), "Renée Müller");
        assert!(matches!(to_ascii("plain"), Cow::Borrowed(_)));
    }
}
