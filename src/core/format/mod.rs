//! The canonical Markdown form of an issue, and reading bulletins written by others.
//!
//! `docs/FORMAT.md` describes the format for people; this module is its definition.
//! In short:
//!
//! ```text
//! # 科协工作简报                      masthead: the bulletin's name
//! 2024年第3期（总第41期）             the issue line
//! 某市科协办公室                      the issuing office
//! 2024年3月15日                       the date
//! ### 一项头条稿件                    items before any section: the lead
//! ## 【学会动态】                     a section
//! ### 稿件标题 <!-- 状态：已审 -->     an item (status in a comment when not 收稿)
//! （甲学会、乙中心）                  its sources, the item's last paragraph
//! ### 青年沙龙 <!-- 子栏目 -->         a sub-column; its items are `####`
//! ---                                  the footer: 编辑：, 审核：, 签发：, 分送：…
//! ```
//!
//! Export then import gives back the same issue for every issue in canonical form
//! ([`normalize`]); import is total: it returns an issue and warnings, never an error,
//! and never drops text silently.

/// Formatting commands for the body's text box (bold, italic, lists, a link).
pub mod commands;
mod escape;
mod export;
mod import;
mod numbers;

pub use export::{export, pieces};
pub use import::{import, is_footer_start, is_toc_heading, Warning};
pub use normalize::normalize;
pub use numbers::{parse_copies, parse_issue_line, split_trailing_date};

pub mod normalize;
