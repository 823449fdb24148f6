//! Writing an issue as canonical Markdown.

use super::escape::{escape_body_line, escape_first_as_entity, escape_inline, escape_last_as_entity, escape_paragraph};
use super::import::{is_footer_start, is_toc_heading, needs_no_sources_marker, FOOTER_KEYS};
use super::numbers::{parse_copies, parse_issue_line, split_trailing_date};
use crate::core::issue::{Column, Issue, Item, Masthead, Status};

/// Writes the issue in the canonical Markdown form (see `docs/FORMAT.md`).
pub fn export(issue: &Issue) -> String {
    // Sized up front: a large issue's text is not copied over and over as it grows.
    let text: usize = issue
        .items()
        .map(|(_, item)| item.title.len() + item.body.len() + 64 + item.sources.iter().map(String::len).sum::<usize>())
        .sum();
    let mut out = String::with_capacity(4096 + text + text / 16);
    write_masthead(&issue.masthead, &mut out);
    for (index, section) in issue.sections.iter().enumerate() {
        let implicit_lead = index == 0 && section.is_lead() && !section.items.is_empty();
        if !implicit_lead {
            block(&mut out, &format!("## 【{}】", escape_inline(&section.heading)));
        }
        for item in &section.items {
            write_item(item, "###", &mut out);
        }
        for column in &section.columns {
            block(
                &mut out,
                &heading_line("###", &escape_inline(&column.heading), "<!-- 子栏目 -->"),
            );
            for item in &column.items {
                write_item(item, "####", &mut out);
            }
        }
    }
    write_footer(issue, &mut out);
    out
}

/// The canonical Markdown cut into the pieces the store keeps apart (one per item, the
/// rest around them), so that a save writes only the pieces that changed. Glued back
/// together in print order they are exactly [`export`]'s text:
///
/// `masthead`, then for each section its `section_heading`, its items' `item` texts,
/// and for each column its `column_heading` and its items' texts with one more `#`
/// (see [`pieces::item_in_column`]), then `footer`.
pub mod pieces {
    use super::*;

    /// Writes with `write` after a text that is not empty, as every piece but the
    /// masthead follows one: the piece then starts with its separating line break.
    fn after_text(write: impl FnOnce(&mut String)) -> String {
        let mut out = String::from("\u{0}");
        write(&mut out);
        out.split_off(1)
    }

    /// The masthead, from the start of the file.
    pub fn masthead(masthead: &Masthead) -> String {
        let mut out = String::new();
        write_masthead(masthead, &mut out);
        out
    }

    /// The heading of section `index` (empty for a lead section that export leaves
    /// unnamed).
    pub fn section_heading(issue: &Issue, index: usize) -> String {
        let section = &issue.sections[index];
        let implicit_lead = index == 0 && section.is_lead() && !section.items.is_empty();
        if implicit_lead {
            return String::new();
        }
        after_text(|out| block(out, &format!("## 【{}】", escape_inline(&section.heading))))
    }

    /// The heading of a column.
    pub fn column_heading(column: &Column) -> String {
        after_text(|out| {
            block(
                out,
                &heading_line("###", &escape_inline(&column.heading), "<!-- 子栏目 -->"),
            )
        })
    }

    /// One item as it stands directly in a section (`###`).
    pub fn item(item: &Item) -> String {
        after_text(|out| write_item(item, "###", out))
    }

    /// An item's text (from [`item`]) as it stands in a column (`####`): the same text
    /// with one more `#` after its leading line break.
    pub fn item_in_column(text: &str, out: &mut String) {
        match text.strip_prefix('\n') {
            Some(rest) => {
                out.push_str("\n#");
                out.push_str(rest);
            }
            None => out.push_str(text),
        }
    }

    /// The footer (empty when the issue has none).
    pub fn footer(issue: &Issue) -> String {
        after_text(|out| write_footer(issue, out))
    }
}

/// Appends a block (a paragraph, a heading) separated from the previous one by a blank line.
fn block(out: &mut String, text: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(text);
    out.push('\n');
}

