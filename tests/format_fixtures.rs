//! Bulletins in the shapes other offices write, and the canonical Markdown each becomes.
//!
//! Every `tests/fixtures/format/NAME.md` (our own short, invented bulletins) is imported
//! and exported, and the result must equal `NAME.expected.md` byte for byte. Run
//!
//! ```sh
//! JIANBAO_BLESS=1 cargo test --test format_fixtures
//! ```
//!
//! to rewrite the expected files from the current importer (like mdBook's snapshot
//! tests), then read the diff before keeping it: a snapshot only says that the output did
//! not change, not that it is right. That is why each fixture also has a row in
//! [`CASES`] that checks the model fields its shape is about, and the warnings it must
//! give; blessing never touches those.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::format::{export, import, Warning};
use jianbao::core::{Date, Issue, Item, Section, Status};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder of the fixtures.
fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format")
}

/// Whether this run rewrites the expected files instead of comparing with them.
fn blessing() -> bool {
    std::env::var("JIANBAO_BLESS").is_ok_and(|value| value == "1")
}

/// The names (without `.md`) of the fixture inputs, sorted; expected files are not inputs.
fn input_names() -> Vec<String> {
    let entries = std::fs::read_dir(fixture_dir()).expect("tests/fixtures/format is readable");
    let mut names: Vec<String> = entries
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !name.ends_with(".expected.md"))
        .filter_map(|name| name.strip_suffix(".md").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Reads a fixture exactly as stored: a byte-order mark and CRLF line ends are kept.
fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|err| panic!("{} unreadable: {err}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", path.display()))
}

/// Imports a fixture by name.
fn import_fixture(name: &str) -> (Issue, Vec<Warning>) {
    import(&read(&fixture_dir().join(format!("{name}.md"))))
}

/// A short, line-numbered view of where two texts first differ, for failure messages.
fn first_difference(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.split('\n').collect();
    let actual_lines: Vec<&str> = actual.split('\n').collect();
    let line = expected_lines
        .iter()
        .zip(&actual_lines)
        .position(|(e, a)| e != a)
        .unwrap_or(expected_lines.len().min(actual_lines.len()));
    format!(
        "first difference at line {}:\n  expected: {:?}\n  actual:   {:?}",
        line + 1,
        expected_lines.get(line).unwrap_or(&"<end of file>"),
        actual_lines.get(line).unwrap_or(&"<end of file>")
    )
}

#[test]
fn every_fixture_exports_as_its_expected_file() {
    let names = input_names();
    assert!(!names.is_empty(), "no fixtures found in {}", fixture_dir().display());
    let mut failures = Vec::new();
    for name in &names {
        let (issue, _) = import_fixture(name);
        let actual = export(&issue);
        let expected_path = fixture_dir().join(format!("{name}.expected.md"));
        if blessing() {
            std::fs::write(&expected_path, &actual)
                .unwrap_or_else(|err| panic!("cannot write {}: {err}", expected_path.display()));
            continue;
        }
        if !expected_path.exists() {
            failures.push(format!(
                "{name}: {} is missing; run with JIANBAO_BLESS=1 to create it",
                expected_path.display()
            ));
            continue;
        }
        let expected = read(&expected_path);
        if actual != expected {
            failures.push(format!(
                "{name}: the export differs from {name}.expected.md; {}",
                first_difference(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ (run with JIANBAO_BLESS=1 to accept the new output after reading it):\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn every_expected_file_has_an_input_and_is_canonical() {
    if blessing() {
        // The blessing run is rewriting these files right now; the next run checks them.
        return;
    }
    let inputs: BTreeSet<String> = input_names().into_iter().collect();
    let entries = std::fs::read_dir(fixture_dir()).expect("tests/fixtures/format is readable");
    for entry in entries {
        let file_name = entry
            .expect("a directory entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(name) = file_name.strip_suffix(".expected.md") else {
            continue;
        };
        assert!(inputs.contains(name), "{file_name} has no input {name}.md beside it");
        // Canonical text is a fixed point: it imports without warnings and exports unchanged.
        let expected = read(&fixture_dir().join(&file_name));
        let (issue, warnings) = import(&expected);
        assert!(warnings.is_empty(), "{file_name} imports with warnings: {warnings:?}");
        assert_eq!(
            export(&issue),
            expected,
            "{file_name} is not a fixed point of import then export"
        );
    }
}

#[test]
fn line_ends_and_a_byte_order_mark_change_nothing() {
    for name in input_names() {
        let text = read(&fixture_dir().join(format!("{name}.md")));
        let plain = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let (issue, warnings) = import(&plain);
        let variants = [
            format!("\u{feff}{plain}"),
            plain.replace('\n', "\r\n"),
            format!("\u{feff}{}", plain.replace('\n', "\r\n")),
            plain.replace('\n', "\r"),
        ];
        for variant in variants {
            let (other, other_warnings) = import(&variant);
            assert_eq!(
                other,
                issue,
                "{name}: the issue changed with {:?}",
                &variant[..variant.len().min(12)]
            );
            assert_eq!(
                other_warnings, warnings,
                "{name}: the warnings changed with other line ends"
            );
        }
    }
}

#[test]
fn the_crlf_fixture_really_has_crlf_and_a_bom() {
    // Guards against a checkout that rewrites line ends: the fixture would then test nothing.
    let text = read(&fixture_dir().join("crlf_bom.md"));
    assert!(text.starts_with('\u{feff}'), "crlf_bom.md lost its byte-order mark");
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "crlf_bom.md does not have CRLF line ends throughout"
    );
}

/// One fixture's expectations beyond the snapshot.
struct Case {
    /// The fixture's name, without `.md`.
    name: &'static str,
    /// The warnings it must give, in order: the line and a part of the message.
    warnings: &'static [(usize, &'static str)],
    /// Checks on the imported model.
    check: fn(&Issue),
}

/// The section with this heading (without 【】).
fn section<'a>(issue: &'a Issue, heading: &str) -> &'a Section {
    issue
        .sections
        .iter()
        .find(|s| s.heading == heading)
        .unwrap_or_else(|| panic!("no section 【{heading}】"))
}

/// The item with this title, anywhere in the issue.
fn item<'a>(issue: &'a Issue, title: &str) -> &'a Item {
    issue
        .items()
        .map(|(_, item)| item)
        .find(|item| item.title == title)
        .unwrap_or_else(|| panic!("no item titled {title}"))
}

