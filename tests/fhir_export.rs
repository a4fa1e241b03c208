//! The FHIR export: every demo patient through the typed bundle and back, references that
//! resolve inside the bundle, one resource per record, and the command's refusals.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cordwatch::engine::checklist::checklist;
use cordwatch::engine::finding::exam_findings;
use cordwatch::fhir::resources::Resource;
use cordwatch::fhir::{Bundle, BundleKind, ExportOptions, PatientRecord, bundle};
use cordwatch::model::time::WardZone;
use cordwatch::ward::WardRow;
use serde_json::Value;

const SYSTEM: &str = "https://hospital.example/fhir/mrn";

/// The demo ward at the tests' moment, readable cases only (the unreadable one is for the
/// command-line tests).
fn demo_rows() -> (cordwatch::context::Context, Vec<WardRow>) {
    let ctx = common::context(None);
    let rows: Vec<WardRow> = ctx.ward().expect("ward").into_iter().filter(|r| r.case().is_some()).collect();
    assert_eq!(rows.len(), 23, "every readable demo case");
    (ctx, rows)
}

fn export(ctx: &cordwatch::context::Context, rows: &[&WardRow]) -> Bundle {
    export_as(ctx, rows, BundleKind::Collection)
}

fn export_as(ctx: &cordwatch::context::Context, rows: &[&WardRow], kind: BundleKind) -> Bundle {
    let zone = WardZone::utc();
    let options = ExportOptions { kind, identifier_system: SYSTEM, zone: &zone, guidelines: &ctx.guidelines };
    let records: Vec<PatientRecord<'_>> = rows
        .iter()
        .map(|r| PatientRecord {
            case: r.case().expect("readable"),
            assessment: r.assessment.as_ref().expect("assessed"),
        })
        .collect();
    bundle(&records, &options, ctx.now)
}

/// Every value of every `reference` key anywhere in the document.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

fn count(bundle: &Bundle, kind: &str) -> usize {
    bundle.entry.iter().filter(|e| e.resource.type_name() == kind).count()
}

#[test]
fn every_demo_patient_round_trips_through_the_typed_bundle() {
    let (ctx, rows) = demo_rows();
    for row in &rows {
        let written = export(&ctx, &[row]);
        let text = written.to_json().expect("json");
        let read: Bundle = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: the bundle does not read back: {e}\n{text}", row.entry.file));
        assert_eq!(read, written, "{}: typed bundle changed on the way back", row.entry.file);
        let again: Value = serde_json::to_value(&read).expect("value");
        let first: Value = serde_json::from_str(&text).expect("value");
        assert_eq!(again, first, "{}: no element is lost or added by reading", row.entry.file);
    }
}

#[test]
fn a_bundle_with_an_unknown_element_or_status_is_refused() {
    let (ctx, rows) = demo_rows();
    let written = export(&ctx, &[&rows[0]]);
    let mut value = serde_json::to_value(&written).expect("value");
    value["entry"][0]["resource"]["nickname"] = Value::String("Peggy".into());
    assert!(serde_json::from_value::<Bundle>(value).is_err(), "an element the type does not have");
    let mut value = serde_json::to_value(&written).expect("value");
    value["type"] = Value::String("bag".into());
    assert!(serde_json::from_value::<Bundle>(value).is_err(), "a Bundle.type outside its value set");
}

#[test]
fn every_reference_resolves_to_an_entry_of_the_bundle() {
    let (ctx, rows) = demo_rows();
    let all: Vec<&WardRow> = rows.iter().collect();
    let written = export(&ctx, &all);
    let value = serde_json::to_value(&written).expect("value");
    let mut urls = BTreeSet::new();
    for entry in value["entry"].as_array().expect("entries") {
        let url = entry["fullUrl"].as_str().expect("fullUrl").to_string();
        let id = entry["resource"]["id"].as_str().expect("id");
        assert_eq!(url, format!("urn:uuid:{id}"), "the full URL names the resource's id");
        assert!(urls.insert(url.clone()), "{url} is used by two entries");
    }
    let mut refs = Vec::new();
    references(&value, &mut refs);
    assert!(refs.len() > written.entry.len(), "every resource but the patients refers to one");
    for r in &refs {
        assert!(urls.contains(r), "{r} does not resolve inside the bundle");
    }
}

