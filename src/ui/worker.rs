//! On-demand parts of the editor: code that runs in a web worker started the first time
//! it is needed, so that it is not part of the first load (issue 21).
//!
//! A part is a `[[bin]]` of the crate that Trunk builds as a worker
//! (`<link data-trunk rel="rust" data-bin="NAME" data-type="worker" data-loader-shim>` in
//! index.html), described here by a [`Part`]. [`ask`] starts the part's worker on first
//! use and keeps it, sends it one message and gives back its answer. The rules every
//! worker follows:
//!
//! - once it runs, it posts one message (any value, by convention the string
//!   `{"ready":true}`), so that the page never posts to a worker that is still loading
//!   (the message would be lost) and tells a worker that failed to load from a busy one;
//! - it answers each message with exactly one message, in order;
//! - an uncaught error (a panic is one: release builds abort) ends it, and the page
//!   starts a fresh one for the next request.
//!
//! While an answer takes longer than [`PROGRESS_AFTER_MS`], the editor's status banner
//! says what is happening (正在加载… while the worker loads, then the part's own
//! message); when the answer comes, the banner shows again what it showed before. Every
//! failure is a [`Failure`] whose text says what went wrong and what to do.

use crate::ui::i18n::{t, Key, Lang};
use crate::ui::state::Editor;
use leptos::prelude::{GetUntracked, Set};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long an answer may take before the editor shows that it is working (ms).
pub const PROGRESS_AFTER_MS: i32 = 200;
/// How long a worker may take to load and say it is ready (ms). It keeps the page from
/// waiting forever on a worker whose files failed without an error event.
pub const START_LIMIT_MS: i32 = 30_000;

/// One on-demand part.
pub struct Part {
    /// The `[[bin]]` name Trunk builds it under: the page starts `./NAME_loader.js`.
    pub name: &'static str,
    /// What the part is called in messages (正在加载 …, 无法加载 …), e.g. “Word 读取程序”.
    pub label: Key,
    /// The status shown while a slow answer is computed, once the worker runs; `None`
    /// when the caller shows its own.
    pub working: Option<Key>,
    /// What the user can do instead when the part fails, added to every failure.
    pub advice: Key,
    /// How long one answer may take before the worker is stopped (ms).
    pub limit_ms: i32,
}

/// Why a part gave no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser has no web workers.
    Unsupported,
    /// The part's files are not in this build (the single file without embedded workers).
    NotInThisBuild,
    /// The worker could not be loaded; `offline` when the browser says it has no network
    /// (and the service worker had no copy).
    Load { offline: bool },
    /// The worker stopped with an error while working.
    Crashed,
    /// No answer within the part's limit; the worker was stopped.
    TimedOut,
}

impl Failure {
    /// The message for the editor, in the interface's language.
    pub fn message(self, part: &Part) -> String {
        let lang = language();
        let key = match self {
            Failure::Unsupported => Key::WorkerUnsupported,
            Failure::NotInThisBuild => Key::WorkerNotInSingleFile,
            Failure::Load { offline: true } => Key::WorkerOffline,
            Failure::Load { offline: false } => Key::WorkerLoadFailed,
            Failure::Crashed => Key::WorkerCrashed,
            Failure::TimedOut => Key::WorkerTimedOut,
        };
        let text = fill(t(lang, key), t(lang, part.label));
        format!("{text}{}", t(lang, part.advice))
    }
}

/// A worker that was started, with who waits for its next messages.
struct Running {
    worker: web_sys::Worker,
    /// Resolves with the worker's first message; rejects when it fails before that.
    ready: js_sys::Promise,
    /// Whether the first message came.
    is_ready: Rc<Cell<bool>>,
    /// The `(resolve, reject)` of each message awaited, in order.
    waiting: Waiting,
}

type Waiting = Rc<RefCell<VecDeque<(js_sys::Function, js_sys::Function)>>>;

