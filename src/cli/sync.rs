//! `cordwatch sync fhir URL`: sends the chosen cases to a FHIR server as one transaction (the
//! bundle `export fhir --type transaction` writes), then asks the server for the Flags and Tasks
//! cordwatch wrote there before and closes those cordwatch no longer has open, so the server's
//! open items are cordwatch's. Running it twice changes nothing the second time but the
//! resources' versions: every resource is a PUT on its own id, the Patient a conditional update.
//!
//! The bearer token comes from an environment variable or a file, never the command line, where
//! any user of a shared ward server could read it in the process list.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::fhir_client::{FhirClient, outcome_text};
use super::output::{outln, push};
use super::{CliError, CliResult, Context, Format};
use crate::fhir::resources::Resource;
use crate::fhir::{BundleKind, PatientRecord, reconcile};

/// The variable the token is read from unless `--token-env` names another.
pub const TOKEN_ENV: &str = "CORDWATCH_FHIR_TOKEN";

/// Pages of a search followed at most, so a server that always says "next" cannot hold the
/// command for ever.
const MAX_PAGES: usize = 100;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Send the cases to a FHIR server as a transaction, and close there what has closed here (docs/fhir.md)
    #[command(
        after_help = "The bearer token, when the server needs one, is read from $CORDWATCH_FHIR_TOKEN (or the variable --token-env names) or from --token-file; never from the command line.\n\nExit status: 0 every chosen case sent and the server in step; 1 sent with --skip-problems, and some files were left out (each named on stderr); 2 an error: the server refused or could not be reached (a refused transaction stores nothing), or no case was sent.\n\nExamples:\n  cordwatch sync fhir https://ehr.example/fhir/R4 --all\n  CORDWATCH_FHIR_TOKEN=$(cat ~/.ehr-token) cordwatch sync fhir https://ehr.example/fhir/R4 RXH1042331\n  cordwatch sync fhir https://ehr.example/fhir/R4 --all --token-file /etc/cordwatch/fhir-token --format json"
    )]
    Fhir(SyncArgs),
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The server's FHIR base URL (http:// only to this machine)
    #[arg(value_name = "URL")]
    pub url: String,
    /// The cases to send: ids, or unique names or beds as `show` takes them
    #[arg(value_name = "ID|NAME|BED", conflicts_with = "all")]
    pub ids: Vec<String>,
    /// Every case in the cases folder
    #[arg(long)]
    pub all: bool,
    /// With --all: send the other cases when some files cannot be read or have problems; each file left out is named on stderr, and the exit status is 1
    #[arg(long, requires = "all")]
    pub skip_problems: bool,
    /// Read the bearer token from the first line of FILE (keep it private to you: 0600)
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// The environment variable holding the bearer token
    #[arg(long, value_name = "NAME", default_value = TOKEN_ENV)]
    pub token_env: String,
    /// Give up when the server has not answered within this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
    /// text for people, json for scripts (docs/json.md)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(ctx: &Context, command: &SyncCommand) -> CliResult {
    match command {
        SyncCommand::Fhir(args) => sync(ctx, args),
    }
}

/// What the server did, for the report.
#[derive(Debug, Default)]
struct Tally {
    created: usize,
    updated: usize,
    other: usize,
    closed_flags: usize,
    closed_tasks: usize,
}

