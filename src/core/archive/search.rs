//! Full-text search over issues: titles, bodies and sources, Chinese-aware.
//!
//! Chinese text has no spaces between words, so a query word matches anywhere as a
//! substring; width differences are folded away ([`fold`]). A query of several words
//! (separated by spaces) finds the items that hold all of them. Ranking: a word in the
//! title weighs 100, in the sources 10, in the body 1 per occurrence (at most 10); ties go
//! to the newer issue, then to document order.

use super::fold::fold;
use super::stats::{issue_name, section_name};
use crate::core::ingest::submission::{Fingerprint, DUPLICATE_THRESHOLD};
use crate::core::publish::plain_body;
use crate::core::{Date, Id, Issue};
use serde::{Deserialize, Serialize};

/// Characters of context shown before the first hit in a snippet.
const BEFORE: usize = 24;
/// Characters a snippet holds at most.
const SNIPPET: usize = 90;

/// One searchable item: its texts as shown and folded for matching.
#[derive(Clone, Debug)]
struct Entry {
    issue: usize,
    date: Option<Date>,
    issue_name: String,
    section: String,
    item: Id,
    title: String,
    body: String,
    sources: String,
    folded_title: String,
    folded_body: String,
    folded_sources: String,
}

/// A piece of a snippet: text, and whether it is a match to highlight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Whether the text matched a query word.
    pub hit: bool,
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The issue's position in the list the index was built from.
    pub issue: usize,
    /// The issue's name and date, as the statistics show it.
    pub issue_name: String,
    /// The section's heading ([`super::stats::LEAD_SECTION`] for the lead).
    pub section: String,
    /// The item's id within its issue.
    pub item: Id,
    /// The item's title.
    pub title: String,
    /// The item's sources, joined with 、.
    pub sources: String,
    /// The rank: higher is better.
    pub score: u32,
    /// A piece of the body (or the title, when the body holds no hit) with the hits marked.
    pub snippet: Vec<Piece>,
}

/// An item that looks like a given text (a near-duplicate).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Similar {
    /// The issue's position in the list the index was built from.
    pub issue: usize,
    /// The issue's name and date.
    pub issue_name: String,
    /// The item's id within its issue.
    pub item: Id,
    /// The item's title.
    pub title: String,
    /// How alike, from 0 to 1 ([`crate::core::ingest::similarity`]).
    pub similarity: f64,
}

/// The searchable texts of a list of issues, prepared once.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Each entry's fingerprint for [`SearchIndex::similar`], made on its first use (most
    /// indexes are only searched) and kept, so later submissions are compared quickly.
    fingerprints: std::cell::OnceCell<Vec<Fingerprint>>,
}

impl SearchIndex {
    /// Prepares the issues' items for searching.
    pub fn build(issues: &[Issue]) -> SearchIndex {
        let mut entries = Vec::new();
        for (index, issue) in issues.iter().enumerate() {
            let name = issue_name(issue);
            for section in &issue.sections {
                for item in section.all_items() {
                    let body = plain_body(&item.body);
                    let sources = item.sources.join("、");
                    entries.push(Entry {
                        issue: index,
                        date: issue.masthead.date,
                        issue_name: name.clone(),
                        section: section_name(&section.heading).to_string(),
                        item: item.id,
                        folded_title: fold(&item.title),
                        folded_body: fold(&body),
                        folded_sources: fold(&sources),
                        title: item.title.clone(),
                        body,
                        sources,
                    });
                }
            }
        }
        SearchIndex {
            entries,
            fingerprints: std::cell::OnceCell::new(),
        }
    }

