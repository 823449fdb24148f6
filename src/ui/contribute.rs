//! The contributor page (`#/contribute`): one item's form and its live preview, for
//! someone who sends a submission to the bulletin's editor.
//!
//! The form holds the title, the body, the sources, the contributor's name and a date.
//! The page keeps it in localStorage under its own key, `jianbao:contribution` (through the storage edge), as the very
//! submission file it offers ([`to_file`]), and says so plainly when that fails. The
//! download saves `投稿-<title>.md`; the copy button puts the same text on the clipboard.
//! The editor reads that file back through its import or its paste dialog.

use crate::core::ingest::submission::{parse, to_file};
use crate::core::ingest::Contribution;
use crate::core::ondemand::paste::{Analysis, Analyze, Answer, Request};
use crate::core::render::render_item;
use crate::core::{Item, Status};
use crate::store::local::{self, CONTRIBUTION_KEY};
use crate::ui::files;
use crate::ui::i18n::{t, Key, Lang};
use crate::ui::ondemand::ask_paste;
use leptos::prelude::*;

/// The page's route, after `#`.
pub const ROUTE: &str = "#/contribute";

/// The contribution kept from an earlier visit, if any.
fn load() -> Option<Contribution> {
    parse(&local::get(CONTRIBUTION_KEY).ok().flatten()?)
}

/// Keeps the contribution; false when the browser refused.
fn store(contribution: &Contribution) -> bool {
    local::set(CONTRIBUTION_KEY, &to_file(contribution)).is_ok()
}

/// The contributor page.
#[component]
pub fn ContributePage() -> impl IntoView {
    let lang = match crate::store::local::load_lang().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let tr = move |key: Key| t(lang, key);
    let contribution = RwSignal::new(load().unwrap_or_else(|| Contribution {
        date: crate::ui::today().to_iso(),
        ..Contribution::default()
    }));
    let not_saved = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);

    // Every change is kept at once: the text is small.
    Effect::new(move |_| {
        let ok = contribution.with(store);
        not_saved.set(!ok);
    });

    // The preview shows the item as typed; the cleanup runs only when asked for. Both
    // are the paste worker's (ui::ondemand), loaded with the page's first preview.
    let shown: RwSignal<Item> = RwSignal::new(Item::default());
    Effect::new(move |_| {
        let ask = Analyze {
            text: contribution.with(to_file),
            every_rule_off: true,
            ..Analyze::default()
        };
        leptos::task::spawn_local(async move {
            match ask_paste(&Request::Analyze(ask)).await {
                Ok(Answer::Analysis(found)) => shown.set(item_of(found)),
                Ok(_) => {}
                Err(why) => message.set(Some(why)),
            }
        });
    });
    let preview_html = move || {
        let mut html = String::new();
        shown.with(|item| render_item(item, &mut html));
        html
    };
    let tidy = move |_| {
        let ask = Analyze {
            text: contribution.with_untracked(to_file),
            ..Analyze::default()
        };
        leptos::task::spawn_local(async move {
            let submission = match ask_paste(&Request::Analyze(ask)).await {
                Ok(Answer::Analysis(found)) => found,
                Ok(_) => return,
                Err(why) => return message.set(Some(why)),
            };
            let labels: Vec<&str> = submission.fired.iter().map(|f| f.label.as_str()).collect();
            message.set(Some(if labels.is_empty() {
                tr(Key::NothingToTidy).to_string()
            } else {
                format!("{}：{}", tr(Key::PasteRules), labels.join("、"))
            }));
            contribution.update(|c| {
                c.title = submission.title.clone();
                c.body = submission.body.clone();
                c.sources = submission.sources.join("、");
            });
        });
    };
    let download = move |_| {
        let (name, text) = contribution.with_untracked(|c| (c.file_name(), to_file(c)));
        if let Err(why) = files::download(&name, "text/markdown;charset=utf-8", &text) {
            message.set(Some(why));
        }
    };
    let copy = move |_| {
        let text = contribution.with_untracked(to_file);
        message.set(Some(match crate::ui::files::copy_text(&text) {
            Ok(()) => tr(Key::Copied).to_string(),
            Err(_) => tr(Key::CopyFailed).to_string(),
        }));
    };

    // One text field bound to one part of the contribution.
    let field = move |get: fn(&Contribution) -> String, set: fn(&mut Contribution, String)| {
        (
            move || contribution.with(get),
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                contribution.update(|c| set(c, value));
            },
        )
    };
    let (title, set_title) = field(|c| c.title.clone(), |c, v| c.title = v);
    let (body, set_body) = field(|c| c.body.clone(), |c, v| c.body = v);
    let (sources, set_sources) = field(|c| c.sources.clone(), |c, v| c.sources = v);
    let (contributor, set_contributor) = field(|c| c.contributor.clone(), |c, v| c.contributor = v);
    let (date, set_date) = field(|c| c.date.clone(), |c, v| c.date = v);

    view! {
        <div class="contribute">
            <header class="toolbar no-print">
                <h1 class="app-name">{tr(Key::ContributeTitle)}</h1>
            </header>
            <Show when=move || not_saved.get()>
                <div class="banner banner-warning" role="alert" data-testid="contribute-not-saved">{tr(Key::ContributeNotSaved)}</div>
            </Show>
            {move || message.get().map(|text| view! { <div class="banner" role="status" data-testid="contribute-message">{text}</div> })}
            <main class="contribute-panes">
                <form class="contribute-form" on:submit=move |ev| ev.prevent_default()>
                    <p class="hint">{tr(Key::ContributeHint)}</p>
                    <label>{tr(Key::ItemTitle)}
                        <input type="text" data-testid="contribute-title" prop:value=title on:input=set_title /></label>
                    <label>{tr(Key::ItemBody)}
                        <textarea rows="14" data-testid="contribute-body" prop:value=body on:input=set_body></textarea></label>
                    <label>{tr(Key::ItemSources)}
                        <input type="text" data-testid="contribute-sources" placeholder=tr(Key::SourcesHint)
                            prop:value=sources on:input=set_sources /></label>
                    <label>{tr(Key::Contributor)}
                        <input type="text" data-testid="contribute-contributor" autocomplete="name"
                            prop:value=contributor on:input=set_contributor /></label>
                    <label>{tr(Key::Date)}
                        <input type="date" data-testid="contribute-date" prop:value=date on:input=set_date /></label>
                    <div class="button-row">
                        <button type="button" data-testid="contribute-clean" on:click=tidy>{tr(Key::CleanUp)}</button>
                        <button type="button" data-testid="contribute-download" on:click=download>{tr(Key::DownloadSubmission)}</button>
                        <button type="button" data-testid="contribute-copy" on:click=copy>{tr(Key::CopySubmission)}</button>
                    </div>
                </form>
                <section class="contribute-preview preview-pane" aria-labelledby="contribute-preview-title">
                    <h2 id="contribute-preview-title">{tr(Key::Preview)}</h2>
                    <div class="bulletin" data-testid="contribute-preview" inner_html=preview_html></div>
                </section>
            </main>
        </div>
    }
}

/// The worker's analysis as the item the preview shows.
fn item_of(analysis: Analysis) -> Item {
    Item {
        id: 0,
        title: analysis.title,
        body: analysis.body,
        sources: analysis.sources,
        status: Status::Received,
    }
}