#[test]
fn one_resource_per_record_of_the_case_and_per_open_item() {
    let (ctx, rows) = demo_rows();
    let mut seen_tasks = 0;
    for row in &rows {
        // A struck record is not exported (the demo ward has one struck exam): count what is in force.
        let in_force = row.case().expect("case").in_force();
        let case = &*in_force;
        let a = row.assessment.as_ref().expect("assessment");
        let b = export(&ctx, &[row]);
        let file = &row.entry.file;
        assert_eq!(count(&b, "Patient"), 1, "{file}");
        let exam_observations: usize =
            case.exams.iter().map(|e| exam_findings(e).len() + usize::from(e.pain_score.is_some())).sum();
        let from_exams = b
            .entry
            .iter()
            .filter(|e| matches!(&e.resource, Resource::Observation(o) if o.category.iter().any(|c| c.text.as_str() == "Exam")))
            .count();
        assert_eq!(from_exams, exam_observations, "{file}: one Observation per finding and pain score");
        let dental = usize::from(case.bone_agent.as_ref().is_some_and(|a| a.dental_review.is_some()));
        assert_eq!(count(&b, "Procedure"), case.radiotherapy.len() + case.surgery.len() + dental, "{file}");
        let medications = case.steroids.len() + case.systemic.len() + usize::from(case.bone_agent.is_some());
        assert_eq!(count(&b, "MedicationStatement"), medications, "{file}");
        assert_eq!(count(&b, "ImagingStudy"), case.imaging.len(), "{file}");
        assert_eq!(
            count(&b, "ServiceRequest"),
            case.imaging.iter().filter(|i| i.requested.is_some()).count(),
            "{file}"
        );
        assert_eq!(count(&b, "Flag"), a.open_flags().count(), "{file}: one Flag per open red flag");
        let items = checklist(case, a);
        assert_eq!(count(&b, "Task"), items.len() + case.jobs.len(), "{file}: one Task per checklist item and job");
        seen_tasks += items.len();
    }
    assert!(seen_tasks > 20, "the demo ward has open items to export");
}

