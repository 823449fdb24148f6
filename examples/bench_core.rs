//! Native timings of the pure core on the big issue, printed by `cargo xtask bench`:
//! import of the Markdown, rendering of the whole preview, and export to Markdown and to
//! the standalone HTML file, each the median of N runs with `std::time::Instant`.
//!
//! Usage: `cargo run --release --example bench_core -- PATH [RUNS]`. These are figures to
//! read, never assertions; the browser figures come from `bench/browser.mjs`.

use jianbao::core::format;
use jianbao::core::render;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `work`, in milliseconds.
fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_core PATH [RUNS]");
        std::process::exit(2);
    };
    let runs = args.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(20).max(3);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("cannot read {path}: {err}");
            std::process::exit(1);
        }
    };
    let (issue, _) = format::import(&text);
    let import = median_ms(runs, || {
        std::hint::black_box(format::import(std::hint::black_box(&text)));
    });
    let render = median_ms(runs, || {
        let mut out = String::new();
        render::render_issue(std::hint::black_box(&issue), &mut out);
        std::hint::black_box(out);
    });
    let markdown = median_ms(runs, || {
        std::hint::black_box(format::export(std::hint::black_box(&issue)));
    });
    let html = median_ms(runs, || {
        std::hint::black_box(render::standalone_document(
            std::hint::black_box(&issue),
            render::BULLETIN_CSS,
        ));
    });
    println!(
        "\nNative core on {path} ({} chars), medians of {runs} runs:\n",
        text.chars().count()
    );
    println!("figure                  | measured");
    println!("---                     | ---");
    println!("import Markdown         | {import:.2} ms");
    println!("render whole preview    | {render:.2} ms");
    println!("export Markdown         | {markdown:.2} ms");
    println!("export standalone HTML  | {html:.2} ms");
}
