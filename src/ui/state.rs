//! The editor's state and the one place every change goes through.

use crate::core::count::Tally;
use crate::core::edit::{apply, Edit, Scope};
use crate::core::history::History;
use crate::core::merge::{Merged, PartId};
use crate::core::{Id, Issue};
use crate::ui::i18n::Lang;
use leptos::prelude::*;

/// What the form pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// The masthead form.
    Masthead,
    /// The footer form.
    Footer,
    /// A section's (or column's) form.
    Heading(Id),
    /// An item's form.
    Item(Id),
}

/// Whether the last save reached storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is stored.
    Saved,
    /// A save is scheduled.
    Saving,
    /// The last save failed, with the reason to show.
    Failed(String),
    /// Storage cannot be used at all.
    Unavailable,
    /// Another tab saved this issue; the user must choose before anything is written.
    Conflict,
}

/// The editor's reactive state. Copyable handles, passed down through context.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The issue being edited: plain data in one signal.
    pub issue: RwSignal<Issue>,
    /// The last change, for the preview to patch: a counter and what it touched.
    pub change: RwSignal<(u64, Scope)>,
    /// What the form pane shows.
    pub selection: RwSignal<Selection>,
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// The 字数 of every item and of the issue, kept up to date edit by edit.
    pub tally: RwSignal<Tally>,
    /// Undo and redo.
    pub history: StoredValue<History>,
    /// Whether undo and redo have anything to do (for the buttons).
    pub can_undo: RwSignal<bool>,
    /// See `can_undo`.
    pub can_redo: RwSignal<bool>,
    /// The save status shown in the status bar.
    pub save: RwSignal<SaveState>,
    /// A message for the user (import warnings, storage problems), if any.
    pub notice: RwSignal<Option<String>>,
    /// The id of the draft being edited (its storage key).
    pub draft_id: RwSignal<String>,
    /// The stored revision this tab's copy is based on.
    pub revision: StoredValue<u64>,
    /// The issue as it was at `revision`, with this tab's ids: what this tab loaded, last
    /// saved or last merged. Another tab's save is merged against it (see `tabs`).
    pub base: StoredValue<Issue>,
    /// The base before this tab's last save: when another tab saved the same revision at
    /// the same moment, both started from this one.
    pub prior_base: StoredValue<Issue>,
    /// The parts another tab changed too, kept in both versions by the last merges, for
    /// the status bar (cleared when the user dismisses it or opens another draft).
    pub merged_parts: RwSignal<Vec<PartId>>,
    /// Records that could not be read at start-up, kept aside.
    pub problems: RwSignal<Vec<crate::store::local::Problem>>,
    /// Another tab's newer revision of this draft, while the user has not chosen.
    pub conflict: RwSignal<Option<u64>>,
    /// Whether the drafts panel is open.
    pub drafts_open: RwSignal<bool>,
}

impl Editor {
    /// Makes the state around a first issue.
    pub fn new(issue: Issue, lang: Lang, draft_id: String, revision: u64) -> Editor {
        let selection = match issue.items().next() {
            Some((_, item)) => Selection::Item(item.id),
            None => Selection::Masthead,
        };
        let (issue_base, prior_base) = (issue.clone(), issue.clone());
        Editor {
            tally: RwSignal::new(Tally::of(&issue)),
            issue: RwSignal::new(issue),
            change: RwSignal::new((0, Scope::Structure)),
            selection: RwSignal::new(selection),
            lang: RwSignal::new(lang),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save: RwSignal::new(SaveState::Saved),
            notice: RwSignal::new(None),
            draft_id: RwSignal::new(draft_id),
            revision: StoredValue::new(revision),
            base: StoredValue::new(issue_base),
            prior_base: StoredValue::new(prior_base),
            merged_parts: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            conflict: RwSignal::new(None),
            drafts_open: RwSignal::new(false),
        }
    }

