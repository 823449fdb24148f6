//! Jianbao (简报编辑器): an editor for Chinese periodic bulletins that runs entirely in
//! the browser.
//!
//! The crate has a pure core and thin edges:
//! - [`core`]: the issue model, the Markdown format, the HTML renderer, paste cleanup and
//!   counts. Plain Rust, no browser, no storage; tested natively.
//! - [`store`]: the stored shapes and the drafts over a key-value storage, tested natively
//!   over an in-memory one; `store::local`, the localStorage edge, is wasm32 only.
//! - `ui` (wasm32 only): the Leptos components.
//!
//! See ARCHITECTURE.md for the code map and the invariants.

#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;

pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