#[test]
fn a_flag_task_is_due_at_the_flags_deadline_and_points_at_the_flag() {
    use cordwatch::guidelines::Level;
    let (ctx, rows) = demo_rows();
    let emergency =
        |r: &&WardRow| r.assessment.as_ref().is_some_and(|a| a.open_flags().any(|f| f.level == Level::Emergency));
    let row = rows.iter().find(emergency).expect("an open emergency on the demo ward");
    let a = row.assessment.as_ref().expect("assessment");
    let flag = a.open_flags().find(|f| f.level == Level::Emergency).expect("an open emergency");
    let b = export(&ctx, &[row]);
    let value = serde_json::to_value(&b).expect("value");
    let urls: BTreeMap<String, &Value> = value["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e["fullUrl"].as_str().expect("url").to_string(), &e["resource"]))
        .collect();
    let zone = WardZone::utc();
    let deadline = Value::String(flag.deadline.rfc3339_in(&zone));
    let task = urls
        .values()
        .find(|r| r["resourceType"] == "Task" && r["restriction"]["period"]["end"] == deadline)
        .unwrap_or_else(|| panic!("a Task due at the deadline {deadline}:\n{value:#}"));
    assert_eq!(task["status"], if flag.acknowledgements.is_empty() { "ready" } else { "in-progress" });
    assert_eq!(task["priority"], "stat", "an emergency");
    let focus = task["focus"]["reference"].as_str().unwrap_or_else(|| panic!("the task names its flag: {task:#}"));
    assert_eq!(urls[focus]["resourceType"], "Flag");
    assert_eq!(urls[focus]["status"], "active");
    assert_eq!(urls[focus]["period"]["start"], Value::String(flag.raised_at.rfc3339_in(&zone)));
}

#[test]
fn confirmed_mscc_is_a_condition_citing_its_report() {
    let (ctx, rows) = demo_rows();
    let mut found = 0;
    for row in &rows {
        let b = export(&ctx, &[row]);
        let case = row.case().expect("case");
        let confirmed = case.imaging.iter().any(|i| {
            i.kind.is_mri()
                && i.done.is_some()
                && (i.result == Some(cordwatch::model::ImagingResult::Mscc)
                    || i.escc.is_some_and(|e| e.is_compression()))
        });
        let mscc: Vec<_> = b
            .entry
            .iter()
            .filter_map(|e| match &e.resource {
                Resource::Condition(c) if c.code.text.as_str() == "Metastatic spinal cord compression" => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(mscc.len(), usize::from(confirmed), "{}", row.entry.file);
        if let Some(c) = mscc.first() {
            found += 1;
            let cited = &c.evidence[0].detail[0].reference;
            let report = b.entry.iter().find(|e| &e.full_url == cited).expect("cited entry");
            assert_eq!(report.resource.type_name(), "DiagnosticReport", "{}", row.entry.file);
        }
    }
    assert!(found > 0, "the demo ward has confirmed MSCC");
}

#[test]
fn the_same_files_give_the_same_bundle() {
    let (ctx, rows) = demo_rows();
    let all: Vec<&WardRow> = rows.iter().collect();
    let first = export(&ctx, &all).to_json().expect("json");
    let (ctx, rows) = demo_rows();
    let all: Vec<&WardRow> = rows.iter().collect();
    assert_eq!(export(&ctx, &all).to_json().expect("json"), first, "identities come from the case, not chance");
}

// The transaction a server stores.

/// The transaction of one case read from `yaml`, assessed at the tests' moment.
fn transaction_of(ctx: &cordwatch::context::Context, yaml: &str) -> Value {
    let case = common::case(yaml);
    let assessment = cordwatch::engine::assess(&case, &ctx.guidelines, &ctx.engine(), ctx.now);
    let zone = WardZone::utc();
    let options = ExportOptions {
        kind: BundleKind::Transaction,
        identifier_system: SYSTEM,
        zone: &zone,
        guidelines: &ctx.guidelines,
    };
    let b = bundle(&[PatientRecord { case: &case, assessment: &assessment }], &options, ctx.now);
    let text = b.to_json().expect("json");
    let read: Bundle = serde_json::from_str(&text).unwrap_or_else(|e| panic!("the transaction reads back: {e}"));
    assert_eq!(read, b, "the typed transaction round-trips");
    serde_json::from_str(&text).expect("value")
}

/// Resource type and id to (status, resource), for the Flags and Tasks of a bundle.
fn items(bundle: &Value) -> BTreeMap<(String, String), Value> {
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Flag" || r["resourceType"] == "Task")
        .map(|r| ((r["resourceType"].as_str().expect("type").into(), r["id"].as_str().expect("id").into()), r.clone()))
        .collect()
}

#[test]
fn a_transaction_puts_every_resource_on_its_own_id_and_the_patient_on_its_hospital_number() {
    let (ctx, rows) = demo_rows();
    let all: Vec<&WardRow> = rows.iter().collect();
    let b = export_as(&ctx, &all, BundleKind::Transaction);
    let value = serde_json::to_value(&b).expect("value");
    assert_eq!(value["type"], "transaction");
    let mut patients = 0;
    for entry in value["entry"].as_array().expect("entries") {
        let resource = &entry["resource"];
        let kind = resource["resourceType"].as_str().expect("type");
        assert_eq!(entry["request"]["method"], "PUT", "every entry is an update, never a create: {entry:#}");
        let url = entry["request"]["url"].as_str().expect("url");
        if kind == "Patient" {
            patients += 1;
            let number = resource["identifier"][0]["value"].as_str().expect("hospital number");
            assert_eq!(url, format!("Patient?identifier=https://hospital.example/fhir/mrn|{number}"));
            assert!(resource.get("id").is_none(), "the server keeps its own Patient id: {resource:#}");
        } else {
            let id = resource["id"].as_str().expect("id");
            assert_eq!(url, format!("{kind}/{id}"));
            assert_eq!(entry["fullUrl"], format!("urn:uuid:{id}"));
        }
    }
    assert_eq!(patients, rows.len());
    let again = export_as(&ctx, &all, BundleKind::Transaction);
    assert_eq!(again, b, "the same files give the same transaction, so sending it twice changes nothing");
}

#[test]
fn an_item_keeps_its_identity_when_others_close_and_a_closed_one_is_sent_closed() {
    let ctx = common::context(None);
    let before = "status: inpatient\nadmitted: 2026-11-20\nexams:\n  - { at: \"2026-11-22 08:00\", motor: weakness, gait: unsteady }\n";
    let after = format!(
        "{before}imaging:\n  - {{ kind: mri_whole_spine, requested: \"2026-11-22 09:00\", done: \"2026-11-22 12:00\", result: no_mscc }}\n"
    );
    let first = items(&transaction_of(&ctx, before));
    let second = items(&transaction_of(&ctx, &after));
    let open_flag = |m: &BTreeMap<(String, String), Value>| {
        m.iter().filter(|((k, _), r)| k == "Flag" && r["status"] == "active").count()
    };
    assert!(open_flag(&first) > 0, "weakness and an unsteady gait raise a flag: {first:#?}");
    assert_eq!(open_flag(&second), 0, "the MRI answered it");
    // What is not sent again (a step the MRI made needless) is what `sync` closes on a server.
    let sent: BTreeSet<String> = second.keys().map(|(_, id)| id.clone()).collect();
    let held: Vec<Value> = first.values().cloned().collect();
    let case = common::case(&after);
    let closed = cordwatch::fhir::reconcile::stale(&held, &sent, &case, ctx.now, "2026-11-23T09:00:00Z");
    let closed_ids: BTreeSet<String> = closed.iter().map(|r| r["id"].as_str().expect("id").to_string()).collect();
    // Everything else sent before is sent again on the same id: nothing is left open on a server
    // because its item moved in a list.
    for (key, old) in &first {
        let Some(new) = second.get(key) else {
            assert!(closed_ids.contains(&key.1), "{key:?} is neither sent again nor closed:\n{old:#}");
            assert!(old["focus"].is_null(), "a flag's task is always sent: {old:#}");
            continue;
        };
        if old["resourceType"] == "Flag" {
            assert_eq!(new["status"], "inactive", "{new:#}");
            assert!(new["period"]["end"].is_string(), "a settled flag says when: {new:#}");
        } else if old["focus"].is_object() {
            assert_eq!(new["status"], "completed", "the flag's task was answered by the MRI: {new:#}");
            assert!(new["statusReason"]["text"].as_str().is_some_and(|t| t.contains("MRI")), "{new:#}");
        } else {
            assert_eq!(new["identifier"], old["identifier"]);
        }
    }
    assert!(!closed.is_empty(), "the steroid step the flag raised closes with it");
    assert!(closed.iter().all(|r| r["status"] == "cancelled"), "never `completed` for a step not done: {closed:#?}");
    for item in second.values() {
        let name = item["identifier"][0]["value"].as_str().expect("item identifier");
        assert!(name.starts_with("T1/flag/") || name.starts_with("T1/task/"), "{name}");
        assert_eq!(item["identifier"][0]["system"], "urn:cordwatch:item");
    }
}

#[test]
fn a_step_a_clinician_closed_is_a_cancelled_task_with_the_reason() {
    let (ctx, rows) = demo_rows();
    let closed_step =
        rows.iter().find(|r| r.assessment.as_ref().is_some_and(|a| a.pathway.iter().any(|p| !p.is_open())));
    let Some(row) = closed_step else { panic!("the demo ward has a pathway step closed with a reason") };
    let value = serde_json::to_value(export_as(&ctx, &[row], BundleKind::Transaction)).expect("value");
    let cancelled: Vec<&Value> = value["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Task" && r["status"] == "cancelled")
        .collect();
    assert!(!cancelled.is_empty(), "{value:#}");
    assert!(cancelled.iter().all(|t| t["statusReason"]["text"].as_str().is_some_and(|s| s.starts_with("closed "))));
    let collection = serde_json::to_value(export(&ctx, &[row])).expect("value");
    assert!(!collection.to_string().contains("\"cancelled\""), "a collection says what is open now, as it always has");
}

#[test]
fn the_nhs_number_and_the_name_parts_are_exported_with_their_systems() {
    let ctx = common::context(None);
    let yaml = "nhs_number: \"943 476 5919\"\nfamily_name: Ellis\ngiven_names: [Margaret, Anne]\n";
    let value = transaction_of(&ctx, yaml);
    let patient = &value["entry"][0]["resource"];
    assert_eq!(patient["identifier"][0]["type"]["coding"][0]["code"], "MR");
    assert_eq!(patient["identifier"][1]["system"], "https://fhir.nhs.uk/Id/nhs-number");
    assert_eq!(patient["identifier"][1]["value"], "9434765919");
    assert_eq!(patient["name"][0]["family"], "Ellis");
    assert_eq!(patient["name"][0]["given"], serde_json::json!(["Margaret", "Anne"]));
    assert_eq!(patient["name"][0]["text"], "Test Patient");
    let bad = cordwatch::yaml::from_str::<cordwatch::model::Case>("id: T1\nname: A\nnhs_number: \"943 476 5918\"\n");
    let err = bad.expect_err("a wrong check digit");
    assert!(err.to_string().contains("check digit"), "{err}");
}

// The command.

const NOW: &str = "2026-11-23 09:00";

fn cw(dir: &Path) -> assert_cmd::Command {
    common::command::isolated(dir)
}

/// A data directory in `dir` holding the demo ward's files whose names are given.
fn ward(dir: &Path, files: &[&str]) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let now = cordwatch::model::Stamp::parse(NOW).expect("now");
    for (name, text) in cordwatch::demo::ward(now) {
        if files.contains(&name.as_str()) {
            std::fs::write(data.join("cases").join(&name), text).expect("case");
        }
    }
    data
}

fn export_cmd(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = cw(dir);
    cmd.arg("--data").arg(data).args(["--now", NOW, "export", "fhir"]).args(args);
    common::command::outcome(&mut cmd)
}

#[test]
fn export_with_no_case_named_is_a_usage_error_that_gives_the_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml"]);
    let (code, out, err) = export_cmd(dir.path(), &data, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("give their ids") && err.contains("--all"), "{err}");
}

#[test]
fn an_unknown_id_is_an_error_naming_it_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml", "RXH2287710.yaml"]);
    let (code, out, err) = export_cmd(dir.path(), &data, &["RXH1042331", "RXH1042313"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing is written for a part of the list: {out}");
    assert!(err.contains("`RXH1042313`") && err.contains("did you mean `RXH1042331`"), "{err}");
}

#[test]
fn export_all_over_a_ward_with_an_unreadable_file_is_never_a_silent_success() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml", "RXH9856339.yaml", "RXH2287710.yaml"]);
    let (code, out, err) = export_cmd(dir.path(), &data, &["--all"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "no partial bundle: {out}");
    assert!(err.contains("cases/RXH9856339.yaml") && err.contains("--skip-problems"), "{err}");

    let (code, out, err) = export_cmd(dir.path(), &data, &["--all", "--skip-problems"]);
    assert_eq!(code, 1, "a partial export says so in its exit status: {err}");
    assert!(err.contains("left out cases/RXH9856339.yaml") && err.contains("incomplete"), "{err}");
    let b: Bundle = serde_json::from_str(&out).expect("a bundle of the others");
    assert_eq!(count(&b, "Patient"), 2);

    let (code, _, err) = export_cmd(dir.path(), &data, &["RXH9856339"]);
    assert_eq!(code, 2, "an unreadable case named on its own: {err}");
}

#[test]
fn out_writes_the_file_privately_and_keeps_an_existing_one_without_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml"]);
    let file = dir.path().join("bundle.json");
    let target = file.to_str().expect("path");
    let (code, out, err) = export_cmd(dir.path(), &data, &["RXH1042331", "--out", target]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote 1 patients"), "{out}");
    let written: Bundle = serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("bundle");
    assert_eq!(count(&written, "Patient"), 1);
    assert_eq!(std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777, 0o600);

    std::fs::write(&file, "keep me").expect("overwrite");
    let (code, _, err) = export_cmd(dir.path(), &data, &["RXH1042331", "--out", target]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "keep me");
    let (code, _, err) = export_cmd(dir.path(), &data, &["RXH1042331", "--out", target, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&file).expect("file").contains("\"Bundle\""));
}

#[test]
fn the_identifier_system_and_the_time_zone_come_from_the_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml"]);
    std::fs::write(
        dir.path().join("config.yaml"),
        format!("fhir_identifier_system: \"{SYSTEM}\"\nfhir_time_zone: UTC\n"),
    )
    .expect("config");
    let (code, out, err) = export_cmd(dir.path(), &data, &["RXH1042331"]);
    assert_eq!(code, 0, "{err}");
    let value: Value = serde_json::from_str(&out).expect("json");
    let patient = &value["entry"][0]["resource"];
    assert_eq!(patient["identifier"][0]["system"], SYSTEM);
    assert_eq!(patient["identifier"][0]["value"], "RXH1042331");
    assert_eq!(value["timestamp"], "2026-11-23T09:00:00+00:00");

    assert!(!err.contains("warning"), "a hospital's own system is not warned about: {err}");
    let (code, out, _) = export_cmd(dir.path(), &data, &["RXH1042331", "--type", "transaction"]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value["type"], "transaction");
    assert_eq!(value["entry"][0]["request"]["url"], format!("Patient?identifier={SYSTEM}|RXH1042331"));

    std::fs::write(dir.path().join("config.yaml"), "# defaults\n").expect("config");
    let (_, out, err) = export_cmd(dir.path(), &data, &["RXH1042331"]);
    let value: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value["entry"][0]["resource"]["identifier"][0]["system"], "urn:cordwatch:hospital-number");
    assert!(err.contains("warning") && err.contains("default identifier system"), "{err}");
}

