//! Whole bulletins as plain text: text copied out of Word, WPS, a PDF or a web page has
//! no Markdown markers, so its structure is read from the shapes bulletins use, and
//! written as the Markdown that [`import`](crate::core::format::import) reads.
//!
//! - The masthead is the lines before the body: the first line is the bulletin's name
//!   (spaced titles such as `信 息 简 报` lose their spaces on import), then issue lines
//!   (`〔2025〕第八十二期（总第1265期）`, `[2012年第5期]`, `增刊第7期`, `第7期`) and the
//!   publisher and date, on one line separated by spaces or on two.
//! - A table of contents under 目录提要, 本期要目, 本期目录, 要目 or 目录 runs until a
//!   line it already listed comes again (the body's first section or title), or until a
//!   paragraph; it is dropped, and the editor makes a new one.
//! - Sections are `【…】` lines, or `一、…` lines followed by a title.
//! - An item's title is a short line with no sentence punctuation that follows the end
//!   of a paragraph (or a heading, or the masthead) and is followed by a paragraph.
//! - Sources are the item's last line: `（…）`, `（…供稿）`, `来源：…`, `来源:…` or
//!   `（作者：…）`.
//! - The footer starts at the first 报：/送：/发：/分送：, `（共印N份）`, 编辑：, 审核： or
//!   签发： line after which no section and no sentence follows.
//!
//! Every line of the input is kept (lines drawn with `─` or `—` alone are layout and
//! go); what import cannot place still becomes 未能识别的文字, with a warning.

use super::rules::is_page_number;
use super::text::{ends_sentence, is_date_line, is_title_like};
use crate::core::format::{is_footer_start, is_toc_heading, parse_copies, parse_issue_line, split_trailing_date};

/// A line without its layout: indentation (spaces, ideographic spaces, tabs, no-break
/// spaces) and trailing white space.
fn bare(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace())
}

/// The line without any white space.
fn squeezed(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a line is drawn, not written: a rule of dashes or box-drawing characters.
fn is_drawn_rule(line: &str) -> bool {
    let s = squeezed(line);
    s.chars().count() >= 3 && s.chars().all(|c| "─━—-=_*～~·".contains(c))
}

/// The name of a section written `【学会动态】`.
fn bracket_section(line: &str) -> Option<String> {
    let s = squeezed(line);
    let inner = s.strip_prefix('【')?.strip_suffix('】')?;
    (!inner.is_empty() && inner.chars().count() <= 20 && !inner.contains(['【', '】'])).then(|| inner.to_string())
}

/// Whether a line is a numbered heading `一、学会动态`: Chinese numerals, 、, a short name.
fn numbered_heading(line: &str) -> bool {
    let line = bare(line);
    let numerals = line.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    let Some(rest) = line.chars().nth(numerals).filter(|_| numerals > 0) else {
        return false;
    };
    let name: String = line.chars().skip(numerals + 1).collect();
    rest == '、' && !name.is_empty() && name.chars().count() <= 20 && is_title_like(&name)
}

/// Whether a line names the table of contents.
fn is_toc_name(line: &str) -> bool {
    let s = squeezed(line);
    is_toc_heading(s.trim_end_matches(['：', ':']))
}

/// The sources line as import reads it, when a line is one: `（甲、乙）`, `（甲供稿）`,
/// `来源：甲`, `来源:甲`, `（作者：甲）` (written `（甲）`).
fn source_line(line: &str) -> Option<String> {
    let line = bare(line);
    if parse_copies(line).is_some() {
        return None;
    }
    if let Some(rest) = line.strip_prefix("来源").and_then(|r| r.strip_prefix(['：', ':'])) {
        let rest = rest.trim();
        return (!rest.is_empty()).then(|| format!("来源：{rest}"));
    }
    let inner = line
        .strip_prefix('（')
        .and_then(|l| l.strip_suffix('）'))
        .or_else(|| line.strip_prefix('(').and_then(|l| l.strip_suffix(')')))?
        .trim();
    let inner = inner
        .strip_prefix("作者")
        .and_then(|r| r.strip_prefix(['：', ':']))
        .map_or(inner, str::trim);
    let plausible = !inner.is_empty()
        && inner.chars().count() <= 60
        && !inner.contains(['（', '）', '(', ')', '。', '！', '？', '；', '：', ':'])
        && !matches!(inner, "完" | "全文完" | "待续" | "未完待续" | "续");
    plausible.then(|| format!("（{inner}）"))
}

/// Whether a line can be an item's title: short, no sentence punctuation, and none of
/// the lines that have another meaning.
fn title_candidate(line: &str) -> bool {
    let line = bare(line);
    is_title_like(line)
        && line.chars().count() >= 4
        && source_line(line).is_none()
        && !is_footer_start(line)
        && bracket_section(line).is_none()
        && !is_toc_name(line)
        && parse_issue_line(line).is_none()
        && !is_date_line(line)
        && split_trailing_date(line).is_none()
        && !is_page_number(line)
}

/// Whether a line reads as running text: a sentence, or too long for a title, and none
/// of the lines that have another meaning.
fn body_like(line: &str) -> bool {
    let line = bare(line);
    !line.is_empty()
        && (!is_title_like(line) || line.ends_with(['。', '！', '？', '；', '…']))
        && source_line(line).is_none()
        && parse_issue_line(line).is_none()
        && split_trailing_date(line).is_none()
        && !is_footer_start(line)
        && bracket_section(line).is_none()
        && !is_toc_name(line)
}

/// The lines of a plain-text bulletin and where they stand.
struct Lines<'a> {
    lines: Vec<&'a str>,
    /// For each line, whether no line after it is a section or ends a sentence: the
    /// condition for a footer to start there, computed once from the end (so that
    /// asking it of every line stays linear).
    quiet_after: Vec<bool>,
}

