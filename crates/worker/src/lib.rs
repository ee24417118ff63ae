//! The service worker's WebAssembly module (`pkg/tacheron.js`): the core's service on the
//! browser's ports (`crates/browser`), exported as [`Core`].
//!
//! A message crosses into the core through `serde-wasm-bindgen` (its fields straight from the JS
//! object); the answer leaves as JSON text, written once by `serde_json` and parsed once, by the
//! page that asked (`lib/core-client.js`): an overview is thousands of small values, which would
//! otherwise be made one boundary call at a time, and Firefox's messaging copies a string at once
//! where it copies a tree of values value by value. What the worker must do besides answering (the
//! badge, alarms, the Mastodon sensors, the study queue) comes as a small JSON text of its own.

use std::rc::Rc;
use tacheron::date::LocalDate;
use tacheron::ledger::day_key;
use tacheron::protocol::{Handled, Request, Response, Sender, TypedMessage};
use tacheron::service::Service;
use tacheron_browser::{Area, BrowserClock, ChromeStorage, handled_to_js};
use wasm_bindgen::prelude::*;

/// A message object as a [`Request`]: its `type` looked up by name, then that type's fields read
/// straight from the object (`serde-wasm-bindgen` reads a struct's fields by name, one way only,
/// where reading the object as a map would build every request's reader twice, once for each of
/// its two ways of walking an object: about 2 KB of the module). Fields the request does not have
/// pass unseen, as they do in every nested value: the worker's messages come from the extension's
/// own sensors and pages, and the studies' module, which reads manifests from outside, refuses
/// them.
fn read_request(message: JsValue) -> Result<Request, String> {
    let kind = message
        .is_object()
        .then(|| js_sys::Reflect::get(&message, &"type".into()).ok())
        .flatten()
        .and_then(|kind| kind.as_string())
        .ok_or_else(|| "a message is an object with a `type`".to_owned())?;
    Request::from_fields(&kind, serde_wasm_bindgen::Deserializer::from(message))
        .map_err(|error| error.to_string())
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
    /// sender. The promise resolves to `{ answer, effects }`, both JSON text (an error is an
    /// answer too); it never rejects.
    pub fn handle(&self, message: JsValue, sender: JsValue) -> js_sys::Promise {
        let service = Rc::clone(&self.service);
        wasm_bindgen_futures::future_to_promise(async move {
            let parsed = read_request(message).and_then(|request| {
                serde_wasm_bindgen::from_value::<Sender>(sender)
                    .map(|sender| (request, sender))
                    .map_err(|error| error.to_string())
            });
            let handled = match parsed {
                Ok((request, sender)) => service.handle(request, &sender).await,
                Err(error) => Handled::only(Response::Error {
                    message: format!("invalid message: {error}"),
                }),
            };
            handled_to_js(&handled)
        })
    }

    /// The ledger's stored days from `from` to `to` (`YYYY-MM-DD`), both included, as
    /// `[[key, record], …]`: the studies' module reads the days of a report through this, the
    /// ledger's one owner. Rejects with the reason when a date is not one or the store fails.
    pub fn days(&self, from: String, to: String) -> js_sys::Promise {
        let service = Rc::clone(&self.service);
        wasm_bindgen_futures::future_to_promise(async move {
            let (Some(from), Some(to)) = (LocalDate::parse(&from), LocalDate::parse(&to)) else {
                return Err(JsValue::from_str("days: dates are YYYY-MM-DD"));
            };
            let ledger = service
                .ledger()
                .await
                .map_err(|error| JsValue::from_str(&error.to_string()))?;
            // Built by hand: the stored form of each day is already a string.
            let days: js_sys::Array = ledger
                .days_between(from, to)
                .map(|(date, record)| {
                    let pair =
                        js_sys::Array::of2(&day_key(date).into(), &record.to_compact().into());
                    JsValue::from(pair)
                })
                .collect();
            Ok(days.into())
        })
    }
}
