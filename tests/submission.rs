//! A contributor's submission file (front matter and body): writing, reading back exactly,
//! texts without front matter, the detected item; then the paste dialog's checks: the
//! similarity of two bodies and the look of a whole bulletin.

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::ingest::submission::{is_near_duplicate, parse, to_file, Fingerprint, DUPLICATE_THRESHOLD};
use jianbao::core::ingest::{has_front_matter, looks_like_bulletin, similarity, Contribution};
use proptest::prelude::*;

/// The example of the brief.
fn example() -> Contribution {
    Contribution {
        title: "某区科协举办科普讲座".into(),
        sources: "某区科协、某学会".into(),
        contributor: "张三".into(),
        date: "2024-03-15".into(),
        body: "正文……\n".into(),
    }
}

#[test]
fn writes_the_documented_layout() {
    let expected = "---\ntitle: 某区科协举办科普讲座\nsources: 某区科协、某学会\ncontributor: 张三\ndate: 2024-03-15\n---\n\n正文……\n";
    assert_eq!(to_file(&example()), expected);
    assert_eq!(parse(expected), Some(example()));
}

#[test]
fn values_stay_on_one_line() {
    let contribution = Contribution {
        title: "上行\n下行\\n字面".into(),
        ..example()
    };
    let file = to_file(&contribution);
    assert!(file.contains("title: 上行\\n下行\\\\n字面\n"), "{file}");
    assert_eq!(parse(&file), Some(contribution));
}

#[test]
fn reads_windows_line_ends_and_a_byte_order_mark() {
    let text = "\u{feff}---\r\ntitle: 标题\r\ndate: 2024-03-15\r\n---\r\n\r\n第一段。\r\n";
    let parsed = parse(text).expect("front matter");
    assert_eq!(parsed.title, "标题");
    assert_eq!(parsed.date, "2024-03-15");
    assert_eq!(parsed.body, "第一段。\n");
}

#[test]
fn ignores_unknown_keys() {
    let parsed = parse("---\ntitle: 标题\nphone: 123\n---\n正文").expect("front matter");
    assert_eq!(parsed.title, "标题");
    assert_eq!(parsed.body, "正文");
}

#[test]
fn text_without_front_matter_is_none() {
    for text in [
        "",
        "某区科协举办科普讲座\n\n正文。",
        "---\n\n正文",
        "---\n---\n正文",
        "---\ntitle: 没有结束\n",
        "---\n一行没有冒号\n---\n",
        "# 标题\n\n---\n\ntitle: x\n---\n",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
        assert!(!has_front_matter(text));
    }
}

#[test]
fn the_contribution_becomes_a_clean_item() {
    let contribution = Contribution {
        title: "  某区科协举办科普讲座 ".into(),
        sources: "某区科协，某学会".into(),
        body: "讲座在区科技馆举行，吸引了\n两百余名居民参加。\n".into(),
        ..example()
    };
    let submission = contribution.to_submission(&[]);
    assert_eq!(submission.title, "某区科协举办科普讲座");
    assert_eq!(submission.sources, vec!["某区科协", "某学会"]);
    assert_eq!(submission.body, "讲座在区科技馆举行，吸引了两百余名居民参加。");
    assert!(!submission.fired.is_empty());
}

#[test]
fn file_names_are_safe() {
    assert_eq!(example().file_name(), "投稿-某区科协举办科普讲座.md");
    let odd = Contribution {
        title: "a/b:c?".into(),
        ..example()
    };
    assert_eq!(odd.file_name(), "投稿-a_b_c_.md");
    assert_eq!(Contribution::default().file_name(), "投稿.md");
}

#[test]
fn similarity_of_bodies() {
    let a = "3月10日，某区科协在区科技馆举办“健康生活”科普讲座，两百余名居民参加。";
    let reflowed = "3月10日，某区科协在区科技馆举办\n“健康生活”科普讲座，两百余名居民 参加。";
    assert!((similarity(a, a) - 1.0).abs() < 1e-9);
    assert!(is_near_duplicate(a, reflowed));
    let edited = "3月10日，某区科协在区科技馆举办“健康生活”科普讲座，三百余名居民参加。";
    assert!(
        similarity(a, edited) >= DUPLICATE_THRESHOLD,
        "{}",
        similarity(a, edited)
    );
    let other = "市植物保护学会组织专家深入田间地头，开展春季病虫害防治技术指导。";
    assert!(similarity(a, other) < 0.2);
    assert!(!is_near_duplicate("", ""));
    assert_eq!(similarity("甲", "甲"), 0.0);
    // One fingerprint, many comparisons: the same answers.
    let print = Fingerprint::of(a);
    for text in [a, reflowed, edited, other, "", "甲"] {
        assert_eq!(print.is_near_duplicate_of(text), is_near_duplicate(a, text), "{text}");
    }
}

#[test]
fn a_huge_paste_is_compared_with_every_item_quickly() {
    // A 5 MB body against the items of an issue: one fingerprint, and items far too
    // short to match are rejected by their length alone.
    let paragraph = "为学习宣传贯彻会议精神，推动工作高质量发展，会议总结了一年来的亮点工作。\n\n";
    let huge = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    let started = std::time::Instant::now();
    let print = Fingerprint::of(&huge);
    let items: Vec<String> = (0..1_000).map(|n| format!("第{n}条稿件的正文，一段话。")).collect();
    assert!(!items.iter().any(|item| print.is_near_duplicate_of(item)));
    assert!(print.is_near_duplicate_of(&huge), "a copy of itself");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn whole_bulletins_are_recognised() {
    let bulletin = "科协工作简报\n2024年第3期\n\n【学会动态】\n\n### 标题\n\n正文。\n\n【区科协动态】\n\n### 标题二\n\n正文。\n\n编辑：李四\n";
    assert!(looks_like_bulletin(bulletin));
    assert!(looks_like_bulletin("【学会动态】\n正文。\n编辑：王五"));
    assert!(!looks_like_bulletin(
        "某区科协举办科普讲座\n\n3月10日，讲座举行。（某区科协）"
    ));
    assert!(!looks_like_bulletin("【学会动态】一句话里提到栏目。"));
}

/// One-line and multi-line values with CJK, colons, fences, quotes, backslashes and
/// line ends.
fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("科".to_string()),
            Just("协".to_string()),
            Just("：".to_string()),
            Just(":".to_string()),
            Just(": ".to_string()),
            Just("---".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("“".to_string()),
            Just("\\".to_string()),
            Just("\\n".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just(" ".to_string()),
            Just("#".to_string()),
            "[a-z0-9]{1,3}",
            "\\PC{1,2}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn round_trip_is_exact(
        title in value(),
        sources in value(),
        contributor in value(),
        date in value(),
        body in value(),
    ) {
        let contribution = Contribution { title, sources, contributor, date, body };
        let file = to_file(&contribution);
        prop_assert_eq!(file.lines().take(6).filter(|l| *l == "---").count(), 2);
        prop_assert_eq!(parse(&file), Some(contribution));
    }

    #[test]
    fn similarity_is_symmetric_and_bounded(a in "\\PC{0,40}", b in "\\PC{0,40}") {
        let ab = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&ab));
        prop_assert!((ab - similarity(&b, &a)).abs() < 1e-12);
        prop_assert_eq!(Fingerprint::of(&a).is_near_duplicate_of(&b), is_near_duplicate(&a, &b));
    }
}
