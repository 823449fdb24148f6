//! The Word submissions dialog (Word 来稿): what one or many Word files held, before it
//! goes into the issue.
//!
//! Each submission read by the reader's worker ([`crate::ui::word`]) is cleaned and
//! detected from the text as read, exactly as the paste dialog treats a paste, by the
//! same paste worker (`ui::ondemand::PASTE`), so that the cleanup and the archive's index
//! stay out of the first load: its title, sources and a short look at its body, the
//! cleanup rules that changed it (each can be switched off for that submission, which asks
//! the worker again), the reader's warnings, and a warning when it nearly repeats an item
//! of the issue or another submission of the batch ([`near_duplicates`], on the page) or
//! an item already published (the worker's answer, after the published issues are sent to
//! it when the dialog opens). A row says 正在整理… until its answer comes, and the add
//! button waits for every answer. When the worker cannot be used, the row says so and the
//! submission is added as read, not cleaned: no text is lost. The editor chooses the
//! section (放入栏目, by default where the paste dialog would put a paste), unticks what
//! should not be added, and adds the rest as items there, in the order read. Closing the
//! dialog adds nothing.

use crate::core::edit::Edit;
use crate::core::ingest::batch::{near_duplicates, Near};
use crate::core::ondemand::paste::{Analysis, Analyze, Answer, Request};
use crate::core::{Item, Place, Status};
use crate::store::published;
use crate::ui::i18n::Key;
use crate::ui::ondemand::ask_paste;
use crate::ui::paste::default_place;
use crate::ui::places::{place_of, places};
use crate::ui::state::{use_editor, Selection};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many characters of a submission's body the dialog shows.
const GLIMPSE: usize = 80;

/// The next submission's serial number.
static SERIAL: AtomicU64 = AtomicU64::new(0);

