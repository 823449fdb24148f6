//! The one renderer of the app: an [`Issue`] as HTML, for the live preview and the exported
//! file alike.
//!
//! Every function here writes into a caller's `&mut String` and returns nothing, so the
//! preview can reuse one buffer and the export can build one document without copies.
//! Architecture invariant: this module is pure Rust (no browser, no storage); the preview
//! and the exported file both call it and both use [`BULLETIN_CSS`].
//!
//! # The skeleton
//!
//! [`render_issue`] writes exactly the concatenation below, with no whitespace between the
//! tags, so that the UI can build the same DOM by giving each part its own container and
//! re-rendering a single item per keystroke. Each wrapper has a pair of small functions
//! (`*_open` / `*_close`) that the UI can call to write the same tags:
//!
//! ```text
//! <article class="bulletin" lang="zh-CN">                 bulletin_open / bulletin_close
//!   <header class="masthead">                             masthead_open / masthead_close
//!     …render_masthead…
//!   </header>
//!   <nav class="toc" aria-label="目录提要">                 toc_open / toc_close
//!     …render_toc…                                        (the nav only when has_toc(issue))
//!   </nav>
//!   <div class="body">                                    body_open / body_close
//!     <section class="section" data-section-id="{id}">    section_open / section_close
//!                                                         (only sections with an item)
//!       …render_section_heading…                          (writes nothing for the lead section)
//!       …render_item…                                     (for each of the section's own items)
//!       <section class="column" data-column-id="{id}">    column_open / column_close
//!                                                         (only columns with an item)
//!         …render_column_heading…
//!         …render_item…                                   (for each of the column's items)
//!       </section>
//!     </section>
//!   </div>
//!   <footer class="colophon">                             footer_open / footer_close
//!     …render_footer…                                     (empty parts are left out)
//!   </footer>
//! </article>
//! ```
//!
//! One item is `<article class="item" id="item-{id}" data-item-id="{id}">`, its title as
//! `<h3 class="item-title">`, its body, and its sources `（甲、乙）` in a
//! `<span class="sources">` at the end of the last paragraph (or in a `<p class="sources">`
//! of their own when the body does not end with a paragraph). Section headings are
//! `<h2 class="section-heading">【…】</h2>`, column headings `<h3 class="column-heading">`,
//! and headings inside a body are demoted to `<h4>`–`<h6>`. Punctuation that belongs to the
//! printed text (【】, ◆, （）, 编辑：) is real text, not CSS, so that copying the preview
//! into a word processor keeps it.
//!
//! # Markdown and safety
//!
//! Item bodies are CommonMark read by pulldown-cmark with two extensions: tables and
//! strikethrough (`~~删除~~`). Heading attributes (`# h {onclick=…}`) are deliberately off.
//! The HTML writer is our own, so that every rule below holds by construction:
//! - raw HTML, block or inline, is written as escaped text, never passed through;
//! - a link survives only when its destination is `http:`, `https:`, `mailto:` or relative,
//!   decided after removing ASCII control characters and whitespace and after decoding
//!   percent-escapes and character references (so `JaVaScRiPt:`, `java&#115;cript:`,
//!   `java%73cript:` and `java\tscript:` are all caught). Otherwise its text is written
//!   without the `<a>`. An image survives only with an `http:`, `https:`, relative or
//!   `data:image/(png|jpeg|gif|webp)` source, and otherwise becomes its alt text. Every
//!   surviving link gets `rel="noopener noreferrer"`;
//! - every text and attribute value goes through [`escape`], which also drops the
//!   characters HTML forbids in a document (controls and noncharacters).
//!
//! # CJK-friendly emphasis
//!
//! CommonMark decides whether a `*` run can open or close emphasis from the characters on
//! either side, treating all punctuation alike. In Chinese that fails for `**测试。**后文`
//! (the closing run sits between `。` and `后`) and `前文**“引号”**后文`. The CommonMark
//! CJK-friendly amendment (<https://github.com/tats-u/markdown-cjk-friendly>, the fix for
//! commonmark-spec issue 650) relaxes the flanking rules only where a CJK character is
//! involved: CJK punctuation no longer counts as punctuation, and a CJK character beside
//! non-CJK punctuation lets the run flank.
//!
//! pulldown-cmark has no such option, so this module applies the amendment with a
//! pre-pass. A first parse tells which `*` characters are emphasis delimiters in inline
//! text (they are in text events or are the delimiters of emphasis the parser matched),
//! which keeps code spans, code blocks, link destinations, raw HTML and escaped `\*` out of
//! it. For each maximal run of them, the pass compares the standard flanking rules with the
//! amended ones; where the amended rules say "flanking" and the standard ones do not, it
//! inserts the noncharacter U+FDD0 on the side of the run that made the difference, which
//! makes the standard rules agree with the amended ones for that run (U+FDD0 is neither
//! whitespace nor punctuation). The parser then runs again on the patched text, with its
//! own delimiter matching, and [`escape`] drops every U+FDD0 from the output. The pass only
//! ever acts on a run whose neighbour is a CJK character, so text without CJK renders
//! exactly as CommonMark says (`2*3*4`, `a ** b`, `**bold**`). Character classes are chosen
//! conservatively: when a neighbour is neither a sure letter nor a sure punctuation mark
//! (an emoji, say), the run is left alone. Only `*` is handled; `_` and `~` keep the
//! standard rules. Bodies without `*` or without non-ASCII text skip the pass entirely.
//!
//! A soft line break between two CJK characters is dropped rather than written as a line
//! feed, because Chromium draws that line feed as a space in the middle of a sentence.

use std::borrow::Cow;

