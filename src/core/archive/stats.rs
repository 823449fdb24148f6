//! 供稿统计: how many items each source unit had adopted, per section and per issue, over
//! a period.
//!
//! Every item of a counted issue counts as adopted. An item with two units counts once
//! for each (信息采用情况 tables count that way), and the report says how many such shared
//! items there were, so the unit column can add up to more than the item total. Unit
//! names are compared by [`unit_key`] after the alias list has been applied.

use super::fold::unit_key;
use crate::core::{Date, Issue};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The unit shown for items that name no source.
pub const NO_SOURCE: &str = "（未注明来源）";

/// The section name shown for the lead section, which prints no heading.
pub const LEAD_SECTION: &str = "（导语）";

/// The period label of issues that carry no date.
pub const UNDATED: &str = "（未注明日期）";

/// How the figures are split over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Period {
    /// One column per calendar month.
    Month,
    /// One column per quarter.
    Quarter,
    /// One column per year.
    Year,
}

impl Period {
    /// Reads a period from its English or Chinese name (`month`, `月`, `quarter`, `季度`, `year`, `年`).
    pub fn parse(text: &str) -> Option<Period> {
        match text.trim() {
            "month" | "月" | "月度" => Some(Period::Month),
            "quarter" | "季" | "季度" => Some(Period::Quarter),
            "year" | "年" | "年度" => Some(Period::Year),
            _ => None,
        }
    }

    /// The label of the period that holds `date`: `2023年3月`, `2023年第1季度`, `2023年`.
    pub fn label(self, date: Date) -> String {
        match self {
            Period::Month => format!("{}年{}月", date.year, date.month),
            Period::Quarter => format!("{}年第{}季度", date.year, (date.month - 1) / 3 + 1),
            Period::Year => format!("{}年", date.year),
        }
    }

    /// A key that sorts periods in time order.
    fn sort_key(self, date: Date) -> (u32, u32) {
        match self {
            Period::Month => (date.year, date.month),
            Period::Quarter => (date.year, (date.month - 1) / 3),
            Period::Year => (date.year, 0),
        }
    }
}

/// The alias list: lines of the form `规范名 = 别名1、别名2` (also `,` `，` `;` between
/// aliases, `=` or `＝`). Blank lines and lines starting with `#` are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases {
    /// From an alias's (or a canonical name's) key to the canonical name.
    canonical: HashMap<String, String>,
}

/// A line of the alias list that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasError {
    /// The line's number, from 1.
    pub line: usize,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl Aliases {
    /// Reads an alias list. A name given as the alias of two different units is an error,
    /// since its items could not be counted for either without guessing.
    pub fn parse(text: &str) -> Result<Aliases, AliasError> {
        let mut canonical: HashMap<String, String> = HashMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: String| AliasError {
                line: index + 1,
                message,
            };
            let Some((name, aliases)) = line.split_once(['=', '＝']) else {
                return Err(error(format!(
                    "缺少等号：应写作“规范名 = 别名1、别名2”，而不是“{line}”"
                )));
            };
            let name = name.trim();
            if name.is_empty() {
                return Err(error("等号前缺少规范名".to_string()));
            }
            let names = std::iter::once(name).chain(aliases.split(['、', ',', '，', ';', '；']).map(str::trim));
            for alias in names.filter(|a| !a.is_empty()) {
                let key = unit_key(alias);
                match canonical.get(&key) {
                    Some(existing) if existing != name => {
                        return Err(error(format!(
                            "“{alias}”已是“{existing}”的别名，不能再作“{name}”的别名"
                        )))
                    }
                    _ => {
                        canonical.insert(key, name.to_string());
                    }
                }
            }
        }
        Ok(Aliases { canonical })
    }

    /// The canonical name of a unit as written in an item's sources: its alias entry, or
    /// the name itself with its spaces removed.
    pub fn resolve(&self, name: &str) -> String {
        let key = unit_key(name);
        match self.canonical.get(&key) {
            Some(canonical) => canonical.clone(),
            None => name.chars().filter(|c| !c.is_whitespace()).collect(),
        }
    }
}

/// What to count.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// The first day counted (by the issue's date), inclusive.
    pub from: Option<Date>,
    /// The last day counted, inclusive.
    pub to: Option<Date>,
    /// Count only this section (by heading, width and spaces ignored; [`LEAD_SECTION`]
    /// names the lead section).
    pub section: Option<String>,
    /// The alias list for unit names.
    pub aliases: Aliases,
    /// Split the figures into periods.
    pub by: Option<Period>,
}

/// One row of a table: a name, its total and its figure in each period of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The unit's, section's or issue's name.
    pub name: String,
    /// Items counted for it.
    pub items: usize,
    /// Of those, items that also name another unit (units table only; 0 elsewhere).
    pub shared: usize,
    /// Items per period, in the order of [`Report::periods`] (empty without a period).
    pub by_period: Vec<usize>,
}

