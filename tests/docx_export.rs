//! The Word export (`src/core/word`): the package is opened again and read back: its
//! parts, its styles by name with their East Asian fonts, the PAGE field in the odd and
//! even page footers, the section properties (A4 and the GB/T 9704 margins in twips),
//! every text of the sample issue in document order, and valid packages for bad input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::bad_issues;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use common::texts::{assert_in_order, body_texts, expected_texts, squeeze};
use jianbao::core::issue::{Column, Issue, Item, Masthead, Section};
use jianbao::core::publish::file_stem;
use jianbao::core::sample::sample_issue;
use jianbao::core::word::{file_name, issue_docx};

/// The parts of a package, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the .docx is a zip archive");
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("a readable zip entry");
        if file.is_dir() {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|err| panic!("{} is not UTF-8 text: {err}", file.name()));
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// Fails unless the text is well-formed XML holding no character XML 1.0 forbids.
fn assert_well_formed(name: &str, xml: &str) {
    let bad = xml
        .chars()
        .find(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}'));
    assert!(bad.is_none(), "{name} holds the forbidden character {bad:?}");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(err) => panic!("{name} is not well-formed XML at {}: {err}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
}

/// Exports the issue and checks the package as Word needs it: every part well-formed
/// XML, the parts the content types and relationships name present, and docx-rs's own
/// reader able to read it back.
fn valid_package(issue: &Issue) -> BTreeMap<String, String> {
    let bytes = issue_docx(issue).expect("the export succeeds");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    let parts = unzip(&bytes);
    for (name, xml) in &parts {
        assert_well_formed(name, xml);
    }
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        assert!(parts.contains_key(name), "the package lacks {name}: {:?}", parts.keys());
    }
    // Every part the document's relationships point to is in the package.
    let rels = &parts["word/_rels/document.xml.rels"];
    for target in attribute_values(rels, "Target") {
        if rels.contains(&format!("Target=\"{target}\" TargetMode=\"External\"")) {
            continue;
        }
        let name = format!("word/{target}");
        assert!(
            parts.contains_key(&name),
            "document.xml.rels names {name}, which is absent"
        );
    }
    let content_types = &parts["[Content_Types].xml"];
    for footer in [
        "/word/footer1.xml",
        "/word/footer2.xml",
        "/word/styles.xml",
        "/word/document.xml",
    ] {
        assert!(
            content_types.contains(footer),
            "[Content_Types].xml does not type {footer}"
        );
    }
    docx_rs::read_docx(&bytes).expect("docx-rs reads the package back");
    parts
}

/// The values of an attribute wherever it occurs.
fn attribute_values(xml: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    xml.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &xml[at + needle.len()..];
            rest[..rest.find('"').expect("a closed attribute")].to_string()
        })
        .collect()
}

/// The `<w:style>` element whose name is `name`.
fn style<'x>(styles: &'x str, name: &str) -> &'x str {
    let needle = format!("<w:name w:val=\"{name}\"/>");
    let at = styles
        .find(&needle)
        .unwrap_or_else(|| panic!("styles.xml has no style named {name}"));
    let start = styles[..at].rfind("<w:style ").expect("a style element");
    let end = at + styles[at..].find("</w:style>").expect("a closed style");
    &styles[start..end]
}

