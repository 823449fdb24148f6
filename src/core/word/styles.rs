//! The styles and fonts of the Word export: `word/styles.xml` and `word/fontTable.xml`.
//!
//! docx-rs always writes an empty `Normal` style of its own, and a style cannot be
//! defined twice, so these two parts are written here whole (in the element order the
//! OOXML schema prescribes) and replace the library's. Word's own style names are used
//! where Word has the style (`Normal`, `Title`, `heading 3`, `toc 1`, `TOC Heading`,
//! `footer`, `Quote`, `List Paragraph`, `Strong`, `Emphasis`, `Hyperlink`, …), so the
//! reviewer's styles pane shows no duplicates; the bulletin's own parts get named styles
//! (报头, 期号, 栏目, 子栏目, 稿件标题, 来源, 报尾, 表格文字). Every style names its East
//! Asian font; the font table names each font's fallbacks (LAYOUT.md's stacks) as
//! `w:altName`, which Word uses when the first font is not installed.

use std::fmt::Write as _;

/// A font and its fallbacks, as LAYOUT.md's CSS stacks name them.
pub struct Font {
    /// The font Word asks for first.
    pub name: &'static str,
    /// The fallbacks, in order.
    pub fallbacks: &'static [&'static str],
    /// `roman`, `swiss` or `modern`, for Word's own substitution.
    family: &'static str,
    /// The character set in hexadecimal: `86` is GB2312, `00` ANSI.
    charset: &'static str,
}

