//! The issue model: one 期 of a bulletin, as plain data.
//!
//! Architecture invariant: this module holds values only. It knows nothing of Markdown,
//! HTML, storage or the browser; the table of contents is derived from it, never stored.

use serde::{Deserialize, Serialize};

/// A stable identifier of an item or a section within one issue.
///
/// Ids are unique within an issue and never reused while it is open, so the UI can key
/// rows and previews by them. They are not part of the Markdown format: import numbers
/// items and sections afresh in document order (see [`Issue::renumber`]).
pub type Id = u32;

/// A calendar date, as bulletins print it (`2023年3月10日`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// The full year, for example 2023.
    pub year: u32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

impl Date {
    /// Makes a date when the three numbers form a real calendar day.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let valid =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The date in the official style: Arabic numerals, full year, no zero padding.
    pub fn to_chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Reads an ISO 8601 date (`2023-03-10`; `2023-3-10` too), as [`Date::to_iso`] writes it.
    pub fn from_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-').map(|part| {
            let digits = !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse::<u32>().ok()).flatten()
        });
        let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
        Date::new(year, month, day)
    }

    /// The date as ISO 8601 (`2023-03-10`), for JSON and `<time datetime>`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The 报头: the bulletin's name, its issue line, and the office and date line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masthead {
    /// The bulletin's name, for example 科协每周动态 (without 《》).
    pub title: String,
    /// The year of the issue line (`2023 年第 7 期`), when the bulletin prints one.
    pub year: Option<u32>,
    /// The issue's number within the year (or within the supplements).
    pub number: Option<u32>,
    /// The cumulative number (总第 N 期), when the bulletin prints one.
    pub total: Option<u32>,
    /// Whether this is a supplement (增刊第 N 期).
    pub supplement: bool,
    /// The issuing office, printed on the left under the issue line.
    pub publisher: String,
    /// The date of issue, printed on the right under the issue line.
    pub date: Option<Date>,
    /// How the bulletin writes its issue line (`〔2025〕第八十二期`), kept as read.
    #[serde(default, skip_serializing_if = "IssueStyle::is_plain")]
    pub style: IssueStyle,
}

/// How a bulletin writes its issue line, which is part of its masthead: the year in
/// 〔〕, Chinese numerals, square brackets around the line. The default is our own
/// style, `2025年第82期（总第1265期）`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueStyle {
    /// The year in 〔〕 brackets: `〔2025〕第82期`.
    #[serde(default)]
    pub bracketed_year: bool,
    /// The issue number in Chinese numerals: `第八十二期`.
    #[serde(default)]
    pub chinese_number: bool,
    /// The cumulative number in Chinese numerals: `（总第一千二百六十五期）`.
    #[serde(default)]
    pub chinese_total: bool,
    /// The whole line in square brackets: `[2012年第5期]`.
    #[serde(default)]
    pub square_brackets: bool,
}

impl IssueStyle {
    /// Whether this is our own style (nothing to keep).
    pub fn is_plain(&self) -> bool {
        *self == IssueStyle::default()
    }
}

/// A number in Chinese numerals, as issue lines and lists write them: 1 → 一, 10 → 十,
/// 12 → 十二, 82 → 八十二, 105 → 一百零五 (up to 9999; larger ones stay in digits).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "〇".to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let mut zero = false;
    for (value, unit) in [(1000, Some('千')), (100, Some('百')), (10, Some('十')), (1, None)] {
        let digit = (n / value) % 10;
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(digit == 1 && value == 10 && out.is_empty()) {
            out.push(DIGITS[digit as usize]);
        }
        if let Some(unit) = unit {
            out.push(unit);
        }
    }
    out
}

