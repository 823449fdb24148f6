//! What a panic leaves on screen: a clear panel with the last saved draft as a download,
//! instead of a dead page.
//!
//! The release build aborts on panic, so nothing written in Rust can run after the hook:
//! the panel's download is a plain `data:` link made inside the hook, and reloading is a
//! plain link too.

use crate::store::local::{self, INDEX_KEY};
use crate::store::records::read_index;

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

/// The last saved Markdown of the draft that was open, read straight from storage.
fn last_saved() -> Option<String> {
    let index = read_index(&local::get(INDEX_KEY).ok()??).ok()?;
    local::last_saved(index.current.as_deref()?)
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn show_panel(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("crash-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "crash-title");
    let _ = panel.set_attribute("data-testid", "crash-panel");
    let download = match last_saved() {
        Some(markdown) => format!(
            "<a class=\"crash-button\" data-testid=\"crash-export\" download=\"简报草稿.md\" href=\"data:text/markdown;charset=utf-8,{}\">导出最后保存的草稿 Export the last saved draft</a>",
            percent_encode(&markdown)
        ),
        None => "<p>浏览器中没有找到已保存的草稿。No saved draft was found.</p>".to_string(),
    };
    let mut escaped = String::new();
    crate::core::render::escape(detail, &mut escaped);
    panel.set_inner_html(&format!(
        "<h2 id=\"crash-title\">简报编辑器出错了 · Jianbao stopped</h2>\
         <p>最后一次自动保存的草稿仍在浏览器中，重新载入页面即可继续。请先导出草稿以防万一。\
         The last autosaved draft is still in this browser: reload to go on. Export it first to be safe.</p>\
         {download} <a class=\"crash-button\" href=\"\">重新载入 Reload</a>\
         <details><summary>技术信息 Details</summary><pre>{escaped}</pre></details>"
    ));
    let _ = body.append_child(&panel);
}
