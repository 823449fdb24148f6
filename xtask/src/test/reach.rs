//! The `reach` level: does the build run on the oldest browser we support (Chromium 83,
//! docs/BROWSERS.md)? Four checks, each counted as tests:
//!
//! 1. the built wasm uses no WebAssembly feature newer than the floor ([`wasm_features`]);
//! 2. every script we ship parses as ES2020 and names no newer built-in
//!    (`tests/reach/scripts.mjs`, with acorn);
//! 3. every CSS property, value and selector newer than the floor has a fallback or an
//!    `@supports` guard (`tests/reach/styles.mjs`, with PostCSS);
//! 4. the app itself in real old Chromium builds, 83.0.4103 and 86.0.4240, from npm
//!    packages made for serverless functions (`tests/reach/old-chromium.mjs`): the served
//!    build, the `#/contribute` page and the single file from disk.

use super::counts::Counts;
use super::levels::Report;
use super::wasm_features;
use crate::cmd::{self, Ctx};
use std::fs;
use std::path::Path;

/// The oldest Chromium the app supports.
pub const FLOOR: u32 = 83;

/// Runs the four checks against the build in `dist` (and its single file beside it).
pub fn run(ctx: &Ctx, dist: &Path) -> Report {
    let mut counts = Counts::default();
    let mut problems = Vec::new();
    match wasm_check(dist) {
        Ok(wasm) => counts += wasm,
        Err(problem) => problems.push(problem),
    }
    let single = crate::dist::single_dir(dist).join(crate::dist::SINGLE_NAME);
    let scripts = [
        ("tests/reach/scripts.mjs", vec![dist.as_os_str(), single.as_os_str()]),
        ("tests/reach/styles.mjs", vec![]),
        (
            "tests/reach/old-chromium.mjs",
            vec![dist.as_os_str(), single.as_os_str()],
        ),
    ];
    for (script, args) in scripts {
        let mut command = ctx.command("node");
        command.arg(script).args(args);
        match cmd::run_captured(&mut command) {
            Ok(output) => match plain_counts(&output.lines) {
                Some(found) => {
                    counts += found;
                    if !output.success && found.failed == 0 {
                        problems.push(format!("{script} failed"));
                    }
                }
                None => problems.push(format!("{script} printed no `N passed, N failed` line")),
            },
            Err(problem) => problems.push(problem),
        }
    }
    Report {
        counts: Some(counts),
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// One test per wasm file in `dist`: it passes when the module uses nothing newer than
/// [`FLOOR`].
fn wasm_check(dist: &Path) -> Result<Counts, String> {
    let entries = fs::read_dir(dist).map_err(|err| format!("cannot list {}: {err}", dist.display()))?;
    let mut counts = Counts::default();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "wasm") {
            continue;
        }
        let bytes = fs::read(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match wasm_features::beyond(&bytes, FLOOR) {
            Ok(found) if found.is_empty() => {
                println!("ok: {name} uses no WebAssembly feature beyond Chromium {FLOOR}");
                counts.passed += 1;
            }
            Ok(found) => {
                println!("FAILED: {name} uses features beyond Chromium {FLOOR}:");
                for finding in found {
                    println!(
                        "  {} (Chromium {}): {} place(s), first {}",
                        finding.feature, finding.chromium, finding.count, finding.example
                    );
                }
                counts.failed += 1;
            }
            Err(problem) => {
                println!("FAILED: {name} cannot be read: {problem}");
                counts.failed += 1;
            }
        }
    }
    if counts.total() == 0 {
        return Err(format!("no .wasm file in {}", dist.display()));
    }
    Ok(counts)
}

/// The last plain `N passed, N failed` line of a script's output.
fn plain_counts<S: AsRef<str>>(lines: &[S]) -> Option<Counts> {
    lines.iter().rev().find_map(|line| {
        let line = line.as_ref().trim();
        let line = line.rsplit_once(": ").map_or(line, |(_, rest)| rest);
        let (passed, failed) = line.split_once(" passed, ")?;
        let failed = failed.strip_suffix(" failed")?;
        Some(Counts {
            passed: passed.trim().parse().ok()?,
            failed: failed.trim().parse().ok()?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_count_line_is_read() {
        let lines = ["ok: a", "scripts: 7 passed, 1 failed", "bye"];
        assert_eq!(plain_counts(&lines), Some(Counts { passed: 7, failed: 1 }));
        assert_eq!(
            plain_counts(&["3 passed, 0 failed"]),
            Some(Counts { passed: 3, failed: 0 })
        );
        assert_eq!(plain_counts(&["passed, failed", "nothing"]), None);
    }

    #[test]
    fn a_folder_without_wasm_is_an_error() {
        let dir = std::env::temp_dir().join(format!("jianbao-reach-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a folder");
        assert!(wasm_check(&dir).is_err());
        fs::write(dir.join("a.wasm"), b"\0asm\x01\0\0\0").expect("written");
        assert_eq!(wasm_check(&dir), Ok(Counts { passed: 1, failed: 0 }));
        fs::write(dir.join("b.wasm"), b"\0asm\x01\0\0\0\x04\x04\x01\x6f\x00\x01").expect("written");
        assert_eq!(wasm_check(&dir), Ok(Counts { passed: 1, failed: 1 }));
        fs::remove_dir_all(&dir).expect("removed");
    }
}
