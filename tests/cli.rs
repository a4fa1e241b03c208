//! The command line as users and scripts meet it: output, JSON contract, exit codes, errors.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const NOW: &str = "2026-11-23 09:00";

fn cw(config_dir: &Path) -> Command {
    common::command::isolated(config_dir)
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    common::command::outcome(cmd)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

fn data(dir: &Path, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(dir.join("data/cases")).expect("data directory");
    let mut cmd = cw(dir);
    cmd.arg("--data").arg(dir.join("data")).arg("--now").arg(NOW).args(args);
    run(&mut cmd)
}

fn demo(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = cw(dir);
    cmd.args(["--demo", "--now", NOW]).args(args);
    run(&mut cmd)
}

#[test]
fn the_demo_ward_lists_every_case_with_the_unreadable_one_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["list"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("DEMO — 24 cases: 6 emergency, 1 urgent"), "{out}");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("data: ")), "the data directory is named:\n{out}");
    let rows: Vec<&str> = out.lines().skip(3).collect();
    assert!(rows[0].contains("UNREADABLE"), "{out}");
    // The message wraps where the list of fields it quotes makes it: read it as one line.
    let flowing = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("cases/RXH9856339.yaml:13:5") && flowing.contains("did you mean `bladder`"), "{out}");
    for name in ["Margaret Ellis", "Harold Bennett", "Owen Price", "Patricia Osei"] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
}

#[test]
fn triage_json_lists_every_case_with_the_contract_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["triage", "--format", "json"]);
    assert_eq!(code, 3, "an open emergency");
    let cases = json(&out);
    let cases = cases.as_array().expect("an array of cases");
    assert_eq!(cases.len(), 24);
    for c in cases {
        for key in ["id", "name", "level", "flags", "not_examined"] {
            assert!(c.get(key).is_some(), "{key} missing from {c}");
        }
        assert!(["emergency", "urgent", "none", "unreadable"].contains(&c["level"].as_str().unwrap_or("")));
        for f in c["flags"].as_array().expect("flags") {
            for key in ["rule", "level", "raised_at", "deadline", "actioned"] {
                assert!(f.get(key).is_some(), "{key} missing from {f}");
            }
        }
    }
    let by_id = |id: &str| cases.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
    assert_eq!(by_id("RXH9856339")["level"], "unreadable");
    let margaret = by_id("RXH1042331");
    assert_eq!(margaret["level"], "emergency");
    let flag = margaret["flags"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "mscc-neuro")).expect("flag");
    assert_eq!(flag["raised_at"], "2026-11-23 04:00");
    assert_eq!(flag["deadline"], "2026-11-24 04:00");
    assert_eq!(flag["actioned"], false);
    assert_eq!(by_id("RXH8745228")["not_examined"], true, "admitted, never examined");
    assert_eq!(by_id("RXH2189662")["level"], "none", "the closed flag");
    let lorna = by_id("RXH4301884");
    assert_eq!(lorna["flags"][0]["actioned"], true);
    assert_eq!(lorna["flags"][0]["deadline_met"], true);
}

#[test]
fn triage_exit_status_says_what_is_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = data(dir.path(), &["triage"]);
    assert_eq!(code, 0, "an empty ward: {out}");
    assert!(out.contains("No open emergency or urgent flags"));
    data(dir.path(), &["new", "--id", "U1", "--name", "Una Urgent"]);
    data(
        dir.path(),
        &["record", "exam", "U1", "--pain", "thoracic,nocturnal", "--motor", "normal", "--at", "2026-11-23 08:00"],
    );
    assert_eq!(data(dir.path(), &["triage"]).0, 4, "urgent only");
    std::fs::write(dir.path().join("data/cases/B1.yaml"), "id: B1\nname: x\nmotor: weak\n").expect("w");
    let (code, out, _) = data(dir.path(), &["triage"]);
    assert_eq!(code, 2, "an unreadable file could hide an emergency");
    assert!(out.contains("UNREADABLE") && out.contains("cases/B1.yaml:3:1"), "{out}");
    data(dir.path(), &["record", "exam", "U1", "--bladder", "retention", "--at", "2026-11-23 08:30"]);
    assert_eq!(data(dir.path(), &["triage"]).0, 3, "an emergency outranks everything");
}

