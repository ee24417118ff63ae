//! `tacheron collect …`: the researcher's inbox — serves the HTTP API of docs/inbox-api.md, or
//! exports a study's sealed envelopes from the store for `tacheron study decrypt`.

use std::io::Write as _;
use tacheron_inbox::server::{Config, Inbox, Listener};
use tacheron_inbox::store::open_store;
use tacheron_inbox::toolkit::InboxExport;
use tacheron_study::manifest::{Manifest, is_study_id};

pub const USAGE: &str = "\
  tacheron collect [--listen ADDR] [--database URL] (--study ID | --manifest FILE) ...
        [--max-bytes N] [--per-client-per-hour N] [--export-token-file FILE]
        [--client-ip-header NAME]
      the inbox: takes sealed reports for these studies at POST /v1/reports
      (ADDR default 127.0.0.1:8080; URL sqlite:PATH (default sqlite:inbox.sqlite3) or
      postgres://USER@HOST:PORT/DB; N default 65536 bytes and 60 requests)
  tacheron collect --database URL --export ID [--out FILE]
      a study's sealed envelopes as an inbox export (JSON), for `tacheron study decrypt`";

/// Runs `tacheron collect ARGS`: serves until stopped, or prints an export.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut listen = "127.0.0.1:8080".to_owned();
    let mut database = "sqlite:inbox.sqlite3".to_owned();
    let mut studies = Vec::new();
    let mut config = Config {
        studies: Vec::new(),
        max_envelope_bytes: 65_536,
        per_client_per_hour: 60,
        export_token: None,
        client_ip_header: None,
    };
    let mut export = None;
    let mut out = None;
    let mut items = args.iter();
    while let Some(flag) = items.next() {
        let value = items
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?
            .clone();
        let number = |value: &str| {
            value
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{flag}: not a positive number: {value}"))
        };
        match flag.as_str() {
            "--listen" => listen = value,
            "--database" => database = value,
            "--study" => studies.push(value),
            "--manifest" => {
                let text =
                    std::fs::read_to_string(&value).map_err(|error| format!("{value}: {error}"))?;
                let manifest: Manifest =
                    serde_json::from_str(&text).map_err(|error| format!("{value}: {error}"))?;
                manifest
                    .check_fields()
                    .map_err(|error| format!("{value}: {error}"))?;
                studies.push(manifest.id);
            }
            "--max-bytes" => config.max_envelope_bytes = number(&value)? as usize,
            "--per-client-per-hour" => config.per_client_per_hour = number(&value)?,
            "--export-token-file" => {
                let token =
                    std::fs::read_to_string(&value).map_err(|error| format!("{value}: {error}"))?;
                let token = token.trim().to_owned();
                if token.len() < 16 {
                    return Err(format!(
                        "{value}: an export token has 16 characters or more"
                    ));
                }
                config.export_token = Some(token);
            }
            "--client-ip-header" => config.client_ip_header = Some(value),
            "--export" => export = Some(value),
            "--out" => out = Some(value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if let Some(bad) = studies.iter().find(|id| !is_study_id(id)) {
        return Err(format!("not a study id: {bad:?}"));
    }
    let mut store = open_store(&database).map_err(|error| error.to_string())?;
    if let Some(study) = export {
        let envelopes = store.export(&study).map_err(|error| error.to_string())?;
        let export = InboxExport::new(
            &study,
            envelopes.into_iter().map(|e| (e.received_ms, e.envelope)),
        );
        let text = serde_json::to_string(&export).map_err(|error| error.to_string())?;
        return match out {
            Some(path) => {
                std::fs::write(&path, text).map_err(|error| format!("{path}: {error}"))?;
                Ok(format!(
                    "{} envelopes written to {path}",
                    export.envelopes.len()
                ))
            }
            None => Ok(text),
        };
    }
    if studies.is_empty() {
        return Err("collect: name the studies with --study or --manifest".to_owned());
    }
    config.studies = studies;
    let listener = Listener::bind(&listen)?;
    let address = listener.address().unwrap_or_else(|| listen.clone());
    announce(&format!("listening on http://{address}"));
    Inbox::new(store, config).serve(&listener);
    Ok("stopped".to_owned())
}

/// The first line on standard output once the port is bound (tests and scripts wait for it).
fn announce(line: &str) {
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}
