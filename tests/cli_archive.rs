//! `jianbao stats` and `jianbao search` over Markdown files: the same figures as the core,
//! CSV and JSON output, and clear messages for bad arguments.

mod archive;
mod common;

use archive::issue_markdown;
use common::jianbao;
use std::path::PathBuf;

/// Writes three issues into a fresh folder and returns their paths.
fn files(name: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("jianbao-cli-archive-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let issues = [
        issue_markdown(
            1,
            Some((2023, 2, 1)),
            None,
            &[(
                "学会动态",
                &[
                    ("营养学会讲座", "讲解合理膳食。", &["市营养学会"]),
                    ("联合调研", "两个单位联合调研。", &["市营养学会", "南湖区科协"]),
                ],
            )],
        ),
        issue_markdown(
            2,
            Some((2023, 8, 1)),
            None,
            &[("区科协动态", &[("南湖区科普日", "科普日活动。", &["南湖科协"])])],
        ),
        issue_markdown(
            3,
            Some((2024, 1, 5)),
            None,
            &[("区科协动态", &[("新年活动", "合理膳食讲座。", &["南湖区科协"])])],
        ),
    ];
    issues
        .iter()
        .enumerate()
        .map(|(i, md)| {
            let path: PathBuf = dir.join(format!("第{}期.md", i + 1));
            std::fs::write(&path, md).unwrap();
            path.display().to_string()
        })
        .collect()
}

fn args<'a>(head: &[&'a str], files: &'a [String]) -> Vec<&'a str> {
    head.iter().copied().chain(files.iter().map(String::as_str)).collect()
}

#[test]
fn stats_counts_a_year_as_csv() {
    let files = files("csv");
    let out = jianbao(
        &args(
            &["stats", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "csv"],
            &files,
        ),
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with('\u{FEFF}'));
    let lines: Vec<&str> = out.stdout.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(lines[1], "市营养学会,2,1");
    assert!(lines.contains(&"南湖区科协,1,1"), "{lines:?}");
    assert!(lines.contains(&"南湖科协,1,0"), "{lines:?}");
    assert_eq!(lines.last(), Some(&"合计,3,1"));
}

#[test]
fn stats_applies_an_alias_file_and_splits_by_quarter() {
    let files = files("aliases");
    let alias_path = std::env::temp_dir().join(format!("jianbao-aliases-{}.txt", std::process::id()));
    std::fs::write(&alias_path, "南湖区科协 = 南湖科协\n").unwrap();
    let alias = alias_path.display().to_string();
    let out = jianbao(
        &args(
            &["stats", "--aliases", &alias, "--by", "quarter", "--format", "json"],
            &files,
        ),
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        report["periods"],
        serde_json::json!(["2023年第1季度", "2023年第3季度", "2024年第1季度"])
    );
    let units = report["units"].as_array().unwrap();
    assert_eq!(units[0]["name"], "南湖区科协");
    assert_eq!(units[0]["items"], 3);
    assert_eq!(units[0]["by_period"], serde_json::json!([1, 1, 1]));
}

#[test]
fn stats_by_section_as_text() {
    let files = files("text");
    let out = jianbao(
        &args(&["stats", "--table", "sections", "--section", "区科协动态"], &files),
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("共 3 期，采用稿件 2 条"), "{}", out.stdout);
    assert!(out.stdout.contains("区科协动态\t2\n"), "{}", out.stdout);
}

#[test]
fn stats_rejects_bad_arguments_plainly() {
    let files = files("bad");
    let bad_date = jianbao(&args(&["stats", "--from", "2023-13-01"], &files), b"");
    assert_eq!(bad_date.code, 2);
    assert!(bad_date.stderr.contains("--from takes a date"), "{}", bad_date.stderr);
    let no_files = jianbao(&["stats"], b"");
    assert_eq!(no_files.code, 2);
    let bad_aliases = jianbao(&args(&["stats", "--aliases", "-"], &files), "只有名字\n".as_bytes());
    assert_eq!(bad_aliases.code, 1);
    assert!(
        bad_aliases.stderr.contains(":1:") && bad_aliases.stderr.contains("等号"),
        "{}",
        bad_aliases.stderr
    );
    let missing = jianbao(&["stats", "/nonexistent/第1期.md"], b"");
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("无法读取"), "{}", missing.stderr);
}

#[test]
fn search_finds_and_marks_hits_with_their_file() {
    let files = files("search");
    let out = jianbao(&args(&["search", "合理膳食"], &files), b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "two hits, two lines each: {lines:?}");
    assert!(lines[0].starts_with(&files[2]), "the newer issue first: {lines:?}");
    assert!(lines[1].contains("【合理膳食】"), "{lines:?}");
    let json = jianbao(&args(&["search", "ＳＯＭＥ不存在", "--format", "json"], &files), b"");
    assert_eq!(json.code, 0);
    assert_eq!(json.stdout.trim(), "[]");
    let limited = jianbao(
        &args(&["search", "合理膳食", "--limit", "1", "--format", "json"], &files),
        b"",
    );
    let hits: serde_json::Value = serde_json::from_str(&limited.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["title"], "新年活动");
}

#[test]
fn search_without_a_query_or_files_is_a_usage_error() {
    assert_eq!(jianbao(&["search"], b"").code, 2);
    assert_eq!(jianbao(&["search", "词"], b"").code, 2);
}
