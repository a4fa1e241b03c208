//! The colours of xterm's default palette as red, green and blue: the 16 named colours as xterm
//! draws them unless the user changes them, the 6×6×6 colour cube and the grey ramp. The
//! dashboard draws a 24-bit terminal's colours from here (the same colours as the 256-colour
//! palette, whatever the terminal's own palette was changed to), and the theme's contrast is
//! judged against these values.

use ratatui::style::Color;

/// The 16 named colours, by index (0 black … 15 white), as xterm sets them by default.
const NAMED: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// Palette entry `index` of xterm's 256 colours.
pub fn rgb(index: u8) -> (u8, u8, u8) {
    match index {
        0..=15 => NAMED[usize::from(index)],
        16..=231 => {
            let n = index - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            (v, v, v)
        }
    }
}

/// The palette index of a named colour (`Color::Red` is 1), or of an indexed one.
pub fn index(color: Color) -> Option<u8> {
    Some(match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Reset | Color::Rgb(..) => return None,
    })
}

/// A colour as red, green and blue in xterm's default palette; `None` for the terminal's own
/// default (`Reset`).
pub fn rgb_of(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        other => index(other).map(rgb),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cube_and_the_ramp_are_xterms() {
        assert_eq!(rgb(16), (0, 0, 0));
        assert_eq!(rgb(196), (0xff, 0, 0));
        assert_eq!(rgb(231), (0xff, 0xff, 0xff));
        assert_eq!(rgb(67), (0x5f, 0x87, 0xaf));
        assert_eq!(rgb(232), (8, 8, 8));
        assert_eq!(rgb(255), (0xee, 0xee, 0xee));
        assert_eq!(rgb_of(Color::Yellow), Some((0xcd, 0xcd, 0x00)));
        assert_eq!(rgb_of(Color::Reset), None);
    }
}
