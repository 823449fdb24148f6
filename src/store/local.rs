//! The localStorage edge: keys, reads with quarantine, writes with typed errors.
//!
//! Keys: `jianbao:index` (the drafts index), `jianbao:issue:<id>` (one issue),
//! `jianbao:snapshots:<id>` (its snapshots), `jianbao:lang`, and
//! `jianbao:unreadable:<time>:<key>` for records kept aside because they could not be
//! read. The first release's `jianbao:draft:current` is migrated on first start.

use super::records::{
    migrate_v1, new_record, read_draft_v1, read_index, read_issue, read_snapshots, units, Backup, Index, IssueRecord,
    ReadProblem, Snapshots, SNAPSHOT_INTERVAL_MS, VERSION,
};
use wasm_bindgen::JsCast;

/// The drafts index.
pub const INDEX_KEY: &str = "jianbao:index";
/// The first release's single draft.
pub const LEGACY_KEY: &str = "jianbao:draft:current";
/// The prefix of every issue's snapshots.
pub const SNAPSHOTS_PREFIX: &str = "jianbao:snapshots:";
/// The prefix of records kept aside.
pub const QUARANTINE_PREFIX: &str = "jianbao:unreadable:";
/// The interface language.
pub const LANG_KEY: &str = "jianbao:lang";
/// The contributor page's submission in progress (the submission file's text).
pub const CONTRIBUTION_KEY: &str = "jianbao:contribution";

/// The key of one issue.
pub fn issue_key(id: &str) -> String {
    format!("jianbao:issue:{id}")
}

/// The key of one issue's snapshots.
pub fn snapshots_key(id: &str) -> String {
    format!("{SNAPSHOTS_PREFIX}{id}")
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

/// What a refused write means.
fn write_error(e: wasm_bindgen::JsValue) -> StoreError {
    if is_quota(&e) {
        StoreError::QuotaExceeded
    } else {
        StoreError::Other(format!("{e:?}"))
    }
}

/// Writes one key.
pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    storage()?.set_item(key, value).map_err(write_error)
}

// `getItem` and `setItem` with the value left a JavaScript string: an issue record of
// hundreds of kilobytes is compared and written without being copied into wasm memory.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// localStorage, with the two methods declared to take and give JavaScript values.
    #[wasm_bindgen(js_name = Storage)]
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &RawStorage, key: &str, value: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
}

fn raw_storage() -> Result<RawStorage, StoreError> {
    Ok(storage()?.unchecked_into::<RawStorage>())
}

/// Reads one key, leaving the value in JavaScript (null when absent).
fn get_js(key: &str) -> Result<Option<js_sys::JsString>, StoreError> {
    let value = raw_storage()?
        .get_item_js(key)
        .map_err(|e| StoreError::Other(format!("{e:?}")))?;
    Ok(value.dyn_into::<js_sys::JsString>().ok())
}

/// Writes one key from a JavaScript string.
fn set_js(key: &str, value: &js_sys::JsString) -> Result<(), StoreError> {
    raw_storage()?.set_item_js(key, value).map_err(write_error)
}

/// An issue record as its JSON text, made by the browser's `JSON.stringify`: the same
/// shape serde writes (see [`IssueRecord`]), without a second copy of the Markdown in
/// wasm memory.
pub fn record_json(record: &IssueRecord) -> Result<js_sys::JsString, StoreError> {
    use wasm_bindgen::JsValue;
    let object = js_sys::Object::new();
    let number = |n: Option<f64>| n.map_or(JsValue::NULL, JsValue::from_f64);
    let fields = [
        ("format", JsValue::from_str(&record.format)),
        ("version", JsValue::from_f64(record.version.into())),
        ("id", JsValue::from_str(&record.id)),
        ("revision", JsValue::from_f64(record.revision as f64)),
        ("saved_at", JsValue::from_f64(record.saved_at)),
        ("markdown", JsValue::from_str(&record.markdown)),
        ("open_item", number(record.open_item.map(|n| n as f64))),
    ];
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &name.into(), &value);
    }
    if let Some(at) = record.snapshot_at {
        let _ = js_sys::Reflect::set(&object, &"snapshot_at".into(), &JsValue::from_f64(at));
    }
    js_sys::JSON::stringify(&object).map_err(|e| StoreError::Other(format!("{e:?}")))
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
    /// Unreadable records found after start-up (by a save), for the user to be told.
    static LATE_PROBLEMS: std::cell::RefCell<Vec<Problem>> = const { std::cell::RefCell::new(Vec::new()) };
}

