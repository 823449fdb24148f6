//! The texts an export must hold: every title, body block and source of an issue, in
//! print order, for tests that search a `.docx` or a PDF for them.

use jianbao::core::issue::Issue;
use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// The text without whitespace and without Markdown's emphasis marks: line breaks and
/// spacing differ between Markdown, Word and a PDF's text, the words do not.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '\u{FDD0}'))
        .collect::<String>()
        .replace('ﬁ', "fi")
        .replace('ﬂ', "fl")
}

/// The visible text of each block of a Markdown body (paragraphs, list items, headings,
/// table cells, code), squeezed.
pub fn body_texts(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                current.push_str(&text)
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                let text = squeeze(&current);
                if !text.is_empty() {
                    blocks.push(text);
                }
                current.clear();
            }
            _ => {}
        }
    }
    blocks
}

/// The titles, body blocks and sources of an issue in print order, squeezed.
pub fn expected_texts(issue: &Issue) -> Vec<String> {
    let mut needles = Vec::new();
    for (_, item) in issue.items() {
        if !item.title.trim().is_empty() {
            needles.push(squeeze(&item.title));
        }
        needles.extend(body_texts(&item.body));
        let sources: Vec<&str> = item
            .sources
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if !sources.is_empty() {
            needles.push(squeeze(&format!("（{}）", sources.join("、"))));
        }
    }
    needles
}

/// Checks that every needle occurs in the haystack, each after the previous one.
pub fn assert_in_order(haystack: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle.as_str()) {
            Some(at) => from += at + needle.len(),
            None => {
                let context: String = haystack[from..].chars().take(200).collect();
                panic!(
                    "{needle:?} is missing from the document, or out of order (searched from byte {from} of {}; \
                     there the text reads {context:?})",
                    haystack.len()
                )
            }
        }
    }
}
