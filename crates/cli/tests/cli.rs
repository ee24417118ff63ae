//! The command-line estimator, run as the real binary: counts from the command line or from a
//! JSON export become time and money with the rate card; bad input is refused with a message.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "in a test, a panic is a failed test"
)]

mod common;

use common::{success, tacheron, temp_dir};
use std::path::PathBuf;
use std::process::Output;
use tacheron::card::{CARD, PublishedCard};
use tacheron::model::Kind;

fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_str(&success(output)).expect("JSON output")
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let path = temp_dir("cli", name).join(name);
    std::fs::write(&path, contents).expect("written");
    path
}

#[test]
fn counts_on_the_command_line_are_estimated_with_the_card() {
    let output = tacheron(&[
        "estimate",
        "--json",
        "reaction=300",
        "captcha/recaptcha-image=12",
    ]);
    let json = json_of(&output);
    assert_eq!(json["rate_card"], CARD.version);
    assert_eq!(json["valuation"]["currency"], "USD");
    let like = CARD.action(Kind::Reaction, None).expect("reactions priced");
    let image = CARD
        .action(Kind::Captcha, Some("recaptcha-image"))
        .expect("image captchas priced");
    let expected = 300.0 * like.time.seconds.central + 12.0 * image.time.seconds.central;
    let seconds = json["total"]["seconds"]["central"]
        .as_f64()
        .expect("seconds");
    assert!((seconds - expected).abs() < 1e-6, "{seconds} vs {expected}");
    assert_eq!(json["total"]["count"], 312);

    let table = tacheron(&["estimate", "--locale", "fr", "reaction=300"]);
    assert!(table.status.success());
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("EUR") && text.contains("SMIC"), "{text}");
}

#[test]
fn an_export_is_estimated_with_its_measured_time() {
    let export = r#"{"format":"tacheron-export","version":1,"records":[
        {"date":"2026-11-27","platform":"other","kind":"captcha","detail":"recaptcha-checkbox","count":2,"measured":2,"measured_seconds":7.5},
        {"date":"2026-11-28","platform":"youtube","kind":"reaction","detail":"like","count":4}]}"#;
    let path = temp_file("export.json", export);
    let output = tacheron(&[
        "estimate",
        "--json",
        "--currency",
        "EUR",
        "--wage",
        "20",
        "--export",
        path.to_str().expect("path"),
    ]);
    let json = json_of(&output);
    assert_eq!(json["total"]["measured"], 2);
    assert_eq!(json["total"]["measured_seconds"], 7.5);
    assert_eq!(json["valuation"]["wage"], "own");
    let like = CARD.action(Kind::Reaction, None).expect("reactions priced");
    let low = json["total"]["seconds"]["low"].as_f64().expect("seconds");
    assert!((low - (7.5 + 4.0 * like.time.seconds.low)).abs() < 1e-9);
    let at_wage = json["values"]["at_wage"]["central"]
        .as_f64()
        .expect("value");
    let central = json["total"]["seconds"]["central"]
        .as_f64()
        .expect("seconds");
    assert!((at_wage - central / 3600.0 * 20.0).abs() < 1e-9);
}

#[test]
fn bad_input_is_refused_with_a_message() {
    let corrupt = temp_file(
        "corrupt.json",
        "{\"format\":\"tacheron-export\",\"version\":1,\"records\":[{\"count\":",
    );
    let foreign = temp_file(
        "foreign.json",
        r#"{"format":"something-else","version":1,"records":[]}"#,
    );
    for (args, expected) in [
        (vec!["estimate", "reaction=many"], "whole number"),
        (vec!["estimate", "poke=3"], "unknown kind"),
        (
            vec!["estimate", "--currency", "GBP", "reaction=1"],
            "unknown currency",
        ),
        (vec!["estimate", "--wage", "-3", "reaction=1"], "positive"),
        (
            vec!["estimate", "--export", corrupt.to_str().expect("path")],
            "not an export",
        ),
        (
            vec!["estimate", "--export", foreign.to_str().expect("path")],
            "is not",
        ),
        (vec!["estimate"], "nothing to estimate"),
    ] {
        let output = tacheron(&args);
        assert!(!output.status.success(), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(expected), "{args:?}: {message}");
    }
}

#[test]
fn the_rate_card_is_printed_whole_with_its_sources() {
    let json = json_of(&tacheron(&["rate-card"]));
    assert_eq!(json["version"], CARD.version);
    let sources = json["sources"].as_array().expect("sources");
    let card = PublishedCard::in_force();
    assert_eq!(sources.len(), card.sources.len());
    assert!(
        card.sources.len() > CARD.sources.len(),
        "the classroom's sources too"
    );
    assert!(
        sources
            .iter()
            .all(|s| s["citation"].as_str().is_some_and(|c| c.len() > 20))
    );
    let checkbox = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["detail"] == "recaptcha-checkbox")
        .expect("the checkbox");
    assert!(
        checkbox["time"]["basis"]["assumption"]["fr"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
}
