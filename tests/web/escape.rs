//! The renderer's escaping, checked by the browser's own HTML parser: escaped text put in
//! through `innerHTML` must come back as the same text and create no element.

use crate::dom::parse;
use jianbao::core::render;
use wasm_bindgen_test::wasm_bindgen_test;

/// The renderer's escaping of `text`, as a new string.
fn escape(text: &str) -> String {
    let mut out = String::new();
    render::escape(text, &mut out);
    out
}

/// Texts that must survive escaping unchanged, markup-like ones first.
const TEXTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a & b &amp; c &lt;",
    r#"He said "yes" and 'no'"#,
    "</p><p>",
    "科协工作简报：2023 年第 7 期（总第 60 期）",
    "",
];

#[wasm_bindgen_test]
fn escaped_text_reads_back_as_the_same_text() {
    for text in TEXTS {
        let div = parse(&format!("<p>{}</p>", escape(text)));
        assert_eq!(div.text_content().as_deref(), Some(*text), "for {text:?}");
        assert_eq!(div.child_element_count(), 1, "one <p> for {text:?}");
    }
}

#[wasm_bindgen_test]
fn escaped_text_is_safe_inside_a_quoted_attribute() {
    for text in TEXTS {
        let div = parse(&format!(r#"<p title="{}"></p>"#, escape(text)));
        let p = div.first_element_child().expect("one <p>");
        assert_eq!(p.get_attribute("title").as_deref(), Some(*text), "for {text:?}");
        assert_eq!(p.get_attribute_names().length(), 1, "only the title for {text:?}");
    }
}
