//! Working offline: the service worker's registration and the "new version ready" notice.
//!
//! The worker (`public/sw.js`) keeps a copy of every file of the build, so that the app
//! opens without a network. It is registered only by a release build that `cargo xtask
//! dist` post-processed (its `index.html` carries a `jianbao-offline` marker), only over
//! http(s) (never from a file opened from disk), and never in a development build.
//!
//! When a newer build's worker takes over a page that an older worker controlled, the page
//! shows a notice: reloading picks up the new version.

use leptos::prelude::*;

/// The notice shown when a new version has taken over.
const NOTICE: &str = "新版本已就绪，刷新即可使用 / A new version is ready: reload to use it.";

/// Registers the service worker when this build may have one, and shows a notice when an
/// updated worker takes over the page.
#[component]
pub fn Offline() -> impl IntoView {
    let ready = RwSignal::new(false);
    register(ready);
    view! {
        <Show when=move || ready.get()>
            <div class="banner" role="status" data-testid="update-notice">
                {NOTICE}
                <button type="button" class="banner-close" on:click=move |_| reload()>"刷新 / Reload"</button>
            </div>
        </Show>
    }
}

/// Reloads the page, which then runs the new version.
fn reload() {
    // A failed reload leaves the page as it was; the notice stays up.
    let _ = window().location().reload();
}

/// Development builds never register a worker: it would serve stale files while editing.
#[cfg(debug_assertions)]
fn register(_ready: RwSignal<bool>) {}

/// Registers `sw.js` and sets `ready` when a new worker replaces the one in control.
#[cfg(not(debug_assertions))]
fn register(ready: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let marked = document()
        .query_selector("meta[name=jianbao-offline]")
        .ok()
        .flatten()
        .is_some();
    let protocol = window().location().protocol().unwrap_or_default();
    if !marked || !(protocol == "http:" || protocol == "https:") {
        return;
    }
    let navigator = window().navigator();
    let Ok(container) = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")) else {
        return;
    };
    if container.is_undefined() {
        return;
    }
    // The first worker to take over a page is no update; only a replacement is.
    let controlled = js_sys::Reflect::get(&container, &JsValue::from_str("controller"))
        .is_ok_and(|controller| !controller.is_null() && !controller.is_undefined());
    if controlled {
        let on_change = Closure::<dyn FnMut()>::new(move || ready.set(true));
        let target: &web_sys::EventTarget = container.unchecked_ref();
        // The listener lives as long as the page, so the closure is leaked on purpose.
        let _ = target.add_event_listener_with_callback("controllerchange", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    let Ok(register) = js_sys::Reflect::get(&container, &JsValue::from_str("register")) else {
        return;
    };
    let Ok(register) = register.dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Ok(promise) = register.call1(&container, &JsValue::from_str("./sw.js")) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // A failed registration (a private window, a browser without workers) only
            // means no offline copy; the app itself works as before.
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
}
