//! Word files in: a `.docx` read as the Markdown our detection understands, then taken
//! apart as one submission or imported as a whole bulletin.
//!
//! What is read: paragraphs with their styles (标题 1–6 / Heading, Title, outline levels)
//! as headings; bold and italic runs as `**…**` and `*…*`; a centred or large paragraph
//! at the top as the title when no paragraph has a heading style; numbered and bulleted
//! lists (`1. `, `- `, and markers Markdown has none for, such as `一、`, as text);
//! tables as Markdown tables (a one-column table is a frame, read as paragraphs); line
//! breaks; tracked changes as if accepted (insertions kept, deletions dropped, with a
//! warning); fields as the text they show; footnotes and endnotes as `[注1]` in the text
//! and their text at the end of the item. Comments, hidden text and pictures are left
//! out, and a warning says how many.
//!
//! What is refused, with a message that says what to do, before anything changes: old
//! Word and WPS files, PDF, RTF and OpenDocument files, encrypted documents, files that
//! are not a zip or are damaged, zips over 50 MB unpacked or compressed suspiciously
//! well, XML with DOCTYPE or entity declarations, and zips without a Word document.
//!
//! Code map: `archive` (the zip and its checks), `xml` (quick-xml helpers), `styles`
//! (styles and list definitions), `body` (the walk through the document's XML).
//!
//! The module is pure (bytes in, values out) and is not called from the editor's first
//! load: the reader and its zip and XML dependencies only reach the bundle through the
//! code that opens a Word file.

mod archive;
mod body;
mod styles;
mod xml;

pub use archive::{sniff, FileKind, MAX_RATIO, MAX_UNPACKED};

use crate::core::format::normalize::body as normal_body;
use crate::core::ingest::{clean, detect_with, import_bulletin, looks_like_bulletin, Submission};
use crate::core::issue::Issue;
use archive::Package;
use body::{table_markdown, Block, Walker};
use styles::{Numbering, Styles};

/// Why a file could not be read as a Word document. Each says, in Chinese, what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip, and no other kind we can name.
    NotZip,
    /// A `.doc` or an old `.wps` (an OLE compound file).
    OldFormat,
    /// A `.docx` with a password.
    Encrypted,
    /// A PDF.
    Pdf,
    /// An RTF file.
    Rtf,
    /// An OpenDocument file (`.odt`).
    OpenDocument,
    /// A zip we cannot read, or XML that is not well formed.
    Damaged,
    /// More than 50 MB unpacked, or too many parts.
    TooLarge,
    /// A part that inflates far beyond its packed size, or beyond the size it declares.
    Bomb,
    /// XML with a DOCTYPE or entity declarations.
    XmlDeclarations,
    /// A zip with no `word/document.xml`.
    NoDocument,
}

impl DocxError {
    /// The message for the editor, in Chinese: what is wrong and what to do.
    pub fn message(self) -> &'static str {
        match self {
            DocxError::NotZip => "无法按 Word 文档读取这个文件：它不是 .docx 文件。请在 Word 或 WPS 中打开原文件，选择“另存为”→“Word 文档（*.docx）”后再导入，也可以复制其中的文字后粘贴。",
            DocxError::OldFormat => "这是旧版 Word 或 WPS 文件（.doc / .wps），无法直接读取。请在 Word 或 WPS 中打开，选择“另存为”→“Word 文档（*.docx）”后再导入。",
            DocxError::Encrypted => "这个 Word 文件设置了打开密码，无法读取。请在 Word 或 WPS 中打开并取消密码，另存为 .docx 后再导入。",
            DocxError::Pdf => "这是 PDF 文件，无法按 Word 文档读取。请用 Word 或 WPS 打开后另存为 .docx 再导入，或复制其中的文字后粘贴。",
            DocxError::Rtf => "这是 RTF 文件，无法直接读取。请在 Word 或 WPS 中打开，另存为 .docx 后再导入。",
            DocxError::OpenDocument => "这是 OpenDocument 文件（.odt），无法直接读取。请在 WPS、Word 或 LibreOffice 中打开，另存为 .docx 后再导入。",
            DocxError::Damaged => "文件已损坏或不完整，无法读取。请在 Word 或 WPS 中打开检查，重新另存为 .docx 后再导入。",
            DocxError::TooLarge => "文件解压后超过 50 MB 或包含的部件过多，不像一篇稿件，已拒绝导入。请删去其中的大图片，或另存为较小的 .docx 后再导入。",
            DocxError::Bomb => "文件的压缩比异常，疑似恶意构造的压缩包，为安全起见已拒绝导入。请在 Word 或 WPS 中打开，重新另存为 .docx 后再导入。",
            DocxError::XmlDeclarations => "文件里含有 Word 不会写入的 XML 声明（DOCTYPE/ENTITY），为安全起见已拒绝导入。请在 Word 或 WPS 中打开，重新另存为 .docx 后再导入。",
            DocxError::NoDocument => "这个压缩包里没有 Word 正文（word/document.xml），不是 Word 文档。若是 Excel 或 PowerPoint 文件，请把文字复制到 Word 中另存为 .docx 后再导入。",
        }
    }
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for DocxError {}

