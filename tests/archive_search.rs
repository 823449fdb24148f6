//! Search over past issues: substrings in Chinese text, width folding, every word of the
//! query, ranking by where the words are, snippets with the hits marked, near-duplicates.

mod archive;

use archive::issue;
use jianbao::core::archive::{Piece, SearchIndex};
use jianbao::core::Issue;

fn archive() -> Vec<Issue> {
    vec![
        issue(
            1,
            Some((2023, 5, 1)),
            None,
            &[(
                "学会动态",
                &[
                    (
                        "市营养学会举办科普讲座",
                        "讲座以“少盐、少油、控糖”为主题，讲解合理膳食。",
                        &["市营养学会"],
                    ),
                    (
                        "青少年科技创新大赛启动",
                        "大赛面向全市中小学生，设ＡＩ与机器人两个赛道。",
                        &["市科协青少年部"],
                    ),
                ],
            )],
        ),
        issue(
            2,
            Some((2024, 5, 1)),
            None,
            &[(
                "区科协动态",
                &[
                    (
                        "南湖区科协走进社区",
                        "志愿者为居民讲解合理膳食与科普知识，并发放营养手册。",
                        &["南湖区科协"],
                    ),
                    (
                        "北湖区开展科技活动周",
                        "活动周期间举办机器人展示，吸引AI爱好者参加。",
                        &["营养学会北湖分会"],
                    ),
                ],
            )],
        ),
    ]
}

fn titles(hits: &[jianbao::core::archive::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

fn marked(snippet: &[Piece]) -> String {
    snippet
        .iter()
        .map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() })
        .collect()
}

#[test]
fn chinese_words_match_as_substrings_anywhere() {
    let index = SearchIndex::build(&archive());
    assert_eq!(index.len(), 4);
    let hits = index.search("膳食", 10);
    assert_eq!(titles(&hits).len(), 2);
    assert!(titles(&hits).contains(&"市营养学会举办科普讲座"));
    assert!(titles(&hits).contains(&"南湖区科协走进社区"));
    assert!(index.search("不存在的词", 10).is_empty());
    assert!(index.search("   ", 10).is_empty(), "an empty query finds nothing");
}

#[test]
fn full_and_half_width_forms_find_each_other() {
    let index = SearchIndex::build(&archive());
    let half = index.search("ai", 10);
    let full = index.search("ＡＩ", 10);
    assert_eq!(titles(&half), titles(&full));
    assert_eq!(half.len(), 2, "ＡＩ in one body and AI in the other");
}

#[test]
fn every_word_of_the_query_must_be_there() {
    let index = SearchIndex::build(&archive());
    let hits = index.search("机器人 大赛", 10);
    assert_eq!(titles(&hits), ["青少年科技创新大赛启动"]);
    let none = index.search("机器人 膳食", 10);
    assert!(none.is_empty());
}

#[test]
fn a_title_outranks_the_sources_which_outrank_the_body() {
    let index = SearchIndex::build(&archive());
    // 营养 is in one title, in the sources of another, in the body of a third.
    let hits = index.search("营养", 10);
    assert_eq!(
        titles(&hits),
        ["市营养学会举办科普讲座", "北湖区开展科技活动周", "南湖区科协走进社区"]
    );
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
    assert_eq!(hits[1].sources, "营养学会北湖分会");
}

#[test]
fn ties_go_to_the_newer_issue() {
    let index = SearchIndex::build(&archive());
    let hits = index.search("合理膳食", 10);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score);
    assert_eq!(hits[0].title, "南湖区科协走进社区", "2024 before 2023");
    assert!(hits[0].issue_name.contains("2024年5月1日"), "{}", hits[0].issue_name);
    assert_eq!(hits[0].section, "区科协动态");
    assert_eq!(hits[0].issue, 1);
}

#[test]
fn the_limit_keeps_the_best() {
    let index = SearchIndex::build(&archive());
    let hits = index.search("营养", 1);
    assert_eq!(titles(&hits), ["市营养学会举办科普讲座"]);
}

#[test]
fn snippets_mark_every_hit_in_the_original_width() {
    let index = SearchIndex::build(&archive());
    let hits = index.search("ai 赛道", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        marked(&hits[0].snippet),
        "大赛面向全市中小学生，设[ＡＩ]与机器人两个[赛道]。"
    );
}

#[test]
fn long_bodies_are_cut_around_the_first_hit() {
    let long_body = format!("{}关键词在这里{}", "前文".repeat(100), "后文".repeat(100));
    let issues = vec![issue(
        1,
        Some((2024, 1, 1)),
        None,
        &[("动态", &[("长稿", long_body.as_str(), &["甲"])])],
    )];
    let hits = SearchIndex::build(&issues).search("关键词", 10);
    let text = marked(&hits[0].snippet);
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    assert!(text.contains("[关键词]在这里"), "{text}");
    assert!(text.chars().count() < 100, "{text}");
}

#[test]
fn a_hit_only_in_the_title_shows_the_title() {
    let index = SearchIndex::build(&archive());
    let hits = index.search("启动", 10);
    assert_eq!(marked(&hits[0].snippet), "青少年科技创新大赛[启动]");
}

#[test]
fn a_republished_item_is_found_as_similar() {
    let index = SearchIndex::build(&archive());
    let resubmitted = "南湖区科协走进社区\n志愿者为居民讲解合理膳食与科普知识，并发放营养手册！";
    let similar = index.similar(resubmitted);
    assert_eq!(similar.len(), 1);
    assert_eq!(similar[0].title, "南湖区科协走进社区");
    assert!(similar[0].similarity > 0.8);
    assert!(index.similar("完全不同的一篇稿件，讲的是另一件事情。").is_empty());
}