/// The figures for one query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Issues counted.
    pub issues_counted: usize,
    /// Items counted (each once, however many units it names).
    pub items: usize,
    /// Items that name two or more units, so they count once for each.
    pub shared_items: usize,
    /// The period columns, in time order (empty without a period).
    pub periods: Vec<String>,
    /// Items per unit, most first, then by name.
    pub units: Vec<Row>,
    /// Items per section, in the order the sections first appear.
    pub sections: Vec<Row>,
    /// Items per issue, in date order (undated issues last, in the order given).
    pub issues: Vec<Row>,
    /// Issues left out because a date range was asked for and they carry no date.
    pub undated: Vec<String>,
}

/// A table being filled: rows by name, in the order first seen.
#[derive(Default)]
struct Tally {
    rows: Vec<Row>,
    index: HashMap<String, usize>,
}

impl Tally {
    fn row(&mut self, name: &str, periods: usize) -> &mut Row {
        let next = self.rows.len();
        let index = *self.index.entry(name.to_string()).or_insert(next);
        if index == next {
            self.rows.push(Row {
                name: name.to_string(),
                items: 0,
                shared: 0,
                by_period: vec![0; periods],
            });
        }
        &mut self.rows[index]
    }

    fn add(&mut self, name: &str, period: Option<usize>, periods: usize, shared: bool) {
        let row = self.row(name, periods);
        row.items += 1;
        row.shared += usize::from(shared);
        if let Some(period) = period {
            row.by_period[period] += 1;
        }
    }
}

/// The name of an issue in the report's tables: its short name and, when it has one, its date.
pub fn issue_name(issue: &Issue) -> String {
    let name = issue.masthead.short_name();
    match issue.masthead.date {
        Some(date) => format!("{name}（{}）", date.to_chinese()),
        None => name,
    }
}

/// The section's name as the report shows it.
pub fn section_name(heading: &str) -> &str {
    if heading.is_empty() {
        LEAD_SECTION
    } else {
        heading
    }
}

/// Counts the issues' items as the query asks.
pub fn count(issues: &[Issue], query: &Query) -> Report {
    let mut report = Report::default();
    let dated_range = query.from.is_some() || query.to.is_some();
    let in_range = |date: Date| query.from.is_none_or(|from| date >= from) && query.to.is_none_or(|to| date <= to);
    let mut chosen: Vec<&Issue> = Vec::new();
    for issue in issues {
        match issue.masthead.date {
            Some(date) if !in_range(date) => {}
            None if dated_range => report.undated.push(issue_name(issue)),
            _ => chosen.push(issue),
        }
    }
    // Dated issues in date order; undated ones (only without a range) keep their order, last.
    chosen.sort_by_key(|issue| (issue.masthead.date.is_none(), issue.masthead.date));

    // The period columns, in time order.
    let mut periods: Vec<((u32, u32), String)> = Vec::new();
    if let Some(by) = query.by {
        for issue in &chosen {
            let entry = match issue.masthead.date {
                Some(date) => (by.sort_key(date), by.label(date)),
                None => ((u32::MAX, 0), UNDATED.to_string()),
            };
            if !periods.iter().any(|(_, label)| *label == entry.1) {
                periods.push(entry);
            }
        }
        periods.sort();
    }
    let period_count = periods.len();
    let period_of = |issue: &Issue| -> Option<usize> {
        let by = query.by?;
        let label = issue
            .masthead
            .date
            .map_or_else(|| UNDATED.to_string(), |date| by.label(date));
        periods.iter().position(|(_, l)| *l == label)
    };
    let wanted_section = query.section.as_deref().map(unit_key);

    let (mut units, mut sections) = (Tally::default(), Tally::default());
    for issue in chosen {
        let period = period_of(issue);
        let name = issue_name(issue);
        let mut counted_here = 0;
        for section in &issue.sections {
            let heading = section_name(&section.heading);
            if wanted_section
                .as_ref()
                .is_some_and(|wanted| *wanted != unit_key(heading))
            {
                continue;
            }
            for item in section.all_items() {
                let mut names: Vec<String> = Vec::new();
                for source in &item.sources {
                    let unit = query.aliases.resolve(source);
                    if !unit.is_empty() && !names.contains(&unit) {
                        names.push(unit);
                    }
                }
                if names.is_empty() {
                    names.push(NO_SOURCE.to_string());
                }
                let shared = names.len() > 1;
                for unit in &names {
                    units.add(unit, period, period_count, shared);
                }
                sections.add(heading, period, period_count, false);
                report.items += 1;
                report.shared_items += usize::from(shared);
                counted_here += 1;
            }
        }
        // One row per issue, even when the section filter left it empty (a 0 is a figure
        // too), and even when two issues share a name (a numbering mistake stays visible).
        let mut by_period = vec![0; period_count];
        if let Some(period) = period {
            by_period[period] = counted_here;
        }
        report.issues.push(Row {
            name,
            items: counted_here,
            shared: 0,
            by_period,
        });
        report.issues_counted += 1;
    }
    report.periods = periods.into_iter().map(|(_, label)| label).collect();
    report.units = units.rows;
    report
        .units
        .sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.name.cmp(&b.name)));
    report.sections = sections.rows;
    report
}
