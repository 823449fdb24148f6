//! Reading an issue from Markdown: our own canonical form, and bulletins written by
//! others (the seed's shape: PDF text with headings at any level, sources at the end of
//! the last paragraph, a 目录提要 block, a footer without a rule before it).
//!
//! Import is total: whatever the input, it returns an issue and a list of warnings.
//! Text it cannot place goes into an item body, and a warning says where it came from.

use super::escape::{atx_heading, is_thematic_break, unescape_body_line, unescape_inline};
use super::normalize::{body, one_line, remove_spaces_between_cjk};
use super::numbers::{parse_copies, parse_issue_line, split_trailing_date};
use crate::core::issue::{Column, Distribution, Issue, Item, Section, Status, DISTRIBUTION_LABELS};

/// Something odd that import noticed, with the 1-based line it was on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// The line in the input (1-based).
    pub line: usize,
    /// What was odd, in Chinese, for the editor.
    pub message: String,
}

/// Headings that introduce the derived table of contents.
const TOC_HEADINGS: [&str; 5] = ["目录提要", "本期要目", "目录", "本期目录", "要目"];

/// Keys of the footer's first line(s).
pub const FOOTER_KEYS: [&str; 3] = ["编辑", "审核", "签发"];

/// Whether a heading's text names the table of contents.
pub fn is_toc_heading(text: &str) -> bool {
    TOC_HEADINGS.contains(&text.trim())
}

fn strip_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.trim_start().strip_prefix(key)?.strip_prefix(['：', ':'])
}

/// Whether a line starts with 编辑：, 审核： or 签发：.
pub fn is_footer_key_line(line: &str) -> bool {
    FOOTER_KEYS.iter().any(|key| strip_key(line, key).is_some())
}

/// Whether a line starts a distribution group (分送：, 报：, 抄送：…).
pub fn starts_new_distribution(line: &str) -> bool {
    distribution_label(line).is_some()
}

fn distribution_label(line: &str) -> Option<(&'static str, &str)> {
    DISTRIBUTION_LABELS
        .iter()
        .find_map(|&label| strip_key(line, label).map(|rest| (label, rest)))
}

/// Whether a line can begin the footer: a key, a distribution label, or a print run.
pub fn is_footer_start(line: &str) -> bool {
    is_footer_key_line(line) || starts_new_distribution(line) || parse_copies(line).is_some()
}

/// Sentence-final marks after which a bracketed unit list is read as the sources.
const SENTENCE_END: &[char] = &['。', '！', '？', '…', '”', '」', '』', '）', '.', '!', '?', '；'];

/// Reads the sources off an item's last paragraph (its lines): `（甲、乙）` as the whole
/// paragraph or as its last line, `…。（甲、乙）` at the end of its last line,
/// `来源：甲、乙`, `（甲供稿）`. Returns the lines that remain and the sources; `（）`
/// gives no sources, which is how the format says "this paragraph is not sources".
pub fn take_sources(paragraph: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
    let (last, before) = paragraph.split_last()?;
    let last = last.trim();
    let mut remaining: Vec<String> = before.iter().map(|l| l.to_string()).collect();
    let inner = if let Some(rest) = last
        .strip_prefix("来源")
        .or_else(|| last.strip_prefix("供稿"))
        .and_then(|r| r.strip_prefix(['：', ':']))
    {
        rest
    } else if let Some(whole) = last.strip_prefix('（').and_then(|l| l.strip_suffix('）')) {
        whole
    } else {
        let open = last.strip_suffix('）')?.rfind('（')?;
        let head = &last[..open];
        let inner = &last[open + '（'.len_utf8()..last.len() - '）'.len_utf8()];
        if !head.is_empty() {
            // Sources at the end of a sentence: only after sentence-final punctuation,
            // and only when the brackets hold no brackets of their own.
            let ends_sentence = head.trim_end().ends_with(SENTENCE_END);
            if !ends_sentence || inner.contains(['（', '）']) || inner.is_empty() {
                return None;
            }
            remaining.push(head.trim_end().to_string());
        }
        inner
    };
    let inner = inner.trim();
    let inner = inner.strip_suffix("供稿").unwrap_or(inner);
    let sources = inner
        .split('、')
        .map(|s| one_line(&unescape_inline(s)))
        .filter(|s| !s.is_empty())
        .collect();
    Some((remaining, sources))
}

