//! What the release build weighs, and the budgets it must stay within.
//!
//! `budgets.toml` at the top of the repository gives, in bytes of `gzip -9`, a limit for
//! each part of the first load (the main wasm, its JavaScript glue, the CSS, and the sum
//! of the three) and for each part loaded on demand (a worker: its wasm and its
//! JavaScript, loader shim included). The `size` level of `cargo xtask test` measures the
//! built `dist/` with [`measure`] and compares with [`check`]: every part over its budget
//! fails with the figures, and so does a built part with no budget (add one) or a budget
//! with no part (remove it). Sizes are deterministic, so this is a test, not a timing.

use crate::cmd::Ctx;
use crate::dist;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Help for this task.
pub const HELP: &str = "\
cargo xtask size [--dist DIR]
    Check an existing build (dist/ or DIR) against budgets.toml without building: gzip -9
    of the first load (wasm, JS, CSS, their sum) and of each on-demand worker. The `size`
    level of `cargo xtask test` does the same after building.";

/// Runs the task with the arguments after `size`; returns whether every part is within
/// its budget.
pub fn run(args: &[String]) -> Result<bool, String> {
    let ctx = Ctx::new();
    let dist = match args {
        [] => ctx.path("dist"),
        [flag, dir] if flag == "--dist" => ctx.root.join(dir),
        _ => return Err(format!("unexpected arguments: {args:?}\n\n{HELP}")),
    };
    let (passed, failed) = run_check(&ctx.root, &dist)?;
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0)
}

/// The budgets file, relative to the repository's root.
pub const BUDGETS_FILE: &str = "budgets.toml";
/// The section of the first load's parts.
const FIRST_LOAD: &str = "first_load";
/// The section of the parts loaded on demand.
const ON_DEMAND: &str = "on_demand";
/// The first load's parts, in the order they are reported.
const FIRST_LOAD_PARTS: [&str; 4] = ["wasm", "js", "css", "total"];

/// One part of the build and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `first_load.wasm`, `on_demand.reader_worker`, ...: the section and the key of its
    /// budget.
    pub key: String,
    /// The files it is made of, relative to the build folder.
    pub files: Vec<String>,
    /// Their raw size in bytes, added up.
    pub raw: u64,
    /// Their sizes after `gzip -9`, added up: what the budget limits.
    pub gzip: u64,
}

/// One budget: the part's key and its limit in gzip bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// `first_load.wasm`, `on_demand.reader_worker`, ...
    pub key: String,
    /// The limit, in bytes of `gzip -9`.
    pub gzip: u64,
}

/// What comparing one part (or one budget) found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Within its budget.
    Within { actual: u64, budget: u64 },
    /// Over its budget.
    Over { actual: u64, budget: u64 },
    /// A part that was built but has no budget.
    NoBudget { actual: u64 },
    /// A budget whose part the build does not have.
    NoPart { budget: u64 },
}

impl Verdict {
    /// Whether this line fails the check.
    pub fn failed(&self) -> bool {
        !matches!(self, Verdict::Within { .. })
    }
}

/// Reads `budgets.toml`: `[first_load]` and `[on_demand]` sections of `name = bytes`
/// lines, `#` comments, `_` allowed between digits. Anything else is an error, so that a
/// typing mistake never drops a budget silently.
pub fn parse_budgets(text: &str) -> Result<Vec<Budget>, String> {
    let mut section: Option<&str> = None;
    let mut budgets: Vec<Budget> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            let name = name.trim();
            if name != FIRST_LOAD && name != ON_DEMAND {
                return Err(format!(
                    "{BUDGETS_FILE} line {number}: unknown section [{name}] (only [{FIRST_LOAD}] and [{ON_DEMAND}])"
                ));
            }
            section = Some(if name == FIRST_LOAD { FIRST_LOAD } else { ON_DEMAND });
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(format!(
                "{BUDGETS_FILE} line {number}: expected `name = bytes`, found `{line}`"
            ));
        };
        let Some(section) = section else {
            return Err(format!(
                "{BUDGETS_FILE} line {number}: `{line}` comes before any section"
            ));
        };
        let name = name.trim();
        let digits = value.trim().replace('_', "");
        let gzip = digits.parse::<u64>().map_err(|_| {
            format!(
                "{BUDGETS_FILE} line {number}: `{}` is not a number of bytes",
                value.trim()
            )
        })?;
        if section == FIRST_LOAD && !FIRST_LOAD_PARTS.contains(&name) {
            return Err(format!(
                "{BUDGETS_FILE} line {number}: [{FIRST_LOAD}] knows {}, not `{name}`",
                FIRST_LOAD_PARTS.join(", ")
            ));
        }
        let key = format!("{section}.{name}");
        if budgets.iter().any(|budget| budget.key == key) {
            return Err(format!("{BUDGETS_FILE} line {number}: `{key}` is given twice"));
        }
        budgets.push(Budget { key, gzip });
    }
    Ok(budgets)
}

