//! The paste cleanup, rule by rule: a table of inputs each rule changes, and a table of
//! inputs it must leave alone; then the whole pipeline, the detection of a submission's
//! title and sources, our own sample submissions (`tests/fixtures/ingest/`), and
//! properties over random text: the cleanup never panics, is idempotent and loses no
//! Chinese character.
//!
//! Run `JIANBAO_BLESS=1 cargo test --test ingest_rules` to rewrite the fixtures'
//! expected files from the current pipeline; read the diff before keeping it.

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import};
use jianbao::core::ingest::html::{to_markdown, Node};
use jianbao::core::ingest::{clean, detect, detect_with, import_bulletin, rule, to_item, Submission, RULES};
use jianbao::core::sample::SAMPLE_MARKDOWN;
use jianbao::core::{Item, Status};
use proptest::prelude::*;
use std::path::PathBuf;

/// Applies one rule by name.
fn apply(name: &str, input: &str) -> String {
    let rule = rule(name).unwrap_or_else(|| panic!("no rule named {name}"));
    (rule.apply)(input).into_owned()
}

/// Checks that a rule turns `input` into `expected`, and that it is then done.
#[track_caller]
fn check(name: &str, input: &str, expected: &str) {
    let once = apply(name, input);
    assert_eq!(once, expected, "{name} on {input:?}");
    assert_eq!(apply(name, &once), once, "{name} is not idempotent on {input:?}");
}

/// Checks that a rule leaves `input` alone, and says so (`Cow::Borrowed`).
#[track_caller]
fn unchanged(name: &str, input: &str) {
    let rule = rule(name).unwrap_or_else(|| panic!("no rule named {name}"));
    let out = (rule.apply)(input);
    assert_eq!(out, input, "{name} changed {input:?}");
    assert!(
        matches!(out, std::borrow::Cow::Borrowed(_)),
        "{name} reported a change on {input:?}"
    );
}

#[test]
fn the_table_names_every_rule_once_with_a_chinese_label() {
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(
        names,
        [
            "web-copy",
            "remove-invisible",
            "indent-paragraphs",
            "strip-layout-spaces",
            "halfwidth-alnum",
            "drop-page-numbers",
            "cjk-spaces",
            "cjk-digit-spaces",
            "punct-spaces",
            "fullwidth-punct",
            "join-broken-lines",
            "split-paragraphs",
            "collapse-blank-lines",
        ]
    );
    for r in RULES {
        assert!(
            r.label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            r.name
        );
        assert_eq!(rule(r.name).map(|found| found.label), Some(r.label));
    }
    assert!(rule("no-such-rule").is_none());
}

#[test]
fn remove_invisible() {
    check("remove-invisible", "科\u{200B}协\u{FEFF}动态\u{00AD}", "科协动态");
    check("remove-invisible", "a\u{2060}b", "ab");
    unchanged("remove-invisible", "科协 动态\u{3000}");
    // The zero-width joiner holds emoji together and stays.
    unchanged("remove-invisible", "👨\u{200D}🔬");
}

#[test]
fn indent_paragraphs() {
    check(
        "indent-paragraphs",
        "第一段。\n\u{3000}\u{3000}第二段。",
        "第一段。\n\n\u{3000}\u{3000}第二段。",
    );
    check(
        "indent-paragraphs",
        "标题\n\t正文。\n  “引文”。",
        "标题\n\n\t正文。\n\n  “引文”。",
    );
    for input in [
        "第一段。\n\n\u{3000}\u{3000}第二段。",
        "\u{3000}\u{3000}第一段。",
        "- 列表\n  续行的文字",
        "正文\n    code",
        "```\n代码\n\u{3000}缩进\n```",
    ] {
        unchanged("indent-paragraphs", input);
    }
}

