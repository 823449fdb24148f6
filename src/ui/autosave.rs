//! Autosave: a debounced write after the last change, and an immediate one when the page
//! is hidden or closed. A write never goes over another tab's newer save: that save is
//! merged in first (see `tabs`), and the merged text is what gets written.

use crate::store::local::{self, StoreError};
use crate::ui::state::{Editor, SaveState};
use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;

/// How long after the last change the draft is written.
pub const DEBOUNCE_MS: u64 = 400;

thread_local! {
    /// When the last change came (milliseconds, `Date.now()`).
    static LAST_CHANGE: Cell<f64> = const { Cell::new(0.0) };
    /// Whether a timer is already waiting to save.
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

/// Schedules a save after the debounce delay. A keystroke only notes its time: one timer
/// waits, and when it fires early (typing went on) it waits again for the rest.
pub fn schedule(editor: Editor) {
    if matches!(
        editor.save.get_untracked(),
        SaveState::Unavailable | SaveState::Conflict
    ) {
        return;
    }
    LAST_CHANGE.with(|t| t.set(js_sys::Date::now()));
    if editor.save.get_untracked() != SaveState::Saving {
        editor.save.set(SaveState::Saving);
    }
    if !ARMED.with(Cell::get) {
        ARMED.with(|a| a.set(true));
        arm(editor, DEBOUNCE_MS);
    }
}

fn arm(editor: Editor, wait_ms: u64) {
    set_timeout(
        move || {
            let quiet = js_sys::Date::now() - LAST_CHANGE.with(Cell::get);
            if quiet + 1.0 < DEBOUNCE_MS as f64 {
                arm(editor, (DEBOUNCE_MS as f64 - quiet).ceil() as u64);
                return;
            }
            ARMED.with(|a| a.set(false));
            // Nothing saved it since (the drafts panel, a page hide or a draft switch save
            // at once): an already saved text is not written again, which would bump the
            // revision for other tabs.
            if editor.save.get_untracked() == SaveState::Saving {
                save_now(editor);
            }
        },
        Duration::from_millis(wait_ms),
    );
}

/// The name of the `performance.measure` around each save, which the benchmark counts
/// and times (`bench/browser.mjs`).
pub const SAVE_MEASURE: &str = "jianbao:save";
/// The mark a save's measure starts at.
const SAVE_START: &str = "jianbao:save-start";

/// Writes the draft at once, between a `performance` mark and measure named
/// [`SAVE_MEASURE`] (a save that merges another tab's version first and saves again is
/// one measure).
pub fn save_now(editor: Editor) {
    let performance = window().performance();
    if let Some(performance) = &performance {
        // Only the last save's measure is kept (a long session saves thousands of times;
        // the benchmark watches them with a `PerformanceObserver`).
        performance.clear_measures_with_measure_name(SAVE_MEASURE);
        let _ = performance.mark(SAVE_START);
    }
    save_once(editor);
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(SAVE_MEASURE, SAVE_START);
        performance.clear_marks_with_mark_name(SAVE_START);
    }
}

/// One attempt to write the draft; after merging another tab's newer save, it tries
/// again.
fn save_once(editor: Editor) {
    if matches!(
        editor.save.get_untracked(),
        SaveState::Unavailable | SaveState::Conflict
    ) {
        return;
    }
    let id = editor.draft_id.get_untracked();
    let base = editor.revision.get_value();
    let open_item = editor.open_item_position();
    // Only the parts that changed since the last save are written out (see
    // `store::drafts`): the issue is never exported whole on this path.
    let result = editor
        .issue
        .with_untracked(|issue| local::save_issue(&id, &issue.masthead.short_name(), issue, base, open_item));
    let found = local::take_problems();
    if !found.is_empty() {
        editor.problems.update(|p| p.extend(found));
    }
    match result {
        Ok(revision) => {
            editor.saved(revision);
            editor.save.set(SaveState::Saved);
        }
        // Another tab saved since (its storage event has not come yet, or this tab was
        // asleep): its version is merged in, and the merged text saved right away.
        Err(StoreError::Conflict(theirs)) => {
            if !crate::ui::tabs::merge_stored(editor, theirs) {
                editor.save.set(SaveState::Conflict);
                editor.conflict.set(Some(theirs));
            } else if editor.save.get_untracked() == SaveState::Saving {
                save_once(editor);
            }
        }
        Err(StoreError::Unavailable) => editor.save.set(SaveState::Unavailable),
        Err(StoreError::QuotaExceeded) => editor.save.set(SaveState::Failed(
            "浏览器存储空间已满，本次修改未能保存（上一次保存的版本完好）。请先导出文件保存；空间腾出后，下一次修改会自动保存。Storage is full: this change is not saved (the last saved version is intact). Export a file."
                .into(),
        )),
        Err(StoreError::Other(why)) => editor.save.set(SaveState::Failed(why)),
    }
}

/// Saves at once when the page is hidden or about to go away, and keeps the stored record
/// told which item is open.
pub fn install_page_hooks(editor: Editor) {
    // Choosing another item changes no text, so no save is due; the stored record still
    // learns which item is open, so that reopening lands on it. (While a save is pending,
    // that save records it.)
    Effect::new(move |_| {
        editor.selection.track();
        if editor.save.get_untracked() == SaveState::Saved {
            let _ = local::remember_open_item(
                &editor.draft_id.get_untracked(),
                editor.revision.get_value(),
                editor.open_item_position(),
            );
        }
    });
    let on_hide = move || {
        // A pending save, or one that failed (storage full a moment ago): try now, it is
        // the last chance before the page may be gone.
        if matches!(editor.save.get_untracked(), SaveState::Saving | SaveState::Failed(_)) {
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
