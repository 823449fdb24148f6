//! `cargo xtask bench`: the app's performance figures, measured rather than asserted.
//!
//! It builds the release into `target/bench-dist` (never `dist/`, which other tasks and
//! the person at the keyboard use) with the same post-processing as `cargo xtask dist`,
//! then runs `bench/browser.mjs`. That script serves the build on a free 127.0.0.1 port,
//! drives Debian's headless Chromium with Playwright, prints a table of medians (transfer
//! sizes, load to interactive, keystroke to preview, autosave, memory, export and import)
//! with the targets beside them, and writes the figures to `target/bench.json`. The
//! autosave figure counts real saves: the app marks each with a `performance.measure`
//! named `jianbao:save`, the script checks that each of the 50 keystrokes reached the text
//! box and brought exactly one save (it stops with the reason otherwise), and it prints the
//! processor time of the task that saved, from a Chromium trace, with the target beside
//! it. `JIANBAO_BENCH_ONLY=autosave` (a comma list of load, keystrokes, autosave, memory,
//! files) measures only some figures.
//!
//! Last it prints native timings of the pure core on the same big issue (import, render,
//! export), from `examples/bench_core.rs`, and of the autosave over the in-memory storage
//! on the big and the sample issue (p50/p95/max of 50 saves, one keystroke before each,
//! against version 2's whole-record save), from `examples/bench_autosave.rs`, both built
//! in release; that build runs after the browser part so that compiling never competes
//! with the browser for the two cores. Then the pathological lines (`examples/bench_lines.rs`:
//! a 1 MB line of each fragment the cleanup rules and parsers look for, through `jianbao
//! clean`, the paste dialog's cleanups, import and render, in ms per MB, any figure over
//! 1000 ms/MB flagged) and search and 供稿统计 over 260 generated issues
//! (`examples/bench_archive.rs`). `--native` prints only these native figures (no Trunk,
//! no browser).
//!
//! The big issue comes from the shared data folder (`../shared/bench/big-issue.md`, or
//! `$JIANBAO_SHARED/bench/big-issue.md`); without it the rows that need it are skipped.

use crate::cmd::{self, Ctx};
use crate::dist;
use crate::profile;
use crate::size;
use crate::tools::{Installer, Need, RELEASE_BUILD_NEEDS};

/// Help for this task.
pub const HELP: &str = "\
cargo xtask bench [--no-build] [--runs N] [--native] [--size]
    Release build into target/bench-dist, then headless Chromium measures it: first-load
    sizes (raw, gzip -9), load to interactive, keystroke to preview (p50, p95, max),
    autosave (the saving task's processor time, p50/p95/max of 50 saves), memory, export and import of ../shared/bench/big-issue.md. Prints a table of
    medians over N runs (at least and by default 3) and writes target/bench.json; then
    native core timings (examples/bench_core.rs) and native autosave timings over the
    in-memory storage (examples/bench_autosave.rs), ms per MB of 1 MB pathological lines
    (examples/bench_lines.rs), search and 供稿统计 over 260 generated issues
    (examples/bench_archive.rs). --no-build reuses target/bench-dist;
    --native runs only the native timings. --size prints instead where the first load's
    wasm bytes go (twiggy, installed when missing, on a copy built with names: largest
    functions, bytes per crate, duplicated monomorphisations) and the gzip size of each
    shipped file against budgets.toml.";

/// The private build folder, so that a bench never clobbers `dist/`.
const BENCH_DIST: &str = "target/bench-dist";
/// Where the figures are written.
const BENCH_JSON: &str = "target/bench.json";
/// The browser half of the task.
const SCRIPT: &str = "bench/browser.mjs";
/// The big issue, relative to the shared data folder.
const BIG_ISSUE: &str = "bench/big-issue.md";
/// How many runs each native figure is the median of.
const NATIVE_RUNS: &str = "20";
/// How many saves the native autosave figures are taken over, each after one keystroke.
const AUTOSAVE_SAVES: &str = "50";
/// How many runs of those saves each autosave figure is the median of.
const AUTOSAVE_RUNS: &str = "5";

/// The task's options.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    /// Whether to build the release first.
    build: bool,
    /// How many runs each figure is the median of.
    runs: u32,
    /// Whether to skip the build and the browser.
    native_only: bool,
    /// Whether to print the size profile instead of timings.
    size: bool,
}

