//! Whether to colour, and with how many colours, for the command line's reports and the dashboard
//! alike: `--color auto|always|never`, then `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR` and
//! `TERM=dumb` (the conventions of no-color.org and bixense.com/clicolors, read through
//! `anstyle-query`), then what `TERM` and `COLORTERM` say the terminal can show.
//!
//! `TERM` decides the depth before `COLORTERM`: a Linux console or a vt100-style terminal is given
//! the 16 named colours only, even when a `COLORTERM=truecolor` has travelled in over SSH from a
//! richer terminal, because 256-colour codes there print as garbage or nothing.

/// `--color`: whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    /// Even when the output is not a terminal (a pager such as `less -R`).
    Always,
    Never,
}

static CHOICE: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

/// The `--color` given on the command line; set once, before anything is printed or drawn.
pub fn set_choice(choice: ColorChoice) {
    let _ = CHOICE.set(choice);
}

/// The `--color` given, `auto` when none was.
pub fn choice() -> ColorChoice {
    CHOICE.get().copied().unwrap_or_default()
}

/// What the environment says about colour, read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColorEnv {
    /// `NO_COLOR` set to anything but the empty string.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set to anything but `0` (or empty).
    pub force: bool,
    /// `CLICOLOR=0`.
    pub clicolor_off: bool,
    /// `TERM`, empty when unset.
    pub term: String,
    /// `COLORTERM`, empty when unset.
    pub colorterm: String,
    /// `COLORFGBG` ("15;0": the terminal's foreground and background colours), when set.
    pub colorfgbg: Option<String>,
}

impl ColorEnv {
    pub fn read() -> ColorEnv {
        let var = |name: &str| std::env::var(name).ok();
        ColorEnv {
            no_color: anstyle_query::no_color(),
            // Read here: the crate counts `CLICOLOR_FORCE=0` as forcing, where the convention
            // forces only on a value other than 0.
            force: std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0"),
            clicolor_off: anstyle_query::clicolor() == Some(false),
            term: var("TERM").unwrap_or_default(),
            colorterm: var("COLORTERM").unwrap_or_default(),
            colorfgbg: var("COLORFGBG"),
        }
    }

    /// The background `COLORFGBG` names ("0;15", "0;default;15": its last part), as vim reads
    /// it: palette entries 7 and 9 to 15 are light, 0 to 6 and 8 dark; `default` or anything else
    /// says nothing.
    pub fn background(&self) -> Option<Background> {
        let last = self.colorfgbg.as_deref()?.rsplit(';').next()?.trim();
        match last.parse::<u8>().ok()? {
            7 | 9..=15 => Some(Background::Light),
            0..=6 | 8 => Some(Background::Dark),
            _ => None,
        }
    }

    /// `TERM=dumb`: a terminal that understands no escape codes at all.
    pub fn dumb(&self) -> bool {
        self.term == "dumb"
    }
}

/// The terminal's background, which decides the preset when the settings name none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// Whether to colour: `always` and `never` decide alone; in `auto`, `NO_COLOR` turns it off
/// first, then `CLICOLOR_FORCE` on, then `CLICOLOR=0` or `TERM=dumb` off, and otherwise colour
/// is on a terminal only.
pub fn color_wanted(choice: ColorChoice, env: &ColorEnv, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.force => true,
        ColorChoice::Auto => !env.clicolor_off && !env.dumb() && terminal,
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// No colour: bold and reverse video carry what colour would.
    None,
    /// The 16 named ANSI colours, which follow the user's palette, sent as the classic codes.
    Basic,
    /// The 256-colour palette.
    Indexed,
    /// 24-bit colour.
    True,
}

