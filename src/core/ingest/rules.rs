//! The named cleanup rules, in the order [`clean`](super::clean) runs them.
//!
//! Each rule is a `fn(&str) -> Cow<str>`: `Cow::Borrowed` means "nothing to do here",
//! so the pipeline can tell which rules fired. Each has a stable name (for settings and
//! tests) and a Chinese label (for the editor). Every rule is idempotent, leaves fenced
//! code alone, and never removes a character of text, only layout: white space, page
//! numbers, invisible characters.

use super::digits::cjk_digit_spaces;
use super::join::{join_broken_lines, split_paragraphs};
use super::spacing::{cjk_spaces, fullwidth_punct, punct_spaces};
use super::text::{is_list_item, lines_with_fences, map_lines};
use std::borrow::Cow;

/// One named cleanup rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The stable name, in English kebab case: `join-broken-lines`.
    pub name: &'static str,
    /// What the rule does, in Chinese, for the editor: `合并被断开的段落`.
    pub label: &'static str,
    /// The rule itself.
    pub apply: fn(&str) -> Cow<'_, str>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("name", &self.name)
            .field("label", &self.label)
            .finish()
    }
}

/// Every rule, in the order they run. Layout goes first (invisible characters,
/// paragraphs marked by indentation, indentation, full-width letters, page numbers),
/// then spacing and punctuation, then the joining of paragraphs a PDF broke and the
/// splitting of paragraphs Word runs together, and last the blank lines left over.
pub const RULES: &[Rule] = &[
    Rule {
        name: super::web::NAME,
        label: super::web::LABEL,
        apply: super::web::as_rule,
    },
    Rule {
        name: "remove-invisible",
        label: "删除不可见字符",
        apply: remove_invisible,
    },
    Rule {
        name: "indent-paragraphs",
        label: "按首行缩进分段",
        apply: indent_paragraphs,
    },
    Rule {
        name: "strip-layout-spaces",
        label: "删除缩进和行尾空格",
        apply: strip_layout_spaces,
    },
    Rule {
        name: "halfwidth-alnum",
        label: "全角字母数字改为半角",
        apply: halfwidth_alnum,
    },
    Rule {
        name: "drop-page-numbers",
        label: "删除页码行",
        apply: drop_page_numbers,
    },
    Rule {
        name: "cjk-spaces",
        label: "删除汉字之间的空格",
        apply: cjk_spaces,
    },
    Rule {
        name: "cjk-digit-spaces",
        label: "删除汉字与数字之间的空格",
        apply: cjk_digit_spaces,
    },
    Rule {
        name: "punct-spaces",
        label: "删除全角标点两侧的空格",
        apply: punct_spaces,
    },
    Rule {
        name: "fullwidth-punct",
        label: "汉字旁的半角标点改为全角",
        apply: fullwidth_punct,
    },
    Rule {
        name: "join-broken-lines",
        label: "合并被断开的段落",
        apply: join_broken_lines,
    },
    Rule {
        name: "split-paragraphs",
        label: "句末换行处分段",
        apply: split_paragraphs,
    },
    Rule {
        name: "collapse-blank-lines",
        label: "合并多余的空行",
        apply: collapse_blank_lines,
    },
];

/// The rule with this name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name == name)
}

