//! A pasted submission taken apart: its title, its body and its sources.
//!
//! The title is the first line when it is a heading (`# …`, any level) or reads like
//! one: short (at most 40 characters), with no sentence punctuation. The sources are read
//! off the end: a last line that is all brackets (`（甲、乙）`, `(甲)`, `（甲供稿）`), a
//! last line `来源：…` or `供稿：…`, or brackets closing the last paragraph after
//! sentence-final punctuation (`…成功举办。（甲）`). They are split on `、`, `，` and `,`.
//! Brackets that hold a sentence, `（完）` or `（待续）` are not sources.

use super::text::{
    after_key, ends_sentence, heading_text, is_bracketed_line, is_date_line, is_distribution_line, is_key_line,
    is_markdown_structure, is_title_like,
};
use super::{clean, web};
use crate::core::format::normalize::{body, one_line, split_sources_loose};
use crate::core::issue::{Item, Status};
use serde::Serialize;

/// A submission after cleanup and detection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Submission {
    /// The title, one line; empty when the text does not start with one.
    pub title: String,
    /// The text, in Markdown, without the title and the sources.
    pub body: String,
    /// The contributing units, in order.
    pub sources: Vec<String>,
    /// The names of the cleanup rules that changed the text, in the order of
    /// [`RULES`](super::RULES).
    pub fired: Vec<&'static str>,
    /// Lines moved out of a web article (by-line, buttons, credits; see [`super::web`]),
    /// as they were: shown to the editor, who can put them back.
    pub removed: Vec<String>,
}

impl Submission {
    /// The submission as Markdown, as an item reads in an issue: `### title`, the body,
    /// then the sources as `（甲、乙）`; parts that are empty are left out.
    pub fn to_markdown(&self) -> String {
        let mut blocks = Vec::new();
        if !self.title.is_empty() {
            blocks.push(format!("### {}", self.title));
        }
        if !self.body.is_empty() {
            blocks.push(self.body.clone());
        }
        if !self.sources.is_empty() {
            blocks.push(format!("（{}）", self.sources.join("、")));
        }
        let mut out = blocks.join("\n\n");
        out.push('\n');
        out
    }
}

/// Cleans a pasted submission with every rule and takes it apart.
pub fn detect(text: &str) -> Submission {
    detect_with(text, &[])
}

/// Cleans a pasted submission with every rule except those named in `disabled`, and
/// takes it apart.
pub fn detect_with(text: &str, disabled: &[&str]) -> Submission {
    if !disabled.contains(&web::NAME) {
        if let Some(copy) = web::take_apart(text) {
            return from_web_copy(copy, disabled);
        }
    }
    let cleaned = clean(text, disabled);
    let lines: Vec<&str> = cleaned.text.split('\n').collect();
    let (title, rest) = split_title(&lines);
    let (body_lines, sources) = split_sources(rest);
    Submission {
        title,
        body: body(&body_lines.join("\n")),
        sources,
        fired: cleaned.fired,
        removed: Vec::new(),
    }
}

/// A web article's submission: its title and the sources of its `来源：` lines as the web
/// step found them, the rest cleaned as usual. A web page's blank line is a paragraph
/// break, so paragraphs are not joined across it as a PDF's are.
fn from_web_copy(copy: web::WebCopy, disabled: &[&str]) -> Submission {
    let mut disabled = disabled.to_vec();
    disabled.push("join-broken-lines");
    let title = clean(&copy.title, &disabled);
    let cleaned = clean(&copy.text, &disabled);
    let lines: Vec<&str> = cleaned.text.split('\n').collect();
    let (body_lines, mut sources) = split_sources(&lines);
    sources.splice(0..0, copy.sources);
    sources.dedup();
    let mut fired = vec![web::NAME];
    fired.extend(title.fired.iter().chain(&cleaned.fired));
    fired.sort_by_key(|n| super::RULES.iter().position(|r| r.name == *n));
    fired.dedup();
    Submission {
        title: one_line(&title.text),
        body: body(&body_lines.join("\n")),
        sources,
        fired,
        removed: copy.removed,
    }
}

/// The submission as an item of an issue (id 0, status 收稿): the caller gives it an id.
pub fn to_item(submission: &Submission) -> Item {
    Item {
        id: 0,
        title: submission.title.clone(),
        body: submission.body.clone(),
        sources: submission.sources.clone(),
        status: Status::Received,
    }
}

