//! The core's ports on the browser: the one crate that touches browser APIs.
//!
//! [`ChromeStorage`] is a `chrome.storage` area (`local`, durable; `session`, until the browser
//! closes), [`BrowserClock`] is `Date` with the local time zone, [`BrowserRandom`] is
//! `crypto.getRandomValues`. Values cross into storage through `serde-wasm-bindgen`, with maps
//! written as plain objects so that `chrome.storage` keeps them. The worker's module
//! (`crates/worker`) and the studies' module (`crates/study-web`) build their services on these.

use serde::{Serialize, de::DeserializeOwned};
use tacheron::date::Instant;
use tacheron::ports::{Clock, Random, RandomError, Storage, StorageError};
use tacheron::protocol::Handled;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    async fn local_get(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    async fn local_set(items: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    async fn local_remove(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get, catch)]
    async fn session_get(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set, catch)]
    async fn session_set(items: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = remove, catch)]
    async fn session_remove(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(bytes: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// Which of `chrome.storage`'s areas a [`ChromeStorage`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `chrome.storage.local`: durable, the ledger.
    Local,
    /// `chrome.storage.session`: in memory until the browser closes, the guard's memory.
    Session,
}

/// A JS value written as serde's JSON data model would write it: maps as plain objects, which
/// `chrome.storage` can keep.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// What a thrown JS value says: an `Error`'s message, a string as it is.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// A value as JSON text, in a JS string.
fn json_text<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    serde_json::to_string(value)
        .map(JsValue::from)
        .map_err(|error| JsValue::from_str(&error.to_string()))
}

/// A service's answer as the worker receives it: `{ answer, effects }`, both JSON text. The
/// answer is parsed once, by the page that asked; the effects, by the worker.
pub fn handled_to_js<R: Serialize>(handled: &Handled<R>) -> Result<JsValue, JsValue> {
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &"answer".into(), &json_text(&handled.response)?)?;
    js_sys::Reflect::set(&result, &"effects".into(), &json_text(&handled.effects)?)?;
    Ok(result.into())
}

fn storage_error(error: JsValue) -> StorageError {
    StorageError(describe(&error))
}

/// One `chrome.storage` area as a [`Storage`].
#[derive(Debug)]
pub struct ChromeStorage(pub Area);

impl ChromeStorage {
    async fn get_raw(&self, keys: JsValue) -> Result<JsValue, StorageError> {
        let items = match self.0 {
            Area::Local => local_get(keys).await,
            Area::Session => session_get(keys).await,
        };
        items.map_err(storage_error)
    }

    async fn set_raw(&self, items: js_sys::Object) -> Result<(), StorageError> {
        let done = match self.0 {
            Area::Local => local_set(items.into()).await,
            Area::Session => session_set(items.into()).await,
        };
        done.map(|_| ()).map_err(storage_error)
    }

    fn decode<T: DeserializeOwned>(key: &str, value: JsValue) -> Result<T, StorageError> {
        serde_wasm_bindgen::from_value(value).map_err(|e| StorageError(format!("{key}: {e}")))
    }

    fn put<T: Serialize>(items: &js_sys::Object, key: &str, value: &T) -> Result<(), StorageError> {
        let value = to_js(value).map_err(|e| StorageError(format!("{key}: {e}")))?;
        js_sys::Reflect::set(items, &JsValue::from_str(key), &value).map_err(storage_error)?;
        Ok(())
    }
}

impl Storage for ChromeStorage {
    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let items = self.get_raw(JsValue::from_str(key)).await?;
        let value = js_sys::Reflect::get(&items, &JsValue::from_str(key)).map_err(storage_error)?;
        if value.is_undefined() {
            return Ok(None);
        }
        Self::decode(key, value).map(Some)
    }

    async fn get_with_prefix<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        let items = self.get_raw(JsValue::NULL).await?;
        let items: js_sys::Object = items.unchecked_into();
        let mut keys: Vec<String> = js_sys::Object::keys(&items)
            .iter()
            .filter_map(|key| key.as_string())
            .filter(|key| key.starts_with(prefix))
            .collect();
        keys.sort();
        keys.into_iter()
            .map(|key| {
                let value = js_sys::Reflect::get(&items, &JsValue::from_str(&key))
                    .map_err(storage_error)?;
                Self::decode(&key, value).map(|decoded| (key, decoded))
            })
            .collect()
    }

    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let items = js_sys::Object::new();
        Self::put(&items, key, value)?;
        self.set_raw(items).await
    }

    async fn set_many<T: Serialize>(&self, entries: &[(String, T)]) -> Result<(), StorageError> {
        let items = js_sys::Object::new();
        for (key, value) in entries {
            Self::put(&items, key, value)?;
        }
        self.set_raw(items).await
    }

    async fn remove(&self, keys: &[String]) -> Result<(), StorageError> {
        let list: js_sys::Array = keys.iter().map(|key| JsValue::from_str(key)).collect();
        let removed = match self.0 {
            Area::Local => local_remove(list.into()).await,
            Area::Session => session_remove(list.into()).await,
        };
        removed.map(|_| ()).map_err(storage_error)
    }
}

/// The browser's clock and time zone as a [`Clock`].
#[derive(Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> Instant {
        let date = js_sys::Date::new_0();
        // getTimezoneOffset is minutes *behind* UTC (Paris in winter: -60); whole minutes.
        let behind_utc = date.get_timezone_offset() as i32;
        Instant {
            epoch_ms: date.get_time() as i64,
            utc_offset_minutes: -behind_utc,
        }
    }
}

/// The Web Crypto API's random source (`crypto.getRandomValues`, in service workers and pages
/// alike) as a [`Random`].
#[derive(Debug, Default)]
pub struct BrowserRandom;

impl Random for BrowserRandom {
    fn fill(&self, bytes: &mut [u8]) -> Result<(), RandomError> {
        // The API fills at most 65,536 bytes a call.
        for chunk in bytes.chunks_mut(65_536) {
            get_random_values(chunk).map_err(|error| RandomError(describe(&error)))?;
        }
        Ok(())
    }
}
