//! The ports on the browser, in headless Chromium (`make check`): storage values kept as plain
//! objects and read back, prefix scans in key order, failures and foreign shapes as errors, the
//! clock in the page's time zone, and the Web Crypto random source.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "in a test, a panic is a failed test")]

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tacheron::ports::{Clock, Random, Storage};
use tacheron_browser::{Area, BrowserClock, BrowserRandom, ChromeStorage};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/storage-stand-in.js")]
extern "C" {
    #[wasm_bindgen(js_name = installStorageStandIn)]
    fn install_storage_stand_in();
    #[wasm_bindgen(js_name = failLocalStorage)]
    fn fail_local_storage(flag: bool);
    #[wasm_bindgen(js_name = storedLocally)]
    fn stored_locally(key: &str) -> JsValue;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Record {
    counts: BTreeMap<String, u32>,
    note: Option<String>,
}

fn record(n: u32) -> Record {
    Record {
        counts: BTreeMap::from([("like".to_owned(), n)]),
        note: None,
    }
}

#[wasm_bindgen_test]
async fn values_are_kept_as_plain_objects_and_read_back() {
    install_storage_stand_in();
    let store = ChromeStorage(Area::Local);
    store
        .set("day:2026-12-08", &record(3))
        .await
        .expect("stored");
    let kept = stored_locally("day:2026-12-08");
    let counts = js_sys::Reflect::get(&kept, &"counts".into()).expect("counts");
    assert!(
        counts.is_object() && !counts.is_instance_of::<js_sys::Map>(),
        "a map is a plain object"
    );
    let read: Option<Record> = store.get("day:2026-12-08").await.expect("read");
    assert_eq!(read, Some(record(3)));
    let missing: Option<Record> = store.get("day:2026-12-09").await.expect("read");
    assert_eq!(missing, None);
}

#[wasm_bindgen_test]
async fn a_prefix_scan_gives_its_keys_in_order_and_removal_removes() {
    install_storage_stand_in();
    let store = ChromeStorage(Area::Local);
    let days = vec![
        ("day:2026-12-08".to_owned(), record(2)),
        ("day:2026-11-30".to_owned(), record(1)),
        ("settings".to_owned(), record(9)),
    ];
    store.set_many(&days).await.expect("stored");
    let found: Vec<(String, Record)> = store.get_with_prefix("day:").await.expect("read");
    let keys: Vec<&str> = found.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["day:2026-11-30", "day:2026-12-08"]);
    store
        .remove(&["day:2026-11-30".to_owned()])
        .await
        .expect("removed");
    let found: Vec<(String, Record)> = store.get_with_prefix("day:").await.expect("read");
    assert_eq!(found.len(), 1);
    // The session area is another store.
    let session: Vec<(String, Record)> = ChromeStorage(Area::Session)
        .get_with_prefix("day:")
        .await
        .expect("read");
    assert!(session.is_empty());
}

#[wasm_bindgen_test]
async fn a_failing_store_and_a_foreign_shape_are_errors_that_name_what_failed() {
    install_storage_stand_in();
    let store = ChromeStorage(Area::Local);
    store
        .set("settings", &"not a record")
        .await
        .expect("stored");
    let error = store
        .get::<Record>("settings")
        .await
        .expect_err("wrong shape");
    assert!(error.0.starts_with("settings:"), "{error}");
    fail_local_storage(true);
    let error = store
        .set("day:2026-12-08", &record(1))
        .await
        .expect_err("failed");
    assert_eq!(error.0, "the store is unavailable");
    fail_local_storage(false);
    store
        .set("day:2026-12-08", &record(1))
        .await
        .expect("works again");
}

#[wasm_bindgen_test]
fn the_clock_is_the_browsers_in_its_time_zone() {
    let date = js_sys::Date::new_0();
    let now = BrowserClock.now();
    assert!((now.epoch_ms - date.get_time() as i64).abs() < 5_000);
    assert_eq!(now.utc_offset_minutes, -(date.get_timezone_offset() as i32));
}

#[wasm_bindgen_test]
fn random_bytes_come_from_web_crypto_even_beyond_its_limit_per_call() {
    // crypto.getRandomValues fills at most 65,536 bytes a call.
    let mut first = vec![0u8; 100_000];
    let mut second = vec![0u8; 100_000];
    BrowserRandom.fill(&mut first).expect("drawn");
    BrowserRandom.fill(&mut second).expect("drawn");
    assert_ne!(first, second);
    let tail_zeros = first.iter().skip(65_536).filter(|byte| **byte == 0).count();
    assert!(
        tail_zeros < 1_000,
        "the bytes past the first call are drawn too"
    );
}
