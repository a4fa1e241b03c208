//! Colours by role, at the depth [`super::color`] decides: the 16 named ANSI colours (which follow
//! the user's palette) on a terminal that names no more, a steadier 256-colour palette where it
//! does, the same colours as 24-bit where it says so, and none with `NO_COLOR`, `--color never`
//! or on `TERM=dumb`, when bold and reverse remain. `theme: light` picks colours that read on a light
//! background. Clinical state never rests on colour alone: every flag also carries its text and
//! its `!!`/`!` marker.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

/// The roles a colour can be given in the config file's `theme:` section.
pub const ROLES: [&str; 8] = ["emergency", "urgent", "overdue", "ok", "muted", "accent", "demo", "error"];

#[derive(Debug, Clone)]
pub struct Theme {
    colors: BTreeMap<&'static str, Color>,
    no_color: bool,
}

pub use super::color::Depth;

/// The presets a `theme:` can name, alone (`theme: light`) or as `preset:` beside overrides.
pub const PRESETS: [&str; 2] = ["dark", "light"];

/// The palette of a preset at a colour depth, by role (in the order of [`ROLES`]).
fn palette(preset: &str, depth: Depth) -> [(&'static str, Color); 8] {
    let c = Color::Indexed;
    match (preset, depth) {
        // The 256-colour palette's colours, sent as 24-bit: the same on every terminal.
        (_, Depth::True) => palette(preset, Depth::Indexed).map(|(role, color)| {
            let (r, g, b) = super::xterm::rgb_of(color).unwrap_or((0, 0, 0));
            (role, Color::Rgb(r, g, b))
        }),
        ("light", Depth::Indexed) => [
            ("emergency", c(160)),
            ("urgent", c(130)),
            ("overdue", c(90)),
            ("ok", c(28)),
            ("muted", c(242)),
            ("accent", c(25)),
            ("demo", c(91)),
            ("error", c(160)),
        ],
        // Yellow and cyan are hard to read on white: darker named colours instead.
        ("light", _) => [
            ("emergency", Color::Red),
            ("urgent", Color::Magenta),
            ("overdue", Color::Blue),
            ("ok", Color::Green),
            ("muted", Color::DarkGray),
            ("accent", Color::Blue),
            ("demo", Color::Magenta),
            ("error", Color::Red),
        ],
        (_, Depth::Indexed) => [
            ("emergency", c(203)),
            ("urgent", c(220)),
            ("overdue", c(170)),
            ("ok", c(114)),
            ("muted", c(245)),
            ("accent", c(80)),
            ("demo", c(177)),
            ("error", c(203)),
        ],
        _ => DEFAULTS,
    }
}

const DEFAULTS: [(&str, Color); 8] = [
    ("emergency", Color::LightRed),
    ("urgent", Color::Yellow),
    ("overdue", Color::Magenta),
    ("ok", Color::Green),
    ("muted", Color::DarkGray),
    ("accent", Color::Cyan),
    ("demo", Color::LightMagenta),
    ("error", Color::LightRed),
];

const NAMES: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

impl Theme {
    /// The 16-colour defaults with the config file's overrides. `no_color` drops every colour.
    pub fn new(overrides: &BTreeMap<String, String>, no_color: bool) -> Result<Theme, String> {
        Theme::for_depth(overrides, if no_color { Depth::None } else { Depth::Basic })
    }

    /// The preset named in the config file (`preset`, dark unless it says light) at the
    /// terminal's colour depth, with the config file's overrides.
    pub fn for_depth(overrides: &BTreeMap<String, String>, depth: Depth) -> Result<Theme, String> {
        let preset = overrides.get("preset").map(|p| p.to_ascii_lowercase()).unwrap_or_else(|| "dark".into());
        if !PRESETS.contains(&preset.as_str()) {
            return Err(format!(
                "theme: `{}` is not a preset; use {}",
                crate::model::text::sanitize(&preset),
                PRESETS.join(" or ")
            ));
        }
        let mut colors: BTreeMap<&'static str, Color> = palette(&preset, depth).into_iter().collect();
        for (role, name) in overrides.iter().filter(|(role, _)| role.as_str() != "preset") {
            let Some(role) = ROLES.iter().find(|r| **r == role.as_str()) else {
                return Err(format!(
                    "theme: `{}` is not a role{}; roles are {}",
                    crate::model::text::sanitize(role),
                    crate::model::vocab::did_you_mean(role, ROLES),
                    ROLES.join(", ")
                ));
            };
            let Some((_, color)) = NAMES.iter().find(|(n, _)| *n == name.to_ascii_lowercase()) else {
                let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "theme.{role}: `{}` is not a colour name; use one of {}",
                    crate::model::text::sanitize(name),
                    names.join(", ")
                ));
            };
            colors.insert(role, *color);
        }
        Ok(Theme { colors, no_color: depth == Depth::None })
    }

    fn fg(&self, role: &str) -> Style {
        if self.no_color {
            return Style::new();
        }
        Style::new().fg(self.colors.get(role).copied().unwrap_or(Color::Reset))
    }

    pub fn emergency(&self) -> Style {
        self.fg("emergency").add_modifier(Modifier::BOLD)
    }
    pub fn urgent(&self) -> Style {
        self.fg("urgent").add_modifier(Modifier::BOLD)
    }
    pub fn overdue(&self) -> Style {
        self.fg("overdue").add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg("ok")
    }
    pub fn muted(&self) -> Style {
        if self.no_color { Style::new() } else { self.fg("muted") }
    }
    pub fn accent(&self) -> Style {
        self.fg("accent").add_modifier(Modifier::BOLD)
    }
    pub fn demo(&self) -> Style {
        self.fg("demo").add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    pub fn error(&self) -> Style {
        self.fg("error").add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_colour_names_are_checked() {
        let mut o = BTreeMap::new();
        o.insert("urgent".to_string(), "LightYellow".to_string());
        assert!(Theme::new(&o, false).is_ok());
        o.insert("urgnt".to_string(), "red".to_string());
        assert!(Theme::new(&o, false).expect_err("role").contains("did you mean `urgent`"));
        let mut bad = BTreeMap::new();
        bad.insert("urgent".to_string(), "#ff0000".to_string());
        assert!(Theme::new(&bad, false).is_err());
    }

    #[test]
    fn the_colours_follow_the_depth() {
        let none = BTreeMap::new();
        let at = |depth| Theme::for_depth(&none, depth).expect("theme").urgent().fg;
        assert_eq!(at(Depth::Basic), Some(Color::Yellow), "16 colours: a named colour");
        assert_eq!(at(Depth::Indexed), Some(Color::Indexed(220)));
        assert_eq!(at(Depth::True), Some(Color::Rgb(0xff, 0xd7, 0x00)), "24-bit: palette entry 220's colour");
        assert_eq!(at(Depth::None), None);
    }

    #[test]
    fn the_light_preset_avoids_yellow_and_is_checked() {
        let mut light = BTreeMap::new();
        light.insert("preset".to_string(), "light".to_string());
        let t = Theme::for_depth(&light, Depth::Basic).expect("light");
        assert_ne!(t.urgent().fg, Some(Color::Yellow));
        light.insert("urgent".to_string(), "red".to_string());
        assert_eq!(Theme::for_depth(&light, Depth::Basic).expect("light").urgent().fg, Some(Color::Red));
        light.insert("preset".to_string(), "lite".to_string());
        assert!(Theme::for_depth(&light, Depth::Basic).is_err());
    }

    #[test]
    fn no_color_keeps_bold_and_reverse_only() {
        let t = Theme::new(&BTreeMap::new(), true).expect("theme");
        assert_eq!(t.emergency().fg, None);
        assert!(t.emergency().add_modifier.contains(Modifier::BOLD));
        assert!(t.error().add_modifier.contains(Modifier::REVERSED));
    }
}
