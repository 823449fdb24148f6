//! The localStorage edge: keys, reads with quarantine, writes with typed errors.
//!
//! Keys: `jianbao:index` (the drafts index), `jianbao:issue:<id>` (one issue),
//! `jianbao:snapshots:<id>` (its snapshots), `jianbao:lang`, and
//! `jianbao:unreadable:<time>:<key>` for records kept aside because they could not be
//! read. The first release's `jianbao:draft:current` is migrated on first start.

use super::records::{
    migrate_v1, new_record, read_draft_v1, read_index, read_issue, read_snapshots, units, Backup, Index, IssueRecord,
    ReadProblem, Snapshots, VERSION,
};
use wasm_bindgen::JsCast;

/// The drafts index.
pub const INDEX_KEY: &str = "jianbao:index";
/// The first release's single draft.
pub const LEGACY_KEY: &str = "jianbao:draft:current";
/// The prefix of records kept aside.
pub const QUARANTINE_PREFIX: &str = "jianbao:unreadable:";
/// The interface language.
pub const LANG_KEY: &str = "jianbao:lang";

/// The key of one issue.
pub fn issue_key(id: &str) -> String {
    format!("jianbao:issue:{id}")
}

/// The key of one issue's snapshots.
pub fn snapshots_key(id: &str) -> String {
    format!("jianbao:snapshots:{id}")
}

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// localStorage is missing, disabled, or its getter throws.
    Unavailable,
    /// The browser refused the write because the quota is full.
    QuotaExceeded,
    /// Another tab saved this issue since this tab loaded it.
    Conflict(u64),
    /// Any other failure, with the browser's words.
    Other(String),
}

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(StoreError::Unavailable),
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

/// Writes one key.
pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    storage()?.set_item(key, value).map_err(|e| {
        if is_quota(&e) {
            StoreError::QuotaExceeded
        } else {
            StoreError::Other(format!("{e:?}"))
        }
    })
}

/// Reads one key.
pub fn get(key: &str) -> Result<Option<String>, StoreError> {
    storage()?
        .get_item(key)
        .map_err(|e| StoreError::Other(format!("{e:?}")))
}

