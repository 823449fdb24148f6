//! What the editor asks of the code it loads on demand, and what that code answers.
//!
//! The archive's statistics and search, and the paste cleanup with its HTML-to-Markdown
//! conversion, run in web workers (`src/bin/archive_worker.rs`, `src/bin/paste_worker.rs`)
//! that the editor starts the first time they are needed, so that their code is not part
//! of the first load. The page and a worker exchange one JSON text each way: a request
//! here, and its answer. The page only builds requests and reads answers (serde's code for
//! these types); the work itself ([`archive::Worker::handle`], [`paste::Worker::handle`])
//! is linked into the workers alone.
//!
//! Both sides are plain Rust, so `tests/ondemand.rs` checks every request natively: it
//! goes through JSON, is handled, and its answer comes back through JSON equal to what the
//! core computes directly.

pub mod archive;
pub mod paste;

use serde::{de::DeserializeOwned, Serialize};

/// A value as the JSON text that crosses to or from a worker.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // The protocol's types are plain data (strings, numbers, lists): they always serialise.
    serde_json::to_string(value).unwrap_or_default()
}

/// A value read back from the JSON text that crossed, or a message saying it could not be.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| format!("应答无法解析（{error}）"))
}
