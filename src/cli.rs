//! The command-line tool's logic, kept apart from `main` so tests can run it with
//! in-memory input and output.

use crate::core::format::{export, import};
use crate::core::render::{standalone_document, BULLETIN_CSS};
use std::io::{Read, Write};

/// The usage text, printed on `--help` and after a usage error.
pub const USAGE: &str = "\
jianbao: 简报编辑器的命令行工具 (the Jianbao command-line tool)

Usage:
  jianbao convert <file|-> --to md|html|json
      Import a bulletin (our Markdown, or text in a bulletin's shape), write it to
      standard output as canonical Markdown, a standalone HTML file, or JSON of the
      model. Warnings go to standard error.
  jianbao --help
";

/// The output formats of `convert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Markdown,
    Html,
    Json,
}

/// Runs the CLI; returns the process exit code (0 ok, 1 unreadable input, 2 usage).
pub fn run(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    match args.first().map(String::as_str) {
        Some("convert") => convert(&args[1..], stdin, stdout, stderr),
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
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--to" => {
                target = match rest.next().map(String::as_str) {
                    Some("md" | "markdown") => Some(Target::Markdown),
                    Some("html") => Some(Target::Html),
                    Some("json") => Some(Target::Json),
                    other => {
                        return usage_error(
                            stderr,
                            &format!("--to takes md, html or json, not {}", other.unwrap_or("nothing")),
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
    let bytes = if input == "-" {
        let mut buffer = Vec::new();
        stdin.read_to_end(&mut buffer).map(|_| buffer)
    } else {
        std::fs::read(&input)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = writeln!(stderr, "jianbao: 无法读取 {input}: {err} (cannot read the input)");
            return 1;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        let _ = writeln!(stderr, "jianbao: {input} 不是 UTF-8 文本 (the input is not UTF-8 text; convert it first, e.g. with iconv -f GB18030 -t UTF-8)");
        return 1;
    };
    let (issue, warnings) = import(&text);
    for warning in &warnings {
        let _ = writeln!(stderr, "{input}:{}: {}", warning.line, warning.message);
    }
    let output = match target {
        Target::Markdown => export(&issue),
        Target::Html => standalone_document(&issue, BULLETIN_CSS),
        Target::Json => serde_json::to_string_pretty(&issue).expect("the model always serialises") + "\n",
    };
    if stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        let _ = writeln!(stderr, "jianbao: cannot write the output");
        return 1;
    }
    0
}