#[test]
fn a_task_someone_acts_on_is_in_progress_and_a_procedure_says_only_what_has_happened() {
    let (ctx, rows) = demo_rows();
    let refs: Vec<&WardRow> = rows.iter().collect();
    let value = serde_json::to_value(export(&ctx, &refs)).expect("value");
    let resources: Vec<&Value> = value["entry"].as_array().expect("entries").iter().map(|e| &e["resource"]).collect();
    // Tasks: in progress exactly when their flag was acknowledged with a plan.
    let mut acted_on = BTreeSet::new();
    for row in &rows {
        for f in row.assessment.as_ref().expect("assessed").open_flags() {
            if !f.acknowledgements.is_empty() {
                acted_on.insert(f.rule_id().to_string());
            }
        }
    }
    assert!(!acted_on.is_empty(), "the demo has acknowledged open flags");
    let tasks: Vec<&&Value> = resources.iter().filter(|r| r["resourceType"] == "Task").collect();
    assert!(tasks.iter().any(|t| t["status"] == "in-progress"), "the demo has acknowledged flags");
    assert!(tasks.iter().any(|t| t["status"] == "ready"), "and items nobody has started");
    // A job done or cancelled is a record of the case and is written as it is; every item is open.
    assert!(
        tasks
            .iter()
            .filter(|t| t["code"]["text"] != "Job")
            .all(|t| t["status"] == "ready" || t["status"] == "in-progress")
    );
    // Procedures: nothing dated after the export's moment is given as performed.
    let today = ctx.now.date().to_string();
    for p in resources.iter().filter(|r| r["resourceType"] == "Procedure") {
        let period = &p["performedPeriod"];
        if p["status"] == "preparation" {
            assert!(period.is_null(), "a plan is not performed: {p:#}");
            let notes = p["note"].to_string();
            assert!(notes.contains("planned from"), "{p:#}");
        } else {
            for end in ["start", "end"] {
                if let Some(day) = period[end].as_str() {
                    assert!(day[..10] <= *today.as_str(), "{end} after today: {p:#}");
                }
            }
        }
        assert!(!p["note"].to_string().contains("1 fractions"), "{p:#}");
    }
}

