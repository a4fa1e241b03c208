//! `cordwatch audit` as a coordinator and a spreadsheet meet it: the archive counted, the window
//! and ward checked, text in 80 columns, and CSV and JSON columns that stay as documented; files
//! with problems and patients in two files said first; a long closing reason cut in the text only.

mod common;

use std::path::Path;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const NOW: &str = "2026-11-23 09:00";

/// The CSV header, as docs/json.md documents it: a contract, so changing it fails here first.
const COLUMNS: &str = "case_id,ward,archived,rule,measure,raised_at,deadline,mri_requested,mri_done,hours_to_mri,result,escc,treatment,treatment_date,hours_mri_to_treatment,status,within_standard,missed_by_hours,open_hours,closed_at,closed_by,closed_reason,exam_in,gait_in,frankel_in,walking_in,exam_out,gait_out,frankel_out,walking_out,walking,treatment_at,decided_at,hours_decision_to_treatment";

fn cordwatch(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = common::command::isolated(dir);
    cmd.env("NO_COLOR", "1").args(["--now", NOW]).args(args);
    common::command::outcome(&mut cmd)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

/// Splits CSV text into rows of cells (quoted cells may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[test]
fn the_demo_audit_fits_80_columns_and_names_each_measure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = cordwatch(dir.path(), &["--demo", "audit"]);
    assert_eq!(code, 0, "{err}");
    for line in out.lines() {
        assert!(line.width() <= 80, "wider than 80 columns: {line}");
    }
    for heading in [
        "QS56 statement 3: neurological signs, whole-spine MRI within 24 hours",
        "QS56 statement 2: pain without neurology, whole-spine MRI within 7 days",
        "QS56 statement 6: confirmed MSCC, definitive treatment within 24 hours",
    ] {
        assert!(out.contains(heading), "{heading}\n{out}");
    }
    assert!(out.contains("missed: "), "{out}");
    assert!(out.contains("could not be read"), "the unreadable demo file is said, not silently left out:\n{out}");

    let (code, md, _) = cordwatch(dir.path(), &["--demo", "audit", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(md.contains("## QS56 statement 6") && md.contains("| Month | Episodes |"), "{md}");
}

#[test]
fn csv_and_json_have_the_documented_columns_one_row_per_episode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, csv, err) = cordwatch(dir.path(), &["--demo", "audit", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let rows = parse_csv(&csv);
    assert_eq!(rows[0].join(","), COLUMNS);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every row has every column");

    let (_, out, _) = cordwatch(dir.path(), &["--demo", "audit", "--format", "json"]);
    let v = json(&out);
    let episodes = v["episodes"].as_array().expect("episodes");
    assert_eq!(episodes.len(), rows.len() - 1, "one CSV row per JSON episode");
    assert!(!episodes.is_empty());
    let mut keys: Vec<&str> = episodes[0].as_object().expect("object").keys().map(String::as_str).collect();
    let mut columns: Vec<&str> = COLUMNS.split(',').collect();
    keys.sort_unstable();
    columns.sort_unstable();
    assert_eq!(keys, columns, "the CSV columns are the JSON episode's fields");
    assert_eq!(v["archived_cases"], 5, "the demo ward's history is in its archive");
    for m in v["measures"].as_array().expect("measures") {
        let missed = m["total"]["missed"].as_array().expect("missed");
        assert!(
            missed.iter().any(|x| x["open"] == false),
            "{}: the demo history misses the standard once",
            m["measure"]
        );
    }
    for (row, episode) in rows[1..].iter().zip(episodes) {
        assert_eq!(row[0], episode["case_id"].as_str().expect("id"));
        assert_eq!(row[15], episode["status"].as_str().expect("status"));
    }
}

#[test]
fn archived_cases_are_counted_and_the_ward_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::create_dir_all(data.join("archive")).expect("archive");
    std::fs::write(
        data.join("archive/A1.yaml"),
        "id: A1\nname: Gone Home\nward: 7B\nstatus: discharged\ndischarged: 2026-11-20\nexams:\n  - { at: 2026-11-10 08:00, motor: weakness, gait: unsteady }\nimaging:\n  - { kind: mri_whole_spine, requested: 2026-11-10 09:00, done: 2026-11-11 10:00, result: no_mscc }\n",
    )
    .expect("archived case");
    std::fs::write(
        data.join("cases/C1.yaml"),
        "id: C1\nname: Still Here\nward: 8A\nstatus: inpatient\nexams:\n  - { at: 2026-11-22 08:00, pain: [thoracic], motor: normal }\n",
    )
    .expect("case");
    let d = data.to_str().expect("path");

    let (code, out, err) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!((v["cases"].as_u64(), v["archived_cases"].as_u64()), (Some(2), Some(1)));
    let a1 = v["episodes"].as_array().and_then(|e| e.iter().find(|e| e["case_id"] == "A1")).expect("A1 counted");
    assert_eq!(a1["archived"], true);
    assert_eq!(a1["status"], "missed");
    assert_eq!(a1["missed_by_hours"], 2.0);
    assert_eq!(a1["walking"], "unknown", "discharged with no later exam: the outcome is not recorded");

    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit", "--ward", "8a", "--format", "json"]);
    let v = json(&out);
    let ids: Vec<&str> =
        v["episodes"].as_array().expect("episodes").iter().filter_map(|e| e["case_id"].as_str()).collect();
    assert_eq!(ids, ["C1"]);
    assert_eq!(v["episodes"][0]["status"], "open");

    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit", "--from", "2026-11-15", "--format", "json"]);
    let ids: Vec<Value> = json(&out)["episodes"].as_array().expect("e").iter().map(|e| e["case_id"].clone()).collect();
    assert_eq!(ids, [Value::from("C1")], "A1's episode is before the window");
}

#[test]
fn a_mistyped_ward_or_window_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = cordwatch(dir.path(), &["--demo", "audit", "--ward", "9Z"]);
    assert_eq!(code, 2);
    assert!(err.contains("no case is on ward `9Z`") && err.contains("7B"), "{err}");
    let (code, _, err) = cordwatch(dir.path(), &["--demo", "audit", "--from", "2026-11-20", "--to", "2026-11-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("--from 2026-11-20 is after --to 2026-11-01"), "{err}");
    let (code, _, err) = cordwatch(dir.path(), &["--demo", "audit", "--from", "yesterday"]);
    assert_eq!(code, 2);
    assert!(err.contains("--from"), "{err}");
}

/// The `fill` of every `<rect>` in `svg`, in order.
fn rect_fills(svg: &str) -> Vec<String> {
    svg.split("<rect")
        .skip(1)
        .filter_map(|r| r.split("fill=\"").nth(1)?.split('"').next().map(str::to_string))
        .collect()
}

#[test]
fn the_svg_has_a_bar_per_judged_month_and_the_standard_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("audit.svg");
    let f = file.to_str().expect("path");
    let (code, out, err) = cordwatch(dir.path(), &["--demo", "audit", "--format", "svg", "--out", f]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let svg = std::fs::read_to_string(&file).expect("written");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{svg}");
    // Every element that opens is closed (the backend writes no CDATA or comments).
    let opened = svg.matches("<text").count();
    assert_eq!(opened, svg.matches("</text>").count());
    assert!(svg.contains("DEMO — Pathway audit 2025-12-01 to 2026-11-23, all wards"));
    for title in [
        "QS56 statement 3: neurological signs, whole-spine MRI within 24 hours",
        "QS56 statement 2: pain without neurology, whole-spine MRI within 7 days",
        "QS56 statement 6: confirmed MSCC, definitive treatment within 24 hours",
        "qs56-3: hours to MRI",
        "qs56-6: hours from MRI to treatment",
    ] {
        assert!(svg.contains(title), "{title}");
    }

    // One share bar per month with an episode judged, per measure, as the JSON counts them.
    let (_, json_out, _) = cordwatch(dir.path(), &["--demo", "audit", "--format", "json"]);
    let v = json(&json_out);
    let judged_months: usize = v["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .flat_map(|m| m["months"].as_array().cloned().unwrap_or_default())
        .filter(|mo| mo["judged"].as_u64().unwrap_or(0) > 0)
        .count();
    assert!(judged_months >= 3, "the demo judges episodes in several months");
    // The share bars alone are blue (a month at 0% has a bar of no height, still there).
    let blue = rect_fills(&svg).iter().filter(|f| f.as_str() == "#1F77B4").count();
    assert_eq!(blue, judged_months, "one blue bar per judged month and measure");
    let bins = rect_fills(&svg).iter().filter(|f| ["#2CA02C", "#E67814", "#969696"].contains(&f.as_str())).count();
    assert!(bins >= 3, "the histograms have bars");
    // The standard: one red line and its label per measure.
    assert_eq!(svg.matches("stroke=\"#C80000\"").count(), 3, "{svg}");
    assert_eq!(svg.matches("standard 24 hours").count(), 2);
    assert_eq!(svg.matches("standard 7 days").count(), 1);

    // Without --out it goes to stdout; --out with another format is refused.
    let (code, out, _) = cordwatch(dir.path(), &["--demo", "audit", "--format", "svg"]);
    assert_eq!(code, 0);
    assert_eq!(out, svg);
    let (code, _, err) = cordwatch(dir.path(), &["--demo", "audit", "--out", f]);
    assert_eq!(code, 2);
    assert!(err.contains("--out is for --format svg"), "{err}");
}

#[test]
fn text_in_the_svg_is_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::write(
        data.join("cases/C1.yaml"),
        "id: C1\nname: Still Here\nward: \"<b>&'\\\"\"\nstatus: inpatient\nexams:\n  - { at: 2026-11-20 08:00, motor: weakness }\n",
    )
    .expect("case");
    let d = data.to_str().expect("path");
    let (code, svg, err) = cordwatch(dir.path(), &["--data", d, "audit", "--ward", "<b>&'\"", "--format", "svg"]);
    assert_eq!(code, 0, "{err}");
    assert!(svg.contains("ward &lt;b&gt;&amp;"), "{svg}");
    assert!(!svg.contains("<b>"), "{svg}");
    // The only `&` are entities.
    for (i, _) in svg.match_indices('&') {
        let rest = &svg[i..];
        assert!(
            ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#"].iter().any(|e| rest.starts_with(e)),
            "{}",
            &rest[..10]
        );
    }
}

/// A neurological presentation on 10 Nov answered by an MRI the next day, on `ward`.
fn presented(id: &str, ward: &str, status: &str) -> String {
    format!(
        "id: {id}\nname: Test {id}\nward: {ward}\nstatus: {status}\n{}exams:\n  - {{ at: 2026-11-10 08:00, motor: weakness }}\nimaging:\n  - {{ kind: mri_whole_spine, requested: 2026-11-10 09:00, done: 2026-11-11 10:00, result: no_mscc }}\n",
        if status == "discharged" { "discharged: 2026-11-20\n" } else { "" }
    )
}

#[test]
fn files_with_problems_and_patients_in_two_files_are_said_at_the_top_and_counted_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::create_dir_all(data.join("archive")).expect("archive");
    let write = |file: &str, text: &str| std::fs::write(data.join(file), text).expect("write");
    write(
        "cases/F1.yaml",
        "id: F1\nname: Test F1\nward: 7B\nstatus: inpatient\nexams:\n  - { at: 2027-11-10 08:00, motor: weakness }\n",
    );
    // The same patient in the cases folder and in the archive (a copy left behind).
    write("cases/R1.yaml", &presented("R1", "7B", "inpatient"));
    write("archive/R1.yaml", &presented("R1", "7B", "discharged"));
    // A discharge that left a second copy in the archive.
    write("archive/R2.yaml", &presented("R2", "7B", "discharged"));
    write("archive/R2.1.yaml", &presented("R2", "7B", "discharged"));
    let d = data.to_str().expect("path");

    let (code, out, err) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let ids: Vec<&str> =
        v["episodes"].as_array().expect("episodes").iter().filter_map(|e| e["case_id"].as_str()).collect();
    assert_eq!(ids, ["R1", "R2"], "each patient's episode once: {out}");
    assert_eq!(v["episodes"][0]["archived"], false, "R1 is counted from the cases folder");
    assert_eq!((v["cases"].as_u64(), v["archived_cases"].as_u64()), (Some(3), Some(1)), "F1, R1 and R2");
    let repeated: Vec<(String, Vec<String>)> = v["repeated"]
        .as_array()
        .expect("repeated")
        .iter()
        .map(|r| {
            let files = r["files"].as_array().expect("files").iter().filter_map(|f| f.as_str().map(String::from));
            (r["case_id"].as_str().unwrap_or_default().to_string(), files.collect())
        })
        .collect();
    assert_eq!(
        repeated,
        [
            ("R1".to_string(), vec!["cases/R1.yaml".to_string(), "archive/R1.yaml".to_string()]),
            ("R2".to_string(), vec!["archive/R2.1.yaml".to_string(), "archive/R2.yaml".to_string()]),
        ]
    );
    let problems = v["problems"].as_array().expect("problems");
    let files: std::collections::BTreeSet<&str> = problems.iter().filter_map(|p| p["file"].as_str()).collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["archive/R2.1.yaml", "archive/R2.yaml", "cases/F1.yaml"]);
    assert!(
        problems.iter().any(|p| p["file"] == "cases/F1.yaml"
            && p["kind"] == "dated_ahead"
            && p["problem"].as_str().is_some_and(|t| t.contains("later than now"))),
        "{problems:?}"
    );
    assert_eq!(v["unreadable"].as_array().map(Vec::len), Some(0));

    let (code, text, _) = cordwatch(dir.path(), &["--data", d, "audit"]);
    assert_eq!(code, 0);
    let top = text.split("Within:").next().unwrap_or_default().replace("\n  ", " ");
    assert!(
        top.contains("3 files have a problem, so their episodes may be missing or wrong (run `cordwatch validate`)"),
        "{text}"
    );
    assert!(top.contains("cases/F1.yaml (an exam dated 2027-11-10 08:00 is later than now"), "{text}");
    assert!(top.contains("R1 is in cases/R1.yaml and archive/R1.yaml: counted once"), "{text}");
    assert!(top.contains("R2 is in archive/R2.1.yaml and archive/R2.yaml: counted once"), "{text}");
    assert!(top.contains("2 episodes from 3 cases (1 discharged)"), "{text}");

    let (_, md, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "markdown"]);
    let top = md.split("Within:").next().unwrap_or_default();
    assert!(
        top.contains("**3 files have a problem")
            && top.contains("**R1 is in cases/R1.yaml and archive/R1.yaml: counted once**"),
        "{md}"
    );
    let (_, svg, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "svg"]);
    assert!(svg.contains("3 files have a problem") && svg.contains("R2 is in archive/R2.1.yaml"), "{svg}");
}

