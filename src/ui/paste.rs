//! The paste dialog (粘贴来稿): paste a submission, see it cleaned and taken apart, and
//! add it to a section.
//!
//! A paste brings `text/html` when the clipboard has it (Word, web pages): the core first
//! strips what the page's Content-Security-Policy would report ([`for_the_parser`]: styles
//! renamed, handlers and other attributes dropped), the browser's own `DOMParser` reads it
//! (nothing in it runs or loads), the DOM is walked into the core's simplified [`Node`]
//! tree, and the core turns that into Markdown. Word's debris
//! goes on the way: comments (conditional ones too), `<o:p>`, the bullets Word draws
//! itself (`mso-list:Ignore`), and its list paragraphs become a real list. The core's
//! converter drops images and keeps only safe link schemes.
//!
//! Everything the dialog shows is derived from the text area: the detected item, the
//! cleanup rules that fired (each can be switched off), a near-duplicate warning, and the
//! offer to import a whole bulletin. A submission file with front matter is read field by
//! field instead of being detected.
//!
//! The cleanup, the detection, the HTML-to-Markdown conversion, the bulletin import and
//! the "already published" check run in the paste worker (`ui::ondemand::PASTE`, loaded
//! the first time they are needed): each change of the text asks it again, and the
//! dialog shows its latest answer. Only the DOM walk stays here (workers have no
//! `DOMParser`); its tree goes over as data.

use crate::core::edit::Edit;
use crate::core::ingest::html::{for_the_parser, Element, Node, STYLE_ATTRIBUTE};
use crate::core::ingest::submission::Fingerprint;
use crate::core::ondemand::paste::{Analysis, Analyze, Answer, Request};
use crate::core::render::render_item;
use crate::core::{Item, Place, Status};
use crate::store::published;
use crate::ui::i18n::Key;
use crate::ui::ondemand::ask_paste;
use crate::ui::places::{place_of, places, value_of};
use crate::ui::state::{use_editor, Editor, Selection};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The dialog's shared state: whether it is open and the text in its text area.
#[derive(Clone, Copy)]
pub struct PasteState {
    /// Whether the dialog is shown.
    pub open: RwSignal<bool>,
    /// The text area's content.
    pub text: RwSignal<String>,
}

impl PasteState {
    /// Makes the state and provides it through context.
    pub fn provide() -> PasteState {
        let state = PasteState {
            open: RwSignal::new(false),
            text: RwSignal::new(String::new()),
        };
        provide_context(state);
        state
    }

    /// Opens the dialog with a text already in it (an imported submission file).
    pub fn open_with(&self, text: String) {
        self.text.set(text);
        self.open.set(true);
    }
}

/// The paste state from context.
pub fn use_paste() -> PasteState {
    expect_context::<PasteState>()
}

/// Reads pasted HTML with the browser's parser into the core's tree, or None when the
/// parser is unavailable. The HTML goes through [`for_the_parser`] first, so that the
/// parser meets no inline style or handler for the page's policy to report; styles are
/// read back under [`STYLE_ATTRIBUTE`].
pub fn html_to_nodes(html: &str) -> Option<Vec<Node>> {
    let parser = web_sys::DomParser::new().ok()?;
    let document = parser
        .parse_from_string(&for_the_parser(html), web_sys::SupportedType::TextHtml)
        .ok()?;
    let body = document.body()?;
    Some(children_of(&body))
}

/// Pasted HTML as Markdown, converted in the paste worker (empty when the browser cannot
/// parse it); `Err` is a message for the editor when the worker cannot be used.
pub async fn html_to_markdown(html: &str) -> Result<String, String> {
    let Some(nodes) = html_to_nodes(html) else {
        return Ok(String::new());
    };
    match ask_paste(&Request::Markdown(nodes)).await? {
        Answer::Markdown(markdown) => Ok(markdown),
        _ => Ok(String::new()),
    }
}

/// Whether an element is one of Word's list paragraphs (`class="MsoListParagraph…"` or a
/// style with `mso-list:l0 level1 …`).
fn is_word_list_paragraph(element: &web_sys::Element) -> bool {
    let class = element.get_attribute("class").unwrap_or_default().to_ascii_lowercase();
    let style = squeeze(&element.get_attribute(STYLE_ATTRIBUTE).unwrap_or_default());
    element.tag_name().eq_ignore_ascii_case("p")
        && (class.starts_with("msolistparagraph")
            || (style.contains("mso-list:") && !style.contains("mso-list:ignore")))
}

