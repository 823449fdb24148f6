//! Builders of small issues for the archive tests, written as the Markdown format and
//! imported, so the tests see issues exactly as the editor and the CLI do.

#![allow(dead_code, reason = "each test file uses a different subset of these helpers")]

use jianbao::core::format::import;
use jianbao::core::Issue;

/// One item: title, body, sources.
pub type ItemSpec<'a> = (&'a str, &'a str, &'a [&'a str]);

/// The Markdown of an issue numbered `number`, dated `date` (`(y, m, d)` or none), with
/// the lead item (when given) and the sections with their items.
pub fn issue_markdown(
    number: u32,
    date: Option<(u32, u32, u32)>,
    lead: Option<ItemSpec>,
    sections: &[(&str, &[ItemSpec])],
) -> String {
    let mut md = format!(
        "# 科协工作简报\n\n2024年第{number}期（总第{}期）\n\n示例市科协办公室\n\n",
        40 + number
    );
    if let Some((y, m, d)) = date {
        md.push_str(&format!("{y}年{m}月{d}日\n\n"));
    }
    let item = |md: &mut String, (title, body, sources): ItemSpec| {
        md.push_str(&format!("### {title}\n\n{body}\n\n"));
        if !sources.is_empty() {
            md.push_str(&format!("（{}）\n\n", sources.join("、")));
        }
    };
    if let Some(spec) = lead {
        item(&mut md, spec);
    }
    for (heading, items) in sections {
        md.push_str(&format!("## 【{heading}】\n\n"));
        for spec in *items {
            item(&mut md, *spec);
        }
    }
    md
}

/// The issue that [`issue_markdown`] describes.
pub fn issue(
    number: u32,
    date: Option<(u32, u32, u32)>,
    lead: Option<ItemSpec>,
    sections: &[(&str, &[ItemSpec])],
) -> Issue {
    let (issue, warnings) = import(&issue_markdown(number, date, lead, sections));
    assert!(warnings.is_empty(), "the test issue imports cleanly: {warnings:?}");
    issue
}
