//! Every change to an issue, as a value.
//!
//! Architecture invariant: the UI changes the issue only by passing an [`Edit`] to
//! [`apply`]. One function, so history, autosave and the preview all see every change,
//! and so each change can be tested natively.

use crate::core::issue::{Column, Footer, Id, Issue, Item, Masthead, Place, Section, Status};

/// One change to an issue.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace the masthead.
    SetMasthead(Masthead),
    /// Replace the footer.
    SetFooter(Footer),
    /// Set an item's title.
    SetTitle(Id, String),
    /// Set an item's Markdown body.
    SetBody(Id, String),
    /// Set an item's sources.
    SetSources(Id, Vec<String>),
    /// Set an item's status.
    SetStatus(Id, Status),
    /// Add an empty item at the end of a place; the new item gets the given id.
    AddItem(Place, Id),
    /// Add a whole item (from a paste or a submission) at the end of a place.
    InsertItem(Place, Item),
    /// Delete an item.
    DeleteItem(Id),
    /// Copy an item, placing the copy (with the given id) right after it.
    DuplicateItem(Id, Id),
    /// Move an item to a place, at an index there (clamped).
    MoveItem(Id, Place, usize),
    /// Move an item one step up (-1) or down (+1) in print order, across sections too.
    NudgeItem(Id, i32),
    /// Add a section with a heading and the given id at the end.
    AddSection(String, Id),
    /// Rename a section or a column.
    RenameHeading(Id, String),
    /// Delete a section or a column with everything in it.
    DeleteHeading(Id),
    /// Add a sub-column to a section.
    AddColumn(usize, String, Id),
    /// Replace the whole issue (undo, import, next issue, restore).
    Replace(Box<Issue>),
}

/// What part of the issue an edit touched, so the preview re-renders only that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Nothing changed (the edit named something that no longer exists).
    Nothing,
    /// The masthead only.
    Masthead,
    /// The footer only.
    Footer,
    /// One item's text (body, sources, status).
    Item(Id),
    /// One item's title only: its heading and its line of the 目录提要.
    Title(Id),
    /// One item as a whole, title included (undo and redo put back whole items).
    WholeItem(Id),
    /// The structure: sections, order, membership. Everything is re-rendered.
    Structure,
}

impl Edit {
    /// A key that groups consecutive edits into one undo step: typing in one field is
    /// one step, not one per keystroke. None means the edit always stands alone.
    pub fn group_key(&self) -> Option<(u8, Id)> {
        match self {
            Edit::SetTitle(id, _) => Some((1, *id)),
            Edit::SetBody(id, _) => Some((2, *id)),
            Edit::SetSources(id, _) => Some((3, *id)),
            Edit::SetMasthead(_) => Some((4, 0)),
            Edit::SetFooter(_) => Some((5, 0)),
            Edit::RenameHeading(id, _) => Some((6, *id)),
            _ => None,
        }
    }
}

