//! The colour codes the real binary writes to a pseudo-terminal, byte for byte: the dashboard and
//! the command line's reports follow `--color`, `NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE` and what
//! `TERM` and `COLORTERM` say the terminal can show; a Linux console or a vt100 is never sent a
//! 256-colour code, and a dumb terminal gets no colour at all.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Everything the program wrote to the terminal: until it exited, or until `until` appeared in
/// its output (then it is stopped).
fn run(args: &[&str], env: &[(&str, &str)], until: Option<&str>) -> String {
    run_with_config("# defaults\n", args, env, until)
}

/// [`run`] with a config file that says `config`.
fn run_with_config(config: &str, args: &[&str], env: &[(&str, &str)], until: Option<&str>) -> String {
    let settings = config;
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("open a pseudo-terminal");
    let config = tempfile::NamedTempFile::new().expect("config");
    std::fs::write(config.path(), settings).expect("write config");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cordwatch"));
    cmd.args(["--demo", "--now", "2026-11-23 09:00", "--config"]);
    cmd.arg(config.path());
    cmd.args(args);
    cmd.env("CORDWATCH_SYSTEM_CONFIG", "/dev/null");
    cmd.env("LANG", "C.UTF-8");
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLORTERM", "COLORFGBG", "LC_ALL", "LC_CTYPE"] {
        cmd.env_remove(name);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn cordwatch");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let b = Arc::clone(&bytes);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut all) = b.lock() {
                all.extend_from_slice(&buf[..n]);
            }
        }
    });
    let text = || String::from_utf8_lossy(&bytes.lock().expect("bytes")).into_owned();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        let exited = child.try_wait().expect("try_wait").is_some();
        if exited || until.is_some_and(|u| text().contains(u)) {
            // The rest of what was written, and for the dashboard the frame being drawn.
            std::thread::sleep(Duration::from_millis(300));
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if child.try_wait().ok().flatten().is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = text();
    assert!(until.is_none_or(|u| out.contains(u)), "`{until:?}` never appeared:\n{out}");
    out
}

/// The parameters of every select-graphic-rendition sequence (`ESC[...m`) written.
fn sgr(out: &str) -> Vec<Vec<String>> {
    out.split("\u{1b}[")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))?;
            (rest.as_bytes()[end] == b'm').then(|| rest[..end].split(';').map(str::to_string).collect())
        })
        .collect()
}

/// What the colour codes written say.
#[derive(Debug, Default, PartialEq, Eq)]
struct Codes {
    /// A classic colour code (30–37, 40–47, 90–97, 100–107).
    classic: bool,
    /// A 256-colour code (`38;5;N`, `48;5;N`).
    indexed: bool,
    /// A 256-colour code past the 16 named colours.
    beyond_16: bool,
    /// A 24-bit code (`38;2;r;g;b`).
    rgb: bool,
}

