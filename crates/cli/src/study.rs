//! `tacheron study …`: the researcher's toolkit — a key pair, a manifest, envelopes opened
//! offline with the private key, reports checked against the manifest and added up as CSV.

use std::io::Write as _;
use tacheron::date::{Instant, LocalDate};
use tacheron::ports::{Random, RandomError};
use tacheron_inbox::toolkit::{InboxExport, aggregate_csv, open_all, read_reports, verify};
use tacheron_study::envelope::{ENVELOPE_MAGIC, generate_key_pair};
use tacheron_study::manifest::{Manifest, parse_manifest, public_key_bytes};
use tacheron_study::{PortRng, from_hex, to_hex};

pub const USAGE: &str = "\
  tacheron study keygen --out PREFIX
      a study key pair: PREFIX.key (private, mode 0600, never overwritten) and PREFIX.pub
  tacheron study manifest --public-key FILE [--template FILE] [--id ID] [--version N]
        [--title T] [--institution I] [--contact C] [--purpose P] [--ethics-approval REF]
        [--endpoint URL] [--schedule daily|weekly|monthly] [--kinds K,K] [--platforms P,P]
        [--estimated-time] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--pseudonymous-id]
        [--participants-may-omit]
      print a checked study manifest (flags override the template's fields)
  tacheron study decrypt --manifest FILE --key FILE [--out FILE] INPUT ...
      open envelopes (files, or inbox exports) offline: one report a line
  tacheron study verify --manifest FILE REPORTS
      check that no report holds more than the manifest asks for
  tacheron study aggregate --manifest FILE [--out FILE] REPORTS
      CSV per period, platform and kind: participants, sum, mean, median";

/// Today's date in UTC, for checking that a study has not ended.
fn today() -> LocalDate {
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Instant {
        epoch_ms,
        utc_offset_minutes: 0,
    }
    .local_date()
}

fn read_text(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))
}

fn read_manifest(path: &str) -> Result<Manifest, String> {
    let text = read_text(path)?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|error| format!("{path}: {error}"))?;
    manifest
        .check_fields()
        .map_err(|error| format!("{path}: {error}"))?;
    Ok(manifest)
}

fn read_private_key(path: &str) -> Result<[u8; 32], String> {
    from_hex(read_text(path)?.trim())
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| format!("{path}: not a private key (64 hex digits)"))
}

/// Options as `--name value` pairs and `--flag`s, and the other arguments in order.
struct Args {
    values: Vec<(String, String)>,
    flags: Vec<String>,
    rest: Vec<String>,
}

impl Args {
    fn parse(args: &[String], flags: &[&str]) -> Result<Args, String> {
        let mut parsed = Args {
            values: Vec::new(),
            flags: Vec::new(),
            rest: Vec::new(),
        };
        let mut items = args.iter();
        while let Some(arg) = items.next() {
            if flags.contains(&arg.as_str()) {
                parsed.flags.push(arg.clone());
            } else if arg.starts_with("--") {
                let value = items.next().ok_or_else(|| format!("{arg} needs a value"))?;
                parsed.values.push((arg.clone(), value.clone()));
            } else {
                parsed.rest.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.value(name)
            .ok_or_else(|| format!("{name} is required"))
    }

    fn only(&self, known: &[&str]) -> Result<(), String> {
        match self
            .values
            .iter()
            .find(|(key, _)| !known.contains(&key.as_str()))
        {
            Some((key, _)) => Err(format!("unknown option {key}")),
            None => Ok(()),
        }
    }
}

/// Runs `tacheron study ARGS`; the text to print on success.
pub fn run(args: &[String]) -> Result<String, String> {
    let (command, rest) = args.split_first().ok_or("study: which command?")?;
    match command.as_str() {
        "keygen" => keygen(&Args::parse(rest, &[])?),
        "manifest" => manifest(&Args::parse(
            rest,
            &[
                "--estimated-time",
                "--pseudonymous-id",
                "--participants-may-omit",
            ],
        )?),
        "decrypt" => decrypt(&Args::parse(rest, &[])?),
        "verify" => verify_reports(&Args::parse(rest, &[])?),
        "aggregate" => aggregate(&Args::parse(rest, &[])?),
        other => Err(format!("unknown study command {other:?}")),
    }
}

/// The operating system's random source, for the study's key pair.
struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, bytes: &mut [u8]) -> Result<(), RandomError> {
        rand_core::TryRngCore::try_fill_bytes(&mut rand_core::OsRng, bytes)
            .map_err(|error| RandomError(error.to_string()))
    }
}

