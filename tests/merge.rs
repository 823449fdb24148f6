//! The three-way merge of two tabs' versions of an issue (`core::merge`).
//!
//! Property tests: issues are generated, then changed by random edits (the same `Edit`
//! values the editor sends) on one side, the other or both; the laws of the merge must
//! hold for every case. Example tests below show each kind of part.

// Native only: proptest is not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use jianbao::core::edit::{apply, Edit};
use jianbao::core::format::{export, import, normalize};
use jianbao::core::merge::align::{align, canonical_base};
use jianbao::core::merge::text::{OURS_MARK, THEIRS_MARK};
use jianbao::core::merge::{loses_text, merge, merge_from_saved, Merged, PartId};
use jianbao::core::{Column, Id, Issue, Item, Place, Section, Status};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

/// Words that texts are made of: CJK, Markdown, and the merge's own marks.
const WORDS: &[&str] = &[
    "科协",
    "学会",
    "动态",
    "会议",
    "北京",
    "。",
    "，",
    "**",
    "- ",
    "\n",
    "\n\n",
    "【",
    "】",
    "a",
    "Z",
    "1",
    "【本标签页的版本】",
    " ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..5).prop_map(|w| w.concat())
}

fn item() -> impl Strategy<Value = Item> {
    (text(), text(), prop::collection::vec(text(), 0..2), 0..3usize).prop_map(|(title, body, sources, s)| Item {
        id: 0,
        title,
        body,
        sources,
        status: Status::ALL[s],
    })
}

fn issue() -> impl Strategy<Value = Issue> {
    let column =
        (text(), prop::collection::vec(item(), 0..3)).prop_map(|(heading, items)| Column { id: 0, heading, items });
    let section = (
        text(),
        prop::collection::vec(item(), 0..4),
        prop::collection::vec(column, 0..2),
    )
        .prop_map(|(heading, items, columns)| Section {
            id: 0,
            heading,
            items,
            columns,
        });
    (text(), text(), prop::collection::vec(section, 0..4)).prop_map(|(title, editor, sections)| {
        let mut issue = Issue {
            sections,
            ..Issue::default()
        };
        issue.masthead.title = title;
        issue.footer.editor = editor;
        issue.renumber();
        issue
    })
}

/// An edit in the abstract: which kind, two numbers to pick its targets, and a text.
type Op = (u8, usize, usize, String);

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec((0..13u8, any::<usize>(), any::<usize>(), text()), 0..6)
}

/// Every slot an item can go to.
fn places(issue: &Issue) -> Vec<Place> {
    let mut out = Vec::new();
    for (s, section) in issue.sections.iter().enumerate() {
        out.push(Place {
            section: s,
            column: None,
        });
        for c in 0..section.columns.len() {
            out.push(Place {
                section: s,
                column: Some(c),
            });
        }
    }
    out
}

/// Applies abstract edits as the editor would; new parts get ids from `fresh` upwards,
/// so the two sides never give one id to two different new parts (as `align` ensures).
fn edited(base: &Issue, ops: &[Op], fresh: Id) -> Issue {
    let mut issue = base.clone();
    let mut next = fresh;
    for (kind, a, b, words) in ops {
        let items: Vec<Id> = issue.items().map(|(_, item)| item.id).collect();
        let headings: Vec<Id> = issue
            .sections
            .iter()
            .flat_map(|s| std::iter::once(s.id).chain(s.columns.iter().map(|c| c.id)))
            .collect();
        let slots = places(&issue);
        let item = (!items.is_empty()).then(|| items[a % items.len()]);
        let heading = (!headings.is_empty()).then(|| headings[a % headings.len()]);
        let slot = (!slots.is_empty()).then(|| slots[b % slots.len()]);
        let edit = match (kind, item, heading, slot) {
            (0, Some(id), _, _) => {
                let old = issue.item(id).map(|i| i.body.clone()).unwrap_or_default();
                Edit::SetBody(id, if b % 2 == 0 { old + words } else { words.clone() })
            }
            (1, Some(id), _, _) => Edit::SetTitle(id, words.clone()),
            (2, Some(id), _, _) => Edit::SetSources(id, vec![words.clone()]),
            (3, Some(id), _, _) => Edit::SetStatus(id, Status::ALL[b % 3]),
            (4, _, _, Some(place)) => {
                next += 1;
                Edit::InsertItem(
                    place,
                    Item {
                        id: next,
                        title: words.clone(),
                        body: format!("{words}新稿"),
                        ..Item::default()
                    },
                )
            }
            (5, Some(id), _, _) => Edit::DeleteItem(id),
            (6, Some(id), _, Some(place)) => Edit::MoveItem(id, place, b % 4),
            (7, _, _, _) => {
                next += 1;
                Edit::AddSection(format!("{words}栏"), next)
            }
            (8, _, Some(id), _) => Edit::RenameHeading(id, words.clone()),
            (9, _, Some(id), _) => Edit::DeleteHeading(id),
            (10, _, _, _) => {
                let mut masthead = issue.masthead.clone();
                masthead.title = words.clone();
                Edit::SetMasthead(masthead)
            }
            (11, _, _, _) => {
                let mut footer = issue.footer.clone();
                footer.editor = words.clone();
                Edit::SetFooter(footer)
            }
            (12, _, _, _) if !issue.sections.is_empty() => {
                next += 1;
                Edit::AddColumn(b % issue.sections.len(), format!("{words}子栏"), next)
            }
            _ => continue,
        };
        apply(&mut issue, edit);
    }
    issue
}