/// The section headings in order (the lead section's is empty).
fn headings(issue: &Issue) -> Vec<&str> {
    issue.sections.iter().map(|s| s.heading.as_str()).collect()
}

/// Checks that no item's body still holds what should have become sources.
fn bodies_do_not_end_in_sources(issue: &Issue) {
    for (_, item) in issue.items() {
        let body = item.body.trim_end();
        assert!(
            !body.ends_with('）') && !body.contains("来源：") && !body.contains("供稿"),
            "{}: sources left in the body: {body}",
            item.title
        );
    }
}

const CASES: &[Case] = &[
    Case {
        name: "sources_laiyuan",
        warnings: &[],
        check: |issue| {
            assert_eq!(
                item(issue, "县农技站开展夏播技术培训").sources,
                ["县农技站", "城关镇农业服务中心"]
            );
            assert_eq!(item(issue, "县土肥站启动耕地质量监测").sources, ["县土肥站"]);
            bodies_do_not_end_in_sources(issue);
            assert_eq!(issue.footer.distribution.len(), 1);
            assert_eq!(
                issue.footer.distribution[0].lines,
                ["县委办、县政府办", "各乡镇人民政府"]
            );
        },
    },
    Case {
        name: "sources_gonggao",
        warnings: &[],
        check: |issue| {
            // 供稿 says who contributed; it is not part of the unit's name.
            assert_eq!(item(issue, "春风社区开展义务植树活动").sources, ["春风社区"]);
            assert_eq!(
                item(issue, "明月社区举办老年人智能手机课堂").sources,
                ["明月社区", "街道老龄办"]
            );
            bodies_do_not_end_in_sources(issue);
            assert_eq!(
                (issue.footer.editor.as_str(), issue.footer.reviewer.as_str()),
                ("孙三", "李四")
            );
        },
    },
    Case {
        name: "sources_inline",
        warnings: &[],
        check: |issue| {
            let festival = item(issue, "实验小学举办科技节");
            assert_eq!(festival.sources, ["实验小学"]);
            assert!(
                festival.body.ends_with("设置创意编程、科学实验等六项比赛。"),
                "the sentence keeps its full stop: {}",
                festival.body
            );
            let safety = item(issue, "第二中学开展防溺水安全教育");
            assert_eq!(safety.sources, ["第二中学", "区消防救援支队"]);
            assert!(safety.body.ends_with("演示救援方法。"), "{}", safety.body);
            // The footer follows the last item with no rule before it, as in the seed.
            assert_eq!(
                (issue.footer.editor.as_str(), issue.footer.reviewer.as_str()),
                ("周五", "吴六")
            );
        },
    },
    Case {
        name: "issue_line_year_brackets",
        warnings: &[],
        check: |issue| {
            let m = &issue.masthead;
            assert_eq!(
                (m.year, m.number, m.total, m.supplement),
                (Some(2025), Some(82), Some(1265), false)
            );
            // The bulletin's own style is kept (issue 16).
            assert_eq!(m.issue_line(), "〔2025〕第八十二期（总第1265期）");
            assert_eq!(m.date, Date::new(2025, 7, 4));
            assert_eq!(issue.footer.signer, "冯九");
        },
    },
    Case {
        name: "issue_line_square_brackets",
        warnings: &[],
        check: |issue| {
            let m = &issue.masthead;
            assert_eq!(
                (m.year, m.number, m.total, m.supplement),
                (Some(2012), Some(5), None, false)
            );
            // The office and the date share one line, as many mastheads print them.
            assert_eq!(m.publisher, "某市科学技术局");
            assert_eq!(m.date, Date::new(2012, 3, 16));
            assert_eq!(headings(issue), ["项目管理"]);
            assert_eq!(issue.footer, Default::default(), "this bulletin prints no footer");
        },
    },
    Case {
        name: "issue_line_supplement",
        warnings: &[],
        check: |issue| {
            let m = &issue.masthead;
            assert_eq!((m.year, m.number, m.total, m.supplement), (None, Some(7), None, true));
            assert_eq!(m.issue_line(), "增刊第7期");
            // An item before the first section heading is the lead.
            assert_eq!(headings(issue), ["", "基层医疗"]);
            assert_eq!(issue.sections[0].items[0].title, "全市秋冬季传染病防控工作部署会召开");
        },
    },
    Case {
        name: "spaced_title",
        warnings: &[],
        check: |issue| {
            // A plain first line (no `#`) is the title; the spaces PDF copying left go.
            assert_eq!(issue.masthead.title, "信息简报");
            assert_eq!(issue.masthead.publisher, "某区文化和旅游局");
            assert_eq!(headings(issue), ["", "文旅动态"]);
        },
    },
    Case {
        name: "toc_benqi_yaomu",
        warnings: &[(9, "目录提要")],
        check: |issue| {
            assert_eq!(issue.item_count(), 2, "the 本期要目 list is not an item");
            assert_eq!(headings(issue), ["", "工程建设"]);
            for (_, item) in issue.items() {
                assert!(
                    !item.body.contains("- "),
                    "{}: the list of titles leaked into a body",
                    item.title
                );
            }
        },
    },
    Case {
        name: "toc_mulu_tiyao",
        warnings: &[(9, "目录提要")],
        check: |issue| {
            assert_eq!(issue.item_count(), 2);
            let titles: Vec<&str> = issue.items().map(|(_, item)| item.title.as_str()).collect();
            assert_eq!(titles, ["一月份全县经济运行平稳", "统计执法检查工作启动"]);
            assert!(
                issue.items().all(|(_, item)| !item.body.contains("一、")),
                "the 目录提要 lines leaked into a body"
            );
        },
    },
    Case {
        name: "unmarked_column",
        warnings: &[],
        check: |issue| {
            assert_eq!(
                headings(issue),
                ["基层工会"],
                "bold around a section heading is not part of it"
            );
            let union = section(issue, "基层工会");
            let own: Vec<&str> = union.items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(own, ["市总工会开展职工技能竞赛"]);
            let columns: Vec<&str> = union.columns.iter().map(|c| c.heading.as_str()).collect();
            assert_eq!(columns, ["职工书屋", "劳模工作室"]);
            let books: Vec<&str> = union.columns[0].items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(books, ["机械厂职工书屋新增图书千册", "纺织公司开展读书分享会"]);
            assert_eq!(union.columns[1].items.len(), 1);
            assert_eq!(union.columns[1].items[0].sources, ["市总工会劳动和经济工作部"]);
        },
    },
    Case {
        name: "footer_one_line",
        warnings: &[],
        check: |issue| {
            let f = &issue.footer;
            assert_eq!(
                (f.editor.as_str(), f.reviewer.as_str(), f.signer.as_str()),
                ("陈十一", "林十二", "黄十三")
            );
            let groups: Vec<(&str, Vec<&str>)> = f
                .distribution
                .iter()
                .map(|g| (g.label.as_str(), g.lines.iter().map(String::as_str).collect()))
                .collect();
            assert_eq!(
                groups,
                [
                    ("报", vec!["省审计厅", "市委、市政府"]),
                    ("抄送", vec!["市纪委监委", "市委组织部"]),
                    ("分送", vec!["各区审计局"])
                ]
            );
            assert_eq!(f.copies, Some(120));
            assert_eq!(issue.masthead.total, Some(88));
            assert!(
                item(issue, "经济责任审计培训班开班").body.ends_with("参加培训。"),
                "the footer is not part of the last item"
            );
        },
    },
    Case {
        name: "crlf_bom",
        warnings: &[],
        check: |issue| {
            assert_eq!(
                issue.masthead.title, "环保简报",
                "the byte-order mark is not part of the title"
            );
            assert_eq!(issue.masthead.date, Date::new(2024, 9, 2));
            for (_, item) in issue.items() {
                assert!(
                    !item.body.contains('\r') && !item.title.contains('\r'),
                    "{}: a carriage return survived",
                    item.title
                );
            }
            assert_eq!(item(issue, "河道水质监测结果公布").sources, ["区环境监测站"]);
            assert_eq!(issue.footer.reviewer, "吕二");
        },
    },
    Case {
        name: "stray_text",
        warnings: &[
            (9, "报头里有一行无法识别的文字"),
            (29, "报尾里有一行无法识别的文字"),
            (9, "有 2 行文字无法归入"),
        ],
        check: |issue| {
            // Nothing is lost: both lines land, in order, in one item at the very front.
            let lead = &issue.sections[0];
            assert!(lead.is_lead());
            assert_eq!(lead.items[0].title, "未能识别的文字");
            assert_eq!(lead.items[0].body, "内部资料　注意保存\n\n联系电话：01234567");
            assert_eq!(issue.masthead.publisher, "某市交通运输局");
            assert_eq!(
                (issue.footer.editor.as_str(), issue.footer.reviewer.as_str()),
                ("许一", "韩二")
            );
            assert_eq!(issue.item_count(), 3);
        },
    },
];

