//! Paragraph boundaries, as pasting gets them wrong both ways.
//!
//! PDF copying breaks paragraphs: at each line end of the PDF, and at each page end,
//! where a paragraph goes on after one or more blank lines (`提` / `高能力水平`,
//! `北京亦庄` / `智能城市研究院`). [`join_broken_lines`] joins them. A line continues into
//! the next when it does not end a sentence and both are plain text. Markdown structure
//! never joins (headings, lists, quotes, code, rules, tables, HTML), nor do footer lines
//! (`编辑：…`, `分送：…` and the recipients after it), nor a line that starts a new
//! paragraph by its look (`一、`, `（二）`, a date, a whole `（…）`). Across blank lines
//! two more things hold a break: a colon, which introduces what follows, and a short
//! title-like line standing alone, which is a heading.
//!
//! Word and web pages run paragraphs together: one line each, no blank line between.
//! [`split_paragraphs`] puts a blank line after each line that ends a sentence.

use super::text::{
    ends_clause, ends_colon, ends_sentence, is_bracketed_line, is_date_line, is_distribution_line, is_heading,
    is_key_line, is_markdown_structure, is_rule_line, is_title_like, lines_with_fences, starts_news_lead,
    starts_with_enumerator, TITLE_MAX_CHARS,
};
use std::borrow::Cow;

/// What a line of the output is, for the decisions about the lines after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Structure, footer or code: never joined.
    Fixed,
    /// A line of a paragraph.
    Text,
}

/// Whether a line is one that nothing joins into or out of.
fn is_fixed(line: &str) -> bool {
    is_markdown_structure(line) || is_key_line(line) || is_distribution_line(line) || is_date_line(line)
}

/// Whether a line can be the continuation of the line before it.
fn can_continue(line: &str) -> bool {
    !starts_with_enumerator(line) && !is_bracketed_line(line)
}

/// Whether a line is running text rather than (part of) a title: it holds sentence
/// punctuation, or is longer than a title. Both stay true when more text is joined on.
fn is_body_like(line: &str) -> bool {
    line.contains(['，', '。', '；', '！', '？', ',', ';'])
        || line
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(TITLE_MAX_CHARS)
            .is_some()
}

/// Whether a line ends with a Markdown hard break (a backslash, or two spaces).
fn hard_break(line: &str) -> bool {
    line.ends_with('\\') || line.ends_with("  ")
}

/// Joins `b` onto the end of `a`: no space between Chinese fragments, one space between
/// Latin words (`more` / `text`), none after a hyphen. `a` grows in place, so that a
/// paragraph of many broken lines is joined in time linear in its length.
fn join_onto(a: &mut String, b: &str) {
    a.truncate(a.trim_end().len());
    let b = b.trim_start();
    let last = a.chars().next_back();
    let first = b.chars().next();
    let latin_end = last.is_some_and(|c| c.is_ascii_graphic() && c != '-');
    let latin_start = first.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | '[' | '"' | '\''));
    if latin_end && latin_start {
        a.push(' ');
    }
    a.push_str(b);
}

/// Joins lines and paragraphs that a PDF broke; see the module documentation.
pub fn join_broken_lines(text: &str) -> Cow<'_, str> {
    let lines = lines_with_fences(text);
    let mut out: Vec<(String, Kind)> = Vec::with_capacity(lines.len());
    let mut changed = false;
    // After `分送：`, every line up to the next heading or rule is a recipient.
    let mut in_distribution = false;
    for (i, &(line, fenced)) in lines.iter().enumerate() {
        if fenced {
            out.push((line.to_string(), Kind::Fixed));
            continue;
        }
        if line.trim().is_empty() {
            out.push((line.to_string(), Kind::Blank));
            continue;
        }
        if is_heading(line) || is_rule_line(line) {
            in_distribution = false;
        } else if is_distribution_line(line) {
            in_distribution = true;
            out.push((line.to_string(), Kind::Fixed));
            continue;
        }
        if in_distribution || is_fixed(line) {
            out.push((line.to_string(), Kind::Fixed));
            continue;
        }
        let previous = out.iter().rposition(|(_, kind)| *kind != Kind::Blank);
        let join_at = previous.filter(|&j| {
            let (a, kind) = (&out[j].0, out[j].1);
            if kind != Kind::Text || ends_sentence(a) || hard_break(a) || !can_continue(line) {
                return false;
            }
            // Whether `a` is the first line of its paragraph.
            let first = j == 0 || out[j - 1].1 != Kind::Text;
            let blanks = out.len() - 1 - j;
            if blanks == 0 {
                // A title directly over its text stays a line of its own; a title broken
                // over two lines is joined. (Whether the next line is text is judged by
                // what stays true when more is joined to it, so a second run agrees.)
                // Nor is a title joined to a news text's first line (`4月2日，…`).
                return !(first && is_title_like(a) && (is_body_like(line) || starts_news_lead(line)));
            }
            // Whether `line` stands alone, a paragraph of one line.
            let alone = lines
                .get(i + 1)
                .is_none_or(|&(next, fenced)| fenced || next.trim().is_empty() || is_fixed(next));
            let heading_above = first && is_title_like(a);
            let heading_below = alone && is_title_like(line) && !ends_clause(a);
            !ends_colon(a) && !heading_above && !heading_below
        });
        match join_at {
            Some(j) => {
                out.truncate(j + 1);
                join_onto(&mut out[j].0, line);
                changed = true;
            }
            None => out.push((line.to_string(), Kind::Text)),
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = out.into_iter().map(|(line, _)| line).collect();
    Cow::Owned(lines.join("\n"))
}

/// A line that ends a sentence and is followed directly by another line of text ends its
/// paragraph: a blank line goes between them. So does a line ending with a colon before
/// a line that starts with an enumerator (`会议要求：` / `一、…`). Word and web pages copy paragraphs as
/// single lines with no blank line between them, which Markdown would run together.
///
/// This runs after [`join_broken_lines`], so the lines it sees are whole: a PDF line
/// broken mid-sentence has already been joined to the next.
pub fn split_paragraphs(text: &str) -> Cow<'_, str> {
    let mut out: Vec<&str> = Vec::new();
    let mut changed = false;
    let mut in_distribution = false;
    // The line before, when it was a line of running text.
    let mut previous: Option<&str> = None;
    for (line, fenced) in lines_with_fences(text) {
        let mut plain = !fenced && !line.trim().is_empty();
        if plain {
            if is_heading(line) || is_rule_line(line) {
                in_distribution = false;
            } else if is_distribution_line(line) {
                in_distribution = true;
            }
            plain = !in_distribution && !is_fixed(line);
        }
        if let (true, Some(a)) = (plain, previous) {
            let ends = ends_sentence(a) || (ends_colon(a) && starts_with_enumerator(line));
            if ends && !hard_break(a) {
                out.push("");
                changed = true;
            }
        }
        out.push(line);
        previous = plain.then_some(line);
    }
    if changed {
        Cow::Owned(out.join("\n"))
    } else {
        Cow::Borrowed(text)
    }
}
