//! The on-demand parts' loader (`ui::worker`): its messages, and a part whose files are
//! missing, which must fail with a message at once instead of leaving the page waiting.

use jianbao::ui::i18n::Key;
use jianbao::ui::worker::{ask, fill, Failure, Part};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn labels_are_spaced_as_the_interface_writes_them() {
    assert_eq!(fill("无法加载{}。", "Word 读取程序"), "无法加载 Word 读取程序。");
    assert_eq!(fill("无法加载{}（原因）", "统计程序"), "无法加载统计程序（原因）");
    assert_eq!(fill("正在加载{}…", "Word 导出程序"), "正在加载 Word 导出程序…");
    assert_eq!(fill("{}运行出错", "Word 读取程序"), "Word 读取程序运行出错");
    assert_eq!(fill("{}运行出错", "reader"), "reader 运行出错");
    assert_eq!(fill("Loading {}…", "the Word reader"), "Loading the Word reader…");
    assert_eq!(fill("no label", "x"), "no label");
}

/// A part that no build has.
static MISSING: Part = Part {
    name: "no_such_worker",
    label: Key::WordReaderPart,
    working: None,
    advice: Key::WordReaderAdvice,
    limit_ms: 5_000,
};

#[wasm_bindgen_test]
async fn a_part_whose_files_are_missing_fails_to_load_with_a_message() {
    let failure = ask(&MISSING, &JsValue::from_str("hello"), None).await;
    assert_eq!(failure, Err(Failure::Load { offline: false }));
    let message = Failure::Load { offline: false }.message(&MISSING);
    assert!(message.starts_with("无法加载 Word 读取程序"), "{message}");
    assert!(message.contains("刷新页面"), "{message}");
    // Asked again, it tries again (and fails again) rather than keeping a dead worker.
    assert_eq!(
        ask(&MISSING, &JsValue::from_str("hello"), None).await,
        Err(Failure::Load { offline: false })
    );
}
