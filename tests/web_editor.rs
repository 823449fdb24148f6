//! Browser component tests of the editor: the whole `App`, mounted into a fresh element of
//! a headless Chromium page, driven through its DOM as a user's browser would drive it
//! (set a field's value, dispatch an `input` event, click a button).
//!
//! Run them with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown
//! --test web_editor` (Chromium's flags come from webdriver.json beside Cargo.toml).
//!
//! All tests of this file run one after another in one page. Each test clears
//! localStorage (so the app opens the sample issue), mounts its own `App` into a new
//! `<div>` and looks only inside that `<div>`. The apps are never unmounted: the app keeps
//! window listeners and autosave timers that would outlive a disposed reactive owner, so
//! each test leaves its app detached from the document instead (see [`Mounted`]).

#![cfg(target_arch = "wasm32")]

use jianbao::core::count::issue_chars;
use jianbao::core::sample::sample_issue;
use jianbao::ui::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The page's document.
fn document() -> web_sys::Document {
    web_sys::window().expect("a window").document().expect("a document")
}

/// An `App` mounted into its own `<div>` in the page's body.
struct Mounted {
    root: HtmlElement,
}

impl Mounted {
    /// Clears localStorage and mounts a fresh `App`.
    fn new() -> Mounted {
        let storage = web_sys::window()
            .expect("a window")
            .local_storage()
            .expect("localStorage can be asked for")
            .expect("localStorage exists");
        storage.clear().expect("localStorage can be cleared");
        let root: HtmlElement = document().create_element("div").expect("a div").unchecked_into();
        document()
            .body()
            .expect("a body")
            .append_child(&root)
            .expect("the div is appended");
        let handle = leptos::mount::mount_to(root.clone(), App);
        // Keep the app alive (see the module docs); the div is detached on drop.
        std::mem::forget(handle);
        Mounted { root }
    }

    /// The first element inside the app that matches `selector`.
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).expect("a valid selector")
    }

    /// Like [`Mounted::find`], for an element that must be there.
    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    /// How many elements inside the app match `selector`.
    fn count(&self, selector: &str) -> u32 {
        self.root
            .query_selector_all(selector)
            .expect("a valid selector")
            .length()
    }

    /// The text of the first element that matches `selector` ("" when there is none).
    fn text(&self, selector: &str) -> String {
        self.find(selector).and_then(|el| el.text_content()).unwrap_or_default()
    }

    /// The texts of every element that matches `selector`, in document order.
    fn texts(&self, selector: &str) -> Vec<String> {
        let list = self.root.query_selector_all(selector).expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|node| node.text_content().unwrap_or_default())
            .collect()
    }

    /// Sets a form control's value as typing would and dispatches a bubbling `input`
    /// event (Leptos delegates `on:input` to the document).
    fn input(&self, selector: &str, value: &str) {
        self.set_value_and_fire(selector, value, "input");
    }

    /// Sets a `<select>`'s value and dispatches a bubbling `change` event.
    fn choose(&self, selector: &str, value: &str) {
        self.set_value_and_fire(selector, value, "change");
    }

    fn set_value_and_fire(&self, selector: &str, value: &str, event: &str) {
        let el = self.get(selector);
        js_sys::Reflect::set(&el, &JsValue::from_str("value"), &JsValue::from_str(value)).expect("value can be set");
        el.dispatch_event(&bubbling_event(event))
            .expect("the event is dispatched");
    }

    /// Clicks an element.
    fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
    }

    /// Clicks the outline button whose text is exactly `label`.
    fn click_outline_button(&self, label: &str) {
        let buttons = self
            .root
            .query_selector_all("[data-testid=outline] button")
            .expect("a valid selector");
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no outline button reads {label}"));
        button.unchecked_into::<HtmlElement>().click();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// `new Event(name, { bubbles: true })`, without needing web-sys's `EventInit`.
fn bubbling_event(name: &str) -> web_sys::Event {
    let window = web_sys::window().expect("a window");
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &JsValue::from_str("Event"))
        .expect("window.Event")
        .unchecked_into();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &JsValue::from_str("bubbles"), &JsValue::TRUE).expect("init");
    let args = js_sys::Array::of2(&JsValue::from_str(name), &init);
    js_sys::Reflect::construct(&constructor, &args)
        .expect("an Event")
        .unchecked_into()
}

/// Lets the browser run pending tasks (Leptos runs its effects asynchronously).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .expect("a timeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timeout resolves");
}

/// Waits until `condition` holds, for at most two seconds, and panics with `what` if it
/// never does.
async fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..400 {
        if condition() {
            return;
        }
        tick().await;
    }
    panic!("timed out waiting for {what}");
}

/// The sample issue's masthead.
const SAMPLE_TITLE: &str = "科协工作简报";
const SAMPLE_ISSUE_LINE: &str = "2024年第3期（总第41期）";

/// Mounts an app and waits until it shows the sample issue.
async fn mounted_sample() -> Mounted {
    let app = Mounted::new();
    wait_for("the sample masthead in the preview", || {
        app.text("[data-testid=preview] h1.masthead-title") == SAMPLE_TITLE
    })
    .await;
    app
}

#[wasm_bindgen_test]
async fn the_app_opens_the_sample_issue() {
    let app = mounted_sample().await;
    assert_eq!(app.text("[data-testid=preview] .masthead-issue"), SAMPLE_ISSUE_LINE);
    assert_eq!(app.text("[data-testid=preview] time.masthead-date"), "2024年3月15日");

    let sample = sample_issue();
    let titles: Vec<String> = sample.items().map(|(_, item)| item.title.clone()).collect();
    assert_eq!(titles.len(), 5, "the sample issue has five items");
    assert_eq!(app.count("[data-testid=outline-item]"), 5);
    assert_eq!(app.texts("[data-testid=outline-item] .outline-title"), titles);
    assert_eq!(app.texts("[data-testid=preview] article.item h3.item-title"), titles);
    assert_eq!(
        app.text("[data-testid=char-count]"),
        issue_chars(&sample).to_string(),
        "the status bar counts the issue as the core does"
    );
    // The first item is chosen, so its form is open.
    let title: web_sys::HtmlInputElement = app.get("[data-testid=item-title]").unchecked_into();
    assert_eq!(title.value(), titles[0]);
}

