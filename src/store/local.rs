//! The localStorage edge: a [`Kv`] over the browser's localStorage, the one set of drafts
//! this tab keeps over it, and the calls the UI makes. Everything with a rule in it lives
//! in [`super::drafts`] and runs natively; this file only reaches the browser.
//!
//! gloo-storage is used where it fits: removing keys and counting them. Reading and
//! writing stay on web-sys's `getItem`/`setItem` (see ARCHITECTURE.md, "Storage"):
//! gloo's `get`/`set` pass every value through JSON themselves, which would store each
//! record's text quoted and escaped a second time (unreadable to every earlier version,
//! and larger), and its `raw()` panics where localStorage is disabled or its getter
//! throws, where the editor must keep working in memory.

use super::drafts::Drafts;
pub use super::drafts::{
    issue_key, snapshots_key, Problem, Startup, StoreError, INDEX_KEY, LEGACY_KEY, QUARANTINE_PREFIX, SNAPSHOTS_PREFIX,
};
use super::kv::{units, Kv, KvError};
use super::records::{Backup, Index, IssueRecord, Snapshots};
use crate::core::issue::Issue;
use gloo_storage::{LocalStorage, Storage as _};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The interface language.
pub const LANG_KEY: &str = "jianbao:lang";
/// The contributor page's submission in progress (the submission file's text).
pub const CONTRIBUTION_KEY: &str = "jianbao:contribution";

/// The browser's localStorage as a [`Kv`].
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalKv;

fn storage() -> Result<web_sys::Storage, KvError> {
    let window = web_sys::window().ok_or(KvError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(KvError::Unavailable),
    }
}

/// Whether a thrown value is a quota error, in any browser's shape: the standard
/// `QuotaExceededError`, Firefox's `NS_ERROR_DOM_QUOTA_REACHED` (code 1014), old
/// WebKit's code 22.
pub fn is_quota(error: &wasm_bindgen::JsValue) -> bool {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let code = js_sys::Reflect::get(error, &"code".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32;
    let dom = error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| (e.name(), e.code() as u32));
    let (name, code) = dom.unwrap_or((name, code));
    matches!(name.as_str(), "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") || matches!(code, 22 | 1014)
}

impl Kv for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        storage()?.get_item(key).map_err(|e| KvError::Other(format!("{e:?}")))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        storage()?.set_item(key, value).map_err(|e| {
            if is_quota(&e) {
                KvError::QuotaExceeded
            } else {
                KvError::Other(format!("{e:?}"))
            }
        })
    }

    fn remove(&self, key: &str) -> Result<(), KvError> {
        // Checked first: gloo's calls panic when there is no storage.
        storage()?;
        LocalStorage::delete(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, KvError> {
        let storage = storage()?;
        let count = LocalStorage::length();
        Ok((0..count).filter_map(|i| storage.key(i).ok().flatten()).collect())
    }
}

/// A fresh draft id.
pub fn new_id() -> String {
    let time = js_sys::Date::now() as u64;
    let noise = (js_sys::Math::random() * 1_000_000.0) as u64;
    format!("d{time:x}{noise:05x}")
}

thread_local! {
    /// The drafts over localStorage, with what this tab remembers of them.
    static DRAFTS: RefCell<Drafts<LocalKv>> = RefCell::new(Drafts::new(LocalKv, js_sys::Date::now, new_id));
}

fn with<T>(f: impl FnOnce(&mut Drafts<LocalKv>) -> T) -> T {
    DRAFTS.with(|drafts| f(&mut drafts.borrow_mut()))
}

/// Writes one key.
pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    Ok(LocalKv.set(key, value)?)
}

/// Reads one key.
pub fn get(key: &str) -> Result<Option<String>, StoreError> {
    Ok(LocalKv.get(key)?)
}

/// Keeps an unreadable record aside, untouched (see [`Drafts::quarantine`]); for the
/// store's other records (the archive).
pub fn quarantine(key: &str, raw: &str, problem: &super::records::ReadProblem) -> Problem {
    with(|d| d.quarantine(key, raw, problem))
}

/// Whether `key` may be written (see [`Drafts::writable`]).
pub fn writable(key: &str) -> Result<(), StoreError> {
    with(|d| d.writable(key))
}

/// The unreadable records found since start-up (and since the last call), kept aside.
pub fn take_problems() -> Vec<Problem> {
    with(|d| d.take_problems())
}

/// Remembers that this tab has read `revision` of an issue (the text is in storage).
pub fn note(id: &str, revision: u64, _markdown: &str) {
    with(|d| d.note(id, revision));
}

/// Whether storage holds `revision` of an issue with another text than this tab wrote or
/// read as that revision: two tabs saved the same revision at once and the other one's
/// write is the one stored. (The text is compared part by part, in storage.)
pub fn known_differs(id: &str, revision: u64, _markdown: &str) -> bool {
    with(|d| d.known_differs(id, revision))
}

