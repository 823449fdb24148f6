//! Files in and out: downloads of exported files, and reading an imported one.

use wasm_bindgen::JsCast;

/// Offers `contents` as a download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    download_parts(
        name,
        mime,
        &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents)),
    )
}

/// Offers bytes (a `Uint8Array`, as a worker sends them) as a download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) -> Result<(), String> {
    download_parts(name, mime, &js_sys::Array::of1(bytes))
}

/// Offers the Blob made of `parts` (strings or byte arrays) as a download named `name`.
fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked file as text.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let promise = file.text();
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| format!("{e:?}"))?;
    value.as_string().ok_or_else(|| "不是文本文件".to_string())
}

/// Reads a picked file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "无法读取文件".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Puts HTML and plain text on the clipboard together, through a `copy` event (which
/// works without a permission prompt, from a click).
pub fn copy_rich(html: &str, text: &str) -> Result<(), String> {
    copy(&[("text/html", html), ("text/plain", text)])
}

/// Puts plain text on the clipboard.
pub fn copy_text(text: &str) -> Result<(), String> {
    copy(&[("text/plain", text)])
}

/// Puts each (type, data) pair on the clipboard at once, from inside a `copy` event.
fn copy(formats: &[(&str, &str)]) -> Result<(), String> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let document: web_sys::HtmlDocument = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .unchecked_into();
    let written = Rc::new(Cell::new(false));
    let formats: Vec<(String, String)> = formats.iter().map(|(t, d)| (t.to_string(), d.to_string())).collect();
    let flag = written.clone();
    let listener = Closure::<dyn FnMut(web_sys::ClipboardEvent)>::new(move |ev: web_sys::ClipboardEvent| {
        if let Some(data) = ev.clipboard_data() {
            flag.set(formats.iter().all(|(kind, value)| data.set_data(kind, value).is_ok()));
            ev.prevent_default();
        }
    });
    document
        .add_event_listener_with_callback("copy", listener.as_ref().unchecked_ref())
        .map_err(|e| format!("{e:?}"))?;
    let ran = document.exec_command("copy").unwrap_or(false);
    let _ = document.remove_event_listener_with_callback("copy", listener.as_ref().unchecked_ref());
    if ran && written.get() {
        Ok(())
    } else {
        Err("浏览器拒绝了复制操作".into())
    }
}