impl Depth {
    /// The depth to draw at: none when [`color_wanted`] says no; the 16 named colours on a
    /// terminal that names no more, and on a Linux console, a vt100-style terminal or a dumb one
    /// (when colour is forced on it); 24-bit where `COLORTERM` or `TERM` says so, 256 where `TERM`
    /// names them.
    pub fn decide(choice: ColorChoice, env: &ColorEnv, terminal: bool) -> Depth {
        if !color_wanted(choice, env, terminal) {
            return Depth::None;
        }
        let term = env.term.to_ascii_lowercase();
        let colorterm = env.colorterm.to_ascii_lowercase();
        let sixteen_only = ["linux", "vt", "cons", "ansi", "dumb"].iter().any(|t| term.starts_with(t));
        if term.is_empty() || sixteen_only {
            return Depth::Basic;
        }
        let true_color = |v: &str| v.contains("truecolor") || v.contains("24bit") || v.contains("direct");
        if true_color(&colorterm) || true_color(&term) {
            Depth::True
        } else if term.contains("256color") || colorterm.contains("256color") {
            Depth::Indexed
        } else {
            Depth::Basic
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(term: &str, colorterm: &str) -> ColorEnv {
        ColorEnv { term: term.into(), colorterm: colorterm.into(), ..ColorEnv::default() }
    }

    fn auto(e: &ColorEnv) -> Depth {
        Depth::decide(ColorChoice::Auto, e, true)
    }

    #[test]
    fn the_depth_follows_term_and_colorterm() {
        assert_eq!(auto(&env("xterm-256color", "")), Depth::Indexed);
        assert_eq!(auto(&env("screen-256color", "")), Depth::Indexed);
        assert_eq!(auto(&env("xterm", "truecolor")), Depth::True);
        assert_eq!(auto(&env("xterm-256color", "24bit")), Depth::True);
        assert_eq!(auto(&env("xterm-direct", "")), Depth::True);
        assert_eq!(auto(&env("xterm", "")), Depth::Basic);
        assert_eq!(auto(&env("screen", "")), Depth::Basic);
        assert_eq!(auto(&env("", "")), Depth::Basic, "no TERM: the least every colour terminal has");
    }

    #[test]
    fn a_linux_console_and_a_vt100_get_16_colours_whatever_colorterm_says() {
        for term in ["linux", "vt100", "vt220", "VT102", "ansi", "cons25"] {
            assert_eq!(auto(&env(term, "")), Depth::Basic, "{term}");
            assert_eq!(auto(&env(term, "truecolor")), Depth::Basic, "{term} with COLORTERM from elsewhere");
        }
    }

    #[test]
    fn a_dumb_terminal_gets_none_unless_colour_is_forced_and_then_16() {
        assert_eq!(auto(&env("dumb", "truecolor")), Depth::None);
        assert_eq!(Depth::decide(ColorChoice::Always, &env("dumb", "truecolor"), true), Depth::Basic);
        let forced = ColorEnv { force: true, ..env("dumb", "") };
        assert_eq!(auto(&forced), Depth::Basic);
    }

    #[test]
    fn no_color_clicolor_and_never_turn_the_dashboard_off_too() {
        let rich = env("xterm-256color", "truecolor");
        assert_eq!(auto(&ColorEnv { no_color: true, ..rich.clone() }), Depth::None);
        assert_eq!(auto(&ColorEnv { clicolor_off: true, ..rich.clone() }), Depth::None);
        assert_eq!(Depth::decide(ColorChoice::Never, &rich, true), Depth::None);
        assert_eq!(
            Depth::decide(ColorChoice::Always, &ColorEnv { no_color: true, ..rich.clone() }, true),
            Depth::True,
            "--color always is the user's word for this run, over NO_COLOR"
        );
        assert_eq!(Depth::decide(ColorChoice::Auto, &rich, false), Depth::None, "auto: a terminal only");
    }

    #[test]
    fn colorfgbg_says_light_or_dark_or_nothing() {
        let bg = |v: &str| ColorEnv { colorfgbg: Some(v.into()), ..ColorEnv::default() }.background();
        for light in ["0;15", "0;default;15", "0;7", "12;9", " 0 ; 15 "] {
            assert_eq!(bg(light), Some(Background::Light), "{light}");
        }
        for dark in ["15;0", "15;default;0", "7;8", "15;4", "0;6"] {
            assert_eq!(bg(dark), Some(Background::Dark), "{dark}");
        }
        for unknown in ["15;default", "", "0;16", "light", "0;-1"] {
            assert_eq!(bg(unknown), None, "{unknown:?}");
        }
        assert_eq!(ColorEnv::default().background(), None, "unset");
    }

    #[test]
    fn auto_colours_a_terminal_and_nothing_else() {
        assert!(color_wanted(ColorChoice::Auto, &ColorEnv::default(), true));
        assert!(!color_wanted(ColorChoice::Auto, &ColorEnv::default(), false));
    }

    #[test]
    fn no_color_clicolor_0_and_a_dumb_terminal_turn_auto_off() {
        assert!(!color_wanted(ColorChoice::Auto, &ColorEnv { no_color: true, ..ColorEnv::default() }, true));
        assert!(!color_wanted(ColorChoice::Auto, &ColorEnv { clicolor_off: true, ..ColorEnv::default() }, true));
        assert!(!color_wanted(ColorChoice::Auto, &env("dumb", ""), true));
    }

    #[test]
    fn clicolor_force_turns_auto_on_off_a_terminal_but_not_past_no_color() {
        let forced = ColorEnv { force: true, ..ColorEnv::default() };
        assert!(color_wanted(ColorChoice::Auto, &forced, false));
        let against = ColorEnv { force: true, clicolor_off: true, ..env("dumb", "") };
        assert!(color_wanted(ColorChoice::Auto, &against, false), "forced beats CLICOLOR=0 and dumb");
        assert!(
            !color_wanted(ColorChoice::Auto, &ColorEnv { no_color: true, ..forced }, true),
            "NO_COLOR beats the force"
        );
    }

    #[test]
    fn always_and_never_decide_whatever_the_environment() {
        let everything = ColorEnv { no_color: true, clicolor_off: true, ..env("dumb", "") };
        let forced = ColorEnv { force: true, ..ColorEnv::default() };
        for e in [ColorEnv::default(), everything, forced] {
            for terminal in [false, true] {
                assert!(color_wanted(ColorChoice::Always, &e, terminal), "{e:?} {terminal}");
                assert!(!color_wanted(ColorChoice::Never, &e, terminal), "{e:?} {terminal}");
            }
        }
    }
}