fn keygen(args: &Args) -> Result<String, String> {
    args.only(&["--out"])?;
    let prefix = args.required("--out")?;
    let mut rng = PortRng::new(&OsRandom);
    let (private, public) = generate_key_pair(&mut rng);
    rng.check()?;
    let private_path = format!("{prefix}.key");
    let public_path = format!("{prefix}.pub");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&private_path)
        .map_err(|error| format!("{private_path}: {error}"))?;
    writeln!(file, "{}", to_hex(&private)).map_err(|error| format!("{private_path}: {error}"))?;
    std::fs::write(&public_path, format!("{}\n", to_hex(&public)))
        .map_err(|error| format!("{public_path}: {error}"))?;
    Ok(format!(
        "private key: {private_path} (keep it offline; it alone opens the reports)\npublic key: {public_path} ({})",
        to_hex(&public)
    ))
}

fn manifest(args: &Args) -> Result<String, String> {
    const TEXTS: [(&str, &str); 8] = [
        ("--id", "id"),
        ("--title", "title"),
        ("--institution", "institution"),
        ("--contact", "contact"),
        ("--purpose", "purpose"),
        ("--ethics-approval", "ethics_approval"),
        ("--endpoint", "endpoint"),
        ("--schedule", "schedule"),
    ];
    let mut known: Vec<&str> = TEXTS.iter().map(|(flag, _)| *flag).collect();
    known.extend([
        "--template",
        "--public-key",
        "--version",
        "--kinds",
        "--platforms",
        "--start",
        "--end",
    ]);
    args.only(&known)?;
    let mut value = match args.value("--template") {
        Some(path) => {
            serde_json::from_str(&read_text(path)?).map_err(|error| format!("{path}: {error}"))?
        }
        None => {
            serde_json::json!({ "format": "tacheron-study", "version": 1, "schedule": "weekly" })
        }
    };
    let object = value
        .as_object_mut()
        .ok_or("the template is not a JSON object")?;
    for (flag, key) in TEXTS {
        if let Some(text) = args.value(flag) {
            object.insert(key.to_owned(), text.into());
        }
    }
    if let Some(version) = args.value("--version") {
        let version: u32 = version
            .parse()
            .map_err(|_| format!("--version: not a number: {version}"))?;
        object.insert("version".to_owned(), version.into());
    }
    for date in ["start", "end"] {
        if let Some(text) = args.value(&format!("--{date}")) {
            object.insert(date.to_owned(), text.into());
        }
    }
    let fields = object.entry("fields").or_insert_with(
        || serde_json::json!({ "kinds": [], "platforms": [], "estimated_time": false }),
    );
    let fields = fields.as_object_mut().ok_or("fields is not an object")?;
    for (flag, key) in [("--kinds", "kinds"), ("--platforms", "platforms")] {
        if let Some(list) = args.value(flag) {
            let names: Vec<&str> = list.split(',').map(str::trim).collect();
            fields.insert(key.to_owned(), names.into());
        }
    }
    if args.flags.iter().any(|f| f == "--estimated-time") {
        fields.insert("estimated_time".to_owned(), true.into());
    }
    for (flag, key) in [
        ("--pseudonymous-id", "pseudonymous_id"),
        ("--participants-may-omit", "participants_may_omit"),
    ] {
        if args.flags.iter().any(|f| f == flag) {
            object.insert(key.to_owned(), true.into());
        }
    }
    let key_path = args.required("--public-key")?;
    let key = read_text(key_path)?.trim().to_owned();
    if public_key_bytes(&key).is_none() {
        return Err(format!("{key_path}: not a public key (64 hex digits)"));
    }
    object.insert("public_key".to_owned(), key.into());
    let manifest = parse_manifest(&value.to_string(), today()).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&manifest).map_err(|error| error.to_string())
}

