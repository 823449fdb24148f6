//! Whole bulletins as plain text (no Markdown markers), in three layouts of our own
//! writing (`tests/fixtures/plain/`): text copied out of Word (spaced title, 〔〕 issue
//! line, publisher and date on one line, full-width indents, 目录提要, 【】 sections, no
//! blank lines), out of a PDF (`[2012年第5期]`, 本期要目 with leaders and page numbers,
//! `一、` sections, broken lines, page numbers, `来源:` and `（作者：…）`), and off a web
//! page (`增刊第7期`, no sections, sources closing a sentence, a stray masthead line).

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import};
use jianbao::core::ingest::{import_bulletin, looks_like_bulletin, plain_bulletin_markdown};
use jianbao::core::{Date, Issue, Item};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plain")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Every item of an issue: (section heading, title, sources).
fn items(issue: &Issue) -> Vec<(String, String, Vec<String>)> {
    issue
        .sections
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .map(move |item: &Item| (s.heading.clone(), item.title.clone(), item.sources.clone()))
        })
        .collect()
}

fn row(section: &str, title: &str, sources: &[&str]) -> (String, String, Vec<String>) {
    (
        section.to_string(),
        title.to_string(),
        sources.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn copied_from_word() {
    let text = fixture("word_copy.txt");
    assert!(looks_like_bulletin(&text));
    let (issue, warnings, _) = import_bulletin(&text);
    let m = &issue.masthead;
    assert_eq!(m.title, "信息简报");
    assert_eq!((m.year, m.number, m.total), (Some(2025), Some(82), Some(1265)));
    assert_eq!(m.issue_line(), "〔2025〕第八十二期（总第1265期）");
    assert_eq!(m.publisher, "示例市科学技术协会办公室");
    assert_eq!(
        m.date,
        Some(Date {
            year: 2025,
            month: 3,
            day: 9
        })
    );
    assert_eq!(
        items(&issue),
        [
            row("学会动态", "市农学会开展春耕技术指导", &["市农学会"]),
            row("学会动态", "市药学会举办合理用药宣传周", &["市药学会"]),
            row("基层科协", "滨江区科协启动“科普进万家”活动", &["赵静"]),
        ]
    );
    let first = &issue.sections[0].items[0];
    assert_eq!(first.body.split("\n\n").count(), 2, "{}", first.body);
    assert!(first.body.starts_with("3月4日，市农学会"));
    let footer = &issue.footer;
    assert_eq!(
        (footer.editor.as_str(), footer.reviewer.as_str(), footer.signer.as_str()),
        ("钱程", "孙立", "周正")
    );
    assert_eq!(footer.copies, Some(60));
    let labels: Vec<&str> = footer.distribution.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["报", "送"]);
    // The table of contents is dropped (and regenerated), with one warning; nothing else.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("目录提要"));
}

#[test]
fn copied_from_a_pdf() {
    let text = fixture("pdf_copy.txt");
    let (issue, warnings, _) = import_bulletin(&text);
    let m = &issue.masthead;
    assert_eq!(m.title, "工作动态");
    assert_eq!((m.year, m.number), (Some(2012), Some(5)));
    assert_eq!(m.issue_line(), "[2012年第5期]");
    assert_eq!(m.publisher, "示例县科协办公室");
    assert_eq!(
        items(&issue),
        [
            row("一、学会工作", "县科协召开学会秘书长会议", &["县科协学会部"]),
            row("二、基层动态", "县老科协开展科普下乡", &["李平"]),
        ]
    );
    // The broken line is joined; the page number is gone.
    let first = &issue.sections[0].items[0];
    assert_eq!(
        first.body,
        "5月15日，县科协召开学会秘书长会议，通报2012年学会工作要点，部署下一阶段重点任务。15个县级学会秘书长参加会议。"
    );
    assert_eq!(issue.footer.distribution[0].label, "发");
    assert_eq!(issue.footer.distribution[0].lines, ["县委办、县政府办"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn copied_from_a_web_page() {
    let text = fixture("web_copy.txt");
    let (issue, warnings, _) = import_bulletin(&text);
    let m = &issue.masthead;
    assert_eq!(m.title, "科普工作简报");
    assert!(m.supplement);
    assert_eq!(m.number, Some(7));
    assert_eq!(
        m.date,
        Some(Date {
            year: 2023,
            month: 11,
            day: 30
        })
    );
    assert_eq!(
        items(&issue),
        [
            row("", "未能识别的文字", &[]),
            row("", "区科协召开科普志愿者表彰会", &["区科协科普部"]),
            row("", "区科技馆举办机器人编程体验营", &["区科技馆", "区教育学会"]),
        ]
    );
    // The line nothing claims is kept, and a warning names its line.
    assert!(issue.sections[0].items[0].body.contains("内部资料"));
    assert!(
        warnings
            .iter()
            .any(|w| w.line == 4 && w.message.contains("未能识别的文字")),
        "{warnings:?}"
    );
    assert_eq!(
        (issue.footer.editor.as_str(), issue.footer.reviewer.as_str()),
        ("吴敏", "郑华")
    );
}

#[test]
fn structured_text_reads_back_the_same() {
    // Export then import of what the plain text became changes nothing.
    for name in ["word_copy.txt", "pdf_copy.txt", "web_copy.txt"] {
        let (issue, _, _) = import_bulletin(&fixture(name));
        let markdown = export(&issue);
        let (again, warnings) = import(&markdown);
        assert_eq!(again, issue, "{name}");
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
    }
}

#[test]
fn all_three_are_recognised_as_bulletins() {
    for name in ["word_copy.txt", "pdf_copy.txt", "web_copy.txt"] {
        assert!(looks_like_bulletin(&fixture(name)), "{name}");
    }
}

#[test]
fn markdown_and_single_submissions_are_left_to_import() {
    // Our Markdown has headings; a lone submission shows no sign of a bulletin.
    assert_eq!(
        plain_bulletin_markdown("# 简报\n\n## 【学会动态】\n\n### 标题\n\n正文。\n"),
        None
    );
    assert_eq!(
        plain_bulletin_markdown("区科协召开会议\n\n3月9日，区科协召开会议。\n\n（区科协）\n"),
        None
    );
}

mod random {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Lines in the shapes plain-text bulletins use (none that import rewrites by
    /// design, such as 来源：, （作者：…） or 目录, apart from （…供稿）).
    const SHAPES: &[&str] = &[
        "信 息 简 报",
        "〔2025〕第八十二期（总第1265期）",
        "[2012年第5期]",
        "增刊第7期",
        "示例市科协办公室          2025年3月9日",
        "【学会动态】",
        "一、基层科协",
        "市农学会开展春耕技术指导",
        "　　3月4日，市农学会组织专家开展春耕技术指导。",
        "专家们还为种植大户解答了问题，",
        "受到群众欢迎。",
        "（市农学会供稿）",
        "（区科协、区科技馆）",
        "报：市科协领导",
        "编辑：钱程　审核：孙立",
        "（共印60份）",
        "内部资料",
        "",
    ];

    /// Export writes a character that would read as a marker as a reference (`&#20849;`).
    fn without_references(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("&#") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let decoded = after[..digits].parse().ok().and_then(char::from_u32);
            match (decoded, after[digits..].starts_with(';')) {
                (Some(c), true) => {
                    out.push(c);
                    rest = &after[digits + 1..];
                }
                _ => {
                    out.push_str("&#");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn han_counts(text: &str) -> HashMap<char, usize> {
        let mut counts = HashMap::new();
        for c in text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
        counts
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Any arrangement of these lines imports without a panic, and every Chinese
        /// character of the input is somewhere in the issue.
        #[test]
        fn no_text_is_lost(picks in prop::collection::vec(0..SHAPES.len(), 1..40)) {
            let text: String = picks.iter().map(|&k| SHAPES[k]).collect::<Vec<_>>().join("\n");
            let (issue, _, _) = import_bulletin(&text);
            let out = han_counts(&without_references(&export(&issue)));
            // `（甲供稿）` is read as the source 甲 by design.
            for (c, n) in han_counts(&text.replace("供稿）", "）")) {
                prop_assert!(out.get(&c).copied().unwrap_or(0) >= n, "lost {c} from:\n{text}\n---\n{}", export(&issue));
            }
        }
    }
}

/// The plain-text bulletin that the editor's end-to-end test drops together with Word
/// files (`tests/fixtures/docx/bulletin_plain.txt`): spaced title, `增刊第7期`, publisher
/// and date on one line, 本期要目, `一、` sections, titles without blank lines, sources as
/// `来源：`, `来源:` and `（作者：…）`, spaces between Chinese and digits in a title, and a
/// footer with `发：`, 编辑/审核 and `（共印80份）`.
#[test]
fn the_end_to_end_bulletin() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/bulletin_plain.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    assert!(looks_like_bulletin(&text));
    let (issue, warnings, _) = import_bulletin(&text);
    assert!(warnings.iter().all(|w| w.message.contains("目录")), "{warnings:?}");
    assert_eq!(issue.masthead.title, "科协信息");
    assert_eq!(
        items(&issue),
        [
            row("一、学会活动", "市天文学会举办夏至观测活动", &["市天文学会"]),
            row("二、基层动态", "河西区科协开展2025年防溺水安全宣传", &["河西区科协"]),
            row("二、基层动态", "东湖社区科普大学春季班结业", &["刘洋"]),
        ]
    );
    assert_eq!(issue.footer.editor, "陈晨");
    assert_eq!(issue.footer.copies, Some(80));
}
