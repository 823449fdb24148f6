//! `cargo xtask test`: install what is missing, then run every level of checks and tests
//! in order, print one summary line per level and a closing `N passed, N failed` line.
//!
//! The run stops at the first failing level unless `--keep-going` is given. It fails when
//! any level fails or when a test level ran no test at all.

mod counts;
mod levels;
mod reach;
mod wasm_features;

use crate::cmd::Ctx;
use crate::tools::Installer;
use counts::Counts;
use levels::Level;
use std::time::{Duration, Instant};

/// Help for this task.
pub const HELP: &str = "\
cargo xtask test [--only LEVEL[,LEVEL...]] [--keep-going]
    Install what is missing (Rust wasm target, Trunk, wasm-bindgen-cli, npm packages,
    Debian's chromium, chromium-driver, fonts-noto-cjk, poppler-utils, a Java runtime,
    libreoffice-writer-nogui), then run the levels in order:
      fmt      cargo fmt --check
      clippy   cargo clippy, native and wasm32, warnings denied
      native   cargo test --workspace (all but the LibreOffice tests)
      word     the Word export printed to PDF by LibreOffice headless: A4, every text in
               order, within a page of the HTML print (tests/word_print.rs)
      browser  wasm-bindgen tests in tests/web* under headless Chromium
      build    cargo xtask dist: release build into dist/ (or $JIANBAO_E2E_DIST) and
               the single-file app into dist-single/
      size     the build against budgets.toml (runs build first): gzip -9 of the
               first load (wasm, JS, CSS, their sum) and of each on-demand worker
      reach    the build against the floor, Chromium 83 (runs build first): the wasm's
               features, the scripts' syntax, the CSS fallbacks, and the app in real
               Chromium 83 and 86 from npm (docs/BROWSERS.md)
      e2e      Playwright tests in tests/e2e against dist/ (runs build first)
    --only      run just these levels (and what they depend on)
    --keep-going  run the later levels after a failing one";

/// The options of one run.
struct Options {
    levels: Vec<Level>,
    keep_going: bool,
}

/// How one level ended.
struct Outcome {
    level: Level,
    report: levels::Report,
    took: Duration,
}

impl Outcome {
    /// Whether the level failed, counting a test level that ran no test as failed.
    fn failed(&self) -> bool {
        self.problem().is_some()
    }

    /// Why the level failed, if it did.
    fn problem(&self) -> Option<String> {
        if let Some(problem) = &self.report.problem {
            return Some(problem.clone());
        }
        match self.report.counts {
            Some(counts) if counts.failed > 0 => Some(format!("{} failed", counts.failed)),
            Some(counts) if counts.total() == 0 => Some("ran no tests".into()),
            None if self.level.counts_tests() => Some("ran no tests".into()),
            _ => None,
        }
    }

    /// The level's summary line.
    fn summary(&self) -> String {
        let mut line = format!("level {:<8}", self.level.name());
        line.push_str(if self.failed() { "FAILED" } else { "ok" });
        if let Some(counts) = self.report.counts {
            line.push_str(&format!(", {} passed, {} failed", counts.passed, counts.failed));
        }
        line.push_str(&format!(" ({:.1} s)", self.took.as_secs_f64()));
        if let Some(problem) = self.problem() {
            line.push_str(&format!(": {problem}"));
        }
        line
    }
}

/// Runs the task with the arguments after `test`; returns whether everything passed.
pub fn run(args: &[String]) -> Result<bool, String> {
    let options = parse(args)?;
    let ctx = Ctx::new();
    let mut installer = Installer::default();
    let mut outcomes: Vec<Outcome> = Vec::new();
    for &level in &options.levels {
        println!("\n==> level {}", level.name());
        let start = Instant::now();
        let report = if let Some(failed) = failed_prerequisite(level, &outcomes) {
            levels::Report::failed(format!("not run: level {} failed", failed.name()))
        } else {
            match installer.ensure(&ctx, level.needs()) {
                Ok(()) => level.run(&ctx),
                Err(problem) => levels::Report::failed(format!("could not install what it needs: {problem}")),
            }
        };
        let outcome = Outcome {
            level,
            report,
            took: start.elapsed(),
        };
        println!("{}", outcome.summary());
        let failed = outcome.failed();
        outcomes.push(outcome);
        if failed && !options.keep_going {
            break;
        }
    }
    Ok(print_summary(&options.levels, &outcomes))
}

