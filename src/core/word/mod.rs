//! Word out: the issue as a `.docx` in the 简报 layout, for the reviewer (审核), OA systems
//! and WPS.
//!
//! The package is written with docx-rs (its document, numbering, settings and page
//! footers), except `styles.xml` and `fontTable.xml`, which [`styles`] writes whole. The
//! layout follows the printed HTML (LAYOUT.md and `style/bulletin.css`):
//! - A4, margins 37/35/28/26 mm; page numbers `— N —` from a PAGE field in the page
//!   footers, odd pages at the right and even pages at the left (`evenAndOddHeaders`);
//! - the masthead: the name in red 小标宋 (`Title`), the issue line (期号), the office
//!   and the date on one line over the red rule (报头);
//! - the 目录提要 in a bordered one-cell table (`TOC Heading`, `toc 1`, `toc 2`);
//! - section headings (栏目), sub-column headings (子栏目), item titles (稿件标题), the
//!   bodies in 仿宋_GB2312 16 pt on a fixed 29 pt line with a two-character indent
//!   (`Normal`), the sources at the item's end (来源);
//! - the footer of the issue (报尾): 编辑/审核/签发, the distribution between two rules,
//!   （共印N份）.
//!
//! Sections and columns with no items are left out, of the body and of the 目录提要.
//! Control characters are dropped (XML cannot hold them); characters outside the BMP are
//! kept. The module is pure: the UI loads it only when the user exports Word, so that
//! the first load of the app does not carry docx-rs.

mod body;
mod layout;
pub mod styles;
pub mod text;

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, Paragraph, Run, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableRow, WidthType,
};

use crate::core::issue::{Footer, Issue, Item, Masthead};
use crate::core::publish::file_stem;
use body::{abstract_numberings, body_blocks, Block, Numberings};
pub use layout::{mm_to_twips, BOTTOM, LEFT, PAGE_HEIGHT, PAGE_WIDTH, RIGHT, TEXT_WIDTH, TOP};
use styles::{id, FOOTER_CHAR};
use text::one_line;

/// Why a `.docx` could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordError(String);

impl std::fmt::Display for WordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "无法生成 Word 文件：{} (cannot write the .docx)", self.0)
    }
}

impl std::error::Error for WordError {}

/// The file name of the Word export: the HTML export's stem and `.docx`.
pub fn file_name(masthead: &Masthead) -> String {
    format!("{}.docx", file_stem(masthead))
}

/// The issue as the bytes of a `.docx` file.
pub fn issue_docx(issue: &Issue) -> Result<Vec<u8>, WordError> {
    let mut numberings = Numberings::default();
    let mut docx = layout::page(Docx::new());
    for numbering in abstract_numberings() {
        docx = docx.add_abstract_numbering(numbering);
    }
    for paragraph in masthead(&issue.masthead) {
        docx = docx.add_paragraph(paragraph);
    }
    let mut space_before_next = false;
    if let Some(table) = contents(issue) {
        docx = docx.add_table(table);
        // The 目录提要 keeps 1em from what follows, as in the print.
        space_before_next = true;
    }
    let mut add = |docx: Docx, block: Block| match block {
        Block::Paragraph(paragraph) => {
            let mut paragraph = *paragraph;
            if std::mem::take(&mut space_before_next) {
                paragraph = paragraph.line_spacing(LineSpacing::new().before(320));
            }
            docx.add_paragraph(paragraph)
        }
        Block::Table(table) => docx.add_table(*table),
    };
    for section in issue.sections.iter().filter(|s| s.is_printed()) {
        if !section.is_lead() {
            let heading = Paragraph::new()
                .style(id::SECTION)
                .add_run(Run::new().add_text(bracketed(&section.heading)));
            docx = add(docx, Block::from(heading));
        }
        for item in &section.items {
            for block in item_blocks(item, &mut numberings) {
                docx = add(docx, block);
            }
        }
        for column in section.columns.iter().filter(|c| c.is_printed()) {
            let heading = one_line(&column.heading);
            if !heading.is_empty() {
                let heading = Paragraph::new().style(id::COLUMN).add_run(Run::new().add_text(heading));
                docx = add(docx, Block::from(heading));
            }
            for item in &column.items {
                for block in item_blocks(item, &mut numberings) {
                    docx = add(docx, block);
                }
            }
        }
    }
    for block in colophon(&issue.footer) {
        docx = add(docx, block);
    }
    for numbering in numberings.list {
        docx = docx.add_numbering(numbering);
    }
    let mut xml = docx.build();
    xml.styles = styles::styles_xml();
    xml.font_table = styles::font_table_xml();
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(|err| WordError(err.to_string()))?;
    deflated(stored.into_inner()).map_err(|err| WordError(err.to_string()))
}

