//! `cargo xtask lighthouse`: the outside judge. Lighthouse 12 (npm) runs in Debian's
//! headless Chromium on the release build in `dist/`, served with gzip as a static host
//! would serve it, under the desktop and the mobile preset; `bench/lighthouse.mjs` prints
//! the four category scores (performance, accessibility, best practices, SEO), the key
//! metrics and the audits that cost points, and writes them to `target/lighthouse.json`.
//! A bench, not a test: it prints figures and asserts nothing.

use crate::cmd::{self, Ctx};
use crate::dist;
use crate::tools::{Installer, Need, RELEASE_BUILD_NEEDS};

/// Help for this task.
pub const HELP: &str = "\
cargo xtask lighthouse [--no-build]
    Release build into dist/ (unless --no-build), then Lighthouse 12 in headless Chromium on
    it, served with gzip: desktop and mobile presets, the four category scores, FCP, LCP,
    TBT, CLS, Speed Index and TTI, and the audits that lost points. Writes
    target/lighthouse.json.";

/// The script that serves the build and runs Lighthouse.
const SCRIPT: &str = "bench/lighthouse.mjs";
/// Where the figures are written.
const OUT: &str = "target/lighthouse.json";
/// Debian's Chromium, which Lighthouse drives.
const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs the task with the arguments after `lighthouse`.
pub fn run(args: &[String]) -> Result<(), String> {
    let build = match args {
        [] => true,
        [flag] if flag == "--no-build" => false,
        _ => return Err(format!("unexpected arguments: {args:?}\n\n{HELP}")),
    };
    let ctx = Ctx::new();
    let dist_dir = ctx.path("dist");
    let mut installer = Installer::default();
    if build {
        installer.ensure(&ctx, &RELEASE_BUILD_NEEDS)?;
        dist::build(&ctx, &dist_dir)?;
    } else if !dist_dir.join("index.html").is_file() {
        return Err("dist/ has no build yet: run `cargo xtask lighthouse` without --no-build".into());
    }
    installer.ensure(&ctx, &[Need::NodeModules, Need::Browser])?;
    cmd::run(
        ctx.command("node")
            .arg(SCRIPT)
            .arg(&dist_dir)
            .arg(ctx.path(OUT))
            .arg(CHROMIUM),
    )
}
