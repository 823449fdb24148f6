//! Native tests of the renderer (`src/core/render.rs`) and its stylesheet.
//!
//! Most tests are tables of `input → expected HTML`. The safety tests run a list of nasty
//! inputs (and, when `../shared/xss/dompurify-payloads.json` exists, DOMPurify's test
//! payloads) through every field and check the output with a small, independent HTML
//! scanner: only known tags and attributes, no `on…=`, no `<script`, and every `href` and
//! `src` of an allowed scheme.
//!
//! `tests/fixtures/render/sample-issue.html` is a snapshot of a whole exported issue, to
//! open in a browser; run with `BLESS=1` to rewrite it after an intended change.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::render::{
    body_close, body_open, bulletin_close, bulletin_open, column_close, column_open, escape, footer_close, footer_open,
    has_toc, masthead_close, masthead_open, render_column_heading, render_footer, render_issue, render_item,
    render_item_title, render_markdown, render_masthead, render_section_heading, render_toc, render_toc_item,
    section_close, section_open, standalone_document, toc_close, toc_open, BULLETIN_CSS, MAX_NESTING, MAX_TEXT_NODE,
    MAX_UNBROKEN,
};
use jianbao::core::{Column, Date, Distribution, Footer, Issue, Item, Masthead, Section, Status, TocEntry};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn md(input: &str) -> String {
    let mut out = String::new();
    render_markdown(input, &mut out);
    out
}