/// Where a trailing run of footer lines (编辑：…, 审核：…, 分送：… and the recipients
/// that follow a 分送 line) starts in an item's lines, if its content ends with one.
pub fn footer_suffix_start(lines: &[&str]) -> Option<usize> {
    // A run never ends in a bracketed line: that is the item's sources, or the `（）`
    // that says it has none.
    let last_line = lines.iter().rev().find(|l| !l.trim().is_empty())?.trim();
    if last_line.starts_with('（') && last_line.ends_with('）') && parse_copies(last_line).is_none() {
        return None;
    }
    // Walk back from the end. Recipient lines are footer only when a label line comes
    // before them within the run; a run may start only at a key or label line.
    let mut start = None;
    let mut unclaimed = 0usize;
    for (k, line) in lines.iter().enumerate().rev() {
        if line.trim().is_empty() {
            continue;
        }
        if starts_new_distribution(line) {
            unclaimed = 0;
        } else if !(is_footer_key_line(line) || parse_copies(line).is_some()) {
            unclaimed += 1;
            continue;
        }
        if unclaimed == 0 && (starts_new_distribution(line) || is_footer_key_line(line)) {
            start = Some(k);
        }
    }
    // A run must reach the last line: text after it that no label claims ends it.
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    start.filter(|&k| run_is_footer(&lines[k..=last]))
}

/// Whether every non-blank line is footer: keys, labels, copies, or recipients after a label.
fn run_is_footer(lines: &[&str]) -> bool {
    let mut in_group = false;
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        if starts_new_distribution(line) {
            in_group = true;
        } else if !(is_footer_key_line(line) || parse_copies(line).is_some() || in_group) {
            return false;
        }
    }
    true
}

/// The last paragraph of a run of lines (after the last blank line), trimmed of blanks.
pub fn last_paragraph<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let end = match lines.iter().rposition(|l| !l.trim().is_empty()) {
        Some(end) => end + 1,
        None => return Vec::new(),
    };
    let start = lines[..end]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |b| b + 1);
    lines[start..end].to_vec()
}

/// Whether an item whose body has these (escaped) lines and no sources needs the `（）`
/// marker, because import would otherwise read its end as sources or as the footer.
pub fn needs_no_sources_marker(lines: &[&str]) -> bool {
    take_sources(&last_paragraph(lines)).is_some() || footer_suffix_start(lines).is_some()
}

/// A heading's text, taken apart: the comment marker at its end (子栏目, 状态：…), whether
/// it is a section (【…】), and the text itself.
struct HeadingText {
    marker: Option<String>,
    section: bool,
    /// Whether it names the table of contents, as written (an escaped 目 does not).
    toc: bool,
    text: String,
}

/// A heading's text with a comment that import does not understand put back at its end,
/// so that it is kept; a trimmed line, as one-line fields are.
fn with_comment(text: &str, marker: &str) -> String {
    if text.is_empty() {
        format!("<!--{marker}-->")
    } else {
        format!("{text} <!--{marker}-->")
    }
}

fn heading_text(raw: &str) -> HeadingText {
    let mut raw = raw.trim();
    let mut marker = None;
    if let Some(before) = raw.strip_suffix("-->") {
        if let Some(open) = before.rfind("<!--") {
            let escaped = before[..open].ends_with('\\');
            if !escaped {
                marker = Some(before[open + 4..].trim().to_string());
                raw = before[..open].trim_end();
            }
        }
    }
    // PDF-derived bulletins wrap headings in bold: `## **【基层组织动态】**`.
    if let Some(inner) = raw.strip_prefix("**").and_then(|r| r.strip_suffix("**")) {
        if !inner.contains("**") && !inner.ends_with('\\') {
            raw = inner.trim();
        }
    }
    let section = marker.is_none() && raw.starts_with('【') && raw.ends_with('】') && raw.len() >= "【】".len();
    let text = if section {
        &raw['【'.len_utf8()..raw.len() - '】'.len_utf8()]
    } else {
        raw
    };
    let toc = marker.is_none() && !section && is_toc_heading(raw);
    HeadingText {
        marker,
        section,
        toc,
        text: one_line(&unescape_inline(text)),
    }
}