/// Compares the measured parts with the budgets: one verdict per part, in the parts'
/// order, then one per budget that no part matched.
pub fn check(parts: &[Part], budgets: &[Budget]) -> Vec<(String, Verdict)> {
    let mut verdicts: Vec<(String, Verdict)> = parts
        .iter()
        .map(|part| {
            let actual = part.gzip;
            let verdict = match budgets.iter().find(|budget| budget.key == part.key) {
                None => Verdict::NoBudget { actual },
                Some(budget) if actual > budget.gzip => Verdict::Over {
                    actual,
                    budget: budget.gzip,
                },
                Some(budget) => Verdict::Within {
                    actual,
                    budget: budget.gzip,
                },
            };
            (part.key.clone(), verdict)
        })
        .collect();
    for budget in budgets {
        if !parts.iter().any(|part| part.key == budget.key) {
            verdicts.push((budget.key.clone(), Verdict::NoPart { budget: budget.gzip }));
        }
    }
    verdicts
}

/// One line of the report for a verdict.
pub fn describe(key: &str, verdict: &Verdict) -> String {
    match *verdict {
        Verdict::Within { actual, budget } => format!(
            "ok      {key}: {} gzip, budget {} ({} under)",
            bytes(actual),
            bytes(budget),
            bytes(budget - actual)
        ),
        Verdict::Over { actual, budget } => format!(
            "OVER    {key}: {} gzip, budget {}, over by {} ({:.1} %)",
            bytes(actual),
            bytes(budget),
            bytes(actual - budget),
            (actual - budget) as f64 * 100.0 / budget.max(1) as f64
        ),
        Verdict::NoBudget { actual } => {
            let (section, name) = key.split_once('.').unwrap_or(("", key));
            format!(
                "MISSING {key}: {} gzip and no budget: add `{name} = <bytes>` under [{section}] in \
                 {BUDGETS_FILE} (its size plus 1 to 2 %)",
                bytes(actual)
            )
        }
        Verdict::NoPart { budget } => format!(
            "STALE   {key}: budget {} but the build has no such part: remove it from {BUDGETS_FILE}",
            bytes(budget)
        ),
    }
}

/// A byte count with thousands separated by commas.
pub fn bytes(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    format!("{out} B")
}

/// The files of a build folder, split into the first load and the on-demand parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// The main wasm (what the page's loader names).
    pub wasm: String,
    /// Its JavaScript glue.
    pub js: String,
    /// The stylesheets the page links, in order.
    pub css: Vec<String>,
    /// Each on-demand part: its name (`reader_worker`) and its files.
    pub on_demand: Vec<(String, Vec<String>)>,
}

/// Reads which file is which from the built `index.html` and the folder's file names:
/// the first load is what the page's loader and stylesheets name; every other `.wasm` is
/// an on-demand part named after its file (`reader_worker_bg.wasm` is `reader_worker`),
/// with the `.js` files that carry its name (glue and loader shim).
pub fn layout(index: &str, files: &[String]) -> Result<Layout, String> {
    let loader = dist::inline_script(index).ok_or("index.html has no inline <script type=\"module\">")?;
    let js = dist::between(loader, "from './", "'").ok_or("the loader imports no script")?;
    let wasm = dist::between(loader, "module_or_path: './", "'").ok_or("the loader names no wasm")?;
    let css: Vec<String> = dist::stylesheets(index).into_iter().map(str::to_string).collect();
    let mut on_demand: Vec<(String, Vec<String>)> = Vec::new();
    for file in files {
        if file == wasm || file.contains('/') {
            continue;
        }
        let Some(stem) = file.strip_suffix(".wasm") else {
            continue;
        };
        let name = unhashed(stem.strip_suffix("_bg").unwrap_or(stem));
        let mut part_files: Vec<String> = files
            .iter()
            .filter(|other| !other.contains('/'))
            .filter(|other| {
                other.as_str() == file
                    || other.strip_suffix(".js").is_some_and(|js_stem| {
                        let js_stem = unhashed(js_stem);
                        js_stem == name || js_stem.strip_suffix("_loader") == Some(name)
                    })
            })
            .cloned()
            .collect();
        part_files.sort();
        on_demand.push((name.to_string(), part_files));
    }
    on_demand.sort();
    Ok(Layout {
        wasm: wasm.to_string(),
        js: js.to_string(),
        css,
        on_demand,
    })
}

