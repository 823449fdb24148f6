//! Autosave: a debounced write after the last change, and an immediate one when the page
//! is hidden or closed. A write never happens while another tab's newer save is unresolved.

use crate::core::format::export;
use crate::store::local::{self, StoreError};
use crate::ui::state::{Editor, SaveState};
use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;

/// How long after the last change the draft is written.
pub const DEBOUNCE_MS: u64 = 400;

thread_local! {
    /// Bumped by every change; a scheduled save runs only if nothing came after it.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Schedules a save after the debounce delay.
pub fn schedule(editor: Editor) {
    if matches!(
        editor.save.get_untracked(),
        SaveState::Unavailable | SaveState::Conflict
    ) {
        return;
    }
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    editor.save.set(SaveState::Saving);
    set_timeout(
        move || {
            if GENERATION.with(Cell::get) == generation {
                save_now(editor);
            }
        },
        Duration::from_millis(DEBOUNCE_MS),
    );
}

/// Writes the draft at once.
pub fn save_now(editor: Editor) {
    if matches!(
        editor.save.get_untracked(),
        SaveState::Unavailable | SaveState::Conflict
    ) {
        return;
    }
    let (markdown, name) = editor
        .issue
        .with_untracked(|issue| (export(issue), issue.masthead.short_name()));
    let id = editor.draft_id.get_untracked();
    let base = editor.revision.get_value();
    match local::save(&id, &name, markdown, base, editor.open_item_position()) {
        Ok(revision) => {
            editor.revision.set_value(revision);
            editor.save.set(SaveState::Saved);
        }
        Err(StoreError::Conflict(theirs)) => {
            editor.save.set(SaveState::Conflict);
            editor.conflict.set(Some(theirs));
        }
        Err(StoreError::Unavailable) => editor.save.set(SaveState::Unavailable),
        Err(StoreError::QuotaExceeded) => editor.save.set(SaveState::Failed(
            "浏览器存储空间已满，本次修改未能保存（上一次保存的版本完好）。请导出文件保存，或在“草稿”中清理旧草稿。Storage is full: export a file."
                .into(),
        )),
        Err(StoreError::Other(why)) => editor.save.set(SaveState::Failed(why)),
    }
}

/// Saves at once when the page is hidden or about to go away.
pub fn install_page_hooks(editor: Editor) {
    let on_hide = move || {
        if editor.save.get_untracked() == SaveState::Saving {
            save_now(editor);
        }
    };
    let _ = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            on_hide();
        }
    });
}
