//! The inbox's HTTP API on `tiny_http` (docs/inbox-api.md): one request at a time, in the order
//! received, so that the store needs no locking and an answer always follows a committed write.

use crate::rate::RateLimit;
use crate::store::{Store, Stored};
use crate::toolkit::InboxExport;
use std::io::Read as _;
use std::net::IpAddr;
use tacheron_study::envelope::Envelope;
use tiny_http::{Header, Method, Request, Response};

/// How the inbox runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The studies it takes reports for (their ids).
    pub studies: Vec<String>,
    /// The largest envelope accepted, in bytes.
    pub max_envelope_bytes: usize,
    /// Requests a client may make per hour.
    pub per_client_per_hour: u32,
    /// The bearer token of the export endpoint; without one the endpoint is off.
    pub export_token: Option<String>,
    /// A header naming the client's address, set by the reverse proxy in front (`X-Real-IP`);
    /// without one, the connection's address is the client's.
    pub client_ip_header: Option<String>,
}

/// The path reports are posted to.
pub const REPORTS_PATH: &str = "/v1/reports";

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// An answer: status, JSON body and extra headers.
struct Answer {
    status: u16,
    body: String,
    headers: Vec<Header>,
}

impl Answer {
    fn json(status: u16, body: serde_json::Value) -> Answer {
        Answer {
            status,
            body: body.to_string(),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, code: &str, message: impl Into<String>) -> Answer {
        Answer::json(
            status,
            serde_json::json!({ "error": code, "message": message.into() }),
        )
    }

    fn with_header(mut self, name: &str, value: &str) -> Answer {
        self.headers.extend(header(name, value));
        self
    }
}

fn header_value<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// The inbox's listening socket, bound before it serves (so that the address can be announced).
pub struct Listener(tiny_http::Server);

impl Listener {
    /// Binds `address` (`127.0.0.1:8080`; port 0 takes a free one).
    pub fn bind(address: &str) -> Result<Listener, String> {
        tiny_http::Server::http(address)
            .map(Listener)
            .map_err(|error| format!("{address}: {error}"))
    }

    /// The address bound, when it is an IP address.
    pub fn address(&self) -> Option<String> {
        self.0.server_addr().to_ip().map(|a| a.to_string())
    }
}

/// The inbox: its store, its configuration and the clients' rate buckets.
pub struct Inbox {
    store: Box<dyn Store>,
    config: Config,
    rate: RateLimit,
}

impl Inbox {
    /// An inbox on `store`.
    pub fn new(store: Box<dyn Store>, config: Config) -> Inbox {
        Inbox {
            rate: RateLimit::new(config.per_client_per_hour),
            store,
            config,
        }
    }

    /// Answers requests until the server stops.
    pub fn serve(&mut self, listener: &Listener) {
        for request in listener.0.incoming_requests() {
            self.answer(request);
        }
    }

    fn client(&self, request: &Request) -> Option<IpAddr> {
        if let Some(name) = &self.config.client_ip_header {
            return header_value(request, name).and_then(|value| value.trim().parse().ok());
        }
        request.remote_addr().map(|address| address.ip())
    }

    fn answer(&mut self, mut request: Request) {
        // Extension pages and service workers post from their own origin; browsers let them read
        // the answer when it names that origin. Web pages get no such header.
        let origin = header_value(&request, "Origin")
            .filter(|o| o.starts_with("chrome-extension://") || o.starts_with("moz-extension://"))
            .map(str::to_owned);
        let path = request
            .url()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        let answer = match (request.method(), path.as_str()) {
            (Method::Options, REPORTS_PATH) => Answer {
                status: 204,
                body: String::new(),
                headers: Vec::new(),
            }
            .with_header("Access-Control-Allow-Methods", "POST")
            .with_header("Access-Control-Allow-Headers", "Content-Type")
            .with_header("Access-Control-Max-Age", "86400"),
            (Method::Post, REPORTS_PATH) => self.receive(&mut request),
            (Method::Get, "/v1/health") => Answer::json(200, serde_json::json!({ "status": "ok" })),
            (Method::Get, _) if path.starts_with("/v1/studies/") && path.ends_with("/export") => {
                self.export(&request, &path)
            }
            (_, REPORTS_PATH) => Answer::error(405, "method-not-allowed", "POST an envelope"),
            _ => Answer::error(404, "not-found", "no such endpoint"),
        };
        let mut response = Response::from_string(answer.body).with_status_code(answer.status);
        let mut headers = answer.headers;
        if answer.status != 204 {
            headers.extend(header("Content-Type", "application/json"));
        }
        if let Some(origin) = origin {
            headers.extend(header("Access-Control-Allow-Origin", &origin));
            // The extension waits as long as a 429 or 503 asks: it must be able to read it.
            headers.extend(header("Access-Control-Expose-Headers", "Retry-After"));
            headers.extend(header("Vary", "Origin"));
        }
        for extra in headers {
            response.add_header(extra);
        }
        // A client that went away before its answer changes nothing stored.
        let _ = request.respond(response);
    }

