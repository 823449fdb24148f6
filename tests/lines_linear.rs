//! Pathological lines through every door of the core: one short fragment that the rules
//! and parsers look for (an unmatched `<a `, a link opener `](`, a bracket, a quote, an
//! entity or URL opener…) repeated over a whole line, alone, mixed with Chinese text, and
//! after it, at two sizes four times apart.
//!
//! Each door must come through without a panic and lose no text: every Chinese character
//! of the line comes out. How long it takes is not asserted here (the machines that run
//! the tests are shared); `examples/bench_lines.rs` prints it in ms per MB for 1 MB
//! lines, and `cargo xtask bench` flags any door over a second per megabyte. These lines
//! took time quadratic in their length before the rules became linear, so a regression
//! shows there first and, at worst, as a test that runs for minutes here.

// Native only: the paste and import doors run the CLI, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/lines.rs"]
mod lines;

use lines::{han_count, line, Door, FRAGMENTS, SHAPES};

/// The smaller size of each line, in bytes; the larger is four times this.
const SIZE: usize = 8 * 1024;

/// Puts every pathological line through `door` at both sizes, and checks that every
/// Chinese character of what it was given comes out (`copies` of it, for import, which
/// gets the line three times).
fn door_keeps_every_character(door: Door) {
    for fragment in FRAGMENTS {
        for shape in SHAPES {
            for bytes in [SIZE, 4 * SIZE] {
                let line = line(fragment, shape, bytes);
                let input = door.input(&line);
                let out = door.run(&input);
                assert_eq!(
                    han_count(&out),
                    han_count(&input),
                    "{}: `{fragment}` {} at {bytes} bytes lost Chinese text",
                    door.name(),
                    shape.name()
                );
            }
        }
    }
}

#[test]
fn clean_keeps_every_character() {
    door_keeps_every_character(Door::Clean);
}

#[test]
fn paste_keeps_every_character() {
    door_keeps_every_character(Door::Paste);
}

#[test]
fn import_keeps_every_character() {
    door_keeps_every_character(Door::Import);
}

#[test]
fn render_keeps_every_character() {
    door_keeps_every_character(Door::Render);
}

#[test]
fn the_lines_are_what_they_say() {
    // The shapes hold the fragment and the Chinese text they promise, at the size asked.
    for fragment in FRAGMENTS {
        let alone = line(fragment, lines::Shape::Alone, SIZE);
        assert!(alone.len() <= SIZE && alone.len() > SIZE - fragment.len());
        assert_eq!(alone.matches(fragment).count() * fragment.len(), alone.len());
        let mixed = line(fragment, lines::Shape::Mixed, SIZE);
        assert!(han_count(&mixed) > SIZE / 10 && mixed.matches(fragment).count() > SIZE / 20);
        let led = line(fragment, lines::Shape::Led, SIZE);
        assert!(led.starts_with("中文") && han_count(&led) == 2);
    }
    // Import gets the line as the name, a title and a body.
    let input = Door::Import.input("甲乙");
    assert_eq!(han_count(&input), 6);
}