#[wasm_bindgen_test]
async fn editing_an_item_through_its_form_changes_the_preview() {
    let app = mounted_sample().await;
    let first = app
        .get("[data-testid=preview] article.item")
        .get_attribute("data-item-id")
        .expect("an item id");
    let item = format!("[data-testid=preview] article.item[data-item-id=\"{first}\"]");

    app.input("[data-testid=item-title]", "浏览器测试标题");
    wait_for("the new title in the item", || {
        app.text(&format!("{item} h3.item-title")) == "浏览器测试标题"
    })
    .await;
    wait_for("the new title in the 目录提要", || {
        app.text("[data-testid=preview] nav.toc").contains("浏览器测试标题")
    })
    .await;
    wait_for("the new title in the outline", || {
        app.text("[data-testid=outline-item] .outline-title") == "浏览器测试标题"
    })
    .await;

    app.input("[data-testid=item-body]", "新正文：**要点**一则。");
    wait_for("the new body in the item", || {
        app.text(&format!("{item} strong")) == "要点"
    })
    .await;
    assert!(!app.text(&item).contains("二十余家市级学会"), "the old body is gone");

    app.input("[data-testid=item-sources]", "甲、乙");
    wait_for("the sources at the end of the item", || {
        app.text(&format!("{item} .sources")) == "（甲、乙）"
    })
    .await;

    app.choose("[data-testid=item-status]", "Reviewed");
    wait_for("the status in the outline", || {
        app.text("[data-testid=outline-item] .status") == "已审"
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_masthead_form_changes_the_preview_and_undo_takes_it_back() {
    let app = mounted_sample().await;
    app.click_outline_button("报头");
    wait_for("the masthead form", || {
        app.find("[data-testid=masthead-year]").is_some()
    })
    .await;

    app.input("[data-testid=masthead-number]", "4");
    wait_for("the new number", || {
        app.text("[data-testid=preview] .masthead-issue") == "2024年第4期（总第41期）"
    })
    .await;
    app.click_outline_button("报尾");
    wait_for("the footer form", || app.find("[data-testid=footer-editor]").is_some()).await;
    app.input("[data-testid=footer-editor]", "测试编辑");
    wait_for("the new editor", || {
        app.text("[data-testid=preview] .colophon-editor") == "编辑：测试编辑"
    })
    .await;

    app.click("[data-testid=undo]");
    wait_for("the editor back", || {
        app.text("[data-testid=preview] .colophon-editor") == "编辑：王晓明"
    })
    .await;
    let editor: web_sys::HtmlInputElement = app.get("[data-testid=footer-editor]").unchecked_into();
    wait_for("the footer field back", || editor.value() == "王晓明").await;
    app.click("[data-testid=undo]");
    wait_for("the number back", || {
        app.text("[data-testid=preview] .masthead-issue") == SAMPLE_ISSUE_LINE
    })
    .await;
    app.click("[data-testid=redo]");
    wait_for("the number again", || {
        app.text("[data-testid=preview] .masthead-issue") == "2024年第4期（总第41期）"
    })
    .await;
}

#[wasm_bindgen_test]
async fn typing_in_a_body_replaces_only_that_items_node() {
    let app = mounted_sample().await;
    let before = app
        .root
        .query_selector_all("[data-testid=preview] article.item")
        .unwrap();
    let before: Vec<Element> = (0..before.length())
        .filter_map(|i| before.item(i))
        .map(|n| n.unchecked_into())
        .collect();
    assert_eq!(before.len(), 5);

    // The first item is the one selected.
    app.input("[data-testid=item-body]", "只改这一篇。");
    wait_for("the new body", || {
        app.text("[data-testid=preview] article.item").contains("只改这一篇。")
    })
    .await;
    let after = app
        .root
        .query_selector_all("[data-testid=preview] article.item")
        .unwrap();
    assert_eq!(after.length(), 5);
    for (i, old) in before.iter().enumerate() {
        let new: Element = after.item(i as u32).unwrap().unchecked_into();
        let same = new.is_same_node(Some(old));
        assert_eq!(same, i != 0, "item {i}: only the edited item is a new node");
    }
}

#[wasm_bindgen_test]
async fn new_item_and_delete_change_the_outline_and_the_preview() {
    let app = mounted_sample().await;
    app.click("[data-testid=new-item]");
    wait_for("a sixth item", || {
        app.count("[data-testid=outline-item]") == 6 && app.count("[data-testid=preview] article.item") == 6
    })
    .await;
    app.input("[data-testid=item-title]", "第六篇");
    wait_for("the sixth item's title", || {
        app.texts("[data-testid=preview] article.item h3.item-title")
            .iter()
            .any(|t| t == "第六篇")
    })
    .await;
    // The new item went after the first one, in the lead section (the selected item's place).
    assert_eq!(
        app.texts("[data-testid=preview] article.item h3.item-title")[1],
        "第六篇"
    );

    // The item form's 删除稿件 button.
    app.click(".item-form button.danger");
    wait_for("five items again", || {
        app.count("[data-testid=outline-item]") == 5 && app.count("[data-testid=preview] article.item") == 5
    })
    .await;
    assert!(!app.text("[data-testid=preview]").contains("第六篇"));
}
