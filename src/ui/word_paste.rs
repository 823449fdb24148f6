//! The paste dialog's door for files: one Word file (or text file) chosen in the dialog or
//! dropped on it is read (a Word file by the reader's worker, [`crate::ui::word`]) and its
//! text goes into the dialog's text area, where it is cleaned, detected, checked for
//! near-duplicates and previewed exactly as a paste is. The reader's warnings (comments,
//! tracked changes, pictures left out) and its refusals show under the button.
//!
//! The text is put in the text area when it is empty, else added after what is there, so
//! nothing typed or pasted before is lost. Several files at once are the toolbar's work
//! (导入文件 and the Word submissions dialog): the dialog says so and reads none.

use crate::ui::files;
use crate::ui::i18n::Key;
use crate::ui::paste::PasteState;
use crate::ui::state::Editor;
use crate::ui::word;
use leptos::prelude::*;

/// What the door shows: the reader's warnings or refusal, and whether a file is being read.
#[derive(Clone, Copy)]
pub struct PasteFile {
    notes: RwSignal<Vec<String>>,
    busy: RwSignal<bool>,
}

impl Default for PasteFile {
    fn default() -> Self {
        PasteFile::new()
    }
}

impl PasteFile {
    /// A door with nothing to say yet.
    pub fn new() -> PasteFile {
        PasteFile {
            notes: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
        }
    }

    /// Lets files be dropped on the dialog.
    pub fn on_dragover(ev: web_sys::DragEvent) {
        let has_files = ev
            .data_transfer()
            .is_some_and(|data| data.types().includes(&wasm_bindgen::JsValue::from_str("Files"), 0));
        if has_files {
            ev.prevent_default();
        }
    }

    /// Reads a file dropped on the dialog, which keeps it from the page's own drop (that
    /// would import it into the issue).
    pub fn on_drop(self, editor: Editor, paste: PasteState, ev: web_sys::DragEvent) {
        let Some(list) = ev.data_transfer().and_then(|data| data.files()) else {
            return;
        };
        if list.length() == 0 {
            return;
        }
        ev.prevent_default();
        ev.stop_propagation();
        let dropped: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        leptos::task::spawn_local(self.read_into(editor, paste, dropped));
    }

    /// Reads one file into the text area.
    async fn read_into(self, editor: Editor, paste: PasteState, picked: Vec<web_sys::File>) {
        let [file] = picked.as_slice() else {
            self.notes.set(vec![editor.t(Key::PasteOneFile).to_string()]);
            return;
        };
        let name = file.name();
        self.notes.set(Vec::new());
        let bytes = match files::read_bytes(file).await {
            Ok(bytes) => bytes,
            Err(why) => {
                self.notes.set(vec![format!("{name}：{why}")]);
                return;
            }
        };
        let text = if word::is_word_file(&name.to_lowercase(), &bytes) {
            self.busy.set(true);
            let reply = word::read(&bytes).await;
            self.busy.set(false);
            match reply {
                Ok(reply) => {
                    // The dialog names the cleanup rules itself, with their checkboxes.
                    self.notes.set(
                        reply
                            .warnings
                            .into_iter()
                            .filter(|w| !w.starts_with("已整理："))
                            .map(|w| format!("{name}：{w}"))
                            .collect(),
                    );
                    reply.text
                }
                Err(why) => {
                    self.notes.set(vec![format!("{name}：{why}")]);
                    return;
                }
            }
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        paste.text.update(|current| {
            if current.trim().is_empty() {
                *current = text;
            } else {
                current.push_str("\n\n");
                current.push_str(&text);
            }
        });
    }
}

/// The dialog's file button, its hint and what the last file brought.
#[component]
pub fn PasteFileButton(editor: Editor, paste: PasteState, state: PasteFile) -> impl IntoView {
    // Each opening of the dialog starts without the last file's notes.
    Effect::new(move |_| state.notes.set(Vec::new()));
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(state.read_into(editor, paste, picked));
    };
    view! {
        <div class="paste-file">
            <label class="file-button">{move || editor.t(Key::PasteWordFile)}
                <input type="file" data-testid="paste-file" aria-describedby="paste-file-hint"
                    accept=".docx,.doc,.wps,.pdf,.txt,.md,.markdown,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    on:change=pick /></label>
            " " <span class="hint" id="paste-file-hint">{move || editor.t(Key::PasteWordHint)}</span>
            <p class="paste-file-notes" role="status" data-testid="paste-file-notes">
                {move || if state.busy.get() { editor.t(Key::WordReading).to_string() } else { state.notes.get().join("；") }}</p>
        </div>
    }
}