impl Masthead {
    /// The issue line as printed, in the bulletin's own style: `2023年第7期（总第60期）`,
    /// `增刊第7期`, `〔2025〕第八十二期（总第1265期）`, `[2012年第5期]`.
    ///
    /// Official text sets no spaces between Chinese characters and digits (see LAYOUT.md
    /// and the print mock-up), so neither does this.
    pub fn issue_line(&self) -> String {
        let style = self.style;
        let number = |n: u32, chinese: bool| if chinese { chinese_numeral(n) } else { n.to_string() };
        let mut line = String::new();
        if let Some(year) = self.year {
            if style.bracketed_year {
                line.push_str(&format!("〔{year}〕"));
            } else {
                line.push_str(&format!("{year}年"));
            }
        }
        if let Some(n) = self.number {
            let kind = if self.supplement { "增刊第" } else { "第" };
            line.push_str(&format!("{kind}{}期", number(n, style.chinese_number)));
        } else if self.supplement {
            line.push_str("增刊");
        }
        if let Some(total) = self.total {
            line.push_str(&format!("（总第{}期）", number(total, style.chinese_total)));
        }
        if style.square_brackets && !line.is_empty() {
            line = format!("[{line}]");
        }
        line
    }

    /// The short name of this issue, used as the HTML title and in file names:
    /// `科协每周动态 2023年第7期`.
    pub fn short_name(&self) -> String {
        let mut issue = String::new();
        if let Some(year) = self.year {
            issue.push_str(&format!("{year}年"));
        }
        if let Some(number) = self.number {
            let kind = if self.supplement { "增刊第" } else { "第" };
            issue.push_str(&format!("{kind}{number}期"));
        }
        match (self.title.trim(), issue.is_empty()) {
            ("", true) => "简报".to_string(),
            ("", false) => issue,
            (title, true) => title.to_string(),
            (title, false) => format!("{title} {issue}"),
        }
    }
}

/// The editorial state of an item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// 收稿: received, not yet worked on.
    #[default]
    Received,
    /// 编辑中: being edited.
    Editing,
    /// 已审: reviewed and ready to print.
    Reviewed,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 3] = [Status::Received, Status::Editing, Status::Reviewed];

    /// The Chinese name of the status, as the format and the UI write it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Received => "收稿",
            Status::Editing => "编辑中",
            Status::Reviewed => "已审",
        }
    }

    /// Reads a status from its Chinese name.
    pub fn from_label(label: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.label() == label.trim())
    }
}

/// One 稿件: a title, a Markdown body and its sources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The item's id, unique within its issue.
    pub id: Id,
    /// The title, one line.
    pub title: String,
    /// The text, in Markdown (paragraphs, emphasis, lists, quotes, links).
    pub body: String,
    /// The contributing units, printed at the end as `（甲、乙）`.
    pub sources: Vec<String>,
    /// Where the item stands in the editorial workflow.
    pub status: Status,
}

/// A 子栏目 inside a section, such as 首都科技工作者沙龙 inside 【基层组织动态】.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The column's id, unique among the issue's sections and columns.
    pub id: Id,
    /// The column's heading.
    pub heading: String,
    /// The column's items, in order.
    pub items: Vec<Item>,
}

impl Column {
    /// Whether the column appears in the outputs (preview, HTML, print, Word, plain text):
    /// only when it holds an item. An empty column stays in the issue and its Markdown, as
    /// part of the editor's weekly template, but prints no lonely heading.
    pub fn is_printed(&self) -> bool {
        !self.items.is_empty()
    }
}

/// A 栏目 such as 【学会动态】. The first section may have an empty heading: it then holds
/// the lead item(s), printed before any section heading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The section's id, unique among the issue's sections and columns.
    pub id: Id,
    /// The heading without its 【】 brackets; empty for the lead section.
    pub heading: String,
    /// Items directly in the section, printed before its columns.
    pub items: Vec<Item>,
    /// Sub-columns, each with its own heading and items.
    pub columns: Vec<Column>,
}

impl Section {
    /// Whether this section prints no heading (the lead item's section).
    pub fn is_lead(&self) -> bool {
        self.heading.is_empty()
    }

