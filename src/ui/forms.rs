//! The form pane: masthead, footer, a section's heading, or an item.
//!
//! Inputs are not re-written on every change. Each field compares what the input holds,
//! read back as a model value, with the model, and writes the input only when they
//! differ (after undo, say). Typing `甲、` in the sources field therefore keeps its `、`
//! while the model already holds `["甲"]`.

use crate::core::edit::Edit;
use crate::core::format::normalize::split_sources_loose;
use crate::core::{Date, Distribution, Footer, Id, Masthead, Status, DISTRIBUTION_LABELS};
use crate::ui::i18n::{status_label, Key};
use crate::ui::state::{use_editor, Selection};
use leptos::html::{Input, Textarea};
use leptos::prelude::*;

/// Keeps an input's text in step with a model value (see the module docs).
fn sync_input<T: PartialEq + 'static>(
    node: NodeRef<Input>,
    model: impl Fn() -> T + 'static,
    parse: fn(&str) -> T,
    show: fn(&T) -> String,
) {
    Effect::new(move |_| {
        let value = model();
        if let Some(input) = node.get() {
            if parse(&input.value()) != value {
                input.set_value(&show(&value));
            }
        }
    });
}

/// Like [`sync_input`], for a textarea.
fn sync_textarea<T: PartialEq + 'static>(
    node: NodeRef<Textarea>,
    model: impl Fn() -> T + 'static,
    parse: fn(&str) -> T,
    show: fn(&T) -> String,
) {
    Effect::new(move |_| {
        let value = model();
        if let Some(area) = node.get() {
            if parse(&area.value()) != value {
                area.set_value(&show(&value));
            }
        }
    });
}

fn text(s: &str) -> String {
    s.to_string()
}

#[allow(clippy::ptr_arg, reason = "the field helpers take fn(&T) with T = String")]
fn show_text(s: &String) -> String {
    s.clone()
}

fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

fn show_number(n: &Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn date(s: &str) -> Option<Date> {
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok());
    Date::new(parts.next()??, parts.next()??, parts.next()??)
}

fn show_date(d: &Option<Date>) -> String {
    d.map(Date::to_iso).unwrap_or_default()
}

fn sources(s: &str) -> Vec<String> {
    split_sources_loose(s)
}

#[allow(clippy::ptr_arg, reason = "the field helpers take fn(&T) with T = Vec<String>")]
fn show_sources(s: &Vec<String>) -> String {
    s.join("、")
}

/// Reads the distribution textarea: a line that starts with a label and a colon starts a
/// group; other lines are recipients of the current group (分送 when none was named).
pub fn parse_distribution(text: &str) -> Vec<Distribution> {
    let mut groups: Vec<Distribution> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let labelled = DISTRIBUTION_LABELS.iter().find_map(|&label| {
            line.strip_prefix(label)
                .and_then(|r| r.strip_prefix(['：', ':']))
                .map(|rest| (label, rest.trim()))
        });
        match (labelled, groups.last_mut()) {
            (Some((label, rest)), _) => groups.push(Distribution {
                label: label.to_string(),
                lines: if rest.is_empty() {
                    vec![]
                } else {
                    vec![rest.to_string()]
                },
            }),
            (None, Some(group)) => group.lines.push(line.to_string()),
            (None, None) => groups.push(Distribution {
                label: "分送".to_string(),
                lines: vec![line.to_string()],
            }),
        }
    }
    groups
}

#[allow(clippy::ptr_arg, reason = "the field helpers take fn(&T) with T = Vec<Distribution>")]
fn show_distribution(groups: &Vec<Distribution>) -> String {
    let mut out = Vec::new();
    for group in groups {
        let mut lines = group.lines.iter();
        out.push(format!(
            "{}：{}",
            group.label,
            lines.next().map(String::as_str).unwrap_or("")
        ));
        out.extend(lines.cloned());
    }
    out.join("\n")
}

