//! The sample issue a first-time user sees: our own text, in the shape of a real 简报.

use crate::core::format::import;
use crate::core::Issue;

/// The sample issue as canonical Markdown.
pub const SAMPLE_MARKDOWN: &str = include_str!("sample.md");

/// The sample issue, imported from [`SAMPLE_MARKDOWN`].
pub fn sample_issue() -> Issue {
    import(SAMPLE_MARKDOWN).0
}
