//! The study manifest: who runs the study, why, exactly which totals it asks for, how often,
//! until when, where reports go and the key they are sealed to. It is checked whole before the
//! participant sees a consent screen: unknown keys, an endpoint that is not https, oversized
//! texts, impossible or past dates and a bad key are refused with a message naming the field.

use crate::from_hex;
use serde::{Deserialize, Serialize};
use std::fmt;
use tacheron::date::LocalDate;
use tacheron::model::{Kind, Platform};

/// The value of a manifest's `format` field.
pub const MANIFEST_FORMAT: &str = "tacheron-study";
/// The longest manifest text read (a pasted or fetched manifest is refused beyond it).
pub const MAX_MANIFEST_BYTES: usize = 16 * 1024;
/// The longest study id.
pub const MAX_ID_CHARS: usize = 64;
/// The longest one-line text (title, institution, contact, ethics approval reference).
pub const MAX_LINE_CHARS: usize = 200;
/// The longest purpose.
pub const MAX_PURPOSE_CHARS: usize = 4000;
/// The longest endpoint URL.
pub const MAX_ENDPOINT_CHARS: usize = 512;
/// The longest study, start to end (about three years).
pub const MAX_STUDY_DAYS: i64 = 3 * 366;

/// How often a participant's browser reports: one report per completed period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Schedule {
    /// One report per local day.
    Daily,
    /// One report per week, Monday to Sunday.
    Weekly,
    /// One report per calendar month.
    Monthly,
}

/// What a study asks for: totals per period of these kinds on these platforms, and, if asked,
/// their estimated time. Nothing finer than the ledger's totals can be asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    /// The kinds of labour counted (at least one, each once).
    pub kinds: Vec<Kind>,
    /// The platforms counted (at least one, each once).
    pub platforms: Vec<Platform>,
    /// Whether each total comes with its estimated time in whole seconds.
    pub estimated_time: bool,
}

/// A study manifest as published by the researchers (JSON; see docs/inbox-api.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// The study's id: lower-case letters, digits and dashes (`labour-2027`).
    pub id: String,
    /// The manifest's version: any change the participant must agree to bumps it.
    pub version: u32,
    /// The study's title.
    pub title: String,
    /// Who runs it.
    pub institution: String,
    /// Whom to write to (to leave, to ask for deletion): an e-mail address or an https URL.
    pub contact: String,
    /// Why: what the study wants to learn.
    pub purpose: String,
    /// The ethics board's approval reference.
    pub ethics_approval: String,
    /// Where reports are posted: an https URL.
    pub endpoint: String,
    /// How often reports are made.
    pub schedule: Schedule,
    /// What each report holds.
    pub fields: Fields,
    /// The study's HPKE public key (X25519), 64 hex digits.
    pub public_key: String,
    /// The first day counted.
    pub start: LocalDate,
    /// The last day counted.
    pub end: LocalDate,
    /// Whether reports carry a random per-study participant id (shown to the participant), so
    /// that the researchers can follow one participant across periods.
    #[serde(default)]
    pub pseudonymous_id: bool,
    /// Whether participants may leave out kinds, platforms or the time from their reports.
    #[serde(default)]
    pub participants_may_omit: bool,
}

/// Why a manifest was refused: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The field at fault (`endpoint`), or `manifest` for the whole.
    pub field: &'static str,
    /// What is wrong, in a sentence.
    pub problem: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

fn refuse<T>(field: &'static str, problem: impl Into<String>) -> Result<T, ManifestError> {
    Err(ManifestError {
        field,
        problem: problem.into(),
    })
}

/// A one-line or multi-line text: not empty, not too long, no control characters (line breaks
/// allowed where `multiline`).
fn check_text(
    field: &'static str,
    text: &str,
    max_chars: usize,
    multiline: bool,
) -> Result<(), ManifestError> {
    if text.trim().is_empty() {
        return refuse(field, "is empty");
    }
    let chars = text.chars().count();
    if chars > max_chars {
        return refuse(
            field,
            format!("is {chars} characters long, more than {max_chars}"),
        );
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && c == '\n'))
    {
        return refuse(field, "holds control characters");
    }
    Ok(())
}

/// Whether `id` is a study id: 1 to 64 lower-case letters, digits and dashes, starting with a
/// letter or digit.
pub fn is_study_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks an https URL: a host, no credentials, no fragment, no spaces.
fn check_https_url(field: &'static str, url: &str) -> Result<(), ManifestError> {
    let Some(rest) = url.strip_prefix("https://") else {
        return refuse(field, format!("must be an https:// URL, not {url:?}"));
    };
    if url.len() > MAX_ENDPOINT_CHARS {
        return refuse(field, format!("is longer than {MAX_ENDPOINT_CHARS} bytes"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                host
            } else {
                authority
            }
        });
    if host.is_empty() || authority.contains('@') {
        return refuse(field, "must name a host, without user name or password");
    }
    if url.contains('#') || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse(
            field,
            "must not hold a fragment, spaces or control characters",
        );
    }
    Ok(())
}

