//! The paste worker: the paste cleanup rules, detection of a submission's title and
//! sources, pasted HTML (the tree the page's DOMParser read) to Markdown, whole bulletins
//! given their structure, and the "already published" check; loaded the first time the
//! paste dialog, a rich-text paste, a file import or the contributor page needs it.
//!
//! Protocol (`core::ondemand::paste`): the page posts one JSON text, a `Request`; the worker
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
    let state = RefCell::new(jianbao::core::ondemand::paste::Worker::default());
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
