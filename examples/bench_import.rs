//! Native timings of the issue-16 readers: `.docx` files read and detected, plain-text
//! bulletins given their structure and imported, and the `cjk-digit-spaces` rule, at
//! growing sizes so that linear growth can be seen.
//!
//! Usage: `cargo run --release --example bench_import`. Figures to read, never
//! assertions.

use jianbao::core::docx_in::import as import_docx;
use jianbao::core::ingest::{import_bulletin, rule};
use std::path::PathBuf;
use std::time::Instant;

/// The median time of `runs` runs of `work`, in milliseconds.
fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// A plain-text bulletin with this many items in two sections.
fn plain_bulletin(items: usize) -> String {
    let mut text = String::from("信 息 简 报\n〔2025〕第八十二期（总第1265期）\n示例市科协办公室      2025年3月9日\n");
    for k in 0..items {
        if k % (items / 2).max(1) == 0 {
            text.push_str(&format!("【栏目{}】\n", k / (items / 2).max(1) + 1));
        }
        text.push_str(&format!("示例单位开展第{k}次科普活动\n"));
        text.push_str(&format!(
            "　　3 月 {} 日，示例单位组织 {k} 名科技志愿者走进社区，开展健康咨询和科普讲座，发放资料 200 余份。\n",
            k % 28 + 1
        ));
        text.push_str(&format!("（示例单位{k}供稿）\n"));
    }
    text.push_str("报：市科协领导\n编辑：甲　审核：乙\n（共印60份）\n");
    text
}

fn main() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    println!("docx files, read and detected (median of 50 runs):");
    for name in [
        "submission.docx",
        "bulletin.docx",
        "lists_tables.docx",
        "fields_notes.docx",
    ] {
        let bytes = std::fs::read(folder.join(name)).expect("fixture");
        let ms = median_ms(50, || {
            let _ = import_docx(&bytes, &[]).expect("reads");
        });
        println!("  {name:<20} {:>6} bytes  {ms:>7.3} ms", bytes.len());
    }
    let bomb = std::fs::read(folder.join("bad/bomb.docx")).expect("fixture");
    let ms = median_ms(50, || {
        let _ = import_docx(&bomb, &[]);
    });
    println!("  bad/bomb.docx (refused before inflating) {ms:.3} ms");
    println!("plain-text bulletins, structured and imported (median of 5 runs):");
    for items in [10, 100, 1000] {
        let text = plain_bulletin(items);
        let ms = median_ms(5, || {
            let _ = import_bulletin(&text);
        });
        println!("  {items:>5} items  {:>8} bytes  {ms:>9.2} ms", text.len());
    }
    println!("cjk-digit-spaces alone (median of 5 runs):");
    let digits = rule("cjk-digit-spaces").expect("registered");
    for kb in [100, 1000, 10_000] {
        let line = "召开 2023 年第 7 次会议，";
        let text = line.repeat(kb * 1024 / line.len()) + "\n";
        let ms = median_ms(5, || {
            let _ = (digits.apply)(&text);
        });
        println!("  {kb:>6} KB  {ms:>9.2} ms");
    }
}