fn remove(key: &str) {
    if let Ok(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every key in storage.
fn keys() -> Vec<String> {
    let Ok(storage) = storage() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// A record that could not be read, kept aside untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The key it was read from.
    pub key: String,
    /// What is wrong, in words.
    pub what: String,
    /// Where the untouched copy is (None when the copy could not be made: the original
    /// key is then never written to in this session).
    pub kept_as: Option<String>,
}

thread_local! {
    /// Keys that hold an unreadable record that could not be copied aside: never written.
    static PROTECTED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn quarantine(key: &str, raw: &str, problem: &ReadProblem) -> Problem {
    let kept_as = format!("{QUARANTINE_PREFIX}{}:{key}", js_sys::Date::now() as u64);
    let copied = set(&kept_as, raw).is_ok();
    if !copied {
        PROTECTED.with(|p| p.borrow_mut().push(key.to_string()));
    }
    Problem {
        key: key.to_string(),
        what: problem.describe(),
        kept_as: copied.then_some(kept_as),
    }
}

fn writable(key: &str) -> Result<(), StoreError> {
    if PROTECTED.with(|p| p.borrow().iter().any(|k| k == key)) {
        Err(StoreError::Other(format!(
            "{key} 中有无法读取的记录且未能另存，本次不覆盖它"
        )))
    } else {
        Ok(())
    }
}

/// What start-up found in storage.
pub struct Startup {
    /// The drafts index (rebuilt from the issue keys when it was missing or unreadable).
    pub index: Index,
    /// The draft to open, if any.
    pub current: Option<IssueRecord>,
    /// Records that could not be read.
    pub problems: Vec<Problem>,
}

/// A fresh draft id.
pub fn new_id() -> String {
    let time = js_sys::Date::now() as u64;
    let noise = (js_sys::Math::random() * 1_000_000.0) as u64;
    format!("d{time:x}{noise:05x}")
}

/// Reads the index, migrating the first release's draft and recovering issues that the
/// index does not list; opens the current draft.
pub fn start() -> Result<Startup, StoreError> {
    storage()?;
    let mut problems = Vec::new();
    let mut index = match get(INDEX_KEY)? {
        Some(raw) => match read_index(&raw) {
            Ok(index) => index,
            Err(problem) => {
                problems.push(quarantine(INDEX_KEY, &raw, &problem));
                Index::new()
            }
        },
        None => Index::new(),
    };
    if let Some(raw) = get(LEGACY_KEY)? {
        match read_draft_v1(&raw) {
            Ok(draft) => {
                let id = new_id();
                let (migrated, record) = migrate_v1(draft, &id, "迁移的草稿");
                if set(&issue_key(&id), &serde_json::to_string(&record).unwrap_or_default()).is_ok() {
                    index.entries.extend(migrated.entries);
                    index.current = Some(id);
                    remove(LEGACY_KEY);
                }
            }
            Err(problem) => problems.push(quarantine(LEGACY_KEY, &raw, &problem)),
        }
    }
    // Recover issues the index does not list (after a lost or corrupt index).
    for key in keys() {
        if let Some(id) = key.strip_prefix("jianbao:issue:") {
            if index.entry(id).is_none() {
                index.touch(id, "恢复的草稿", js_sys::Date::now());
            }
        }
    }
    for id in index.purge(js_sys::Date::now()) {
        remove(&issue_key(&id));
        remove(&snapshots_key(&id));
    }
    let candidates: Vec<String> = index
        .current
        .iter()
        .cloned()
        .chain(index.live().iter().map(|e| e.id.clone()))
        .collect();
    let mut current = None;
    for id in candidates {
        match load(&id) {
            Ok(Some(record)) => {
                current = Some(record);
                break;
            }
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }
    index.current = current.as_ref().map(|r| r.id.clone());
    let _ = write_index(&index);
    Ok(Startup {
        index,
        current,
        problems,
    })
}

/// Loads one issue record; an unreadable one is kept aside and reported.
pub fn load(id: &str) -> Result<Option<IssueRecord>, Problem> {
    let key = issue_key(id);
    match get(&key) {
        Ok(Some(raw)) => match read_issue(&raw) {
            Ok(record) => Ok(Some(record)),
            Err(problem) => Err(quarantine(&key, &raw, &problem)),
        },
        _ => Ok(None),
    }
}

/// Writes the index (merging nothing: callers read, change and write it at once).
pub fn write_index(index: &Index) -> Result<(), StoreError> {
    writable(INDEX_KEY)?;
    set(
        INDEX_KEY,
        &serde_json::to_string(index).map_err(|e| StoreError::Other(e.to_string()))?,
    )
}

/// Reads the index as stored now (another tab may have changed it).
pub fn read_current_index() -> Index {
    get(INDEX_KEY)
        .ok()
        .flatten()
        .and_then(|raw| read_index(&raw).ok())
        .unwrap_or_default()
}

/// Saves one issue. Fails with [`StoreError::Conflict`] when the stored revision is newer
/// than `base` (another tab saved since), so a stale tab never overwrites a newer save.
/// Returns the new revision.
pub fn save(id: &str, name: &str, markdown: String, base: u64, open_item: Option<usize>) -> Result<u64, StoreError> {
    let key = issue_key(id);
    writable(&key)?;
    if let Some(raw) = get(&key)? {
        if let Ok(stored) = read_issue(&raw) {
            if stored.revision > base {
                return Err(StoreError::Conflict(stored.revision));
            }
        }
    }
    let now = js_sys::Date::now();
    let mut record = new_record(id, base + 1, now, markdown);
    record.open_item = open_item;
    set(
        &key,
        &serde_json::to_string(&record).map_err(|e| StoreError::Other(e.to_string()))?,
    )?;
    // Snapshots and the index are kept best effort: the issue itself is what matters.
    let mut snapshots = snapshots(id);
    if snapshots.due(&record.markdown, now) {
        snapshots.push(record.markdown.clone(), now);
        let _ = set(
            &snapshots_key(id),
            &serde_json::to_string(&snapshots).unwrap_or_default(),
        );
    }
    let mut index = read_current_index();
    index.touch(id, name, now);
    index.current = Some(id.to_string());
    let _ = write_index(&index);
    Ok(record.revision)
}

/// Keeps the current text as a snapshot now (before a restore, an import, next issue).
pub fn snapshot_now(id: &str, markdown: String) {
    let mut snapshots = snapshots(id);
    snapshots.push(markdown, js_sys::Date::now());
    let _ = set(
        &snapshots_key(id),
        &serde_json::to_string(&snapshots).unwrap_or_default(),
    );
}

/// An issue's snapshots (none when unreadable).
pub fn snapshots(id: &str) -> Snapshots {
    get(&snapshots_key(id))
        .ok()
        .flatten()
        .and_then(|raw| read_snapshots(&raw).ok())
        .unwrap_or_default()
}

/// Removes an issue's records for good (after its trash time).
pub fn forget(id: &str) {
    remove(&issue_key(id));
    remove(&snapshots_key(id));
}

/// Every draft with its record, for a backup file.
pub fn backup() -> Backup {
    let index = read_current_index();
    let drafts = index
        .entries
        .iter()
        .filter_map(|entry| load(&entry.id).ok().flatten().map(|record| (entry.clone(), record)))
        .collect();
    Backup {
        format: "jianbao-backup".into(),
        version: VERSION,
        exported_at: js_sys::Date::now(),
        drafts,
    }
}

/// How much of localStorage this origin uses, in UTF-16 code units (keys and values).
pub fn used_units() -> usize {
    let Ok(storage) = storage() else { return 0 };
    keys()
        .iter()
        .map(|k| units(k) + storage.get_item(k).ok().flatten().map_or(0, |v| units(&v)))
        .sum()
}

/// Measures the origin's localStorage budget by writing ever larger probe values and
/// removing them again; the answer is in UTF-16 code units (used plus what fits).
pub fn measure_budget() -> Option<usize> {
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
