//! The on-demand workers' protocol (`core::ondemand`): every request goes through JSON as
//! the page sends it, is handled as the worker handles it, and its answer comes back
//! through JSON equal to what the core computes when called directly.

mod archive;

use archive::issue;
use jianbao::core::archive::csv::{to_csv, Table};
use jianbao::core::archive::page::{bar_chart_svg, stats_page};
use jianbao::core::archive::{count, Aliases, Query, SearchIndex};
use jianbao::core::format::{export, import};
use jianbao::core::ingest::html::{to_markdown, Node};
use jianbao::core::ingest::{detect, import_bulletin};
use jianbao::core::ondemand::archive::{self as a, Doc, StatsForm};
use jianbao::core::ondemand::paste::{self as p, Analyze};
use jianbao::core::ondemand::{from_json, to_json};
use jianbao::core::Issue;

/// Sends a request to an archive worker as the page does and reads its answer back.
fn ask_archive(worker: &mut a::Worker, request: a::Request) -> a::Answer {
    from_json(&worker.handle_json(&to_json(&request))).expect("an answer")
}

/// Sends a request to a paste worker as the page does and reads its answer back.
fn ask_paste(worker: &mut p::Worker, request: p::Request) -> p::Answer {
    from_json(&worker.handle_json(&to_json(&request))).expect("an answer")
}

fn published() -> Vec<Issue> {
    vec![
        issue(
            1,
            Some((2024, 1, 10)),
            None,
            &[(
                "学会动态",
                &[(
                    "植物保护学会召开年会",
                    "会议总结了全年工作，部署了新一年的科普任务。",
                    &["市植物保护学会"],
                )],
            )],
        ),
        issue(
            3,
            Some((2024, 4, 2)),
            None,
            &[(
                "区科协动态",
                &[(
                    "南湖区科普日",
                    "南湖区举办科普日活动，市民踊跃参加。",
                    &["南湖区科协", "市营养学会"],
                )],
            )],
        ),
    ]
}

fn corpus() -> Vec<Doc> {
    let mut docs: Vec<Doc> = published()
        .iter()
        .map(|issue| Doc {
            label: issue.masthead.short_name(),
            markdown: export(issue),
            published: true,
        })
        .collect();
    let draft = issue(
        4,
        None,
        None,
        &[("学会动态", &[("草稿里的年会", "草稿正文。", &["市植物保护学会"])])],
    );
    docs.push(Doc {
        label: "草稿".to_string(),
        markdown: export(&draft),
        published: false,
    });
    docs
}

/// The issues the worker sees: each document imported from its Markdown.
fn imported(docs: &[Doc], only_published: bool) -> Vec<Issue> {
    docs.iter()
        .filter(|d| d.published || !only_published)
        .map(|d| import(&d.markdown).0)
        .collect()
}

#[test]
fn an_archive_worker_without_its_corpus_says_so() {
    let mut worker = a::Worker::default();
    assert_eq!(ask_archive(&mut worker, a::Request::Numbering), a::Answer::NotLoaded);
    let search = a::Request::Search {
        query: "年会".into(),
        limit: 5,
    };
    assert_eq!(ask_archive(&mut worker, search), a::Answer::NotLoaded);
}

#[test]
fn search_through_the_worker_finds_what_the_index_finds_with_labels() {
    let docs = corpus();
    let mut worker = a::Worker::default();
    assert_eq!(
        ask_archive(&mut worker, a::Request::Load(docs.clone())),
        a::Answer::Loaded(3)
    );
    let direct = SearchIndex::build(&imported(&docs, false)).search("年会", 50);
    let a::Answer::Hits(hits) = ask_archive(
        &mut worker,
        a::Request::Search {
            query: "年会".into(),
            limit: 50,
        },
    ) else {
        panic!("hits expected")
    };
    assert_eq!(hits.len(), direct.len());
    assert_eq!(hits.len(), 2, "the published item and the draft's");
    for (hit, want) in hits.iter().zip(&direct) {
        assert_eq!(hit.title, want.title);
        assert_eq!(hit.snippet, want.snippet);
        assert_eq!(hit.label, docs[want.issue].label);
        assert_eq!(hit.published, docs[want.issue].published);
    }
    assert!(hits.iter().any(|h| !h.published && h.label == "草稿"));
}