#[test]
fn strip_layout_spaces() {
    let cases = [
        ("\u{3000}\u{3000}为学习宣传。", "为学习宣传。"),
        ("\t为学习宣传。", "为学习宣传。"),
        ("    为学习宣传。", "为学习宣传。"),
        ("  “引号开头”的段落。", "“引号开头”的段落。"),
        ("正文。   ", "正文。"),
        ("正文。\u{3000}\n下一行", "正文。\n下一行"),
        ("甲\u{A0}乙", "甲 乙"),
        ("   \n正文", "\n正文"),
        ("\u{3000}\tabc", "abc"),
        ("  3月9日，会议召开。", "3月9日，会议召开。"),
        ("\u{A0}\u{A0}会议召开。", "会议召开。"),
        ("  ## 标题", "## 标题"),
        (" plain text", "plain text"),
    ];
    for (input, expected) in cases {
        check("strip-layout-spaces", input, expected);
    }
    for input in [
        "正文。",
        "- 列表\n  续行的文字",
        "1. 第一项\n   缩进的续行",
        "    code block",
        "```\n\u{3000}代码里的缩进  \n```",
        "行尾反斜杠\\\n换行",
        "2023 年第 7 期",
    ] {
        unchanged("strip-layout-spaces", input);
    }
}

#[test]
fn halfwidth_alnum() {
    check("halfwidth-alnum", "ＡＢＣ１２３ａｂｃ", "ABC123abc");
    check("halfwidth-alnum", "２０２３年第７期", "2023年第7期");
    for input in ["ABC123", "，。！？（）：；", "全角标点：（甲）", "```\nＡ\n```"] {
        unchanged("halfwidth-alnum", input);
    }
}

#[test]
fn drop_page_numbers() {
    check(
        "drop-page-numbers",
        "强化素质建设，提\n— 2 —\n高能力水平。",
        "强化素质建设，提\n高能力水平。",
    );
    check("drop-page-numbers", "甲\n\n- 3 -\n\n乙", "甲\n\n\n乙");
    check("drop-page-numbers", "第 4 页 共 9 页\n正文", "正文");
    for input in ["- 列表项", "第4页的内容", "---", "— 引文 —", "2023"] {
        unchanged("drop-page-numbers", input);
    }
}

#[test]
fn cjk_spaces() {
    let cases = [
        ("信 息 简 报", "信息简报"),
        ("科协 工作\u{3000}动态", "科协工作动态"),
        ("“信 息 简 报”", "“信息简报”"),
        ("北京市科协  办公室", "北京市科协办公室"),
        ("## 学会 动态", "## 学会动态"),
    ];
    for (input, expected) in cases {
        check("cjk-spaces", input, expected);
    }
    for input in [
        // Latin text, and spaces between Chinese and digits or Latin letters.
        "AI 2.0 and more",
        "2023 年第 7 期",
        "2023年第7期",
        "智慧科协 2.0 工作部署",
        "使用 Python 编程",
        // Slogans and speech titles keep the space between their phrases.
        "《笃定前行 行稳致远 携手发力》",
        "“巾帼心向党 奋进新征程”",
        // Two fields of one footer line.
        "编辑：张三\u{3000}审核：李四",
        // Inline code.
        "`中 文`",
        "  行首缩进",
    ] {
        unchanged("cjk-spaces", input);
    }
}

#[test]
fn punct_spaces() {
    let cases = [
        ("你好 ，世界", "你好，世界"),
        ("会议 。 下一句", "会议。下一句"),
        ("“巾帼心向党” 庆“三八节”", "“巾帼心向党”庆“三八节”"),
        ("（ 总第 60 期 ）", "（总第 60 期）"),
        ("使用 Python ，效果好", "使用 Python，效果好"),
        ("活动 “主题”", "活动“主题”"),
    ];
    for (input, expected) in cases {
        check("punct-spaces", input, expected);
    }
    for input in [
        "## 【学会动态】",
        "- （一）加强建设",
        "> 【按】",
        "He said “hello” to me.",
        "标题 <!-- 状态：已审 -->",
        "2023 年 3 月",
        "A , B",
    ] {
        unchanged("punct-spaces", input);
    }
}

