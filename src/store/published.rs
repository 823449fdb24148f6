//! The archive's localStorage edge: publishing an issue, reading the archive, and moving
//! a whole archive in and out as one file. The shapes and their rules are in
//! [`super::archive`]; this file only reads and writes keys, with the same guarantees as
//! drafts: a failed write leaves the previous copy, an unreadable record is kept aside
//! and reported, never overwritten.

use super::archive::{
    plan_import, published_key, read_archive_index, read_published, text_hash, ArchiveEntry, ArchiveFile, ArchiveIndex,
    Published, ALIASES_KEY, ARCHIVE_KEY,
};
use super::local::{get, new_id, quarantine, set, writable, Problem, StoreError};

/// Reads the archive index: empty when there is none; an unreadable one is kept aside
/// and reported, and the archive is then read-only for this session (nothing is lost).
pub fn index() -> Result<ArchiveIndex, Problem> {
    match get(ARCHIVE_KEY) {
        Ok(None) => Ok(ArchiveIndex::default()),
        Ok(Some(raw)) => read_archive_index(&raw).map_err(|problem| quarantine(ARCHIVE_KEY, &raw, &problem)),
        Err(error) => Err(Problem {
            key: ARCHIVE_KEY.into(),
            what: format!("{error:?}"),
            kept_as: None,
        }),
    }
}

/// Reads one published issue.
pub fn load(id: &str) -> Result<Published, Problem> {
    let key = published_key(id);
    match get(&key) {
        Ok(Some(raw)) => read_published(&raw).map_err(|problem| quarantine(&key, &raw, &problem)),
        Ok(None) => Err(Problem {
            key,
            what: "归档中找不到这一期".into(),
            kept_as: None,
        }),
        Err(error) => Err(Problem {
            key,
            what: format!("{error:?}"),
            kept_as: None,
        }),
    }
}

/// What publishing did.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The issue is now in the archive.
    Published(ArchiveEntry),
    /// The very same text was published before (that entry); nothing was written.
    AlreadyThere(ArchiveEntry),
}

fn write_index(index: &ArchiveIndex) -> Result<(), StoreError> {
    writable(ARCHIVE_KEY)?;
    set(
        ARCHIVE_KEY,
        &serde_json::to_string(index).expect("the index always serialises"),
    )
}

/// Publishes an issue: its record first, then the index, so an index entry always has
/// its record. On a full quota nothing is listed and the draft is untouched.
pub fn publish(name: &str, date: Option<String>, markdown: String, now: f64) -> Result<Outcome, StoreError> {
    let mut index = index().map_err(|problem| StoreError::Other(problem.what))?;
    let hash = text_hash(&markdown);
    if let Some(entry) = index.with_hash(&hash) {
        return Ok(Outcome::AlreadyThere(entry.clone()));
    }
    let id = new_id();
    let record = Published::new(&id, now, markdown);
    set(
        &published_key(&id),
        &serde_json::to_string(&record).expect("a record always serialises"),
    )?;
    let entry = ArchiveEntry {
        id: id.clone(),
        name: name.into(),
        date,
        published_at: now,
        hash,
    };
    index.entries.push(entry.clone());
    if let Err(error) = write_index(&index) {
        // The record without an entry would only take space: take it back.
        if let Ok(storage) = web_sys::window()
            .ok_or(())
            .and_then(|w| w.local_storage().ok().flatten().ok_or(()))
        {
            let _ = storage.remove_item(&published_key(&id));
        }
        return Err(error);
    }
    Ok(Outcome::Published(entry))
}

/// Every published issue with its record, in publishing order; unreadable ones are
/// reported beside them.
pub fn all() -> (Vec<(ArchiveEntry, Published)>, Vec<Problem>) {
    let index = match index() {
        Ok(index) => index,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut issues = Vec::new();
    let mut problems = Vec::new();
    for entry in index.entries {
        match load(&entry.id) {
            Ok(record) => issues.push((entry, record)),
            Err(problem) => problems.push(problem),
        }
    }
    (issues, problems)
}

/// The whole archive as one file's text.
pub fn export_file(now: f64) -> Result<String, Problem> {
    let (issues, mut problems) = all();
    if let Some(problem) = problems.pop() {
        return Err(problem);
    }
    Ok(serde_json::to_string_pretty(&ArchiveFile::new(now, issues)).expect("a file always serialises"))
}

/// Adds an archive file's issues that are not archived yet; returns (added, already there).
pub fn import_file(file: ArchiveFile) -> Result<(usize, usize), StoreError> {
    let mut index = index().map_err(|problem| StoreError::Other(problem.what))?;
    let (add, already) = plan_import(&index, file, new_id);
    let added = add.len();
    for (entry, record) in add {
        set(
            &published_key(&entry.id),
            &serde_json::to_string(&record).expect("a record always serialises"),
        )?;
        index.entries.push(entry);
        // The index after each record: a full quota halfway keeps what was written listed.
        write_index(&index)?;
    }
    Ok((added, already))
}

/// The 供稿统计 alias list the editor keeps (empty when none).
pub fn aliases() -> String {
    get(ALIASES_KEY).ok().flatten().unwrap_or_default()
}

/// Keeps the alias list.
pub fn save_aliases(text: &str) -> Result<(), StoreError> {
    set(ALIASES_KEY, text)
}
