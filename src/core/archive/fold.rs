//! Width folding: full-width Latin letters, digits and punctuation read as their ASCII
//! forms, so 「ＡＢＣ１２３」 finds 「abc123」 and 「市科协 学会部」 is the unit 「市科协学会部」.

/// Folds one character: full-width ASCII forms (U+FF01 to U+FF5E) to ASCII, the
/// ideographic space to a space, and ASCII letters to lower case. Everything else,
/// CJK punctuation such as 、 and 。 included, stays as it is.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Folds a text character by character. The result has exactly as many characters as
/// the input, so a match found at the n-th character of the folded text is at the n-th
/// character of the original (search relies on this to cut its snippets).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The key that identifies a source unit: folded, with every space removed, so that
/// 「市科协 青少年部」, 「市科协　青少年部」 and 「市科协青少年部」 count as one unit.
pub fn unit_key(name: &str) -> String {
    name.chars().map(fold_char).filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_the_character_count() {
        let text = "ＡＢＣ　１２３，中文。";
        assert_eq!(fold(text), "abc 123,中文。");
        assert_eq!(fold(text).chars().count(), text.chars().count());
    }

    #[test]
    fn unit_keys_ignore_width_and_spaces() {
        assert_eq!(unit_key("市科协 青少年部"), unit_key("市科协　青少年部"));
        assert_eq!(unit_key("ＸＸ学会"), unit_key("xx学会"));
        assert_ne!(unit_key("青少年部"), unit_key("市科协青少年部"));
    }
}