#[test]
fn recording_an_exam_and_then_the_mri_moves_a_patient_from_open_to_actioned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, err) =
        data(dir.path(), &["new", "--id", "Q1", "--name", "Quiet Patient", "--bed", "4", "--primary", "breast"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = data(
        dir.path(),
        &[
            "record",
            "exam",
            "Q1",
            "--bladder",
            "retention",
            "--motor",
            "normal",
            "--at",
            "2026-11-23 07:10",
            "--by",
            "Dr A",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("now: !! EMERGENCY mscc-neuro") && out.contains("2026-11-24 07:10"), "{out}");
    let (code, out, _) = data(dir.path(), &["triage", "--format", "json"]);
    assert_eq!(code, 3);
    let flag = &json(&out)[0]["flags"][0];
    assert_eq!((flag["rule"].as_str(), flag["deadline"].as_str()), (Some("mscc-neuro"), Some("2026-11-24 07:10")));
    data(dir.path(), &["record", "request", "Q1", "--kind", "mri_whole_spine", "--at", "2026-11-23 07:30"]);
    let (code, out, _) = data(
        dir.path(),
        &["record", "imaging", "Q1", "--result", "no_mscc", "--escc", "0", "--at", "2026-11-23 08:45"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("request of 2026-11-23 07:30 filled") && out.contains("no open red flags"), "{out}");
    let (code, out, _) = data(dir.path(), &["show", "Q1", "--format", "json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["flags"][0]["actioned"], true);
    assert_eq!(v["flags"][0]["minutes_to_mri"], 95);
    assert_eq!(v["case"]["imaging"].as_array().map(Vec::len), Some(1), "the request was filled, not duplicated");
    assert_eq!(data(dir.path(), &["triage"]).0, 0);
}

#[test]
fn bad_arguments_get_the_same_clear_errors_as_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    data(dir.path(), &["new", "--id", "X1", "--name", "X"]);
    for (args, expect) in [
        (vec!["record", "exam", "X1", "--motor", "weak"], "weakness"),
        (vec!["record", "exam", "X1", "--pain-score", "11"], "a pain score from 0 to 10"),
        (vec!["record", "exam", "X1", "--sensory-level", "T13"], "T13"),
        (vec!["record", "exam", "X1", "--motor", "normal", "--at", "2026-02-30 08:00"], "not a real date"),
        (vec!["record", "exam", "X1"], "at least one finding"),
        (vec!["record", "exam", "NOPE", "--motor", "normal"], "no case `NOPE`"),
        (vec!["record", "ack", "X1", "--flag", "mscc-nuero", "--plan", "x"], "not a rule"),
        (vec!["record", "dose", "X1"], "no bone agent"),
        (vec!["new", "--id", "../x", "--name", "x"], "not a usable case id"),
        (vec!["new", "--id", "X1", "--name", "x"], "already exists"),
        (vec!["show", "X1", "--format", "xml"], "possible values"),
    ] {
        let (code, out, err) = data(dir.path(), &args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(expect), "{args:?}: `{expect}` not in {err}");
    }
    let (code, _, err) = run(cw(dir.path()).args(["--demo", "--now", "tomorrow", "list"]));
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD HH:MM"), "{err}");
}

#[test]
fn validate_lists_each_problem_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["validate"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cases/RXH9856339.yaml:13:5: exams[0]: unknown field `bladdr`"), "{out}");
    assert!(out.contains("1 problem found"), "{out}");
    let (code, out, _) = data(dir.path(), &["validate"]);
    assert_eq!(code, 0, "{out}");
    data(dir.path(), &["new", "--id", "A1", "--name", "A"]);
    std::fs::write(
        dir.path().join("data/cases/A1.yaml"),
        "id: A1\nname: A\nacknowledged:\n  - { flag: mscc-nuero, at: 2026-11-20 10:00, plan: x }\n",
    )
    .expect("w");
    let (code, out, _) = data(dir.path(), &["validate"]);
    assert_eq!(code, 1);
    assert!(out.contains("cases/A1.yaml:4: acknowledgement names `mscc-nuero`"), "{out}");
}

#[test]
fn show_json_carries_scores_and_due_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["show", "RXH1042331", "--format", "json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["sins_total"], 9);
    assert_eq!(v["bone_agent_due"], "2026-11-29");
    assert!(v["next_imaging_due"].is_string() || v["next_imaging_due"].is_null());
    assert!(v["noms"]["pathway"].as_array().is_some_and(|p| !p.is_empty()));
    let (code, _, err) = demo(dir.path(), &["show", "RXH9856339"]);
    assert_eq!(code, 2);
    assert!(err.contains("bladdr"), "{err}");
}

#[test]
fn checklist_comes_as_text_markdown_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["checklist", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# DEMO — Ward round checklist — Mon 2026-11-23"), "{out}");
    assert!(out.contains("- [ ] **EMERGENCY**"));
    let (_, out, _) = demo(dir.path(), &["checklist", "--format", "json", "--ward", "Clinic"]);
    let v = json(&out);
    let patients = v["patients"].as_array().expect("patients");
    assert!(patients.iter().all(|p| p["ward"] == "Clinic" || p["level"] == "unreadable"), "{v}");
    assert!(patients.iter().any(|p| p["level"] == "unreadable"), "an unreadable file is never filtered away");
    let (_, out, _) = demo(dir.path(), &["checklist", "--date", "2026-11-24"]);
    assert!(out.contains("Tue 2026-11-24"), "{out}");
}

#[test]
fn text_output_fits_80_columns_and_has_no_colour_when_piped() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["list"],
        vec!["triage"],
        vec!["checklist"],
        vec!["validate"],
        vec!["guidelines"],
        vec!["show", "RXH1042331"],
        vec!["show", "RXH4410283"],
        vec!["record", "imaging", "RXH1042331", "--result", "mscc", "--escc", "3"],
        vec!["record", "exam", "RXH4410283", "--motor", "paralysis", "--sensory", "level", "--sensory-level", "T4"],
        vec!["--help"],
        vec!["triage", "--help"],
        vec!["record", "--help"],
        vec!["completions", "--help"],
        vec!["man", "--help"],
    ] {
        let (_, out, _) = demo(dir.path(), &args);
        assert!(!out.contains('\u{1b}'), "{args:?} printed escape codes");
        for line in out.lines() {
            assert!(line.width() <= 80, "{args:?}: {} columns: {line}", line.width());
        }
    }
}

#[test]
fn a_broken_config_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("config.yaml"), "due_soon_days: 7\nnot_examined_hour: 12\n").expect("w");
    let (code, _, err) = data(dir.path(), &["list"]);
    assert_eq!(code, 2);
    assert!(err.contains("config.yaml") && err.contains("line 2") && err.contains("not_examined_hours"), "{err}");
}