#[test]
fn a_long_closing_reason_is_cut_in_the_text_and_kept_whole_in_json_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let reason = "retention from opioids, reviewed ".repeat(90);
    let reason = reason.trim_end();
    std::fs::write(
        data.join("cases/L1.yaml"),
        format!(
            "id: L1\nname: Test L1\nstatus: inpatient\nexams:\n  - {{ at: 2026-11-10 08:00, bladder: retention }}\nacknowledged:\n  - {{ flag: mscc-neuro, at: 2026-11-10 09:00, by: Dr Ferreira, role: registrar, reason: not_suspected_on_senior_review, closed: \"{reason}\" }}\n"
        ),
    )
    .expect("case");
    let d = data.to_str().expect("path");
    let (code, text, err) = cordwatch(dir.path(), &["--data", d, "audit"]);
    assert_eq!(code, 0, "{err}");
    let closed = text.split("closed: L1").nth(1).expect("the closed episode's line").replace("\n    ", " ");
    let said = closed.split(": ").nth(1).expect("the reason").lines().next().unwrap_or_default().to_string();
    assert!(said.ends_with('…'), "{said}");
    assert!(said.chars().count() <= 200, "{} characters: {said}", said.chars().count());
    assert!(reason.starts_with(said.trim_end_matches('…')), "{said}");
    assert!(text.lines().count() < 40, "{text}");

    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "json"]);
    assert_eq!(json(&out)["episodes"][0]["closed_reason"], reason);
    let (_, csv, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "csv"]);
    assert!(csv.contains(reason), "{csv}");
}

#[test]
fn a_data_directory_with_no_archive_folder_says_no_discharged_patient_is_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    std::fs::write(data.join("cases/C1.yaml"), "id: C1\nname: Still Here\n").expect("case");
    let d = data.to_str().expect("path");
    let (code, out, err) = cordwatch(dir.path(), &["--data", d, "audit"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("there is no archive folder, so no discharged patient is counted"), "{out}");
    assert!(!data.join("archive").exists(), "reading never makes it");
    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "json"]);
    assert_eq!(json(&out)["archive_missing"], true);
    // With the folder there, even empty, nothing is said.
    std::fs::create_dir(data.join("archive")).expect("archive");
    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit"]);
    assert!(!out.contains("no archive folder"), "{out}");
    let (_, out, _) = cordwatch(dir.path(), &["--data", d, "audit", "--format", "json"]);
    assert_eq!(json(&out)["archive_missing"], false);
}
