//! 供稿统计: counting items per unit, section and issue over a period, aliases, shared
//! units, items without sources, and the CSV that Excel opens.

mod archive;

use archive::issue;
use jianbao::core::archive::csv::{cell, to_csv, Table};
use jianbao::core::archive::stats::{Row, LEAD_SECTION, NO_SOURCE, UNDATED};
use jianbao::core::archive::{count, Aliases, Period, Query, Report};
use jianbao::core::{Date, Issue};

fn date(y: u32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// Three issues over two quarters: January, March, April.
fn year() -> Vec<Issue> {
    vec![
        issue(
            1,
            Some((2024, 1, 10)),
            Some(("导语稿件", "正文。", &["市科协办公室"])),
            &[
                (
                    "学会动态",
                    &[
                        ("甲学会年会", "正文。", &["市植物保护学会"]),
                        ("联合活动", "正文。", &["市营养学会", "市植物保护学会"]),
                    ],
                ),
                ("区科协动态", &[("南湖区活动", "正文。", &["南湖区科协"])]),
            ],
        ),
        issue(
            2,
            Some((2024, 3, 20)),
            None,
            &[
                ("学会动态", &[("乙学会讲座", "正文。", &["市营养学会"])]),
                ("区科协动态", &[("没有来源的稿件", "正文。", &[])]),
            ],
        ),
        issue(
            3,
            Some((2024, 4, 2)),
            None,
            &[(
                "区科协动态",
                &[
                    ("北湖区活动", "正文。", &["北湖区 科协"]),
                    ("南湖区又一活动", "正文。", &["南湖区科协"]),
                ],
            )],
        ),
    ]
}

fn row<'a>(rows: &'a [Row], name: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name} in {rows:#?}"))
}

#[test]
fn every_item_counts_once_and_for_each_of_its_units() {
    let report = count(&year(), &Query::default());
    assert_eq!(report.issues_counted, 3);
    assert_eq!(report.items, 8);
    assert_eq!(report.shared_items, 1, "联合活动 names two units");
    assert_eq!(row(&report.units, "市植物保护学会").items, 2);
    assert_eq!(row(&report.units, "市植物保护学会").shared, 1);
    assert_eq!(row(&report.units, "市营养学会").items, 2);
    assert_eq!(row(&report.units, "南湖区科协").items, 2);
    // The units add up to one more than the items: the shared item counts twice.
    assert_eq!(
        report.units.iter().map(|r| r.items).sum::<usize>(),
        report.items + report.shared_items
    );
    // The sections add up to the items exactly.
    assert_eq!(report.sections.iter().map(|r| r.items).sum::<usize>(), report.items);
}

#[test]
fn units_are_sorted_by_count_then_name() {
    let report = count(&year(), &Query::default());
    let counts: Vec<usize> = report.units.iter().map(|r| r.items).collect();
    let mut sorted = counts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(counts, sorted);
    let twos: Vec<&str> = report
        .units
        .iter()
        .filter(|r| r.items == 2)
        .map(|r| r.name.as_str())
        .collect();
    let mut names = twos.clone();
    names.sort();
    assert_eq!(twos, names);
}

#[test]
fn items_without_sources_and_the_lead_have_their_own_rows() {
    let report = count(&year(), &Query::default());
    assert_eq!(row(&report.units, NO_SOURCE).items, 1);
    assert_eq!(row(&report.sections, LEAD_SECTION).items, 1);
    assert_eq!(row(&report.sections, "学会动态").items, 3);
    assert_eq!(row(&report.sections, "区科协动态").items, 4);
}

#[test]
fn unit_names_are_normalised_for_spaces_and_width() {
    let issues = vec![issue(
        1,
        Some((2024, 1, 1)),
        None,
        &[(
            "动态",
            &[
                ("一", "正文。", &["ＸＸ学会"]),
                ("二", "正文。", &["XX学会"]),
                ("三", "正文。", &["北湖区　科协"]),
            ],
        )],
    )];
    let report = count(&issues, &Query::default());
    let aliases = Aliases::parse("XX学会 = ＸＸ学会").unwrap();
    let merged = count(
        &issues,
        &Query {
            aliases,
            ..Query::default()
        },
    );
    assert_eq!(row(&merged.units, "XX学会").items, 2);
    assert_eq!(
        row(&report.units, "北湖区科协").items,
        1,
        "spaces inside a unit's name are dropped"
    );
}