/// The 32 bytes of an X25519 public key in hex, if it is one (not all zeros).
pub fn public_key_bytes(hex: &str) -> Option<[u8; 32]> {
    let bytes: [u8; 32] = from_hex(hex)?.try_into().ok()?;
    bytes.iter().any(|b| *b != 0).then_some(bytes)
}

fn check_unique<T: PartialEq>(field: &'static str, items: &[T]) -> Result<(), ManifestError> {
    if items.is_empty() {
        return refuse(field, "names nothing");
    }
    for (index, item) in items.iter().enumerate() {
        if items.iter().skip(index + 1).any(|other| other == item) {
            return refuse(field, "names the same thing twice");
        }
    }
    Ok(())
}

impl Manifest {
    /// Checks every field; `today` is the participant's local date (a study that has ended is
    /// refused). Does not check the format of fields serde already read (dates, kinds).
    pub fn check(&self, today: LocalDate) -> Result<(), ManifestError> {
        self.check_fields()?;
        if self.end < today {
            return refuse("end", format!("the study ended on {}", self.end));
        }
        Ok(())
    }

    /// Checks every field but not whether the study has ended (its last report is made after).
    pub fn check_fields(&self) -> Result<(), ManifestError> {
        if self.format != MANIFEST_FORMAT {
            return refuse(
                "format",
                format!("must be {MANIFEST_FORMAT:?}, not {:?}", self.format),
            );
        }
        if !is_study_id(&self.id) {
            return refuse(
                "id",
                "must be 1 to 64 lower-case letters, digits and dashes",
            );
        }
        if self.version == 0 {
            return refuse("version", "starts at 1");
        }
        check_text("title", &self.title, MAX_LINE_CHARS, false)?;
        check_text("institution", &self.institution, MAX_LINE_CHARS, false)?;
        check_text("contact", &self.contact, MAX_LINE_CHARS, false)?;
        if !self.contact.contains('@') {
            check_https_url("contact", &self.contact)?;
        }
        check_text("purpose", &self.purpose, MAX_PURPOSE_CHARS, true)?;
        check_text(
            "ethics_approval",
            &self.ethics_approval,
            MAX_LINE_CHARS,
            false,
        )?;
        check_https_url("endpoint", &self.endpoint)?;
        check_unique("fields.kinds", &self.fields.kinds)?;
        check_unique("fields.platforms", &self.fields.platforms)?;
        if public_key_bytes(&self.public_key).is_none() {
            return refuse(
                "public_key",
                "must be an X25519 public key: 64 lower-case hex digits, not all zero",
            );
        }
        if self.end < self.start {
            return refuse("end", "comes before start");
        }
        if self.end.days_since_epoch() - self.start.days_since_epoch() > MAX_STUDY_DAYS {
            return refuse("end", "is more than three years after start");
        }
        Ok(())
    }

    /// What HPKE binds each report to (the `info` of RFC 9180): the format and the study id, so a
    /// report sealed for one study never opens as another's.
    pub fn hpke_info(study_id: &str) -> Vec<u8> {
        let mut info = b"tacheron study report v1\0".to_vec();
        info.extend_from_slice(study_id.as_bytes());
        info
    }
}

