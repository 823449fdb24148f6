//! Word files in, the editor's side: the `.docx` reader runs in a web worker
//! (src/bin/reader_worker.rs) that is started the first time a Word file is opened, so the
//! reader and its zip and XML code are not part of the first load.
//!
//! The page posts the file's bytes and gets back JSON (see the worker's docs): the
//! Markdown of a whole bulletin or of a one-item issue, and the reader's warnings, or the
//! reader's message saying why the file cannot be read.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's start-up script, written by Trunk beside the app (`data-loader-shim`).
const WORKER_URL: &str = "./reader_worker_loader.js";
/// How long the worker may take to start, or to read one file, before the page gives up
/// and says so (milliseconds). It keeps the page from waiting forever on a worker that
/// failed without an error event.
const START_LIMIT_MS: i32 = 30_000;
const READ_LIMIT_MS: i32 = 120_000;

thread_local! {
    /// The worker, once started.
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// The worker's answer for one file that was read.
#[derive(Clone, Debug, Default)]
pub struct Reply {
    /// `bulletin` or `submission`.
    pub kind: String,
    /// The Markdown of the bulletin, or of a one-item issue.
    pub markdown: String,
    /// The text as read, before cleanup: the page cleans and detects a submission from
    /// it, as it does a paste.
    pub text: String,
    /// The reader's warnings, in Chinese.
    pub warnings: Vec<String>,
}

/// A text field of the parsed answer, empty when missing. (The browser's JSON parser is
/// used, not serde's, which would add its code to the first load.)
fn field(value: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether a file is for the Word reader: a zip (a `.docx`), an old Office file, a PDF or
/// RTF by its first bytes, or a name ending in one of those kinds. The reader then either
/// reads it or says what it is and what to do.
pub fn is_word_file(name: &str, bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 4] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0", b"%PDF", b"{\\rtf"];
    MAGIC.iter().any(|magic| bytes.starts_with(magic))
        || [".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// The message when the worker cannot be loaded.
fn failed_to_load(why: &str) -> String {
    format!("无法加载 Word 读取程序（{why}）。请检查网络后刷新页面再试；也可以在 Word 或 WPS 中复制文字后粘贴。")
}

/// Waits for the worker's next message (its text), an error event, or the time limit.
async fn next_message(worker: &web_sys::Worker, limit_ms: i32, what: &'static str) -> Result<String, String> {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let reject_error = reject.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            event.prevent_default();
            let _ = reject_error.call1(&JsValue::NULL, &JsValue::from_str("error"));
        });
        let on_timeout = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), limit_ms);
        }
    });
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    match result {
        Ok(value) => value.as_string().ok_or_else(|| format!("{what}：收到的不是文字")),
        Err(reason) => Err(match reason.as_string().as_deref() {
            Some("timeout") => format!("{what}：超时"),
            _ => format!("{what}：出错"),
        }),
    }
}

/// The worker, started and ready; on failure, a message for the editor.
async fn worker() -> Result<web_sys::Worker, String> {
    if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(worker);
    }
    // The single file (`cargo xtask dist`'s jianbao.html) carries no worker files.
    let single = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"jianbao-single-file\"]").ok().flatten())
        .is_some();
    if single {
        return Err(
            "单文件版（jianbao.html）不含 Word 读取程序，无法打开 Word 文件。请使用在线版或安装版，或在 Word、WPS 中复制文字后粘贴。"
                .to_string(),
        );
    }
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|_| failed_to_load("无法启动"))?;
    match next_message(&worker, START_LIMIT_MS, "启动").await {
        Ok(text) if text.contains("\"ready\"") => {
            WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
            Ok(worker)
        }
        Ok(_) => {
            worker.terminate();
            Err(failed_to_load("启动时应答有误"))
        }
        Err(why) => {
            worker.terminate();
            Err(failed_to_load(&why))
        }
    }
}

/// Reads one Word file in the worker. `Err` is a message for the editor: the reader's
/// (the file cannot be read) or the page's (the worker could not be loaded).
pub async fn read(bytes: &[u8]) -> Result<Reply, String> {
    let worker = worker().await?;
    let array = js_sys::Uint8Array::from(bytes);
    let buffer = array.buffer();
    let transfer = js_sys::Array::of1(&buffer);
    worker
        .post_message_with_transfer(&buffer, &transfer)
        .map_err(|_| failed_to_load("无法发送文件"))?;
    let text = match next_message(&worker, READ_LIMIT_MS, "读取").await {
        Ok(text) => text,
        Err(why) => {
            // A worker that failed or hangs is not used again; the next file starts afresh.
            worker.terminate();
            WORKER.with(|w| *w.borrow_mut() = None);
            return Err(format!(
                "读取 Word 文件失败（{why}）。请在 Word 或 WPS 中另存为 .docx 后再试，或复制文字后粘贴。"
            ));
        }
    };
    let value = js_sys::JSON::parse(&text).map_err(|_| failed_to_load("应答无法解析"))?;
    let ok = js_sys::Reflect::get(&value, &JsValue::from_str("ok")).is_ok_and(|v| v.is_truthy());
    if !ok {
        return Err(field(&value, "error"));
    }
    let warnings = js_sys::Reflect::get(&value, &JsValue::from_str("warnings"))
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|v| js_sys::Array::from(&v).iter().filter_map(|w| w.as_string()).collect())
        .unwrap_or_default();
    Ok(Reply {
        kind: field(&value, "kind"),
        markdown: field(&value, "markdown"),
        text: field(&value, "text"),
        warnings,
    })
}
