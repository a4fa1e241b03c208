//! Keeping a server in step: of the Flags and Tasks a server holds for a patient, those that
//! cordwatch wrote (they carry its item identifier), that the server still has open, and that
//! cordwatch no longer has open, are written back closed. Pure: handed what the server returned,
//! the transaction just sent and the case; `sync` does the asking and the sending.
//!
//! A resource another system wrote is never touched, whatever it says: only the identifier
//! system [`codes::ITEM_SYSTEM`] marks one as cordwatch's.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::bundle::Bundle;
use super::codes;
use crate::model::{Case, Stamp};

/// Task statuses that are over: a server need not be told again.
const TASK_DONE: [&str; 5] = ["completed", "cancelled", "failed", "rejected", "entered-in-error"];

/// The ids of every resource in the bundle: what cordwatch says now, open or closed.
pub fn sent_ids(bundle: &Bundle) -> BTreeSet<String> {
    bundle.entry.iter().filter_map(|e| e.resource.id()).map(|id| id.as_str().to_string()).collect()
}

/// cordwatch's own name for an item (`<case>/task/<rule>/<raised>`), when the resource has one.
fn item_name(resource: &Value) -> Option<&str> {
    resource["identifier"]
        .as_array()?
        .iter()
        .find(|i| i["system"] == codes::ITEM_SYSTEM)
        .and_then(|i| i["value"].as_str())
}

/// Whether the server still shows the resource as open.
fn open_on_server(resource: &Value) -> bool {
    match resource["resourceType"].as_str() {
        Some("Flag") => resource["status"] == "active",
        Some("Task") => resource["status"].as_str().is_some_and(|s| !TASK_DONE.contains(&s)),
        _ => false,
    }
}

/// The server's copies of the items cordwatch wrote and no longer has open (not in `sent`),
/// each changed to say it is closed, ready to PUT back. `found` is every Flag and Task the
/// server returned for the patient of `case`; `now_text` is the moment as FHIR writes it.
pub fn stale(found: &[Value], sent: &BTreeSet<String>, case: &Case, now: Stamp, now_text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for resource in found {
        let Some(name) = item_name(resource) else { continue };
        let Some(id) = resource["id"].as_str() else { continue };
        if sent.contains(id) || !open_on_server(resource) {
            continue;
        }
        let mut closed = resource.clone();
        if let Some(map) = closed.as_object_mut() {
            // The server's own bookkeeping; it sets it again on the update.
            map.remove("meta");
        }
        let reason = format!("no longer open in cordwatch at {now_text}");
        if closed["resourceType"] == "Flag" {
            closed["status"] = json!("inactive");
            closed["period"]["end"] = json!(now_text);
        } else {
            closed["status"] = json!(task_status(name, case, now));
            closed["statusReason"] = json!({ "text": reason });
        }
        out.push(closed);
    }
    out
}

/// How an item cordwatch no longer lists ended: `completed` when the case shows it was done (a
/// review on that day, an exam after the one it followed), else `cancelled` with the reason that
/// it left cordwatch's list. A pathway step or schedule item leaves the list when what it asks
/// for is recorded, or when it no longer applies (an MRI excluded the compression a steroid step
/// was for): a server told `completed` would read the steroids as given, so it is told only
/// `cancelled`, the safer error, and the case itself says which.
fn task_status(name: &str, case: &Case, now: Stamp) -> &'static str {
    // <case>/task/<rule>/<raised>: the rule and the moment follow the kind.
    let mut parts = name.splitn(4, '/').skip(2);
    let (rule, raised) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let answered = match rule {
        "daily-review" => {
            crate::model::Date::parse(raised).is_ok_and(|day| case.reviews.iter().any(|r| r.at.date() == day))
        }
        "not-examined" => match Stamp::parse_or_date(raised) {
            Ok(last) => case.exams.iter().any(|e| e.at > last && e.at <= now),
            Err(_) => case.exams.iter().any(|e| e.at <= now),
        },
        _ => false,
    };
    if answered { "completed" } else { "cancelled" }
}

