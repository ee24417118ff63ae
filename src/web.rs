//! The WebAssembly boundary: the only module that touches browser APIs.
//!
//! It implements the ports on `chrome.storage.local` and `Date`, and exports [`Core`] to the
//! service worker. Messages and stored records cross through `serde-wasm-bindgen`, with maps
//! written as plain objects so that `chrome.storage` can keep them; answers cross as JSON text.

use crate::date::Instant;
use crate::ports::{Clock, Storage, StorageError};
use crate::protocol::{Request, Response, Sender};
use crate::service::Service;
use serde::{Serialize, de::DeserializeOwned};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    async fn local_get(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    async fn local_set(items: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    async fn local_remove(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = remove, catch)]
    async fn session_remove(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get, catch)]
    async fn session_get(keys: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set, catch)]
    async fn session_set(items: JsValue) -> Result<JsValue, JsValue>;
}

/// Which of `chrome.storage`'s areas a [`ChromeStorage`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `chrome.storage.local`: durable, the ledger.
    Local,
    /// `chrome.storage.session`: in memory until the browser closes, the guard's memory.
    Session,
}

async fn chrome_storage_get(area: Area, keys: JsValue) -> Result<JsValue, JsValue> {
    match area {
        Area::Local => local_get(keys).await,
        Area::Session => session_get(keys).await,
    }
}

async fn chrome_storage_set(area: Area, items: JsValue) -> Result<JsValue, JsValue> {
    match area {
        Area::Local => local_set(items).await,
        Area::Session => session_set(items).await,
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError(e.to_string()))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// One `chrome.storage` area as a [`Storage`].
#[derive(Debug)]
pub struct ChromeStorage(pub Area);

impl Storage for ChromeStorage {
    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let items = chrome_storage_get(self.0, JsValue::from_str(key))
            .await
            .map_err(|e| StorageError(describe(&e)))?;
        let value = js_sys::Reflect::get(&items, &JsValue::from_str(key))
            .map_err(|e| StorageError(describe(&e)))?;
        if value.is_undefined() {
            return Ok(None);
        }
        serde_wasm_bindgen::from_value(value)
            .map(Some)
            .map_err(|e| StorageError(format!("{key}: {e}")))
    }

    async fn get_with_prefix<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        let items = chrome_storage_get(self.0, JsValue::NULL)
            .await
            .map_err(|e| StorageError(describe(&e)))?;
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
                    .map_err(|e| StorageError(describe(&e)))?;
                serde_wasm_bindgen::from_value(value)
                    .map(|decoded| (key.clone(), decoded))
                    .map_err(|e| StorageError(format!("{key}: {e}")))
            })
            .collect()
    }

    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let items = js_sys::Object::new();
        js_sys::Reflect::set(&items, &JsValue::from_str(key), &to_js(value)?)
            .map_err(|e| StorageError(describe(&e)))?;
        chrome_storage_set(self.0, items.into())
            .await
            .map(|_| ())
            .map_err(|e| StorageError(describe(&e)))
    }

    async fn set_many<T: Serialize>(&self, entries: &[(String, T)]) -> Result<(), StorageError> {
        let items = js_sys::Object::new();
        for (key, value) in entries {
            js_sys::Reflect::set(&items, &JsValue::from_str(key), &to_js(value)?)
                .map_err(|e| StorageError(describe(&e)))?;
        }
        chrome_storage_set(self.0, items.into())
            .await
            .map(|_| ())
            .map_err(|e| StorageError(describe(&e)))
    }

    async fn remove(&self, keys: &[String]) -> Result<(), StorageError> {
        let list: js_sys::Array = keys.iter().map(|key| JsValue::from_str(key)).collect();
        let removed = match self.0 {
            Area::Local => local_remove(list.into()).await,
            Area::Session => session_remove(list.into()).await,
        };
        removed.map(|_| ()).map_err(|e| StorageError(describe(&e)))
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

/// A message from the browser as a [`Request`]. The studies' module reads it as JSON text with
/// serde_json, which refuses unknown fields (a study manifest with a key of its own is refused, as
/// the protocol says); `serde_wasm_bindgen` reads only the fields a struct knows and lets others
/// pass unseen, which the worker's own module accepts so as not to carry serde_json's reader (about
/// 10 KB gzipped): its messages come from the extension's own sensors and pages.
#[cfg(feature = "study")]
fn read_request(message: &JsValue) -> Result<Request, String> {
    let text = js_sys::JSON::stringify(message)
        .map_err(|e| describe(&e))?
        .as_string()
        .ok_or_else(|| "not a JSON value".to_owned())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[cfg(not(feature = "study"))]
fn read_request(message: &JsValue) -> Result<Request, String> {
    serde_wasm_bindgen::from_value(message.clone()).map_err(|e| e.to_string())
}

/// An answer as a JS object. It is written as JSON text in one go and read by the browser's own
/// JSON parser: an overview is thousands of small values, which `serde_wasm_bindgen` would create
/// one boundary call at a time (a year's overview answered in 8.7 ms that way, 7.1 ms this way,
/// in the worker at opt-level "z"). The JSON writer adds about 5 KB gzipped to the module.
fn answer_to_js(response: &Response) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(response).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// The core as the service worker sees it.
#[wasm_bindgen]
pub struct Core {
    service: Rc<Service<ChromeStorage, BrowserClock>>,
}

#[wasm_bindgen]
impl Core {
    /// A core for the extension whose pages live under `extension_base_url`
    /// (`chrome.runtime.getURL("")`).
    #[wasm_bindgen(constructor)]
    pub fn new(extension_base_url: &str) -> Core {
        Core {
            service: Rc::new(Service::new(
                ChromeStorage(Area::Local),
                ChromeStorage(Area::Session),
                BrowserClock,
                extension_base_url,
            )),
        }
    }

    /// Forgets the ledger and settings kept in memory: call it whenever `chrome.storage.local`
    /// changes.
    pub fn forget_cached_reads(&self) {
        self.service.forget_cached_reads();
    }

    /// Answers one message; `sender` is `{url, tab_id, tab_url}` as the browser reports the
    /// sender. The promise always resolves to a response object (errors included), never rejects.
    pub fn handle(&self, message: JsValue, sender: JsValue) -> js_sys::Promise {
        let service = Rc::clone(&self.service);
        wasm_bindgen_futures::future_to_promise(async move {
            let parsed = read_request(&message).and_then(|request| {
                serde_wasm_bindgen::from_value::<Sender>(sender)
                    .map(|sender| (request, sender))
                    .map_err(|e| e.to_string())
            });
            let response = match parsed {
                Ok((request, sender)) => service.handle(request, &sender).await,
                Err(error) => Response::Error {
                    message: format!("invalid message: {error}"),
                },
            };
            answer_to_js(&response)
        })
    }
}
