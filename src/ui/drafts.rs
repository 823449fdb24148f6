//! The drafts panel: every issue kept in this browser, the trash, the open issue's saved
//! versions, backups, and how full storage is.

use crate::core::edit::Edit;
use crate::core::format::{export, import};
use crate::core::sample::sample_issue;
use crate::core::Issue;
use crate::store::local;
use crate::store::records::{plan_merge, read_backup, units, Index, MergeAction};
use crate::ui::autosave::save_now;
use crate::ui::files;
use crate::ui::i18n::Key;
use crate::ui::state::{use_editor, Editor, SaveState};
use leptos::prelude::*;

/// Whether the open draft may be left for another: it is saved (a pending save is made
/// now), or the user agrees to lose what could not be saved (storage full or unavailable).
fn may_leave(editor: Editor) -> bool {
    if editor.save.get_untracked() == SaveState::Saving {
        save_now(editor);
    }
    match editor.save.get_untracked() {
        SaveState::Saved => true,
        SaveState::Unavailable if !editor.can_undo.get_untracked() => true,
        _ => window()
            .confirm_with_message(
                "本期有未能保存的修改，离开后将丢失。建议先“导出 Markdown”。仍要离开吗？\n\
                 This issue has changes that could not be saved and will be lost. Export it first. Leave anyway?",
            )
            .unwrap_or(false),
    }
}

/// Keeps what the tab holds as a snapshot of its draft, before something else replaces
/// it in this tab (another draft, an import, the next issue, a restore): even should the
/// draft's record later be lost or overwritten, the text is among its saved versions.
pub fn keep_snapshot(editor: Editor) {
    if editor.save.get_untracked() == SaveState::Unavailable {
        return;
    }
    let id = editor.draft_id.get_untracked();
    editor
        .issue
        .with_untracked(|issue| local::snapshot_now(&id, export(issue)));
}

/// Saves the open draft, then opens another (unless the open one could not be saved and
/// the user chooses to stay).
pub fn switch_to(editor: Editor, id: &str) {
    if may_leave(editor) {
        keep_snapshot(editor);
        open_stored(editor, id);
    }
}

fn open_stored(editor: Editor, id: &str) {
    let loaded = local::load_issue(id);
    let found = local::take_problems();
    if !found.is_empty() {
        editor.problems.update(|p| p.extend(found));
    }
    match loaded {
        Ok(Some((record, issue))) => {
            editor.open_draft(id.to_string(), issue, record.revision, record.open_item);
            // Reopening the editor opens this draft, even before its next save.
            let _ = local::set_current(id);
        }
        Ok(None) => editor.notice.set(Some("找不到这份草稿。".into())),
        Err(problem) => {
            editor.notice.set(Some(problem.what.clone()));
            editor.problems.update(|p| p.push(problem));
        }
    }
}

/// Starts a new draft holding `issue`, saved at once; the open one stays as it was saved
/// (unless it could not be saved and the user chooses to stay).
pub fn new_draft(editor: Editor, issue: Issue) {
    if may_leave(editor) {
        keep_snapshot(editor);
        start_draft(editor, issue);
    }
}

fn start_draft(editor: Editor, issue: Issue) {
    editor.open_draft(local::new_id(), issue, 0, None);
    editor.save.set(SaveState::Saving);
    save_now(editor);
}