/// Every text an issue holds, each with the part it belongs to.
fn texts(issue: &Issue) -> Vec<String> {
    let mut out = vec![
        issue.masthead.title.clone(),
        issue.masthead.publisher.clone(),
        issue.footer.editor.clone(),
        issue.footer.reviewer.clone(),
        issue.footer.signer.clone(),
    ];
    for section in &issue.sections {
        out.push(section.heading.clone());
        for column in &section.columns {
            out.push(column.heading.clone());
        }
    }
    for (_, item) in issue.items() {
        out.push(item.title.clone());
        out.push(item.body.clone());
        out.extend(item.sources.iter().cloned());
    }
    out
}

/// Every id in an issue (sections, columns, items), checked to be unique.
fn unique_ids(issue: &Issue) -> bool {
    let mut seen = HashSet::new();
    issue.sections.iter().all(|s| {
        seen.insert(s.id) && s.columns.iter().all(|c| seen.insert(c.id)) && s.all_items().all(|i| seen.insert(i.id))
    })
}

/// The items of an issue by id.
fn items_by_id(issue: &Issue) -> HashMap<Id, &Item> {
    issue.items().map(|(_, item)| (item.id, item)).collect()
}

/// The headings of an issue by id.
fn headings_by_id(issue: &Issue) -> HashMap<Id, &str> {
    issue
        .sections
        .iter()
        .flat_map(|s| {
            std::iter::once((s.id, s.heading.as_str())).chain(s.columns.iter().map(|c| (c.id, c.heading.as_str())))
        })
        .collect()
}

