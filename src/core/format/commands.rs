//! Formatting commands for the body's text box: bold, italic, lists and a link, as an editor
//! who knows Word expects them (Ctrl+B, Ctrl+I, Ctrl+K and buttons), written as the
//! Markdown underneath so that the text stays plain Markdown.
//!
//! Each command takes the text and the selection (as UTF-16 offsets, which is what a
//! browser's `selectionStart` and `selectionEnd` count) and returns the new text and the
//! new selection. Bold and italic toggle: applied to text already wrapped, they unwrap it.

/// A text box's content with its selection, in UTF-16 code units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    /// The whole new text.
    pub text: String,
    /// The new selection's start.
    pub start: u32,
    /// The new selection's end.
    pub end: u32,
}

/// A formatting command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// `**…**`.
    Bold,
    /// `*…*`.
    Italic,
    /// Each selected line starts with `- `.
    BulletList,
    /// Each selected line starts with `1. `, `2. `, ….
    NumberedList,
    /// `[text](https://)` with the address selected, to type over.
    Link,
}

/// The byte offset of a UTF-16 offset in `text` (clamped to the text, and moved back to a
/// character boundary when it falls inside a surrogate pair).
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (at, c) in text.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > utf16 {
            return at;
        }
        units = next;
    }
    text.len()
}

/// The UTF-16 length of a text.
fn units(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// Applies a command to the selection `start..end` (UTF-16 offsets) of `text`.
pub fn apply(command: Command, text: &str, start: u32, end: u32) -> Edited {
    let (start, end) = (start.min(end), start.max(end));
    let (a, b) = (byte_offset(text, start), byte_offset(text, end));
    match command {
        Command::Bold => toggle(text, a, b, "**"),
        Command::Italic => toggle(text, a, b, "*"),
        Command::BulletList => prefix_lines(text, a, b, |_| "- ".to_string()),
        Command::NumberedList => prefix_lines(text, a, b, |n| format!("{}. ", n + 1)),
        Command::Link => link(text, a, b),
    }
}

/// Wraps `text[a..b]` in `mark`, or unwraps it when the marks are already there (inside
/// the selection or just around it). With nothing selected, puts the caret between a new
/// pair.
fn toggle(text: &str, a: usize, b: usize, mark: &str) -> Edited {
    let selected = &text[a..b];
    // Already wrapped, marks selected too: `**粗体**`.
    if selected.len() >= 2 * mark.len() && selected.starts_with(mark) && selected.ends_with(mark) {
        let inner = &selected[mark.len()..selected.len() - mark.len()];
        if !(mark == "*" && inner.starts_with('*') && inner.ends_with('*')) {
            let new = format!("{}{inner}{}", &text[..a], &text[b..]);
            let start = units(&text[..a]);
            return Edited {
                text: new,
                start,
                end: start + units(inner),
            };
        }
    }
    // Already wrapped, marks just outside the selection.
    let before = &text[..a];
    let after = &text[b..];
    // Runs of `*` around the selection: italic is an odd run (`*` or `***`), bold a run
    // of two or three.
    let stars_before = before.chars().rev().take_while(|&c| c == '*').count();
    let stars_after = after.chars().take_while(|&c| c == '*').count();
    let around = if mark == "*" {
        stars_before % 2 == 1 && stars_after % 2 == 1
    } else {
        stars_before >= 2 && stars_after >= 2
    };
    if around && a != b {
        let new = format!(
            "{}{selected}{}",
            &before[..before.len() - mark.len()],
            &after[mark.len()..]
        );
        let start = units(&before[..before.len() - mark.len()]);
        return Edited {
            text: new,
            start,
            end: start + units(selected),
        };
    }
    let new = format!("{before}{mark}{selected}{mark}{after}");
    let start = units(before) + units(mark);
    Edited {
        text: new,
        start,
        end: start + units(selected),
    }
}

/// Starts each line that the selection touches with the prefix `prefix(n)` for its n-th
/// line (0-based), unless every such line already has a list marker, in which case the
/// markers are removed: the button toggles the list.
fn prefix_lines(text: &str, a: usize, b: usize, prefix: impl Fn(usize) -> String) -> Edited {
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[b..].find('\n').map_or(text.len(), |i| b + i);
    let lines: Vec<&str> = text[line_start..line_end].split('\n').collect();
    let marked = |line: &str| list_marker_len(line).is_some();
    let all_marked = lines.iter().filter(|l| !l.trim().is_empty()).all(|l| marked(l));
    let mut n = 0;
    let new_lines: Vec<String> = lines
        .iter()
        .map(|line| {
            if line.trim().is_empty() {
                return line.to_string();
            }
            let bare = &line[list_marker_len(line).unwrap_or(0)..];
            if all_marked {
                bare.to_string()
            } else {
                let out = format!("{}{bare}", prefix(n));
                n += 1;
                out
            }
        })
        .collect();
    let block = new_lines.join("\n");
    let new = format!("{}{block}{}", &text[..line_start], &text[line_end..]);
    let start = units(&text[..line_start]);
    Edited {
        text: new,
        start,
        end: start + units(&block),
    }
}

/// The length in bytes of a line's list marker (`- `, `* `, `1. `), if it has one.
fn list_marker_len(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Makes the selection a link, `[text](https://)`, with the address selected to type over.
fn link(text: &str, a: usize, b: usize) -> Edited {
    const ADDRESS: &str = "https://";
    let selected = &text[a..b];
    let new = format!("{}[{selected}]({ADDRESS}){}", &text[..a], &text[b..]);
    let start = units(&text[..a]) + units(selected) + 3;
    Edited {
        text: new,
        start,
        end: start + units(ADDRESS),
    }
}
