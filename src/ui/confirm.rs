//! The app's own confirmation dialog, for the questions an editor must answer before text
//! leaves or goes: deleting a section that holds items, and exporting or printing an issue
//! whose items are not all 已审.
//!
//! It is a modal `<dialog>` with the question and two buttons named in Chinese (the
//! browser's `confirm()` says 确定/取消 in the system's language and cannot be styled or
//! found by label).

use crate::ui::i18n::Key;
use crate::ui::state::use_editor;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The action waiting for the editor's answer.
type Action = Box<dyn Fn() + Send + Sync>;

/// The question on screen, if any, and the action its 确认 button runs.
#[derive(Clone, Copy)]
pub struct Confirm {
    question: RwSignal<Option<(String, Key)>>,
    action: StoredValue<Option<Action>>,
}

impl Confirm {
    /// Creates the state and puts it in the context.
    pub fn provide() -> Confirm {
        let confirm = Confirm {
            question: RwSignal::new(None),
            action: StoredValue::new(None),
        };
        provide_context(confirm);
        confirm
    }
}

/// The confirmation state, for a component to keep and use in its handlers.
pub fn use_confirm() -> Confirm {
    expect_context::<Confirm>()
}

impl Confirm {
    /// Asks `question` with `yes` as the confirming button's name, and runs `action` when
    /// the editor confirms.
    pub fn ask(self, question: String, yes: Key, action: impl Fn() + Send + Sync + 'static) {
        self.action.set_value(Some(Box::new(action)));
        self.question.set(Some((question, yes)));
        if let Some(dialog) = dialog() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    }
}

/// The dialog element.
fn dialog() -> Option<web_sys::HtmlDialogElement> {
    document().get_element_by_id("confirm-dialog")?.dyn_into().ok()
}

/// Closes the dialog and forgets the action.
fn close(confirm: Confirm) {
    confirm.action.set_value(None);
    confirm.question.set(None);
    if let Some(dialog) = dialog() {
        dialog.close();
    }
}

/// The dialog, once in the page.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let editor = use_editor();
    let confirm = use_confirm();
    let yes = move |_| {
        let action = confirm.action.try_update_value(Option::take).flatten();
        close(confirm);
        if let Some(action) = action {
            action();
        }
    };
    // Esc closes the dialog the browser's way: forget the action too.
    let on_close = move |_| {
        confirm.action.set_value(None);
        confirm.question.set(None);
    };
    view! {
        <dialog id="confirm-dialog" class="confirm-dialog" aria-labelledby="confirm-question" on:close=on_close>
            <p id="confirm-question" data-testid="confirm-question">
                {move || confirm.question.get().map(|(text, _)| text)}</p>
            <div class="button-row">
                <button type="button" class="danger" data-testid="confirm-yes" on:click=yes>
                    {move || confirm.question.get().map(|(_, key)| editor.t(key))}</button>
                <button type="button" data-testid="confirm-no" autofocus on:click=move |_| close(confirm)>
                    {move || editor.t(Key::Cancel)}</button>
            </div>
        </dialog>
    }
}