    /// How many items the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds no item.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The items holding every word of the query, best first, at most `limit` of them.
    /// An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u32, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| score(entry, &words).map(|score| (score, entry)))
            .collect();
        // Best score first; then the newer issue (undated last); then document order,
        // which the stable sort keeps.
        scored.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then_with(|| b.date.cmp(&a.date)));
        scored
            .into_iter()
            .take(limit)
            .map(|(score, entry)| Hit {
                issue: entry.issue,
                issue_name: entry.issue_name.clone(),
                section: entry.section.clone(),
                item: entry.item,
                title: entry.title.clone(),
                sources: entry.sources.clone(),
                score,
                snippet: snippet(entry, &words),
            })
            .collect()
    }

    /// The items that look like `text` (title and body of a new submission): near-duplicates
    /// by the paste dialog's measure, most alike first.
    pub fn similar(&self, text: &str) -> Vec<Similar> {
        let fingerprint = Fingerprint::of(text);
        let fingerprints = self.fingerprints.get_or_init(|| {
            self.entries
                .iter()
                .map(|entry| Fingerprint::of(&format!("{}\n{}", entry.title, entry.body)))
                .collect()
        });
        let mut found: Vec<Similar> = self
            .entries
            .iter()
            .zip(fingerprints)
            .filter_map(|(entry, candidate)| {
                let similarity = fingerprint.similarity(candidate);
                (similarity >= DUPLICATE_THRESHOLD).then(|| Similar {
                    issue: entry.issue,
                    issue_name: entry.issue_name.clone(),
                    item: entry.item,
                    title: entry.title.clone(),
                    similarity,
                })
            })
            .collect();
        found.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        found
    }
}

/// The query's words, folded, without duplicates.
fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in fold(query).split_whitespace() {
        if !words.iter().any(|w| w == word) {
            words.push(word.to_string());
        }
    }
    words
}

/// The entry's score when it holds every word, else `None`.
fn score(entry: &Entry, words: &[String]) -> Option<u32> {
    let mut total = 0;
    for word in words {
        let mut here = 0;
        if entry.folded_title.contains(word.as_str()) {
            here += 100;
        }
        if entry.folded_sources.contains(word.as_str()) {
            here += 10;
        }
        here += entry.folded_body.matches(word.as_str()).take(10).count() as u32;
        if here == 0 {
            return None;
        }
        total += here;
    }
    Some(total)
}

/// A snippet around the first hit in the body, or the title when the body holds none.
fn snippet(entry: &Entry, words: &[String]) -> Vec<Piece> {
    let first = words.iter().filter_map(|w| entry.folded_body.find(w.as_str())).min();
    let (text, folded, start) = match first {
        Some(byte) => {
            let at = entry.folded_body[..byte].chars().count();
            (&entry.body, &entry.folded_body, at.saturating_sub(BEFORE))
        }
        None => (&entry.title, &entry.folded_title, 0),
    };
    let chars: Vec<char> = text.chars().skip(start).take(SNIPPET).collect();
    let window_folded: Vec<char> = folded.chars().skip(start).take(SNIPPET).collect();
    // Mark every character covered by a word's occurrence inside the window.
    let mut marked = vec![false; chars.len()];
    for word in words {
        let word: Vec<char> = word.chars().collect();
        if word.is_empty() || word.len() > window_folded.len() {
            continue;
        }
        let mut at = 0;
        while at + word.len() <= window_folded.len() {
            if window_folded[at..at + word.len()] == word[..] {
                marked[at..at + word.len()].iter_mut().for_each(|m| *m = true);
                at += word.len();
            } else {
                at += 1;
            }
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for (c, hit) in chars.iter().zip(marked) {
        match pieces.last_mut() {
            Some(last) if last.hit == hit => last.text.push(*c),
            _ => pieces.push(Piece {
                text: c.to_string(),
                hit,
            }),
        }
    }
    if start > 0 {
        pieces.insert(
            0,
            Piece {
                text: "…".to_string(),
                hit: false,
            },
        );
    }
    if text.chars().count() > start + SNIPPET {
        pieces.push(Piece {
            text: "…".to_string(),
            hit: false,
        });
    }
    pieces.retain(|p| !p.text.is_empty());
    pieces
}
