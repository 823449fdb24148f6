//! Three-way choice of one value, and how a text changed on both sides keeps both.
//!
//! The marking, documented in ARCHITECTURE.md ("Merging two tabs"):
//!
//! - A body (Markdown) changed on both sides becomes three or four paragraphs: the line
//!   [`OURS_MARK`], this tab's text, the line [`THEIRS_MARK`], the other tab's text. Each
//!   mark is a paragraph of its own, so it shows in the preview and in the exported file
//!   until someone resolves it, and a search for 【 finds it.
//! - A one-line field (a title, a heading, a name) changed on both sides keeps this tab's
//!   text followed by `【另一标签页的版本：…】` holding the other tab's.
//! - A list (sources, distribution groups) keeps this tab's entries followed by the other
//!   tab's entries that it lacks.
//! - A value that cannot hold two (a number, a date, a status, a check box) keeps this
//!   tab's value; the part is still reported, and the other tab's version is kept as a
//!   snapshot by the UI.

/// The paragraph that starts this tab's text in a body changed in both tabs.
pub const OURS_MARK: &str = "【本标签页的版本】";
/// The paragraph that starts the other tab's text in a body changed in both tabs.
pub const THEIRS_MARK: &str = "【另一标签页的版本】";
/// What opens the other tab's text in a one-line field changed in both tabs.
pub const THEIRS_LINE_OPEN: &str = "【另一标签页的版本：";
/// What closes it.
pub const THEIRS_LINE_CLOSE: &str = "】";

/// The three-way choice: the side that changed, or None when both changed differently.
pub fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

/// A body changed on both sides: both texts, each after its mark.
pub fn both_bodies(ours: &str, theirs: &str) -> String {
    let mut out = String::with_capacity(ours.len() + theirs.len() + 64);
    out.push_str(OURS_MARK);
    for (text, mark) in [(ours, Some(THEIRS_MARK)), (theirs, None)] {
        if !text.trim().is_empty() {
            out.push_str("\n\n");
            out.push_str(text);
        }
        if let Some(mark) = mark {
            out.push_str("\n\n");
            out.push_str(mark);
        }
    }
    out
}

/// A one-line field changed on both sides: this tab's text, then the other's, marked.
pub fn both_lines(ours: &str, theirs: &str) -> String {
    format!("{ours}{THEIRS_LINE_OPEN}{theirs}{THEIRS_LINE_CLOSE}")
}

/// A list changed on both sides: this tab's entries, then the other tab's it lacks.
pub fn both_lists<T: PartialEq + Clone>(ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out = ours.to_vec();
    for entry in theirs {
        if !ours.contains(entry) {
            out.push(entry.clone());
        }
    }
    out
}

/// A Markdown body, merged; the flag tells whether both sides changed it.
pub fn body(base: &str, ours: &str, theirs: &str) -> (String, bool) {
    match pick(&base, &ours, &theirs) {
        Some(text) => (text.to_string(), false),
        None => (both_bodies(ours, theirs), true),
    }
}

/// A one-line text, merged; the flag tells whether both sides changed it.
pub fn line(base: &str, ours: &str, theirs: &str) -> (String, bool) {
    match pick(&base, &ours, &theirs) {
        Some(text) => (text.to_string(), false),
        None => (both_lines(ours, theirs), true),
    }
}

/// A list, merged; the flag tells whether both sides changed it.
pub fn list<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> (Vec<T>, bool) {
    match pick(&base, &ours, &theirs) {
        Some(list) => (list.to_vec(), false),
        None => (both_lists(ours, theirs), true),
    }
}

/// A value that holds one choice only, merged: this tab's when both changed it.
pub fn value<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> (T, bool) {
    match pick(base, ours, theirs) {
        Some(v) => (v, false),
        None => (ours.clone(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_changed_on_both_sides_keeps_both_in_order() {
        let (text, both) = body("甲", "甲乙", "甲丙");
        assert!(both);
        assert_eq!(text, "【本标签页的版本】\n\n甲乙\n\n【另一标签页的版本】\n\n甲丙");
        assert_eq!(body("甲", "甲乙", "甲"), ("甲乙".to_string(), false));
        assert_eq!(body("甲", "甲", "甲丙"), ("甲丙".to_string(), false));
        assert_eq!(body("甲", "乙", "乙"), ("乙".to_string(), false));
    }

    #[test]
    fn an_emptied_side_leaves_its_mark_but_no_blank_text() {
        assert_eq!(
            both_bodies("", "丙"),
            "【本标签页的版本】\n\n【另一标签页的版本】\n\n丙"
        );
    }

    #[test]
    fn lines_and_lists() {
        assert_eq!(line("甲", "乙", "丙"), ("乙【另一标签页的版本：丙】".to_string(), true));
        let (merged, both) = list(&["甲"], &["甲", "乙"], &["丙", "甲"]);
        assert!(both);
        assert_eq!(merged, ["甲", "乙", "丙"]);
        assert_eq!(value(&1, &2, &3), (2, true));
        assert_eq!(value(&1, &1, &3), (3, false));
    }
}
