//! The command-line tool's logic, kept apart from `main` so tests can run it with
//! in-memory input and output.

mod archive;

use crate::core::docx_in::{self, sniff, FileKind, Imported};
use crate::core::format::export;
use crate::core::ingest::{detect_with, import_bulletin, rule, to_item, RULES};
use crate::core::issue::{Issue, Section};
use crate::core::render::{standalone_document, BULLETIN_CSS};
use crate::core::word::issue_docx;
use std::io::{Read, Write};

/// The usage text, printed on `--help` and after a usage error.
pub const USAGE: &str = "\
jianbao: 简报编辑器的命令行工具 (the Jianbao command-line tool)

Usage:
  jianbao convert <file|-> --to md|html|json|docx [-o FILE]
      Import a bulletin (our Markdown, or text in a bulletin's shape), write it as
      canonical Markdown, a standalone HTML file, JSON of the model, or a Word file
      (.docx, in the printed layout) to FILE or standard output. Every item is cleaned
      as pasted text is (see clean). Warnings go to standard error. The export's usual
      file name (as the editor names it) is the issue's name and number, e.g.
      科协每周动态-2023年第7期.docx. A Word file (.docx, told by its content, not its
      name) is read too: a whole bulletin becomes the issue, one submission its only
      item. .doc, .wps, .pdf and damaged or unsafe files are refused with a message
      saying what to do.
  jianbao clean <file|-> [--off RULE]...
      Clean one pasted submission (text copied from a PDF, Word or a web page): join
      broken paragraphs, fix spaces and punctuation, find its title and sources. Write
      the item to standard output as Markdown (### title, body, （sources）); the rules
      that fired go to standard error. --off switches a rule off; --rules lists them.
  jianbao clean --rules
  jianbao stats <file>... [--from DATE] [--to DATE] [--section NAME] [--aliases FILE]
                [--by month|quarter|year] [--table units|sections|issues]
                [--format text|csv|json]
      供稿统计: count the items of past issues (Markdown files) per source unit, per
      section or per issue, for the issues dated from..to (inclusive, YYYY-MM-DD). An
      item with two units counts for both. --aliases names a file of lines
      `规范名 = 别名1、别名2`. CSV is UTF-8 with a byte-order mark, for Excel and WPS.
  jianbao search <query> <file>... [--limit N] [--format text|json]
      Find the items holding every word of the query (substrings; full- and half-width
      forms match each other), best first: title, then sources, then body.
  jianbao --help
";

/// The output formats of `convert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Markdown,
    Html,
    Json,
    Word,
}

/// Runs the CLI; returns the process exit code (0 ok, 1 unreadable input, 2 usage).
pub fn run(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    match args.first().map(String::as_str) {
        Some("convert") => convert(&args[1..], stdin, stdout, stderr),
        Some("clean") => clean(&args[1..], stdin, stdout, stderr),
        Some("stats") => archive::stats(&args[1..], stdin, stdout, stderr),
        Some("search") => archive::search(&args[1..], stdin, stdout, stderr),
        Some("--help" | "-h" | "help") => {
            let _ = stdout.write_all(USAGE.as_bytes());
            0
        }
        _ => usage_error(stderr, "expected a command"),
    }
}

fn usage_error(stderr: &mut dyn Write, message: &str) -> u8 {
    let _ = writeln!(stderr, "jianbao: {message}\n\n{USAGE}");
    2
}

fn convert(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let mut input = None;
    let mut target = None;
    let mut output_path = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-o" | "--output" => match rest.next() {
                Some(path) => output_path = Some(path.clone()),
                None => return usage_error(stderr, "-o takes a file name"),
            },
            "--to" => {
                target = match rest.next().map(String::as_str) {
                    Some("md" | "markdown") => Some(Target::Markdown),
                    Some("html") => Some(Target::Html),
                    Some("json") => Some(Target::Json),
                    Some("docx" | "word") => Some(Target::Word),
                    other => {
                        return usage_error(
                            stderr,
                            &format!("--to takes md, html, json or docx, not {}", other.unwrap_or("nothing")),
                        )
                    }
                }
            }
            path if input.is_none() => input = Some(path.to_string()),
            extra => return usage_error(stderr, &format!("unexpected argument {extra}")),
        }
    }
    let (Some(input), Some(target)) = (input, target) else {
        return usage_error(stderr, "convert needs an input (a file or -) and --to");
    };
    let bytes = match read_bytes(&input, stdin, stderr) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let issue = if is_word_file(&input, &bytes) {
        match word_issue(&bytes) {
            Ok((issue, warnings)) => {
                for warning in warnings {
                    let _ = writeln!(stderr, "{input}: {warning}");
                }
                issue
            }
            Err(err) => {
                let _ = writeln!(stderr, "jianbao: {input}: {err}");
                return 1;
            }
        }
    } else {
        let text = match utf8(&input, bytes, stderr) {
            Ok(text) => text,
            Err(code) => return code,
        };
        // Import cleans every item; on our own canonical Markdown that changes nothing.
        let (issue, warnings, _fired) = import_bulletin(&text);
        for warning in &warnings {
            let _ = writeln!(stderr, "{input}:{}: {}", warning.line, warning.message);
        }
        issue
    };
    let output = match target {
        Target::Markdown => export(&issue).into_bytes(),
        Target::Html => standalone_document(&issue, BULLETIN_CSS).into_bytes(),
        Target::Json => {
            (serde_json::to_string_pretty(&issue).expect("the model always serialises") + "\n").into_bytes()
        }
        Target::Word => match issue_docx(&issue) {
            Ok(bytes) => bytes,
            Err(err) => {
                let _ = writeln!(stderr, "jianbao: {err}");
                return 1;
            }
        },
    };
    match output_path {
        Some(path) => {
            if let Err(err) = std::fs::write(&path, &output) {
                let _ = writeln!(stderr, "jianbao: 无法写入 {path}: {err} (cannot write the output)");
                return 1;
            }
            0
        }
        None => write_bytes(&output, stdout, stderr),
    }
}

