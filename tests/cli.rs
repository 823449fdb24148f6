//! The command-line tool: `jianbao convert <file|-> --to md|html|json|docx [-o FILE]`
//! (the Word output is tested in tests/docx_export.rs).
//!
//! Most tests call [`jianbao::cli::run`] with in-memory standard input, output and error;
//! one runs the built binary, to check that the exit code and the streams reach the
//! process. The seed is read from `../shared` at test time, never copied here.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::jianbao;
use jianbao::cli::USAGE;
use jianbao::core::sample::SAMPLE_MARKDOWN;
use std::io::Write;
use std::process::{Command, Stdio};

/// The seed's path, after checking that it can be read (a plain panic when it is absent).
fn seed_path() -> String {
    common::read_shared(common::SEED);
    common::shared_dir().join(common::SEED).to_string_lossy().into_owned()
}

#[test]
fn md_of_the_seed_is_canonical_and_stable() {
    let path = seed_path();
    let first = jianbao(&["convert", &path, "--to", "md"], b"");
    assert_eq!(first.code, 0, "stderr: {}", first.stderr);
    assert!(first.stdout.starts_with("# 科协每周动态\n"), "{}", first.stdout);
    // Our own output is a fixed point: converting it again changes no byte, and it
    // imports without a single warning.
    let second = jianbao(&["convert", "-", "--to", "md"], first.stdout.as_bytes());
    assert_eq!(second.code, 0);
    assert_eq!(second.stdout, first.stdout, "md of md differs from md");
    assert_eq!(second.stderr, "", "canonical input gives no warnings");
}

#[test]
fn reading_a_file_or_standard_input_gives_the_same_output() {
    let path = seed_path();
    let seed = common::read_shared(common::SEED);
    for target in ["md", "html", "json"] {
        let from_file = jianbao(&["convert", &path, "--to", target], b"");
        let from_stdin = jianbao(&["convert", "-", "--to", target], seed.as_bytes());
        assert_eq!((from_file.code, from_stdin.code), (0, 0), "--to {target}");
        assert_eq!(
            from_file.stdout, from_stdin.stdout,
            "--to {target}: a file and stdin differ"
        );
    }
}

#[test]
fn json_of_the_seed_is_the_model() {
    let out = jianbao(&["convert", &seed_path(), "--to", "json"], b"");
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("--to json writes JSON");
    let masthead = &json["masthead"];
    assert_eq!(masthead["title"], "科协每周动态");
    assert_eq!(
        (
            masthead["year"].as_u64(),
            masthead["number"].as_u64(),
            masthead["total"].as_u64()
        ),
        (Some(2023), Some(7), Some(60))
    );
    assert_eq!(masthead["publisher"], "北京市科协办公室");
    assert_eq!(
        masthead["date"],
        serde_json::json!({ "year": 2023, "month": 3, "day": 10 })
    );
    assert_eq!(json["sections"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["footer"]["editor"], "张红波");
    assert!(out.stdout.ends_with('\n'), "the output ends with a newline");
}

#[test]
fn html_of_the_seed_is_a_standalone_document() {
    let out = jianbao(&["convert", &seed_path(), "--to", "html"], b"");
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(
        out.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        &out.stdout[..out.stdout.len().min(200)]
    );
    assert!(out.stdout.contains("科协每周动态"), "the masthead is in the document");
    assert!(
        out.stdout.contains("<style>"),
        "the stylesheet is inline, so the file stands alone"
    );
    assert!(out.stdout.contains("</html>"));
}

#[test]
fn warnings_go_to_standard_error_with_line_numbers() {
    let seed = common::read_shared(common::SEED);
    // The seed's typed 目录提要 is dropped with a warning on the line of its heading.
    let toc_line = seed
        .lines()
        .position(|l| l.trim() == "## 目录提要")
        .expect("the seed has a 目录提要")
        + 1;
    let out = jianbao(&["convert", "-", "--to", "md"], seed.as_bytes());
    assert_eq!(out.code, 0, "warnings do not make the conversion fail");
    let expected = format!("-:{toc_line}: 已忽略原文的目录提要");
    assert!(
        out.stderr.lines().any(|l| l.starts_with(&expected)),
        "expected a line starting {expected:?} in:\n{}",
        out.stderr
    );
    assert!(!out.stdout.contains("目录提要"), "warnings never reach standard output");
    // With a file, the warning names the file.
    let path = seed_path();
    let from_file = jianbao(&["convert", &path, "--to", "json"], b"");
    assert!(
        from_file.stderr.contains(&format!("{path}:{toc_line}: ")),
        "{}",
        from_file.stderr
    );
}

#[test]
fn every_warning_line_has_a_place_and_a_number() {
    let input = "# 简报\n\n某局\n\n多出来的一行\n\n## 【栏目】\n\n### 稿件\n\n正文。\n";
    let out = jianbao(&["convert", "-", "--to", "md"], input.as_bytes());
    assert_eq!(out.code, 0);
    assert!(!out.stderr.is_empty(), "the extra masthead line is reported");
    for line in out.stderr.lines() {
        let mut parts = line.splitn(3, ':');
        let (place, number) = (parts.next(), parts.next());
        assert_eq!(place, Some("-"), "{line}");
        assert!(
            number.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)),
            "{line}"
        );
    }
    assert!(
        out.stderr.starts_with("-:5: "),
        "the first warning points at line 5: {}",
        out.stderr
    );
    assert!(out.stdout.contains("多出来的一行"), "nothing is lost");
}

