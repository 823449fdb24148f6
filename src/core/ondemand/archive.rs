//! The archive worker's protocol: the published issues and drafts go over once (as their
//! canonical Markdown, which the page already holds), then each search, 供稿统计 query,
//! CSV, printable page and numbering check is a small request over that corpus.

use crate::core::archive::csv::{to_csv, Table};
use crate::core::archive::numbering::{check, describe};
use crate::core::archive::page::{bar_chart_svg, first_header, rows, stats_page};
use crate::core::archive::search::Piece;
use crate::core::archive::stats::Row;
use crate::core::archive::{count, Aliases, Period, Query, Report, SearchIndex};
use crate::core::format::import;
use crate::core::{Date, Issue};
use serde::{Deserialize, Serialize};

/// One issue of the corpus: the label search shows, its Markdown, and whether it is
/// published (statistics, numbering and the published mark count only those).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    /// The name shown with a search hit.
    pub label: String,
    /// The issue's canonical Markdown.
    pub markdown: String,
    /// Published (in the archive) rather than a draft.
    pub published: bool,
}

/// The form of the 供稿统计 view, as typed (the worker reads dates, period and aliases).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsForm {
    /// From this date (`YYYY-MM-DD`), or empty.
    pub from: String,
    /// Up to this date, or empty.
    pub to: String,
    /// Only this section, or empty for all.
    pub section: String,
    /// `month`, `quarter`, `year`, or empty for no period columns.
    pub period: String,
    /// The alias list as typed.
    pub aliases: String,
    /// `units`, `sections` or `issues`.
    pub table: String,
    /// The heading of the chart, the table and the printable page.
    pub heading: String,
}

/// A request to the archive worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Replace the corpus (each opening of the archive dialog).
    Load(Vec<Doc>),
    /// The numbering notes of the published issues, one line per year with a problem.
    Numbering,
    /// Search across every issue of the corpus, at most `limit` hits.
    Search {
        /// The query as typed.
        query: String,
        /// The most hits to return.
        limit: usize,
    },
    /// The figures, table rows and chart for the form.
    Stats(StatsForm),
    /// The chosen table as CSV (UTF-8 with BOM).
    Csv(StatsForm),
    /// The printable page.
    Page(StatsForm),
}

/// One search hit, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The issue's label (as given in [`Doc::label`]).
    pub label: String,
    /// Whether the issue is a published one.
    pub published: bool,
    /// The section's heading.
    pub section: String,
    /// The item's title.
    pub title: String,
    /// The snippet, with the matches marked.
    pub snippet: Vec<Piece>,
}

/// The 供稿统计 view's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsView {
    /// Issues counted.
    pub issues_counted: usize,
    /// Items counted.
    pub items: usize,
    /// Items naming two or more units.
    pub shared_items: usize,
    /// The period columns.
    pub periods: Vec<String>,
    /// Issues left out for want of a date.
    pub undated: Vec<String>,
    /// The chosen table's rows.
    pub rows: Vec<Row>,
    /// The table's first column heading.
    pub first_header: String,
    /// The bar chart, an SVG element.
    pub chart: String,
    /// What is wrong with the alias list (line and message), if anything.
    pub alias_problem: Option<String>,
}

/// The archive worker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The corpus is loaded, with this many issues.
    Loaded(usize),
    /// The worker holds no corpus (it was restarted): load it and ask again.
    NotLoaded,
    /// Numbering notes.
    Notes(Vec<String>),
    /// Search hits, best first.
    Hits(Vec<SearchHit>),
    /// The statistics view.
    Stats(StatsView),
    /// A text to download (CSV, printable page).
    Text(String),
}

/// The archive worker's state: the corpus and, once searched, its index.
#[derive(Default)]
pub struct Worker {
    /// The corpus, imported; None until loaded.
    docs: Option<Vec<(Doc, Issue)>>,
    /// The search index over every issue of the corpus, made on the first search.
    index: Option<SearchIndex>,
}

impl Worker {
    /// Handles one request.
    pub fn handle(&mut self, request: Request) -> Answer {
        if let Request::Load(docs) = request {
            let docs: Vec<(Doc, Issue)> = docs
                .into_iter()
                .map(|doc| {
                    let issue = import(&doc.markdown).0;
                    (doc, issue)
                })
                .collect();
            let loaded = docs.len();
            self.docs = Some(docs);
            self.index = None;
            return Answer::Loaded(loaded);
        }
        let Some(docs) = &self.docs else {
            return Answer::NotLoaded;
        };
        let published = || docs.iter().filter(|(doc, _)| doc.published).map(|(_, issue)| issue);
        match request {
            Request::Load(_) => unreachable!("handled above"),
            Request::Numbering => Answer::Notes(
                check(published().map(|issue| &issue.masthead))
                    .iter()
                    .filter_map(describe)
                    .collect(),
            ),
            Request::Search { query, limit } => {
                let index = self.index.get_or_insert_with(|| {
                    let issues: Vec<Issue> = docs.iter().map(|(_, issue)| issue.clone()).collect();
                    SearchIndex::build(&issues)
                });
                Answer::Hits(
                    index
                        .search(&query, limit)
                        .into_iter()
                        .map(|hit| {
                            let doc = docs.get(hit.issue).map(|(doc, _)| doc);
                            SearchHit {
                                label: doc.map(|d| d.label.clone()).unwrap_or_default(),
                                published: doc.is_some_and(|d| d.published),
                                section: hit.section,
                                title: hit.title,
                                snippet: hit.snippet,
                            }
                        })
                        .collect(),
                )
            }
            Request::Stats(form) => {
                let (report, table, problem) = report(published(), &form);
                let rows = rows(&report, table).to_vec();
                Answer::Stats(StatsView {
                    chart: bar_chart_svg(&rows, &form.heading),
                    first_header: first_header(table).to_string(),
                    rows,
                    issues_counted: report.issues_counted,
                    items: report.items,
                    shared_items: report.shared_items,
                    periods: report.periods,
                    undated: report.undated,
                    alias_problem: problem,
                })
            }
            Request::Csv(form) => {
                let (report, table, _) = report(published(), &form);
                Answer::Text(to_csv(&report, table))
            }
            Request::Page(form) => {
                let (report, table, _) = report(published(), &form);
                Answer::Text(stats_page(&report, table, &form.heading))
            }
        }
    }

    /// Handles one request as JSON, answering JSON; a request that cannot be read gets a
    /// message (a JSON string) instead of an answer.
    pub fn handle_json(&mut self, request: &str) -> String {
        match super::from_json::<Request>(request) {
            Ok(request) => super::to_json(&self.handle(request)),
            Err(why) => super::to_json(&why),
        }
    }
}

/// The report for the form over the published issues, the table chosen, and what is wrong
/// with the alias list.
fn report<'a>(issues: impl Iterator<Item = &'a Issue>, form: &StatsForm) -> (Report, Table, Option<String>) {
    let aliases = Aliases::parse(&form.aliases);
    let query = Query {
        from: Date::from_iso(&form.from),
        to: Date::from_iso(&form.to),
        section: Some(form.section.clone()).filter(|s| !s.trim().is_empty()),
        aliases: aliases.clone().unwrap_or_default(),
        by: Period::parse(&form.period),
    };
    let issues: Vec<Issue> = issues.cloned().collect();
    let problem = aliases.err().map(|e| format!("第{}行：{}", e.line, e.message));
    (
        count(&issues, &query),
        Table::parse(&form.table).unwrap_or(Table::Units),
        problem,
    )
}