/// A file stem without Trunk's `-<16 hex digits>` hash.
fn unhashed(stem: &str) -> &str {
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.len() == 16 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()) => name,
        _ => stem,
    }
}

/// The build's parts with their sizes: the first load's wasm, JavaScript, CSS and their
/// total, then each on-demand part.
pub fn measure(dist: &Path) -> Result<Vec<Part>, String> {
    let index = fs::read_to_string(dist.join("index.html"))
        .map_err(|err| format!("cannot read {}/index.html (build first): {err}", dist.display()))?;
    let mut files: Vec<String> = fs::read_dir(dist)
        .map_err(|err| format!("cannot list {}: {err}", dist.display()))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let layout = layout(&index, &files)?;
    let part = |key: String, names: Vec<String>| -> Result<Part, String> {
        let mut raw = 0;
        let mut gzip = 0;
        for name in &names {
            let (file_raw, file_gzip) = sizes(&dist.join(name))?;
            raw += file_raw;
            gzip += file_gzip;
        }
        Ok(Part {
            key,
            files: names,
            raw,
            gzip,
        })
    };
    let wasm = part(format!("{FIRST_LOAD}.wasm"), vec![layout.wasm.clone()])?;
    let js = part(format!("{FIRST_LOAD}.js"), vec![layout.js.clone()])?;
    let css = part(format!("{FIRST_LOAD}.css"), layout.css.clone())?;
    let total = Part {
        key: format!("{FIRST_LOAD}.total"),
        files: [&wasm, &js, &css].iter().flat_map(|part| part.files.clone()).collect(),
        raw: wasm.raw + js.raw + css.raw,
        gzip: wasm.gzip + js.gzip + css.gzip,
    };
    let mut parts = vec![wasm, js, css, total];
    for (name, names) in layout.on_demand {
        parts.push(part(format!("{ON_DEMAND}.{name}"), names)?);
    }
    Ok(parts)
}

