//! The command-line tool's `clean`: one pasted submission in, one clean item out, and
//! `convert` cleaning every item of a foreign bulletin while leaving our own alone.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::jianbao;
use jianbao::cli::USAGE;
use jianbao::core::ingest::RULES;
use jianbao::core::sample::SAMPLE_MARKDOWN;

const PASTED: &str = "学会开展调研\n\n\u{3000}\u{3000}3月9日,学会专家赴示例区开展调研，强化素质建设，提\n\n— 2 —\n\n高能力水平。\n\n（甲学会、乙中心）\n";

#[test]
fn clean_prints_the_item_and_the_rules_that_fired() {
    let out = jianbao(&["clean", "-"], PASTED.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "### 学会开展调研\n\n3月9日，学会专家赴示例区开展调研，强化素质建设，提高能力水平。\n\n（甲学会、乙中心）\n"
    );
    for line in [
        "-: 已整理：合并被断开的段落（join-broken-lines）",
        "-: 已整理：删除页码行（drop-page-numbers）",
        "-: 已整理：汉字旁的半角标点改为全角（fullwidth-punct）",
    ] {
        assert!(out.stderr.lines().any(|l| l == line), "{line} not in:\n{}", out.stderr);
    }
    assert!(
        !out.stdout.contains("已整理"),
        "the report never reaches standard output"
    );
}

#[test]
fn clean_output_is_a_fixed_point() {
    let first = jianbao(&["clean", "-"], PASTED.as_bytes());
    let second = jianbao(&["clean", "-"], first.stdout.as_bytes());
    assert_eq!((second.code, &second.stdout), (0, &first.stdout));
    assert_eq!(second.stderr, "", "nothing is left to clean");
}

#[test]
fn off_switches_a_rule_off() {
    let out = jianbao(
        &["clean", "-", "--off", "join-broken-lines", "--off", "drop-page-numbers"],
        PASTED.as_bytes(),
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("提\n\n— 2 —\n\n高能力水平。"), "{}", out.stdout);
    assert!(!out.stderr.contains("join-broken-lines"), "{}", out.stderr);
}

#[test]
fn rules_lists_every_rule_with_its_label() {
    let out = jianbao(&["clean", "--rules"], b"");
    assert_eq!(out.code, 0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), RULES.len());
    for (line, rule) in lines.iter().zip(RULES) {
        assert_eq!(*line, format!("{}\t{}", rule.name, rule.label));
    }
}

#[test]
fn clean_reads_a_file_and_names_it() {
    let path = std::env::temp_dir().join(format!("jianbao-clean-{}.txt", std::process::id()));
    std::fs::write(&path, PASTED).expect("a temporary file");
    let path_text = path.to_string_lossy().into_owned();
    let out = jianbao(&["clean", &path_text], b"");
    std::fs::remove_file(&path).ok();
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, jianbao(&["clean", "-"], PASTED.as_bytes()).stdout);
    assert!(
        out.stderr.starts_with(&format!("{path_text}: 已整理：")),
        "{}",
        out.stderr
    );
}

#[test]
fn clean_usage_and_input_errors() {
    let cases: &[(&[&str], u8, &str)] = &[
        (&["clean"], 2, "clean needs an input"),
        (&["clean", "-", "--off"], 2, "--off takes a rule's name"),
        (&["clean", "-", "--off", "no-such-rule"], 2, "not no-such-rule"),
        (&["clean", "a.txt", "b.txt"], 2, "unexpected argument b.txt"),
        (&["clean", "/nonexistent/jianbao-4f1c2a.txt"], 1, "无法读取"),
    ];
    for (args, code, message) in cases {
        let out = jianbao(args, b"");
        assert_eq!(out.code, *code, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
    }
    let out = jianbao(&["clean", "-"], b"\xff\xfe");
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    assert!(out.stderr.contains("UTF-8"));
    assert!(USAGE.contains("jianbao clean <file|->"));
}

#[test]
fn convert_cleans_a_foreign_bulletin_and_leaves_ours_alone() {
    let seed = common::read_shared(common::SEED);
    let out = jianbao(&["convert", "-", "--to", "md"], seed.as_bytes());
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("强化素质建设，提高能力水平"),
        "the PDF's break is joined"
    );
    assert!(out.stdout.contains("北京亦庄智能城市研究院"));
    let ours = jianbao(&["convert", "-", "--to", "md"], SAMPLE_MARKDOWN.as_bytes());
    assert_eq!((ours.stdout.as_str(), ours.stderr.as_str()), (SAMPLE_MARKDOWN, ""));
}

#[test]
fn clean_takes_a_wechat_article_apart_as_the_paste_dialog_does_and_lists_what_it_moved() {
    let article = "🔥区科协举办科技活动周启动仪式\n\n原创 区科协 2024年4月3日 17:30 浙江\n\n点击蓝字关注我们\n\n4月2日，启动仪式在区科技馆举行\n\n现场设置了12个展位。\n\n来源：区科协科普部\n\n编辑：张小明  审核：李华\n\nEND\n\n阅读 1052\n";
    let out = jianbao(&["clean", "-"], article.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The dialog's item is the core's detection, which the CLI prints as Markdown.
    let detected = jianbao::core::ingest::detect(article);
    assert_eq!(out.stdout, detected.to_markdown());
    assert_eq!(
        out.stdout,
        "### 区科协举办科技活动周启动仪式\n\n4月2日，启动仪式在区科技馆举行\n\n现场设置了12个展位。\n\n（区科协科普部）\n"
    );
    for line in ["点击蓝字关注我们", "编辑：张小明  审核：李华", "END", "阅读 1052", "🔥"] {
        assert!(
            out.stderr.lines().any(|l| l == format!("-: 已移出：{line}")),
            "{line} not listed in:\n{}",
            out.stderr
        );
    }
}
