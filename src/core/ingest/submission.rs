//! A contributor's submission file: a small Markdown file with front matter, and the
//! checks the paste dialog makes on pasted text (near-duplicates, whole bulletins).
//!
//! The file reads:
//!
//! ```text
//! ---
//! title: 某区科协举办科普讲座
//! sources: 某区科协、某学会
//! contributor: 张三
//! date: 2024-03-15
//! ---
//!
//! 正文……
//! ```
//!
//! Every value is one line: a backslash is written `\\`, a line feed `\n` and a carriage
//! return `\r`, so that [`parse`] reads back exactly what [`to_file`] wrote. Keys that
//! [`parse`] does not know are ignored, so a later version can add fields.

use super::{clean, Submission};
use crate::core::format::normalize::{body, one_line, split_sources_loose};

/// The fields of a submission file and its body, as the contributor typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contribution {
    /// The item's title.
    pub title: String,
    /// The contributing units, as typed (separated by `、`).
    pub sources: String,
    /// Who sent the submission.
    pub contributor: String,
    /// The date the contributor gave, as typed (ISO `2024-03-15` by default).
    pub date: String,
    /// The text, in Markdown.
    pub body: String,
}

/// The line that opens and closes the front matter.
const FENCE: &str = "---";

/// Escapes a value so that it fits on one line.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// Reverses [`escape`]; a backslash before any other character stays as written.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes a contribution as a submission file: the front matter, a blank line, the body.
pub fn to_file(contribution: &Contribution) -> String {
    let mut out = String::new();
    out.push_str(FENCE);
    out.push('\n');
    for (key, value) in [
        ("title", &contribution.title),
        ("sources", &contribution.sources),
        ("contributor", &contribution.contributor),
        ("date", &contribution.date),
    ] {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&escape(value));
        out.push('\n');
    }
    out.push_str(FENCE);
    out.push_str("\n\n");
    out.push_str(&contribution.body);
    out
}

/// Reads a submission file, or None when the text does not start with front matter (a
/// `---` line, `key: value` lines, and a closing `---` line).
///
/// A file saved with Windows line ends (its first line `---\r\n`) is read with `\n`.
pub fn parse(text: &str) -> Option<Contribution> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let owned;
    let text = if text.starts_with("---\r\n") {
        owned = text.replace("\r\n", "\n");
        owned.as_str()
    } else {
        text
    };
    let rest = text.strip_prefix("---\n")?;
    let mut contribution = Contribution::default();
    let mut offset = 0;
    let mut seen_key = false;
    loop {
        let line_end = rest[offset..].find('\n').map(|n| offset + n);
        let line = &rest[offset..line_end.unwrap_or(rest.len())];
        let next = line_end.map_or(rest.len(), |n| n + 1);
        if line == FENCE {
            if !seen_key {
                return None;
            }
            let after = &rest[next..];
            contribution.body = after.strip_prefix('\n').unwrap_or(after).to_string();
            return Some(contribution);
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return None;
        }
        let value = unescape(value.strip_prefix(' ').unwrap_or(value));
        seen_key = true;
        match key {
            "title" => contribution.title = value,
            "sources" => contribution.sources = value,
            "contributor" => contribution.contributor = value,
            "date" => contribution.date = value,
            _ => {}
        }
        line_end?;
        offset = next;
    }
}

/// Whether a text starts with submission front matter.
pub fn has_front_matter(text: &str) -> bool {
    parse(text).is_some()
}

impl Contribution {
    /// The contribution as a detected submission: title, body and sources cleaned with
    /// every rule except those named in `disabled`, sources split on `、`, `，` and `,`.
    pub fn to_submission(&self, disabled: &[&str]) -> Submission {
        let mut fired = Vec::new();
        let mut line = |text: &str| {
            let cleaned = clean(text, disabled);
            for name in cleaned.fired {
                if !fired.contains(&name) {
                    fired.push(name);
                }
            }
            cleaned.text
        };
        let title = one_line(&line(&self.title));
        let text = body(&line(&self.body));
        let sources = split_sources_loose(&line(&self.sources));
        super::in_rules_order(&mut fired);
        Submission {
            title,
            body: text,
            sources,
            fired,
            removed: Vec::new(),
        }
    }

