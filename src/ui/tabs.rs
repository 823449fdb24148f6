//! Two tabs on one draft: a save in one is noticed by the other through the `storage`
//! event and the record's revision. A tab with no unsaved changes takes the newer
//! version; a tab with unsaved changes asks (see [`ConflictDialog`]).

use crate::core::format::import;
use crate::store::local::{self, issue_key};
use crate::ui::autosave::save_now;
use crate::ui::i18n::Key;
use crate::ui::state::{use_editor, Editor, SaveState};
use leptos::prelude::*;

/// Listens for saves made by other tabs.
pub fn install(editor: Editor) {
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else { return };
        if key != issue_key(&editor.draft_id.get_untracked()) {
            return;
        }
        // The head is written after every part it names: the issue is read whole from
        // storage (a version 3 head holds no text itself).
        let Some(record) = local::peek(&editor.draft_id.get_untracked()) else {
            return;
        };
        let own = editor.revision.get_value();
        if record.revision < own {
            // An older copy was written over this tab's newer save (two tabs writing at
            // once: localStorage has no lock across tabs). This tab still has the newer
            // text: it saves it again (a pending save does so anyway).
            if editor.save.get_untracked() == SaveState::Saved {
                editor.save.set(SaveState::Saving);
                save_now(editor);
            }
            return;
        }
        if record.revision == own {
            // The same revision with another text: both tabs saved at once and the other
            // write is the one stored. This tab's text is only here now: ask.
            if local::known_differs(&record.id, own, &record.markdown) {
                editor.save.set(SaveState::Conflict);
                editor.conflict.set(Some(record.revision));
            }
            return;
        }
        match editor.save.get_untracked() {
            SaveState::Saved => {
                local::note(&record.id, record.revision, &record.markdown);
                let open_item = editor.open_item_position();
                editor.open_draft(
                    record.id.clone(),
                    import(&record.markdown).0,
                    record.revision,
                    open_item,
                );
                editor.notice.set(Some(
                    "已载入另一个标签页刚保存的新版本。Loaded the newer version saved in another tab.".into(),
                ));
            }
            _ => {
                editor.save.set(SaveState::Conflict);
                editor.conflict.set(Some(record.revision));
            }
        }
    });
}

/// Asks which version to keep when another tab saved while this one has unsaved changes.
#[component]
pub fn ConflictDialog() -> impl IntoView {
    let editor = use_editor();
    let keep_both = move |_| {
        // This tab's text becomes a new draft; the other tab's save stays where it is.
        editor.draft_id.set(local::new_id());
        editor.revision.set_value(0);
        editor.conflict.set(None);
        editor.save.set(SaveState::Saving);
        save_now(editor);
        editor
            .notice
            .set(Some("本页的版本已另存为一份新草稿；另一标签页的版本保持不变。".into()));
    };
    let take_theirs = move |_| {
        let id = editor.draft_id.get_untracked();
        match local::load(&id) {
            Ok(Some(record)) => editor.open_draft(id, import(&record.markdown).0, record.revision, record.open_item),
            _ => editor
                .notice
                .set(Some("另一标签页的版本无法读取，已保留本页的版本。".into())),
        }
    };
    let keep_mine = move |_| {
        if let Some(theirs) = editor.conflict.get_untracked() {
            editor.revision.set_value(theirs);
        }
        editor.conflict.set(None);
        editor.save.set(SaveState::Saving);
        save_now(editor);
    };
    view! {
        <Show when=move || editor.conflict.get().is_some()>
            <div class="modal-backdrop">
                <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text" data-testid="conflict-dialog">
                    <h2 id="conflict-title">{move || editor.t(Key::ConflictTitle)}</h2>
                    <p id="conflict-text">{move || editor.t(Key::ConflictText)}</p>
                    <div class="button-row">
                        <button type="button" data-testid="conflict-keep-both" on:click=keep_both>{move || editor.t(Key::ConflictKeepBoth)}</button>
                        <button type="button" data-testid="conflict-take-theirs" on:click=take_theirs>{move || editor.t(Key::ConflictTakeTheirs)}</button>
                        <button type="button" data-testid="conflict-keep-mine" on:click=keep_mine>{move || editor.t(Key::ConflictKeepMine)}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
