//! The archive and paste workers, the page's side: their [`Part`]s and one call each that
//! sends a request of `core::ondemand` as JSON and reads the answer back.
//!
//! Search, 供稿统计 and the numbering checks (`archive_worker`), and the paste cleanup,
//! HTML to Markdown and bulletin import (`paste_worker`) run there, so the first load
//! carries only these requests and answers (see ARCHITECTURE.md, "On-demand parts").

use crate::core::ondemand::{archive, from_json, paste, to_json};
use crate::ui::i18n::Key;
use crate::ui::worker::{self, Part};
use wasm_bindgen::JsValue;

/// The archive's search, statistics and numbering checks.
pub static ARCHIVE: Part = Part {
    name: "archive_worker",
    label: Key::ArchivePart,
    working: Some(Key::ArchiveWorking),
    advice: Key::ArchiveAdvice,
    limit_ms: 120_000,
};

/// The paste cleanup, HTML to Markdown and bulletin import. Its answers come while the
/// editor types in the paste dialog, so it shows no working text of its own: the banner
/// only says so while the part loads.
pub static PASTE: Part = Part {
    name: "paste_worker",
    label: Key::PastePart,
    working: None,
    advice: Key::PasteAdvice,
    limit_ms: 120_000,
};

/// Sends one request to a part and reads its answer; `Err` is a message for the editor.
async fn ask<A: serde::de::DeserializeOwned>(part: &'static Part, request: String) -> Result<A, String> {
    let answer = worker::ask(part, &JsValue::from_str(&request), None)
        .await
        .map_err(|failure| failure.message(part))?;
    let text = answer.as_string().unwrap_or_default();
    from_json::<A>(&text).map_err(|why| {
        // The worker answers a request it could not read with a message of its own.
        from_json::<String>(&text).unwrap_or(why)
    })
}

/// Asks the archive worker.
pub async fn ask_archive(request: &archive::Request) -> Result<archive::Answer, String> {
    ask(&ARCHIVE, to_json(request)).await
}

/// Asks the paste worker.
pub async fn ask_paste(request: &paste::Request) -> Result<paste::Answer, String> {
    ask(&PASTE, to_json(request)).await
}
