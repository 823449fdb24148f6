//! The Leptos user interface: a thin layer over the core.
//!
//! Three panes (outline, form, preview), a toolbar and a status bar. All changes go
//! through [`state::Editor::dispatch`]; the preview is the core renderer's HTML.

pub mod archive;
pub mod autosave;
pub mod confirm;
pub mod contribute;
pub mod crash;
pub mod drafts;
pub mod files;
pub mod format_bar;
pub mod forms;
pub mod i18n;
pub mod inbox;
pub mod offline;
pub mod ondemand;
pub mod outline;
pub mod paste;
pub mod places;
pub mod preview;
pub mod state;
pub mod tabs;
pub mod toast;
pub mod word;
pub mod word_export;
pub mod word_paste;
pub mod worker;

use crate::core::edit::Edit;
use crate::core::format::{export, import, Warning};
use crate::core::publish::{file_stem, plain_text, rich_html};
use crate::core::render::{standalone_document, BULLETIN_CSS};
use crate::core::sample::sample_issue;
use crate::core::{count, Date, Place};
use crate::store::local::{self, load_lang, save_lang};
use i18n::{Key, Lang};
use leptos::prelude::*;
use state::{Editor, SaveState, Selection};

/// Whether the page's address asks for the contributor page (`#/contribute`).
fn on_contribute_route() -> bool {
    window().location().hash().is_ok_and(|hash| hash == contribute::ROUTE)
}

/// Mounts the app on the page's body: the editor, or the contributor page at
/// `#/contribute`. Moving between the two reloads the page, so that each starts afresh.
pub fn start() {
    mark("jianbao:start");
    crash::install();
    let contributing = on_contribute_route();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if on_contribute_route() != contributing {
            let _ = window().location().reload();
        }
    });
    if contributing {
        leptos::mount::mount_to_body(contribute::ContributePage);
    } else {
        leptos::mount::mount_to_body(App);
    }
    mark("jianbao:mounted");
}

/// A `performance.mark`, for the benchmark to tell start-up's phases apart.
fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Today's date, from the browser's clock.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year(), now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The whole editor.
#[component]
pub fn App() -> impl IntoView {
    let lang = match load_lang().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let editor = match local::start() {
        Ok(startup) => {
            // Every tab opened before the first save starts on the same draft.
            let new_id = startup.new_id.clone();
            let editor = match startup.current.zip(startup.issue) {
                Some((record, issue)) => {
                    let editor = Editor::new(issue, lang, record.id, record.revision);
                    editor.select_position(record.open_item);
                    editor
                }
                None => Editor::new(sample_issue(), lang, new_id, 0),
            };
            editor.problems.set(startup.problems);
            editor
        }
        Err(_) => {
            let editor = Editor::new(sample_issue(), lang, local::new_id(), 0);
            editor.save.set(SaveState::Unavailable);
            editor
        }
    };
    provide_context(editor);
    confirm::Confirm::provide();
    toast::Toasts::provide();
    let paste = paste::PasteState::provide();
    let inbox = inbox::Inbox::provide();
    archive::ArchiveOpen::provide();
    install_drop(editor, paste, inbox);
    autosave::install_page_hooks(editor);
    tabs::install(editor);
    install_shortcuts(editor);
    worker::install(editor);
    Effect::new(move |_| {
        let lang = editor.lang.get();
        document()
            .document_element()
            .map(|root| root.set_attribute("lang", if lang == Lang::En { "en" } else { "zh-CN" }));
    });

    view! {
        <div class="app">
            <Toolbar />
            <Show when=move || editor.save.get() == SaveState::Unavailable>
                <div class="banner banner-warning" role="alert">{move || editor.t(Key::NotSaving)}</div>
            </Show>
            <ProblemsBanner />
            <offline::Offline />
            {move || editor.notice.get().map(|text| view! {
                <div class="banner" role="status">{text}
                    <button type="button" class="banner-close" on:click=move |_| editor.notice.set(None)>{move || editor.t(Key::Close)}</button></div>
            })}
            <main class="panes">
                <outline::Outline />
                <forms::FormPane />
                <preview::Preview />
            </main>
            <StatusBar />
            <HelpDialog />
            <tabs::ConflictDialog />
            <drafts::DraftsPanel />
            <paste::PasteDialog />
            <inbox::InboxDialog />
            <archive::ArchiveDialog />
            <confirm::ConfirmDialog />
            <toast::Toast />
        </div>
    }
}

/// Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y and `?`, anywhere on the page.
fn install_shortcuts(editor: Editor) {
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let key = ev.key().to_lowercase();
        if ctrl && key == "z" && !ev.shift_key() {
            ev.prevent_default();
            editor.undo();
        } else if ctrl && (key == "y" || (key == "z" && ev.shift_key())) {
            ev.prevent_default();
            editor.redo();
        } else if key == "?" && !in_text_field(&ev) {
            ev.prevent_default();
            open_help();
        }
    });
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn open_help() {
    use wasm_bindgen::JsCast;
    if let Some(dialog) = document()
        .get_element_by_id("help-dialog")
        .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
    {
        let _ = dialog.show_modal();
    }
}

/// The help, opened with `?`: the keyboard shortcuts, and what printing gives in older
/// browsers.
#[component]
fn HelpDialog() -> impl IntoView {
    let editor = state::use_editor();
    view! {
        <dialog id="help-dialog" aria-labelledby="help-title">
            <h2 id="help-title">{move || editor.t(Key::Shortcuts)}</h2>
            <p>{move || editor.t(Key::ShortcutList)}</p>
            <p>{move || editor.t(Key::PrintHelp)}</p>
            <form method="dialog"><button>{move || editor.t(Key::Close)}</button></form>
        </dialog>
    }
}

/// The buttons above the panes.
#[component]
fn Toolbar() -> impl IntoView {
    let editor = state::use_editor();
    let new_item = move |_| {
        let id = editor.fresh_id();
        let place = editor
            .issue
            .with_untracked(|issue| match editor.selection.get_untracked() {
                Selection::Item(current) => issue.locate(current).map(|(place, _)| place),
                Selection::Heading(h) => issue.sections.iter().enumerate().find_map(|(s, section)| {
                    if section.id == h {
                        Some(Place {
                            section: s,
                            column: None,
                        })
                    } else {
                        section.columns.iter().position(|c| c.id == h).map(|c| Place {
                            section: s,
                            column: Some(c),
                        })
                    }
                }),
                _ => None,
            });
        let place = place.unwrap_or(Place {
            section: editor.issue.with_untracked(|i| i.sections.len().saturating_sub(1)),
            column: None,
        });
        editor.dispatch(Edit::AddItem(place, id));
        editor.selection.set(Selection::Item(id));
        focus_field("item-title", false);
    };
    let new_section = move |_| {
        let id = editor.fresh_id();
        editor.dispatch(Edit::AddSection("新栏目".into(), id));
        editor.selection.set(Selection::Heading(id));
        focus_field("section-heading", true);
    };
    let next_issue = move |_| {
        let confirmed = window()
            .confirm_with_message(editor.t(Key::NextIssueConfirm))
            .unwrap_or(false);
        if confirmed {
            // The current issue stays saved as its own draft; the next one is a new draft.
            let next = editor.issue.with_untracked(|i| i.next_issue(today()));
            drafts::new_draft(editor, next);
            editor.selection.set(Selection::Masthead);
        }
    };
    let confirm = confirm::use_confirm();
    let toasts = toast::use_toasts();
    let export_html = move |_| {
        when_reviewed(editor, confirm, move || {
            let (name, html) = editor
                .issue
                .with_untracked(|i| (file_stem(&i.masthead), standalone_document(i, BULLETIN_CSS)));
            let file = format!("{name}.html");
            match files::download(&file, "text/html;charset=utf-8", &html) {
                Ok(()) => toasts.show(i18n::exported(editor.lang.get_untracked(), &file), None),
                Err(why) => editor.notice.set(Some(why)),
            }
        });
    };
    let export_md = move |_| export_markdown(editor);
    let copy_rich = move |_| {
        when_reviewed(editor, confirm, move || {
            let (html, text) = editor.issue.with_untracked(|i| (rich_html(i), plain_text(i)));
            // Done, it is a passing message; a failure stays in the banner until closed.
            match files::copy_rich(&html, &text) {
                Ok(()) => toasts.show(editor.t(Key::CopiedRich).to_string(), None),
                Err(why) => editor
                    .notice
                    .set(Some(format!("{}{why}", editor.t(Key::CopyRichFailed)))),
            }
        });
    };
    let paste = paste::use_paste();
    let inbox = inbox::use_inbox();
    let import_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(import_files(editor, paste, inbox, picked));
    };
    let toggle_lang = move |_| {
        let next = if editor.lang.get_untracked() == Lang::Zh {
            Lang::En
        } else {
            Lang::Zh
        };
        editor.lang.set(next);
        save_lang(if next == Lang::En { "en" } else { "zh" });
    };
    view! {
        <header class="toolbar no-print">
            <h1 class="app-name">{move || editor.t(Key::AppName)}</h1>
            <div class="toolbar-group" role="group">
                <button type="button" data-testid="new-item" on:click=new_item>{move || editor.t(Key::NewItem)}</button>
                <button type="button" data-testid="new-section" on:click=new_section>{move || editor.t(Key::NewSection)}</button>
                <button type="button" data-testid="undo" on:click=move |_| editor.undo() prop:disabled=move || !editor.can_undo.get()
                    aria-keyshortcuts="Control+Z">{move || editor.t(Key::Undo)}</button>
                <button type="button" data-testid="redo" on:click=move |_| editor.redo() prop:disabled=move || !editor.can_redo.get()
                    aria-keyshortcuts="Control+Shift+Z Control+Y">{move || editor.t(Key::Redo)}</button>
                <button type="button" data-testid="next-issue" on:click=next_issue>{move || editor.t(Key::NextIssue)}</button>
                <button type="button" data-testid="drafts" on:click=move |_| editor.drafts_open.set(true)>{move || editor.t(Key::Drafts)}</button>
                <paste::PasteButton />
                <archive::ArchiveButtons />
            </div>
            <div class="toolbar-group" role="group">
                <label class="file-button">{move || editor.t(Key::ImportFile)}
                    <input type="file" multiple accept=".md,.markdown,.txt,.docx,.doc,.wps,.pdf,text/markdown,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" data-testid="import-file" on:change=import_file /></label>
                <button type="button" data-testid="export-html" on:click=export_html>{move || editor.t(Key::ExportHtml)}</button>
                <button type="button" data-testid="export-md" on:click=export_md>{move || editor.t(Key::ExportMd)}</button>
                <word_export::ExportWordButton />
                <button type="button" data-testid="copy-rich" on:click=copy_rich>{move || editor.t(Key::CopyRich)}</button>
                <button type="button" data-testid="print" on:click=move |_| when_reviewed(editor, confirm, || { let _ = window().print(); })>{move || editor.t(Key::Print)}</button>
                <button type="button" on:click=move |_| open_help() aria-keyshortcuts="?">{move || editor.t(Key::Help)}</button>
                <button type="button" data-testid="language" lang=move || if editor.lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                    on:click=toggle_lang>{move || editor.t(Key::Language)}</button>
            </div>
        </header>
    }
}