fn sync(ctx: &Context, args: &SyncArgs) -> CliResult {
    if args.skip_problems && !args.all {
        return Err(CliError::Usage(
            "--skip-problems goes with --all; a case named by its id is sent whole or refused".into(),
        ));
    }
    if !args.all && args.ids.is_empty() {
        return Err(CliError::Usage(
            "say which cases to send: give their ids (cordwatch sync fhir URL RXH1042331), or --all".into(),
        ));
    }
    let token = token(args)?;
    check_url(&args.url, token.is_some())?;
    let (chosen, skipped) = super::export::choose(ctx, &args.ids, args.all, args.skip_problems)?;
    let records: Vec<PatientRecord<'_>> = chosen
        .iter()
        .filter_map(|r| Some(PatientRecord { case: r.case()?, assessment: r.assessment.as_ref()? }))
        .collect();
    if records.is_empty() {
        return Err(CliError::Usage("no case to send; nothing was sent".into()));
    }
    let bundle = super::export::build(ctx, &records, BundleKind::Transaction)?;
    let json = bundle.to_json().map_err(|e| CliError::Output(format!("could not write the bundle as JSON: {e}")))?;
    let client = FhirClient::new(&args.url, token, Duration::from_secs(args.timeout.max(1)));

    let answer = client.post_bundle(&json)?;
    if !(200..300).contains(&answer.status) {
        return Err(CliError::Output(format!(
            "{} refused the transaction (HTTP {}): {}\nA transaction is stored whole or not at all, so nothing of it was stored",
            client.base(),
            answer.status,
            outcome_text(&answer.body)
        )));
    }
    let mut tally = Tally::default();
    let statuses = entry_statuses(&answer.body, bundle.entry.len())?;
    for status in &statuses {
        match status.split_whitespace().next() {
            Some("201") => tally.created += 1,
            Some("200") => tally.updated += 1,
            _ => tally.other += 1,
        }
    }

    // The server's id of each Patient, from where it says it stored it.
    let sent = reconcile::sent_ids(&bundle);
    let zone = ctx.settings.ward_zone().map_err(|e| CliError::Output(format!("config: fhir_time_zone: {e}")))?;
    let now_text = crate::fhir::datatypes::DateTime::of(ctx.now, &zone).as_str().to_string();
    let mut closing = Vec::new();
    let mut patient_n = 0;
    for (n, entry) in bundle.entry.iter().enumerate() {
        let Resource::Patient(_) = &entry.resource else { continue };
        let record =
            records.get(patient_n).ok_or_else(|| CliError::Output("the bundle's patients are out of step".into()))?;
        patient_n += 1;
        let location = answer.body["entry"][n]["response"]["location"].as_str().unwrap_or_default();
        let Some(server_id) = patient_id(location) else {
            return Err(CliError::Output(format!(
                "{} stored the transaction but did not say where it put patient {} (location `{}`); \
                 its open items could not be checked",
                client.base(),
                record.case.id,
                crate::model::text::sanitize(location)
            )));
        };
        let mut found = search(&client, &format!("Flag?subject=Patient/{server_id}&_count=1000"))?;
        found.extend(search(&client, &format!("Task?subject=Patient/{server_id}&_count=1000"))?);
        closing.extend(reconcile::stale(&found, &sent, record.case, ctx.now, &now_text));
    }
    if !closing.is_empty() {
        tally.closed_flags = closing.iter().filter(|r| r["resourceType"] == "Flag").count();
        tally.closed_tasks = closing.len() - tally.closed_flags;
        let tx = reconcile::closing_transaction(closing, &now_text);
        let answer = client.post_bundle(&tx.to_string())?;
        if !(200..300).contains(&answer.status) {
            return Err(CliError::Output(format!(
                "{} stored the cases but refused to close {} items cordwatch no longer has open (HTTP {}): {}\n\
                 The server still shows them open: run the sync again, or close them there",
                client.base(),
                tally.closed_flags + tally.closed_tasks,
                answer.status,
                outcome_text(&answer.body)
            )));
        }
    }
    report(args, client.base(), records.len(), bundle.entry.len(), &tally, &skipped);
    Ok(super::export::report_skipped(&skipped, records.len()))
}

/// The bearer token: from --token-file, else the environment variable; None when neither is set.
fn token(args: &SyncArgs) -> Result<Option<String>, CliError> {
    if let Some(file) = &args.token_file {
        return read_token(file).map(Some);
    }
    match std::env::var(&args.token_env) {
        Ok(t) if !t.trim().is_empty() => Ok(Some(t.trim().to_string())),
        _ => Ok(None),
    }
}

fn read_token(file: &Path) -> Result<String, CliError> {
    let text = crate::store::read_regular_text(file, 64 * 1024)
        .map_err(|e| CliError::Usage(format!("--token-file {}: cannot be read ({e})", file.display())))?;
    let token = text.lines().next().unwrap_or_default().trim().to_string();
    if token.is_empty() {
        return Err(CliError::Usage(format!(
            "--token-file {}: the first line is empty; put the token there",
            file.display()
        )));
    }
    if let Ok(meta) = std::fs::metadata(file) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "cordwatch: warning: {} can be read by others (mode {:o}); chmod 600 it",
                file.display(),
                meta.permissions().mode() & 0o777
            );
        }
    }
    Ok(token)
}