/// The text of every paragraph of a part, in order (`w:t` joined, a tab as `\t`).
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in xml.split("<w:p ").skip(1).chain(xml.split("<w:p>").skip(1)) {
        let body = paragraph.split("</w:p>").next().unwrap_or("");
        let mut text = String::new();
        let mut rest = body;
        while let Some(at) = rest.find("<w:t") {
            rest = &rest[at..];
            if rest.starts_with("<w:tab") {
                text.push('\t');
                rest = &rest[5..];
                continue;
            }
            if rest.starts_with("<w:tbl") || rest.starts_with("<w:tc") || rest.starts_with("<w:tr") {
                rest = &rest[4..];
                continue;
            }
            let open_end = rest.find('>').expect("a closed tag");
            if rest[..open_end].ends_with('/') {
                rest = &rest[open_end + 1..];
                continue;
            }
            let close = rest.find("</w:t>").expect("a closed w:t");
            text.push_str(&unescape(&rest[open_end + 1..close]));
            rest = &rest[close..];
        }
        out.push(text);
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

/// All the document's text in order, without whitespace (line breaks differ between
/// Markdown and Word, the words do not).
fn document_text(parts: &BTreeMap<String, String>) -> String {
    let xml = &parts["word/document.xml"];
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at..];
        let open_end = rest.find('>').expect("a closed tag");
        let tag = &rest[..open_end];
        if tag.starts_with("<w:t ") || tag == "<w:t" {
            if tag.ends_with('/') {
                rest = &rest[open_end + 1..];
                continue;
            }
            let close = rest.find("</w:t>").expect("a closed w:t");
            text.push_str(&unescape(&rest[open_end + 1..close]));
            rest = &rest[close..];
        } else {
            rest = &rest[open_end + 1..];
        }
    }
    squeeze(&text)
}

#[test]
fn the_package_has_its_parts_and_settings() {
    let parts = valid_package(&sample_issue());
    let settings = &parts["word/settings.xml"];
    assert!(
        settings.contains("<w:evenAndOddHeaders"),
        "odd and even pages need their own footers: {settings}"
    );
    let rels = &parts["word/_rels/document.xml.rels"];
    for part in [
        "styles.xml",
        "settings.xml",
        "fontTable.xml",
        "numbering.xml",
        "footer1.xml",
        "footer2.xml",
    ] {
        assert!(
            rels.contains(&format!("Target=\"{part}\"")),
            "document.xml.rels lacks {part}"
        );
    }
}

#[test]
fn styles_have_word_names_ours_and_east_asian_fonts() {
    let parts = valid_package(&sample_issue());
    let styles = &parts["word/styles.xml"];
    let names = [
        "Normal",
        "Title",
        "heading 3",
        "heading 4",
        "heading 5",
        "toc 1",
        "toc 2",
        "TOC Heading",
        "footer",
        "List Paragraph",
        "Quote",
        "报头",
        "期号",
        "栏目",
        "子栏目",
        "稿件标题",
        "来源",
        "报尾",
        "Strong",
        "Emphasis",
        "Hyperlink",
        "HTML Code",
        "Plain Text",
        "来源 Char",
        "表格文字",
    ];
    for name in names {
        let style = style(styles, name);
        assert!(
            style.contains("w:eastAsia=\""),
            "the style {name} names no East Asian font: {style}"
        );
    }
    // No style is defined twice, by id or by name.
    for attribute in ["w:styleId", "w:val"] {
        let values: Vec<String> = if attribute == "w:styleId" {
            attribute_values(styles, attribute)
        } else {
            styles
                .match_indices("<w:name w:val=\"")
                .map(|(at, _)| {
                    let rest = &styles[at + 15..];
                    rest[..rest.find('"').unwrap()].to_string()
                })
                .collect()
        };
        let mut seen = std::collections::BTreeSet::new();
        for value in &values {
            assert!(seen.insert(value), "{attribute} {value} is defined twice");
        }
    }
    let normal = style(styles, "Normal");
    assert!(normal.contains("w:default=\"1\""), "Normal is the default style");
    assert!(normal.contains("w:eastAsia=\"仿宋_GB2312\""), "{normal}");
    assert!(normal.contains("<w:sz w:val=\"32\"/>"), "16 pt: {normal}");
    assert!(
        normal.contains("w:line=\"580\" w:lineRule=\"exact\""),
        "fixed 29 pt lines: {normal}"
    );
    assert!(
        normal.contains("w:firstLine=\"640\" w:firstLineChars=\"200\""),
        "a two-character first-line indent: {normal}"
    );
    let title = style(styles, "Title");
    assert!(title.contains("w:eastAsia=\"方正小标宋简体\""), "{title}");
    assert!(
        title.contains("<w:color w:val=\"E60012\"/>"),
        "the masthead is red: {title}"
    );
    let masthead = style(styles, "报头");
    assert!(
        masthead.contains("<w:bottom w:val=\"single\"") && masthead.contains("w:color=\"E60012\""),
        "the red rule: {masthead}"
    );
    assert!(style(styles, "栏目").contains("w:eastAsia=\"SimHei\""));
    assert!(
        style(styles, "Emphasis").contains("w:eastAsia=\"楷体_GB2312\""),
        "emphasis in 楷体"
    );
    // The font table names the fallbacks of the 仿宋 stack.
    let fonts = &parts["word/fontTable.xml"];
    assert!(
        fonts.contains(
            "<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"FangSong_GB2312,仿宋,FangSong,STFangsong,FandolFang\"/>"
        ),
        "{fonts}"
    );
    assert!(
        fonts.contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"FZXiaoBiaoSong-B05S"),
        "{fonts}"
    );
}