#[test]
fn statistics_csv_and_page_through_the_worker_count_published_issues_only() {
    let docs = corpus();
    let mut worker = a::Worker::default();
    ask_archive(&mut worker, a::Request::Load(docs.clone()));
    let form = StatsForm {
        table: "units".into(),
        heading: "供稿统计".into(),
        aliases: "市植保学会 = 市植物保护学会".into(),
        ..StatsForm::default()
    };
    let query = Query {
        aliases: Aliases::parse(&form.aliases).unwrap(),
        ..Query::default()
    };
    let report = count(&imported(&docs, true), &query);
    assert!(
        report.units.iter().any(|r| r.name == "市植保学会"),
        "the alias is applied"
    );
    let a::Answer::Stats(view) = ask_archive(&mut worker, a::Request::Stats(form.clone())) else {
        panic!("statistics expected")
    };
    assert_eq!(view.issues_counted, 2, "the draft is not counted");
    assert_eq!(view.items, report.items);
    assert_eq!(view.shared_items, 1);
    assert_eq!(view.rows, report.units);
    assert_eq!(view.first_header, "供稿单位");
    assert_eq!(view.chart, bar_chart_svg(&report.units, "供稿统计"));
    assert_eq!(view.alias_problem, None);
    assert_eq!(
        ask_archive(&mut worker, a::Request::Csv(form.clone())),
        a::Answer::Text(to_csv(&report, Table::Units))
    );
    assert_eq!(
        ask_archive(&mut worker, a::Request::Page(form)),
        a::Answer::Text(stats_page(&report, Table::Units, "供稿统计"))
    );
}

#[test]
fn a_bad_alias_line_and_a_period_reach_the_page() {
    let mut worker = a::Worker::default();
    ask_archive(&mut worker, a::Request::Load(corpus()));
    let form = StatsForm {
        aliases: "没有等号的一行".into(),
        period: "quarter".into(),
        table: "sections".into(),
        ..StatsForm::default()
    };
    let a::Answer::Stats(view) = ask_archive(&mut worker, a::Request::Stats(form)) else {
        panic!("statistics expected")
    };
    assert!(view.alias_problem.as_deref().is_some_and(|p| p.starts_with("第1行")));
    assert_eq!(view.periods.len(), 2, "{:?}", view.periods);
    assert_eq!(view.first_header, "栏目");
}

#[test]
fn numbering_notes_name_the_missing_number() {
    let mut worker = a::Worker::default();
    ask_archive(&mut worker, a::Request::Load(corpus()));
    let a::Answer::Notes(notes) = ask_archive(&mut worker, a::Request::Numbering) else {
        panic!("notes expected")
    };
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains('2'), "issue 2 is missing: {notes:?}");
}

#[test]
fn an_unreadable_request_gets_a_message_not_a_crash() {
    let mut archive = a::Worker::default();
    let answer: String = from_json(&archive.handle_json("{\"Nonsense\":1}")).expect("a message");
    assert!(answer.contains("应答无法解析"));
    let mut paste = p::Worker::default();
    let answer: String = from_json(&paste.handle_json("not json")).expect("a message");
    assert!(!answer.is_empty());
}