    /// Whether the section appears in the outputs (preview, HTML, print, Word, plain text)
    /// and in the 目录提要: only when it or one of its columns holds an item. Editors keep
    /// their weekly sections as a template; a section left empty this week is kept in the
    /// issue and its Markdown, and the outline shows it greyed, but nothing prints it.
    pub fn is_printed(&self) -> bool {
        self.all_items().next().is_some()
    }

    /// All items of the section in print order: its own, then each column's.
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .chain(self.columns.iter().flat_map(|c| c.items.iter()))
    }
}

/// A section heading without the 【】 a user may have typed around it: the heading is
/// stored as typed, and every place that prints it adds one pair of brackets itself, so
/// `【区县动态】` typed into the heading field prints 【区县动态】, not 【【区县动态】】.
pub fn heading_inner(heading: &str) -> &str {
    let heading = heading.trim();
    let inner = heading.strip_prefix('【').unwrap_or(heading);
    inner.strip_suffix('】').unwrap_or(inner).trim()
}

/// A section heading as printed and shown: in one pair of 【】 (see [`heading_inner`]).
pub fn bracketed(heading: &str) -> String {
    format!("【{}】", heading_inner(heading))
}

/// One group of the distribution list: `分送：` followed by lines of recipients.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    /// The label without its colon: 分送, 报, 送, 发 or 抄送.
    pub label: String,
    /// The recipients, one printed line each.
    pub lines: Vec<String>,
}

/// The labels that start a distribution group, longest first so that 抄送 wins over 送.
pub const DISTRIBUTION_LABELS: [&str; 6] = ["抄送", "抄报", "分送", "报", "送", "发"];

/// The 报尾: who edited and reviewed the issue, and who receives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footer {
    /// 编辑.
    pub editor: String,
    /// 审核.
    pub reviewer: String,
    /// 签发, when the bulletin prints one.
    pub signer: String,
    /// The distribution groups, in order.
    pub distribution: Vec<Distribution>,
    /// 共印 N 份, when printed.
    pub copies: Option<u32>,
}

/// One issue (期) of a bulletin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The masthead.
    pub masthead: Masthead,
    /// The sections in order; the first may be the lead section (empty heading).
    pub sections: Vec<Section>,
    /// The footer.
    pub footer: Footer,
}

/// Where an item sits: the section, and the column within it (None: directly in the section).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// Index of the section in [`Issue::sections`].
    pub section: usize,
    /// Index of the column in [`Section::columns`], or None for the section's own items.
    pub column: Option<usize>,
}

/// One entry of the derived 目录提要.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TocEntry {
    /// A section heading (without brackets).
    Section(String),
    /// An item: its id, its column's heading if any, and its title.
    Item {
        /// The item's id, to link to it.
        id: Id,
        /// The column heading when the item sits in a sub-column.
        column: Option<String>,
        /// The item's title.
        title: String,
    },
}