use pulldown_cmark::{Alignment, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::core::issue::{Column, Footer, Issue, Item, Masthead, Section};

/// The bulletin's stylesheet (screen and print), shared by the preview and the exported
/// file. Every selector is scoped under `.bulletin`, except `.no-print` (the editor's chrome
/// to hide when printing) and `.bulletin-page` (the exported file's `<body>`). It is
/// `style/bulletin.css` without its comments (the build script, `build.rs`).
pub const BULLETIN_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/bulletin.css"));

/// The noncharacter the CJK emphasis pass inserts; [`escape`] never writes it.
pub(crate) const SENTINEL: char = '\u{FDD0}';

/// The most block containers (quotes, lists and list items) a body nests; deeper ones
/// are left out and their content is written at this depth.
///
/// 100,000 `>` make 100,000 nested quotes, which take Chromium seconds to parse and lay
/// out (its parser stops nesting at 512 anyway, and nobody reads a quote in a quote
/// sixteen deep). A list counts twice, for itself and its items, and is written only
/// with room for both, so that no `<li>` is ever left without its list.
pub const MAX_NESTING: usize = 16;

/// The Markdown extensions item bodies use: tables and strikethrough, never heading
/// attributes.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

/// Escapes text for HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`).
///
/// It also drops the characters HTML does not allow in a document: ASCII control
/// characters other than tab, line feed and carriage return, C1 controls and Unicode
/// noncharacters (among them the U+FDD0 the emphasis pass uses). Everything else is
/// copied as is.
pub fn escape(text: &str, out: &mut String) {
    let mut start = 0;
    for (index, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_forbidden_in_html(c) => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        out.push_str(replacement);
        start = index + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// The most characters [`escape_text`] writes in a row without a place where the line
/// may break; past it, it offers one with `<wbr>`.
///
/// Chromium lays out a long run without break opportunities (`[[[…`, `（（（…`, `///…`)
/// in time that grows with the cube of its length when it must wrap it
/// (`overflow-wrap: break-word`): 8,000 `（` take eleven seconds, 100,000 take hours, in
/// the preview and in the exported file alike. Cut into pieces of this length, 100,000
/// take a fifth of a second. Text never needs this: Chinese breaks between any two
/// characters and other languages at spaces, so only runs of 64 characters with no
/// space and no Han character (a long URL, a pasted hash, hostile input) get a `<wbr>`,
/// which adds no character to the text, to a copy or to a search.
pub const MAX_UNBROKEN: usize = 64;

/// The most characters [`escape_text`] writes into one text node; past it, it closes the
/// node with an empty `<span></span>`, which adds no character, no break opportunity and
/// no style.
///
/// Chromium lays out one long text node in time that grows with the square of its length
/// when it mixes scripts (`<a 中文 <a 中文 …`, `中文???…`): 256 KB in one `<p>` take 1.2 s,
/// 1 MB half a minute, during which the tab is frozen. The same text in nodes of 2,048
/// characters takes 0.2 s and 2 s. Ordinary paragraphs are far shorter and never get one.
pub const MAX_TEXT_NODE: usize = 2048;

/// How many characters the text written so far ends with that offer no line break
/// between them (see [`MAX_UNBROKEN`]), and how many it has written since the last
/// node boundary (see [`MAX_TEXT_NODE`]).
#[derive(Clone, Copy, Debug, Default)]
struct Unbroken {
    /// The length of the run.
    len: usize,
    /// Whether the last character was a zero-width joiner (no break may follow it).
    joiner: bool,
    /// Characters written since the last `<wbr>` or `<span></span>`.
    node: usize,
}

/// Escapes text for element content, never for an attribute value: [`escape`], plus a
/// `<wbr>` in every run of more than [`MAX_UNBROKEN`] characters without a break.
pub fn escape_text(text: &str, out: &mut String) {
    escape_text_run(text, &mut Unbroken::default(), out);
}

/// [`escape_text`] for text that continues a run: a body's text comes in many pieces
/// (`[[[` is one event per bracket), and the run goes on across them.
fn escape_text_run(text: &str, run: &mut Unbroken, out: &mut String) {
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if run.node >= MAX_TEXT_NODE && !run.joiner && !clings_to_previous(c) {
            escape(&text[start..index], out);
            out.push_str("<span></span>");
            start = index;
            run.node = 0;
        }
        run.node += 1;
        // Han characters first: they are most of a Chinese text, and each ends a run.
        if is_han(c) {
            run.len = 0;
            run.joiner = false;
            continue;
        }
        if is_forbidden_in_html(c) {
            continue; // `escape` drops it: it takes no room on the line.
        }
        if c.is_whitespace() {
            run.len = 0;
            run.joiner = false;
            continue;
        }
        if run.len >= MAX_UNBROKEN && !run.joiner && !clings_to_previous(c) {
            escape(&text[start..index], out);
            out.push_str("<wbr>");
            start = index;
            run.len = 0;
            run.node = 1;
        }
        run.len += 1;
        run.joiner = c == '\u{200D}';
    }
    escape(&text[start..], out);
}

/// A Han character (or a Hangul syllable): the line may break before and after it, so
/// it ends a run without breaks.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7A3 | 0x20000..=0x3FFFD)
}

/// A character that belongs to the one before it, so that no `<wbr>` may go between
/// them: combining marks, joiners, variation selectors, emoji modifiers and tags.
fn clings_to_previous(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C | 0x200D | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099 | 0x309A
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Whether HTML calls this character a parse error in a document: controls (except
/// whitespace) and noncharacters.
fn is_forbidden_in_html(c: char) -> bool {
    let cp = c as u32;
    (cp < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        || (0x7F..=0x9F).contains(&cp)
        || (0xFDD0..=0xFDEF).contains(&cp)
        || (cp & 0xFFFE) == 0xFFFE
}

/// Writes an unsigned number without going through `format!`.
fn push_number(n: u64, out: &mut String) {
    use std::fmt::Write;
    // Writing into a String cannot fail.
    let _ = write!(out, "{n}");
}

// ---------------------------------------------------------------------------------------
// The skeleton's wrappers
// ---------------------------------------------------------------------------------------

/// Opens the whole bulletin: `<article class="bulletin" lang="zh-CN">`.
pub fn bulletin_open(out: &mut String) {
    out.push_str("<article class=\"bulletin\" lang=\"zh-CN\">");
}

/// Closes what [`bulletin_open`] opened.
pub fn bulletin_close(out: &mut String) {
    out.push_str("</article>");
}

/// Opens the masthead's container: `<header class="masthead">`.
pub fn masthead_open(out: &mut String) {
    out.push_str("<header class=\"masthead\">");
}

/// Closes what [`masthead_open`] opened.
pub fn masthead_close(out: &mut String) {
    out.push_str("</header>");
}

/// Whether the issue shows a 目录提要: only when it has at least one item.
pub fn has_toc(issue: &Issue) -> bool {
    issue.items().next().is_some()
}

/// Opens the 目录提要's container: `<nav class="toc" aria-label="目录提要">`.
pub fn toc_open(out: &mut String) {
    out.push_str("<nav class=\"toc\" aria-label=\"目录提要\">");
}

/// Closes what [`toc_open`] opened.
pub fn toc_close(out: &mut String) {
    out.push_str("</nav>");
}

/// Opens the container of all sections: `<div class="body">`.
pub fn body_open(out: &mut String) {
    out.push_str("<div class=\"body\">");
}

/// Closes what [`body_open`] opened.
pub fn body_close(out: &mut String) {
    out.push_str("</div>");
}

/// Opens a section: `<section class="section" data-section-id="{id}">`.
pub fn section_open(section: &Section, out: &mut String) {
    out.push_str("<section class=\"section\" data-section-id=\"");
    push_number(section.id.into(), out);
    out.push_str("\">");
}

/// Closes what [`section_open`] opened.
pub fn section_close(out: &mut String) {
    out.push_str("</section>");
}

/// Opens a sub-column: `<section class="column" data-column-id="{id}">`.
pub fn column_open(column: &Column, out: &mut String) {
    out.push_str("<section class=\"column\" data-column-id=\"");
    push_number(column.id.into(), out);
    out.push_str("\">");
}

/// Closes what [`column_open`] opened.
pub fn column_close(out: &mut String) {
    out.push_str("</section>");
}

/// Opens the footer's container: `<footer class="colophon">`.
pub fn footer_open(out: &mut String) {
    out.push_str("<footer class=\"colophon\">");
}

/// Closes what [`footer_open`] opened.
pub fn footer_close(out: &mut String) {
    out.push_str("</footer>");
}

// ---------------------------------------------------------------------------------------
// The parts
// ---------------------------------------------------------------------------------------

/// Writes the inside of the masthead: the name, the issue line, and the office and date.
///
/// Empty parts are left out. The date is a `<time>` with its ISO date.
pub fn render_masthead(masthead: &Masthead, out: &mut String) {
    let title = masthead.title.trim();
    if !title.is_empty() {
        out.push_str("<h1 class=\"masthead-title\">");
        escape_text(title, out);
        out.push_str("</h1>");
    }
    let issue_line = masthead.issue_line();
    if !issue_line.is_empty() {
        out.push_str("<p class=\"masthead-issue\">");
        escape_text(&issue_line, out);
        out.push_str("</p>");
    }
    let publisher = masthead.publisher.trim();
    if !publisher.is_empty() || masthead.date.is_some() {
        out.push_str("<p class=\"masthead-meta\">");
        if !publisher.is_empty() {
            out.push_str("<span class=\"masthead-publisher\">");
            escape_text(publisher, out);
            out.push_str("</span>");
        }
        if let Some(date) = masthead.date {
            out.push_str("<time class=\"masthead-date\" datetime=\"");
            out.push_str(&date.to_iso());
            out.push_str("\">");
            out.push_str(&date.to_chinese());
            out.push_str("</time>");
        }
        out.push_str("</p>");
    }
}

/// Writes the inside of the 目录提要: its heading and the derived list of sections and items.
///
/// The list follows [`Issue::toc`] (sections without items are left out, see
/// [`Section::is_printed`]): a section heading as `【…】`, an item as `◆` and a link
/// to `#item-{id}`, prefixed with its column's heading (`首都科技工作者沙龙：…`) when it
/// sits in a sub-column. An untitled item shows `（无标题）` so that its link is not empty.
pub fn render_toc(issue: &Issue, out: &mut String) {
    out.push_str("<h2 class=\"toc-heading\">目录提要</h2><ul class=\"toc-list\">");
    for section in issue.sections.iter().filter(|s| s.is_printed()) {
        if !section.is_lead() {
            out.push_str("<li class=\"toc-section\">");
            push_bracketed(&section.heading, out);
            out.push_str("</li>");
        }
        for item in &section.items {
            push_toc_item(item, None, out);
        }
        for column in &section.columns {
            for item in &column.items {
                push_toc_item(item, Some(&column.heading), out);
            }
        }
    }
    out.push_str("</ul>");
}

/// Writes the 目录提要's line of one item, `<li class="toc-item">…</li>`, exactly as
/// [`render_toc`] writes it, so that the preview can patch that line alone while a title
/// is typed; false (and nothing written) when the issue has no such item.
pub fn render_toc_item(issue: &Issue, id: crate::core::issue::Id, out: &mut String) -> bool {
    let Some((place, index)) = issue.locate(id) else {
        return false;
    };
    let section = &issue.sections[place.section];
    let (item, column) = match place.column {
        Some(c) => (
            &section.columns[c].items[index],
            Some(section.columns[c].heading.as_str()),
        ),
        None => (&section.items[index], None),
    };
    push_toc_item(item, column, out);
    true
}

/// Writes one item's line of the 目录提要.
fn push_toc_item(item: &Item, column: Option<&str>, out: &mut String) {
    out.push_str("<li class=\"toc-item\"><span class=\"toc-mark\" aria-hidden=\"true\">◆</span><a href=\"#item-");
    push_number(item.id.into(), out);
    out.push_str("\">");
    if let Some(column) = column.map(str::trim).filter(|c| !c.is_empty()) {
        escape_text(column, out);
        out.push('：');
    }
    let title = item.title.trim();
    if title.is_empty() {
        out.push_str("（无标题）");
    } else {
        escape_text(title, out);
    }
    out.push_str("</a></li>");
}

/// Writes a section heading in 【】, without doubling brackets the heading already has.
fn push_bracketed(heading: &str, out: &mut String) {
    out.push('【');
    escape_text(crate::core::issue::heading_inner(heading), out);
    out.push('】');
}

/// Writes a section's heading `<h2 class="section-heading">【…】</h2>`; nothing for the lead
/// section.
pub fn render_section_heading(section: &Section, out: &mut String) {
    if section.is_lead() {
        return;
    }
    out.push_str("<h2 class=\"section-heading\">");
    push_bracketed(&section.heading, out);
    out.push_str("</h2>");
}

/// Writes a sub-column's heading `<h3 class="column-heading">…</h3>`; nothing when it is
/// empty.
pub fn render_column_heading(column: &Column, out: &mut String) {
    let heading = column.heading.trim();
    if heading.is_empty() {
        return;
    }
    out.push_str("<h3 class=\"column-heading\">");
    escape_text(heading, out);
    out.push_str("</h3>");
}

/// Writes one item: `<article class="item" id="item-{id}" data-item-id="{id}">`, its title,
/// its body and its sources.
///
/// The sources go inline at the end of the body's last paragraph as
/// `<span class="sources">（甲、乙）</span>`, as bulletins print them; when the body is
/// empty or ends with something else (a list, a quote, a table), they get their own
/// `<p class="sources">`. An empty title writes no heading.
pub fn render_item(item: &Item, out: &mut String) {
    out.push_str("<article class=\"item\" id=\"item-");
    push_number(item.id.into(), out);
    out.push_str("\" data-item-id=\"");
    push_number(item.id.into(), out);
    out.push_str("\">");
    render_item_title(item, out);
    let ends_with_paragraph = render_body(&item.body, out);
    let mut sources = item
        .sources
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .peekable();
    if sources.peek().is_some() {
        const CLOSE_P: &str = "</p>";
        let inline = ends_with_paragraph && out.ends_with(CLOSE_P);
        if inline {
            out.truncate(out.len() - CLOSE_P.len());
            out.push_str("<span class=\"sources\">（");
        } else {
            out.push_str("<p class=\"sources\">（");
        }
        for (index, source) in sources.enumerate() {
            if index > 0 {
                out.push('、');
            }
            escape_text(source, out);
        }
        out.push_str(if inline { "）</span></p>" } else { "）</p>" });
    }
    out.push_str("</article>");
}

/// Writes an item's title, `<h3 class="item-title">…</h3>`, the first child of its
/// `<article>` ([`render_item`]); nothing when the title is empty. The preview patches
/// the title alone with it while the title is typed, whatever the size of the body.
pub fn render_item_title(item: &Item, out: &mut String) {
    let title = item.title.trim();
    if !title.is_empty() {
        out.push_str("<h3 class=\"item-title\">");
        escape_text(title, out);
        out.push_str("</h3>");
    }
}

/// Writes the inside of the footer: `编辑：… 审核：… 签发：…` on one line, the distribution
/// between two rules, and `（共印N份）`.
///
/// Empty parts are left out. The distribution is a `<dl class="distribution">` laid out as
/// a grid: each label (`分送：`) in the first column, its lines in the second, so that a
/// line wraps under the first character after the colon.
pub fn render_footer(footer: &Footer, out: &mut String) {
    let staff = [
        ("colophon-editor", "编辑：", footer.editor.trim()),
        ("colophon-reviewer", "审核：", footer.reviewer.trim()),
        ("colophon-signer", "签发：", footer.signer.trim()),
    ];
    if staff.iter().any(|(_, _, name)| !name.is_empty()) {
        out.push_str("<p class=\"colophon-staff\">");
        for (class, label, name) in staff {
            if name.is_empty() {
                continue;
            }
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            out.push_str(label);
            escape_text(name, out);
            out.push_str("</span>");
        }
        out.push_str("</p>");
    }
    let groups = || {
        footer
            .distribution
            .iter()
            .filter(|group| !group.label.trim().is_empty() || group.lines.iter().any(|l| !l.trim().is_empty()))
    };
    if groups().next().is_some() {
        out.push_str("<dl class=\"distribution\">");
        for group in groups() {
            out.push_str("<dt>");
            let label = group.label.trim();
            let label = label.strip_suffix(['：', ':']).unwrap_or(label);
            escape_text(label, out);
            out.push_str("：</dt>");
            for line in group.lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
                out.push_str("<dd>");
                escape_text(line, out);
                out.push_str("</dd>");
            }
        }
        out.push_str("</dl>");
    }
    if let Some(copies) = footer.copies {
        out.push_str("<p class=\"colophon-copies\">（共印");
        push_number(copies.into(), out);
        out.push_str("份）</p>");
    }
}

/// Writes the whole issue: `<article class="bulletin">…</article>`, exactly the skeleton in
/// the module documentation.
pub fn render_issue(issue: &Issue, out: &mut String) {
    bulletin_open(out);
    masthead_open(out);
    render_masthead(&issue.masthead, out);
    masthead_close(out);
    if has_toc(issue) {
        toc_open(out);
        render_toc(issue, out);
        toc_close(out);
    }
    body_open(out);
    for section in issue.sections.iter().filter(|s| s.is_printed()) {
        section_open(section, out);
        render_section_heading(section, out);
        for item in &section.items {
            render_item(item, out);
        }
        for column in section.columns.iter().filter(|c| c.is_printed()) {
            column_open(column, out);
            render_column_heading(column, out);
            for item in &column.items {
                render_item(item, out);
            }
            column_close(out);
        }
        section_close(out);
    }
    body_close(out);
    footer_open(out);
    render_footer(&issue.footer, out);
    footer_close(out);
    bulletin_close(out);
}

/// A complete HTML file of the issue, for export: the doctype, a `<head>` with the issue's
/// short name as title and `css` in a `<style>`, and [`render_issue`] as the body.
///
/// Pass [`BULLETIN_CSS`] as `css` to get what the preview shows. A `</` in `css` is
/// written as `<\/` so that the stylesheet cannot end its `<style>` element early.
pub fn standalone_document(issue: &Issue, css: &str) -> String {
    let mut out = String::with_capacity(css.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    // The file runs nothing and fetches nothing but images: no scripts, no other origins.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Jianbao\">\n<title>");
    escape(&issue.masthead.short_name(), &mut out);
    out.push_str("</title>\n<style>\n");
    let mut rest = css;
    while let Some(index) = rest.find("</") {
        out.push_str(&rest[..index]);
        out.push_str("<\\/");
        rest = &rest[index + 2..];
    }
    out.push_str(rest);
    out.push_str("\n</style>\n</head>\n<body class=\"bulletin-page\">\n");
    render_issue(issue, &mut out);
    out.push_str("\n</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------------------------------
// Markdown bodies
// ---------------------------------------------------------------------------------------

/// Safe Markdown → HTML for an item body: raw HTML escaped, unsafe links and images
/// reduced to their text, headings demoted to `<h4>`–`<h6>`, CJK-friendly emphasis (see
/// the module documentation).
pub fn render_markdown(markdown: &str, out: &mut String) {
    render_body(markdown, out);
}

/// An item body ready for pulldown-cmark with [`markdown_options`]: any U+FDD0 the user
/// typed removed, and the CJK emphasis pass's sentinels inserted (see the module
/// documentation). The Word export parses bodies the same way, so both agree on emphasis.
pub(crate) fn prepared_source(markdown: &str) -> Cow<'_, str> {
    // A sentinel typed by the user would confuse the emphasis pass; it is a noncharacter
    // that `escape` drops anyway, so it goes first.
    if markdown.contains(SENTINEL) {
        let cleaned = markdown.replace(SENTINEL, "");
        return Cow::Owned(with_sentinels(&cleaned).into_owned());
    }
    with_sentinels(markdown)
}

/// The body with the CJK emphasis pass's sentinels inserted, borrowed when none is needed.
fn with_sentinels(markdown: &str) -> Cow<'_, str> {
    let inserts = cjk_emphasis_inserts(markdown, markdown_options());
    if inserts.is_empty() {
        return Cow::Borrowed(markdown);
    }
    let mut patched = String::with_capacity(markdown.len() + inserts.len() * 3);
    let mut start = 0;
    for &at in &inserts {
        patched.push_str(&markdown[start..at]);
        patched.push(SENTINEL);
        start = at;
    }
    patched.push_str(&markdown[start..]);
    Cow::Owned(patched)
}

/// Renders a body and tells whether its last top-level block is a paragraph.
fn render_body(markdown: &str, out: &mut String) -> bool {
    let options = markdown_options();
    let source = prepared_source(markdown);
    let mut writer = BodyWriter::new(out);
    let mut events = Parser::new_ext(&source, options).peekable();
    while let Some(event) = events.next() {
        if matches!(event, Event::SoftBreak) && writer.alt_depth == 0 {
            let next_is_cjk = match events.peek() {
                Some(Event::Text(text)) => first_char(text).is_some_and(is_cjk),
                _ => false,
            };
            writer.soft_break(next_is_cjk);
        } else {
            writer.event(event);
        }
    }
    writer.last_top_level_is_paragraph
}

/// The first character of a text, skipping the emphasis pass's sentinels.
fn first_char(text: &str) -> Option<char> {
    text.chars().find(|&c| c != SENTINEL)
}

/// The last character of a text, skipping the emphasis pass's sentinels.
fn last_char(text: &str) -> Option<char> {
    text.chars().rev().find(|&c| c != SENTINEL)
}

/// The state of writing one body's events as HTML.
struct BodyWriter<'o> {
    out: &'o mut String,
    /// How many tags are open, to know when a top-level block ends.
    depth: usize,
    /// Whether the last top-level block that ended was a paragraph.
    last_top_level_is_paragraph: bool,
    /// For each open link, whether an `<a>` was written for it.
    links: Vec<bool>,
    /// How many images are open; inside one, only alt text is written.
    alt_depth: usize,
    /// Whether the outermost open image wrote an `<img` (so its alt needs closing).
    image_written: bool,
    /// The column alignments of the open table.
    alignments: Vec<Alignment>,
    /// Whether the open table row is the header row.
    in_table_head: bool,
    /// The index of the next cell in the open table row.
    cell: usize,
    /// Whether the open table has written its `<tbody>`.
    tbody_open: bool,
    /// Whether the last text written (inline tags aside) ended with a CJK character.
    after_cjk: bool,
    /// The run of characters without a line break that the text written so far ends with.
    unbroken: Unbroken,
    /// How many quotes, lists and list items are open and written.
    containers: usize,
    /// How many are open inside those and left out (see [`MAX_NESTING`]).
    left_out: usize,
}

impl<'o> BodyWriter<'o> {
    fn new(out: &'o mut String) -> Self {
        BodyWriter {
            out,
            depth: 0,
            last_top_level_is_paragraph: false,
            links: Vec::new(),
            alt_depth: 0,
            image_written: false,
            alignments: Vec::new(),
            in_table_head: false,
            cell: 0,
            tbody_open: false,
            after_cjk: false,
            unbroken: Unbroken::default(),
            containers: 0,
            left_out: 0,
        }
    }

    /// Writes a soft line break: nothing between two CJK characters, else a line feed.
    fn soft_break(&mut self, next_is_cjk: bool) {
        if !(self.after_cjk && next_is_cjk) {
            self.out.push('\n');
        }
        self.after_cjk = false;
    }

    fn event(&mut self, event: Event<'_>) {
        if self.alt_depth > 0 {
            self.alt_event(event);
            return;
        }
        // Inline tags are invisible in the running text, so the character before a soft
        // break may sit inside a `<strong>` that has just closed.
        let transparent = matches!(
            event,
            Event::Start(
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. }
            ) | Event::End(
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript
                    | TagEnd::Link
            )
        );
        let mut after_cjk = transparent && self.after_cjk;
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                self.start(tag);
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(tag);
                if self.depth == 0 {
                    self.last_top_level_is_paragraph = tag == TagEnd::Paragraph;
                }
            }
            Event::Text(text) => {
                escape_text_run(&text, &mut self.unbroken, self.out);
                after_cjk = last_char(&text).is_some_and(is_cjk);
            }
            Event::Code(code) => {
                self.out.push_str("<code>");
                escape_text_run(&code, &mut self.unbroken, self.out);
                self.out.push_str("</code>");
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.out.push_str("<code>");
                escape_text_run(&math, &mut self.unbroken, self.out);
                self.out.push_str("</code>");
            }
            // Raw HTML is shown as the text it is, never passed through.
            Event::Html(html) | Event::InlineHtml(html) => escape_text_run(&html, &mut self.unbroken, self.out),
            Event::FootnoteReference(label) => {
                self.out.push_str("[^");
                escape_text_run(&label, &mut self.unbroken, self.out);
                self.out.push(']');
            }
            Event::SoftBreak => self.out.push('\n'),
            Event::HardBreak => self.out.push_str("<br>"),
            Event::Rule => {
                self.out.push_str("<hr>");
                if self.depth == 0 {
                    self.last_top_level_is_paragraph = false;
                }
            }
            Event::TaskListMarker(checked) => {
                self.out.push_str(if checked { "[x] " } else { "[ ] " });
            }
        }
        self.after_cjk = after_cjk;
    }

    /// Handles an event inside an image: only its text counts, as alt text.
    fn alt_event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.alt_depth += 1,
            Event::End(TagEnd::Image) => {
                self.alt_depth -= 1;
                if self.alt_depth == 0 {
                    self.depth = self.depth.saturating_sub(1);
                    if self.image_written {
                        self.out.push_str("\">");
                    }
                }
            }
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::Html(text)
            | Event::InlineHtml(text) => escape(&text, self.out),
            Event::SoftBreak | Event::HardBreak => self.out.push(' '),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        // The room a container needs below the limit; a written list has kept its items'.
        let room = match tag {
            Tag::BlockQuote(_) => Some(1),
            Tag::List(_) => Some(2),
            Tag::Item => Some(0),
            _ => None,
        };
        if let Some(room) = room {
            if self.left_out > 0 || self.containers + room > MAX_NESTING {
                self.left_out += 1;
                return;
            }
            self.containers += 1;
        }
        let out = &mut *self.out;
        match tag {
            Tag::Paragraph => out.push_str("<p>"),
            Tag::Heading { level, .. } => {
                out.push_str("<h");
                out.push(demoted(level));
                out.push('>');
            }
            Tag::BlockQuote(_) => out.push_str("<blockquote>"),
            Tag::CodeBlock(_) => out.push_str("<pre><code>"),
            Tag::HtmlBlock => out.push_str("<p class=\"raw-html\">"),
            Tag::List(Some(1)) => out.push_str("<ol>"),
            Tag::List(Some(start)) => {
                out.push_str("<ol start=\"");
                push_number(start, out);
                out.push_str("\">");
            }
            Tag::List(None) => out.push_str("<ul>"),
            Tag::Item => out.push_str("<li>"),
            Tag::Table(alignments) => {
                self.alignments = alignments;
                self.tbody_open = false;
                out.push_str("<table>");
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.cell = 0;
                out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                self.cell = 0;
                if !self.tbody_open {
                    self.tbody_open = true;
                    out.push_str("<tbody>");
                }
                out.push_str("<tr>");
            }
            Tag::TableCell => {
                out.push_str(if self.in_table_head { "<th" } else { "<td" });
                match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => out.push_str(" class=\"align-left\""),
                    Some(Alignment::Center) => out.push_str(" class=\"align-center\""),
                    Some(Alignment::Right) => out.push_str(" class=\"align-right\""),
                    Some(Alignment::None) | None => {}
                }
                out.push('>');
            }
            Tag::Emphasis => out.push_str("<em>"),
            Tag::Strong => out.push_str("<strong>"),
            Tag::Strikethrough => out.push_str("<del>"),
            Tag::Superscript => out.push_str("<sup>"),
            Tag::Subscript => out.push_str("<sub>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let href: Cow<str> = if link_type == LinkType::Email {
                    Cow::Owned(format!("mailto:{dest_url}"))
                } else {
                    Cow::Borrowed(&dest_url)
                };
                let safe = safe_url(&href, UrlUse::Link);
                if let Some(href) = &safe {
                    out.push_str("<a href=\"");
                    escape(href, out);
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape(&title, out);
                        out.push('"');
                    }
                    out.push_str(" rel=\"noopener noreferrer\">");
                }
                self.links.push(safe.is_some());
            }
            Tag::Image { dest_url, title, .. } => {
                self.alt_depth = 1;
                self.image_written = false;
                if let Some(src) = safe_url(&dest_url, UrlUse::Image) {
                    self.image_written = true;
                    out.push_str("<img src=\"");
                    escape(&src, out);
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape(&title, out);
                        out.push('"');
                    }
                    out.push_str(" alt=\"");
                }
            }
            // Not enabled; written as plain containers should a future option produce them.
            Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => out.push_str("<div>"),
            Tag::DefinitionList => out.push_str("<dl>"),
            Tag::DefinitionListTitle => out.push_str("<dt>"),
            Tag::DefinitionListDefinition => out.push_str("<dd>"),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) {
            if self.left_out > 0 {
                // What was nested deeper than the limit: its content stays, the tag goes.
                self.left_out -= 1;
                if tag == TagEnd::Item {
                    self.out.push('\n');
                }
                return;
            }
            self.containers = self.containers.saturating_sub(1);
        }
        let out = &mut *self.out;
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => out.push_str("</p>"),
            TagEnd::Heading(level) => {
                out.push_str("</h");
                out.push(demoted(level));
                out.push('>');
            }
            TagEnd::BlockQuote(_) => out.push_str("</blockquote>"),
            TagEnd::CodeBlock => out.push_str("</code></pre>"),
            TagEnd::List(true) => out.push_str("</ol>"),
            TagEnd::List(false) => out.push_str("</ul>"),
            TagEnd::Item => out.push_str("</li>"),
            TagEnd::Table => {
                if self.tbody_open {
                    out.push_str("</tbody>");
                }
                out.push_str("</table>");
                self.tbody_open = false;
                self.alignments.clear();
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                out.push_str("</tr></thead>");
            }
            TagEnd::TableRow => out.push_str("</tr>"),
            TagEnd::TableCell => {
                out.push_str(if self.in_table_head { "</th>" } else { "</td>" });
                self.cell += 1;
            }
            TagEnd::Emphasis => out.push_str("</em>"),
            TagEnd::Strong => out.push_str("</strong>"),
            TagEnd::Strikethrough => out.push_str("</del>"),
            TagEnd::Superscript => out.push_str("</sup>"),
            TagEnd::Subscript => out.push_str("</sub>"),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    out.push_str("</a>");
                }
            }
            // Images end in `alt_event`.
            TagEnd::Image => {}
            TagEnd::FootnoteDefinition | TagEnd::MetadataBlock(_) => out.push_str("</div>"),
            TagEnd::DefinitionList => out.push_str("</dl>"),
            TagEnd::DefinitionListTitle => out.push_str("</dt>"),
            TagEnd::DefinitionListDefinition => out.push_str("</dd>"),
        }
    }
}

