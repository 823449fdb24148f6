//! The outline: masthead, sections, sub-columns and items in order, with reordering by
//! drag and drop and by keyboard (Alt+↑/↓), since dragging alone is not accessible.

use crate::core::count::item_chars;
use crate::core::edit::{Edit, Scope};
use crate::core::{Id, Issue, Place, Status};
use crate::ui::i18n::{status_label, Key};
use crate::ui::state::{use_editor, Selection};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// One row of the outline, as far as the structure goes. An item row's text (title,
/// status, 字数) lives in its own signal (see [`ItemCell`]), so typing in an item updates
/// that row alone and the list of rows is rebuilt only when the structure changes.
///
/// `printed` is false for a section or column without items: the outputs leave it out
/// (`Section::is_printed`), so the outline shows it greyed and says why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Row {
    Section {
        id: Id,
        index: usize,
        heading: String,
        printed: bool,
    },
    Column {
        id: Id,
        place: Place,
        heading: String,
        printed: bool,
    },
    Item {
        id: Id,
        nested: bool,
    },
}

/// What an item's row shows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ItemCell {
    title: String,
    status: Status,
    chars: usize,
}

impl ItemCell {
    fn of(item: &crate::core::Item) -> ItemCell {
        ItemCell {
            title: item.title.clone(),
            status: item.status,
            chars: item_chars(item),
        }
    }
}

/// The rows of an issue, in print order.
fn rows(issue: &Issue) -> Vec<Row> {
    let mut rows = Vec::new();
    for (index, section) in issue.sections.iter().enumerate() {
        rows.push(Row::Section {
            id: section.id,
            index,
            heading: section.heading.clone(),
            printed: section.is_printed(),
        });
        rows.extend(section.items.iter().map(|item| Row::Item {
            id: item.id,
            nested: false,
        }));
        for (c, column) in section.columns.iter().enumerate() {
            rows.push(Row::Column {
                id: column.id,
                place: Place {
                    section: index,
                    column: Some(c),
                },
                heading: column.heading.clone(),
                printed: column.is_printed(),
            });
            rows.extend(column.items.iter().map(|item| Row::Item {
                id: item.id,
                nested: true,
            }));
        }
    }
    rows
}

/// The item rows' signals, by item id. Reference-counted signals: they live as long as a
/// row shows them, whatever reactive scope created them.
type Cells = HashMap<Id, ArcRwSignal<ItemCell>>;

/// Sets a row's signal only when what it shows changed, so an unchanged row wakes nothing.
fn refresh(cell: &ArcRwSignal<ItemCell>, item: &crate::core::Item) {
    let now = ItemCell::of(item);
    if cell.with_untracked(|old| *old != now) {
        cell.set(now);
    }
}

/// Brings every cell up to date with the issue: new items get a cell, gone ones lose it.
fn refresh_all(cells: &mut Cells, issue: &Issue) {
    let mut seen = std::collections::HashSet::new();
    for (_, item) in issue.items() {
        seen.insert(item.id);
        match cells.get(&item.id) {
            Some(cell) => refresh(cell, item),
            None => {
                cells.insert(item.id, ArcRwSignal::new(ItemCell::of(item)));
            }
        }
    }
    cells.retain(|id, _| seen.contains(id));
}

/// The note beside a greyed section or column: it prints nothing until it holds an item.
/// It sits outside the heading's button, so the button's accessible name stays the heading.
fn unprinted_note(editor: crate::ui::state::Editor) -> impl IntoView {
    view! {
        <span class="outline-note" data-testid="unprinted-note" title=move || editor.t(Key::UnprintedWhy)>
            {move || editor.t(Key::Unprinted)}
        </span>
    }
}