thread_local! {
    /// The workers started, by part name.
    static RUNNING: RefCell<Vec<(&'static str, Rc<Running>)>> = const { RefCell::new(Vec::new()) };
    /// The editor whose status banner shows progress (none on the contributor page).
    static STATUS: Cell<Option<Editor>> = const { Cell::new(None) };
}

/// Lets on-demand parts show their progress in this editor's status banner and speak
/// its language. Called once by the app.
pub fn install(editor: Editor) {
    STATUS.with(|status| status.set(Some(editor)));
}

/// The interface's language.
fn language() -> Lang {
    STATUS
        .with(Cell::get)
        .map_or(Lang::Zh, |editor| editor.lang.get_untracked())
}

/// A message template with `{}` replaced by a part's label, with a space between Chinese
/// and a label that starts or ends with a Latin letter (“加载 Word 读取程序”), as the rest
/// of the interface writes it.
pub fn fill(template: &str, label: &str) -> String {
    let Some((before, after)) = template.split_once("{}") else {
        return template.to_string();
    };
    let space = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => (latin(a) && chinese(b)) || (chinese(a) && latin(b)),
        _ => false,
    };
    format!(
        "{before}{}{label}{}{after}",
        if space(before.chars().last(), label.chars().next()) {
            " "
        } else {
            ""
        },
        if space(label.chars().last(), after.chars().next()) {
            " "
        } else {
            ""
        }
    )
}

/// A Latin letter or digit.
fn latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// A Chinese character (not punctuation: no space goes before “。” or “（”).
fn chinese(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Sends `message` to the part's worker (started first if need be, the objects in
/// `transfer` moved rather than copied) and gives back its answer.
pub async fn ask(part: &'static Part, message: &JsValue, transfer: Option<&js_sys::Array>) -> Result<JsValue, Failure> {
    let progress = Progress::start(part);
    let answer = ask_quietly(part, message, transfer, &progress).await;
    progress.finish();
    answer
}

/// [`ask`] for callers that want a callback: `done` gets the answer.
pub fn ask_then(
    part: &'static Part,
    message: JsValue,
    transfer: Option<js_sys::Array>,
    done: impl FnOnce(Result<JsValue, Failure>) + 'static,
) {
    leptos::task::spawn_local(async move { done(ask(part, &message, transfer.as_ref()).await) });
}

/// [`ask`] without the progress banner's start and end.
async fn ask_quietly(
    part: &'static Part,
    message: &JsValue,
    transfer: Option<&js_sys::Array>,
    progress: &Rc<Progress>,
) -> Result<JsValue, Failure> {
    let running = running(part)?;
    if let Err(reason) = within(running.ready.clone(), START_LIMIT_MS).await {
        stop(part, &running, &reason);
        return Err(Failure::Load { offline: offline() });
    }
    progress.update();
    let answer = js_sys::Promise::new(&mut |resolve, reject| running.waiting.borrow_mut().push_back((resolve, reject)));
    let posted = match transfer {
        Some(list) => running.worker.post_message_with_transfer(message, list),
        None => running.worker.post_message(message),
    };
    if posted.is_err() {
        // The message cannot be cloned: a caller's error, but one the user must hear of.
        stop(part, &running, &JsValue::from_str("post"));
        return Err(Failure::Crashed);
    }
    within(answer, part.limit_ms).await.map_err(|reason| {
        stop(part, &running, &reason);
        match reason.as_string().as_deref() {
            Some("timeout") => Failure::TimedOut,
            _ => Failure::Crashed,
        }
    })
}

/// Whether the browser says it has no network.
fn offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// The part's worker, started now when it is not running.
fn running(part: &'static Part) -> Result<Rc<Running>, Failure> {
    if let Some(running) = RUNNING.with(|list| {
        list.borrow()
            .iter()
            .find(|(name, _)| *name == part.name)
            .map(|(_, r)| r.clone())
    }) {
        return Ok(running);
    }
    let url = script_url(part)?;
    let worker = web_sys::Worker::new(&url).map_err(|_| Failure::Unsupported)?;
    let waiting: Waiting = Rc::default();
    let is_ready = Rc::new(Cell::new(false));
    let ready = js_sys::Promise::new(&mut |resolve, reject| waiting.borrow_mut().push_back((resolve, reject)));
    let on_message = {
        let waiting = waiting.clone();
        let is_ready = is_ready.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            is_ready.set(true);
            let next = waiting.borrow_mut().pop_front();
            if let Some((resolve, _)) = next {
                let _ = resolve.call1(&JsValue::NULL, &event.data());
            }
        })
    };
    let on_error = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // The page handles it: the browser need not report it as the page's error.
            event.prevent_default();
            reject_all(&waiting, &JsValue::from_str("error"));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    // The handlers live as long as the page: a part is started once, or again after it
    // failed, so this keeps a few bytes per start.
    on_message.forget();
    on_error.forget();
    let running = Rc::new(Running {
        worker,
        ready,
        is_ready,
        waiting,
    });
    RUNNING.with(|list| list.borrow_mut().push((part.name, running.clone())));
    Ok(running)
}

