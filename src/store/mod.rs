//! Storage: the versioned stored shapes, the drafts over a key-value storage (pure,
//! native-tested), and the localStorage edge.
//!
//! Architecture invariant: nothing else writes to storage, and nothing here knows about
//! the UI. Every call that touches the storage is fallible and returns a typed error; a
//! failed write never touches the previous stored copy.

pub mod archive;
pub mod drafts;
pub mod kv;
pub mod parts;
pub mod records;

#[cfg(target_arch = "wasm32")]
pub mod local;
#[cfg(target_arch = "wasm32")]
pub mod published;
