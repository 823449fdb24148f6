//! The pure core of Jianbao: values in, values out.
//!
//! Architecture invariant: nothing under `core` uses `web_sys`, `wasm_bindgen`, `leptos`,
//! `gloo_*` or any storage; `tests/core_is_pure.rs` checks this by reading the sources.

#![warn(missing_docs)]

pub mod archive;
pub mod count;
pub mod docx_in;
pub mod edit;
pub mod format;
pub mod history;
pub mod ingest;
pub mod issue;
pub mod merge;
pub mod ondemand;
pub mod publish;
pub mod render;
pub mod sample;
pub mod word;

pub use issue::{
    chinese_numeral, Column, Date, Distribution, Footer, Id, Issue, IssueStyle, Item, Masthead, Place, Section, Status,
    TocEntry, DISTRIBUTION_LABELS,
};
