//! Native tests of web copy (`src/core/ingest/web.rs`): 公众号 articles pasted as text, in
//! the shapes the browser copies them, with our own sample articles. Each checks the
//! title, the body's paragraphs, the sources and the lines moved out (never lost).

use jianbao::core::ingest::web::{take_apart, NAME};
use jianbao::core::ingest::{detect, detect_with, rule};

/// A 公众号 article as Chromium copies it: emoji around the title, the by-line, a follow
/// prompt, paragraphs separated by blank lines (the first without end punctuation), the
/// sources, the article's credits, `END` and the page's buttons and counters.
const WECHAT: &str = "🔥南湖区科协举办2024年科技活动周启动仪式🎉

原创 南湖区科协 南湖科协 2024年4月3日 17:30 浙江

点击蓝字关注我们

4月2日，南湖区2024年科技活动周启动仪式在区科技馆举行，来自全区的200余名中小学生参加了活动

活动现场设置了机器人表演、科学实验秀等12个展位。区科协负责人表示，将持续开展科普进校园活动。

来源：南湖区科协科普部

编辑：张小明  审核：李华

END

阅读原文
阅读 1052
分享 收藏 在看 23
";

/// The same kind of article copied without blank lines, as some browsers and the 公众号
/// editor's preview give it, with `文/图：` under the by-line and a QR prompt at the end.
const WECHAT_TIGHT: &str = "⭐秀洲区科协开展“科技助农”志愿服务
秀洲科协 2024-05-10 09:12
文/图：秀洲区科协、王店镇农技站
5月9日，秀洲区科协组织农技专家走进王店镇，为种植户讲解病虫害绿色防控技术
专家们还来到田间地头，现场答疑解惑。
责任编辑：陈一｜校对：周二
长按识别二维码关注
在看
";

#[test]
fn a_wechat_article_gives_its_title_paragraphs_and_sources() {
    let submission = detect(WECHAT);
    assert_eq!(submission.title, "南湖区科协举办2024年科技活动周启动仪式");
    assert_eq!(submission.sources, vec!["南湖区科协科普部"]);
    let paragraphs: Vec<&str> = submission.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 2, "{}", submission.body);
    assert!(paragraphs[0].starts_with("4月2日，") && paragraphs[0].ends_with("参加了活动"));
    assert!(paragraphs[1].starts_with("活动现场"));
    for gone in ["原创", "点击蓝字", "END", "阅读", "编辑：", "审核：", "在看", "🔥"] {
        assert!(!submission.body.contains(gone), "{gone} in {}", submission.body);
    }
    assert!(submission.fired.contains(&NAME), "{:?}", submission.fired);
}

#[test]
fn every_line_moved_out_is_offered_to_the_editor() {
    let submission = detect(WECHAT);
    assert_eq!(
        submission.removed,
        vec![
            "🔥🎉",
            "原创 南湖区科协 南湖科协 2024年4月3日 17:30 浙江",
            "点击蓝字关注我们",
            "编辑：张小明  审核：李华",
            "END",
            "阅读原文",
            "阅读 1052",
            "分享 收藏 在看 23",
        ]
    );
    // Nothing else went: every character of the paste is in the title, body, sources or
    // the removed lines.
    let kept: String = [
        submission.title.clone(),
        submission.body.clone(),
        submission.sources.join(""),
        submission.removed.join(""),
    ]
    .concat();
    let significant = |text: &str| -> Vec<char> {
        let mut chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !"来源：".contains(*c))
            .collect();
        chars.sort_unstable();
        chars
    };
    assert_eq!(significant(&kept), significant(WECHAT));
}

#[test]
fn a_tight_copy_keeps_its_title_apart_and_reads_wen_tu_as_sources() {
    let submission = detect(WECHAT_TIGHT);
    assert_eq!(submission.title, "秀洲区科协开展“科技助农”志愿服务");
    assert_eq!(submission.sources, vec!["秀洲区科协", "王店镇农技站"]);
    assert!(submission.body.starts_with("5月9日，秀洲区科协"), "{}", submission.body);
    assert!(submission.body.contains("现场答疑解惑。"), "{}", submission.body);
    assert!(submission.removed.contains(&"秀洲科协 2024-05-10 09:12".to_string()));
    assert!(submission.removed.contains(&"责任编辑：陈一｜校对：周二".to_string()));
    assert!(submission.removed.contains(&"长按识别二维码关注".to_string()));
}

#[test]
fn pasted_html_gives_the_title_as_a_heading_and_it_is_read_too() {
    let markdown = "# 📣嘉兴市科协召开年度工作会议\n\n原创 嘉兴科协 2024年1月8日 10:00\n\n1月5日，会议在市科技馆召开。\n\n来源：嘉兴市科协办公室\n\n阅读原文\n";
    let submission = detect(markdown);
    assert_eq!(submission.title, "嘉兴市科协召开年度工作会议");
    assert_eq!(submission.body, "1月5日，会议在市科技馆召开。");
    assert_eq!(submission.sources, vec!["嘉兴市科协办公室"]);
}

#[test]
fn text_without_web_lines_is_not_web_copy() {
    // A bulletin item with its own 编辑 line and a Word paste: no by-line, no page lines.
    for text in [
        "市科协召开学会工作座谈会\n\n3月5日，会议召开。\n\n（市科协学会部）\n",
        "编辑：张红波　审核：李金涛\n",
        "一、会议要求\n\n各学会要做好年度工作。\n",
    ] {
        assert_eq!(take_apart(text), None, "{text}");
        assert!(detect(text).removed.is_empty(), "{text}");
    }
}

#[test]
fn the_web_step_is_listed_and_can_be_switched_off() {
    assert_eq!(rule(NAME).map(|r| r.name), Some(NAME));
    let off = detect_with(WECHAT, &[NAME]);
    assert!(off.removed.is_empty());
    assert!(off.body.contains("点击蓝字关注我们"), "{}", off.body);
    assert!(!off.fired.contains(&NAME));
}

#[test]
fn a_title_is_never_run_into_a_news_texts_first_line() {
    // Not web copy: a Word paste whose title sits right above a body line without commas.
    let submission = detect("市科协召开学会工作座谈会\n3月5日市科协召开座谈会\n\n会议要求各学会做好工作。\n");
    assert_eq!(submission.title, "市科协召开学会工作座谈会");
    assert!(submission.body.starts_with("3月5日"), "{}", submission.body);
}
