//! 发布本期 and the archive dialog: published issues by year with their numbering checked,
//! search across the archive and the drafts, and 供稿统计 with a chart, CSV and a
//! printable page. Every figure and snippet comes from `core::archive`, run in the archive
//! worker (`ui::ondemand::ARCHIVE`, loaded when the dialog first opens): this file gathers
//! the issues from storage, sends them over once per opening, and shows the answers.

use crate::core::archive::stats::Row;
use crate::core::format::{export, import};
use crate::core::ondemand::archive::{Answer, Doc, Request, SearchHit, StatsForm, StatsView};
use crate::core::{Date, Issue};
use crate::store::archive::{read_archive_file, ArchiveEntry};
use crate::store::{local, published};
use crate::ui::drafts::new_draft;
use crate::ui::files;
use crate::ui::i18n::Key;
use crate::ui::ondemand::ask_archive;
use crate::ui::state::{use_editor, Editor};
use leptos::prelude::*;
use std::cell::RefCell;

/// Whether the archive dialog is open, shared by the toolbar button and the dialog.
#[derive(Clone, Copy)]
pub struct ArchiveOpen(pub RwSignal<bool>);

impl ArchiveOpen {
    /// Makes the state and provides it to the components below.
    pub fn provide() -> ArchiveOpen {
        let state = ArchiveOpen(RwSignal::new(false));
        provide_context(state);
        state
    }
}

/// The dialog's three views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Issues,
    Search,
    Stats,
}

/// Publishes the open issue into the archive, after asking.
fn publish_open_issue(editor: Editor) {
    let confirmed = window()
        .confirm_with_message(editor.t(Key::PublishConfirm))
        .unwrap_or(false);
    if !confirmed {
        return;
    }
    let (name, date, markdown) = editor
        .issue
        .with_untracked(|i| (i.masthead.short_name(), i.masthead.date.map(Date::to_iso), export(i)));
    let message = match published::publish(&name, date, markdown, js_sys::Date::now()) {
        Ok(published::Outcome::Published(entry)) => format!("{}{}", editor.t(Key::PublishedNotice), entry.name),
        Ok(published::Outcome::AlreadyThere(entry)) => format!("{}{}", editor.t(Key::AlreadyPublished), entry.name),
        Err(local::StoreError::QuotaExceeded) => editor.t(Key::ArchiveFull).to_string(),
        Err(error) => format!("{}{error:?}", editor.t(Key::ArchiveFailed)),
    };
    editor.notice.set(Some(message));
}

/// The toolbar's two buttons: 发布本期 and 归档与统计.
#[component]
pub fn ArchiveButtons() -> impl IntoView {
    let editor = use_editor();
    let open = expect_context::<ArchiveOpen>();
    view! {
        <button type="button" data-testid="publish" on:click=move |_| publish_open_issue(editor)>{move || editor.t(Key::Publish)}</button>
        <button type="button" data-testid="archive" on:click=move |_| open.0.set(true)>{move || editor.t(Key::Archive)}</button>
    }
}

/// The published issues with their index entries.
type Archived = Vec<(ArchiveEntry, Issue)>;

thread_local! {
    /// The corpus last sent to the archive worker, sent again if the worker was restarted.
    static CORPUS: RefCell<Vec<Doc>> = const { RefCell::new(Vec::new()) };
}

/// Asks the archive worker, giving it the corpus again first when it has none (a fresh
/// worker after a failure). `Err` is a message for the editor.
async fn query(request: Request) -> Result<Answer, String> {
    match ask_archive(&request).await? {
        Answer::NotLoaded => {
            let docs = CORPUS.with(|c| c.borrow().clone());
            ask_archive(&Request::Load(docs)).await?;
            ask_archive(&request).await
        }
        answer => Ok(answer),
    }
}

