//! The Word reader's web worker: the editor loads it only when a Word file is opened, so
//! the `.docx` reader (and its zip and XML dependencies) never weighs on the first load.
//!
//! Protocol: the page posts a file's bytes (an `ArrayBuffer`); the worker answers with one
//! JSON string, `{"ok":true,"kind":"bulletin"|"submission","markdown":…,"warnings":[…]}`
//! or `{"ok":false,"error":…}`. The Markdown is our own format: a whole bulletin as it was
//! read, one submission as a one-item issue that the page takes the item from.
//! Natively the binary is an empty stub.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let _ = reply_to.post_message(&JsValue::from_str(&jianbao::core::docx_in::reply_json(&bytes)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page waits for this before it sends a file, so a worker that fails to start
    // is told apart from one that is busy.
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}

/// The reader's worker only runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
