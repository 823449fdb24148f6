//! Export then import gives back the same issue, for every issue in canonical form.
//!
//! Issues are generated from fragments chosen to hit the format's edges: CJK text,
//! Markdown-significant characters, the format's own markers (【】, （）, 编辑：, 分送：,
//! `<!-- -->`, `---`, `#`), dates and issue numbers inside text, empty fields, and
//! bodies with lists, quotes and code.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import, normalize};
use jianbao::core::{Column, Date, Distribution, Footer, Issue, IssueStyle, Item, Masthead, Section, Status};
use jianbao::store::parts::{assemble, item_part, read_item, rest_part, restore_ids};
use proptest::prelude::*;

/// Pieces that single-line fields are made of.
const FRAGMENTS: &[&str] = &[
    "科协",
    "学会动态",
    "北京",
    "、",
    "，",
    "。",
    "（",
    "）",
    "【",
    "】",
    "**",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "&",
    "&amp;",
    "&#12304;",
    "\\",
    "#",
    "# ",
    "## ",
    "---",
    "- ",
    "1. ",
    "> ",
    "编辑：",
    "审核：",
    "分送：",
    "报：",
    "来源：",
    "供稿",
    "（共印 5 份）",
    "2023年3月10日",
    "第7期",
    "（总第60期）",
    "<!-- 子栏目 -->",
    "<!-- 状态：已审 -->",
    "目录提要",
    " ",
    "  ",
    "AI 2.0",
    "http://example.org",
    "“引号”",
    "——",
    "……",
    "a",
    "Z",
];

/// Pieces that body lines are made of, including block-level Markdown.
const BODY_LINES: &[&str] = &[
    "正文第一段，含**粗体**与*斜体*。",
    "- 列表项",
    "1. 第一",
    "> 引用的话",
    "```",
    "# 代码里的注释",
    "## 二级标题",
    "#### 四级",
    "##### 五级",
    "---",
    "***",
    "\\# 已转义",
    "\\\\---",
    "编辑：某人",
    "审核：某人",
    "分送：各单位",
    "（甲单位、乙单位）",
    "完成。（某学会）",
    "来源：某报",
    "（某某供稿）",
    "（）",
    "",
    "",
    "  ",
    "    缩进代码",
    "| a | b |",
    "[链接](http://example.org)",
    "<b>粗</b>",
    "&copy;",
    "文字  ",
    "目录提要",
    "2023年3月10日",
    "（共印 9 份）",
    "【学会动态】",
];

fn field() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..6).prop_map(|parts| parts.concat())
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![prop::sample::select(BODY_LINES).prop_map(String::from), field()],
        0..8,
    )
    .prop_map(|lines| lines.join("\n"))
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn item() -> impl Strategy<Value = Item> {
    (field(), body(), prop::collection::vec(field(), 0..3), status()).prop_map(|(title, body, sources, status)| Item {
        id: 0,
        title,
        body,
        sources,
        status,
    })
}

fn column() -> impl Strategy<Value = Column> {
    (field(), prop::collection::vec(item(), 0..3)).prop_map(|(heading, items)| Column { id: 0, heading, items })
}

fn section() -> impl Strategy<Value = Section> {
    (
        prop_oneof![Just(String::new()), field()],
        prop::collection::vec(item(), 0..3),
        prop::collection::vec(column(), 0..2),
    )
        .prop_map(|(heading, items, columns)| Section {
            id: 0,
            heading,
            items,
            columns,
        })
}

fn masthead() -> impl Strategy<Value = Masthead> {
    let numbers = (
        prop::option::of(1000u32..3000),
        prop::option::of(0u32..200),
        prop::option::of(0u32..5000),
        any::<bool>(),
    );
    let date = prop::option::of(
        (1990u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Date::new(y, m, d).expect("valid by construction")),
    );
    let style =
        any::<[bool; 4]>().prop_map(
            |[bracketed_year, chinese_number, chinese_total, square_brackets]| IssueStyle {
                bracketed_year,
                chinese_number,
                chinese_total,
                square_brackets,
            },
        );
    (field(), numbers, field(), date, style).prop_map(
        |(title, (year, number, total, supplement), publisher, date, style)| Masthead {
            title,
            year,
            number,
            total,
            supplement,
            publisher,
            date,
            style,
        },
    )
}

fn footer() -> impl Strategy<Value = Footer> {
    let group = (
        prop::sample::select(jianbao::core::issue::DISTRIBUTION_LABELS.to_vec()),
        prop::collection::vec(field(), 0..4),
    )
        .prop_map(|(label, lines)| Distribution {
            label: label.to_string(),
            lines,
        });
    (
        field(),
        field(),
        field(),
        prop::collection::vec(group, 0..3),
        prop::option::of(0u32..10000),
    )
        .prop_map(|(editor, reviewer, signer, distribution, copies)| Footer {
            editor,
            reviewer,
            signer,
            distribution,
            copies,
        })
}

fn issue() -> impl Strategy<Value = Issue> {
    (masthead(), prop::collection::vec(section(), 0..4), footer()).prop_map(|(masthead, sections, footer)| Issue {
        masthead,
        sections,
        footer,
    })
}

proptest! {
    // PROPTEST_CASES overrides the default of 2,000 cases for a longer hunt.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000), ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_identity(raw in issue()) {
        let issue = normalize(raw);
        let text = export(&issue);
        let (back, warnings) = import(&text);
        prop_assert_eq!(&back, &issue, "\n--- exported ---\n{}\n--- warnings ---\n{:?}", text, warnings);
        prop_assert!(warnings.is_empty(), "our own output imports without warnings: {:?}\n{}", warnings, text);
        prop_assert_eq!(export(&back), text);
    }

    /// The store keeps an issue as parts (one per item, one for the rest): put back
    /// together they are exactly the export, and the ids they name come back on import.
    #[test]
    fn stored_parts_put_together_are_the_export(raw in issue()) {
        let mut issue = raw;
        issue.renumber();
        // Ids as an editing session leaves them: not in document order.
        for section in &mut issue.sections {
            for item in &mut section.items {
                item.id += 1000;
            }
        }
        let rest = rest_part(&issue);
        let texts: std::collections::HashMap<_, _> = issue
            .items()
            .map(|(_, item)| (item.id, read_item(&item_part(item, 1).0).unwrap().markdown))
            .collect();
        let text = assemble(&rest, |id| texts.get(&id).map(String::as_str));
        prop_assert_eq!(text, Some(export(&issue)));
        let issue = normalize(issue);
        let rest = rest_part(&issue);
        let mut back = import(&export(&issue)).0;
        restore_ids(&mut back, &rest);
        prop_assert_eq!(back, issue);
    }

    #[test]
    fn import_never_panics_and_reimports_stably(text in prop::collection::vec(prop_oneof![prop::sample::select(BODY_LINES).prop_map(String::from), field()], 0..30).prop_map(|l| l.join("\n"))) {
        let (issue, _) = import(&text);
        let once = export(&issue);
        let (again, _) = import(&once);
        prop_assert_eq!(export(&again), once);
    }
}
