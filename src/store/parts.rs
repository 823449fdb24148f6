//! Version 3 of the stored issue: per-part records, so that a save writes only what
//! changed. Pure: the shapes, their names and hashes, cutting an issue into parts and
//! putting the canonical Markdown back together.
//!
//! An issue `<draft>` is stored as
//! - one record per item, `jianbao:part:<draft>:<item id>.<revision>.<hash>`: the item's
//!   canonical Markdown ([`ItemPart`]);
//! - one record for the rest, `jianbao:part:<draft>:r.<revision>.<hash>`: the masthead,
//!   the section and column headings, the footer, and the sections' item ids in order
//!   ([`RestPart`]);
//! - the head, `jianbao:issue:<draft>` (the key version 2 kept the whole issue in),
//!   written last: the revision and the names of the parts that make it up ([`Head`]).
//!
//! A part's name holds the revision of the save that first wrote it and ends with a short
//! hash of its stored text, so a changed part is written under a new key and the previous
//! generation's parts stay valid until the new head names the new ones: a save stopped midway leaves the previous head and every part it
//! names intact. The head also names the previous generation, whose parts are kept until
//! the next save, so that a part lost after its head was written (removed by hand, by
//! another tab, or corrupted) falls back to the last complete set rather than to half an
//! issue. A part that no head names and whose revision is older than the head's was left
//! by a save that stopped: no save in progress writes one (it writes the head's revision
//! plus one, or, racing another tab, the head's own), so start-up removes it safely.

use crate::core::format::pieces;
use crate::core::issue::{Id, Issue, Item};
use serde::{Deserialize, Serialize};

/// The version of the head and the parts.
pub const PARTS_VERSION: u32 = 3;
/// The format name of the head (the same as version 2's whole record, at the same key).
pub const HEAD_FORMAT: &str = "jianbao-issue";
/// The format name of an item's part.
pub const ITEM_FORMAT: &str = "jianbao-item";
/// The format name of the rest's part.
pub const REST_FORMAT: &str = "jianbao-rest";
/// The prefix of every part's key.
pub const PART_PREFIX: &str = "jianbao:part:";

/// The parts that make up one saved version of an issue, by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartSet {
    /// The rest's part (`r.<revision>.<hash>`).
    pub rest: String,
    /// Each item's part (`<item id>.<revision>.<hash>`), by item id, in print order.
    pub items: Vec<(Id, String)>,
}

impl PartSet {
    /// Every part name in the set.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.rest.as_str()).chain(self.items.iter().map(|(_, name)| name.as_str()))
    }
}

/// The previous complete version, kept named in the head until the next save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Generation {
    /// Its revision.
    pub revision: u64,
    /// Its parts.
    pub parts: PartSet,
}

/// The head of a stored issue (version 3), written after every part it names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// Always [`HEAD_FORMAT`].
    pub format: String,
    /// Always [`PARTS_VERSION`].
    pub version: u32,
    /// The draft's id.
    pub id: String,
    /// Grows with every save of this issue, in any tab.
    pub revision: u64,
    /// When it was saved, in milliseconds since the epoch.
    pub saved_at: f64,
    /// The item that was open, as its position in print order.
    #[serde(default)]
    pub open_item: Option<usize>,
    /// When the issue's newest snapshot was taken, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_at: Option<f64>,
    /// The parts of this version.
    pub parts: PartSet,
    /// The previous version's parts, kept until the next save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Generation>,
}

/// One item's part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemPart {
    /// Always [`ITEM_FORMAT`].
    pub format: String,
    /// Always [`PARTS_VERSION`].
    pub version: u32,
    /// The item's canonical Markdown as it stands in a section (`###`), from the line
    /// break that separates it from what precedes it.
    pub markdown: String,
}

/// A column's place in the rest's part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnPart {
    /// The column's id.
    pub id: Id,
    /// Its heading's Markdown.
    pub heading: String,
    /// Its items' ids, in order.
    pub items: Vec<Id>,
}

/// A section's place in the rest's part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionPart {
    /// The section's id.
    pub id: Id,
    /// Its heading's Markdown (empty for an unnamed lead).
    pub heading: String,
    /// Its own items' ids, in order.
    pub items: Vec<Id>,
    /// Its columns.
    pub columns: Vec<ColumnPart>,
}

/// Everything but the items: masthead, headings, footer and the order of the items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestPart {
    /// Always [`REST_FORMAT`].
    pub format: String,
    /// Always [`PARTS_VERSION`].
    pub version: u32,
    /// The masthead's Markdown, from the start of the file.
    pub masthead: String,
    /// The sections in order.
    pub sections: Vec<SectionPart>,
    /// The footer's Markdown (empty when there is none).
    pub footer: String,
}

