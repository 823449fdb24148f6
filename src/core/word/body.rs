//! An item's Markdown body as Word paragraphs and tables.
//!
//! The body is parsed exactly as the preview parses it ([`prepared_source`] and
//! [`markdown_options`]: CommonMark with tables and strikethrough, CJK-friendly
//! emphasis), and the same safety rules hold: raw HTML is written as text, and a link
//! becomes a Word hyperlink only when the preview would write its `<a>`. Emphasis is set
//! in 楷体 (the `Emphasis` style), strong text bold, lists are Word numbering, headings
//! inside a body use `heading 3` to `heading 5`, tables use `Table Grid`. An image is
//! written as its alternative text (photos are not embedded yet). A soft line break
//! between two CJK characters is dropped, as in the preview; elsewhere it is a space.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, Run, RunFonts, SpecialIndentType, Start, Table, TableCell, TableRow, WidthType,
};
use pulldown_cmark::{Alignment, Event, LinkType, Parser, Tag, TagEnd};

use super::layout::TEXT_WIDTH;
use super::styles::{id, INDENT, KAITI};
use super::text::clean;
use crate::core::render::{is_cjk, markdown_options, prepared_source, safe_url, UrlUse};

/// The abstract numbering of bullet lists.
pub const BULLETS: usize = 1;
/// The abstract numbering of ordered lists.
pub const DECIMALS: usize = 2;
/// Word's deepest list level (0-based).
const MAX_LEVEL: usize = 8;

/// The two abstract numberings every export carries: bullets and `1.`, nine levels each,
/// two characters of indent per level with the marker hanging.
pub fn abstract_numberings() -> [AbstractNumbering; 2] {
    let levels = |format: &str, bullet: bool| {
        (0..=MAX_LEVEL).fold(
            AbstractNumbering::new(if bullet { BULLETS } else { DECIMALS }),
            |numbering, level| {
                let text = if bullet {
                    "•".to_string()
                } else {
                    format!("%{}.", level + 1)
                };
                numbering.add_level(
                    Level::new(
                        level,
                        Start::new(1),
                        NumberFormat::new(format),
                        LevelText::new(text),
                        LevelJc::new("left"),
                    )
                    .indent(
                        Some((INDENT as usize * (level + 1)) as i32),
                        Some(SpecialIndentType::Hanging(INDENT as i32)),
                        None,
                        None,
                    ),
                )
            },
        )
    };
    [levels("bullet", true), levels("decimal", false)]
}

