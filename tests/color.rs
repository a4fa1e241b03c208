//! `--color` and the environment on the command line's reports: the piped output of these tests is
//! not a terminal, so `auto` is plain unless `CLICOLOR_FORCE` says otherwise; `always` and `never`
//! decide whatever the environment says. (The rules on a terminal are in `src/cli/output.rs`.)

mod common;

const ESC: &str = "\u{1b}[";

/// The demo ward's triage, with `args` before the command and `env` set; its stdout.
fn triage(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = common::command::isolated(dir.path());
    cmd.env_remove("CLICOLOR").env_remove("CLICOLOR_FORCE").env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(["--demo", "--now", "2026-11-23 09:00"]).args(args).arg("triage");
    let (code, out, err) = common::command::outcome(&mut cmd);
    assert!(code == 0 || code == 3, "{code}: {out}{err}");
    assert!(out.contains("!!"), "the demo has an emergency to colour: {out}");
    out
}

#[test]
fn piped_output_is_plain_by_default() {
    assert!(!triage(&[], &[]).contains(ESC));
    assert!(!triage(&["--color", "auto"], &[]).contains(ESC));
}

#[test]
fn always_colours_a_pipe_and_never_colours_nothing() {
    assert!(triage(&["--color", "always"], &[]).contains(ESC));
    assert!(triage(&["--color", "always"], &[("NO_COLOR", "1"), ("TERM", "dumb"), ("CLICOLOR", "0")]).contains(ESC));
    assert!(!triage(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains(ESC));
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_is_set() {
    assert!(triage(&[], &[("CLICOLOR_FORCE", "1")]).contains(ESC));
    assert!(!triage(&[], &[("CLICOLOR_FORCE", "0")]).contains(ESC));
    assert!(!triage(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains(ESC));
    // An empty NO_COLOR is not set.
    assert!(triage(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")]).contains(ESC));
}

#[test]
fn an_unknown_color_choice_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = common::command::isolated(dir.path());
    cmd.args(["--color", "sometimes", "triage"]);
    let (code, _, err) = common::command::outcome(&mut cmd);
    assert_eq!(code, 2);
    assert!(err.contains("auto") && err.contains("always") && err.contains("never"), "{err}");
}

#[test]
fn reports_are_coloured_in_the_classic_codes_every_colour_terminal_reads() {
    let out = triage(&["--color", "always"], &[("TERM", "linux")]);
    assert!(out.contains("\u{1b}[91m"), "emergency in bright red: {out:?}");
    assert!(!out.contains("38;5;") && !out.contains("38;2;"), "no 256-colour or 24-bit code: {out:?}");
}

#[test]
fn on_a_light_background_the_reports_never_print_yellow() {
    let dark = triage(&["--color", "always"], &[]);
    assert!(dark.contains("[33m") || dark.contains(";33m"), "urgent in yellow on a dark background: {dark:?}");
    for colorfgbg in ["0;15", "0;default;15"] {
        let light = triage(&["--color", "always"], &[("COLORFGBG", colorfgbg)]);
        assert!(!light.contains("33m") && !light.contains("93m"), "no yellow on white: {light:?}");
        assert!(light.contains("35m"), "urgent in magenta: {light:?}");
    }
}