/// Applies an edit; returns what it touched.
///
/// An edit that changes nothing (a field set to the value it has, a move to where the item
/// already is, a missing id) returns [`Scope::Nothing`] and leaves the issue untouched, so
/// the caller never has to compare whole issues to find out.
pub fn apply(issue: &mut Issue, edit: Edit) -> Scope {
    match edit {
        Edit::SetMasthead(masthead) => set(&mut issue.masthead, masthead, Scope::Masthead),
        Edit::SetFooter(footer) => set(&mut issue.footer, footer, Scope::Footer),
        Edit::SetTitle(id, title) => with_item(issue, id, |item| set(&mut item.title, title, Scope::Title(id))),
        Edit::SetBody(id, body) => with_item(issue, id, |item| set(&mut item.body, body, Scope::Item(id))),
        Edit::SetSources(id, sources) => with_item(issue, id, |item| set(&mut item.sources, sources, Scope::Item(id))),
        Edit::SetStatus(id, status) => with_item(issue, id, |item| set(&mut item.status, status, Scope::Item(id))),
        Edit::AddItem(place, id) => insert_at_end(issue, place, Item { id, ..Item::default() }),
        Edit::InsertItem(place, item) => insert_at_end(issue, place, item),
        Edit::DeleteItem(id) => match issue.locate(id) {
            Some((place, index)) => {
                issue.items_at_mut(place).map(|items| items.remove(index));
                Scope::Structure
            }
            None => Scope::Nothing,
        },
        Edit::DuplicateItem(id, new_id) => match issue.locate(id) {
            Some((place, index)) => {
                let items = issue.items_at_mut(place).expect("located just now");
                let copy = Item {
                    id: new_id,
                    ..items[index].clone()
                };
                items.insert(index + 1, copy);
                Scope::Structure
            }
            None => Scope::Nothing,
        },
        Edit::MoveItem(id, place, index) => move_item(issue, id, place, index),
        Edit::NudgeItem(id, step) => nudge(issue, id, step),
        Edit::AddSection(heading, id) => {
            issue.sections.push(Section {
                id,
                heading,
                ..Section::default()
            });
            Scope::Structure
        }
        Edit::RenameHeading(id, heading) => {
            for section in &mut issue.sections {
                if section.id == id {
                    return set(&mut section.heading, heading, Scope::Structure);
                }
                if let Some(column) = section.columns.iter_mut().find(|c| c.id == id) {
                    return set(&mut column.heading, heading, Scope::Structure);
                }
            }
            Scope::Nothing
        }
        Edit::DeleteHeading(id) => {
            if let Some(at) = issue.sections.iter().position(|s| s.id == id) {
                issue.sections.remove(at);
                return Scope::Structure;
            }
            for section in &mut issue.sections {
                if let Some(at) = section.columns.iter().position(|c| c.id == id) {
                    section.columns.remove(at);
                    return Scope::Structure;
                }
            }
            Scope::Nothing
        }
        Edit::AddColumn(section, heading, id) => match issue.sections.get_mut(section) {
            Some(section) => {
                section.columns.push(Column {
                    id,
                    heading,
                    items: Vec::new(),
                });
                Scope::Structure
            }
            None => Scope::Nothing,
        },
        Edit::Replace(new) => set(issue, *new, Scope::Structure),
    }
}

/// Puts `value` in `slot`; reports `scope`, or [`Scope::Nothing`] when it was there already.
fn set<T: PartialEq>(slot: &mut T, value: T, scope: Scope) -> Scope {
    if *slot == value {
        return Scope::Nothing;
    }
    *slot = value;
    scope
}

fn with_item(issue: &mut Issue, id: Id, change: impl FnOnce(&mut Item) -> Scope) -> Scope {
    issue.item_mut(id).map_or(Scope::Nothing, change)
}

fn insert_at_end(issue: &mut Issue, place: Place, item: Item) -> Scope {
    if issue.sections.is_empty() && place.section == 0 {
        issue.sections.push(Section {
            id: issue.next_id().max(item.id + 1),
            ..Section::default()
        });
    }
    match issue.items_at_mut(place) {
        Some(items) => {
            items.push(item);
            Scope::Structure
        }
        None => Scope::Nothing,
    }
}

fn move_item(issue: &mut Issue, id: Id, to: Place, index: usize) -> Scope {
    if issue.items_at_mut(to).is_none() {
        return Scope::Nothing;
    }
    let Some((from, at)) = issue.locate(id) else {
        return Scope::Nothing;
    };
    // Within its own list the item lands at `index` clamped to the list without it.
    let len = issue.items_at_mut(from).map_or(0, |items| items.len());
    if from == to && index.min(len - 1) == at {
        return Scope::Nothing;
    }
    let item = issue.items_at_mut(from).expect("located just now").remove(at);
    let items = issue.items_at_mut(to).expect("checked above");
    let index = index.min(items.len());
    items.insert(index, item);
    Scope::Structure
}

/// Every slot an item can occupy, in print order: (place, index).
fn slots(issue: &Issue) -> Vec<Place> {
    let mut places = Vec::new();
    for (s, section) in issue.sections.iter().enumerate() {
        places.push(Place {
            section: s,
            column: None,
        });
        for c in 0..section.columns.len() {
            places.push(Place {
                section: s,
                column: Some(c),
            });
        }
    }
    places
}