/// One line of the input with its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Break,
    Heading(usize),
    Text,
}

fn kind(line: &str) -> Kind {
    if line.trim().is_empty() {
        Kind::Blank
    } else if is_thematic_break(line) {
        Kind::Break
    } else if let Some((level, _)) = atx_heading(line).filter(|(level, _)| *level <= 4) {
        Kind::Heading(level)
    } else {
        Kind::Text
    }
}

/// The state of one import.
struct Reader<'a> {
    lines: Vec<&'a str>,
    kinds: Vec<Kind>,
    issue: Issue,
    warnings: Vec<Warning>,
    /// Text that found no place, with its line numbers; it becomes an item at the end.
    stray: Vec<(usize, String)>,
    /// The level of the current column's heading, while inside a column.
    column_level: Option<usize>,
    distribution_open: bool,
}

/// Reads an issue from Markdown (or from text in a bulletin's shape).
pub fn import(text: &str) -> (Issue, Vec<Warning>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').collect();
    let kinds = lines.iter().map(|l| kind(l)).collect();
    let mut reader = Reader {
        lines,
        kinds,
        issue: Issue::default(),
        warnings: Vec::new(),
        stray: Vec::new(),
        column_level: None,
        distribution_open: false,
    };
    reader.read();
    let Reader {
        mut issue,
        mut warnings,
        stray,
        ..
    } = reader;
    if !stray.is_empty() {
        let first_line = stray[0].0;
        warnings.push(Warning {
            line: first_line,
            message: format!(
                "有 {} 行文字无法归入报头、稿件或报尾，已放入稿件“未能识别的文字”，请核对。",
                stray.len()
            ),
        });
        let item = Item {
            title: "未能识别的文字".to_string(),
            body: body(&stray.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n\n")),
            ..Item::default()
        };
        match issue.sections.first_mut() {
            Some(lead) if lead.is_lead() => lead.items.insert(0, item),
            _ => issue.sections.insert(
                0,
                Section {
                    items: vec![item],
                    ..Section::default()
                },
            ),
        }
    }
    issue.renumber();
    (issue, warnings)
}

impl<'a> Reader<'a> {
    fn warn(&mut self, index: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line: index + 1,
            message: message.into(),
        });
    }

    /// The index of the next line at or after `from` that is a heading or a break.
    fn next_structure(&self, from: usize) -> usize {
        (from..self.lines.len())
            .find(|&i| matches!(self.kinds[i], Kind::Heading(_) | Kind::Break))
            .unwrap_or(self.lines.len())
    }

    /// The next non-blank line at or after `from`.
    fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| self.kinds[i] != Kind::Blank)
    }

    fn read(&mut self) {
        let mut i = self.read_masthead();
        while i < self.lines.len() {
            i = match self.kinds[i] {
                Kind::Blank => i + 1,
                Kind::Heading(level) => self.read_heading(i, level),
                Kind::Break => self.read_after_break(i),
                Kind::Text if is_footer_start(self.lines[i]) => {
                    let end = self.next_structure(i);
                    self.read_footer_block(i, end);
                    end
                }
                Kind::Text => {
                    // Text before any heading of the body: keep it, say so.
                    let end = self.next_structure(i);
                    self.stray_lines(i, end);
                    end
                }
            };
        }
    }

    fn stray_lines(&mut self, from: usize, to: usize) {
        for i in from..to {
            if self.kinds[i] != Kind::Blank {
                self.stray.push((i + 1, self.lines[i].trim().to_string()));
            }
        }
    }

    /// Reads the masthead; returns the index of the first line after it.
    fn read_masthead(&mut self) -> usize {
        let Some(mut i) = self.next_non_blank(0) else {
            return self.lines.len();
        };
        match (self.kinds[i], atx_heading(self.lines[i])) {
            (Kind::Heading(1), Some((_, raw))) => {
                // The bulletin's name is taken whole: no section brackets, no markers.
                let raw = raw
                    .strip_prefix("**")
                    .and_then(|r| r.strip_suffix("**"))
                    .filter(|r| !r.contains("**"))
                    .unwrap_or(raw);
                self.issue.masthead.title = remove_spaces_between_cjk(&one_line(&unescape_inline(raw)));
                i += 1;
            }
            (Kind::Text, _) if self.looks_like_plain_title(self.lines[i]) => {
                self.issue.masthead.title = remove_spaces_between_cjk(&one_line(&unescape_inline(self.lines[i])));
                i += 1;
            }
            _ => {}
        }
        while i < self.lines.len() {
            let line = self.lines[i];
            match self.kinds[i] {
                Kind::Blank | Kind::Break => {}
                Kind::Heading(_) => return i,
                Kind::Text if is_footer_start(line) => return i,
                Kind::Text => self.read_masthead_line(i),
            }
            i += 1;
        }
        i
    }

    fn looks_like_plain_title(&self, line: &str) -> bool {
        let line = line.trim();
        line.chars().nth(30).is_none()
            && parse_issue_line(line).is_none()
            && split_trailing_date(line).is_none()
            && !is_footer_key_line(line)
    }

    fn read_masthead_line(&mut self, i: usize) {
        let line = self.lines[i].trim();
        let m = &mut self.issue.masthead;
        if let Some(parsed) = parse_issue_line(line) {
            let clash = (parsed.year.is_some() && m.year.is_some())
                || (parsed.number.is_some() && m.number.is_some())
                || (parsed.total.is_some() && m.total.is_some());
            if clash {
                self.warn(i, "报头里的期号出现了两次，保留第一次的。");
                self.stray.push((i + 1, line.to_string()));
                return;
            }
            m.year = m.year.or(parsed.year);
            m.number = m.number.or(parsed.number);
            m.total = m.total.or(parsed.total);
            m.supplement |= parsed.supplement;
            // The line's style is part of the masthead: 〔2025〕第八十二期 stays so.
            let (style, read) = (&mut m.style, parsed.style);
            style.bracketed_year |= read.bracketed_year;
            style.chinese_number |= read.chinese_number;
            style.chinese_total |= read.chinese_total;
            style.square_brackets |= read.square_brackets;
        } else if let Some((before, date)) = split_trailing_date(line) {
            if m.date.is_some() {
                self.warn(i, "报头里的日期出现了两次，保留第一次的。");
                self.stray.push((i + 1, line.to_string()));
                return;
            }
            m.date = Some(date);
            if !before.is_empty() {
                self.read_publisher(i, before);
            }
        } else {
            self.read_publisher(i, line);
        }
    }

    fn read_publisher(&mut self, i: usize, text: &str) {
        if self.issue.masthead.publisher.is_empty() {
            self.issue.masthead.publisher = one_line(&unescape_inline(text));
        } else {
            self.warn(i, "报头里有一行无法识别的文字。");
            self.stray.push((i + 1, text.to_string()));
        }
    }

    /// Reads a heading and its content; returns the index after them.
    fn read_heading(&mut self, i: usize, level: usize) -> usize {
        let raw = atx_heading(self.lines[i]).map_or("", |(_, raw)| raw);
        let heading = heading_text(raw);
        let end = self.next_structure(i + 1);
        if heading.toc {
            // The 目录提要 is derived from the items, so the typed one is dropped.
            self.warn(i, "已忽略原文的目录提要：目录由稿件标题自动生成。");
            return end;
        }
        self.distribution_open = false;
        if heading.section {
            self.issue.sections.push(Section {
                heading: heading.text,
                ..Section::default()
            });
            self.column_level = None;
            self.content_without_item(i, end);
            return end;
        }
        let marked_column = heading.marker.as_deref() == Some("子栏目");
        if marked_column || self.is_unmarked_column(i, level, end) {
            let section = self.current_section();
            section.columns.push(Column {
                heading: heading.text,
                ..Column::default()
            });
            self.column_level = Some(level);
            self.content_without_item(i, end);
            return end;
        }
        let status = heading
            .marker
            .as_deref()
            .and_then(|m| m.strip_prefix("状态："))
            .and_then(Status::from_label);
        let mut title = heading.text;
        if let Some(marker) = heading.marker.filter(|_| status.is_none()) {
            // An unknown comment, or a status with an unknown name, stays part of the
            // title rather than vanish.
            title = with_comment(&title, &marker);
        }
        self.read_item(
            i,
            end,
            level,
            Item {
                title,
                status: status.unwrap_or_default(),
                ..Item::default()
            },
        );
        end
    }

    /// A heading with no content, followed by a deeper heading that is not a section:
    /// the shape of a sub-column in bulletins that do not mark them.
    fn is_unmarked_column(&self, i: usize, level: usize, end: usize) -> bool {
        let empty = (i + 1..end).all(|k| self.kinds[k] == Kind::Blank);
        let next_deeper = match self.kinds.get(end) {
            Some(Kind::Heading(next)) if *next > level => {
                let raw = atx_heading(self.lines[end]).map_or("", |(_, raw)| raw);
                let next = heading_text(raw);
                !next.section && !next.toc
            }
            _ => false,
        };
        empty && next_deeper
    }

    fn current_section(&mut self) -> &mut Section {
        if self.issue.sections.is_empty() {
            self.issue.sections.push(Section::default());
        }
        self.issue.sections.last_mut().expect("a section was just ensured")
    }

    /// Text under a section or column heading before any item: an untitled item keeps it.
    fn content_without_item(&mut self, i: usize, end: usize) {
        if (i + 1..end).any(|k| self.kinds[k] != Kind::Blank) {
            self.warn(i + 1, "标题下有文字但没有稿件标题，已放入一篇无标题稿件。");
            let level = self.column_level.map_or(3, |l| l + 1);
            self.read_item(i, end, level, Item::default());
        }
    }

    fn read_item(&mut self, i: usize, end: usize, level: usize, mut item: Item) {
        let mut content: Vec<&str> = self.lines[i + 1..end].to_vec();
        let ends_issue = end >= self.lines.len() || self.kinds[end] == Kind::Break;
        if ends_issue {
            if let Some(start) = footer_suffix_start(&content) {
                let footer_lines: Vec<(usize, &str)> = content[start..]
                    .iter()
                    .enumerate()
                    .map(|(k, l)| (i + 1 + start + k, *l))
                    .collect();
                content.truncate(start);
                for (index, line) in footer_lines {
                    self.read_footer_line(index, line);
                }
            }
        }
        let paragraph = last_paragraph(&content);
        if let Some((remaining, sources)) = take_sources(&paragraph) {
            let last = content.iter().rposition(|l| !l.trim().is_empty()).map_or(0, |p| p + 1);
            let start = last - paragraph.len();
            let mut lines: Vec<String> = content[..start].iter().map(|l| l.to_string()).collect();
            lines.extend(remaining);
            item.sources = sources;
            item.body = body(
                &lines
                    .iter()
                    .map(|l| unescape_body_line(l))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        } else {
            item.body = body(
                &content
                    .iter()
                    .map(|l| unescape_body_line(l))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        let in_column = self.column_level.is_some_and(|column| level > column);
        let section = self.current_section();
        match (in_column, section.columns.last_mut()) {
            (true, Some(column)) => column.items.push(item),
            (_, _) => {
                let after_columns = !section.columns.is_empty();
                section.items.push(item);
                if after_columns {
                    self.column_level = None;
                    self.warn(i, "这篇稿件位于子栏目之后，已移到所在栏目的子栏目之前。");
                }
            }
        }
    }

    /// After a thematic break: the footer, or (when no footer follows) a rule inside the
    /// current item's text.
    fn read_after_break(&mut self, i: usize) -> usize {
        let end = self.next_structure(i + 1);
        let first = self.next_non_blank(i + 1).filter(|&k| k < end);
        let footer = first.is_some_and(|k| is_footer_start(self.lines[k]) || self.distribution_open);
        if footer {
            self.read_footer_block(i + 1, end);
            return end;
        }
        if first.is_none() {
            // A bare rule: the footer's frame, or the masthead's rule.
            return end;
        }
        // A rule followed by ordinary text: it belongs to the last item's body.
        let text = self.lines[i..end]
            .iter()
            .map(|l| unescape_body_line(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        match self.last_item_mut() {
            Some(item) => {
                item.body = body(&format!("{}\n\n{}", item.body, text));
                self.warn(i, "分隔线后的文字已并入上一篇稿件。");
            }
            None => self.stray_lines(i, end),
        }
        end
    }

    /// The item read last: the last column's last item, or the section's own last item.
    fn last_item_mut(&mut self) -> Option<&mut Item> {
        let section = self.issue.sections.last_mut()?;
        let in_column = self.column_level.is_some() && section.columns.last().is_some_and(|c| !c.items.is_empty());
        if in_column {
            section.columns.last_mut()?.items.last_mut()
        } else {
            section.items.last_mut()
        }
    }

    fn read_footer_block(&mut self, from: usize, to: usize) {
        for k in from..to {
            if self.kinds[k] != Kind::Blank {
                self.read_footer_line(k, self.lines[k]);
            }
        }
    }

    fn read_footer_line(&mut self, i: usize, line: &str) {
        let line = line.trim();
        if line.is_empty() || is_thematic_break(line) {
            return;
        }
        let footer = &mut self.issue.footer;
        if let Some((label, rest)) = distribution_label(line) {
            let rest = one_line(&unescape_inline(rest));
            footer.distribution.push(Distribution {
                label: label.to_string(),
                lines: if rest.is_empty() { Vec::new() } else { vec![rest] },
            });
            self.distribution_open = true;
        } else if let Some(copies) = parse_copies(line) {
            if footer.copies.is_some() {
                // A second print run is kept as text, not written over the first.
                self.warn(i, "报尾里的印数出现了两次，保留第一次的。");
                self.stray.push((i + 1, line.to_string()));
            } else {
                footer.copies = Some(copies);
            }
        } else if is_footer_key_line(line) {
            let mut repeated = Vec::new();
            for (key, value) in split_keys(line) {
                let text = one_line(&unescape_inline(value));
                let slot = match key {
                    "编辑" => &mut footer.editor,
                    "审核" => &mut footer.reviewer,
                    _ => &mut footer.signer,
                };
                if slot.is_empty() {
                    *slot = text;
                } else {
                    repeated.push(format!("{key}：{value}"));
                }
            }
            if !repeated.is_empty() {
                self.warn(i, "报尾里的编辑、审核或签发出现了两次，保留第一次的。");
                self.stray.push((i + 1, repeated.join("　")));
            }
        } else if let (true, Some(group)) = (self.distribution_open, footer.distribution.last_mut()) {
            group.lines.push(one_line(&unescape_inline(line)));
        } else {
            self.warn(i, "报尾里有一行无法识别的文字。");
            self.stray.push((i + 1, line.to_string()));
        }
    }
}

/// Splits `编辑：张三　审核：李四` into its keys and values.
fn split_keys(line: &str) -> Vec<(&'static str, &str)> {
    let mut found: Vec<(usize, &'static str, usize)> = Vec::new();
    for key in FOOTER_KEYS {
        for (pos, _) in line.match_indices(key) {
            let after = &line[pos + key.len()..];
            let at_start = pos == 0 || line[..pos].ends_with(char::is_whitespace);
            if at_start && after.starts_with(['：', ':']) {
                // Kept in order as found, by insertion: a handful of keys, and no copy of
                // the standard library's sort for this element type in the browser build.
                let entry = (
                    pos,
                    key,
                    pos + key.len() + after.chars().next().map_or(0, char::len_utf8),
                );
                let at = found.partition_point(|other| *other < entry);
                found.insert(at, entry);
            }
        }
    }
    found
        .iter()
        .enumerate()
        .map(|(n, &(_, key, value_start))| {
            let value_end = found.get(n + 1).map_or(line.len(), |next| next.0);
            (key, line[value_start..value_end].trim())
        })
        .collect()
}
