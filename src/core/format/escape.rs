//! Escaping and un-escaping between the model's plain strings and the format's Markdown.
//!
//! Three kinds of text need care:
//! - single-line fields (titles, headings, sources, names, recipients) are written as
//!   CommonMark inline text: ASCII punctuation that could start markup gets a backslash,
//!   and a first character that the importer would read as a marker (【, 编辑：…) is
//!   written as a numeric character reference. [`unescape_inline`] undoes both;
//! - body lines are raw Markdown, except that a line the importer would take for
//!   structure (an ATX heading of level 1 to 4, or a thematic break) gets one more
//!   backslash, and [`unescape_body_line`] takes one away: a bijection on lines;
//! - nothing else is escaped, so a body reads in any Markdown viewer as written.

use std::borrow::Cow;

/// ASCII characters that get a backslash in single-line fields.
const INLINE_SPECIAL: &[char] = &['\\', '*', '_', '`', '[', ']', '<', '>', '&', '#', '~', '|'];

/// Writes a single-line field as Markdown inline text.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape_inline`], for text that starts a paragraph: a leading list, quote or
/// setext marker gets a backslash too, so the line stays a plain paragraph.
pub fn escape_paragraph(text: &str) -> String {
    let mut out = escape_inline(text);
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if let Some(digits) = out.find(|c: char| !c.is_ascii_digit()) {
        if digits > 0 && digits <= 9 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Writes a single-line field with its first character as a numeric character
/// reference, so that the importer does not read the line as a marker (【…】, 编辑：…).
pub fn escape_first_as_entity(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("&#{};{}", first as u32, escape_inline(chars.as_str())),
        None => String::new(),
    }
}

/// Writes a single-line field with its last character as a numeric character reference,
/// so that a trailing date (`…2023年3月10日`) is not read as the masthead's date.
pub fn escape_last_as_entity(text: &str) -> String {
    match text.char_indices().last() {
        Some((at, last)) => format!("{}&#{};", escape_paragraph(&text[..at]), last as u32),
        None => String::new(),
    }
}

/// Reads Markdown inline text back into a plain string: backslash escapes of ASCII
/// punctuation, numeric character references and the four basic named ones.
pub fn unescape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['\\', '&']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(escaped) = tail.strip_prefix('\\') {
            match escaped.chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push(c);
                    rest = &escaped[1..];
                }
                _ => {
                    out.push('\\');
                    rest = escaped;
                }
            }
        } else if let Some((c, len)) = character_reference(tail) {
            out.push(c);
            rest = &tail[len..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Reads a character reference at the start of `text` (which starts with `&`): the
/// character and the reference's length in bytes.
fn character_reference(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse::<u32>().ok().and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            _ => None,
        }
    }?;
    (c != '\0').then_some((c, end + 1))
}

/// An ATX heading: its level and its raw text (trimmed, closing sequence removed).
pub fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let rest = strip_indent(line)?;
    let level = rest.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = after.trim_matches([' ', '\t']);
    // A closing sequence of #s, preceded by a space or standing alone, is not content.
    let without = text.trim_end_matches('#');
    if without.len() < text.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        text = without.trim_end_matches([' ', '\t']);
    }
    Some((level, text))
}

/// A thematic break: three or more `-`, `*` or `_`, optionally spaced.
pub fn is_thematic_break(line: &str) -> bool {
    let Some(rest) = strip_indent(line) else {
        return false;
    };
    let mut marker = None;
    let mut count = 0;
    for c in rest.chars() {
        match c {
            ' ' | '\t' => {}
            '-' | '*' | '_' if marker.is_none() || marker == Some(c) => {
                marker = Some(c);
                count += 1;
            }
            _ => return false,
        }
    }
    count >= 3
}

/// Up to three leading spaces removed; None when there are four or more.
fn strip_indent(line: &str) -> Option<&str> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    (spaces <= 3).then(|| &line[spaces..])
}

/// Whether a line is structure for the importer: a heading of level 1 to 4, or a break.
pub fn is_structural(line: &str) -> bool {
    is_thematic_break(line) || atx_heading(line).is_some_and(|(level, _)| level <= 4)
}

/// Splits a line into its indentation (at most three spaces), its leading backslashes
/// and the rest.
fn split_backslashes(line: &str) -> (&str, usize, &str) {
    let spaces = (line.len() - line.trim_start_matches(' ').len()).min(3);
    let (indent, rest) = line.split_at(spaces);
    let core = rest.trim_start_matches('\\');
    (indent, rest.len() - core.len(), core)
}

/// Whether the line, with its leading backslashes removed, would be structure.
fn shadows_structure(line: &str) -> bool {
    let (indent, _, core) = split_backslashes(line);
    let mut bare = String::with_capacity(indent.len() + core.len());
    bare.push_str(indent);
    bare.push_str(core);
    is_structural(&bare)
}

/// Writes one body line: a line that looks like structure gets one more backslash.
pub fn escape_body_line(line: &str) -> Cow<'_, str> {
    if shadows_structure(line) {
        let (indent, _, _) = split_backslashes(line);
        Cow::Owned(format!("{indent}\\{}", &line[indent.len()..]))
    } else {
        Cow::Borrowed(line)
    }
}

/// Reads one body line: the inverse of [`escape_body_line`].
pub fn unescape_body_line(line: &str) -> Cow<'_, str> {
    let (indent, backslashes, _) = split_backslashes(line);
    if backslashes > 0 && shadows_structure(line) {
        Cow::Owned(format!("{indent}{}", &line[indent.len() + 1..]))
    } else {
        Cow::Borrowed(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escape_round_trips() {
        for text in [
            "a*b*",
            "\\",
            "&#12304;",
            "<!-- x -->",
            "## x",
            "[l](u)",
            "普通文字",
            "a\\*b",
        ] {
            assert_eq!(unescape_inline(&escape_inline(text)), text, "{text}");
            assert_eq!(unescape_inline(&escape_paragraph(text)), text, "{text}");
        }
        assert_eq!(unescape_inline(&escape_first_as_entity("【标题*】")), "【标题*】");
        assert_eq!(
            unescape_inline(&escape_last_as_entity("-办公室2023年3月10日")),
            "-办公室2023年3月10日"
        );
        assert_eq!(unescape_inline(&escape_paragraph("1. 第一")), "1. 第一");
        assert_eq!(unescape_inline(&escape_paragraph("- 列表")), "- 列表");
    }

    #[test]
    fn body_lines_round_trip_and_lose_their_structure() {
        for line in [
            "# h",
            "  ## h",
            "\\# h",
            "\\\\### h",
            "---",
            "\\---",
            "* * *",
            "####",
            "正文",
            "##### h5",
            "    # code",
        ] {
            let escaped = escape_body_line(line);
            assert!(!is_structural(&escaped), "{line} -> {escaped}");
            assert_eq!(unescape_body_line(&escaped), line, "{line}");
        }
        assert_eq!(escape_body_line("正文"), "正文");
        assert_eq!(escape_body_line("##### h5"), "##### h5");
    }

    #[test]
    fn headings_parse_like_commonmark() {
        assert_eq!(atx_heading("## 【学会动态】"), Some((2, "【学会动态】")));
        assert_eq!(atx_heading("### 标题 ###"), Some((3, "标题")));
        assert_eq!(atx_heading("### 标题\\#"), Some((3, "标题\\#")));
        assert_eq!(atx_heading("###"), Some((3, "")));
        assert_eq!(atx_heading("#标题"), None);
        assert_eq!(atx_heading("    # code"), None);
    }
}