#[test]
fn aliases_merge_units_under_their_canonical_name() {
    let aliases =
        Aliases::parse("# 各单位的规范名称\n南湖区科协 = 南湖科协、南湖区 科学技术协会\n\n市营养学会＝营养学会")
            .unwrap();
    assert_eq!(aliases.resolve("南湖科协"), "南湖区科协");
    assert_eq!(aliases.resolve("南湖区科学技术协会"), "南湖区科协");
    assert_eq!(aliases.resolve("营养学会"), "市营养学会");
    assert_eq!(aliases.resolve("别的单位"), "别的单位");
    let issues = vec![issue(
        1,
        Some((2024, 5, 1)),
        None,
        &[(
            "动态",
            &[
                ("一", "正文。", &["南湖科协"]),
                ("二", "正文。", &["南湖区科协"]),
                ("三", "正文。", &["南湖科协", "南湖区科协"]),
            ],
        )],
    )];
    let report = count(
        &issues,
        &Query {
            aliases,
            ..Query::default()
        },
    );
    assert_eq!(report.units.len(), 1);
    assert_eq!(
        report.units[0].items, 3,
        "an item naming a unit twice under two names counts once"
    );
    assert_eq!(report.shared_items, 0);
}

#[test]
fn a_bad_alias_list_says_which_line() {
    let missing = Aliases::parse("南湖区科协 = 南湖科协\n只有名字").unwrap_err();
    assert_eq!(missing.line, 2);
    assert!(missing.message.contains("等号"), "{}", missing.message);
    let twice = Aliases::parse("甲 = 丙\n乙 = 丙").unwrap_err();
    assert_eq!(twice.line, 2);
    assert!(twice.message.contains("丙"), "{}", twice.message);
}

#[test]
fn a_date_range_counts_only_issues_inside_it() {
    let query = Query {
        from: Some(date(2024, 1, 1)),
        to: Some(date(2024, 3, 31)),
        ..Query::default()
    };
    let report = count(&year(), &query);
    assert_eq!(report.issues_counted, 2);
    assert_eq!(report.items, 6);
    assert!(report.units.iter().all(|r| r.name != "北湖区科协"));
    // The ends are inclusive.
    let one_day = Query {
        from: Some(date(2024, 4, 2)),
        to: Some(date(2024, 4, 2)),
        ..Query::default()
    };
    assert_eq!(count(&year(), &one_day).issues_counted, 1);
}

#[test]
fn undated_issues_are_listed_not_guessed_when_a_range_is_asked() {
    let mut issues = year();
    issues.push(issue(9, None, None, &[("动态", &[("无日期", "正文。", &["甲"])])]));
    let ranged = count(
        &issues,
        &Query {
            from: Some(date(2024, 1, 1)),
            ..Query::default()
        },
    );
    assert_eq!(ranged.issues_counted, 3);
    assert_eq!(ranged.undated.len(), 1);
    assert!(ranged.undated[0].contains("第9期"), "{:?}", ranged.undated);
    let all = count(
        &issues,
        &Query {
            by: Some(Period::Year),
            ..Query::default()
        },
    );
    assert_eq!(all.issues_counted, 4);
    assert_eq!(all.periods.last().map(String::as_str), Some(UNDATED));
}

#[test]
fn periods_split_the_figures_in_time_order() {
    let issues = year();
    let by_quarter = count(
        &issues,
        &Query {
            by: Some(Period::Quarter),
            ..Query::default()
        },
    );
    assert_eq!(by_quarter.periods, ["2024年第1季度", "2024年第2季度"]);
    assert_eq!(row(&by_quarter.units, "南湖区科协").by_period, [1, 1]);
    assert_eq!(row(&by_quarter.units, "市营养学会").by_period, [2, 0]);
    let by_month = count(
        &issues,
        &Query {
            by: Some(Period::Month),
            ..Query::default()
        },
    );
    assert_eq!(by_month.periods, ["2024年1月", "2024年3月", "2024年4月"]);
    // Given in another order, the columns still run in time order.
    let reversed: Vec<Issue> = issues.into_iter().rev().collect();
    assert_eq!(
        count(
            &reversed,
            &Query {
                by: Some(Period::Month),
                ..Query::default()
            }
        )
        .periods,
        by_month.periods
    );
    assert_eq!(Period::parse("季度"), Some(Period::Quarter));
    assert_eq!(Period::parse("week"), None);
}

#[test]
fn a_section_filter_ignores_width_and_names_the_lead() {
    let query = Query {
        section: Some("学会动态".to_string()),
        ..Query::default()
    };
    let report = count(&year(), &query);
    assert_eq!(report.items, 3);
    assert_eq!(report.sections.len(), 1);
    assert_eq!(
        report.issues.len(),
        3,
        "an issue without items in the section still has its row"
    );
    assert_eq!(report.issues[2].items, 0);
    let lead = count(
        &year(),
        &Query {
            section: Some(LEAD_SECTION.to_string()),
            ..Query::default()
        },
    );
    assert_eq!(lead.items, 1);
}