#[test]
fn analysis_through_the_worker_is_detection_with_rule_labels() {
    let text = "关于开展科普活动的通知\n\n各单位 ：\n\n  为 了 做好2024年科普工作，现通知如下 。\n\n来源：市科协";
    let mut worker = p::Worker::default();
    let ask = Analyze {
        text: text.into(),
        ..Analyze::default()
    };
    let p::Answer::Analysis(analysis) = ask_paste(&mut worker, p::Request::Analyze(ask)) else {
        panic!("analysis expected")
    };
    let direct = detect(text);
    assert_eq!(analysis.title, direct.title);
    assert_eq!(analysis.body, direct.body);
    assert_eq!(analysis.sources, direct.sources);
    let names: Vec<&str> = analysis.fired.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, direct.fired);
    assert!(!analysis.fired.is_empty() && analysis.fired.iter().all(|f| !f.label.is_empty() && f.label != f.name));
    assert!(!analysis.bulletin);

    // A rule switched off changes the text but not the list of rules offered.
    let off = direct.fired[0].to_string();
    let ask = Analyze {
        text: text.into(),
        disabled: vec![off.clone()],
        ..Analyze::default()
    };
    let p::Answer::Analysis(without) = ask_paste(&mut worker, p::Request::Analyze(ask)) else {
        panic!("analysis expected")
    };
    assert_eq!(without.fired, analysis.fired);
    let direct_off = jianbao::core::ingest::detect_with(text, &[off.as_str()]);
    assert_eq!((without.title, without.body), (direct_off.title, direct_off.body));

    // Every rule off: the text as typed, only taken apart.
    let ask = Analyze {
        text: text.into(),
        every_rule_off: true,
        ..Analyze::default()
    };
    let p::Answer::Analysis(raw) = ask_paste(&mut worker, p::Request::Analyze(ask)) else {
        panic!("analysis expected")
    };
    assert!(raw.body.contains("为 了"), "{}", raw.body);
}

#[test]
fn a_published_look_alike_is_named_only_when_published_issues_were_sent() {
    let mut worker = p::Worker::default();
    let text = "植物保护学会召开年会\n\n会议总结了全年工作，部署了新一年的科普任务。";
    let ask = Analyze {
        text: text.into(),
        similar: true,
        ..Analyze::default()
    };
    let p::Answer::Analysis(before) = ask_paste(&mut worker, p::Request::Analyze(ask.clone())) else {
        panic!("analysis expected")
    };
    assert_eq!(before.published_like, None);
    let issues: Vec<String> = published().iter().map(export).collect();
    assert_eq!(
        ask_paste(&mut worker, p::Request::Published(issues)),
        p::Answer::Published(2)
    );
    let p::Answer::Analysis(after) = ask_paste(&mut worker, p::Request::Analyze(ask)) else {
        panic!("analysis expected")
    };
    let like = after.published_like.expect("the published item");
    assert!(like.contains("植物保护学会召开年会"), "{like}");
}

#[test]
fn html_trees_cross_as_data_and_become_the_same_markdown() {
    let nodes = vec![
        Node::element("h2", vec![Node::text("标题")]),
        Node::element(
            "p",
            vec![
                Node::text("正文，"),
                Node::element("b", vec![Node::text("加粗")]),
                Node::element_with("a", &[("href", "https://example.org/")], vec![Node::text("链接")]),
            ],
        ),
        Node::element("ul", vec![Node::element("li", vec![Node::text("一")])]),
    ];
    let mut worker = p::Worker::default();
    assert_eq!(
        ask_paste(&mut worker, p::Request::Markdown(nodes.clone())),
        p::Answer::Markdown(to_markdown(&nodes))
    );
}

#[test]
fn a_bulletin_through_the_worker_imports_as_the_core_imports_it() {
    let text = "科协简报\n\n2024年第3期\n\n【学会动态】\n\n甲学会召开年会\n\n会议 总结了 工作。\n\n（市甲学会）\n";
    let mut worker = p::Worker::default();
    let p::Answer::Bulletin(bulletin) = ask_paste(&mut worker, p::Request::Bulletin(text.into())) else {
        panic!("bulletin expected")
    };
    let (issue, warnings, fired) = import_bulletin(text);
    assert_eq!(import(&bulletin.markdown).0.sections.len(), issue.sections.len());
    assert_eq!(export(&import(&bulletin.markdown).0), export(&issue));
    assert_eq!(bulletin.warnings.len(), warnings.len());
    assert_eq!(bulletin.cleaned.len(), fired.len());
}
