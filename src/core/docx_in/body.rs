//! The walk through a document's XML (`word/document.xml`, and the footnotes and
//! endnotes parts): paragraphs with their heading level, list marker and title hints,
//! runs with bold and italic as Markdown emphasis, and tables.
//!
//! What is not the document's shown text is left out and counted, so that the reader can
//! say so: deleted revisions, hidden text, comments, field codes (their shown result
//! stays), pictures. Word writes text boxes twice, once for new readers and once as a
//! fallback for old ones; the fallback is skipped.

use super::styles::{format_number, Numbering, Styles};
use super::xml::{attr, is_on, reference, Xml};
use super::DocxError;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeSet, HashMap};

/// What the walk left out, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Deleted or moved-away revisions.
    pub deleted: usize,
    /// Inserted revisions (kept).
    pub inserted: usize,
    /// The ids of comments anchored in the text.
    pub comments: BTreeSet<String>,
    /// Runs of hidden text.
    pub hidden: usize,
    /// Pictures and charts.
    pub pictures: usize,
}

/// One block of the document, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph as Markdown (lines joined by `\n`).
    Paragraph {
        /// The Markdown text, list marker included.
        text: String,
        /// The heading level, from its style or outline level.
        heading: Option<usize>,
        /// Centred or large: a title, perhaps.
        hint: bool,
        /// The footnote or endnote it belongs to, when walking those parts.
        note: Option<String>,
    },
    /// A table: rows of cells, each cell its paragraphs.
    Table {
        /// The rows.
        rows: Vec<Vec<Vec<String>>>,
        /// The footnote or endnote it belongs to.
        note: Option<String>,
    },
}

/// A piece of a paragraph's text with its formatting.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    bold: bool,
    italic: bool,
    size: Option<u32>,
    /// Written as is, never escaped: a footnote marker.
    raw: bool,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    centred: Option<bool>,
    outline: Option<u8>,
    list: Option<(String, u8)>,
    pieces: Vec<Piece>,
}

/// A run's own properties.
#[derive(Default)]
struct RunProps {
    style: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    hidden: Option<bool>,
    size: Option<u32>,
    /// Whether this run's hidden text was counted already.
    counted: bool,
}

/// Elements whose content is not shown text: deleted revisions, text-box fallbacks,
/// field codes, and the old properties kept by tracked formatting changes.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"Fallback",
    b"instrText",
    b"delText",
    b"delInstrText",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"numberingChange",
];

/// The walk's state.
pub struct Walker<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    /// The blocks read, in order.
    pub blocks: Vec<Block>,
    /// What was left out.
    pub counts: Counts,
    /// The notes referred to, in order: `f2` for footnote 2, `e1` for endnote 1.
    pub note_refs: Vec<String>,
    paras: Vec<Para>,
    tables: Vec<Vec<Vec<Vec<String>>>>,
    span: u32,
    skip: usize,
    in_ppr: bool,
    in_rpr: bool,
    in_t: bool,
    run: RunProps,
    /// Open complex fields; true while in a field's code, before its result.
    fields: Vec<bool>,
    counters: HashMap<(String, u8), u32>,
    note: Option<String>,
}

impl<'s> Walker<'s> {
    /// A walk with these styles and list definitions.
    pub fn new(styles: &'s Styles, numbering: &'s Numbering) -> Self {
        Walker {
            styles,
            numbering,
            blocks: Vec::new(),
            counts: Counts::default(),
            note_refs: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
            span: 1,
            skip: 0,
            in_ppr: false,
            in_rpr: false,
            in_t: false,
            run: RunProps::default(),
            fields: Vec::new(),
            counters: HashMap::new(),
            note: None,
        }
    }

    /// Walks one XML part.
    pub fn walk(&mut self, xml: &str) -> Result<(), DocxError> {
        let mut reader = Xml::new(xml);
        while let Some(event) = reader.next()? {
            match &event {
                Event::Start(e) => self.open(e, true),
                Event::Empty(e) => self.open(e, false),
                Event::End(e) => self.close(e.local_name().as_ref()),
                Event::Text(t) => {
                    let text = t.decode().map_err(|_| DocxError::Damaged)?;
                    self.text(&text);
                }
                Event::CData(t) => {
                    let text = t.decode().map_err(|_| DocxError::Damaged)?;
                    self.text(&text);
                }
                Event::GeneralRef(r) => self.text(&reference(r)),
                _ => {}
            }
        }
        Ok(())
    }

