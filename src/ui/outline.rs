//! The outline: masthead, sections, sub-columns and items in order, with reordering by
//! drag and drop and by keyboard (Alt+↑/↓), since dragging alone is not accessible.

use crate::core::count::item_chars;
use crate::core::edit::Edit;
use crate::core::{Id, Issue, Place, Status};
use crate::ui::i18n::{status_label, Key};
use crate::ui::state::{use_editor, Selection};
use leptos::prelude::*;
use std::time::Duration;

/// One row of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Row {
    Section {
        id: Id,
        index: usize,
        heading: String,
    },
    Column {
        id: Id,
        place: Place,
        heading: String,
    },
    Item {
        id: Id,
        title: String,
        status: Status,
        chars: usize,
        nested: bool,
    },
}

fn rows(issue: &Issue) -> Vec<Row> {
    let mut rows = Vec::new();
    for (index, section) in issue.sections.iter().enumerate() {
        rows.push(Row::Section {
            id: section.id,
            index,
            heading: section.heading.clone(),
        });
        let item_row = |item: &crate::core::Item, nested| Row::Item {
            id: item.id,
            title: item.title.clone(),
            status: item.status,
            chars: item_chars(item),
            nested,
        };
        rows.extend(section.items.iter().map(|item| item_row(item, false)));
        for (c, column) in section.columns.iter().enumerate() {
            rows.push(Row::Column {
                id: column.id,
                place: Place {
                    section: index,
                    column: Some(c),
                },
                heading: column.heading.clone(),
            });
            rows.extend(column.items.iter().map(|item| item_row(item, true)));
        }
    }
    rows
}

/// The drag data type of an outline item.
const DRAG_TYPE: &str = "application/x-jianbao-item";

