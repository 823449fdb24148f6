//! Native timings of the autosave on the big issue and the sample issue, printed by
//! `cargo xtask bench`: 50 saves over the in-memory key-value storage, each after one
//! keystroke in the same item, as the store writes them now (the parts that changed,
//! then the head) and as version 2 wrote them (the whole issue exported into one record).
//!
//! Each figure is the median over RUNS runs of 50 saves (p50, p95 and max within a run),
//! so that a run that lost the processor to other work does not decide the figure. The
//! times are wall-clock: on a busy machine a save that loses the processor for a
//! scheduler slice shows it in the p95 and max. Since every run replays the same saves,
//! a second line takes each save's fastest run before the p50/p95/max, which leaves that
//! waiting out.
//!
//! Usage: `cargo run --release --example bench_autosave -- [PATH|-] [SAVES] [RUNS]`. These
//! are figures to read, never assertions; the browser figures come from `bench/browser.mjs`.

use jianbao::core::edit::{apply, Edit};
use jianbao::core::format::{export, import};
use jianbao::core::issue::Issue;
use jianbao::core::sample::sample_issue;
use jianbao::store::drafts::Drafts;
use jianbao::store::kv::{Kv, MemoryKv};
use jianbao::store::parts::PART_PREFIX;
use jianbao::store::records::new_record;
use std::rc::Rc;
use std::time::Instant;

/// Times `work` on the wall clock (milliseconds).
fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = work();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

/// The p50, p95 and max of some timings in milliseconds.
fn summary(mut times: Vec<f64>) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95), *times.last().unwrap_or(&0.0))
}

/// One keystroke at the end of the body of the item at `position` in print order.
fn keystroke(issue: &mut Issue, position: usize) {
    let (id, body) = issue
        .items()
        .nth(position)
        .map(|(_, item)| (item.id, item.body.clone()))
        .expect("the item exists");
    apply(issue, Edit::SetBody(id, format!("{body}x")));
}

struct Figures {
    /// Each save's time, in order (the runs replay the same saves).
    part_times: Vec<f64>,
    whole_times: Vec<f64>,
    parts: (f64, f64, f64),
    whole: (f64, f64, f64),
    writes_per_save: f64,
    units_per_save: f64,
    head_units: usize,
    first_save: f64,
}

fn measure(issue: &Issue, saves: usize) -> Figures {
    let kv = Rc::new(MemoryKv::new());
    let mut drafts = Drafts::new(Rc::clone(&kv), || 1_700_000_000_000.0, || "bench".into());
    let mut issue = issue.clone();
    let position = issue.item_count() / 2;
    let start = Instant::now();
    let mut revision = drafts
        .save_issue("bench", "简报", &issue, 0, Some(position))
        .expect("saved");
    let first_save = start.elapsed().as_secs_f64() * 1000.0;
    kv.take_written();
    let (mut times, mut writes, mut units) = (Vec::new(), 0, 0);
    for _ in 0..saves {
        keystroke(&mut issue, position);
        let (saved, wall) = timed(|| drafts.save_issue("bench", "简报", &issue, revision, Some(position)));
        revision = saved.expect("saved");
        times.push(wall);
        let written = kv.take_written();
        writes += written.len();
        units += written
            .iter()
            .map(|k| kv.get(k).ok().flatten().map_or(0, |v| v.encode_utf16().count()))
            .sum::<usize>();
    }
    let head_units = kv
        .get("jianbao:issue:bench")
        .ok()
        .flatten()
        .map_or(0, |v| v.encode_utf16().count());
    // Version 2's save: export the whole issue, serialise it into one record, write it.
    let old = MemoryKv::new();
    let mut whole = Vec::new();
    for n in 0..saves {
        keystroke(&mut issue, position);
        let (_, wall) = timed(|| {
            let record = new_record("bench", n as u64, 0.0, export(&issue));
            let json = serde_json::to_string(&record).expect("serialises");
            old.set("jianbao:issue:bench", &json).expect("written");
        });
        whole.push(wall);
    }
    Figures {
        parts: summary(times.clone()),
        whole: summary(whole.clone()),
        part_times: times,
        whole_times: whole,
        writes_per_save: writes as f64 / saves as f64,
        units_per_save: units as f64 / saves as f64,
        head_units,
        first_save,
    }
}