impl<'a> Lines<'a> {
    fn new(lines: Vec<&'a str>) -> Self {
        let mut quiet_after = vec![true; lines.len()];
        let mut quiet = true;
        for (i, line) in lines.iter().enumerate().rev() {
            quiet_after[i] = quiet;
            let line = bare(line);
            quiet &= bracket_section(line).is_none() && !line.ends_with(['。', '！', '？']);
        }
        Lines { lines, quiet_after }
    }
}

impl Lines<'_> {
    /// The next line after `i` that holds text (page numbers and drawn rules skipped).
    fn next_text(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&k| {
            !bare(self.lines[k]).is_empty() && !is_page_number(self.lines[k]) && !is_drawn_rule(self.lines[k])
        })
    }

    /// Whether line `i` is an item's title: a candidate followed by running text.
    fn is_title(&self, i: usize) -> bool {
        title_candidate(self.lines[i]) && self.next_text(i).is_some_and(|k| body_like(self.lines[k]))
    }

    /// Whether line `i` is a section heading.
    fn is_section(&self, i: usize) -> bool {
        bracket_section(self.lines[i]).is_some()
            || (numbered_heading(self.lines[i])
                && self
                    .next_text(i)
                    .is_some_and(|k| title_candidate(self.lines[k]) || bracket_section(self.lines[k]).is_some()))
    }

    /// Whether the footer starts at line `i`: a footer line after which no section and
    /// no sentence follows.
    fn footer_starts(&self, i: usize) -> bool {
        is_footer_start(bare(self.lines[i])) && self.quiet_after[i]
    }
}

/// Whether a text has Markdown headings below the first level (then it is Markdown,
/// not plain text; a Word file's title alone comes as `# …`).
fn has_headings(text: &str) -> bool {
    text.lines().any(|line| {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        (2..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])
    })
}