thread_local! {
    /// The revisions of issues this tab has read or written, with a hash of their text.
    static KNOWN: std::cell::RefCell<std::collections::HashMap<String, (u64, u64)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

thread_local! {
    /// The raw record this tab last wrote to (or read from) each issue key, with its
    /// revision. While storage still holds exactly that text, a save knows the stored
    /// revision without parsing a record of hundreds of kilobytes again.
    static LAST_RAW: std::cell::RefCell<std::collections::HashMap<String, (u64, js_sys::JsString)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
    /// When each issue's newest snapshot was taken, as far as this tab knows: until the
    /// snapshot interval has passed, a save need not read the snapshots at all.
    static LAST_SNAPSHOT: std::cell::RefCell<std::collections::HashMap<String, f64>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The revision in `raw`, when it is the very record this tab last wrote or read at `key`
/// (compared as JavaScript strings, in JavaScript).
fn known_raw_revision(key: &str, raw: &js_sys::JsString) -> Option<u64> {
    LAST_RAW.with(|m| m.borrow().get(key).filter(|(_, r)| r == raw).map(|(rev, _)| *rev))
}

fn remember_raw(key: &str, revision: u64, raw: js_sys::JsString) {
    LAST_RAW.with(|m| m.borrow_mut().insert(key.to_string(), (revision, raw)));
}

/// A fast non-cryptographic hash of a text (FxHash over eight bytes at a time): it only
/// tells two tabs' texts apart, and runs on every save of a large issue.
fn text_hash(markdown: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = markdown.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &byte in chunks.remainder() {
        hash = (hash.rotate_left(5) ^ byte as u64).wrapping_mul(K);
    }
    hash
}

/// Remembers that this tab has read or written `revision` of an issue with this text.
pub fn note(id: &str, revision: u64, markdown: &str) {
    KNOWN.with(|k| k.borrow_mut().insert(id.to_string(), (revision, text_hash(markdown))));
}

/// Whether this tab knows `revision` of an issue with another text: two tabs saved the
/// same revision at once (localStorage has no lock across tabs) and the other one's
/// write is the one stored.
pub fn known_differs(id: &str, revision: u64, markdown: &str) -> bool {
    KNOWN.with(|k| {
        k.borrow()
            .get(id)
            .is_some_and(|&(known, hash)| known == revision && hash != text_hash(markdown))
    })
}

/// The unreadable records found since start-up (and since the last call), kept aside.
pub fn take_problems() -> Vec<Problem> {
    LATE_PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Keeps an unreadable record aside, untouched, under a `jianbao:unreadable:` key. A
/// record already kept aside (the same key and the same text, from an earlier start) is
/// not copied again: each start would otherwise add a copy until storage is full.
pub(crate) fn quarantine(key: &str, raw: &str, problem: &ReadProblem) -> Problem {
    let suffix = format!(":{key}");
    let earlier = keys().into_iter().find(|k| {
        k.starts_with(QUARANTINE_PREFIX) && k.ends_with(&suffix) && get(k).ok().flatten().as_deref() == Some(raw)
    });
    let (kept_as, copied) = match earlier {
        Some(kept_as) => (kept_as, true),
        None => {
            let kept_as = format!("{QUARANTINE_PREFIX}{}{suffix}", js_sys::Date::now() as u64);
            let copied = set(&kept_as, raw).is_ok();
            (kept_as, copied)
        }
    };
    if !copied {
        PROTECTED.with(|p| p.borrow_mut().push(key.to_string()));
    }
    Problem {
        key: key.to_string(),
        what: problem.describe(),
        kept_as: copied.then_some(kept_as),
    }
}

pub(crate) fn writable(key: &str) -> Result<(), StoreError> {
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
    let mut candidates: Vec<String> = index.current.iter().cloned().collect();
    for entry in index.live() {
        if !candidates.contains(&entry.id) {
            candidates.push(entry.id.clone());
        }
    }
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
            Ok(record) => {
                note(id, record.revision, &record.markdown);
                remember_raw(&key, record.revision, raw.as_str().into());
                if let Some(at) = record.snapshot_at {
                    LAST_SNAPSHOT.with(|m| m.borrow_mut().insert(id.to_string(), at));
                }
                Ok(Some(record))
            }
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

/// Names the draft that is open, so that reopening the editor opens it again.
pub fn set_current(id: &str) -> Result<(), StoreError> {
    let mut index = read_current_index();
    if index.entry(id).is_none() || index.current.as_deref() == Some(id) {
        return Ok(());
    }
    index.current = Some(id.to_string());
    write_index(&index)
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
    let old = get_js(&key)?;
    if let Some(stored_js) = &old {
        let stored = match known_raw_revision(&key, stored_js) {
            Some(revision) => Ok((revision, None)),
            None => {
                let raw = String::from(stored_js);
                read_issue(&raw).map(|record| (record.revision, Some(raw)))
            }
        };
        match stored {
            Ok((revision, _)) if revision > base => return Err(StoreError::Conflict(revision)),
            Ok(_) => {}
            // Something this version cannot read took the key (a newer version of the
            // editor in another tab, say): it is kept aside before being written over,
            // and never written over when it cannot be.
            Err(problem) => {
                let problem = quarantine(&key, &String::from(stored_js), &problem);
                let kept = problem.kept_as.is_some();
                LATE_PROBLEMS.with(|p| p.borrow_mut().push(problem));
                if !kept {
                    return Err(StoreError::Other(format!(
                        "{key} 中有无法读取的记录且未能另存，本次不覆盖它"
                    )));
                }
            }
        }
    }
    let now = js_sys::Date::now();
    let mut record = new_record(id, base + 1, now, markdown);
    record.open_item = open_item;
    // Snapshots are kept best effort: the issue itself is what matters. They are read
    // only when one may be due (at most every few minutes); a new one is written after
    // the record, which names its time.
    let last = LAST_SNAPSHOT.with(|m| m.borrow().get(id).copied());
    let mut due = None;
    if last.is_none_or(|at| now - at >= SNAPSHOT_INTERVAL_MS) {
        let mut snapshots = snapshots(id);
        if snapshots.due(&record.markdown, now) {
            snapshots.push(record.markdown.clone(), now);
        }
        record.snapshot_at = snapshots.list.last().map(|s| s.saved_at);
        if record.snapshot_at == Some(now) {
            due = Some(snapshots);
        }
    } else {
        record.snapshot_at = last;
    }
    let raw = record_json(&record)?;
    set_making_room(&key, &raw, old.as_ref())?;
    remember_raw(&key, record.revision, raw);
    if let Some(snapshots) = due {
        let _ = set(
            &snapshots_key(id),
            &serde_json::to_string(&snapshots).unwrap_or_default(),
        );
    }
    if let Some(at) = record.snapshot_at {
        LAST_SNAPSHOT.with(|m| m.borrow_mut().insert(id.to_string(), at));
    }
    let mut index = read_current_index();
    index.touch(id, name, now);
    index.current = Some(id.to_string());
    let _ = write_index(&index);
    note(id, record.revision, &record.markdown);
    Ok(record.revision)
}

/// Writes one key; when storage is full, drops the oldest snapshots (of any draft, but
/// never a draft's newest one) until the write fits, and tries again. `old` is the value
/// the write replaces, to know how much room is needed.
/// Fails with [`StoreError::QuotaExceeded`], nothing written, when no room can be made.
fn set_making_room(key: &str, value: &js_sys::JsString, old: Option<&js_sys::JsString>) -> Result<(), StoreError> {
    match set_js(key, value) {
        Err(StoreError::QuotaExceeded) => {}
        other => return other,
    }
    let replaced = old.map_or(0, |old| units(key) + old.length() as usize);
    let mut all: Vec<(String, Snapshots)> = keys()
        .into_iter()
        .filter(|k| k.starts_with(SNAPSHOTS_PREFIX) && writable(k).is_ok())
        .filter_map(|k| {
            let snapshots = get(&k).ok().flatten().and_then(|raw| read_snapshots(&raw).ok())?;
            Some((k, snapshots))
        })
        .collect();
    // Every snapshot but each draft's newest, oldest first, as (time, which record).
    let mut droppable: Vec<(f64, usize)> = all
        .iter()
        .enumerate()
        .flat_map(|(i, (_, s))| {
            s.list
                .iter()
                .take(s.list.len().saturating_sub(1))
                .map(move |snapshot| (snapshot.saved_at, i))
        })
        .collect();
    droppable.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut need = (units(key) + value.length() as usize).saturating_sub(replaced).max(1);
    // Dropping every one of them would not make room: keep them all.
    let could_free: usize = all
        .iter()
        .map(|(_, s)| {
            s.list
                .iter()
                .rev()
                .skip(1)
                .map(|snapshot| units(&snapshot.markdown))
                .sum::<usize>()
        })
        .sum();
    if could_free < need {
        return Err(StoreError::QuotaExceeded);
    }
    let mut droppable = droppable.into_iter();
    loop {
        let (mut freed, mut dirty) = (0, Vec::new());
        while freed < need {
            let Some((_, i)) = droppable.next() else { break };
            let dropped = all[i].1.list.remove(0);
            freed += units(&dropped.markdown);
            if !dirty.contains(&i) {
                dirty.push(i);
            }
        }
        if dirty.is_empty() {
            return Err(StoreError::QuotaExceeded);
        }
        for i in dirty {
            let (k, snapshots) = &all[i];
            let _ = set(k, &serde_json::to_string(snapshots).unwrap_or_default());
        }
        match set_js(key, value) {
            Err(StoreError::QuotaExceeded) => need *= 2,
            other => return other,
        }
    }
}

/// Remembers which item is open in a stored issue, without a new revision (the text does
/// not change, so other tabs need not reload). Written only when the stored record is
/// still the revision this tab has, so a newer save from another tab is never touched.
pub fn remember_open_item(id: &str, revision: u64, open_item: Option<usize>) -> Result<(), StoreError> {
    let key = issue_key(id);
    writable(&key)?;
    let Some(raw) = get(&key)? else { return Ok(()) };
    let Ok(mut record) = read_issue(&raw) else {
        return Ok(());
    };
    if record.revision != revision || record.open_item == open_item {
        return Ok(());
    }
    record.open_item = open_item;
    let raw = record_json(&record)?;
    set_js(&key, &raw)?;
    remember_raw(&key, record.revision, raw);
    Ok(())
}

/// Keeps the current text as a snapshot now (before a restore, an import, next issue).
pub fn snapshot_now(id: &str, markdown: String) {
    let mut snapshots = snapshots(id);
    let now = js_sys::Date::now();
    snapshots.push(markdown, now);
    LAST_SNAPSHOT.with(|m| m.borrow_mut().insert(id.to_string(), now));
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
