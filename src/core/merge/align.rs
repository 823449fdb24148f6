//! Giving another tab's issue the ids of this tab's base.
//!
//! Ids are not stored (the record holds Markdown; import numbers parts afresh), so an
//! issue read back from another tab's save has ids of its own. [`align`] finds, for each
//! of its sections, columns and items, the part of the base it comes from, and gives it
//! that part's id; parts with no counterpart (added by the other tab) get fresh ids.
//!
//! Items are matched by identical content first (wherever they moved), then by identical
//! title, then by place: an unmatched item takes the base item that follows the base
//! item matched just before it, which is how an item edited in place (title and text
//! both changed) is recognised. A wrong guess is harmless: it can only make the merge
//! keep both texts of an item, never lose one.

use crate::core::format::normalize;
use crate::core::issue::{Id, Issue, Item, Status};
use std::collections::{HashMap, VecDeque};

/// `other` with the ids of the matching parts of `base`; unmatched parts are numbered
/// from `first_free` on (pass an id larger than any in use on either side).
pub fn align(base: &Issue, mut other: Issue, first_free: Id) -> Issue {
    let mut next = first_free;
    let mut fresh = || {
        let id = next;
        next = next.saturating_add(1);
        id
    };
    // Sections by heading, then by place; columns likewise within matched sections.
    let base_headings: Vec<&str> = base.sections.iter().map(|s| s.heading.as_str()).collect();
    let other_headings: Vec<&str> = other.sections.iter().map(|s| s.heading.as_str()).collect();
    let section_match = match_by(&base_headings, &other_headings);
    for (k, section) in other.sections.iter_mut().enumerate() {
        match section_match[k] {
            Some(b) => {
                let base_section = &base.sections[b];
                section.id = base_section.id;
                let base_columns: Vec<&str> = base_section.columns.iter().map(|c| c.heading.as_str()).collect();
                let other_columns: Vec<&str> = section.columns.iter().map(|c| c.heading.as_str()).collect();
                let column_match = match_by(&base_columns, &other_columns);
                for (c, column) in section.columns.iter_mut().enumerate() {
                    column.id = column_match[c].map_or_else(&mut fresh, |b| base_section.columns[b].id);
                }
            }
            None => {
                section.id = fresh();
                for column in &mut section.columns {
                    column.id = fresh();
                }
            }
        }
    }
    // Items across the whole issue (an item may have moved to another section).
    let base_items: Vec<&Item> = base.items().map(|(_, item)| item).collect();
    let other_items: Vec<Item> = other.items().map(|(_, item)| item.clone()).collect();
    let other_refs: Vec<&Item> = other_items.iter().collect();
    let item_match = match_items(&base_items, &other_refs);
    let mut ids = item_match
        .into_iter()
        .map(|m| m.map_or_else(&mut fresh, |b| base_items[b].id));
    for section in &mut other.sections {
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            item.id = ids.next().expect("one id per item");
        }
    }
    other
}

/// For each entry of `other`, the index of the `base` entry it matches: equal keys
/// first, then by place.
fn match_by<K: Eq + std::hash::Hash + Copy>(base: &[K], other: &[K]) -> Vec<Option<usize>> {
    let mut matching = Matching::new(base.len(), other.len());
    let some = |keys: &[K]| -> Vec<Option<K>> { keys.iter().copied().map(Some).collect() };
    matching.pair_equal(&some(base), &some(other));
    matching.pair_by_place();
    matching.found
}

/// A matching in progress: which base entries are taken, and each other entry's match.
struct Matching {
    used: Vec<bool>,
    found: Vec<Option<usize>>,
}

impl Matching {
    fn new(base: usize, other: usize) -> Matching {
        Matching {
            used: vec![false; base],
            found: vec![None; other],
        }
    }

    /// Pairs entries still unmatched whose keys are equal, each base entry once, in
    /// order (`None` keys never match).
    fn pair_equal<K: Eq + std::hash::Hash + Copy>(&mut self, base: &[Option<K>], other: &[Option<K>]) {
        let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
        for (b, key) in base.iter().enumerate() {
            if let (false, Some(key)) = (self.used[b], key) {
                by_key.entry(*key).or_default().push_back(b);
            }
        }
        for (k, key) in other.iter().enumerate() {
            let Some(key) = key.filter(|_| self.found[k].is_none()) else {
                continue;
            };
            if let Some(b) = by_key.get_mut(&key).and_then(VecDeque::pop_front) {
                self.used[b] = true;
                self.found[k] = Some(b);
            }
        }
    }

    /// Pairs each entry still unmatched with the base entry after the one matched just
    /// before it, when that one is free.
    fn pair_by_place(&mut self) {
        let mut previous: Option<usize> = None;
        for k in 0..self.found.len() {
            match self.found[k] {
                Some(b) => previous = Some(b),
                None => {
                    let candidate = previous.map_or(0, |p| p + 1);
                    if candidate < self.used.len() && !self.used[candidate] {
                        self.used[candidate] = true;
                        self.found[k] = Some(candidate);
                        previous = Some(candidate);
                    }
                }
            }
        }
    }
}

/// The content an item is recognised by when nothing in it changed.
type ItemKey<'a> = (&'a str, &'a str, &'a [String], Status);

fn item_key(item: &Item) -> Option<ItemKey<'_>> {
    Some((&item.title, &item.body, &item.sources, item.status))
}

/// An item's title, when it has one (a blank title tells nothing).
fn title_key(item: &Item) -> Option<&str> {
    Some(item.title.as_str()).filter(|t| !t.trim().is_empty())
}

fn match_items<'a>(base: &[&'a Item], other: &[&'a Item]) -> Vec<Option<usize>> {
    let mut matching = Matching::new(base.len(), other.len());
    let keys = |items: &[&'a Item]| -> Vec<Option<ItemKey<'a>>> { items.iter().map(|i| item_key(i)).collect() };
    matching.pair_equal(&keys(base), &keys(other));
    // Then by title alone: an item whose text changed.
    let titles = |items: &[&'a Item]| -> Vec<Option<&'a str>> { items.iter().map(|i| title_key(i)).collect() };
    matching.pair_equal(&titles(base), &titles(other));
    matching.pair_by_place();
    matching.found
}

/// The base a tab keeps after saving `issue`: its canonical form (what another tab reads
/// back from the stored Markdown), with the ids `issue` has. Comparing another tab's
/// text with this base finds only what that tab changed, not white space that export
/// trims.
pub fn canonical_base(issue: &Issue) -> Issue {
    let mut canonical = normalize(issue.clone());
    for (section, original) in canonical.sections.iter_mut().zip(&issue.sections) {
        section.id = original.id;
        for (item, o) in section.items.iter_mut().zip(&original.items) {
            item.id = o.id;
        }
        for (column, o) in section.columns.iter_mut().zip(&original.columns) {
            column.id = o.id;
            for (item, oi) in column.items.iter_mut().zip(&o.items) {
                item.id = oi.id;
            }
        }
    }
    canonical
}
