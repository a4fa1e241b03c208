//! The manual page: clap's sections (name, synopsis, options, commands, examples) generated from
//! the same definition as `--help`, and the sections a system administrator looks for that clap
//! does not write: EXIT STATUS, ENVIRONMENT and FILES.

use clap::Command;
use roff::{Roff, bold, italic, roman};

/// (status, meaning).
const EXIT_STATUS: [(&str, &str); 5] = [
    ("0", "Success; for triage, no open flag."),
    (
        "1",
        "validate found problems; export fhir or sync fhir with --skip-problems left files out (each named on stderr); import csv or import fhir refused some patients, import hl7 answered some message AE or AR (the others were imported).",
    ),
    (
        "2",
        "An error: bad arguments, a file that could not be read or written, a FHIR server that refused or could not be reached; for triage, a case file that could not be read (it may hide a flag).",
    ),
    ("3", "triage: an open emergency."),
    ("4", "triage: open urgent flags, no emergency."),
];

/// (variable, meaning).
const ENVIRONMENT: [(&str, &str); 16] = [
    ("CORDWATCH_DATA", "The data directory, unless --data is given; a leading ~ or $HOME is expanded."),
    ("CORDWATCH_CONFIG", "The user's settings file, unless --config is given."),
    (
        "CORDWATCH_SYSTEM_CONFIG",
        "The system settings file, in place of /etc/cordwatch/config.yaml; /dev/null for none.",
    ),
    (
        "CORDWATCH_FHIR_TOKEN",
        "The bearer token sync fhir sends to the server (--token-env names another variable, --token-file a file). A token is never taken on the command line.",
    ),
    ("HOME", "The home directory that ~ and $HOME in paths stand for."),
    ("XDG_CONFIG_HOME", "Where the user's settings file is looked for (default ~/.config)."),
    (
        "NO_COLOR",
        "When set to anything but empty, and --color is auto, the dashboard and reports use no colour (state is always said in words too).",
    ),
    ("CLICOLOR", "With --color auto, 0 turns colour off, in the reports and the dashboard."),
    (
        "CLICOLOR_FORCE",
        "With --color auto, a value other than 0 colours the reports even when not a terminal (NO_COLOR still wins).",
    ),
    (
        "TERM",
        "With --color auto, dumb turns colour off. 256 colours where it names 256color, 24-bit where it names truecolor, 24bit or direct, else the 16 named colours; linux, vt100, vt220 and ansi get the 16 only, whatever COLORTERM says.",
    ),
    ("COLORTERM", "truecolor or 24bit: the terminal shows 24-bit colour (unless TERM says it cannot)."),
    (
        "COLORFGBG",
        "The terminal's foreground and background colours (0;15): a light background (7, 9 to 15) picks the light colours, unless the config file names a theme.",
    ),
    ("LANG, LC_ALL, LC_CTYPE", "Output is ASCII when the locale is not UTF-8."),
    (
        "COLUMNS",
        "The width triage fits its lines to, in place of the terminal's own (80 when the output is not a terminal).",
    ),
    (
        "SSL_CERT_FILE, SSL_CERT_DIR",
        "Certificates trusted for https instead of the system's store (/etc/ssl/certs, where a hospital's own CA is usually added).",
    ),
    ("COMPLETE", "Set by the shell when it asks for tab completions (see cordwatch completions)."),
];

/// (path, meaning).
const FILES: [(&str, &str); 8] = [
    ("/etc/cordwatch/config.yaml", "System settings for every user of the machine, read over the shipped defaults."),
    (
        "~/.config/cordwatch/config.yaml",
        "The user's settings, read over the system file; only what it changes. Order: defaults, system file, user file, then environment and options.",
    ),
    ("DATA/cases/ID.yaml", "One case file per patient, named by the hospital number."),
    ("DATA/archive/", "Discharged cases; nothing is ever deleted."),
    ("DATA/audit.log", "One line per change: when, who, what, which case."),
    ("DATA/journal/", "Changes under way, finished or undone at the next start after a crash."),
    ("DATA/locks/", "Lock files, so two users never write one case at once."),
    ("DATA/case.schema.json", "The case file's JSON Schema, for editors."),
];

/// The whole main page, roff.
pub fn render(cmd: &Command) -> Result<Vec<u8>, std::io::Error> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    if cmd.get_after_help().is_some() {
        man.render_extra_section(&mut page)?;
    }
    let mut roff = Roff::default();
    section(&mut roff, "EXIT STATUS", &EXIT_STATUS);
    section(&mut roff, "ENVIRONMENT", &ENVIRONMENT);
    section(&mut roff, "FILES", &FILES);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("cordwatch-triage(1), cordwatch-export(1), cordwatch-sync(1) and a page for every command; "),
        italic("docs/"),
        roman(" in the source for the case file, the JSON and FHIR formats."),
    ]);
    page.extend(roff.to_roff().into_bytes());
    man.render_version_section(&mut page)?;
    Ok(page)
}

fn section(roff: &mut Roff, heading: &str, rows: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (term, meaning) in rows {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*meaning)]);
    }
}
