//! Several submissions at once (Word files imported together): each is checked for
//! near-duplicates against the open issue, the earlier submissions of the batch and the
//! published issues, as the paste dialog checks one; and footnotes at the end of a
//! submission stay there while its sources are found before them.

#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::archive::SearchIndex;
use jianbao::core::format::import;
use jianbao::core::ingest::batch::{duplicate_in_issue, duplicates, published_like};
use jianbao::core::ingest::{detect, Submission};

/// The open issue: two items of our own text.
fn open_issue() -> jianbao::core::Issue {
    import(
        "# 科协信息\n\n2024年第5期\n\n## 【工作动态】\n\n\
         ### 区科协召开科普工作推进会\n\n5月8日，区科协召开全区科普工作推进会，总结上半年工作，部署科技周、科普日等重点活动。各街道科协负责人参加会议。\n\n（区科协办公室）\n\n\
         ### 街道科协开展防灾减灾宣传\n\n5月12日是全国防灾减灾日，各街道科协在社区广场设置展板，向居民讲解地震逃生和家庭应急物资储备知识。\n\n（和平街道科协）\n",
    )
    .0
}

/// A published issue with one item.
fn published() -> Vec<jianbao::core::Issue> {
    vec![
        import(
            "# 科协信息\n\n2024年第4期\n\n## 【基层科普】\n\n\
             ### 社区科普大学春季班开课\n\n4月10日，社区科普大学春季班开课，首讲围绕老年人合理用药展开，六十余名居民到场听讲并现场提问。\n\n（东湖社区）\n",
        )
        .0,
    ]
}

fn submission(text: &str) -> Submission {
    detect(text)
}

#[test]
fn a_batch_is_flagged_against_the_issue_itself_and_the_archive() {
    let issue = open_issue();
    let index = SearchIndex::build(&published());
    let batch = vec![
        // New: nothing like it anywhere.
        submission("青少年科技夏令营开营\n\n7月5日，青少年科技夏令营在市科技馆开营，百余名中小学生将参加机器人编程和天文观测课程。\n\n（市科协青少年部）"),
        // The issue's first item again, re-punctuated and reflowed.
        submission("区科协召开科普工作推进会\n\n5月8日，区科协召开全区科普工作推进会,总结上半年工作，部署科技周、科普日等重点活动。\n各街道科协负责人参加会议。\n\n（区科协办公室）"),
        // The first submission of the batch again, under another title.
        submission("科技夏令营开营\n\n7月5日，青少年科技夏令营在市科技馆开营，百余名中小学生将参加机器人编程和天文观测课程！\n\n（市科协）"),
        // An item already published.
        submission("社区科普大学春季班开课\n\n4月10日，社区科普大学春季班开课，首讲围绕老年人合理用药展开，六十余名居民到场听讲并现场提问。\n\n（东湖社区）"),
    ];
    let flags = duplicates(&batch, &issue, Some(&index));
    assert_eq!(flags.len(), 4);
    assert!(!flags[0].any(), "{:?}", flags[0]);
    assert_eq!(flags[1].in_issue.as_deref(), Some("区科协召开科普工作推进会"));
    assert_eq!(flags[1].in_batch, None);
    assert_eq!(flags[2].in_batch, Some(0));
    assert_eq!(flags[2].in_issue, None);
    let published = flags[3].published.as_ref().expect("published");
    assert_eq!(published.title, "社区科普大学春季班开课");
    assert!(published.issue_name.contains("第4期"), "{}", published.issue_name);
    // Without an archive, only the issue and the batch are checked.
    let without = duplicates(&batch, &issue, None);
    assert!(without.iter().all(|d| d.published.is_none()));
    assert_eq!(without[1].in_issue, flags[1].in_issue);
}

#[test]
fn the_single_checks_are_the_paste_dialogs() {
    let issue = open_issue();
    let empty = Submission::default();
    assert!(duplicate_in_issue(&empty, &issue).is_none());
    assert!(published_like(&empty, &SearchIndex::build(&published())).is_none());
    // A title alone matches no item's body.
    let title_only = submission("区科协召开科普工作推进会");
    assert!(duplicate_in_issue(&title_only, &issue).is_none());
    // Two empty bodies in a batch are not duplicates of each other.
    let flags = duplicates(&[title_only.clone(), title_only], &issue, None);
    assert_eq!(flags[1].in_batch, None);
}

#[test]
fn footnotes_stay_at_the_end_and_the_sources_are_found_before_them() {
    let s = detect(
        "大赛落幕\n\n大赛共收到作品326件[注1]，评出一等奖12项。\n\n（市科协青少年部）\n\n[注1] 含团体作品41件。\n\n[注2] 公告发布于2024年6月1日。",
    );
    assert_eq!(s.title, "大赛落幕");
    assert_eq!(s.sources, ["市科协青少年部"]);
    assert_eq!(
        s.body,
        "大赛共收到作品326件[注1]，评出一等奖12项。\n\n[注1] 含团体作品41件。\n\n[注2] 公告发布于2024年6月1日。"
    );
    // Sources closing the last paragraph before the notes.
    let s = detect("标题\n\n活动圆满结束。（甲单位、乙单位）\n\n[注1] 说明。");
    assert_eq!(s.sources, ["甲单位", "乙单位"]);
    assert_eq!(s.body, "活动圆满结束。\n\n[注1] 说明。");
    // A text that is only notes keeps them all as its body.
    let s = detect("[注1] 说明。\n\n[注2] 另一条。");
    assert!(
        s.body.contains("[注1] 说明。") && s.body.contains("[注2] 另一条。"),
        "{s:?}"
    );
    // `[注]` without a number is text, not a note.
    let s = detect("标题\n\n正文。\n\n[注] 说明（甲单位）");
    assert!(s.body.contains("[注] 说明"), "{s:?}");
}