/// Every published issue, and the drafts, as the worker's corpus (published first);
/// problems go to the notice. The published issues are also read here for the list.
fn gather(editor: Editor) -> (Archived, Vec<Doc>) {
    let (records, problems) = published::all();
    if let Some(problem) = problems.first() {
        editor
            .notice
            .set(Some(format!("{}{}", editor.t(Key::ArchiveProblem), problem.what)));
    }
    let mut docs = Vec::new();
    let archived = records
        .into_iter()
        .map(|(entry, record)| {
            let issue = import(&record.markdown).0;
            docs.push(Doc {
                label: entry.name.clone(),
                markdown: record.markdown,
                published: true,
            });
            (entry, issue)
        })
        .collect();
    let index = local::read_current_index();
    docs.extend(index.live().into_iter().filter_map(|entry| {
        let record = local::load(&entry.id).ok().flatten()?;
        Some(Doc {
            label: format!("{}（{}）", entry.name, editor.t(Key::DraftLabel)),
            markdown: record.markdown,
            published: false,
        })
    }));
    (archived, docs)
}

/// The archive dialog.
#[component]
pub fn ArchiveDialog() -> impl IntoView {
    let editor = use_editor();
    let open = expect_context::<ArchiveOpen>();
    let view_shown = RwSignal::new(View::Issues);
    // The archive as last read; read again each time the dialog opens or changes it.
    let archived: RwSignal<Archived> = RwSignal::new(Vec::new());
    // Counts the corpora the worker has taken: the views ask again when it changes.
    let loaded = RwSignal::new(0u32);
    let reload = move || {
        let (a, docs) = gather(editor);
        archived.set(a);
        CORPUS.with(|c| *c.borrow_mut() = docs.clone());
        leptos::task::spawn_local(async move {
            match ask_archive(&Request::Load(docs)).await {
                Ok(_) => loaded.update(|n| *n += 1),
                Err(why) => editor.notice.set(Some(why)),
            }
        });
    };
    Effect::new(move |_| {
        if open.0.get() {
            reload();
        }
    });
    let close = move || open.0.set(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let tab = move |which: View, key: Key, testid: &'static str| {
        view! {
            <button type="button" role="tab" data-testid=testid aria-selected=move || (view_shown.get() == which).to_string()
                on:click=move |_| view_shown.set(which)>{move || editor.t(key)}</button>
        }
    };
    view! {
        <Show when=move || open.0.get()>
            <div class="modal-backdrop">
                <div class="modal archive-panel" role="dialog" aria-modal="true" aria-labelledby="archive-title"
                    data-testid="archive-panel" on:keydown=on_keydown>
                    <h2 id="archive-title">{move || editor.t(Key::ArchiveTitle)}</h2>
                    <div role="tablist" class="button-row" aria-label=move || editor.t(Key::ArchiveTitle)>
                        {tab(View::Issues, Key::ArchiveIssues, "archive-issues")}
                        {tab(View::Search, Key::ArchiveSearch, "archive-search-tab")}
                        {tab(View::Stats, Key::ArchiveStats, "archive-stats-tab")}
                    </div>
                    {move || match view_shown.get() {
                        View::Issues => view! { <IssuesView archived=archived loaded=loaded reload=reload /> }.into_any(),
                        View::Search => view! { <SearchView loaded=loaded /> }.into_any(),
                        View::Stats => view! { <StatsPanel loaded=loaded /> }.into_any(),
                    }}
                    <button type="button" data-testid="archive-close" on:click=move |_| close()>{move || editor.t(Key::Close)}</button>
                </div>
            </div>
        </Show>
    }
}