/// Puts the keyboard focus on an outline row after the outline re-renders.
fn focus_row(id: Id) {
    set_timeout(
        move || {
            if let Ok(Some(el)) = document().query_selector(&format!("[data-outline-id=\"{id}\"]")) {
                use wasm_bindgen::JsCast;
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        },
        Duration::from_millis(0),
    );
}

/// The outline pane.
#[component]
pub fn Outline() -> impl IntoView {
    let editor = use_editor();
    let all_rows = Memo::new(move |_| editor.issue.with(rows));
    let dragged = StoredValue::new(None::<Id>);

    let drop_on = move |target: Row| {
        let Some(id) = dragged.get_value() else { return };
        dragged.set_value(None);
        let edit = editor.issue.with_untracked(|issue| match target {
            Row::Item { id: over, .. } if over != id => issue
                .locate(over)
                .map(|(place, index)| Edit::MoveItem(id, place, index)),
            Row::Section { index, .. } => Some(Edit::MoveItem(
                id,
                Place {
                    section: index,
                    column: None,
                },
                usize::MAX,
            )),
            Row::Column { place, .. } => Some(Edit::MoveItem(id, place, usize::MAX)),
            Row::Item { .. } => None,
        });
        if let Some(edit) = edit {
            editor.dispatch(edit);
            editor.selection.set(Selection::Item(id));
        }
    };

    // The drag's data names the item under a type of our own: Firefox starts a drag only
    // when dragstart sets some data, and a text field would insert text/plain on a drop.
    // The drag is forgotten when it ends, so a later drop of something else (a file, text
    // from another window) never moves an item.
    let start_drag = move |ev: &leptos::ev::DragEvent, id: Id| {
        dragged.set_value(Some(id));
        if let Some(data) = ev.data_transfer() {
            data.set_effect_allowed("move");
            let _ = data.set_data(DRAG_TYPE, &id.to_string());
        }
    };

    let row_view = move |row: Row| {
        let target = row.clone();
        let on_drop = move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            drop_on(target.clone());
        };
        let allow_drop = |ev: leptos::ev::DragEvent| ev.prevent_default();
        match row {
            Row::Section { id, heading, .. } => {
                let lead = heading.is_empty();
                let label = move || {
                    if lead {
                        editor.t(Key::LeadSection).to_string()
                    } else {
                        format!("【{heading}】")
                    }
                };
                let selected = move || editor.selection.get() == Selection::Heading(id);
                view! {
                    <li class="outline-section" on:dragover=allow_drop on:drop=on_drop>
                        <button class="outline-heading" class:selected=selected aria-pressed=move || selected().to_string() data-outline-id=id
                            on:click=move |_| editor.selection.set(Selection::Heading(id))>{label}</button>
                    </li>
                }
                .into_any()
            }
            Row::Column { id, heading, .. } => {
                let selected = move || editor.selection.get() == Selection::Heading(id);
                view! {
                    <li class="outline-column" on:dragover=allow_drop on:drop=on_drop>
                        <button class="outline-heading" class:selected=selected aria-pressed=move || selected().to_string() data-outline-id=id
                            on:click=move |_| editor.selection.set(Selection::Heading(id))>{heading}</button>
                    </li>
                }
                .into_any()
            }
            Row::Item {
                id,
                title,
                status,
                chars,
                nested,
            } => {
                let selected = move || editor.selection.get() == Selection::Item(id);
                let shown = if title.trim().is_empty() {
                    None
                } else {
                    Some(title.clone())
                };
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    let step = match ev.key().as_str() {
                        "ArrowUp" => -1,
                        "ArrowDown" => 1,
                        _ => return,
                    };
                    ev.prevent_default();
                    if ev.alt_key() {
                        // A move that changes nothing (the first item up) re-renders nothing:
                        // focus stays where it is, and no late refocus can steal it.
                        let moved = editor.dispatch_changed(Edit::NudgeItem(id, step));
                        editor.selection.set(Selection::Item(id));
                        if moved {
                            focus_row(id);
                        }
                    } else {
                        let order: Vec<Id> = editor
                            .issue
                            .with_untracked(|issue| issue.items().map(|(_, item)| item.id).collect());
                        let at = order.iter().position(|&x| x == id).unwrap_or(0) as i64 + step as i64;
                        if let Some(&next) = order.get(at.max(0) as usize) {
                            editor.selection.set(Selection::Item(next));
                            focus_row(next);
                        }
                    }
                };
                view! {
                    <li class="outline-item" class:nested=nested data-testid="outline-item" draggable="true"
                        on:dragstart=move |ev| start_drag(&ev, id) on:dragend=move |_| dragged.set_value(None)
                        on:dragover=allow_drop on:drop=on_drop>
                        <button class="outline-item-button" class:selected=selected aria-pressed=move || selected().to_string()
                            data-outline-id=id on:click=move |_| editor.selection.set(Selection::Item(id)) on:keydown=on_key
                            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown">
                            <span class="outline-title">{move || shown.clone().unwrap_or_else(|| editor.t(Key::Untitled).to_string())}</span>
                            <span class="outline-meta">
                                <span class=format!("status status-{status:?}").to_lowercase()>{move || status_label(editor.lang.get(), status)}</span>
                                " · " {chars} " " {move || editor.t(Key::Chars)}
                            </span>
                        </button>
                    </li>
                }
                .into_any()
            }
        }
    };

    view! {
        <nav class="pane outline-pane" data-testid="outline" aria-label=move || editor.t(Key::Outline)>
            <h2 class="pane-title">{move || editor.t(Key::Outline)}</h2>
            <ul class="outline-fixed">
                <li><button class:selected=move || editor.selection.get() == Selection::Masthead
                    aria-pressed=move || (editor.selection.get() == Selection::Masthead).to_string()
                    on:click=move |_| editor.selection.set(Selection::Masthead)>{move || editor.t(Key::Masthead)}</button></li>
            </ul>
            <ul class="outline-list">
                <For each=move || all_rows.get() key=|row| row.clone() children=row_view />
            </ul>
            <ul class="outline-fixed">
                <li><button class:selected=move || editor.selection.get() == Selection::Footer
                    aria-pressed=move || (editor.selection.get() == Selection::Footer).to_string()
                    on:click=move |_| editor.selection.set(Selection::Footer)>{move || editor.t(Key::Footer)}</button></li>
            </ul>
        </nav>
    }
}
