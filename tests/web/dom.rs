//! Small DOM helpers shared by the browser tests.

use web_sys::{Document, Element};

/// The page's document.
pub fn document() -> Document {
    web_sys::window()
        .expect("tests run in a window")
        .document()
        .expect("the window has a document")
}

/// A detached `<div>` whose inner HTML is `html`, parsed by the browser itself.
pub fn parse(html: &str) -> Element {
    let div = document().create_element("div").expect("a div can be created");
    div.set_inner_html(html);
    div
}
