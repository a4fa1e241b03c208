//! Text output for the terminal or a pipe: 80 columns, colour only on a terminal without
//! `NO_COLOR`, and never colour alone (every state also has its words and `!!`/`!` markers).

use std::io::IsTerminal;

use ratatui::crossterm::style::Stylize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::guidelines::Level;

/// Width every text report fits in.
pub const WIDTH: usize = 80;

/// Decides once whether to colour, and paints accordingly.
pub struct Paint {
    color: bool,
}

impl Paint {
    pub fn detect() -> Paint {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Paint { color: std::io::stdout().is_terminal() && !no_color }
    }

    pub fn level(&self, level: Level, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        match level {
            Level::Emergency => text.red().bold().to_string(),
            Level::Urgent => text.yellow().bold().to_string(),
            Level::None => text.to_string(),
        }
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color { text.bold().to_string() } else { text.to_string() }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.color { text.dim().to_string() } else { text.to_string() }
    }

    pub fn warn(&self, text: &str) -> String {
        if self.color { text.magenta().bold().to_string() } else { text.to_string() }
    }
}

/// `text` cut or padded to exactly `width` display columns; a cut is marked with `…`.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if text.width() <= width {
        out.push_str(text);
        used = text.width();
    } else if width > 0 {
        for c in text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Lines of at most [`WIDTH`] columns: the first starts with `first`, the rest with `rest`.
pub fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(WIDTH).initial_indent(first).subsequent_indent(rest);
    textwrap::wrap(text, options).into_iter().map(|l| l.into_owned()).collect()
}

/// Prints wrapped lines.
pub fn print_wrapped(text: &str, first: &str, rest: &str) {
    for line in wrap(text, first, rest) {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn wrapped_lines_fit_80_columns() {
        let long = "word ".repeat(60);
        for line in wrap(&long, "   ", "   ") {
            assert!(line.width() <= WIDTH, "{line}");
        }
    }
}