    /// Opens the item at this position in print order (the first one when there is no
    /// such item), as a draft reopens where it was left.
    pub fn select_position(&self, open_item: Option<usize>) {
        let selection = self.issue.with_untracked(|issue| selection_at(issue, open_item));
        self.selection.set(selection);
    }

    /// Opens another draft: a new issue, its own history.
    ///
    /// A tab never replaces its own draft's text this way while it may hold words that
    /// are not stored: another tab's save is merged ([`Editor::take_merge`]), and the
    /// callers that do replace it (a restore, a backup) keep a snapshot first.
    pub fn open_draft(&self, id: String, issue: Issue, revision: u64, open_item: Option<usize>) {
        let selection = selection_at(&issue, open_item);
        self.history.set_value(History::default());
        self.draft_id.set(id);
        self.revision.set_value(revision);
        self.base.set_value(issue.clone());
        self.prior_base.set_value(issue.clone());
        self.merged_parts.set(Vec::new());
        self.selection.set(selection);
        self.tally.set(Tally::of(&issue));
        self.issue.set(issue);
        self.conflict.set(None);
        if self.save.get_untracked() != SaveState::Unavailable {
            self.save.set(SaveState::Saved);
        }
        self.change.update(|(n, s)| {
            *n += 1;
            *s = Scope::Structure;
        });
        self.can_undo.set(false);
        self.can_redo.set(false);
    }

    /// Notes a save of this tab's issue as `revision`: the saved issue becomes the base.
    pub fn saved(&self, revision: u64) {
        self.revision.set_value(revision);
        let saved = self.issue.with_untracked(Issue::clone);
        let previous = self.base.try_update_value(|base| std::mem::replace(base, saved));
        if let Some(previous) = previous {
            self.prior_base.set_value(previous);
        }
    }

    /// Shows the result of merging another tab's save (`theirs`, stored as `revision`)
    /// with this tab's issue. `theirs` becomes the base. Everything that shows the issue
    /// is brought up to date: the form, the outline, the preview, the counts. The undo
    /// history starts afresh when the merge changed this tab's text (an undo step from
    /// before could put back a whole issue without the other tab's words).
    pub fn take_merge(&self, merged: Merged, theirs: Issue, revision: u64) {
        let Merged { issue, conflicts } = merged;
        let unsaved = issue != theirs;
        let changed = self.issue.with_untracked(|ours| *ours != issue);
        self.revision.set_value(revision);
        self.prior_base.set_value(theirs.clone());
        self.base.set_value(theirs);
        self.conflict.set(None);
        if changed {
            let selection = self.selection.get_untracked();
            let still_there = match selection {
                Selection::Item(id) => issue.item(id).is_some(),
                Selection::Heading(id) => issue
                    .sections
                    .iter()
                    .any(|s| s.id == id || s.columns.iter().any(|c| c.id == id)),
                _ => true,
            };
            if !still_there {
                let position = self.open_item_position();
                self.selection.set(selection_at(&issue, position));
            }
            self.history.set_value(History::default());
            self.tally.set(Tally::of(&issue));
            self.issue.set(issue);
            self.change.update(|(n, s)| {
                *n += 1;
                *s = Scope::Structure;
            });
            self.can_undo.set(false);
            self.can_redo.set(false);
        }
        if !conflicts.is_empty() {
            self.merged_parts.update(|parts| {
                for part in conflicts {
                    if !parts.contains(&part) {
                        parts.push(part);
                    }
                }
            });
        }
        match self.save.get_untracked() {
            SaveState::Unavailable => {}
            // The merged text differs from what is stored: it is saved like a change.
            _ if unsaved => {
                self.save.set(SaveState::Saved);
                crate::ui::autosave::schedule(*self);
            }
            _ => self.save.set(SaveState::Saved),
        }
    }

    /// The open item's position in print order, for reopening the same place.
    pub fn open_item_position(&self) -> Option<usize> {
        match self.selection.get_untracked() {
            Selection::Item(id) => self
                .issue
                .with_untracked(|issue| issue.items().position(|(_, item)| item.id == id)),
            _ => None,
        }
    }