/// Opens an imported file's text: a submission file (with front matter) goes to the
/// paste dialog, prefilled; anything else opens as a new draft. Text that is not our own
/// Markdown is given its structure and cleaned in the paste worker.
async fn import_text(editor: Editor, paste: paste::PasteState, name: &str, text: String) {
    if crate::core::ingest::has_front_matter(&text) {
        paste.open_with(text);
        return;
    }
    // Our own Markdown imports exactly; anything else (text out of a PDF or Word) goes
    // through the paste cleanup too.
    let ours = name.ends_with(".md") || name.ends_with(".markdown");
    let (issue, warnings) = if ours {
        import(&text)
    } else {
        use crate::core::ondemand::paste::{Answer, Request};
        match ondemand::ask_paste(&Request::Bulletin(text.clone())).await {
            Ok(Answer::Bulletin(bulletin)) => {
                let issue = import(&bulletin.markdown).0;
                let mut warnings: Vec<Warning> = bulletin
                    .warnings
                    .into_iter()
                    .map(|(line, message)| Warning { line, message })
                    .collect();
                if !bulletin.cleaned.is_empty() {
                    warnings.push(Warning {
                        line: 1,
                        message: format!("已整理：{}", bulletin.cleaned.join("、")),
                    });
                }
                (issue, warnings)
            }
            // Without the cleanup the text is still opened, exactly as import reads it,
            // and the notice says why it was not cleaned.
            other => {
                let (issue, mut warnings) = import(&text);
                let why = other.err().unwrap_or_default();
                warnings.push(Warning { line: 1, message: why });
                (issue, warnings)
            }
        }
    };
    // An imported issue opens as a new draft: the open one stays as it was.
    drafts::new_draft(editor, issue);
    editor.selection.set(Selection::Masthead);
    if !warnings.is_empty() {
        let lines: Vec<String> = warnings
            .iter()
            .map(|w| format!("第 {} 行：{}", w.line, w.message))
            .collect();
        editor
            .notice
            .set(Some(format!("{}：{}", editor.t(Key::ImportWarnings), lines.join("；"))));
    }
}

