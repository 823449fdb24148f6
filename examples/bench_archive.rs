//! Native timings of search and 供稿统计 over five years of weekly issues (260 issues of
//! 12 items), printed by `cargo xtask bench`. The issues are generated from the sample
//! issue's items with each item's title and body varied, so no two are alike.
//!
//! Usage: `cargo run --release --example bench_archive -- [RUNS]`. Figures to read, never
//! assertions; the target for search is 100 ms.

use jianbao::core::archive::{count, Period, Query, SearchIndex};
use jianbao::core::sample::sample_issue;
use jianbao::core::{Date, Issue, Item};
use std::time::{Duration, Instant};

/// Timings of `work`, sorted, in milliseconds.
fn timings_ms(runs: usize, mut work: impl FnMut()) -> Vec<f64> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times.iter().map(|t| t.as_secs_f64() * 1000.0).collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Five years of weekly issues: 12 items each, bodies of about 900 characters.
fn archive() -> Vec<Issue> {
    let sample = sample_issue();
    let items: Vec<Item> = sample.items().map(|(_, item)| item.clone()).collect();
    let units = [
        "市科协学会部",
        "市营养学会",
        "南湖区科协",
        "北湖区科协",
        "市科协青少年部",
        "市植物保护学会",
    ];
    (0..260u32)
        .map(|week| {
            let mut issue = sample.clone();
            let day = week * 7;
            issue.masthead.number = Some(week % 52 + 1);
            issue.masthead.date = Date::new(2020 + day / 364, (day % 364) / 31 + 1, day % 28 + 1);
            for (s, section) in issue.sections.iter_mut().enumerate() {
                section.items = (0..(12 / issue_sections_len()))
                    .map(|i| {
                        let n = week as usize * 12 + s * 4 + i;
                        let mut item = items[n % items.len()].clone();
                        item.id = n as u32;
                        item.title = format!("{}（第{}号）", item.title, n);
                        let reversed: String = item.body.chars().rev().collect();
                        item.body = format!(
                            "{}\n\n编号{n}的补充说明：{reversed}\n\n{reversed}{}",
                            item.body, item.body
                        );
                        item.sources = vec![
                            units[n % units.len()].to_string(),
                            units[(n / 7) % units.len()].to_string(),
                        ];
                        item
                    })
                    .collect();
                section.columns.clear();
            }
            issue
        })
        .collect()
}

/// The sample issue's section count that [`archive`] spreads 12 items over.
fn issue_sections_len() -> usize {
    sample_issue().sections.len().max(1)
}

fn main() {
    let runs = std::env::args()
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(20)
        .max(5);
    let issues = archive();
    let items: usize = issues.iter().map(Issue::item_count).sum();
    let chars: usize = issues
        .iter()
        .flat_map(|i| i.items().map(|(_, item)| item.body.chars().count()).collect::<Vec<_>>())
        .sum();
    let build = timings_ms(runs.min(5), || {
        std::hint::black_box(SearchIndex::build(std::hint::black_box(&issues)));
    });
    let index = SearchIndex::build(&issues);
    let queries = ["学会", "合理膳食 科普", "ＡＩ", "第1234号", "没有这个词语"];
    println!(
        "\nArchive on {} issues, {items} items, {chars} body characters:\n",
        issues.len()
    );
    println!("figure                          | p50       | p95       | target");
    println!("---                             | ---       | ---       | ---");
    println!(
        "build search index              | {:7.2} ms | {:7.2} ms |",
        percentile(&build, 0.5),
        percentile(&build, 0.95)
    );
    for query in queries {
        let times = timings_ms(runs, || {
            std::hint::black_box(index.search(std::hint::black_box(query), 20));
        });
        let found = index.search(query, usize::MAX).len();
        println!(
            "search {:<16} {:>5} hits | {:7.2} ms | {:7.2} ms | 100 ms",
            format!("“{query}”"),
            found,
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
    }
    let submission = format!(
        "{}\n{}",
        issues[100].sections[0].items[0].title, issues[100].sections[0].items[0].body
    );
    let first = Instant::now();
    std::hint::black_box(index.similar(&submission));
    println!(
        "looks like, first call          | {:7.2} ms |           | (makes the fingerprints)",
        first.elapsed().as_secs_f64() * 1000.0
    );
    let similar = timings_ms(runs.min(5), || {
        std::hint::black_box(index.similar(std::hint::black_box(&submission)));
    });
    println!(
        "looks like a published item     | {:7.2} ms | {:7.2} ms |",
        percentile(&similar, 0.5),
        percentile(&similar, 0.95)
    );
    let query = Query {
        by: Some(Period::Quarter),
        ..Query::default()
    };
    let stats = timings_ms(runs, || {
        std::hint::black_box(count(std::hint::black_box(&issues), &query));
    });
    println!(
        "供稿统计 by quarter, 5 years    | {:7.2} ms | {:7.2} ms |",
        percentile(&stats, 0.5),
        percentile(&stats, 0.95)
    );
}
