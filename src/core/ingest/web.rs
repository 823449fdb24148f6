//! Articles copied from a web page, above all from a WeChat public account (公众号).
//!
//! A 公众号 article copied from the browser carries more than the article: a by-line
//! (`原创 南湖区科协 南湖科协 2024年4月3日 17:30 浙江`), `点击蓝字关注我们`, emoji around
//! the title, the article's own credits (`编辑：… 审核：…`), `END`, and the page's
//! buttons and counters (`阅读原文`, `阅读 1052`, `分享 收藏 在看 23`). Its paragraphs are
//! separated by blank lines and often end without punctuation.
//!
//! [`take_apart`] recognises that shape by lines only a web page writes (a by-line, the
//! page's buttons, `END`, a follow prompt) and then:
//! - moves the by-line, the follow and QR-code prompts, the buttons and counters, `END`
//!   and the credits out of the text, into [`WebCopy::removed`], which the editor is
//!   shown (nothing is lost without a word: the editor can put any line back);
//! - takes the first line as the title, without its emoji decoration;
//! - reads `来源：…`, `文/图：…` (and `文：`, `图：`, `供图：`, `供稿：`) lines as sources,
//!   wherever they stand after the title;
//! - leaves the paragraphs as they are: a web page's blank line is a real paragraph break,
//!   so the caller must not join paragraphs across it as it would for a PDF.
//!
//! Text without any of those lines is not web copy and is left to the other rules.

use super::text::{after_key, ends_sentence, heading_text, is_date_line};
use crate::core::format::normalize::split_sources_loose;

/// The name under which the web-copy step is listed and switched off, like a rule's.
pub const NAME: &str = "web-copy";

/// The label shown for the web-copy step.
pub const LABEL: &str = "整理公众号和网页文章（移出署名、关注提示、按钮和编辑署名）";

/// The web-copy step's entry in [`RULES`](super::RULES) changes nothing by itself: the step
/// moves lines out of the text rather than rewriting it, so [`detect`](super::detect) runs
/// it before the rules. The entry gives it a name, a label and a switch like every rule.
pub fn as_rule(text: &str) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(text)
}

/// A web article taken apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebCopy {
    /// The title, without emoji decoration; empty when the article has none.
    pub title: String,
    /// The article's text without the title, the sources and the removed lines.
    pub text: String,
    /// The sources from `来源：` and `文/图：` lines, in order.
    pub sources: Vec<String>,
    /// The lines moved out of the text, as they were, in order.
    pub removed: Vec<String>,
}

/// Lines that a web page's buttons, counters and prompts write, compared after white space
/// is removed. Counters (`阅读 1052`, `在看 23`) are recognised separately.
const PAGE_LINES: &[&str] = &[
    "END",
    "-END-",
    "—END—",
    "——END——",
    "点击蓝字关注我们",
    "点击上方蓝字关注我们",
    "点击上方蓝字关注",
    "点击蓝字",
    "关注我们",
    "阅读原文",
    "轻触阅读原文",
    "预览时标签不可点",
    "微信扫一扫",
    "微信扫一扫关注该公众号",
    "关注该公众号",
    "继续滑动看下一个",
    "向上滑动看下一个",
    "知道了",
    "写留言",
    "留言",
    "喜欢此内容的人还喜欢",
    "长按识别二维码",
    "长按识别二维码关注",
    "长按二维码关注我们",
    "长按二维码关注",
    "扫码关注我们",
    "扫描二维码关注我们",
    "往期推荐",
    "往期回顾",
    "推荐阅读",
    "素材来源网络",
];

/// Words of the page's button and counter row (`分享 收藏 在看 23`, `阅读 1052`).
const COUNTER_WORDS: &[&str] = &["阅读", "分享", "收藏", "在看", "点赞", "赞", "推荐", "转发", "留言"];

/// Keys of the article's own credits, moved out: the bulletin has its own 编辑 and 审核.
const CREDIT_KEYS: &[&str] = &[
    "责任编辑",
    "编辑",
    "审核",
    "校对",
    "责编",
    "排版",
    "美编",
    "初审",
    "复审",
    "终审",
    "签发",
    "主编",
    "统筹",
    "监制",
    "编审",
];

/// The longest title taken from web copy: a 公众号 allows 64 characters.
const TITLE_MAX: usize = 64;

/// Keys that introduce sources on a line of their own.
const SOURCE_KEYS: &[&str] = &[
    "稿件来源",
    "信息来源",
    "来源",
    "文/图",
    "文／图",
    "图/文",
    "图／文",
    "文图",
    "图文",
    "供稿",
    "供图",
    "文",
];

/// Whether a character is emoji decoration: pictographs, symbols and the joiners and
/// selectors that build emoji sequences.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