fn write_or_return(args: &Args, text: String) -> Result<String, String> {
    match args.value("--out") {
        Some(path) => {
            std::fs::write(path, &text).map_err(|error| format!("{path}: {error}"))?;
            Ok(format!("written to {path}"))
        }
        None => Ok(text.trim_end().to_owned()),
    }
}

fn decrypt(args: &Args) -> Result<String, String> {
    args.only(&["--manifest", "--key", "--out"])?;
    let manifest = read_manifest(args.required("--manifest")?)?;
    let private_key = read_private_key(args.required("--key")?)?;
    if args.rest.is_empty() {
        return Err("decrypt: no envelope or inbox export given".to_owned());
    }
    let mut envelopes = Vec::new();
    let mut sources = Vec::new();
    for path in &args.rest {
        let bytes = std::fs::read(path).map_err(|error| format!("{path}: {error}"))?;
        if bytes.starts_with(ENVELOPE_MAGIC) {
            envelopes.push(bytes);
            sources.push(path.clone());
        } else {
            let export: InboxExport = serde_json::from_slice(&bytes).map_err(|error| {
                format!("{path}: neither an envelope nor an inbox export: {error}")
            })?;
            for (index, envelope) in export.envelope_bytes()?.into_iter().enumerate() {
                envelopes.push(envelope);
                sources.push(format!("{path} #{}", index + 1));
            }
        }
    }
    let opened = open_all(&manifest, &private_key, &envelopes);
    let mut text = String::new();
    for report in &opened.reports {
        text.push_str(report);
        text.push('\n');
    }
    let written = write_or_return(args, text)?;
    if opened.refused.is_empty() {
        return Ok(written);
    }
    let reasons: Vec<String> = opened
        .refused
        .iter()
        .map(|(index, reason)| {
            let source = sources.get(*index).map_or("?", String::as_str);
            format!("{source}: {reason}")
        })
        .collect();
    if args.value("--out").is_none() {
        println_stdout(&written);
    }
    Err(format!(
        "{} of {} envelopes set aside:\n{}",
        reasons.len(),
        envelopes.len(),
        reasons.join("\n")
    ))
}

#[allow(
    clippy::print_stdout,
    reason = "the reports that did open are still printed"
)]
fn println_stdout(text: &str) {
    if !text.is_empty() {
        println!("{text}");
    }
}

fn reports_of(args: &Args) -> Result<(Manifest, Vec<tacheron_study::report::Report>), String> {
    args.only(&["--manifest", "--out"])?;
    let manifest = read_manifest(args.required("--manifest")?)?;
    let [path] = args.rest.as_slice() else {
        return Err("give one file of reports (from decrypt)".to_owned());
    };
    let reports = read_reports(&read_text(path)?).map_err(|error| format!("{path}: {error}"))?;
    Ok((manifest, reports))
}

fn verify_reports(args: &Args) -> Result<String, String> {
    let (manifest, reports) = reports_of(args)?;
    let problems = verify(&manifest, &reports);
    if problems.is_empty() {
        Ok(format!(
            "{} reports, none beyond the manifest of {} version {}",
            reports.len(),
            manifest.id,
            manifest.version
        ))
    } else {
        Err(problems.join("\n"))
    }
}

fn aggregate(args: &Args) -> Result<String, String> {
    let (manifest, reports) = reports_of(args)?;
    let problems = verify(&manifest, &reports);
    if !problems.is_empty() {
        return Err(format!("not added up:\n{}", problems.join("\n")));
    }
    write_or_return(args, aggregate_csv(&manifest, &reports))
}
