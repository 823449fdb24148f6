//! The archive's stored shapes: round trips, versions, and importing an archive file.

use jianbao::store::archive::*;
use jianbao::store::records::ReadProblem;

fn entry(id: &str, markdown: &str) -> (ArchiveEntry, Published) {
    let entry = ArchiveEntry {
        id: id.into(),
        name: format!("第{id}期"),
        date: Some("2024-03-15".into()),
        published_at: 1.0,
        hash: text_hash(markdown),
    };
    (entry, Published::new(id, 1.0, markdown.into()))
}

#[test]
fn records_round_trip_and_newer_versions_are_named() {
    let (e, p) = entry("a", "# 简报\n");
    let index = ArchiveIndex {
        entries: vec![e.clone()],
        ..ArchiveIndex::default()
    };
    assert_eq!(
        read_archive_index(&serde_json::to_string(&index).unwrap()).unwrap(),
        index
    );
    assert_eq!(read_published(&serde_json::to_string(&p).unwrap()).unwrap(), p);
    let file = ArchiveFile::new(2.0, vec![(e, p)]);
    assert_eq!(read_archive_file(&serde_json::to_string(&file).unwrap()).unwrap(), file);
    let newer = r#"{"format":"jianbao-archive","version":9,"entries":[]}"#;
    assert_eq!(read_archive_index(newer), Err(ReadProblem::Newer(9)));
    assert!(matches!(
        read_published("{\"format\":\"jianbao-published\""),
        Err(ReadProblem::Corrupt(_))
    ));
    assert!(matches!(
        read_archive_file(r#"{"format":"jianbao-backup","version":1}"#),
        Err(ReadProblem::Corrupt(_))
    ));
}

#[test]
fn importing_skips_what_is_there_and_renames_clashing_ids() {
    let (a, _) = entry("a", "# 第一期\n");
    let index = ArchiveIndex {
        entries: vec![a],
        ..ArchiveIndex::default()
    };
    let file = ArchiveFile::new(
        3.0,
        vec![
            entry("a", "# 第一期\n"),
            entry("a", "# 第二期\n"),
            entry("c", "# 第三期\n"),
            entry("d", "# 第三期\n"),
        ],
    );
    let mut next = 0;
    let (add, already) = plan_import(&index, file, || {
        next += 1;
        format!("new{next}")
    });
    assert_eq!(
        already, 2,
        "the same text as an archived issue, and a text twice in the file"
    );
    let ids: Vec<&str> = add.iter().map(|(e, _)| e.id.as_str()).collect();
    assert_eq!(ids, ["new1", "c"]);
    assert!(add
        .iter()
        .all(|(e, p)| e.id == p.id && e.hash == text_hash(&p.markdown)));
}

#[test]
fn the_hash_tells_texts_apart() {
    assert_eq!(text_hash("甲"), text_hash("甲"));
    assert_ne!(text_hash("甲"), text_hash("乙"));
    assert_eq!(text_hash("").len(), 16);
    assert_eq!(published_key("x"), "jianbao:published:x");
}