#[test]
fn fullwidth_punct() {
    let cases = [
        ("我们,你们", "我们，你们"),
        ("会议结束.", "会议结束。"),
        ("注意:明天开会", "注意：明天开会"),
        ("真的?!", "真的？！"),
        ("是吗?", "是吗？"),
        ("第一;第二", "第一；第二"),
        ("(北京作物学会)", "（北京作物学会）"),
        ("学会(筹)成立", "学会（筹）成立"),
        ("中文(English)中文", "中文（English）中文"),
        ("(1)加强建设", "（1）加强建设"),
        ("使用Python,效果好", "使用Python，效果好"),
        ("共10,其中", "共10，其中"),
        ("时间:10:30", "时间：10:30"),
        ("**粗体**,后文", "**粗体**，后文"),
        ("等等...", "等等……"),
        (
            "详见[说明](https://example.org/a(b)),然后",
            "详见[说明](https://example.org/a(b))，然后",
        ),
        ("网址 https://example.org/x,中文", "网址 https://example.org/x，中文"),
    ];
    for (input, expected) in cases {
        check("fullwidth-punct", input, expected);
    }
    for input in [
        // Numbers: decimals, thousands, times, dotted lists of numbers.
        "智慧科协 2.0",
        "圆周率约为3.14",
        "共1,000人",
        "上午10:30开始",
        "围绕“1.2.3.4”四个方面",
        // Addresses, links, code and character references.
        "网址https://example.org/a,b?c=1&d=2.",
        "请发邮件到 someone.name@example.org.",
        "[链接](https://example.org/a_(b))",
        "![图片](a.png)",
        "`a,b.c`",
        "&amp;中文",
        // Latin sentences, and a full stop before a Latin letter.
        "Hello, world. How are you?",
        "文件.pdf",
        "1.第一条",
        "1. 列表项",
        "2) 列表项",
        "v1.0 (beta)",
        "```\n中文,代码\n```",
    ] {
        unchanged("fullwidth-punct", input);
    }
}

#[test]
fn join_broken_lines() {
    let cases = [
        // A paragraph broken at a page end, with one blank line or several.
        ("强化素质建设，提\n\n高能力水平。", "强化素质建设，提高能力水平。"),
        (
            "商会联合主办，北京亦庄\n\n\n\n智能城市研究院承办。",
            "商会联合主办，北京亦庄智能城市研究院承办。",
        ),
        (
            "将优质科普供给落地，打造出更多\n\n“科普胡同小院”式的阵地。",
            "将优质科普供给落地，打造出更多“科普胡同小院”式的阵地。",
        ),
        // Hard-wrapped lines of a PDF.
        (
            "为学习宣传贯彻精神，推动\n科协工作高质量发展。",
            "为学习宣传贯彻精神，推动科协工作高质量发展。",
        ),
        // Latin words get a space; Chinese and Latin, none.
        ("Well, the quick brown\nfox jumps.", "Well, the quick brown fox jumps."),
        ("会上，专家推广了\nAI 技术。", "会上，专家推广了AI 技术。"),
        ("会上，总结了2023\n年的工作。", "会上，总结了2023年的工作。"),
        // A title broken over two lines.
        (
            "西城区科协举办“奋进新征程”庆“三八节”女科技\n工作者活动\n在节日到来之际，活动举行。",
            "西城区科协举办“奋进新征程”庆“三八节”女科技工作者活动\n在节日到来之际，活动举行。",
        ),
        // A short fragment after a comma is not a heading.
        (
            "联合主办，\n\n北京亦庄\n\n智能城市研究院承办。",
            "联合主办，北京亦庄智能城市研究院承办。",
        ),
        // Found by the idempotence property: a line joined on later must not change
        // what an earlier decision saw.
        ("—\n科、\n—", "—科、—"),
    ];
    for (input, expected) in cases {
        check("join-broken-lines", input, expected);
    }
    for input in [
        // Real paragraph breaks.
        "第一段。\n\n第二段。",
        "他说：“好。”\n\n下一段。",
        "会议强调：\n\n一要加强学习。",
        // Headings, lists, quotes, code, rules, tables and HTML never join.
        "## 标题\n正文",
        "正文没有句号\n## 标题",
        "会议要求\n- 第一项\n- 第二项",
        "引文没有句号\n> 引用",
        "代码前\n```\n代码\n```\n代码后",
        "正文\n---\n正文",
        "| 甲 | 乙 |\n| --- | --- |",
        "正文\n<div>块</div>",
        // Footer lines and the recipients after a distribution label.
        "编辑：张三\n审核：李四",
        "分送：市科协领导\n\n各区科协，各学会\n\n机关各部门",
        // A title over its text, a standalone title, a date and the sources.
        "市科协召开联席会\n3月9日，会议召开。",
        "市科协召开联席会\n\n3月9日，会议召开。",
        "正文没有句号\n\n学会动态\n\n下一段。",
        "北京市科协办公室\n2023年3月10日",
        "活动顺利举办\n（北京作物学会）",
        // Lines that start a paragraph by their look.
        "会议要求\n一、加强学习。",
        "会议要求\n（二）加强建设。",
        // A hard break.
        "第一行\\\n第二行",
    ] {
        unchanged("join-broken-lines", input);
    }
}