#[test]
fn a_hospital_copy_of_the_guidelines_is_used_and_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    let (code, _, err) = data(dir.path(), &["guidelines", "--export", rules.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    let red = rules.join("red_flags.yaml");
    let text = std::fs::read_to_string(&red).expect("exported");
    std::fs::write(&red, text.replacen("mri_within_hours: 24", "mri_within_hours: 12", 1)).expect("w");
    std::fs::write(dir.path().join("config.yaml"), format!("guidelines_dir: {}\n", rules.display())).expect("w");
    data(dir.path(), &["new", "--id", "G1", "--name", "G"]);
    data(dir.path(), &["record", "exam", "G1", "--motor", "weakness", "--at", "2026-11-23 08:00"]);
    let (_, out, _) = data(dir.path(), &["triage", "--format", "json"]);
    assert_eq!(json(&out)[0]["flags"][0]["deadline"], "2026-11-23 20:00", "the hospital's 12-hour rule");
    std::fs::write(&red, "rules: []\n").expect("w");
    let (code, _, err) = data(dir.path(), &["list"]);
    assert_eq!(code, 2);
    assert!(err.contains("red_flags.yaml"), "{err}");
}

#[test]
fn the_data_directory_comes_from_flag_then_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env_dir = dir.path().join("from-env");
    let mut cmd = cw(dir.path());
    cmd.env("CORDWATCH_DATA", &env_dir).arg("init");
    assert_eq!(run(&mut cmd).0, 0);
    let mut cmd = cw(dir.path());
    cmd.env("CORDWATCH_DATA", &env_dir).args(["new", "--id", "E1", "--name", "Env"]);
    assert_eq!(run(&mut cmd).0, 0);
    assert!(env_dir.join("cases/E1.yaml").exists());
    let flag_dir = dir.path().join("from-flag");
    let mut cmd = cw(dir.path());
    cmd.arg("init").arg(&flag_dir);
    assert_eq!(run(&mut cmd).0, 0);
    let mut cmd = cw(dir.path());
    cmd.env("CORDWATCH_DATA", &env_dir).arg("--data").arg(&flag_dir).args(["new", "--id", "F1", "--name", "Flag"]);
    assert_eq!(run(&mut cmd).0, 0);
    assert!(flag_dir.join("cases/F1.yaml").exists() && !env_dir.join("cases/F1.yaml").exists());
}