#[test]
fn a_course_booked_ahead_is_a_plan_with_no_performed_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let case = common::lines(&[
        "id: \"RXH1\"",
        "name: Ann Test",
        "radiotherapy:",
        "  - { site: T6, dose_gy: 8, fractions: 1, start: 2026-11-25 }",
    ]);
    std::fs::write(data.join("cases/RXH1.yaml"), case).expect("case");
    let (code, out, err) = export_cmd(dir.path(), &data, &["RXH1"]);
    assert_eq!(code, 0, "{err}");
    let bundle: Value = serde_json::from_str(&out).expect("json");
    let procedure = bundle["entry"]
        .as_array()
        .and_then(|e| e.iter().map(|e| &e["resource"]).find(|r| r["resourceType"] == "Procedure"))
        .unwrap_or_else(|| panic!("a Procedure: {bundle:#}"));
    assert_eq!(procedure["status"], "preparation");
    assert!(procedure["performedPeriod"].is_null(), "{procedure:#}");
    let notes = procedure["note"].to_string();
    assert!(notes.contains("planned from 2026-11-25") && notes.contains("8 Gy in 1 fraction\""), "{notes}");
}

#[test]
fn out_never_puts_a_file_in_place_of_a_folder_a_link_or_a_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml"]);
    let outs = dir.path().join("outs");
    std::fs::create_dir(&outs).expect("outs");
    let folder = outs.join("folder");
    std::fs::create_dir(&folder).expect("folder");
    let fifo = outs.join("fifo");
    let c = std::ffi::CString::new(fifo.to_str().expect("path")).expect("c path");
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let target = outs.join("target.json");
    std::fs::write(&target, "keep").expect("target");
    let link = outs.join("link.json");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let dangling = outs.join("dangling.json");
    std::os::unix::fs::symlink(outs.join("nowhere.json"), &dangling).expect("dangling");
    for path in [&folder, &fifo, &link, &dangling] {
        for force in [false, true] {
            let mut args = vec!["RXH1042331", "--out", path.to_str().expect("path")];
            if force {
                args.push("--force");
            }
            let (code, out, err) = export_cmd(dir.path(), &data, &args);
            assert_eq!(code, 2, "{path:?} force {force}: {out}{err}");
            assert!(err.contains("nothing was written"), "{err}");
        }
    }
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "keep", "its file untouched");
    assert!(std::fs::symlink_metadata(&dangling).expect("dangling").file_type().is_symlink());
    assert!(folder.is_dir());
    let mut names: Vec<String> =
        std::fs::read_dir(&outs).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names, ["dangling.json", "fifo", "folder", "link.json", "target.json"], "no temporary file left");
}

