//! The Word submissions dialog (Word 来稿): what one or many Word files held, before it
//! goes into the issue.
//!
//! Each submission read by the reader's worker ([`crate::ui::word`]) is cleaned and
//! detected here from the text as read, exactly as the paste dialog treats a paste: its
//! title, sources and a short look at its body, the cleanup rules that changed it (each
//! can be switched off for that submission), the reader's warnings, and a warning when it
//! nearly repeats an item of the issue, another submission of the batch or an item
//! already published ([`duplicates`]). The editor chooses the section (放入栏目, by
//! default where the paste dialog would put a paste), unticks what should not be added,
//! and adds the rest as items there, in the order read. Closing the dialog adds nothing.

use crate::core::archive::SearchIndex;
use crate::core::edit::Edit;
use crate::core::ingest::batch::{duplicates, Duplicates};
use crate::core::ingest::{detect_with, rule, to_item, Submission};
use crate::core::Place;
use crate::store::published;
use crate::ui::i18n::Key;
use crate::ui::paste::{default_place, place_of, places};
use crate::ui::state::{use_editor, Selection};
use leptos::prelude::*;

/// How many characters of a submission's body the dialog shows.
const GLIMPSE: usize = 80;

/// One submission read from a Word file.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// The file's name.
    pub name: String,
    /// The text as the reader read it, before cleanup (footnotes at the end).
    pub text: String,
    /// The reader's warnings (what it left out), in Chinese.
    pub warnings: Vec<String>,
    /// The cleanup rules the editor switched off for this submission.
    pub disabled: Vec<&'static str>,
    /// Whether it is to be added.
    pub keep: bool,
}

impl Received {
    /// A submission as the reader's worker answered for it. The reader's last warning
    /// names the cleanup rules that fired (`已整理：…`); the dialog shows those itself.
    pub fn new(name: String, text: String, warnings: Vec<String>) -> Received {
        Received {
            name,
            text,
            warnings: warnings.into_iter().filter(|w| !w.starts_with("已整理：")).collect(),
            disabled: Vec::new(),
            keep: true,
        }
    }
}

/// The submissions waiting in the dialog; the dialog is open while there are any.
#[derive(Clone, Copy)]
pub struct Inbox {
    /// The submissions, in the order read.
    pub received: RwSignal<Vec<Received>>,
}

impl Inbox {
    /// Makes the state and provides it through context.
    pub fn provide() -> Inbox {
        let inbox = Inbox {
            received: RwSignal::new(Vec::new()),
        };
        provide_context(inbox);
        inbox
    }

    /// Adds submissions to the dialog (after those already waiting) and opens it.
    pub fn add(&self, more: Vec<Received>) {
        if !more.is_empty() {
            self.received.update(|list| list.extend(more));
        }
    }
}

/// The inbox from context.
pub fn use_inbox() -> Inbox {
    expect_context::<Inbox>()
}

/// A submission detected with every rule (the rules that fire, one checkbox each), and
/// with the rules the editor switched off left out.
fn detect_both(received: &Received) -> (Vec<&'static str>, Submission) {
    let all = detect_with(&received.text, &[]);
    let fired = all.fired.clone();
    if received.disabled.is_empty() {
        (fired, all)
    } else {
        (fired, detect_with(&received.text, &received.disabled))
    }
}

/// The start of a body, on one line.
fn glimpse(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = line.chars().take(GLIMPSE).collect();
    if line.chars().nth(GLIMPSE).is_some() {
        out.push('…');
    }
    out
}

