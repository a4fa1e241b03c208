//! A managed Linux estate: the system settings file under the user's, `~` in paths, the manual
//! page's EXIT STATUS, ENVIRONMENT and FILES, and the Debian package's contents as Cargo.toml
//! lists them.

mod common;

use std::path::Path;

fn cw(dir: &Path) -> assert_cmd::Command {
    common::command::isolated(dir)
}

#[test]
fn the_system_file_sets_what_the_users_file_does_not_and_tilde_is_home() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let system = dir.path().join("system.yaml");
    std::fs::write(&system, "data_dir: ~/ward\ndue_soon_days: 5\n").expect("system file");
    let (code, _, err) =
        common::command::outcome(cw(dir.path()).env("HOME", &home).args(["init", &format!("{}/ward", home.display())]));
    assert_eq!(code, 0, "{err}");
    let mut validate = cw(dir.path());
    validate.env("HOME", &home).env("CORDWATCH_SYSTEM_CONFIG", &system).arg("validate");
    let (code, out, err) = common::command::outcome(&mut validate);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("{}/ward", home.display())), "data_dir from the system file, ~ expanded: {out}");
    assert!(out.contains("system.yaml"), "validate names the system file: {out}");

    // The user's file wins over the system file.
    std::fs::write(dir.path().join("config.yaml"), "data_dir: /nonexistent/ward\n").expect("user file");
    let mut validate = cw(dir.path());
    validate.env("HOME", &home).env("CORDWATCH_SYSTEM_CONFIG", &system).arg("validate");
    let (code, _, err) = common::command::outcome(&mut validate);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/nonexistent/ward"), "{err}");

    // A misspelt key in the system file is an error naming that file, never ignored.
    std::fs::write(dir.path().join("config.yaml"), "# none\n").expect("user file");
    std::fs::write(&system, "data_dri: ~/ward\n").expect("system file");
    let mut validate = cw(dir.path());
    validate.env("HOME", &home).env("CORDWATCH_SYSTEM_CONFIG", &system).arg("validate");
    let (code, _, err) = common::command::outcome(&mut validate);
    assert_eq!(code, 2);
    assert!(err.contains("system.yaml") && err.contains("data_dir"), "{err}");
}

#[test]
fn cordwatch_data_may_start_with_tilde() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let (code, _, err) =
        common::command::outcome(cw(dir.path()).env("HOME", &home).args(["init", &format!("{}/ward", home.display())]));
    assert_eq!(code, 0, "{err}");
    let mut list = cw(dir.path());
    list.env("HOME", &home).env("CORDWATCH_DATA", "~/ward").arg("list");
    let (code, out, err) = common::command::outcome(&mut list);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("{}/ward", home.display())), "{out}");
}

#[test]
fn the_manual_page_says_exit_status_environment_and_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, page, err) = common::command::outcome(cw(dir.path()).arg("man"));
    assert_eq!(code, 0, "{err}");
    for heading in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES"] {
        assert!(page.contains(heading), "{heading} missing");
    }
    // Every variable the program reads is documented.
    for var in [
        "CORDWATCH_DATA",
        "CORDWATCH_CONFIG",
        "CORDWATCH_SYSTEM_CONFIG",
        "CORDWATCH_FHIR_TOKEN",
        "HOME",
        "NO_COLOR",
        "LC_ALL",
        "SSL_CERT_FILE",
    ] {
        assert!(page.contains(var), "{var} is not in ENVIRONMENT");
    }
    assert!(page.contains("/etc/cordwatch/config.yaml"));
    let exit_status = page.split(".SH \"EXIT STATUS\"").nth(1).and_then(|s| s.split(".SH").next()).unwrap_or_default();
    for status in 0..=4 {
        assert!(exit_status.contains(&format!(".TP\n\\fB{status}\\fR\n")), "exit status {status}:\n{exit_status}");
    }

    let out = dir.path().join("man1");
    let (code, _, err) = common::command::outcome(cw(dir.path()).args(["man", "--out"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    let main = std::fs::read_to_string(out.join("cordwatch.1")).expect("cordwatch.1");
    assert!(main.contains(".SH ENVIRONMENT"), "the written main page has the sections too");
    assert!(out.join("cordwatch-sync-fhir.1").exists(), "a page per command");
}

#[test]
fn the_debian_package_lists_the_binary_man_pages_completions_licence_and_a_short_description() {
    let manifest: toml_like::Manifest = toml_like::read("Cargo.toml");
    let description = manifest.get("package", "description");
    // Debian's synopsis line: one line, under 80 characters (the extended description follows).
    assert!(description.len() < 80 && !description.contains('\n'), "a one-line short description: {description}");
    let deb = manifest.section("package.metadata.deb");
    assert!(deb.contains("extended-description"), "not the whole README");
    for dest in [
        "usr/bin/",
        "usr/share/man/man1/",
        "usr/share/bash-completion/completions/cordwatch",
        "usr/share/zsh/vendor-completions/_cordwatch",
        "usr/share/fish/vendor_completions.d/cordwatch.fish",
        "etc/cordwatch/config.yaml",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ] {
        assert!(deb.contains(dest), "{dest} is not in the package");
    }
    for source in ["LICENSE-MIT", "LICENSE-APACHE", "packaging/config.yaml", "README.md", "schema/case.schema.json"] {
        assert!(Path::new(source).is_file(), "{source} is listed but missing");
    }
    // The /etc file shipped changes nothing until an administrator edits it.
    let shipped = std::fs::read_to_string("packaging/config.yaml").expect("packaging/config.yaml");
    assert!(shipped.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')));
    let script = std::fs::read_to_string("scripts/build-deb.sh").expect("scripts/build-deb.sh");
    assert!(script.contains("man --out target/man") && script.contains("completions"), "{script}");
}

/// Just enough of Cargo.toml to check: a section's text, and a key's string value.
mod toml_like {
    pub struct Manifest(String);

    pub fn read(path: &str) -> Manifest {
        Manifest(std::fs::read_to_string(path).expect("manifest"))
    }

    impl Manifest {
        pub fn section(&self, name: &str) -> String {
            let start = self.0.find(&format!("[{name}]")).unwrap_or_else(|| panic!("[{name}] missing"));
            let rest = &self.0[start + name.len() + 2..];
            let end = rest.find("\n[").unwrap_or(rest.len());
            rest[..end].to_string()
        }

        pub fn get(&self, section: &str, key: &str) -> String {
            let text = self.section(section);
            let line =
                text.lines().find(|l| l.starts_with(&format!("{key} ="))).unwrap_or_else(|| panic!("{key} missing"));
            line.split_once('=').map(|(_, v)| v.trim().trim_matches('"').to_string()).unwrap_or_default()
        }
    }
}