/// A heading line: marks, text and an optional trailing comment, single-spaced.
fn heading_line(marks: &str, text: &str, comment: &str) -> String {
    [marks, text, comment]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_masthead(m: &Masthead, out: &mut String) {
    block(out, &heading_line("#", &escape_inline(&m.title), ""));
    let line = m.issue_line();
    if !line.is_empty() {
        block(out, &line);
    }
    if !m.publisher.is_empty() {
        block(out, &escape_publisher(&m.publisher));
    }
    if let Some(date) = m.date {
        block(out, &date.to_chinese());
    }
}

/// The publisher's line, guarded so that import does not read it as an issue line, a
/// date or the footer: the first and the last character become references as needed.
fn escape_publisher(p: &str) -> String {
    let first_risky = parse_issue_line(p).is_some() || is_footer_start(p);
    let last_risky = split_trailing_date(p).is_some();
    match (first_risky, last_risky) {
        (false, false) => escape_paragraph(p),
        (true, false) => escape_first_as_entity(p),
        (false, true) => escape_last_as_entity(p),
        (true, true) => {
            let (at, last) = p.char_indices().last().expect("a risky publisher is not empty");
            if at == 0 {
                return escape_first_as_entity(p);
            }
            format!("{}&#{};", escape_first_as_entity(&p[..at]), last as u32)
        }
    }
}

fn write_item(item: &Item, marks: &str, out: &mut String) {
    let title = &item.title;
    let bracketed = title.starts_with('【') && title.ends_with('】');
    let title = if bracketed || is_toc_heading(title) {
        escape_first_as_entity(title)
    } else {
        escape_inline(title)
    };
    let status = match item.status {
        Status::Received => String::new(),
        status => format!("<!-- 状态：{} -->", status.label()),
    };
    block(out, &heading_line(marks, &title, &status));
    let lines: Vec<_> = item.body.split('\n').map(escape_body_line).collect();
    if !item.body.is_empty() {
        out.push('\n');
        for line in &lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !item.sources.is_empty() {
        block(out, &sources_paragraph(&item.sources));
    } else {
        let lines: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
        if needs_no_sources_marker(&lines) {
            // The body's end would be read as sources or as the footer: an empty pair of
            // brackets says "no sources" and ends the item plainly.
            block(out, "（）");
        }
    }
}

/// A footer name, with any `编辑：`-like key inside it written so that import does not
/// split the line there.
fn escape_footer_value(value: &str) -> String {
    let mut escaped = escape_inline(value);
    for key in FOOTER_KEYS {
        for colon in ['：', ':'] {
            let found = format!("{key}{colon}");
            if escaped.contains(&found) {
                escaped = escaped.replace(&found, &escape_first_as_entity(&found));
            }
        }
    }
    escaped
}

/// The sources paragraph, `（甲、乙）`, guarded so that import reads back exactly these
/// sources: a trailing 供稿 would be taken for the `（甲供稿）` shape, and `（共印 5 份）`
/// for a print run.
fn sources_paragraph(sources: &[String]) -> String {
    let last = sources.len() - 1;
    let escaped: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(n, source)| match n {
            0 if parse_copies(&format!("（{}）", sources.join("、"))).is_some() => escape_first_as_entity(source),
            n if n == last && source.ends_with("供稿") => escape_last_as_entity(source),
            _ => escape_inline(source),
        })
        .collect();
    format!("（{}）", escaped.join("、"))
}

fn write_footer(issue: &Issue, out: &mut String) {
    let f = &issue.footer;
    let empty = f.editor.is_empty()
        && f.reviewer.is_empty()
        && f.signer.is_empty()
        && f.distribution.is_empty()
        && f.copies.is_none();
    if empty {
        return;
    }
    block(out, "---");
    for (key, value) in [("编辑", &f.editor), ("审核", &f.reviewer), ("签发", &f.signer)] {
        if !value.is_empty() {
            block(out, &format!("{key}：{}", escape_footer_value(value)));
        }
    }
    if !f.distribution.is_empty() {
        block(out, "---");
        for group in &f.distribution {
            let mut lines = group.lines.iter();
            let first = lines.next().map(|l| escape_inline(l)).unwrap_or_default();
            block(out, &format!("{}：{first}", group.label));
            for line in lines {
                let risky = is_footer_start(line) || line.starts_with('（');
                block(
                    out,
                    &if risky {
                        escape_first_as_entity(line)
                    } else {
                        escape_paragraph(line)
                    },
                );
            }
        }
    }
    if let Some(copies) = f.copies {
        block(out, &format!("（共印 {copies} 份）"));
    }
    block(out, "---");
}
