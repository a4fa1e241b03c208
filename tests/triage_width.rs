//! `triage` fits the terminal it prints to: the width of a pseudo-terminal of 60, 80 and 200
//! columns, or `COLUMNS`, or 80 into a pipe. No line is wider than the terminal (so the terminal
//! never breaks one mid-word), text wraps only between words with a hanging indent, and at 200
//! columns no flag or legend line is cut.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use unicode_width::UnicodeWidthStr;

const NOW: &str = "2026-11-23 09:00";

/// Everything `cordwatch --demo triage` (and `extra`) writes to a pseudo-terminal `cols` wide,
/// as lines, with no colour and no `COLUMNS`.
fn in_pty(cols: u16, extra: &[&str]) -> Vec<String> {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 50, cols, pixel_width: 0, pixel_height: 0 })
        .expect("open a pseudo-terminal");
    let config = tempfile::NamedTempFile::new().expect("config");
    std::fs::write(config.path(), "# defaults\n").expect("write config");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cordwatch"));
    cmd.args(["--demo", "--now", NOW, "--config"]);
    cmd.arg(config.path());
    cmd.arg("triage");
    cmd.args(extra);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("CORDWATCH_SYSTEM_CONFIG", "/dev/null");
    cmd.env_remove("COLUMNS");
    cmd.env_remove("CORDWATCH_DATA");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_CTYPE");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn cordwatch");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let collected = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        // The read fails (EIO) once the program has exited and its side of the terminal closed.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let started = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("triage did not finish in a {cols}-column terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(pair.master);
    let bytes = collected.join().expect("reader thread");
    String::from_utf8_lossy(&bytes).split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect()
}

/// The same through a pipe, with `COLUMNS` set or not.
fn piped(columns: Option<&str>, extra: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = common::command::isolated(dir.path());
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    cmd.env("NO_COLOR", "1").args(["--demo", "--now", NOW, "triage"]).args(extra);
    let (code, out, err) = common::command::outcome(&mut cmd);
    assert_eq!(code, 3, "{err}");
    out.lines().map(str::to_string).collect()
}

fn widest(lines: &[String]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

/// The lines of the paragraph that starts with `start`: its first line and the indented ones
/// under it.
fn paragraph(lines: &[String], start: &str) -> Vec<String> {
    let at = lines.iter().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no `{start}`:\n{lines:#?}"));
    let mut out = vec![lines[at].clone()];
    out.extend(lines[at + 1..].iter().take_while(|l| l.starts_with("  ")).cloned());
    out
}

/// A paragraph's lines joined back with single spaces: the text as it would be on one line.
fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

/// Lines that are one per flag or one per rule in the legend.
fn flag_and_legend_lines(lines: &[String]) -> Vec<&String> {
    lines
        .iter()
        .filter(|l| l.starts_with("!! ") || l.starts_with("!  ") || l.starts_with("MSCC  ") || l.starts_with("PAIN  "))
        .collect()
}

fn check_narrow(lines: &[String], wide: &[String], cols: usize) {
    assert!(widest(lines) <= cols, "a line wider than {cols}:\n{}", lines.join("\n"));
    // Wrapped between words, each further line indented: put back on one line, the paragraph is
    // the text a wide terminal shows on one line.
    for start in ["! Urgent steps:", "! Overdue jobs:", "DEMO — triage"] {
        let narrow = paragraph(lines, start);
        assert!(narrow.len() > 1, "`{start}` is wrapped at {cols}:\n{}", lines.join("\n"));
        assert_eq!(joined(&narrow), joined(&paragraph(wide, start)), "wrapped only between words");
    }
    // One line per flag still: cut, marked, never carried over.
    let flags = lines.iter().filter(|l| l.starts_with("!! ")).count();
    assert_eq!(flags, wide.iter().filter(|l| l.starts_with("!! ")).count());
    assert!(lines.iter().any(|l| l.starts_with("!! ") && l.ends_with('…')), "{}", lines.join("\n"));
}

fn check_wide(lines: &[String]) {
    assert!(widest(lines) > 100, "the width is used:\n{}", lines.join("\n"));
    assert!(widest(lines) <= 200, "{}", lines.join("\n"));
    for line in flag_and_legend_lines(lines) {
        assert!(!line.ends_with('…'), "cut at 200 columns: {line}");
    }
    assert!(lines.iter().any(|l| l.contains("left leg power 1/5, right leg power 2/5")), "{}", lines.join("\n"));
    assert!(lines.iter().any(|l| l.starts_with("! Urgent steps:") && l.ends_with("(see checklist)")), "one line");
}

#[test]
fn a_pipe_is_80_columns_and_columns_sets_the_width() {
    let eighty = piped(None, &[]);
    assert!(widest(&eighty) <= 80 && widest(&eighty) > 70, "{}", eighty.join("\n"));
    let wide = piped(Some("200"), &[]);
    check_wide(&wide);
    check_narrow(&piped(Some("60"), &[]), &wide, 60);
    // The demo ward is a new temporary copy each time: its path is left out.
    let but_data = |lines: Vec<String>| lines.into_iter().filter(|l| !l.starts_with("data:")).collect::<Vec<_>>();
    assert_eq!(but_data(piped(Some("not a number"), &[])), but_data(eighty), "a COLUMNS that is no number is not read");
}

#[test]
fn the_long_form_wraps_to_the_width_too() {
    for cols in ["60", "80"] {
        let lines = piped(Some(cols), &["--long"]);
        let width: usize = cols.parse().expect("number");
        assert!(widest(&lines) <= width, "{cols}:\n{}", lines.join("\n"));
        assert!(lines.iter().any(|l| l.starts_with("!! EMERGENCY  Bed 14  Nora Jensen")), "{}", lines.join("\n"));
    }
}

#[test]
fn a_pseudo_terminal_of_60_80_and_200_columns_is_filled_and_never_overrun() {
    let wide = in_pty(200, &[]);
    check_wide(&wide);
    let eighty = in_pty(80, &[]);
    assert!(widest(&eighty) <= 80 && widest(&eighty) > 70, "{}", eighty.join("\n"));
    // The ten-second check still fits one 80 by 24 screen.
    assert!(eighty.iter().filter(|l| !l.is_empty()).count() <= 24, "{}", eighty.join("\n"));
    check_narrow(&in_pty(60, &[]), &wide, 60);
    let long = in_pty(60, &["--long"]);
    assert!(widest(&long) <= 60, "{}", long.join("\n"));
}