#[test]
fn issues_are_rows_in_date_order_even_with_the_same_name() {
    let mut issues = year();
    issues.insert(0, issues[2].clone());
    let report = count(&issues, &Query::default());
    assert_eq!(report.issues.len(), 4, "two issues of the same number stay two rows");
    assert!(
        report.issues[0].name.contains("2024年1月10日"),
        "{:?}",
        report.issues[0]
    );
}

#[test]
fn csv_opens_in_excel_with_chinese_and_totals() {
    let report = count(
        &year(),
        &Query {
            by: Some(Period::Quarter),
            ..Query::default()
        },
    );
    let csv = to_csv(&report, Table::Units);
    assert!(csv.starts_with('\u{FEFF}'), "a byte-order mark tells Excel it is UTF-8");
    let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "供稿单位,采用条数,其中与其他单位合作,2024年第1季度,2024年第2季度"
    );
    assert!(lines.contains(&"南湖区科协,2,0,1,1"), "{lines:?}");
    assert!(lines.contains(&"市植物保护学会,2,1,2,0"), "{lines:?}");
    assert_eq!(lines[lines.len() - 2], "合计,8,1,6,2");
    assert_eq!(lines.last(), Some(&""), "every line ends with CRLF");
    let sections = to_csv(&report, Table::Sections);
    assert!(sections.contains("栏目,采用条数,2024年第1季度"), "{sections}");
    let issues = to_csv(&report, Table::Issues);
    assert_eq!(issues.matches("\r\n").count(), 1 + 3 + 1);
}

#[test]
fn csv_cells_are_quoted_and_formulas_defused() {
    assert_eq!(cell("市科协"), "市科协");
    assert_eq!(cell("甲,乙"), "\"甲,乙\"");
    assert_eq!(cell("说\"好\""), "\"说\"\"好\"\"\"");
    assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(cell("+1"), "'+1");
    assert_eq!(cell("@SUM"), "'@SUM");
    assert_eq!(cell("两行\n文字"), "\"两行\n文字\"");
}

#[test]
fn an_empty_archive_gives_an_empty_report() {
    let report = count(&[], &Query::default());
    assert_eq!(report, Report::default());
    assert_eq!(
        to_csv(&report, Table::Units),
        "\u{FEFF}供稿单位,采用条数,其中与其他单位合作\r\n合计,0,0\r\n"
    );
}

#[test]
fn iso_dates_are_read_strictly() {
    assert_eq!(Date::from_iso("2024-03-15"), Some(date(2024, 3, 15)));
    assert_eq!(Date::from_iso("2024-3-5"), Some(date(2024, 3, 5)));
    for bad in ["2024-02-30", "2024/03/15", "2024-03", "", "2024-03-15x", "+2024-03-15"] {
        assert_eq!(Date::from_iso(bad), None, "{bad}");
    }
}

#[test]
fn the_printable_page_holds_the_chart_and_every_row() {
    use jianbao::core::archive::page::{bar_chart_svg, stats_page, table_html, CHART_ROWS};
    let report = count(
        &year(),
        &Query {
            by: Some(Period::Quarter),
            ..Query::default()
        },
    );
    let page = stats_page(&report, Table::Units, "2024年供稿统计");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>2024年供稿统计</title>"));
    assert!(page.contains("共 3 期，采用稿件 8 条；其中 1 条由多个单位合作"));
    for row in &report.units {
        assert!(
            page.contains(&format!("<th scope=\"row\">{}</th><td>{}</td>", row.name, row.items)),
            "{}",
            row.name
        );
    }
    assert!(page.contains("<tfoot><tr><th scope=\"row\">合计</th><td>8</td><td>1</td><td>6</td><td>2</td>"));
    assert_eq!(page.matches("<rect ").count(), report.units.len());
    // Names are escaped, and the chart stops at CHART_ROWS bars.
    let many: Vec<Row> = (0..40)
        .map(|i| Row {
            name: format!("<单位{i}>"),
            items: 40 - i,
            shared: 0,
            by_period: vec![],
        })
        .collect();
    let svg = bar_chart_svg(&many, "图");
    assert_eq!(svg.matches("<rect ").count(), CHART_ROWS);
    assert!(svg.contains("&lt;单位0&gt;") && !svg.contains("<单位0>"));
    assert!(table_html(&report, Table::Sections, "栏目").contains("<th scope=\"col\">栏目</th>"));
}