    fn open(&mut self, e: &BytesStart<'_>, start: bool) {
        if self.skip > 0 {
            self.skip += usize::from(start);
            return;
        }
        let name = e.local_name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            if matches!(name, b"del" | b"moveFrom") {
                self.counts.deleted += 1;
            }
            self.skip = usize::from(start);
            return;
        }
        let in_run_props = self.in_rpr && !self.in_ppr;
        match name {
            b"ins" | b"moveTo" => self.counts.inserted += 1,
            b"footnote" | b"endnote" => {
                let separator = attr(e, b"type").is_some_and(|t| t != "normal");
                if separator {
                    self.skip = usize::from(start);
                } else {
                    let prefix = if name == b"footnote" { "f" } else { "e" };
                    self.note = attr(e, b"id").map(|id| format!("{prefix}{id}"));
                }
            }
            b"commentReference" | b"commentRangeStart" => {
                self.counts.comments.insert(attr(e, b"id").unwrap_or_default());
            }
            b"p" if start => self.paras.push(Para::default()),
            b"pPr" if start => self.in_ppr = true,
            b"rPr" if start => self.in_rpr = true,
            b"r" if start => self.run = RunProps::default(),
            b"t" if start => self.in_t = true,
            b"pStyle" if self.in_ppr => {
                if let Some(para) = self.paras.last_mut() {
                    para.style = attr(e, b"val");
                }
            }
            b"jc" if self.in_ppr && !self.in_rpr => {
                if let Some(para) = self.paras.last_mut() {
                    para.centred = attr(e, b"val").map(|v| v == "center");
                }
            }
            b"outlineLvl" if self.in_ppr => {
                if let Some(para) = self.paras.last_mut() {
                    para.outline = attr(e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"numId" if self.in_ppr => {
                if let Some(para) = self.paras.last_mut() {
                    let level = para.list.as_ref().map_or(0, |l| l.1);
                    para.list = Some((attr(e, b"val").unwrap_or_default(), level));
                }
            }
            b"ilvl" if self.in_ppr => {
                if let Some(para) = self.paras.last_mut() {
                    let id = para.list.take().map(|l| l.0).unwrap_or_default();
                    para.list = Some((id, attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)));
                }
            }
            b"rStyle" if in_run_props => self.run.style = attr(e, b"val"),
            b"b" if in_run_props => self.run.bold = Some(is_on(e)),
            b"i" if in_run_props => self.run.italic = Some(is_on(e)),
            b"vanish" if in_run_props => self.run.hidden = Some(is_on(e)),
            b"sz" if in_run_props => self.run.size = attr(e, b"val").and_then(|v| v.parse().ok()),
            b"tab" if !self.in_ppr => self.push("\t", false),
            b"br" if !self.in_ppr => {
                let kind = attr(e, b"type");
                if !matches!(kind.as_deref(), Some("page" | "column")) {
                    self.push("\n", false);
                }
            }
            b"cr" => self.push("\n", false),
            b"noBreakHyphen" => self.push("-", false),
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(code) = self.fields.last_mut() {
                        *code = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"footnoteReference" | b"endnoteReference" => {
                let prefix = if name == b"footnoteReference" { "f" } else { "e" };
                let id = format!("{prefix}{}", attr(e, b"id").unwrap_or_default());
                self.note_refs.push(id);
                let marker = format!("[注{}]", self.note_refs.len());
                self.push(&marker, true);
            }
            b"blip" | b"imagedata" | b"chart" => self.counts.pictures += 1,
            b"tbl" if start => self.tables.push(Vec::new()),
            b"tr" if start => {
                if let Some(table) = self.tables.last_mut() {
                    table.push(Vec::new());
                }
            }
            b"tc" if start => {
                self.span = 1;
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            b"gridSpan" => self.span = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"pPr" => self.in_ppr = false,
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_t = false,
            b"p" => self.end_paragraph(),
            b"tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    for _ in 1..self.span {
                        row.push(Vec::new());
                    }
                }
                self.span = 1;
            }
            b"tbl" => {
                let Some(rows) = self.tables.pop() else {
                    return;
                };
                if let Some(cell) = self.cell() {
                    // A table inside a table: its cells' text, row by row.
                    for row in rows {
                        let line: Vec<String> = row.into_iter().map(|c| c.join(" ")).collect();
                        cell.push(line.join(" "));
                    }
                } else {
                    self.blocks.push(Block::Table {
                        rows,
                        note: self.note.clone(),
                    });
                }
            }
            b"footnote" | b"endnote" => self.note = None,
            _ => {}
        }
    }

