//! A short message at the foot of the screen after an action: what was exported, what was
//! removed. A removal's message carries 撤销, so an editor who did not mean it gets the
//! text back with one click even if they never look at the undo button.
//!
//! One message shows at a time; it leaves by itself after [`SHOWN_FOR`], or when closed.

use crate::ui::i18n::Key;
use crate::ui::state::use_editor;
use leptos::prelude::*;
use std::time::Duration;

/// How long a message stays.
const SHOWN_FOR: Duration = Duration::from_secs(10);

/// The message on screen: its text, the change number its 撤销 undoes (if it offers one),
/// and a number that tells a newer message from the one a timer was set for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Shown {
    text: String,
    undo: Option<u64>,
    number: u64,
}

/// The message state, in the context.
#[derive(Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Option<Shown>>,
    next: StoredValue<u64>,
}

impl Toasts {
    /// Creates the state and puts it in the context.
    pub fn provide() -> Toasts {
        let toasts = Toasts {
            shown: RwSignal::new(None),
            next: StoredValue::new(0),
        };
        provide_context(toasts);
        toasts
    }
}

/// The message state, for a component to keep and use in its handlers.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

impl Toasts {
    /// Shows a message. With `undo` it offers 撤销, which undoes the edit just made; `change`
    /// is the editor's change number after that edit, so that 撤销 never undoes a later
    /// edit instead (it then says to use the toolbar's 撤销).
    pub fn show(self, text: String, undo: Option<u64>) {
        let number = self.next.get_value() + 1;
        self.next.set_value(number);
        self.shown.set(Some(Shown { text, undo, number }));
        set_timeout(
            move || {
                if self
                    .shown
                    .with_untracked(|s| s.as_ref().is_some_and(|s| s.number == number))
                {
                    self.shown.set(None);
                }
            },
            SHOWN_FOR,
        );
    }
}

/// The message at the foot of the screen.
#[component]
pub fn Toast() -> impl IntoView {
    let editor = use_editor();
    let toasts = use_toasts();
    let undo = move |change: u64| {
        if editor.change.get_untracked().0 == change {
            toasts.shown.set(None);
            editor.undo();
        } else {
            toasts.show(editor.t(Key::UndoLater).to_string(), None);
        }
    };
    view! {
        <div class="toast-area no-print" role="status" aria-live="polite">
            {move || toasts.shown.get().map(|shown| view! {
                <div class="toast" data-testid="toast">
                    <span>{shown.text}</span>
                    {shown.undo.map(|change| view! {
                        <button type="button" data-testid="toast-undo" on:click=move |_| undo(change)>{move || editor.t(Key::Undo)}</button>
                    })}
                    <button type="button" class="toast-close" on:click=move |_| toasts.shown.set(None)>
                        {move || editor.t(Key::Close)}</button>
                </div>
            })}
        </div>
    }
}