/// Reads the index, migrating earlier versions and recovering issues that the index does
/// not list; opens the current draft.
pub fn start() -> Result<Startup, StoreError> {
    with(|d| d.start())
}

/// Loads one issue record; an unreadable one is kept aside and reported.
pub fn load(id: &str) -> Result<Option<IssueRecord>, Problem> {
    with(|d| d.load(id))
}

/// Loads one issue as a record and as the issue, with the item ids it was saved with.
pub fn load_issue(id: &str) -> Result<Option<(IssueRecord, Issue)>, Problem> {
    with(|d| d.load_issue(id))
}

/// Reads what is stored for an issue now (another tab's save), remembering nothing.
pub fn peek(id: &str) -> Option<IssueRecord> {
    with(|d| d.peek(id))
}

/// The last saved Markdown of an issue, read with a set of drafts of its own: the panic
/// panel reads it while the tab's own set may be in the middle of a call.
pub fn last_saved(id: &str) -> Option<String> {
    Drafts::new(LocalKv, js_sys::Date::now, new_id)
        .peek(id)
        .map(|record| record.markdown)
}

/// Writes the index (merging nothing: callers read, change and write it at once).
pub fn write_index(index: &Index) -> Result<(), StoreError> {
    with(|d| d.write_index(index))
}

/// Names the draft that is open, so that reopening the editor opens it again.
pub fn set_current(id: &str) -> Result<(), StoreError> {
    with(|d| d.set_current(id))
}

/// Reads the index as stored now (another tab may have changed it).
pub fn read_current_index() -> Index {
    with(|d| d.read_current_index())
}

/// Saves one issue given as Markdown. Fails with [`StoreError::Conflict`] when the
/// stored revision is newer than `base` (another tab saved since). Returns the new
/// revision.
pub fn save(id: &str, name: &str, markdown: String, base: u64, open_item: Option<usize>) -> Result<u64, StoreError> {
    with(|d| d.save(id, name, markdown, base, open_item))
}

/// Saves one issue, writing only the parts that changed since this tab last saved or
/// loaded it. Fails with [`StoreError::Conflict`] when another tab saved since.
pub fn save_issue(id: &str, name: &str, issue: &Issue, base: u64, open_item: Option<usize>) -> Result<u64, StoreError> {
    with(|d| d.save_issue(id, name, issue, base, open_item))
}

/// Remembers which item is open in a stored issue, without a new revision.
pub fn remember_open_item(id: &str, revision: u64, open_item: Option<usize>) -> Result<(), StoreError> {
    with(|d| d.remember_open_item(id, revision, open_item))
}

/// Keeps the current text as a snapshot now (before a restore, an import, next issue).
pub fn snapshot_now(id: &str, markdown: String) {
    with(|d| d.snapshot_now(id, markdown))
}

/// An issue's snapshots (none when unreadable).
pub fn snapshots(id: &str) -> Snapshots {
    with(|d| d.snapshots(id))
}

/// Removes an issue's records for good (after its trash time).
pub fn forget(id: &str) {
    with(|d| d.forget(id))
}

/// Every draft with its record, for a backup file.
pub fn backup() -> Backup {
    with(|d| d.backup())
}

/// How much of localStorage this origin uses, in UTF-16 code units (keys and values).
pub fn used_units() -> usize {
    with(|d| d.used_units())
}

thread_local! {
    /// The budget, once measured: it does not change while the page is open.
    static BUDGET: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// The origin's localStorage budget in UTF-16 code units, measured once per page (see
/// [`measure_budget_now`]): measuring fills storage to the brim for a moment, when a save
/// in another tab would fail.
pub fn measure_budget() -> Option<usize> {
    if let Some(budget) = BUDGET.with(std::cell::Cell::get) {
        return Some(budget);
    }
    let budget = measure_budget_now()?;
    BUDGET.with(|b| b.set(Some(budget)));
    Some(budget)
}

/// Measures the origin's localStorage budget by writing ever larger probe values and
/// removing them again; the answer is in UTF-16 code units (used plus what fits).
pub fn measure_budget_now() -> Option<usize> {
    const PROBE: &str = "jianbao:probe";
    let used = used_units();
    let storage = storage().ok()?;
    let fits = |n: usize| -> bool {
        let ok = storage.set_item(PROBE, &"x".repeat(n)).is_ok();
        let _ = storage.remove_item(PROBE);
        ok
    };
    let (mut low, mut high) = (0usize, 1usize << 20);
    while fits(high) {
        low = high;
        high *= 2;
        if high > 1 << 30 {
            return Some(used + low);
        }
    }
    while high - low > 4096 {
        let mid = low + (high - low) / 2;
        if fits(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(used + low + units(PROBE))
}

/// The interface language saved last, if any.
pub fn load_lang() -> Option<String> {
    get(LANG_KEY).ok().flatten()
}

/// Remembers the interface language (best effort).
pub fn save_lang(lang: &str) {
    let _ = set(LANG_KEY, lang);
}
