//! The terminal the dashboard draws on: raw mode, the alternate screen, a panic hook that puts the
//! terminal back, and the colour codes written the way every colour terminal reads them.
//!
//! The terminal library writes even the 16 named colours in the 256-colour form (`ESC[38;5;1m`
//! for red), which a Linux console or a vt100-style terminal shows wrongly or not at all. Every
//! byte passes through [`ClassicColours`], which writes those 16 as the classic codes (`ESC[31m`,
//! `ESC[91m` for the bright ones) and leaves everything else alone; palette entries above 15 are
//! drawn only where the terminal said it has 256 colours (`settings::color`).

use std::io::{self, Stdout, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

/// The dashboard's terminal.
pub type Screen = Terminal<CrosstermBackend<ClassicColours<Stdout>>>;

/// Opens the terminal for the dashboard. The colour decision is the program's alone, made once
/// in the theme (`--color always` is obeyed with `NO_COLOR` set, and with colour off the theme
/// names none): the terminal library, which reads `NO_COLOR` on its own, is told so.
pub fn open() -> io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        hook(info);
    }));
    ratatui::crossterm::style::force_color_output(true);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(ClassicColours::new(io::stdout())))
}

/// The longest escape sequence held back whole; anything longer is passed on as it came.
const LONGEST: usize = 64;

/// A writer that rewrites the 16 named colours in select-graphic-rendition sequences
/// (`ESC[ ... m`) from the 256-colour form to the classic codes, whatever pieces the sequence
/// arrives in.
pub struct ClassicColours<W: Write> {
    inner: W,
    /// An escape sequence begun and not yet ended.
    pending: Vec<u8>,
}

impl<W: Write> ClassicColours<W> {
    pub fn new(inner: W) -> ClassicColours<W> {
        ClassicColours { inner, pending: Vec::new() }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// One byte of output: passed on, held as part of a sequence, or ending one.
    fn take(&mut self, byte: u8, out: &mut Vec<u8>) {
        const ESC: u8 = 0x1b;
        if self.pending.is_empty() {
            if byte == ESC {
                self.pending.push(byte);
            } else {
                out.push(byte);
            }
            return;
        }
        if self.pending.len() == 1 && byte != b'[' {
            // Not a control sequence (`ESC 7`, `ESC ESC`): the escape goes as it came.
            out.append(&mut self.pending);
            self.take(byte, out);
            return;
        }
        self.pending.push(byte);
        if self.pending.len() > 2 && (0x40..=0x7e).contains(&byte) {
            if byte == b'm' {
                out.extend_from_slice(&classic(&self.pending));
                self.pending.clear();
            } else {
                out.append(&mut self.pending);
            }
        } else if self.pending.len() > LONGEST {
            out.append(&mut self.pending);
        }
    }
}

/// An `ESC[ ... m` sequence with `38;5;N` and `48;5;N` for N below 16 written as the classic
/// foreground (30–37, 90–97) and background (40–47, 100–107) codes.
fn classic(sequence: &[u8]) -> Vec<u8> {
    let params = String::from_utf8_lossy(&sequence[2..sequence.len() - 1]);
    let parts: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let base = match parts[i] {
            "38" => Some(30),
            "48" => Some(40),
            _ => None,
        };
        match (base, parts.get(i + 1).copied(), parts.get(i + 2).and_then(|n| n.parse::<u8>().ok())) {
            (Some(base), Some("5"), Some(n)) if n < 16 => {
                out.push(if n < 8 { base + n } else { base + 60 + n - 8 }.to_string());
                i += 3;
            }
            // A colour given as red;green;blue: its five parts are one, passed on whole.
            (Some(_), Some("2"), _) => {
                out.extend(parts[i..(i + 5).min(parts.len())].iter().map(|p| p.to_string()));
                i += 5;
            }
            (Some(_), Some("5"), _) => {
                out.extend(parts[i..(i + 3).min(parts.len())].iter().map(|p| p.to_string()));
                i += 3;
            }
            _ => {
                out.push(parts[i].to_string());
                i += 1;
            }
        }
    }
    format!("\u{1b}[{}m", out.join(";")).into_bytes()
}

impl<W: Write> Write for ClassicColours<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &byte in buf {
            self.take(byte, &mut out);
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&str]) -> String {
        let mut w = ClassicColours::new(Vec::new());
        for p in pieces {
            w.write_all(p.as_bytes()).expect("write");
        }
        String::from_utf8(w.get_ref().clone()).expect("utf-8")
    }

    #[test]
    fn the_16_named_colours_become_classic_codes() {
        assert_eq!(through(&["\u{1b}[38;5;1mred"]), "\u{1b}[31mred");
        assert_eq!(through(&["\u{1b}[38;5;9;48;5;0m"]), "\u{1b}[91;40m");
        assert_eq!(through(&["\u{1b}[48;5;15m"]), "\u{1b}[107m");
        assert_eq!(through(&["\u{1b}[1;38;5;3mx\u{1b}[39;49m"]), "\u{1b}[1;33mx\u{1b}[39;49m");
    }

    #[test]
    fn a_sequence_split_across_writes_is_rewritten_whole() {
        assert_eq!(through(&["a\u{1b}", "[", "38;", "5;11", ";", "48;5;4", "m", "b"]), "a\u{1b}[93;44mb");
    }

    #[test]
    fn palette_entries_above_15_24_bit_colours_and_other_sequences_pass_unchanged() {
        for s in [
            "\u{1b}[38;5;220m",
            "\u{1b}[38;2;255;215;0m",
            "\u{1b}[38;2;1;2;3;48;5;196m",
            "\u{1b}[2J",
            "\u{1b}[10;20H",
            "\u{1b}[?2026h",
            "\u{1b}7",
            "\u{1b}\u{1b}[0m",
            "plain text ✓",
        ] {
            assert_eq!(through(&[s]), s, "{s:?}");
        }
        assert_eq!(through(&["\u{1b}[38;2;1;2;3;38;5;2m"]), "\u{1b}[38;2;1;2;3;32m");
    }

    #[test]
    fn a_runaway_sequence_is_passed_on_not_held() {
        let long = format!("\u{1b}[{}", "1;".repeat(100));
        assert_eq!(through(&[&long, "x"]), format!("{long}x"));
    }
}