/// The package again with every part deflated, in the same order and without directory
/// entries (docx-rs stores its parts uncompressed, which doubles a long issue's file).
fn deflated(stored: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().to_string();
        writer.start_file(name, options)?;
        std::io::copy(&mut part, &mut writer)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// A section heading in 【】, without doubling brackets the heading already has.
fn bracketed(heading: &str) -> String {
    crate::core::issue::bracketed(&one_line(heading))
}

/// The masthead's paragraphs: the name, the issue line, the office and date over the rule.
fn masthead(masthead: &Masthead) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let title = one_line(&masthead.title);
    if !title.is_empty() {
        paragraphs.push(Paragraph::new().style(id::TITLE).add_run(Run::new().add_text(title)));
    }
    let issue_line = one_line(&masthead.issue_line());
    if !issue_line.is_empty() {
        paragraphs.push(
            Paragraph::new()
                .style(id::ISSUE_LINE)
                .add_run(Run::new().add_text(issue_line)),
        );
    }
    // The office at the left, the date at the right tab stop; the paragraph carries the
    // red rule even when both are empty.
    let mut line = Paragraph::new().style(id::MASTHEAD);
    let publisher = one_line(&masthead.publisher);
    if !publisher.is_empty() {
        line = line.add_run(Run::new().add_text(publisher));
    }
    if let Some(date) = masthead.date {
        line = line.add_run(Run::new().add_tab().add_text(date.to_chinese()));
    }
    paragraphs.push(line);
    paragraphs
}

/// The 目录提要: a bordered one-cell table of the headings and titles, or None when the
/// issue has no item.
fn contents(issue: &Issue) -> Option<Table> {
    issue.items().next()?;
    let mut cell = TableCell::new().add_paragraph(
        Paragraph::new()
            .style(id::TOC_HEADING)
            .add_run(Run::new().add_text("目录提要")),
    );
    let entry = |item: &Item, column: Option<&str>| {
        let mut text = String::new();
        if let Some(column) = column.map(one_line).filter(|c| !c.is_empty()) {
            text.push_str(&column);
            text.push('：');
        }
        let title = one_line(&item.title);
        text.push_str(if title.is_empty() { "（无标题）" } else { &title });
        Paragraph::new()
            .style(id::TOC_ITEM)
            .add_run(Run::new().add_text("◆"))
            .add_run(Run::new().add_text(text))
    };
    for section in issue.sections.iter().filter(|s| s.is_printed()) {
        if !section.is_lead() {
            cell = cell.add_paragraph(
                Paragraph::new()
                    .style(id::TOC_SECTION)
                    .add_run(Run::new().add_text(bracketed(&section.heading))),
            );
        }
        for item in &section.items {
            cell = cell.add_paragraph(entry(item, None));
        }
        for column in &section.columns {
            for item in &column.items {
                cell = cell.add_paragraph(entry(item, Some(&column.heading)));
            }
        }
    }
    let border = |position| TableBorder::new(position).size(8).color("000000");
    let borders = TableBorders::with_empty()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Right));
    Some(
        Table::new(vec![TableRow::new(vec![cell])])
            .set_grid(vec![TEXT_WIDTH as usize])
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .set_borders(borders)
            .margins(
                TableCellMargins::new()
                    .margin_top(64, WidthType::Dxa)
                    .margin_bottom(100, WidthType::Dxa)
                    .margin_left(320, WidthType::Dxa)
                    .margin_right(320, WidthType::Dxa),
            ),
    )
}

/// One item: its title, its body, its sources.
fn item_blocks(item: &Item, numberings: &mut Numberings) -> Vec<Block> {
    let mut blocks = Vec::new();
    let title = one_line(&item.title);
    if !title.is_empty() {
        blocks.push(Block::from(
            Paragraph::new()
                .style(id::ITEM_TITLE)
                .add_run(Run::new().add_text(title)),
        ));
    }
    let (body, last_plain) = body_blocks(&item.body, numberings);
    blocks.extend(body);
    let sources: Vec<String> = item
        .sources
        .iter()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .collect();
    if !sources.is_empty() {
        let text = format!("（{}）", sources.join("、"));
        match blocks.last_mut() {
            // At the end of the last paragraph, as the print sets them.
            Some(Block::Paragraph(paragraph)) if last_plain => {
                let last = std::mem::take(&mut **paragraph);
                **paragraph = last.add_run(Run::new().style(id::SOURCES_CHAR).add_text(text));
            }
            _ => blocks.push(Block::from(
                Paragraph::new().style(id::SOURCES).add_run(Run::new().add_text(text)),
            )),
        }
    }
    blocks
}

