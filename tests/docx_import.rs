//! Word files in: our own texts saved as `.docx` by LibreOffice (`tests/fixtures/docx/src`)
//! and hand-made documents for the edge cases (`tests/fixtures/docx/handmade`, zipped by
//! `tests/fixtures/docx/make.py`), read into items; and every kind of bad input refused
//! with a message that says what to do. Also: no byte-level damage to a document makes
//! the reader panic.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::jianbao;
use jianbao::core::docx_in::{import, read, sniff, DocxError, FileKind, Imported};
use jianbao::core::ingest::Submission;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A fixture read as one submission, with the reader's warnings.
fn submission(name: &str) -> (Submission, Vec<String>) {
    let imported = import(&fixture(name), &[]).unwrap_or_else(|err| panic!("{name}: {err}"));
    match imported.imported {
        Imported::Submission(submission) => (submission, imported.warnings),
        Imported::Bulletin(..) => panic!("{name} read as a bulletin:\n{}", imported.markdown),
    }
}

#[test]
fn libreoffice_submission_keeps_title_emphasis_lists_table_and_sources() {
    let (s, warnings) = submission("submission.docx");
    assert!(warnings.is_empty(), "{warnings:?}");
    // The heading style is the title; the digit rule took the spaces out.
    assert_eq!(s.title, "区科协召开2024年科普工作推进会");
    assert!(
        s.body.starts_with("3月12日，区科协召开2024年科普工作推进会"),
        "{}",
        s.body
    );
    for part in [
        "部署今年**重点任务**。",
        "坚持*需求导向*，",
        "- 建设社区科普小站",
        "- 举办科技周系列活动",
        "1. 完善科普志愿者队伍",
        "2. 加强科普阵地建设",
        "| --- | --- |",
        "| 东华门街道 | 12 |",
        "| 景山街道 | 9 |",
    ] {
        assert!(s.body.contains(part), "{part} missing from:\n{}", s.body);
    }
    assert_eq!(s.sources, ["东城区科协"]);
    assert!(s.fired.contains(&"cjk-digit-spaces"));
}

#[test]
fn libreoffice_plain_text_submission() {
    let (s, warnings) = submission("plain.docx");
    assert!(warnings.is_empty());
    assert_eq!(s.title, "街道科协举办老年人智能手机培训班");
    assert_eq!(s.body.split("\n\n").count(), 2, "{}", s.body);
    assert!(s.body.contains("跨越“数字鸿沟”。"));
    assert_eq!(s.sources, ["安定门街道科协"]);
}

#[test]
fn libreoffice_bulletin_imports_as_an_issue() {
    let imported = import(&fixture("bulletin.docx"), &[]).expect("reads");
    let Imported::Bulletin(issue, _) = imported.imported else {
        panic!("not read as a bulletin:\n{}", imported.markdown);
    };
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let m = &issue.masthead;
    assert_eq!(m.title, "科协工作简报");
    assert_eq!((m.year, m.number, m.total), (Some(2024), Some(3), Some(58)));
    assert_eq!(m.publisher, "示例区科学技术协会办公室");
    let found: Vec<(&str, &str, Vec<String>)> = issue
        .sections
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .map(move |i| (s.heading.as_str(), i.title.as_str(), i.sources.clone()))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "学会动态",
                "区营养学会开展健康饮食进社区活动",
                vec!["区营养学会".to_string()]
            ),
            (
                "基层科协",
                "和平街道科协组织青少年参观科技馆",
                vec!["和平街道科协".to_string()]
            ),
        ]
    );
    assert_eq!(issue.footer.editor, "王明");
    assert_eq!(issue.footer.copies, Some(30));
}

#[test]
fn tracked_changes_comments_and_hidden_text() {
    let (s, warnings) = submission("revisions.docx");
    // Centred and large, with no heading style anywhere: the title.
    assert_eq!(s.title, "区科协开展科技志愿服务活动");
    assert_eq!(
        s.body,
        "5月9日，区科协组织30名科技志愿者走进社区，**开展义诊和科普咨询**。\n\n活动受到居民欢迎。"
    );
    assert_eq!(s.sources, ["区科协科普部"]);
    for gone in ["部分", "内部备注", "已被移走", "请核实人数"] {
        assert!(!s.body.contains(gone), "{gone}");
    }
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[0].contains("修订") && warnings[0].contains("2 处删除"),
        "{}",
        warnings[0]
    );
    assert!(warnings[1].contains("1 条批注"), "{}", warnings[1]);
    assert!(warnings[2].contains("1 处隐藏文字"), "{}", warnings[2]);
}

