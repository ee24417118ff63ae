//! The studies' WebAssembly module (`pkg/tacheron_study.js`): the studies' service
//! (`crates/study`) on the browser's ports, exported as [`Studies`]. The worker loads it only when
//! a study page, the popup of someone who joined or the report queue needs it.
//!
//! It keeps no ledger or settings of its own: the days a report covers are read through the
//! worker's core, the ledger's one owner, by a function the worker hands over
//! (`core.days(from, to)`). Messages are read as JSON text with `serde_json`, which refuses unknown
//! fields at every depth (a manifest with a key of its own is refused like any other fault, with
//! the field named); answers and effects leave as JSON text, as the worker's own module does.

use std::rc::Rc;
use tacheron::date::LocalDate;
use tacheron::ledger::{DayRecord, Ledger};
use tacheron::ports::StorageError;
use tacheron::protocol::{Handled, Sender};
use tacheron_browser::{Area, BrowserClock, BrowserRandom, ChromeStorage, describe, handled_to_js};
use tacheron_study::protocol::{StudyRequest, StudyResponse};
use tacheron_study::service::{LedgerDays, StudyService};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The worker's core, asked for the ledger's days through the function the worker gave.
#[derive(Debug)]
struct WorkerLedger(js_sys::Function);

impl LedgerDays for WorkerLedger {
    async fn days(&self, from: LocalDate, to: LocalDate) -> Result<Ledger, StorageError> {
        let failed = |error: JsValue| StorageError(describe(&error));
        let promise = self
            .0
            .call2(
                &JsValue::NULL,
                &from.to_string().into(),
                &to.to_string().into(),
            )
            .map_err(failed)?;
        let days = JsFuture::from(js_sys::Promise::resolve(&promise))
            .await
            .map_err(failed)?;
        let days: Vec<(String, DayRecord)> = serde_wasm_bindgen::from_value(days)
            .map_err(|error| StorageError(format!("the ledger's days: {error}")))?;
        Ledger::from_stored(days).map_err(StorageError)
    }
}

/// A message as JSON text, read with `serde_json` (unknown fields refused at every depth).
fn read_request(message: &JsValue) -> Result<StudyRequest, String> {
    let text = js_sys::JSON::stringify(message)
        .map_err(|error| describe(&error))?
        .as_string()
        .ok_or_else(|| "not a JSON value".to_owned())?;
    serde_json::from_str(&text).map_err(|error| error.to_string())
}

type Service = StudyService<ChromeStorage, BrowserClock, BrowserRandom, WorkerLedger>;

/// The studies' service as the service worker sees it.
#[wasm_bindgen]
pub struct Studies {
    service: Rc<Service>,
}

#[wasm_bindgen]
impl Studies {
    /// The studies of the extension whose pages live under `extension_base_url`; `read_days` is
    /// `(from, to) => Promise<[[key, record], …]>`, the worker core's `days`.
    #[wasm_bindgen(constructor)]
    pub fn new(extension_base_url: &str, read_days: js_sys::Function) -> Studies {
        Studies {
            service: Rc::new(StudyService::new(
                ChromeStorage(Area::Local),
                BrowserClock,
                BrowserRandom,
                WorkerLedger(read_days),
                extension_base_url,
            )),
        }
    }

    /// Answers one study message; `sender` is `{url, tab_id, tab_url}` as the browser reports
    /// it. The promise resolves to `{ answer, effects }`, both JSON text; it never rejects.
    pub fn handle(&self, message: JsValue, sender: JsValue) -> js_sys::Promise {
        let service = Rc::clone(&self.service);
        wasm_bindgen_futures::future_to_promise(async move {
            let parsed = read_request(&message).and_then(|request| {
                serde_wasm_bindgen::from_value::<Sender>(sender)
                    .map(|sender| (request, sender))
                    .map_err(|error| error.to_string())
            });
            let handled = match parsed {
                Ok((request, sender)) => service.handle(request, &sender).await,
                Err(error) => Handled::only(StudyResponse::Error {
                    message: format!("invalid message: {error}"),
                }),
            };
            handled_to_js(&handled)
        })
    }
}
