//! Three-way merge of an issue: what this tab holds (ours), what another tab saved
//! (theirs), and the version both started from (base).
//!
//! The merge goes part by part: the masthead, the footer, the list of sections (their
//! order and headings), the columns, and each item, all found by id. A part changed on
//! one side takes that side; a part changed on both sides differently keeps both texts,
//! marked (see [`text`]), and is named in [`Merged::conflicts`] so the status bar can say
//! so. Items added on either side are kept; an item deleted on one side but edited on the
//! other is kept; a section deleted on one side is kept when the other renamed it or put
//! words in it. The merge never drops a word that either side added.
//!
//! Ids must agree across the three issues. A tab's own issue keeps the ids of the base it
//! loaded; another tab's saved text, read back from Markdown, is numbered afresh, so it
//! is first given the base's ids with [`align::align`].
//!
//! Pure functions, no browser: `tests/merge.rs` checks the laws with proptest.

pub mod align;
pub mod order;
pub mod shape;
pub mod text;

use crate::core::issue::{Column, Footer, Id, Issue, Item, Masthead, Section};
use shape::Shape;
use std::collections::{HashMap, HashSet};

/// A part of an issue that both sides changed differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartId {
    /// The masthead.
    Masthead,
    /// The order of the sections.
    Sections,
    /// A section's or column's heading (or a section kept although one side deleted it).
    Heading(Id),
    /// An item (or an item kept although one side deleted it).
    Item(Id),
    /// The footer.
    Footer,
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged issue.
    pub issue: Issue,
    /// The parts both sides changed, in print order; empty when the merge was clean.
    pub conflicts: Vec<PartId>,
}

/// Merges `ours` and `theirs`, both changed from `base` (see the module docs).
pub fn merge(base: &Issue, ours: &Issue, theirs: &Issue) -> Merged {
    let clean = |issue: &Issue| Merged {
        issue: issue.clone(),
        conflicts: Vec::new(),
    };
    if ours == base {
        return clean(theirs);
    }
    if theirs == base || ours == theirs {
        return clean(ours);
    }
    let mut conflicts = HashSet::new();
    let (masthead, clash) = merge_masthead(&base.masthead, &ours.masthead, &theirs.masthead);
    if clash {
        conflicts.insert(PartId::Masthead);
    }
    let (footer, clash) = merge_footer(&base.footer, &ours.footer, &theirs.footer);
    if clash {
        conflicts.insert(PartId::Footer);
    }
    let sides = Sides {
        base: Shape::of(base),
        ours: Shape::of(ours),
        theirs: Shape::of(theirs),
    };
    let sections = sides.sections(&mut conflicts);
    let issue = Issue {
        masthead,
        sections,
        footer,
    };
    let conflicts = in_print_order(&issue, conflicts);
    Merged { issue, conflicts }
}

/// The parts named in `found`, in the order the merged issue prints them.
fn in_print_order(issue: &Issue, mut found: HashSet<PartId>) -> Vec<PartId> {
    let mut out = Vec::with_capacity(found.len());
    let mut take = |part: PartId, out: &mut Vec<PartId>| {
        if found.remove(&part) {
            out.push(part);
        }
    };
    take(PartId::Masthead, &mut out);
    take(PartId::Sections, &mut out);
    for section in &issue.sections {
        take(PartId::Heading(section.id), &mut out);
        for item in &section.items {
            take(PartId::Item(item.id), &mut out);
        }
        for column in &section.columns {
            take(PartId::Heading(column.id), &mut out);
            for item in &column.items {
                take(PartId::Item(item.id), &mut out);
            }
        }
    }
    take(PartId::Footer, &mut out);
    // Nothing else can be left; sorted for determinism should that ever change.
    let mut rest: Vec<PartId> = found.into_iter().collect();
    rest.sort_unstable();
    out.extend(rest);
    out
}