#[test]
fn fields_show_their_result_and_notes_go_to_the_end() {
    let (s, warnings) = submission("fields_notes.docx");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.title, "市青少年科技创新大赛落幕");
    assert_eq!(
        s.body,
        "大赛共收到作品326件[注1]，评出一等奖12项，市级比赛规模创新高。\n\n详见大赛网站公告[注2]。\n\n\
         [注1] 含团体作品41件。\n\n[注2] 公告发布于2024年6月1日。"
    );
    for code in ["MERGEFIELD", "DOCPROPERTY", "代码里的结果", "不该出现"] {
        assert!(!s.body.contains(code), "{code}");
    }
    assert_eq!(s.sources, ["市科协青少年部"]);
}

#[test]
fn wps_style_ids_lists_tables_and_markdown_characters() {
    let (s, _) = submission("lists_tables.docx");
    // WPS names its styles by number ("1" is heading 1, "2" is 标题 2).
    assert_eq!(s.title, "区科技馆春季活动安排");
    let expected = [
        "为丰富市民周末生活，区科技馆推出春季系列活动。",
        "## 一、活动内容",
        "1. 科普讲座",
        "  - 适合中小学生",
        "2. 展品体验",
        "## 二、注意事项",
        "（1）请提前预约",
        "（2）请爱护展品",
        "使用 \\*星号\\* 和 #号的文字，以及1. 开头的说法。",
        "| 活动 |   | 时间 |\n| --- | --- | --- |\n| 讲座 | A\\|B 厅 | 周六上午 |",
        "框内第一段。",
        "框内第二段。",
    ];
    assert_eq!(s.body, expected.join("\n\n"));
    assert_eq!(s.sources, ["区科技馆"]);
}

#[test]
fn text_boxes_once_and_pictures_reported() {
    let (s, warnings) = submission("textbox_picture.docx");
    assert_eq!(s.title, "社区科普画廊揭幕");
    assert_eq!(s.body.matches("文本框里的说明文字。").count(), 1, "{}", s.body);
    assert!(s.body.contains("内容涵盖&健康、安全等主题。"));
    assert_eq!(s.sources, ["社区居委会"]);
    assert_eq!(warnings, ["文档含有 1 张图片或图表，图片未导入，请另行添加。"]);
}

#[test]
fn bad_zips_are_refused_with_what_to_do() {
    let cases = [
        ("bad/bomb.docx", DocxError::Bomb),
        ("bad/huge.docx", DocxError::TooLarge),
        ("bad/liar.docx", DocxError::Bomb),
        ("bad/entities.docx", DocxError::XmlDeclarations),
        ("bad/spreadsheet.docx", DocxError::NoDocument),
        ("bad/opendocument.docx", DocxError::OpenDocument),
        ("bad/truncated.docx", DocxError::Damaged),
    ];
    for (name, expected) in cases {
        assert_eq!(read(&fixture(name)).err(), Some(expected), "{name}");
        assert!(expected.message().contains(".docx"), "{name}: {}", expected.message());
    }
}

#[test]
fn other_files_are_told_by_their_bytes() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut encrypted = ole.to_vec();
    encrypted.extend(vec![0u8; 100]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let mut doc = ole.to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: [(&[u8], FileKind, DocxError); 6] = [
        (&doc, FileKind::OldOffice, DocxError::OldFormat),
        (&encrypted, FileKind::Encrypted, DocxError::Encrypted),
        (b"%PDF-1.7\n", FileKind::Pdf, DocxError::Pdf),
        (b"{\\rtf1\\ansi ", FileKind::Rtf, DocxError::Rtf),
        ("市科协召开会议。".as_bytes(), FileKind::Other, DocxError::NotZip),
        (b"", FileKind::Other, DocxError::NotZip),
    ];
    for (bytes, kind, error) in cases {
        assert_eq!(sniff(bytes), kind);
        assert_eq!(read(bytes).err(), Some(error));
        assert!(error.message().contains("另存为") || error.message().contains("粘贴"));
    }
}

