//! The stored shapes, versioned and kept apart from the model, and the pure rules
//! over them: reading with migrations, the drafts index, the trash, snapshots, backups.
//!
//! Every issue is stored as its canonical Markdown (docs/FORMAT.md) inside a small
//! versioned envelope, so the model can change shape without stranding anyone's drafts:
//! only envelopes need migrations.
//!
//! Versions:
//! - 1: one draft in one key, `jianbao:draft:current` (the first release).
//! - 2: an index of drafts, one key per issue, one key of snapshots per issue.
//! - 3: an issue stored as per-part records under a head (see [`super::parts`]); the
//!   index, the snapshots and backups keep their version 2 shapes, and [`IssueRecord`]
//!   (the whole issue as one record) remains the shape a load returns and a backup holds.
//!
//! This module is pure (serde only), so native tests cover every shape and migration.

use serde::{Deserialize, Serialize};

/// The current version of the index, snapshots, backups and whole-issue records.
pub const VERSION: u32 = 2;
/// How long a deleted issue stays in the trash.
pub const TRASH_DAYS: f64 = 30.0;
/// Snapshots kept per issue.
pub const MAX_SNAPSHOTS: usize = 20;
/// The most Markdown (in UTF-16 code units, as localStorage counts) kept in one issue's
/// snapshots; the oldest go first.
pub const MAX_SNAPSHOT_UNITS: usize = 1_000_000;
/// The least time between two automatic snapshots of one issue.
pub const SNAPSHOT_INTERVAL_MS: f64 = 2.0 * 60.0 * 1000.0;

const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

/// Version 1: the single draft of the first release.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftV1 {
    /// Always "jianbao-draft".
    pub format: String,
    /// Always 1.
    pub version: u32,
    /// Milliseconds since the epoch.
    pub saved_at: f64,
    /// A counter that grows with each save.
    pub revision: u64,
    /// The issue as canonical Markdown.
    pub markdown: String,
}

/// One stored issue (version 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueRecord {
    /// Always "jianbao-issue".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// The draft's id, as in the index.
    pub id: String,
    /// Grows with every save of this issue, in any tab: a tab that finds a larger revision
    /// stored than the one it loaded knows another tab saved since.
    pub revision: u64,
    /// When it was saved, in milliseconds since the epoch.
    pub saved_at: f64,
    /// The issue as canonical Markdown.
    pub markdown: String,
    /// The item that was open, as its position in print order.
    #[serde(default)]
    pub open_item: Option<usize>,
    /// When the issue's newest snapshot was taken, if any: a save can tell whether a
    /// snapshot is due without reading the snapshots (records without it read them once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_at: Option<f64>,
}

/// One entry of the drafts index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The draft's id (also part of its storage keys).
    pub id: String,
    /// The name shown in the drafts list.
    pub name: String,
    /// When it last changed.
    pub updated_at: f64,
    /// When it was moved to the trash, if it was.
    #[serde(default)]
    pub deleted_at: Option<f64>,
}

/// The drafts index (version 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Index {
    /// Always "jianbao-index".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// The draft that was open last.
    pub current: Option<String>,
    /// Every draft, the trash included.
    pub entries: Vec<Entry>,
    /// The drafts the user named: their names no longer follow the masthead on each save.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
}

/// A saved version of an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When it was taken.
    pub saved_at: f64,
    /// The issue as canonical Markdown.
    pub markdown: String,
}

/// The snapshots of one issue (version 2), oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshots {
    /// Always "jianbao-snapshots".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// The saved versions, oldest first.
    pub list: Vec<Snapshot>,
}

/// A backup of every draft, as one JSON file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always "jianbao-backup".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// When it was made.
    pub exported_at: f64,
    /// The drafts: index entries with their records.
    pub drafts: Vec<(Entry, IssueRecord)>,
}

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Not JSON, or not the expected envelope (truncated, hand-edited, another app's key).
    Corrupt(String),
    /// Written by a newer version of Jianbao than this one.
    Newer(u32),
}

impl ReadProblem {
    /// The problem in words, for the user.
    pub fn describe(&self) -> String {
        match self {
            ReadProblem::Corrupt(why) => format!("记录已损坏（{why}）"),
            ReadProblem::Newer(v) => format!("记录来自更新版本的简报编辑器（格式版本 {v}），本版本无法读取"),
        }
    }
}

