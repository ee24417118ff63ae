//! The researcher's toolkit, run as the real binary: a key pair and a manifest made, reports
//! sealed as the extension seals them, opened offline, checked against the manifest and added up.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "in a test, a panic is a failed test"
)]

mod common;

use common::{likes, sealed_report, success, tacheron};
use std::path::{Path, PathBuf};
use std::process::Output;
use tacheron::ledger::Ledger;
use tacheron::model::{Kind, Platform};
use tacheron_study::manifest::Manifest;

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("study", name)
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// A key pair and a manifest made with the toolkit, in `dir`.
pub fn study_in(dir: &Path, extra: &[&str]) -> Manifest {
    success(&tacheron(&[
        "study",
        "keygen",
        "--out",
        &path(dir, "study"),
    ]));
    let public = path(dir, "study.pub");
    let mut args = vec![
        "study",
        "manifest",
        "--public-key",
        &public,
        "--id",
        "labour-2031",
        "--title",
        "Unpaid clicks",
        "--institution",
        "Université Exemple",
        "--contact",
        "study@univ.example",
        "--purpose",
        "Totals only.",
        "--ethics-approval",
        "CER-2026-117",
        "--endpoint",
        "https://127.0.0.1:8443/v1/reports",
        "--kinds",
        "reaction,post",
        "--platforms",
        "youtube,x",
        "--start",
        "2031-01-06",
        "--end",
        "2031-03-30",
    ];
    args.extend_from_slice(extra);
    let text = success(&tacheron(&args));
    std::fs::write(dir.join("manifest.json"), &text).expect("written");
    serde_json::from_str(&text).expect("a manifest")
}

/// What a participant's extension sends for one week: the envelope's bytes.
pub fn envelope_of(manifest: &Manifest, ledger: &Ledger, start: &str, end: &str) -> Vec<u8> {
    sealed_report(manifest, ledger, start, end).envelope
}

/// `tacheron study manifest` remade from the manifest in `template`, with the public key in
/// `public` and `changes`.
fn remade_manifest(template: &str, public: &str, changes: &[&str]) -> Output {
    let mut args = vec![
        "study",
        "manifest",
        "--template",
        template,
        "--public-key",
        public,
    ];
    args.extend_from_slice(changes);
    tacheron(&args)
}

/// `tacheron study decrypt` with the manifest at `manifest` and the private key at `key`, then
/// `rest` (options and envelope files).
fn decrypt(manifest: &str, key: &str, rest: &[&str]) -> Output {
    let mut args = vec!["study", "decrypt", "--manifest", manifest, "--key", key];
    args.extend_from_slice(rest);
    tacheron(&args)
}

#[test]
fn keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites_it() {
    let dir = temp_dir("keygen");
    success(&tacheron(&["study", "keygen", "--out", &path(&dir, "k")]));
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(dir.join("k.key"))
            .expect("written")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        std::fs::read_to_string(dir.join("k.pub"))
            .expect("written")
            .trim()
            .len(),
        64
    );
    let again = tacheron(&["study", "keygen", "--out", &path(&dir, "k")]);
    assert!(!again.status.success());
}

#[test]
fn a_manifest_from_flags_is_checked_and_bad_flags_are_refused() {
    let dir = temp_dir("manifest");
    let manifest = study_in(&dir, &["--estimated-time", "--pseudonymous-id"]);
    assert_eq!(manifest.fields.kinds, [Kind::Reaction, Kind::Post]);
    assert!(manifest.fields.estimated_time && manifest.pseudonymous_id);
    let template = path(&dir, "manifest.json");
    let public = path(&dir, "study.pub");
    let http = remade_manifest(&template, &public, &["--endpoint", "http://inbox.example/"]);
    assert!(!http.status.success());
    assert!(String::from_utf8_lossy(&http.stderr).contains("endpoint: must be an https:// URL"));
    let bumped = success(&remade_manifest(&template, &public, &["--version", "2"]));
    assert!(bumped.contains("\"version\": 2"));
}

