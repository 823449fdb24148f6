//! Spaces between a Chinese character and an Arabic numeral: official text writes none
//! (`2023年3月9日`, `召开2023年联席会`), but text copied from PDFs and web pages often
//! carries them (`市科协召开 2023 年区科协联席会`). The rule `cjk-digit-spaces` removes
//! them, on either side of the number.
//!
//! Only a single ordinary space goes: a run of spaces, a tab or an ideographic space
//! between a name and a date (`市科协办公室　　2025年3月9日`) separates two fields of a
//! line and stays. Inline code, HTML tags, URLs and fenced code are never touched.
//!
//! The rule reads each line once, character by character, and keeps no look-back beyond
//! the current word, so it runs in time linear in the text's length.

use super::text::{is_han, lines_with_fences};
use std::borrow::Cow;

/// What the scan of one line knows about where it stands.
#[derive(Default)]
struct Scan {
    /// Inside inline code opened by a run of this many backticks.
    code: Option<usize>,
    /// Inside an HTML tag or comment, until its `>`.
    tag: bool,
    /// The word before the current position (since the last white space) holds `://`
    /// or starts with `www.`: it is an address, and the space after it stays.
    address: bool,
}

/// Whether a space between `before` and `after` is one between a Chinese character and
/// a digit, on either side.
fn between_han_and_digit(before: char, after: char) -> bool {
    (is_han(before) && after.is_ascii_digit()) || (before.is_ascii_digit() && is_han(after))
}

/// The line without the spaces the rule removes, or None when it removes none.
fn clean_line(line: &str) -> Option<String> {
    if !line.contains(' ') {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut scan = Scan::default();
    let mut out: Option<String> = None;
    let mut word_start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let mut run = 1;
            while chars.get(i + run) == Some(&'`') {
                run += 1;
            }
            scan.code = match scan.code {
                None => Some(run),
                Some(open) if open == run => None,
                still => still,
            };
            push_all(&mut out, &chars[i..i + run]);
            i += run;
            continue;
        }
        if scan.code.is_none() {
            if scan.tag {
                scan.tag = c != '>';
            } else if c == '<'
                && chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
            {
                scan.tag = true;
            }
        }
        if c.is_whitespace() {
            let removable = c == ' '
                && i > 0
                && scan.code.is_none()
                && !scan.tag
                && !scan.address
                && chars
                    .get(i + 1)
                    .is_some_and(|&after| between_han_and_digit(chars[i - 1], after));
            if removable {
                // The first removal copies the line so far; later ones skip the space.
                out.get_or_insert_with(|| chars[..i].iter().collect());
            } else {
                push_all(&mut out, &chars[i..=i]);
            }
            scan.address = false;
            word_start = i + 1;
            i += 1;
            continue;
        }
        if c == '/' && i >= 2 && chars[i - 1] == '/' && chars[i - 2] == ':' {
            scan.address = true;
        }
        if c == '.' && i == word_start + 3 && chars[word_start..i].iter().all(|w| w.eq_ignore_ascii_case(&'w')) {
            scan.address = true;
        }
        push_all(&mut out, &chars[i..=i]);
        i += 1;
    }
    out
}

/// Appends characters to the output once it exists (the first removal creates it).
fn push_all(out: &mut Option<String>, chars: &[char]) {
    if let Some(out) = out {
        out.extend(chars);
    }
}

/// Removes a single space between a Chinese character and an Arabic numeral, on either
/// side of the number, outside code, tags and addresses: `召开 2023 年` → `召开2023年`.
pub fn cjk_digit_spaces(text: &str) -> Cow<'_, str> {
    let lines = lines_with_fences(text);
    let mut changed = false;
    let new: Vec<Cow<'_, str>> = lines
        .iter()
        .map(|&(line, fenced)| match (fenced, clean_line(line)) {
            (false, Some(new)) => {
                changed = true;
                Cow::Owned(new)
            }
            _ => Cow::Borrowed(line),
        })
        .collect();
    if changed {
        Cow::Owned(new.join("\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_on_both_sides_of_a_number_go() {
        assert_eq!(
            cjk_digit_spaces("市科协召开 2023 年区科协联席会"),
            "市科协召开2023年区科协联席会"
        );
        assert_eq!(cjk_digit_spaces("甲\n第 7 期\n乙"), "甲\n第7期\n乙");
    }

    #[test]
    fn layout_code_and_addresses_stay() {
        for text in [
            "市科协办公室  2025年3月9日",
            "市科协办公室\u{3000}2025年3月9日",
            "`第 7 期`",
            "见 https://example.cn/7 期",
            "<span title=\"第 7\">",
            "```\n第 7 期\n```",
            "AI 2.0 and more",
        ] {
            assert!(matches!(cjk_digit_spaces(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