#[test]
fn every_fixture_has_a_case_and_every_case_a_fixture() {
    let inputs: BTreeSet<String> = input_names().into_iter().collect();
    let cases: BTreeSet<String> = CASES.iter().map(|c| c.name.to_string()).collect();
    assert_eq!(
        inputs, cases,
        "each fixture needs a row in CASES with the fields its shape is about"
    );
}

#[test]
fn each_shape_imports_into_the_right_fields() {
    for case in CASES {
        let (issue, warnings) = import_fixture(case.name);
        let got: Vec<(usize, &str)> = warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
        let matches = got.len() == case.warnings.len()
            && got
                .iter()
                .zip(case.warnings)
                .all(|((line, message), (want_line, part))| line == want_line && message.contains(part));
        assert!(
            matches,
            "{}: expected warnings {:?}, got {:?}",
            case.name, case.warnings, got
        );
        (case.check)(&issue);
        // Whatever the shape, the canonical output reads back as the same issue, cleanly.
        let (again, again_warnings) = import(&export(&issue));
        assert!(
            again_warnings.is_empty(),
            "{}: our own output gives warnings: {again_warnings:?}",
            case.name
        );
        assert_eq!(
            again, issue,
            "{}: the canonical output does not read back as the same issue",
            case.name
        );
    }
}