/// [`merge`] for a tab whose base is its own issue as it was when saved (`saved`), which
/// may hold white space that the stored Markdown trims. The other tab's version, read
/// back from storage, is in canonical form, so the merge compares it with the canonical
/// form of `saved` ([`align::canonical_base`]); a part this tab has not touched since
/// counts as unchanged, and keeps the form this tab shows (the text box the user types
/// in keeps its trailing line break). `theirs` must carry `saved`'s ids
/// ([`align::align`] against the canonical base).
pub fn merge_from_saved(saved: &Issue, ours: &Issue, theirs: &Issue) -> Merged {
    let base = align::canonical_base(saved);
    if base == *saved {
        return merge(&base, ours, theirs);
    }
    let (before, canonical) = (Shape::of(saved), Shape::of(&base));
    // This tab's issue with its untouched parts in canonical form.
    let mut as_base = ours.clone();
    let untouched = |id: Id, item: &Item| before.item(id).is_some_and(|(b, _)| b == item);
    for section in &mut as_base.sections {
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            if untouched(item.id, item) {
                if let Some((c, _)) = canonical.item(item.id) {
                    *item = c.clone();
                }
            }
        }
    }
    let untouched_heading = |id: Id, heading: &str| before.headings.get(&id) == Some(&heading);
    for_each_heading(&mut as_base, |id, heading| {
        if untouched_heading(id, heading) {
            if let Some(c) = canonical.headings.get(&id) {
                *heading = c.to_string();
            }
        }
    });
    if ours.masthead == saved.masthead {
        as_base.masthead = base.masthead.clone();
    }
    if ours.footer == saved.footer {
        as_base.footer = base.footer.clone();
    }
    let mut merged = merge(&base, &as_base, theirs);
    // Where the result kept such a part as it was, it gets this tab's form back.
    let mine = Shape::of(ours);
    for section in &mut merged.issue.sections {
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            if let (Some((own, _)), Some((c, _))) = (mine.item(item.id), canonical.item(item.id)) {
                if item == c && untouched(item.id, own) {
                    *item = own.clone();
                }
            }
        }
    }
    for_each_heading(&mut merged.issue, |id, heading| {
        if let (Some(own), Some(c)) = (mine.headings.get(&id), canonical.headings.get(&id)) {
            if heading == c && untouched_heading(id, own) {
                *heading = own.to_string();
            }
        }
    });
    if merged.issue.masthead == base.masthead && ours.masthead == saved.masthead {
        merged.issue.masthead = ours.masthead.clone();
    }
    if merged.issue.footer == base.footer && ours.footer == saved.footer {
        merged.issue.footer = ours.footer.clone();
    }
    merged
}

/// Calls `change` with the id and heading of every section and column.
fn for_each_heading(issue: &mut Issue, mut change: impl FnMut(Id, &mut String)) {
    for section in &mut issue.sections {
        change(section.id, &mut section.heading);
        for column in &mut section.columns {
            change(column.id, &mut column.heading);
        }
    }
}

/// The masthead, field by field.
pub fn merge_masthead(base: &Masthead, ours: &Masthead, theirs: &Masthead) -> (Masthead, bool) {
    let (title, a) = text::line(&base.title, &ours.title, &theirs.title);
    let (year, b) = text::value(&base.year, &ours.year, &theirs.year);
    let (number, c) = text::value(&base.number, &ours.number, &theirs.number);
    let (total, d) = text::value(&base.total, &ours.total, &theirs.total);
    let (supplement, e) = text::value(&base.supplement, &ours.supplement, &theirs.supplement);
    let (publisher, f) = text::line(&base.publisher, &ours.publisher, &theirs.publisher);
    let (date, g) = text::value(&base.date, &ours.date, &theirs.date);
    let (style, h) = text::value(&base.style, &ours.style, &theirs.style);
    let masthead = Masthead {
        title,
        year,
        number,
        total,
        supplement,
        publisher,
        date,
        style,
    };
    (masthead, a || b || c || d || e || f || g || h)
}

/// The footer, field by field.
pub fn merge_footer(base: &Footer, ours: &Footer, theirs: &Footer) -> (Footer, bool) {
    let (editor, a) = text::line(&base.editor, &ours.editor, &theirs.editor);
    let (reviewer, b) = text::line(&base.reviewer, &ours.reviewer, &theirs.reviewer);
    let (signer, c) = text::line(&base.signer, &ours.signer, &theirs.signer);
    let (distribution, d) = text::list(&base.distribution, &ours.distribution, &theirs.distribution);
    let (copies, e) = text::value(&base.copies, &ours.copies, &theirs.copies);
    let footer = Footer {
        editor,
        reviewer,
        signer,
        distribution,
        copies,
    };
    (footer, a || b || c || d || e)
}

