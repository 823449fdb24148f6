//! Word out, the editor's side (issue 17): the 导出 Word button. The `.docx` writer
//! (docx-rs, about 240 KB gzip) runs in its own web worker (src/bin/word_worker.rs),
//! started through `ui::worker` on the first export, so it is not part of the first load.
//!
//! The page posts the issue's canonical Markdown; the worker answers `{ name, bytes }` or
//! `{ error }`. The file is named by the HTML export's rule, `<stem>.docx`.

use crate::core::format::export;
use crate::core::publish::file_stem;
use crate::ui::files;
use crate::ui::i18n::Key;
use crate::ui::state::Editor;
use crate::ui::worker::{self, Part};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The Word writer: `src/bin/word_worker.rs`.
pub static WRITER: Part = Part {
    name: "word_worker",
    label: Key::WordWriterPart,
    working: Some(Key::WordExporting),
    advice: Key::WordWriterAdvice,
    limit_ms: 120_000,
};

/// The `.docx` media type.
const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The 导出 Word button: disabled while an export runs.
#[component]
pub fn ExportWordButton() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let busy = RwSignal::new(false);
    let export_word = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let message = export_word(editor).await;
            editor.notice.set(Some(message));
            busy.set(false);
        });
    };
    view! {
        <button type="button" data-testid="export-word" on:click=export_word
            prop:disabled=move || busy.get() aria-busy=move || busy.get().to_string()>{move || editor.t(Key::ExportWord)}</button>
    }
}

/// Exports the open issue as a Word file and returns the message for the status banner.
async fn export_word(editor: Editor) -> String {
    let (name, markdown) = editor
        .issue
        .with_untracked(|issue| (format!("{}.docx", file_stem(&issue.masthead)), export(issue)));
    let answer = match worker::ask(&WRITER, &JsValue::from_str(&markdown), None).await {
        Ok(answer) => answer,
        Err(failure) => return failure.message(&WRITER),
    };
    let get = |key: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if let Some(error) = get("error").as_string() {
        return format!("{}{error}", editor.t(Key::WordExportFailed));
    }
    let Ok(bytes) = get("bytes").dyn_into::<js_sys::Uint8Array>() else {
        return worker::Failure::Crashed.message(&WRITER);
    };
    match files::download_bytes(&name, DOCX_TYPE, &bytes) {
        Ok(()) => format!("{}{name}", editor.t(Key::WordExported)),
        Err(why) => format!("{}{why}", editor.t(Key::WordExportFailed)),
    }
}
