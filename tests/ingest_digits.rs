//! The rule `cjk-digit-spaces`: no space between a Chinese character and an Arabic
//! numeral, in titles, bodies and sources of pasted and imported text; switchable like
//! every rule; and linear in the length of the text.

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::ingest::{clean, detect, detect_with, import_bulletin, rule};

/// Applies the rule alone.
fn apply(input: &str) -> String {
    let rule = rule("cjk-digit-spaces").expect("the rule is registered");
    (rule.apply)(input).into_owned()
}

#[test]
fn removes_a_space_on_either_side_of_a_number() {
    let cases = [
        ("市科协召开 2023 年区科协联席会", "市科协召开2023年区科协联席会"),
        ("2023 年 3 月 9 日", "2023年3月9日"),
        ("农科糯 336 和农科玉 368", "农科糯336和农科玉368"),
        ("（共印 60 份）", "（共印60份）"),
        ("近 2.4 万人", "近2.4万人"),
        ("“智慧科协 2.0”", "“智慧科协2.0”"),
        ("## 第 7 期要目", "## 第7期要目"),
        ("- 第 1 项\n- 第 2 项", "- 第1项\n- 第2项"),
        ("甲\n\n召开 2023 年会议。\n", "甲\n\n召开2023年会议。\n"),
    ];
    for (input, expected) in cases {
        let once = apply(input);
        assert_eq!(once, expected, "{input:?}");
        assert_eq!(apply(&once), once, "not idempotent on {input:?}");
    }
}

#[test]
fn leaves_everything_else_alone() {
    for input in [
        "2023年第7期",
        "使用 Python 编程",
        "AI 2.0 and more",
        // Runs of spaces and ideographic spaces separate two fields of a line.
        "北京市科学技术协会办公室          2025年3月9日",
        "北京市科学技术协会办公室\u{3000}\u{3000}2025年3月9日",
        "编辑：张三\t2025年",
        // Code, tags and addresses.
        "`第 7 期`",
        "``代码 `第 7` 里``",
        "<img alt=\"第 7 期\">",
        "见 https://example.cn/a7 期",
        "见 www.example.cn/7 期",
        "```\n召开 2023 年\n```",
        // A leading indentation is not between two characters.
        " 2023年",
    ] {
        let rule = rule("cjk-digit-spaces").expect("registered");
        let out = (rule.apply)(input);
        assert_eq!(out, input);
        assert!(matches!(out, std::borrow::Cow::Borrowed(_)), "{input:?}");
    }
}

#[test]
fn on_by_default_for_pasted_text_and_switchable() {
    let text = "市科协召开 2023 年区科协联席会\n\n3 月 9 日，会议在京召开。\n\n（第 2 办公室）";
    let pasted = detect(text);
    assert_eq!(pasted.title, "市科协召开2023年区科协联席会");
    assert_eq!(pasted.body, "3月9日，会议在京召开。");
    assert_eq!(pasted.sources, ["第2办公室"]);
    assert!(pasted.fired.contains(&"cjk-digit-spaces"));
    let off = detect_with(text, &["cjk-digit-spaces"]);
    assert_eq!(off.title, "市科协召开 2023 年区科协联席会");
    assert!(!off.fired.contains(&"cjk-digit-spaces"));
}

#[test]
fn imported_bulletins_lose_the_spaces_in_items() {
    let text = "# 信息简报\n\n2023年第7期\n\n## 【学会动态】\n\n### 市科协召开 2023 年区科协联席会\n\n3 月 9 日，会议召开。\n\n（第 2 办公室）\n";
    let (issue, _warnings, fired) = import_bulletin(text);
    let item = &issue.sections[0].items[0];
    assert_eq!(item.title, "市科协召开2023年区科协联席会");
    assert_eq!(item.body, "3月9日，会议召开。");
    assert_eq!(item.sources, ["第2办公室"]);
    assert!(fired.contains(&"cjk-digit-spaces"));
}

#[test]
fn runs_in_one_pass_over_long_and_hostile_lines() {
    // A long line of alternating characters and digits, and one of unclosed backticks
    // and tags: the rule must finish (it reads each character once) and be right.
    let long = "年 1 ".repeat(50_000);
    let out = apply(&long);
    assert_eq!(out, "年1".repeat(50_000) + " ");
    let hostile = "`< 年 1 ".repeat(20_000);
    assert_eq!(clean(&hostile, &[]).text.matches('年').count(), 20_000);
}