/// One item, field by field; the flag tells whether both sides changed some field.
pub fn merge_item(base: &Item, ours: &Item, theirs: &Item) -> (Item, bool) {
    let (title, a) = text::line(&base.title, &ours.title, &theirs.title);
    let (body, b) = text::body(&base.body, &ours.body, &theirs.body);
    let (sources, c) = text::list(&base.sources, &ours.sources, &theirs.sources);
    let (status, d) = text::value(&base.status, &ours.status, &theirs.status);
    let item = Item {
        id: ours.id,
        title,
        body,
        sources,
        status,
    };
    (item, a || b || c || d)
}

/// The three sides, read by id.
struct Sides<'a> {
    base: Shape<'a>,
    ours: Shape<'a>,
    theirs: Shape<'a>,
}

/// What the merge keeps of the items: each one merged, with the section or column it
/// goes to.
struct KeptItems {
    items: HashMap<Id, (Item, Id)>,
}

impl Sides<'_> {
    /// Every id of the given kind on any side: ours in order, then theirs, then base.
    fn union(&self, ids: impl Fn(&Shape) -> Vec<Id>) -> Vec<Id> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for shape in [&self.ours, &self.theirs, &self.base] {
            for id in ids(shape) {
                if seen.insert(id) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// Decides each item: kept or not, its text, and where it goes.
    fn items(&self, conflicts: &mut HashSet<PartId>) -> KeptItems {
        let mut items = HashMap::new();
        for id in self.union(|s| s.print_order.clone()) {
            let (b, o, t) = (self.base.item(id), self.ours.item(id), self.theirs.item(id));
            let kept = match (b, o, t) {
                (_, Some((oi, oh)), Some((ti, th))) => {
                    let empty = Item { id, ..Item::default() };
                    let (bi, bh) = b.map_or((&empty, None), |(bi, bh)| (bi, Some(bh)));
                    let (item, clash) = merge_item(bi, oi, ti);
                    if clash {
                        conflicts.insert(PartId::Item(id));
                    }
                    // The side that moved the item says where it goes (ours when both did).
                    let holder = if Some(oh) != bh { oh } else { th };
                    Some((item, holder))
                }
                // Deleted on one side: kept only when the other side changed it.
                (Some((bi, _)), Some((oi, oh)), None) => (oi != bi).then(|| (oi.clone(), oh)),
                (Some((bi, _)), None, Some((ti, th))) => (ti != bi).then(|| (ti.clone(), th)),
                (None, Some((oi, oh)), None) => Some((oi.clone(), oh)),
                (None, None, Some((ti, th))) => Some((ti.clone(), th)),
                (_, None, None) => None,
            };
            if let Some(kept) = kept {
                if b.is_some() && (o.is_none() || t.is_none()) {
                    conflicts.insert(PartId::Item(id));
                }
                items.insert(id, kept);
            }
        }
        KeptItems { items }
    }

    /// Whether a section or column deleted on one side stays: the other side renamed it,
    /// or something kept goes in it.
    fn holder_kept(&self, id: Id, holds_something: bool, conflicts: &mut HashSet<PartId>) -> bool {
        let (b, o, t) = (
            heading_of(&self.base, id),
            heading_of(&self.ours, id),
            heading_of(&self.theirs, id),
        );
        let kept = match (b, o, t) {
            (_, Some(_), Some(_)) => return true,
            (None, Some(_), None) | (None, None, Some(_)) => return true,
            (Some(b), Some(o), None) => o != b || holds_something,
            (Some(b), None, Some(t)) => t != b || holds_something,
            (Some(_), None, None) => holds_something,
            (None, None, None) => false,
        };
        if kept {
            conflicts.insert(PartId::Heading(id));
        }
        kept
    }

    /// The merged heading of a kept section or column.
    fn heading(&self, id: Id, conflicts: &mut HashSet<PartId>) -> String {
        match (
            heading_of(&self.base, id),
            heading_of(&self.ours, id),
            heading_of(&self.theirs, id),
        ) {
            (b, Some(o), Some(t)) => {
                let (text, clash) = text::line(b.unwrap_or(""), o, t);
                if clash {
                    conflicts.insert(PartId::Heading(id));
                }
                text
            }
            (_, Some(one), None) | (_, None, Some(one)) | (Some(one), None, None) => one.to_string(),
            (None, None, None) => String::new(),
        }
    }

    /// The section a column belongs to: ours, else theirs, else base.
    fn parent(&self, column: Id) -> Option<Id> {
        [&self.ours, &self.theirs, &self.base]
            .iter()
            .find_map(|s| s.column_parent.get(&column).copied())
    }

    /// The merged sections, with their columns and items.
    fn sections(&self, conflicts: &mut HashSet<PartId>) -> Vec<Section> {
        let mut kept_items = self.items(conflicts).items;
        // What each holder receives.
        let mut holds: HashMap<Id, HashSet<Id>> = HashMap::new();
        for (&id, (_, holder)) in &kept_items {
            holds.entry(*holder).or_default().insert(id);
        }
        let column_ids = self.union(|s| s.column_parent.keys().copied().collect());
        let mut columns_of: HashMap<Id, HashSet<Id>> = HashMap::new();
        let mut sorted_columns = column_ids;
        sorted_columns.sort_unstable();
        for column in sorted_columns {
            if self.holder_kept(column, holds.contains_key(&column), conflicts) {
                if let Some(parent) = self.parent(column) {
                    columns_of.entry(parent).or_default().insert(column);
                }
            }
        }
        let mut section_ids = self.union(|s| s.sections.clone());
        section_ids.sort_unstable();
        let kept_sections: HashSet<Id> = section_ids
            .into_iter()
            .filter(|&s| {
                let holds_something = holds.contains_key(&s) || columns_of.contains_key(&s);
                self.holder_kept(s, holds_something, conflicts)
            })
            .collect();
        let (order, clash) = order::merge_order(
            &self.base.sections,
            &self.ours.sections,
            &self.theirs.sections,
            &kept_sections,
        );
        if clash {
            conflicts.insert(PartId::Sections);
        }
        let empty = HashSet::new();
        let mut items_of = |holder: Id| -> Vec<Item> {
            let keep = holds.get(&holder).unwrap_or(&empty);
            let (ids, _) = order::merge_order(
                self.base.list(holder),
                self.ours.list(holder),
                self.theirs.list(holder),
                keep,
            );
            ids.into_iter()
                .filter_map(|id| kept_items.remove(&id).map(|(item, _)| item))
                .collect()
        };
        let mut sections = Vec::with_capacity(order.len());
        for id in order {
            let heading = self.heading(id, conflicts);
            let items = items_of(id);
            let keep = columns_of.get(&id).unwrap_or(&empty);
            let (column_order, _) = order::merge_order(
                self.base.columns_of(id),
                self.ours.columns_of(id),
                self.theirs.columns_of(id),
                keep,
            );
            let columns = column_order
                .into_iter()
                .map(|column| Column {
                    id: column,
                    heading: self.heading(column, conflicts),
                    items: items_of(column),
                })
                .collect();
            sections.push(Section {
                id,
                heading,
                items,
                columns,
            });
        }
        sections
    }
}

/// The heading of a section or column on one side.
fn heading_of<'a>(shape: &Shape<'a>, id: Id) -> Option<&'a str> {
    shape.headings.get(&id).copied()
}

