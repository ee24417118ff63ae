//! What the boundary tests of the worker's and the studies' modules share (each includes this
//! file by path): the `chrome.storage` stand-in, the extension's origin, and reading the JSON
//! texts a module answers with.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// The path is from the including crate's root: both sit next to `crates/browser`.
#[wasm_bindgen(module = "/../browser/tests/storage-stand-in.js")]
extern "C" {
    /// Puts an empty `chrome.storage` stand-in in place.
    #[wasm_bindgen(js_name = installStorageStandIn)]
    pub fn install_storage_stand_in();
}

/// The extension's origin, as the modules are given it.
pub const EXTENSION: &str = "chrome-extension://tacheron/";

/// The value of a JSON text.
pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("JSON")
}

/// A field of an object.
pub fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &name.into()).expect("field")
}

/// A field of an object as text; empty when it is not a string.
pub fn text(value: &JsValue, name: &str) -> String {
    field(value, name).as_string().unwrap_or_default()
}

/// The answer and the effects a module's `handle` resolves to, both parsed from their JSON text.
pub async fn answer_and_effects(handled: js_sys::Promise) -> (JsValue, JsValue) {
    let handled = JsFuture::from(handled).await.expect("the promise resolves");
    (
        json(&text(&handled, "answer")),
        json(&text(&handled, "effects")),
    )
}
