//! Undo and redo over whole-issue snapshots.
//!
//! Each step keeps the issue as it was before an edit. Consecutive edits with the same
//! group key (typing in one field) within [`GROUP_WINDOW_MS`] join one step, so undo takes
//! back a burst of typing, not a character. Deleting an item or a section is a step like
//! any other, so it can always be undone.

use crate::core::edit::Edit;
use crate::core::issue::Issue;

/// Typing pauses longer than this start a new undo step.
pub const GROUP_WINDOW_MS: f64 = 1000.0;

/// How many steps are kept; the oldest are forgotten first.
pub const MAX_STEPS: usize = 200;

/// The undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Issue>,
    redo: Vec<Issue>,
    last_group: Option<(u8, u32)>,
    last_time: f64,
}

impl History {
    /// Records that `edit` is about to change `before`, at time `now` (milliseconds).
    pub fn record(&mut self, before: &Issue, edit: &Edit, now: f64) {
        let group = edit.group_key();
        let joins = group.is_some()
            && group == self.last_group
            && now - self.last_time < GROUP_WINDOW_MS
            && !self.undo.is_empty();
        if !joins {
            self.undo.push(before.clone());
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_group = group;
        self.last_time = now;
    }

    /// Takes one step back: returns the issue to show, given the current one.
    pub fn undo(&mut self, current: &Issue) -> Option<Issue> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.last_group = None;
        Some(previous)
    }

    /// Takes one step forward again.
    pub fn redo(&mut self, current: &Issue) -> Option<Issue> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.last_group = None;
        Some(next)
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
    use crate::core::sample::sample_issue;

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
                let edit = Edit::SetBody(id, format!("{burst}-{k}"));
                history.record(&issue, &edit, t0 + k as f64 * 100.0);
                apply(&mut issue, edit);
            }
            snapshots.push(issue.clone());
        }
        for expected in snapshots.iter().rev().skip(1) {
            issue = history.undo(&issue).unwrap();
            assert_eq!(&issue, expected);
        }
        assert!(history.undo(&issue).is_none());
        for expected in snapshots.iter().skip(1) {
            issue = history.redo(&issue).unwrap();
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
        let edit = Edit::DeleteItem(id);
        history.record(&issue, &edit, 0.0);
        apply(&mut issue, edit);
        issue = history.undo(&issue).unwrap();
        assert!(issue.item(id).is_some(), "a deleted item comes back");
        let edit = Edit::SetTitle(id, "新".into());
        history.record(&issue, &edit, 1.0);
        apply(&mut issue, edit);
        assert!(!history.can_redo());
    }
}