#[test]
fn split_paragraphs() {
    let cases = [
        ("第一段。\n第二段。\n第三段！", "第一段。\n\n第二段。\n\n第三段！"),
        ("他说：“好。”\n下一段。", "他说：“好。”\n\n下一段。"),
        ("正文。\n（甲学会）", "正文。\n\n（甲学会）"),
        ("会议要求。\n一、加强学习。", "会议要求。\n\n一、加强学习。"),
        ("会议要求：\n（一）加强学习。", "会议要求：\n\n（一）加强学习。"),
    ];
    for (input, expected) in cases {
        check("split-paragraphs", input, expected);
    }
    for input in [
        "第一段。\n\n第二段。",
        "标题\n正文。",
        "正文没有句号\n下一行。",
        "他说：\n“好。”",
        "正文。\n## 标题",
        "- 第一项。\n- 第二项。",
        "> 引文。\n> 引文。",
        "编辑：张三。\n审核：李四。",
        "分送：甲。\n乙。",
        "第一行。\\\n第二行。",
        "```\n代码。\n代码。\n```",
    ] {
        unchanged("split-paragraphs", input);
    }
}

#[test]
fn collapse_blank_lines() {
    check("collapse-blank-lines", "甲\n\n\n\n乙", "甲\n\n乙");
    check("collapse-blank-lines", "\n\n甲\n", "甲\n");
    check("collapse-blank-lines", "甲\n\n\n", "甲\n");
    check("collapse-blank-lines", "甲\n  \n乙", "甲\n\n乙");
    for input in ["甲\n\n乙\n", "甲", "```\n\n\n\n```"] {
        unchanged("collapse-blank-lines", input);
    }
}

#[test]
fn clean_runs_every_rule_and_says_which_fired() {
    let input = "\u{3000}\u{3000}会议于３月９日召开 ,强化素质建设，提\n\n— 2 —\n\n高能力水平.\r\n";
    let cleaned = clean(input, &[]);
    assert_eq!(cleaned.text, "会议于3月9日召开，强化素质建设，提高能力水平。\n");
    assert_eq!(
        cleaned.fired,
        [
            "strip-layout-spaces",
            "halfwidth-alnum",
            "drop-page-numbers",
            "punct-spaces",
            "fullwidth-punct",
            "join-broken-lines",
        ]
    );
    // A rule switched off does not run, and is not reported.
    let kept = clean(input, &["join-broken-lines", "drop-page-numbers"]);
    assert!(kept.text.contains("提\n\n— 2 —\n\n高能力水平。"), "{}", kept.text);
    assert!(!kept.fired.contains(&"join-broken-lines"));
    // Clean text fires nothing.
    let again = clean(&cleaned.text, &[]);
    assert_eq!((again.text.as_str(), again.fired.len()), (cleaned.text.as_str(), 0));
}

