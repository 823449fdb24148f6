//! The seed bulletin (a real issue, as text from its PDF) through the paste cleanup:
//! every paragraph the PDF broke is joined, every real paragraph break stays, and not one
//! Chinese character is lost. The seed is read from `../shared` at test time.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use jianbao::core::format::{export, import};
use jianbao::core::ingest::{clean, import_bulletin};
use jianbao::core::{Issue, Item};

fn seed() -> String {
    common::read_shared(common::SEED)
}

/// The breaks the PDF made, as the text on either side: each must come out joined.
const BREAKS: [(&str, &str); 5] = [
    ("强化素质建设，提", "高能力水平"),
    ("打造出更多", "“科普胡同小院”式"),
    ("把广大科技", "工作者更加紧密"),
    ("联合主办，北京亦庄", "智能城市研究院"),
    ("赋能产业的创新，科", "技成果的落地"),
];

/// Every item's paragraph count as imported, and after cleanup: the expected joins.
const PARAGRAPHS: [(&str, usize, usize); 6] = [
    // 提 / 高能力水平.
    ("市科协召开2023年区科协联席会", 6, 5),
    ("迎“三八节”致敬女科技工作者主题活动举办", 2, 2),
    ("北京作物学会对接服务通州区生态农场", 3, 3),
    // 更多 / “科普胡同小院”.
    ("西城区科协举办“巾帼心向党 奋进新征程”庆“三八节”女科技工作者活动", 4, 3),
    // 科技 / 工作者.
    ("市科协到门头沟区进行科普工作调研", 4, 3),
    // 北京亦庄 / 智能城市研究院, and 科 / 技成果.
    ("“制造业产业升级政、产、学跨界沙龙活动”举办", 5, 3),
];

/// Sentence-final marks, for finding paragraphs that stop mid-sentence.
const FINAL: &[char] = &['。', '！', '？', '；', '…', '”', '」', '）', '】', '》', '.', '!', '?'];

/// The blocks of a text: runs of lines between blank lines.
fn blocks(text: &str) -> Vec<String> {
    text.split('\n')
        .collect::<Vec<_>>()
        .split(|line| line.trim().is_empty())
        .filter(|block| !block.is_empty())
        .map(|block| block.join("\n"))
        .collect()
}

/// Whether a block is running text (not a heading, list, rule or footer line).
fn is_running_text(block: &str) -> bool {
    !block.starts_with(['#', '-', '>', '|']) && !["编辑：", "审核：", "分送："].iter().any(|key| block.starts_with(key))
}

/// The paragraphs that stop mid-sentence and go on in the next block: long (more than a
/// title), not ending a sentence, followed by running text. Each is named by its last
/// characters and the next block's first.
fn broken_paragraphs(text: &str) -> Vec<(String, String)> {
    let blocks = blocks(text);
    blocks
        .windows(2)
        .filter(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            is_running_text(a) && is_running_text(b) && a.chars().count() > 40 && !a.trim_end().ends_with(FINAL)
        })
        .map(|pair| {
            let tail: String = pair[0]
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let head: String = pair[1].chars().take(4).collect();
            (tail, head)
        })
        .collect()
}

/// The CJK ideographs of a text, in order.
fn han(text: &str) -> String {
    text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect()
}

fn paragraphs(item: &Item) -> usize {
    blocks(&item.body).len()
}

fn items(issue: &Issue) -> Vec<&Item> {
    issue.items().map(|(_, item)| item).collect()
}

#[test]
fn the_seed_has_the_known_breaks_and_cleanup_joins_every_one() {
    let text = seed();
    // The checker finds exactly the breaks we know of in the raw seed...
    let before = broken_paragraphs(&text);
    assert_eq!(before.len(), BREAKS.len(), "{before:?}");
    for (left, right) in BREAKS {
        assert!(text.contains(left) && text.contains(right), "{left} / {right}");
        assert!(
            !text.contains(&format!("{left}{right}")),
            "{left}{right} is already whole"
        );
    }
    // ...and none after cleanup, where each is one run of text.
    let cleaned = clean(&text, &[]);
    assert_eq!(broken_paragraphs(&cleaned.text), Vec::<(String, String)>::new());
    for (left, right) in BREAKS {
        assert!(
            cleaned.text.contains(&format!("{left}{right}")),
            "not joined: {left} / {right}"
        );
    }
    assert!(cleaned.fired.contains(&"join-broken-lines"), "{:?}", cleaned.fired);
}