/// The heading level a body heading prints at: the item title is the item's heading, so
/// `#` becomes `h4`, `##` becomes `h5` and anything deeper `h6`.
fn demoted(level: HeadingLevel) -> char {
    match level {
        HeadingLevel::H1 => '4',
        HeadingLevel::H2 => '5',
        _ => '6',
    }
}

// ---------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------

/// What a URL is for: images accept a few more schemes than links.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlUse {
    /// A link's destination.
    Link,
    /// An image's source.
    Image,
}

/// The URL to write when `dest` is safe for `usage`, or None.
///
/// The URL written is `dest` without ASCII control characters and without leading or
/// trailing spaces (browsers ignore those anyway). The decision is made on a stricter
/// reading: percent-escapes and character references decoded (repeatedly), all ASCII
/// whitespace and controls removed, lower-cased. If that reading has a `:` before any `/`,
/// `?` or `#`, what precedes it is the scheme, and only `http`, `https` and `mailto` pass
/// for links, and only `http`, `https` and `data:image/png|jpeg|gif|webp` for images;
/// otherwise the URL is relative and passes.
pub(crate) fn safe_url(dest: &str, usage: UrlUse) -> Option<Cow<'_, str>> {
    let trimmed = dest.trim_matches(|c: char| c <= ' ' || c == '\u{7F}');
    let cleaned: Cow<str> = if trimmed.chars().any(|c| c.is_ascii_control()) {
        Cow::Owned(trimmed.chars().filter(|c| !c.is_ascii_control()).collect())
    } else {
        Cow::Borrowed(trimmed)
    };
    let reading = decision_reading(&cleaned);
    let scheme_end = reading.find([':', '/', '?', '#']);
    let safe = match scheme_end {
        Some(index) if reading.as_bytes()[index] == b':' => {
            let scheme = &reading[..index];
            match usage {
                UrlUse::Link => matches!(scheme, "http" | "https" | "mailto"),
                UrlUse::Image => matches!(scheme, "http" | "https") || is_data_image(&reading),
            }
        }
        _ => true,
    };
    safe.then_some(cleaned)
}