#[test]
fn clean_repeats_until_the_rules_agree() {
    // Joining puts the comma beside Chinese text; the next round widens it.
    assert_eq!(
        clean("see the notes,\n中文继续。", &[]).text,
        "see the notes，中文继续。"
    );
}

#[test]
fn official_numbers_lose_the_spaces_pdfs_put_around_them() {
    // Official text writes no space between Chinese and Arabic numerals; the rule
    // cjk-digit-spaces removes them, and switched off leaves them.
    for (text, expected) in [
        ("2023年第7期", "2023年第7期"),
        ("2023 年第 7 期", "2023年第7期"),
        ("农科糯 336 和农科玉 368", "农科糯336和农科玉368"),
        ("（共印 60 份）", "（共印60份）"),
    ] {
        assert_eq!(clean(text, &[]).text, expected);
        assert_eq!(clean(text, &["cjk-digit-spaces"]).text, text);
    }
}

/// A submission with these parts, and no rules named.
fn submission(title: &str, body: &str, sources: &[&str]) -> (String, String, Vec<String>) {
    (
        title.to_string(),
        body.to_string(),
        sources.iter().map(|s| s.to_string()).collect(),
    )
}

#[track_caller]
fn check_detect(input: &str, expected: (String, String, Vec<String>)) {
    let Submission {
        title, body, sources, ..
    } = detect(input);
    assert_eq!((title, body, sources), expected, "{input:?}");
}

#[test]
fn detection_of_title_and_sources() {
    check_detect(
        "市科协召开联席会\n\n3月9日，会议召开。（市科协办公室）",
        submission("市科协召开联席会", "3月9日，会议召开。", &["市科协办公室"]),
    );
    check_detect(
        "# 市科协召开联席会\n3月9日，会议召开。\n\n（甲学会、乙中心）\n",
        submission("市科协召开联席会", "3月9日，会议召开。", &["甲学会", "乙中心"]),
    );
    check_detect(
        "**学会开展调研**\n\n正文。\n来源：甲学会，乙中心",
        submission("学会开展调研", "正文。", &["甲学会", "乙中心"]),
    );
    check_detect(
        "学会开展调研\n正文。\n\n(甲学会, 乙中心)",
        submission("学会开展调研", "正文。", &["甲学会", "乙中心"]),
    );
    check_detect(
        "学会开展调研\n\n正文。（甲学会供稿）",
        submission("学会开展调研", "正文。", &["甲学会"]),
    );
    check_detect("供稿：甲学会\n", submission("", "", &["甲学会"]));
    // No title: the first line is a sentence.
    check_detect(
        "3月9日，会议召开。\n\n会议强调，要加强学习。",
        submission("", "3月9日，会议召开。\n\n会议强调，要加强学习。", &[]),
    );
    // Brackets that are not sources stay in the text.
    for (input, body) in [
        ("标题\n\n会议召开（线上）并取得成功。", "会议召开（线上）并取得成功。"),
        ("标题\n\n会议召开（线上）", "会议召开（线上）"),
        ("标题\n\n全文到此。（完）", "全文到此。（完）"),
        ("标题\n\n正文。（注：以上为摘要。）", "正文。（注：以上为摘要。）"),
        ("标题\n\n- 列表（甲）", "- 列表（甲）"),
    ] {
        check_detect(input, submission("标题", body, &[]));
    }
    check_detect("", submission("", "", &[]));
}