/// Where the part's worker script is: the loader Trunk writes beside the app.
fn script_url(part: &Part) -> Result<String, Failure> {
    // The single file (`cargo xtask dist`'s jianbao.html) carries no worker files.
    let single = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"jianbao-single-file\"]").ok().flatten())
        .is_some();
    if single {
        return Err(Failure::NotInThisBuild);
    }
    Ok(format!("./{}_loader.js", part.name))
}

/// Rejects every awaited message with `reason`.
fn reject_all(waiting: &Waiting, reason: &JsValue) {
    let all: Vec<_> = waiting.borrow_mut().drain(..).collect();
    for (_, reject) in all {
        let _ = reject.call1(&JsValue::NULL, reason);
    }
}

/// Stops a worker that failed or hangs, so that the next request starts a fresh one;
/// whoever still waits for it gets `reason`.
fn stop(part: &Part, running: &Rc<Running>, reason: &JsValue) {
    running.worker.terminate();
    reject_all(&running.waiting, reason);
    RUNNING.with(|list| {
        list.borrow_mut()
            .retain(|(name, r)| !(*name == part.name && Rc::ptr_eq(r, running)))
    });
}

/// `promise`'s outcome, or the rejection `"timeout"` after `limit_ms`.
async fn within(promise: js_sys::Promise, limit_ms: i32) -> Result<JsValue, JsValue> {
    let timer = js_sys::Promise::new(&mut |_resolve, reject: js_sys::Function| {
        let on_timeout = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), limit_ms);
        }
    });
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&promise, &timer))).await
}

/// The status banner while one request is under way.
struct Progress {
    part: &'static Part,
    /// Set when the answer came: the timer then does nothing.
    done: Cell<bool>,
    /// The text this request put in the banner, and what the banner showed before.
    shown: RefCell<Option<(String, Option<String>)>>,
}

impl Progress {
    /// Starts the timer after which the banner says what is happening.
    fn start(part: &'static Part) -> Rc<Progress> {
        let progress = Rc::new(Progress {
            part,
            done: Cell::new(false),
            shown: RefCell::new(None),
        });
        let later = progress.clone();
        let on_timeout = Closure::once_into_js(move || {
            if !later.done.get() {
                later.show();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), PROGRESS_AFTER_MS);
        }
        progress
    }

    /// The banner's text for where the request is now: loading the part, or working.
    fn text(&self) -> Option<String> {
        let lang = language();
        let loading = RUNNING.with(|list| {
            !list
                .borrow()
                .iter()
                .any(|(name, r)| *name == self.part.name && r.is_ready.get())
        });
        if loading {
            Some(fill(t(lang, Key::WorkerLoading), t(lang, self.part.label)))
        } else {
            self.part.working.map(|key| t(lang, key).to_string())
        }
    }

    /// Puts the text in the banner, remembering what it showed before.
    fn show(&self) {
        let Some(editor) = STATUS.with(Cell::get) else { return };
        let Some(text) = self.text() else { return };
        let mut shown = self.shown.borrow_mut();
        let before = match shown.take() {
            Some((ours, before)) if editor.notice.get_untracked().as_deref() == Some(ours.as_str()) => before,
            Some((_, _)) | None => editor.notice.get_untracked(),
        };
        editor.notice.set(Some(text.clone()));
        *shown = Some((text, before));
    }

    /// Once the worker runs: the banner, if shown, changes to the part's working text.
    fn update(self: &Rc<Self>) {
        if self.shown.borrow().is_some() {
            self.show();
        }
    }

    /// The answer came: the banner shows again what it showed before, unless something
    /// else replaced this request's text meanwhile.
    fn finish(&self) {
        self.done.set(true);
        let Some(editor) = STATUS.with(Cell::get) else { return };
        if let Some((ours, before)) = self.shown.borrow_mut().take() {
            if editor.notice.get_untracked().as_deref() == Some(ours.as_str()) {
                editor.notice.set(before);
            }
        }
    }
}
