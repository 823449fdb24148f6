//! Pathological input: deep nesting, huge lines, many items. Import, render and export
//! must neither panic nor take unbounded time on any of them (the UI stays responsive).

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import};
use jianbao::core::render::{render_issue, render_markdown};
use std::time::Instant;

fn all_paths(name: &str, text: &str) {
    let start = Instant::now();
    let (issue, _) = import(text);
    let mut html = String::new();
    render_issue(&issue, &mut html);
    let mut body = String::new();
    render_markdown(text, &mut body);
    let md = export(&issue);
    let again = export(&import(&md).0);
    assert_eq!(again, md, "{name}: re-import is stable");
    for html in [&html, &body] {
        assert!(!html.contains("<script"), "{name}");
    }
    eprintln!("{name}: {} bytes in {:?}", text.len(), start.elapsed());
}

#[test]
fn deep_nesting() {
    for (name, unit) in [
        ("quotes", ">"),
        ("brackets", "["),
        ("emphasis", "*_"),
        ("lists", "- "),
        ("parens", "（"),
        ("links", "[a]("),
    ] {
        let text = format!("### 标题\n\n{}正文", unit.repeat(100_000));
        all_paths(name, &text);
    }
}

#[test]
fn one_megabyte_line() {
    all_paths("long line", &format!("### 标题\n\n{}", "长".repeat(350_000)));
    all_paths("long ascii line", &format!("### t\n\n{}", "a *b* ".repeat(170_000)));
}

#[test]
fn five_megabyte_paste() {
    let paragraph = "为学习宣传贯彻精神，推动工作高质量发展，**会议**总结了亮点工作。\n\n";
    all_paths(
        "5 MB",
        &format!(
            "# 简报\n\n### 标题\n\n{}",
            paragraph.repeat(5 * 1024 * 1024 / paragraph.len())
        ),
    );
}

#[test]
fn ten_thousand_items() {
    let mut text = String::from("# 简报\n\n## 【栏目】\n\n");
    for n in 0..10_000 {
        text.push_str(&format!("### 第{n}条\n\n正文第{n}段。\n\n（单位{n}）\n\n"));
    }
    all_paths("10,000 items", &text);
    assert_eq!(import(&text).0.item_count(), 10_000);
}
