//! Paste anything, get a clean item: the cleanup of text copied from PDFs, Word and web
//! pages, and the detection of a submission's title and sources.
//!
//! Code map:
//! - `rules`: the table of named rules, [`RULES`], and the small ones (layout white
//!   space, invisible characters, full-width letters, page numbers, blank lines);
//! - `spacing`: spaces and punctuation in Chinese text;
//! - `digits`: spaces between Chinese characters and Arabic numerals;
//! - `join`: paragraph boundaries (paragraphs a PDF broke, paragraphs Word ran together);
//! - `plain`: whole bulletins as plain text, given their Markdown structure;
//! - [`web`]: articles copied from a 公众号 or another web page (by-line, buttons,
//!   credits and `END` moved out, `来源：` and `文/图：` lines read as sources);
//! - `text`: what the rules know about characters and Markdown lines;
//! - `detect`: a submission's title, body and sources ([`detect()`], [`to_item`]);
//! - [`html`]: pasted HTML (a simplified tree the UI reads off the DOM) as Markdown;
//! - [`submission`]: a contributor's submission file (front matter and body), and the
//!   paste dialog's checks (near-duplicates, whole bulletins);
//! - [`batch`]: the same near-duplicate checks for several submissions at once (Word
//!   files imported together), against the open issue, each other and the archive.
//!
//! [`clean`] runs the rules in order, repeats until the text no longer changes, and says
//! which rules fired, so that the editor can show them and switch one off.
//! [`import_bulletin`] reads a whole bulletin written by others and cleans every item.
//!
//! Architecture invariant: every rule is idempotent and removes no text, only layout
//! (white space, page-number lines, invisible characters); `clean(clean(x)) == clean(x)`.
//! Cleaning an issue already in canonical, clean form changes nothing.

pub mod batch;
mod detect;
mod digits;
pub mod html;
mod join;
mod plain;
mod rules;
mod spacing;
pub mod submission;
mod text;
pub mod web;

pub use detect::{detect, detect_with, to_item, Submission};
pub use plain::plain_bulletin_markdown;
pub use rules::{rule, Rule, RULES};
pub use submission::{has_front_matter, looks_like_bulletin, similarity, Contribution};

use crate::core::format::normalize::{body, one_line};
use crate::core::format::{import, Warning};
use crate::core::issue::Issue;

/// The result of [`clean`]: the text, and the names of the rules that changed it, in the
/// order of [`RULES`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned text, with `\n` line ends.
    pub text: String,
    /// The names of the rules that changed something.
    pub fired: Vec<&'static str>,
}

/// How many times [`clean`] runs the rules at most. A rule can give work to an earlier
/// one (joining two lines can put a half-width comma beside Chinese text), so the rules
/// run again until nothing changes; two or three rounds are the most any text needs.
const MAX_ROUNDS: usize = 8;

/// Adds a rule's name to a list in [`RULES`] order, once.
fn note(fired: &mut Vec<&'static str>, name: &'static str) {
    if !fired.contains(&name) {
        fired.push(name);
        in_rules_order(fired);
    }
}

/// Puts rule names in [`RULES`] order (names of no rule first, as they came). Rebuilt from
/// the table rather than sorted: each sort of a new element type adds its own copy of the
/// standard library's sort to the browser build (a few KB each).
pub(crate) fn in_rules_order(fired: &mut Vec<&'static str>) {
    let mut ordered: Vec<&'static str> = fired
        .iter()
        .copied()
        .filter(|name| !RULES.iter().any(|rule| rule.name == *name))
        .collect();
    ordered.extend(RULES.iter().map(|rule| rule.name).filter(|name| fired.contains(name)));
    *fired = ordered;
}

/// Cleans pasted text with every rule except those named in `disabled` (names that no
/// rule has are ignored).
///
/// Line ends become `\n` and a leading byte-order mark goes before any rule runs: they
/// are transport, not text, and no rule reports them.
pub fn clean(text: &str, disabled: &[&str]) -> Cleaned {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut current = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut fired = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for rule in RULES.iter().filter(|rule| !disabled.contains(&rule.name)) {
            let next = match (rule.apply)(&current) {
                std::borrow::Cow::Borrowed(_) => continue,
                std::borrow::Cow::Owned(next) => next,
            };
            if next != current {
                note(&mut fired, rule.name);
                current = next;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    Cleaned { text: current, fired }
}

/// Cleans a one-line field (a title, a source): the rules, then one line, trimmed.
fn clean_line(text: &str, fired: &mut Vec<&'static str>) -> String {
    let cleaned = clean(text, &[]);
    for name in cleaned.fired {
        note(fired, name);
    }
    one_line(&cleaned.text)
}

/// Imports a bulletin written by others ([`import`]; plain text without Markdown
/// headings first goes through [`plain_bulletin_markdown`]) and cleans every item's title, body
/// and sources with every rule. Returns the issue, import's warnings, and the names of
/// the rules that fired.
///
/// `import` itself stays exact, so that our own Markdown reads back as written; cleaning
/// an issue that is already clean changes nothing, so this is safe on it too.
pub fn import_bulletin(text: &str) -> (Issue, Vec<Warning>, Vec<&'static str>) {
    // Plain text in a bulletin's shape is given its Markdown structure first.
    let structured = plain_bulletin_markdown(text);
    let (mut issue, warnings) = import(structured.as_deref().unwrap_or(text));
    let mut fired = Vec::new();
    for section in &mut issue.sections {
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            item.title = clean_line(&item.title, &mut fired);
            let cleaned = clean(&item.body, &[]);
            for name in cleaned.fired {
                note(&mut fired, name);
            }
            item.body = body(&cleaned.text);
            item.sources = item
                .sources
                .iter()
                .map(|source| clean_line(source, &mut fired))
                .filter(|source| !source.is_empty())
                .collect();
        }
    }
    (issue, warnings, fired)
}
