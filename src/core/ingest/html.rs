//! Pasted HTML as Markdown: the part of the conversion that needs no DOM.
//!
//! The browser edge reads the clipboard's `text/html` with the platform's parser and
//! hands over a simplified tree of [`Node`]s: tag names (lower case), attributes and
//! text. This module turns that tree into Markdown that [`clean`](super::clean) then
//! tidies: paragraphs, headings, bold and italic, links, lists, quotes, code and tables.
//! Scripts, styles and the document head are dropped; everything else keeps its text.
//!
//! Word and Google Docs quirks handled here: bold set as a style
//! (`<span style="font-weight:bold">`), and Google Docs' whole-document
//! `<b style="font-weight:normal">` wrapper, which is not bold.

/// A node of pasted HTML (it crosses to the paste worker as JSON).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// Text, as the DOM holds it (entities already decoded).
    Text(String),
    /// An element.
    Element(Element),
}

/// An element: its tag, its attributes and its children.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Element {
    /// The tag name in lower case (`p`, `h2`, `o:p`).
    pub tag: String,
    /// The attributes, as name and value (names in lower case).
    pub attrs: Vec<(String, String)>,
    /// The children, in order.
    pub children: Vec<Node>,
}

impl Node {
    /// A text node.
    pub fn text(text: &str) -> Node {
        Node::Text(text.to_string())
    }

    /// An element without attributes.
    pub fn element(tag: &str, children: Vec<Node>) -> Node {
        Node::Element(Element {
            tag: tag.to_string(),
            attrs: Vec::new(),
            children,
        })
    }

    /// An element with attributes.
    pub fn element_with(tag: &str, attrs: &[(&str, &str)], children: Vec<Node>) -> Node {
        Node::Element(Element {
            tag: tag.to_string(),
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            children,
        })
    }
}

impl Element {
    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The CSS `font-weight` the element's style attribute sets, squeezed and lower case.
    fn font_weight(&self) -> Option<String> {
        let style: String = self
            .attr("style")?
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style
            .split(';')
            .find_map(|decl| decl.strip_prefix("font-weight:"))
            .map(str::to_string)
    }