/// A labelled one-line text input bound to part of the masthead.
#[component]
fn MastheadText(
    key: Key,
    testid: &'static str,
    get: fn(&Masthead) -> String,
    set: fn(&mut Masthead, String),
) -> impl IntoView {
    let editor = use_editor();
    let node = NodeRef::<Input>::new();
    sync_input(node, move || editor.issue.with(|i| get(&i.masthead)), text, show_text);
    let on_input = move |ev| {
        let mut masthead = editor.issue.with_untracked(|i| i.masthead.clone());
        set(&mut masthead, event_target_value(&ev));
        editor.dispatch(Edit::SetMasthead(masthead));
    };
    view! {
        <label class="field"><span>{move || editor.t(key)}</span>
            <input type="text" node_ref=node data-testid=testid on:input=on_input /></label>
    }
}

/// A labelled number input bound to part of the masthead.
#[component]
fn MastheadNumber(
    key: Key,
    testid: &'static str,
    get: fn(&Masthead) -> Option<u32>,
    set: fn(&mut Masthead, Option<u32>),
) -> impl IntoView {
    let editor = use_editor();
    let node = NodeRef::<Input>::new();
    sync_input(
        node,
        move || editor.issue.with(|i| get(&i.masthead)),
        number,
        show_number,
    );
    let on_input = move |ev| {
        let mut masthead = editor.issue.with_untracked(|i| i.masthead.clone());
        set(&mut masthead, number(&event_target_value(&ev)));
        editor.dispatch(Edit::SetMasthead(masthead));
    };
    view! {
        <label class="field field-narrow"><span>{move || editor.t(key)}</span>
            <input type="number" min="0" inputmode="numeric" node_ref=node data-testid=testid on:input=on_input /></label>
    }
}

/// The masthead form.
#[component]
pub fn MastheadForm() -> impl IntoView {
    let editor = use_editor();
    let date_node = NodeRef::<Input>::new();
    sync_input(
        date_node,
        move || editor.issue.with(|i| i.masthead.date),
        date,
        show_date,
    );
    let on_date = move |ev| {
        let mut masthead = editor.issue.with_untracked(|i| i.masthead.clone());
        masthead.date = date(&event_target_value(&ev));
        editor.dispatch(Edit::SetMasthead(masthead));
    };
    let supplement = move || editor.issue.with(|i| i.masthead.supplement);
    let on_supplement = move |ev| {
        let mut masthead = editor.issue.with_untracked(|i| i.masthead.clone());
        masthead.supplement = event_target_checked(&ev);
        editor.dispatch(Edit::SetMasthead(masthead));
    };
    view! {
        <form class="form" on:submit=|ev| ev.prevent_default()>
            <h2 class="pane-title">{move || editor.t(Key::Masthead)}</h2>
            <MastheadText key=Key::Title testid="masthead-title" get=|m| m.title.clone() set=|m, v| m.title = v />
            <div class="field-row">
                <MastheadNumber key=Key::Year testid="masthead-year" get=|m| m.year set=|m, v| m.year = v />
                <MastheadNumber key=Key::Number testid="masthead-number" get=|m| m.number set=|m, v| m.number = v />
                <MastheadNumber key=Key::Total testid="masthead-total" get=|m| m.total set=|m, v| m.total = v />
            </div>
            <label class="field field-check"><input type="checkbox" prop:checked=supplement on:change=on_supplement />
                <span>{move || editor.t(Key::Supplement)}</span></label>
            <MastheadText key=Key::Publisher testid="masthead-publisher" get=|m| m.publisher.clone() set=|m, v| m.publisher = v />
            <label class="field"><span>{move || editor.t(Key::Date)}</span>
                <input type="date" node_ref=date_node data-testid="masthead-date" on:input=on_date /></label>
        </form>
    }
}

/// A labelled one-line text input bound to part of the footer.
#[component]
fn FooterText(
    key: Key,
    testid: &'static str,
    get: fn(&Footer) -> String,
    set: fn(&mut Footer, String),
) -> impl IntoView {
    let editor = use_editor();
    let node = NodeRef::<Input>::new();
    sync_input(node, move || editor.issue.with(|i| get(&i.footer)), text, show_text);
    let on_input = move |ev| {
        let mut footer = editor.issue.with_untracked(|i| i.footer.clone());
        set(&mut footer, event_target_value(&ev));
        editor.dispatch(Edit::SetFooter(footer));
    };
    view! {
        <label class="field"><span>{move || editor.t(key)}</span>
            <input type="text" node_ref=node data-testid=testid on:input=on_input /></label>
    }
}