/// Reads the arguments after `bench`.
fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        build: true,
        runs: 3,
        native_only: false,
        size: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--no-build" => options.build = false,
            "--native" => options.native_only = true,
            "--size" => options.size = true,
            "--runs" => {
                let value = rest.next().ok_or("--runs needs a number")?;
                options.runs = value
                    .parse::<u32>()
                    .map_err(|_| format!("--runs needs a number, not `{value}`"))?
                    .max(3);
            }
            other => return Err(format!("unexpected argument `{other}`\n\n{HELP}")),
        }
    }
    Ok(options)
}

/// Runs the task with the arguments after `bench`.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let ctx = Ctx::new();
    let dist_dir = ctx.path(BENCH_DIST);
    let mut installer = Installer::default();
    if options.native_only {
        return native(&ctx);
    }
    if options.size {
        installer.ensure(&ctx, &RELEASE_BUILD_NEEDS)?;
        installer.ensure(&ctx, &[Need::Twiggy])?;
        if options.build || !dist_dir.join("index.html").is_file() {
            dist::build(&ctx, &dist_dir)?;
        }
        profile::run(&ctx, &dist_dir)?;
        let (passed, failed) = size::run_check(&ctx.root, &dist_dir)?;
        println!("{passed} within budget, {failed} not");
        return Ok(());
    }
    if options.build {
        installer.ensure(&ctx, &RELEASE_BUILD_NEEDS)?;
        dist::build(&ctx, &dist_dir)?;
    } else if !dist_dir.join("index.html").is_file() {
        return Err(format!(
            "{} has no build yet: run `cargo xtask bench` without --no-build",
            dist_dir.display()
        ));
    }
    installer.ensure(&ctx, &[Need::NodeModules, Need::Browser])?;
    cmd::run(
        ctx.command("node")
            .arg(SCRIPT)
            .arg(&dist_dir)
            .arg(ctx.path(BENCH_JSON))
            .arg(options.runs.to_string()),
    )?;
    native(&ctx)
}

/// The native figures: the core on the big issue, then the autosave on the big and the
/// sample issue (the sample alone when the big issue is absent).
fn native(ctx: &Ctx) -> Result<(), String> {
    let shared = std::env::var_os("JIANBAO_SHARED").map_or_else(|| ctx.root.join("..").join("shared"), Into::into);
    let big = shared.join(BIG_ISSUE);
    if big.is_file() {
        cmd::run(
            ctx.command("cargo")
                .args(["run", "--quiet", "--release", "--example", "bench_core", "--"])
                .arg(&big)
                .arg(NATIVE_RUNS),
        )?;
    } else {
        println!(
            "\n{} is absent: no native core timings, and the autosave only on the sample.",
            big.display()
        );
    }
    let mut autosave = ctx.command("cargo");
    autosave.args(["run", "--quiet", "--release", "--example", "bench_autosave", "--"]);
    if big.is_file() {
        autosave.arg(&big);
    } else {
        autosave.arg("-");
    }
    cmd::run(autosave.args([AUTOSAVE_SAVES, AUTOSAVE_RUNS]))?;
    // Pathological lines in ms per MB, and search and 供稿统计 over five generated years of
    // issues: neither needs the shared data.
    cmd::run(
        ctx.command("cargo")
            .args(["run", "--quiet", "--release", "--example", "bench_lines"]),
    )?;
    cmd::run(ctx.command("cargo").args([
        "run",
        "--quiet",
        "--release",
        "--example",
        "bench_archive",
        "--",
        NATIVE_RUNS,
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn options_default_to_a_build_and_three_runs() {
        assert_eq!(
            parse(&[]),
            Ok(Options {
                build: true,
                runs: 3,
                native_only: false,
                size: false
            })
        );
    }

    #[test]
    fn options_are_read_and_runs_are_at_least_three() {
        assert_eq!(
            parse(&args(&["--no-build", "--runs", "5"])),
            Ok(Options {
                build: false,
                runs: 5,
                native_only: false,
                size: false
            })
        );
        assert_eq!(
            parse(&args(&["--runs", "1"])),
            Ok(Options {
                build: true,
                runs: 3,
                native_only: false,
                size: false
            })
        );
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--runs", "many"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
        assert!(parse(&args(&["--size", "--no-build"])).is_ok_and(|options| options.size && !options.build));
        assert_eq!(
            parse(&args(&["--native"])),
            Ok(Options {
                build: true,
                runs: 3,
                native_only: true,
                size: false
            })
        );
    }
}
