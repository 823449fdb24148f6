//! 字数: how editors count the length of a text.

/// Counts characters as editors do: every character except white space counts one, so a
/// CJK character, a letter, a digit and a punctuation mark each count once.
pub fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The count of one item: its title, body and sources.
pub fn item_chars(item: &crate::core::Item) -> usize {
    chars(&item.title) + chars(&item.body) + item.sources.iter().map(|s| chars(s)).sum::<usize>()
}

/// The count of a whole issue's items.
pub fn issue_chars(issue: &crate::core::Issue) -> usize {
    issue.items().map(|(_, item)| item_chars(item)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cjk_latin_and_punctuation_once_and_skips_white_space() {
        assert_eq!(chars("科协 每周\u{3000}动态。"), 7);
        assert_eq!(chars("AI 2.0\n\t"), 5);
        assert_eq!(chars(""), 0);
    }
}
