//! Storage: the versioned stored shapes (pure, native-tested) and the localStorage edge.
//!
//! Architecture invariant: nothing else writes to storage, and nothing here knows about
//! the UI. Every call that touches the browser is fallible and returns a typed error; a
//! failed write never touches the previous stored copy.

pub mod archive;
pub mod records;

#[cfg(target_arch = "wasm32")]
pub mod local;
#[cfg(target_arch = "wasm32")]
pub mod published;