/// A transaction that PUTs each resource back on its own id.
pub fn closing_transaction(resources: Vec<Value>, timestamp: &str) -> Value {
    let entry: Vec<Value> = resources
        .into_iter()
        .map(|r| {
            let url = format!("{}/{}", r["resourceType"].as_str().unwrap_or_default(), r["id"].as_str().unwrap_or_default());
            json!({ "fullUrl": format!("urn:uuid:{}", r["id"].as_str().unwrap_or_default()), "resource": r, "request": { "method": "PUT", "url": url } })
        })
        .collect();
    json!({ "resourceType": "Bundle", "type": "transaction", "timestamp": timestamp, "entry": entry })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(extra: &str) -> Case {
        serde_yaml::from_str(&format!("id: RX1\nname: A\nstatus: inpatient\n{extra}")).expect("case")
    }

    fn task(id: &str, name: &str, status: &str) -> Value {
        json!({ "resourceType": "Task", "id": id, "status": status, "meta": { "versionId": "3" },
                "identifier": [{ "system": codes::ITEM_SYSTEM, "value": name }] })
    }

    fn now() -> Stamp {
        Stamp::parse("2026-11-23 09:00").expect("now")
    }

    #[test]
    fn only_cordwatchs_open_items_that_it_no_longer_sends_are_closed() {
        let c = case("reviews:\n  - { at: \"2026-11-22 10:00\" }\n");
        let found = vec![
            task("a", "RX1/task/daily-review/2026-11-22", "ready"),
            task("b", "RX1/task/daily-review/2026-11-21", "in-progress"),
            task("c", "RX1/task/mscc-neuro/2026-11-20 08:00", "ready"),
            task("d", "RX1/task/daily-review/2026-11-20", "completed"),
            json!({ "resourceType": "Task", "id": "e", "status": "ready" }),
            json!({ "resourceType": "Flag", "id": "f", "status": "active",
                    "identifier": [{ "system": codes::ITEM_SYSTEM, "value": "RX1/flag/mscc-neuro/x" }] }),
            json!({ "resourceType": "Flag", "id": "g", "status": "active",
                    "identifier": [{ "system": "urn:other", "value": "RX1/flag/mscc-neuro/x" }] }),
        ];
        let sent: BTreeSet<String> = ["c".to_string()].into();
        let closed = stale(&found, &sent, &c, now(), "2026-11-23T09:00:00Z");
        let by_id: Vec<(&str, &str)> =
            closed.iter().map(|r| (r["id"].as_str().expect("id"), r["status"].as_str().expect("status"))).collect();
        // a: reviewed that day; b: the day passed without one; c: still sent; d: already done;
        // e and g: not cordwatch's; f: a flag no longer open.
        assert_eq!(by_id, vec![("a", "completed"), ("b", "cancelled"), ("f", "inactive")]);
        assert!(closed.iter().all(|r| r.get("meta").is_none()), "the server's bookkeeping is not sent back");
        assert_eq!(closed[2]["period"]["end"], "2026-11-23T09:00:00Z");
        assert!(closed[0]["statusReason"]["text"].as_str().is_some_and(|t| t.contains("no longer open")));
    }

    #[test]
    fn an_owed_exam_is_completed_by_a_later_exam_and_lapses_without_one() {
        let examined = case("exams:\n  - { at: \"2026-11-22 08:00\", motor: normal }\n");
        assert_eq!(task_status("RX1/task/not-examined/never", &examined, now()), "completed");
        assert_eq!(task_status("RX1/task/not-examined/2026-11-20 08:00", &examined, now()), "completed");
        assert_eq!(task_status("RX1/task/not-examined/2026-11-22 08:00", &examined, now()), "cancelled");
        assert_eq!(task_status("RX1/task/steroids-start/2026-11-20 08:00", &examined, now()), "cancelled");
    }

    #[test]
    fn the_closing_transaction_puts_each_resource_on_its_own_id() {
        let tx = closing_transaction(vec![task("a", "RX1/task/x/y", "completed")], "2026-11-23T09:00:00Z");
        assert_eq!(tx["type"], "transaction");
        assert_eq!(tx["entry"][0]["request"]["method"], "PUT");
        assert_eq!(tx["entry"][0]["request"]["url"], "Task/a");
    }
}