/// Reads any envelope: checks its format name and version first, so a newer record is
/// reported as newer rather than as corrupt.
pub(crate) fn read_envelope<T: for<'de> Deserialize<'de>>(
    raw: &str,
    format: &str,
    version: u32,
) -> Result<T, ReadProblem> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
        version: Option<u32>,
    }
    let probe: Probe = serde_json::from_str(raw).map_err(|e| ReadProblem::Corrupt(e.to_string()))?;
    if probe.format.as_deref() != Some(format) {
        return Err(ReadProblem::Corrupt(format!("不是{format}记录")));
    }
    match probe.version {
        Some(v) if v == version => serde_json::from_str(raw).map_err(|e| ReadProblem::Corrupt(e.to_string())),
        Some(v) if v > version => Err(ReadProblem::Newer(v)),
        other => Err(ReadProblem::Corrupt(format!("未知的版本 {other:?}"))),
    }
}

/// Reads a stored issue.
pub fn read_issue(raw: &str) -> Result<IssueRecord, ReadProblem> {
    read_envelope(raw, "jianbao-issue", VERSION)
}

/// Reads the drafts index.
pub fn read_index(raw: &str) -> Result<Index, ReadProblem> {
    read_envelope(raw, "jianbao-index", VERSION)
}

/// What an issue's key holds: a whole record (version 2) or a head (version 3).
#[derive(Clone, Debug, PartialEq)]
pub enum StoredIssue {
    /// Version 2: the whole issue as canonical Markdown.
    Whole(IssueRecord),
    /// Version 3: the head naming the issue's parts.
    Head(super::parts::Head),
}

/// Reads what an issue's key holds, in either version.
pub fn read_stored_issue(raw: &str) -> Result<StoredIssue, ReadProblem> {
    match read_issue(raw) {
        Err(ReadProblem::Newer(super::parts::PARTS_VERSION)) => super::parts::read_head(raw).map(StoredIssue::Head),
        other => other.map(StoredIssue::Whole),
    }
}

/// Reads an issue's snapshots.
pub fn read_snapshots(raw: &str) -> Result<Snapshots, ReadProblem> {
    read_envelope(raw, "jianbao-snapshots", VERSION)
}

/// Reads a backup file.
pub fn read_backup(raw: &str) -> Result<Backup, ReadProblem> {
    read_envelope(raw, "jianbao-backup", VERSION)
}

/// Reads a version 1 draft.
pub fn read_draft_v1(raw: &str) -> Result<DraftV1, ReadProblem> {
    read_envelope(raw, "jianbao-draft", 1)
}

/// Migrates a version 1 draft: it becomes the one entry of a new index.
pub fn migrate_v1(draft: DraftV1, id: &str, name: &str) -> (Index, IssueRecord) {
    let record = new_record(id, draft.revision, draft.saved_at, draft.markdown);
    let index = Index {
        format: "jianbao-index".into(),
        version: VERSION,
        current: Some(id.to_string()),
        entries: vec![Entry {
            id: id.to_string(),
            name: name.to_string(),
            updated_at: draft.saved_at,
            deleted_at: None,
        }],
        named: Vec::new(),
    };
    (index, record)
}

/// A version 2 issue record.
pub fn new_record(id: &str, revision: u64, saved_at: f64, markdown: String) -> IssueRecord {
    IssueRecord {
        format: "jianbao-issue".into(),
        version: VERSION,
        id: id.to_string(),
        revision,
        saved_at,
        markdown,
        open_item: None,
        snapshot_at: None,
    }
}

impl Default for Index {
    fn default() -> Index {
        Index::new()
    }
}

impl Default for Snapshots {
    fn default() -> Snapshots {
        Snapshots::new()
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index {
            format: "jianbao-index".into(),
            version: VERSION,
            current: None,
            entries: Vec::new(),
            named: Vec::new(),
        }
    }

