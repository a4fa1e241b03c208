//! The cordwatch binary as the command-line tests run it: the user's own config, data directory
//! and locale kept out, so a test reads the same output on any machine.

use std::path::Path;

use assert_cmd::Command;

/// cordwatch with a config of defaults in `dir`, no `CORDWATCH_DATA`, no `NO_COLOR`, and the UTF-8
/// typography whatever the machine's own locale.
pub fn isolated(dir: &Path) -> Command {
    let config = dir.join("config.yaml");
    if !config.exists() {
        std::fs::write(&config, "# no overrides\n").expect("config");
    }
    let mut cmd = Command::cargo_bin("cordwatch").expect("binary");
    cmd.env("CORDWATCH_CONFIG", &config)
        .env_remove("CORDWATCH_DATA")
        // A system file on the machine running the tests must not change what they see.
        .env("CORDWATCH_SYSTEM_CONFIG", "/dev/null")
        .env_remove("NO_COLOR")
        // Reports that fit the terminal read its width from COLUMNS first.
        .env_remove("COLUMNS")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE");
    cmd
}

/// (exit code, stdout, stderr) of a finished command.
pub fn outcome(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