/// The dialog.
#[component]
pub fn InboxDialog() -> impl IntoView {
    let editor = use_editor();
    let inbox = use_inbox();
    let place = RwSignal::new(String::new());
    let open = Memo::new(move |_| inbox.received.with(|list| !list.is_empty()));
    let count = Memo::new(move |_| inbox.received.with(Vec::len));
    // The archive's index is made when first needed and forgotten when the dialog closes,
    // so that an issue published since the last opening is seen.
    let archive_index: StoredValue<Option<SearchIndex>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            place.set(default_place(editor));
            request_animation_frame(|| {
                if let Some(button) = document()
                    .query_selector("[data-testid='inbox-confirm']")
                    .ok()
                    .flatten()
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                {
                    let _ = button.focus();
                }
            });
        }
        now
    });
    let detected = Memo::new(move |_| {
        inbox
            .received
            .with(|list| list.iter().map(detect_both).collect::<Vec<_>>())
    });
    let flags = Memo::new(move |_| {
        let submissions: Vec<Submission> = detected.with(|d| d.iter().map(|(_, s)| s.clone()).collect());
        if submissions.is_empty() {
            return Vec::new();
        }
        archive_index.update_value(|slot| {
            if slot.is_none() {
                let issues: Vec<crate::core::Issue> = published::all()
                    .0
                    .iter()
                    .map(|(_, record)| crate::core::format::import(&record.markdown).0)
                    .collect();
                *slot = Some(SearchIndex::build(&issues));
            }
        });
        editor
            .issue
            .with(|issue| archive_index.with_value(|index| duplicates(&submissions, issue, index.as_ref())))
    });
    let chosen = Memo::new(move |_| inbox.received.with(|list| list.iter().filter(|r| r.keep).count()));

    let close = move || {
        inbox.received.set(Vec::new());
        archive_index.set_value(None);
    };
    let cancel = move || {
        close();
        editor.notice.set(Some(editor.t(Key::InboxCancelled).to_string()));
    };
    let confirm = move |_| {
        let value = place.get_untracked();
        let label = places(editor)
            .into_iter()
            .find(|(v, _)| *v == value)
            .map(|(_, label)| label)
            .unwrap_or_default();
        let mut target = place_of(&value).unwrap_or(Place {
            section: 0,
            column: None,
        });
        // An issue without sections gets one, as a new item would.
        if editor.issue.with_untracked(|issue| issue.sections.is_empty()) {
            let id = editor.fresh_id();
            editor.dispatch(Edit::AddSection(String::new(), id));
            target = Place {
                section: 0,
                column: None,
            };
        }
        let (chosen, notes): (Vec<Submission>, Vec<String>) = inbox.received.with_untracked(|list| {
            detected.with_untracked(|d| {
                let chosen = list
                    .iter()
                    .zip(d)
                    .filter(|(r, _)| r.keep)
                    .map(|(_, (_, s))| s.clone())
                    .collect();
                let notes = list
                    .iter()
                    .filter(|r| r.keep)
                    .flat_map(|r| r.warnings.iter().map(move |w| format!("{}：{w}", r.name)))
                    .collect();
                (chosen, notes)
            })
        });
        let mut added = 0;
        let mut last = None;
        for submission in &chosen {
            let id = editor.fresh_id();
            let mut item = to_item(submission);
            item.id = id;
            editor.dispatch(Edit::InsertItem(target, item));
            if editor.issue.with_untracked(|issue| issue.item(id).is_some()) {
                added += 1;
                last = Some(id);
            }
        }
        if let Some(id) = last {
            editor.selection.set(Selection::Item(id));
        }
        let mut message = format!(
            "{}{label}：{added} {}",
            editor.t(Key::WordItemsAdded),
            editor.t(Key::ItemsUnit)
        );
        if !notes.is_empty() {
            message.push('；');
            message.push_str(&notes.join("；"));
        }
        close();
        editor.notice.set(Some(message));
    };

    let row = move |at: usize| {
        // The rules that fire with every rule on do not change when one is switched off,
        // so the row's checkboxes are drawn once.
        let (name, warnings, fired) = inbox.received.with_untracked(|list| {
            list.get(at)
                .map(|r| (r.name.clone(), r.warnings.clone(), detect_both(r).0))
                .unwrap_or_default()
        });
        let submission = move || detected.with(|d| d.get(at).map(|(_, s)| s.clone()).unwrap_or_default());
        let flag = move || flags.with(|f| f.get(at).cloned().unwrap_or_default());
        let keep = move || inbox.received.with(|list| list.get(at).is_some_and(|r| r.keep));
        let toggle_keep = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            inbox.received.update(|list| {
                if let Some(r) = list.get_mut(at) {
                    r.keep = on;
                }
            });
        };
        let rules = fired
            .into_iter()
            .map(|name| {
                let label = rule(name).map_or(name, |r| r.label);
                let on = move || {
                    inbox
                        .received
                        .with(|list| list.get(at).is_some_and(|r| !r.disabled.contains(&name)))
                };
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    inbox.received.update(|list| {
                        if let Some(r) = list.get_mut(at) {
                            r.disabled.retain(|n| *n != name);
                            if !on {
                                r.disabled.push(name);
                            }
                        }
                    });
                };
                view! {
                    <li><label><input type="checkbox" data-testid="inbox-rule" data-rule=name
                        prop:checked=on on:change=toggle />" " {label}</label></li>
                }
                .into_any()
            })
            .collect_view();
        let warnings = (!warnings.is_empty()).then(|| {
            view! { <p class="inbox-warnings" data-testid="inbox-warnings">{warnings.join("；")}</p> }
        });
        let batch_title =
            move |other: usize| detected.with(|d| d.get(other).map(|(_, s)| s.title.clone()).unwrap_or_default());
        let title_id = format!("inbox-title-{at}");
        view! {
            <li class="inbox-row" data-testid="inbox-row">
                <p class="inbox-head">
                    <label><input type="checkbox" data-testid="inbox-keep" aria-describedby=title_id.clone()
                        prop:checked=keep on:change=toggle_keep />
                        " " {move || editor.t(Key::InboxKeep)}</label>
                    " " <strong id=title_id data-testid="inbox-title">{move || {
                        let title = submission().title;
                        if title.is_empty() { editor.t(Key::Untitled).to_string() } else { title }
                    }}</strong>
                    " " <span class="inbox-file" data-testid="inbox-file">{name}</span></p>
                <p class="inbox-body" data-testid="inbox-body">{move || glimpse(&submission().body)}</p>
                <p class="paste-sources">{move || editor.t(Key::ItemSources)} "："
                    <span data-testid="inbox-sources">{move || submission().sources.join("、")}</span></p>
                {(!rules.is_empty()).then(|| view! {
                    <fieldset class="paste-rules">
                        <legend>{move || editor.t(Key::PasteRules)}</legend>
                        <ul>{rules}</ul>
                    </fieldset>
                })}
                {warnings}
                {move || {
                    let Duplicates { in_issue, in_batch, published } = flag();
                    view! {
                        {in_issue.map(|title| view! {
                            <p class="banner banner-warning" data-testid="inbox-duplicate">
                                {move || editor.t(Key::PasteDuplicate)} "“" {title} "”"</p>
                        })}
                        {in_batch.map(|other| view! {
                            <p class="banner banner-warning" data-testid="inbox-batch-duplicate">
                                {move || editor.t(Key::InboxBatchDuplicate)} "“" {move || batch_title(other)} "”"</p>
                        })}
                        {published.map(|found| view! {
                            <p class="banner banner-warning" data-testid="inbox-published">
                                {move || editor.t(Key::PublishedDuplicate)} {format!("{}“{}”", found.issue_name, found.title)}</p>
                        })}
                    }
                    .into_any()
                }}
            </li>
        }
        .into_any()
    };
    let rows = move || (0..count.get()).map(row).collect_view();
    let options = move || {
        places(editor)
            .into_iter()
            .map(|(value, label)| {
                let selected = value.clone();
                view! { <option value=value.clone() selected=move || place.get() == selected>{label}</option> }
            })
            .collect_view()
    };
    let on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            cancel();
        }
    };

    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div class="modal paste-dialog inbox-dialog" role="dialog" aria-modal="true" aria-labelledby="inbox-heading"
                    aria-describedby="inbox-hint" data-testid="inbox-dialog" on:keydown=on_escape>
                    <h2 id="inbox-heading">{move || editor.t(Key::InboxTitle)} " (" {move || count.get()} ")"</h2>
                    <p class="hint" id="inbox-hint">{move || editor.t(Key::InboxHint)}</p>
                    <ol class="inbox-list">{rows}</ol>
                    <label class="paste-field">{move || editor.t(Key::PasteSection)}
                        <select data-testid="inbox-section" prop:value=move || place.get()
                            on:change=move |ev| place.set(event_target_value(&ev))>{options}</select></label>
                    <div class="button-row">
                        <button type="button" data-testid="inbox-confirm" on:click=confirm prop:disabled=move || chosen.get() == 0>
                            {move || editor.t(Key::InboxConfirm)} " (" {move || chosen.get()} ")"</button>
                        <button type="button" data-testid="inbox-cancel" on:click=move |_| cancel()>{move || editor.t(Key::Close)}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
