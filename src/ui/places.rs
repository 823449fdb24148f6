//! The places an item can go (a section, or a sub-column of one), as the options of a
//! `<select>`: the paste dialog's 放入栏目 and the item form's 移动到栏目 list the same.

use crate::core::Place;
use crate::ui::i18n::Key;
use crate::ui::state::Editor;
use leptos::prelude::*;

/// The places of the open issue, in print order, as (option value, label): a section is
/// `"s"`, a sub-column `"s.c"` (see [`place_of`]); a section with sub-columns is listed
/// before them, as the place of its own items.
pub fn places(editor: Editor) -> Vec<(String, String)> {
    editor.issue.with(|issue| {
        let mut out = Vec::new();
        for (s, section) in issue.sections.iter().enumerate() {
            let heading = if section.is_lead() {
                editor.t(Key::LeadSection).to_string()
            } else {
                crate::core::issue::bracketed(&section.heading)
            };
            out.push((
                value_of(Place {
                    section: s,
                    column: None,
                }),
                heading.clone(),
            ));
            for (c, column) in section.columns.iter().enumerate() {
                let place = Place {
                    section: s,
                    column: Some(c),
                };
                out.push((value_of(place), format!("{heading} › {}", column.heading)));
            }
        }
        out
    })
}

/// A place as an option value.
pub fn value_of(place: Place) -> String {
    match place.column {
        Some(c) => format!("{}.{c}", place.section),
        None => format!("{}", place.section),
    }
}

/// Reads an option value back as a place.
pub fn place_of(value: &str) -> Option<Place> {
    let (section, column) = match value.split_once('.') {
        Some((s, c)) => (s.parse().ok()?, Some(c.parse().ok()?)),
        None => (value.parse().ok()?, None),
    };
    Some(Place { section, column })
}