#[test]
fn no_damage_makes_the_reader_panic() {
    // Every fixture cut short at many lengths, and with bytes flipped across it: the
    // reader answers with text or an error, never a panic.
    let mut tried = 0;
    for name in [
        "submission.docx",
        "lists_tables.docx",
        "fields_notes.docx",
        "revisions.docx",
    ] {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(97) {
            let _ = read(&bytes[..cut]);
            tried += 1;
        }
        for at in (0..bytes.len()).step_by(53) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5A;
            let _ = read(&damaged);
            tried += 1;
        }
    }
    eprintln!("{tried} damaged documents read without a panic");
    assert!(tried > 300);
}

#[test]
fn the_cli_converts_a_word_file_and_refuses_a_doc() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/plain.docx");
    let out = jianbao(&["convert", &path.to_string_lossy(), "--to", "md"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("### 街道科协举办老年人智能手机培训班\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("（安定门街道科协）"));
    // Standard input is told by its bytes too.
    let piped = jianbao(&["convert", "-", "--to", "json"], &fixture("plain.docx"));
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(piped.stdout.contains("\"title\": \"街道科协举办老年人智能手机培训班\""));
    let doc = jianbao(
        &["convert", "-", "--to", "md"],
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    );
    assert_eq!(doc.code, 1);
    assert!(doc.stderr.contains("另存为"), "{}", doc.stderr);
    assert!(doc.stdout.is_empty());
}

/// The editor's worker answer (`reply_json`): a submission as a one-item issue in our
/// Markdown, with its source; a refused file as its message.
#[test]
fn the_worker_answer_is_json_the_editor_can_import() {
    use jianbao::core::docx_in::reply_json;
    let reply: serde_json::Value = serde_json::from_str(&reply_json(&fixture("plain.docx"))).expect("JSON");
    assert_eq!(reply["ok"], true);
    assert_eq!(reply["kind"], "submission");
    let (issue, warnings) = jianbao::core::format::import(reply["markdown"].as_str().expect("markdown"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let items: Vec<_> = issue.sections.iter().flat_map(|s| &s.items).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].title, "街道科协举办老年人智能手机培训班");
    assert_eq!(items[0].sources, ["安定门街道科协"]);
    // The text as read, which the page cleans and detects itself (the paste dialog, the
    // Word submissions dialog), gives the same item; notes stay at its end.
    let notes: serde_json::Value = serde_json::from_str(&reply_json(&fixture("fields_notes.docx"))).expect("JSON");
    let text = notes["text"].as_str().expect("text");
    assert_eq!(text, read(&fixture("fields_notes.docx")).expect("read").with_notes());
    let (s, _) = submission("fields_notes.docx");
    assert_eq!(jianbao::core::ingest::detect(text), s);
    // submission.docx has spaces between Chinese and digits: the rule that removed them
    // is named, as the paste dialog names it.
    let spaced: serde_json::Value = serde_json::from_str(&reply_json(&fixture("submission.docx"))).expect("JSON");
    let label = jianbao::core::ingest::rule("cjk-digit-spaces").expect("rule").label;
    let last = spaced["warnings"]
        .as_array()
        .and_then(|w| w.last())
        .and_then(|w| w.as_str());
    assert!(
        last.is_some_and(|w| w.starts_with("已整理：") && w.contains(label)),
        "{last:?}"
    );

    let bulletin: serde_json::Value = serde_json::from_str(&reply_json(&fixture("bulletin.docx"))).expect("JSON");
    assert_eq!(bulletin["kind"], "bulletin");

    let refused: serde_json::Value = serde_json::from_str(&reply_json(b"%PDF-1.4\n")).expect("JSON");
    assert_eq!(refused["ok"], false);
    assert_eq!(refused["error"], DocxError::Pdf.message());
}
