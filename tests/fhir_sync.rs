//! `sync fhir` without a server: what it refuses before sending anything, the warning on the
//! default identifier system, and an unreachable server as an error. The round trip against a
//! real FHIR server is scripts/fhir-sync-check.sh (its result is in docs/fhir.md).

mod common;

use std::path::Path;

const NOW: &str = "2026-11-23 09:00";

fn ward(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("cases")).expect("cases");
    let now = cordwatch::model::Stamp::parse(NOW).expect("now");
    for (name, text) in cordwatch::demo::ward(now) {
        if name == "RXH1042331.yaml" {
            std::fs::write(data.join("cases").join(&name), text).expect("case");
        }
    }
    data
}

fn sync(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = common::command::isolated(dir);
    cmd.env_remove("CORDWATCH_FHIR_TOKEN").arg("--data").arg(data).args(["--now", NOW, "sync", "fhir"]).args(args);
    common::command::outcome(&mut cmd)
}

#[test]
fn sync_with_the_default_identifier_system_warns_and_an_unreachable_server_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    // Port 9 (discard) on this machine: nothing listens there.
    let (code, out, err) = sync(dir.path(), &data, &["http://127.0.0.1:9/fhir", "RXH1042331", "--timeout", "5"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("default identifier system"), "{err}");
    assert!(err.contains("http://127.0.0.1:9/fhir"), "the error names the server: {err}");
    assert!(!out.contains("sent"), "{out}");
}

#[test]
fn plain_http_across_the_network_and_a_token_option_are_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = ward(dir.path());
    let (code, _, err) = sync(dir.path(), &data, &["http://ehr.example/fhir", "RXH1042331"]);
    assert_eq!(code, 2);
    assert!(err.contains("use https"), "{err}");
    let (code, _, err) = sync(dir.path(), &data, &["https://ehr.example/fhir", "RXH1042331", "--token", "secret"]);
    assert_eq!(code, 2, "there is no option that takes the token itself: {err}");
    let (code, _, err) = sync(dir.path(), &data, &["https://ehr.example/fhir"]);
    assert_eq!(code, 2);
    assert!(err.contains("--all"), "{err}");
    let empty = dir.path().join("empty-token");
    std::fs::write(&empty, "\n").expect("token file");
    let (code, _, err) = sync(
        dir.path(),
        &data,
        &["https://ehr.example/fhir", "RXH1042331", "--token-file", empty.to_str().expect("path")],
    );
    assert_eq!(code, 2);
    assert!(err.contains("first line is empty"), "{err}");
}