/// The published issues by year, newest year first, with their numbering checked.
#[component]
fn IssuesView(
    archived: RwSignal<Archived>,
    loaded: RwSignal<u32>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let editor = use_editor();
    // The numbering notes, asked of the worker each time it takes a corpus.
    let notes_list: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        if loaded.get() == 0 {
            return;
        }
        leptos::task::spawn_local(async move {
            match query(Request::Numbering).await {
                Ok(Answer::Notes(notes)) => notes_list.set(notes),
                Ok(_) => {}
                Err(why) => editor.notice.set(Some(why)),
            }
        });
    });
    let notes = move || {
        notes_list
            .get()
            .into_iter()
            .map(|note| view! { <li>{note}</li> })
            .collect_view()
    };
    let open_copy = move |index: usize| {
        if let Some(issue) = archived.with_untracked(|list| list.get(index).map(|(_, issue)| issue.clone())) {
            new_draft(editor, issue);
            editor.notice.set(Some(editor.t(Key::OpenedCopy).to_string()));
            expect_context::<ArchiveOpen>().0.set(false);
        }
    };
    let export_archive = move |_| match published::export_file(js_sys::Date::now()) {
        Ok(text) => {
            if let Err(why) = files::download("简报归档.json", "application/json", &text) {
                editor.notice.set(Some(why));
            }
        }
        Err(problem) => editor
            .notice
            .set(Some(format!("{}{}", editor.t(Key::ArchiveProblem), problem.what))),
    };
    let import_archive = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match files::read_text(file.unchecked_into()).await {
                Ok(text) => text,
                Err(why) => return editor.notice.set(Some(why)),
            };
            let message = match read_archive_file(&text) {
                Err(problem) => format!("{}{}", editor.t(Key::NotAnArchive), problem.describe()),
                Ok(file) => match published::import_file(file) {
                    Ok((added, already)) => format!(
                        "{}{added}；{}{already}",
                        editor.t(Key::ArchiveImported),
                        editor.t(Key::ArchiveAlready)
                    ),
                    Err(local::StoreError::QuotaExceeded) => editor.t(Key::ArchiveFull).to_string(),
                    Err(error) => format!("{}{error:?}", editor.t(Key::ArchiveFailed)),
                },
            };
            editor.notice.set(Some(message));
            reload();
        });
    };
    // Past issues as files (Markdown, or plain-text bulletins given their structure by the
    // paste worker), several at once or a whole folder: each is published into the archive.
    let import_issues = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length())
            .filter_map(|i| list.get(i))
            .filter(|file| {
                let name = file.name().to_lowercase();
                [".md", ".markdown", ".txt"].iter().any(|ext| name.ends_with(ext))
            })
            .collect();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let message = import_issue_files(editor, picked).await;
            editor.notice.set(Some(message));
            reload();
        });
    };
    let rows = move || {
        archived.with(|list| {
            let mut order: Vec<usize> = (0..list.len()).collect();
            order.sort_by(|&a, &b| {
                let key = |i: usize| {
                    let m = &list[i].1.masthead;
                    (m.year.or(m.date.map(|d| d.year)), m.number)
                };
                key(b).cmp(&key(a))
            });
            order
                .into_iter()
                .map(|i| {
                    let (entry, _) = &list[i];
                    let date = entry.date.clone().unwrap_or_default();
                    view! {
                        <li class="draft-row" data-testid="archived-issue">
                            <span class="draft-name">{entry.name.clone()}</span>
                            <span class="draft-time">{date}</span>
                            <button type="button" on:click=move |_| open_copy(i)>{move || editor.t(Key::OpenCopy)}</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div role="tabpanel" aria-label=move || editor.t(Key::ArchiveIssues)>
            <ul class="numbering-notes" data-testid="numbering-notes">{notes}</ul>
            <p>{move || format!("{}{}", editor.t(Key::ArchiveCount), archived.with(Vec::len))}</p>
            <div class="button-row">
                <button type="button" data-testid="export-archive" on:click=export_archive>{move || editor.t(Key::ExportArchive)}</button>
                <label class="file-button">{move || editor.t(Key::ImportArchive)}
                    <input type="file" accept=".json,application/json" data-testid="import-archive" on:change=import_archive /></label>
                <label class="file-button">{move || editor.t(Key::ImportIssueFiles)}
                    <input type="file" multiple accept=".md,.markdown,.txt,text/markdown,text/plain" data-testid="import-issues" on:change=import_issues /></label>
                <label class="file-button">{move || editor.t(Key::ImportIssueFolder)}
                    <input type="file" multiple prop:webkitdirectory=true data-testid="import-issue-folder" on:change=import_issues /></label>
            </div>
            <ul class="draft-list" aria-label=move || editor.t(Key::ArchiveIssues)>{rows}</ul>
        </div>
    }
}

/// A search answer with the query it answers: the hits, or a message.
type SearchAnswer = (String, Result<Vec<SearchHit>, String>);

/// Publishes each file as an issue of the archive, in the order given; the message says how
/// many were added, how many were there already, and which files could not be read.
async fn import_issue_files(editor: Editor, picked: Vec<web_sys::File>) -> String {
    use crate::core::ondemand::paste;
    let (mut added, mut already, mut problems) = (0, 0, Vec::new());
    for file in picked {
        let name = file.name();
        let text = match files::read_text(file).await {
            Ok(text) => text,
            Err(why) => {
                problems.push(format!("{name}：{why}"));
                continue;
            }
        };
        let lower = name.to_lowercase();
        let issue = if lower.ends_with(".md") || lower.ends_with(".markdown") {
            import(&text).0
        } else {
            match crate::ui::ondemand::ask_paste(&paste::Request::Bulletin(text)).await {
                Ok(paste::Answer::Bulletin(bulletin)) => import(&bulletin.markdown).0,
                Ok(_) => continue,
                Err(why) => {
                    problems.push(format!("{name}：{why}"));
                    continue;
                }
            }
        };
        let (short, date) = (issue.masthead.short_name(), issue.masthead.date.map(Date::to_iso));
        match published::publish(&short, date, export(&issue), js_sys::Date::now()) {
            Ok(published::Outcome::Published(_)) => added += 1,
            Ok(published::Outcome::AlreadyThere(_)) => already += 1,
            Err(local::StoreError::QuotaExceeded) => {
                problems.push(editor.t(Key::ArchiveFull).to_string());
                break;
            }
            Err(error) => problems.push(format!("{name}：{error:?}")),
        }
    }
    let mut message = format!(
        "{}{added}；{}{already}",
        editor.t(Key::ArchiveImported),
        editor.t(Key::ArchiveAlready)
    );
    if !problems.is_empty() {
        message.push_str(&format!("；{}", problems.join("；")));
    }
    message
}

/// Search across the archive and the drafts, in the archive worker.
#[component]
fn SearchView(loaded: RwSignal<u32>) -> impl IntoView {
    let editor = use_editor();
    let query_text = RwSignal::new(String::new());
    // The last answer, with the query it answers: hits, or a message.
    let answer: RwSignal<Option<SearchAnswer>> = RwSignal::new(None);
    Effect::new(move |_| {
        let q = query_text.get();
        if loaded.get() == 0 || q.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match query(Request::Search {
                query: q.clone(),
                limit: 50,
            })
            .await
            {
                Ok(Answer::Hits(hits)) => Ok(hits),
                Ok(_) => Ok(Vec::new()),
                Err(why) => Err(why),
            };
            // Answers come in the order asked: the last one is for the last query typed.
            answer.set(Some((q, result)));
        });
    });
    let results = move || {
        let q = query_text.get();
        if q.trim().is_empty() {
            return view! { <p>{editor.t(Key::SearchHint)}</p> }.into_any();
        }
        let Some((asked, result)) = answer.get() else {
            return ().into_any();
        };
        let hits = match result {
            Ok(hits) => hits,
            Err(why) => return view! { <p class="banner banner-warning" role="alert">{why}</p> }.into_any(),
        };
        if hits.is_empty() {
            return view! { <p role="status">{format!("{}“{asked}”", editor.t(Key::NothingFound))}</p> }.into_any();
        }
        let count = hits.len();
        let items = hits
            .into_iter()
            .map(|hit| {
                let kind = if hit.published {
                    editor.t(Key::PublishedLabel)
                } else {
                    ""
                };
                let snippet = hit
                    .snippet
                    .into_iter()
                    .map(|piece| {
                        let text = piece.text;
                        if piece.hit {
                            view! { <mark>{text}</mark> }.into_any()
                        } else {
                            text.into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <li class="search-hit" data-testid="search-hit">
                        <p class="search-where">{hit.label} {kind} " · " {hit.section}</p>
                        <p class="search-title"><strong>{hit.title}</strong></p>
                        <p class="search-snippet">{snippet}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p role="status">{format!("{}{count}", editor.t(Key::FoundCount))}</p>
            <ol class="search-results">{items}</ol>
        }
        .into_any()
    };
    view! {
        <div role="tabpanel" aria-label=move || editor.t(Key::ArchiveSearch)>
            <label class="field">{move || editor.t(Key::SearchLabel)}
                <input type="search" data-testid="archive-search" prop:value=move || query_text.get()
                    on:input=move |ev| query_text.set(event_target_value(&ev)) /></label>
            {results}
        </div>
    }
}

/// 供稿统计 over the published issues.
#[component]
fn StatsPanel(loaded: RwSignal<u32>) -> impl IntoView {
    let editor = use_editor();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let table = RwSignal::new("units".to_string());
    let aliases_text = RwSignal::new(published::aliases());
    // Sorting of the shown table: by which column (0 name, 1 count) and which way.
    let sort = RwSignal::new((1usize, true));
    let heading = move || {
        let range = match (from.get().trim().to_string(), to.get().trim().to_string()) {
            (f, t) if f.is_empty() && t.is_empty() => String::new(),
            (f, t) => format!("（{f}至{t}）"),
        };
        format!("供稿统计{range}")
    };
    let form = move || StatsForm {
        from: from.get(),
        to: to.get(),
        section: section.get(),
        period: period.get(),
        aliases: aliases_text.get(),
        table: table.get(),
        heading: heading(),
    };
    // The figures for the form as it is, from the worker; each change asks again.
    let report: RwSignal<StatsView> = RwSignal::new(StatsView::default());
    Effect::new(move |_| {
        let form = form();
        if loaded.get() == 0 {
            return;
        }
        leptos::task::spawn_local(async move {
            match query(Request::Stats(form)).await {
                Ok(Answer::Stats(view)) => report.set(view),
                Ok(_) => {}
                Err(why) => editor.notice.set(Some(why)),
            }
        });
    });
    let save_aliases = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        aliases_text.set(text.clone());
        if published::save_aliases(&text).is_err() {
            editor.notice.set(Some(editor.t(Key::ArchiveFull).to_string()));
        }
    };
    // The CSV and the printable page are made by the worker when asked for.
    let download = move |request: Request, name: &'static str, kind: &'static str| {
        leptos::task::spawn_local(async move {
            let result = match query(request).await {
                Ok(Answer::Text(text)) => files::download(name, kind, &text),
                Ok(_) => Ok(()),
                Err(why) => Err(why),
            };
            if let Err(why) = result {
                editor.notice.set(Some(why));
            }
        });
    };
    let export_csv = move |_| download(Request::Csv(form()), "供稿统计.csv", "text/csv;charset=utf-8");
    let print_page = move |_| download(Request::Page(form()), "供稿统计.html", "text/html;charset=utf-8");
    let sorted_rows = move || {
        report.with(|r| {
            let mut list: Vec<Row> = r.rows.clone();
            let (column, descending) = sort.get();
            list.sort_by(|a, b| {
                let order = if column == 0 {
                    a.name.cmp(&b.name)
                } else {
                    a.items.cmp(&b.items)
                };
                if descending {
                    order.reverse()
                } else {
                    order
                }
            });
            list
        })
    };
    let sort_by = move |column: usize| {
        sort.update(|(c, d)| {
            if *c == column {
                *d = !*d;
            } else {
                *c = column;
                *d = column == 1;
            }
        })
    };
    let aria_sort = move |column: usize| {
        let (c, d) = sort.get();
        if c != column {
            "none"
        } else if d {
            "descending"
        } else {
            "ascending"
        }
    };
    view! {
        <div role="tabpanel" aria-label=move || editor.t(Key::ArchiveStats) class="stats-view">
            <div class="stats-controls">
                <label class="field">{move || editor.t(Key::FromDate)}
                    <input type="date" data-testid="stats-from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="field">{move || editor.t(Key::ToDate)}
                    <input type="date" data-testid="stats-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) /></label>
                <label class="field">{move || editor.t(Key::StatsSection)}
                    <input type="text" data-testid="stats-section" prop:value=move || section.get() on:input=move |ev| section.set(event_target_value(&ev)) /></label>
                <label class="field">{move || editor.t(Key::StatsPeriod)}
                    <select data-testid="stats-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="">{move || editor.t(Key::PeriodNone)}</option>
                        <option value="month">{move || editor.t(Key::PeriodMonth)}</option>
                        <option value="quarter">{move || editor.t(Key::PeriodQuarter)}</option>
                        <option value="year">{move || editor.t(Key::PeriodYear)}</option>
                    </select></label>
                <label class="field">{move || editor.t(Key::StatsTable)}
                    <select data-testid="stats-table" on:change=move |ev| table.set(event_target_value(&ev))>
                        <option value="units">{move || editor.t(Key::TableUnits)}</option>
                        <option value="sections">{move || editor.t(Key::TableSections)}</option>
                        <option value="issues">{move || editor.t(Key::TableIssues)}</option>
                    </select></label>
            </div>
            <label class="field">{move || editor.t(Key::AliasList)}
                <textarea rows="3" data-testid="stats-aliases" placeholder="市科协青少年部 = 青少年部、市青少年部"
                    prop:value=move || aliases_text.get() on:change=save_aliases></textarea></label>
            {move || report.with(|r| r.alias_problem.clone()).map(|p| view! { <p class="banner banner-warning" role="alert">{p}</p> })}
            <p role="status" data-testid="stats-summary">{move || report.with(|r| format!(
                "共 {} 期，采用稿件 {} 条；其中 {} 条由多个单位合作，分别计入各单位。", r.issues_counted, r.items, r.shared_items))}</p>
            {move || report.with(|r| (!r.undated.is_empty()).then(|| view! {
                <p class="banner banner-warning">{format!("{}{}", editor.t(Key::UndatedLeftOut), r.undated.join("、"))}</p> }))}
            <div class="stats-chart-box" inner_html=move || report.with(|r| r.chart.clone())></div>
            <table class="stats-table" data-testid="stats-table-view">
                <caption>{heading}</caption>
                <thead><tr>
                    <th scope="col" aria-sort=move || aria_sort(0)><button type="button" on:click=move |_| sort_by(0)>{move || report.with(|r| r.first_header.clone())}</button></th>
                    <th scope="col" aria-sort=move || aria_sort(1)><button type="button" on:click=move |_| sort_by(1)>"采用条数"</button></th>
                    {move || report.with(|r| r.periods.iter().map(|p| view! { <th scope="col">{p.clone()}</th> }).collect_view())}
                </tr></thead>
                <tbody>{move || sorted_rows().into_iter().map(|row| view! {
                    <tr><th scope="row">{row.name.clone()}</th><td>{row.items}</td>
                    {row.by_period.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}</tr>
                }).collect_view()}</tbody>
            </table>
            <div class="button-row">
                <button type="button" data-testid="stats-csv" on:click=export_csv>{move || editor.t(Key::ExportCsv)}</button>
                <button type="button" data-testid="stats-print" on:click=print_page>{move || editor.t(Key::PrintStats)}</button>
            </div>
        </div>
    }
}
