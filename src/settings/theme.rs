//! Colours by role, named ANSI colours only (they follow the user's terminal palette and work on
//! 16-colour terminals). With `NO_COLOR` every colour is dropped and bold/reverse remain; clinical
//! state never rests on colour alone, since every flag also carries its text and `!!`/`!` marker.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

/// The roles a colour can be given in the config file's `theme:` section.
pub const ROLES: [&str; 8] = ["emergency", "urgent", "overdue", "ok", "muted", "accent", "demo", "error"];

#[derive(Debug, Clone)]
pub struct Theme {
    colors: BTreeMap<&'static str, Color>,
    no_color: bool,
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
    /// The defaults with the config file's overrides. `no_color` drops every colour.
    pub fn new(overrides: &BTreeMap<String, String>, no_color: bool) -> Result<Theme, String> {
        let mut colors: BTreeMap<&'static str, Color> = DEFAULTS.into_iter().collect();
        for (role, name) in overrides {
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
        Ok(Theme { colors, no_color })
    }

    /// Whether colour is off because `NO_COLOR` is set (to anything but the empty string).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
    fn no_color_keeps_bold_and_reverse_only() {
        let t = Theme::new(&BTreeMap::new(), true).expect("theme");
        assert_eq!(t.emergency().fg, None);
        assert!(t.emergency().add_modifier.contains(Modifier::BOLD));
        assert!(t.error().add_modifier.contains(Modifier::REVERSED));
    }
}
