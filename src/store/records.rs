//! The stored shapes, versioned and separate from the model.
//!
//! A draft is stored as the canonical Markdown inside a small versioned envelope.
//! The Markdown format is documented and round-trips exactly (docs/FORMAT.md), so the
//! model can change shape without stranding anyone's drafts: only the envelope needs
//! migrations.

use serde::{Deserialize, Serialize};

/// The envelope's current version.
pub const DRAFT_VERSION: u32 = 1;

/// One stored draft (version 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftV1 {
    /// Always "jianbao-draft", so a stray key is not mistaken for a draft.
    pub format: String,
    /// The envelope version.
    pub version: u32,
    /// When it was saved, in milliseconds since the epoch.
    pub saved_at: f64,
    /// A counter that grows with each save, so a second tab can tell a newer save.
    pub revision: u64,
    /// The issue as canonical Markdown.
    pub markdown: String,
}

/// Why a stored draft could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Not JSON, or not our envelope (truncated, hand-edited, another app's key).
    Corrupt(String),
    /// Written by a newer version of Jianbao than this one.
    Newer(u32),
}

/// Reads a stored draft, migrating older envelopes.
pub fn read_draft(raw: &str) -> Result<DraftV1, ReadProblem> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
        version: Option<u32>,
    }
    let probe: Probe = serde_json::from_str(raw).map_err(|e| ReadProblem::Corrupt(e.to_string()))?;
    if probe.format.as_deref() != Some("jianbao-draft") {
        return Err(ReadProblem::Corrupt("不是简报编辑器的草稿".into()));
    }
    match probe.version {
        Some(DRAFT_VERSION) => serde_json::from_str(raw).map_err(|e| ReadProblem::Corrupt(e.to_string())),
        Some(newer) if newer > DRAFT_VERSION => Err(ReadProblem::Newer(newer)),
        other => Err(ReadProblem::Corrupt(format!("未知的版本 {other:?}"))),
    }
}