/// Reads and checks a manifest from its JSON text (the toolkit and the tests; the extension
/// hands the core an object it parsed, see [`Manifest::check`]).
pub fn parse_manifest(text: &str, today: LocalDate) -> Result<Manifest, ManifestError> {
    if text.len() > MAX_MANIFEST_BYTES {
        return refuse(
            "manifest",
            format!("is larger than {MAX_MANIFEST_BYTES} bytes"),
        );
    }
    let manifest: Manifest = serde_json::from_str(text).map_err(|error| ManifestError {
        field: "manifest",
        problem: error.to_string(),
    })?;
    manifest.check(today)?;
    Ok(manifest)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{Value, json};

    pub(crate) fn sample_json() -> Value {
        json!({
            "format": "tacheron-study",
            "id": "labour-2027",
            "version": 2,
            "title": "Unpaid clicks",
            "institution": "Université Exemple",
            "contact": "study@univ.example",
            "purpose": "How much unpaid work do platform users do?\nWe count totals only.",
            "ethics_approval": "CER-2026-117",
            "endpoint": "https://inbox.univ.example/v1/reports",
            "schedule": "weekly",
            "fields": { "kinds": ["reaction", "post", "captcha"], "platforms": ["youtube", "x"], "estimated_time": true },
            "public_key": "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            "start": "2027-01-04",
            "end": "2027-06-27",
            "pseudonymous_id": false,
            "participants_may_omit": true
        })
    }

    pub(crate) fn today() -> LocalDate {
        LocalDate::parse("2027-01-10").expect("date")
    }

    fn parsed(value: &Value) -> Result<Manifest, ManifestError> {
        parse_manifest(&value.to_string(), today())
    }

    fn refused_field(change: impl FnOnce(&mut Value)) -> String {
        let mut value = sample_json();
        change(&mut value);
        match parsed(&value) {
            Ok(_) => panic!("accepted: {value}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn a_complete_manifest_is_accepted() {
        let manifest = parsed(&sample_json()).expect("valid");
        assert_eq!(manifest.schedule, Schedule::Weekly);
        assert_eq!(
            manifest.fields.kinds,
            [Kind::Reaction, Kind::Post, Kind::Captcha]
        );
    }

    #[test]
    fn unknown_keys_are_refused_at_every_level() {
        let error = refused_field(|v| v["upload_history"] = json!(true));
        assert!(error.contains("unknown field `upload_history`"), "{error}");
        let error = refused_field(|v| v["fields"]["urls"] = json!(true));
        assert!(error.contains("unknown field `urls`"), "{error}");
    }

    #[test]
    fn only_https_endpoints_are_accepted() {
        for endpoint in [
            "http://inbox.univ.example/v1",
            "ftp://inbox.univ.example",
            "https://",
            "https://user:pw@inbox.univ.example/",
            "https://inbox.univ.example/#x",
            "https://inbox univ.example/",
            "inbox.univ.example",
        ] {
            let error = refused_field(|v| v["endpoint"] = json!(endpoint));
            assert!(error.starts_with("endpoint: "), "{endpoint}: {error}");
        }
        let mut value = sample_json();
        value["endpoint"] = json!("https://127.0.0.1:8443/v1/reports?study=a");
        assert!(parsed(&value).is_ok());
    }

    #[test]
    fn huge_or_empty_texts_and_control_characters_are_refused() {
        let error = refused_field(|v| v["title"] = json!("x".repeat(201)));
        assert_eq!(error, "title: is 201 characters long, more than 200");
        let error = refused_field(|v| v["purpose"] = json!("x".repeat(4001)));
        assert!(error.starts_with("purpose: is 4001 characters"), "{error}");
        let error = refused_field(|v| v["institution"] = json!("  "));
        assert_eq!(error, "institution: is empty");
        let error = refused_field(|v| v["title"] = json!("a\u{202e}b\u{7}"));
        assert_eq!(error, "title: holds control characters");
        let error = refused_field(|v| v["purpose"] = json!("x".repeat(MAX_MANIFEST_BYTES)));
        assert!(error.starts_with("manifest: is larger than"), "{error}");
    }

    #[test]
    fn bad_dates_and_ended_studies_are_refused() {
        let error = refused_field(|v| v["start"] = json!("2027-02-30"));
        assert!(error.contains("YYYY-MM-DD"), "{error}");
        let error = refused_field(|v| v["end"] = json!("2027-01-01"));
        assert_eq!(error, "end: comes before start");
        let error = refused_field(|v| {
            v["start"] = json!("2026-01-01");
            v["end"] = json!("2027-01-09");
        });
        assert_eq!(error, "end: the study ended on 2027-01-09");
        let error = refused_field(|v| v["end"] = json!("2031-01-01"));
        assert!(
            error.starts_with("end: is more than three years"),
            "{error}"
        );
    }

    #[test]
    fn bad_keys_ids_and_field_lists_are_refused() {
        for key in [
            "",
            "00",
            &"0".repeat(64),
            &"AB".repeat(32),
            &"ab".repeat(33),
        ] {
            let error = refused_field(|v| v["public_key"] = json!(key));
            assert!(error.starts_with("public_key: "), "{error}");
        }
        for id in ["", "Labour", "-x", "a b", &"a".repeat(65)] {
            let error = refused_field(|v| v["id"] = json!(id));
            assert!(error.starts_with("id: "), "{id:?}: {error}");
        }
        let error = refused_field(|v| v["fields"]["kinds"] = json!([]));
        assert_eq!(error, "fields.kinds: names nothing");
        let error = refused_field(|v| v["fields"]["platforms"] = json!(["x", "x"]));
        assert_eq!(error, "fields.platforms: names the same thing twice");
        let error = refused_field(|v| v["fields"]["kinds"] = json!(["browsing_history"]));
        assert!(error.contains("unknown variant"), "{error}");
        let error = refused_field(|v| v["version"] = json!(0));
        assert_eq!(error, "version: starts at 1");
        let error = refused_field(|v| v["format"] = json!("rally"));
        assert!(error.starts_with("format: "), "{error}");
    }
}
