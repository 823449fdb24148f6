//! Word files in, the editor's side: the `.docx` reader runs in a web worker
//! (src/bin/reader_worker.rs) that is started the first time a Word file is opened, so the
//! reader and its zip and XML code are not part of the first load.
//!
//! The page posts the file's bytes and gets back JSON (see the worker's docs): the
//! Markdown of a whole bulletin or of a one-item issue, and the reader's warnings, or the
//! reader's message saying why the file cannot be read.

use crate::ui::i18n::Key;
use crate::ui::worker::{self, Part};
use wasm_bindgen::prelude::*;

/// The Word reader: `src/bin/reader_worker.rs`, started through `ui::worker` on the first
/// Word file. The caller shows which file is read, so the part has no working text.
pub static READER: Part = Part {
    name: "reader_worker",
    label: Key::WordReaderPart,
    working: None,
    advice: Key::WordReaderAdvice,
    limit_ms: 120_000,
};

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

/// Reads one Word file in the worker. `Err` is a message for the editor: the reader's
/// (the file cannot be read) or the page's (the worker could not be loaded).
pub async fn read(bytes: &[u8]) -> Result<Reply, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let buffer = array.buffer();
    let answer = worker::ask(&READER, &buffer, Some(&js_sys::Array::of1(&buffer)))
        .await
        .map_err(|failure| failure.message(&READER))?;
    let bad_answer = || worker::Failure::Crashed.message(&READER);
    let text = answer.as_string().ok_or_else(bad_answer)?;
    let value = js_sys::JSON::parse(&text).map_err(|_| bad_answer())?;
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