/// A Word document read as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocxText {
    /// The document as Markdown, paragraphs separated by blank lines.
    pub markdown: String,
    /// The footnotes and endnotes, in the order the text refers to them, each
    /// `[注1] 文字`.
    pub notes: Vec<String>,
    /// What was left out, in Chinese, for the editor.
    pub warnings: Vec<String>,
}

impl DocxText {
    /// The document's text with its notes at the end, as the paste dialog and the
    /// detection read it (still to be cleaned).
    pub fn with_notes(&self) -> String {
        if self.notes.is_empty() {
            self.markdown.clone()
        } else {
            format!("{}\n\n{}", self.markdown, self.notes.join("\n\n"))
        }
    }
}

/// Whether a paragraph's text could be a title: short, one line, no sentence end.
fn could_be_title(text: &str) -> bool {
    let count = text.chars().count();
    (1..=40).contains(&count)
        && !text.contains('\n')
        && !text.trim_end().ends_with(['。', '；', '！', '？', '，', '：'])
}

/// Reads a `.docx` as Markdown, its notes and its warnings.
pub fn read(bytes: &[u8]) -> Result<DocxText, DocxError> {
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?.unwrap_or_else(|| "word/document.xml".to_string());
    let folder = main
        .rsplit_once('/')
        .map_or(String::new(), |(folder, _)| format!("{folder}/"));
    let document = package.part(&main)?.ok_or(DocxError::NoDocument)?;
    let styles = match package.part(&format!("{folder}styles.xml"))? {
        Some(xml) => Styles::read(&xml)?,
        None => Styles::default(),
    };
    let numbering = match package.part(&format!("{folder}numbering.xml"))? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let mut walker = Walker::new(&styles, &numbering);
    walker.walk(&document)?;
    let mut blocks = std::mem::take(&mut walker.blocks);
    // No heading styles: a centred or large short paragraph at the top is the title.
    let has_heading = blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph { heading: Some(_), .. }));
    if !has_heading {
        let title = blocks
            .iter_mut()
            .take(3)
            .find(|b| matches!(b, Block::Paragraph { hint: true, text, .. } if could_be_title(text)));
        if let Some(Block::Paragraph { heading, .. }) = title {
            *heading = Some(1);
        }
    }
    let markdown = blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph {
                text,
                heading: Some(level),
                ..
            } => format!("{} {}", "#".repeat(*level), text.replace('\n', " ")),
            Block::Paragraph { text, .. } => text.clone(),
            Block::Table { rows, .. } => table_markdown(rows),
        })
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let notes = read_notes(&mut package, &folder, &walker.note_refs, &styles, &numbering)?;
    let mut warnings = Vec::new();
    let counts = &walker.counts;
    if counts.deleted > 0 || counts.inserted > 0 {
        warnings.push(format!(
            "文档含有修订，已按“接受全部修订”读取：保留插入的文字，{} 处删除的文字未导入。",
            counts.deleted
        ));
    }
    if !counts.comments.is_empty() {
        warnings.push(format!("文档含有 {} 条批注，批注未导入。", counts.comments.len()));
    }
    if counts.hidden > 0 {
        warnings.push(format!("文档含有 {} 处隐藏文字，隐藏文字未导入。", counts.hidden));
    }
    if counts.pictures > 0 {
        warnings.push(format!(
            "文档含有 {} 张图片或图表，图片未导入，请另行添加。",
            counts.pictures
        ));
    }
    Ok(DocxText {
        markdown,
        notes,
        warnings,
    })
}

/// The text of the notes the document refers to, in that order.
fn read_notes(
    package: &mut Package<'_>,
    folder: &str,
    refs: &[String],
    styles: &Styles,
    numbering: &Numbering,
) -> Result<Vec<String>, DocxError> {
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let mut walker = Walker::new(styles, numbering);
    for part in ["footnotes.xml", "endnotes.xml"] {
        if let Some(xml) = package.part(&format!("{folder}{part}"))? {
            walker.walk(&xml)?;
        }
    }
    let notes = refs
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let text: Vec<String> = walker
                .blocks
                .iter()
                .filter_map(|block| match block {
                    Block::Paragraph { text, note, .. } if note.as_ref() == Some(id) => Some(text.clone()),
                    Block::Table { rows, note } if note.as_ref() == Some(id) => Some(table_markdown(rows)),
                    _ => None,
                })
                .collect();
            format!("[注{}] {}", index + 1, text.join(" ").trim())
        })
        .collect();
    Ok(notes)
}