    /// The cell being read, when inside a table.
    fn cell(&mut self) -> Option<&mut Vec<String>> {
        self.tables.last_mut()?.last_mut()?.last_mut()
    }

    fn text(&mut self, text: &str) {
        if self.skip == 0 && self.in_t {
            self.push(text, false);
        }
    }

    /// Adds text to the paragraph being read, unless it is hidden or a field's code.
    fn push(&mut self, text: &str, raw: bool) {
        if self.skip > 0 || self.fields.iter().any(|code| *code) || text.is_empty() {
            return;
        }
        let Some(para) = self.paras.last() else {
            return;
        };
        let para_style = self.styles.resolve(para.style.as_deref());
        let (style_bold, style_italic, style_hidden) = self
            .run
            .style
            .as_deref()
            .map_or((None, None, None), |id| self.styles.run_style(id));
        let hidden = self.run.hidden.or(style_hidden).unwrap_or(para_style.hidden);
        if hidden {
            if !self.run.counted {
                self.counts.hidden += 1;
                self.run.counted = true;
            }
            return;
        }
        let piece = Piece {
            text: text.to_string(),
            bold: !raw && self.run.bold.or(style_bold).unwrap_or(para_style.bold),
            italic: !raw && self.run.italic.or(style_italic).unwrap_or(para_style.italic),
            size: self.run.size.or(para_style.size),
            raw,
        };
        if let Some(para) = self.paras.last_mut() {
            para.pieces.push(piece);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(para) = self.paras.pop() else {
            return;
        };
        let resolved = self.styles.resolve(para.style.as_deref());
        let heading = match para.outline {
            Some(level) if level < 6 => Some(usize::from(level) + 1),
            Some(_) => None,
            None => resolved.heading,
        };
        let text = render_pieces(&para.pieces, heading.is_some());
        let list = para
            .list
            .clone()
            .or(resolved.list.clone())
            .filter(|(id, _)| !id.is_empty() && id != "0");
        if text.trim().is_empty() {
            return;
        }
        let marker = list.map(|(id, level)| self.marker(&id, level, heading.is_some()));
        let text = match marker {
            Some(Marker::Markdown(marker)) => format!("{marker}{text}"),
            Some(Marker::Literal(marker)) => {
                let space = if marker.ends_with(|c: char| c.is_ascii()) {
                    " "
                } else {
                    ""
                };
                format!("{marker}{space}{text}")
            }
            None => text,
        };
        let base = self.styles.resolve(None).size.unwrap_or(21);
        let largest = para.pieces.iter().filter_map(|p| p.size).max().unwrap_or(base);
        let large = largest >= 28 && largest * 10 >= base * 13;
        let hint = para.centred.unwrap_or(resolved.centred) || large;
        if let Some(cell) = self.cell() {
            cell.push(text);
            return;
        }
        self.blocks.push(Block::Paragraph {
            text,
            heading,
            hint,
            note: self.note.clone(),
        });
    }

    /// The marker of a list paragraph, counting.
    fn marker(&mut self, id: &str, level: u8, heading: bool) -> Marker {
        let Some(definition) = self.numbering.level(id, level).cloned() else {
            return Marker::Literal(String::new());
        };
        let count = {
            let counter = self
                .counters
                .entry((id.to_string(), level))
                .or_insert(definition.start.saturating_sub(1));
            *counter += 1;
            *counter
        };
        // A deeper level starts again after each item of this one.
        self.counters
            .retain(|(other, deeper), _| other != id || *deeper <= level);
        let indent = "  ".repeat(usize::from(level));
        match definition.format.as_str() {
            "bullet" if heading => Marker::Literal(String::new()),
            "bullet" => Marker::Markdown(format!("{indent}- ")),
            "none" => Marker::Literal(String::new()),
            "decimal" if !heading && is_plain_marker(&definition.text, level) => {
                let close = definition.text.chars().last().unwrap_or('.');
                Marker::Markdown(format!("{}{count}{close} ", "   ".repeat(usize::from(level))))
            }
            _ => {
                let mut text = definition.text.clone();
                for k in 0..=level {
                    let placeholder = format!("%{}", k + 1);
                    if !text.contains(&placeholder) {
                        continue;
                    }
                    let n = if k == level {
                        count
                    } else {
                        self.counters.get(&(id.to_string(), k)).copied().unwrap_or(1)
                    };
                    let format = self.numbering.level(id, k).map_or("decimal", |l| l.format.as_str());
                    text = text.replace(&placeholder, &format_number(n, format));
                }
                Marker::Literal(escape_start(&text))
            }
        }
    }
}

/// Whether a list level's marker text is one Markdown writes: `%1.` or `%1)`.
fn is_plain_marker(text: &str, level: u8) -> bool {
    let placeholder = format!("%{}", level + 1);
    text.strip_prefix(&placeholder)
        .is_some_and(|rest| rest == "." || rest == ")")
}

/// A list paragraph's marker: Markdown's own (`- `, `1. `), or text Markdown has no
/// list for (`一、`, `（1）`).
enum Marker {
    Markdown(String),
    Literal(String),
}

/// ASCII characters that get a backslash in text from Word: they would be Markdown.
const SPECIAL: &[char] = &['\\', '*', '_', '`', '<'];

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A backslash before a line's start that Markdown would read as structure: `#`, `>`,
/// `-`, `+`, `=`, `|` or `1.`.
fn escape_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')'));
    if line.starts_with(['#', '>', '-', '+', '=', '|']) {
        format!("\\{line}")
    } else if numbered {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    }
}

