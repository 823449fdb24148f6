//! The bulletin's own numbering style: `〔2025〕第八十二期（总第1265期）`, `[2012年第5期]`,
//! `增刊第七期` are kept as written: imported, rendered, exported to Markdown and read
//! back unchanged, and the next issue counts on in the same style.

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import};
use jianbao::core::render::render_issue;
use jianbao::core::{chinese_numeral, Date};

/// A bulletin in our Markdown with this issue line.
fn bulletin(line: &str) -> String {
    format!("# 信息简报\n\n{line}\n\n示例市科协办公室\n\n2025年3月9日\n\n## 【学会动态】\n\n### 标题\n\n正文。\n")
}

#[test]
fn the_issue_line_is_kept_as_written() {
    for line in [
        "〔2025〕第八十二期（总第1265期）",
        "[2012年第5期]",
        "增刊第七期",
        "2025年第82期（总第一千二百六十五期）",
        "2024年第3期（总第58期）",
        "第十期",
    ] {
        let (issue, warnings) = import(&bulletin(line));
        assert!(warnings.is_empty(), "{line}: {warnings:?}");
        assert_eq!(issue.masthead.issue_line(), line);
        let markdown = export(&issue);
        assert!(markdown.contains(&format!("\n{line}\n")), "{line}:\n{markdown}");
        assert_eq!(import(&markdown).0, issue, "{line}");
        let mut html = String::new();
        render_issue(&issue, &mut html);
        assert!(html.contains(line), "{line}");
    }
}

#[test]
fn the_next_issue_counts_on_in_the_same_style() {
    let (issue, _) = import(&bulletin("〔2025〕第八十二期（总第1265期）"));
    let next = issue.next_issue(Date {
        year: 2025,
        month: 3,
        day: 16,
    });
    assert_eq!(next.masthead.issue_line(), "〔2025〕第八十三期（总第1266期）");
    let new_year = issue.next_issue(Date {
        year: 2026,
        month: 1,
        day: 5,
    });
    assert_eq!(new_year.masthead.issue_line(), "〔2026〕第一期（总第1266期）");
    let (issue, _) = import(&bulletin("[2012年第9期]"));
    let next = issue.next_issue(Date {
        year: 2012,
        month: 6,
        day: 1,
    });
    assert_eq!(next.masthead.issue_line(), "[2012年第10期]");
}

#[test]
fn chinese_numerals() {
    let cases = [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (82, "八十二"),
        (83, "八十三"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1265, "一千二百六十五"),
        (2005, "二千零五"),
    ];
    for (n, text) in cases {
        assert_eq!(chinese_numeral(n), text, "{n}");
    }
}