#[test]
fn page_numbers_come_from_a_page_field_right_on_odd_pages_left_on_even() {
    let parts = valid_package(&sample_issue());
    let document = &parts["word/document.xml"];
    let rels = &parts["word/_rels/document.xml.rels"];
    // Which footer part is the default (odd pages) and which the even pages'.
    let footer_of = |kind: &str| {
        let needle = format!("<w:footerReference w:type=\"{kind}\" r:id=\"");
        let at = document
            .find(&needle)
            .unwrap_or_else(|| panic!("no {kind} footer reference"));
        let id = &document[at + needle.len()..];
        let id = &id[..id.find('"').unwrap()];
        let rel_at = rels.find(&format!("Id=\"{id}\"")).expect("the footer's relationship");
        let rel = &rels[rels[..rel_at].rfind('<').unwrap()..];
        let target = attribute_values(&rel[..rel.find("/>").unwrap()], "Target")[0].clone();
        parts[&format!("word/{target}")].clone()
    };
    for (kind, align) in [("default", "right"), ("even", "left")] {
        let footer = footer_of(kind);
        assert!(
            footer.contains("<w:instrText>PAGE</w:instrText>"),
            "no PAGE field in the {kind} footer: {footer}"
        );
        assert!(footer.contains("w:fldCharType=\"begin\"") && footer.contains("w:fldCharType=\"end\""));
        assert!(
            footer.contains(&format!("<w:jc w:val=\"{align}\" />")),
            "{kind} pages' numbers go {align}: {footer}"
        );
        let text = paragraphs(&footer).concat();
        assert_eq!(text, "— 1 —", "the number between dashes, a space each side");
    }
}

#[test]
fn the_section_is_a4_with_the_gbt_9704_margins() {
    let parts = valid_package(&sample_issue());
    let document = &parts["word/document.xml"];
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "A4 in twips");
    let margins = document
        .split("<w:pgMar ")
        .nth(1)
        .and_then(|rest| rest.split("/>").next())
        .expect("page margins");
    // 37, 26, 35 and 28 mm.
    for (side, twips) in [("top", 2098), ("right", 1474), ("bottom", 1984), ("left", 1587)] {
        assert!(
            margins.contains(&format!("w:{side}=\"{twips}\"")),
            "{side} margin: {margins}"
        );
    }
}

#[test]
fn every_title_body_paragraph_and_source_of_the_sample_is_there_in_order() {
    let issue = sample_issue();
    let parts = valid_package(&issue);
    let text = document_text(&parts);
    let mut needles = vec![
        squeeze(&issue.masthead.title),
        squeeze(&issue.masthead.issue_line()),
        "目录提要".to_string(),
    ];
    needles.extend(expected_texts(&issue));
    needles.push(squeeze(&format!("编辑：{}", issue.footer.editor)));
    needles.push(format!(
        "（共印{}份）",
        issue.footer.copies.expect("the sample prints its copies")
    ));
    assert_in_order(&text, &needles);
    // The masthead line: the office, a tab, the date.
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let date = issue.masthead.date.expect("a date").to_chinese();
    assert!(
        paragraphs.contains(&format!("{}\t{date}", issue.masthead.publisher)),
        "{paragraphs:?}"
    );
}

