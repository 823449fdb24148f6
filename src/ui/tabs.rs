//! Two tabs on one draft: a save in one is merged into the other.
//!
//! Each tab keeps the base it holds (`Editor::base`: the version it loaded, last saved
//! or last merged, with its own ids). When another tab saves this draft (the `storage`
//! event, or this tab's own save finding a newer revision stored), this tab merges the
//! base, what it holds and the other tab's version part by part (`core::merge`), shows
//! the result in the form and the preview, and takes the other tab's revision as its
//! base; when the result differs from what is stored it is saved like any change. A part
//! both tabs changed keeps both versions, marked, and the status bar says so. Before the
//! merge takes away any text this tab showed, that text is kept as a snapshot.
//!
//! The old loss (issue 14) was not reproduced step by step, but the code had two silent
//! paths to it: a tab that kept the revision of another tab's version but not the version
//! itself answered a same-revision or late write by saving its own text again, and the
//! conflict dialog made the user drop one side. Now every path that brings another tab's
//! text in goes through [`absorb`], which merges and never chooses.

use crate::core::format::{export, import};
use crate::core::merge::align::{align, canonical_base};
use crate::core::merge::{loses_text, merge_from_saved, PartId};
use crate::core::Issue;
use crate::store::local::{self, issue_key};
use crate::store::records::IssueRecord;
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
        if record.revision > own {
            absorb(editor, &record, editor.base.get_value());
            return;
        }
        // Not newer than this tab's revision: either a late event (storage has moved on
        // since), or another tab wrote at the same moment as this one (localStorage has
        // no lock across tabs) and its write is the one stored: the same revision with
        // another text, or an older revision over this tab's newer save. What storage
        // holds now tells which.
        let Some(stored) = local::peek(&editor.draft_id.get_untracked()) else {
            return;
        };
        if stored.revision > own {
            absorb(editor, &stored, editor.base.get_value());
        } else if stored.revision < own || local::known_differs(&stored.id, own, &stored.markdown) {
            // Both tabs started from the version before this tab's last save: the other
            // tab's words are merged in from there, and the result saved again, newer.
            absorb(editor, &stored, editor.prior_base.get_value());
            // An older revision on top is written over at once with a newer one (other
            // tabs would otherwise take it for a late event); a merged text that differs
            // from what is stored is saved at once too.
            let state = editor.save.get_untracked();
            if stored.revision < own && state == SaveState::Saved {
                editor.save.set(SaveState::Saving);
            }
            if editor.save.get_untracked() == SaveState::Saving {
                save_now(editor);
            }
        }
    });
}

/// Merges the newer version stored for the open draft (this tab's save found revision
/// `theirs` stored). Returns false when it cannot be read.
pub fn merge_stored(editor: Editor, theirs: u64) -> bool {
    match local::load(&editor.draft_id.get_untracked()) {
        Ok(Some(record)) if record.revision >= theirs => {
            absorb(editor, &record, editor.base.get_value());
            true
        }
        _ => false,
    }
}

/// Merges another tab's saved `record` into this tab's issue, from `base`.
pub fn absorb(editor: Editor, record: &IssueRecord, base: Issue) {
    let ours = editor.issue.get_untracked();
    let first_free = ours.max_id().max(base.max_id()).saturating_add(1);
    let theirs = align(&canonical_base(&base), import(&record.markdown).0, first_free);
    let merged = merge_from_saved(&base, &ours, &theirs);
    // Nothing this tab showed disappears without a copy: a text the other tab rewrote or
    // deleted, and (when parts clash) the other tab's version too, which the merged
    // save is about to replace in storage.
    if merged.issue != ours && loses_text(&ours, &merged.issue) {
        local::snapshot_now(&record.id, export(&ours));
    }
    if !merged.conflicts.is_empty() {
        local::snapshot_now(&record.id, record.markdown.clone());
    }
    local::note(&record.id, record.revision, &record.markdown);
    let had_changes = ours != base;
    let both = !merged.conflicts.is_empty();
    let revision = record.revision.max(editor.revision.get_value());
    editor.take_merge(merged, theirs, revision);
    let key = match (both, had_changes) {
        (true, _) => Key::MergedBoth,
        (false, true) => Key::MergedIn,
        (false, false) => Key::LoadedOther,
    };
    editor.notice.set(Some(editor.t_untracked(key).to_string()));
}

/// What the status bar says about the parts both tabs changed.
pub fn describe_parts(editor: Editor, parts: &[PartId]) -> String {
    editor.issue.with(|issue| {
        parts
            .iter()
            .map(|part| match part {
                PartId::Masthead => editor.t(Key::Masthead).to_string(),
                PartId::Footer => editor.t(Key::Footer).to_string(),
                PartId::Sections => editor.t(Key::SectionOrder).to_string(),
                PartId::Heading(id) => {
                    let heading = issue.sections.iter().find_map(|s| {
                        if s.id == *id {
                            Some(s.heading.clone())
                        } else {
                            s.columns.iter().find(|c| c.id == *id).map(|c| c.heading.clone())
                        }
                    });
                    format!("【{}】", heading.unwrap_or_default())
                }
                PartId::Item(id) => {
                    let title = issue.item(*id).map(|item| item.title.clone()).unwrap_or_default();
                    format!("“{title}”")
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    })
}

/// The status bar's note of the parts both tabs changed, with a button to dismiss it.
#[component]
pub fn MergeStatus() -> impl IntoView {
    let editor = use_editor();
    view! {
        <Show when=move || editor.merged_parts.with(|p| !p.is_empty())>
            <span class="merge-status failed" data-testid="merge-status" role="status">
                {move || {
                    let parts = editor.merged_parts.get();
                    format!("{} {}{}", parts.len(), editor.t(Key::MergedParts), describe_parts(editor, &parts))
                }}
                <button type="button" class="banner-close" data-testid="merge-status-close"
                    on:click=move |_| editor.merged_parts.set(Vec::new())>{move || editor.t(Key::Close)}</button>
            </span>
        </Show>
    }
}

/// Asks which version to keep when another tab's newer save cannot be read to merge it.
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
            Ok(Some(record)) => {
                editor
                    .issue
                    .with_untracked(|issue| local::snapshot_now(&id, export(issue)));
                editor.open_draft(id, import(&record.markdown).0, record.revision, record.open_item)
            }
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