/// A style attribute without white space, in lower case.
fn squeeze(style: &str) -> String {
    style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether Word's own bullet or number drawn before a list paragraph starts with a digit
/// (an ordered list).
fn word_list_is_ordered(element: &web_sys::Element) -> bool {
    element
        .query_selector(&format!("[{STYLE_ATTRIBUTE}*='mso-list']"))
        .ok()
        .flatten()
        .and_then(|marker| marker.text_content())
        .is_some_and(|text| text.trim().starts_with(|c: char| c.is_ascii_digit()))
}

/// The core nodes of a DOM node's children, with Word's list paragraphs grouped into
/// lists.
fn children_of(parent: &web_sys::Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut list: Vec<Node> = Vec::new();
    let mut ordered = false;
    let list_tag = |ordered: bool| if ordered { "ol" } else { "ul" };
    let children = parent.child_nodes();
    for index in 0..children.length() {
        let Some(child) = children.item(index) else { continue };
        if let Some(element) = child.dyn_ref::<web_sys::Element>() {
            if is_word_list_paragraph(element) {
                if list.is_empty() {
                    ordered = word_list_is_ordered(element);
                }
                list.push(Node::element("li", children_of(element)));
                continue;
            }
        }
        // White space between two list paragraphs does not end the list.
        let blank =
            child.node_type() == web_sys::Node::TEXT_NODE && child.text_content().unwrap_or_default().trim().is_empty();
        if !list.is_empty() && !blank {
            out.push(Node::element(list_tag(ordered), std::mem::take(&mut list)));
        }
        if let Some(node) = convert(&child) {
            out.push(node);
        }
    }
    if !list.is_empty() {
        out.push(Node::element(list_tag(ordered), list));
    }
    out
}

/// One DOM node as a core node, or None for what is dropped (comments, `<o:p>`, Word's
/// drawn bullets, processing instructions).
fn convert(node: &web_sys::Node) -> Option<Node> {
    match node.node_type() {
        web_sys::Node::TEXT_NODE => Some(Node::Text(node.text_content().unwrap_or_default())),
        web_sys::Node::ELEMENT_NODE => {
            let element: &web_sys::Element = node.unchecked_ref();
            let tag = element.tag_name().to_ascii_lowercase();
            let style = element.get_attribute(STYLE_ATTRIBUTE);
            if tag == "o:p" || squeeze(style.as_deref().unwrap_or_default()).contains("mso-list:ignore") {
                return None;
            }
            // The attributes the converter reads; every other one is left behind.
            let attrs = [("href", element.get_attribute("href")), ("style", style)]
                .into_iter()
                .filter_map(|(name, value)| Some((name.to_string(), value?)))
                .collect();
            Some(Node::Element(Element {
                tag,
                attrs,
                children: children_of(node),
            }))
        }
        _ => None,
    }
}

/// Replaces the text area's selection with `inserted`, returning the new text and where
/// the caret goes (in UTF-16 units, as the DOM counts).
pub fn splice(area: &web_sys::HtmlTextAreaElement, inserted: &str) -> (String, u32) {
    let value = area.value();
    let units: Vec<u16> = value.encode_utf16().collect();
    let len = units.len() as u32;
    let start = area.selection_start().ok().flatten().unwrap_or(len).min(len) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(len).min(len) as usize;
    let (start, end) = (start.min(end), start.max(end));
    let before = String::from_utf16_lossy(&units[..start]);
    let after = String::from_utf16_lossy(&units[end..]);
    let caret = (start + inserted.encode_utf16().count()) as u32;
    (format!("{before}{inserted}{after}"), caret)
}

/// The place of the selected item (or heading), else the last section.
pub(crate) fn default_place(editor: Editor) -> String {
    editor.issue.with_untracked(|issue| {
        let found = match editor.selection.get_untracked() {
            Selection::Item(id) => issue.locate(id).map(|(place, _)| place),
            _ => None,
        };
        let place = found.unwrap_or(Place {
            section: issue.sections.len().saturating_sub(1),
            column: None,
        });
        value_of(place)
    })
}

/// The analysis as an item of an issue (id 0, status 收稿): the caller gives it an id.
fn to_item(analysis: &Analysis) -> Item {
    Item {
        id: 0,
        title: analysis.title.clone(),
        body: analysis.body.clone(),
        sources: analysis.sources.clone(),
        status: Status::Received,
    }
}

/// How much of a pasted body the dialog's preview shows, in bytes of Markdown. The preview
/// is there to check the title, the sources and the cleanup; laying out all of a 5 MB paste
/// in it took Chromium a second and a half, on top of the text area's own second and a
/// half. The item added is whole, and so is the editor's preview of it.
const PREVIEW_LIMIT: usize = 20_000;

/// Where the dialog's preview cuts a long body: the last paragraph break before
/// [`PREVIEW_LIMIT`] (or the last character boundary before it when there is none), or
/// None when the body is short enough to show whole.
fn preview_cut(body: &str) -> Option<usize> {
    if body.len() <= PREVIEW_LIMIT {
        return None;
    }
    let mut end = PREVIEW_LIMIT;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    Some(body[..end].rfind("\n\n").filter(|&at| at > 0).unwrap_or(end))
}

/// The toolbar button that opens the dialog.
#[component]
pub fn PasteButton() -> impl IntoView {
    let editor = use_editor();
    let paste = use_paste();
    view! {
        <button type="button" data-testid="paste-submission" aria-haspopup="dialog"
            on:click=move |_| paste.open.set(true)>{move || editor.t(Key::PasteSubmission)}</button>
    }
}

/// The paste dialog.
#[component]
pub fn PasteDialog() -> impl IntoView {
    let editor = use_editor();
    let paste = use_paste();
    let disabled: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let place = RwSignal::new(String::new());
    let area = NodeRef::<leptos::html::Textarea>::new();
    // A Word or text file chosen in the dialog or dropped on it (ui/word_paste.rs).
    let file = crate::ui::word_paste::PasteFile::new();

    // Each opening starts with every rule on and the place of the selected item.
    Effect::new(move |_| {
        if paste.open.get() {
            disabled.set(Vec::new());
            place.set(default_place(editor));
            // The text area exists only once the dialog is drawn: focus it on the next frame.
            request_animation_frame(move || {
                if let Some(area) = area.get_untracked() {
                    let _ = area.focus();
                }
            });
        }
    });

    // The published issues go to the worker at each opening, for "this item looks like
    // one already published" (publishing between two pastes is then seen).
    Effect::new(move |_| {
        if paste.open.get() {
            let issues: Vec<String> = published::all()
                .0
                .into_iter()
                .map(|(_, record)| record.markdown)
                .collect();
            leptos::task::spawn_local(async move {
                let _ = ask_paste(&Request::Published(issues)).await;
            });
        }
    });
    // The worker's latest answer for the text and the rules switched off, how many
    // questions are still on their way (the buttons wait for the answer to the text as it
    // is), and the message when the worker cannot be used.
    let analysis: RwSignal<Analysis> = RwSignal::new(Analysis::default());
    let pending = RwSignal::new(0u32);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| {
        let ask = Analyze {
            text: paste.text.get(),
            disabled: disabled.get(),
            every_rule_off: false,
            similar: true,
        };
        if !paste.open.get() {
            return;
        }
        pending.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            // Answers come in the order asked: the last one is for the text as it is.
            match ask_paste(&Request::Analyze(ask)).await {
                Ok(Answer::Analysis(found)) => {
                    analysis.set(found);
                    failure.set(None);
                }
                Ok(_) => {}
                Err(why) => failure.set(Some(why)),
            }
            pending.update(|n| *n = n.saturating_sub(1));
        });
    });
    let fired = Memo::new(move |_| analysis.with(|a| a.fired.clone()));
    let bulletin = Memo::new(move |_| analysis.with(|a| a.bulletin));
    let fingerprint = Memo::new(move |_| analysis.with(|a| Fingerprint::of(&a.body)));
    let duplicate = Memo::new(move |_| {
        if analysis.with(|a| a.body.trim().is_empty()) {
            return None;
        }
        fingerprint.with(|print| {
            editor.issue.with(|issue| {
                issue
                    .items()
                    .find(|(_, item)| print.is_near_duplicate_of(&item.body))
                    .map(|(_, item)| item.title.clone())
            })
        })
    });
    let published_like = Memo::new(move |_| analysis.with(|a| a.published_like.clone()));
    let preview_html = move || {
        let mut html = String::new();
        analysis.with(|sub| {
            let cut = preview_cut(&sub.body);
            let mut item = to_item(sub);
            if let Some(end) = cut {
                item.body.truncate(end);
            }
            render_item(&item, &mut html);
            if cut.is_some() {
                html.push_str("<p class=\"paste-preview-cut\">");
                crate::core::render::escape_text(editor.t(Key::PastePreviewCut), &mut html);
                html.push_str("</p>");
            }
        });
        html
    };

    let close = move || {
        paste.open.set(false);
        paste.text.set(String::new());
        analysis.set(Analysis::default());
        failure.set(None);
        // Focus goes back to the toolbar button that opens the dialog, once the dialog
        // has left the page (removing the focused text area would otherwise blur it).
        set_timeout(
            || {
                if let Some(button) = document()
                    .query_selector("[data-testid='paste-submission']")
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            },
            std::time::Duration::from_millis(0),
        );
    };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else { return };
        let html = data.get_data("text/html").unwrap_or_default();
        let plain = data.get_data("text/plain").unwrap_or_default();
        if html.trim().is_empty() && plain.is_empty() {
            return;
        }
        // The paste is inserted here, not by the browser, so that HTML becomes Markdown
        // and a synthetic paste (tests, extensions) behaves like a real one.
        ev.prevent_default();
        let insert = move |inserted: &str| {
            let Some(el) = area.get_untracked() else { return };
            let (text, caret) = splice(&el, inserted);
            el.set_value(&text);
            let _ = el.set_selection_range(caret, caret);
            paste.text.set(text);
        };
        if html.trim().is_empty() {
            insert(&plain);
            return;
        }
        leptos::task::spawn_local(async move {
            match html_to_markdown(&html).await {
                Ok(markdown) if !markdown.is_empty() => insert(&markdown),
                Ok(_) => insert(&plain),
                // The text is never lost: without the worker it goes in as plain text.
                Err(why) => {
                    insert(&plain);
                    failure.set(Some(why));
                }
            }
        });
    };
    let confirm = move |_| {
        let Some(target) = place_of(&place.get_untracked()) else {
            return;
        };
        let id = editor.fresh_id();
        let mut item = analysis.with_untracked(to_item);
        item.id = id;
        editor.dispatch(Edit::InsertItem(target, item));
        if editor.issue.with_untracked(|issue| issue.item(id).is_some()) {
            editor.selection.set(Selection::Item(id));
            close();
        }
    };
    let import_issue = move |_| {
        let text = paste.text.get_untracked();
        pending.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let answer = ask_paste(&Request::Bulletin(text)).await;
            pending.update(|n| *n = n.saturating_sub(1));
            match answer {
                Ok(Answer::Bulletin(bulletin)) => {
                    close();
                    crate::ui::drafts::new_draft(editor, crate::core::format::import(&bulletin.markdown).0);
                    editor.selection.set(Selection::Masthead);
                }
                Ok(_) => {}
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    let rule_rows = move || {
        fired
            .get()
            .into_iter()
            .map(|rule| {
                let name = rule.name.clone();
                let label = rule.label;
                let toggle = {
                    let name = name.clone();
                    move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        disabled.update(|list| {
                            list.retain(|n| *n != name);
                            if !on {
                                list.push(name.clone());
                            }
                        });
                    }
                };
                let checked = {
                    let name = name.clone();
                    move || !disabled.with(|list| list.contains(&name))
                };
                view! {
                    <li><label><input type="checkbox" data-testid="paste-rule" data-rule=name
                        prop:checked=checked on:change=toggle />
                        " " {label}</label></li>
                }
            })
            .collect_view()
    };
    let options = move || {
        places(editor)
            .into_iter()
            .map(|(value, label)| {
                let selected = value.clone();
                view! { <option value=value.clone() selected=move || place.get() == selected>{label}</option> }
            })
            .collect_view()
    };
    // The lines the web-copy step moved out go back into the text: the step is switched
    // off, like unticking its rule.
    let keep_removed = move |_| {
        disabled.update(|list| {
            let name = crate::core::ingest::web::NAME.to_string();
            if !list.contains(&name) {
                list.push(name);
            }
        });
    };
    let on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };

    view! {
        <Show when=move || paste.open.get()>
            <div class="modal-backdrop">
                <div class="modal paste-dialog" role="dialog" aria-modal="true" aria-labelledby="paste-title"
                    data-testid="paste-dialog" on:keydown=on_escape
                    on:dragover=crate::ui::word_paste::PasteFile::on_dragover on:drop=move |ev| file.on_drop(editor, paste, ev)>
                    <h2 id="paste-title">{move || editor.t(Key::PasteTitle)}</h2>
                    <p class="hint" id="paste-hint">{move || editor.t(Key::PasteHint)}</p>
                    <label class="paste-field">{move || editor.t(Key::PasteInput)}
                        <textarea data-testid="paste-input" rows="10" node_ref=area aria-describedby="paste-hint"
                            prop:value=move || paste.text.get()
                            on:input=move |ev| paste.text.set(event_target_value(&ev))
                            on:paste=on_paste></textarea></label>
                    <crate::ui::word_paste::PasteFileButton editor=editor paste=paste state=file />
                    <Show when=move || bulletin.get()>
                        <p class="banner" role="status" data-testid="paste-bulletin">{move || editor.t(Key::PasteLooksLikeIssue)}
                            " " <button type="button" data-testid="paste-import-issue" on:click=import_issue>{move || editor.t(Key::PasteImportIssue)}</button></p>
                    </Show>
                    <section class="paste-preview" aria-labelledby="paste-preview-title">
                        <h3 id="paste-preview-title">{move || editor.t(Key::PastePreview)}</h3>
                        <div class="bulletin" data-testid="paste-preview" inner_html=preview_html></div>
                        <p class="paste-sources">{move || editor.t(Key::ItemSources)} "："
                            <span data-testid="paste-sources">{move || analysis.with(|s| s.sources.join("、"))}</span></p>
                    </section>
                    <Show when=move || analysis.with(|a| !a.removed.is_empty())>
                        <section class="paste-removed" aria-labelledby="paste-removed-title">
                            <h3 id="paste-removed-title">{move || editor.t(Key::PasteRemoved)}</h3>
                            <ul data-testid="paste-removed">{move || analysis.with(|a| a.removed.iter().map(|line| {
                                let line = line.clone();
                                view! { <li>{line}</li> }
                            }).collect_view())}</ul>
                            <button type="button" data-testid="paste-keep-removed" on:click=keep_removed>
                                {move || editor.t(Key::PasteKeepRemoved)}</button>
                        </section>
                    </Show>
                    <Show when=move || !fired.with(Vec::is_empty)>
                        <fieldset class="paste-rules">
                            <legend>{move || editor.t(Key::PasteRules)}</legend>
                            <ul>{rule_rows}</ul>
                        </fieldset>
                    </Show>
                    <label class="paste-field">{move || editor.t(Key::PasteSection)}
                        <select data-testid="paste-section" prop:value=move || place.get()
                            on:change=move |ev| place.set(event_target_value(&ev))>{options}</select></label>
                    {move || failure.get().map(|why| view! {
                        <p class="banner banner-warning" role="alert" data-testid="paste-failure">{why}</p>
                    })}
                    {move || duplicate.get().map(|title| view! {
                        <p class="banner banner-warning" role="alert" data-testid="paste-duplicate">
                            {move || editor.t(Key::PasteDuplicate)} "“" {title} "”"</p>
                    })}
                    {move || published_like.get().map(|what| view! {
                        <p class="banner banner-warning" role="alert" data-testid="paste-published">
                            {move || editor.t(Key::PublishedDuplicate)} {what}</p>
                    })}
                    <div class="button-row">
                        <button type="button" data-testid="paste-confirm" on:click=confirm
                            prop:disabled=move || { pending.get() != 0 || analysis.with(|s| s.title.is_empty() && s.body.is_empty()) }>
                            {move || if duplicate.with(Option::is_some) { editor.t(Key::PasteAddAnyway) } else { editor.t(Key::PasteConfirm) }}</button>
                        <button type="button" data-testid="paste-cancel" on:click=move |_| close()>{move || editor.t(Key::Close)}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
