//! Text as WordprocessingML may hold it.
//!
//! XML 1.0 forbids most control characters, and a `.docx` holding one is a file Word
//! refuses ("unreadable content"). Everything the export writes goes through [`clean`].

/// The text without what a `.docx` must not hold: C0 controls other than tab and line
/// feed, DEL and the C1 controls, and Unicode noncharacters (among them the U+FDD0 the
/// emphasis pass inserts). A carriage return becomes nothing (a CR LF pair leaves its LF).
/// Characters outside the Basic Multilingual Plane (rare Han characters in names,
/// emoji) are kept.
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| !is_dropped(c)).collect()
}

/// Whether [`clean`] drops the character.
pub fn is_dropped(c: char) -> bool {
    let code = c as u32;
    (code < 0x20 && c != '\t' && c != '\n')
        || (0x7F..=0x9F).contains(&code)
        || (0xFDD0..=0xFDEF).contains(&code)
        || (code & 0xFFFE) == 0xFFFE
}

/// The text on one line: [`clean`], with line feeds and tabs as spaces and the ends
/// trimmed. Titles, headings and footer lines are one line each.
pub fn one_line(text: &str) -> String {
    let cleaned: String = clean(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    cleaned.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_other_planes_stay() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{1b}\u{85}\u{FFFE}\u{FDD0}d"), "abcd");
        assert_eq!(clean("𠀀😀\t\n"), "𠀀😀\t\n");
        assert_eq!(clean("a\r\nb"), "a\nb");
        assert_eq!(one_line(" 标题\n第二行\t "), "标题 第二行");
    }
}
