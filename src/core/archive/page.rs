//! 供稿统计 as pictures and pages: a bar chart in SVG (readable in print: black text,
//! solid bars, no colour needed) and a printable standalone page with the table.

use super::csv::Table;
use super::stats::{Report, Row};
use crate::core::render::escape_text;

/// Bars drawn at most; the table always lists every row.
pub const CHART_ROWS: usize = 15;

/// The rows of one table of the report.
pub fn rows(report: &Report, table: Table) -> &[Row] {
    match table {
        Table::Units => &report.units,
        Table::Sections => &report.sections,
        Table::Issues => &report.issues,
    }
}

/// The first column's heading of a table.
pub fn first_header(table: Table) -> &'static str {
    match table {
        Table::Units => "供稿单位",
        Table::Sections => "栏目",
        Table::Issues => "期次",
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    escape_text(text, &mut out);
    out
}

/// A horizontal bar chart of the rows' item counts (the first [`CHART_ROWS`]), as an SVG
/// element with a title for screen readers.
pub fn bar_chart_svg(rows: &[Row], title: &str) -> String {
    let shown = &rows[..rows.len().min(CHART_ROWS)];
    let (label_width, bar_width, row_height) = (200.0, 360.0, 26.0);
    let height = row_height * shown.len().max(1) as f64 + 10.0;
    let most = shown.iter().map(|r| r.items).max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stats-chart\" role=\"img\" viewBox=\"0 0 {} {height}\" \
         width=\"100%\" aria-labelledby=\"stats-chart-title\"><title id=\"stats-chart-title\">{}</title>",
        label_width + bar_width + 60.0,
        escaped(title)
    );
    for (i, row) in shown.iter().enumerate() {
        let y = 5.0 + row_height * i as f64;
        let width = (row.items as f64 / most * bar_width).max(1.0);
        let name: String = if row.name.chars().count() > 14 {
            row.name.chars().take(13).chain(std::iter::once('…')).collect()
        } else {
            row.name.clone()
        };
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"#000\">{}</text>\
             <rect x=\"{label_width}\" y=\"{}\" width=\"{width:.1}\" height=\"{}\" fill=\"#b8000a\"></rect>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"14\" fill=\"#000\">{}</text>",
            label_width - 8.0,
            y + 17.0,
            escaped(&name),
            y + 4.0,
            row_height - 8.0,
            label_width + width + 6.0,
            y + 17.0,
            row.items
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The table as HTML: a caption, a header row with the periods, one row per name, a total.
pub fn table_html(report: &Report, table: Table, caption: &str) -> String {
    let mut html = format!(
        "<table class=\"stats-table\"><caption>{}</caption><thead><tr>",
        escaped(caption)
    );
    let mut headers = vec![first_header(table).to_string(), "采用条数".to_string()];
    if table == Table::Units {
        headers.push("其中合作".to_string());
    }
    headers.extend(report.periods.iter().cloned());
    for header in &headers {
        html.push_str(&format!("<th scope=\"col\">{}</th>", escaped(header)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows(report, table) {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            escaped(&row.name),
            row.items
        ));
        if table == Table::Units {
            html.push_str(&format!("<td>{}</td>", row.shared));
        }
        for n in &row.by_period {
            html.push_str(&format!("<td>{n}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str(&format!(
        "</tbody><tfoot><tr><th scope=\"row\">合计</th><td>{}</td>",
        report.items
    ));
    if table == Table::Units {
        html.push_str(&format!("<td>{}</td>", report.shared_items));
    }
    for period in 0..report.periods.len() {
        let sum: usize = report.sections.iter().map(|r| r.by_period[period]).sum();
        html.push_str(&format!("<td>{sum}</td>"));
    }
    html.push_str("</tr></tfoot></table>");
    html
}

/// A printable standalone page: heading, the summary, the chart and the table.
pub fn stats_page(report: &Report, table: Table, heading: &str) -> String {
    let summary = format!(
        "共 {} 期，采用稿件 {} 条；其中 {} 条由多个单位合作，分别计入各单位。",
        report.issues_counted, report.items, report.shared_items
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{title}</title><style>\
         body{{font-family:\"FangSong\",\"仿宋\",serif;margin:2em auto;max-width:60em;color:#000}}\
         h1{{font-family:\"SimHei\",\"黑体\",sans-serif;text-align:center;color:#b8000a}}\
         table{{border-collapse:collapse;width:100%;margin-top:1em}}\
         th,td{{border:1px solid #000;padding:.25em .5em;text-align:right}}\
         th[scope=row],thead th{{text-align:left}}caption{{font-weight:bold;margin-bottom:.5em}}\
         @page{{size:A4;margin:25mm 20mm}}</style></head><body>\
         <h1>{title}</h1><p>{summary}</p>{chart}{table}</body></html>\n",
        title = escaped(heading),
        summary = escaped(&summary),
        chart = bar_chart_svg(rows(report, table), heading),
        table = table_html(report, table, heading),
    )
}
