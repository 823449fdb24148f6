//! The localStorage edge: drafts and preferences.
//!
//! Architecture invariant: nothing else writes to storage, and nothing here knows about
//! the UI. Every call is fallible and returns a typed error; a failed write never
//! touches the previous stored copy.

pub mod records;

use crate::core::format::{export, import};
use crate::core::Issue;
use records::{read_draft, DraftV1, ReadProblem, DRAFT_VERSION};

/// The key of the current draft.
pub const DRAFT_KEY: &str = "jianbao:draft:current";
/// The prefix of drafts kept aside because they could not be read.
pub const QUARANTINE_PREFIX: &str = "jianbao:unreadable:";
/// The key of the interface language.
pub const LANG_KEY: &str = "jianbao:lang";

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// localStorage is missing, disabled, or its getter throws.
    Unavailable,
    /// The browser refused the write because the quota is full.
    QuotaExceeded,
    /// Any other failure, with the browser's words.
    Other(String),
}

/// The browser's localStorage, if it can be had.
fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(StoreError::Unavailable),
    }
}

/// Whether a thrown value is a quota error, in any browser's shape.
fn is_quota(error: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => {
            matches!(e.name().as_str(), "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
                || matches!(e.code(), 22 | 1014)
        }
        None => false,
    }
}

fn set(key: &str, value: &str) -> Result<(), StoreError> {
    storage()?.set_item(key, value).map_err(|e| {
        if is_quota(&e) {
            StoreError::QuotaExceeded
        } else {
            StoreError::Other(format!("{e:?}"))
        }
    })
}

fn get(key: &str) -> Result<Option<String>, StoreError> {
    storage()?
        .get_item(key)
        .map_err(|e| StoreError::Other(format!("{e:?}")))
}

/// What loading the draft found.
pub enum Loaded {
    /// No draft stored.
    Nothing,
    /// A draft, with its revision.
    Draft(Issue, u64),
    /// A draft that could not be read; it was kept aside under the given key.
    Unreadable { problem: String, kept_as: String },
    /// Storage cannot be used at all.
    Unavailable,
}

/// Loads the current draft.
pub fn load_draft() -> Loaded {
    let raw = match get(DRAFT_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Nothing,
        Err(_) => return Loaded::Unavailable,
    };
    match read_draft(&raw) {
        Ok(draft) => Loaded::Draft(import(&draft.markdown).0, draft.revision),
        Err(problem) => {
            let problem = match problem {
                ReadProblem::Corrupt(why) => format!("草稿已损坏（{why}）"),
                ReadProblem::Newer(v) => format!("草稿来自更新版本的简报编辑器（格式版本 {v}）"),
            };
            let kept_as = format!("{QUARANTINE_PREFIX}{}", js_sys::Date::now() as u64);
            // The unreadable record is copied aside and the original left in place until
            // a good save replaces it; neither copy is ever edited.
            let _ = set(&kept_as, &raw);
            Loaded::Unreadable { problem, kept_as }
        }
    }
}

/// Saves the draft; returns the new revision.
pub fn save_draft(issue: &Issue, revision: u64) -> Result<u64, StoreError> {
    let draft = DraftV1 {
        format: "jianbao-draft".into(),
        version: DRAFT_VERSION,
        saved_at: js_sys::Date::now(),
        revision: revision + 1,
        markdown: export(issue),
    };
    let json = serde_json::to_string(&draft).map_err(|e| StoreError::Other(e.to_string()))?;
    set(DRAFT_KEY, &json)?;
    Ok(draft.revision)
}

/// The saved interface language, if any.
pub fn load_lang() -> Option<String> {
    get(LANG_KEY).ok().flatten()
}

/// Remembers the interface language (best effort).
pub fn save_lang(lang: &str) {
    let _ = set(LANG_KEY, lang);
}

/// Keeps a copy of an issue as its own draft (before "next issue" replaces it).
pub fn archive(issue: &Issue) {
    let key = format!("jianbao:draft:archived:{}", js_sys::Date::now() as u64);
    let _ = set(&key, &export(issue));
}
