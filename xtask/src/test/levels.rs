//! The levels of `cargo xtask test`, cheapest first: what each needs installed and the
//! commands it runs.

use super::counts::{self, Counts};
use crate::cmd::{self, Ctx};
use crate::tools::{Need, WASM_TARGET};
use std::fs;
use std::process::Command;

/// Where the Playwright configuration's JSON reporter writes, relative to the root.
const PLAYWRIGHT_REPORT: &str = "target/playwright/report.json";
/// The prefix of the tests that print the Word export with LibreOffice: the `word` level
/// runs them, the `native` level skips them (they need LibreOffice and take a minute).
const WORD_PRINT_TESTS: &str = "libreoffice_prints_";
/// The WebDriver for browser tests unless `CHROMEDRIVER` names another.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One level of the test run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    /// `cargo fmt --check`.
    Fmt,
    /// Clippy, natively and for the wasm target, warnings denied.
    Clippy,
    /// `cargo test --workspace`, natively (without the LibreOffice tests: see `Word`).
    Native,
    /// The Word export printed by LibreOffice headless and compared with the HTML print
    /// (`tests/word_print.rs`).
    Word,
    /// wasm-bindgen tests in headless Chromium (`tests/web*`).
    Browser,
    /// The release build into `dist/` as `cargo xtask dist` makes it: Trunk, the
    /// Content-Security-Policy and service worker post-processing, and `dist-single/`.
    Build,
    /// The built `dist/` against the size budgets in `budgets.toml` (`crate::size`): gzip
    /// of the first load's files and of each on-demand part.
    Size,
    /// The build against the browser floor, Chromium 83: the wasm's features, the scripts'
    /// syntax, the CSS fallbacks, and the app in real Chromium 83 and 86 (`reach.rs`).
    Reach,
    /// Playwright end-to-end tests against `dist/`.
    E2e,
}

/// What running a level found.
pub struct Report {
    /// Tests passed and failed, for levels that run tests.
    pub counts: Option<Counts>,
    /// Why the level failed, if it did.
    pub problem: Option<String>,
}

impl Report {
    /// A level that failed before it could count anything.
    pub fn failed(problem: String) -> Report {
        Report {
            counts: None,
            problem: Some(problem),
        }
    }

    /// A level without tests that succeeded or failed as a whole.
    fn plain(result: Result<(), String>) -> Report {
        Report {
            counts: None,
            problem: result.err(),
        }
    }

    /// A test level: its counts, and the problem when its runner failed.
    fn tests(counts: Counts, success: bool, runner: &str) -> Report {
        Report {
            counts: Some(counts),
            problem: (!success).then(|| format!("{runner} failed")),
        }
    }
}

impl Level {
    /// Every level, in the order they run.
    pub const ALL: [Level; 9] = [
        Level::Fmt,
        Level::Clippy,
        Level::Native,
        Level::Word,
        Level::Browser,
        Level::Build,
        Level::Size,
        Level::Reach,
        Level::E2e,
    ];

    /// The level's name on the command line and in the summary.
    pub fn name(self) -> &'static str {
        match self {
            Level::Fmt => "fmt",
            Level::Clippy => "clippy",
            Level::Native => "native",
            Level::Word => "word",
            Level::Browser => "browser",
            Level::Build => "build",
            Level::Size => "size",
            Level::Reach => "reach",
            Level::E2e => "e2e",
        }
    }

    /// The level called `name`, if any.
    pub fn parse(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.name() == name)
    }

    /// Whether the level runs tests (and so fails when it runs none).
    pub fn counts_tests(self) -> bool {
        matches!(
            self,
            Level::Native | Level::Word | Level::Browser | Level::Size | Level::Reach | Level::E2e
        )
    }

    /// The levels that must run before this one in the same run.
    pub fn prerequisites(self) -> &'static [Level] {
        match self {
            Level::Size | Level::Reach | Level::E2e => &[Level::Build],
            _ => &[],
        }
    }

    /// What must be installed before the level runs.
    pub fn needs(self) -> &'static [Need] {
        match self {
            Level::Fmt => &[Need::Rustfmt],
            Level::Clippy => &[Need::Clippy, Need::WasmTarget, Need::Fetch],
            Level::Native => &[Need::Fetch],
            Level::Word => &[Need::Fetch, Need::Browser, Need::Office],
            Level::Browser => &[Need::WasmTarget, Need::Fetch, Need::WasmBindgen, Need::Browser],
            Level::Build => &[
                Need::WasmTarget,
                Need::Fetch,
                Need::WasmBindgen,
                Need::Trunk,
                Need::NodeModules,
            ],
            Level::Size => &[],
            Level::Reach => &[Need::NodeModules, Need::OldChromium],
            Level::E2e => &[Need::NodeModules, Need::Browser],
        }
    }

    /// Runs the level's commands.
    pub fn run(self, ctx: &Ctx) -> Report {
        match self {
            Level::Fmt => Report::plain(cmd::run(ctx.command("cargo").args(["fmt", "--all", "--check"]))),
            Level::Clippy => Report::plain(clippy(ctx)),
            Level::Native => {
                libtest(
                    ctx.command("cargo")
                        .args(["test", "--workspace", "--", "--skip", WORD_PRINT_TESTS]),
                )
            }
            Level::Word => libtest(ctx.command("cargo").args(["test", "--test", "word_print"])),
            Level::Browser => browser(ctx),
            Level::Build => Report::plain(crate::dist::build(ctx, &dist_dir(ctx)).map(|_| ())),
            Level::Size => size(ctx),
            Level::Reach => super::reach::run(ctx, &dist_dir(ctx)),
            Level::E2e => e2e(ctx),
        }
    }
}