#[test]
fn real_paragraph_breaks_stay() {
    let (raw, _) = import(&seed());
    let (cleaned, _, fired) = import_bulletin(&seed());
    assert!(fired.contains(&"join-broken-lines"), "{fired:?}");
    let (raw, cleaned) = (items(&raw), items(&cleaned));
    assert_eq!(cleaned.len(), PARAGRAPHS.len());
    let mut joined = 0;
    for ((title, before, after), (raw, item)) in PARAGRAPHS.iter().zip(raw.iter().zip(&cleaned)) {
        assert_eq!(item.title, *title);
        assert_eq!((paragraphs(raw), paragraphs(item)), (*before, *after), "{title}");
        joined += before - after;
        eprintln!("{title}: {before} → {after} paragraphs");
    }
    assert_eq!(joined, BREAKS.len(), "every known break is joined, nothing else");
}

#[test]
fn nothing_is_lost() {
    let text = seed();
    // The whole text: the same Chinese characters in the same order.
    assert_eq!(han(&clean(&text, &[]).text), han(&text));
    // Each item: title, body and sources keep every Chinese character, in order.
    let (raw, _) = import(&text);
    let (cleaned, _, _) = import_bulletin(&text);
    for (raw, item) in items(&raw).into_iter().zip(items(&cleaned)) {
        assert_eq!(han(&item.title), han(&raw.title), "{}", raw.title);
        assert_eq!(han(&item.body), han(&raw.body), "{}", raw.title);
        assert_eq!(han(&item.sources.join("")), han(&raw.sources.join("")), "{}", raw.title);
        assert_eq!(item.sources, raw.sources, "the seed's sources are clean already");
    }
    // Cleanup touches items only: the masthead, headings and footer are import's.
    assert_eq!(cleaned.masthead, raw.masthead);
    assert_eq!(cleaned.footer, raw.footer);
    let headings = |issue: &Issue| issue.sections.iter().map(|s| s.heading.clone()).collect::<Vec<_>>();
    assert_eq!(headings(&cleaned), headings(&raw));
}

#[test]
fn slogans_keep_their_spacing_and_numbers_lose_theirs() {
    let cleaned = clean(&seed(), &[]).text;
    for kept in [
        // No space between Chinese and Arabic numerals (rule cjk-digit-spaces).
        "市科协召开2023年区科协联席会",
        "农科糯336和农科玉368",
        "“智慧科协2.0”",
        "“1.2.3.4”",
        "《笃定前行 行稳致远 携手发力 推动",
        "近2.4万",
    ] {
        assert!(cleaned.contains(kept), "changed: {kept}");
    }
    // The space between a closing quote and the next word goes; the slogan's stays.
    assert!(cleaned.contains("“巾帼心向党 奋进新征程”庆“三八节”"));
}

#[test]
fn cleanup_of_the_seed_is_idempotent() {
    let once = clean(&seed(), &[]);
    let twice = clean(&once.text, &[]);
    assert_eq!(twice.text, once.text);
    assert!(twice.fired.is_empty(), "{:?}", twice.fired);
}

#[test]
fn the_cleaned_seed_in_canonical_form_cleans_to_itself() {
    let (issue, _, _) = import_bulletin(&seed());
    let canonical = export(&issue);
    let (again, warnings, fired) = import_bulletin(&canonical);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(fired.is_empty(), "rules fired on a clean issue: {fired:?}");
    assert_eq!(again, issue);
    assert_eq!(export(&again), canonical);
    // Plain import reads it back exactly too: the canonical format is untouched.
    assert_eq!(import(&canonical).0, issue);
}
