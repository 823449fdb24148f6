//! The drafts kept in a key-value storage: saving, loading, quarantine of unreadable
//! records, quota eviction of snapshots, the trash, and the migrations from earlier
//! versions. It runs over any [`Kv`], so all of it is tested natively over
//! [`super::kv::MemoryKv`]; `store::local` runs it over localStorage.
//!
//! Keys: `jianbao:index` (the drafts index), `jianbao:issue:<id>` (an issue's head, or a
//! version 2 whole record), `jianbao:part:<id>:<name>` (its parts, see [`super::parts`]),
//! `jianbao:snapshots:<id>` (its snapshots), and `jianbao:unreadable:<time>:<key>` for
//! records kept aside because they could not be read. The first release's
//! `jianbao:draft:current` is migrated on start.
//!
//! A save writes only the parts that changed, then the head, then removes the parts no
//! head names any more. A load checks every part the head names against the hash in its
//! name; when one is missing or damaged it opens the previous complete version instead,
//! never half an issue.

use super::kv::{units, Kv, KvError};
use super::parts::{
    assemble, item_part, part_key, part_matches, part_prefix, part_revision, read_head, read_item, read_rest,
    rest_part, rest_value, restore_ids, Generation, Head, PartSet, RestPart, HEAD_FORMAT, PARTS_VERSION, PART_PREFIX,
};
use super::records::{
    migrate_v1, new_record, read_draft_v1, read_index, read_snapshots, read_stored_issue, Backup, Index, IssueRecord,
    ReadProblem, Snapshots, StoredIssue, SNAPSHOT_INTERVAL_MS, VERSION,
};
use crate::core::format::{export, import};
use crate::core::issue::{Id, Issue, Item};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The drafts index.
pub const INDEX_KEY: &str = "jianbao:index";
/// The first release's single draft.
pub const LEGACY_KEY: &str = "jianbao:draft:current";
/// The prefix of every issue's head.
pub const ISSUE_PREFIX: &str = "jianbao:issue:";
/// The prefix of every issue's snapshots.
pub const SNAPSHOTS_PREFIX: &str = "jianbao:snapshots:";
/// The prefix of records kept aside.
pub const QUARANTINE_PREFIX: &str = "jianbao:unreadable:";

/// The key of one issue (its head).
pub fn issue_key(id: &str) -> String {
    format!("{ISSUE_PREFIX}{id}")
}

/// The key of one issue's snapshots.
pub fn snapshots_key(id: &str) -> String {
    format!("{SNAPSHOTS_PREFIX}{id}")
}

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The storage is missing, disabled, or its getter throws.
    Unavailable,
    /// The storage refused the write because the quota is full.
    QuotaExceeded,
    /// Another tab saved this issue since this tab loaded it: the stored revision.
    Conflict(u64),
    /// Any other failure, in words.
    Other(String),
}

impl From<KvError> for StoreError {
    fn from(error: KvError) -> StoreError {
        match error {
            KvError::Unavailable => StoreError::Unavailable,
            KvError::QuotaExceeded => StoreError::QuotaExceeded,
            KvError::Other(why) => StoreError::Other(why),
        }
    }
}

/// A record that could not be read, kept aside untouched.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The key it was read from.
    pub key: String,
    /// What is wrong, in words.
    pub what: String,
    /// Where the untouched copy is (None when there was nothing to copy or the copy could
    /// not be made: the original key is then never written to in this session).
    pub kept_as: Option<String>,
}

/// Where the first tab on a storage that holds no draft at all (none open, none in the
/// trash) writes the fresh id it gives the issue it starts with. Every tab opened before
/// the first save reads it and starts on the same draft, so the second one's save merges
/// the first one's words (see `ui::tabs`) instead of starting a second draft beside it.
/// The id stays random, so that two browsers' first drafts never share one (a backup
/// from one imported into the other would take them for the same draft). The next
/// start-up after a draft is stored removes the key.
pub const FIRST_DRAFT_KEY: &str = "jianbao:first-draft";

/// What start-up found in storage.
pub struct Startup {
    /// The drafts index (rebuilt from the issue keys when it was missing or unreadable).
    pub index: Index,
    /// The draft to open, if any.
    pub current: Option<IssueRecord>,
    /// The same draft as an issue, its items keeping the ids they were saved with.
    pub issue: Option<Issue>,
    /// Records that could not be read.
    pub problems: Vec<Problem>,
    /// The id for the issue this tab starts with when there is no draft to open (see
    /// [`FIRST_DRAFT_KEY`]).
    pub new_id: String,
}

/// What this tab last wrote or read at an issue's key.
struct Known {
    /// The head's text as stored: while storage holds exactly this, a save knows the
    /// stored revision and parts without parsing.
    raw: String,
    /// The head.
    head: Rc<Head>,
    /// The last version whose every part was checked or written: the previous
    /// generation of the next save.
    good: Rc<Generation>,
    /// The names of `good`'s parts, which are in storage.
    present: Rc<HashSet<String>>,
}

impl Known {
    fn new(raw: String, head: Head, good: Generation) -> Known {
        let present = good.parts.names().map(str::to_string).collect();
        Known {
            raw,
            head: Rc::new(head),
            good: Rc::new(good),
            present: Rc::new(present),
        }
    }
}

