//! The stored format: every version's shape read from fixtures, the migration from
//! version 1, unreadable records reported rather than guessed at, the trash, snapshots
//! and backup merging.

// Native only: these tests read files and use proptest, which the wasm32 build lacks.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use jianbao::core::format::import;
use jianbao::store::records::{
    migrate_v1, new_record, plan_merge, read_backup, read_draft_v1, read_index, read_issue, Backup, Entry, Index,
    MergeAction, ReadProblem, Snapshots, MAX_SNAPSHOTS, MAX_SNAPSHOT_UNITS, SNAPSHOT_INTERVAL_MS, VERSION,
};

const DAY: f64 = 24.0 * 3600.0 * 1000.0;

#[test]
fn version_1_draft_migrates_into_an_index_and_a_record() {
    let draft = read_draft_v1(&common::fixture("store/v1-draft.json")).expect("the v1 fixture reads");
    let (index, record) = migrate_v1(draft.clone(), "d9", "迁移的草稿");
    assert_eq!(index.version, VERSION);
    assert_eq!(index.current.as_deref(), Some("d9"));
    assert_eq!(index.live().len(), 1);
    assert_eq!(
        record.revision, draft.revision,
        "the revision carries over, so other tabs stay ordered"
    );
    assert_eq!(record.markdown, draft.markdown);
    let issue = import(&record.markdown).0;
    assert_eq!(issue.masthead.title, "测试简报");
    assert_eq!(issue.items().next().unwrap().1.sources, ["某学会"]);
    // The migrated shapes read back as current ones.
    assert_eq!(read_index(&serde_json::to_string(&index).unwrap()).unwrap(), index);
    assert_eq!(read_issue(&serde_json::to_string(&record).unwrap()).unwrap(), record);
}

#[test]
fn version_2_fixtures_read() {
    let index = read_index(&common::fixture("store/v2-index.json")).unwrap();
    assert_eq!(index.live().iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["d1"]);
    assert_eq!(index.trash().iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["d0"]);
    let record = read_issue(&common::fixture("store/v2-issue.json")).unwrap();
    assert_eq!(record.revision, 12);
    assert_eq!(record.open_item, Some(0));
    let issue = import(&record.markdown).0;
    assert_eq!(issue.sections[0].heading, "学会动态");
}

#[test]
fn unreadable_records_are_reported_as_what_they_are() {
    let cases = [
        ("store/truncated-issue.json", false),
        ("store/wrong-types-issue.json", false),
        ("store/v9-issue-from-the-future.json", true),
        ("store/v2-index.json", false),
        ("store/v1-draft.json", false),
    ];
    for (fixture, newer) in cases {
        match read_issue(&common::fixture(fixture)) {
            Err(ReadProblem::Newer(9)) => assert!(newer, "{fixture} is not from a newer version"),
            Err(ReadProblem::Corrupt(why)) => assert!(!newer && !why.is_empty(), "{fixture}: {why}"),
            other => panic!("{fixture} must not read as an issue: {other:?}"),
        }
    }
    assert!(matches!(read_index("not json"), Err(ReadProblem::Corrupt(_))));
    assert!(matches!(read_index(""), Err(ReadProblem::Corrupt(_))));
}

#[test]
fn trash_keeps_drafts_for_thirty_days() {
    let mut index = Index::new();
    index.touch("a", "甲", 0.0);
    index.touch("b", "乙", 1.0);
    index.current = Some("a".into());
    index.delete("a", 10.0 * DAY);
    assert_eq!(index.current, None, "a deleted draft is no longer the open one");
    assert_eq!(index.trash().len(), 1);
    assert!(index.purge(39.0 * DAY).is_empty(), "29 days in the trash: kept");
    index.restore("a");
    assert_eq!(index.live().len(), 2);
    index.delete("a", 10.0 * DAY);
    assert_eq!(index.purge(41.0 * DAY), ["a"]);
    assert_eq!(index.entries.len(), 1);
}

#[test]
fn snapshots_are_bounded_in_count_and_size() {
    let mut snapshots = Snapshots::new();
    assert!(snapshots.due("x", 0.0));
    for n in 0..(MAX_SNAPSHOTS + 5) {
        snapshots.push(format!("版本 {n}"), n as f64);
    }
    assert_eq!(snapshots.list.len(), MAX_SNAPSHOTS);
    assert_eq!(
        snapshots.list.last().unwrap().markdown,
        format!("版本 {}", MAX_SNAPSHOTS + 4)
    );
    snapshots.push(format!("版本 {}", MAX_SNAPSHOTS + 4), 1e9);
    assert_eq!(
        snapshots.list.len(),
        MAX_SNAPSHOTS,
        "an unchanged text is not kept twice"
    );
    assert!(!snapshots.due("新", 100.0), "too soon after the last one");
    assert!(snapshots.due("新", 100.0 + SNAPSHOT_INTERVAL_MS));
    let big = "字".repeat(MAX_SNAPSHOT_UNITS / 3);
    for n in 0..4 {
        snapshots.push(format!("{big}{n}"), 2e9 + n as f64);
    }
    let total: usize = snapshots.list.iter().map(|s| s.markdown.encode_utf16().count()).sum();
    assert!(total <= MAX_SNAPSHOT_UNITS, "{total}");
    assert!(
        snapshots.list.last().unwrap().markdown.ends_with('3'),
        "the newest is kept"
    );
}

#[test]
fn merging_a_backup_never_overwrites_without_asking() {
    let mut index = Index::new();
    index.touch("same", "同", 100.0);
    index.touch("older-here", "旧", 100.0);
    index.touch("newer-here", "新", 300.0);
    let entry = |id: &str, at: f64| Entry {
        id: id.into(),
        name: id.into(),
        updated_at: at,
        deleted_at: None,
    };
    let backup = Backup {
        format: "jianbao-backup".into(),
        version: VERSION,
        exported_at: 500.0,
        drafts: vec![
            (entry("same", 100.0), new_record("same", 1, 100.0, "A".into())),
            (
                entry("older-here", 200.0),
                new_record("older-here", 2, 200.0, "B2".into()),
            ),
            (
                entry("newer-here", 200.0),
                new_record("newer-here", 2, 200.0, "C1".into()),
            ),
            (
                entry("only-there", 200.0),
                new_record("only-there", 1, 200.0, "D".into()),
            ),
        ],
    };
    let local = |id: &str| match id {
        "same" => Some((1, "A".to_string())),
        "older-here" => Some((1, "B1".to_string())),
        "newer-here" => Some((3, "C3".to_string())),
        _ => None,
    };
    assert_eq!(
        plan_merge(&index, &local, &backup),
        [
            MergeAction::Keep("same".into()),
            MergeAction::AskNewer("older-here".into()),
            MergeAction::Keep("newer-here".into()),
            MergeAction::Add("only-there".into()),
        ]
    );
    let json = serde_json::to_string(&backup).unwrap();
    assert_eq!(read_backup(&json).unwrap(), backup);
}
