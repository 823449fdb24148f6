//! The body's formatting buttons and shortcuts (粗体 Ctrl+B, 斜体 Ctrl+I, 列表, 编号,
//! 链接 Ctrl+K), for editors who know Word and not Markdown. The text box keeps the Markdown;
//! `core::format::commands` writes it.

use crate::core::edit::Edit;
use crate::core::format::commands::{apply, Command};
use crate::core::Id;
use crate::ui::i18n::Key;
use crate::ui::state::{use_editor, Editor};
use leptos::html::Textarea;
use leptos::prelude::*;

/// Runs a command on the text box's selection and puts the result in the item.
fn run(editor: Editor, body: NodeRef<Textarea>, id: Id, command: Command) {
    let Some(area) = body.get_untracked() else { return };
    let text = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let edited = apply(command, &text, start, end);
    area.set_value(&edited.text);
    let _ = area.focus();
    let _ = area.set_selection_range(edited.start, edited.end);
    editor.dispatch(Edit::SetBody(id, edited.text));
}

/// The command a key press asks for: Ctrl (or ⌘) with B, I or K.
pub fn shortcut(ev: &web_sys::KeyboardEvent) -> Option<Command> {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || ev.shift_key() {
        return None;
    }
    match ev.key().to_ascii_lowercase().as_str() {
        "b" => Some(Command::Bold),
        "i" => Some(Command::Italic),
        "k" => Some(Command::Link),
        _ => None,
    }
}

/// Handles the shortcuts in the body's text box.
pub fn on_key(ev: web_sys::KeyboardEvent, editor: Editor, body: NodeRef<Textarea>, id: Id) {
    if let Some(command) = shortcut(&ev) {
        ev.prevent_default();
        run(editor, body, id, command);
    }
}

/// The row of formatting buttons above the body.
#[component]
pub fn FormatBar(body: NodeRef<Textarea>, id: Id) -> impl IntoView {
    let editor = use_editor();
    let button = move |command: Command, label: Key, keys: &'static str| {
        view! {
            <button type="button" class="format-button" aria-keyshortcuts=keys
                title=move || editor.t(label)
                on:mousedown=|ev: leptos::ev::MouseEvent| ev.prevent_default()
                on:click=move |_| run(editor, body, id, command)>{move || editor.t(label)}</button>
        }
    };
    view! {
        <div class="format-bar" role="toolbar" aria-label=move || editor.t(Key::FormatBar) aria-controls="item-body">
            {button(Command::Bold, Key::FormatBold, "Control+B")}
            {button(Command::Italic, Key::FormatItalic, "Control+I")}
            {button(Command::BulletList, Key::FormatBullets, "")}
            {button(Command::NumberedList, Key::FormatNumbers, "")}
            {button(Command::Link, Key::FormatLink, "Control+K")}
        </div>
    }
}