fn case() -> impl Strategy<Value = (Issue, Issue, Issue)> {
    (issue(), ops(), ops()).prop_map(|(base, o, t)| {
        let ours = edited(&base, &o, 1000);
        let theirs = edited(&base, &t, 2000);
        (base, ours, theirs)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_side_equal_to_the_base_gives_the_other((base, ours, theirs) in case()) {
        prop_assert_eq!(merge(&base, &ours, &base), Merged { issue: ours.clone(), conflicts: vec![] });
        prop_assert_eq!(merge(&base, &base, &theirs), Merged { issue: theirs.clone(), conflicts: vec![] });
        prop_assert_eq!(merge(&base, &ours, &ours), Merged { issue: ours.clone(), conflicts: vec![] });
    }

    #[test]
    fn merging_is_deterministic((base, ours, theirs) in case()) {
        let first = merge(&base, &ours, &theirs);
        prop_assert_eq!(&first, &merge(&base, &ours, &theirs));
        prop_assert!(unique_ids(&first.issue), "ids repeat in {:?}", first.issue);
    }

    #[test]
    fn a_change_made_on_one_side_only_is_never_dropped((base, ours, theirs) in case()) {
        let merged = merge(&base, &ours, &theirs);
        let result = items_by_id(&merged.issue);
        let (b, o, t) = (items_by_id(&base), items_by_id(&ours), items_by_id(&theirs));
        for (id, mine) in &o {
            match (b.get(id), t.get(id)) {
                // Changed (or added) here and left alone there: this side's item, whole.
                (Some(before), Some(other)) if other == before => prop_assert_eq!(result.get(id), Some(mine)),
                (None, None) => prop_assert_eq!(result.get(id), Some(mine)),
                // Changed here, deleted there: kept.
                (Some(before), None) if before != mine => prop_assert_eq!(result.get(id), Some(mine)),
                _ => {}
            }
        }
        for (id, other) in &t {
            match (b.get(id), o.get(id)) {
                (Some(before), Some(mine)) if mine == before => prop_assert_eq!(result.get(id), Some(other)),
                (None, None) => prop_assert_eq!(result.get(id), Some(other)),
                (Some(before), None) if before != other => prop_assert_eq!(result.get(id), Some(other)),
                _ => {}
            }
        }
        // An item deleted on one side and untouched on the other is gone.
        for (id, before) in &b {
            let gone = (!o.contains_key(id) && t.get(id) == Some(before)) || (!t.contains_key(id) && o.get(id) == Some(before));
            if gone {
                prop_assert!(!result.contains_key(id), "item {} deleted on one side came back", id);
            }
        }
        if ours.masthead == base.masthead {
            prop_assert_eq!(&merged.issue.masthead, &theirs.masthead);
        }
        if theirs.masthead == base.masthead {
            prop_assert_eq!(&merged.issue.masthead, &ours.masthead);
        }
        if ours.footer == base.footer {
            prop_assert_eq!(&merged.issue.footer, &theirs.footer);
        }
        if theirs.footer == base.footer {
            prop_assert_eq!(&merged.issue.footer, &ours.footer);
        }
        let (hb, ho, ht, hr) = (headings_by_id(&base), headings_by_id(&ours), headings_by_id(&theirs), headings_by_id(&merged.issue));
        for (id, mine) in &ho {
            if ht.get(id).is_some_and(|other| hb.get(id) == Some(other)) {
                prop_assert_eq!(hr.get(id), Some(mine));
            }
        }
        for (id, other) in &ht {
            if ho.get(id).is_some_and(|mine| hb.get(id) == Some(mine)) {
                prop_assert_eq!(hr.get(id), Some(other));
            }
        }
    }

    #[test]
    fn every_new_text_of_either_side_is_in_the_result((base, ours, theirs) in case()) {
        let merged = merge(&base, &ours, &theirs);
        let before: HashSet<String> = texts(&base).into_iter().collect();
        let after = texts(&merged.issue);
        for text in texts(&ours).into_iter().chain(texts(&theirs)) {
            if text.is_empty() || before.contains(&text) {
                continue;
            }
            prop_assert!(after.iter().any(|t| t.contains(&text)), "{:?} is lost: {:?}", text, merged.issue);
        }
        prop_assert!(!loses_text(&ours, &merged.issue) || merged.issue != ours);
    }

    #[test]
    fn align_gives_back_the_ids_of_a_renumbered_copy((base, ours, _theirs) in case()) {
        let mut renumbered = ours.clone();
        renumbered.renumber();
        let aligned = align(&ours, renumbered, 5000);
        prop_assert_eq!(&aligned, &ours);
        prop_assert!(unique_ids(&align(&base, ours.clone(), 5000)));
    }

    /// What the editor does: the other tab's issue comes back from Markdown, numbered
    /// afresh, and is aligned to this tab's base before merging. No new text is lost.
    #[test]
    fn merging_a_saved_text_keeps_every_new_word((base, o, t) in (issue(), ops(), ops())) {
        let base = import(&export(&base)).0;
        let ours = edited(&base, &o, 1000);
        let stored = import(&export(&edited(&base, &t, 2000))).0;
        let first_free = base.max_id().max(ours.max_id()) + 1;
        let aligned = align(&base, stored.clone(), first_free);
        prop_assert!(unique_ids(&aligned));
        // This tab changed nothing: it takes the other tab's text as it is.
        prop_assert_eq!(&merge(&base, &base, &aligned).issue, &aligned);
        let merged = merge(&base, &ours, &aligned);
        prop_assert!(unique_ids(&merged.issue));
        let before: HashSet<String> = texts(&base).into_iter().collect();
        let after = texts(&merged.issue);
        for text in texts(&ours).into_iter().chain(texts(&stored)) {
            if text.is_empty() || before.contains(&text) {
                continue;
            }
            prop_assert!(after.iter().any(|t| t.contains(&text)), "{:?} is lost: {:?}", text, merged.issue);
        }
        // After saving, the base is the canonical form with this tab's ids: what another
        // tab reads back, numbered as here. (Issues the format cannot write, such as a
        // second section without a heading, are left out of this check.)
        let saved = canonical_base(&ours);
        let read_back = import(&export(&ours)).0;
        if read_back == normalize(ours.clone()) {
            prop_assert_eq!(&align(&saved, read_back, 5000), &saved);
        }
    }

    /// The same from a base this tab saved itself, white space and all.
    #[test]
    fn merging_from_a_saved_base_keeps_every_new_word((saved, o, t) in (issue(), ops(), ops())) {
        let ours = edited(&saved, &o, 1000);
        let stored = import(&export(&edited(&saved, &t, 2000))).0;
        let first_free = saved.max_id().max(ours.max_id()) + 1;
        let theirs = align(&canonical_base(&saved), stored.clone(), first_free);
        let merged = merge_from_saved(&saved, &ours, &theirs);
        prop_assert!(unique_ids(&merged.issue));
        let before: HashSet<String> = texts(&saved).into_iter().chain(texts(&canonical_base(&saved))).collect();
        let after = texts(&merged.issue);
        for text in texts(&ours).into_iter().chain(texts(&stored)) {
            if text.is_empty() || before.contains(&text) {
                continue;
            }
            prop_assert!(after.iter().any(|t| t.contains(&text)), "{:?} is lost: {:?}", text, merged.issue);
        }
        prop_assert_eq!(&merge_from_saved(&saved, &ours, &theirs), &merged);
        // The other tab changed nothing: this tab keeps its issue exactly, white space too.
        let unchanged = canonical_base(&saved);
        prop_assert_eq!(merge_from_saved(&saved, &ours, &unchanged).issue, ours.clone());
        // This tab changed nothing since saving: the other tab's changes all arrive.
        let merged = merge_from_saved(&saved, &saved, &theirs);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(normalize(merged.issue), normalize(theirs.clone()));
    }
}

/// A small issue: a lead item, one section with two items, and a section with a column.
fn small() -> Issue {
    import(
        "# 科协工作简报\n\n2024年第3期\n\n### 头条\n\n头条正文。\n\n## 【学会动态】\n\n### 甲稿\n\n甲的正文。\n\n### 乙稿\n\n乙的正文。\n\n## 【基层动态】\n\n### 沙龙 <!-- 子栏目 -->\n\n#### 丙稿\n\n丙的正文。\n\n---\n\n编辑：张三\n",
    )
    .0
}

fn id_of(issue: &Issue, title: &str) -> Id {
    issue
        .items()
        .find(|(_, item)| item.title == title)
        .map(|(_, item)| item.id)
        .expect(title)
}

fn set_body(issue: &Issue, title: &str, body: &str) -> Issue {
    let mut out = issue.clone();
    apply(&mut out, Edit::SetBody(id_of(issue, title), body.into()));
    out
}

#[test]
fn bodies_changed_in_different_items_both_arrive() {
    let base = small();
    let ours = set_body(&base, "甲稿", "甲的正文。本页加的。");
    let theirs = set_body(&base, "乙稿", "乙的正文。那页加的。");
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.issue.item(id_of(&base, "甲稿")).unwrap().body,
        "甲的正文。本页加的。"
    );
    assert_eq!(
        merged.issue.item(id_of(&base, "乙稿")).unwrap().body,
        "乙的正文。那页加的。"
    );
}

#[test]
fn one_body_changed_in_both_tabs_keeps_both_marked_and_says_so() {
    let base = small();
    let ours = set_body(&base, "甲稿", "甲的正文。本页加的。");
    let theirs = set_body(&base, "甲稿", "甲的正文。那页加的。");
    let merged = merge(&base, &ours, &theirs);
    let id = id_of(&base, "甲稿");
    assert_eq!(merged.conflicts, vec![PartId::Item(id)]);
    assert_eq!(
        merged.issue.item(id).unwrap().body,
        format!("{OURS_MARK}\n\n甲的正文。本页加的。\n\n{THEIRS_MARK}\n\n甲的正文。那页加的。")
    );
    // The marked body survives the stored format.
    let back = import(&export(&merged.issue)).0;
    assert!(back.item(id).unwrap().body.contains("那页加的"));
}

#[test]
fn the_masthead_and_footer_merge_field_by_field() {
    let base = small();
    let mut ours = base.clone();
    ours.masthead.publisher = "本页的单位".into();
    ours.footer.editor = "李四".into();
    let mut theirs = base.clone();
    theirs.masthead.number = Some(4);
    theirs.footer.editor = "王五".into();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.issue.masthead.publisher, "本页的单位");
    assert_eq!(merged.issue.masthead.number, Some(4));
    assert_eq!(merged.issue.footer.editor, "李四【另一标签页的版本：王五】");
    assert_eq!(merged.conflicts, vec![PartId::Footer]);
}

