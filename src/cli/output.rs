//! Text output for the terminal or a pipe: 80 columns, colour only on a terminal without
//! `NO_COLOR`, and never colour alone (every state also has its words and `!!`/`!` markers).

use std::io::IsTerminal;

use ratatui::crossterm::style::Stylize;

use crate::guidelines::Level;
pub use crate::labels::fit;

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
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrapped_lines_fit_80_columns() {
        let long = "word ".repeat(60);
        for line in wrap(&long, "   ", "   ") {
            assert!(line.width() <= WIDTH, "{line}");
        }
    }
}