/// The title and the lines after it.
fn split_title<'a>(lines: &'a [&'a str]) -> (String, &'a [&'a str]) {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return (String::new(), lines);
    };
    let line = lines[first];
    if let Some(text) = heading_text(line) {
        return (one_line(text), &lines[first + 1..]);
    }
    let plain = !is_markdown_structure(line)
        && !is_key_line(line)
        && !is_distribution_line(line)
        && !is_date_line(line)
        && !is_bracketed_line(line);
    if plain && is_title_like(line) {
        let text = line.trim();
        let unbolded = text
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
            .filter(|t| !t.is_empty() && !t.contains("**"))
            .unwrap_or(text);
        return (one_line(unbolded), &lines[first + 1..]);
    }
    (String::new(), &lines[first..])
}

/// Keys that introduce the sources on a line of their own.
const SOURCE_KEYS: [&str; 5] = ["来源", "供稿", "稿件来源", "供稿单位", "信息来源"];

/// Bracketed endings that are not sources: `（完）`, `（待续）`.
const NOT_SOURCES: [&str; 5] = ["完", "全文完", "待续", "未完待续", "续"];

/// The sources a bracket's inside names, when it names any.
fn sources_in(inner: &str) -> Option<Vec<String>> {
    let mut inner = inner.trim();
    for key in SOURCE_KEYS {
        if let Some(rest) = after_key(inner, key) {
            inner = rest.trim();
        }
    }
    let inner = inner.strip_suffix("供稿").unwrap_or(inner).trim();
    let plausible = !inner.is_empty()
        && inner.chars().nth(120).is_none()
        && !NOT_SOURCES.contains(&inner)
        && !inner.contains(['（', '）', '(', ')', '。', '！', '？', '；', '：']);
    if !plausible {
        return None;
    }
    let sources = split_sources_loose(inner);
    (!sources.is_empty()).then_some(sources)
}

/// The inside of brackets that close `line`, and the text before them.
fn closing_brackets(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end();
    let (open, close) = if line.ends_with('）') {
        ('（', '）')
    } else {
        ('(', ')')
    };
    let body = line.strip_suffix(close)?;
    let at = body.rfind(open)?;
    Some((&line[..at], &body[at + open.len_utf8()..]))
}

/// Whether a line is a footnote kept at the end of an item (`[注1] 文字`, as the Word
/// reader writes them).
fn is_note_line(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("[注")
        .and_then(|rest| rest.split_once(']'))
        .is_some_and(|(number, _)| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
}

/// The body's lines without the sources, and the sources. Footnotes at the end (see
/// [`is_note_line`]) stay at the end of the body: the sources are looked for before them.
fn split_sources(lines: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut kept: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut notes: Vec<String> = Vec::new();
    loop {
        while kept.last().is_some_and(|l| l.trim().is_empty()) {
            notes.push(kept.pop().unwrap_or_default());
        }
        if kept.len() > 1 && kept.last().is_some_and(|l| is_note_line(l)) {
            notes.push(kept.pop().unwrap_or_default());
        } else {
            break;
        }
    }
    notes.reverse();
    let (mut body, sources) = split_trailing_sources(kept);
    let first_note = notes.iter().position(|l| !l.trim().is_empty());
    if let Some(first) = first_note {
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
        body.push(String::new());
        body.extend(notes.drain(first..));
    }
    (body, sources)
}

/// The lines without sources in their last line, and the sources.
fn split_trailing_sources(mut kept: Vec<String>) -> (Vec<String>, Vec<String>) {
    let Some(last) = kept.last().cloned() else {
        return (kept, Vec::new());
    };
    if is_markdown_structure(&last) {
        return (kept, Vec::new());
    }
    // `来源：甲、乙` on a line of its own.
    if let Some(sources) = SOURCE_KEYS
        .iter()
        .find_map(|key| after_key(&last, key))
        .and_then(sources_in)
    {
        kept.pop();
        return (kept, sources);
    }
    let Some((before, inner)) = closing_brackets(&last) else {
        return (kept, Vec::new());
    };
    let before = before.trim_end();
    // The brackets hold the whole line, or close a sentence.
    let placed = (before.is_empty() && is_bracketed_line(&last)) || (!before.is_empty() && ends_sentence(before));
    match sources_in(inner).filter(|_| placed) {
        Some(sources) => {
            kept.pop();
            if !before.is_empty() {
                kept.push(before.to_string());
            }
            (kept, sources)
        }
        None => (kept, Vec::new()),
    }
}