/// Whether a decided URL is a `data:` URL of a raster image type.
fn is_data_image(reading: &str) -> bool {
    ["png", "jpeg", "gif", "webp"].iter().any(|kind| {
        reading
            .strip_prefix("data:image/")
            .and_then(|rest| rest.strip_prefix(kind))
            .is_some_and(|rest| rest.starts_with([';', ',']))
    })
}

/// The strict reading of a URL used to decide its scheme (see [`safe_url`]).
fn decision_reading(url: &str) -> String {
    let mut reading: String = url.to_string();
    // A few rounds catch double encodings such as `%2526#58;`; each round only shortens.
    for _ in 0..4 {
        let decoded = decode_character_references(&percent_decode(&reading));
        if decoded == reading {
            break;
        }
        reading = decoded;
    }
    reading
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_ascii_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Decodes `%XX` escapes (invalid UTF-8 becomes U+FFFD).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                decoded.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// Decodes numeric character references (`&#58;`, `&#x3A;`, with or without `;`) and the
/// named ones that spell URL syntax or whitespace (`&colon;`, `&Tab;`, `&NewLine;`, …).
fn decode_character_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    const NAMED: [(&str, char); 9] = [
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("sol", '/'),
        ("quest", '?'),
        ("num", '#'),
        ("percnt", '%'),
        ("amp", '&'),
        ("nbsp", ' '),
    ];
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find('&') {
        decoded.push_str(&rest[..index]);
        let after = &rest[index + 1..];
        if let Some(number) = after.strip_prefix('#') {
            let (radix, digits_start) = match number.as_bytes().first() {
                Some(b'x' | b'X') => (16, 1),
                _ => (10, 0),
            };
            let digits: &str = &number[digits_start..];
            let length = digits.bytes().take_while(|b| (*b as char).is_digit(radix)).count();
            if length > 0 {
                let value = u32::from_str_radix(&digits[..length.min(8)], radix).ok();
                decoded.push(value.and_then(char::from_u32).unwrap_or('\u{FFFD}'));
                let consumed = 1 + digits_start + length;
                rest = &after[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(name, _)| {
            after.len() >= name.len()
                && after.is_char_boundary(name.len())
                && after[..name.len()].eq_ignore_ascii_case(name)
        }) {
            decoded.push(*c);
            rest = &after[name.len()..];
            rest = rest.strip_prefix(';').unwrap_or(rest);
            continue;
        }
        decoded.push('&');
        rest = after;
    }
    decoded.push_str(rest);
    decoded
}

// ---------------------------------------------------------------------------------------
// CJK-friendly emphasis
// ---------------------------------------------------------------------------------------

/// Where to insert [`SENTINEL`]s so that pulldown-cmark's standard flanking rules give the
/// CJK-friendly result (see the module documentation). Byte offsets, ascending.
fn cjk_emphasis_inserts(markdown: &str, options: Options) -> Vec<usize> {
    // Without `*` there is nothing to do; without non-ASCII text the rules agree.
    if !markdown.contains('*') || markdown.is_ascii() {
        return Vec::new();
    }
    let bytes = markdown.as_bytes();
    // What each byte of the source is: outside inline text, inline text, or a `*` that is
    // an emphasis delimiter candidate.
    const OUTSIDE: u8 = 0;
    const INLINE: u8 = 1;
    const DELIMITER: u8 = 2;
    let mut kind = vec![OUTSIDE; bytes.len()];
    let mark = |kind: &mut Vec<u8>, range: std::ops::Range<usize>, value: u8| {
        for k in &mut kind[range] {
            *k = (*k).max(value);
        }
    };
    let mut code_blocks = 0usize;
    // For each open link or image, whether its text is also its label (collapsed and
    // shortcut references), where inserting a character would break the reference.
    let mut label_links: Vec<bool> = Vec::new();
    // How many of them are: counted, not searched for at each event, since images nest.
    let mut labels = 0usize;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let in_label = labels > 0;
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => code_blocks = code_blocks.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                if !range.is_empty() {
                    mark(&mut kind, range.start..range.start + 1, INLINE);
                    mark(&mut kind, range.end - 1..range.end, INLINE);
                }
                let label = matches!(
                    link_type,
                    LinkType::Collapsed | LinkType::Shortcut | LinkType::CollapsedUnknown | LinkType::ShortcutUnknown
                );
                labels += usize::from(label);
                label_links.push(label);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                labels -= usize::from(label_links.pop() == Some(true));
            }
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                let delimiter = bytes.get(range.start).copied();
                let count = match tag {
                    Tag::Emphasis => 1,
                    Tag::Strong => 2,
                    // Strikethrough takes `~` or `~~`.
                    _ => bytes[range.clone()]
                        .iter()
                        .take(2)
                        .take_while(|&&b| Some(b) == delimiter)
                        .count()
                        .max(1),
                };
                let value = if delimiter == Some(b'*') && !in_label {
                    DELIMITER
                } else {
                    INLINE
                };
                if range.len() >= 2 * count
                    && bytes[range.start..range.start + count]
                        .iter()
                        .all(|&b| Some(b) == delimiter)
                    && bytes[range.end - count..range.end]
                        .iter()
                        .all(|&b| Some(b) == delimiter)
                {
                    mark(&mut kind, range.start..range.start + count, value);
                    mark(&mut kind, range.end - count..range.end, value);
                }
            }
            Event::Text(text) if code_blocks == 0 => {
                mark(&mut kind, range.clone(), INLINE);
                // Only text that is a verbatim slice of the source maps back to it.
                if !in_label && markdown.get(range.clone()) == Some(&*text) {
                    for at in range.clone() {
                        if bytes[at] == b'*' && !is_escaped(bytes, at) {
                            kind[at] = DELIMITER;
                        }
                    }
                }
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak => mark(&mut kind, range, INLINE),
            _ => {}
        }
    }

    let mut inserts = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if kind[at] != DELIMITER {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && kind[at] == DELIMITER {
            at += 1;
        }
        let end = at;
        // A neighbour outside inline text (a line start or end, a `>` of a quote) counts
        // as whitespace, as it does for the parser.
        let before = markdown[..start]
            .chars()
            .next_back()
            .filter(|c| kind[start - c.len_utf8()] != OUTSIDE);
        let after = markdown[end..].chars().next().filter(|_| kind[end] != OUTSIDE);
        let (Some(before), Some(after)) = (before, after) else {
            continue;
        };
        if is_letter(before) && is_punctuation(after) && after != '|' && (is_cjk(after) || is_cjk(before)) {
            // Left-flanking only by the amended rules: make the run followed by a
            // non-punctuation character.
            inserts.push(end);
        } else if is_punctuation(before) && is_letter(after) && (is_cjk(before) || is_cjk(after)) {
            // Right-flanking only by the amended rules: make the run preceded by a
            // non-punctuation character.
            inserts.push(start);
        }
    }
    inserts
}