#[test]
fn demo_writes_go_to_a_temporary_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["record", "review", "RXH8745228", "--note", "seen"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("DEMO — recorded"), "{out}");
    let (_, out, _) = demo(dir.path(), &["show", "RXH8745228"]);
    assert!(!out.contains("reviewed by"), "a new demo run starts fresh:\n{out}");
}

#[test]
fn discharge_archives_and_list_all_shows_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    data(dir.path(), &["new", "--id", "D1", "--name", "Going Home"]);
    let (code, out, _) = data(dir.path(), &["discharge", "D1"]);
    assert_eq!(code, 0);
    assert!(out.contains("moved to archive/D1.yaml"), "{out}");
    assert!(!data(dir.path(), &["list"]).1.contains("Going Home"));
    assert!(data(dir.path(), &["list", "--all"]).1.contains("Going Home"));
}

#[test]
fn a_read_only_data_directory_reads_but_refuses_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    data(dir.path(), &["new", "--id", "R1", "--name", "Read Only"]);
    let root = dir.path().join("data");
    let as_root = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m)).unwrap_or(0) == 0;
    use std::os::unix::fs::PermissionsExt;
    // Readable by everyone, writable by nobody but root.
    for entry in walk(dir.path()) {
        let mode = if entry.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    if !as_root {
        for sub in ["", "cases", "locks", "archive"] {
            std::fs::set_permissions(root.join(sub), std::fs::Permissions::from_mode(0o555)).expect("chmod");
        }
    }
    let runner = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin("cordwatch");
        let mut cmd = if as_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin);
            c
        } else {
            Command::new(bin)
        };
        cmd.env("CORDWATCH_CONFIG", dir.path().join("config.yaml")).arg("--data").arg(&root).args(args);
        run(&mut cmd)
    };
    let (code, out, err) = runner(&["list"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Read Only"));
    let (code, _, err) = runner(&["record", "review", "R1", "--note", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("read-only") && err.contains("nothing was written"), "{err}");
    for sub in ["", "cases", "locks", "archive"] {
        let _ = std::fs::set_permissions(root.join(sub), std::fs::Permissions::from_mode(0o755));
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).expect("ls").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_demo_wards_triage_fits_one_80_by_24_screen_with_problems_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["triage"]);
    assert_eq!(code, 3);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 24, "{} lines:\n{out}", lines.len());
    assert!(lines.iter().all(|l| UnicodeWidthStr::width(*l) <= 80), "{out}");
    let problem = lines.iter().position(|l| l.contains("UNREADABLE")).expect("the broken file is listed");
    let first_flag = lines.iter().position(|l| l.starts_with("!!")).expect("an emergency");
    assert!(problem < first_flag, "problems that may hide a flag come first:\n{out}");
    assert!(out.contains("MRI req") && out.contains("ack Dr Patel"), "each flag says where it stands:\n{out}");
    assert!(out.contains("TREAT") && out.contains("radiotherapy booked, no time"), "booked is not given:\n{out}");
    let legend = lines.iter().filter(|l| l.starts_with("MSCC  NICE")).count();
    assert_eq!(legend, 1, "each rule's action and source once:\n{out}");
    let (_, long, _) = demo(dir.path(), &["triage", "--long"]);
    assert!(long.lines().count() > 60 && long.contains("Source: NICE"), "--long keeps everything");
}

#[test]
fn ward_filters_take_any_capitals_and_an_unknown_ward_lists_the_wards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = demo(dir.path(), &["triage", "--ward", "clinic"]);
    assert_eq!(code, 2, "no emergency on the clinic list, but the unreadable file is kept: {out}");
    assert!(!out.contains("Nora Jensen") && out.contains("UNREADABLE"), "{out}");
    let (code, _, err) = demo(dir.path(), &["checklist", "--ward", "9Z"]);
    assert_eq!(code, 2);
    assert!(err.contains("wards are 7B, Clinic"), "{err}");
    let (code, out, _) = demo(dir.path(), &["checklist", "--ward", "7b"]);
    assert_eq!(code, 0);
    assert!(out.contains("Nora Jensen") && !out.contains("Graham Pryce"), "{out}");
}