#[test]
fn sections_renamed_reordered_and_added_on_different_sides() {
    let base = small();
    let (lead, first, second) = (base.sections[0].id, base.sections[1].id, base.sections[2].id);
    let mut ours = base.clone();
    apply(&mut ours, Edit::RenameHeading(first, "学会工作".into()));
    apply(&mut ours, Edit::AddSection("新栏目".into(), 100));
    let mut theirs = base.clone();
    theirs.sections.swap(1, 2);
    let merged = merge(&base, &ours, &theirs);
    let order: Vec<Id> = merged.issue.sections.iter().map(|s| s.id).collect();
    assert_eq!(order, [lead, second, first, 100]);
    assert_eq!(merged.issue.sections[2].heading, "学会工作");
    assert!(merged.conflicts.is_empty());
}

#[test]
fn a_section_deleted_in_one_tab_stays_when_the_other_wrote_in_it() {
    let base = small();
    let section = base.sections[1].id;
    let mut ours = base.clone();
    apply(&mut ours, Edit::DeleteHeading(section));
    let theirs = set_body(&base, "乙稿", "乙的正文。那页改的。");
    let merged = merge(&base, &ours, &theirs);
    let kept = merged
        .issue
        .sections
        .iter()
        .find(|s| s.id == section)
        .expect("the section stays");
    assert_eq!(kept.items.len(), 1, "only the item written in stays");
    assert_eq!(kept.items[0].body, "乙的正文。那页改的。");
    let item = id_of(&base, "乙稿");
    assert_eq!(merged.conflicts, vec![PartId::Heading(section), PartId::Item(item)]);
}