/// One submission read from a Word file.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// The file's name.
    pub name: String,
    /// The text as the reader read it, before cleanup (footnotes at the end).
    pub text: String,
    /// The reader's warnings (what it left out), in Chinese.
    pub warnings: Vec<String>,
    /// The cleanup rules the editor switched off for this submission, by name.
    pub disabled: Vec<String>,
    /// Whether it is to be added.
    pub keep: bool,
    /// Which submission this is, so that an answer finds its row.
    serial: u64,
    /// The rules switched off when the worker was last asked; None before the first ask.
    asked: Option<Vec<String>>,
    /// How many of the worker's answers are still on their way.
    waiting: u32,
    /// The worker's latest answer.
    analysis: Option<Analysis>,
    /// Why the worker could not answer (the submission is then added as read).
    failure: Option<String>,
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
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            asked: None,
            waiting: 0,
            analysis: None,
            failure: None,
        }
    }

    /// The body checked for near-duplicates: the cleaned one, the text as read when the
    /// worker failed, nothing while the answer is awaited.
    fn body(&self) -> &str {
        match (&self.analysis, &self.failure) {
            (Some(analysis), _) => &analysis.body,
            (None, Some(_)) => &self.text,
            (None, None) => "",
        }
    }

    /// The item it becomes (id 0, status 收稿): the worker's analysis, or the text as read
    /// when there is none.
    fn to_item(&self) -> Item {
        let (title, body, sources) = match &self.analysis {
            Some(a) => (a.title.clone(), a.body.clone(), a.sources.clone()),
            None => (String::new(), self.text.clone(), Vec::new()),
        };
        Item {
            id: 0,
            title,
            body,
            sources,
            status: Status::Received,
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

/// Asks the paste worker about every submission whose rules changed since it was last
/// asked (or that was never asked), sending the published issues first at each opening.
fn ask_due(inbox: Inbox, published_sent: StoredValue<bool>) {
    let due: Vec<(u64, Analyze)> = inbox.received.with_untracked(|list| {
        list.iter()
            .filter(|r| r.asked.as_ref() != Some(&r.disabled))
            .map(|r| {
                let ask = Analyze {
                    text: r.text.clone(),
                    disabled: r.disabled.clone(),
                    every_rule_off: false,
                    similar: true,
                };
                (r.serial, ask)
            })
            .collect()
    });
    if due.is_empty() {
        return;
    }
    // Requests are answered in the order sent: the published issues are in the worker
    // before the first question about them.
    if !published_sent.get_value() {
        published_sent.set_value(true);
        let issues: Vec<String> = published::all()
            .0
            .into_iter()
            .map(|(_, record)| record.markdown)
            .collect();
        leptos::task::spawn_local(async move {
            let _ = ask_paste(&Request::Published(issues)).await;
        });
    }
    inbox.received.update(|list| {
        for r in list
            .iter_mut()
            .filter(|r| due.iter().any(|(serial, _)| *serial == r.serial))
        {
            r.asked = Some(r.disabled.clone());
            r.waiting += 1;
        }
    });
    for (serial, ask) in due {
        leptos::task::spawn_local(async move {
            let answer = ask_paste(&Request::Analyze(ask)).await;
            inbox.received.update(|list| {
                let Some(r) = list.iter_mut().find(|r| r.serial == serial) else {
                    return;
                };
                r.waiting = r.waiting.saturating_sub(1);
                // Answers come in the order asked: the last one is for the rules as they are.
                match answer {
                    Ok(Answer::Analysis(found)) => {
                        r.analysis = Some(found);
                        r.failure = None;
                    }
                    Ok(_) => {}
                    Err(why) => {
                        r.analysis = None;
                        r.failure = Some(why);
                    }
                }
            });
        });
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
    // Whether the published issues went to the worker since the dialog opened (an issue
    // published since the last opening is then seen), and whether the add button is to
    // take the focus once it can be used.
    let published_sent = StoredValue::new(false);
    let focus_due = StoredValue::new(false);
    // A submission not yet asked about counts as awaited too.
    let pending = Memo::new(move |_| {
        inbox
            .received
            .with(|list| list.iter().any(|r| r.waiting > 0 || r.asked.is_none()))
    });
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            place.set(default_place(editor));
            focus_due.set_value(true);
        }
        if !now {
            published_sent.set_value(false);
        }
        now
    });
    // Each submission added, and each change of its rules, asks the worker.
    Effect::new(move |_| {
        inbox.received.track();
        if open.get_untracked() {
            ask_due(inbox, published_sent);
        }
    });
    // The add button takes the focus once every answer came (it is disabled before).
    Effect::new(move |_| {
        if open.get() && !pending.get() && focus_due.get_value() {
            focus_due.set_value(false);
            request_animation_frame(move || {
                let button = document()
                    .query_selector("[data-testid='inbox-confirm']")
                    .ok()
                    .flatten()
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlButtonElement>(el).ok());
                match button {
                    // More submissions came meanwhile: the next time every answer is in.
                    Some(button) if button.disabled() => focus_due.set_value(true),
                    Some(button) => {
                        let _ = button.focus();
                    }
                    None => {}
                }
            });
        }
    });
    let flags = Memo::new(move |_| {
        inbox.received.with(|list| {
            let bodies: Vec<&str> = list.iter().map(Received::body).collect();
            editor.issue.with(|issue| near_duplicates(&bodies, issue))
        })
    });
    let chosen = Memo::new(move |_| inbox.received.with(|list| list.iter().filter(|r| r.keep).count()));

    let close = move || {
        inbox.received.set(Vec::new());
    };
    let cancel = move || {
        close();
        editor.notice.set(Some(editor.t(Key::InboxCancelled).to_string()));
    };
    let confirm = move |_| {
        if pending.get_untracked() {
            return;
        }
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
        let unclean = editor.t(Key::InboxAddedUnclean);
        let (chosen, notes): (Vec<Item>, Vec<String>) = inbox.received.with_untracked(|list| {
            let kept = || list.iter().filter(|r| r.keep);
            let chosen = kept().map(Received::to_item).collect();
            let notes = kept()
                .flat_map(|r| {
                    let as_read = r.analysis.is_none().then_some(unclean);
                    r.warnings
                        .iter()
                        .map(String::as_str)
                        .chain(as_read)
                        .map(move |w| format!("{}：{w}", r.name))
                })
                .collect();
            (chosen, notes)
        });
        let mut added = 0;
        let mut last = None;
        for mut item in chosen {
            let id = editor.fresh_id();
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
        let (name, warnings) = inbox.received.with_untracked(|list| {
            list.get(at)
                .map(|r| (r.name.clone(), r.warnings.clone()))
                .unwrap_or_default()
        });
        let analysis = Memo::new(move |_| {
            inbox
                .received
                .with(|list| list.get(at).and_then(|r| r.analysis.clone()))
        });
        let failure = Memo::new(move |_| inbox.received.with(|list| list.get(at).and_then(|r| r.failure.clone())));
        // The rules that fire with every rule on: every answer names the same ones.
        let fired = Memo::new(move |_| analysis.with(|a| a.as_ref().map(|a| a.fired.clone()).unwrap_or_default()));
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
        let rules = move || {
            fired
                .get()
                .into_iter()
                .map(|rule| {
                    let name = rule.name;
                    let label = rule.label;
                    let on = {
                        let name = name.clone();
                        move || {
                            inbox
                                .received
                                .with(|list| list.get(at).is_some_and(|r| !r.disabled.contains(&name)))
                        }
                    };
                    let toggle = {
                        let name = name.clone();
                        move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            inbox.received.update(|list| {
                                if let Some(r) = list.get_mut(at) {
                                    r.disabled.retain(|n| *n != name);
                                    if !on {
                                        r.disabled.push(name.clone());
                                    }
                                }
                            });
                        }
                    };
                    view! {
                        <li><label><input type="checkbox" data-testid="inbox-rule" data-rule=name
                            prop:checked=on on:change=toggle />" " {label}</label></li>
                    }
                    .into_any()
                })
                .collect_view()
        };
        let warnings = (!warnings.is_empty()).then(|| {
            view! { <p class="inbox-warnings" data-testid="inbox-warnings">{warnings.join("；")}</p> }
        });
        let batch_title = move |other: usize| {
            inbox.received.with(|list| {
                list.get(other)
                    .and_then(|r| r.analysis.as_ref().map(|a| a.title.clone()))
                    .unwrap_or_default()
            })
        };
        let title = move || match (analysis.get(), failure.with(Option::is_some)) {
            (Some(a), _) if !a.title.is_empty() => a.title,
            (None, false) => editor.t(Key::InboxAnalyzing).to_string(),
            _ => editor.t(Key::Untitled).to_string(),
        };
        let body = move || {
            analysis.with(|a| match a {
                Some(a) => glimpse(&a.body),
                None => inbox
                    .received
                    .with(|list| list.get(at).map(|r| glimpse(&r.text)).unwrap_or_default()),
            })
        };
        let sources = move || analysis.with(|a| a.as_ref().map(|a| a.sources.join("、")).unwrap_or_default());
        // The worker's message ends with advice for the paste dialog, which does not fit
        // here: the dialog's own sentence says what happens instead.
        let failure_text = move || {
            failure.get().map(|why| {
                let advice = editor.t(Key::PasteAdvice);
                let why = why.strip_suffix(advice).unwrap_or(&why).to_string();
                view! {
                    <p class="banner banner-warning" role="alert" data-testid="inbox-failure">
                        {move || editor.t(Key::InboxUnclean)} {why}</p>
                }
            })
        };
        let title_id = format!("inbox-title-{at}");
        view! {
            <li class="inbox-row" data-testid="inbox-row">
                <p class="inbox-head">
                    <label><input type="checkbox" data-testid="inbox-keep" aria-describedby=title_id.clone()
                        prop:checked=keep on:change=toggle_keep />
                        " " {move || editor.t(Key::InboxKeep)}</label>
                    " " <strong id=title_id data-testid="inbox-title">{title}</strong>
                    " " <span class="inbox-file" data-testid="inbox-file">{name}</span></p>
                <p class="inbox-body" data-testid="inbox-body">{body}</p>
                <p class="paste-sources">{move || editor.t(Key::ItemSources)} "："
                    <span data-testid="inbox-sources">{sources}</span></p>
                {move || (!fired.with(Vec::is_empty)).then(|| view! {
                    <fieldset class="paste-rules">
                        <legend>{move || editor.t(Key::PasteRules)}</legend>
                        <ul>{rules}</ul>
                    </fieldset>
                })}
                {warnings}
                {failure_text}
                {move || {
                    let Near { in_issue, in_batch } = flag();
                    let published = analysis.with(|a| a.as_ref().and_then(|a| a.published_like.clone()));
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
                                {move || editor.t(Key::PublishedDuplicate)} {found}</p>
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
                        <button type="button" data-testid="inbox-confirm" on:click=confirm
                            prop:disabled=move || chosen.get() == 0 || pending.get()>
                            {move || editor.t(Key::InboxConfirm)} " (" {move || chosen.get()} ")"</button>
                        <button type="button" data-testid="inbox-cancel" on:click=move |_| cancel()>{move || editor.t(Key::Close)}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