#[track_caller]
fn check_table(table: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (input, expected) in table {
        let actual = md(input);
        if actual != *expected {
            failures.push(format!(
                "input:    {input:?}\nexpected: {expected:?}\nactual:   {actual:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn item(id: u32, title: &str, body: &str, sources: &[&str]) -> Item {
    Item {
        id,
        title: title.to_string(),
        body: body.to_string(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        status: Status::Received,
    }
}

fn render<T>(value: &T, f: fn(&T, &mut String)) -> String {
    let mut out = String::new();
    f(value, &mut out);
    out
}

/// An issue shaped like the seed: a lead item, two sections, one with a sub-column.
fn sample_issue() -> Issue {
    Issue {
        masthead: Masthead {
            title: "科协每周动态".to_string(),
            year: Some(2023),
            number: Some(7),
            total: Some(60),
            supplement: false,
            publisher: "北京市科协办公室".to_string(),
            date: Date::new(2023, 3, 10),
            ..Masthead::default()
        },
        sections: vec![
            Section {
                id: 1,
                heading: String::new(),
                items: vec![item(
                    2,
                    "市科协召开2023年区科协联席会",
                    "为学习宣传贯彻党的二十大精神，推动科协工作高质量发展，3月9日，北京市科协召开2023年区科协联席会，总结梳理2022年亮点工作，部署2023年重点工作，市科协党组书记沈洁出席并讲话，会议由市科协党组成员、副主席孟凡兴主持。\n\n\
                     **一是坚持党建引领。**强化思想建设，推动党的创新理论在首都科技界走深走实。**二是加强平台建设。**围绕打造科学家精神宣教、全链条人才托举等八个公共服务平台，强化系统区域领域协同联动。",
                    &[],
                )],
                columns: vec![],
            },
            Section {
                id: 3,
                heading: "学会动态".to_string(),
                items: vec![
                    item(
                        4,
                        "迎“三八节”致敬女科技工作者主题活动举办",
                        "为进一步联系服务广大女科技工作者，3月8日，北京中医药学会、北京中医药大学东直门医院、北京科技社团服务中心共同组织了迎“三八节”女性疾病科普线上讲座。",
                        &["北京中医药学会", "北京科技社团服务中心"],
                    ),
                    item(
                        5,
                        "北京作物学会对接服务通州区生态农场",
                        "针对通州区中兴万佳生态农场提出的农业需求，3月7日，北京作物学会与通州区中兴万佳生态农场进行对接，开展技术服务。\n\n\
                         学会专家与农场经理及技术人员座谈交流：\n\n\
                         1. 推广了两种优质鲜食玉米品种：农科糯336和农科玉368；\n\
                         2. 围绕农场“观光+旅游+采摘”为一体的农民增收致富之路进行交流。",
                        &["北京作物学会", "北京科技社团服务中心"],
                    ),
                ],
                columns: vec![],
            },
            Section {
                id: 6,
                heading: "基层组织动态".to_string(),
                items: vec![],
                columns: vec![Column {
                    id: 7,
                    heading: "首都科技工作者沙龙".to_string(),
                    items: vec![item(
                        8,
                        "“制造业产业升级政、产、学跨界沙龙活动”举办",
                        "为充分发挥科技创新战略支撑作用，推动产学研用协同发展，助力制造业产业升级，2月28日，“首都科技工作者沙龙——制造业产业升级政、产、学跨界沙龙”在北京经济技术开发区成功举办。",
                        &["北京科技社团服务中心", "中关村认同应用技术跨界创新联盟"],
                    )],
                }],
            },
        ],
        footer: Footer {
            editor: "张红波".to_string(),
            reviewer: "李金涛".to_string(),
            signer: String::new(),
            distribution: vec![Distribution {
                label: "分送".to_string(),
                lines: vec![
                    "市科协第十届委员会主席、副主席、常委、委员".to_string(),
                    "市科协驻会领导".to_string(),
                    "市学会、基金会，区科协，基层组织".to_string(),
                    "机关各部门及事业单位".to_string(),
                ],
            }],
            copies: Some(120),
        },
    }
}

// ---------------------------------------------------------------------------------------
// An independent checker of the output's safety and shape
// ---------------------------------------------------------------------------------------

const ALLOWED_TAGS: &[&str] = &[
    "a",
    "article",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
    "wbr",
];

const ALLOWED_ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-hidden",
    "aria-label",
    "class",
    "data-column-id",
    "data-item-id",
    "data-section-id",
    "datetime",
    "href",
    "id",
    "lang",
    "rel",
    "src",
    "start",
    "title",
];

const VOID_TAGS: &[&str] = &["br", "hr", "img", "wbr"];

fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The scheme a browser would see, or None for a relative URL. Deliberately simple and
/// separate from the renderer's own logic.
fn url_scheme(url: &str) -> Option<String> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_ascii_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = compact.find([':', '/', '?', '#'])?;
    (compact.as_bytes()[end] == b':').then(|| compact[..end].to_string())
}

/// Checks everything the renderer promises about its output, and that tags balance.
#[track_caller]
fn assert_safe(html: &str, context: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "<script in output for {context}:\n{html}");
    assert!(!html.contains('\u{FDD0}'), "sentinel leaked for {context}:\n{html}");
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        assert!(
            !text.contains('>') && !text.contains('"'),
            "unescaped > or \" in text for {context}: {text:?}\n{html}"
        );
        rest = &rest[lt + 1..];
        let closing = rest.starts_with('/');
        if closing {
            rest = &rest[1..];
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let name = &rest[..name_len];
        assert!(
            ALLOWED_TAGS.contains(&name),
            "raw `<` or unexpected tag {name:?} for {context}:\n{html}"
        );
        rest = &rest[name_len..];
        if closing {
            assert!(rest.starts_with('>'), "bad closing tag for {context}:\n{html}");
            rest = &rest[1..];
            assert_eq!(
                open.pop().as_deref(),
                Some(name),
                "unbalanced </{name}> for {context}:\n{html}"
            );
            continue;
        }
        loop {
            rest = rest.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let attr_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(rest.len());
            let attr = &rest[..attr_len];
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "event handler attribute {attr:?} for {context}:\n{html}"
            );
            assert!(
                ALLOWED_ATTRIBUTES.contains(&attr),
                "unexpected attribute {attr:?} on <{name}> for {context}:\n{html}"
            );
            rest = rest[attr_len..]
                .strip_prefix("=\"")
                .unwrap_or_else(|| panic!("attribute without quoted value for {context}:\n{html}"));
            let end = rest.find('"').expect("unterminated attribute value");
            let value = &rest[..end];
            assert!(
                !value.contains('<') && !value.contains('>'),
                "unescaped < or > in attribute for {context}:\n{html}"
            );
            rest = &rest[end + 1..];
            if attr == "href" || attr == "src" {
                let url = unescape_attribute(value);
                match url_scheme(&url).as_deref() {
                    None | Some("http" | "https") => {}
                    Some("mailto") if attr == "href" => {}
                    Some("data") if attr == "src" => {
                        let compact = url.to_ascii_lowercase();
                        assert!(
                            ["png", "jpeg", "gif", "webp"]
                                .iter()
                                .any(|kind| compact.starts_with(&format!("data:image/{kind};"))
                                    || compact.starts_with(&format!("data:image/{kind},"))),
                            "non-image data: URL {url:?} for {context}:\n{html}"
                        );
                    }
                    Some(other) => {
                        panic!("{attr} with scheme {other:?} for {context}:\n{html}")
                    }
                }
            }
            if attr == "href" && name == "a" && !value.starts_with('#') {
                assert!(
                    rest.contains("rel=\"noopener noreferrer\""),
                    "link without rel for {context}"
                );
            }
        }
        if !VOID_TAGS.contains(&name) {
            open.push(name.to_string());
        }
    }
    assert!(
        !rest.contains('>') && !rest.contains('"'),
        "unescaped text at the end for {context}"
    );
    assert!(open.is_empty(), "unclosed tags {open:?} for {context}:\n{html}");
}

/// Puts `text` into every field of an issue and into a body, renders it all, and checks it.
#[track_caller]
fn assert_safe_everywhere(text: &str, context: &str) {
    let issue = Issue {
        masthead: Masthead {
            title: text.to_string(),
            year: Some(2024),
            number: Some(1),
            total: None,
            supplement: false,
            publisher: text.to_string(),
            date: Date::new(2024, 1, 2),
            ..Masthead::default()
        },
        sections: vec![Section {
            id: 1,
            heading: text.to_string(),
            items: vec![
                item(2, text, text, &[text, text]),
                item(3, text, &format!("前文{text}后文\n\n- {text}"), &[text]),
            ],
            columns: vec![Column {
                id: 4,
                heading: text.to_string(),
                items: vec![item(5, text, &format!("> {text}"), &[])],
            }],
        }],
        footer: Footer {
            editor: text.to_string(),
            reviewer: text.to_string(),
            signer: text.to_string(),
            distribution: vec![Distribution {
                label: text.to_string(),
                lines: vec![text.to_string(), text.to_string()],
            }],
            copies: Some(3),
        },
    };
    let mut html = String::new();
    render_issue(&issue, &mut html);
    assert_safe(&html, context);
    assert_safe(&md(text), context);

    let document = standalone_document(&issue, BULLETIN_CSS);
    let title_start = document.find("<title>").expect("a <title>") + "<title>".len();
    let title_end = document.find("</title>").expect("a </title>");
    let title = &document[title_start..title_end];
    assert!(!title.contains('<'), "markup in <title> for {context}");
    let body_start = document.find("<body class=\"bulletin-page\">\n").expect("a <body>");
    let body = &document[body_start + "<body class=\"bulletin-page\">\n".len()..];
    let body = body.strip_suffix("\n</body>\n</html>\n").expect("the document's end");
    assert_eq!(body, html, "the document's body is render_issue for {context}");
}

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

#[test]
fn escape_replaces_the_five_characters_and_drops_forbidden_ones() {
    let table = [
        ("plain 中文", "plain 中文"),
        ("a&b", "a&amp;b"),
        ("<script>", "&lt;script&gt;"),
        ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
        ("&amp;", "&amp;amp;"),
        ("nul\u{0}bell\u{7}del\u{7F}c1\u{85}", "nulbelldelc1"),
        ("keep\ttab\nnewline", "keep\ttab\nnewline"),
        ("non\u{FDD0}char\u{FFFE}\u{1FFFF}s", "nonchars"),
        ("", ""),
    ];
    for (input, expected) in table {
        let mut out = String::from("prefix:");
        escape(input, &mut out);
        assert_eq!(out, format!("prefix:{expected}"), "escape({input:?})");
    }
}

#[test]
fn the_title_and_the_toc_line_the_preview_patches_are_the_ones_the_whole_writes() {
    let mut issue = sample_issue();
    issue.sections[0].items[0].title = String::new();
    let toc = render(&issue, render_toc);
    let mut lines = 0;
    for (_, item) in issue.items() {
        // The title is the article's first child, or absent.
        let whole = render(item, render_item);
        let title = render(item, render_item_title);
        let open = format!("<article class=\"item\" id=\"item-{0}\" data-item-id=\"{0}\">", item.id);
        assert!(whole.starts_with(&format!("{open}{title}")), "{whole}");
        assert_eq!(title.is_empty(), item.title.trim().is_empty());
        // The item's line is in the 目录提要, once.
        let mut line = String::new();
        assert!(render_toc_item(&issue, item.id, &mut line));
        assert!(
            line.starts_with("<li class=\"toc-item\">") && line.ends_with("</li>"),
            "{line}"
        );
        assert_eq!(toc.matches(line.as_str()).count(), 1, "{line} in {toc}");
        lines += 1;
    }
    assert_eq!(toc.matches("<li class=\"toc-item\">").count(), lines);
    // The column's item carries its column's name; an unknown id writes nothing.
    let column_item = issue.sections[2].columns[0].items[0].id;
    let mut line = String::new();
    render_toc_item(&issue, column_item, &mut line);
    assert!(
        line.contains(&format!("{}：", issue.sections[2].columns[0].heading.trim())),
        "{line}"
    );
    let mut none = String::new();
    assert!(!render_toc_item(&issue, 9_999, &mut none));
    assert!(none.is_empty());
}

// ---------------------------------------------------------------------------------------
// Pathological input: runs without line breaks, deep nesting
// ---------------------------------------------------------------------------------------

/// The lengths of the runs between `<wbr>`s in a rendered paragraph's text.
fn pieces(html: &str) -> Vec<usize> {
    html.split("<wbr>").map(|piece| piece.chars().count()).collect()
}

#[test]
fn long_runs_without_breaks_get_wbr_and_keep_their_text() {
    let n = MAX_UNBROKEN;
    // Exactly the limit: nothing added. One more: one <wbr>, before the last character.
    assert_eq!(md(&"（".repeat(n)), format!("<p>{}</p>", "（".repeat(n)));
    assert_eq!(md(&"（".repeat(n + 1)), format!("<p>{}<wbr>（</p>", "（".repeat(n)));
    // 100,000 brackets: pieces of the limit, every bracket kept.
    let html = md(&format!("{}正文", "[".repeat(100_000)));
    let inner = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("正文</p>"))
        .expect(&html[..80]);
    let lengths = pieces(inner);
    assert!(lengths.iter().all(|&len| len == n || len == 100_000 % n), "{lengths:?}");
    assert_eq!(inner.replace("<wbr>", ""), "[".repeat(100_000));
    // Escaped characters count once and are never cut: `&amp;` stays whole.
    let html = md(&"&".repeat(n * 2));
    assert_eq!(html, format!("<p>{}<wbr>{}</p>", "&amp;".repeat(n), "&amp;".repeat(n)));
    // The run goes on across inline tags and text events.
    let html = md(&format!("{}**{}**", "/".repeat(n - 1), "/".repeat(2)));
    assert_eq!(html, format!("<p>{}<strong>/<wbr>/</strong></p>", "/".repeat(n - 1)));
}

