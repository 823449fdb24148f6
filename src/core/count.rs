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

/// The 字数 of every item and of the whole issue, kept up to date one item at a time, so
/// typing in one item never recounts the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    per_item: std::collections::HashMap<crate::core::Id, usize>,
    total: usize,
}

impl Tally {
    /// Counts a whole issue.
    pub fn of(issue: &crate::core::Issue) -> Tally {
        let per_item: std::collections::HashMap<_, _> =
            issue.items().map(|(_, item)| (item.id, item_chars(item))).collect();
        let total = per_item.values().sum();
        Tally { per_item, total }
    }

    /// Recounts one item after it changed (or counts it, if it is new).
    pub fn update(&mut self, item: &crate::core::Item) {
        let now = item_chars(item);
        let before = self.per_item.insert(item.id, now).unwrap_or(0);
        self.total = self.total - before + now;
    }

    /// The count of the whole issue.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many items the issue has.
    pub fn items(&self) -> usize {
        self.per_item.len()
    }

    /// The count of one item, if the issue has it.
    pub fn item(&self, id: crate::core::Id) -> Option<usize> {
        self.per_item.get(&id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{apply, Edit};
    use crate::core::sample::sample_issue;

    #[test]
    fn a_tally_kept_item_by_item_equals_a_fresh_count() {
        let mut issue = sample_issue();
        let mut tally = Tally::of(&issue);
        assert_eq!(tally.total(), issue_chars(&issue));
        assert_eq!(tally.items(), issue.item_count());
        let ids: Vec<_> = issue.items().map(|(_, item)| item.id).collect();
        for (k, id) in ids.iter().enumerate() {
            apply(&mut issue, Edit::SetBody(*id, "字 ".repeat(k * 7)));
            apply(&mut issue, Edit::SetTitle(*id, format!("标题{k}")));
            tally.update(issue.item(*id).unwrap());
            assert_eq!(tally.total(), issue_chars(&issue));
        }
        assert_eq!(tally, Tally::of(&issue));
        assert_eq!(tally.item(ids[1]), Some(item_chars(issue.item(ids[1]).unwrap())));
    }

    #[test]
    fn counts_cjk_latin_and_punctuation_once_and_skips_white_space() {
        assert_eq!(chars("科协 每周\u{3000}动态。"), 7);
        assert_eq!(chars("AI 2.0\n\t"), 5);
        assert_eq!(chars(""), 0);
    }
}

/// How far an issue's items have come in review: the 3/7 已审 of the status bar, and what
/// the export asks about before an issue that is not all reviewed leaves the desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// Items 已审.
    pub reviewed: usize,
    /// Items 编辑中.
    pub editing: usize,
    /// Items 收稿.
    pub received: usize,
}

impl Review {
    /// Counts the items of an issue by status.
    pub fn of(issue: &crate::core::Issue) -> Review {
        let mut review = Review::default();
        for (_, item) in issue.items() {
            match item.status {
                crate::core::Status::Reviewed => review.reviewed += 1,
                crate::core::Status::Editing => review.editing += 1,
                crate::core::Status::Received => review.received += 1,
            }
        }
        review
    }

    /// All items.
    pub fn total(&self) -> usize {
        self.reviewed + self.editing + self.received
    }

    /// Items not yet 已审.
    pub fn pending(&self) -> usize {
        self.editing + self.received
    }
}
