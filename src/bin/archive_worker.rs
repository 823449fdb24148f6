//! The archive worker: search, 供稿统计 (figures, chart, CSV, printable page) and the
//! numbering checks over the published issues and drafts, loaded the first time the
//! archive dialog needs them, so that none of that code is in the first load.
//!
//! Protocol (`core::ondemand::archive`): the page posts one JSON text, a `Request`; the worker
//! answers with one JSON text, the `Answer` (or a JSON string, a message, when the
//! request could not be read). The worker keeps its state between requests. Natively the
//! binary is an empty stub; `tests/ondemand.rs` runs the same handler natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let state = RefCell::new(jianbao::core::ondemand::archive::Worker::default());
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let answer = state.borrow_mut().handle_json(&request);
        let _ = reply_to.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page posts nothing before this.
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}

/// The worker only runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
