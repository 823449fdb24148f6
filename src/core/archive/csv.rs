//! The report as CSV that Excel and WPS open as they are: UTF-8 with a byte-order mark,
//! CRLF line ends, RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.

use super::stats::{Report, Row};

/// Which table of the report to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Items per source unit.
    Units,
    /// Items per section.
    Sections,
    /// Items per issue.
    Issues,
}

impl Table {
    /// Reads a table's name (`units`, `sections`, `issues`, or 单位, 栏目, 期).
    pub fn parse(text: &str) -> Option<Table> {
        match text.trim() {
            "units" | "unit" | "单位" => Some(Table::Units),
            "sections" | "section" | "栏目" => Some(Table::Sections),
            "issues" | "issue" | "期" | "各期" => Some(Table::Issues),
            _ => None,
        }
    }

    fn first_header(self) -> &'static str {
        match self {
            Table::Units => "供稿单位",
            Table::Sections => "栏目",
            Table::Issues => "期次",
        }
    }
}

/// One cell, quoted when it holds a separator, a quote or a line break, and defused with
/// a leading apostrophe when a spreadsheet would read it as a formula (`=`, `+`, `-`, `@`).
pub fn cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The table as CSV text, byte-order mark first.
pub fn to_csv(report: &Report, table: Table) -> String {
    let rows: &[Row] = match table {
        Table::Units => &report.units,
        Table::Sections => &report.sections,
        Table::Issues => &report.issues,
    };
    let mut header = vec![table.first_header().to_string(), "采用条数".to_string()];
    if table == Table::Units {
        header.push("其中与其他单位合作".to_string());
    }
    header.extend(report.periods.iter().cloned());
    let mut out = String::from("\u{FEFF}");
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(header);
    for row in rows {
        let mut cells = vec![row.name.clone(), row.items.to_string()];
        if table == Table::Units {
            cells.push(row.shared.to_string());
        }
        cells.extend(row.by_period.iter().map(usize::to_string));
        line(cells);
    }
    // The total counts each item once (the units' figures add up to more when items are
    // shared); the sections' figures add up to it in every period.
    let mut total = vec!["合计".to_string(), report.items.to_string()];
    if table == Table::Units {
        total.push(report.shared_items.to_string());
    }
    for period in 0..report.periods.len() {
        let sum: usize = report.sections.iter().map(|row| row.by_period[period]).sum();
        total.push(sum.to_string());
    }
    line(total);
    out
}
