//! The archive of published issues, as stored shapes (pure, native-tested).
//!
//! A published issue is frozen: its record is written once, under its own key, and never
//! changed; correcting it means opening a copy as a new draft. The archive index lists
//! them (written after the record, so an index entry always has its record), and a whole
//! archive travels as one file for a new laptop or a new editor.

use super::records::{read_envelope, ReadProblem};
use serde::{Deserialize, Serialize};

/// The key of the archive index.
pub const ARCHIVE_KEY: &str = "jianbao:archive";
/// The prefix of each published issue's key.
pub const PUBLISHED_PREFIX: &str = "jianbao:published:";
/// The key of the 供稿统计 alias list the editor keeps.
pub const ALIASES_KEY: &str = "jianbao:aliases";
/// The envelope version of the archive's records.
pub const ARCHIVE_VERSION: u32 = 1;

/// The key of one published issue.
pub fn published_key(id: &str) -> String {
    format!("{PUBLISHED_PREFIX}{id}")
}

/// One published issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// Always "jianbao-published".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// Its id, as in the archive index.
    pub id: String,
    /// When it was published, in milliseconds since the epoch.
    pub published_at: f64,
    /// The issue as canonical Markdown.
    pub markdown: String,
}

impl Published {
    /// A new published record.
    pub fn new(id: &str, published_at: f64, markdown: String) -> Published {
        Published {
            format: "jianbao-published".into(),
            version: ARCHIVE_VERSION,
            id: id.into(),
            published_at,
            markdown,
        }
    }
}

/// One entry of the archive index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    /// The published issue's id.
    pub id: String,
    /// Its short name (科协工作简报 2024年第3期).
    pub name: String,
    /// Its date as ISO 8601, when the masthead has one.
    #[serde(default)]
    pub date: Option<String>,
    /// When it was published.
    pub published_at: f64,
    /// A hash of its Markdown, so publishing or importing the same text twice is noticed.
    pub hash: String,
}

/// The archive index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    /// Always "jianbao-archive".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// The published issues, in the order they were published.
    pub entries: Vec<ArchiveEntry>,
}

impl Default for ArchiveIndex {
    fn default() -> Self {
        ArchiveIndex {
            format: "jianbao-archive".into(),
            version: ARCHIVE_VERSION,
            entries: Vec::new(),
        }
    }
}

impl ArchiveIndex {
    /// The entry whose text hashes as `hash`, if that text was published already.
    pub fn with_hash(&self, hash: &str) -> Option<&ArchiveEntry> {
        self.entries.iter().find(|e| e.hash == hash)
    }
}

/// A whole archive as one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveFile {
    /// Always "jianbao-archive-file".
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// When it was made.
    pub exported_at: f64,
    /// Every published issue, with its index entry.
    pub issues: Vec<(ArchiveEntry, Published)>,
}

impl ArchiveFile {
    /// A file of these issues.
    pub fn new(exported_at: f64, issues: Vec<(ArchiveEntry, Published)>) -> ArchiveFile {
        ArchiveFile {
            format: "jianbao-archive-file".into(),
            version: ARCHIVE_VERSION,
            exported_at,
            issues,
        }
    }
}

/// Reads the archive index.
pub fn read_archive_index(raw: &str) -> Result<ArchiveIndex, ReadProblem> {
    read_envelope(raw, "jianbao-archive", ARCHIVE_VERSION)
}

/// Reads one published issue.
pub fn read_published(raw: &str) -> Result<Published, ReadProblem> {
    read_envelope(raw, "jianbao-published", ARCHIVE_VERSION)
}

/// Reads an archive file.
pub fn read_archive_file(raw: &str) -> Result<ArchiveFile, ReadProblem> {
    read_envelope(raw, "jianbao-archive-file", ARCHIVE_VERSION)
}

/// A hash of an issue's text (64-bit FNV-1a, as hex): it tells identical texts apart
/// from different ones, nothing more.
pub fn text_hash(markdown: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in markdown.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// What importing an archive file into an archive does: the issues to add (under ids not
/// used yet) and how many are there already (the same text).
pub fn plan_import(
    index: &ArchiveIndex,
    file: ArchiveFile,
    mut fresh_id: impl FnMut() -> String,
) -> (Vec<(ArchiveEntry, Published)>, usize) {
    let mut add: Vec<(ArchiveEntry, Published)> = Vec::new();
    let mut already = 0;
    for (mut entry, mut published) in file.issues {
        let hash = text_hash(&published.markdown);
        if index.with_hash(&hash).is_some() || add.iter().any(|(e, _)| e.hash == hash) {
            already += 1;
            continue;
        }
        let taken = |id: &str| {
            index
                .entries
                .iter()
                .chain(add.iter().map(|(e, _)| e))
                .any(|e| e.id == id)
        };
        if entry.id.is_empty() || taken(&entry.id) {
            entry.id = fresh_id();
        }
        published.id = entry.id.clone();
        entry.hash = hash;
        add.push((entry, published));
    }
    (add, already)
}
