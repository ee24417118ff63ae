//! The worker's module at its boundary, in headless Chromium (`make check`): a message object in,
//! `{ answer, effects }` out as JSON text; a like stored before it is answered and read back
//! through `days`; what is not a message, or a web page asking for the user's data, answered with
//! an error, never a rejected promise.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "in a test, a panic is a failed test")]

#[path = "../../browser/tests/support/boundary.rs"]
mod boundary;

use boundary::{EXTENSION, answer_and_effects, field, install_storage_stand_in, json, text};
use tacheron::ports::Clock;
use tacheron_browser::BrowserClock;
use tacheron_worker::Core;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The core's answer and effects to `message` from `sender`, both parsed.
async fn ask(core: &Core, message: &str, sender: &str) -> (JsValue, JsValue) {
    answer_and_effects(core.handle(json(message), json(sender))).await
}

fn kind(answer: &JsValue) -> String {
    text(answer, "type")
}

const LIKE: &str = r#"{"type":"observe","observation":{"signal":"toggle","control":"like","before":false,"after":true}}"#;
const YOUTUBE: &str = r#"{"url":"https://www.youtube.com/watch?v=x"}"#;
const DASHBOARD: &str = r#"{"url":"chrome-extension://tacheron/pages/dashboard.html"}"#;

#[wasm_bindgen_test]
async fn a_like_is_stored_then_answered_and_its_day_is_read_back() {
    install_storage_stand_in();
    let core = Core::new(EXTENSION);
    let (answer, effects) = ask(&core, LIKE, YOUTUBE).await;
    assert_eq!(kind(&answer), "recorded");
    assert!(
        field(&effects, "badge").is_undefined(),
        "no badge unless wanted"
    );
    // The like's day, whichever side of midnight the test ran.
    let today = BrowserClock.now().local_date();
    let (from, to) = (today.plus_days(-1), today.plus_days(1));
    let days = JsFuture::from(core.days(from.to_string(), to.to_string()))
        .await
        .expect("days");
    let days: js_sys::Array = days.dyn_into().expect("an array");
    assert_eq!(days.length(), 1);
    let day: js_sys::Array = days.get(0).dyn_into().expect("[key, record]");
    let key = day.get(0).as_string().unwrap_or_default();
    assert!(key.starts_with("day:20"), "{key}");
    assert!(
        day.get(1)
            .as_string()
            .is_some_and(|record| !record.is_empty()),
        "the compact record"
    );
    let wake = ask(&core, r#"{"type":"wake"}"#, DASHBOARD).await;
    assert_eq!(kind(&wake.0), "awake");
    assert!(field(&wake.1, "new_day_alarm_ms").as_f64().is_some());
}

#[wasm_bindgen_test]
async fn what_is_not_a_message_and_a_web_page_asking_are_errors_not_rejections() {
    install_storage_stand_in();
    let core = Core::new(EXTENSION);
    for message in [r#""settings""#, "null", r#"{"type":"format_the_disk"}"#] {
        let (answer, effects) = ask(&core, message, DASHBOARD).await;
        assert_eq!(kind(&answer), "error", "{message}");
        assert_eq!(
            js_sys::JSON::stringify(&effects)
                .ok()
                .and_then(|t| t.as_string()),
            Some("{}".into())
        );
    }
    let (answer, _) = ask(&core, r#"{"type":"export"}"#, YOUTUBE).await;
    assert_eq!(kind(&answer), "error");
    let refused = JsFuture::from(core.days("yesterday".into(), "2026-12-08".into())).await;
    assert!(refused.is_err(), "a bad date is refused");
}
