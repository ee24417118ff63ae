//! The inbox (`tacheron collect`), run as the real binary on loopback, against a real SQLite file
//! and a real PostgreSQL server started for the test: the same suite for both. Envelopes are
//! sealed as the extension seals them; the inbox never gets the private key.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "in a test, a panic is a failed test"
)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use tacheron::ledger::Ledger;
use tacheron::model::Platform;
use tacheron_inbox::toolkit::{InboxExport, open_all};
use tacheron_study::envelope::{generate_key_pair, seal};
use tacheron_study::manifest::{Manifest, parse_manifest};
use tacheron_study::{PortRng, from_hex, to_hex};

const STUDY: &str = "labour-2031";
const TOKEN: &str = "researcher-token-0123456789";

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("inbox", name)
}

struct Study {
    manifest: Manifest,
    private_key: [u8; 32],
}

fn new_study(id: &str) -> Study {
    let (private_key, public) = generate_key_pair(&mut PortRng::new(&common::fresh_random()));
    let text = serde_json::json!({
        "format": "tacheron-study", "id": id, "version": 1, "title": "Unpaid clicks",
        "institution": "Université Exemple", "contact": "study@univ.example",
        "purpose": "Totals only.", "ethics_approval": "CER-2026-117",
        "endpoint": "https://127.0.0.1:8443/v1/reports", "schedule": "weekly",
        "fields": { "kinds": ["reaction"], "platforms": ["youtube"], "estimated_time": true },
        "public_key": to_hex(&public), "start": "2031-01-06", "end": "2031-03-30"
    })
    .to_string();
    Study {
        manifest: parse_manifest(&text, common::date("2031-01-06")).expect("valid"),
        private_key,
    }
}

/// A participant's report of the first week, sealed: (preview, envelope).
fn sealed_report(study: &Study, likes: u32) -> (String, Vec<u8>) {
    let mut ledger = Ledger::new();
    common::likes(&mut ledger, "2031-01-08", Platform::Youtube, likes);
    let sealed = common::sealed_report(&study.manifest, &ledger, "2031-01-06", "2031-01-12");
    (sealed.preview, sealed.envelope)
}

/// `tacheron collect`, stopped when dropped.
struct RunningInbox {
    child: Child,
    address: String,
}

impl RunningInbox {
    fn start(database: &str, dir: &Path, per_hour: u32) -> RunningInbox {
        let token = dir.join("token");
        std::fs::write(&token, TOKEN).expect("written");
        let mut child = Command::new(env!("CARGO_BIN_EXE_tacheron"))
            .args([
                "collect",
                "--listen",
                "127.0.0.1:0",
                "--database",
                database,
                "--study",
                STUDY,
            ])
            .args([
                "--max-bytes",
                "4096",
                "--per-client-per-hour",
                &per_hour.to_string(),
            ])
            .arg("--export-token-file")
            .arg(&token)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the inbox starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the inbox says where it listens");
        let address = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        RunningInbox { child, address }
    }
}

impl Drop for RunningInbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.1 exchange: (status, headers in lower case, body).
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("JSON body: {}", self.body))
    }
}

fn http(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(address)?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}

fn post(inbox: &RunningInbox, envelope: &[u8], origin: Option<&str>) -> Reply {
    let mut headers = vec![("Content-Type", "application/octet-stream")];
    if let Some(origin) = origin {
        headers.push(("Origin", origin));
    }
    http(&inbox.address, "POST", "/v1/reports", &headers, envelope).expect("the inbox answers")
}

fn exported(inbox: &RunningInbox) -> InboxExport {
    let auth = format!("Bearer {TOKEN}");
    let reply = http(
        &inbox.address,
        "GET",
        &format!("/v1/studies/{STUDY}/export"),
        &[("Authorization", &auth)],
        b"",
    )
    .expect("the inbox answers");
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("an inbox export")
}