/// The items and rest this tab already cut into parts, to find what changed without
/// writing out the whole issue.
#[derive(Default)]
struct Memo {
    /// Each item as last saved or loaded, with its part's name.
    items: HashMap<Id, (Item, String)>,
    /// The rest as last saved or loaded, with its part's name.
    rest: Option<(RestPart, String)>,
}

/// One version read back from its parts.
struct Read {
    markdown: String,
    rest: RestPart,
    parts: PartSet,
}

/// The drafts over one key-value storage, with what this tab remembers of them.
pub struct Drafts<K: Kv> {
    kv: K,
    clock: Box<dyn Fn() -> f64>,
    new_id: Box<dyn FnMut() -> String>,
    /// Keys that hold an unreadable record that could not be copied aside: never written.
    protected: Vec<String>,
    /// Problems found after start-up, for the user to be told.
    late: Vec<Problem>,
    known: HashMap<String, Known>,
    memo: HashMap<String, Memo>,
    /// When each issue's newest snapshot was taken, as far as this tab knows.
    last_snapshot: HashMap<String, f64>,
    /// Parts a failed save wrote and could not remove: removed by the next save.
    orphans: HashMap<String, Vec<String>>,
}

/// Whether `kv` holds `key`.
fn keys_hold<K: Kv>(kv: &K, key: &str) -> bool {
    kv.get(key).ok().flatten().is_some()
}

impl<K: Kv> Drafts<K> {
    /// The drafts in `kv`; `clock` gives the time in milliseconds since the epoch and
    /// `new_id` fresh draft ids.
    pub fn new(kv: K, clock: impl Fn() -> f64 + 'static, new_id: impl FnMut() -> String + 'static) -> Drafts<K> {
        Drafts {
            kv,
            clock: Box::new(clock),
            new_id: Box::new(new_id),
            protected: Vec::new(),
            late: Vec::new(),
            known: HashMap::new(),
            memo: HashMap::new(),
            last_snapshot: HashMap::new(),
            orphans: HashMap::new(),
        }
    }

    /// The storage.
    pub fn kv(&self) -> &K {
        &self.kv
    }

    fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Reads one key.
    pub fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.kv.get(key)?)
    }

    /// Writes one key.
    pub fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        Ok(self.kv.set(key, value)?)
    }

    fn keys(&self) -> Vec<String> {
        self.kv.keys().unwrap_or_default()
    }

    fn remove(&self, key: &str) {
        let _ = self.kv.remove(key);
    }

    /// The unreadable records found since start-up (and since the last call).
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.late)
    }

    /// Keeps an unreadable record aside, untouched, under a `jianbao:unreadable:` key. A
    /// record already kept aside (the same key and the same text, from an earlier start)
    /// is not copied again: each start would otherwise add a copy until storage is full.
    pub fn quarantine(&mut self, key: &str, raw: &str, problem: &ReadProblem) -> Problem {
        let suffix = format!(":{key}");
        let earlier = self.keys().into_iter().find(|k| {
            k.starts_with(QUARANTINE_PREFIX)
                && k.ends_with(&suffix)
                && self.kv.get(k).ok().flatten().as_deref() == Some(raw)
        });
        let (kept_as, copied) = match earlier {
            Some(kept_as) => (kept_as, true),
            None => {
                let kept_as = format!("{QUARANTINE_PREFIX}{}{suffix}", self.now() as u64);
                let copied = self.kv.set(&kept_as, raw).is_ok();
                (kept_as, copied)
            }
        };
        if !copied {
            self.protected.push(key.to_string());
        }
        Problem {
            key: key.to_string(),
            what: problem.describe(),
            kept_as: copied.then_some(kept_as),
        }
    }

    /// Whether `key` may be written: not when it holds an unreadable record that could
    /// not be kept aside.
    pub fn writable(&self, key: &str) -> Result<(), StoreError> {
        if self.protected.iter().any(|k| k == key) {
            Err(StoreError::Other(format!(
                "{key} 中有无法读取的记录且未能另存，本次不覆盖它"
            )))
        } else {
            Ok(())
        }
    }

    /// Reads the index, migrating the first release's draft, recovering issues that the
    /// index does not list and removing parts that no head names (left by a save that
    /// stopped midway); opens the current draft.
    pub fn start(&mut self) -> Result<Startup, StoreError> {
        let keys = self.kv.keys()?;
        let mut problems = Vec::new();
        let mut index = match self.kv.get(INDEX_KEY)? {
            Some(raw) => match read_index(&raw) {
                Ok(index) => index,
                Err(problem) => {
                    problems.push(self.quarantine(INDEX_KEY, &raw, &problem));
                    Index::new()
                }
            },
            None => Index::new(),
        };
        if let Some(raw) = self.kv.get(LEGACY_KEY)? {
            match read_draft_v1(&raw) {
                Ok(draft) => {
                    let id = (self.new_id)();
                    let (migrated, record) = migrate_v1(draft, &id, "迁移的草稿");
                    let json = serde_json::to_string(&record).unwrap_or_default();
                    if self.kv.set(&issue_key(&id), &json).is_ok() {
                        index.entries.extend(migrated.entries);
                        index.current = Some(id);
                        self.remove(LEGACY_KEY);
                    }
                }
                Err(problem) => problems.push(self.quarantine(LEGACY_KEY, &raw, &problem)),
            }
        }
        let now = self.now();
        // Recover issues the index does not list (after a lost or corrupt index).
        for key in self.keys() {
            if let Some(id) = key.strip_prefix(ISSUE_PREFIX) {
                if index.entry(id).is_none() {
                    index.touch(id, "恢复的草稿", now);
                }
            }
        }
        for id in index.purge(now) {
            self.forget(&id);
        }
        self.sweep_parts(&keys);
        let mut candidates: Vec<String> = index.current.iter().cloned().collect();
        for entry in index.live() {
            if !candidates.contains(&entry.id) {
                candidates.push(entry.id.clone());
            }
        }
        let (mut current, mut issue) = (None, None);
        for id in candidates {
            match self.load_issue(&id) {
                Ok(Some((record, loaded))) => {
                    current = Some(record);
                    issue = Some(loaded);
                    break;
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        problems.append(&mut self.late);
        index.current = current.as_ref().map(|r| r.id.clone());
        let _ = self.write_index(&index);
        let new_id = self.id_for_new(&index);
        Ok(Startup {
            index,
            current,
            issue,
            problems,
            new_id,
        })
    }

    /// The id for a tab's first issue when there is no draft to open: the one an earlier
    /// tab wrote under [`FIRST_DRAFT_KEY`] while storage holds no draft at all, else a
    /// fresh one (written there for later tabs when storage holds no draft).
    fn id_for_new(&mut self, index: &Index) -> String {
        if !index.entries.is_empty() {
            if keys_hold(&self.kv, FIRST_DRAFT_KEY) {
                self.remove(FIRST_DRAFT_KEY);
            }
            return (self.new_id)();
        }
        let shared = self.kv.get(FIRST_DRAFT_KEY).ok().flatten().filter(|id| {
            !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if let Some(id) = shared {
            return id;
        }
        let id = (self.new_id)();
        let _ = self.kv.set(FIRST_DRAFT_KEY, &id);
        id
    }

    /// Removes the parts a stopped save left: those no head names, in either of its
    /// versions, and older than its revision (see [`super::parts`]: a save in progress in
    /// another tab writes only newer ones). Drafts whose key holds no readable head keep
    /// every part.
    fn sweep_parts(&mut self, keys: &[String]) {
        let mut named: HashMap<String, Option<(u64, HashSet<String>)>> = HashMap::new();
        for key in keys.iter().filter(|k| k.starts_with(PART_PREFIX)) {
            let Some((draft, _)) = key[PART_PREFIX.len()..].split_once(':') else {
                continue;
            };
            if named.contains_key(draft) {
                continue;
            }
            let head = self
                .kv
                .get(&issue_key(draft))
                .ok()
                .flatten()
                .and_then(|raw| read_head(&raw).ok());
            let names = head.map(|head| {
                let previous = head.previous.iter().flat_map(|g| g.parts.names());
                let names = head.parts.names().chain(previous).map(str::to_string).collect();
                (head.revision, names)
            });
            named.insert(draft.to_string(), names);
        }
        for key in keys.iter().filter(|k| k.starts_with(PART_PREFIX)) {
            let Some((draft, name)) = key[PART_PREFIX.len()..].split_once(':') else {
                continue;
            };
            let stale = named
                .get(draft)
                .and_then(Option::as_ref)
                .is_some_and(|(revision, names)| {
                    !names.contains(name) && part_revision(name).is_some_and(|r| r < *revision)
                });
            if stale {
                self.remove(key);
            }
        }
    }

    /// Loads one issue as one record (its parts put back together); an unreadable one is
    /// kept aside and reported. A version 2 record is migrated to parts on the way.
    pub fn load(&mut self, id: &str) -> Result<Option<IssueRecord>, Problem> {
        Ok(self.load_issue(id)?.map(|(record, _)| record))
    }

    /// Loads one issue as a record and as the issue itself, its items keeping the ids
    /// (and so the parts) they were saved with; the next save writes only what changes.
    pub fn load_issue(&mut self, id: &str) -> Result<Option<(IssueRecord, Issue)>, Problem> {
        let key = issue_key(id);
        let Ok(Some(raw)) = self.kv.get(&key) else {
            return Ok(None);
        };
        match read_stored_issue(&raw) {
            Err(problem) => Err(self.quarantine(&key, &raw, &problem)),
            Ok(StoredIssue::Whole(record)) => {
                let issue = import(&record.markdown).0;
                self.migrate(id, &record, &issue, &raw);
                Ok(Some((record, issue)))
            }
            Ok(StoredIssue::Head(head)) => {
                let Some((read, fell_back)) = self.read_head_parts(id, &head, &raw)? else {
                    return Ok(None);
                };
                let mut issue = import(&read.markdown).0;
                restore_ids(&mut issue, &read.rest);
                self.remember_parts(id, &issue, &read);
                let good = Generation {
                    revision: if fell_back {
                        head.previous.as_ref().map_or(0, |g| g.revision)
                    } else {
                        head.revision
                    },
                    parts: read.parts.clone(),
                };
                if let Some(at) = head.snapshot_at {
                    self.last_snapshot.insert(id.to_string(), at);
                }
                let record = record_of(&head, read.markdown);
                self.known.insert(id.to_string(), Known::new(raw, head, good));
                Ok(Some((record, issue)))
            }
        }
    }

    /// Reads the stored issue without remembering anything or migrating it: what another
    /// tab saved, as one record.
    pub fn peek(&mut self, id: &str) -> Option<IssueRecord> {
        let raw = self.kv.get(&issue_key(id)).ok()??;
        match read_stored_issue(&raw).ok()? {
            StoredIssue::Whole(record) => Some(record),
            StoredIssue::Head(head) => {
                let read = self.read_generation(id, &head.parts).ok()?;
                Some(record_of(&head, read.markdown))
            }
        }
    }

    /// Reads the version a head names, or its previous one when a part of it is missing
    /// or damaged (reported, damaged parts kept aside). Fails, keeping the head aside,
    /// when neither is complete.
    fn read_head_parts(&mut self, id: &str, head: &Head, raw: &str) -> Result<Option<(Read, bool)>, Problem> {
        let broken = match self.read_generation(id, &head.parts) {
            Ok(read) => return Ok(Some((read, false))),
            Err(broken) => broken,
        };
        let mut what = Vec::new();
        for (key, damage) in &broken {
            match damage {
                Broken::Damaged(value, problem) => {
                    let problem = self.quarantine(key, value, problem);
                    what.push(format!("{key}：{}", problem.what));
                    self.late.push(problem);
                }
                Broken::Missing => what.push(format!("{key}：缺失")),
                Broken::Mismatch => what.push(format!("{key}：与头记录所列的稿件不相符")),
            }
        }
        let key = issue_key(id);
        if let Some(previous) = &head.previous {
            if let Ok(read) = self.read_generation(id, &previous.parts) {
                self.late.push(Problem {
                    key: key.clone(),
                    what: format!(
                        "最近一次保存（第 {} 版）不完整（{}），已打开上一次完整保存的版本（第 {} 版）",
                        head.revision,
                        what.join("；"),
                        previous.revision
                    ),
                    kept_as: None,
                });
                return Ok(Some((read, true)));
            }
        }
        let problem = ReadProblem::Corrupt(format!("各部分不完整：{}", what.join("；")));
        Err(self.quarantine(&key, raw, &problem))
    }

    /// Reads every part of one version and puts its Markdown back together; on failure,
    /// the keys of the parts that are missing, damaged or do not fit together.
    fn read_generation(&self, id: &str, parts: &PartSet) -> Result<Read, Vec<(String, Broken)>> {
        let mut broken = Vec::new();
        let mut read_part = |name: &str| -> Option<String> {
            let key = part_key(id, name);
            match self.kv.get(&key) {
                Ok(Some(value)) if part_matches(name, &value) => Some(value),
                Ok(Some(value)) => {
                    let problem = ReadProblem::Corrupt("内容与名称中的校验值不符".into());
                    broken.push((key, Broken::Damaged(value, problem)));
                    None
                }
                _ => {
                    broken.push((key, Broken::Missing));
                    None
                }
            }
        };
        let rest = read_part(&parts.rest).and_then(|value| read_rest(&value).ok());
        let mut items: HashMap<Id, String> = HashMap::with_capacity(parts.items.len());
        for (item_id, name) in &parts.items {
            if let Some(part) = read_part(name).and_then(|value| read_item(&value).ok()) {
                items.insert(*item_id, part.markdown);
            }
        }
        let markdown = rest
            .as_ref()
            .and_then(|rest| assemble(rest, |item_id| items.get(&item_id).map(String::as_str)));
        match (rest, markdown) {
            (Some(rest), Some(markdown)) if broken.is_empty() => Ok(Read {
                markdown,
                rest,
                parts: parts.clone(),
            }),
            _ => {
                if broken.is_empty() {
                    broken.push((part_key(id, &parts.rest), Broken::Mismatch));
                }
                Err(broken)
            }
        }
    }

    /// Remembers the parts of a version just read, so the next save writes only changes.
    fn remember_parts(&mut self, id: &str, issue: &Issue, read: &Read) {
        let names: HashMap<Id, &String> = read.parts.items.iter().map(|(i, n)| (*i, n)).collect();
        let memo = self.memo.entry(id.to_string()).or_default();
        memo.items = issue
            .items()
            .filter_map(|(_, item)| Some((item.id, (item.clone(), names.get(&item.id)?.to_string()))))
            .collect();
        memo.rest = Some((rest_part(issue), read.parts.rest.clone()));
    }

    /// Migrates a version 2 record to parts, keeping its revision, after checking that
    /// the parts read back as the same issue (when they would not, the record stays as
    /// it is until the next save). Its text is also kept as a snapshot. Best effort: a
    /// migration that cannot be written leaves the version 2 record untouched.
    fn migrate(&mut self, id: &str, record: &IssueRecord, issue: &Issue, raw: &str) {
        let id = id.to_string();
        let rest = rest_part(issue);
        let (rest_json, rest_name) = rest_value(&rest, record.revision);
        let items: Vec<(Id, String, String)> = issue
            .items()
            .map(|(_, item)| {
                let (value, name) = item_part(item, record.revision);
                (item.id, value, name)
            })
            .collect();
        let texts: HashMap<Id, String> = items
            .iter()
            .filter_map(|(i, value, _)| Some((*i, read_item(value).ok()?.markdown)))
            .collect();
        let Some(markdown) = assemble(&rest, |i| texts.get(&i).map(String::as_str)) else {
            return;
        };
        if import(&markdown).0 != *issue {
            return;
        }
        let mut snapshots = self.snapshots(&id);
        snapshots.push(record.markdown.clone(), self.now());
        let snapshot_at = snapshots.list.last().map(|s| s.saved_at);
        let _ = self.kv.set(
            &snapshots_key(&id),
            &serde_json::to_string(&snapshots).unwrap_or_default(),
        );
        let parts = PartSet {
            rest: rest_name.clone(),
            items: items.iter().map(|(i, _, name)| (*i, name.clone())).collect(),
        };
        let mut written = Vec::new();
        let writes = std::iter::once((rest_name, rest_json)).chain(items.into_iter().map(|(_, v, n)| (n, v)));
        for (name, value) in writes {
            if self.kv.set(&part_key(&id, &name), &value).is_err() {
                self.remove_parts(&id, &written);
                return;
            }
            written.push(name);
        }
        let head = Head {
            format: HEAD_FORMAT.into(),
            version: PARTS_VERSION,
            id: id.clone(),
            revision: record.revision,
            saved_at: record.saved_at,
            open_item: record.open_item,
            snapshot_at,
            parts: parts.clone(),
            previous: None,
        };
        let head_raw = serde_json::to_string(&head).unwrap_or_default();
        // Only over the very record read: another tab may have saved since.
        if self.kv.get(&issue_key(&id)).ok().flatten().as_deref() != Some(raw)
            || self.kv.set(&issue_key(&id), &head_raw).is_err()
        {
            self.remove_parts(&id, &written);
            return;
        }
        if let Some(at) = snapshot_at {
            self.last_snapshot.insert(id.clone(), at);
        }
        let read = Read {
            markdown,
            rest,
            parts: parts.clone(),
        };
        self.remember_parts(&id, issue, &read);
        let good = Generation {
            revision: record.revision,
            parts,
        };
        self.known.insert(id, Known::new(head_raw, head, good));
    }

    /// Removes the parts a failed save wrote; any the storage keeps (it may be failing
    /// altogether) are removed by the next save.
    fn give_up(&mut self, id: &str, written: Vec<String>) {
        self.remove_parts(id, &written);
        self.orphans.entry(id.to_string()).or_default().extend(written);
    }

    fn remove_parts(&self, id: &str, names: &[String]) {
        for name in names {
            self.remove(&part_key(id, name));
        }
    }

    /// Writes the index (merging nothing: callers read, change and write it at once).
    pub fn write_index(&self, index: &Index) -> Result<(), StoreError> {
        self.writable(INDEX_KEY)?;
        let json = serde_json::to_string(index).map_err(|e| StoreError::Other(e.to_string()))?;
        Ok(self.kv.set(INDEX_KEY, &json)?)
    }

    /// Names the draft that is open, so that reopening the editor opens it again.
    pub fn set_current(&self, id: &str) -> Result<(), StoreError> {
        let mut index = self.read_current_index();
        if index.entry(id).is_none() || index.current.as_deref() == Some(id) {
            return Ok(());
        }
        index.current = Some(id.to_string());
        self.write_index(&index)
    }

    /// Reads the index as stored now (another tab may have changed it).
    pub fn read_current_index(&self) -> Index {
        self.kv
            .get(INDEX_KEY)
            .ok()
            .flatten()
            .and_then(|raw| read_index(&raw).ok())
            .unwrap_or_default()
    }

    /// Saves one issue given as Markdown (see [`Drafts::save_issue`]).
    pub fn save(
        &mut self,
        id: &str,
        name: &str,
        markdown: String,
        base: u64,
        open_item: Option<usize>,
    ) -> Result<u64, StoreError> {
        let issue = import(&markdown).0;
        self.save_issue(id, name, &issue, base, open_item)
    }

    /// What an issue's key holds now, as far as a save needs: the head (with the parts
    /// known to be there) or a version 2 record's revision. An unreadable record is kept
    /// aside first, and never written over when it cannot be.
    fn stored_for_save(&mut self, id: &str) -> Result<Stored, StoreError> {
        let key = issue_key(id);
        let Some(raw) = self.kv.get(&key)? else {
            return Ok(Stored::Nothing);
        };
        if let Some(known) = self.known.get(id).filter(|k| k.raw == raw) {
            return Ok(Stored::Head {
                head: Rc::clone(&known.head),
                present: Rc::clone(&known.present),
                previous: Some(Rc::clone(&known.good)),
                raw_units: units(&raw),
            });
        }
        match read_stored_issue(&raw) {
            Ok(StoredIssue::Whole(record)) => Ok(Stored::Whole(record.revision, units(&raw))),
            Ok(StoredIssue::Head(head))
                if self
                    .known
                    .get(id)
                    .is_some_and(|k| k.head.revision == head.revision && k.head.parts == head.parts) =>
            {
                // The head this tab knows, rewritten by another tab with another open item.
                let known = &self.known[id];
                Ok(Stored::Head {
                    head: Rc::new(head),
                    present: Rc::clone(&known.present),
                    previous: Some(Rc::clone(&known.good)),
                    raw_units: units(&raw),
                })
            }
            Ok(StoredIssue::Head(head)) => {
                // A head this tab did not write or read: only the parts that are there
                // count as present.
                let present = head
                    .parts
                    .names()
                    .filter(|name| {
                        self.kv
                            .get(&part_key(id, name))
                            .ok()
                            .flatten()
                            .is_some_and(|v| part_matches(name, &v))
                    })
                    .map(str::to_string)
                    .collect::<HashSet<_>>();
                let complete = present.len() == head.parts.names().collect::<HashSet<_>>().len();
                let previous = if complete {
                    Some(Generation {
                        revision: head.revision,
                        parts: head.parts.clone(),
                    })
                } else {
                    head.previous.clone()
                };
                Ok(Stored::Head {
                    head: Rc::new(head),
                    present: Rc::new(present),
                    previous: previous.map(Rc::new),
                    raw_units: units(&raw),
                })
            }
            Err(problem) => {
                let problem = self.quarantine(&key, &raw, &problem);
                let kept = problem.kept_as.is_some();
                self.late.push(problem);
                if kept {
                    Ok(Stored::Nothing)
                } else {
                    Err(StoreError::Other(format!(
                        "{key} 中有无法读取的记录且未能另存，本次不覆盖它"
                    )))
                }
            }
        }
    }

    /// Saves one issue: writes the parts that changed, then the head naming the new
    /// version and the previous one, then removes the parts neither names. Fails with
    /// [`StoreError::Conflict`] when the stored revision is newer than `base` (another
    /// tab saved since), so a stale tab never overwrites a newer save; fails with
    /// [`StoreError::QuotaExceeded`] when no room can be made, the stored version intact.
    /// Returns the new revision.
    pub fn save_issue(
        &mut self,
        id: &str,
        name: &str,
        issue: &Issue,
        base: u64,
        open_item: Option<usize>,
    ) -> Result<u64, StoreError> {
        let key = issue_key(id);
        self.writable(&key)?;
        let stored = self.stored_for_save(id)?;
        let stored_revision = match &stored {
            Stored::Nothing => None,
            Stored::Whole(revision, _) => Some(*revision),
            Stored::Head { head, .. } => Some(head.revision),
        };
        if let Some(revision) = stored_revision.filter(|&r| r > base) {
            return Err(StoreError::Conflict(revision));
        }
        let present = match &stored {
            Stored::Head { present, .. } => Rc::clone(present),
            _ => Rc::new(HashSet::new()),
        };
        let (parts, writes) = self.cut(id, issue, &present, base + 1);
        let now = self.now();
        // Parts first, each under a new name: the stored version stays whole until the
        // head below names the new one.
        let mut written = Vec::new();
        for (name, value) in &writes {
            if let Err(error) = self.set_making_room(&part_key(id, name), value, 0) {
                self.give_up(id, written);
                return Err(error);
            }
            written.push(name.clone());
        }
        // Snapshots are kept best effort: the issue itself is what matters. They are read
        // only when one may be due (at most every few minutes), and the whole text is
        // written out only then; a new one is written after the head, which names its time.
        let last = self.last_snapshot.get(id).copied();
        let mut due = None;
        let mut snapshot_at = last;
        if last.is_none_or(|at| now - at >= SNAPSHOT_INTERVAL_MS) {
            let mut snapshots = self.snapshots(id);
            let markdown = export(issue);
            if snapshots.due(&markdown, now) {
                snapshots.push(markdown, now);
            }
            snapshot_at = snapshots.list.last().map(|s| s.saved_at);
            if snapshot_at == Some(now) {
                due = Some(snapshots);
            }
        }
        let (previous, replaced) = match &stored {
            Stored::Head {
                previous, raw_units, ..
            } => (previous.clone(), *raw_units),
            Stored::Whole(_, raw_units) => (None, *raw_units),
            Stored::Nothing => (None, 0),
        };
        let head = Head {
            format: HEAD_FORMAT.into(),
            version: PARTS_VERSION,
            id: id.to_string(),
            revision: base + 1,
            saved_at: now,
            open_item,
            snapshot_at,
            parts: parts.clone(),
            previous: previous.filter(|g| g.parts != parts).map(|g| (*g).clone()),
        };
        let raw = serde_json::to_string(&head).map_err(|e| StoreError::Other(e.to_string()))?;
        if let Err(error) = self.set_making_room(&key, &raw, replaced + units(&key)) {
            self.give_up(id, written);
            return Err(error);
        }
        // The new head is in: the parts neither of its versions names are garbage.
        let mut keep: HashSet<&str> = head.parts.names().collect();
        keep.extend(head.previous.iter().flat_map(|g| g.parts.names()));
        let orphans = self.orphans.remove(id).unwrap_or_default();
        let mut candidates: Vec<&str> = orphans.iter().map(String::as_str).collect();
        if let Stored::Head {
            head: old, previous, ..
        } = &stored
        {
            candidates.extend(old.parts.names());
            candidates.extend(old.previous.iter().flat_map(|g| g.parts.names()));
            candidates.extend(previous.iter().flat_map(|g| g.parts.names()));
        }
        let mut garbage: Vec<&str> = candidates.into_iter().filter(|n| !keep.contains(n)).collect();
        garbage.sort_unstable();
        garbage.dedup();
        for name in garbage {
            self.remove(&part_key(id, name));
        }
        if let Some(snapshots) = due {
            let _ = self.kv.set(
                &snapshots_key(id),
                &serde_json::to_string(&snapshots).unwrap_or_default(),
            );
        }
        if let Some(at) = snapshot_at {
            self.last_snapshot.insert(id.to_string(), at);
        }
        let good = Generation {
            revision: head.revision,
            parts,
        };
        let revision = head.revision;
        self.known.insert(id.to_string(), Known::new(raw, head, good));
        let mut index = self.read_current_index();
        index.touch(id, name, now);
        index.current = Some(id.to_string());
        let _ = self.write_index(&index);
        Ok(revision)
    }

    /// Cuts an issue into parts: their names in order, and the (name, text) of those not
    /// `present` in storage, named for a save at `revision`. Items unchanged since the last
    /// save or load are not written out again; a part whose text is already stored (an
    /// item typed back to what it was, or stored under another id: ids change when
    /// another tab's version is imported) keeps its stored name.
    fn cut(
        &mut self,
        id: &str,
        issue: &Issue,
        present: &HashSet<String>,
        revision: u64,
    ) -> (PartSet, Vec<(String, String)>) {
        let memo = self.memo.entry(id.to_string()).or_default();
        let mut old_items = std::mem::take(&mut memo.items);
        // The stored parts by the hash of their text, built when first needed.
        let mut by_hash: Option<HashMap<&str, &str>> = None;
        let mut writes: Vec<(String, String)> = Vec::new();
        let mut stored_or_write = |value: String, name: String, is_rest: bool| -> String {
            let by_hash = by_hash.get_or_insert_with(|| {
                present
                    .iter()
                    .filter_map(|n| Some((n.rsplit_once('.')?.1, n.as_str())))
                    .collect()
            });
            let hash = name.rsplit_once('.').map_or("", |(_, h)| h);
            match by_hash.get(hash) {
                Some(stored) if stored.starts_with("r.") == is_rest => stored.to_string(),
                _ => {
                    if !writes.iter().any(|(n, _)| *n == name) {
                        writes.push((name.clone(), value));
                    }
                    name
                }
            }
        };
        let mut items = Vec::with_capacity(old_items.len());
        for (_, item) in issue.items() {
            let (cached, name) = match old_items.remove(&item.id) {
                Some((cached, name)) if cached == *item && present.contains(&name) => (cached, name),
                _ => {
                    let (value, name) = item_part(item, revision);
                    (item.clone(), stored_or_write(value, name, false))
                }
            };
            items.push((item.id, name.clone()));
            memo.items.insert(item.id, (cached, name));
        }
        let rest = rest_part(issue);
        let rest_name = match memo.rest.take() {
            Some((cached, name)) if cached == rest && present.contains(&name) => name,
            _ => {
                let (value, name) = rest_value(&rest, revision);
                stored_or_write(value, name, true)
            }
        };
        memo.rest = Some((rest, rest_name.clone()));
        (PartSet { rest: rest_name, items }, writes)
    }

    /// Writes one key; when storage is full, drops the oldest snapshots (of any draft, but
    /// never a draft's newest one) until the write fits, and tries again. `replaced` is
    /// the size of the key and value the write replaces, to know how much room is needed.
    /// Fails with [`StoreError::QuotaExceeded`], nothing written, when no room can be made.
    fn set_making_room(&self, key: &str, value: &str, replaced: usize) -> Result<(), StoreError> {
        match self.kv.set(key, value) {
            Err(KvError::QuotaExceeded) => {}
            other => return Ok(other?),
        }
        let mut all: Vec<(String, Snapshots)> = self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(SNAPSHOTS_PREFIX) && self.writable(k).is_ok())
            .filter_map(|k| {
                let snapshots = self
                    .kv
                    .get(&k)
                    .ok()
                    .flatten()
                    .and_then(|raw| read_snapshots(&raw).ok())?;
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
        let mut need = (units(key) + units(value)).saturating_sub(replaced).max(1);
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
                let _ = self.kv.set(k, &serde_json::to_string(snapshots).unwrap_or_default());
            }
            match self.kv.set(key, value) {
                Err(KvError::QuotaExceeded) => need *= 2,
                other => return Ok(other?),
            }
        }
    }

    /// Remembers which item is open in a stored issue, without a new revision (the text
    /// does not change, so other tabs need not reload). Written only when the stored
    /// record is still the revision this tab has, so a newer save from another tab is
    /// never touched.
    pub fn remember_open_item(&mut self, id: &str, revision: u64, open_item: Option<usize>) -> Result<(), StoreError> {
        let key = issue_key(id);
        self.writable(&key)?;
        let Some(raw) = self.kv.get(&key)? else { return Ok(()) };
        match read_stored_issue(&raw) {
            Ok(StoredIssue::Head(mut head)) if head.revision == revision && head.open_item != open_item => {
                head.open_item = open_item;
                let raw = serde_json::to_string(&head).map_err(|e| StoreError::Other(e.to_string()))?;
                self.kv.set(&key, &raw)?;
                if let Some(known) = self.known.get_mut(id) {
                    known.raw = raw;
                    known.head = Rc::new(head);
                }
                Ok(())
            }
            Ok(StoredIssue::Whole(mut record)) if record.revision == revision && record.open_item != open_item => {
                record.open_item = open_item;
                let raw = serde_json::to_string(&record).map_err(|e| StoreError::Other(e.to_string()))?;
                Ok(self.kv.set(&key, &raw)?)
            }
            _ => Ok(()),
        }
    }

    /// Remembers that this tab has read `revision` of an issue (when storage holds it
    /// now): [`Drafts::known_differs`] then compares against it.
    pub fn note(&mut self, id: &str, revision: u64) {
        let Some(raw) = self.kv.get(&issue_key(id)).ok().flatten() else {
            return;
        };
        if let Ok(StoredIssue::Head(head)) = read_stored_issue(&raw) {
            if head.revision == revision {
                let good = Generation {
                    revision,
                    parts: head.parts.clone(),
                };
                self.known.insert(id.to_string(), Known::new(raw, head, good));
            }
        }
    }

    /// Whether storage holds `revision` of an issue with other parts than the ones this
    /// tab wrote or read as that revision: two tabs saved the same revision at once
    /// (localStorage has no lock across tabs) and the other one's write is the one stored.
    pub fn known_differs(&self, id: &str, revision: u64) -> bool {
        let Some(known) = self.known.get(id).filter(|k| k.head.revision == revision) else {
            return false;
        };
        let Some(raw) = self.kv.get(&issue_key(id)).ok().flatten() else {
            return false;
        };
        match read_stored_issue(&raw) {
            Ok(StoredIssue::Head(head)) => head.revision == revision && head.parts != known.head.parts,
            // This tab writes heads only: a whole record at the revision it knows was
            // written by another writer.
            Ok(StoredIssue::Whole(record)) => record.revision == revision,
            Err(_) => false,
        }
    }

    /// Keeps the current text as a snapshot now (before a restore, an import, next issue).
    pub fn snapshot_now(&mut self, id: &str, markdown: String) {
        let mut snapshots = self.snapshots(id);
        let now = self.now();
        snapshots.push(markdown, now);
        self.last_snapshot.insert(id.to_string(), now);
        let _ = self.kv.set(
            &snapshots_key(id),
            &serde_json::to_string(&snapshots).unwrap_or_default(),
        );
    }

    /// An issue's snapshots (none when unreadable).
    pub fn snapshots(&self, id: &str) -> Snapshots {
        self.kv
            .get(&snapshots_key(id))
            .ok()
            .flatten()
            .and_then(|raw| read_snapshots(&raw).ok())
            .unwrap_or_default()
    }

    /// Removes an issue's records for good (after its trash time).
    pub fn forget(&mut self, id: &str) {
        self.remove(&issue_key(id));
        self.remove(&snapshots_key(id));
        let prefix = part_prefix(id);
        for key in self.keys().into_iter().filter(|k| k.starts_with(&prefix)) {
            self.remove(&key);
        }
        self.known.remove(id);
        self.memo.remove(id);
    }

    /// Every draft with its record, for a backup file.
    pub fn backup(&mut self) -> Backup {
        let index = self.read_current_index();
        let drafts = index
            .entries
            .iter()
            .filter_map(|entry| self.peek(&entry.id).map(|record| (entry.clone(), record)))
            .collect();
        Backup {
            format: "jianbao-backup".into(),
            version: VERSION,
            exported_at: self.now(),
            drafts,
        }
    }

    /// How much of the storage this origin uses, in UTF-16 code units (keys and values).
    pub fn used_units(&self) -> usize {
        self.keys()
            .iter()
            .map(|k| units(k) + self.kv.get(k).ok().flatten().map_or(0, |v| units(&v)))
            .sum()
    }
}

/// What is wrong with one part of a version.
enum Broken {
    /// It is not in storage.
    Missing,
    /// Its text does not match its name's hash, or is not a part: the text and why.
    Damaged(String, ReadProblem),
    /// The rest names items the head does not (or cannot be read as a rest).
    Mismatch,
}

/// What an issue's key holds, as a save sees it.
enum Stored {
    /// Nothing (or an unreadable record now kept aside).
    Nothing,
    /// A version 2 record: its revision and stored size.
    Whole(u64, usize),
    /// A head.
    Head {
        head: Rc<Head>,
        /// The part names known to be in storage.
        present: Rc<HashSet<String>>,
        /// The last complete version, to name as the new head's previous one.
        previous: Option<Rc<Generation>>,
        /// The head's stored size.
        raw_units: usize,
    },
}

/// A head and its Markdown as one whole-issue record.
fn record_of(head: &Head, markdown: String) -> IssueRecord {
    let mut record = new_record(&head.id, head.revision, head.saved_at, markdown);
    record.open_item = head.open_item;
    record.snapshot_at = head.snapshot_at;
    record
}