    fn receive(&mut self, request: &mut Request) -> Answer {
        let Some(client) = self.client(request) else {
            return Answer::error(400, "no-client-address", "the client's address is unknown");
        };
        if !self.rate.allow(client, now_ms()) {
            let wait = 3600 / self.config.per_client_per_hour.max(1);
            return Answer::error(429, "rate-limited", "too many reports from this address")
                .with_header("Retry-After", &wait.to_string());
        }
        let max = self.config.max_envelope_bytes;
        if request.body_length().is_some_and(|length| length > max) {
            return Answer::error(
                413,
                "too-large",
                format!("an envelope is at most {max} bytes"),
            );
        }
        let mut body = Vec::new();
        let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
        if request
            .as_reader()
            .take(limit)
            .read_to_end(&mut body)
            .is_err()
        {
            return Answer::error(400, "unreadable", "the body could not be read");
        }
        if body.len() > max {
            return Answer::error(
                413,
                "too-large",
                format!("an envelope is at most {max} bytes"),
            );
        }
        let envelope = match Envelope::parse(&body) {
            Ok(envelope) => envelope,
            Err(message) => return Answer::error(400, "malformed", message),
        };
        if !self.config.studies.contains(&envelope.study) {
            return Answer::error(
                404,
                "unknown-study",
                format!("this inbox takes no reports for {:?}", envelope.study),
            );
        }
        let report_id = envelope.report_id_hex();
        match self
            .store
            .insert(&envelope.study, &report_id, &body, now_ms())
        {
            Ok(Stored::New) => Answer::json(
                201,
                serde_json::json!({ "status": "stored", "report_id": report_id }),
            ),
            Ok(Stored::Duplicate) => Answer::json(
                200,
                serde_json::json!({ "status": "already-stored", "report_id": report_id }),
            ),
            Ok(Stored::ReportIdReused) => Answer::error(
                409,
                "report-id-reused",
                format!("another report with id {report_id} is already stored"),
            ),
            Err(error) => {
                Answer::error(503, "store-unavailable", error.0).with_header("Retry-After", "60")
            }
        }
    }

    fn export(&mut self, request: &Request, path: &str) -> Answer {
        let study = path
            .trim_start_matches("/v1/studies/")
            .trim_end_matches("/export");
        let Some(token) = &self.config.export_token else {
            return Answer::error(404, "not-found", "the export endpoint is off");
        };
        let expected = format!("Bearer {token}");
        let given = header_value(request, "Authorization").unwrap_or_default();
        if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            return Answer::error(401, "unauthorized", "a valid bearer token is needed")
                .with_header("WWW-Authenticate", "Bearer");
        }
        if !self.config.studies.iter().any(|s| s == study) {
            return Answer::error(404, "unknown-study", format!("no study {study:?} here"));
        }
        match self.store.export(study) {
            Ok(envelopes) => {
                let export = InboxExport::new(
                    study,
                    envelopes.into_iter().map(|e| (e.received_ms, e.envelope)),
                );
                match serde_json::to_value(&export) {
                    Ok(value) => Answer::json(200, value),
                    Err(error) => Answer::error(500, "internal", error.to_string()),
                }
            }
            Err(error) => Answer::error(503, "store-unavailable", error.0),
        }
    }
}

/// Compares secrets without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