    /// The entry of a draft.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Adds or updates a draft's entry. `name` is the name the issue gives itself (its
    /// masthead); a name the user chose ([`Index::rename`]) is kept.
    pub fn touch(&mut self, id: &str, name: &str, now: f64) {
        let named = self.named.iter().any(|n| n == id);
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) => {
                if !named {
                    entry.name = name.to_string();
                }
                entry.updated_at = now;
            }
            None => self.entries.push(Entry {
                id: id.to_string(),
                name: name.to_string(),
                updated_at: now,
                deleted_at: None,
            }),
        }
    }

    /// The drafts not in the trash, newest first.
    pub fn live(&self) -> Vec<&Entry> {
        let mut live: Vec<&Entry> = self.entries.iter().filter(|e| e.deleted_at.is_none()).collect();
        live.sort_by(|a, b| b.updated_at.total_cmp(&a.updated_at));
        live
    }

    /// The drafts in the trash, newest deletion first.
    pub fn trash(&self) -> Vec<&Entry> {
        let mut trash: Vec<&Entry> = self.entries.iter().filter(|e| e.deleted_at.is_some()).collect();
        trash.sort_by(|a, b| b.deleted_at.unwrap_or(0.0).total_cmp(&a.deleted_at.unwrap_or(0.0)));
        trash
    }

    /// Gives a draft the name the user chose; later saves keep it. An empty name hands the
    /// naming back to the masthead (from the next save on).
    pub fn rename(&mut self, id: &str, name: &str) {
        let name = name.trim();
        let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) else {
            return;
        };
        self.named.retain(|n| n != id);
        if !name.is_empty() {
            entry.name = name.to_string();
            self.named.push(id.to_string());
        }
    }

    /// Moves a draft to the trash.
    pub fn delete(&mut self, id: &str, now: f64) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.deleted_at = Some(now);
        }
        if self.current.as_deref() == Some(id) {
            self.current = None;
        }
    }

    /// Takes a draft back out of the trash.
    pub fn restore(&mut self, id: &str) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.deleted_at = None;
        }
    }

    /// Forgets drafts that have been in the trash for more than [`TRASH_DAYS`]; returns
    /// their ids, so their records can be removed.
    pub fn purge(&mut self, now: f64) -> Vec<String> {
        let expired: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.deleted_at.is_some_and(|at| now - at > TRASH_DAYS * DAY_MS))
            .map(|e| e.id.clone())
            .collect();
        self.entries.retain(|e| !expired.contains(&e.id));
        self.named.retain(|n| !expired.contains(n));
        expired
    }
}

pub use super::kv::units;

impl Snapshots {
    /// An empty list.
    pub fn new() -> Snapshots {
        Snapshots {
            format: "jianbao-snapshots".into(),
            version: VERSION,
            list: Vec::new(),
        }
    }

    /// Whether a save at `now` should also be kept as a snapshot: the first save, or one
    /// [`SNAPSHOT_INTERVAL_MS`] after the last snapshot, when the text changed.
    pub fn due(&self, markdown: &str, now: f64) -> bool {
        match self.list.last() {
            None => true,
            Some(last) => last.markdown != markdown && now - last.saved_at >= SNAPSHOT_INTERVAL_MS,
        }
    }

    /// Keeps a snapshot, dropping the oldest beyond [`MAX_SNAPSHOTS`] or
    /// [`MAX_SNAPSHOT_UNITS`] (the newest one is always kept).
    pub fn push(&mut self, markdown: String, now: f64) {
        if self.list.last().is_some_and(|last| last.markdown == markdown) {
            return;
        }
        self.list.push(Snapshot {
            saved_at: now,
            markdown,
        });
        while self.list.len() > MAX_SNAPSHOTS {
            self.list.remove(0);
        }
        while self.list.len() > 1 && self.list.iter().map(|s| units(&s.markdown)).sum::<usize>() > MAX_SNAPSHOT_UNITS {
            self.list.remove(0);
        }
    }
}

/// What merging a backup into the local drafts will do with each draft in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeAction {
    /// Not here yet: add it.
    Add(String),
    /// The backup's copy is newer than the local one: ask before replacing.
    AskNewer(String),
    /// The local copy is the same or newer: keep it.
    Keep(String),
}

/// Plans a merge of a backup into the local drafts; nothing local is overwritten without
/// the user's say (an [`MergeAction::AskNewer`]).
pub fn plan_merge(
    local: &Index,
    local_revisions: &dyn Fn(&str) -> Option<(u64, String)>,
    backup: &Backup,
) -> Vec<MergeAction> {
    backup
        .drafts
        .iter()
        .map(
            |(entry, record)| match (local.entry(&entry.id), local_revisions(&entry.id)) {
                (None, _) | (_, None) => MergeAction::Add(entry.id.clone()),
                (Some(_), Some((_, markdown))) if markdown == record.markdown => MergeAction::Keep(entry.id.clone()),
                (Some(here), Some(_)) if entry.updated_at > here.updated_at => MergeAction::AskNewer(entry.id.clone()),
                (Some(_), Some(_)) => MergeAction::Keep(entry.id.clone()),
            },
        )
        .collect()
}