/// Shows or hides the drop line on the row under a drag: the item goes before that row's
/// item, or at the end of that section or sub-column.
fn mark_drop_target(ev: &leptos::ev::DragEvent, on: bool) {
    use wasm_bindgen::JsCast;
    // Leptos delegates events to the document, so the row is found from the target.
    let row = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("li").ok().flatten());
    if let Some(row) = row {
        let _ = if on {
            row.set_attribute("data-drop-target", "")
        } else {
            row.remove_attribute("data-drop-target")
        };
    }
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
    // The rows and the cells start from the issue as it is; afterwards each change
    // touches what its scope says: one cell for typing, everything for the structure.
    let (first_rows, first_cells) = editor.issue.with_untracked(|issue| {
        let mut cells = Cells::new();
        refresh_all(&mut cells, issue);
        (rows(issue), cells)
    });
    let all_rows = RwSignal::new(first_rows);
    let cells = StoredValue::new(first_cells);
    // The number of the last change shown: when changes came faster than the effect runs
    // (a structural edit and a keystroke in one handler), only the last one's scope is
    // known, so everything is rebuilt.
    let seen = StoredValue::new(editor.change.get_untracked().0);
    Effect::new(move |_| {
        let (n, scope) = editor.change.get();
        let last = seen.get_value();
        if n == last {
            return;
        }
        seen.set_value(n);
        let scope = if n == last.wrapping_add(1) {
            scope
        } else {
            Scope::Structure
        };
        editor.issue.with_untracked(|issue| match scope {
            Scope::Item(id) | Scope::Title(id) | Scope::WholeItem(id) => {
                if let (Some(item), Some(cell)) = (issue.item(id), cells.with_value(|c| c.get(&id).cloned())) {
                    refresh(&cell, item);
                }
            }
            Scope::Structure => {
                cells.update_value(|c| refresh_all(c, issue));
                let new = rows(issue);
                if all_rows.with_untracked(|old| *old != new) {
                    all_rows.set(new);
                }
            }
            Scope::Nothing | Scope::Masthead | Scope::Footer => {}
        });
    });
    let dragged = StoredValue::new(None::<Id>);
    // Which row is chosen, per row: choosing an item wakes the row it leaves and the row
    // it opens, not every row (with 10,000 items, a click took over a second).
    let chosen = StoredValue::new(Selector::new(move || editor.selection.get()));

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
            mark_drop_target(&ev, false);
            drop_on(target.clone());
        };
        // Only our own item drags show the drop line; a file dragged over the page does not.
        let allow_drop = move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            mark_drop_target(&ev, dragged.get_value().is_some());
        };
        // Moving between a row's own children fires dragleave too: the line stays then.
        let leave = |ev: leptos::ev::DragEvent| {
            use wasm_bindgen::JsCast;
            let row = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("li").ok().flatten());
            let into = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = matches!((&row, &into), (Some(row), Some(into)) if row.contains(Some(into)));
            if !inside {
                mark_drop_target(&ev, false);
            }
        };
        match row {
            Row::Section {
                id, heading, printed, ..
            } => {
                let lead = heading.is_empty();
                let label = move || {
                    if lead {
                        editor.t(Key::LeadSection).to_string()
                    } else {
                        crate::core::issue::bracketed(&heading)
                    }
                };
                let selected = move || chosen.with_value(|s| s.selected(&Selection::Heading(id)));
                view! {
                    <li class="outline-section" class:unprinted=!printed on:dragover=allow_drop on:dragleave=leave on:drop=on_drop>
                        <button class="outline-heading" class:selected=selected aria-pressed=move || selected().to_string() data-outline-id=id
                            on:click=move |_| editor.selection.set(Selection::Heading(id))>{label}</button>
                        {(!printed).then(|| unprinted_note(editor))}
                    </li>
                }
                .into_any()
            }
            Row::Column {
                id, heading, printed, ..
            } => {
                let selected = move || chosen.with_value(|s| s.selected(&Selection::Heading(id)));
                view! {
                    <li class="outline-column" class:unprinted=!printed on:dragover=allow_drop on:dragleave=leave on:drop=on_drop>
                        <button class="outline-heading" class:selected=selected aria-pressed=move || selected().to_string() data-outline-id=id
                            on:click=move |_| editor.selection.set(Selection::Heading(id))>{heading}</button>
                        {(!printed).then(|| unprinted_note(editor))}
                    </li>
                }
                .into_any()
            }
            Row::Item { id, nested } => {
                let selected = move || chosen.with_value(|s| s.selected(&Selection::Item(id)));
                let Some(cell) = cells.with_value(|c| c.get(&id).cloned()) else {
                    return ().into_any();
                };
                let (title_cell, status_cell, chars_cell) = (cell.clone(), cell.clone(), cell);
                let title = move || {
                    title_cell.with(|c| match c.title.trim() {
                        "" => editor.t(Key::Untitled).to_string(),
                        _ => c.title.clone(),
                    })
                };
                let tooltip = title.clone();
                let status = move || status_cell.with(|c| c.status);
                let status_class = {
                    let status = status.clone();
                    move || format!("status status-{:?}", status()).to_lowercase()
                };
                let chars = move || chars_cell.with(|c| c.chars);
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
                        on:dragover=allow_drop on:dragleave=leave on:drop=on_drop>
                        <button class="outline-item-button" class:selected=selected aria-pressed=move || selected().to_string()
                            data-outline-id=id on:click=move |_| editor.selection.set(Selection::Item(id)) on:keydown=on_key
                            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown">
                            // The title is cut with "…" in the narrow pane: the tooltip shows it whole.
                            <span class="outline-title" title=tooltip>{title}</span>
                            <span class="outline-meta">
                                <span class=status_class>{move || status_label(editor.lang.get(), status())}</span>
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