    /// The name of the file a contributor downloads: `投稿-<title>.md`, with characters
    /// that file systems refuse replaced by `_`.
    pub fn file_name(&self) -> String {
        let title: String = one_line(&self.title)
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .take(60)
            .collect();
        if title.is_empty() {
            "投稿.md".to_string()
        } else {
            format!("投稿-{title}.md")
        }
    }
}

/// The characters that count for similarity: letters, digits and CJK, not spaces or
/// punctuation, so that reflowed or re-punctuated copies still match.
fn significant(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| c.is_alphanumeric())
}

/// A text's set of character bigrams (over [`significant`] characters), made once to be
/// compared with many texts: the paste dialog compares one pasted body, which may be
/// megabytes long, with every item of the issue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint(std::collections::HashSet<(char, char)>);

impl Fingerprint {
    /// The fingerprint of a text.
    pub fn of(text: &str) -> Fingerprint {
        let mut set = std::collections::HashSet::new();
        let mut previous = None;
        for c in significant(text) {
            if let Some(p) = previous {
                set.insert((p, c));
            }
            previous = Some(c);
        }
        Fingerprint(set)
    }

    /// [`similarity`] of the two texts.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() && b.is_empty() {
            return 0.0;
        }
        let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let shared = small.iter().filter(|bigram| large.contains(bigram)).count();
        let all = a.len() + b.len() - shared;
        shared as f64 / all as f64
    }

    /// Whether `text` is a near-duplicate of the fingerprinted text ([`is_near_duplicate`]).
    ///
    /// A text with too few characters to reach the threshold is rejected without making
    /// its fingerprint: the shared bigrams are at most the smaller set, and the union at
    /// least the larger, so the similarity is at most their ratio.
    pub fn is_near_duplicate_of(&self, text: &str) -> bool {
        let most = significant(text).count().saturating_sub(1);
        if (most as f64) < DUPLICATE_THRESHOLD * self.0.len() as f64 {
            return false;
        }
        self.similarity(&Fingerprint::of(text)) >= DUPLICATE_THRESHOLD
    }
}

/// How alike two texts are, from 0 (nothing shared) to 1 (the same): the Jaccard index
/// of their sets of character bigrams, over letters, digits and CJK characters only.
/// Texts without any bigram (empty, or one character) are alike to nothing (0).
pub fn similarity(a: &str, b: &str) -> f64 {
    Fingerprint::of(a).similarity(&Fingerprint::of(b))
}

/// The similarity at or above which the paste dialog warns of a near-duplicate.
pub const DUPLICATE_THRESHOLD: f64 = 0.8;

/// Whether two bodies are near-duplicates ([`similarity`] at least
/// [`DUPLICATE_THRESHOLD`]); two empty bodies are not.
pub fn is_near_duplicate(a: &str, b: &str) -> bool {
    similarity(a, b) >= DUPLICATE_THRESHOLD
}

/// Whether pasted text reads like a whole bulletin rather than one item: two or more
/// `【栏目】` heading lines, or one heading line with a masthead issue line (`第3期`) or
/// a footer line (`编辑：`, `审核：`), or a masthead issue line with a footer line, a
/// table of contents (`目录`, `本期要目`…) or a distribution line (`报：`, `送：`, `发：`…).
pub fn looks_like_bulletin(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let headings = lines
        .iter()
        .filter(|l| {
            let l = l.trim_start_matches('#').trim();
            l.starts_with('【') && l.ends_with('】') && l.chars().nth(20).is_none()
        })
        .count();
    let footer = lines.iter().any(|l| {
        l.starts_with("编辑：") || l.starts_with("编辑:") || l.starts_with("审核：") || l.starts_with("审核:")
    });
    let masthead = lines.iter().take(5).any(|l| {
        // At most 30 characters besides white space; a longer line is not read further.
        let l: String = l.chars().filter(|c| !c.is_whitespace()).take(31).collect();
        l.contains('第') && l.contains('期') && l.chars().nth(30).is_none()
    });
    let toc_or_distribution = lines.iter().any(|l| {
        let bare = l.trim_end_matches(['：', ':']);
        crate::core::format::is_toc_heading(bare)
            || super::text::DISTRIBUTION_LABELS
                .iter()
                .any(|label| super::text::after_key(l, label).is_some())
    });
    headings >= 2 || (headings >= 1 && (footer || masthead)) || (masthead && (footer || toc_or_distribution))
}
