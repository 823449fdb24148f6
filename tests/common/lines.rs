//! Pathological lines and the doors they go through, shared by the linear-time tests
//! (`tests/lines_linear.rs`) and the benchmark that times them (`examples/bench_lines.rs`,
//! which includes this file with `#[path]`).
//!
//! A pathological line is one short fragment that the cleanup rules or the parsers look
//! for (a bracket, an unmatched tag opener, a link opener, an emphasis marker, a quote,
//! an entity opener, a URL prefix), repeated over a whole line: every occurrence starts a
//! search for its closing part that never succeeds. A rule that searches from each
//! occurrence to the end of the line takes time that grows with the square of the line.

#![allow(dead_code, reason = "the test and the benchmark use different parts")]

use jianbao::core::format::import;
use jianbao::core::ingest::html::{for_the_parser, to_markdown, Node};
use jianbao::core::ingest::submission::{self, Fingerprint};
use jianbao::core::ingest::{detect_with, has_front_matter, import_bulletin, looks_like_bulletin};
use jianbao::core::render::render_markdown;

/// The fragments: brackets and angle brackets of both widths, tag openers, backticks,
/// link and image openers, emphasis markers, quotes, entity openers, URL prefixes, and a
/// few more marks the rules pair or widen (round brackets, backslashes, `@`, spaces,
/// full stops, question marks).
pub const FRAGMENTS: &[&str] = &[
    "[", "]", "【", "［", "<", "＜", "<a ", "</", "`", "](", "![", "[x](", "*", "_", "**", "*_", "\"", "“", "「", "&",
    "&#", "&amp", "http://", "https://", "www.", "(", "（", "\\", "@", " ", ".", "?",
];

/// How a fragment fills a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The fragment alone, repeated: `[[[[…`.
    Alone,
    /// The fragment, two Chinese characters and a space, repeated: `[中文 [中文 …` (the
    /// space wakes the rules about spaces, which look at every gap of a line).
    Mixed,
    /// Two Chinese characters, then the fragment repeated: `中文[[[…` (a mark beside
    /// Chinese text is what the punctuation rules act on).
    Led,
}

/// Every shape, in the order the benchmark prints them.
pub const SHAPES: [Shape; 3] = [Shape::Alone, Shape::Mixed, Shape::Led];

impl Shape {
    /// A short name for tables and messages (ASCII, so that tables line up).
    pub fn name(self) -> &'static str {
        match self {
            Shape::Alone => "alone",
            Shape::Mixed => "mixed",
            Shape::Led => "led",
        }
    }
}

/// The Chinese text the shapes mix in.
const CJK: &str = "中文";

/// A line of about `bytes` bytes (never more) made of `fragment` in `shape`.
pub fn line(fragment: &str, shape: Shape, bytes: usize) -> String {
    match shape {
        Shape::Alone => fragment.repeat(bytes / fragment.len()),
        Shape::Mixed => {
            let unit = format!("{fragment}{CJK} ");
            unit.repeat(bytes / unit.len())
        }
        Shape::Led => {
            let mut line = String::from(CJK);
            line.push_str(&fragment.repeat(bytes.saturating_sub(CJK.len()) / fragment.len()));
            line
        }
    }
}

/// The ways text gets into the app, as the core sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// `jianbao clean -`: the command-line tool's cleanup and detection.
    Clean,
    /// The paste dialog: pasted HTML made ready for the browser's parser, the parsed text
    /// as Markdown, then what the dialog derives from its text area (front matter, the
    /// whole-bulletin check, cleanup and detection, the near-duplicate fingerprint).
    Paste,
    /// The file picker: a bulletin imported and every item cleaned (what a file that is
    /// not our Markdown goes through; our Markdown takes the first half only).
    Import,
    /// The preview: the line as an item's body rendered to HTML.
    Render,
}

/// Every door, in the order the benchmark prints them.
pub const DOORS: [Door; 4] = [Door::Clean, Door::Paste, Door::Import, Door::Render];

impl Door {
    /// A short name for tables and messages.
    pub fn name(self) -> &'static str {
        match self {
            Door::Clean => "clean",
            Door::Paste => "paste",
            Door::Import => "import",
            Door::Render => "render",
        }
    }

    /// What the door is given for a line: the line itself, or for import a bulletin
    /// whose name, one item's title and that item's body are the line.
    pub fn input(self, line: &str) -> String {
        match self {
            Door::Import => format!("# {line}\n\n### {line}\n\n{line}\n"),
            Door::Clean | Door::Paste | Door::Render => line.to_string(),
        }
    }

    /// Puts an input ([`Door::input`]) through the door and returns the text that comes
    /// out of it: the cleaned item as Markdown, the imported name, titles, bodies and
    /// sources, or the rendered HTML.
    pub fn run(self, line: &str) -> String {
        match self {
            Door::Clean => {
                let mut out = Vec::new();
                let mut err = Vec::new();
                let code = jianbao::cli::run(
                    &["clean".to_string(), "-".to_string()],
                    &mut line.as_bytes(),
                    &mut out,
                    &mut err,
                );
                assert_eq!(code, 0, "jianbao clean failed: {}", String::from_utf8_lossy(&err));
                String::from_utf8(out).expect("clean writes UTF-8")
            }
            Door::Paste => {
                let ready = for_the_parser(line);
                std::hint::black_box(&ready);
                let markdown = to_markdown(&[Node::element("p", vec![Node::text(line)])]);
                let from_file = submission::parse(&markdown).is_some();
                let bulletin = looks_like_bulletin(&markdown);
                let detected = detect_with(&markdown, &[]);
                let fingerprint = Fingerprint::of(&detected.body);
                std::hint::black_box((from_file, bulletin, fingerprint));
                detected.to_markdown()
            }
            Door::Import => {
                let file = line;
                let front = has_front_matter(file);
                let (ours, _) = import(file);
                let (issue, _, _) = import_bulletin(file);
                std::hint::black_box((front, ours));
                // The name, and each item's title, body and sources.
                let mut text = issue.masthead.title.clone();
                text.push('\n');
                for (_, item) in issue.items() {
                    text.push_str(&item.title);
                    text.push('\n');
                    text.push_str(&item.body);
                    text.push('\n');
                    text.push_str(&item.sources.join("、"));
                    text.push('\n');
                }
                text
            }
            Door::Render => {
                let mut html = String::new();
                render_markdown(line, &mut html);
                html
            }
        }
    }
}

/// How many Chinese characters (CJK ideographs) a text holds.
pub fn han_count(text: &str) -> usize {
    text.chars()
        .filter(|&c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
        .count()
}