#[test]
fn long_text_is_written_in_text_nodes_of_bounded_length_and_keeps_its_text() {
    // A 1 MB line that mixes scripts is laid out by Chromium in time that grows with the
    // square of one text node's length: the renderer closes the node every
    // MAX_TEXT_NODE characters with an empty span, which adds no text.
    let line = "<a 中文 ".repeat(5_000);
    let html = md(&line);
    let inner = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .expect(&html[..80]);
    let nodes: Vec<usize> = inner
        .split("<span></span>")
        .map(|node| node.replace("&lt;", "<").chars().count())
        .collect();
    assert!(nodes.len() >= line.chars().count() / MAX_TEXT_NODE, "{nodes:?}");
    assert!(nodes.iter().all(|&len| len <= MAX_TEXT_NODE), "{nodes:?}");
    assert_eq!(inner.replace("<span></span>", "").replace("&lt;", "<"), line.trim_end());
    // A paragraph of ordinary length gets none.
    assert!(!md(&"为学习宣传贯彻会议精神，".repeat(100)).contains("<span></span>"));
}

#[test]
fn text_that_breaks_by_itself_gets_no_wbr() {
    let chinese = "为学习宣传贯彻会议精神，推动工作高质量发展，会议总结了一年来的亮点工作。".repeat(20);
    assert!(!md(&chinese).contains("<wbr>"));
    let english = "a sentence of ordinary words, long enough to wrap several times. ".repeat(20);
    assert!(!md(&english).contains("<wbr>"));
    // A Han character or a space ends a run.
    let mixed = format!("{}中{}", "x".repeat(MAX_UNBROKEN), "x".repeat(MAX_UNBROKEN));
    assert!(!md(&mixed).contains("<wbr>"), "{}", md(&mixed));
    let spaced = format!("{} {}", "x".repeat(MAX_UNBROKEN), "x".repeat(MAX_UNBROKEN));
    assert!(!md(&spaced).contains("<wbr>"));
    // A character HTML forbids (a vertical tab, itself white space) is dropped, so it
    // breaks nothing: the run goes on through it.
    let dropped = format!("{}\u{0B}{}", "x".repeat(MAX_UNBROKEN), "x".repeat(MAX_UNBROKEN));
    assert!(md(&dropped).contains("<wbr>"), "{}", md(&dropped));
}

#[test]
fn wbr_never_splits_a_character_from_its_marks_or_goes_into_attributes() {
    let n = MAX_UNBROKEN;
    // A combining accent and an emoji modifier stay with the character before them; the
    // break goes after them.
    let html = md(&format!("{}e\u{301}x", "x".repeat(n - 1)));
    assert_eq!(html, format!("<p>{}e\u{301}<wbr>x</p>", "x".repeat(n - 1)));
    let html = md(&format!("{}\u{1F44D}\u{1F3FD}x", "x".repeat(n - 1)));
    assert_eq!(html, format!("<p>{}\u{1F44D}\u{1F3FD}<wbr>x</p>", "x".repeat(n - 1)));
    // Nothing breaks right after a zero-width joiner.
    let html = md(&format!("{}\u{200D}\u{1F469}x", "x".repeat(n - 1)));
    assert_eq!(html, format!("<p>{}\u{200D}\u{1F469}<wbr>x</p>", "x".repeat(n - 1)));
    // A long URL: its text may break, its href and an image's alt never hold a <wbr>.
    let url = format!("https://example.org/{}", "a".repeat(3 * n));
    let html = md(&format!("[{url}]({url}) ![{url}]({url})"));
    assert!(html.contains(&format!("href=\"{url}\"")), "{html}");
    assert!(html.contains(&format!("alt=\"{url}\"")), "{html}");
    assert_eq!(html.matches("<wbr>").count(), 3, "{html}");
}

#[test]
fn titles_headings_and_footer_get_wbr_too() {
    let run = "（".repeat(MAX_UNBROKEN * 2);
    let mut issue = sample_issue();
    issue.masthead.title = run.clone();
    issue.masthead.publisher = run.clone();
    issue.sections[1].heading = run.clone();
    issue.sections[2].columns[0].heading = run.clone();
    issue.sections[0].items[0].title = run.clone();
    issue.sections[0].items[0].sources = vec![run.clone()];
    issue.footer.editor = run.clone();
    issue.footer.distribution = vec![Distribution {
        label: run.clone(),
        lines: vec![run.clone()],
    }];
    let html = render(&issue, render_issue);
    assert_safe(&html, "long runs everywhere");
    let cut = format!("{}<wbr>{}", "（".repeat(MAX_UNBROKEN), "（".repeat(MAX_UNBROKEN));
    // masthead name and office, 目录提要 (title, column), section and column headings,
    // item title, sources, editor, distribution label and line.
    assert!(html.matches(cut.as_str()).count() >= 10, "{html}");
    // The file's <title> is in the head, where a tag would be text: it has none.
    let file = standalone_document(&issue, "");
    let head = &file[..file.find("</head>").unwrap()];
    assert!(!head.contains("<wbr>"), "{head}");
}