impl Issue {
    /// Every item in print order, with where it sits.
    pub fn items(&self) -> impl Iterator<Item = (Place, &Item)> {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            let own = section.items.iter().map(move |item| {
                (
                    Place {
                        section: s,
                        column: None,
                    },
                    item,
                )
            });
            let columns = section.columns.iter().enumerate().flat_map(move |(c, column)| {
                column.items.iter().map(move |item| {
                    (
                        Place {
                            section: s,
                            column: Some(c),
                        },
                        item,
                    )
                })
            });
            own.chain(columns)
        })
    }

    /// The number of items in the issue.
    pub fn item_count(&self) -> usize {
        self.items().count()
    }

    /// Finds an item by id.
    pub fn item(&self, id: Id) -> Option<&Item> {
        self.items().map(|(_, item)| item).find(|item| item.id == id)
    }

    /// Finds an item by id, for changing it.
    pub fn item_mut(&mut self, id: Id) -> Option<&mut Item> {
        self.sections.iter_mut().find_map(|section| {
            section
                .items
                .iter_mut()
                .chain(section.columns.iter_mut().flat_map(|c| c.items.iter_mut()))
                .find(|item| item.id == id)
        })
    }

    /// Where the item with this id sits, and its index there.
    pub fn locate(&self, id: Id) -> Option<(Place, usize)> {
        for (s, section) in self.sections.iter().enumerate() {
            if let Some(i) = section.items.iter().position(|item| item.id == id) {
                return Some((
                    Place {
                        section: s,
                        column: None,
                    },
                    i,
                ));
            }
            for (c, column) in section.columns.iter().enumerate() {
                if let Some(i) = column.items.iter().position(|item| item.id == id) {
                    return Some((
                        Place {
                            section: s,
                            column: Some(c),
                        },
                        i,
                    ));
                }
            }
        }
        None
    }

    /// The item list at a place, for changing it.
    pub fn items_at_mut(&mut self, place: Place) -> Option<&mut Vec<Item>> {
        let section = self.sections.get_mut(place.section)?;
        match place.column {
            None => Some(&mut section.items),
            Some(c) => section.columns.get_mut(c).map(|column| &mut column.items),
        }
    }

    /// The largest id in use (items, sections and columns share one space), or 0.
    pub fn max_id(&self) -> Id {
        let sections = self.sections.iter().flat_map(|s| {
            std::iter::once(s.id)
                .chain(s.columns.iter().map(|c| c.id))
                .chain(s.all_items().map(|i| i.id))
        });
        sections.max().unwrap_or(0)
    }

    /// A fresh id, larger than every id in use.
    pub fn next_id(&self) -> Id {
        self.max_id().saturating_add(1)
    }

    /// Numbers sections, columns and items 1, 2, 3… in document order.
    ///
    /// Import calls this, so two imports of the same text give equal issues.
    pub fn renumber(&mut self) {
        let mut next: Id = 1;
        let mut take = || {
            let id = next;
            next += 1;
            id
        };
        for section in &mut self.sections {
            section.id = take();
            for item in &mut section.items {
                item.id = take();
            }
            for column in &mut section.columns {
                column.id = take();
                for item in &mut column.items {
                    item.id = take();
                }
            }
        }
    }

    /// The derived 目录提要: every printed section's heading and every item title, in order.
    pub fn toc(&self) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        for section in self.sections.iter().filter(|s| s.is_printed()) {
            if !section.is_lead() {
                entries.push(TocEntry::Section(section.heading.clone()));
            }
            for item in &section.items {
                entries.push(TocEntry::Item {
                    id: item.id,
                    column: None,
                    title: item.title.clone(),
                });
            }
            for column in &section.columns {
                for item in &column.items {
                    entries.push(TocEntry::Item {
                        id: item.id,
                        column: Some(column.heading.clone()),
                        title: item.title.clone(),
                    });
                }
            }
        }
        entries
    }

    /// The following issue: number + 1, cumulative number + 1, the given date, the same
    /// sections (emptied of items) and the same footer.
    ///
    /// A new year restarts the number at 1, as bulletins do; the cumulative number runs on.
    pub fn next_issue(&self, today: Date) -> Issue {
        let mut masthead = self.masthead.clone();
        let new_year = masthead.year.is_some_and(|year| today.year > year);
        masthead.number = match (masthead.number, new_year) {
            (_, true) => Some(1),
            (Some(n), false) => Some(n.saturating_add(1)),
            (None, false) => None,
        };
        if masthead.year.is_some() {
            masthead.year = Some(today.year);
        }
        masthead.total = masthead.total.map(|t| t.saturating_add(1));
        masthead.date = Some(today);
        let sections = self
            .sections
            .iter()
            .map(|section| Section {
                id: section.id,
                heading: section.heading.clone(),
                items: Vec::new(),
                columns: section
                    .columns
                    .iter()
                    .map(|column| Column {
                        id: column.id,
                        heading: column.heading.clone(),
                        items: Vec::new(),
                    })
                    .collect(),
            })
            .collect();
        Issue {
            masthead,
            sections,
            footer: self.footer.clone(),
        }
    }
}