/// The 报尾: 编辑/审核/签发 on one line, the distribution between two rules, （共印N份）.
fn colophon(footer: &Footer) -> Vec<Block> {
    let mut blocks = Vec::new();
    let staff: Vec<String> = [
        ("编辑：", &footer.editor),
        ("审核：", &footer.reviewer),
        ("签发：", &footer.signer),
    ]
    .into_iter()
    .map(|(label, name)| (label, one_line(name)))
    .filter(|(_, name)| !name.is_empty())
    .map(|(label, name)| format!("{label}{name}"))
    .collect();
    let mut first = true;
    let colophon_paragraph = |first: &mut bool| {
        let paragraph = Paragraph::new().style(id::COLOPHON);
        if std::mem::take(first) {
            // 2em of the footer's 14 pt above the footer, as in the print.
            paragraph.line_spacing(LineSpacing::new().before(560))
        } else {
            paragraph
        }
    };
    if !staff.is_empty() {
        let paragraph = colophon_paragraph(&mut first)
            .indent(Some(FOOTER_CHAR as i32), None, Some(FOOTER_CHAR as i32), None)
            .add_run(Run::new().add_text(staff.join("　　　　")));
        blocks.push(Block::from(paragraph));
    }
    let groups: Vec<(String, Vec<String>)> = footer
        .distribution
        .iter()
        .map(|group| {
            let label = one_line(&group.label);
            let label = label.strip_suffix(['：', ':']).unwrap_or(&label).to_string();
            let lines = group
                .lines
                .iter()
                .map(|l| one_line(l))
                .filter(|l| !l.is_empty())
                .collect();
            (label, lines)
        })
        .filter(|(label, lines): &(String, Vec<String>)| !label.is_empty() || !lines.is_empty())
        .collect();
    if !groups.is_empty() {
        if first {
            blocks.push(Block::from(colophon_paragraph(&mut first)));
        }
        blocks.push(Block::Table(Box::new(distribution(&groups))));
    }
    if let Some(copies) = footer.copies {
        let paragraph = colophon_paragraph(&mut first)
            .align(AlignmentType::Right)
            .indent(Some(0), None, Some(FOOTER_CHAR as i32), None)
            .add_run(Run::new().add_text(format!("（共印{copies}份）")));
        blocks.push(Block::from(paragraph));
    }
    blocks
}

/// The distribution as a two-column table between two thick rules: each label
/// (`分送：`) in the first column and its lines in the second, so a line wraps under the
/// first character after the colon.
fn distribution(groups: &[(String, Vec<String>)]) -> Table {
    let widest = groups
        .iter()
        .map(|(label, _)| label.chars().count() + 1)
        .max()
        .unwrap_or(3) as u32;
    // The label's characters, the cell's left margin, and a little slack so that the
    // label never wraps.
    let label_width = (FOOTER_CHAR * (widest + 1) + 40).min(TEXT_WIDTH / 2);
    let rows = groups
        .iter()
        .map(|(label, lines)| {
            let label_cell = TableCell::new()
                .width(label_width as usize, WidthType::Dxa)
                .add_paragraph(
                    Paragraph::new()
                        .style(id::COLOPHON)
                        .add_run(Run::new().add_text(format!("{label}："))),
                );
            let mut lines_cell = TableCell::new().width((TEXT_WIDTH - label_width) as usize, WidthType::Dxa);
            if lines.is_empty() {
                lines_cell = lines_cell.add_paragraph(Paragraph::new().style(id::COLOPHON));
            }
            for line in lines {
                lines_cell =
                    lines_cell.add_paragraph(Paragraph::new().style(id::COLOPHON).add_run(Run::new().add_text(line)));
            }
            TableRow::new(vec![label_cell, lines_cell])
        })
        .collect();
    let rule = |position| TableBorder::new(position).size(8).color("000000");
    let borders = TableBorders::with_empty()
        .set(rule(TableBorderPosition::Top))
        .set(rule(TableBorderPosition::Bottom));
    Table::new(rows)
        .set_grid(vec![label_width as usize, (TEXT_WIDTH - label_width) as usize])
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .set_borders(borders)
        .margins(
            TableCellMargins::new()
                .margin_top(60, WidthType::Dxa)
                .margin_bottom(60, WidthType::Dxa)
                .margin_left(FOOTER_CHAR as usize, WidthType::Dxa)
                .margin_right(0, WidthType::Dxa),
        )
}
