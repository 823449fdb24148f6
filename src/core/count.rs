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

/// The storage meter's figures: localStorage's use and budget in KB (two bytes per UTF-16
/// unit, rounded) and the share used in tenths of a percent (rounded down, so that 79.99 %
/// never shows as 80 %). Integers only: the browser build then carries no float formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageUse {
    /// What is stored, in KB.
    pub used_kb: usize,
    /// What the browser allows, in KB.
    pub budget_kb: usize,
    /// The share used, in tenths of a percent; 1000 when the budget is unknown (zero).
    pub per_mille: usize,
}

impl StorageUse {
    /// The figures for `used` of `budget` UTF-16 units.
    pub fn new(used: usize, budget: usize) -> StorageUse {
        let kb = |units: usize| (units.saturating_mul(2) + 512) / 1024;
        StorageUse {
            used_kb: kb(used),
            budget_kb: kb(budget),
            per_mille: if budget == 0 {
                1000
            } else {
                ((used as u128 * 1000) / budget as u128) as usize
            },
        }
    }

    /// `12 KB / 5120 KB（0.2%）`, as the drafts panel shows it.
    pub fn text(&self) -> String {
        format!(
            "{} KB / {} KB（{}.{}%）",
            self.used_kb,
            self.budget_kb,
            self.per_mille / 10,
            self.per_mille % 10
        )
    }

    /// The share used in whole percent, for the `<meter>` element.
    pub fn percent(&self) -> usize {
        self.per_mille / 10
    }

    /// Whether the browser's storage is at least 80 % full.
    pub fn nearly_full(&self) -> bool {
        self.per_mille >= 800
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

    #[test]
    fn the_storage_meter_reads_kb_and_tenths_of_a_percent() {
        // 5 MiB of UTF-16 units is 10,240 KB; 12,345 units is 24.1 KB, 0.2 % of it.
        let meter = StorageUse::new(12_345, 5 * 1024 * 1024);
        assert_eq!(meter.text(), "24 KB / 10240 KB（0.2%）");
        assert_eq!(meter.percent(), 0);
        assert!(!meter.nearly_full());
        // 79.99 % is not yet 80 %.
        let almost = StorageUse::new(7_999, 10_000);
        assert_eq!(almost.text(), "16 KB / 20 KB（79.9%）");
        assert!(!almost.nearly_full());
        let full = StorageUse::new(8_000, 10_000);
        assert_eq!((full.percent(), full.nearly_full()), (80, true));
        assert_eq!(StorageUse::new(0, 0).text(), "0 KB / 0 KB（100.0%）");
        assert!(StorageUse::new(0, 0).nearly_full());
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
