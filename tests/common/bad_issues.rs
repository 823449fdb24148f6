//! Issues made of bad input for the Word export (issue 17): control characters and
//! characters outside the Basic Multilingual Plane in every field, every field empty, a
//! 1 MB item, 1,000 items. `tests/docx_export.rs` checks the packages' parts and
//! `tests/word_print.rs` has LibreOffice print them.

use jianbao::core::issue::{Column, Date, Distribution, Footer, Issue, Item, Masthead, Section};

/// Control characters XML cannot hold, noncharacters, and characters of other planes (a
/// CJK Extension B character and an emoji), in one line.
pub const NASTY: &str = "甲\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}\u{7f}\u{85}\u{fffe}\u{fdd0}乙𠀀😀\r\n丙";

/// [`NASTY`] in every field of the masthead, a section, a column, an item and the footer.
pub fn controls_and_other_planes() -> Issue {
    let nasty = NASTY;
    Issue {
        masthead: Masthead {
            title: nasty.into(),
            publisher: nasty.into(),
            date: Date::new(2024, 2, 29),
            year: Some(2024),
            number: Some(1),
            ..Masthead::default()
        },
        sections: vec![Section {
            heading: nasty.into(),
            items: vec![Item {
                title: nasty.into(),
                body: format!("{nasty}\n\n**{nasty}**\n\n| {nasty} |\n|---|\n| {nasty} |\n\n```\n{nasty}\n```"),
                sources: vec![nasty.into()],
                ..Item::default()
            }],
            columns: vec![Column {
                heading: nasty.into(),
                items: vec![Item {
                    title: nasty.into(),
                    ..Item::default()
                }],
                ..Column::default()
            }],
            ..Section::default()
        }],
        footer: Footer {
            editor: nasty.into(),
            reviewer: nasty.into(),
            signer: nasty.into(),
            distribution: vec![Distribution {
                label: nasty.into(),
                lines: vec![nasty.into(), String::new()],
            }],
            copies: Some(u32::MAX),
        },
    }
}

/// An issue where every field that can be empty is: items with no title, body or
/// sources, whitespace-only fields, sections and columns without headings, empty
/// distribution lines. What the editor lets a user leave blank must still export.
pub fn empty_fields() -> Issue {
    let empty = |n: usize| Item {
        title: if n.is_multiple_of(2) {
            String::new()
        } else {
            " \t ".into()
        },
        body: if n.is_multiple_of(3) {
            String::new()
        } else {
            "\n\n   \n".into()
        },
        sources: if n.is_multiple_of(2) {
            Vec::new()
        } else {
            vec![String::new(), "  ".into()]
        },
        ..Item::default()
    };
    Issue {
        masthead: Masthead {
            title: String::new(),
            publisher: "   ".into(),
            ..Masthead::default()
        },
        sections: vec![
            Section {
                heading: String::new(),
                items: vec![empty(0), empty(1)],
                ..Section::default()
            },
            Section {
                heading: "  ".into(),
                items: vec![empty(2), empty(3)],
                columns: vec![Column {
                    heading: String::new(),
                    items: vec![empty(4), empty(5)],
                    ..Column::default()
                }],
                ..Section::default()
            },
            Section::default(),
        ],
        footer: Footer {
            editor: String::new(),
            reviewer: " ".into(),
            signer: String::new(),
            distribution: vec![Distribution {
                label: String::new(),
                lines: vec![String::new(), " ".into()],
            }],
            copies: Some(0),
        },
    }
}

/// The phrase each of [`megabyte_item`]'s paragraphs repeats forty times.
pub const MEGABYTE_PARAGRAPH: &str = "科协工作简报正文，";

/// One item whose body is at least 1 MiB of Chinese text in paragraphs.
pub fn megabyte_item() -> Issue {
    let paragraph = MEGABYTE_PARAGRAPH.repeat(40);
    let body = std::iter::repeat_n(paragraph.as_str(), (1 << 20) / paragraph.len() + 1)
        .collect::<Vec<_>>()
        .join("\n\n");
    Issue {
        sections: vec![Section {
            items: vec![Item {
                title: "长稿".into(),
                body,
                ..Item::default()
            }],
            ..Section::default()
        }],
        ..Issue::default()
    }
}

/// 1,000 short items with titles, bodies and sources, in one section 【动态】.
pub fn thousand_items() -> Issue {
    let items: Vec<Item> = (0..1000)
        .map(|n| Item {
            title: format!("第{n}条稿件"),
            body: format!("正文{n}。"),
            sources: vec![format!("单位{n}")],
            ..Item::default()
        })
        .collect();
    Issue {
        sections: vec![Section {
            heading: "动态".into(),
            items,
            ..Section::default()
        }],
        ..Issue::default()
    }
}
