//! The HTTP side of `sync fhir`: one agent with TLS checked against the system's trust store,
//! a bearer token when one is given, and answers read as FHIR JSON whatever their status, so a
//! server's OperationOutcome reaches the user.

use std::time::Duration;

use serde_json::Value;
use ureq::Agent;
use ureq::tls::{RootCerts, TlsConfig};

use super::CliError;

/// The largest answer read: a transaction response for a whole ward is a few megabytes.
const MAX_ANSWER: u64 = 256 * 1024 * 1024;

pub struct FhirClient {
    agent: Agent,
    base: String,
    token: Option<String>,
}

/// A server's answer: its HTTP status and its body as JSON.
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl FhirClient {
    /// A client of the server at `base` (its FHIR base URL, no trailing `/`).
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> FhirClient {
        let tls = TlsConfig::builder().root_certs(RootCerts::PlatformVerifier).build();
        let agent: Agent = Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .tls_config(tls)
            .user_agent(concat!("cordwatch/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        FhirClient { agent, base: base.trim_end_matches('/').to_string(), token }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// POSTs a transaction or batch to the base URL.
    pub fn post_bundle(&self, bundle: &str) -> Result<Answer, CliError> {
        let mut request = self.agent.post(&self.base).header("Content-Type", "application/fhir+json");
        request = request.header("Accept", "application/fhir+json");
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let response = request.send(bundle).map_err(|e| self.unreachable(e))?;
        self.read(response)
    }

    /// GETs `path` (relative to the base) or an absolute URL the server gave (a next page).
    pub fn get(&self, path_or_url: &str) -> Result<Answer, CliError> {
        let url = if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            path_or_url.to_string()
        } else {
            format!("{}/{path_or_url}", self.base)
        };
        let mut request = self.agent.get(&url).header("Accept", "application/fhir+json");
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let response = request.call().map_err(|e| self.unreachable(e))?;
        self.read(response)
    }

    fn read(&self, mut response: ureq::http::Response<ureq::Body>) -> Result<Answer, CliError> {
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| CliError::Output(format!("{}: the answer could not be read: {e}", self.base)))?;
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Ok(Answer { status, body })
    }

    fn unreachable(&self, e: ureq::Error) -> CliError {
        CliError::Output(format!(
            "{}: {e}; nothing was changed on the server by this run if it could not be reached \
             (check the URL, the network and, for https, that the server's certificate is trusted \
             by this machine)",
            self.base
        ))
    }
}

/// What an OperationOutcome (or any other answer) says, in one line.
pub fn outcome_text(body: &Value) -> String {
    if let Some(issues) = body["issue"].as_array() {
        let said: Vec<String> = issues
            .iter()
            .map(|i| {
                let text = i["diagnostics"].as_str().or_else(|| i["details"]["text"].as_str()).unwrap_or("no details");
                format!("{}: {text}", i["severity"].as_str().unwrap_or("issue"))
            })
            .collect();
        return crate::model::text::sanitize(&said.join("; "));
    }
    let text = match body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    crate::model::text::sanitize(&text.chars().take(300).collect::<String>())
}
