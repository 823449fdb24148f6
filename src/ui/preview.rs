//! The live preview: the core renderer's HTML, patched in place.
//!
//! The preview is the exported bulletin's HTML, produced by the same functions with the
//! same stylesheet. A structural change re-renders the whole bulletin; a change to one
//! item re-renders that item alone (and its line of the 目录提要 when it is a
//! [`Scope::Title`]), so the keystroke path does not grow with the issue (10,000 items).
//!
//! Typing in a title does not re-render the body either (`Scope::Title` replaces the
//! heading alone), so a 5 MB body is not rendered and laid out again for each character
//! typed in its title; undo and redo, which put back whole items, say `Scope::WholeItem`.

use crate::core::edit::Scope;
use crate::core::render::{render_issue, render_item, render_item_title, render_masthead, render_toc_item};
use crate::core::{Issue, Item};
use crate::ui::state::{use_editor, Selection};
use leptos::html::Div;
use leptos::prelude::*;

/// The preview pane.
#[component]
pub fn Preview() -> impl IntoView {
    let editor = use_editor();
    let root = NodeRef::<Div>::new();
    let buffer = StoredValue::new(String::with_capacity(64 * 1024));
    // The number of the change last shown: when changes come faster than the effect
    // runs, only the last one's scope is known, and the whole bulletin is redrawn.
    let shown = StoredValue::new(None::<u64>);

    Effect::new(move |_| {
        let (number, scope) = editor.change.get();
        let Some(root) = root.get() else { return };
        let missed = shown.get_value().is_none_or(|last| number != last.wrapping_add(1));
        shown.set_value(Some(number));
        let scope = if missed { Scope::Structure } else { scope };
        buffer.update_value(|html| {
            html.clear();
            editor.issue.with_untracked(|issue| patch(&root, issue, scope, html));
        });
    });

    // Keep the item being edited in view (not on the first run: a fresh page shows the
    // masthead).
    Effect::new(move |first: Option<()>| {
        let selection = editor.selection.get();
        if first.is_none() {
            return;
        }
        if let Selection::Item(id) = selection {
            if let Some(root) = root.get_untracked() {
                if let Ok(Some(el)) = root.query_selector(&format!("[data-item-id=\"{id}\"]")) {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
    });

    view! {
        <section class="pane preview-pane" aria-label=move || editor.t(crate::ui::i18n::Key::Preview)>
            <div class="preview" data-testid="preview" node_ref=root></div>
        </section>
    }
}

/// Brings the preview's DOM up to date with the issue after a change of `scope`.
fn patch(root: &web_sys::HtmlDivElement, issue: &Issue, scope: Scope, html: &mut String) {
    let find = |selector: &str| root.query_selector(selector).ok().flatten();
    let done = match scope {
        Scope::Nothing => true,
        Scope::Item(id) => match (issue.item(id), find(&format!("[data-item-id=\"{id}\"]"))) {
            (Some(item), Some(target)) => {
                render_item(item, html);
                target.set_outer_html(html);
                true
            }
            _ => false,
        },
        Scope::Title(id) | Scope::WholeItem(id) => match (
            issue.item(id),
            find(&format!("[data-item-id=\"{id}\"]")),
            find("nav.toc"),
        ) {
            (Some(item), Some(target), Some(toc)) => {
                if scope == Scope::Title(id) {
                    patch_title(&target, item, html);
                } else {
                    render_item(item, html);
                    target.set_outer_html(html);
                }
                // The item's line of the 目录提要, alone: its link is `#item-{id}`.
                html.clear();
                let line = toc
                    .query_selector(&format!("a[href=\"#item-{id}\"]"))
                    .ok()
                    .flatten()
                    .and_then(|link| link.parent_element());
                match line {
                    Some(line) if render_toc_item(issue, id, html) => {
                        line.set_outer_html(html);
                        true
                    }
                    _ => false,
                }
            }
            // No 目录提要 yet (the first title of an issue), or no line for the item in
            // it: redraw all.
            _ => false,
        },
        Scope::Masthead => match find("header.masthead") {
            Some(header) => {
                render_masthead(&issue.masthead, html);
                header.set_inner_html(html);
                true
            }
            None => false,
        },
        Scope::Footer | Scope::Structure => false,
    };
    if !done {
        html.clear();
        render_issue(issue, html);
        root.set_inner_html(html);
    }
}

/// Replaces an article's title (its first child when it has one, see `render_item`).
fn patch_title(article: &web_sys::Element, item: &Item, html: &mut String) {
    html.clear();
    render_item_title(item, html);
    let old = article
        .first_element_child()
        .filter(|first| first.get_attribute("class").as_deref() == Some("item-title"));
    match old {
        Some(old) if html.is_empty() => old.remove(),
        Some(old) => old.set_outer_html(html),
        None if !html.is_empty() => {
            let _ = article.insert_adjacent_html("afterbegin", html);
        }
        None => {}
    }
}
