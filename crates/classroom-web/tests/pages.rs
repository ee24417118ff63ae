//! The classroom pages' module at its boundary, in headless Chromium (`make check`): a preset
//! that is not one gives the default plan, a workshop drawn from a seed is the same twice and
//! never carries its answers, a share code made from plain values is read back into class totals,
//! and bad values are refused with an error the page can show.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "in a test, a panic is a failed test")]

use tacheron_classroom_web::{class_report, share_code, workshop_plan, workshop_tasks};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("JSON")
}

fn text_of(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &name.into()).expect("field")
}

#[wasm_bindgen_test]
fn a_workshop_is_drawn_the_same_from_its_seed_and_never_holds_its_answers() {
    let plan = workshop_plan(json(r#""not a preset""#)).expect("the default plan");
    let first = workshop_tasks(7, plan.clone(), "fr").expect("drawn");
    let again = workshop_tasks(7, plan.clone(), "fr").expect("drawn");
    assert_eq!(text_of(&first), text_of(&again));
    assert_ne!(
        text_of(&first),
        text_of(&workshop_tasks(8, plan, "fr").expect("drawn"))
    );
    let tasks: js_sys::Array = first.dyn_into().expect("a list");
    assert!(tasks.length() > 0);
    assert!(
        !text_of(&tasks).contains("answer"),
        "no answer reaches the page"
    );
    let refused = workshop_tasks(7, json(r#"{"counts":"many"}"#), "en");
    assert!(refused.is_err(), "a plan of the wrong shape is refused");
}

#[wasm_bindgen_test]
fn a_share_code_made_from_plain_values_adds_up_on_the_class_page() {
    let tallies = json(
        r#"{"image":{"done":3,"accepted":2,"seconds":40},"text":{"done":0,"accepted":0,"seconds":0},
        "hashtag":{"done":1,"accepted":1,"seconds":9},"label":{"done":0,"accepted":0,"seconds":0}}"#,
    );
    let shared = share_code(tallies, "2026-12-08", "week", 513, JsValue::UNDEFINED).expect("made");
    let code = field(&shared, "code").as_string().expect("a code");
    assert!(
        field(&shared, "qr")
            .as_string()
            .is_some_and(|svg| svg.starts_with("<svg"))
    );
    let report = class_report(&format!("{code}\n{code}"), "en").expect("a report");
    assert_eq!(
        field(&report, "students").as_f64(),
        Some(1.0),
        "one student, given twice"
    );
    let bad_date = share_code(json("{}"), "tomorrow", "week", 1, JsValue::NULL);
    assert!(bad_date.is_err());
}