fn format_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The drafts panel.
#[component]
pub fn DraftsPanel() -> impl IntoView {
    let editor = use_editor();
    let index = RwSignal::new(Index::new());
    let snapshots = RwSignal::new(crate::store::records::Snapshots::new());
    let viewing = RwSignal::new(None::<String>);
    let meter = RwSignal::new(None::<(usize, usize)>);
    let refresh = move || {
        index.set(local::read_current_index());
        snapshots.set(local::snapshots(&editor.draft_id.get_untracked()));
    };
    Effect::new(move |_| {
        if editor.drafts_open.get() {
            if editor.save.get_untracked() == SaveState::Saving {
                save_now(editor);
            }
            refresh();
            meter.set(local::measure_budget().map(|budget| (local::used_units(), budget)));
        }
    });

    let rename = move |id: String, name: String| {
        if let Ok(Some(new_name)) = window().prompt_with_message_and_default(editor.t(Key::RenameDraft), &name) {
            let mut current = local::read_current_index();
            current.rename(&id, &new_name);
            if let Err(why) = local::write_index(&current) {
                editor.notice.set(Some(format!("重命名未能保存：{why:?}")));
            }
            refresh();
        }
    };
    let duplicate = move |id: String| {
        if let Ok(Some(record)) = local::load(&id) {
            new_draft(editor, import(&record.markdown).0);
            refresh();
        }
    };
    let delete = move |id: String| {
        let open = id == editor.draft_id.get_untracked();
        if open && !may_leave(editor) {
            return;
        }
        let mut current = local::read_current_index();
        current.delete(&id, js_sys::Date::now());
        let _ = local::write_index(&current);
        if open {
            // The open draft went to the trash: open the newest other one, or a blank one.
            match current.live().first().map(|e| e.id.clone()) {
                Some(other) => open_stored(editor, &other),
                None => start_draft(editor, sample_issue().next_issue(crate::ui::today())),
            }
        }
        refresh();
    };
    let restore = move |id: String| {
        let mut current = local::read_current_index();
        current.restore(&id);
        let _ = local::write_index(&current);
        refresh();
    };
    let restore_snapshot = move |markdown: String| {
        keep_snapshot(editor);
        editor.dispatch(Edit::Replace(Box::new(import(&markdown).0)));
        viewing.set(None);
        refresh();
    };
    let export_backup = move |_| {
        if editor.save.get_untracked() == SaveState::Saving {
            save_now(editor);
        }
        let json = serde_json::to_string_pretty(&local::backup()).unwrap_or_default();
        let today = crate::ui::today();
        if let Err(why) = files::download(
            &format!("简报编辑器备份-{}.json", today.to_iso()),
            "application/json",
            &json,
        ) {
            editor.notice.set(Some(why));
        }
    };
    let import_backup = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match files::read_text(file.unchecked_into()).await {
                Ok(text) => text,
                Err(why) => return editor.notice.set(Some(why)),
            };
            let backup = match read_backup(&text) {
                Ok(backup) => backup,
                Err(problem) => {
                    return editor
                        .notice
                        .set(Some(format!("备份文件无法读取：{}", problem.describe())))
                }
            };
            // The open draft is saved first, so the merge compares with what is on screen.
            if editor.save.get_untracked() == SaveState::Saving {
                save_now(editor);
            }
            let here = local::read_current_index();
            let revisions = |id: &str| local::load(id).ok().flatten().map(|r| (r.revision, r.markdown));
            let (mut added, mut replaced, mut kept) = (0, 0, 0);
            let mut written = Vec::new();
            for (action, (entry, record)) in plan_merge(&here, &revisions, &backup).into_iter().zip(&backup.drafts) {
                let write = match action {
                    MergeAction::Add(_) => true,
                    MergeAction::AskNewer(_) => window()
                        .confirm_with_message(&format!(
                            "备份中的“{}”比本机的版本新，要替换本机的版本吗？（本机版本会先存为历史版本）",
                            entry.name
                        ))
                        .unwrap_or(false),
                    MergeAction::Keep(_) => false,
                };
                if !write {
                    kept += 1;
                    continue;
                }
                if let Ok(Some(old)) = local::load(&entry.id) {
                    local::snapshot_now(&entry.id, old.markdown);
                }
                let base = local::load(&entry.id).ok().flatten().map_or(0, |r| r.revision);
                match local::save(&entry.id, &entry.name, record.markdown.clone(), base, record.open_item) {
                    Ok(_) => {
                        if base == 0 {
                            added += 1;
                        } else {
                            replaced += 1;
                        }
                        // A name that is not the masthead's was chosen by the user: keep it.
                        if entry.name != import(&record.markdown).0.masthead.short_name() {
                            let mut index = local::read_current_index();
                            index.rename(&entry.id, &entry.name);
                            let _ = local::write_index(&index);
                        }
                        written.push(entry.id.clone());
                    }
                    Err(why) => editor.notice.set(Some(format!("“{}”未能写入：{why:?}", entry.name))),
                }
            }
            // local::save names each draft it writes as the current one in the index; the
            // open draft stays the current one. When the backup replaced it, the editor
            // shows the imported text (a tab gets no storage event for its own writes).
            let open = editor.draft_id.get_untracked();
            let mut index = local::read_current_index();
            if index.entry(&open).is_some() {
                index.current = Some(open.clone());
                let _ = local::write_index(&index);
            }
            if written.contains(&open) && editor.save.get_untracked() == SaveState::Saved {
                if let Ok(Some((record, issue))) = local::load_issue(&open) {
                    // The stored text was kept as a snapshot above; so is the tab's.
                    keep_snapshot(editor);
                    let open_item = editor.open_item_position();
                    editor.open_draft(open, issue, record.revision, open_item);
                }
            }
            editor.notice.set(Some(format!(
                "备份已合并：新增 {added} 份，替换 {replaced} 份，保留本机 {kept} 份。"
            )));
            refresh();
        });
    };

    let live_rows = move || {
        let current = editor.draft_id.get();
        index
            .get()
            .live()
            .into_iter()
            .map(|entry| {
                let (id, name) = (entry.id.clone(), entry.name.clone());
                let is_current = id == current;
                let (open_id, rename_id, dup_id, del_id, rename_name) = (id.clone(), id.clone(), id.clone(), id.clone(), name.clone());
                view! {
                    <li class="draft-row" data-testid="draft-row">
                        <span class="draft-name">{name} {is_current.then(|| editor.t(Key::Current))}</span>
                        <span class="draft-time">{format_time(entry.updated_at)}</span>
                        <span class="button-row">
                            <button type="button" prop:disabled=is_current on:click=move |_| { switch_to(editor, &open_id); refresh(); }>{move || editor.t(Key::OpenDraft)}</button>
                            <button type="button" on:click=move |_| rename(rename_id.clone(), rename_name.clone())>{move || editor.t(Key::RenameDraft)}</button>
                            <button type="button" on:click=move |_| duplicate(dup_id.clone())>{move || editor.t(Key::DuplicateDraft)}</button>
                            <button type="button" class="danger" on:click=move |_| delete(del_id.clone())>{move || editor.t(Key::DeleteDraft)}</button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    let trash_rows = move || {
        index
            .get()
            .trash()
            .into_iter()
            .map(|entry| {
                let id = entry.id.clone();
                view! {
                    <li class="draft-row" data-testid="trash-row">
                        <span class="draft-name">{entry.name.clone()}</span>
                        <span class="draft-time">{format_time(entry.deleted_at.unwrap_or(0.0))}</span>
                        <button type="button" on:click=move |_| restore(id.clone())>{move || editor.t(Key::RestoreDraft)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let snapshot_rows = move || {
        snapshots
            .get()
            .list
            .into_iter()
            .rev()
            .map(|snapshot| {
                let (view_md, restore_md) = (snapshot.markdown.clone(), snapshot.markdown.clone());
                view! {
                    <li class="draft-row" data-testid="snapshot-row">
                        <span class="draft-time">{format_time(snapshot.saved_at)}</span>
                        <span class="draft-size">{units(&snapshot.markdown)} " " {move || editor.t(Key::Chars)}</span>
                        <button type="button" on:click=move |_| viewing.set(Some(view_md.clone()))>{move || editor.t(Key::ViewSnapshot)}</button>
                        <button type="button" on:click=move |_| restore_snapshot(restore_md.clone())>{move || editor.t(Key::RestoreSnapshot)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let meter_view = move || {
        meter.get().map(|(used, budget)| {
            // Integers only (`StorageUse`): formatting a float would bring the float
            // formatting machinery into the first load.
            let usage = crate::core::count::StorageUse::new(used, budget);
            view! {
                <p class="storage-meter" data-testid="storage-meter">
                    {move || editor.t(Key::StorageUsed)} "：" {usage.text()}
                    <meter min="0" max="100" low="60" high="80" optimum="0" value=usage.percent() aria-label=move || editor.t(Key::StorageUsed)></meter>
                </p>
                {usage.nearly_full().then(|| view! { <p class="banner banner-warning" role="alert">{move || editor.t(Key::StorageWarning)}</p> })}
            }
        })
    };

    view! {
        <Show when=move || editor.drafts_open.get()>
            <div class="modal-backdrop">
                <div class="modal drafts-panel" role="dialog" aria-modal="true" aria-labelledby="drafts-title" data-testid="drafts-panel">
                    <h2 id="drafts-title">{move || editor.t(Key::DraftsTitle)}</h2>
                    {meter_view}
                    <div class="button-row">
                        <button type="button" data-testid="new-draft" on:click=move |_| { new_draft(editor, sample_issue().next_issue(crate::ui::today())); refresh(); }>{move || editor.t(Key::NewDraft)}</button>
                        <button type="button" data-testid="export-backup" on:click=export_backup>{move || editor.t(Key::ExportBackup)}</button>
                        <label class="file-button">{move || editor.t(Key::ImportBackup)}
                            <input type="file" accept=".json,application/json" data-testid="import-backup" on:change=import_backup /></label>
                    </div>
                    <ul class="draft-list" aria-label=move || editor.t(Key::Drafts)>{live_rows}</ul>
                    <h3>{move || editor.t(Key::Snapshots)}</h3>
                    <ul class="draft-list">{snapshot_rows}</ul>
                    {move || viewing.get().map(|md| view! { <pre class="snapshot-view" data-testid="snapshot-view">{md}</pre> })}
                    <h3>{move || editor.t(Key::Trash)}</h3>
                    <ul class="draft-list">{trash_rows}</ul>
                    <button type="button" data-testid="drafts-close" on:click=move |_| { editor.drafts_open.set(false); viewing.set(None); }>{move || editor.t(Key::Close)}</button>
                </div>
            </div>
        </Show>
    }
}