/// Moves an item one step in print order; at the edge of its list it crosses into the
/// neighbouring list (the end of the previous one, or the start of the next one).
fn nudge(issue: &mut Issue, id: Id, step: i32) -> Scope {
    let Some((place, at)) = issue.locate(id) else {
        return Scope::Nothing;
    };
    let len = issue.items_at_mut(place).map_or(0, |items| items.len());
    if step < 0 && at > 0 {
        return move_item(issue, id, place, at - 1);
    }
    if step > 0 && at + 1 < len {
        return move_item(issue, id, place, at + 1);
    }
    let places = slots(issue);
    let here = places
        .iter()
        .position(|p| *p == place)
        .expect("an item's place is a slot");
    let target = if step < 0 {
        here.checked_sub(1)
    } else {
        Some(here + 1).filter(|&n| n < places.len())
    };
    match target.map(|t| places[t]) {
        Some(to) if step < 0 => move_item(issue, id, to, usize::MAX),
        Some(to) => move_item(issue, id, to, 0),
        None => Scope::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_issue;

    fn order(issue: &Issue) -> Vec<Id> {
        issue.items().map(|(_, item)| item.id).collect()
    }

    #[test]
    fn nudging_walks_an_item_through_every_slot_and_back() {
        let mut issue = sample_issue();
        let first = order(&issue)[0];
        let count = issue.item_count();
        let mut positions = vec![0];
        while apply(&mut issue, Edit::NudgeItem(first, 1)) != Scope::Nothing {
            positions.push(order(&issue).iter().position(|&id| id == first).unwrap());
            assert_eq!(issue.item_count(), count);
            assert!(positions.len() < 100, "nudging must end");
        }
        assert_eq!(*positions.last().unwrap(), count - 1);
        while apply(&mut issue, Edit::NudgeItem(first, -1)) != Scope::Nothing {}
        assert_eq!(order(&issue)[0], first);
    }

    #[test]
    fn edits_on_missing_ids_change_nothing() {
        let mut issue = sample_issue();
        let before = issue.clone();
        for edit in [
            Edit::SetBody(999, "x".into()),
            Edit::DeleteItem(999),
            Edit::DeleteHeading(999),
            Edit::NudgeItem(999, 1),
            Edit::MoveItem(
                999,
                Place {
                    section: 0,
                    column: None,
                },
                0,
            ),
        ] {
            assert_eq!(apply(&mut issue, edit), Scope::Nothing);
        }
        assert_eq!(issue, before);
    }

    #[test]
    fn edits_that_change_nothing_say_so() {
        let mut issue = sample_issue();
        let before = issue.clone();
        let (place, at) = issue.locate(order(&issue)[1]).unwrap();
        let item = issue.item(order(&issue)[1]).unwrap().clone();
        for edit in [
            Edit::SetTitle(item.id, item.title.clone()),
            Edit::SetBody(item.id, item.body.clone()),
            Edit::SetSources(item.id, item.sources.clone()),
            Edit::SetStatus(item.id, item.status),
            Edit::SetMasthead(issue.masthead.clone()),
            Edit::SetFooter(issue.footer.clone()),
            Edit::MoveItem(item.id, place, at),
            Edit::RenameHeading(issue.sections[0].id, issue.sections[0].heading.clone()),
            Edit::Replace(Box::new(issue.clone())),
        ] {
            assert_eq!(apply(&mut issue, edit.clone()), Scope::Nothing, "{edit:?}");
        }
        assert_eq!(issue, before);
        // The last item of a list moved "to the end" of its own list stays put as well.
        let last = issue.sections[0].items.len() - 1;
        let id = issue.sections[0].items[last].id;
        let own = Place {
            section: 0,
            column: None,
        };
        assert_eq!(apply(&mut issue, Edit::MoveItem(id, own, usize::MAX)), Scope::Nothing);
        assert_eq!(
            apply(&mut issue, Edit::SetBody(item.id, "新".into())),
            Scope::Item(item.id)
        );
    }

    #[test]
    fn duplicate_and_delete() {
        let mut issue = sample_issue();
        let id = order(&issue)[1];
        let new_id = issue.next_id();
        apply(&mut issue, Edit::DuplicateItem(id, new_id));
        let ids = order(&issue);
        assert_eq!(ids[2], new_id);
        assert_eq!(issue.item(new_id).unwrap().body, issue.item(id).unwrap().body);
        apply(&mut issue, Edit::DeleteItem(new_id));
        assert!(issue.item(new_id).is_none());
    }
}
