//! The localStorage edge: values are kept byte for byte (whatever they hold), and an
//! issue saved in parts over real localStorage loads back unchanged in a fresh set of
//! drafts, as another tab or the next visit would read it.

use jianbao::core::format::{export, import};
use jianbao::store::drafts::Drafts;
use jianbao::store::kv::Kv;
use jianbao::store::local::LocalKv;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn local_storage_keeps_values_byte_for_byte() {
    let values = [
        "# 科协每周动态\n\n\"引号\" \\ 反斜杠\t制表\u{2028}行分隔 <script>\n",
        "not json at all {",
        "",
    ];
    for (n, value) in values.iter().enumerate() {
        let key = format!("jianbao:test:{n}");
        LocalKv.set(&key, value).expect("a small write fits");
        assert_eq!(LocalKv.get(&key).unwrap().as_deref(), Some(*value));
        assert!(LocalKv.keys().unwrap().contains(&key));
        LocalKv.remove(&key).unwrap();
        assert_eq!(LocalKv.get(&key).unwrap(), None);
    }
}

#[wasm_bindgen_test]
fn an_issue_saved_in_parts_loads_back_in_a_fresh_tab() {
    let markdown = "# 测试简报\n\n2024年第3期\n\n## 【学会动态】\n\n### 一篇稿件\n\n正文。\n\n（甲学会）\n\n### 二篇\n\n正文二。\n";
    let issue = import(markdown).0;
    let mut tab = Drafts::new(LocalKv, js_sys::Date::now, || "unused".into());
    let revision = tab.save_issue("webtest", "测试", &issue, 0, None).expect("saved");
    let mut other = Drafts::new(LocalKv, js_sys::Date::now, || "unused".into());
    let (record, loaded) = other.load_issue("webtest").expect("readable").expect("stored");
    assert_eq!(record.revision, revision);
    assert_eq!(record.markdown, export(&issue));
    assert_eq!(loaded, issue);
    other.forget("webtest");
    assert!(LocalKv.keys().unwrap().iter().all(|k| !k.contains("webtest")));
}