/// A plain-text bulletin written as Markdown in the shape import reads; None when the
/// text has Markdown headings, or shows no sign of a bulletin (an issue line near the
/// top, a table of contents, a section, or a footer).
pub fn plain_bulletin_markdown(text: &str) -> Option<String> {
    if has_headings(text) {
        return None;
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines = Lines::new(unified.split('\n').collect());
    let n = lines.lines.len();
    let texts: Vec<usize> = (0..n).filter(|&i| !bare(lines.lines[i]).is_empty()).collect();
    let issue_line = texts
        .iter()
        .take(8)
        .any(|&i| parse_issue_line(bare(lines.lines[i])).is_some());
    let sections = (0..n).filter(|&i| bracket_section(lines.lines[i]).is_some()).count();
    let toc = texts.iter().any(|&i| is_toc_name(lines.lines[i]));
    let footer = texts.iter().any(|&i| lines.footer_starts(i));
    if !(issue_line || toc || sections > 0 || (footer && texts.len() > 3)) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = *texts.first()?;
    // The masthead: the name, then whatever comes before the body.
    let first = bare(lines.lines[i]);
    if let Some(name) = first.strip_prefix("# ") {
        out.push(format!("# {}", name.trim()));
        i += 1;
    } else if parse_issue_line(first).is_none() && split_trailing_date(first).is_none() && !lines.is_title(i) {
        out.push(format!("# {first}"));
        i += 1;
    }
    let body_starts = |k: usize| {
        let line = lines.lines[k];
        is_toc_name(line) || lines.is_section(k) || lines.is_title(k) || lines.footer_starts(k) || body_like(line)
    };
    while i < n && (bare(lines.lines[i]).is_empty() || !body_starts(i)) {
        let line = bare(lines.lines[i]);
        if !line.is_empty() && !is_drawn_rule(line) {
            out.push(line.to_string());
        }
        i += 1;
    }
    // The body, the table of contents and the footer.
    let mut paragraph_ended = true;
    let mut toc_done = false;
    while i < n {
        let raw = lines.lines[i];
        let line = bare(raw);
        if line.is_empty() {
            out.push(String::new());
        } else if is_drawn_rule(line) || is_page_number(line) {
            // Layout, not text.
        } else if is_toc_name(line) && !toc_done {
            out.push(String::new());
            out.push("## 目录提要".to_string());
            i = skip_toc(&lines, i + 1, &mut out);
            toc_done = true;
            paragraph_ended = true;
            continue;
        } else if lines.footer_starts(i) {
            out.push(String::new());
            out.push("---".to_string());
            out.push(String::new());
            for rest in &lines.lines[i..] {
                let rest = bare(rest);
                if !rest.is_empty() && !is_drawn_rule(rest) {
                    out.push(rest.to_string());
                }
            }
            break;
        } else if lines.is_section(i) {
            let name = bracket_section(line).unwrap_or_else(|| line.to_string());
            out.push(String::new());
            out.push(format!("## 【{name}】"));
            out.push(String::new());
            paragraph_ended = true;
        } else if paragraph_ended && lines.is_title(i) {
            out.push(String::new());
            out.push(format!("### {line}"));
            out.push(String::new());
            paragraph_ended = false;
        } else if let Some(sources) = source_line(line) {
            out.push(sources);
            paragraph_ended = true;
        } else {
            // Running text keeps its own line breaks; the cleanup rules join or split.
            out.push(line.to_string());
            paragraph_ended = ends_sentence(line);
        }
        i += 1;
    }
    let mut markdown = out.join("\n");
    markdown.push('\n');
    Some(markdown)
}

/// A table of contents entry without its numbering, leaders and page number.
fn toc_key(line: &str) -> String {
    let s = squeezed(line);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || "．.、◆●■★·-—（）()一二三四五六七八九十".contains(c));
    let s = s.trim_end_matches(|c: char| c.is_ascii_digit() || "…．.·-—_ ".contains(c));
    s.to_string()
}

/// Copies the table of contents' lines (import drops them with a warning) and returns
/// where the body starts: at the first line the table listed already, at a section
/// after a table that listed none, or at the title before the first paragraph.
fn skip_toc(lines: &Lines<'_>, from: usize, out: &mut Vec<String>) -> usize {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut listed_sections = false;
    let mut last_entry: Option<(usize, usize)> = None;
    let mut i = from;
    while i < lines.lines.len() {
        let line = bare(lines.lines[i]);
        if line.is_empty() || is_drawn_rule(line) || is_page_number(line) {
            i += 1;
            continue;
        }
        let key = toc_key(line);
        let section = bracket_section(line).is_some() || numbered_heading(line);
        if seen.contains(&key) || (section && !listed_sections && !seen.is_empty()) {
            return i;
        }
        if body_like(line) || lines.footer_starts(i) {
            // A paragraph: the entry before it was the first item's title.
            return match last_entry {
                Some((at, len)) if !section => {
                    out.truncate(len);
                    at
                }
                _ => i,
            };
        }
        listed_sections |= section;
        last_entry = Some((i, out.len()));
        seen.insert(key);
        out.push(line.to_string());
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(bracket_section("【 学会动态 】").as_deref(), Some("学会动态"));
        assert!(numbered_heading("一、学会动态"));
        assert!(!numbered_heading("一、会议强调，要加强合作。"));
        assert_eq!(source_line("（作者：王明）").as_deref(), Some("（王明）"));
        assert_eq!(source_line("来源:区科协").as_deref(), Some("来源：区科协"));
        assert_eq!(source_line("（共印30份）"), None);
        assert_eq!(source_line("（完）"), None);
        assert_eq!(toc_key("1．区科协召开会议……………3"), "区科协召开会议");
        assert!(is_toc_name("本期要目："));
    }
}