/// Whether `merged` lacks some text that `ours` holds: an item, a heading, or a field of
/// the masthead or footer that changed. Typing on top of this tab's text (the other tab
/// added to it) loses nothing; a deletion or rewrite by the other tab does. The UI keeps
/// `ours` as a snapshot first when it does.
pub fn loses_text(ours: &Issue, merged: &Issue) -> bool {
    if ours.masthead != merged.masthead || ours.footer != merged.footer {
        return true;
    }
    let shape = Shape::of(merged);
    let lost_item = ours.items().any(|(_, item)| match shape.item(item.id) {
        None => {
            item != &Item {
                id: item.id,
                ..Item::default()
            }
        }
        Some((now, _)) if now == item => false,
        Some((now, _)) => {
            !now.title.contains(&item.title)
                || !now.body.contains(&item.body)
                || item.sources.iter().any(|s| !now.sources.contains(s))
        }
    });
    let lost_heading = ours.sections.iter().any(|section| {
        std::iter::once((section.id, &section.heading))
            .chain(section.columns.iter().map(|c| (c.id, &c.heading)))
            .any(|(id, heading)| {
                shape
                    .headings
                    .get(&id)
                    .is_none_or(|now| !now.contains(heading.as_str()))
            })
    });
    lost_item || lost_heading
}
