//! Never-panic fuzzing of the Markdown import, the renderer and the export, by random
//! documents built from fragments that exercise every parser path (Markdown syntax, raw
//! HTML, link schemes, the format's own markers, CJK punctuation, control and odd Unicode
//! characters).
//!
//! The default case count keeps `cargo test` quick; the long runs that the closing notes
//! report are `FUZZ_CASES=1000000 cargo test --release --test fuzz`.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import};
use jianbao::core::render::{render_issue, render_markdown, standalone_document, BULLETIN_CSS};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "##### ",
    "【",
    "】",
    "（",
    "）",
    "、",
    "。",
    "，",
    "“",
    "”",
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "```",
    "~~~",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    " ",
    "> ",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "---",
    "***",
    "___",
    "===",
    "|",
    "| a | b |\n|---|---|",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "<",
    ">",
    "</",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<!-- 子栏目 -->",
    "<!-- 状态：已审 -->",
    "&",
    "&amp;",
    "&#",
    "&#x3A;",
    "&#58;",
    "&colon;",
    ";",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "vbscript:",
    "data:text/html,",
    "data:image/png;base64,AA",
    "file:///etc/passwd",
    "http://example.org",
    "mailto:a@b",
    "[x]: ",
    "\\",
    "\\#",
    "\\*",
    "编辑：",
    "审核：",
    "签发：",
    "分送：",
    "报：",
    "抄送：",
    "（共印 5 份）",
    "来源：",
    "供稿",
    "目录提要",
    "2023年第7期",
    "（总第60期）",
    "〔2025〕",
    "2023年3月10日",
    "科协",
    "学会动态",
    "正文",
    "测试。",
    "后文",
    "a",
    "Z",
    "0",
    "9",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{200b}",
    "\u{fdd0}",
    "\u{feff}",
    "\u{fffe}",
    "\u{10ffff}",
    "\u{3000}",
    "\u{a0}",
    "\u{202e}",
    "😀",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{d7ff}",
];

/// Every href and src value in the output.
fn urls(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            found.push(rest.split('"').next().unwrap_or(""));
        }
    }
    found
}

/// Whether a URL as written in an attribute is allowed: relative, or one of the schemes
/// the renderer lets through. Colons hidden as character references count as colons.
fn safe_url(url: &str) -> bool {
    let lowered = url
        .to_ascii_lowercase()
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&colon;", ":");
    let url: String = lowered
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    match head.split_once(':') {
        None => true,
        Some((scheme, _)) if !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => true,
        Some(_) => ["http:", "https:", "mailto:", "data:image/"]
            .iter()
            .any(|s| url.starts_with(s)),
    }
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn import_render_export_never_panic(text in document()) {
        let (issue, _) = import(&text);
        let mut html = String::new();
        render_issue(&issue, &mut html);
        let file = standalone_document(&issue, BULLETIN_CSS);
        prop_assert!(!file.contains("<script"));
        let md = export(&issue);
        let (again, _) = import(&md);
        prop_assert_eq!(export(&again), md);
    }

    #[test]
    fn markdown_render_never_panics(text in document()) {
        let mut html = String::new();
        render_markdown(&text, &mut html);
        prop_assert!(!html.contains("<script"));
        for url in urls(&html) {
            prop_assert!(safe_url(url), "unsafe URL {} in {}", url, html);
        }
    }
}