/// The folder the build level writes: `dist/`, or `$JIANBAO_E2E_DIST` (the end-to-end tests
/// read the same variable), so that two runs on one machine need not share a folder.
fn dist_dir(ctx: &Ctx) -> std::path::PathBuf {
    match std::env::var_os("JIANBAO_E2E_DIST") {
        Some(dir) => ctx.root.join(dir),
        None => ctx.path("dist"),
    }
}

/// The built `dist/` against `budgets.toml`: each part is one test.
fn size(ctx: &Ctx) -> Report {
    match crate::size::run_check(&ctx.root, &dist_dir(ctx)) {
        Ok((passed, failed)) => Report {
            counts: Some(Counts { passed, failed }),
            problem: (failed > 0).then(|| {
                format!(
                    "{failed} size {} (see the lines above; budgets in {})",
                    if failed == 1 { "check failed" } else { "checks failed" },
                    crate::size::BUDGETS_FILE
                )
            }),
        },
        Err(problem) => Report::failed(problem),
    }
}

/// Clippy over the whole workspace natively, then the app and its browser tests for wasm.
fn clippy(ctx: &Ctx) -> Result<(), String> {
    cmd::run(
        ctx.command("cargo")
            .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    )?;
    let mut wasm = ctx.command("cargo");
    wasm.args(["clippy", "--target", WASM_TARGET, "--lib", "--bins"]);
    for target in browser_test_targets(ctx) {
        wasm.args(["--test", &target]);
    }
    cmd::run(wasm.args(["--", "-D", "warnings"]))
}

/// Runs a libtest-style command and counts its `test result:` lines.
fn libtest(command: &mut Command) -> Report {
    match cmd::run_captured(command) {
        Ok(output) => Report::tests(counts::from_libtest(&output.lines), output.success, "cargo test"),
        Err(problem) => Report::plain(Err(problem)),
    }
}

/// The wasm-bindgen tests under `tests/web*`, run in headless Chromium.
fn browser(ctx: &Ctx) -> Report {
    let targets = browser_test_targets(ctx);
    if targets.is_empty() {
        return Report::plain(Err("no browser test targets under tests/web*".into()));
    }
    let mut command = ctx.command("cargo");
    command.args(["test", "--target", WASM_TARGET]);
    for target in &targets {
        command.args(["--test", target]);
    }
    if std::env::var_os("CHROMEDRIVER").is_none() {
        command.env("CHROMEDRIVER", CHROMEDRIVER);
    }
    libtest(&mut command)
}

/// The names of the test targets that hold browser tests: `tests/web*.rs` files and
/// `tests/web*/main.rs` folders, sorted.
pub fn browser_test_targets(ctx: &Ctx) -> Vec<String> {
    let Ok(entries) = fs::read_dir(ctx.path("tests")) else {
        return Vec::new();
    };
    let mut targets: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with("web") {
                return None;
            }
            if entry.path().join("main.rs").is_file() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_string)
            }
        })
        .collect();
    targets.sort();
    targets
}

/// A port on 127.0.0.1 that nothing listens on right now.
fn free_port() -> Option<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
    listener.local_addr().ok().map(|addr| addr.port())
}

/// Playwright against the release build, counted from its JSON report.
fn e2e(ctx: &Ctx) -> Report {
    let report_path = ctx.path(PLAYWRIGHT_REPORT);
    // A report left by an earlier run must not be counted as this run's.
    let _ = fs::remove_file(&report_path);
    let mut command = ctx.command("playwright");
    command.arg("test").env("PLAYWRIGHT_JSON_OUTPUT_FILE", &report_path);
    // A free port, unless one was chosen: a server left running elsewhere on the default
    // port must not fail the run.
    if std::env::var_os("JIANBAO_E2E_PORT").is_none() {
        if let Some(port) = free_port() {
            command.env("JIANBAO_E2E_PORT", port.to_string());
        }
    }
    let status = cmd::run(&mut command);
    let counts = fs::read_to_string(&report_path)
        .map_err(|err| format!("no Playwright report at {PLAYWRIGHT_REPORT}: {err}"))
        .and_then(|text| counts::from_playwright_json(&text));
    match counts {
        Ok(counts) => Report {
            counts: Some(counts),
            problem: status.err(),
        },
        Err(problem) => Report::plain(Err(status.err().unwrap_or(problem))),
    }
}
