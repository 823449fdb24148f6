//! `jianbao stats` and `jianbao search`: 供稿统计 and full-text search over Markdown files
//! of past issues, with the same core functions the editor's archive uses.

use super::{read_input, usage_error, write_output};
use crate::core::archive::csv::{to_csv, Table};
use crate::core::archive::stats::Row;
use crate::core::archive::{count, Aliases, Period, Query, Report, SearchIndex};
use crate::core::ingest::import_bulletin;
use crate::core::{Date, Issue};
use std::io::{Read, Write};

/// How `stats` and `search` print their results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Csv,
    Json,
}

/// Reads every file named (`-` is standard input) as an issue; warnings go to standard error.
fn read_issues(files: &[String], stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<Vec<Issue>, u8> {
    let mut issues = Vec::new();
    for file in files {
        let text = read_input(file, stdin, stderr)?;
        let (issue, warnings, _fired) = import_bulletin(&text);
        for warning in &warnings {
            let _ = writeln!(stderr, "{file}:{}: {}", warning.line, warning.message);
        }
        issues.push(issue);
    }
    Ok(issues)
}

/// Parses an option's date value.
fn date_value(option: &str, value: Option<&String>, stderr: &mut dyn Write) -> Result<Date, u8> {
    value.and_then(|v| Date::from_iso(v)).ok_or_else(|| {
        usage_error(
            stderr,
            &format!(
                "{option} takes a date such as 2023-01-31, not {}",
                value.map_or("nothing", String::as_str)
            ),
        )
    })
}

/// `jianbao stats <files>... [--from D] [--to D] [--section NAME] [--aliases FILE]
/// [--by month|quarter|year] [--table units|sections|issues] [--format text|csv|json]`.
pub fn stats(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let mut query = Query::default();
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut table = Table::Units;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--from" => match date_value("--from", rest.next(), stderr) {
                Ok(date) => query.from = Some(date),
                Err(code) => return code,
            },
            "--to" => match date_value("--to", rest.next(), stderr) {
                Ok(date) => query.to = Some(date),
                Err(code) => return code,
            },
            "--section" => match rest.next() {
                Some(section) => query.section = Some(section.clone()),
                None => return usage_error(stderr, "--section takes a section's heading"),
            },
            "--by" => match rest.next().and_then(|p| Period::parse(p)) {
                Some(period) => query.by = Some(period),
                None => return usage_error(stderr, "--by takes month, quarter or year"),
            },
            "--table" => match rest.next().and_then(|t| Table::parse(t)) {
                Some(chosen) => table = chosen,
                None => return usage_error(stderr, "--table takes units, sections or issues"),
            },
            "--format" => match rest.next().map(String::as_str) {
                Some("text") => format = Format::Text,
                Some("csv") => format = Format::Csv,
                Some("json") => format = Format::Json,
                _ => return usage_error(stderr, "--format takes text, csv or json"),
            },
            "--aliases" => {
                let Some(path) = rest.next() else {
                    return usage_error(stderr, "--aliases takes a file of lines 规范名 = 别名1、别名2");
                };
                let text = match read_input(path, stdin, stderr) {
                    Ok(text) => text,
                    Err(code) => return code,
                };
                match Aliases::parse(&text) {
                    Ok(aliases) => query.aliases = aliases,
                    Err(error) => {
                        let _ = writeln!(stderr, "jianbao: {path}:{}: {}", error.line, error.message);
                        return 1;
                    }
                }
            }
            option if option.starts_with("--") => return usage_error(stderr, &format!("unknown option {option}")),
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return usage_error(stderr, "stats needs one or more Markdown files of issues");
    }
    let issues = match read_issues(&files, stdin, stderr) {
        Ok(issues) => issues,
        Err(code) => return code,
    };
    let report = count(&issues, &query);
    for name in &report.undated {
        let _ = writeln!(stderr, "jianbao: 未计入（报头没有日期）：{name}");
    }
    let output = match format {
        Format::Csv => to_csv(&report, table),
        Format::Json => serde_json::to_string_pretty(&report).expect("the report always serialises") + "\n",
        Format::Text => text_report(&report, table),
    };
    write_output(&output, stdout, stderr)
}

/// The report as a plain-text table, one row per line, columns separated by tabs.
fn text_report(report: &Report, table: Table) -> String {
    let rows: &[Row] = match table {
        Table::Units => &report.units,
        Table::Sections => &report.sections,
        Table::Issues => &report.issues,
    };
    let mut out = format!(
        "共 {} 期，采用稿件 {} 条（其中 {} 条由多个单位合作，分别计入各单位）\n",
        report.issues_counted, report.items, report.shared_items
    );
    let mut header = vec!["名称".to_string(), "条数".to_string()];
    header.extend(report.periods.iter().cloned());
    out.push_str(&header.join("\t"));
    out.push('\n');
    for row in rows {
        let mut cells = vec![row.name.clone(), row.items.to_string()];
        cells.extend(row.by_period.iter().map(usize::to_string));
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// `jianbao search <query> <files>... [--limit N] [--format text|json]`.
pub fn search(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let mut query = None;
    let mut files = Vec::new();
    let mut limit = 20;
    let mut format = Format::Text;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--limit" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => limit = n,
                None => return usage_error(stderr, "--limit takes a number"),
            },
            "--format" => match rest.next().map(String::as_str) {
                Some("text") => format = Format::Text,
                Some("json") => format = Format::Json,
                _ => return usage_error(stderr, "--format takes text or json"),
            },
            option if option.starts_with("--") => return usage_error(stderr, &format!("unknown option {option}")),
            word if query.is_none() => query = Some(word.to_string()),
            file => files.push(file.to_string()),
        }
    }
    let Some(query) = query.filter(|q| !q.trim().is_empty()) else {
        return usage_error(stderr, "search needs a query");
    };
    if files.is_empty() {
        return usage_error(stderr, "search needs one or more Markdown files of issues");
    }
    let issues = match read_issues(&files, stdin, stderr) {
        Ok(issues) => issues,
        Err(code) => return code,
    };
    let hits = SearchIndex::build(&issues).search(&query, limit);
    let output = match format {
        Format::Json => serde_json::to_string_pretty(&hits).expect("hits always serialise") + "\n",
        Format::Text | Format::Csv => {
            let mut out = String::new();
            for hit in &hits {
                let snippet: String = hit
                    .snippet
                    .iter()
                    .map(|piece| {
                        if piece.hit {
                            format!("【{}】", piece.text)
                        } else {
                            piece.text.clone()
                        }
                    })
                    .collect();
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\n  {}\n",
                    files[hit.issue], hit.issue_name, hit.section, hit.title, snippet
                ));
            }
            if hits.is_empty() {
                let _ = writeln!(stderr, "jianbao: 没有找到“{query}”");
            }
            out
        }
    };
    write_output(&output, stdout, stderr)
}