/// The median of each figure over `runs` runs.
fn median_run(issue: &Issue, saves: usize, runs: usize) -> Figures {
    let all: Vec<Figures> = (0..runs).map(|_| measure(issue, saves)).collect();
    let median = |f: &dyn Fn(&Figures) -> f64| {
        let mut values: Vec<f64> = all.iter().map(f).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    // Every run replays the same saves: each save's fastest run leaves out the time it
    // waited while other work had the processor.
    let fastest = |times: &dyn Fn(&Figures) -> &Vec<f64>| -> Vec<f64> {
        (0..saves)
            .map(|i| all.iter().map(|f| times(f)[i]).fold(f64::INFINITY, f64::min))
            .collect()
    };
    Figures {
        part_times: fastest(&|f| &f.part_times),
        whole_times: fastest(&|f| &f.whole_times),
        parts: (median(&|f| f.parts.0), median(&|f| f.parts.1), median(&|f| f.parts.2)),
        whole: (median(&|f| f.whole.0), median(&|f| f.whole.1), median(&|f| f.whole.2)),
        writes_per_save: median(&|f| f.writes_per_save),
        units_per_save: median(&|f| f.units_per_save),
        head_units: all[0].head_units,
        first_save: median(&|f| f.first_save),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    // `-` for no big issue.
    let path = args.next().filter(|path| path != "-");
    let saves = args.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(50).max(3);
    let runs = args.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(5).max(1);
    let mut issues = vec![("sample".to_string(), sample_issue())];
    match path.as_deref().map(std::fs::read_to_string) {
        Some(Ok(text)) => issues.push((format!("big ({} items)", import(&text).0.item_count()), import(&text).0)),
        Some(Err(err)) => eprintln!(
            "cannot read {}: {err}; the big issue is skipped",
            path.unwrap_or_default()
        ),
        None => eprintln!("no big issue given; only the sample issue is measured"),
    }
    println!(
        "\nAutosave over the in-memory storage, {saves} saves with one keystroke before each, medians of {runs} runs (native, release):\n"
    );
    println!("issue | parts p50 / p95 / max | v2 whole record p50 / p95 / max | writes per save | UTF-16 units written per save | head | first save");
    println!("---   | ---                   | ---                             | ---             | ---                           | ---  | ---");
    for (name, issue) in &issues {
        let f = median_run(issue, saves, runs);
        let ms = |(p50, p95, max): (f64, f64, f64)| format!("{p50:.3} / {p95:.3} / {max:.3} ms");
        println!(
            "{name}, median of runs | {} | {} | {:.1} | {:.0} | {} units | {:.2} ms",
            ms(f.parts),
            ms(f.whole),
            f.writes_per_save,
            f.units_per_save,
            f.head_units,
            f.first_save,
        );
        println!(
            "{name}, each save's fastest run | {} | {} | | | |",
            ms(summary(f.part_times.clone())),
            ms(summary(f.whole_times.clone())),
        );
    }
    // What gloo-storage's typed `set` would store instead of each record's own text: the
    // JSON text quoted and escaped once more (see ARCHITECTURE.md, "Storage").
    if let Some((_, issue)) = issues.last() {
        let kv = Rc::new(MemoryKv::new());
        let mut drafts = Drafts::new(Rc::clone(&kv), || 0.0, || "bench".into());
        drafts.save_issue("bench", "简报", issue, 0, None).expect("saved");
        let values: Vec<String> = kv
            .dump()
            .into_iter()
            .filter(|(k, _)| k.starts_with(PART_PREFIX) || k.starts_with("jianbao:issue:"))
            .map(|(_, v)| v)
            .collect();
        let plain: usize = values.iter().map(|v| v.encode_utf16().count()).sum();
        let start = Instant::now();
        let quoted: usize = values
            .iter()
            .map(|v| {
                serde_json::to_string(v)
                    .expect("a string serialises")
                    .encode_utf16()
                    .count()
            })
            .sum();
        let took = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "\nStored as JSON strings (gloo-storage's typed set): {plain} → {quoted} UTF-16 units (+{:.1} %), {took:.2} ms to quote every part once.",
            (quoted as f64 / plain as f64 - 1.0) * 100.0
        );
    }
}