fn codes(out: &str) -> Codes {
    let mut c = Codes::default();
    for params in sgr(out) {
        let mut i = 0;
        while i < params.len() {
            let n: u16 = params[i].parse().unwrap_or(0);
            match n {
                38 | 48 if params.get(i + 1).is_some_and(|p| p == "5") => {
                    c.indexed = true;
                    c.beyond_16 |= params.get(i + 2).and_then(|p| p.parse::<u16>().ok()).is_some_and(|n| n >= 16);
                    i += 3;
                }
                38 | 48 if params.get(i + 1).is_some_and(|p| p == "2") => {
                    c.rgb = true;
                    i += 5;
                }
                30..=37 | 40..=47 | 90..=97 | 100..=107 => {
                    c.classic = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    c
}

fn dashboard(args: &[&str], env: &[(&str, &str)]) -> Codes {
    codes(&run(args, env, Some("RXH1078551")))
}

#[test]
fn a_linux_console_and_a_vt100_get_the_16_colours_as_classic_codes_only() {
    for term in ["linux", "vt100"] {
        for colorterm in ["", "truecolor"] {
            let c = dashboard(&[], &[("TERM", term), ("COLORTERM", colorterm)]);
            assert!(c.classic, "TERM={term}: coloured: {c:?}");
            assert!(!c.indexed && !c.rgb, "TERM={term} COLORTERM={colorterm}: no 256-colour or 24-bit code: {c:?}");
        }
    }
}

#[test]
fn a_256_colour_terminal_gets_its_palette_and_a_24_bit_one_rgb() {
    let c = dashboard(&[], &[("TERM", "xterm-256color")]);
    assert!(c.beyond_16 && !c.rgb, "{c:?}");
    let c = dashboard(&[], &[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]);
    assert!(c.rgb, "{c:?}");
    let c = dashboard(&[], &[("TERM", "xterm")]);
    assert!(c.classic && !c.indexed && !c.rgb, "16 colours, classic codes: {c:?}");
}

#[test]
fn no_color_clicolor_0_and_color_never_turn_the_dashboard_s_colour_off() {
    let rich = [("TERM", "xterm-256color"), ("COLORTERM", "truecolor")];
    let none = Codes::default();
    assert_eq!(dashboard(&[], &[rich[0], rich[1], ("NO_COLOR", "1")]), none, "NO_COLOR");
    assert_eq!(dashboard(&[], &[rich[0], rich[1], ("CLICOLOR", "0")]), none, "CLICOLOR=0");
    assert_eq!(dashboard(&["--color", "never"], &rich), none, "--color never");
    assert_eq!(dashboard(&[], &[("TERM", "dumb")]), none, "TERM=dumb");
    // The user's word for this run wins over the environment's.
    let forced = dashboard(&["--color", "always"], &[rich[0], rich[1], ("NO_COLOR", "1")]);
    assert!(forced.rgb, "--color always: {forced:?}");
    let dumb_forced = dashboard(&["--color", "always"], &[("TERM", "dumb")]);
    assert!(dumb_forced.classic && !dumb_forced.indexed, "forced on a dumb terminal: 16 only: {dumb_forced:?}");
}

#[test]
fn no_report_line_is_coloured_on_a_dumb_terminal() {
    for command in ["triage", "list", "checklist", "guidelines"] {
        let out = run(&[command], &[("TERM", "dumb")], None);
        assert!(out.contains("triage") || out.len() > 200, "{command} printed its report:\n{out}");
        assert!(!out.contains('\u{1b}'), "TERM=dumb: no escape code at all in `{command}`:\n{out:?}");
        // The same report on a colour terminal is coloured, in the classic codes.
        let coloured = codes(&run(&[command], &[("TERM", "xterm-256color")], None));
        assert!(coloured.classic && !coloured.indexed, "`{command}` on xterm-256color: {coloured:?}");
    }
    let out = run(&["triage"], &[("TERM", "xterm-256color"), ("NO_COLOR", "1")], None);
    assert!(!out.contains('\u{1b}'), "NO_COLOR on a terminal:\n{out:?}");
    let out = run(&["--color", "never", "triage"], &[("TERM", "xterm-256color")], None);
    assert!(!out.contains('\u{1b}'), "--color never on a terminal:\n{out:?}");
}

#[test]
fn a_light_background_named_by_colorfgbg_gets_the_light_colours_unless_the_settings_say_dark() {
    let dark = run(&[], &[("TERM", "xterm-256color")], Some("RXH1078551"));
    let light = run(&[], &[("TERM", "xterm-256color"), ("COLORFGBG", "0;15")], Some("RXH1078551"));
    // The emergency colour: palette 203 on a dark background, 160 (darker) on a light one.
    assert!(dark.contains("38;5;203") && !dark.contains("38;5;160"), "dark: {dark:?}");
    assert!(light.contains("38;5;160") && !light.contains("38;5;203"), "light: {light:?}");
    let also_light = run(&[], &[("TERM", "xterm-256color"), ("COLORFGBG", "0;default;15")], Some("RXH1078551"));
    assert!(also_light.contains("38;5;160"), "{also_light:?}");
    // 16 colours on a light background: no yellow (33, 93) at all.
    let basic = run(&[], &[("TERM", "linux"), ("COLORFGBG", "0;15")], Some("RXH1078551"));
    let yellow = sgr(&basic).into_iter().flatten().any(|p| p == "33" || p == "93");
    assert!(!yellow, "yellow on white: {basic:?}");
}

#[test]
fn a_theme_named_in_the_settings_wins_over_colorfgbg() {
    let out =
        run_with_config("theme: dark\n", &[], &[("TERM", "xterm-256color"), ("COLORFGBG", "0;15")], Some("RXH1078551"));
    assert!(out.contains("38;5;203") && !out.contains("38;5;160"), "theme: dark kept: {out:?}");
}
