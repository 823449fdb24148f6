//! Undo and redo, each step keeping only the part of the issue its edit changed.
//!
//! Typing in an item keeps that item as it was; a masthead or footer edit keeps the
//! masthead or footer; only structural edits (moves, deletions, imports) keep the whole
//! issue. So a keystroke never copies the issue, and a long day of typing costs little
//! memory. Consecutive edits with the same group key (typing in one field) within
//! [`GROUP_WINDOW_MS`] join one step, so undo takes back a burst of typing, not a
//! character. Deleting an item or a section is a step like any other, so it can always be
//! undone.

use crate::core::edit::{Edit, Scope};
use crate::core::issue::{Footer, Issue, Item, Masthead};
use std::collections::VecDeque;

/// Typing pauses longer than this start a new undo step.
pub const GROUP_WINDOW_MS: f64 = 1000.0;

/// How many steps are kept; the oldest are forgotten first.
pub const MAX_STEPS: usize = 200;

/// How much text (bytes) the undo steps may hold together; the oldest steps are forgotten
/// first, but the newest one is always kept. Two hundred whole copies of a year-end
/// compilation would otherwise take over a hundred megabytes.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// The part of an issue one edit can change, as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// One item (found again by its id).
    Item(Item),
    /// The masthead.
    Masthead(Masthead),
    /// The footer.
    Footer(Footer),
    /// Everything: for edits that change the structure.
    Whole(Issue),
}

impl Part {
    /// The part of `issue` that `edit` can change.
    pub fn of(issue: &Issue, edit: &Edit) -> Part {
        let item = match edit {
            Edit::SetTitle(id, _) | Edit::SetBody(id, _) | Edit::SetSources(id, _) | Edit::SetStatus(id, _) => {
                issue.item(*id)
            }
            Edit::SetMasthead(_) => return Part::Masthead(issue.masthead.clone()),
            Edit::SetFooter(_) => return Part::Footer(issue.footer.clone()),
            _ => None,
        };
        match item {
            Some(item) => Part::Item(item.clone()),
            None => Part::Whole(issue.clone()),
        }
    }

    /// Puts this part back into `issue`. Returns the part it replaced (for the opposite
    /// stack) and what changed, or None when the part has no place in the issue.
    fn swap_into(self, issue: &mut Issue) -> Option<(Part, Scope)> {
        Some(match self {
            Part::Item(item) => {
                let id = item.id;
                let slot = issue.item_mut(id)?;
                (Part::Item(std::mem::replace(slot, item)), Scope::WholeItem(id))
            }
            Part::Masthead(m) => (
                Part::Masthead(std::mem::replace(&mut issue.masthead, m)),
                Scope::Masthead,
            ),
            Part::Footer(f) => (Part::Footer(std::mem::replace(&mut issue.footer, f)), Scope::Footer),
            Part::Whole(whole) => (Part::Whole(std::mem::replace(issue, whole)), Scope::Structure),
        })
    }

    /// Roughly how many bytes of text the part holds.
    fn weight(&self) -> usize {
        fn item(item: &Item) -> usize {
            item.title.len() + item.body.len() + item.sources.iter().map(String::len).sum::<usize>() + 64
        }
        match self {
            Part::Item(it) => item(it),
            Part::Masthead(_) | Part::Footer(_) => 512,
            Part::Whole(issue) => issue.items().map(|(_, it)| item(it)).sum::<usize>() + 1024,
        }
    }
}

/// An edit about to be applied, as [`History::prepare`] saw it: commit it once the edit
/// turned out to change something, or drop it.
#[must_use]
pub struct Pending {
    part: Option<Part>,
    group: Option<(u8, u32)>,
    now: f64,
}

/// The undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Part>,
    redo: Vec<Part>,
    weight: usize,
    last_group: Option<(u8, u32)>,
    last_time: f64,
}

impl History {
    /// Looks at `edit` before it changes `before`, at time `now` (milliseconds): keeps the
    /// part it will change, unless the edit joins the current typing group.
    pub fn prepare(&self, before: &Issue, edit: &Edit, now: f64) -> Pending {
        let group = edit.group_key();
        let joins = group.is_some()
            && group == self.last_group
            && now - self.last_time < GROUP_WINDOW_MS
            && !self.undo.is_empty();
        Pending {
            part: (!joins).then(|| Part::of(before, edit)),
            group,
            now,
        }
    }

    /// Records an edit that changed the issue.
    pub fn commit(&mut self, pending: Pending) {
        if let Some(part) = pending.part {
            self.weight += part.weight();
            self.undo.push_back(part);
            while self.undo.len() > MAX_STEPS || (self.weight > MAX_BYTES && self.undo.len() > 1) {
                if let Some(old) = self.undo.pop_front() {
                    self.weight -= old.weight();
                }
            }
        }
        self.redo.clear();
        self.last_group = pending.group;
        self.last_time = pending.now;
    }

    /// [`History::prepare`] and [`History::commit`] at once, for an edit known to change
    /// `before`.
    pub fn record(&mut self, before: &Issue, edit: &Edit, now: f64) {
        let pending = self.prepare(before, edit, now);
        self.commit(pending);
    }

    /// Takes one step back in `issue`; returns what changed, or None when there is no step.
    pub fn undo(&mut self, issue: &mut Issue) -> Option<Scope> {
        let part = self.undo.pop_back()?;
        self.weight -= part.weight();
        self.last_group = None;
        let (current, scope) = part.swap_into(issue)?;
        self.redo.push(current);
        Some(scope)
    }

