//! The live preview: the core renderer's HTML, patched in place.
//!
//! The preview is the exported bulletin's HTML, produced by the same functions with the
//! same stylesheet. A structural change re-renders the whole bulletin; typing in an item
//! re-renders that item alone (and the 目录提要 when its title changes), so the keystroke
//! path does not grow with the issue.

use crate::core::edit::Scope;
use crate::core::render::{render_issue, render_item, render_masthead, render_toc};
use crate::ui::state::{use_editor, Selection};
use leptos::html::Div;
use leptos::prelude::*;

/// The preview pane.
#[component]
pub fn Preview() -> impl IntoView {
    let editor = use_editor();
    let root = NodeRef::<Div>::new();
    let buffer = StoredValue::new(String::with_capacity(64 * 1024));

    Effect::new(move |_| {
        let (_, scope) = editor.change.get();
        let Some(root) = root.get() else { return };
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
fn patch(root: &web_sys::HtmlDivElement, issue: &crate::core::Issue, scope: Scope, html: &mut String) {
    let find = |selector: &str| root.query_selector(selector).ok().flatten();
    let done = match scope {
        Scope::Nothing => true,
        Scope::Item(id) | Scope::Title(id) => {
            let item = issue.item(id);
            let target = find(&format!("[data-item-id=\"{id}\"]"));
            let toc = find("nav.toc");
            match (item, target) {
                (Some(item), Some(target)) => {
                    render_item(item, html);
                    target.set_outer_html(html);
                    if let (Scope::Title(_), Some(toc)) = (scope, toc) {
                        html.clear();
                        render_toc(issue, html);
                        toc.set_inner_html(html);
                    }
                    matches!(scope, Scope::Item(_)) || find("nav.toc").is_some()
                }
                _ => false,
            }
        }
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