/// The footer form.
#[component]
pub fn FooterForm() -> impl IntoView {
    let editor = use_editor();
    let dist = NodeRef::<Textarea>::new();
    sync_textarea(
        dist,
        move || editor.issue.with(|i| i.footer.distribution.clone()),
        parse_distribution,
        show_distribution,
    );
    let on_dist = move |ev| {
        let mut footer = editor.issue.with_untracked(|i| i.footer.clone());
        footer.distribution = parse_distribution(&event_target_value(&ev));
        editor.dispatch(Edit::SetFooter(footer));
    };
    let copies = NodeRef::<Input>::new();
    sync_input(
        copies,
        move || editor.issue.with(|i| i.footer.copies),
        number,
        show_number,
    );
    let on_copies = move |ev| {
        let mut footer = editor.issue.with_untracked(|i| i.footer.clone());
        footer.copies = number(&event_target_value(&ev));
        editor.dispatch(Edit::SetFooter(footer));
    };
    view! {
        <form class="form" on:submit=|ev| ev.prevent_default()>
            <h2 class="pane-title">{move || editor.t(Key::Footer)}</h2>
            <div class="field-row">
                <FooterText key=Key::Editor testid="footer-editor" get=|f| f.editor.clone() set=|f, v| f.editor = v />
                <FooterText key=Key::Reviewer testid="footer-reviewer" get=|f| f.reviewer.clone() set=|f, v| f.reviewer = v />
                <FooterText key=Key::Signer testid="footer-signer" get=|f| f.signer.clone() set=|f, v| f.signer = v />
            </div>
            <label class="field"><span>{move || editor.t(Key::Distribution)}</span>
                <textarea rows="6" node_ref=dist data-testid="footer-distribution" on:input=on_dist
                    aria-describedby="distribution-hint"></textarea>
                <small id="distribution-hint">{move || editor.t(Key::DistributionHint)}</small></label>
            <label class="field field-narrow"><span>{move || editor.t(Key::Copies)}</span>
                <input type="number" min="0" node_ref=copies data-testid="footer-copies" on:input=on_copies /></label>
        </form>
    }
}

/// The form of a section or a sub-column.
#[component]
pub fn HeadingForm(id: Id) -> impl IntoView {
    let editor = use_editor();
    let node = NodeRef::<Input>::new();
    let heading = move || {
        editor.issue.with(|i| {
            i.sections
                .iter()
                .find_map(|s| {
                    if s.id == id {
                        Some(s.heading.clone())
                    } else {
                        s.columns.iter().find(|c| c.id == id).map(|c| c.heading.clone())
                    }
                })
                .unwrap_or_default()
        })
    };
    sync_input(node, heading, text, show_text);
    let section_index = move || {
        editor
            .issue
            .with_untracked(|i| i.sections.iter().position(|s| s.id == id))
    };
    let add_column = move |_| {
        if let Some(index) = section_index() {
            let column = editor.fresh_id();
            editor.dispatch(Edit::AddColumn(index, "新子栏目".into(), column));
            editor.selection.set(Selection::Heading(column));
        }
    };
    let confirm = crate::ui::confirm::use_confirm();
    let toasts = crate::ui::toast::use_toasts();
    // Deleting a section (or sub-column) deletes its items: with items, ask first; either
    // way, say what went and offer 撤销.
    let delete = move |_| {
        let (name, items) = editor.issue.with_untracked(|i| {
            i.sections
                .iter()
                .find_map(|s| {
                    if s.id == id {
                        Some((s.heading.clone(), s.all_items().count()))
                    } else {
                        s.columns
                            .iter()
                            .find(|c| c.id == id)
                            .map(|c| (c.heading.clone(), c.items.len()))
                    }
                })
                .unwrap_or_default()
        });
        let lang = editor.lang.get_untracked();
        let heading = crate::core::issue::heading_inner(&name).to_string();
        let remove = move || {
            editor.dispatch(Edit::DeleteHeading(id));
            editor.selection.set(Selection::Masthead);
            toasts.show(
                crate::ui::i18n::deleted_heading(lang, &heading, items),
                Some(editor.change.get_untracked().0),
            );
        };
        if items == 0 {
            remove();
        } else {
            let question = crate::ui::i18n::delete_section_question(lang, &name, items);
            confirm.ask(question, Key::DeleteSection, remove);
        }
    };
    view! {
        <form class="form" on:submit=|ev| ev.prevent_default()>
            <label class="field"><span>{move || editor.t(Key::SectionHeading)}</span>
                <input type="text" node_ref=node data-testid="section-heading"
                    on:input=move |ev| editor.dispatch(Edit::RenameHeading(id, event_target_value(&ev))) /></label>
            <div class="button-row">
                <Show when=move || section_index().is_some()>
                    <button type="button" on:click=add_column>{move || editor.t(Key::NewColumn)}</button>
                </Show>
                <button type="button" class="danger" on:click=delete>{move || editor.t(Key::DeleteSection)}</button>
            </div>
        </form>
    }
}

