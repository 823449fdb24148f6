//! The canonical form of an issue: what export writes and import reads back exactly.

use crate::core::issue::{Issue, DISTRIBUTION_LABELS};

/// Puts an issue in canonical form: one-line fields trimmed and on one line, bodies
/// without blank lines at either end and with `\n` line ends, sources and recipients
/// without empty entries, ids numbered in document order.
///
/// For every issue `x`, `import(&export(&x)).0 == normalize(x)`.
pub fn normalize(mut issue: Issue) -> Issue {
    let m = &mut issue.masthead;
    m.title = remove_spaces_between_cjk(&one_line(&m.title));
    m.publisher = one_line(&m.publisher);
    // A style flag with nothing to style is not written, so it does not come back.
    let any = m.year.is_some() || m.number.is_some() || m.total.is_some() || m.supplement;
    m.style.bracketed_year &= m.year.is_some();
    m.style.chinese_number &= m.number.is_some_and(|n| n < 10_000);
    m.style.chinese_total &= m.total.is_some_and(|t| t < 10_000);
    m.style.square_brackets &= any;
    for section in &mut issue.sections {
        section.heading = one_line(&section.heading);
        for column in &mut section.columns {
            column.heading = one_line(&column.heading);
        }
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            item.title = one_line(&item.title);
            item.body = body(&item.body);
            item.sources = split_sources(&item.sources.join("、"));
        }
    }
    let f = &mut issue.footer;
    f.editor = one_line(&f.editor);
    f.reviewer = one_line(&f.reviewer);
    f.signer = one_line(&f.signer);
    for group in &mut f.distribution {
        if !DISTRIBUTION_LABELS.contains(&group.label.as_str()) {
            group.label = "分送".to_string();
        }
        group.lines = group
            .lines
            .iter()
            .map(|l| one_line(l))
            .filter(|l| !l.is_empty())
            .collect();
    }
    issue.renumber();
    issue
}

/// A field that must fit on one line: line breaks become spaces, ends trimmed.
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) && text.trim() == text {
        return text.to_string();
    }
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body: `\n` line ends, no blank lines at the start or the end, no trailing white
/// space after the last line.
pub fn body(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n").trim_end().to_string(),
        _ => String::new(),
    }
}

/// Sources written as one string: split on `、`, each trimmed, empty ones dropped.
pub fn split_sources(text: &str) -> Vec<String> {
    text.split('、').map(one_line).filter(|s| !s.is_empty()).collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Removes white space that stands between two CJK characters (`信 息 简 报`).
///
/// A run of white space is looked at once, as a whole, so that a long run takes time
/// linear in its length.
pub fn remove_spaces_between_cjk(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut before: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !c.is_whitespace() {
            out.push(c);
            before = Some(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let run = rest.len() - rest.trim_start().len();
        let after = rest[run..].chars().next();
        if !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)) {
            out.push_str(&rest[..run]);
        }
        rest = &rest[run..];
    }
    out
}

/// Sources as a person types them: split on `、`, `，`, `,` and `;`, each trimmed.
pub fn split_sources_loose(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；'])
        .map(one_line)
        .filter(|s| !s.is_empty())
        .collect()
}
