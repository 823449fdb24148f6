//! The architecture invariant of `src/core`: plain Rust, no browser, no storage.
//!
//! The core is tested natively and shared by the web app and the command-line tool, so
//! nothing under `src/core` may name the browser crates (`web_sys`, `wasm_bindgen`,
//! `js_sys`, `leptos`, `gloo*`) or `localStorage`. This test reads every `.rs` file there
//! and fails on any code line that does. Lines that are `//` comments (including doc
//! comments) are skipped, since the module docs state the rule in these very words.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Crate names forbidden as a whole identifier or as the start of one (`gloo_storage`).
const FORBIDDEN_CRATES: [&str; 5] = ["web_sys", "wasm_bindgen", "js_sys", "leptos", "gloo"];

/// Identifiers forbidden exactly.
const FORBIDDEN_NAMES: [&str; 1] = ["localStorage"];

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{} unreadable: {err}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The forbidden identifiers a line of code names; none for a `//` comment line.
fn forbidden_in(line: &str) -> Vec<&str> {
    if line.trim_start().starts_with("//") {
        return Vec::new();
    }
    line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|token| {
            let crate_like = FORBIDDEN_CRATES.iter().any(|name| {
                token
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
            });
            crate_like || FORBIDDEN_NAMES.contains(token)
        })
        .collect()
}

#[test]
fn the_scanner_finds_what_it_should_and_nothing_else() {
    let cases: &[(&str, &[&str])] = &[
        ("use web_sys::Window;", &["web_sys"]),
        ("let s = gloo_storage::LocalStorage::raw();", &["gloo_storage"]),
        ("use leptos::prelude::*;", &["leptos"]),
        ("#[wasm_bindgen] fn f() {}", &["wasm_bindgen"]),
        ("wasm_bindgen_futures::spawn_local(f);", &["wasm_bindgen_futures"]),
        ("let d = js_sys::Date::now();", &["js_sys"]),
        ("window.localStorage.getItem(k)", &["localStorage"]),
        ("    // web_sys is not used here", &[]),
        ("/// Nothing under `core` uses `leptos`.", &[]),
        ("//! no `localStorage` either", &[]),
        ("let leptoss = 1; let my_web_sys_like = 2;", &[]),
        ("let glooming = 3;", &[]),
        ("let plain = \"text\";", &[]),
    ];
    for (line, expected) in cases {
        assert_eq!(forbidden_in(line), *expected, "{line}");
    }
}

#[test]
fn nothing_under_src_core_touches_the_browser_or_storage() {
    let core = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let files = rust_files(&core);
    // The scan must see the core, or it proves nothing.
    for expected in ["issue.rs", "format/import.rs", "format/export.rs"] {
        assert!(
            files.iter().any(|f| f.ends_with(expected)),
            "src/core/{expected} was not scanned"
        );
    }
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|err| panic!("{} unreadable: {err}", file.display()));
        for (n, line) in text.lines().enumerate() {
            for name in forbidden_in(line) {
                let relative = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(file);
                offences.push(format!(
                    "{}:{}: `{name}` in: {}",
                    relative.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "src/core must stay pure (no browser, no storage; put such code in src/ui or src/store):\n{}",
        offences.join("\n")
    );
}