/// 仿宋: the body.
pub const FANGSONG: Font = Font {
    name: "仿宋_GB2312",
    fallbacks: &["FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "FandolFang"],
    family: "modern",
    charset: "86",
};

/// 楷体: column headings, emphasis, quotes.
pub const KAITI: Font = Font {
    name: "楷体_GB2312",
    fallbacks: &["KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "FandolKai"],
    family: "modern",
    charset: "86",
};

/// 黑体: section headings, item titles, the 目录提要's heading.
pub const HEITI: Font = Font {
    name: "SimHei",
    fallbacks: &["黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC"],
    family: "modern",
    charset: "86",
};

/// 小标宋: the masthead's name.
pub const XIAOBIAOSONG: Font = Font {
    name: "方正小标宋简体",
    fallbacks: &["FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC"],
    family: "roman",
    charset: "86",
};

/// 宋体: the page numbers' dashes (their digits are Times New Roman, half-width).
pub const SONGTI: Font = Font {
    name: "SimSun",
    fallbacks: &["宋体", "Songti SC", "Noto Serif CJK SC"],
    family: "roman",
    charset: "86",
};

/// Latin text of the page numbers.
const TIMES: Font = Font {
    name: "Times New Roman",
    fallbacks: &[],
    family: "roman",
    charset: "00",
};

/// Code.
const MONO: Font = Font {
    name: "Courier New",
    fallbacks: &["Consolas", "Noto Sans Mono CJK SC"],
    family: "modern",
    charset: "00",
};

/// The body's size in half-points: 3号, 16 pt.
pub const BODY_SIZE: u32 = 32;
/// The body's fixed line pitch in twips: 29 pt, 22 lines in the 225 mm text block.
pub const BODY_LINE: u32 = 580;
/// Two characters of the body, in twips: the first-line indent.
pub const INDENT: u32 = 640;
/// The footer's size in half-points: 4号, 14 pt.
pub const FOOTER_SIZE: u32 = 28;
/// One character of the footer, in twips.
pub const FOOTER_CHAR: u32 = 280;
/// The bulletin's red.
pub const RED: &str = "E60012";

/// Style ids, as the document refers to them.
pub mod id {
    /// 正文 (Normal): the body.
    pub const NORMAL: &str = "Normal";
    /// The masthead's name.
    pub const TITLE: &str = "Title";
    /// 期号: the issue line.
    pub const ISSUE_LINE: &str = "IssueLine";
    /// 报头: the office and date line, over the red rule.
    pub const MASTHEAD: &str = "Masthead";
    /// The 目录提要's heading.
    pub const TOC_HEADING: &str = "TOCHeading";
    /// A section's line in the 目录提要.
    pub const TOC_SECTION: &str = "TOC1";
    /// An item's line in the 目录提要.
    pub const TOC_ITEM: &str = "TOC2";
    /// 栏目: a section heading.
    pub const SECTION: &str = "SectionHeading";
    /// 子栏目: a sub-column heading.
    pub const COLUMN: &str = "ColumnHeading";
    /// 稿件标题: an item's title.
    pub const ITEM_TITLE: &str = "ItemTitle";
    /// Headings inside a body, by depth (Markdown `#`, `##`, `###` and deeper).
    pub const HEADINGS: [&str; 3] = ["Heading3", "Heading4", "Heading5"];
    /// 来源: the sources in a paragraph of their own.
    pub const SOURCES: &str = "Sources";
    /// 来源 Char: the sources at the end of the last paragraph.
    pub const SOURCES_CHAR: &str = "SourcesChar";
    /// 报尾: the footer of the issue (编辑, 审核, distribution, copies).
    pub const COLOPHON: &str = "Colophon";
    /// The page footer holding the page number.
    pub const FOOTER: &str = "Footer";
    /// A list item.
    pub const LIST: &str = "ListParagraph";
    /// A block quote.
    pub const QUOTE: &str = "Quote";
    /// A code block.
    pub const CODE_BLOCK: &str = "PlainText";
    /// Text in a table cell.
    pub const TABLE_TEXT: &str = "TableText";
    /// The bordered table style of body tables.
    pub const TABLE_GRID: &str = "TableGrid";
    /// Bold.
    pub const STRONG: &str = "Strong";
    /// Emphasis, set in 楷体 (Chinese has no italics).
    pub const EMPHASIS: &str = "Emphasis";
    /// A link.
    pub const HYPERLINK: &str = "Hyperlink";
    /// Inline code.
    pub const CODE: &str = "HTMLCode";
}

/// `<w:rFonts>` naming one font for every script.
fn fonts(font: &Font) -> String {
    let n = font.name;
    format!("<w:rFonts w:ascii=\"{n}\" w:eastAsia=\"{n}\" w:hAnsi=\"{n}\" w:cs=\"{n}\" w:hint=\"eastAsia\"/>")
}

/// `<w:rFonts>` for code: the monospaced font for Latin text, 仿宋 for Chinese.
fn code_fonts() -> String {
    format!(
        "<w:rFonts w:ascii=\"{m}\" w:eastAsia=\"{f}\" w:hAnsi=\"{m}\" w:cs=\"{m}\"/>",
        m = MONO.name,
        f = FANGSONG.name
    )
}

/// `<w:rFonts>` with Times New Roman for Latin text and 宋体 for the rest.
fn number_fonts() -> String {
    format!(
        "<w:rFonts w:ascii=\"{t}\" w:eastAsia=\"{s}\" w:hAnsi=\"{t}\" w:cs=\"{t}\"/>",
        t = TIMES.name,
        s = SONGTI.name
    )
}

/// The size in half-points, for Latin and complex scripts alike.
fn size(half_points: u32) -> String {
    format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
}

/// No first-line indent (Normal has one).
const NO_INDENT: &str = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>";
const BOLD: &str = "<w:b/><w:bCs/>";
/// `w:overflowPunct` said explicitly: Word's own default (punctuation may hang into the
/// margin), unchanged for Word and WPS. LibreOffice 7.4 reads the explicit value the other
/// way round and then keeps a line-ending comma inside the text block; left to its own
/// default it hangs the comma and, in a justified line, does not draw it at all (the
/// word_print test caught `科学轮换用药，减少` printed without its comma).
const PUNCTUATION: &str = "<w:overflowPunct w:val=\"1\"/>";

/// One style: what `styles.xml` says of it.
struct Style {
    kind: &'static str,
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    link: Option<&'static str>,
    /// The inside of `<w:pPr>`, in schema order.
    paragraph: String,
    /// The inside of `<w:rPr>`, in schema order.
    run: String,
}

impl Style {
    fn paragraph(id: &'static str, name: &'static str, paragraph: String, run: String) -> Style {
        Style {
            kind: "paragraph",
            id,
            name,
            based_on: Some(id::NORMAL),
            next: None,
            link: None,
            paragraph,
            run,
        }
    }

    fn character(id: &'static str, name: &'static str, run: String) -> Style {
        Style {
            kind: "character",
            id,
            name,
            based_on: None,
            next: None,
            link: None,
            paragraph: String::new(),
            run,
        }
    }

    fn next(mut self, next: &'static str) -> Style {
        self.next = Some(next);
        self
    }

    fn link(mut self, link: &'static str) -> Style {
        self.link = Some(link);
        self
    }

    fn write(&self, out: &mut String) {
        let _ = write!(out, "<w:style w:type=\"{}\" w:styleId=\"{}\">", self.kind, self.id);
        let _ = write!(out, "<w:name w:val=\"{}\"/>", self.name);
        if let Some(base) = self.based_on {
            let _ = write!(out, "<w:basedOn w:val=\"{base}\"/>");
        }
        if let Some(next) = self.next {
            let _ = write!(out, "<w:next w:val=\"{next}\"/>");
        }
        if let Some(link) = self.link {
            let _ = write!(out, "<w:link w:val=\"{link}\"/>");
        }
        out.push_str("<w:qFormat/>");
        if !self.paragraph.is_empty() {
            let _ = write!(out, "<w:pPr>{}</w:pPr>", self.paragraph);
        }
        if !self.run.is_empty() {
            let _ = write!(out, "<w:rPr>{}</w:rPr>", self.run);
        }
        out.push_str("</w:style>");
    }
}

/// Paragraph spacing: before and after in twips, and a line pitch (exact when `exact`,
/// else in 240ths of a single line).
fn spacing(before: u32, after: u32, line: u32, exact: bool) -> String {
    let rule = if exact { "exact" } else { "auto" };
    format!("<w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"{line}\" w:lineRule=\"{rule}\"/>")
}

fn jc(value: &str) -> String {
    format!("<w:jc w:val=\"{value}\"/>")
}

fn outline(level: u32) -> String {
    format!("<w:outlineLvl w:val=\"{level}\"/>")
}

/// Every style of the export, Normal first.
fn styles() -> Vec<Style> {
    let keep = "<w:keepNext/><w:keepLines/>";
    let toc_line = 512; // 25.6 pt, the preview's 1.6 line height of the 目录提要.
    let mut normal = Style::paragraph(
        id::NORMAL,
        "Normal",
        format!(
            "<w:widowControl/>{PUNCTUATION}{}<w:ind w:firstLine=\"{INDENT}\" w:firstLineChars=\"200\"/>{}",
            spacing(0, 0, BODY_LINE, true),
            jc("both")
        ),
        format!("{}{}", fonts(&FANGSONG), size(BODY_SIZE)),
    );
    normal.based_on = None;
    let mut list = vec![
        normal,
        Style::paragraph(
            id::TITLE,
            "Title",
            format!("{}{NO_INDENT}{}", spacing(0, 252, 1050, true), jc("center")),
            format!(
                "{}{BOLD}<w:color w:val=\"{RED}\"/><w:spacing w:val=\"100\"/>{}",
                fonts(&XIAOBIAOSONG),
                size(84)
            ),
        )
        .next(id::ISSUE_LINE),
        Style::paragraph(id::ISSUE_LINE, "期号", format!("{NO_INDENT}{}", jc("center")), fonts(&FANGSONG))
            .next(id::MASTHEAD),
        Style::paragraph(
            id::MASTHEAD,
            "报头",
            format!(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"3\" w:color=\"{RED}\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>{}{NO_INDENT}{}",
                super::layout::TEXT_WIDTH,
                spacing(128, 320, BODY_LINE, true),
                jc("left")
            ),
            fonts(&FANGSONG),
        ),
        Style::paragraph(
            id::TOC_HEADING,
            "TOC Heading",
            format!("{keep}{}{NO_INDENT}{}", spacing(0, 64, toc_line, true), jc("center")),
            format!("{}{BOLD}", fonts(&HEITI)),
        )
        .next(id::TOC_ITEM),
        Style::paragraph(
            id::TOC_SECTION,
            "toc 1",
            format!(
                "{keep}{}<w:ind w:left=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/>{}",
                spacing(0, 0, toc_line, true),
                jc("left")
            ),
            format!("{}{BOLD}", fonts(&HEITI)),
        )
        .next(id::TOC_ITEM),
        Style::paragraph(
            id::TOC_ITEM,
            "toc 2",
            format!(
                "<w:keepLines/>{}<w:ind w:left=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/>{}",
                spacing(0, 0, toc_line, true),
                jc("left")
            ),
            fonts(&FANGSONG),
        ),
        Style::paragraph(
            id::SECTION,
            "栏目",
            format!("{keep}{}{NO_INDENT}{}{}", spacing(160, 0, BODY_LINE, true), jc("left"), outline(0)),
            format!("{}{BOLD}", fonts(&HEITI)),
        )
        .next(id::ITEM_TITLE),
        Style::paragraph(
            id::COLUMN,
            "子栏目",
            format!("{keep}{}{}{}", spacing(160, 0, BODY_LINE, true), jc("left"), outline(1)),
            format!("{}{BOLD}", fonts(&KAITI)),
        )
        .next(id::ITEM_TITLE),
        Style::paragraph(
            id::ITEM_TITLE,
            "稿件标题",
            format!("{keep}{}{NO_INDENT}{}{}", spacing(160, 0, BODY_LINE, true), jc("center"), outline(1)),
            format!("{}{BOLD}", fonts(&HEITI)),
        )
        .next(id::NORMAL),
        Style::paragraph(
            id::HEADINGS[0],
            "heading 3",
            format!("{keep}{}", outline(2)),
            format!("{}{BOLD}", fonts(&KAITI)),
        )
        .next(id::NORMAL),
        Style::paragraph(
            id::HEADINGS[1],
            "heading 4",
            format!("{keep}{}", outline(3)),
            format!("{}{BOLD}", fonts(&FANGSONG)),
        )
        .next(id::NORMAL),
        Style::paragraph(
            id::HEADINGS[2],
            "heading 5",
            format!("{keep}{}", outline(4)),
            format!("{}{BOLD}", fonts(&FANGSONG)),
        )
        .next(id::NORMAL),
        Style::paragraph(id::SOURCES, "来源", format!("{NO_INDENT}{}", jc("right")), fonts(&FANGSONG))
            .link(id::SOURCES_CHAR)
            .next(id::NORMAL),
        Style::paragraph(
            id::COLOPHON,
            "报尾",
            format!("<w:keepNext/><w:keepLines/>{}{NO_INDENT}{}", spacing(0, 0, 448, true), jc("left")),
            format!("{}{}", fonts(&FANGSONG), size(FOOTER_SIZE)),
        ),
        Style::paragraph(
            id::FOOTER,
            "footer",
            format!("{}{NO_INDENT}", spacing(0, 0, 240, false)),
            format!("{}{}", number_fonts(), size(FOOTER_SIZE)),
        ),
        Style::paragraph(
            id::LIST,
            "List Paragraph",
            format!("<w:ind w:left=\"{INDENT}\" w:firstLine=\"0\" w:firstLineChars=\"0\"/>"),
            fonts(&FANGSONG),
        ),
        Style::paragraph(
            id::QUOTE,
            "Quote",
            format!("<w:ind w:left=\"{INDENT}\" w:right=\"{INDENT}\" w:firstLine=\"{INDENT}\" w:firstLineChars=\"200\"/>"),
            fonts(&KAITI),
        )
        .next(id::NORMAL),
        Style::paragraph(
            id::CODE_BLOCK,
            "Plain Text",
            format!("{NO_INDENT}{}", jc("left")),
            format!("{}{}", code_fonts(), size(FOOTER_SIZE)),
        ),
        Style::paragraph(
            id::TABLE_TEXT,
            "表格文字",
            format!("{}{NO_INDENT}{}", spacing(0, 0, 300, false), jc("left")),
            format!("{}{}", fonts(&FANGSONG), size(FOOTER_SIZE)),
        ),
        Style::character(id::SOURCES_CHAR, "来源 Char", fonts(&FANGSONG)).link(id::SOURCES),
        Style::character(id::STRONG, "Strong", format!("{}{BOLD}", fonts(&FANGSONG))),
        Style::character(id::EMPHASIS, "Emphasis", fonts(&KAITI)),
        Style::character(id::HYPERLINK, "Hyperlink", format!("{}<w:u w:val=\"single\"/>", fonts(&FANGSONG))),
        Style::character(id::CODE, "HTML Code", format!("{}{}", code_fonts(), size(FOOTER_SIZE))),
    ];
    for style in &mut list {
        if style.kind == "character" {
            style.based_on = Some("DefaultParagraphFont");
        }
    }
    list
}

/// The whole `word/styles.xml`.
pub fn styles_xml() -> Vec<u8> {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<w:styles xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/>{}<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{PUNCTUATION}{}</w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(&FANGSONG),
        size(BODY_SIZE),
        spacing(0, 0, BODY_LINE, true)
    );
    let mut styles = styles();
    // Normal is the default paragraph style.
    let mut normal = String::new();
    styles.remove(0).write(&mut normal);
    out.push_str(&normal.replacen(
        "<w:style w:type=\"paragraph\"",
        "<w:style w:type=\"paragraph\" w:default=\"1\"",
        1,
    ));
    // Word's three other defaults, which every document it writes carries.
    out.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    out.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    out.push_str("<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    for style in &styles {
        style.write(&mut out);
    }
    let _ = write!(
        out,
        "<w:style w:type=\"table\" w:styleId=\"{}\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"59\"/><w:pPr>{}</w:pPr><w:rPr>{}</w:rPr><w:tblPr><w:tblBorders>",
        id::TABLE_GRID,
        NO_INDENT,
        fonts(&FANGSONG)
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    out.push_str("</w:tblBorders></w:tblPr></w:style>");
    out.push_str("</w:styles>");
    out.into_bytes()
}

/// The whole `word/fontTable.xml`: every font the styles name, with its fallbacks.
pub fn font_table_xml() -> Vec<u8> {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<w:fonts xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    for font in [&FANGSONG, &KAITI, &HEITI, &XIAOBIAOSONG, &SONGTI, &TIMES, &MONO] {
        let _ = write!(out, "<w:font w:name=\"{}\">", font.name);
        if !font.fallbacks.is_empty() {
            let _ = write!(out, "<w:altName w:val=\"{}\"/>", font.fallbacks.join(","));
        }
        let pitch = if font.family == "modern" { "fixed" } else { "variable" };
        let _ = write!(
            out,
            "<w:charset w:val=\"{}\"/><w:family w:val=\"{}\"/><w:pitch w:val=\"{pitch}\"/></w:font>",
            font.charset, font.family
        );
    }
    out.push_str("</w:fonts>");
    out.into_bytes()
}