/// A block of the document body.
pub enum Block {
    /// A paragraph (boxed: docx-rs paragraphs and tables are large values).
    Paragraph(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

impl From<Paragraph> for Block {
    fn from(paragraph: Paragraph) -> Block {
        Block::Paragraph(Box::new(paragraph))
    }
}

/// The numbering instances the bodies use; each list gets its own, so that every ordered
/// list starts at its own first number.
#[derive(Default)]
pub struct Numberings {
    /// The instances made so far.
    pub list: Vec<Numbering>,
}

impl Numberings {
    fn next(&mut self, ordered: Option<u64>) -> usize {
        let id = self.list.len() + 1;
        let numbering = match ordered {
            Some(start) => Numbering::new(id, DECIMALS)
                .add_override(LevelOverride::new(0).start(usize::try_from(start).unwrap_or(1))),
            None => Numbering::new(id, BULLETS),
        };
        self.list.push(numbering);
        id
    }
}

/// One open list.
struct ListFrame {
    /// The numbering instance.
    numbering: usize,
    /// Whether the open item has not yet written its numbered paragraph.
    first: bool,
}

/// A table being written.
struct TableBuild {
    alignments: Vec<Alignment>,
    rows: Vec<TableRow>,
    cells: Vec<TableCell>,
    paragraphs: Vec<Paragraph>,
    head: bool,
}

/// Writes one body's events as blocks.
struct Writer<'n> {
    blocks: Vec<Block>,
    numberings: &'n mut Numberings,
    paragraph: Option<Paragraph>,
    link: Option<Hyperlink>,
    links: Vec<bool>,
    strong: usize,
    emphasis: usize,
    strike: usize,
    heading: Option<usize>,
    quote: usize,
    code_block: bool,
    html_block: bool,
    lists: Vec<ListFrame>,
    table: Option<TableBuild>,
    after_cjk: bool,
    /// Whether the last block finished is a paragraph at the body's top level.
    last_plain: bool,
}

/// The blocks of one body, and whether the last one is a plain top-level paragraph (the
/// item's sources then go at its end, as the preview puts them).
pub fn body_blocks(markdown: &str, numberings: &mut Numberings) -> (Vec<Block>, bool) {
    let source = prepared_source(markdown);
    let mut writer = Writer {
        blocks: Vec::new(),
        numberings,
        paragraph: None,
        link: None,
        links: Vec::new(),
        strong: 0,
        emphasis: 0,
        strike: 0,
        heading: None,
        quote: 0,
        code_block: false,
        html_block: false,
        lists: Vec::new(),
        table: None,
        after_cjk: false,
        last_plain: false,
    };
    let mut events = Parser::new_ext(&source, markdown_options()).peekable();
    while let Some(event) = events.next() {
        if matches!(event, Event::SoftBreak) {
            let next_is_cjk = match events.peek() {
                Some(Event::Text(text)) => text.chars().find(|&c| !super::text::is_dropped(c)).is_some_and(is_cjk),
                _ => false,
            };
            if !(writer.after_cjk && next_is_cjk) {
                writer.text(" ");
            }
            writer.after_cjk = false;
        } else {
            writer.event(event);
        }
    }
    writer.finish_paragraph();
    let last_plain = writer.last_plain;
    (writer.blocks, last_plain)
}

impl Writer<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                let run = self.run_with_style(id::CODE);
                self.push_text(run, &code);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                let run = Run::new().add_break(BreakType::TextWrapping);
                self.push_run(run);
            }
            Event::Rule => {
                self.finish_paragraph();
                let mut rule = Paragraph::new();
                rule.property = rule.property.set_border(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(6)
                        .color("000000"),
                );
                self.push_block(Block::Paragraph(Box::new(rule)), false);
            }
            Event::TaskListMarker(checked) => self.text(if checked { "☑ " } else { "☐ " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.finish_paragraph();
            }
            Tag::Heading { level, .. } => {
                self.finish_paragraph();
                self.heading = Some(level as usize);
            }
            Tag::BlockQuote(_) => {
                self.finish_paragraph();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.finish_paragraph();
                self.code_block = true;
            }
            Tag::HtmlBlock => {
                self.finish_paragraph();
                self.html_block = true;
            }
            Tag::List(start) => {
                self.finish_paragraph();
                let numbering = self.numberings.next(start);
                self.lists.push(ListFrame {
                    numbering,
                    first: false,
                });
            }
            Tag::Item => {
                self.finish_paragraph();
                if let Some(frame) = self.lists.last_mut() {
                    frame.first = true;
                }
            }
            Tag::Table(alignments) => {
                self.finish_paragraph();
                self.table = Some(TableBuild {
                    alignments,
                    rows: Vec::new(),
                    cells: Vec::new(),
                    paragraphs: Vec::new(),
                    head: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.head = true;
                    table.cells.clear();
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.cells.clear();
                }
            }
            Tag::TableCell => {
                self.finish_paragraph();
                if let Some(table) = &mut self.table {
                    table.paragraphs.clear();
                }
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link {
                link_type, dest_url, ..
            } => {
                let href = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let safe = safe_url(&href, UrlUse::Link).map(|url| clean(&url));
                let ok = safe.is_some() && self.link.is_none();
                if let (true, Some(url)) = (ok, safe) {
                    self.link = Some(Hyperlink::new(url, HyperlinkType::External));
                }
                self.links.push(ok);
            }
            // An image is its alternative text, which follows as text events.
            Tag::Image { .. } => {}
            Tag::Superscript
            | Tag::Subscript
            | Tag::FootnoteDefinition(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let plain = self.lists.is_empty() && self.quote == 0 && self.table.is_none();
                if self.finish_paragraph() && plain {
                    self.last_plain = true;
                }
            }
            TagEnd::Heading(_) => {
                self.finish_paragraph();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.finish_paragraph();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.finish_paragraph();
                self.code_block = false;
            }
            TagEnd::HtmlBlock => {
                self.finish_paragraph();
                self.html_block = false;
            }
            TagEnd::List(_) => {
                self.finish_paragraph();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.finish_paragraph();
            }
            TagEnd::TableCell => {
                self.finish_paragraph();
                if let Some(table) = &mut self.table {
                    let mut cell = TableCell::new();
                    let paragraphs = std::mem::take(&mut table.paragraphs);
                    if paragraphs.is_empty() {
                        // Word requires a paragraph in every cell.
                        cell = cell.add_paragraph(Paragraph::new().style(id::TABLE_TEXT));
                    }
                    for paragraph in paragraphs {
                        cell = cell.add_paragraph(paragraph);
                    }
                    table.cells.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let cells = std::mem::take(&mut table.cells);
                    if !cells.is_empty() {
                        table.rows.push(TableRow::new(cells));
                    }
                    table.head = false;
                }
            }
            TagEnd::Table => {
                self.finish_paragraph();
                if let Some(table) = self.table.take() {
                    let columns = table.alignments.len().max(1);
                    let width = TEXT_WIDTH as usize / columns;
                    let built = Table::new(table.rows)
                        .style(id::TABLE_GRID)
                        .set_grid(vec![width; columns])
                        .width(TEXT_WIDTH as usize, WidthType::Dxa);
                    self.push_block(Block::Table(Box::new(built)), false);
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    if let Some(link) = self.link.take() {
                        let paragraph = self.paragraph.take().unwrap_or_else(|| self.new_paragraph());
                        self.paragraph = Some(paragraph.add_hyperlink(link));
                    }
                }
            }
            TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::FootnoteDefinition
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// A paragraph for the current context: a table cell, a heading, code, a list item, a
    /// quote, or the body.
    fn new_paragraph(&mut self) -> Paragraph {
        let paragraph = Paragraph::new();
        if let Some(table) = &self.table {
            let column = table.cells.len();
            let align = match table.alignments.get(column) {
                Some(Alignment::Center) => AlignmentType::Center,
                Some(Alignment::Right) => AlignmentType::Right,
                _ => AlignmentType::Left,
            };
            return paragraph.style(id::TABLE_TEXT).align(align);
        }
        if let Some(level) = self.heading {
            return paragraph.style(id::HEADINGS[level.clamp(1, 3) - 1]);
        }
        if self.code_block || self.html_block {
            return paragraph.style(id::CODE_BLOCK);
        }
        let depth = self.lists.len();
        if let Some(frame) = self.lists.last_mut() {
            let level = (depth - 1).min(MAX_LEVEL);
            let paragraph = paragraph.style(id::LIST);
            return if std::mem::replace(&mut frame.first, false) {
                paragraph.numbering(NumberingId::new(frame.numbering), IndentLevel::new(level))
            } else {
                paragraph.indent(Some((INDENT as usize * (level + 1)) as i32), None, None, None)
            };
        }
        if self.quote > 0 {
            return paragraph.style(id::QUOTE);
        }
        paragraph
    }

    /// Ends the open paragraph, if any, and files it; true when there was one.
    fn finish_paragraph(&mut self) -> bool {
        if let Some(link) = self.link.take() {
            // A link cannot outlive its paragraph; keep its text.
            let paragraph = self.paragraph.take().unwrap_or_else(|| self.new_paragraph());
            self.paragraph = Some(paragraph.add_hyperlink(link));
            self.links.iter_mut().for_each(|open| *open = false);
        }
        self.after_cjk = false;
        let Some(paragraph) = self.paragraph.take() else {
            return false;
        };
        match &mut self.table {
            Some(table) => table.paragraphs.push(paragraph),
            None => self.push_block(Block::Paragraph(Box::new(paragraph)), false),
        }
        true
    }

    fn push_block(&mut self, block: Block, plain: bool) {
        self.blocks.push(block);
        self.last_plain = plain;
    }

    /// A run carrying the current inline formatting, with `style` as its character style.
    fn run_with_style(&self, style: &str) -> Run {
        let mut run = Run::new().style(style);
        if self.strong > 0 && style != id::STRONG {
            run = run.bold();
        }
        if self.emphasis > 0 && style != id::EMPHASIS {
            run = run.fonts(
                RunFonts::new()
                    .ascii(KAITI.name)
                    .east_asia(KAITI.name)
                    .hi_ansi(KAITI.name)
                    .cs(KAITI.name),
            );
        }
        if self.strike > 0 {
            run = run.strike();
        }
        if self.table.as_ref().is_some_and(|t| t.head) {
            run = run.bold();
        }
        run
    }

    /// A run carrying the current inline formatting.
    fn run(&self) -> Run {
        let style = if self.link.is_some() {
            id::HYPERLINK
        } else if self.emphasis > 0 {
            id::EMPHASIS
        } else if self.strong > 0 {
            id::STRONG
        } else {
            ""
        };
        if style.is_empty() {
            let mut run = Run::new();
            if self.strike > 0 {
                run = run.strike();
            }
            if self.table.as_ref().is_some_and(|t| t.head) {
                run = run.bold();
            }
            run
        } else {
            self.run_with_style(style)
        }
    }

    fn text(&mut self, text: &str) {
        let run = self.run();
        self.push_text(run, text);
    }

    /// Adds text to a run and the run to the open paragraph (or link). Line feeds become
    /// line breaks in code and raw HTML and spaces elsewhere; tabs become Word tabs.
    fn push_text(&mut self, mut run: Run, text: &str) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        let keep_lines = self.code_block || self.html_block;
        let text = text.strip_suffix('\n').filter(|_| keep_lines).unwrap_or(&text);
        let mut first_line = true;
        for line in text.split('\n') {
            if !first_line {
                run = if keep_lines {
                    run.add_break(BreakType::TextWrapping)
                } else {
                    run.add_text(" ")
                };
            }
            first_line = false;
            let mut first_piece = true;
            for piece in line.split('\t') {
                if !first_piece {
                    run = run.add_tab();
                }
                first_piece = false;
                if !piece.is_empty() {
                    run = run.add_text(piece);
                }
            }
        }
        if let Some(last) = text.chars().last() {
            self.after_cjk = is_cjk(last);
        }
        self.push_run(run);
    }

    fn push_run(&mut self, run: Run) {
        if let Some(link) = self.link.take() {
            self.link = Some(link.add_run(run));
            if self.paragraph.is_none() {
                self.paragraph = Some(self.new_paragraph());
            }
            return;
        }
        let paragraph = self.paragraph.take().unwrap_or_else(|| self.new_paragraph());
        self.paragraph = Some(paragraph.add_run(run));
    }
}