#[test]
fn a_non_utf8_locale_gets_plain_ascii() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = cw(dir.path());
    cmd.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_CTYPE").args(["--demo", "--now", NOW, "triage"]);
    let (_, out, _) = run(&mut cmd);
    assert!(out.contains("DEMO -- triage"), "{out}");
    assert!(!out.contains('—') && !out.contains('…') && !out.contains('·'), "{out}");
}

#[test]
fn show_takes_an_id_a_unique_name_or_a_bed_and_lists_several_matches() {
    let dir = tempfile::tempdir().expect("tempdir");
    for query in ["RXH6523006", "nora jensen", "Jensen", "14"] {
        let (code, out, err) = demo(dir.path(), &["show", query]);
        assert_eq!(code, 0, "{query}: {err}");
        assert!(out.contains("Nora Jensen (RXH6523006)"), "{query}: {out}");
    }
    let (code, out, err) = demo(dir.path(), &["show", "en"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("matches") && err.contains("RXH6523006") && err.contains("RXH7634117"), "{err}");
    let (code, _, err) = demo(dir.path(), &["show", "Nobody Here"]);
    assert_eq!(code, 2);
    assert!(err.contains("no case has the id, name or bed"), "{err}");
}

#[test]
fn show_lists_open_flags_most_serious_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, out, _) = demo(dir.path(), &["show", "Margaret Ellis"]);
    let emergency = out.find("OPEN EMERGENCY").expect("the emergency");
    let urgent = out.find("OPEN URGENT").expect("the pain flag");
    assert!(emergency < urgent, "{out}");
}

/// Every command a user can type, read from `--help` so a new command is checked without
/// editing this list.
fn subcommands(dir: &Path) -> Vec<String> {
    let (_, help, _) = run(cw(dir).arg("--help"));
    let commands = help.split("Commands:").nth(1).and_then(|rest| rest.split("\n\n").next()).unwrap_or_default();
    let names: Vec<String> = commands
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    assert!(names.len() >= 10 && names.contains(&"completions".to_string()), "{names:?}");
    names
}

#[test]
fn completions_come_for_every_shell_and_know_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = subcommands(dir.path());
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(cw(dir.path()).args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        for name in &names {
            assert!(out.contains(name.as_str()), "{shell} completion does not mention `{name}`");
        }
    }
    let (code, _, err) = run(cw(dir.path()).args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(err.contains("bash"), "the error lists the shells: {err}");
}

#[test]
fn the_man_page_lists_every_command_and_can_be_written_to_a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = subcommands(dir.path());
    let (code, page, err) = run(cw(dir.path()).arg("man"));
    assert_eq!(code, 0, "{err}");
    assert!(page.starts_with(".ie") || page.contains(".TH cordwatch"), "roff: {page}");
    for name in &names {
        assert!(page.contains(name.as_str()), "the man page does not mention `{name}`");
    }
    let out = dir.path().join("man1");
    let (code, _, err) = run(cw(dir.path()).arg("man").arg("--out").arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(out.join("cordwatch.1").is_file());
    assert!(out.join("cordwatch-triage.1").is_file(), "a page per command");
}

#[test]
fn a_new_case_file_names_its_schema_and_keeps_it_through_a_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = data(dir.path(), &["new", "--id", "RXH9000001", "--name", "Ann Example", "--ward", "7B"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("data/cases/RXH9000001.yaml");
    let first_line = |file: &Path| std::fs::read_to_string(file).expect("case file").lines().next().map(String::from);
    let modeline = first_line(&file).unwrap_or_default();
    assert!(modeline.starts_with("# yaml-language-server: $schema="), "{modeline}");
    assert!(modeline.ends_with("$schema=../case.schema.json"), "beside the cases, no internet needed: {modeline}");
    let (code, _, err) = data(dir.path(), &["record", "review", "RXH9000001", "--note", "seen"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(first_line(&file), Some(modeline), "a rewrite keeps the modeline");
    let (code, out, err) = data(dir.path(), &["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = data(dir.path(), &["schema"]);
    assert_eq!(code, 0);
    assert_eq!(out, std::fs::read_to_string("schema/case.schema.json").expect("shipped schema"));
}

#[test]
fn init_puts_the_schema_the_modeline_names_beside_the_cases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ward = dir.path().join("ward");
    let (code, _, err) = run(cw(dir.path()).arg("init").arg(&ward));
    assert_eq!(code, 0, "{err}");
    let copy = std::fs::read_to_string(ward.join("case.schema.json")).expect("the schema in the data directory");
    assert_eq!(copy, std::fs::read_to_string("schema/case.schema.json").expect("shipped schema"));
}