/// Writes the output and flushes it; 1 when that fails.
fn write_output(output: &str, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    write_bytes(output.as_bytes(), stdout, stderr)
}

/// Writes bytes to the output and flushes it; 1 when that fails.
fn write_bytes(output: &[u8], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    if stdout.write_all(output).and_then(|()| stdout.flush()).is_err() {
        let _ = writeln!(stderr, "jianbao: cannot write the output");
        return 1;
    }
    0
}

/// Whether the input is to be read as a Word file: a zip, an old Office file, a PDF or
/// RTF by its first bytes, or a name ending in `.docx`, `.doc` or `.wps`. Text stays
/// text: the reader then says what the file is and what to do with it.
fn is_word_file(input: &str, bytes: &[u8]) -> bool {
    let lower = input.to_lowercase();
    sniff(bytes) != FileKind::Other || [".docx", ".doc", ".wps", ".pdf"].iter().any(|ext| lower.ends_with(ext))
}

/// A Word file as an issue: a whole bulletin as it is, one submission as the only item
/// of an issue with no masthead. The warnings come with it.
fn word_issue(bytes: &[u8]) -> Result<(Issue, Vec<String>), docx_in::DocxError> {
    let imported = docx_in::import(bytes, &[])?;
    let issue = match imported.imported {
        Imported::Bulletin(issue, _fired) => issue,
        Imported::Submission(submission) => {
            let mut issue = Issue {
                sections: vec![Section {
                    items: vec![to_item(&submission)],
                    ..Section::default()
                }],
                ..Issue::default()
            };
            issue.renumber();
            issue
        }
    };
    Ok((issue, imported.warnings))
}

/// Reads the input named on the command line (`-` is standard input) as bytes; on
/// failure, says why on standard error and gives the exit code.
fn read_bytes(input: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<Vec<u8>, u8> {
    let bytes = if input == "-" {
        let mut buffer = Vec::new();
        stdin.read_to_end(&mut buffer).map(|_| buffer)
    } else {
        std::fs::read(input)
    };
    bytes.map_err(|err| {
        let _ = writeln!(stderr, "jianbao: 无法读取 {input}: {err} (cannot read the input)");
        1
    })
}

/// The input's bytes as UTF-8 text; on failure, says why and gives the exit code.
fn utf8(input: &str, bytes: Vec<u8>, stderr: &mut dyn Write) -> Result<String, u8> {
    String::from_utf8(bytes).map_err(|_| {
        let _ = writeln!(stderr, "jianbao: {input} 不是 UTF-8 文本 (the input is not UTF-8 text; convert it first, e.g. with iconv -f GB18030 -t UTF-8)");
        1
    })
}

/// Reads the input named on the command line (`-` is standard input) as UTF-8 text;
/// on failure, says why on standard error and gives the exit code.
fn read_input(input: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<String, u8> {
    let bytes = read_bytes(input, stdin, stderr)?;
    utf8(input, bytes, stderr)
}

/// `jianbao clean <file|-> [--off RULE]...` and `jianbao clean --rules`.
fn clean(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let mut input = None;
    let mut off: Vec<&str> = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--rules" => {
                let list: String = RULES
                    .iter()
                    .map(|rule| format!("{}\t{}\n", rule.name, rule.label))
                    .collect();
                return write_output(&list, stdout, stderr);
            }
            "--off" => match rest.next() {
                Some(name) if rule(name).is_some() => off.push(name),
                other => {
                    return usage_error(
                        stderr,
                        &format!(
                            "--off takes a rule's name (see clean --rules), not {}",
                            other.map_or("nothing", String::as_str)
                        ),
                    )
                }
            },
            path if input.is_none() => input = Some(path.to_string()),
            extra => return usage_error(stderr, &format!("unexpected argument {extra}")),
        }
    }
    let Some(input) = input else {
        return usage_error(stderr, "clean needs an input (a file or -)");
    };
    let text = match read_input(&input, stdin, stderr) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let submission = detect_with(&text, &off);
    for name in &submission.fired {
        let label = rule(name).map_or("", |rule| rule.label);
        let _ = writeln!(stderr, "{input}: 已整理：{label}（{name}）");
    }
    for line in &submission.removed {
        let _ = writeln!(stderr, "{input}: 已移出：{line}");
    }
    write_output(&submission.to_markdown(), stdout, stderr)
}