/// What a `.docx` holds once read and detected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    /// One submission: its title, body (footnotes at the end) and sources.
    Submission(Submission),
    /// A whole bulletin, with the names of the cleanup rules that fired.
    Bulletin(Issue, Vec<&'static str>),
}

/// A `.docx` imported: the submission or bulletin, and every warning (the reader's, then
/// the bulletin import's, each with its line in the Markdown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxImport {
    /// The submission or bulletin.
    pub imported: Imported,
    /// The text the detection read, before cleanup (a submission's with its notes at the
    /// end), for showing or saving: the paste dialog takes a submission's from here.
    pub markdown: String,
    /// Warnings, in Chinese.
    pub warnings: Vec<String>,
}

/// Reads a `.docx` and takes it apart: a whole bulletin (see
/// [`looks_like_bulletin`]) imports as an issue, anything else as one submission
/// cleaned with every rule but those named in `disabled`.
pub fn import(bytes: &[u8], disabled: &[&str]) -> Result<DocxImport, DocxError> {
    let text = read(bytes)?;
    let mut warnings = text.warnings.clone();
    let notes: Vec<String> = text.notes.iter().map(|note| clean(note, disabled).text).collect();
    let bulletin = looks_like_bulletin(&text.markdown);
    let read_text = if bulletin {
        text.markdown.clone()
    } else {
        text.with_notes()
    };
    let imported = if bulletin {
        let (mut issue, import_warnings, fired) = import_bulletin(&text.markdown);
        warnings.extend(
            import_warnings
                .into_iter()
                .map(|w| format!("第 {} 行：{}", w.line, w.message)),
        );
        attach_notes(&mut issue, &notes);
        Imported::Bulletin(issue, fired)
    } else {
        // The notes stay at the end of the body; detection finds the sources before them.
        Imported::Submission(detect_with(&read_text, disabled))
    };
    Ok(DocxImport {
        imported,
        markdown: read_text,
        warnings,
    })
}

/// Puts each note at the end of the item that refers to it (the last item when none
/// does, so that no note is lost).
fn attach_notes(issue: &mut Issue, notes: &[String]) {
    for (index, note) in notes.iter().enumerate() {
        let marker = format!("[注{}]", index + 1);
        let mut items: Vec<&mut crate::core::issue::Item> = issue
            .sections
            .iter_mut()
            .flat_map(|s| {
                let (items, columns) = (&mut s.items, &mut s.columns);
                items
                    .iter_mut()
                    .chain(columns.iter_mut().flat_map(|c| c.items.iter_mut()))
            })
            .collect();
        let at = items
            .iter()
            .position(|item| item.body.contains(&marker) || item.title.contains(&marker))
            .or(items.len().checked_sub(1));
        if let Some(item) = at.and_then(|at| items.get_mut(at)) {
            item.body = normal_body(&format!("{}\n\n{note}", item.body));
        }
    }
}

/// The Word reader's answer for the editor's worker, as JSON: `{"ok":true,"kind":…,
/// "markdown":…,"text":…,"warnings":[…]}` with a whole bulletin's Markdown, or one
/// submission as the Markdown of a one-item issue, the text as read before cleanup
/// ([`DocxImport::markdown`]: the page cleans and detects a submission itself, so that
/// its rules can be switched off as for a paste), and the warnings ending with the
/// cleanup rules that fired (`已整理：…`); `{"ok":false,"error":…}` with the message
/// when the file cannot be read.
pub fn reply_json(bytes: &[u8]) -> String {
    use crate::core::format::export;
    use crate::core::ingest::to_item;
    use crate::core::issue::Section;
    let reply = match import(bytes, &[]) {
        Ok(imported) => {
            let mut warnings = imported.warnings;
            let fired = match &imported.imported {
                Imported::Bulletin(_, fired) => fired.clone(),
                Imported::Submission(submission) => submission.fired.clone(),
            };
            let labels: Vec<&str> = fired
                .iter()
                .filter_map(|name| crate::core::ingest::rule(name).map(|r| r.label))
                .collect();
            if !labels.is_empty() {
                // The cleanup rules that changed the text, named as the paste dialog names them.
                warnings.push(format!("已整理：{}", labels.join("、")));
            }
            let (kind, issue) = match imported.imported {
                Imported::Bulletin(issue, _fired) => ("bulletin", issue),
                Imported::Submission(submission) => {
                    let mut issue = Issue {
                        sections: vec![Section {
                            items: vec![to_item(&submission)],
                            ..Section::default()
                        }],
                        ..Issue::default()
                    };
                    issue.renumber();
                    ("submission", issue)
                }
            };
            serde_json::json!({
                "ok": true,
                "kind": kind,
                "markdown": export(&issue),
                "text": imported.markdown,
                "warnings": warnings,
            })
        }
        Err(err) => serde_json::json!({ "ok": false, "error": err.message() }),
    };
    reply.to_string()
}