/// Removes characters that take no room and carry no text: zero-width spaces, word
/// joiners, soft hyphens and byte-order marks, which web pages and Word leave behind.
pub fn remove_invisible(text: &str) -> Cow<'_, str> {
    const INVISIBLE: &[char] = &['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];
    if text.contains(INVISIBLE) {
        Cow::Owned(text.replace(INVISIBLE, ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a line is indented as the first line of a paragraph is in PDF, Word and web
/// text: with ideographic spaces (U+3000), tabs or no-break spaces, or with any spaces
/// before text that is not Latin (Chinese, a digit, a quotation mark). Spaces before
/// Latin text may be Markdown (indented code) and do not count.
fn layout_indent(line: &str) -> bool {
    let content = line.trim_start();
    let indent = &line[..line.len() - content.len()];
    let first = content.chars().next();
    !indent.is_empty()
        && first.is_some()
        && (indent.contains(['\u{3000}', '\t', '\u{A0}']) || first.is_some_and(|c| !c.is_ascii() || c.is_ascii_digit()))
}

/// Whether a line's indentation is one to three spaces, which Markdown ignores.
fn slight_indent(line: &str) -> bool {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    (1..=3).contains(&spaces) && line[spaces..].starts_with(|c: char| !c.is_whitespace())
}

/// Whether the lines read so far leave us inside a Markdown list, where indentation is
/// structure: a list item starts one, an unindented line of text ends it.
#[derive(Default)]
struct ListState {
    in_list: bool,
}

impl ListState {
    fn see(&mut self, line: &str) {
        if is_list_item(line) {
            self.in_list = true;
        } else if !line.trim().is_empty() && !line.starts_with(char::is_whitespace) {
            self.in_list = false;
        }
    }
}

/// A line indented as a paragraph's first line starts a new paragraph: a blank line goes
/// before it. PDF and Word text often mark paragraphs by indentation alone.
pub fn indent_paragraphs(text: &str) -> Cow<'_, str> {
    let mut list = ListState::default();
    let mut out: Vec<&str> = Vec::new();
    let mut previous_text = false;
    let mut changed = false;
    for (line, fenced) in lines_with_fences(text) {
        if !fenced {
            if layout_indent(line) && !list.in_list && previous_text {
                out.push("");
                changed = true;
            }
            list.see(line);
        }
        previous_text = !fenced && !line.trim().is_empty();
        out.push(line);
    }
    if changed {
        Cow::Owned(out.join("\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// White space that is layout, not text: no-break spaces become plain spaces, trailing
/// white space goes, and so does a paragraph's indentation (ideographic spaces, tabs,
/// no-break spaces, or spaces before text that is not Latin) and any indentation of one
/// to three spaces. Indentation inside a list is Markdown structure and stays.
///
/// A Markdown hard break written as two trailing spaces cannot be told from the trailing
/// spaces PDF copying leaves, so it goes too; one written as a trailing backslash stays.
pub fn strip_layout_spaces(text: &str) -> Cow<'_, str> {
    let mut list = ListState::default();
    let result = map_lines(text, |line| {
        let layout = (layout_indent(line) || slight_indent(line)) && !list.in_list;
        if !layout && !line.contains(['\u{A0}', '\u{202F}', '\u{2007}']) && !line.ends_with(char::is_whitespace) {
            // Nothing to change: the line is not copied.
            list.see(line);
            return None;
        }
        let mut new: String = line
            .chars()
            .map(|c| {
                if matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        new.truncate(new.trim_end().len());
        if layout {
            new = new.trim_start().to_string();
        }
        list.see(&new);
        Some(new)
    });
    result.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Full-width ASCII letters and digits (`ＡＢＣ１２３`) become half-width.
pub fn halfwidth_alnum(text: &str) -> Cow<'_, str> {
    let is_wide = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    if !text.contains(is_wide) {
        return Cow::Borrowed(text);
    }
    let fenced_or_not = map_lines(text, |line| {
        Some(
            line.chars()
                .map(|c| {
                    if is_wide(c) {
                        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect(),
        )
    });
    fenced_or_not.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether a line is nothing but a page number: `— 2 —`, `- 3 -`, `第 4 页`, `第4页 共9页`.
pub fn is_page_number(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '─');
    // Only these characters make a page number: any other stops the reading at once.
    let possible = |c: char| {
        c.is_whitespace() || c.is_ascii_digit() || dash(c) || matches!(c, '第' | '页' | '共' | '/' | '，' | ',')
    };
    if !line.chars().all(possible) {
        return false;
    }
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = squeezed.trim_start_matches(dash);
    let dashed = inner.len() < squeezed.len() && {
        let core = inner.trim_end_matches(dash);
        core.len() < inner.len() && (1..=4).contains(&core.len()) && core.chars().all(|c| c.is_ascii_digit())
    };
    let paged = squeezed
        .strip_prefix('第')
        .and_then(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (1..=4).contains(&digits).then(|| &rest[digits..])?.strip_prefix('页')
        })
        .is_some_and(|rest| {
            let rest = rest.trim_start_matches(['/', '，', ',']);
            rest.is_empty()
                || rest.strip_prefix('共').is_some_and(|total| {
                    let digits = total.chars().take_while(char::is_ascii_digit).count();
                    (1..=4).contains(&digits) && &total[digits..] == "页"
                })
        });
    dashed || paged
}

/// Removes lines that hold only a page number, which PDF copying puts between the two
/// halves of a paragraph broken at a page end.
pub fn drop_page_numbers(text: &str) -> Cow<'_, str> {
    let lines = lines_with_fences(text);
    if !lines.iter().any(|(line, fenced)| !fenced && is_page_number(line)) {
        return Cow::Borrowed(text);
    }
    let kept: Vec<&str> = lines
        .into_iter()
        .filter(|(line, fenced)| *fenced || !is_page_number(line))
        .map(|(line, _)| line)
        .collect();
    Cow::Owned(kept.join("\n"))
}

/// Runs of blank lines become one blank line; blank lines at the start go, and the end
/// keeps at most one line feed. Blank lines inside fenced code stay.
pub fn collapse_blank_lines(text: &str) -> Cow<'_, str> {
    let lines = lines_with_fences(text);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut changed = false;
    for (line, fenced) in lines {
        let blank = !fenced && line.trim().is_empty();
        if blank {
            let after_blank = out.last().is_none_or(|last| last.is_empty());
            if after_blank || !line.is_empty() {
                changed = true;
            }
            if !after_blank {
                out.push("");
            }
        } else {
            out.push(line);
        }
    }
    // A text that ended with a line feed keeps one; `out` then ends with one empty line.
    if !changed {
        return Cow::Borrowed(text);
    }
    Cow::Owned(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
            assert!(RULES[..i].iter().all(|other| other.name != rule.name), "{}", rule.name);
            assert!(!rule.label.is_empty());
        }
    }

    #[test]
    fn page_numbers() {
        for line in [
            "— 2 —",
            "- 3 -",
            "—12—",
            "－ 4 －",
            "第 4 页",
            "第4页 共9页",
            "第2页/共5页",
        ] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["- 3", "第四页", "第2页的内容", "2023", "— 文字 —", "---", "第 12345 页"] {
            assert!(!is_page_number(line), "{line}");
        }
    }
}
