//! `word_worker`: the Word export in a Web Worker, so that the app's first load does not
//! carry docx-rs (about 240 KB gzip): the editor starts this worker only when the user
//! asks for a Word file.
//!
//! Protocol: the page posts the issue as canonical Markdown (a string, exactly what
//! `format::export` writes); the worker answers with an object `{ name, bytes }` (the file
//! name after the HTML export's rule and a `Uint8Array` of the `.docx`), or `{ error }`
//! with a message to show; once loaded it posts `{"ready":true}` (ui/worker.rs's rule).
//! Trunk builds it from index.html's
//! `<link data-trunk rel="rust" data-bin="word_worker" data-type="worker" data-loader-shim>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let answer = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = js_sys::Reflect::set(&answer, &JsValue::from_str(key), value);
        };
        match event.data().as_string() {
            Some(markdown) => {
                let (issue, _warnings) = jianbao::core::format::import(&markdown);
                match jianbao::core::word::issue_docx(&issue) {
                    Ok(bytes) => {
                        set(
                            "name",
                            &JsValue::from_str(&jianbao::core::word::file_name(&issue.masthead)),
                        );
                        set("bytes", &js_sys::Uint8Array::from(bytes.as_slice()).into());
                    }
                    Err(err) => set("error", &JsValue::from_str(&err.to_string())),
                }
            }
            None => set(
                "error",
                &JsValue::from_str("导出 Word 需要简报的 Markdown 文本 (expected the issue as Markdown)"),
            ),
        }
        let _ = reply_scope.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page waits for this before it sends the issue (ui/worker.rs), so a worker that
    // fails to load is told apart from one that is busy.
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}

/// Natively there is no worker; the CLI's `convert --to docx` writes Word files.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("word_worker runs in the browser; natively use `jianbao convert --to docx`.");
}