/// The suite both stores pass.
fn inbox_suite(database: &str, dir: &Path) {
    let study = new_study(STUDY);
    let inbox = RunningInbox::start(database, dir, 1000);

    // A report from the extension's service worker is stored; the answer is readable there.
    let (preview, envelope) = sealed_report(&study, 4);
    let stored = post(
        &inbox,
        &envelope,
        Some("chrome-extension://abcdefghijklmnop"),
    );
    assert_eq!(stored.status, 201, "{}", stored.body);
    assert_eq!(stored.json()["status"], "stored");
    assert_eq!(
        stored.header("access-control-allow-origin"),
        Some("chrome-extension://abcdefghijklmnop")
    );
    // The extension reads Retry-After across origins only if the inbox exposes it.
    assert_eq!(
        stored.header("access-control-expose-headers"),
        Some("Retry-After")
    );

    // A retried upload of the same envelope is stored once; another envelope under the same
    // report id is refused.
    let again = post(&inbox, &envelope, None);
    assert_eq!(
        (again.status, again.json()["status"].clone()),
        (200, "already-stored".into())
    );
    let report_id: [u8; 16] = from_hex(stored.json()["report_id"].as_str().expect("id"))
        .expect("hex")
        .try_into()
        .expect("16 bytes");
    let public =
        tacheron_study::manifest::public_key_bytes(&study.manifest.public_key).expect("key");
    let replay = seal(
        STUDY,
        &public,
        report_id,
        b"another report",
        &mut PortRng::new(&common::fresh_random()),
    )
    .expect("sealed");
    let refused = post(&inbox, &replay, None);
    assert_eq!(
        (refused.status, refused.json()["error"].clone()),
        (409, "report-id-reused".into())
    );

    // Another study, a malformed body, an oversized body.
    let other = new_study("other-study");
    let wrong_study = post(&inbox, &sealed_report(&other, 1).1, None);
    assert_eq!(
        (wrong_study.status, wrong_study.json()["error"].clone()),
        (404, "unknown-study".into())
    );
    let malformed = post(&inbox, b"{\"report\": 1}", None);
    assert_eq!(
        (malformed.status, malformed.json()["error"].clone()),
        (400, "malformed".into())
    );
    let mut oversized = envelope.clone();
    oversized.resize(5000, 0);
    let too_large = post(&inbox, &oversized, None);
    assert_eq!(
        (too_large.status, too_large.json()["error"].clone()),
        (413, "too-large".into())
    );

    // CORS: extension origins may post and read; web pages get no permission.
    let preflight = http(
        &inbox.address,
        "OPTIONS",
        "/v1/reports",
        &[
            ("Origin", "moz-extension://0f1e2d3c"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .expect("answers");
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("moz-extension://0f1e2d3c")
    );
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("POST")
    );
    let from_web = post(
        &inbox,
        &sealed_report(&study, 1).1,
        Some("https://evil.example"),
    );
    assert_eq!(from_web.status, 201);
    assert_eq!(from_web.header("access-control-allow-origin"), None);

    // The export needs the token; what it gives opens with the private key only.
    let anonymous = http(
        &inbox.address,
        "GET",
        &format!("/v1/studies/{STUDY}/export"),
        &[],
        b"",
    )
    .expect("answers");
    assert_eq!(anonymous.status, 401);
    let export = exported(&inbox);
    assert_eq!(export.envelopes.len(), 2);
    let opened = open_all(
        &study.manifest,
        &study.private_key,
        &export.envelope_bytes().expect("base64"),
    );
    assert!(opened.refused.is_empty(), "{:?}", opened.refused);
    assert_eq!(
        opened.reports[0], preview,
        "what was previewed is what the researcher reads"
    );

    // The inbox down, then up again on the same store: a queued report is delivered once.
    let address = inbox.address.clone();
    drop(inbox);
    assert!(
        http(&address, "POST", "/v1/reports", &[], &envelope).is_err(),
        "the inbox is down"
    );
    let (_, queued) = sealed_report(&study, 7);
    let inbox = RunningInbox::start(database, dir, 1000);
    assert_eq!(post(&inbox, &queued, None).status, 201);
    assert_eq!(post(&inbox, &queued, None).status, 200);
    assert_eq!(
        post(&inbox, &envelope, None).status,
        200,
        "stored before the restart"
    );
    assert_eq!(exported(&inbox).envelopes.len(), 3);

    // The command-line export reads the same store.
    let cli = Command::new(env!("CARGO_BIN_EXE_tacheron"))
        .args(["collect", "--database", database, "--export", STUDY])
        .output()
        .expect("runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let export: InboxExport = serde_json::from_slice(&cli.stdout).expect("an inbox export");
    assert_eq!(export.envelopes.len(), 3);
}

#[test]
fn the_inbox_on_a_sqlite_file() {
    let dir = temp_dir("sqlite");
    let database = format!("sqlite:{}", dir.join("inbox.sqlite3").display());
    inbox_suite(&database, &dir);
    assert!(dir.join("inbox.sqlite3").exists());
}

#[test]
fn the_inbox_on_a_postgresql_server() {
    let dir = temp_dir("postgres");
    let server = postgres_server::TempPostgres::start(&dir);
    inbox_suite(&server.url(), &dir);

    // The database down while the inbox runs: the report is refused with 503 (the extension keeps
    // it queued); the database back: the same report is stored.
    let study = new_study(STUDY);
    let inbox = RunningInbox::start(&server.url(), &dir, 1000);
    server.stop();
    let (_, envelope) = sealed_report(&study, 2);
    let down = post(&inbox, &envelope, None);
    assert_eq!(
        (down.status, down.json()["error"].clone()),
        (503, "store-unavailable".into())
    );
    assert_eq!(down.header("retry-after"), Some("60"));
    server.start_again();
    assert_eq!(post(&inbox, &envelope, None).status, 201);
    assert_eq!(exported(&inbox).envelopes.len(), 4);
}

#[test]
fn each_client_is_rate_limited() {
    let dir = temp_dir("rate");
    let database = format!("sqlite:{}", dir.join("inbox.sqlite3").display());
    let inbox = RunningInbox::start(&database, &dir, 3);
    for _ in 0..3 {
        assert_eq!(post(&inbox, b"not an envelope", None).status, 400);
    }
    let limited = post(&inbox, b"not an envelope", None);
    assert_eq!(
        (limited.status, limited.json()["error"].clone()),
        (429, "rate-limited".into())
    );
    assert_eq!(limited.header("retry-after"), Some("1200"));
}

#[path = "support/postgres_server.rs"]
mod postgres_server;
