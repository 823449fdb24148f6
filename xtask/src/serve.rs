//! `cargo xtask serve`: install what is missing, then run the app with Trunk on
//! <http://127.0.0.1:8080/>, rebuilding on every change.
//!
//! This development server has neither the Content-Security-Policy nor the service worker
//! of `cargo xtask dist`: Trunk rebuilds on its own (no post-processing step runs after
//! it) and injects an inline live-reload script that the policy would block, and the app
//! registers its worker only in a post-processed build, so stale cached files never get in
//! the way of editing. `cargo xtask dist` and `npx playwright test` check the shipped build.

use crate::cmd::{self, Ctx};
use crate::tools::Installer;
use crate::tools::RELEASE_BUILD_NEEDS;

/// The port served on unless `--port` says otherwise.
const DEFAULT_PORT: &str = "8080";

/// Help for this task.
pub const HELP: &str = "\
cargo xtask serve [--port N]
    Install what is missing (Rust wasm target, Trunk, wasm-bindgen-cli, npm packages),
    then `trunk serve --release --offline` on http://127.0.0.1:8080/ (or port N).";

/// Runs the task with the arguments after `serve`.
pub fn run(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => DEFAULT_PORT.to_string(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err(format!("unexpected arguments: {args:?}\n\n{HELP}")),
    };
    let ctx = Ctx::new();
    Installer::default().ensure(&ctx, &RELEASE_BUILD_NEEDS)?;
    println!("Serving on http://127.0.0.1:{port}/ (Ctrl-C stops it).");
    // The served app lives at the root, so the public URL is absolute here; the release
    // build keeps Trunk.toml's relative "./" so it works under any sub-path.
    cmd::run(ctx.command("trunk").args([
        "serve",
        "--release",
        "--offline",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
        "--public-url",
        "/",
    ]))
}