#[test]
fn detect_cleans_first_and_reports_the_rules() {
    let s = detect("学会开展调研\n\n\u{3000}\u{3000}会议强调,要加强\n\n学习。\n\n（甲学会）");
    assert_eq!(s.title, "学会开展调研");
    assert_eq!(s.body, "会议强调，要加强学习。");
    assert_eq!(s.sources, ["甲学会"]);
    assert!(s.fired.contains(&"join-broken-lines") && s.fired.contains(&"fullwidth-punct"));
    let off = detect_with("会议强调,要加强\n\n学习。", &["join-broken-lines"]);
    assert_eq!(off.body, "会议强调，要加强\n\n学习。");
}

#[test]
fn a_submission_becomes_an_item() {
    let s = detect("学会开展调研\n\n正文。（甲学会、乙中心）");
    assert_eq!(
        to_item(&s),
        Item {
            id: 0,
            title: "学会开展调研".to_string(),
            body: "正文。".to_string(),
            sources: vec!["甲学会".to_string(), "乙中心".to_string()],
            status: Status::Received,
        }
    );
    assert_eq!(s.to_markdown(), "### 学会开展调研\n\n正文。\n\n（甲学会、乙中心）\n");
    assert_eq!(detect("正文。").to_markdown(), "正文。\n");
    assert_eq!(detect("").to_markdown(), "\n");
}

#[test]
fn cleaning_the_canonical_sample_changes_nothing() {
    let (issue, warnings, fired) = import_bulletin(SAMPLE_MARKDOWN);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(fired.is_empty(), "rules fired on the clean sample: {fired:?}");
    assert_eq!(issue, import(SAMPLE_MARKDOWN).0);
    assert_eq!(export(&issue), SAMPLE_MARKDOWN);
}

#[test]
fn import_bulletin_cleans_titles_bodies_and_sources() {
    let text =
        "# 简报\n\n## 【学会动态】\n\n### 学会 开展 调研\n\n会议强调,要加强\n\n学习。\n\n（甲学会 、乙中心(筹)）\n";
    let (issue, _, fired) = import_bulletin(text);
    let item = &issue.sections[0].items[0];
    assert_eq!(item.title, "学会开展调研");
    assert_eq!(item.body, "会议强调，要加强学习。");
    assert_eq!(item.sources, ["甲学会", "乙中心（筹）"]);
    assert_eq!(fired, ["cjk-spaces", "fullwidth-punct", "join-broken-lines"]);
    // Cleaning its export again changes nothing.
    let (again, warnings, fired) = import_bulletin(&export(&issue));
    assert!(warnings.is_empty() && fired.is_empty(), "{warnings:?} {fired:?}");
    assert_eq!(again, issue);
}

#[test]
fn pasted_html_becomes_a_clean_item() {
    // The tree the browser edge reads off a Word paste: a bold title paragraph, indented
    // paragraphs with no-break spaces, and the sources in a paragraph of their own.
    let p = |children: Vec<Node>| Node::element("p", children);
    let tree = vec![Node::element(
        "body",
        vec![
            p(vec![Node::element("b", vec![Node::text("学会开展 调研")])]),
            p(vec![Node::text("\u{A0}\u{A0}3月9日,学会专家赴示例区\n开展调研.")]),
            Node::element("o:p", vec![]),
            p(vec![Node::text("(甲学会、乙中心)")]),
        ],
    )];
    let markdown = to_markdown(&tree);
    assert_eq!(
        markdown,
        "**学会开展 调研**\n\n\u{A0}\u{A0}3月9日,学会专家赴示例区 开展调研.\n\n(甲学会、乙中心)"
    );
    let s = detect(&markdown);
    assert_eq!(s.title, "学会开展调研");
    assert_eq!(s.body, "3月9日，学会专家赴示例区开展调研。");
    assert_eq!(s.sources, ["甲学会", "乙中心"]);
}