#[test]
fn an_item_deleted_in_one_tab_and_edited_in_the_other_is_kept() {
    let base = small();
    let id = id_of(&base, "丙稿");
    let mut ours = base.clone();
    apply(&mut ours, Edit::DeleteItem(id));
    let theirs = set_body(&base, "丙稿", "丙的正文，改过。");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.issue.item(id).unwrap().body, "丙的正文，改过。");
    assert_eq!(merged.conflicts, vec![PartId::Item(id)]);
    // Deleted and untouched: gone, quietly.
    let merged = merge(&base, &ours, &set_body(&base, "甲稿", "别处"));
    assert!(merged.issue.item(id).is_none());
    assert!(merged.conflicts.is_empty());
}

#[test]
fn items_added_in_both_tabs_are_all_kept_in_place() {
    let base = small();
    let place = Place {
        section: 1,
        column: None,
    };
    let mut ours = base.clone();
    apply(
        &mut ours,
        Edit::InsertItem(
            place,
            Item {
                id: 100,
                title: "本页新稿".into(),
                ..Item::default()
            },
        ),
    );
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        Edit::InsertItem(
            place,
            Item {
                id: 200,
                title: "那页新稿".into(),
                ..Item::default()
            },
        ),
    );
    let merged = merge(&base, &ours, &theirs);
    let titles: Vec<&str> = merged.issue.sections[1]
        .items
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    // The side that did not reorder gives the order; the other side's additions at the
    // end of the list follow at the end.
    assert_eq!(titles, ["甲稿", "乙稿", "那页新稿", "本页新稿"]);
}

