//! Browser tests: wasm-bindgen tests that run in headless Chromium.
//!
//! Run them with `cargo xtask test --only browser` (or, with the tools installed,
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`).
//! Chromium's flags come from webdriver.json beside Cargo.toml. Natively this crate is
//! empty. Add a module per subject beside this file and name it below.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
mod escape;
mod store;
mod worker;