/// A paragraph's pieces as Markdown: runs of the same formatting merged, bold and
/// italic as `**…**` and `*…*` (not in headings), lines trimmed and made safe.
fn render_pieces(pieces: &[Piece], heading: bool) -> String {
    let mut groups: Vec<(String, bool, bool)> = Vec::new();
    for piece in pieces {
        let text = if piece.raw {
            piece.text.clone()
        } else {
            escape(&piece.text)
        };
        let (bold, italic) = if heading {
            (false, false)
        } else {
            (piece.bold, piece.italic)
        };
        match groups.last_mut() {
            Some(last) if last.1 == bold && last.2 == italic => last.0.push_str(&text),
            _ => groups.push((text, bold, italic)),
        }
    }
    let mut out = String::new();
    for (text, bold, italic) in groups {
        let marker = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim_matches(char::is_whitespace);
        if marker.is_empty() || core.is_empty() {
            out.push_str(&text);
            continue;
        }
        let lead = &text[..text.len() - text.trim_start_matches(char::is_whitespace).len()];
        let tail = &text[text.trim_end_matches(char::is_whitespace).len()..];
        out.push_str(lead);
        // Emphasis may not cross a line end in our Markdown: close and reopen it there.
        let lines: Vec<String> = core
            .split('\n')
            .map(|line| {
                let line = line.trim();
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{marker}{line}{marker}")
                }
            })
            .collect();
        out.push_str(&lines.join("\n"));
        out.push_str(tail);
    }
    let lines: Vec<String> = out
        .split('\n')
        .map(|line| line.trim_matches(|c: char| c.is_whitespace()))
        .filter(|line| !line.is_empty())
        .map(escape_start)
        .collect();
    if heading {
        lines.join(" ")
    } else {
        lines.join("\n")
    }
}

/// A table as Markdown. A table of one column is a frame around text, not a table: its
/// cells' paragraphs come out as paragraphs.
pub fn table_markdown(rows: &[Vec<Vec<String>>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns <= 1 {
        return rows
            .iter()
            .flatten()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let cell_text = |cell: Option<&Vec<String>>| {
        let text = cell.map(|c| c.join(" ").replace('\n', " ")).unwrap_or_default();
        let text = text.replace('|', "\\|");
        if text.is_empty() {
            " ".to_string()
        } else {
            text
        }
    };
    let mut lines = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..columns).map(|k| cell_text(row.get(k))).collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if index == 0 {
            lines.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    lines.join("\n")
}
