//! The year's work: counting adopted items per unit (供稿统计) and searching past issues.
//!
//! Everything here works on issues already in memory ([`crate::core::Issue`]); where they
//! come from (the browser's archive, Markdown files on the command line) is the edges'
//! business. Chinese text has no word boundaries, so search matches substrings; full-width
//! and half-width forms count as the same character everywhere ([`fold`]).

pub mod csv;
pub mod fold;
pub mod numbering;
pub mod page;
pub mod search;
pub mod stats;

pub use fold::{fold, unit_key};
pub use search::{Hit, Piece, SearchIndex, Similar};
pub use stats::{count, Aliases, Period, Query, Report};
