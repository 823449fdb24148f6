//! The seed bulletin (a real issue, as text from its PDF) imports as its editor meant it.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use jianbao::core::format::{export, import};
use jianbao::core::{Date, Issue, Section};

fn seed() -> Issue {
    let (issue, warnings) = import(&common::read_shared(common::SEED));
    for warning in &warnings {
        eprintln!("line {}: {}", warning.line, warning.message);
    }
    issue
}

fn titles(section: &Section) -> Vec<&str> {
    section.items.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn seed_masthead() {
    let m = seed().masthead;
    assert_eq!(m.title, "科协每周动态");
    assert_eq!(
        (m.year, m.number, m.total, m.supplement),
        (Some(2023), Some(7), Some(60), false)
    );
    assert_eq!(m.publisher, "北京市科协办公室");
    assert_eq!(m.date, Date::new(2023, 3, 10));
}

#[test]
fn seed_sections_items_and_sources() {
    let issue = seed();
    let headings: Vec<&str> = issue.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["", "学会动态", "区科协动态", "基层组织动态"]);
    let lead = &issue.sections[0];
    assert_eq!(titles(lead), ["市科协召开 2023 年区科协联席会"]);
    assert!(lead.items[0].sources.is_empty(), "the lead item has no sources");
    assert_eq!(issue.sections[1].items.len(), 2);
    assert_eq!(issue.sections[2].items.len(), 2);
    assert_eq!(
        issue.sections[1].items[0].sources,
        ["北京中医药学会", "北京科技社团服务中心"]
    );
    assert_eq!(
        issue.sections[1].items[1].sources,
        ["北京作物学会", "北京科技社团服务中心"]
    );
    assert_eq!(issue.sections[2].items[0].sources, ["西城区科协"]);
    assert_eq!(issue.sections[2].items[1].sources, ["门头沟区科协"]);
    let grassroots = &issue.sections[3];
    assert!(grassroots.items.is_empty());
    assert_eq!(grassroots.columns.len(), 1);
    assert_eq!(grassroots.columns[0].heading, "首都科技工作者沙龙");
    let salon = &grassroots.columns[0].items;
    assert_eq!(salon.len(), 1);
    assert_eq!(salon[0].title, "“制造业产业升级政、产、学跨界沙龙活动”举办");
    assert_eq!(
        salon[0].sources,
        ["北京科技社团服务中心", "中关村认同应用技术跨界创新联盟"]
    );
    assert_eq!(issue.item_count(), 6);
    for (_, item) in issue.items() {
        assert!(
            !item.body.contains("编辑："),
            "the footer is not part of {}",
            item.title
        );
        assert!(!item.body.ends_with('）'), "sources were split off {}", item.title);
    }
}

#[test]
fn seed_footer() {
    let footer = seed().footer;
    assert_eq!(footer.editor, "张红波");
    assert_eq!(footer.reviewer, "李金涛");
    assert_eq!(footer.distribution.len(), 1);
    assert_eq!(footer.distribution[0].label, "分送");
    assert_eq!(
        footer.distribution[0].lines,
        [
            "市科协第十届委员会主席、副主席、常委、委员",
            "市科协驻会领导",
            "市学会、基金会，区科协，基层组织",
            "机关各部门及事业单位"
        ]
    );
}

#[test]
fn seed_toc_is_dropped_and_nothing_is_lost() {
    let text = common::read_shared(common::SEED);
    let issue = seed();
    let exported = export(&issue);
    assert!(!exported.contains("目录提要"), "the 目录提要 is derived, not stored");
    // Every paragraph of the seed's body text survives import somewhere in the issue.
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() > 20 && !l.starts_with('#'))
    {
        let probe: String = line.chars().take(20).collect();
        assert!(exported.contains(&probe), "lost: {probe}");
    }
}

#[test]
fn seed_export_is_a_fixed_point() {
    let once = export(&seed());
    let (again, warnings) = import(&once);
    assert!(warnings.is_empty(), "our own output imports cleanly: {warnings:?}");
    assert_eq!(export(&again), once);
    assert_eq!(again, seed());
}