/// Markdown, text and Word files dropped anywhere on the page open as [`import_files`]
/// opens them.
fn install_drop(editor: Editor, paste: paste::PasteState, inbox: inbox::Inbox) {
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .is_some_and(|data| data.types().includes(&wasm_bindgen::JsValue::from_str("Files"), 0))
    };
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        let Some(list) = ev.data_transfer().and_then(|data| data.files()) else {
            return;
        };
        let dropped: Vec<web_sys::File> = (0..list.length())
            .filter_map(|i| list.get(i))
            .filter(|file| {
                let name = file.name().to_lowercase();
                [".md", ".markdown", ".txt", ".docx", ".doc", ".wps", ".pdf"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
            })
            .collect();
        if dropped.is_empty() {
            return;
        }
        ev.prevent_default();
        leptos::task::spawn_local(import_files(editor, paste, inbox, dropped));
    });
}

/// Opens picked or dropped files one after another: Word files (told by their first
/// bytes or their name) through the reader's worker, text files as [`import_text`] does.
/// A Word bulletin opens as a new draft; Word submissions wait in the Word submissions
/// dialog ([`inbox`]), where the editor chooses their section, once every file is read.
/// The notice says every warning and every refusal.
pub(crate) async fn import_files(
    editor: Editor,
    paste: paste::PasteState,
    inbox: inbox::Inbox,
    picked: Vec<web_sys::File>,
) {
    let mut report: Vec<String> = Vec::new();
    let mut received: Vec<inbox::Received> = Vec::new();
    for file in picked {
        let name = file.name();
        let lower = name.to_lowercase();
        let bytes = match files::read_bytes(&file).await {
            Ok(bytes) => bytes,
            Err(why) => {
                report.push(format!("{name}：{why}"));
                continue;
            }
        };
        if !word::is_word_file(&lower, &bytes) {
            import_text(editor, paste, &lower, String::from_utf8_lossy(&bytes).into_owned()).await;
            continue;
        }
        editor
            .notice
            .set(Some(format!("{}（{name}）", editor.t(Key::WordReading))));
        match word::read(&bytes).await {
            Ok(reply) if reply.kind == "bulletin" => {
                let (issue, _) = import(&reply.markdown);
                drafts::new_draft(editor, issue);
                editor.selection.set(Selection::Masthead);
                report.push(format!("{name}：{}", editor.t(Key::WordBulletinOpened)));
                report.extend(reply.warnings.iter().map(|w| format!("{name}：{w}")));
            }
            Ok(reply) => received.push(inbox::Received::new(name, reply.text, reply.warnings)),
            Err(why) => report.push(format!("{name}：{why}")),
        }
    }
    if report.is_empty() {
        if editor
            .notice
            .get_untracked()
            .is_some_and(|n| n.starts_with(editor.t(Key::WordReading)))
        {
            editor.notice.set(None);
        }
    } else {
        editor.notice.set(Some(format!(
            "{}：{}",
            editor.t(Key::ImportWarnings),
            report.join("；")
        )));
    }
    inbox.add(received);
}

/// Downloads the issue as canonical Markdown.
fn export_markdown(editor: Editor) {
    let (name, md) = editor.issue.with_untracked(|i| (file_stem(&i.masthead), export(i)));
    if let Err(why) = files::download(&format!("{name}.md"), "text/markdown;charset=utf-8", &md) {
        editor.notice.set(Some(why));
    }
}

