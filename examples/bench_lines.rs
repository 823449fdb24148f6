//! How long pathological lines take through each door of the core, in milliseconds per
//! megabyte, printed by `cargo xtask bench` (and runnable alone).
//!
//! Each line is one fragment that the cleanup rules and parsers look for, repeated over
//! the whole line (alone, mixed with Chinese text, or after it: see
//! `tests/common/lines.rs`), put through `jianbao clean`, the paste dialog's cleanups,
//! import and render. A door whose time is linear in the line's length shows the same
//! figure at every size; the `exp` column is the growth exponent measured between a
//! quarter of the size and the full size (1 is linear, 2 quadratic).
//!
//! A cell whose time would be too long to wait for (its time at 1/16 of the size, grown
//! quadratically, passes `--cap` seconds) is measured at 1/16 and 1/4 of the size only,
//! and its figure at the full size is extrapolated from the exponent between them; such
//! figures are marked `~`.
//!
//! Usage: `cargo run --release --example bench_lines -- [--kb N] [--cap S] [--only DOOR]
//! [--fragment F]`. `--kb` is the line's size in KiB (1024 by default, a 1 MB line).
//! These are figures to read, never assertions; any figure over 1000 ms/MB is flagged.
//! Times are the thread's time on a processor where Linux gives it (the machines are
//! shared), per megabyte of what the door is given (for import, a bulletin whose name,
//! one title and one body are the line).

use std::time::Instant;

#[path = "../tests/common/lines.rs"]
mod lines;

use lines::{line, Door, Shape, DOORS, FRAGMENTS, SHAPES};

/// A figure above this is flagged: no door may take more than a second per megabyte.
const LIMIT_MS_PER_MB: f64 = 1000.0;

/// The options of one run.
struct Options {
    kb: usize,
    cap_s: f64,
    doors: Vec<Door>,
    fragments: Vec<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        kb: 1024,
        cap_s: 20.0,
        doors: DOORS.to_vec(),
        fragments: FRAGMENTS.iter().map(|f| f.to_string()).collect(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--kb" => options.kb = value()?.parse().map_err(|_| "--kb needs a number")?,
            "--cap" => options.cap_s = value()?.parse().map_err(|_| "--cap needs a number")?,
            "--only" => {
                let name = value()?;
                options.doors = DOORS.iter().copied().filter(|d| d.name() == name).collect();
                if options.doors.is_empty() {
                    return Err(format!("no door is called {name}"));
                }
            }
            "--fragment" => options.fragments = vec![value()?],
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    options.kb = options.kb.max(16);
    Ok(options)
}

/// The time this thread has spent on a processor, in nanoseconds, when Linux says
/// (`/proc/thread-self/schedstat`). The machines that run the benchmark are shared, and
/// the time on a processor does not count the time other processes take.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Seconds that one pass of `input` through `door` takes: time on a processor when it
/// can be read, else time on the clock. A pass shorter than 50 ms is repeated (up to 50
/// times) and the mean taken, since the time on a processor is counted in ticks.
fn seconds(door: Door, input: &str) -> f64 {
    let cpu = cpu_ns();
    let start = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || (passes < 50 && start.elapsed().as_secs_f64() < 0.05) {
        std::hint::black_box(door.run(std::hint::black_box(input)));
        passes += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    let total = match (cpu, cpu_ns()) {
        (Some(before), Some(after)) if after > before => (after - before) as f64 / 1e9,
        _ => wall,
    };
    total / f64::from(passes)
}

/// One cell of the table.
struct Cell {
    /// Milliseconds per megabyte at the full size (extrapolated when `estimated`).
    ms_per_mb: f64,
    /// The growth exponent, when the times were long enough to tell.
    exponent: Option<f64>,
    estimated: bool,
}

/// The growth exponent between two times at sizes four times apart, when both are long
/// enough for the ratio to mean something.
fn exponent(small: f64, large: f64) -> Option<f64> {
    (small >= 0.002 && large >= 0.010).then(|| (large / small).ln() / 4f64.ln())
}

fn measure(door: Door, fragment: &str, shape: Shape, options: &Options) -> Cell {
    let full = options.kb * 1024;
    let mb = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let input = |bytes: usize| door.input(&line(fragment, shape, bytes));
    let sixteenth = input(full / 16);
    let t16 = seconds(door, &sixteenth);
    let quarter = input(full / 4);
    if t16 * 256.0 > options.cap_s {
        // Too slow to run whole: 1/4 when that fits, and extrapolate.
        if t16 * 16.0 > options.cap_s {
            let k = 2.0;
            return Cell {
                ms_per_mb: t16 * 16f64.powf(k) * 1000.0 / mb(sixteenth.len() * 16),
                exponent: None,
                estimated: true,
            };
        }
        let t4 = seconds(door, &quarter);
        let k = exponent(t16, t4).unwrap_or(2.0).max(1.0);
        return Cell {
            ms_per_mb: t4 * 4f64.powf(k) * 1000.0 / mb(quarter.len() * 4),
            exponent: Some(k),
            estimated: true,
        };
    }
    let t4 = seconds(door, &quarter);
    let whole = input(full);
    let t1 = seconds(door, &whole);
    Cell {
        ms_per_mb: t1 * 1000.0 / mb(whole.len()),
        exponent: exponent(t4, t1),
        estimated: false,
    }
}

/// A fragment as it reads in the table: in backticks, with a space made visible, padded
/// to 12 columns (a wide character takes two).
fn shown(fragment: &str) -> String {
    let text = format!("`{}`", fragment.replace(' ', "␠"));
    let columns: usize = text.chars().map(|c| if c.is_ascii() || c == '␠' { 1 } else { 2 }).sum();
    format!("{text}{}", " ".repeat(12usize.saturating_sub(columns)))
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bench_lines: {message}");
            std::process::exit(2);
        }
    };
    println!(
        "\nPathological lines of {} KiB through each door, ms per MB (exp: growth exponent, \
         1 = linear; ~: extrapolated; !: over {LIMIT_MS_PER_MB} ms/MB):\n",
        options.kb
    );
    let header: Vec<String> = options.doors.iter().map(|d| format!("{:>16}", d.name())).collect();
    println!("{:<12} {:<6} |{}", "fragment", "shape", header.join(" |"));
    println!("{}", "-".repeat(21 + 18 * options.doors.len()));
    let mut over = Vec::new();
    let mut worst = 0f64;
    let mut cells = 0;
    for fragment in &options.fragments {
        for shape in SHAPES {
            let mut row = Vec::new();
            for &door in &options.doors {
                let cell = measure(door, fragment, shape, &options);
                cells += 1;
                worst = worst.max(cell.ms_per_mb);
                let flag = if cell.ms_per_mb > LIMIT_MS_PER_MB {
                    over.push(format!(
                        "{} {} {}",
                        shown(fragment).trim_end(),
                        shape.name(),
                        door.name()
                    ));
                    "!"
                } else {
                    " "
                };
                let exp = cell.exponent.map_or("   -".to_string(), |k| format!("{k:4.1}"));
                let tilde = if cell.estimated { "~" } else { " " };
                row.push(format!("{tilde}{:>9.0}{flag} {exp}", cell.ms_per_mb));
            }
            println!("{} {:<6} |{}", shown(fragment), shape.name(), row.join(" |"));
        }
    }
    println!(
        "\n{cells} cells, worst {worst:.0} ms/MB; {} over {LIMIT_MS_PER_MB} ms/MB{}",
        over.len(),
        if over.is_empty() {
            String::new()
        } else {
            format!(": {}", over.join(", "))
        }
    );
}