/// Pasting rich text (Word, WeChat, a web page) straight into an item body: the HTML is
/// parsed with the browser's DOMParser (nothing in it runs), converted to Markdown in the
/// paste worker and inserted.
/// Plain text is left to the browser.
fn paste_html_into_body(
    ev: web_sys::ClipboardEvent,
    body: NodeRef<Textarea>,
    id: Id,
    editor: crate::ui::state::Editor,
) {
    let Some(data) = ev.clipboard_data() else { return };
    let html = data.get_data("text/html").unwrap_or_default();
    if html.trim().is_empty() {
        return;
    }
    let plain = data.get_data("text/plain").unwrap_or_default();
    if body.get_untracked().is_none() {
        return;
    }
    ev.prevent_default();
    // The conversion runs in the paste worker; the pasted text goes in when it answers, as
    // plain text when the worker cannot be used (the notice says why).
    leptos::task::spawn_local(async move {
        let markdown = match crate::ui::paste::html_to_markdown(&html).await {
            Ok(markdown) if !markdown.is_empty() => markdown,
            Ok(_) => plain,
            Err(why) => {
                editor.notice.set(Some(why));
                plain
            }
        };
        let Some(area) = body.get_untracked() else { return };
        let (text, caret) = crate::ui::paste::splice(&area, &markdown);
        area.set_value(&text);
        let _ = area.set_selection_range(caret, caret);
        editor.dispatch(Edit::SetBody(id, text));
    });
}

/// The longest line, in bytes, that the body's text box wraps. Chromium lays out a
/// wrapped line in a text box in time that grows with the square of its length when it
/// mixes scripts (a 1 MB line of `<a 中文 ` took about 20 s, frozen); unwrapped, the same
/// line takes under a second.
const LONG_LINE_BYTES: usize = 16 * 1024;

/// Whether `text` has a line longer than [`LONG_LINE_BYTES`] (a quick no for the short
/// texts nearly every item has).
fn has_long_line(text: &str) -> bool {
    text.len() > LONG_LINE_BYTES && text.split('\n').any(|line| line.len() > LONG_LINE_BYTES)
}

