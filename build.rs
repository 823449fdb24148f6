//! Build script: the bulletin's stylesheet (`style/bulletin.css`) without its comments, as
//! `core::render::BULLETIN_CSS` embeds it in the wasm, the preview and every exported HTML
//! file. The comments explain the stylesheet to us and weigh about 1.3 KB of gzip in the
//! first load; the rules and their layout are kept as written. The file Trunk ships in
//! `dist/` is minified by `cargo xtask dist`.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=style/bulletin.css");
    let css = fs::read_to_string("style/bulletin.css").expect("style/bulletin.css is readable");
    let out = Path::new(&std::env::var("OUT_DIR").expect("Cargo sets OUT_DIR")).join("bulletin.css");
    fs::write(out, without_comments(&css)).expect("OUT_DIR is writable");
}

/// `css` without its `/* … */` comments (strings are kept as they are) and without the
/// lines that held only a comment.
fn without_comments(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(open) => {
                text.push(c);
                if c == '\\' {
                    if let Some(escaped) = chars.next() {
                        text.push(escaped);
                    }
                } else if c == open {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for inner in chars.by_ref() {
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                text.push(c);
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !line.trim().is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}