#[test]
fn markdown_keeps_emphasis_lists_tables_and_safe_links() {
    let body = "**加粗**和*强调*，~~删除~~\n\n- 甲\n- 乙\n\n3. 三\n4. 四\n\n| 单位 | 数量 |\n|:---|---:|\n| 学会 | 12 |\n\n[链接](https://example.com/?a=1&b=2) 与 [坏链接](javascript:alert(1))\n\n# 小标题\n\n> 引文";
    let issue = Issue {
        sections: vec![Section {
            items: vec![Item {
                title: "格式".into(),
                body: body.into(),
                sources: vec!["甲".into()],
                ..Item::default()
            }],
            ..Section::default()
        }],
        ..Issue::default()
    };
    let parts = valid_package(&issue);
    let document = &parts["word/document.xml"];
    for needle in [
        "<w:rStyle w:val=\"Strong\" />",
        "<w:rStyle w:val=\"Emphasis\" />",
        "<w:strike />",
        "<w:numPr>",
        "<w:pStyle w:val=\"TableGrid\" />",
        "<w:pStyle w:val=\"Heading3\" />",
        "<w:pStyle w:val=\"Quote\" />",
        "<w:hyperlink r:id=",
    ] {
        let needle = needle.replace("<w:pStyle w:val=\"TableGrid\" />", "<w:tblStyle w:val=\"TableGrid\" />");
        assert!(document.contains(&needle), "document.xml lacks {needle}");
    }
    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(
        rels.contains("Target=\"https://example.com/?a=1&amp;b=2\" TargetMode=\"External\""),
        "{rels}"
    );
    assert!(!rels.contains("javascript"), "an unsafe link is no hyperlink: {rels}");
    let text = document_text(&parts);
    assert_in_order(&text, &body_texts(body));
    assert!(text.contains("坏链接"), "the unsafe link's text is kept");
    // The ordered list starts at its own number.
    let numbering = &parts["word/numbering.xml"];
    assert!(numbering.contains("<w:startOverride w:val=\"3\" />"), "{numbering}");
    // The source follows the quote in a paragraph of its own.
    assert!(document.contains("<w:pStyle w:val=\"Sources\" />"));
}

#[test]
fn sources_end_the_last_paragraph_and_empty_sections_are_left_out() {
    let issue = Issue {
        sections: vec![
            Section {
                heading: "空栏目".into(),
                columns: vec![Column {
                    heading: "空子栏目".into(),
                    ..Column::default()
                }],
                ..Section::default()
            },
            Section {
                heading: "学会动态".into(),
                items: vec![Item {
                    title: "标题".into(),
                    body: "第一段。\n\n第二段。".into(),
                    sources: vec!["甲学会".into(), "乙中心".into()],
                    ..Item::default()
                }],
                ..Section::default()
            },
        ],
        ..Issue::default()
    };
    let parts = valid_package(&issue);
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    assert!(
        paragraphs.contains(&"第二段。（甲学会、乙中心）".to_string()),
        "{paragraphs:?}"
    );
    let text = document_text(&parts);
    assert!(!text.contains("空栏目") && !text.contains("空子栏目"), "{text}");
    assert_eq!(
        text.matches("【学会动态】").count(),
        2,
        "once in the 目录提要, once as the heading"
    );
}

#[test]
fn the_file_name_follows_the_html_exports_rule() {
    let issue = sample_issue();
    assert_eq!(
        file_name(&issue.masthead),
        format!("{}.docx", file_stem(&issue.masthead))
    );
    assert_eq!(file_name(&issue.masthead), "科协工作简报-2024年第3期.docx");
    assert_eq!(file_name(&Masthead::default()), "简报.docx");
    let odd = Masthead {
        title: "a/b:c*\u{7}".into(),
        ..Masthead::default()
    };
    assert_eq!(file_name(&odd), format!("{}.docx", file_stem(&odd)));
}