/// A file's size raw and after `gzip -9`.
pub fn sizes(path: &Path) -> Result<(u64, u64), String> {
    let raw = fs::metadata(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?
        .len();
    let output = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .arg(path)
        .output()
        .map_err(|err| format!("cannot run gzip (Debian's gzip package): {err}"))?;
    if !output.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok((raw, output.stdout.len() as u64))
}

/// The path of the budgets file in the repository at `root`.
pub fn budgets_path(root: &Path) -> PathBuf {
    root.join(BUDGETS_FILE)
}

/// Measures the build in `dist`, compares it with the budgets and prints one line per
/// part; returns how many lines passed and failed.
pub fn run_check(root: &Path, dist: &Path) -> Result<(u64, u64), String> {
    let path = budgets_path(root);
    let text = fs::read_to_string(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let budgets = parse_budgets(&text)?;
    let parts = measure(dist)?;
    println!("Sizes of {} against {BUDGETS_FILE} (gzip -9):", dist.display());
    let (mut passed, mut failed) = (0, 0);
    for (key, verdict) in check(&parts, &budgets) {
        println!("  {}", describe(&key, &verdict));
        if verdict.failed() {
            failed += 1;
        } else {
            passed += 1;
        }
    }
    Ok((passed, failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(key: &str, gzip: u64) -> Part {
        Part {
            key: key.to_string(),
            files: vec![],
            raw: gzip * 3,
            gzip,
        }
    }

    fn budget(key: &str, gzip: u64) -> Budget {
        Budget {
            key: key.to_string(),
            gzip,
        }
    }

    #[test]
    fn budgets_are_read_with_comments_and_underscores() {
        let text = "# gzip -9 bytes\n[first_load]\nwasm = 495_000 # the app\njs=9_900\n\n[on_demand]\nreader_worker = 318000\n";
        assert_eq!(
            parse_budgets(text),
            Ok(vec![
                budget("first_load.wasm", 495_000),
                budget("first_load.js", 9_900),
                budget("on_demand.reader_worker", 318_000),
            ])
        );
    }

    #[test]
    fn a_malformed_budgets_file_is_refused() {
        assert!(parse_budgets("wasm = 1\n").is_err(), "no section");
        assert!(
            parse_budgets("[first_load]\nfonts = 1\n").is_err(),
            "unknown first-load part"
        );
        assert!(parse_budgets("[extras]\nx = 1\n").is_err(), "unknown section");
        assert!(parse_budgets("[first_load]\nwasm = 1 KB\n").is_err(), "not bytes");
        assert!(parse_budgets("[first_load]\nwasm\n").is_err(), "no value");
        assert!(parse_budgets("[first_load]\nwasm = 1\nwasm = 2\n").is_err(), "twice");
    }

    #[test]
    fn a_part_over_its_budget_fails_with_the_figures() {
        let verdicts = check(
            &[part("first_load.wasm", 1_010), part("first_load.js", 100)],
            &[budget("first_load.wasm", 1_000), budget("first_load.js", 100)],
        );
        assert_eq!(
            verdicts,
            vec![
                (
                    "first_load.wasm".to_string(),
                    Verdict::Over {
                        actual: 1_010,
                        budget: 1_000
                    }
                ),
                (
                    "first_load.js".to_string(),
                    Verdict::Within {
                        actual: 100,
                        budget: 100
                    }
                ),
            ]
        );
        assert!(verdicts[0].1.failed() && !verdicts[1].1.failed());
        assert_eq!(
            describe(&verdicts[0].0, &verdicts[0].1),
            "OVER    first_load.wasm: 1,010 B gzip, budget 1,000 B, over by 10 B (1.0 %)"
        );
    }

    #[test]
    fn a_worker_without_a_budget_and_a_budget_without_a_worker_fail() {
        let verdicts = check(
            &[part("on_demand.stats_worker", 5_000)],
            &[budget("on_demand.old_worker", 4_000)],
        );
        assert_eq!(verdicts.len(), 2);
        assert!(verdicts.iter().all(|(_, verdict)| verdict.failed()));
        let missing = describe(&verdicts[0].0, &verdicts[0].1);
        assert!(
            missing.contains("add `stats_worker = <bytes>` under [on_demand] in budgets.toml"),
            "{missing}"
        );
        assert!(describe(&verdicts[1].0, &verdicts[1].1).contains("remove it"));
    }

    #[test]
    fn byte_counts_are_grouped_by_thousands() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_000), "1,000 B");
        assert_eq!(bytes(1_222_244), "1,222,244 B");
    }

    #[test]
    fn the_layout_splits_first_load_from_workers() {
        let index = "<html><head><script type=\"module\">\nimport init from './jianbao-web-0123456789abcdef.js';\n\
            init({ module_or_path: './jianbao-web-0123456789abcdef_bg.wasm' });\n</script>\
            <link rel=\"stylesheet\" href=\"./bulletin-1111111111111111.css\"/>\
            <link rel=\"stylesheet\" href=\"./app-2222222222222222.css\"/></head></html>";
        let files: Vec<String> = [
            "app-2222222222222222.css",
            "bulletin-1111111111111111.css",
            "icon-192.png",
            "index.html",
            "jianbao-web-0123456789abcdef.js",
            "jianbao-web-0123456789abcdef_bg.wasm",
            "reader_worker.js",
            "reader_worker_bg.wasm",
            "reader_worker_loader.js",
            "stats_worker-aaaaaaaaaaaaaaaa.js",
            "stats_worker-aaaaaaaaaaaaaaaa_bg.wasm",
            "sw.js",
        ]
        .iter()
        .map(|name| name.to_string())
        .collect();
        let layout = layout(index, &files).expect("a layout");
        assert_eq!(layout.wasm, "jianbao-web-0123456789abcdef_bg.wasm");
        assert_eq!(layout.js, "jianbao-web-0123456789abcdef.js");
        assert_eq!(
            layout.css,
            ["bulletin-1111111111111111.css", "app-2222222222222222.css"]
        );
        assert_eq!(
            layout.on_demand,
            vec![
                (
                    "reader_worker".to_string(),
                    vec![
                        "reader_worker.js".to_string(),
                        "reader_worker_bg.wasm".to_string(),
                        "reader_worker_loader.js".to_string()
                    ]
                ),
                (
                    "stats_worker".to_string(),
                    vec![
                        "stats_worker-aaaaaaaaaaaaaaaa.js".to_string(),
                        "stats_worker-aaaaaaaaaaaaaaaa_bg.wasm".to_string()
                    ]
                ),
            ]
        );
    }
}