/// The first of the level's prerequisites that failed in this run, if any.
fn failed_prerequisite(level: Level, outcomes: &[Outcome]) -> Option<Level> {
    level.prerequisites().iter().copied().find(|&prerequisite| {
        outcomes
            .iter()
            .any(|outcome| outcome.level == prerequisite && outcome.failed())
    })
}

/// Prints every level's line and the totals; returns whether everything passed.
fn print_summary(planned: &[Level], outcomes: &[Outcome]) -> bool {
    println!("\n==> summary");
    let mut total = Counts::default();
    for outcome in outcomes {
        println!("{}", outcome.summary());
        total += outcome.report.counts.unwrap_or_default();
    }
    for level in &planned[outcomes.len()..] {
        println!("level {:<8}not run", level.name());
    }
    let all_ran = outcomes.len() == planned.len();
    let passed = all_ran && !outcomes.iter().any(Outcome::failed);
    println!("{} passed, {} failed", total.passed, total.failed);
    passed
}

/// Reads the options; `--only` also selects the levels the chosen ones depend on.
fn parse(args: &[String]) -> Result<Options, String> {
    let mut only: Option<Vec<Level>> = None;
    let mut keep_going = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let names = match arg.as_str() {
            "--keep-going" => {
                keep_going = true;
                continue;
            }
            "--only" => args.next().ok_or("--only needs a level")?.as_str(),
            other => match other.strip_prefix("--only=") {
                Some(names) => names,
                None => return Err(format!("unexpected argument `{other}`\n\n{HELP}")),
            },
        };
        let chosen = only.get_or_insert_with(Vec::new);
        for name in names.split(',').filter(|name| !name.is_empty()) {
            let level = Level::parse(name).ok_or_else(|| format!("no level `{name}`"))?;
            chosen.extend(level.prerequisites());
            chosen.push(level);
        }
    }
    // Levels always run in their fixed order, each once.
    let levels = match only {
        Some(chosen) => Level::ALL.into_iter().filter(|level| chosen.contains(level)).collect(),
        None => Level::ALL.to_vec(),
    };
    Ok(Options { levels, keep_going })
}

#[cfg(test)]
mod tests {
    use super::{parse, Level};

    fn levels(args: &[&str]) -> Vec<&'static str> {
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        let options = parse(&args).expect("valid options");
        options.levels.iter().map(|level| level.name()).collect()
    }

    #[test]
    fn all_levels_run_by_default_in_order() {
        assert_eq!(
            levels(&[]),
            ["fmt", "clippy", "native", "word", "browser", "build", "size", "reach", "e2e"]
        );
    }

    #[test]
    fn only_selects_levels_in_their_order_with_prerequisites() {
        assert_eq!(levels(&["--only", "native,fmt"]), ["fmt", "native"]);
        assert_eq!(levels(&["--only=e2e"]), ["build", "e2e"]);
        assert_eq!(levels(&["--only=reach"]), ["build", "reach"]);
        assert_eq!(levels(&["--only=size"]), ["build", "size"]);
        assert_eq!(levels(&["--only", "clippy", "--only", "fmt"]), ["fmt", "clippy"]);
    }

    #[test]
    fn unknown_levels_and_arguments_are_refused() {
        assert!(parse(&["--only".into(), "lint".into()]).is_err());
        assert!(parse(&["--fast".into()]).is_err());
        assert!(parse(&["--only".into()]).is_err());
        assert_eq!(Level::parse("e2e"), Some(Level::E2e));
    }
}