#[test]
fn an_empty_issue_gives_a_valid_package() {
    let parts = valid_package(&Issue::default());
    assert!(!document_text(&parts).contains("目录提要"), "no items, no 目录提要");
}

#[test]
fn empty_fields_give_a_valid_package() {
    let parts = valid_package(&bad_issues::empty_fields());
    // The page-number footers are there even with nothing else to print.
    assert!(parts["word/footer1.xml"].contains("PAGE"));
    // A blank item between two with text leaves the others in place.
    let mut issue = bad_issues::empty_fields();
    issue.sections[1].items.insert(
        1,
        Item {
            title: "空白之间的稿件".into(),
            body: "正文。".into(),
            sources: vec!["某单位".into()],
            ..Item::default()
        },
    );
    let text = document_text(&valid_package(&issue));
    assert_in_order(&text, &expected_texts(&issue));
}

#[test]
fn control_characters_are_dropped_and_other_planes_kept() {
    let issue = bad_issues::controls_and_other_planes();
    let parts = valid_package(&issue);
    let text = document_text(&parts);
    assert!(
        text.contains("甲乙𠀀😀丙"),
        "controls dropped, other planes kept: {text}"
    );
}

#[test]
fn a_one_megabyte_item_exports() {
    let issue = bad_issues::megabyte_item();
    let paragraph = bad_issues::MEGABYTE_PARAGRAPH.repeat(40);
    assert!(issue.sections[0].items[0].body.len() >= 1 << 20);
    let parts = valid_package(&issue);
    let text = document_text(&parts);
    assert!(text.matches("科协工作简报正文").count() >= (1 << 20) / paragraph.len() * 40);
}

#[test]
fn a_thousand_items_export_in_order() {
    let issue = bad_issues::thousand_items();
    let parts = valid_package(&issue);
    let text = document_text(&parts);
    let body_start = text.find("【动态】").expect("the 目录提要 lists the section") + "【动态】".len();
    let body_start = body_start + text[body_start..].find("【动态】").expect("the section heading");
    assert_in_order(&text[body_start..], &expected_texts(&issue));
}

#[test]
fn the_cli_writes_a_docx_to_a_file_or_standard_output() {
    let dir = std::env::temp_dir().join(format!("jianbao-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("issue.md");
    std::fs::write(&input, jianbao::core::sample::SAMPLE_MARKDOWN).unwrap();
    let output = dir.join("out.docx");
    let args: Vec<String> = [
        "convert",
        input.to_str().unwrap(),
        "--to",
        "docx",
        "-o",
        output.to_str().unwrap(),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = jianbao::cli::run(&args, &mut &b""[..], &mut stdout, &mut stderr);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    assert!(stdout.is_empty(), "-o writes nothing to standard output");
    let file = std::fs::read(&output).unwrap();
    let args: Vec<String> = ["convert", "-", "--to", "docx"].iter().map(|a| a.to_string()).collect();
    let (mut piped, mut stderr) = (Vec::new(), Vec::new());
    let code = jianbao::cli::run(
        &args,
        &mut jianbao::core::sample::SAMPLE_MARKDOWN.as_bytes(),
        &mut piped,
        &mut stderr,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    assert_eq!(file, piped, "the file and standard output get the same bytes");
    let (issue, _, _) = jianbao::core::ingest::import_bulletin(jianbao::core::sample::SAMPLE_MARKDOWN);
    assert_eq!(file, issue_docx(&issue).unwrap(), "the CLI writes the core's export");
    unzip(&file);
    std::fs::remove_dir_all(&dir).ok();
    let outcome = common::jianbao(&["convert", "-", "--to", "pdf"], b"");
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("md, html, json or docx"), "{}", outcome.stderr);
}