/// Records that could not be read at start-up: what is wrong and a way to get them raw.
#[component]
fn ProblemsBanner() -> impl IntoView {
    let editor = state::use_editor();
    let rows = move || {
        editor
            .problems
            .get()
            .into_iter()
            .map(|problem| {
                let (kept, key) = (problem.kept_as.clone(), problem.key.clone());
                let download = move |_| {
                    let raw = kept
                        .as_deref()
                        .and_then(|k| local::get(k).ok().flatten())
                        .or_else(|| local::get(&key).ok().flatten())
                        .unwrap_or_default();
                    let _ = files::download("简报编辑器-无法读取的记录.txt", "text/plain;charset=utf-8", &raw);
                };
                view! {
                    <li>{format!("{}：{}", problem.key, problem.what)}
                        {problem.kept_as.clone().map(|k| format!("（已另存为 {k}）"))}
                        <button type="button" data-testid="download-raw" on:click=download>{move || editor.t(Key::DownloadRaw)}</button></li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || !editor.problems.get().is_empty()>
            <div class="banner banner-warning" role="alert" data-testid="problems-banner">
                <strong>{move || editor.t(Key::ProblemsTitle)}</strong>
                <ul>{rows}</ul>
                <button type="button" class="banner-close" on:click=move |_| editor.problems.set(Vec::new())>{move || editor.t(Key::Close)}</button>
            </div>
        </Show>
    }
}

/// The status bar: the issue's character count and the save status.
#[component]
fn StatusBar() -> impl IntoView {
    let editor = state::use_editor();
    let chars = Memo::new(move |_| editor.tally.with(count::Tally::total));
    let items = Memo::new(move |_| editor.tally.with(count::Tally::items));
    // Statuses change with the structure or one item at a time: both bump the change
    // number, so the count follows it.
    let review = Memo::new(move |_| {
        editor.change.track();
        editor.issue.with_untracked(count::Review::of)
    });
    let pending = move || review.get().pending() != 0;
    let save_text = move || match editor.save.get() {
        SaveState::Saved => editor.t(Key::Saved).to_string(),
        SaveState::Saving => editor.t(Key::Saving).to_string(),
        SaveState::Failed(why) => format!("{}：{why}", editor.t(Key::SaveFailed)),
        SaveState::Unavailable => editor.t(Key::NotSaving).to_string(),
        SaveState::Conflict => editor.t(Key::ConflictTitle).to_string(),
    };
    view! {
        <footer class="statusbar no-print">
            <span>{move || editor.t(Key::CharCount)} {move || if editor.lang.get() == Lang::En { ": " } else { "：" }}
                <strong data-testid="char-count">{move || chars.get()}</strong>
                " · " {move || items.get()} " " {move || editor.t(Key::ItemsUnit)}</span>
            <span data-testid="review-count" class:pending=pending>
                {move || i18n::review_count(editor.lang.get(), review.get())}</span>
            <span data-testid="save-status" role="status" aria-live="polite"
                class:failed=move || matches!(editor.save.get(), SaveState::Failed(_) | SaveState::Unavailable | SaveState::Conflict)>{save_text}</span>
            <tabs::MergeStatus />
            <Show when=move || matches!(editor.save.get(), SaveState::Failed(_))>
                <button type="button" data-testid="export-after-failure" on:click=move |_| export_markdown(editor)>{move || editor.t(Key::ExportMd)}</button>
            </Show>
        </footer>
    }
}

/// Moves the keyboard focus to a form field once the form for a new part has rendered, so
/// that 新建稿件 and 新建栏目 let the editor type at once; `select` selects the field's
/// placeholder text (新栏目) so that typing replaces it.
fn focus_field(test_id: &'static str, select: bool) {
    set_timeout(
        move || {
            use wasm_bindgen::JsCast;
            let field = document()
                .query_selector(&format!("[data-testid=\"{test_id}\"]"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(field) = field {
                let _ = field.focus();
                if select {
                    field.select();
                }
            }
        },
        std::time::Duration::from_millis(0),
    );
}

/// Runs an export or print at once when every item is 已审 (or there is none); otherwise
/// asks first, saying how many items are still 收稿 or 编辑中.
pub(crate) fn when_reviewed(
    editor: state::Editor,
    confirm: confirm::Confirm,
    action: impl Fn() + Send + Sync + 'static,
) {
    let review = editor.issue.with_untracked(count::Review::of);
    if review.pending() == 0 {
        action();
    } else {
        confirm.ask(
            i18n::unreviewed_question(editor.lang.get_untracked(), review),
            Key::ExportAnyway,
            action,
        );
    }
}