#[test]
fn comments_and_brackets_in_headings_are_kept() {
    // Small inputs that once lost text: each gives the title and status shown.
    let cases: &[(&str, &str, Status)] = &[
        (
            "# 简报\n\n### 标题 <!-- 状态：已审 -->\n\n正文。\n",
            "标题",
            Status::Reviewed,
        ),
        (
            "# 简报\n\n### 标题 <!-- 状态：待定 -->\n\n正文。\n",
            "标题 <!--状态：待定-->",
            Status::Received,
        ),
        (
            "# 简报\n\n### 标题 <!-- 备注 -->\n\n正文。\n",
            "标题 <!--备注-->",
            Status::Received,
        ),
        (
            "# 简报\n\n### <!-- 状态：待定 -->\n\n正文。\n",
            "<!--状态：待定-->",
            Status::Received,
        ),
    ];
    for (input, title, status) in cases {
        let (issue, _) = import(input);
        let (_, item) = issue.items().next().expect("one item");
        assert_eq!((item.title.as_str(), item.status), (*title, *status), "{input:?}");
        assert_eq!(
            import(&export(&issue)).0,
            issue,
            "{input:?} does not read back the same"
        );
    }
    // A masthead title in 【】 is not a section: it keeps the spaces inside its brackets.
    for title in ["【 】", "【# 】", "【信息】"] {
        let (issue, _) = import(&format!("# {title}\n"));
        assert_eq!(issue.masthead.title, title);
        assert_eq!(import(&export(&issue)).0, issue, "{title}");
    }
}

#[test]
fn the_format_documentation_shows_the_current_sample() {
    // docs/FORMAT.md uses the sample as its full example; keep the two in step.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md");
    let docs = read(&path);
    let block = format!("```markdown\n{}```\n", jianbao::core::sample::SAMPLE_MARKDOWN);
    assert!(
        docs.contains(&block),
        "docs/FORMAT.md no longer shows src/core/sample.md in full; paste the new sample into its example"
    );
}