    /// Takes one step forward again in `issue`; returns what changed.
    pub fn redo(&mut self, issue: &mut Issue) -> Option<Scope> {
        let part = self.redo.pop()?;
        self.last_group = None;
        let (current, scope) = part.swap_into(issue)?;
        self.weight += current.weight();
        self.undo.push_back(current);
        Some(scope)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Ends the current typing group, so the next edit starts a new step.
    pub fn seal(&mut self) {
        self.last_group = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::apply;
    use crate::core::issue::Place;
    use crate::core::sample::sample_issue;

    /// Records and applies an edit, as the editor does.
    fn edit(history: &mut History, issue: &mut Issue, edit: Edit, now: f64) {
        let pending = history.prepare(issue, &edit, now);
        if apply(issue, edit) != Scope::Nothing {
            history.commit(pending);
        }
    }

    #[test]
    fn typing_groups_and_undo_redo_walk_back_and_forth() {
        let start = sample_issue();
        let id = start.items().next().unwrap().1.id;
        let mut issue = start.clone();
        let mut history = History::default();
        let mut snapshots = vec![issue.clone()];
        // Three bursts of typing, separated by pauses: three steps.
        for (burst, t0) in [(0, 0.0), (1, 5000.0), (2, 10000.0)] {
            for k in 0..5 {
                edit(
                    &mut history,
                    &mut issue,
                    Edit::SetBody(id, format!("{burst}-{k}")),
                    t0 + k as f64 * 100.0,
                );
            }
            snapshots.push(issue.clone());
        }
        for expected in snapshots.iter().rev().skip(1) {
            assert_eq!(history.undo(&mut issue), Some(Scope::WholeItem(id)));
            assert_eq!(&issue, expected);
        }
        assert!(history.undo(&mut issue).is_none());
        for expected in snapshots.iter().skip(1) {
            history.redo(&mut issue).unwrap();
            assert_eq!(&issue, expected);
        }
        assert_eq!(issue, *snapshots.last().unwrap());
        assert_ne!(issue, start);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut issue = sample_issue();
        let id = issue.items().next().unwrap().1.id;
        let mut history = History::default();
        edit(&mut history, &mut issue, Edit::DeleteItem(id), 0.0);
        assert_eq!(history.undo(&mut issue), Some(Scope::Structure));
        assert!(issue.item(id).is_some(), "a deleted item comes back");
        edit(&mut history, &mut issue, Edit::SetTitle(id, "新".into()), 1.0);
        assert!(!history.can_redo());
    }

    /// Every kind of edit, mixed: undoing all of them gives back the start, redoing all of
    /// them gives back the end, whatever part each step kept.
    #[test]
    fn mixed_edits_undo_to_the_start_and_redo_to_the_end() {
        let start = sample_issue();
        let mut issue = start.clone();
        let ids: Vec<_> = issue.items().map(|(_, it)| it.id).collect();
        let mut history = History::default();
        let new = issue.next_id();
        let mut masthead = issue.masthead.clone();
        masthead.title = "新刊名".into();
        let mut footer = issue.footer.clone();
        footer.editor = "王五".into();
        let edits = [
            Edit::SetTitle(ids[0], "甲".into()),
            Edit::NudgeItem(ids[0], 1),
            Edit::SetBody(ids[0], "乙".into()),
            Edit::SetMasthead(masthead),
            Edit::DeleteItem(ids[1]),
            Edit::SetSources(ids[2], vec!["丙".into()]),
            Edit::DuplicateItem(ids[2], new),
            Edit::SetStatus(new, crate::core::Status::Reviewed),
            Edit::SetFooter(footer),
            Edit::MoveItem(
                ids[0],
                Place {
                    section: 0,
                    column: None,
                },
                0,
            ),
        ];
        let mut steps = 0;
        for (k, e) in edits.into_iter().enumerate() {
            edit(&mut history, &mut issue, e, k as f64 * 5000.0);
            steps += 1;
        }
        let end = issue.clone();
        let mut undone = 0;
        while history.undo(&mut issue).is_some() {
            undone += 1;
        }
        assert_eq!(undone, steps);
        assert_eq!(issue, start);
        while history.redo(&mut issue).is_some() {}
        assert_eq!(issue, end);
    }

    #[test]
    fn edits_that_change_nothing_leave_no_step() {
        let mut issue = sample_issue();
        let (id, title) = issue.items().next().map(|(_, it)| (it.id, it.title.clone())).unwrap();
        let mut history = History::default();
        edit(&mut history, &mut issue, Edit::SetTitle(id, title), 0.0);
        edit(&mut history, &mut issue, Edit::NudgeItem(id, -1), 5000.0);
        assert!(!history.can_undo());
    }

    #[test]
    fn typing_keeps_one_item_not_the_issue_and_whole_copies_stay_within_budget() {
        let mut issue = sample_issue();
        let id = issue.items().next().unwrap().1.id;
        let mut history = History::default();
        edit(&mut history, &mut issue, Edit::SetBody(id, "x".into()), 0.0);
        assert!(matches!(history.undo.back(), Some(Part::Item(item)) if item.id == id));
        // A huge issue: structural steps are forgotten oldest first beyond the budget.
        let big = "字".repeat(4 * 1024 * 1024);
        edit(&mut history, &mut issue, Edit::SetBody(id, big), 10_000.0);
        for k in 0..40 {
            edit(
                &mut history,
                &mut issue,
                Edit::NudgeItem(id, if k % 2 == 0 { 1 } else { -1 }),
                20_000.0 + k as f64,
            );
        }
        assert!(history.weight <= MAX_BYTES, "{} bytes kept", history.weight);
        assert!(history.undo.len() < 40 && history.can_undo());
        let recount: usize = history.undo.iter().map(Part::weight).sum();
        assert_eq!(recount, history.weight);
    }
}
