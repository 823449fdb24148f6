//! The localStorage edge: an issue record written by the browser's `JSON.stringify` (the
//! autosave's path) reads back through the same serde reader as every other record.

use jianbao::store::local::record_json;
use jianbao::store::records::{new_record, read_issue};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn a_record_written_in_javascript_reads_back_unchanged() {
    let markdown = "# 科协每周动态\n\n\"引号\" \\ 反斜杠\t制表\u{2028}行分隔 <script>\n\n（甲、乙）\n".to_string();
    let mut record = new_record("abc-1", 42, 1_700_000_000_123.5, markdown);
    for (open_item, snapshot_at) in [(None, None), (Some(3), Some(1_700_000_000_000.0))] {
        record.open_item = open_item;
        record.snapshot_at = snapshot_at;
        let json = String::from(record_json(&record).expect("a JSON text"));
        let back = read_issue(&json).expect("the record reads back");
        assert_eq!(back, record, "{json}");
        // The same fields as serde writes (JavaScript writes 1700000000000.0 as
        // 1700000000000, which reads back as the same number).
        let fields = |value: serde_json::Value| -> Vec<String> {
            value.as_object().expect("an object").keys().cloned().collect()
        };
        let serde = fields(serde_json::to_value(&record).unwrap());
        assert_eq!(fields(serde_json::from_str(&json).unwrap()), serde);
    }
}