    /// Whether the element sets its text in bold.
    fn is_bold(&self) -> bool {
        let weight = self.font_weight();
        let styled_bold = weight
            .as_deref()
            .is_some_and(|w| w == "bold" || w == "bolder" || w.parse::<u32>().is_ok_and(|n| n >= 600));
        let styled_normal = weight
            .as_deref()
            .is_some_and(|w| w == "normal" || w.parse::<u32>().is_ok_and(|n| n < 600));
        match self.tag.as_str() {
            "b" | "strong" => !styled_normal,
            _ => styled_bold,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Before the browser's parser
// ---------------------------------------------------------------------------------------

/// The attribute that carries an element's `style` through [`for_the_parser`].
pub const STYLE_ATTRIBUTE: &str = "data-jianbao-style";

/// The attributes the conversion reads (the UI reads `class` for Word's lists); every
/// other attribute is left out before the browser parses pasted HTML.
const KEPT_BY_THE_PARSER: &[&str] = &["href", "class", "start"];

/// Elements whose content the HTML tokenizer reads as text up to their end tag (when
/// they stand in HTML, not in `<svg>` or `<math>`).
const RAW_TEXT: &[&str] = &["script", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Pasted HTML made ready for the browser's parser: `<style>` elements removed, each
/// `style` attribute renamed [`STYLE_ATTRIBUTE`], and every other attribute but `href`,
/// `class` and `start` left out. Text, tags and their nesting stay as they were.
///
/// Chromium checks the page's Content-Security-Policy even while it parses into an inert
/// document (`DOMParser`, `<template>`): every inline style and every `on…` handler of a
/// paste from Word or from a hostile page is reported as a violation (and logged as an
/// error), although nothing would have applied or run. Renamed and removed here, they
/// never reach the parser; the conversion reads the style under its new name.
///
/// Comments and the content of elements the browser reads as text (`<textarea>`,
/// `<title>`, `<script>`…) end where the browser ends them, but what looks like a tag
/// inside them is rewritten too: whether the browser reads it as text depends on the tree
/// it builds (in `<svg>` or `<math>`, `<title>` and `<style>` hold markup, which is what
/// mutation-XSS payloads play on). Reading too much as tags only strips attribute-like
/// text from a comment or a text area; reading too little would let a handler through.
pub fn for_the_parser(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    rewrite(html, false, &mut out);
    out
}

/// Writes `html` rewritten for [`for_the_parser`]. At the top level (`inside` false),
/// comments and text-only elements are regions whose content is rewritten as if it were
/// markup but cannot end them; inside such a region every `<` and a letter is a tag.
fn rewrite(html: &str, inside: bool, out: &mut String) {
    let mut copied = 0; // html[copied..at] is still to be copied as it is
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let lt = at + offset;
        if !inside && html[lt..].starts_with("<!--") {
            let body = lt + 4;
            let (end, close) = if html[body..].starts_with('>') {
                (body, body + 1)
            } else if html[body..].starts_with("->") {
                (body, body + 2)
            } else {
                html[body..]
                    .find("-->")
                    .map_or((html.len(), html.len()), |e| (body + e, body + e + 3))
            };
            out.push_str(&html[copied..body]);
            rewrite(&html[body..end], true, out);
            out.push_str(&html[end..close]);
            copied = close;
            at = close;
            continue;
        }
        let closing = html[lt + 1..].starts_with('/');
        let name_start = lt + if closing { 2 } else { 1 };
        if !html[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            at = lt + 1; // text
            continue;
        }
        let tag = read_tag(html, name_start);
        if closing {
            // An end tag makes no element: its attributes never reach the document.
            at = tag.end;
            continue;
        }
        let name = &html[name_start..tag.name_end];
        out.push_str(&html[copied..lt]);
        if name.eq_ignore_ascii_case("style") {
            // Gone, content and all, up to and with its end tag.
            copied = match end_tag(html, tag.end, "style") {
                Some(close) => read_tag(html, close + 2).end,
                None => html.len(),
            };
            at = copied;
            continue;
        }
        out.push('<');
        out.push_str(name);
        for attribute in &tag.attributes {
            let attribute_name = html[attribute.start..attribute.name_end].to_ascii_lowercase();
            if attribute_name == "style" {
                out.push(' ');
                out.push_str(STYLE_ATTRIBUTE);
                out.push_str(&html[attribute.name_end..attribute.end]);
            } else if KEPT_BY_THE_PARSER.contains(&attribute_name.as_str()) {
                out.push(' ');
                out.push_str(&html[attribute.start..attribute.end]);
            }
        }
        if tag.closed {
            out.push('>');
        }
        copied = tag.end;
        at = tag.end;
        let lower = name.to_ascii_lowercase();
        if !inside && RAW_TEXT.contains(&lower.as_str()) {
            let end = end_tag(html, tag.end, &lower).unwrap_or(html.len());
            rewrite(&html[tag.end..end], true, out);
            copied = end;
            at = end;
        }
    }
    out.push_str(&html[copied..]);
}

/// A tag read by [`read_tag`]: where its name ends, its attributes, where it ends (after
/// its `>`, or at the end of the text), and whether it has its `>`.
struct Tag {
    name_end: usize,
    attributes: Vec<Attribute>,
    end: usize,
    closed: bool,
}

/// One attribute: its name `start..name_end`, and the whole attribute `start..end`
/// (name, `=` and value).
struct Attribute {
    start: usize,
    name_end: usize,
    end: usize,
}

/// Whether the tokenizer reads this character as white space inside a tag.
fn is_tag_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Reads a tag whose name starts at `name_start`, as the HTML tokenizer does.
fn read_tag(html: &str, name_start: usize) -> Tag {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut at = name_start;
    while at < len && !is_tag_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let name_end = at;
    let mut attributes = Vec::new();
    loop {
        while at < len && (is_tag_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        if at >= len {
            return Tag {
                name_end,
                attributes,
                end: len,
                closed: false,
            };
        }
        if bytes[at] == b'>' {
            return Tag {
                name_end,
                attributes,
                end: at + 1,
                closed: true,
            };
        }
        // A name runs to white space, `/`, `>` or `=` (a leading `=` belongs to it).
        let start = at;
        at += 1;
        while at < len && !is_tag_space(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let attribute_name_end = at;
        let mut end = at;
        let mut look = at;
        while look < len && is_tag_space(bytes[look]) {
            look += 1;
        }
        if look < len && bytes[look] == b'=' {
            look += 1;
            while look < len && is_tag_space(bytes[look]) {
                look += 1;
            }
            match bytes.get(look) {
                Some(&quote @ (b'"' | b'\'')) => {
                    look = html[look + 1..]
                        .find(quote as char)
                        .map_or(len, |close| look + 1 + close + 1);
                }
                _ => {
                    while look < len && !is_tag_space(bytes[look]) && bytes[look] != b'>' {
                        look += 1;
                    }
                }
            }
            end = look;
        }
        attributes.push(Attribute {
            start,
            name_end: attribute_name_end,
            end,
        });
        at = end;
    }
}

/// Where the text of a `name` element that starts at `from` ends: at the next `</name`
/// followed by white space, `/`, `>` or the end of the text (any case).
fn end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let start = at + offset;
        let after = start + 2 + name.len();
        if html
            .get(start + 2..after)
            .is_some_and(|found| found.eq_ignore_ascii_case(name))
            && bytes
                .get(after)
                .is_none_or(|&c| is_tag_space(c) || c == b'/' || c == b'>')
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// Elements whose content is never text of the document.
const DROPPED: &[&str] = &[
    "script", "style", "head", "title", "meta", "link", "template", "noscript", "iframe",
];

/// Elements that make a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "address",
    "center",
    "body",
    "html",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "details",
    "summary",
];

/// Converts pasted HTML to Markdown: blocks separated by a blank line.
pub fn to_markdown(nodes: &[Node]) -> String {
    let mut out = Out::default();
    for node in nodes {
        walk(node, &mut out);
    }
    out.flush();
    out.blocks.join("\n\n")
}

/// Blocks made so far, and the inline text of the block being made.
#[derive(Default)]
struct Out {
    blocks: Vec<String>,
    inline: String,
}

impl Out {
    /// Ends the paragraph being made, if it holds any text.
    fn flush(&mut self) {
        let paragraph = tidy(&self.inline);
        if !paragraph.is_empty() {
            self.blocks.push(paragraph);
        }
        self.inline.clear();
    }

    /// Adds a finished block.
    fn block(&mut self, text: String) {
        self.flush();
        if !text.trim().is_empty() {
            self.blocks.push(text);
        }
    }
}

/// A paragraph's lines (from `<br>`) trimmed, with a backslash before a first character
/// that Markdown would read as a marker (`#`, `>`, `-`, `+`, `=`, `1.`).
fn tidy(inline: &str) -> String {
    let lines: Vec<String> = inline
        .split('\n')
        .map(|line| {
            let line = line.trim_matches(' ');
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let ordered = digits > 0 && line[digits..].starts_with(['.', ')']);
            if line.starts_with(['#', '>', '-', '+', '=']) {
                format!("\\{line}")
            } else if ordered {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line.to_string()
            }
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// Text with HTML's white space collapsed and Markdown's inline markers escaped.
fn text_of(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// The text of a node and its descendants as written, for `<pre>`.
fn raw_text(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => out.push_str(text),
        Node::Element(e) if e.tag == "br" => out.push('\n'),
        Node::Element(e) => e.children.iter().for_each(|child| raw_text(child, out)),
    }
}

/// The inline Markdown of some nodes, or None when they hold blocks.
fn inline_of(children: &[Node]) -> Result<String, Out> {
    let mut sub = Out::default();
    for child in children {
        walk(child, &mut sub);
    }
    if sub.blocks.is_empty() {
        Ok(sub.inline)
    } else {
        Err(sub)
    }
}

/// Wraps inline text in a marker (`**`), keeping its outer white space outside.
fn wrap(inner: &str, marker: &str) -> String {
    let trimmed = inner.trim_matches(' ');
    if trimmed.is_empty() || trimmed.contains('\n') {
        return inner.to_string();
    }
    let lead = &inner[..inner.len() - inner.trim_start_matches(' ').len()];
    let trail = &inner[inner.trim_end_matches(' ').len()..];
    format!("{lead}{marker}{trimmed}{marker}{trail}")
}

/// Whether a link target is one to keep.
fn keeps_link(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Converts one node, adding to `out`.
fn walk(node: &Node, out: &mut Out) {
    let e = match node {
        Node::Text(text) => {
            out.inline.push_str(&text_of(text));
            return;
        }
        Node::Element(e) => e,
    };
    let tag = e.tag.as_str();
    match tag {
        _ if DROPPED.contains(&tag) => {}
        "br" => out.inline.push('\n'),
        "hr" => out.block("---".to_string()),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(tag.as_bytes()[1] - b'0');
            let text = match inline_of(&e.children) {
                Ok(inline) => inline,
                Err(sub) => sub.blocks.join(" "),
            };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                out.block(format!("{} {text}", "#".repeat(level)));
            }
        }
        "ul" | "ol" => out.block(list(e, tag == "ol")),
        "blockquote" => {
            let inner = to_markdown(&e.children);
            let quoted: Vec<String> = inner
                .split('\n')
                .map(|l| {
                    if l.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect();
            out.block(quoted.join("\n"));
        }
        "pre" => {
            let mut text = String::new();
            e.children.iter().for_each(|child| raw_text(child, &mut text));
            let text = text.trim_end_matches('\n');
            let fence = if text.contains("```") { "~~~" } else { "```" };
            out.block(format!("{fence}\n{text}\n{fence}"));
        }
        "table" => out.block(table(e)),
        "li" => out.block(list_item("- ", e)),
        "code" => {
            let mut text = String::new();
            e.children.iter().for_each(|child| raw_text(child, &mut text));
            let text = text.replace('\n', " ");
            if !text.is_empty() {
                let ticks = if text.contains('`') { "``" } else { "`" };
                out.inline.push_str(&format!("{ticks}{text}{ticks}"));
            }
        }
        "a" => match inline_of(&e.children) {
            Ok(text) => {
                let href = e.attr("href").unwrap_or("").trim();
                let label = text.trim_matches(' ');
                if keeps_link(href) && !label.is_empty() && label != href {
                    let target = href.replace(' ', "%20").replace('(', "%28").replace(')', "%29");
                    out.inline.push_str(&format!("[{label}]({target})"));
                } else {
                    out.inline.push_str(&text);
                }
            }
            Err(sub) => merge(out, sub),
        },
        _ if BLOCKS.contains(&tag) => {
            out.flush();
            e.children.iter().for_each(|child| walk(child, out));
            out.flush();
        }
        _ => {
            let marker = if e.is_bold() {
                "**"
            } else if matches!(tag, "em" | "i") {
                "*"
            } else {
                ""
            };
            match inline_of(&e.children) {
                Ok(text) if marker.is_empty() => out.inline.push_str(&text),
                Ok(text) => out.inline.push_str(&wrap(&text, marker)),
                Err(sub) => merge(out, sub),
            }
        }
    }
}

/// Adds what an inline element made of blocks (a `<div>` inside a `<span>`) to `out`.
fn merge(out: &mut Out, mut sub: Out) {
    out.flush();
    sub.flush();
    out.blocks.append(&mut sub.blocks);
}

/// One list item: its blocks, the first after the marker, the rest indented under it.
fn list_item(marker: &str, li: &Element) -> String {
    let inner = to_markdown(&li.children);
    let indent = " ".repeat(marker.len());
    let mut lines = inner.split('\n');
    let mut item = format!("{marker}{}", lines.next().unwrap_or(""));
    for line in lines {
        item.push('\n');
        if !line.is_empty() {
            item.push_str(&indent);
            item.push_str(line);
        }
    }
    item.trim_end().to_string()
}

/// A list: one item per `<li>`, numbered from the `start` attribute when ordered.
fn list(e: &Element, ordered: bool) -> String {
    let mut number: u32 = e.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
    let mut items = Vec::new();
    for child in &e.children {
        match child {
            Node::Element(li) if li.tag == "li" => {
                let marker = if ordered {
                    format!("{number}. ")
                } else {
                    "- ".to_string()
                };
                number = number.saturating_add(1);
                items.push(list_item(&marker, li));
            }
            Node::Text(text) if text.trim().is_empty() => {}
            other => {
                let text = to_markdown(std::slice::from_ref(other));
                if !text.is_empty() {
                    items.push(text);
                }
            }
        }
    }
    items.join("\n")
}

/// The rows of a table, looking through `thead`, `tbody` and `tfoot`.
fn rows(e: &Element) -> Vec<&Element> {
    let mut found = Vec::new();
    for child in &e.children {
        if let Node::Element(c) = child {
            match c.tag.as_str() {
                "tr" => found.push(c),
                "thead" | "tbody" | "tfoot" => found.extend(rows(c)),
                _ => {}
            }
        }
    }
    found
}

/// A table in GitHub's Markdown form, its first row as the header.
fn table(e: &Element) -> String {
    let cells: Vec<Vec<String>> = rows(e)
        .into_iter()
        .map(|row| {
            row.children
                .iter()
                .filter_map(|cell| match cell {
                    Node::Element(c) if c.tag == "td" || c.tag == "th" => {
                        let text = to_markdown(&c.children)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        Some(text.replace('|', "\\|"))
                    }
                    _ => None,
                })
                .collect()
        })
        .filter(|row: &Vec<String>| !row.is_empty())
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let line = |row: &[String]| {
        let mut padded: Vec<&str> = row.iter().map(String::as_str).collect();
        padded.resize(width, "");
        format!("| {} |", padded.join(" | "))
    };
    let mut lines = vec![line(&cells[0]), format!("|{}", " --- |".repeat(width))];
    lines.extend(cells[1..].iter().map(|row| line(row)));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &str, children: Vec<Node>) -> Node {
        Node::element(tag, children)
    }

    fn t(text: &str) -> Node {
        Node::text(text)
    }

    #[track_caller]
    fn check(nodes: Vec<Node>, expected: &str) {
        assert_eq!(to_markdown(&nodes), expected);
    }

    #[test]
    fn for_the_parser_keeps_only_what_the_conversion_reads() {
        let table = [
            // Styles renamed, handlers and other attributes gone, href, class and start kept.
            (
                "<p class=MsoNormal style='font-weight:bold' onclick=\"x()\" align=center>甲</p>",
                "<p class=MsoNormal data-jianbao-style='font-weight:bold'>甲</p>",
            ),
            (
                "<a HREF=\"https://e.org/?a=1&b=2\" target=_blank onmouseover=x>链接</a>",
                "<a HREF=\"https://e.org/?a=1&b=2\">链接</a>",
            ),
            (
                "<ol start=\"3\" type=a><li>丙</li></ol>",
                "<ol start=\"3\"><li>丙</li></ol>",
            ),
            ("<img src=x onerror=alert(1)>", "<img>"),
            (
                "<svg onload=alert(1)><circle style=\"x\"/></svg>",
                "<svg><circle data-jianbao-style=\"x\"></svg>",
            ),
            // Quoted values may hold `>` and the other quote; unquoted ones end at space.
            (
                "<p title='a>b\"c' style=\"a:'>'\">t</p>",
                "<p data-jianbao-style=\"a:'>'\">t</p>",
            ),
            (
                "<p style = color:red id=x>t</p>",
                "<p data-jianbao-style = color:red>t</p>",
            ),
            // <style> goes, content and all; its end tag in any case.
            (
                "<head><style>p { color: red }</style></head><p>正文</p>",
                "<head></head><p>正文</p>",
            ),
            ("前<STYLE type=text/css>a</b></StYlE >后", "前后"),
            ("前<style>不完整", "前"),
            // Inside comments and text-only elements too: what is text there depends on
            // the tree (in <svg> and <math> it is markup), so tags are read everywhere.
            (
                "<!-- <p style=x onclick=y> --><p>t</p>",
                "<!-- <p data-jianbao-style=x> --><p>t</p>",
            ),
            ("<![if !vml]><img src=a><![endif]>", "<![if !vml]><img><![endif]>"),
            (
                "<math><title><style><img src=x onerror=alert(1)></style></title></math>",
                "<math><title></title></math>",
            ),
            (
                "<svg></p><math><title><img src=x onerror=alert(1)></title>",
                "<svg></p><math><title><img></title>",
            ),
            (
                "<textarea style=x><p onclick=y></textarea>",
                "<textarea data-jianbao-style=x><p></textarea>",
            ),
            // A text-only element ends where the browser ends it, even when its text
            // looks like a tag that would run past its end tag.
            (
                "<script>if (a<b) x=1</script><p>t</p>",
                "<script>if (a<b)</script><p>t</p>",
            ),
            (
                "<title>a<b title=\"</title><p style=x>\"</title>",
                "<title>a<b</title><p data-jianbao-style=x>\"</title>",
            ),
            ("<!-- <a title=\" --><img onerror=x>\" -->", "<!-- <a--><img>\" -->"),
            ("<!--><p style=x>t</p>", "<!--><p data-jianbao-style=x>t</p>"),
            // End tags and stray `<` are untouched; an unfinished tag stays unfinished.
            ("a < b </p style=x> c<3", "a < b </p style=x> c<3"),
            ("<p style=x", "<p data-jianbao-style=x"),
            (
                "<o:p></o:p><span style='mso-list:Ignore'>·</span>",
                "<o:p></o:p><span data-jianbao-style='mso-list:Ignore'>·</span>",
            ),
            ("", ""),
            ("纯文本，没有标签。", "纯文本，没有标签。"),
        ];
        for (input, expected) in table {
            assert_eq!(for_the_parser(input), expected, "{input}");
        }
    }

    #[test]
    fn for_the_parser_is_total_on_any_text() {
        // Every prefix of tricky markup: no panic, no slicing inside a character.
        let tricky = "<p 甲='乙' style=\"丙\">丁</p><!--戊--><style>己</style><a href=庚 =辛>壬</a></st";
        for (end, _) in tricky.char_indices() {
            let _ = for_the_parser(&tricky[..end]);
        }
        let deep = "<p style=x>".repeat(10_000);
        assert_eq!(for_the_parser(&deep), "<p data-jianbao-style=x>".repeat(10_000));
        // Regions never nest deeper than one: 10,000 unclosed titles and comments.
        let titles = "<title><!--".repeat(10_000);
        assert_eq!(for_the_parser(&titles), titles);
    }

    #[test]
    fn paragraphs_headings_and_breaks() {
        check(
            vec![
                el("h2", vec![t("市科协召开\n 联席会")]),
                el("p", vec![t("第一段，"), el("br", vec![]), t("第二行。")]),
                el("p", vec![t("   ")]),
                el("div", vec![t("第三段。")]),
            ],
            "## 市科协召开 联席会\n\n第一段，\n第二行。\n\n第三段。",
        );
    }

    #[test]
    fn bold_italic_and_links() {
        check(
            vec![el(
                "p",
                vec![
                    el("strong", vec![t("重要")]),
                    t("，"),
                    el("em", vec![t(" 说明 ")]),
                    Node::element_with("a", &[("href", "https://example.org/a b")], vec![t("链接")]),
                    Node::element_with("a", &[("href", "javascript:void(0)")], vec![t("按钮")]),
                ],
            )],
            "**重要**， *说明* [链接](https://example.org/a%20b)按钮",
        );
    }

    #[test]
    fn word_and_google_docs_bold() {
        let span = Node::element_with("span", &[("style", "font-weight: bold; color:red")], vec![t("粗")]);
        let docs = Node::element_with(
            "b",
            &[("style", "font-weight:normal")],
            vec![el("p", vec![t("正文。")])],
        );
        check(vec![el("p", vec![span]), docs], "**粗**\n\n正文。");
    }

    #[test]
    fn lists_quotes_code_and_tables() {
        let list = Node::element_with(
            "ol",
            &[("start", "3")],
            vec![
                el("li", vec![t("甲")]),
                t("\n"),
                el("li", vec![el("p", vec![t("乙")]), el("p", vec![t("丙")])]),
            ],
        );
        check(vec![list], "3. 甲\n4. 乙\n\n   丙");
        check(vec![el("blockquote", vec![el("p", vec![t("引文")])])], "> 引文");
        check(vec![el("pre", vec![t("a  b\n  c\n")])], "```\na  b\n  c\n```");
        let table = el(
            "table",
            vec![el(
                "tbody",
                vec![
                    el("tr", vec![el("th", vec![t("项目")]), el("th", vec![t("数量")])]),
                    el("tr", vec![el("td", vec![t("a|b")])]),
                ],
            )],
        );
        check(vec![table], "| 项目 | 数量 |\n| --- | --- |\n| a\\|b |  |");
    }

    #[test]
    fn scripts_are_dropped_and_markers_escaped() {
        check(
            vec![
                el("style", vec![t("p { color: red }")]),
                el("p", vec![t("# 不是标题 *星号*")]),
                el("p", vec![t("1. 不是列表")]),
            ],
            "\\# 不是标题 \\*星号\\*\n\n1\\. 不是列表",
        );
    }
}
