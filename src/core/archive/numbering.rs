//! The numbering of a year's published issues: which numbers are missing between the
//! first and the last, and which were used twice. Supplements (增刊) have their own
//! numbering and are left out.

use crate::core::Masthead;
use serde::Serialize;

/// One year's issue numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearNumbers {
    /// The year (from the issue line, else the date); `None` for issues with neither.
    pub year: Option<u32>,
    /// The numbers used, in order, each once.
    pub numbers: Vec<u32>,
    /// Numbers between the first and the last that no issue has.
    pub missing: Vec<u32>,
    /// Numbers that two or more issues have.
    pub duplicates: Vec<u32>,
}

/// The numbering of the issues with these mastheads, one entry per year, years in order
/// (issues without a year last). Issues without a number are not counted.
pub fn check<'a>(mastheads: impl IntoIterator<Item = &'a Masthead>) -> Vec<YearNumbers> {
    let mut years: Vec<(Option<u32>, Vec<u32>)> = Vec::new();
    for masthead in mastheads {
        let (Some(number), false) = (masthead.number, masthead.supplement) else {
            continue;
        };
        let year = masthead.year.or(masthead.date.map(|d| d.year));
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some((_, numbers)) => numbers.push(number),
            None => years.push((year, vec![number])),
        }
    }
    years.sort_by_key(|(year, _)| (year.is_none(), *year));
    years
        .into_iter()
        .map(|(year, mut all)| {
            all.sort_unstable();
            let mut duplicates: Vec<u32> = all.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
            duplicates.dedup();
            let mut numbers = all;
            numbers.dedup();
            let missing = match (numbers.first(), numbers.last()) {
                (Some(&first), Some(&last)) => (first..=last).filter(|n| numbers.binary_search(n).is_err()).collect(),
                _ => Vec::new(),
            };
            YearNumbers {
                year,
                numbers,
                missing,
                duplicates,
            }
        })
        .collect()
}

/// The year's findings in words: `2024年：缺第3、4期；第5期重复`, or `None` when the
/// numbering is whole.
pub fn describe(year: &YearNumbers) -> Option<String> {
    let join = |numbers: &[u32]| numbers.iter().map(u32::to_string).collect::<Vec<_>>().join("、");
    let mut parts = Vec::new();
    if !year.missing.is_empty() {
        parts.push(format!("缺第{}期", join(&year.missing)));
    }
    if !year.duplicates.is_empty() {
        parts.push(format!("第{}期重复", join(&year.duplicates)));
    }
    if parts.is_empty() {
        return None;
    }
    let label = year.year.map_or_else(|| "未注明年份".to_string(), |y| format!("{y}年"));
    Some(format!("{label}：{}", parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Date;

    fn masthead(year: Option<u32>, number: Option<u32>) -> Masthead {
        Masthead {
            year,
            number,
            ..Masthead::default()
        }
    }

    #[test]
    fn gaps_and_duplicates_are_found_per_year() {
        let list = [
            masthead(Some(2024), Some(1)),
            masthead(Some(2024), Some(2)),
            masthead(Some(2024), Some(5)),
            masthead(Some(2024), Some(5)),
            masthead(Some(2023), Some(52)),
            masthead(Some(2023), Some(51)),
        ];
        let years = check(&list);
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].year, Some(2023));
        assert_eq!(describe(&years[0]), None);
        assert_eq!(years[1].numbers, [1, 2, 5]);
        assert_eq!(years[1].missing, [3, 4]);
        assert_eq!(years[1].duplicates, [5]);
        assert_eq!(describe(&years[1]).as_deref(), Some("2024年：缺第3、4期；第5期重复"));
    }

    #[test]
    fn supplements_and_unnumbered_issues_are_left_out_and_dates_give_the_year() {
        let mut supplement = masthead(Some(2024), Some(2));
        supplement.supplement = true;
        let mut dated = masthead(None, Some(2));
        dated.date = Date::new(2024, 6, 1);
        let list = [
            masthead(Some(2024), Some(1)),
            supplement,
            masthead(Some(2024), None),
            dated,
        ];
        let years = check(&list);
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].numbers, [1, 2]);
        assert!(years[0].duplicates.is_empty());
        let undated = check(&[masthead(None, Some(3)), masthead(None, Some(1))]);
        assert_eq!(describe(&undated[0]).as_deref(), Some("未注明年份：缺第2期"));
    }
}