/// A fast non-cryptographic hash of a text (FxHash eight bytes at a time, then a final
/// mix): it tells parts and versions apart and catches a damaged or swapped part; it is
/// no defence against anyone forging one.
pub fn hash(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &byte in chunks.remainder() {
        hash = (hash.rotate_left(5) ^ byte as u64).wrapping_mul(K);
    }
    // The finaliser of MurmurHash3: every input bit reaches every output bit.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// The short hash written into a part's name: 48 bits, twelve hex digits.
pub fn short_hash(text: &str) -> String {
    format!("{:012x}", hash(text) >> 16)
}

/// The key of a part of draft `draft`.
pub fn part_key(draft: &str, name: &str) -> String {
    format!("{PART_PREFIX}{draft}:{name}")
}

/// The prefix of every part key of draft `draft`.
pub fn part_prefix(draft: &str) -> String {
    format!("{PART_PREFIX}{draft}:")
}

/// Whether the stored text `value` is the part `name` says it is (its hash matches).
pub fn part_matches(name: &str, value: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, h)| h == short_hash(value))
}

/// The revision in a part's name.
pub fn part_revision(name: &str) -> Option<u64> {
    name.split('.').nth(1)?.parse().ok()
}

/// An item's stored part as a save at `revision` writes it: its JSON text and its name.
pub fn item_part(item: &Item, revision: u64) -> (String, String) {
    let part = ItemPart {
        format: ITEM_FORMAT.into(),
        version: PARTS_VERSION,
        markdown: pieces::item(item),
    };
    let value = serde_json::to_string(&part).expect("a part serialises");
    let name = format!("{}.{revision}.{}", item.id, short_hash(&value));
    (value, name)
}

/// The rest of an issue as its part.
pub fn rest_part(issue: &Issue) -> RestPart {
    let sections = issue
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| SectionPart {
            id: section.id,
            heading: pieces::section_heading(issue, index),
            items: section.items.iter().map(|item| item.id).collect(),
            columns: section
                .columns
                .iter()
                .map(|column| ColumnPart {
                    id: column.id,
                    heading: pieces::column_heading(column),
                    items: column.items.iter().map(|item| item.id).collect(),
                })
                .collect(),
        })
        .collect();
    RestPart {
        format: REST_FORMAT.into(),
        version: PARTS_VERSION,
        masthead: pieces::masthead(&issue.masthead),
        sections,
        footer: pieces::footer(issue),
    }
}

/// The rest's part as a save at `revision` writes it: its JSON text and its name.
pub fn rest_value(rest: &RestPart, revision: u64) -> (String, String) {
    let value = serde_json::to_string(rest).expect("a part serialises");
    let name = format!("r.{revision}.{}", short_hash(&value));
    (value, name)
}

/// Puts the canonical Markdown back together from the rest and the items' Markdown
/// (`item(id)`); `None` when an item the rest names is not given.
pub fn assemble<'a>(rest: &RestPart, item: impl Fn(Id) -> Option<&'a str>) -> Option<String> {
    let mut out = String::with_capacity(4096);
    out.push_str(&rest.masthead);
    for section in &rest.sections {
        out.push_str(&section.heading);
        for id in &section.items {
            out.push_str(item(*id)?);
        }
        for column in &section.columns {
            out.push_str(&column.heading);
            for id in &column.items {
                pieces::item_in_column(item(*id)?, &mut out);
            }
        }
    }
    out.push_str(&rest.footer);
    Some(out)
}

/// Gives an imported issue the ids its rest part names (import numbers everything
/// afresh), so that its items keep their parts' names from one load to the next. Does
/// nothing when the shapes differ.
pub fn restore_ids(issue: &mut Issue, rest: &RestPart) {
    let same_shape = issue.sections.len() == rest.sections.len()
        && issue.sections.iter().zip(&rest.sections).all(|(s, r)| {
            s.items.len() == r.items.len()
                && s.columns.len() == r.columns.len()
                && s.columns
                    .iter()
                    .zip(&r.columns)
                    .all(|(c, rc)| c.items.len() == rc.items.len())
        });
    let mut ids: Vec<Id> = rest
        .sections
        .iter()
        .flat_map(|s| {
            std::iter::once(s.id).chain(s.items.iter().copied()).chain(
                s.columns
                    .iter()
                    .flat_map(|c| std::iter::once(c.id).chain(c.items.iter().copied())),
            )
        })
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    if !same_shape || ids.len() != count {
        return;
    }
    for (section, r) in issue.sections.iter_mut().zip(&rest.sections) {
        section.id = r.id;
        for (item, id) in section.items.iter_mut().zip(&r.items) {
            item.id = *id;
        }
        for (column, rc) in section.columns.iter_mut().zip(&r.columns) {
            column.id = rc.id;
            for (item, id) in column.items.iter_mut().zip(&rc.items) {
                item.id = *id;
            }
        }
    }
}

/// Reads a stored rest's part.
pub fn read_rest(raw: &str) -> Result<RestPart, super::records::ReadProblem> {
    super::records::read_envelope(raw, REST_FORMAT, PARTS_VERSION)
}

/// Reads a stored item's part.
pub fn read_item(raw: &str) -> Result<ItemPart, super::records::ReadProblem> {
    super::records::read_envelope(raw, ITEM_FORMAT, PARTS_VERSION)
}

/// Reads a stored head.
pub fn read_head(raw: &str) -> Result<Head, super::records::ReadProblem> {
    super::records::read_envelope(raw, HEAD_FORMAT, PARTS_VERSION)
}
