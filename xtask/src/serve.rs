//! `cargo xtask serve`: install what is missing, then run the app with Trunk on
//! <http://127.0.0.1:8080/>, rebuilding on every change.

use crate::cmd::{self, Ctx};
use crate::tools::{Installer, Need};

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
    Installer::default().ensure(
        &ctx,
        &[
            Need::WasmTarget,
            Need::Fetch,
            Need::WasmBindgen,
            Need::Trunk,
            Need::NodeModules,
        ],
    )?;
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