/// An http(s) URL; plain http only to this machine when a token would go with it, since the
/// token (and every patient's record) would cross the network in clear.
fn check_url(url: &str, with_token: bool) -> Result<(), CliError> {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let name = if host.starts_with('[') {
        host.split(']').next().unwrap_or(host).trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let loopback = name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme {
        "https" if !name.is_empty() => Ok(()),
        "http" if loopback => Ok(()),
        "http" if !name.is_empty() => Err(CliError::Usage(format!(
            "{url}: plain http would send patients' records{} across the network unencrypted; use https \
             (http is allowed only to this machine: localhost, 127.0.0.1, [::1])",
            if with_token { " and the token" } else { "" }
        ))),
        _ => Err(CliError::Usage(format!(
            "`{}` is not a FHIR server's base URL; expected one such as https://ehr.example/fhir/R4",
            crate::model::text::sanitize(url)
        ))),
    }
}

/// Each entry's `response.status` from a transaction-response, checking it answers every entry.
fn entry_statuses(body: &Value, sent: usize) -> Result<Vec<String>, CliError> {
    let entries = body["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
    if body["type"] != "transaction-response" || entries.len() != sent {
        return Err(CliError::Output(format!(
            "the server's answer is not a transaction-response for the {sent} entries sent (type {}, {} entries); \
             check what the server stored before relying on it",
            body["type"],
            entries.len()
        )));
    }
    Ok(entries.iter().map(|e| e["response"]["status"].as_str().unwrap_or("?").to_string()).collect())
}

/// `Patient/<id>` or `Patient/<id>/_history/<v>`, absolute or not: the id.
fn patient_id(location: &str) -> Option<&str> {
    let after = location.rsplit_once("Patient/").map(|(_, rest)| rest)?;
    let id = after.split('/').next()?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')).then_some(id)
}

/// Every resource a search finds, following the server's next pages.
fn search(client: &FhirClient, query: &str) -> Result<Vec<Value>, CliError> {
    let mut found = Vec::new();
    let mut next = Some(query.to_string());
    let mut pages = 0;
    while let Some(url) = next.take() {
        pages += 1;
        let answer = client.get(&url)?;
        if !(200..300).contains(&answer.status) {
            return Err(CliError::Output(format!(
                "{}: the search {url} was refused (HTTP {}): {}; the cases were stored, but the open items \
                 there could not be checked",
                client.base(),
                answer.status,
                outcome_text(&answer.body)
            )));
        }
        for e in answer.body["entry"].as_array().map(Vec::as_slice).unwrap_or_default() {
            found.push(e["resource"].clone());
        }
        let link = answer.body["link"].as_array().and_then(|l| l.iter().find(|l| l["relation"] == "next").cloned());
        next = link.and_then(|l| l["url"].as_str().map(str::to_string));
        if pages >= MAX_PAGES {
            break;
        }
    }
    Ok(found)
}

/// The report for scripts (docs/json.md, "sync fhir").
fn report_json(base: &str, patients: usize, resources: usize, t: &Tally, left_out: Vec<String>) -> Value {
    json!({
        "server": base,
        "patients": patients,
        "resources": resources,
        "created": t.created,
        "updated": t.updated,
        "other": t.other,
        "closed_flags": t.closed_flags,
        "closed_tasks": t.closed_tasks,
        "left_out": left_out,
    })
}

fn report(args: &SyncArgs, base: &str, patients: usize, resources: usize, t: &Tally, skipped: &[crate::ward::WardRow]) {
    let left_out: Vec<String> = skipped.iter().map(|r| r.entry.file.to_string()).collect();
    match args.format {
        Format::Json => {
            let value = report_json(base, patients, resources, t, left_out);
            push(&format!("{value:#}\n"));
        }
        Format::Text => {
            outln!(
                "sent {patients} patient{} to {base}: {resources} resources ({} created, {} updated{})",
                if patients == 1 { "" } else { "s" },
                t.created,
                t.updated,
                if t.other > 0 { format!(", {} other", t.other) } else { String::new() }
            );
            if t.closed_flags + t.closed_tasks > 0 {
                outln!(
                    "closed on the server, no longer open in cordwatch: {} flag{}, {} task{}",
                    t.closed_flags,
                    if t.closed_flags == 1 { "" } else { "s" },
                    t.closed_tasks,
                    if t.closed_tasks == 1 { "" } else { "s" }
                );
            } else {
                outln!("the server's open items were already cordwatch's: nothing to close");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_goes_only_to_this_machine() {
        assert!(check_url("https://ehr.example/fhir/R4", true).is_ok());
        assert!(check_url("http://127.0.0.1:8103", true).is_ok());
        assert!(check_url("http://localhost/fhir", false).is_ok());
        assert!(check_url("http://[::1]:8080/", true).is_ok());
        let err = check_url("http://ehr.example/fhir", true).expect_err("clear text over the network");
        assert!(err.to_string().contains("and the token"), "{err}");
        assert!(check_url("http://127.0.0.1.evil.example/", false).is_err(), "a name, not the loopback address");
        assert!(check_url("ehr.example/fhir", false).is_err());
        assert!(check_url("ftp://ehr.example/", false).is_err());
        assert!(check_url("http://localhost@ehr.example/", true).is_err(), "the host is after the @");
    }

    #[test]
    fn docs_json_lists_every_field_of_the_sync_report() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).expect("docs");
        let section = doc.split("## `sync fhir URL --format json`").nth(1).expect("a section for sync");
        let value = report_json("https://x", 1, 2, &Tally::default(), Vec::new());
        for key in value.as_object().expect("object").keys() {
            assert!(section.contains(&format!("| `{key}` |")), "docs/json.md does not list `{key}`");
        }
    }

    #[test]
    fn the_patients_id_is_read_from_where_the_server_stored_it() {
        assert_eq!(patient_id("Patient/abc-1/_history/2"), Some("abc-1"));
        assert_eq!(patient_id("https://ehr.example/fhir/Patient/9"), Some("9"));
        assert_eq!(patient_id("Patient/"), None);
        assert_eq!(patient_id("Flag/1"), None);
    }

    #[test]
    fn an_answer_that_does_not_answer_every_entry_is_an_error() {
        let ok = json!({ "type": "transaction-response", "entry": [{ "response": { "status": "201 Created" } }] });
        assert_eq!(entry_statuses(&ok, 1).expect("ok"), vec!["201 Created".to_string()]);
        assert!(entry_statuses(&ok, 2).is_err());
        assert!(entry_statuses(&json!({ "resourceType": "OperationOutcome" }), 1).is_err());
    }
}