/// A line without white space, for comparing with the fixed lines.
fn squeezed(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a line is a button, a counter row or a prompt of the page.
fn is_page_line(line: &str) -> bool {
    let squeezed = squeezed(line);
    if squeezed.is_empty() {
        return false;
    }
    if PAGE_LINES.contains(&squeezed.as_str()) {
        return true;
    }
    // A row of counter words and numbers: `分享 收藏 在看 23`, `阅读 10万+`.
    let mut words = 0;
    for token in line.split_whitespace() {
        let word = token.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '万' | '+' | '.'));
        let number = word.len() != token.len() && word.is_empty();
        if COUNTER_WORDS.contains(&word) {
            words += 1;
        } else if !number {
            return false;
        }
    }
    words > 0
}

/// Whether a line is a 公众号 by-line: `原创 南湖区科协 南湖科协 2024年4月3日 17:30 浙江`,
/// or a short line holding a date (with a time, or starting with 原创).
fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 60 || ends_sentence(line) {
        return false;
    }
    let original = line.starts_with("原创");
    let has_date = line
        .split_whitespace()
        .any(|token| is_date_line(token) || is_dashed_date(token));
    let has_time = line.split_whitespace().any(is_clock_time);
    has_date && (original || has_time) || original && line.split_whitespace().count() >= 2
}

/// `2024-04-03`.
fn is_dashed_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

/// `17:30`.
fn is_clock_time(token: &str) -> bool {
    let Some((hours, minutes)) = token.split_once(':') else {
        return false;
    };
    (1..=2).contains(&hours.len())
        && minutes.len() == 2
        && hours.chars().chain(minutes.chars()).all(|c| c.is_ascii_digit())
}

/// Whether a line holds only credits: `编辑：张小明  审核：李华`, `责任编辑：王五｜校对：赵六`.
fn is_credit_line(line: &str) -> bool {
    let mut any = false;
    for part in line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '/' | '／')) {
        if part.is_empty() {
            continue;
        }
        let credit = CREDIT_KEYS
            .iter()
            .any(|key| after_key(part, key).is_some_and(|name| !name.trim().is_empty()));
        if !credit {
            return false;
        }
        any = true;
    }
    any
}

/// The sources a `来源：…` or `文/图：…` line names.
fn source_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let rest = SOURCE_KEYS.iter().find_map(|key| after_key(line, key))?.trim();
    if rest.is_empty() || rest.chars().count() > 60 || ends_sentence(rest) {
        return None;
    }
    let sources = split_sources_loose(rest);
    (!sources.is_empty()).then_some(sources)
}

/// Takes a web article apart (see the module documentation); None when the text has no
/// line that only a web page writes.
pub fn take_apart(text: &str) -> Option<WebCopy> {
    let lines: Vec<&str> = text.lines().collect();
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let first = *filled.first()?;
    // A by-line counts among the first few lines only; the page's lines anywhere.
    let near_top = &filled[..filled.len().min(4)];
    let web = filled.iter().any(|&i| is_page_line(lines[i])) || near_top.iter().any(|&i| is_byline(lines[i]));
    if !web {
        return None;
    }
    let mut copy = WebCopy::default();
    let mut kept: Vec<&str> = Vec::new();
    let mut title_line = None;
    for (i, line) in lines.iter().enumerate() {
        let is_top = near_top.contains(&i);
        if line.trim().is_empty() {
            kept.push(line);
        } else if is_page_line(line) || is_credit_line(line) || (is_top && is_byline(line)) {
            copy.removed.push(line.trim().to_string());
        } else if title_line.is_none() && i >= first {
            title_line = Some(i);
        } else if let Some(sources) = source_line(line) {
            copy.sources.extend(sources);
        } else {
            kept.push(line);
        }
    }
    if let Some(i) = title_line {
        let line = lines[i].trim();
        // A first line too long for a title, or ending a sentence, is the text's start.
        if line.chars().count() > TITLE_MAX || ends_sentence(line) {
            kept.insert(0, lines[i]);
            copy.text = kept.join("\n").trim().to_string();
            return Some(copy);
        }
        // Pasted HTML gives the title as a Markdown heading.
        let line = heading_text(line).unwrap_or(line).trim();
        let title: String = line.chars().filter(|&c| !is_emoji(c)).collect();
        let emoji: String = line
            .chars()
            .filter(|&c| is_emoji(c) && !matches!(c, '\u{fe0f}' | '\u{200d}'))
            .collect();
        if !emoji.is_empty() {
            copy.removed.insert(0, emoji);
        }
        copy.title = title.trim().to_string();
    }
    copy.text = kept.join("\n").trim().to_string();
    Some(copy)
}