#[test]
fn a_missing_file_exits_1_with_a_clear_message() {
    let path = std::env::temp_dir().join("jianbao-no-such-file-4f1c2a.md");
    let path = path.to_string_lossy().into_owned();
    let out = jianbao(&["convert", &path, "--to", "md"], b"");
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "", "nothing is written when the input cannot be read");
    assert!(out.stderr.contains(&path), "the message names the file: {}", out.stderr);
    assert!(
        out.stderr.contains("cannot read") && out.stderr.contains("无法读取"),
        "{}",
        out.stderr
    );
}

#[test]
fn input_that_is_not_utf8_exits_1() {
    // 简报 in GB18030, the encoding old bulletins are often saved in, then a lone 0xFF.
    let cases: [&[u8]; 3] = [b"\xbc\xf2\xb1\xa8\n", b"# ok\n\xff\n", b"\xc3"];
    for bytes in cases {
        let out = jianbao(&["convert", "-", "--to", "md"], bytes);
        assert_eq!(out.code, 1, "{bytes:?}");
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr.contains("UTF-8"),
            "the message says what is wrong: {}",
            out.stderr
        );
    }
}

#[test]
fn bad_usage_exits_2_with_the_usage_text() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "expected a command"),
        (&["frobnicate"], "expected a command"),
        (&["convert"], "needs an input"),
        (&["convert", "-"], "needs an input"),
        (&["convert", "--to", "md"], "needs an input"),
        (&["convert", "-", "--to"], "--to takes md, html, json or docx"),
        (&["convert", "-", "--to", "md", "-o"], "-o takes a file name"),
        (&["convert", "-", "--to", "pdf"], "not pdf"),
        (&["convert", "a.md", "b.md", "--to", "md"], "unexpected argument b.md"),
    ];
    for (args, message) in cases {
        let out = jianbao(args, b"");
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(
            out.stdout, "",
            "{args:?}: usage errors write nothing to standard output"
        );
        assert!(
            out.stderr.contains(message),
            "{args:?}: expected {message:?} in {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("Usage:"),
            "{args:?}: the usage text follows the error"
        );
    }
}

#[test]
fn help_prints_the_usage_and_exits_0() {
    for flag in ["--help", "-h", "help"] {
        let out = jianbao(&[flag], b"");
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (0, USAGE, ""),
            "{flag}"
        );
    }
}

#[test]
fn stdin_dash_converts_the_sample() {
    let out = jianbao(&["convert", "-", "--to", "md"], SAMPLE_MARKDOWN.as_bytes());
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout, SAMPLE_MARKDOWN,
        "the sample is canonical, so md of it is itself"
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn the_built_binary_carries_exit_codes_and_streams() {
    let binary = env!("CARGO_BIN_EXE_jianbao");
    let mut child = Command::new(binary)
        .args(["convert", "-", "--to", "md"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("a stdin pipe")
        .write_all(SAMPLE_MARKDOWN.as_bytes())
        .expect("stdin takes the sample");
    let output = child.wait_with_output().expect("the binary finishes");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8(output.stdout).expect("UTF-8"), SAMPLE_MARKDOWN);
    assert!(output.stderr.is_empty());

    let usage = Command::new(binary).arg("convert").output().expect("the binary runs");
    assert_eq!(usage.status.code(), Some(2));
    assert!(usage.stdout.is_empty());
    assert!(String::from_utf8_lossy(&usage.stderr).contains("Usage:"));
}