#[test]
fn reports_are_opened_offline_verified_and_added_up_per_period_platform_and_kind() {
    let dir = temp_dir("aggregate");
    let manifest = study_in(&dir, &[]);
    let mut inputs = Vec::new();
    for (participant, youtube_likes) in [3u32, 5, 10].into_iter().enumerate() {
        let mut ledger = Ledger::new();
        likes(&mut ledger, "2031-01-07", Platform::Youtube, youtube_likes);
        likes(&mut ledger, "2031-01-14", Platform::Youtube, 1);
        likes(&mut ledger, "2031-01-08", Platform::Reddit, 50);
        let file = path(&dir, &format!("p{participant}.env"));
        std::fs::write(
            &file,
            envelope_of(&manifest, &ledger, "2031-01-06", "2031-01-12"),
        )
        .expect("written");
        inputs.push(file);
    }
    // The same envelope twice (a retried upload) is one report.
    inputs.push(inputs[0].clone());
    let manifest_path = path(&dir, "manifest.json");
    let key = path(&dir, "study.key");
    let reports = path(&dir, "reports.jsonl");
    let mut rest = vec!["--out", reports.as_str()];
    rest.extend(inputs.iter().map(String::as_str));
    success(&decrypt(&manifest_path, &key, &rest));
    assert_eq!(
        std::fs::read_to_string(&reports)
            .expect("written")
            .lines()
            .count(),
        3
    );
    let verified = success(&tacheron(&[
        "study",
        "verify",
        "--manifest",
        &manifest_path,
        &reports,
    ]));
    assert!(
        verified.starts_with("3 reports, none beyond the manifest"),
        "{verified}"
    );
    let csv = success(&tacheron(&[
        "study",
        "aggregate",
        "--manifest",
        &manifest_path,
        &reports,
    ]));
    assert_eq!(
        csv,
        "period_start,period_end,platform,kind,participants,sum,mean,median,seconds_sum,seconds_mean,seconds_median\n\
         2031-01-06,2031-01-12,youtube,reaction,3,18,6.00,5.0,,,\n\
         2031-01-06,2031-01-12,youtube,post,3,0,0.00,0.0,,,\n\
         2031-01-06,2031-01-12,x,reaction,3,0,0.00,0.0,,,\n\
         2031-01-06,2031-01-12,x,post,3,0,0.00,0.0,,,\n"
    );
}

#[test]
fn a_wrong_key_or_a_report_beyond_the_manifest_is_named() {
    let dir = temp_dir("refusals");
    let manifest = study_in(&dir, &[]);
    let mut ledger = Ledger::new();
    likes(&mut ledger, "2031-01-07", Platform::Youtube, 2);
    let envelope = path(&dir, "one.env");
    std::fs::write(
        &envelope,
        envelope_of(&manifest, &ledger, "2031-01-06", "2031-01-12"),
    )
    .expect("written");
    success(&tacheron(&[
        "study",
        "keygen",
        "--out",
        &path(&dir, "other"),
    ]));
    let manifest_path = path(&dir, "manifest.json");
    let wrong = decrypt(&manifest_path, &path(&dir, "other.key"), &[&envelope]);
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("1 of 1 envelopes set aside"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    let reports = success(&decrypt(
        &manifest_path,
        &path(&dir, "study.key"),
        &[&envelope],
    ));
    // A report that also carries Reddit, re-written canonically, is beyond the manifest.
    let mut report = tacheron_study::report::Report::from_canonical(reports.trim().as_bytes())
        .expect("a report");
    report.rows.push(tacheron_study::report::Row {
        platform: Platform::Reddit,
        kind: Kind::Reaction,
        count: 50,
        seconds: None,
    });
    let tampered = path(&dir, "tampered.jsonl");
    std::fs::write(&tampered, report.to_canonical()).expect("written");
    let refused = tacheron(&["study", "verify", "--manifest", &manifest_path, &tampered]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("the rows are not exactly the requested platforms and kinds")
    );
}
