//! `checklist --color always` colours every line of a wrapped item, not the first alone, and
//! colours DUE TODAY items as the dashboard does (the urgent colour); items with nothing to act
//! on today stay plain.

mod common;

fn checklist(columns: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = common::command::isolated(dir.path());
    cmd.env("COLUMNS", columns).env("TERM", "xterm-256color").args([
        "--demo",
        "--now",
        "2026-11-23 09:00",
        "checklist",
        "--color",
        "always",
    ]);
    let (code, out, err) = common::command::outcome(&mut cmd);
    assert!(code >= 0, "{err}");
    out
}

/// The items of the text round: each its lines, first to last.
fn items(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        let plain = line.trim_start_matches(|c: char| c != ' ' && c != '[' && !c.is_alphanumeric());
        if line.contains("[ ] ") && !line.contains("notes:") {
            out.push(vec![line]);
        } else if line.contains("        ") && !plain.trim().is_empty() && !out.is_empty() && !line.contains("notes:") {
            if let Some(last) = out.last_mut() {
                last.push(line);
            }
        } else {
            out.push(Vec::new());
        }
    }
    out.into_iter().filter(|i| !i.is_empty()).collect()
}

fn coloured(line: &str) -> bool {
    line.contains("\u{1b}[") && line.contains('m') && line.ends_with("\u{1b}[0m") && {
        // A colour, not bold alone.
        line.contains("\u{1b}[3") || line.contains("\u{1b}[9") || line.contains(";3") || line.contains(";9")
    }
}

#[test]
fn every_line_of_a_wrapped_urgent_item_and_due_today_are_coloured() {
    let text = checklist("60");
    let all = items(&text);
    let of = |label: &str| -> Vec<&Vec<&str>> { all.iter().filter(|i| i[0].contains(label)).collect() };
    for label in ["EMERGENCY:", "URGENT:", "DUE TODAY:", "OVERDUE:"] {
        let found = of(label);
        assert!(!found.is_empty(), "{label} in the demo round:\n{text}");
        assert!(found.iter().any(|i| i.len() > 1), "a {label} item wraps at 60 columns:\n{text}");
        for item in found {
            for line in item {
                assert!(coloured(line), "{label}: every line coloured: {line:?}\n{item:#?}");
            }
        }
    }
    for item in of("PENDING RESULT:") {
        for line in item {
            assert!(!coloured(line), "nothing to act on today stays plain: {line:?}");
        }
    }
    // DUE TODAY in the urgent colour, as the dashboard: the same code as an URGENT item's.
    let code = |label: &str| of(label)[0][0].split("[ ]").next().map(str::to_string).unwrap_or_default();
    assert_eq!(code("DUE TODAY:"), code("URGENT:").replace(" !  ", "    "), "{text}");
}

#[test]
fn an_overdue_job_is_in_the_overdue_colour_and_a_job_not_due_is_plain() {
    let text = checklist("200");
    let lead = |line: &str| line.split("[ ]").next().map(|l| l.replace(" !  ", "    ")).unwrap_or_default();
    let overdue_item = text.lines().find(|l| l.contains("OVERDUE:")).expect("an overdue item in the demo round");
    let overdue_job = text.lines().find(|l| l.contains("] Job ") && l.contains("OVERDUE")).expect("an overdue job");
    assert!(coloured(overdue_job), "{overdue_job:?}");
    assert_eq!(lead(overdue_job), lead(overdue_item), "the overdue colour, as an overdue item:\n{text}");
    let later = text.lines().find(|l| l.contains("] Job ") && l.contains("2026-11-25")).expect("a job due later");
    assert!(!coloured(later), "{later:?}");
}