#[test]
fn skip_problems_without_all_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path(), &["RXH1042331.yaml"]);
    let (code, out, err) = export_cmd(dir.path(), &data, &["RXH1042331", "--skip-problems"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty() && err.contains("--skip-problems goes with --all"), "{err}");
}

#[test]
fn every_job_is_a_task_on_an_id_of_its_case_and_number_with_its_status() {
    let (ctx, _) = demo_rows();
    let now = ctx.now;
    let yaml = common::lines(&[
        "jobs:",
        &format!(
            "  - {{ number: 1, text: chase the MRI report, owner: Dr Okafor, due: {}, at: {}, by: Dr Patel }}",
            now.add_hours(-1),
            now.add_hours(-5)
        ),
        &format!("  - {{ number: 2, text: calcium, due: {}, at: {} }}", now.date().add_days(1), now.add_hours(-5)),
        &format!(
            "  - {{ number: 3, text: bloods, at: {}, done: {}, done_by: Dr Okafor }}",
            now.add_hours(-5),
            now.add_hours(-2)
        ),
        &format!(
            "  - {{ number: 4, text: scan, at: {}, cancelled: {}, reason: not needed }}",
            now.add_hours(-5),
            now.add_hours(-2)
        ),
    ]);
    let tx = transaction_of(&ctx, &yaml);
    let tasks: BTreeMap<String, Value> = items(&tx)
        .into_values()
        .filter(|r| r["code"]["text"] == "Job")
        .map(|r| (r["identifier"][0]["value"].as_str().expect("identifier").to_string(), r))
        .collect();
    assert_eq!(tasks.keys().cloned().collect::<Vec<_>>(), ["T1/job/1", "T1/job/2", "T1/job/3", "T1/job/4"]);
    assert_eq!(tasks["T1/job/1"]["status"], "ready");
    assert_eq!(tasks["T1/job/1"]["priority"], "urgent", "open past its due time");
    assert_eq!(tasks["T1/job/2"]["priority"], "routine");
    assert_eq!(
        tasks["T1/job/2"]["restriction"]["period"]["end"],
        now.date().add_days(1).to_string(),
        "a date stays a date"
    );
    assert_eq!(tasks["T1/job/3"]["status"], "completed");
    assert!(tasks["T1/job/3"]["statusReason"]["text"].as_str().is_some_and(|t| t.contains("by Dr Okafor")));
    assert_eq!(tasks["T1/job/4"]["status"], "cancelled");
    assert!(tasks["T1/job/4"]["statusReason"]["text"].as_str().is_some_and(|t| t.ends_with(": not needed")));
    assert!(tasks["T1/job/3"].get("restriction").is_none(), "no due time, no restriction");
    // The id depends on the case and the number only: the same job after another is added keeps it.
    let fewer = transaction_of(&ctx, &yaml.lines().take(3).map(|l| format!("{l}\n")).collect::<String>());
    let id_of = |v: &Value, key: &str| {
        items(v).into_values().find(|r| r["identifier"][0]["value"] == key).map(|r| r["id"].clone())
    };
    assert_eq!(id_of(&fewer, "T1/job/1"), id_of(&tx, "T1/job/1"));
    assert!(id_of(&fewer, "T1/job/1").is_some());
}
