//! The drawn screen in plain ASCII, for terminals whose locale is not UTF-8 (`LANG=C`): the
//! program's own typography and the borders become `--`, `->`, `|`, `...`, `+`, `-`, `^` for ▲
//! and `#` for ■, after everything is drawn, so no view needs to know. Patients' own text is left
//! alone, as in the command line's plain output.
//!
//! A replacement wider than its character takes the blank cells at the end of the row, moving
//! the rest of the row right; where the row has none, its last character alone is used, so no
//! column of a table ever moves. `…` (a cut-off cell) becomes `...` over the last two characters
//! before it, which keeps the cell's width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::present::to_ascii;

pub fn plain(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol().to_string();
            if symbol.is_ascii() {
                x += 1;
                continue;
            }
            let ascii = to_ascii(&symbol);
            if ascii == symbol {
                x += 1;
                continue;
            }
            let ascii = ascii.into_owned();
            if symbol == "…" {
                for back in 1..=2u16 {
                    if x >= area.left() + back && !buf[(x - back, y)].symbol().trim().is_empty() {
                        buf[(x - back, y)].set_symbol(".");
                    }
                }
                buf[(x, y)].set_symbol(".");
                x += 1;
                continue;
            }
            let extra = (ascii.len() as u16).saturating_sub(1);
            let blank_tail =
                (area.left()..area.right()).rev().take_while(|&i| buf[(i, y)].symbol() == " ").count() as u16;
            if extra > 0 && blank_tail >= extra && x + extra < area.right() {
                // Move the rest of the row right by `extra`, into the blank tail.
                for i in (x + 1 + extra..area.right()).rev() {
                    let moved = buf[(i - extra, y)].clone();
                    buf[(i, y)] = moved;
                }
                let style = buf[(x, y)].style();
                for (n, c) in ascii.chars().enumerate() {
                    let cell = &mut buf[(x + n as u16, y)];
                    cell.set_symbol(&c.to_string());
                    cell.set_style(style);
                }
                x += extra + 1;
            } else {
                // The last character keeps the sense: `>` of `->`, `-` of `--`.
                let last = ascii.chars().last().map(|c| c.to_string()).unwrap_or_else(|| "?".into());
                buf[(x, y)].set_symbol(&last);
                x += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    fn row(text: &str, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        Line::from(text.to_string()).render(area, &mut buf);
        plain(&mut buf, area);
        (0..width).map(|x| buf[(x, 0)].symbol().to_string()).collect::<String>().trim_end().to_string()
    }

    #[test]
    fn typography_becomes_ascii_and_widens_into_the_blank_end_of_the_row() {
        assert_eq!(row("a — b → c · d ▲ ■", 30), "a -- b -> c | d ^ #");
        assert_eq!(row("a — b", 5), "a - b", "no room: one character");
        assert_eq!(row("a → b", 5), "a > b", "no room: one character");
        assert_eq!(row("Margaret Ell… X", 20), "Margaret E... X", "a cut cell keeps its width");
        assert_eq!(row("Renée", 10), "Renée", "a patient's own text is left alone");
    }
}