    /// The one way the issue changes: records history, applies the edit, tells the
    /// preview what to re-render and schedules the autosave. Returns whether the issue
    /// changed (an edit that changes nothing leaves no trace).
    pub fn dispatch(&self, edit: Edit) {
        self.dispatch_changed(edit);
    }

    /// [`Editor::dispatch`], telling whether the issue changed.
    ///
    /// Nothing here grows with the issue when typing: the history keeps the edited item
    /// (only the first keystroke of a burst), `apply` itself tells a no-op, the tally
    /// recounts one item and the preview patches one item.
    pub fn dispatch_changed(&self, edit: Edit) -> bool {
        let now = js_sys::Date::now();
        let pending = self
            .history
            .with_value(|h| self.issue.with_untracked(|issue| h.prepare(issue, &edit, now)));
        // The issue is changed in place without notifying, so that an edit that changes
        // nothing (a move to where the item already is) wakes nothing and leaves no step.
        let scope = self.issue.try_update_untracked(|issue| apply(issue, edit));
        let Some(scope) = scope.filter(|s| *s != Scope::Nothing) else {
            return false;
        };
        self.history.update_value(|h| h.commit(pending));
        self.issue.notify();
        self.after_change(scope);
        true
    }

    fn after_change(&self, scope: Scope) {
        match scope {
            Scope::Nothing | Scope::Masthead | Scope::Footer => {}
            Scope::Item(id) | Scope::Title(id) | Scope::WholeItem(id) => self.issue.with_untracked(|issue| {
                if let Some(item) = issue.item(id) {
                    self.tally.update(|t| t.update(item));
                }
            }),
            Scope::Structure => self.tally.set(self.issue.with_untracked(Tally::of)),
        }
        if scope != Scope::Nothing {
            self.change.update(|(n, s)| {
                *n += 1;
                *s = scope;
            });
        }
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
        crate::ui::autosave::schedule(*self);
    }

    /// Undo one step.
    pub fn undo(&self) {
        self.step(History::undo);
    }

    /// Redo one step.
    pub fn redo(&self) {
        self.step(History::redo);
    }

    /// Takes one step through the history, in place: undoing typing re-renders one item.
    fn step(&self, walk: fn(&mut History, &mut Issue) -> Option<Scope>) {
        let scope = self
            .history
            .try_update_value(|h| self.issue.try_update_untracked(|issue| walk(h, issue)).flatten())
            .flatten();
        let Some(scope) = scope else { return };
        let selection_exists = self.issue.with_untracked(|issue| match self.selection.get_untracked() {
            Selection::Item(id) => issue.item(id).is_some(),
            Selection::Heading(id) => issue
                .sections
                .iter()
                .any(|s| s.id == id || s.columns.iter().any(|c| c.id == id)),
            _ => true,
        });
        if !selection_exists {
            self.selection.set(Selection::Masthead);
        }
        self.issue.notify();
        self.after_change(scope);
    }

    /// A fresh id for a new item, section or column.
    pub fn fresh_id(&self) -> Id {
        self.issue.with_untracked(Issue::next_id)
    }

    /// A word in the current language, untracked (for event handlers).
    pub fn t_untracked(&self, key: crate::ui::i18n::Key) -> &'static str {
        crate::ui::i18n::t(self.lang.get_untracked(), key)
    }

    /// The current language, tracked.
    pub fn t(&self, key: crate::ui::i18n::Key) -> &'static str {
        crate::ui::i18n::t(self.lang.get(), key)
    }
}

/// The item at a position in print order, else the first item, else the masthead.
fn selection_at(issue: &Issue, open_item: Option<usize>) -> Selection {
    open_item
        .and_then(|n| issue.items().nth(n).map(|(_, item)| Selection::Item(item.id)))
        .or_else(|| issue.items().next().map(|(_, item)| Selection::Item(item.id)))
        .unwrap_or(Selection::Masthead)
}

/// The editor from context.
pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}