/// Whether the byte at `at` is escaped by an odd number of backslashes before it.
fn is_escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// A character that is surely a letter or digit to CommonMark: neither whitespace nor
/// punctuation. Enclosed letters (Ⓐ, 🅰) are alphabetic yet symbols, so they are excluded.
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !matches!(c as u32, 0x2460..=0x24FF | 0x1F100..=0x1F1FF)
}

/// A character that is surely punctuation to CommonMark (Unicode P or S). The list covers
/// ASCII, Latin-1, general punctuation, symbols and CJK punctuation; a character left out
/// only makes the emphasis pass leave a run alone.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(c as u32,
        0x00A1..=0x00A9 | 0x00AB | 0x00AC | 0x00AE..=0x00B1 | 0x00B4 | 0x00B6..=0x00B8
        | 0x00BB | 0x00BF | 0x00D7 | 0x00F7
        | 0x2010..=0x2027 | 0x2030..=0x205E | 0x20A0..=0x20C0 | 0x2190..=0x23FF
        | 0x2500..=0x2775 | 0x2794..=0x27BF
        | 0x3001..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D | 0x30A0 | 0x30FB
        | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE66 | 0xFE68..=0xFE6B
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0xFFE0..=0xFFE6 | 0xFFE8..=0xFFEE)
}

/// A CJK character in the sense of the CJK-friendly amendment (East Asian Wide or
/// Fullwidth, or Hangul): Han, kana, Hangul, Bopomofo, Yi, CJK and fullwidth punctuation.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F | 0xFF01..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1B000..=0x1B16F | 0x20000..=0x3FFFD)
}
