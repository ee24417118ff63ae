//! The studies' module at its boundary, in headless Chromium (`make check`): a manifest checked,
//! a key of its own refused with the field named (messages are read as JSON text), a study joined
//! and listed, the ledger's days read through the function the worker hands over, and web pages
//! refused.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "in a test, a panic is a failed test")]

#[path = "../../browser/tests/support/boundary.rs"]
mod boundary;

use boundary::{EXTENSION, answer_and_effects, field, install_storage_stand_in, json, text};
use tacheron::ports::Clock;
use tacheron_browser::{BrowserClock, BrowserRandom};
use tacheron_study::envelope::generate_key_pair;
use tacheron_study::{PortRng, to_hex};
use tacheron_study_web::Studies;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const STUDY_PAGE: &str = r#"{"url":"chrome-extension://tacheron/pages/study.html"}"#;

/// The worker's `core.days`, as a stand-in holding no day: `() => Promise.resolve([])`.
fn no_days() -> js_sys::Function {
    js_sys::Function::new_no_args("return Promise.resolve([]);")
}

async fn ask(studies: &Studies, message: &str, sender: &str) -> (JsValue, JsValue) {
    answer_and_effects(studies.handle(json(message), json(sender))).await
}

/// A study that started a week ago and runs for a year, whatever the day the test runs.
fn manifest() -> String {
    let (_, public) = generate_key_pair(&mut PortRng::new(&BrowserRandom));
    let today = BrowserClock.now().local_date();
    format!(
        r#"{{"format":"tacheron-study","id":"labour-2026","version":1,"title":"Unpaid clicks",
        "institution":"Université Exemple","contact":"study@univ.example","purpose":"Totals only.",
        "ethics_approval":"CER-2026-117","endpoint":"https://inbox.univ.example/v1/reports",
        "schedule":"weekly","fields":{{"kinds":["reaction"],"platforms":["youtube"],
        "estimated_time":false}},"public_key":"{}","start":"{}","end":"{}"}}"#,
        to_hex(&public),
        today.plus_days(-7),
        today.plus_days(365),
    )
}

#[wasm_bindgen_test]
async fn a_manifest_is_checked_and_a_key_of_its_own_is_refused() {
    install_storage_stand_in();
    let studies = Studies::new(EXTENSION, no_days());
    let manifest = manifest();
    let check = format!(r#"{{"type":"study_check","manifest":{manifest}}}"#);
    let (answer, _) = ask(&studies, &check, STUDY_PAGE).await;
    assert_eq!(text(&answer, "type"), "study_manifest_checked");
    assert_eq!(field(&answer, "needs_asking").as_bool(), Some(true));
    let extra = manifest.replacen('{', r#"{"tracking":true,"#, 1);
    let check = format!(r#"{{"type":"study_check","manifest":{extra}}}"#);
    let (answer, _) = ask(&studies, &check, STUDY_PAGE).await;
    assert_eq!(text(&answer, "type"), "error");
    assert!(
        text(&answer, "message").contains("tracking"),
        "the field is named"
    );
    let plain_http = manifest.replace("https://inbox", "http://inbox");
    let check = format!(r#"{{"type":"study_check","manifest":{plain_http}}}"#);
    let (answer, _) = ask(&studies, &check, STUDY_PAGE).await;
    assert_eq!(text(&answer, "type"), "study_manifest_refused");
    assert_eq!(text(&answer, "field"), "endpoint");
}

#[wasm_bindgen_test]
async fn a_study_is_joined_listed_and_previewed_from_the_workers_days_and_pages_are_refused() {
    install_storage_stand_in();
    let asked = js_sys::Array::new();
    let studies = Studies::new(EXTENSION, recording_days(&asked));
    let join = format!(
        r#"{{"type":"study_join","manifest":{},"decision":"accepted","viewed_ms":1}}"#,
        manifest()
    );
    let (answer, effects) = ask(&studies, &join, STUDY_PAGE).await;
    assert_eq!(text(&answer, "type"), "study_list");
    let listed: js_sys::Array = field(&answer, "studies").dyn_into().expect("a list");
    assert_eq!(listed.length(), 1);
    assert!(
        field(&effects, "study_queue_alarm").is_null(),
        "nothing queued"
    );
    // The study is weekly and counts from the day of joining, today: nothing is due, and the
    // preview says so without asking the worker for a day.
    let preview = r#"{"type":"study_preview","study":"labour-2026"}"#;
    let (answer, _) = ask(&studies, preview, STUDY_PAGE).await;
    assert_eq!(text(&answer, "type"), "error");
    assert_eq!(asked.length(), 0);
    let web_page = r#"{"url":"https://www.youtube.com/"}"#;
    let (answer, _) = ask(&studies, r#"{"type":"study_list"}"#, web_page).await;
    assert_eq!(text(&answer, "type"), "error");
}

/// A `core.days` stand-in that records the dates it is asked for into `asked`.
fn recording_days(asked: &js_sys::Array) -> js_sys::Function {
    let record = js_sys::Function::new_with_args(
        "asked",
        "return (from, to) => { asked.push([from, to]); return Promise.resolve([]); };",
    );
    record
        .call1(&JsValue::NULL, asked)
        .expect("made")
        .dyn_into()
        .expect("a function")
}