/// The form of one item.
#[component]
pub fn ItemForm(id: Id) -> impl IntoView {
    let editor = use_editor();
    let item = move |f: fn(&crate::core::Item) -> String| editor.issue.with(|i| i.item(id).map(f).unwrap_or_default());
    let title = NodeRef::<Input>::new();
    sync_input(title, move || item(|it| it.title.clone()), text, show_text);
    let source_node = NodeRef::<Input>::new();
    sync_input(
        source_node,
        move || {
            editor
                .issue
                .with(|i| i.item(id).map(|it| it.sources.clone()).unwrap_or_default())
        },
        sources,
        show_sources,
    );
    let body = NodeRef::<Textarea>::new();
    sync_textarea(body, move || item(|it| it.body.clone()), text, show_text);
    let long_line = Memo::new(move |_| {
        editor
            .issue
            .with(|i| i.item(id).is_some_and(|it| has_long_line(&it.body)))
    });
    let status = move || {
        editor
            .issue
            .with(|i| i.item(id).map(|it| it.status).unwrap_or_default())
    };
    let on_status = move |ev| {
        let value = event_target_value(&ev);
        if let Some(status) = Status::ALL.into_iter().find(|s| format!("{s:?}") == value) {
            editor.dispatch(Edit::SetStatus(id, status));
        }
    };
    let duplicate = move |_| {
        let copy = editor.fresh_id();
        editor.dispatch(Edit::DuplicateItem(id, copy));
        editor.selection.set(Selection::Item(copy));
    };
    // 移动到栏目: the item goes to the end of the chosen section or sub-column.
    let place = move || {
        editor.issue.with(|i| {
            i.locate(id)
                .map(|(place, _)| crate::ui::places::value_of(place))
                .unwrap_or_default()
        })
    };
    let on_move = move |ev| {
        if let Some(target) = crate::ui::places::place_of(&event_target_value(&ev)) {
            editor.dispatch(Edit::MoveItem(id, target, usize::MAX));
            editor.selection.set(Selection::Item(id));
        }
    };
    let toasts = crate::ui::toast::use_toasts();
    let delete = move |_| {
        let title = editor
            .issue
            .with_untracked(|i| i.item(id).map(|it| it.title.clone()).unwrap_or_default());
        editor.dispatch(Edit::DeleteItem(id));
        editor.selection.set(Selection::Masthead);
        let title = match title.trim() {
            "" => editor.t(Key::Untitled).to_string(),
            _ => title,
        };
        toasts.show(
            crate::ui::i18n::deleted_item(editor.lang.get_untracked(), &title),
            Some(editor.change.get_untracked().0),
        );
    };
    view! {
        <form class="form item-form" on:submit=|ev| ev.prevent_default()>
            <label class="field"><span>{move || editor.t(Key::ItemTitle)}</span>
                <input type="text" node_ref=title data-testid="item-title"
                    on:input=move |ev| editor.dispatch(Edit::SetTitle(id, event_target_value(&ev))) /></label>
            <div class="field-row">
                <label class="field"><span>{move || editor.t(Key::ItemSources)}</span>
                    <input type="text" node_ref=source_node data-testid="item-sources" aria-describedby="sources-hint"
                        on:input=move |ev| editor.dispatch(Edit::SetSources(id, sources(&event_target_value(&ev)))) />
                    <small id="sources-hint">{move || editor.t(Key::SourcesHint)}</small></label>
                <label class="field field-narrow"><span>{move || editor.t(Key::ItemStatus)}</span>
                    <select data-testid="item-status" on:change=on_status prop:value=move || format!("{:?}", status())>
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=format!("{s:?}") selected=move || status() == s>{move || status_label(editor.lang.get(), s)}</option>
                        }).collect_view()}
                    </select></label>
                <label class="field field-narrow"><span>{move || editor.t(Key::MoveTo)}</span>
                    <select data-testid="item-place" on:change=on_move prop:value=place>
                        {move || crate::ui::places::places(editor).into_iter().map(|(value, label)| {
                            let chosen = value.clone();
                            view! { <option value=value selected=move || place() == chosen>{label}</option> }
                        }).collect_view()}
                    </select></label>
            </div>
            <crate::ui::format_bar::FormatBar body=body id=id />
            <label class="field field-body"><span>{move || editor.t(Key::ItemBody)}</span>
                <textarea node_ref=body id="item-body" data-testid="item-body" spellcheck="false"
                    wrap=move || if long_line.get() { "off" } else { "soft" }
                    on:keydown=move |ev| crate::ui::format_bar::on_key(ev, editor, body, id)
                    on:input=move |ev| editor.dispatch(Edit::SetBody(id, event_target_value(&ev)))
                    on:paste=move |ev: web_sys::ClipboardEvent| paste_html_into_body(ev, body, id, editor)></textarea></label>
            <Show when=move || long_line.get()>
                <p class="field-note" data-testid="item-body-long-line">{move || editor.t(Key::BodyLongLine)}</p>
            </Show>
            <div class="button-row">
                <button type="button" on:click=duplicate>{move || editor.t(Key::Duplicate)}</button>
                <button type="button" class="danger" on:click=delete>{move || editor.t(Key::Delete)}</button>
            </div>
        </form>
    }
}

/// The form pane: whichever form the selection calls for.
#[component]
pub fn FormPane() -> impl IntoView {
    let editor = use_editor();
    view! {
        <section class="pane form-pane" aria-label=move || editor.t(Key::FormPane)>
            {move || match editor.selection.get() {
                Selection::Masthead => view! { <MastheadForm /> }.into_any(),
                Selection::Footer => view! { <FooterForm /> }.into_any(),
                Selection::Heading(id) => view! { <HeadingForm id=id /> }.into_any(),
                Selection::Item(id) => view! { <ItemForm id=id /> }.into_any(),
            }}
        </section>
    }
}