/// The folder of our own sample submissions.
fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

#[test]
fn sample_submissions_clean_as_expected() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/ingest is readable")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "fixtures: {names:?}");
    let bless = std::env::var("JIANBAO_BLESS").is_ok_and(|v| v == "1");
    for name in names {
        let input = std::fs::read_to_string(fixture_dir().join(format!("{name}.txt"))).expect("input");
        let out = detect(&input).to_markdown();
        let expected_path = fixture_dir().join(format!("{name}.expected.md"));
        if bless {
            std::fs::write(&expected_path, &out).expect("expected file written");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|err| panic!("{}: {err}; run with JIANBAO_BLESS=1", expected_path.display()));
        assert_eq!(out, expected, "{name}");
        // The output, pasted again, stays as it is.
        assert_eq!(detect(&out).to_markdown(), out, "{name}: not a fixed point");
    }
}

/// Random text made of the characters pasted bulletins are made of.
fn pasted_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "科",
        "协",
        "动",
        "态",
        "北京",
        "亦庄",
        "提",
        "高",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "【",
        "】",
        "，",
        "。",
        "、",
        "：",
        "；",
        "！",
        "？",
        "…",
        "—",
        "a",
        "b",
        "Z",
        "1",
        "2",
        "0",
        "Ａ",
        "１",
        ",",
        ".",
        ":",
        ";",
        "!",
        "?",
        "(",
        ")",
        "[",
        "]",
        "*",
        "_",
        "`",
        "#",
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "|",
        "<",
        ">",
        "&",
        "@",
        "/",
        "\\",
        "-",
        " ",
        "  ",
        "\t",
        "\u{3000}",
        "\u{A0}",
        "\u{200B}",
        "\n",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        "```",
        "---",
        "— 2 —",
        "编辑：",
        "分送：",
        "来源：",
        "http://",
        "www.",
        "x@y.cn",
        "2023年3月10日",
        "一、",
        "（一）",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// The CJK ideographs of a text, in order.
fn han(text: &str) -> Vec<char> {
    text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect()
}

/// Whether `small` is `big` with some elements left out.
fn is_subsequence(small: &[char], big: &[char]) -> bool {
    let mut rest = big.iter();
    small.iter().all(|c| rest.any(|b| b == c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn clean_is_idempotent_and_loses_no_chinese(text in pasted_text()) {
        let once = clean(&text, &[]);
        let twice = clean(&once.text, &[]);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.fired.is_empty(), "fired again: {:?}", twice.fired);
        // Only page-number lines (第 N 页) may take Chinese characters away.
        prop_assert!(is_subsequence(&han(&once.text), &han(&text)));
        if !text.contains('第') {
            prop_assert_eq!(han(&once.text), han(&text));
        }
    }

    #[test]
    fn every_rule_is_idempotent(text in pasted_text()) {
        let text = text.replace("\r\n", "\n");
        for rule in RULES {
            let once = (rule.apply)(&text).into_owned();
            let twice = (rule.apply)(&once).into_owned();
            prop_assert_eq!(&twice, &once, "{} is not idempotent", rule.name);
        }
    }

    #[test]
    fn detect_and_import_never_panic(text in pasted_text()) {
        let s = detect(&text);
        prop_assert!(!s.title.contains('\n'));
        let (issue, _, _) = import_bulletin(&text);
        // A cleaned issue cleans to itself.
        let (again, _, fired) = import_bulletin(&export(&issue));
        prop_assert!(fired.is_empty(), "fired again: {:?}", fired);
        prop_assert_eq!(export(&again), export(&issue));
    }

    #[test]
    fn switching_rules_off_never_panics(text in pasted_text(), mask in 0u16..2048) {
        let off: Vec<&str> = RULES.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| r.name).collect();
        let once = clean(&text, &off);
        prop_assert_eq!(clean(&once.text, &off).text, once.text);
    }
}
