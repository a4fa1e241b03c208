//! Lines of text wrapped to a width, with a first-line and a hanging indent: the one wrapping
//! rule every front end uses (the command line at its fixed width, the dashboard at the pane's).

/// `text` wrapped to `width` columns (at least 10), the first line after `first`, the rest after
/// `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    // Never at a hyphen: a date (2026-11-24) or a rule id (mscc-neuro) is read whole.
    let options = textwrap::Options::new(width.max(10))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options).into_iter().map(|l| l.into_owned()).collect()
}