#[test]
fn an_item_moved_in_one_tab_and_edited_in_the_other() {
    let base = small();
    let id = id_of(&base, "甲稿");
    let mut ours = base.clone();
    apply(
        &mut ours,
        Edit::MoveItem(
            id,
            Place {
                section: 2,
                column: Some(0),
            },
            0,
        ),
    );
    let theirs = set_body(&base, "甲稿", "甲，那页改的。");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        merged.issue.locate(id).unwrap().0,
        Place {
            section: 2,
            column: Some(0)
        }
    );
    assert_eq!(merged.issue.item(id).unwrap().body, "甲，那页改的。");
}

#[test]
fn align_follows_an_item_inserted_before_the_edited_one() {
    // The other tab added an item at the very top and edited 乙稿; read back from
    // Markdown, every id after the new item has shifted by one.
    let base = small();
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        Edit::SetBody(id_of(&base, "乙稿"), "乙，那页改的。".into()),
    );
    theirs.sections[0].items.insert(
        0,
        Item {
            id: 999,
            title: "那页的头条".into(),
            ..Item::default()
        },
    );
    let stored = import(&export(&theirs)).0;
    assert_ne!(id_of(&stored, "乙稿"), id_of(&base, "乙稿"));
    let ours = set_body(&base, "甲稿", "甲，本页改的。");
    let aligned = align(&base, stored, base.max_id().max(ours.max_id()) + 1);
    assert_eq!(id_of(&aligned, "乙稿"), id_of(&base, "乙稿"));
    let merged = merge(&base, &ours, &aligned);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.issue.item(id_of(&base, "甲稿")).unwrap().body, "甲，本页改的。");
    assert_eq!(merged.issue.item(id_of(&base, "乙稿")).unwrap().body, "乙，那页改的。");
    assert_eq!(merged.issue.sections[0].items[0].title, "那页的头条");
}

#[test]
fn the_canonical_base_finds_only_real_changes() {
    // This tab saved a body with a trailing line break; the stored Markdown trims it.
    let base = small();
    let typed = set_body(&base, "甲稿", "甲的正文。\n");
    let saved_base = canonical_base(&typed);
    let theirs = align(
        &saved_base,
        import(&export(&set_body(&typed, "乙稿", "乙，那页改的。"))).0,
        500,
    );
    let ours = set_body(&typed, "甲稿", "甲的正文。\n续写");
    let merged = merge(&saved_base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        merged.issue.item(id_of(&base, "甲稿")).unwrap().body,
        "甲的正文。\n续写"
    );
}

#[test]
fn losing_text_is_noticed_and_typing_on_top_is_not() {
    let base = small();
    let more = set_body(&base, "甲稿", "甲的正文。又加了字。");
    assert!(!loses_text(&base, &more));
    assert!(loses_text(&more, &base));
    let mut fewer = base.clone();
    apply(&mut fewer, Edit::DeleteItem(id_of(&base, "甲稿")));
    assert!(loses_text(&base, &fewer));
}

#[test]
fn a_trailing_line_break_saved_here_is_not_a_change_of_either_side() {
    // This tab saved a body ending in a line break (the stored Markdown trims it); the
    // other tab read it back and edited the same item; this tab typed nothing since.
    let base = small();
    let saved = set_body(&base, "甲稿", "甲的正文。\n");
    let stored = import(&export(&set_body(&saved, "甲稿", "甲的正文。那页接着写。"))).0;
    let theirs = align(&canonical_base(&saved), stored, 500);
    let merged = merge_from_saved(&saved, &saved, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.issue, theirs);
    // Another item edited there: this tab's untouched item keeps its line break.
    let stored = import(&export(&set_body(&saved, "乙稿", "乙，那页改的。"))).0;
    let theirs = align(&canonical_base(&saved), stored, 500);
    let merged = merge_from_saved(&saved, &saved, &theirs);
    assert_eq!(merged.issue.item(id_of(&base, "甲稿")).unwrap().body, "甲的正文。\n");
    assert_eq!(merged.issue.item(id_of(&base, "乙稿")).unwrap().body, "乙，那页改的。");
}