#[test]
fn quotes_and_lists_nest_no_deeper_than_the_limit() {
    // 100,000 `>`: MAX_NESTING quotes, and the text at the bottom.
    let html = md(&format!("{}最深处的正文", ">".repeat(100_000)));
    assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING);
    assert_eq!(html.matches("</blockquote>").count(), MAX_NESTING);
    assert!(html.contains("<p>最深处的正文</p>"), "{html}");
    assert_safe(&html, "100,000 >");
    // Within the limit nothing changes.
    let html = md(&format!("{}引文", "> ".repeat(MAX_NESTING)));
    assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING);
    // Lists: every written <li> sits in a written list, every item's text is kept.
    let deep: String = (0..40)
        .map(|level| format!("{}- 第{level}层\n", "  ".repeat(level)))
        .collect();
    let html = md(&deep);
    assert_safe(&html, "40 nested lists");
    let opened = html.matches("<ul>").count() + html.matches("<li>").count();
    assert!(opened <= MAX_NESTING, "{opened} containers: {html}");
    assert_eq!(html.matches("<ul>").count(), html.matches("</ul>").count());
    for level in 0..40 {
        assert!(html.contains(&format!("第{level}层")), "level {level} lost: {html}");
    }
    // Quotes and lists mixed, deeper than the limit: the tags still balance.
    let mixed: String = ">- ".repeat(30) + "底";
    let html = md(&mixed);
    assert_safe(&html, "quotes and lists");
    assert!(html.contains('底'));
    // A body after a deep quote starts again at the top.
    let html = md(&format!("{}深\n\n后面一段。\n\n- 甲\n- 乙", ">".repeat(1_000)));
    assert!(
        html.ends_with("<p>后面一段。</p><ul><li>甲</li><li>乙</li></ul>"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------

#[test]
fn markdown_blocks_and_inlines() {
    check_table(&[
        ("", ""),
        ("一段。", "<p>一段。</p>"),
        ("第一段。\n\n第二段。", "<p>第一段。</p><p>第二段。</p>"),
        ("*强调*和**加粗**", "<p><em>强调</em>和<strong>加粗</strong></p>"),
        ("~~删除~~", "<p><del>删除</del></p>"),
        ("- 甲\n- 乙", "<ul><li>甲</li><li>乙</li></ul>"),
        ("1. 甲\n2. 乙", "<ol><li>甲</li><li>乙</li></ol>"),
        ("3. 丙\n4. 丁", "<ol start=\"3\"><li>丙</li><li>丁</li></ol>"),
        ("- 甲\n\n- 乙", "<ul><li><p>甲</p></li><li><p>乙</p></li></ul>"),
        ("> 引文", "<blockquote><p>引文</p></blockquote>"),
        ("`a < b`", "<p><code>a &lt; b</code></p>"),
        (
            "```\nfn main() {}\n<b>\n```",
            "<pre><code>fn main() {}\n&lt;b&gt;\n</code></pre>",
        ),
        ("行一  \n行二", "<p>行一<br>行二</p>"),
        ("甲\n\n---\n\n乙", "<p>甲</p><hr><p>乙</p>"),
        (
            "| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |",
            "<table><thead><tr><th class=\"align-left\">左</th><th class=\"align-center\">中</th>\
             <th class=\"align-right\">右</th><th>无</th></tr></thead><tbody><tr>\
             <td class=\"align-left\">1</td><td class=\"align-center\">2</td>\
             <td class=\"align-right\">3</td><td>4</td></tr></tbody></table>",
        ),
        (
            "| 只有表头 |\n|---|",
            "<table><thead><tr><th>只有表头</th></tr></thead></table>",
        ),
        ("A & B \"引\" 'x'", "<p>A &amp; B &quot;引&quot; &#39;x&#39;</p>"),
        ("&copy; &#20013;", "<p>© 中</p>"),
        ("[^1]", "<p>[^1]</p>"),
    ]);
}

#[test]
fn tildes_used_as_ranges_stay_text() {
    check_table(&[
        ("3~5月，6~8月", "<p>3~5月，6~8月</p>"),
        ("时间为8:00~12:00。", "<p>时间为8:00~12:00。</p>"),
        ("约2~3人参加", "<p>约2~3人参加</p>"),
    ]);
}

#[test]
fn soft_breaks_between_cjk_characters_are_dropped() {
    check_table(&[
        ("提\n高能力水平", "<p>提高能力水平</p>"),
        ("第一句，\n第二句。", "<p>第一句，第二句。</p>"),
        ("line one\nline two", "<p>line one\nline two</p>"),
        ("中文\nEnglish", "<p>中文\nEnglish</p>"),
        ("English\n中文", "<p>English\n中文</p>"),
        ("**加粗**\n后文", "<p><strong>加粗</strong>后文</p>"),
        (
            "[链接](https://e.cn)\n后文",
            "<p><a href=\"https://e.cn\" rel=\"noopener noreferrer\">链接</a>后文</p>",
        ),
        ("`代码`\n后文", "<p><code>代码</code>\n后文</p>"),
        ("前文\n**加粗**", "<p>前文\n<strong>加粗</strong></p>"),
    ]);
}

#[test]
fn body_headings_are_demoted_and_take_no_attributes() {
    check_table(&[
        ("# 一级", "<h4>一级</h4>"),
        ("## 二级", "<h5>二级</h5>"),
        ("### 三级", "<h6>三级</h6>"),
        ("###### 六级", "<h6>六级</h6>"),
        ("标题\n===", "<h4>标题</h4>"),
        ("标题\n---", "<h5>标题</h5>"),
        ("# h {onclick=alert(1)}", "<h4>h {onclick=alert(1)}</h4>"),
        ("# h {#id .cls data-x=1}", "<h4>h {#id .cls data-x=1}</h4>"),
    ]);
}

#[test]
fn raw_html_is_escaped_into_text() {
    check_table(&[
        (
            "<script>alert(1)</script>",
            "<p class=\"raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        ),
        (
            "<div onclick=\"x()\">\n块\n</div>",
            "<p class=\"raw-html\">&lt;div onclick=&quot;x()&quot;&gt;\n块\n&lt;/div&gt;</p>",
        ),
        (
            "文字<b onmouseover=alert(1)>粗</b>文字",
            "<p>文字&lt;b onmouseover=alert(1)&gt;粗&lt;/b&gt;文字</p>",
        ),
        ("a <!-- 注释 --> b", "<p>a &lt;!-- 注释 --&gt; b</p>"),
        (
            "<img src=x onerror=alert(1)>",
            "<p class=\"raw-html\">&lt;img src=x onerror=alert(1)&gt;</p>",
        ),
        ("`<b>`", "<p><code>&lt;b&gt;</code></p>"),
    ]);
}

#[test]
fn safe_links_survive_with_rel() {
    let a = |href: &str, text: &str| format!("<p><a href=\"{href}\" rel=\"noopener noreferrer\">{text}</a></p>");
    let table = [
        (
            "[官网](https://www.bast.net.cn/)",
            a("https://www.bast.net.cn/", "官网"),
        ),
        (
            "[x](http://example.com/a?b=1&c=2)",
            a("http://example.com/a?b=1&amp;c=2", "x"),
        ),
        ("[x](HTTPS://EXAMPLE.COM)", a("HTTPS://EXAMPLE.COM", "x")),
        ("[信](mailto:a@b.cn)", a("mailto:a@b.cn", "信")),
        ("[x](/path/page.html)", a("/path/page.html", "x")),
        ("[x](page.html#part)", a("page.html#part", "x")),
        ("[x](#item-3)", a("#item-3", "x")),
        ("[x](?q=1)", a("?q=1", "x")),
        ("[x](//cdn.example.com/a)", a("//cdn.example.com/a", "x")),
        ("[x](./a:b)", a("./a:b", "x")),
        ("[x](<  https://e.cn/a  >)", a("https://e.cn/a", "x")),
        ("[x](<https://e.cn/\u{1}a>)", a("https://e.cn/a", "x")),
        ("[x](http://x/?q=javascript:1)", a("http://x/?q=javascript:1", "x")),
        ("<https://example.com>", a("https://example.com", "https://example.com")),
        ("<a@b.cn>", a("mailto:a@b.cn", "a@b.cn")),
        ("[x][r]\n\n[r]: https://e.cn", a("https://e.cn", "x")),
        (
            "[**加粗。**后文](https://e.cn)",
            a("https://e.cn", "<strong>加粗。</strong>后文"),
        ),
        ("[x](http://x/**测试。**后文)", a("http://x/**测试。**后文", "x")),
    ];
    let owned: Vec<(&str, &str)> = table.iter().map(|(i, e)| (*i, e.as_str())).collect();
    check_table(&owned);
    check_table(&[(
        "[x](https://e.cn \"标题\")",
        "<p><a href=\"https://e.cn\" title=\"标题\" rel=\"noopener noreferrer\">x</a></p>",
    )]);
}

#[test]
fn unsafe_links_become_plain_text() {
    check_table(&[
        ("[点我](javascript:alert(1))", "<p>点我</p>"),
        ("[点我](JaVaScRiPt:alert(1))", "<p>点我</p>"),
        ("[点我](javascript&#58;alert(1))", "<p>点我</p>"),
        ("[点我](javascript&#x3A;alert(1))", "<p>点我</p>"),
        ("[点我](javascript&colon;alert(1))", "<p>点我</p>"),
        ("[点我](&#106;avascript:alert(1))", "<p>点我</p>"),
        ("[点我](java&#115;cript:alert(1))", "<p>点我</p>"),
        ("[点我](java%73cript:alert(1))", "<p>点我</p>"),
        ("[点我](java&#x09;script:alert(1))", "<p>点我</p>"),
        ("[点我](java&Tab;script:alert(1))", "<p>点我</p>"),
        ("[点我](<java\tscript:alert(1)>)", "<p>点我</p>"),
        (
            "[点我](<java\nscript:alert(1)>)",
            "<p>[点我](&lt;java\nscript:alert(1)&gt;)</p>",
        ),
        ("[点我](%6Aavascript:alert(1))", "<p>点我</p>"),
        ("[点我](javascript%3Aalert(1))", "<p>点我</p>"),
        ("[点我](%256Aavascript:alert(1))", "<p>点我</p>"),
        ("[点我](<\u{1}javascript:alert(1)>)", "<p>点我</p>"),
        ("[点我](<  javascript:alert(1)>)", "<p>点我</p>"),
        ("[点我](vbscript:msgbox(1))", "<p>点我</p>"),
        ("[点我](data:text/html;base64,PHNjcmlwdD4=)", "<p>点我</p>"),
        ("[点我](data:image/png;base64,AAAA)", "<p>点我</p>"),
        ("[点我](file:///etc/passwd)", "<p>点我</p>"),
        ("[点我](tel:10086)", "<p>点我</p>"),
        ("[点我](localhost:8080)", "<p>点我</p>"),
        ("[*强调*](javascript:x)", "<p><em>强调</em></p>"),
        ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>"),
        ("<vbscript:msgbox(1)>", "<p>vbscript:msgbox(1)</p>"),
        ("[x]\n\n[x]: javascript:alert(1)", "<p>x</p>"),
        ("[x][r]\n\n[r]: JAVASCRIPT:alert(1) \"t\"", "<p>x</p>"),
    ]);
}

#[test]
fn images_allow_raster_data_urls_and_fall_back_to_alt_text() {
    check_table(&[
        (
            "![图](https://e.cn/a.png)",
            "<p><img src=\"https://e.cn/a.png\" alt=\"图\"></p>",
        ),
        (
            "![图](a.png \"说明\")",
            "<p><img src=\"a.png\" title=\"说明\" alt=\"图\"></p>",
        ),
        (
            "![图](data:image/png;base64,iVBORw0KGgo=)",
            "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"图\"></p>",
        ),
        (
            "![图](data:image/jpeg;base64,AAAA)",
            "<p><img src=\"data:image/jpeg;base64,AAAA\" alt=\"图\"></p>",
        ),
        (
            "![图](DATA:IMAGE/WEBP;base64,AAAA)",
            "<p><img src=\"DATA:IMAGE/WEBP;base64,AAAA\" alt=\"图\"></p>",
        ),
        (
            "![图](data:image/gif,AAAA)",
            "<p><img src=\"data:image/gif,AAAA\" alt=\"图\"></p>",
        ),
        ("![图](data:image/svg+xml;base64,PHN2Zz4=)", "<p>图</p>"),
        ("![图](data:image/pngx;base64,AAAA)", "<p>图</p>"),
        ("![图](data:text/html,x)", "<p>图</p>"),
        ("![图](javascript:alert(1))", "<p>图</p>"),
        ("![图](mailto:a@b.cn)", "<p>图</p>"),
        ("![图](vbscript:x)", "<p>图</p>"),
        ("![a *b* `c`](x.png)", "<p><img src=\"x.png\" alt=\"a b c\"></p>"),
        (
            "![\"><script>](x.png)",
            "<p><img src=\"x.png\" alt=\"&quot;&gt;&lt;script&gt;\"></p>",
        ),
        ("![外 ![内](i.png)](o.png)", "<p><img src=\"o.png\" alt=\"外 内\"></p>"),
        ("![外 ![内](i.png)](javascript:x)", "<p>外 内</p>"),
        (
            "[![图](a.png)](https://e.cn)",
            "<p><a href=\"https://e.cn\" rel=\"noopener noreferrer\"><img src=\"a.png\" alt=\"图\"></a></p>",
        ),
    ]);
}

// ---------------------------------------------------------------------------------------
// CJK-friendly emphasis
// ---------------------------------------------------------------------------------------

#[test]
fn cjk_emphasis_next_to_cjk_punctuation() {
    check_table(&[
        ("**测试。**后文", "<p><strong>测试。</strong>后文</p>"),
        ("前文**“引号”**后文", "<p>前文<strong>“引号”</strong>后文</p>"),
        ("*斜体。*后文", "<p><em>斜体。</em>后文</p>"),
        ("***粗斜。***后文", "<p><em><strong>粗斜。</strong></em>后文</p>"),
        (
            "**（一）工作要求：**按时完成。",
            "<p><strong>（一）工作要求：</strong>按时完成。</p>",
        ),
        ("前文**（注）**后文", "<p>前文<strong>（注）</strong>后文</p>"),
        ("**测试。**2023年", "<p><strong>测试。</strong>2023年</p>"),
        (
            "会议指出**“三个一”理念。**要落实",
            "<p>会议指出<strong>“三个一”理念。</strong>要落实</p>",
        ),
        (
            "**一是强化组织。**各单位要落实。**二是加强宣传。**各单位要跟进。",
            "<p><strong>一是强化组织。</strong>各单位要落实。<strong>二是加强宣传。</strong>各单位要跟进。</p>",
        ),
        (
            "**测试。**后文**另一个**",
            "<p><strong>测试。</strong>后文<strong>另一个</strong></p>",
        ),
        (
            "> **引用。**后文",
            "<blockquote><p><strong>引用。</strong>后文</p></blockquote>",
        ),
        ("- **列表。**后文", "<ul><li><strong>列表。</strong>后文</li></ul>"),
        ("# **标题。**后文", "<h4><strong>标题。</strong>后文</h4>"),
        (
            "| **单元。**格 |\n|---|",
            "<table><thead><tr><th><strong>单元。</strong>格</th></tr></thead></table>",
        ),
        (
            "这是**`代码`。**后文",
            "<p>这是<strong><code>代码</code>。</strong>后文</p>",
        ),
        ("~删~**加粗。**后文", "<p>~删~<strong>加粗。</strong>后文</p>"),
        (
            "~~删~~**“加粗”**后文",
            "<p><del>删</del><strong>“加粗”</strong>后文</p>",
        ),
        ("\\***测试。**后文", "<p>*<strong>测试。</strong>后文</p>"),
        ("**测试。**\u{FDD0}后文", "<p><strong>测试。</strong>后文</p>"),
    ]);
}

#[test]
fn cjk_emphasis_leaves_commonmark_alone_elsewhere() {
    check_table(&[
        ("2*3*4", "<p>2<em>3</em>4</p>"),
        ("a ** b", "<p>a ** b</p>"),
        ("a * b * c", "<p>a * b * c</p>"),
        ("**bold**", "<p><strong>bold</strong></p>"),
        ("*em*.", "<p><em>em</em>.</p>"),
        ("**foo.**bar", "<p>**foo.**bar</p>"),
        ("foo**\"bar\"**baz", "<p>foo**&quot;bar&quot;**baz</p>"),
        ("**中文**", "<p><strong>中文</strong></p>"),
        ("**测试。** 后文", "<p><strong>测试。</strong> 后文</p>"),
        ("测试**。", "<p>测试**。</p>"),
        ("中文 ** 中文", "<p>中文 ** 中文</p>"),
        ("`**测试。**后文`", "<p><code>**测试。**后文</code></p>"),
        ("```\n**测试。**后文\n```", "<pre><code>**测试。**后文\n</code></pre>"),
        ("    **测试。**后文", "<pre><code>**测试。**后文</code></pre>"),
        ("\\*\\*测试。\\*\\*后文", "<p>**测试。**后文</p>"),
        ("__测试。__后文", "<p>__测试。__后文</p>"),
        ("* 列表项", "<ul><li>列表项</li></ul>"),
        ("***", "<hr>"),
        // An emoji is a symbol the pass does not classify, so the run is left alone.
        ("**😀**后文", "<p>**😀**后文</p>"),
        ("前文**😀。**后文", "<p>前文**😀。**后文</p>"),
        ("5 * 3 * 2 = 30", "<p>5 * 3 * 2 = 30</p>"),
    ]);
}

// ---------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------

#[test]
fn item_wraps_title_and_body_with_its_id() {
    let html = render(&item(42, "标题<i>", "正文。", &[]), render_item);
    assert_eq!(
        html,
        "<article class=\"item\" id=\"item-42\" data-item-id=\"42\">\
         <h3 class=\"item-title\">标题&lt;i&gt;</h3><p>正文。</p></article>"
    );
    let untitled = render(&item(7, "  ", "正文。", &[]), render_item);
    assert_eq!(
        untitled,
        "<article class=\"item\" id=\"item-7\" data-item-id=\"7\"><p>正文。</p></article>"
    );
}

#[test]
fn sources_go_inline_after_a_final_paragraph_or_on_their_own() {
    let open = "<article class=\"item\" id=\"item-1\" data-item-id=\"1\"><h3 class=\"item-title\">题</h3>";
    let table: &[(&str, &[&str], &str)] = &[
        (
            "第一段。\n\n最后一段。",
            &["北京作物学会", "北京科技社团服务中心"],
            "<p>第一段。</p><p>最后一段。<span class=\"sources\">（北京作物学会、北京科技社团服务中心）</span></p>",
        ),
        (
            "正文。",
            &["西城区科协"],
            "<p>正文。<span class=\"sources\">（西城区科协）</span></p>",
        ),
        (
            "正文。",
            &["", "  ", "甲"],
            "<p>正文。<span class=\"sources\">（甲）</span></p>",
        ),
        ("正文。", &[], "<p>正文。</p>"),
        ("正文。", &["  "], "<p>正文。</p>"),
        ("", &["甲", "乙"], "<p class=\"sources\">（甲、乙）</p>"),
        (
            "正文：\n\n- 一\n- 二",
            &["甲"],
            "<p>正文：</p><ul><li>一</li><li>二</li></ul><p class=\"sources\">（甲）</p>",
        ),
        (
            "> 引文。",
            &["甲"],
            "<blockquote><p>引文。</p></blockquote><p class=\"sources\">（甲）</p>",
        ),
        (
            "<div>x</div>",
            &["甲"],
            "<p class=\"raw-html\">&lt;div&gt;x&lt;/div&gt;</p><p class=\"sources\">（甲）</p>",
        ),
        (
            "正文。\n\n---",
            &["甲"],
            "<p>正文。</p><hr><p class=\"sources\">（甲）</p>",
        ),
        (
            "正文。",
            &["<b>甲&乙</b>"],
            "<p>正文。<span class=\"sources\">（&lt;b&gt;甲&amp;乙&lt;/b&gt;）</span></p>",
        ),
    ];
    for (body, sources, expected) in table {
        let html = render(&item(1, "题", body, sources), render_item);
        assert_eq!(
            html,
            format!("{open}{expected}</article>"),
            "body {body:?}, sources {sources:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Masthead, headings, 目录提要, footer
// ---------------------------------------------------------------------------------------

#[test]
fn masthead_prints_name_issue_line_office_and_date() {
    let issue = sample_issue();
    assert_eq!(
        render(&issue.masthead, render_masthead),
        "<h1 class=\"masthead-title\">科协每周动态</h1>\
         <p class=\"masthead-issue\">2023年第7期（总第60期）</p>\
         <p class=\"masthead-meta\"><span class=\"masthead-publisher\">北京市科协办公室</span>\
         <time class=\"masthead-date\" datetime=\"2023-03-10\">2023年3月10日</time></p>"
    );
}

#[test]
fn masthead_escapes_and_leaves_out_empty_parts() {
    let masthead = Masthead {
        title: "<b>周报</b>".to_string(),
        publisher: "\"办公室\"".to_string(),
        ..Masthead::default()
    };
    assert_eq!(
        render(&masthead, render_masthead),
        "<h1 class=\"masthead-title\">&lt;b&gt;周报&lt;/b&gt;</h1>\
         <p class=\"masthead-meta\"><span class=\"masthead-publisher\">&quot;办公室&quot;</span></p>"
    );
    assert_eq!(render(&Masthead::default(), render_masthead), "");
    let supplement = Masthead {
        number: Some(3),
        supplement: true,
        date: Date::new(2025, 12, 1),
        ..Masthead::default()
    };
    assert_eq!(
        render(&supplement, render_masthead),
        "<p class=\"masthead-issue\">增刊第3期</p><p class=\"masthead-meta\">\
         <time class=\"masthead-date\" datetime=\"2025-12-01\">2025年12月1日</time></p>"
    );
}

#[test]
fn section_and_column_headings() {
    let issue = sample_issue();
    assert_eq!(render(&issue.sections[0], render_section_heading), "");
    assert_eq!(
        render(&issue.sections[1], render_section_heading),
        "<h2 class=\"section-heading\">【学会动态】</h2>"
    );
    let bracketed = Section {
        heading: "【区科协动态】".to_string(),
        ..Section::default()
    };
    assert_eq!(
        render(&bracketed, render_section_heading),
        "<h2 class=\"section-heading\">【区科协动态】</h2>"
    );
    let nasty = Section {
        heading: "<img src=x onerror=alert(1)>".to_string(),
        ..Section::default()
    };
    assert_eq!(
        render(&nasty, render_section_heading),
        "<h2 class=\"section-heading\">【&lt;img src=x onerror=alert(1)&gt;】</h2>"
    );
    assert_eq!(
        render(&issue.sections[2].columns[0], render_column_heading),
        "<h3 class=\"column-heading\">首都科技工作者沙龙</h3>"
    );
    assert_eq!(render(&Column::default(), render_column_heading), "");
}

#[test]
fn toc_lists_sections_and_items_with_links() {
    let issue = sample_issue();
    let html = render(&issue, render_toc);
    assert_eq!(
        html,
        "<h2 class=\"toc-heading\">目录提要</h2><ul class=\"toc-list\">\
         <li class=\"toc-item\"><span class=\"toc-mark\" aria-hidden=\"true\">◆</span><a href=\"#item-2\">市科协召开2023年区科协联席会</a></li>\
         <li class=\"toc-section\">【学会动态】</li>\
         <li class=\"toc-item\"><span class=\"toc-mark\" aria-hidden=\"true\">◆</span><a href=\"#item-4\">迎“三八节”致敬女科技工作者主题活动举办</a></li>\
         <li class=\"toc-item\"><span class=\"toc-mark\" aria-hidden=\"true\">◆</span><a href=\"#item-5\">北京作物学会对接服务通州区生态农场</a></li>\
         <li class=\"toc-section\">【基层组织动态】</li>\
         <li class=\"toc-item\"><span class=\"toc-mark\" aria-hidden=\"true\">◆</span><a href=\"#item-8\">首都科技工作者沙龙：“制造业产业升级政、产、学跨界沙龙活动”举办</a></li>\
         </ul>"
    );
}

#[test]
fn toc_follows_the_models_derived_entries() {
    let issue = sample_issue();
    let html = render(&issue, render_toc);
    let entries = issue.toc();
    assert_eq!(html.matches("<li").count(), entries.len());
    let mut rest = html.as_str();
    for entry in entries {
        let needle = match entry {
            TocEntry::Section(heading) => format!("<li class=\"toc-section\">【{heading}】</li>"),
            TocEntry::Item { id, column, title } => format!(
                "<a href=\"#item-{id}\">{}{title}</a>",
                column.map(|c| format!("{c}：")).unwrap_or_default()
            ),
        };
        let at = rest
            .find(&needle)
            .unwrap_or_else(|| panic!("{needle} in order in {html}"));
        rest = &rest[at + needle.len()..];
    }
}

#[test]
fn toc_names_untitled_items_and_is_left_out_without_items() {
    let mut issue = Issue::default();
    issue.sections.push(Section {
        id: 1,
        heading: "空栏目".to_string(),
        ..Section::default()
    });
    assert!(!has_toc(&issue));
    let html = render(&issue, render_issue);
    assert!(!html.contains("<nav"), "{html}");
    issue.sections[0].items.push(item(2, "", "正文", &[]));
    assert!(has_toc(&issue));
    let html = render(&issue, render_issue);
    assert!(html.contains("<a href=\"#item-2\">（无标题）</a>"), "{html}");
}

#[test]
fn sections_and_columns_without_items_are_left_out_of_every_output() {
    // The editor's weekly template: 【学会动态】 has this week's item, 【区县动态】 is empty,
    // and 【基层组织动态】 holds only an empty sub-column beside a column with an item.
    let issue = Issue {
        sections: vec![
            Section {
                id: 1,
                heading: "学会动态".to_string(),
                items: vec![item(2, "学会召开年会", "年会在京召开。", &["市学会"])],
                ..Section::default()
            },
            Section {
                id: 3,
                heading: "区县动态".to_string(),
                ..Section::default()
            },
            Section {
                id: 4,
                heading: "基层组织动态".to_string(),
                columns: vec![
                    Column {
                        id: 5,
                        heading: "空的子栏目".to_string(),
                        items: Vec::new(),
                    },
                    Column {
                        id: 6,
                        heading: "科技沙龙".to_string(),
                        items: vec![item(7, "沙龙举办", "沙龙在区里举办。", &[])],
                    },
                ],
                ..Section::default()
            },
        ],
        ..Issue::default()
    };
    assert!(issue.sections[0].is_printed() && !issue.sections[1].is_printed());
    assert!(issue.sections[2].is_printed() && !issue.sections[2].columns[0].is_printed());

    let page = render(&issue, render_issue);
    let plain = jianbao::core::publish::plain_text(&issue);
    let rich = jianbao::core::publish::rich_html(&issue);
    for (name, output) in [("page", &page), ("plain text", &plain), ("rich html", &rich)] {
        assert!(!output.contains("区县动态"), "{name}: {output}");
        assert!(!output.contains("空的子栏目"), "{name}: {output}");
        for kept in ["学会动态", "基层组织动态", "科技沙龙", "学会召开年会", "沙龙举办"] {
            assert!(output.contains(kept), "{name} keeps {kept}: {output}");
        }
    }
    assert!(!page.contains("data-section-id=\"3\""), "{page}");
    assert!(!page.contains("data-column-id=\"5\""), "{page}");
    assert!(
        !issue
            .toc()
            .iter()
            .any(|e| matches!(e, TocEntry::Section(h) if h == "区县动态")),
        "{:?}",
        issue.toc()
    );
    // The Markdown keeps the template whole, so the empty section comes back on import.
    let markdown = jianbao::core::format::export(&issue);
    assert!(
        markdown.contains("区县动态") && markdown.contains("空的子栏目"),
        "{markdown}"
    );
}

#[test]
fn a_heading_typed_with_its_brackets_prints_one_pair_everywhere() {
    use jianbao::core::issue::{bracketed, heading_inner};
    for typed in ["区县动态", "【区县动态】", " 【区县动态】 ", "【区县动态", "区县动态】"] {
        assert_eq!(heading_inner(typed), "区县动态", "{typed:?}");
        assert_eq!(bracketed(typed), "【区县动态】", "{typed:?}");
    }
    let mut issue = Issue::default();
    issue.sections.push(Section {
        id: 1,
        heading: "【区县动态】".to_string(),
        items: vec![item(2, "标题", "正文。", &[])],
        ..Section::default()
    });
    let page = render(&issue, render_issue);
    let plain = jianbao::core::publish::plain_text(&issue);
    for (name, output) in [("page", &page), ("plain text", &plain)] {
        assert!(output.contains("【区县动态】"), "{name}: {output}");
        assert!(!output.contains("【【"), "{name}: {output}");
    }
}

#[test]
fn footer_prints_staff_distribution_and_copies() {
    let issue = sample_issue();
    assert_eq!(
        render(&issue.footer, render_footer),
        "<p class=\"colophon-staff\"><span class=\"colophon-editor\">编辑：张红波</span>\
         <span class=\"colophon-reviewer\">审核：李金涛</span></p>\
         <dl class=\"distribution\"><dt>分送：</dt><dd>市科协第十届委员会主席、副主席、常委、委员</dd>\
         <dd>市科协驻会领导</dd><dd>市学会、基金会，区科协，基层组织</dd><dd>机关各部门及事业单位</dd></dl>\
         <p class=\"colophon-copies\">（共印120份）</p>"
    );
}

#[test]
fn footer_escapes_and_leaves_out_empty_parts() {
    assert_eq!(render(&Footer::default(), render_footer), "");
    let footer = Footer {
        signer: "<i>王</i>".to_string(),
        distribution: vec![
            Distribution {
                label: "抄送：".to_string(),
                lines: vec!["  ".to_string(), "甲&乙".to_string()],
            },
            Distribution {
                label: String::new(),
                lines: vec![" ".to_string()],
            },
        ],
        ..Footer::default()
    };
    assert_eq!(
        render(&footer, render_footer),
        "<p class=\"colophon-staff\"><span class=\"colophon-signer\">签发：&lt;i&gt;王&lt;/i&gt;</span></p>\
         <dl class=\"distribution\"><dt>抄送：</dt><dd>甲&amp;乙</dd></dl>"
    );
}

// ---------------------------------------------------------------------------------------
// The whole issue and the exported file
// ---------------------------------------------------------------------------------------

#[test]
fn render_issue_is_exactly_the_documented_skeleton() {
    let issue = sample_issue();
    let mut expected = String::new();
    bulletin_open(&mut expected);
    masthead_open(&mut expected);
    render_masthead(&issue.masthead, &mut expected);
    masthead_close(&mut expected);
    toc_open(&mut expected);
    render_toc(&issue, &mut expected);
    toc_close(&mut expected);
    body_open(&mut expected);
    for section in &issue.sections {
        section_open(section, &mut expected);
        render_section_heading(section, &mut expected);
        for item in &section.items {
            render_item(item, &mut expected);
        }
        for column in &section.columns {
            column_open(column, &mut expected);
            render_column_heading(column, &mut expected);
            for item in &column.items {
                render_item(item, &mut expected);
            }
            column_close(&mut expected);
        }
        section_close(&mut expected);
    }
    body_close(&mut expected);
    footer_open(&mut expected);
    render_footer(&issue.footer, &mut expected);
    footer_close(&mut expected);
    bulletin_close(&mut expected);

    let html = render(&issue, render_issue);
    assert_eq!(html, expected);
    // The wrappers, spelled out once, so a change to them is a visible change here.
    assert!(html.starts_with(
        "<article class=\"bulletin\" lang=\"zh-CN\"><header class=\"masthead\"><h1 class=\"masthead-title\">"
    ));
    assert!(html.contains("</header><nav class=\"toc\" aria-label=\"目录提要\"><h2 class=\"toc-heading\">"));
    assert!(html.contains("</nav><div class=\"body\"><section class=\"section\" data-section-id=\"1\"><article class=\"item\" id=\"item-2\""));
    assert!(html.contains(
        "<section class=\"section\" data-section-id=\"3\"><h2 class=\"section-heading\">【学会动态】</h2><article"
    ));
    assert!(html.contains("<section class=\"column\" data-column-id=\"7\"><h3 class=\"column-heading\">"));
    assert!(html.ends_with("</section></section></div><footer class=\"colophon\"><p class=\"colophon-staff\">\
        <span class=\"colophon-editor\">编辑：张红波</span><span class=\"colophon-reviewer\">审核：李金涛</span></p>\
        <dl class=\"distribution\"><dt>分送：</dt><dd>市科协第十届委员会主席、副主席、常委、委员</dd><dd>市科协驻会领导</dd>\
        <dd>市学会、基金会，区科协，基层组织</dd><dd>机关各部门及事业单位</dd></dl>\
        <p class=\"colophon-copies\">（共印120份）</p></footer></article>"));
    // No whitespace between tags, and the same output every time.
    assert!(!html.contains(">\n") && !html.contains("\n<") && !html.contains("> <"));
    assert_eq!(html, render(&issue, render_issue));
    assert_safe(&html, "the sample issue");
}

#[test]
fn empty_issue_renders_an_empty_skeleton() {
    let html = render(&Issue::default(), render_issue);
    assert_eq!(
        html,
        "<article class=\"bulletin\" lang=\"zh-CN\"><header class=\"masthead\"></header>\
         <div class=\"body\"></div><footer class=\"colophon\"></footer></article>"
    );
}

#[test]
fn standalone_document_is_a_complete_page() {
    let issue = sample_issue();
    let document = standalone_document(&issue, BULLETIN_CSS);
    assert!(document.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"));
    assert!(document.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(document.contains("<title>科协每周动态 2023年第7期</title>"));
    assert!(document.contains(BULLETIN_CSS));
    let html = render(&issue, render_issue);
    assert!(document.contains(&format!("<body class=\"bulletin-page\">\n{html}\n</body>\n</html>\n")));

    let hostile = standalone_document(&issue, "p{}</style><script>alert(1)</script>");
    assert!(hostile.contains("p{}<\\/style><script>alert(1)<\\/script>"));
    assert_eq!(hostile.matches("</style>").count(), 1);

    let mut titled = Issue::default();
    titled.masthead.title = "</title><script>".to_string();
    let document = standalone_document(&titled, "");
    assert!(document.contains("<title>&lt;/title&gt;&lt;script&gt;</title>"));
}

#[test]
fn sample_issue_matches_its_snapshot() {
    let document = standalone_document(&sample_issue(), BULLETIN_CSS);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/sample-issue.html");
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &document).unwrap();
    }
    let snapshot = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", path.display()));
    assert!(
        snapshot == document,
        "{} differs from the renderer's output; run with BLESS=1 if the change is intended",
        path.display()
    );
}

// ---------------------------------------------------------------------------------------
// The stylesheet
// ---------------------------------------------------------------------------------------

/// Every style rule's selectors, outside `@page`, with comments removed.
fn css_selectors(css: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("closed comment") + start + 2;
        rest = &rest[end..];
    }
    text.push_str(rest);

    #[derive(PartialEq)]
    enum Block {
        Media,
        Page,
        Declarations,
    }
    let mut stack: Vec<Block> = Vec::new();
    let mut selectors = Vec::new();
    let mut prelude = String::new();
    for c in text.chars() {
        match c {
            '{' => {
                let head = prelude.trim().to_string();
                prelude.clear();
                if head.starts_with("@media") {
                    stack.push(Block::Media);
                } else if head.starts_with('@') || stack.last() == Some(&Block::Page) {
                    stack.push(Block::Page);
                } else {
                    selectors.extend(head.split(',').map(|s| s.trim().to_string()));
                    stack.push(Block::Declarations);
                }
            }
            '}' => {
                prelude.clear();
                stack.pop().expect("balanced braces");
            }
            ';' => prelude.clear(),
            c => prelude.push(c),
        }
    }
    assert!(stack.is_empty(), "balanced braces");
    selectors
}

#[test]
fn stylesheet_is_scoped_under_bulletin() {
    let selectors = css_selectors(BULLETIN_CSS);
    assert!(selectors.len() > 40, "found only {} selectors", selectors.len());
    for selector in selectors {
        let scoped = selector == ".bulletin"
            || selector.starts_with(".bulletin ")
            || selector == ".no-print"
            || selector == ".bulletin-page";
        assert!(scoped, "selector {selector:?} is not scoped under .bulletin");
    }
}

#[test]
fn stylesheet_carries_the_print_layout() {
    let needles = [
        "size: A4",
        "margin: 37mm 26mm 35mm 28mm",
        "@bottom-center",
        "content: \"— \" counter(page) \" —\"",
        "print-color-adjust: exact",
        "-webkit-print-color-adjust: exact",
        "#e60012",
        "font-size: 16pt",
        "text-indent: 2em",
        "text-align: justify",
        "break-after: avoid",
        "@media print",
        "display: none !important",
        "max-width: 210mm",
        "@media (max-width: 600px)",
        "grid-template-columns: max-content 1fr",
        "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\"",
        "\"楷体_GB2312\", \"KaiTi_GB2312\", \"KaiTi\", \"STKaiti\", \"FandolKai\", serif",
        "\"SimHei\", \"STHeiti\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\"",
        "\"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"Noto Serif CJK SC\"",
    ];
    for needle in needles {
        assert!(BULLETIN_CSS.contains(needle), "the stylesheet lacks {needle:?}");
    }
    // The build script keeps the rules and drops the comments, which are for us.
    assert!(!BULLETIN_CSS.contains("/*"), "a comment was embedded");
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/bulletin.css")).unwrap();
    assert!(source.contains("/*") && BULLETIN_CSS.len() < source.len());
    // Every class the renderer writes has a rule.
    let html = render(&sample_issue(), render_issue);
    let mut rest = html.as_str();
    while let Some(at) = rest.find("class=\"") {
        rest = &rest[at + 7..];
        let end = rest.find('"').unwrap();
        for class in rest[..end].split(' ') {
            assert!(BULLETIN_CSS.contains(&format!(".{class}")), "no rule for .{class}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Safety against hostile input
// ---------------------------------------------------------------------------------------

const NASTY: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<style>*{display:none}</style>",
    "\"><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "\" onfocus=\"alert(1)\" autofocus=\"",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&#0000058alert(1))",
    "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[x](java%0ascript:alert(1))",
    "[x](<java\u{b}script:alert(1)>)",
    "[x](\u{0}javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x\"onerror=\"alert(1)](x.png)",
    "[x](https://e.cn \"t\\\" onclick=\\\"alert(1)\")",
    "<javascript:alert(1)>",
    "<JaVaScRiPt:alert(1)>",
    "[a]: javascript:alert(1)\n\n[a]",
    "# x {onclick=alert(1)}",
    "`<script>`",
    "```html\n<script>alert(1)</script>\n```",
    "| <script> | x |\n|---|---|\n| [y](javascript:z) | ![i](vbscript:q) |",
    "**<img src=x onerror=alert(1)>。**后文",
    "前文**“<script>”**后文",
    "\u{FDD0}**测试。\u{FDD0}**后文\u{FDD0}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;",
    "<!-- --><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php echo 1 ?>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<<script>script>alert(1)<</script>/script>",
    "\u{0}\u{1}\u{7f}\u{85}\u{FFFE}",
    "【学会动态】（甲、乙）◆",
];

#[test]
fn nasty_inputs_never_produce_active_content() {
    for text in NASTY {
        assert_safe_everywhere(text, &format!("{text:?}"));
    }
}

#[test]
fn dompurify_payloads_never_produce_active_content() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/xss/dompurify-payloads.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} absent; the other safety tests still ran", path.display());
        return;
    };
    let payloads: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let payloads = payloads.as_array().expect("a JSON array");
    assert!(!payloads.is_empty(), "no payloads in {}", path.display());
    let mut count = 0;
    for entry in payloads {
        let payload = entry["payload"].as_str().expect("a payload string");
        let title = entry["title"].as_str().unwrap_or("?");
        assert_safe_everywhere(payload, &format!("DOMPurify payload {title:?}"));
        count += 1;
    }
    eprintln!("checked {count} DOMPurify payloads");
    assert_eq!(count, payloads.len());
}

/// Pieces that make Markdown and HTML interesting, to build random bodies from.
const PIECES: &[&str] = &[
    "*",
    "**",
    "***",
    "_",
    "__",
    "~~",
    "~",
    "`",
    "```\n",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "\"",
    "'",
    "&",
    "&#58;",
    "&colon;",
    "\\",
    "\n",
    "\n\n",
    " ",
    "  \n",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|---|\n",
    "javascript:",
    "JavaScript&#58;",
    "data:image/png,",
    "http://e.cn",
    "mailto:a@b.cn",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    " onclick=",
    "测试",
    "。",
    "，",
    "“",
    "”",
    "（",
    "）",
    "后文",
    "a",
    "2",
    "😀",
    "\u{FDD0}",
    "\u{0}",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        // Failures print their minimal input; add it to a table above rather than a file.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bodies_render_safely(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)) {
        let body: String = pieces.concat();
        let html = md(&body);
        assert_safe(&html, &format!("{body:?}"));
        let item_html = render(&item(1, "题", &body, &["甲"]), render_item);
        assert_safe(&item_html, &format!("{body:?} as an item"));
        prop_assert!(item_html.contains("（甲）"));
    }

    #[test]
    fn text_without_cjk_is_untouched_by_the_emphasis_pass(
        pieces in prop::collection::vec(
            prop::sample::select(&["*", "**", "***", "a", "b", " ", "“", "—", "é", "(", ")", "_", "\""][..]),
            0..30,
        )
    ) {
        // The emphasis pass runs on non-ASCII text containing `*`, but acts only beside
        // CJK characters. Non-CJK letters and punctuation (é, “, —) must therefore give
        // exactly what their ASCII stand-ins of the same class (e, ., ,) give, for which
        // the pass never runs at all.
        let body: String = pieces.concat();
        let ascii = body.replace('“', ".").replace('—', ",").replace('é', "e");
        let unicode_html = md(&body).replace('“', ".").replace('—', ",").replace('é', "e");
        prop_assert_eq!(unicode_html, md(&ascii), "body {:?}", body);
    }
}
